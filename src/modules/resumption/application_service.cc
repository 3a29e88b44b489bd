#include "modules/resumption/application_service.h"

#include <algorithm>

#include "core/clock.h"
#include "core/log.h"
#include "core/validation.h"
#include "modules/notification/notification.h"
#include "modules/resumption/application_repository.h"
#include "system/roles.h"

namespace fugong::resumption {
namespace {

Status ApplicationNotFound(int64_t id) {
  return NotFound("unknown_application", "复工申请不存在或无权访问：" + std::to_string(id),
                  "no such application in your scope: " + std::to_string(id));
}

Status ConcurrentChange() {
  return Status(ErrorKind::kConflict, "concurrent_change", "申请已被他人修改，请刷新后重试",
                "the application changed meanwhile; reload and try again", "version");
}

Status NotOwnApplication() {
  return Status(ErrorKind::kPermissionDenied, "not_applicant", "只有申请企业本身可以办理此操作",
                "only the applying enterprise may do this", "");
}

bool HasRole(const system::Principal& p, std::string_view role) {
  return std::find(p.roles.begin(), p.roles.end(), role) != p.roles.end();
}

std::string ActorName(const system::Principal& p) {
  return p.display_name.empty() ? p.username : p.display_name;
}

// The enterprise's own account (or an admin) acts on its application.
Status CheckApplicant(const Application& a, const system::Principal& by) {
  if (by.scope.all) return Status::Ok();
  if (by.scope.enterprise_id && *by.scope.enterprise_id == a.enterprise_id) return Status::Ok();
  return NotOwnApplication();
}

const std::string& CodeAtLevel(const Application& a, int level) {
  static const std::string kEmpty;
  switch (level) {
    case 1:
      return a.province_code;
    case 2:
      return a.city_code;
    case 3:
      return a.county_code;
    case 4:
      return a.town_code;
    default:
      return kEmpty;
  }
}

void ClearReview(Application& a) {
  a.review_level = 0;
  a.review_region_code.clear();
}

void SetReviewStep(Application& a, int step) {
  a.review_step = step;
  a.review_level = a.review_levels.at(size_t(step));
  a.review_region_code = CodeAtLevel(a, a.review_level);
}

Transition MakeTransition(const std::string& from, const std::string& to,
                          const system::Principal& by, const std::string& comment) {
  Transition t;
  t.from = from;
  t.to = to;
  t.actor_id = by.user_id ? std::optional<int64_t>(by.user_id) : std::nullopt;
  t.actor_name = ActorName(by);
  t.at = NowTimestamp();
  t.comment = comment;
  return t;
}

Status CommentField(const std::string& field, const std::string& v) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (n > 500)
    return InvalidArgument(field, "too_long", field + " 超过 500 个字符",
                           field + " is longer than 500 characters");
  return Status::Ok();
}

// The stored name of an upload: its base name without control characters,
// at most 100 characters, never empty.
std::string CleanFilename(const std::string& name, const std::string& extension) {
  std::string base = name;
  size_t slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  std::string out;
  for (unsigned char ch : base)
    if (ch >= 0x20 && ch != 0x7f && ch != '"') out += char(ch);
  out = Trim(out);
  if (Utf8Length(out) < 0) out.clear();
  while (Utf8Length(out) > 100) {
    out.pop_back();
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  }
  if (out.empty() || out == "." || out == "..") out = "attachment" + extension;
  return out;
}

// Stamps the commitment's time when it is (re)signed, clears it when withdrawn.
void StampCommitment(const Commitment& before, Commitment& after) {
  if (!after.accepted) {
    after.signed_at.clear();
  } else if (!before.accepted || before.signer != after.signer || before.signed_at.empty()) {
    after.signed_at = NowTimestamp();
  } else {
    after.signed_at = before.signed_at;
  }
}

}  // namespace

Viewer ApplicationService::ViewerOf(const system::Principal& by) {
  Viewer v;
  v.scope = by.scope;
  bool broad = by.scope.all;
  for (const char* role : {"admin", "commander", "inspector", "cadre", "department"})
    broad = broad || HasRole(by, role);
  if (HasRole(by, "reviewer") && !broad) v.department = by.department;
  return v;
}

