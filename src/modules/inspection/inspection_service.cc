#include "modules/inspection/inspection_service.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/validation.h"
#include "io/table_writer.h"
#include "modules/notification/notification.h"
#include "modules/resumption/application.h"
#include "modules/resumption/application_service.h"
#include "system/export.h"

namespace fugong::inspection {
namespace {

std::string Today() { return FormatDate(fugong::Today()); }

bool HasRole(const system::Principal& p, std::string_view role) {
  return std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end();
}
bool IsAdmin(const system::Principal& p) { return HasRole(p, "admin") || p.user_id == 0; }

Status TaskNotFound() {
  return NotFound("unknown_task", "检查任务不存在或无权访问",
                  "no such inspection task in your scope");
}
Status FindingNotFound() {
  return NotFound("unknown_finding", "问题不存在或无权访问", "no such finding in your scope");
}
Status ConcurrentChange() {
  return Conflict("version", "concurrent_change", "记录已被他人修改，请刷新后重试",
                  "the record was changed meanwhile; reload and try again");
}
Status InvalidTransition(const std::string& state, const std::string& zh_action,
                         const std::string& en_action) {
  return Conflict("state", "invalid_transition", "当前状态（" + state + "）不能" + zh_action,
                  "cannot " + en_action + " in state " + state);
}
Status NotAssignee() {
  return Status(ErrorKind::kPermissionDenied, "not_assignee", "只有任务指派的检查员可以操作",
                "only the task's inspector may do this");
}

Status TextField(const std::string& field, const std::string& v, long max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (required && n == 0)
    return InvalidArgument(field, "required", "缺少必填字段 " + field,
                           "field " + field + " is required");
  if (n > max)
    return InvalidArgument(field, "too_long", field + " 超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

Status ValidateKind(const std::string& kind) {
  if (IsKind(kind)) return Status::Ok();
  return InvalidArgument("kind", "invalid_value", "kind 应为 acceptance（验收）或 guidance（督导）",
                         "kind must be acceptance or guidance");
}

Status ValidateDay(const std::string& v, const std::string& field) {
  if (ParseDate(v)) return Status::Ok();
  return InvalidArgument(field, "invalid_date", field + " 应为 YYYY-MM-DD 格式的有效日期",
                         field + " must be a real date YYYY-MM-DD");
}

// A deadline: a date, not before today, within a year.
Status ValidateDeadline(const std::string& v, const std::string& field) {
  if (v.empty())
    return InvalidArgument(field, "required", "限期整改须填写整改期限 " + field,
                           field + " is required to rectify by a deadline");
  RETURN_IF_ERROR(ValidateDay(v, field));
  auto d = *ParseDate(v);
  auto today = fugong::Today();
  if (d < today)
    return InvalidArgument(field, "in_past", "整改期限不能早于今天（" + FormatDate(today) + "）",
                           "the deadline cannot be before today (" + FormatDate(today) + ")");
  if (d > today + std::chrono::days(365))
    return InvalidArgument(field, "too_far", "整改期限不能超过一年",
                           "the deadline is more than a year away");
  return Status::Ok();
}

std::string CleanName(const std::string& name, const std::string& ext) {
  std::string base = name;
  size_t slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  std::string out;
  for (unsigned char ch : base)
    if (ch >= 0x20 && ch != 0x7f && ch != '"') out += char(ch);
  out = Trim(out);
  if (Utf8Length(out) < 0 || Utf8Length(out) > 100) out.clear();
  if (out.empty()) out = "photo" + ext;
  return out;
}

const char* StateZh(const std::string& s) {
  if (s == "open") return "待整改";
  if (s == "submitted") return "待复查";
  if (s == "closed") return "已销号";
  return "";
}

}  // namespace

bool IsKind(std::string_view k) { return k == kAcceptance || k == kGuidance; }
bool IsTaskState(std::string_view s) {
  return std::find(std::begin(kTaskStates), std::end(kTaskStates), s) != std::end(kTaskStates);
}
bool IsSeverity(std::string_view s) {
  return std::find(std::begin(kSeverities), std::end(kSeverities), s) != std::end(kSeverities);
}
bool IsFindingState(std::string_view s) {
  return std::find(std::begin(kFindingStates), std::end(kFindingStates), s) !=
         std::end(kFindingStates);
}

Status InspectionService::ResolveRegion(std::string* code, int* level) const {
  if (code->empty()) return Status::Ok();
  ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(*code, "region"));
  *code = r.code;
  *level = r.level;
  return Status::Ok();
}

Status InspectionService::Notify(db::Connection& c, const std::vector<int64_t>& users,
                                 const std::string& kind, const std::string& title,
                                 const std::string& body, const std::string& link) {
  if (users.empty()) return Status::Ok();
  notification::NewNotification n;
  n.user_ids = users;
  n.kind = kind;
  n.title = title;
  n.body = body;
  n.link = link;
  return notification::Enqueue(c, n);
}

Result<std::vector<ChecklistItem>> InspectionService::Checklist(const std::string& kind) {
  RETURN_IF_ERROR(ValidateKind(kind));
  std::vector<ChecklistItem> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, InspectionRepository::Checklist(c, kind));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<ChecklistItem>> InspectionService::ReplaceChecklist(
    const std::string& kind, std::vector<ChecklistItem> items, const system::Principal& by) {
  RETURN_IF_ERROR(ValidateKind(kind));
  if (items.empty())
    return InvalidArgument("items", "required", "检查清单至少需要一项",
                           "a checklist needs at least one item");
  if (items.size() > 50)
    return InvalidArgument("items", "too_many", "检查清单最多 50 项", "at most 50 items");
  std::set<std::string> seen;
  for (size_t i = 0; i < items.size(); ++i) {
    std::string prefix = "items[" + std::to_string(i) + "].";
    auto& it = items[i];
    it.code = Trim(it.code);
    it.label = Trim(it.label);
    it.position = int(i + 1);
    RETURN_IF_ERROR(TextField(prefix + "code", it.code, 40, true));
    bool ok = std::all_of(it.code.begin(), it.code.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
    if (!ok)
      return InvalidArgument(prefix + "code", "invalid_code",
                             "项目代码只能包含小写字母、数字和下划线",
                             "an item code has lower-case letters, digits and underscores only");
    if (!seen.insert(it.code).second)
      return InvalidArgument(prefix + "code", "duplicate", "项目代码重复：" + it.code,
                             "duplicate item code " + it.code);
    RETURN_IF_ERROR(TextField(prefix + "label", it.label, 100, true));
  }
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) {
    return InspectionRepository::ReplaceChecklist(c, kind, items, by.user_id);
  }));
  return Checklist(kind);
}

