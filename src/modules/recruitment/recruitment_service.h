// Rules and workflow of online recruitment (线上招聘, SPEC §3.11):
// - a verified enterprise (in the registry and not 停业) posts jobs, which
//   wait for the human-resources department's review (setting
//   recruitment_department, default 人力资源和社会保障局) before they are public;
// - approval publishes the job and pushes it to the key-group seekers whose
//   desired industry and region match (notification kind job_match);
// - job seekers register themselves (public, rate-limited per address), keep
//   one résumé (mobile sealed at rest) and apply; the enterprise moves the
//   applications of its own jobs and reads an applicant's mobile through an
//   audited read;
// - the labour gap (用工缺口) sums the open places of published jobs.
// Every read and write applies the caller's scope; an object outside it
// answers 404; a refused request changes nothing; notifications are written
// in the transaction of the change. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/recruitment/recruitment.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"
#include "system/user_service.h"

namespace fugong::recruitment {

struct JobDetail {
  Job job;
  std::vector<JobEvent> events;
  bool can_review = false;
  bool can_edit = false;
};

class RecruitmentService {
 public:
  // `seal_key`: the 32-byte workforce seal key; the module's keys derive from it.
  RecruitmentService(db::Database& db, const system::ReferenceService& reference,
                     const system::SettingsService& settings, system::UserService& users,
                     enterprise::EnterpriseService& enterprises, const std::string& seal_key,
                     Limits limits = {});
  RecruitmentService(const RecruitmentService&) = delete;
  RecruitmentService& operator=(const RecruitmentService&) = delete;

  // Public self-registration: a user of role jobseeker and an empty résumé.
  // 400 naming the field, 409 duplicate_username, 429 too_many_registrations.
  Result<Seeker> Register(Registration in, const std::string& client_address);

  // Public board: approved jobs with places left.
  Result<std::vector<Job>> PublicJobs(JobFilter f, const system::Page& page, int64_t* total);
  Result<Job> PublicJob(int64_t id);

  // The seeker's own résumé (clear mobile) and its update.
  Result<Seeker> Resume(const system::Principal& by);
  Result<Seeker> UpdateResume(Seeker in, const system::Principal& by);
  Result<std::vector<Application>> MyApplications(const system::Principal& by,
                                                  const system::Page& page, int64_t* total);
  // 404 for a job not on the board; 409 already_applied.
  Result<Application> Apply(int64_t job_id, const std::string& message,
                            const system::Principal& by);
  Result<Application> Withdraw(int64_t application_id, const system::Principal& by);

  // Enterprises: 403 enterprise_not_verified; 400 naming the field.
  Result<JobDetail> CreateJob(JobInput in, const system::Principal& by);
  // Pending or rejected jobs only (a rejected job goes back to review).
  Result<JobDetail> UpdateJob(int64_t id, JobInput in, const system::Principal& by);
  Result<JobDetail> CloseJob(int64_t id, const system::Principal& by);
  // The HR department (or an admin): 403 wrong_department, 409 invalid_transition.
  Result<JobDetail> Approve(int64_t id, const std::string& note, const system::Principal& by);
  Result<JobDetail> Reject(int64_t id, const std::string& reason, const system::Principal& by);

  Result<std::vector<Job>> Jobs(JobFilter f, const system::Principal& by, const system::Page& page,
                                int64_t* total);
  Result<JobDetail> GetJob(int64_t id, const system::Principal& by);

  // Applications to the jobs of the caller's enterprise (masked mobiles).
  Result<std::vector<Application>> Applications(ApplicationFilter f, const system::Principal& by,
                                                const system::Page& page, int64_t* total);
  // 409 invalid_transition, 409 headcount_filled.
  Result<Application> MoveApplication(int64_t id, const std::string& to, const std::string& note,
                                      const system::Principal& by);
  // The applicant's mobile, after the audit record (read_personal_data).
  Result<std::string> ApplicantMobile(int64_t id, const system::Principal& by,
                                      const std::string& ip);

  // by: region (the children of `region`) | industry (sections).
  Result<LabourGap> Gap(const std::string& region, const std::string& by_kind,
                        const system::Principal& by);

  // Exports (a temporary file the caller removes).
  Result<std::string> ExportJobs(JobFilter f, io::TableFormat format, const system::Principal& by);
  Result<std::string> ExportApplications(ApplicationFilter f, io::TableFormat format,
                                         const system::Principal& by);
  Result<std::string> ExportGap(const std::string& region, const std::string& by_kind,
                                io::TableFormat format, const system::Principal& by);

  // The department that reviews jobs of `region_code`.
  std::string ReviewDepartment(const std::string& region_code) const;
  // Seals a mobile (also for the demo).
  std::string SealMobile(const std::string& mobile) const;

 private:
  Status PrepareFilter(JobFilter& f, const system::Scope& scope) const;
  Result<Job> LoadJob(int64_t id, const system::Principal& by);
  Result<JobDetail> Detail(int64_t id, const system::Principal& by);
  Status CheckReviewer(const Job& j, const system::Principal& by) const;
  Result<Seeker> SeekerOf(const system::Principal& by);
  // Trims and checks `in`; an empty industry or region takes the default.
  Status ResolveInput(JobInput& in, const std::string& default_region,
                      const std::string& default_industry, system::Region* location,
                      std::string* section) const;
  Status CommitJob(const Job& after, const system::Region& location, const JobEvent& event,
                   const system::Principal& by,
                   const std::function<Status(db::Connection&)>& extra);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  system::UserService& users_;
  enterprise::EnterpriseService& enterprises_;
  std::string mobile_key_;  // secretbox key of mobiles
  std::string hash_key_;    // keyed BLAKE2b of client addresses
  Limits limits_;
};

// Registration limits from FUGONG_JOBSEEKER_HOURLY_LIMIT / _DAILY_LIMIT (5 and 20).
Limits LimitsFromEnvironment();

}  // namespace fugong::recruitment
