// SQL of jobs, their events, job seekers and applications. Reads of jobs and
// applications take the caller's scope (system/scope_sql.h) over the
// enterprise's region codes; the work location is filtered on its own codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/recruitment/recruitment.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::recruitment {

class JobRepository {
 public:
  static Result<int64_t> Insert(db::Connection& c, int64_t enterprise_id,
                                const system::Region& enterprise_region,
                                const system::Region& location, const std::string& industry_section,
                                const JobInput& in, const std::string& at, int64_t by);
  static Result<std::optional<Job>> Get(db::Connection& c, int64_t id, const system::Scope& scope);
  // Jobs of the filter within the scope, newest first; *total counts them all.
  static Result<std::vector<Job>> List(db::Connection& c, const JobFilter& f,
                                       const system::Scope& scope, const system::Page& page,
                                       int64_t* total);
  // Writes the editable and workflow columns when the version is still
  // `j.version` (then version + 1); false when another writer came first.
  // `by` becomes the reviewer when `j.reviewed_at` is `at` (a review now).
  static Result<bool> Update(db::Connection& c, const Job& j, const system::Region& location,
                             const std::string& at, int64_t by);
  // hired + 1 when places are left; false when the job is full.
  static Result<bool> AddHire(db::Connection& c, int64_t job_id, const std::string& at);
  static Status InsertEvent(db::Connection& c, const Job& j, const JobEvent& e, int64_t actor_id);
  static Result<std::vector<JobEvent>> Events(db::Connection& c, int64_t job_id);
  // The labour gap of open jobs (approved, places left) in the scope whose
  // location lies in `region` (level ≥ 1; level 0: everywhere), grouped by
  // the location's code at `group_level` (by region) or by industry section.
  static Result<std::vector<GapRow>> Gap(db::Connection& c, const system::Scope& scope,
                                         const std::string& region_code, int region_level,
                                         const std::string& by, int group_level);
};

class SeekerRepository {
 public:
  static Result<int64_t> Insert(db::Connection& c, const Seeker& s, const std::string& client_hash,
                                const std::string& at);
  static Result<std::optional<Seeker>> ByUser(db::Connection& c, int64_t user_id);
  static Result<std::optional<Seeker>> ById(db::Connection& c, int64_t id);
  static Status Update(db::Connection& c, const Seeker& s, const std::string& at);
  // Serialises registrations from one address on PostgreSQL (advisory lock).
  static Status LockClient(db::Connection& c, const std::string& client_hash);
  static Result<int64_t> CountFromClient(db::Connection& c, const std::string& client_hash,
                                         const std::string& since);
  // Seekers of enabled accounts in a key group, with the level of their desired region.
  static Result<std::vector<std::pair<Seeker, int>>> KeyGroupSeekers(db::Connection& c);
};

class ApplicationRepository {
 public:
  // nullopt when the seeker already applied to the job.
  static Result<std::optional<int64_t>> Insert(db::Connection& c, const Job& job, int64_t seeker_id,
                                               const std::string& message, const std::string& at);
  static Result<std::optional<Application>> Get(db::Connection& c, int64_t id);
  // Applications to the jobs of the scope (enterprise side).
  static Result<std::vector<Application>> ForScope(db::Connection& c, const ApplicationFilter& f,
                                                   const system::Scope& scope,
                                                   const system::Page& page, int64_t* total);
  static Result<std::vector<Application>> ForSeeker(db::Connection& c, int64_t seeker_id,
                                                    const system::Page& page, int64_t* total);
  // Moves the application from `from` to `to`; false when its state changed meanwhile.
  static Result<bool> Move(db::Connection& c, int64_t id, const std::string& from,
                           const std::string& to, const std::string& note, const std::string& at);
};

}  // namespace fugong::recruitment