Result<std::vector<InspectorRef>> InspectionService::Inspectors(const system::Principal& by) {
  std::vector<InspectorRef> all;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(all, InspectionRepository::Inspectors(c));
    return Status::Ok();
  }));
  if (by.scope.all) return all;
  if (by.scope.region_code.empty()) return std::vector<InspectorRef>{};
  auto mine = reference_.GetRegion(by.scope.region_code);
  if (!mine.ok()) return std::vector<InspectorRef>{};
  std::vector<InspectorRef> out;
  for (auto& i : all) {
    auto r = reference_.GetRegion(i.region_code);
    if (!r.ok()) continue;
    bool below = r->CodeAtLevel(mine->level) == mine->code;
    bool above = mine->CodeAtLevel(r->level) == r->code;
    if (below || above) out.push_back(std::move(i));
  }
  return out;
}

namespace {

// The inspector's region covers the enterprise.
bool Covers(const InspectorRef& i, const EnterpriseRef& e) {
  if (i.region_code.empty()) return false;
  for (const auto* code :
       {&e.region_code, &e.province_code, &e.city_code, &e.county_code, &e.town_code})
    if (*code == i.region_code) return true;
  return false;
}

Status ValidateTaskInput(const std::string& due_date, const std::string& note) {
  RETURN_IF_ERROR(ValidateDay(due_date, "due_date"));
  if (*ParseDate(due_date) < fugong::Today())
    return InvalidArgument("due_date", "in_past", "检查期限不能早于今天",
                           "the due date cannot be before today");
  return TextField("note", note, 200, false);
}

Status InspectorInvalid() {
  return InvalidArgument("inspector_id", "invalid_inspector", "检查员不存在或不负责该企业所在区域",
                         "no inspector of this enterprise's region with that id");
}

}  // namespace