Result<RoutePlan> ApplicationService::PlanRoute(const enterprise::Enterprise& e,
                                                const std::string& declared_essential) const {
  RoutePlan plan;
  ASSIGN_OR_RETURN(plan.region, reference_.GetRegion(e.region_code, "region_code"));
  ASSIGN_OR_RETURN(auto negative, settings_.Get("negative_list", plan.region.code));
  ASSIGN_OR_RETURN(auto levels, settings_.Get("review_levels", plan.region.code));
  ASSIGN_OR_RETURN(auto routing, settings_.Get("routing", plan.region.code));
  RouteChoice choice = ChooseRoute(e, declared_essential, ParseNegativeList(negative.value));
  plan.route = choice.route;
  plan.reasons = std::move(choice.reasons);
  plan.department = RouteDepartment(routing.value, e.industry_section);
  plan.review_levels = ReviewPlan(ParseReviewLevels(levels.value), plan.region);
  return plan;
}

Result<Application> ApplicationService::Load(int64_t id, const system::Principal& by) {
  std::optional<Application> found;
  Viewer viewer = ViewerOf(by);
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(found, ApplicationRepository::Find(c, id, viewer));
    return Status::Ok();
  }));
  if (!found) return ApplicationNotFound(id);
  return *found;
}

Status ApplicationService::Commit(const Application& before, const Application& after,
                                  const std::vector<Transition>& transitions,
                                  const Acceptance* acceptance, const system::Principal& by) {
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool written, ApplicationRepository::Update(
                                       c, after, before.version,
                                       by.user_id ? std::optional(by.user_id) : std::nullopt));
    if (!written) return ConcurrentChange();
    for (const auto& t : transitions)
      RETURN_IF_ERROR(ApplicationRepository::InsertTransition(c, after, t));
    if (acceptance)
      RETURN_IF_ERROR(ApplicationRepository::InsertAcceptance(
          c, after, *acceptance, by.user_id ? std::optional(by.user_id) : std::nullopt));
    if (after.state != before.state) RETURN_IF_ERROR(NotifyNext(c, after));
    return Status::Ok();
  });
}

Status ApplicationService::NotifyNext(db::Connection& c, const Application& a) {
  notification::NewNotification n;
  n.link = "/resumption/applications/" + std::to_string(a.id);
  if (a.state == "submitted" || a.state == "in_review") {
    auto region = reference_.GetRegion(a.review_region_code);
    if (!region.ok()) return Status::Ok();  // no such level: nobody to tell
    ASSIGN_OR_RETURN(n.user_ids, notification::RegionUsers(c, "reviewer", *region, a.department,
                                                           /*exact_region=*/true));
    n.kind = "application_to_review";
    n.title = "待审核复工申请：" + a.enterprise_name;
  } else if (a.state == "acceptance_pending") {
    auto region = reference_.GetRegion(a.region_code);
    if (!region.ok()) return Status::Ok();
    ASSIGN_OR_RETURN(n.user_ids, notification::RegionUsers(c, "inspector", *region));
    n.kind = "application_to_accept";
    n.title = "待验收复工申请：" + a.enterprise_name;
  } else if (a.state == "approved" || a.state == "rejected") {
    ASSIGN_OR_RETURN(n.user_ids, notification::EnterpriseUsers(c, a.enterprise_id));
    n.kind = a.state == "approved" ? "application_approved" : "application_returned";
    n.title = a.state == "approved" ? "复工申请已批准" : "复工申请被退回，请按问题清单整改";
    n.body = a.state == "approved" ? "批准复工日期 " + a.approved_date : "";
  } else {
    return Status::Ok();
  }
  return notification::Enqueue(c, n);
}

void ApplicationService::MarkResumed(const Application& a, const system::Principal& by) {
  auto e = enterprises_.Get(a.uscc, system::Scope::All());
  if (!e.ok()) {
    spdlog::error("resumption: application {} approved but enterprise {} unreadable: {}", a.id,
                  a.enterprise_id, e.status().ToString());
    return;
  }
  static const std::string_view kResumed[] = {"work_resumed", "production_resumed", "full_capacity",
                                              "continuous"};
  if (std::find(std::begin(kResumed), std::end(kResumed), e->work_status) != std::end(kResumed))
    return;  // the enterprise already reports work resumed or beyond
  system::Principal actor = by;
  actor.scope = system::Scope::All();  // the approval itself was checked against `by`
  std::string note = "复工申请 #" + std::to_string(a.id) + " 批准" +
                     (a.route == kRouteCommitment ? "（承诺即复工）" : "");
  auto recorded =
      enterprises_.RecordStatus(a.uscc, "work_resumed", a.approved_date, note, actor, true);
  if (!recorded.ok())
    spdlog::error(
        "resumption: application {} approved but the status of enterprise {} was not "
        "recorded: {}",
        a.id, a.enterprise_id, recorded.status().ToString());
}

