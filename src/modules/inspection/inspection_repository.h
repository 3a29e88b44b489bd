// SQL of inspections: checklists, tasks, findings, their events and photos,
// escalation and the summary figures. Every read a caller can reach takes
// its Scope (system/scope_sql.h). Stateless; callers pass the connection (and
// own the transaction).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/inspection/inspection.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::inspection {

// An enterprise as a task needs it.
struct EnterpriseRef {
  int64_t id = 0;
  std::string uscc, name, work_status;
  std::string region_code, province_code, city_code, county_code, town_code;
};

// An inspector account.
struct InspectorRef {
  int64_t id = 0;
  std::string username, display_name, region_code;
};

// A finding whose deadline passed, just marked escalated.
struct Escalated {
  int64_t id = 0;
  int64_t task_id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name, region_code, county_code, deadline;
};

class InspectionRepository {
 public:
  static Result<std::vector<ChecklistItem>> Checklist(db::Connection& c, const std::string& kind);
  // Replaces the active items of `kind` (others are deactivated, kept for old answers).
  static Status ReplaceChecklist(db::Connection& c, const std::string& kind,
                                 const std::vector<ChecklistItem>& items, int64_t by);
  static Result<std::string> ItemLabel(db::Connection& c, const std::string& kind,
                                       const std::string& code);

  static Result<std::optional<EnterpriseRef>> FindEnterprise(db::Connection& c,
                                                             const std::string& uscc,
                                                             const system::Scope& scope);
  // Enterprises for bulk creation: in `scope` (and `region`), matching the
  // kind's candidates, without an open task of that kind.
  static Result<std::vector<EnterpriseRef>> Candidates(db::Connection& c, const BulkTasks& b,
                                                       const system::Scope& scope,
                                                       const system::Scope& region,
                                                       int64_t* skipped);
  static Result<std::vector<InspectorRef>> Inspectors(db::Connection& c);
  static Result<std::optional<InspectorRef>> Inspector(db::Connection& c, int64_t user_id);

  static Result<bool> HasOpenTask(db::Connection& c, int64_t enterprise_id,
                                  const std::string& kind);
  static Result<int64_t> InsertTask(db::Connection& c, const NewTask& t, const EnterpriseRef& e,
                                    int64_t by);
  static Result<std::optional<Task>> GetTask(db::Connection& c, int64_t id,
                                             const system::Scope& scope, const std::string& today);
  static Result<std::vector<Task>> ListTasks(db::Connection& c, const TaskFilter& f,
                                             const system::Scope& scope, const std::string& today,
                                             const system::Page& page, int64_t* total);
  // Writes state, answers, comment and times when the version is still `t.version`.
  static Result<bool> UpdateTask(db::Connection& c, const Task& t);

  static Result<int64_t> InsertFinding(db::Connection& c, const Task& t, const EnterpriseRef& e,
                                       const NewFinding& f, const std::string& state,
                                       const std::string& today, int64_t by);
  static Result<std::optional<Finding>> GetFinding(db::Connection& c, int64_t id,
                                                   const system::Scope& scope);
  static Result<std::vector<Finding>> ListFindings(db::Connection& c, const FindingFilter& f,
                                                   const system::Scope& scope,
                                                   const system::Page& page, int64_t* total);
  static Status ForEachFinding(db::Connection& c, const FindingFilter& f,
                               const system::Scope& scope,
                               const std::function<Status(const Finding&)>& fn);
  // Writes state, deadline, rounds, escalation and closure when the version
  // is still `f.version`.
  static Result<bool> UpdateFinding(db::Connection& c, const Finding& f);
  static Result<int64_t> CountUnclosedFindings(db::Connection& c, int64_t task_id);

  static Status InsertEvent(db::Connection& c, const Finding& f, const std::string& kind,
                            const std::string& note, const std::string& deadline, int64_t by);
  static Result<std::vector<FindingEvent>> Events(db::Connection& c, int64_t finding_id);

  static Result<int64_t> InsertPhoto(db::Connection& c, const Finding& f, const Photo& p,
                                     int64_t by);
  static Result<int64_t> CountPhotos(db::Connection& c, int64_t finding_id,
                                     const std::string& stage, int round);
  static Result<std::vector<Photo>> Photos(db::Connection& c, int64_t finding_id);
  static Result<std::optional<Photo>> GetPhoto(db::Connection& c, int64_t finding_id,
                                               int64_t photo_id);

  // Marks open findings whose deadline is before `today` and not yet
  // escalated; returns them (one statement: two processes never both do).
  static Result<bool> AnyToEscalate(db::Connection& c, const std::string& today);
  static Result<std::vector<Escalated>> MarkOverdue(db::Connection& c, const std::string& today);

  static Result<Summary> Summarize(db::Connection& c, const system::Scope& scope,
                                   const system::Scope& region, const std::string& from,
                                   const std::string& to, const std::string& today);
};

}  // namespace fugong::inspection