Result<Task> InspectionService::CreateTask(NewTask in, const system::Principal& by) {
  RETURN_IF_ERROR(ValidateKind(in.kind));
  in.uscc = Trim(in.uscc);
  in.note = Trim(in.note);
  if (in.uscc.empty())
    return InvalidArgument("uscc", "required", "缺少企业 uscc", "field uscc is required");
  if (in.due_date.empty()) in.due_date = Today();
  RETURN_IF_ERROR(ValidateTaskInput(in.due_date, in.note));
  std::optional<Task> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto e, InspectionRepository::FindEnterprise(c, in.uscc, by.scope));
    if (!e)
      return NotFound("unknown_enterprise", "企业不存在或无权访问：" + in.uscc,
                      "no such enterprise in your scope: " + in.uscc);
    ASSIGN_OR_RETURN(auto insp, InspectionRepository::Inspector(c, in.inspector_id));
    if (!insp || !Covers(*insp, *e)) return InspectorInvalid();
    ASSIGN_OR_RETURN(bool open, InspectionRepository::HasOpenTask(c, e->id, in.kind));
    if (open)
      return Conflict("uscc", "open_task_exists", "该企业已有未完成的同类检查任务",
                      "this enterprise already has an open task of that kind");
    ASSIGN_OR_RETURN(int64_t id, InspectionRepository::InsertTask(c, in, *e, by.user_id));
    RETURN_IF_ERROR(Notify(
        c, {insp->id}, "inspection_assigned",
        std::string(in.kind == kAcceptance ? "新的验收任务：" : "新的督导检查任务：") + e->name,
        "检查期限 " + in.due_date, "/inspection/tasks/" + std::to_string(id)));
    ASSIGN_OR_RETURN(out, InspectionRepository::GetTask(c, id, system::Scope::All(), Today()));
    return Status::Ok();
  }));
  if (!out) return Internal("inspection task vanished");
  return *out;
}

Result<BulkResult> InspectionService::CreateTasks(BulkTasks in, const system::Principal& by) {
  RETURN_IF_ERROR(ValidateKind(in.kind));
  in.note = Trim(in.note);
  if (in.due_date.empty()) in.due_date = Today();
  RETURN_IF_ERROR(ValidateTaskInput(in.due_date, in.note));
  if (in.usccs.size() > 500)
    return InvalidArgument("usccs", "too_many", "一次最多 500 户企业",
                           "at most 500 enterprises at once");
  int level = 0;
  RETURN_IF_ERROR(ResolveRegion(&in.region_code, &level));
  system::Scope region{false, in.region_code, level, std::nullopt};
  BulkResult out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto insp, InspectionRepository::Inspector(c, in.inspector_id));
    if (!insp) return InspectorInvalid();
    ASSIGN_OR_RETURN(auto list,
                     InspectionRepository::Candidates(c, in, by.scope, region, &out.skipped));
    for (const auto& e : list)
      if (!Covers(*insp, e)) return InspectorInvalid();
    for (const auto& e : list) {
      NewTask t{in.kind, e.uscc, insp->id, in.due_date, in.note};
      ASSIGN_OR_RETURN(int64_t id, InspectionRepository::InsertTask(c, t, e, by.user_id));
      out.task_ids.push_back(id);
    }
    out.created = int64_t(out.task_ids.size());
    if (out.created > 0)
      RETURN_IF_ERROR(Notify(c, {insp->id}, "inspection_assigned",
                             "新的检查任务 " + std::to_string(out.created) + " 项",
                             "检查期限 " + in.due_date, "/inspection/tasks?mine=1"));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Task>> InspectionService::ListTasks(TaskFilter f, const system::Page& page,
                                                       const system::Principal& by,
                                                       int64_t* total) {
  if (!f.kind.empty()) RETURN_IF_ERROR(ValidateKind(f.kind));
  if (!f.state.empty() && f.state != "open" && !IsTaskState(f.state))
    return InvalidArgument("state", "invalid_value", "state 不是有效的任务状态",
                           "state is not a task state");
  if (!f.from.empty()) RETURN_IF_ERROR(ValidateDay(f.from, "from"));
  if (!f.to.empty()) RETURN_IF_ERROR(ValidateDay(f.to, "to"));
  RETURN_IF_ERROR(ResolveRegion(&f.region_code, &f.region_level));
  std::vector<Task> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, InspectionRepository::ListTasks(c, f, by.scope, Today(), page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Task> InspectionService::LoadTask(db::Connection& c, int64_t id,
                                         const system::Principal& by) {
  ASSIGN_OR_RETURN(auto t, InspectionRepository::GetTask(c, id, by.scope, Today()));
  if (!t) return TaskNotFound();
  return *t;
}

Result<TaskDetail> InspectionService::GetTask(int64_t id, const system::Principal& by) {
  TaskDetail d;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(d.task, LoadTask(c, id, by));
    ASSIGN_OR_RETURN(d.checklist, InspectionRepository::Checklist(c, d.task.kind));
    FindingFilter f;
    f.task_id = id;
    f.today = Today();
    ASSIGN_OR_RETURN(d.findings,
                     InspectionRepository::ListFindings(c, f, by.scope, {1, 1000}, nullptr));
    return Status::Ok();
  }));
  auto h = disinfections_.EnterpriseSummary(d.task.enterprise_uscc, Today(), by);
  if (h.ok()) {
    if (h->scheduled_areas > 0) d.suggestions["disinfection_records"] = h->missing == 0;
    d.suggestions["isolation_room"] = !h->rooms.empty();
    d.hygiene = std::move(*h);
  }
  return d;
}