Result<Application> ApplicationService::Create(const std::string& uscc,
                                               const ApplicationContent& content_in,
                                               const system::Principal& by) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  if (!by.scope.all && !(by.scope.enterprise_id && *by.scope.enterprise_id == e.id))
    return NotOwnApplication();
  ApplicationContent content = content_in;
  RETURN_IF_ERROR(ValidateContent(content));
  StampCommitment(Commitment{}, content.commitment);
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code, "region_code"));
  Application a;
  a.enterprise_id = e.id;
  a.region_code = region.code;
  a.province_code = region.province_code;
  a.city_code = region.city_code;
  a.county_code = region.county_code;
  a.town_code = region.town_code;
  a.industry_section = e.industry_section;
  a.state = "draft";
  a.content = content;
  std::optional<int64_t> user = by.user_id ? std::optional(by.user_id) : std::nullopt;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(int64_t open, ApplicationRepository::CountOpen(c, e.id));
    if (open > 0)
      return Conflict("uscc", "open_application_exists",
                      "该企业已有未办结的复工申请，请继续办理或先撤回",
                      "the enterprise already has an open application; continue or withdraw it");
    ASSIGN_OR_RETURN(a.id, ApplicationRepository::Insert(c, a, user));
    return ApplicationRepository::InsertTransition(c, a, MakeTransition("", "draft", by, ""));
  }));
  return Get(a.id, by);
}

Result<Application> ApplicationService::Update(int64_t id, int64_t expected_version,
                                               const ApplicationContent& content,
                                               const system::Principal& by) {
  ASSIGN_OR_RETURN(Application before, Load(id, by));
  RETURN_IF_ERROR(CheckApplicant(before, by));
  if (!IsEditable(before.state)) return InvalidTransition(before.state, "修改", "edit");
  if (before.version != expected_version) return ConcurrentChange();
  Application after = before;
  after.content = content;
  RETURN_IF_ERROR(ValidateContent(after.content));
  StampCommitment(before.content.commitment, after.content.commitment);
  RETURN_IF_ERROR(Commit(before, after, {}, nullptr, by));
  return Get(id, by);
}

Result<Application> ApplicationService::Submit(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Application before, Load(id, by));
  RETURN_IF_ERROR(CheckApplicant(before, by));
  if (!CanTransition(before.state, "submitted"))
    return InvalidTransition(before.state, "提交", "submit");
  int64_t attachments = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(attachments, ApplicationRepository::CountAttachments(c, id));
    return Status::Ok();
  }));
  const std::string today = FormatDate(Today());
  RETURN_IF_ERROR(ValidateForSubmission(before.content, today, attachments));
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(before.uscc, system::Scope::All()));
  ASSIGN_OR_RETURN(RoutePlan plan, PlanRoute(e, before.content.essential_category));

  Application after = before;
  // The enterprise may have moved since the draft: route by where it is now.
  after.region_code = plan.region.code;
  after.province_code = plan.region.province_code;
  after.city_code = plan.region.city_code;
  after.county_code = plan.region.county_code;
  after.town_code = plan.region.town_code;
  after.industry_section = e.industry_section;
  after.route = plan.route;
  after.route_reasons = plan.reasons;
  after.department = plan.department;
  after.review_levels = plan.review_levels;
  after.submitted_at = NowTimestamp();
  after.decided_at.clear();
  after.approved_date.clear();
  after.inspection_due = false;
  std::vector<Transition> transitions = {MakeTransition(
      before.state, "submitted", by, before.state == "rejected" ? "整改后重新提交" : "")};
  if (plan.route == kRouteCommitment) {
    after.state = "approved";
    after.review_step = 0;
    ClearReview(after);
    after.approved_date = after.content.planned_date;
    after.decided_at = after.submitted_at;
    after.inspection_due = true;
    Transition t;
    t.from = "submitted";
    t.to = "approved";
    t.actor_name = "系统";
    t.at = after.submitted_at;
    t.comment = "承诺即复工：不在负面清单内，提交即批准，待事后检查";
    transitions.push_back(t);
  } else {
    after.state = "submitted";
    SetReviewStep(after, 0);
  }
  RETURN_IF_ERROR(Commit(before, after, transitions, nullptr, by));
  if (after.state == "approved") MarkResumed(after, by);
  return Get(id, by);
}

