// Rules of inspections and rectification (SPEC §3.7): checklists per kind
// (admins and commanders edit them), tasks assigned to inspectors singly or
// in bulk, the inspection on site (checklist answers, findings with photos,
// 立行立改 closed at once, 限期整改 with a deadline not in the past), the
// enterprise's rectification evidence, the inspector's re-check (pass →
// closed; fail → open again with a new deadline), closure of the task when
// its last finding closes (clearing the resumption application's
// `inspection_due`), escalation of overdue rectifications to the district's
// commanders, and the seeds' figures. Every read and write applies the
// caller's scope; objects outside it answer 404. Notifications are written in
// the transaction of the change that causes them. A refused request changes
// nothing.
// Thread-safe (state lives in the database; writes are optimistic).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/hygiene/disinfection_service.h"
#include "modules/inspection/inspection.h"
#include "modules/inspection/inspection_repository.h"
#include "system/principal.h"
#include "system/reference_service.h"

namespace fugong::inspection {

// A task with what the inspection form shows.
struct TaskDetail {
  Task task;
  std::vector<ChecklistItem> checklist;
  std::vector<Finding> findings;
  // The enterprise's disinfection rounds and isolation rooms today (hygiene
  // module), when readable.
  std::optional<hygiene::EnterpriseHygiene> hygiene;
  // Suggested answers from that evidence (item code → true/false).
  std::map<std::string, bool> suggestions;
};

class InspectionService {
 public:
  InspectionService(db::Database& db, const system::ReferenceService& reference,
                    hygiene::DisinfectionService& disinfections)
      : db_(db), reference_(reference), disinfections_(disinfections) {}
  InspectionService(const InspectionService&) = delete;
  InspectionService& operator=(const InspectionService&) = delete;

  // 400 kind.
  Result<std::vector<ChecklistItem>> Checklist(const std::string& kind);
  // 400 naming items[i].code / items[i].label (empty, duplicate, too long).
  Result<std::vector<ChecklistItem>> ReplaceChecklist(const std::string& kind,
                                                      std::vector<ChecklistItem> items,
                                                      const system::Principal& by);

  // Inspector accounts whose region overlaps the caller's scope.
  Result<std::vector<InspectorRef>> Inspectors(const system::Principal& by);

  // 400 naming kind, uscc, inspector_id (not an inspector of the enterprise's
  // region), due_date; 404 unknown_enterprise; 409 open_task_exists.
  Result<Task> CreateTask(NewTask in, const system::Principal& by);
  Result<BulkResult> CreateTasks(BulkTasks in, const system::Principal& by);
  Result<std::vector<Task>> ListTasks(TaskFilter f, const system::Page& page,
                                      const system::Principal& by, int64_t* total);
  Result<TaskDetail> GetTask(int64_t id, const system::Principal& by);

  // The assigned inspector: assigned → in_progress.
  Result<Task> StartTask(int64_t id, const system::Principal& by);
  // Saves answers (known items only) and the comment while in progress.
  Result<Task> SaveAnswers(int64_t id, std::map<std::string, bool> answers, std::string comment,
                           const system::Principal& by);
  // Every item answered, each failed item with a finding: → rectifying, or
  // closed when no finding is left open.
  Result<Task> SubmitTask(int64_t id, const system::Principal& by);
  // Commanders and admins: assigned or in_progress → cancelled.
  Result<Task> CancelTask(int64_t id, const system::Principal& by);

  // 400 naming item_code, description, severity, disposition, deadline.
  Result<Finding> AddFinding(int64_t task_id, NewFinding in, const system::Principal& by);
  Result<Finding> GetFinding(int64_t id, const system::Principal& by);
  Result<std::vector<Finding>> ListFindings(FindingFilter f, const system::Page& page,
                                            const system::Principal& by, int64_t* total);
  // The findings of the filter as XLSX in a new temporary file; returns its path.
  Result<std::string> ExportFindings(FindingFilter f, io::TableFormat format,
                                     const system::Principal& by);

  // The inspector (stage finding, while inspecting) or the enterprise (stage
  // evidence, while the finding is open): JPEG or PNG by content (415), at
  // most 10 MiB (413), 9 per stage and round (409).
  Result<Photo> AddPhoto(int64_t finding_id, const std::string& filename, std::string bytes,
                         const system::Principal& by);
  Result<Photo> GetPhoto(int64_t finding_id, int64_t photo_id, const system::Principal& by);

  // The enterprise: open → submitted, with a note (and the photos uploaded).
  Result<Finding> SubmitEvidence(int64_t finding_id, std::string note, const system::Principal& by);
  // The task's inspector: submitted → closed (pass) or open with a new deadline.
  Result<Finding> Recheck(int64_t finding_id, RecheckInput in, const system::Principal& by);

  // Marks overdue rectifications and notifies the district's commanders;
  // returns how many were escalated now. Idempotent across processes.
  Result<int64_t> EscalateOverdue();

  // The figures over the caller's scope (and `region`) for found/inspected
  // dates in [from, to] (default: the last 30 days).
  Result<Summary> GetSummary(const std::string& region, std::string from, std::string to,
                             const system::Principal& by);

 private:
  Result<Task> LoadTask(db::Connection& c, int64_t id, const system::Principal& by);
  Result<Finding> LoadFinding(db::Connection& c, int64_t id, const system::Principal& by);
  // Fills a filter's region level (400 region).
  Status ResolveRegion(std::string* code, int* level) const;
  Status Notify(db::Connection& c, const std::vector<int64_t>& users, const std::string& kind,
                const std::string& title, const std::string& body, const std::string& link);
  // Closes the task when none of its findings is open any more.
  Status CloseIfDone(db::Connection& c, Task t);

  db::Database& db_;
  const system::ReferenceService& reference_;
  hygiene::DisinfectionService& disinfections_;
};

}  // namespace fugong::inspection