namespace {

Status CheckInspector(const Task& t, const system::Principal& by) {
  if (t.inspector_id == by.user_id || IsAdmin(by)) return Status::Ok();
  return NotAssignee();
}

}  // namespace

Result<Task> InspectionService::StartTask(int64_t id, const system::Principal& by) {
  std::optional<Task> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Task t, LoadTask(c, id, by));
    RETURN_IF_ERROR(CheckInspector(t, by));
    if (t.state == "in_progress") {
      out = t;
      return Status::Ok();
    }
    if (t.state != "assigned") return InvalidTransition(t.state, "开始检查", "start");
    t.state = "in_progress";
    t.started_at = NowTimestamp();
    ASSIGN_OR_RETURN(bool ok, InspectionRepository::UpdateTask(c, t));
    if (!ok) return ConcurrentChange();
    ASSIGN_OR_RETURN(out, InspectionRepository::GetTask(c, id, by.scope, Today()));
    return Status::Ok();
  }));
  return *out;
}

Result<Task> InspectionService::SaveAnswers(int64_t id, std::map<std::string, bool> answers,
                                            std::string comment, const system::Principal& by) {
  comment = Trim(comment);
  RETURN_IF_ERROR(TextField("comment", comment, 500, false));
  std::optional<Task> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Task t, LoadTask(c, id, by));
    RETURN_IF_ERROR(CheckInspector(t, by));
    if (t.state != "assigned" && t.state != "in_progress")
      return InvalidTransition(t.state, "修改检查结果", "change the answers");
    ASSIGN_OR_RETURN(auto items, InspectionRepository::Checklist(c, t.kind));
    for (const auto& [code, v] : answers) {
      bool known = std::any_of(items.begin(), items.end(),
                               [&](const ChecklistItem& i) { return i.code == code; });
      if (!known)
        return InvalidArgument("answers." + code, "unknown_item", "未知的检查项目 " + code,
                               "unknown checklist item " + code);
    }
    if (t.state == "assigned") t.started_at = NowTimestamp();
    t.state = "in_progress";
    for (const auto& [code, v] : answers) t.answers[code] = v;
    t.comment = comment;
    ASSIGN_OR_RETURN(bool ok, InspectionRepository::UpdateTask(c, t));
    if (!ok) return ConcurrentChange();
    ASSIGN_OR_RETURN(out, InspectionRepository::GetTask(c, id, by.scope, Today()));
    return Status::Ok();
  }));
  return *out;
}

Status InspectionService::CloseIfDone(db::Connection& c, Task t) {
  ASSIGN_OR_RETURN(int64_t left, InspectionRepository::CountUnclosedFindings(c, t.id));
  if (left > 0) {
    if (t.state == "rectifying") return Status::Ok();
    t.state = "rectifying";
  } else {
    t.state = "closed";
    t.closed_at = NowTimestamp();
  }
  ASSIGN_OR_RETURN(bool ok, InspectionRepository::UpdateTask(c, t));
  if (!ok) return ConcurrentChange();
  if (t.state == "closed") {
    // The post-approval inspection of a commitment-route application is done.
    ASSIGN_OR_RETURN(int64_t cleared,
                     resumption::ApplicationService::ClearInspectionDue(c, t.enterprise_id));
    (void)cleared;
  }
  return Status::Ok();
}