Result<Application> ApplicationService::Withdraw(int64_t id, const std::string& comment,
                                                 const system::Principal& by) {
  RETURN_IF_ERROR(CommentField("comment", comment));
  ASSIGN_OR_RETURN(Application before, Load(id, by));
  RETURN_IF_ERROR(CheckApplicant(before, by));
  if (!CanWithdraw(before.state)) return InvalidTransition(before.state, "撤回", "withdraw");
  Application after = before;
  after.state = "withdrawn";
  ClearReview(after);
  after.decided_at = NowTimestamp();
  RETURN_IF_ERROR(
      Commit(before, after, {MakeTransition(before.state, "withdrawn", by, comment)}, nullptr, by));
  return Get(id, by);
}

Result<Application> ApplicationService::Review(int64_t id, const ReviewDecision& d,
                                               const system::Principal& by) {
  if (d.decision != "approve" && d.decision != "return")
    return InvalidArgument("decision", "invalid_value", "审核意见 decision 应为 approve 或 return",
                           "decision must be approve or return");
  RETURN_IF_ERROR(CommentField("comment", d.comment));
  if (d.decision == "return") {
    RETURN_IF_ERROR(ValidateDeficiencies(d.deficiencies));
  } else if (!d.deficiencies.empty()) {
    return InvalidArgument("deficiencies", "unexpected", "审核通过时不能附带问题清单；有问题请退回",
                           "an approval carries no deficiencies; return the application instead");
  }
  ASSIGN_OR_RETURN(Application before, Load(id, by));
  if (before.state != "submitted" && before.state != "in_review")
    return InvalidTransition(before.state, "审核", "review");
  if (!by.scope.all) {
    bool level_ok = by.scope.region_level == before.review_level &&
                    by.scope.region_code == before.review_region_code;
    bool department_ok =
        by.department.empty() || before.department.empty() || by.department == before.department;
    if (!level_ok || !department_ok)
      return Status(
          ErrorKind::kPermissionDenied, "not_your_turn",
          "该申请当前不在您的审核环节（待 " + std::to_string(before.review_level) + " 级区划 " +
              before.review_region_code + " 的 " +
              (before.department.empty() ? std::string("审核部门") : before.department) + " 审核）",
          "this application awaits review at level " + std::to_string(before.review_level) +
              " in region " + before.review_region_code + ", not yours",
          "");
  }
  Application after = before;
  Transition t = MakeTransition(before.state, "", by, d.comment);
  t.review_level = before.review_level;
  if (d.decision == "approve") {
    size_t next = size_t(before.review_step) + 1;
    if (next < before.review_levels.size()) {
      after.state = "in_review";
      SetReviewStep(after, int(next));
    } else {
      after.state = "acceptance_pending";
      ClearReview(after);
    }
  } else {
    after.state = "rejected";
    ClearReview(after);
    after.decided_at = NowTimestamp();
    t.deficiencies = d.deficiencies;
  }
  t.to = after.state;
  if (!CanTransition(before.state, after.state))
    return InvalidTransition(before.state, "审核", "review");
  RETURN_IF_ERROR(Commit(before, after, {t}, nullptr, by));
  return Get(id, by);
}

