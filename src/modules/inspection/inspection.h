// Inspections and rectification (督导检查 / 隐患整改, SPEC §3.7): checklists per
// kind, tasks of the acceptance group (验收组) and the guidance group (督导组)
// assigned to inspectors, findings fixed on the spot (立行立改) or rectified
// by a deadline (限期整改) with evidence, re-check, closure and escalation,
// and the seeds' figures. Plain structs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fugong::inspection {

// Kinds of inspection.
inline constexpr std::string_view kAcceptance = "acceptance";  // 验收组: to be resumed
inline constexpr std::string_view kGuidance = "guidance";      // 督导组: resumed
bool IsKind(std::string_view k);

// Task states.
inline constexpr std::string_view kTaskStates[] = {"assigned", "in_progress", "rectifying",
                                                   "closed", "cancelled"};
bool IsTaskState(std::string_view s);

// Finding dispositions, severities and states.
inline constexpr std::string_view kFixedOnSpot = "fixed_on_spot";              // 立行立改
inline constexpr std::string_view kRectifyByDeadline = "rectify_by_deadline";  // 限期整改
inline constexpr std::string_view kSeverities[] = {"general", "major"};
inline constexpr std::string_view kFindingStates[] = {"open", "submitted", "closed"};
bool IsSeverity(std::string_view s);
bool IsFindingState(std::string_view s);

// Photos: JPEG or PNG (judged by content), at most 10 MiB each, 9 per stage.
inline constexpr size_t kMaxPhotoBytes = size_t(10) << 20;
inline constexpr int kMaxPhotosPerRound = 9;
// A rectification due within this many days shows orange.
inline constexpr int kDueSoonDays = 2;

struct ChecklistItem {
  std::string code;
  std::string label;
  int position = 0;
};

struct Task {
  int64_t id = 0;
  std::string kind;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name, work_status;  // read only
  std::string region_code, region_name;                       // read only name
  std::string county_code;
  int64_t inspector_id = 0;
  std::string inspector_name;  // read only
  std::string due_date;
  std::string state;
  std::string note;
  std::map<std::string, bool> answers;
  std::string comment;
  std::string started_at, inspected_at, inspected_on, closed_at;
  int64_t version = 0;
  std::string created_at, created_by_name, updated_at;
  // Counts of its findings (read only).
  int64_t findings = 0, open_findings = 0, overdue_findings = 0;
};

struct NewTask {
  std::string kind;
  std::string uscc;
  int64_t inspector_id = 0;
  std::string due_date;
  std::string note;
};

// Bulk creation: one task per enterprise the filter selects that has no
// open task of that kind.
struct BulkTasks {
  std::string kind;
  int64_t inspector_id = 0;
  std::string due_date;
  std::string note;
  std::string region_code;         // subtree; empty: the caller's scope
  std::vector<std::string> usccs;  // or an explicit list
  bool only_due = true;            // acceptance: only enterprises awaiting inspection
  int limit = 500;
};

struct BulkResult {
  int64_t created = 0;
  int64_t skipped = 0;  // already had an open task
  std::vector<int64_t> task_ids;
};

struct TaskFilter {
  std::string kind;
  std::string state;  // one state, "open" (assigned|in_progress|rectifying) or empty
  std::optional<int64_t> inspector_id;
  std::string region_code;
  int region_level = 0;
  std::string q;  // enterprise name or USCC
  std::optional<int64_t> enterprise_id;
  std::string from, to;  // inspected_on range
};

struct Photo {
  int64_t id = 0;
  int64_t finding_id = 0;
  std::string stage;  // finding | evidence
  int round = 1;
  std::string filename, content_type, sha256;
  int64_t size = 0;
  std::string content;  // only when asked for
  std::string created_at;
};

struct FindingEvent {
  int64_t id = 0;
  std::string kind;  // created | evidence | recheck_pass | recheck_fail | escalated
  std::string note;
  std::string deadline;
  std::string at;
  std::string by_name;
};

struct Finding {
  int64_t id = 0;
  int64_t task_id = 0;
  std::string task_kind;  // read only
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;  // read only
  std::string region_code, county_code;
  int64_t inspector_id = 0;  // the task's (read only)
  std::string item_code, item_label;
  std::string description;
  std::string severity;
  std::string disposition;
  std::string deadline;
  std::string state;
  int rounds = 1;
  std::string found_on;
  std::string escalated_at, closed_at, closed_on;
  int64_t version = 0;
  std::string created_at, updated_at;
  std::vector<FindingEvent> events;  // detail only
  std::vector<Photo> photos;         // detail only, without content
};

struct NewFinding {
  std::string item_code;
  std::string description;
  std::string severity = "general";
  std::string disposition;
  std::string deadline;
};

struct FindingFilter {
  std::string state;  // open | submitted | closed | overdue | pending (open or submitted)
  std::string disposition;
  std::string kind;
  std::string region_code;
  int region_level = 0;
  std::string from, to;  // found_on range
  std::optional<int64_t> enterprise_id;
  std::optional<int64_t> task_id;
  std::optional<int64_t> inspector_id;
  std::string today;  // filled by the service (overdue)
};

struct RecheckInput {
  bool pass = false;
  std::string comment;
  std::string deadline;  // required when failing
};

// The seeds' figures over a region and a period: 检查企业N户，发现隐患M处，
// 立行立改X处，限期整改Y处，已整改销号Z处.
struct Summary {
  std::string region_code, region_name, from, to;
  int64_t tasks = 0;                  // inspections done (inspected in the period)
  int64_t inspected_enterprises = 0;  // distinct enterprises inspected in the period
  int64_t hazards = 0;                // findings found in the period
  int64_t fixed_on_spot = 0;
  int64_t with_deadline = 0;
  int64_t closed = 0;  // of the hazards, closed (fixed on the spot included)
  int64_t open = 0;    // still awaiting rectification or re-check
  int64_t overdue = 0;
  int64_t pending_tasks = 0;               // open tasks of the region (any date)
  std::map<std::string, int64_t> by_item;  // hazards by checklist item
};

}  // namespace fugong::inspection