Result<Task> InspectionService::SubmitTask(int64_t id, const system::Principal& by) {
  std::optional<Task> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Task t, LoadTask(c, id, by));
    RETURN_IF_ERROR(CheckInspector(t, by));
    if (t.state != "in_progress" && t.state != "assigned")
      return InvalidTransition(t.state, "提交检查结果", "submit");
    ASSIGN_OR_RETURN(auto items, InspectionRepository::Checklist(c, t.kind));
    FindingFilter ff;
    ff.task_id = t.id;
    ff.today = Today();
    ASSIGN_OR_RETURN(auto findings, InspectionRepository::ListFindings(c, ff, system::Scope::All(),
                                                                       {1, 1000}, nullptr));
    for (const auto& it : items) {
      auto a = t.answers.find(it.code);
      if (a == t.answers.end())
        return InvalidArgument("answers." + it.code, "required", "检查项目未填写：" + it.label,
                               "checklist item not answered: " + it.code);
      bool has_finding = std::any_of(findings.begin(), findings.end(),
                                     [&](const Finding& f) { return f.item_code == it.code; });
      if (!a->second && !has_finding)
        return InvalidArgument("answers." + it.code, "finding_required",
                               "不合格项目须登记问题：" + it.label,
                               "a failed item needs a finding: " + it.code);
    }
    if (t.started_at.empty()) t.started_at = NowTimestamp();
    t.inspected_at = NowTimestamp();
    t.inspected_on = Today();
    t.state = "in_progress";
    RETURN_IF_ERROR(CloseIfDone(c, t));
    ASSIGN_OR_RETURN(out, InspectionRepository::GetTask(c, id, by.scope, Today()));
    return Status::Ok();
  }));
  return *out;
}

Result<Task> InspectionService::CancelTask(int64_t id, const system::Principal& by) {
  std::optional<Task> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Task t, LoadTask(c, id, by));
    if (t.state != "assigned" && t.state != "in_progress")
      return InvalidTransition(t.state, "撤销", "cancel");
    if (t.findings > 0)
      return InvalidTransition(t.state + "，已登记问题", "撤销", "cancel with findings");
    t.state = "cancelled";
    t.closed_at = NowTimestamp();
    ASSIGN_OR_RETURN(bool ok, InspectionRepository::UpdateTask(c, t));
    if (!ok) return ConcurrentChange();
    ASSIGN_OR_RETURN(out, InspectionRepository::GetTask(c, id, by.scope, Today()));
    return Status::Ok();
  }));
  return *out;
}

Result<Finding> InspectionService::AddFinding(int64_t task_id, NewFinding in,
                                              const system::Principal& by) {
  in.item_code = Trim(in.item_code);
  in.description = Trim(in.description);
  RETURN_IF_ERROR(TextField("item_code", in.item_code, 40, true));
  RETURN_IF_ERROR(TextField("description", in.description, 500, true));
  if (!IsSeverity(in.severity))
    return InvalidArgument("severity", "invalid_value",
                           "severity 应为 general（一般）或 major（较大）",
                           "severity must be general or major");
  if (in.disposition == kFixedOnSpot) {
    if (!in.deadline.empty())
      return InvalidArgument("deadline", "not_allowed", "立行立改的问题不设整改期限",
                             "a finding fixed on the spot has no deadline");
  } else if (in.disposition == kRectifyByDeadline) {
    RETURN_IF_ERROR(ValidateDeadline(in.deadline, "deadline"));
  } else {
    return InvalidArgument(
        "disposition", "invalid_value",
        "disposition 应为 fixed_on_spot（立行立改）或 rectify_by_deadline（限期整改）",
        "disposition must be fixed_on_spot or rectify_by_deadline");
  }
  std::optional<Finding> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Task t, LoadTask(c, task_id, by));
    RETURN_IF_ERROR(CheckInspector(t, by));
    if (t.state != "assigned" && t.state != "in_progress")
      return InvalidTransition(t.state, "登记问题", "add findings");
    ASSIGN_OR_RETURN(std::string label, InspectionRepository::ItemLabel(c, t.kind, in.item_code));
    if (label.empty())
      return InvalidArgument("item_code", "unknown_item", "未知的检查项目 " + in.item_code,
                             "unknown checklist item " + in.item_code);
    ASSIGN_OR_RETURN(
        auto e, InspectionRepository::FindEnterprise(c, t.enterprise_uscc, system::Scope::All()));
    if (!e) return TaskNotFound();
    if (t.state == "assigned") {
      t.state = "in_progress";
      t.started_at = NowTimestamp();
    }
    t.answers[in.item_code] = false;  // a finding fails its item
    ASSIGN_OR_RETURN(bool ok, InspectionRepository::UpdateTask(c, t));
    if (!ok) return ConcurrentChange();
    bool spot = in.disposition == kFixedOnSpot;
    ASSIGN_OR_RETURN(int64_t id, InspectionRepository::InsertFinding(
                                     c, t, *e, in, spot ? "closed" : "open", Today(), by.user_id));
    ASSIGN_OR_RETURN(auto f, InspectionRepository::GetFinding(c, id, system::Scope::All()));
    if (!f) return Internal("finding vanished");
    RETURN_IF_ERROR(InspectionRepository::InsertEvent(c, *f, "created", in.description, in.deadline,
                                                      by.user_id));
    if (!spot) {
      ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, e->id));
      RETURN_IF_ERROR(Notify(c, users, "inspection_finding", "检查发现问题须限期整改：" + label,
                             in.description + "（整改期限 " + in.deadline + "）",
                             "/inspection/findings/" + std::to_string(id)));
    }
    out = *f;
    return Status::Ok();
  }));
  return *out;
}