Result<Application> ApplicationService::Accept(int64_t id, const AcceptanceInput& in,
                                               const system::Principal& by) {
  RETURN_IF_ERROR(ValidateAcceptance(in));
  ASSIGN_OR_RETURN(Application before, Load(id, by));
  if (before.state != "acceptance_pending")
    return InvalidTransition(before.state, "验收", "accept");
  Application after = before;
  std::string now = NowTimestamp();
  Transition t = MakeTransition(before.state, "", by, in.comment);
  if (in.result == "pass") {
    after.state = "approved";
    std::string today = FormatDate(Today());
    after.approved_date = std::max(before.content.planned_date, today);
    after.inspection_due = false;
  } else {
    after.state = "rejected";
    // The enterprise sees one list: every failed item and every finding.
    for (auto item : kChecklistItems)
      if (!in.checklist.at(std::string(item)))
        t.deficiencies.push_back({std::string(item), "验收不合格"});
    for (const auto& f : in.findings) t.deficiencies.push_back({"other", f});
  }
  after.decided_at = now;
  t.to = after.state;
  Acceptance acc;
  acc.mode = in.mode;
  acc.result = in.result;
  acc.checklist = in.checklist;
  acc.findings = in.findings;
  acc.comment = in.comment;
  acc.inspector_id = by.user_id ? std::optional(by.user_id) : std::nullopt;
  acc.inspector_name = ActorName(by);
  acc.at = now;
  RETURN_IF_ERROR(Commit(before, after, {t}, &acc, by));
  if (after.state == "approved") MarkResumed(after, by);
  return Get(id, by);
}

Result<Application> ApplicationService::Get(int64_t id, const system::Principal& by) {
  return Load(id, by);
}

Result<ApplicationDetail> ApplicationService::Detail(int64_t id, const system::Principal& by) {
  ApplicationDetail d;
  ASSIGN_OR_RETURN(d.application, Load(id, by));
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(d.timeline, ApplicationRepository::ListTransitions(c, id));
    ASSIGN_OR_RETURN(d.attachments, ApplicationRepository::ListAttachments(c, id));
    ASSIGN_OR_RETURN(d.acceptances, ApplicationRepository::ListAcceptances(c, id));
    return Status::Ok();
  }));
  return d;
}

Result<std::vector<Application>> ApplicationService::List(ApplicationFilter f,
                                                          const system::Principal& by,
                                                          const system::Page& page,
                                                          int64_t* total) {
  if (!f.state.empty() && !IsState(f.state))
    return InvalidArgument("state", "invalid_value", "未知的申请状态：" + f.state,
                           "unknown application state: " + f.state);
  if (!f.region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(f.region_code, "region"));
    f.region_code = r.code;
    f.region_level = r.level;
  }
  if (f.queue) {
    if (by.scope.enterprise_id && system::HasPermission(by.roles, "resumption:apply"))
      f.queue_enterprise_id = by.scope.enterprise_id;
    if (system::HasPermission(by.roles, "resumption:review")) {
      if (by.scope.all) {
        f.queue_all_reviews = true;
      } else if (!by.scope.region_code.empty()) {
        f.queue_review_level = by.scope.region_level;
        f.queue_review_region = by.scope.region_code;
        f.queue_review_department = by.department;
      }
    }
    f.queue_acceptance = system::HasPermission(by.roles, "resumption:accept");
  }
  std::vector<Application> out;
  Viewer viewer = ViewerOf(by);
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ApplicationRepository::List(c, f, viewer, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<ApplicationStats> ApplicationService::Stats(const std::string& region_code,
                                                   const system::Principal& by) {
  ApplicationFilter f;
  if (!region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(region_code, "region"));
    f.region_code = r.code;
    f.region_level = r.level;
  }
  ApplicationStats s;
  Viewer viewer = ViewerOf(by);
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(s.by_state, ApplicationRepository::CountByState(c, f, viewer));
    ASSIGN_OR_RETURN(s.inspection_due, ApplicationRepository::CountInspectionDue(c, f, viewer));
    return Status::Ok();
  }));
  for (const auto& [state, n] : s.by_state) s.total += n;
  return s;
}

Result<int64_t> ApplicationService::ClearInspectionDue(db::Connection& c, int64_t enterprise_id) {
  return ApplicationRepository::ClearInspectionDue(c, enterprise_id);
}

