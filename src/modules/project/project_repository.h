// SQL of key projects: the registry, contractors, officials, the dated status
// history, the owner's reports, the sites linked to a project, the demands
// linked to a project, and the facts the rates read. Every read a caller can
// reach takes its Scope (an enterprise sees the projects it owns or builds).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/project/project.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::project {

// Where a project is, as its rows carry it.
struct Place {
  std::string region_code, province_code, city_code, county_code, town_code;
};

class ProjectRepository {
 public:
  // An enterprise of the registry (any region), by USCC.
  static Result<std::optional<Party>> EnterpriseByUscc(db::Connection& c, const std::string& uscc);
  // A government user (not an enterprise account) by username.
  static Result<std::optional<Official>> OfficialByUsername(db::Connection& c,
                                                            const std::string& username);
  // The project's id and whether it lies in `scope` (nullopt: no such code).
  static Result<std::optional<std::pair<int64_t, bool>>> IdByCode(db::Connection& c,
                                                                  const std::string& code,
                                                                  const system::Scope& scope);

  static Result<int64_t> Insert(db::Connection& c, const ProjectInput& in, int64_t owner,
                                const Place& place, int64_t by);
  static Status Update(db::Connection& c, int64_t id, const ProjectInput& in, int64_t owner,
                       const Place& place, int64_t by);
  static Status SetContractors(db::Connection& c, int64_t id, const std::vector<int64_t>& ids,
                               const Place& place);
  static Status SetOfficials(db::Connection& c, int64_t id, int64_t owner,
                             const std::vector<int64_t>& user_ids, const Place& place);
  // Adds a history entry (replacing one of the same date) and sets the
  // project's current status to the latest entry.
  static Status AddStatus(db::Connection& c, int64_t id, int64_t owner, const Place& place,
                          const std::string& status, const std::string& date,
                          const std::string& note, int64_t by);

  static Result<std::optional<Project>> Get(db::Connection& c, int64_t id,
                                            const system::Scope& scope);
  static Result<std::vector<Project>> List(db::Connection& c, const ProjectFilter& f,
                                           const system::Scope& scope, const system::Page& page,
                                           int64_t* total);
  // Every project of the filter, in code order (exports).
  static Status ForEach(db::Connection& c, const ProjectFilter& f, const system::Scope& scope,
                        const std::function<Status(const Project&)>& fn);
  static Result<std::vector<Party>> Contractors(db::Connection& c, int64_t id);
  static Result<std::vector<Official>> Officials(db::Connection& c, int64_t id);
  static Result<std::vector<StatusEntry>> History(db::Connection& c, int64_t id);

  // True when the report of that day was new.
  static Result<bool> UpsertReport(db::Connection& c, const Project& p, const Report& r,
                                   int64_t by);
  static Result<std::vector<Report>> Reports(db::Connection& c, int64_t id, int limit);

  // The enterprise is the project's owner or one of its contractors.
  static Result<bool> IsParty(db::Connection& c, int64_t project_id, int64_t enterprise_id);

  // Sites: link a site of one of `enterprises` (false when no such site).
  static Result<bool> LinkSite(db::Connection& c, int64_t project_id, int64_t site_id,
                               const std::vector<int64_t>& enterprises);
  static Result<bool> UnlinkSite(db::Connection& c, int64_t project_id, int64_t site_id);
  static Result<std::vector<ProjectSite>> Sites(db::Connection& c, int64_t project_id);

  static Result<std::vector<LinkedDemand>> Demands(db::Connection& c, int64_t project_id);
  // Demands linked to projects in the region subtree, for the period.
  static Result<ProblemFigures> Problems(db::Connection& c, const system::Scope& region,
                                         const std::string& from, const std::string& to);

  // Facts of the projects in the region subtree at `date` (YYYY-MM-DD): the
  // history, the year's latest report on or before it, that day's reported
  // and gate headcounts.
  static Result<std::vector<Fact>> Facts(db::Connection& c, const system::Scope& region,
                                         const std::string& category, const std::string& date);
};

}  // namespace fugong::project