Result<Finding> InspectionService::LoadFinding(db::Connection& c, int64_t id,
                                               const system::Principal& by) {
  ASSIGN_OR_RETURN(auto f, InspectionRepository::GetFinding(c, id, by.scope));
  if (!f) return FindingNotFound();
  return *f;
}

Result<Finding> InspectionService::GetFinding(int64_t id, const system::Principal& by) {
  Finding out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, LoadFinding(c, id, by));
    ASSIGN_OR_RETURN(out.events, InspectionRepository::Events(c, id));
    ASSIGN_OR_RETURN(out.photos, InspectionRepository::Photos(c, id));
    return Status::Ok();
  }));
  return out;
}

namespace {

Status ValidateFindingFilter(const FindingFilter& f) {
  static const std::string_view kStates[] = {"open", "submitted", "closed", "overdue", "pending"};
  if (!f.state.empty() &&
      std::find(std::begin(kStates), std::end(kStates), f.state) == std::end(kStates))
    return InvalidArgument("state", "invalid_value",
                           "state 应为 open、submitted、closed、overdue 或 pending",
                           "state must be open, submitted, closed, overdue or pending");
  if (!f.disposition.empty() && f.disposition != kFixedOnSpot &&
      f.disposition != kRectifyByDeadline)
    return InvalidArgument("disposition", "invalid_value",
                           "disposition 应为 fixed_on_spot 或 rectify_by_deadline",
                           "disposition must be fixed_on_spot or rectify_by_deadline");
  if (!f.kind.empty()) RETURN_IF_ERROR(ValidateKind(f.kind));
  if (!f.from.empty()) RETURN_IF_ERROR(ValidateDay(f.from, "from"));
  if (!f.to.empty()) RETURN_IF_ERROR(ValidateDay(f.to, "to"));
  return Status::Ok();
}

}  // namespace