Result<Attachment> ApplicationService::AddAttachment(int64_t id, const std::string& kind,
                                                     const std::string& filename, std::string bytes,
                                                     const system::Principal& by) {
  if (std::find(std::begin(kAttachmentKinds), std::end(kAttachmentKinds), kind) ==
      std::end(kAttachmentKinds))
    return InvalidArgument("kind", "invalid_value", "材料类型 kind 应为 order/contract/other",
                           "kind must be order, contract or other");
  if (bytes.empty())
    return InvalidArgument("file", "required", "上传的文件为空", "the uploaded file is empty");
  if (bytes.size() > kMaxAttachmentBytes)
    return Status(ErrorKind::kTooLarge, "file_too_large", "文件超过 10 MiB 上限",
                  "the file is larger than 10 MiB", "file");
  auto type = DetectFileType(bytes);
  if (!type)
    return Status(ErrorKind::kUnsupportedMedia, "unsupported_file",
                  "只接受 PDF、PNG、JPEG、XLSX 或 DOCX 文件（按文件内容识别）",
                  "only PDF, PNG, JPEG, XLSX or DOCX files are accepted (judged by content)",
                  "file");
  ASSIGN_OR_RETURN(Application before, Load(id, by));
  RETURN_IF_ERROR(CheckApplicant(before, by));
  if (!IsEditable(before.state)) return InvalidTransition(before.state, "上传材料", "add files to");
  Attachment att;
  att.kind = kind;
  att.filename = CleanFilename(filename, type->extension);
  att.content_type = type->content_type;
  att.size = int64_t(bytes.size());
  att.sha256 = Sha256Hex(bytes);
  att.content = std::move(bytes);
  std::optional<int64_t> user = by.user_id ? std::optional(by.user_id) : std::nullopt;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    // Touching the application serialises this upload with a concurrent submit.
    ASSIGN_OR_RETURN(bool written, ApplicationRepository::Update(c, before, before.version, user));
    if (!written) return ConcurrentChange();
    ASSIGN_OR_RETURN(int64_t count, ApplicationRepository::CountAttachments(c, id));
    if (count >= kMaxAttachmentsPerApplication)
      return Conflict(
          "file", "too_many_files",
          "每份申请最多 " + std::to_string(kMaxAttachmentsPerApplication) + " 个附件",
          "at most " + std::to_string(kMaxAttachmentsPerApplication) + " files per application");
    ASSIGN_OR_RETURN(att.id, ApplicationRepository::InsertAttachment(c, before, att, user));
    return Status::Ok();
  }));
  att.application_id = id;
  att.created_at = NowTimestamp();
  att.created_by_name = ActorName(by);
  att.content.clear();
  return att;
}

Result<Attachment> ApplicationService::GetAttachment(int64_t id, int64_t attachment_id,
                                                     const system::Principal& by) {
  ASSIGN_OR_RETURN(Application a, Load(id, by));
  std::optional<Attachment> found;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(found, ApplicationRepository::FindAttachment(c, a.id, attachment_id, true));
    return Status::Ok();
  }));
  if (!found)
    return NotFound("unknown_attachment", "附件不存在：" + std::to_string(attachment_id),
                    "no such attachment: " + std::to_string(attachment_id));
  return *found;
}

Status ApplicationService::DeleteAttachment(int64_t id, int64_t attachment_id,
                                            const system::Principal& by) {
  ASSIGN_OR_RETURN(Application before, Load(id, by));
  RETURN_IF_ERROR(CheckApplicant(before, by));
  if (!IsEditable(before.state))
    return InvalidTransition(before.state, "删除材料", "remove files from");
  std::optional<int64_t> user = by.user_id ? std::optional(by.user_id) : std::nullopt;
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool written, ApplicationRepository::Update(c, before, before.version, user));
    if (!written) return ConcurrentChange();
    ASSIGN_OR_RETURN(bool deleted, ApplicationRepository::DeleteAttachment(c, id, attachment_id));
    if (!deleted)
      return NotFound("unknown_attachment", "附件不存在：" + std::to_string(attachment_id),
                      "no such attachment: " + std::to_string(attachment_id));
    return Status::Ok();
  });
}

Result<std::vector<PlannedResumption>> ApplicationService::PlannedResumptions(
    const system::Scope& scope) {
  std::vector<PlannedResumption> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ApplicationRepository::Planned(c, Viewer{scope, ""}));
    return Status::Ok();
  }));
  return out;
}

Result<std::map<std::string, int64_t>> ApplicationService::CountByState(
    const system::Scope& scope) {
  std::map<std::string, int64_t> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ApplicationRepository::CountByState(c, {}, Viewer{scope, ""}));
    return Status::Ok();
  }));
  return out;
}

}  // namespace fugong::resumption
