// Rules and workflow of resumption applications (SPEC §3.2): drafting by the
// enterprise, the route chosen at submission from the region's settings
// (negative_list → 承诺即复工 or the standard route; review_levels; routing to
// a department), review level by level with one-shot deficiency lists,
// on-site acceptance, withdrawal, evidence uploads, and the enterprise's
// status moving to 已复工 on approval. Every read and write applies the
// caller's data scope; a reviewer sees only their department's applications.
// Every transition is recorded; a refused one changes nothing.
// Thread-safe (state lives in the database; writes are optimistic, so two
// reviewers acting at once cannot both succeed).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/resumption/application.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"

namespace fugong::resumption {

// An application with everything its page shows.
struct ApplicationDetail {
  Application application;
  std::vector<Transition> timeline;
  std::vector<Attachment> attachments;  // without content
  std::vector<Acceptance> acceptances;
};

struct ApplicationStats {
  std::map<std::string, int64_t> by_state;  // every state, zeros included
  int64_t total = 0;
  int64_t inspection_due = 0;
};

// The route an enterprise's application takes, as decided at submission.
struct RoutePlan {
  std::string route;                 // commitment | standard
  std::vector<std::string> reasons;  // negative-list matches
  std::string department;            // from the routing setting
  std::vector<int> review_levels;    // levels the enterprise's region has
  system::Region region;             // the enterprise's region
};

class ApplicationService {
 public:
  ApplicationService(db::Database& db, const system::ReferenceService& reference,
                     const system::SettingsService& settings,
                     enterprise::EnterpriseService& enterprises)
      : db_(db), reference_(reference), settings_(settings), enterprises_(enterprises) {}
  ApplicationService(const ApplicationService&) = delete;
  ApplicationService& operator=(const ApplicationService&) = delete;

  // A new draft for the enterprise `uscc`, by its own account (or an admin).
  // 404 outside the scope, 409 open_application_exists when the enterprise
  // already has an open application.
  Result<Application> Create(const std::string& uscc, const ApplicationContent& content,
                             const system::Principal& by);
  // Replaces the content of a draft or returned application read at
  // `expected_version` (409 when it changed since).
  Result<Application> Update(int64_t id, int64_t expected_version,
                             const ApplicationContent& content, const system::Principal& by);
  // draft|rejected → submitted, then at once → approved (承诺即复工) or the
  // first review level (standard route).
  Result<Application> Submit(int64_t id, const system::Principal& by);
  Result<Application> Withdraw(int64_t id, const std::string& comment, const system::Principal& by);
  // A reviewer at the application's current level, region and department.
  Result<Application> Review(int64_t id, const ReviewDecision& decision,
                             const system::Principal& by);
  // An inspector of the application's region: pass → approved; fail → rejected.
  Result<Application> Accept(int64_t id, const AcceptanceInput& input, const system::Principal& by);

  // NotFound (never Forbidden, so existence does not leak) outside what `by` sees.
  Result<Application> Get(int64_t id, const system::Principal& by);
  Result<ApplicationDetail> Detail(int64_t id, const system::Principal& by);
  // The service fills the filter's region level and, with `queue`, what the
  // caller's roles can act on now.
  Result<std::vector<Application>> List(ApplicationFilter filter, const system::Principal& by,
                                        const system::Page& page, int64_t* total);
  Result<ApplicationStats> Stats(const std::string& region_code, const system::Principal& by);

  // Evidence: type by magic bytes (415), size ≤ 10 MiB (413), only while the
  // application is editable and by the enterprise itself.
  Result<Attachment> AddAttachment(int64_t id, const std::string& kind, const std::string& filename,
                                   std::string bytes, const system::Principal& by);
  // With its content, for whoever may view the application.
  Result<Attachment> GetAttachment(int64_t id, int64_t attachment_id, const system::Principal& by);
  Status DeleteAttachment(int64_t id, int64_t attachment_id, const system::Principal& by);

  // For the statistics module: applications in submitted, in_review,
  // acceptance_pending or approved within `scope`.
  Result<std::vector<PlannedResumption>> PlannedResumptions(const system::Scope& scope);
  Result<std::map<std::string, int64_t>> CountByState(const system::Scope& scope);

  // The enterprise's post-approval inspection (承诺即复工, inspected afterwards)
  // is closed: clears `inspection_due`, inside the caller's transaction (the
  // inspections module calls it when it closes the enterprise's inspection).
  static Result<int64_t> ClearInspectionDue(db::Connection& c, int64_t enterprise_id);

  // The route an application of `e` would take now (settings of its region).
  Result<RoutePlan> PlanRoute(const enterprise::Enterprise& e,
                              const std::string& declared_essential) const;

  // What `by` may see: their scope, narrowed to their department when their
  // only government role is reviewer.
  static Viewer ViewerOf(const system::Principal& by);

 private:
  // The application as `by` sees it, or NotFound.
  Result<Application> Load(int64_t id, const system::Principal& by);
  // Writes `after` (read at `before`'s version) and its transitions in one
  // transaction; 409 when another writer came first.
  Status Commit(const Application& before, const Application& after,
                const std::vector<Transition>& transitions, const Acceptance* acceptance,
                const system::Principal& by);
  // Notifies, in the committing transaction, who must act next: the
  // reviewers of the level now awaiting review, the acceptance inspectors,
  // or the enterprise of a decision.
  Status NotifyNext(db::Connection& c, const Application& after);
  // Sets the enterprise's status to 已复工 from `date` unless it already is
  // work_resumed or beyond.
  void MarkResumed(const Application& a, const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  enterprise::EnterpriseService& enterprises_;
};

}  // namespace fugong::resumption