Result<std::vector<Finding>> InspectionService::ListFindings(FindingFilter f,
                                                             const system::Page& page,
                                                             const system::Principal& by,
                                                             int64_t* total) {
  RETURN_IF_ERROR(ValidateFindingFilter(f));
  RETURN_IF_ERROR(ResolveRegion(&f.region_code, &f.region_level));
  (void)EscalateOverdue();
  f.today = Today();
  std::vector<Finding> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, InspectionRepository::ListFindings(c, f, by.scope, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> InspectionService::ExportFindings(FindingFilter f, io::TableFormat format,
                                                      const system::Principal& by) {
  RETURN_IF_ERROR(ValidateFindingFilter(f));
  RETURN_IF_ERROR(ResolveRegion(&f.region_code, &f.region_level));
  f.today = Today();
  return system::ExportTable(
      format, "隐患整改",
      {"编号", "企业名称", "统一社会信用代码", "检查类别", "检查项目", "问题描述", "严重程度",
       "处置方式", "整改期限", "状态", "是否逾期", "发现日期", "销号日期"},
      [&](io::TableWriter& writer) -> Status {
        return db_.WithConnection([&](db::Connection& c) {
          return InspectionRepository::ForEachFinding(c, f, by.scope, [&](const Finding& x) {
            bool overdue = x.state == "open" && !x.deadline.empty() && x.deadline < f.today;
            return writer.WriteRow(
                {double(x.id), x.enterprise_name, x.enterprise_uscc,
                 std::string(x.task_kind == kAcceptance ? "验收" : "督导"), x.item_label,
                 x.description, std::string(x.severity == "major" ? "较大" : "一般"),
                 std::string(x.disposition == kFixedOnSpot ? "立行立改" : "限期整改"), x.deadline,
                 std::string(StateZh(x.state)), std::string(overdue ? "是" : "否"), x.found_on,
                 x.closed_on});
          });
        });
      });
}

Result<Photo> InspectionService::AddPhoto(int64_t finding_id, const std::string& filename,
                                          std::string bytes, const system::Principal& by) {
  if (bytes.empty())
    return InvalidArgument("file", "required", "上传的照片为空", "the uploaded photo is empty");
  if (bytes.size() > kMaxPhotoBytes)
    return Status(ErrorKind::kTooLarge, "file_too_large", "照片超过 10 MiB 上限",
                  "the photo is larger than 10 MiB", "file");
  auto type = resumption::DetectFileType(bytes);
  if (!type || (type->content_type != "image/jpeg" && type->content_type != "image/png"))
    return Status(ErrorKind::kUnsupportedMedia, "unsupported_file",
                  "只接受 JPEG 或 PNG 照片（按文件内容识别）",
                  "only JPEG or PNG photos are accepted (judged by content)", "file");
  Photo p;
  p.filename = CleanName(filename, type->extension);
  p.content_type = type->content_type;
  p.size = int64_t(bytes.size());
  p.sha256 = resumption::Sha256Hex(bytes);
  p.content = std::move(bytes);
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Finding f, LoadFinding(c, finding_id, by));
    bool enterprise = by.scope.enterprise_id && *by.scope.enterprise_id == f.enterprise_id;
    if (enterprise) {
      if (f.state != "open")
        return InvalidTransition(f.state, "上传整改照片", "add evidence photos");
      p.stage = "evidence";
      p.round = f.rounds;
    } else {
      ASSIGN_OR_RETURN(Task t, LoadTask(c, f.task_id, by));
      RETURN_IF_ERROR(CheckInspector(t, by));
      if (t.state != "assigned" && t.state != "in_progress")
        return InvalidTransition(t.state, "上传问题照片", "add photos");
      p.stage = "finding";
      p.round = 1;
    }
    ASSIGN_OR_RETURN(int64_t n, InspectionRepository::CountPhotos(c, f.id, p.stage, p.round));
    if (n >= kMaxPhotosPerRound)
      return Conflict("file", "too_many_files",
                      "每次最多上传 " + std::to_string(kMaxPhotosPerRound) + " 张照片",
                      "at most " + std::to_string(kMaxPhotosPerRound) + " photos per round");
    ASSIGN_OR_RETURN(p.id, InspectionRepository::InsertPhoto(c, f, p, by.user_id));
    p.finding_id = f.id;
    return Status::Ok();
  }));
  p.created_at = NowTimestamp();
  p.content.clear();
  return p;
}

Result<Photo> InspectionService::GetPhoto(int64_t finding_id, int64_t photo_id,
                                          const system::Principal& by) {
  std::optional<Photo> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Finding f, LoadFinding(c, finding_id, by));
    ASSIGN_OR_RETURN(out, InspectionRepository::GetPhoto(c, f.id, photo_id));
    return Status::Ok();
  }));
  if (!out)
    return NotFound("unknown_photo", "照片不存在：" + std::to_string(photo_id),
                    "no such photo: " + std::to_string(photo_id));
  return *out;
}

Result<Finding> InspectionService::SubmitEvidence(int64_t finding_id, std::string note,
                                                  const system::Principal& by) {
  note = Trim(note);
  RETURN_IF_ERROR(TextField("note", note, 500, true));
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Finding f, LoadFinding(c, finding_id, by));
    if (!by.scope.enterprise_id || *by.scope.enterprise_id != f.enterprise_id)
      return Status(ErrorKind::kPermissionDenied, "not_enterprise",
                    "只有被检查企业可以提交整改材料",
                    "only the inspected enterprise submits evidence");
    if (f.state != "open") return InvalidTransition(f.state, "提交整改材料", "submit evidence");
    f.state = "submitted";
    ASSIGN_OR_RETURN(bool ok, InspectionRepository::UpdateFinding(c, f));
    if (!ok) return ConcurrentChange();
    RETURN_IF_ERROR(
        InspectionRepository::InsertEvent(c, f, "evidence", note, f.deadline, by.user_id));
    return Notify(c, {f.inspector_id}, "inspection_evidence",
                  "企业已提交整改材料，请复查：" + f.enterprise_name, f.item_label,
                  "/inspection/findings/" + std::to_string(f.id));
  }));
  return GetFinding(finding_id, by);
}

Result<Finding> InspectionService::Recheck(int64_t finding_id, RecheckInput in,
                                           const system::Principal& by) {
  in.comment = Trim(in.comment);
  RETURN_IF_ERROR(TextField("comment", in.comment, 500, !in.pass));
  if (in.pass) {
    if (!in.deadline.empty())
      return InvalidArgument("deadline", "not_allowed", "复查通过时不设新的整改期限",
                             "a passed re-check has no new deadline");
  } else {
    RETURN_IF_ERROR(ValidateDeadline(in.deadline, "deadline"));
  }
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Finding f, LoadFinding(c, finding_id, by));
    ASSIGN_OR_RETURN(Task t, LoadTask(c, f.task_id, by));
    RETURN_IF_ERROR(CheckInspector(t, by));
    if (f.state != "submitted") return InvalidTransition(f.state, "复查", "re-check");
    if (in.pass) {
      f.state = "closed";
      f.closed_at = NowTimestamp();
      f.closed_on = Today();
    } else {
      f.state = "open";
      f.deadline = in.deadline;
      f.rounds += 1;
      f.escalated_at.clear();
    }
    ASSIGN_OR_RETURN(bool ok, InspectionRepository::UpdateFinding(c, f));
    if (!ok) return ConcurrentChange();
    RETURN_IF_ERROR(
        InspectionRepository::InsertEvent(c, f, in.pass ? "recheck_pass" : "recheck_fail",
                                          in.comment, in.pass ? "" : in.deadline, by.user_id));
    ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, f.enterprise_id));
    RETURN_IF_ERROR(
        Notify(c, users, in.pass ? "inspection_closed" : "inspection_recheck_failed",
               in.pass ? "整改复查通过，问题已销号：" + f.item_label
                       : "整改复查未通过，请在 " + in.deadline + " 前重新整改：" + f.item_label,
               in.comment, "/inspection/findings/" + std::to_string(f.id)));
    if (in.pass && t.state == "rectifying") RETURN_IF_ERROR(CloseIfDone(c, t));
    return Status::Ok();
  }));
  return GetFinding(finding_id, by);
}

Result<int64_t> InspectionService::EscalateOverdue() {
  std::string today = Today();
  int64_t n = 0;
  // A read first, so that the common case takes no write lock.
  bool any = false;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(any, InspectionRepository::AnyToEscalate(c, today));
    return Status::Ok();
  }));
  if (!any) return int64_t(0);
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto list, InspectionRepository::MarkOverdue(c, today));
    n = int64_t(list.size());
    for (const auto& e : list) {
      ASSIGN_OR_RETURN(auto f, InspectionRepository::GetFinding(c, e.id, system::Scope::All()));
      if (!f) continue;
      RETURN_IF_ERROR(InspectionRepository::InsertEvent(
          c, *f, "escalated", "整改逾期（期限 " + e.deadline + "）", e.deadline, 0));
      auto region = reference_.GetRegion(e.county_code.empty() ? e.region_code : e.county_code);
      if (!region.ok()) continue;
      ASSIGN_OR_RETURN(auto users, notification::RegionUsers(c, "commander", *region));
      RETURN_IF_ERROR(Notify(c, users, "inspection_overdue", "隐患整改逾期：" + e.enterprise_name,
                             f->item_label + "（整改期限 " + e.deadline + "）",
                             "/inspection/findings/" + std::to_string(e.id)));
    }
    return Status::Ok();
  });
  if (!st.ok()) {
    spdlog::warn("inspection: escalation failed: {}", st.ToString());
    return st;
  }
  return n;
}

Result<Summary> InspectionService::GetSummary(const std::string& region, std::string from,
                                              std::string to, const system::Principal& by) {
  if (to.empty()) to = Today();
  RETURN_IF_ERROR(ValidateDay(to, "to"));
  if (from.empty()) from = FormatDate(*ParseDate(to) - std::chrono::days(29));
  RETURN_IF_ERROR(ValidateDay(from, "from"));
  if (from > to)
    return InvalidArgument("from", "invalid_range", "开始日期不能晚于结束日期",
                           "from cannot be after to");
  std::string code = region;
  int level = 0;
  RETURN_IF_ERROR(ResolveRegion(&code, &level));
  (void)EscalateOverdue();
  Summary s;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    system::Scope r{false, code, level, std::nullopt};
    ASSIGN_OR_RETURN(s, InspectionRepository::Summarize(c, by.scope, r, from, to, Today()));
    return Status::Ok();
  }));
  s.region_code = code;
  if (!code.empty()) {
    auto r = reference_.GetRegion(code);
    if (r.ok()) s.region_name = r->name;
  }
  s.from = from;
  s.to = to;
  return s;
}

}  // namespace fugong::inspection
