#include "modules/demand/demand_service.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/validation.h"
#include "io/table_writer.h"
#include "modules/demand/demand_repository.h"
#include "modules/notification/notification.h"
#include "modules/responsibility/responsibility_repository.h"
#include "modules/resumption/application.h"
#include "system/export.h"

namespace fugong::demand {
namespace {

constexpr int64_t kListCap = 20000;

bool Has(const system::Principal& by, std::string_view perm) {
  for (const auto& p : by.permissions)
    if (p == "*" || p == perm) return true;
  return false;
}
bool HasRole(const system::Principal& by, std::string_view role) {
  return std::find(by.roles.begin(), by.roles.end(), role) != by.roles.end();
}
bool IsAdmin(const system::Principal& by) { return by.scope.all || HasRole(by, "admin"); }
bool IsOpen(const std::string& s) { return s == "new" || s == "accepted" || s == "in_progress"; }

template <size_t N>
bool OneOf(const std::string_view (&list)[N], const std::string& v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

Status DemandNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_demand", "诉求不存在或无权访问",
                "no such demand in your scope", "demand");
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

const char* StateZh(const std::string& s) {
  if (s == "new") return "待受理";
  if (s == "accepted") return "已受理";
  if (s == "in_progress") return "办理中";
  if (s == "resolved") return "已办结";
  if (s == "rated") return "已评价";
  return "未知";
}

Status InvalidTransition(const std::string& state, const std::string& zh, const std::string& en) {
  return Status(ErrorKind::kConflict, "invalid_transition",
                std::string("诉求当前状态为「") + StateZh(state) + "」（" + state + "），不能" + zh,
                "cannot " + en + " a demand in state " + state, "state");
}

Status NotHandler() {
  return PermissionDenied("您不是该诉求的承办人", "you are not a handler of this demand");
}

Status Concurrent() {
  return Conflict("version", "concurrent_change", "诉求已被他人修改，请刷新后重试",
                  "the demand changed meanwhile; reload and retry");
}

std::string Link(int64_t id) { return "/demands/" + std::to_string(id); }

std::string ActorName(const system::Principal& by) {
  return by.display_name.empty() ? by.username : by.display_name;
}

Event MakeEvent(const std::string& kind, const Demand& before, const Demand& after,
                const system::Principal& by, const std::string& at, bool handler,
                const std::string& note = "") {
  Event e;
  e.kind = kind;
  e.from_state = before.state;
  e.to_state = after.state;
  if (by.user_id) e.actor_id = by.user_id;
  e.actor_name = ActorName(by);
  e.handler = handler;
  e.assignee_id = after.assignee_id;
  e.department = after.department;
  e.level = after.level;
  e.note = note;
  e.at = at;
  return e;
}

std::vector<ClockEvent> ClockEvents(const Demand& d, const std::vector<Event>& events) {
  std::vector<ClockEvent> out;
  bool created = false;
  for (const auto& e : events) {
    auto t = ParseTimestamp(e.at);
    if (!t) continue;
    created = created || e.kind == "created";
    out.push_back({e.kind, *t});
  }
  if (!created)
    if (auto t = ParseTimestamp(d.created_at)) out.push_back({"created", *t});
  return out;
}

Status Notify(db::Connection& c, std::vector<int64_t> users, const std::string& kind,
              const std::string& title, const std::string& body, int64_t id) {
  if (users.empty()) return Status::Ok();
  notification::NewNotification n;
  n.user_ids = std::move(users);
  n.kind = kind;
  n.title = title;
  n.body = body;
  n.link = Link(id);
  return notification::Enqueue(c, n);
}

// Who handles the demand now: its assignee, else its department's users in
// the enterprise's region, else the district's commanders.
Result<std::vector<int64_t>> Handlers(db::Connection& c, const system::ReferenceService& ref,
                                      const Demand& d) {
  if (d.assignee_id) return std::vector<int64_t>{*d.assignee_id};
  if (!d.department.empty()) {
    ASSIGN_OR_RETURN(system::Region region, ref.GetRegion(d.region_code));
    return notification::RegionUsers(c, "department", region, d.department);
  }
  return DemandRepository::CommandersAt(c, !d.county_code.empty() ? d.county_code : d.city_code);
}

}  // namespace

bool CanHandle(const Demand& d, const system::Principal& by) {
  if (by.enterprise_id) return false;
  if (Has(by, "*") || by.scope.all) return true;  // admin (and the system principal)
  if (!Has(by, "demand:handle")) return false;
  if (d.assignee_id && *d.assignee_id == by.user_id) return true;
  if (HasRole(by, "commander")) return true;  // supervisors of their region
  if (!d.department.empty() && HasRole(by, "department") &&
      (by.department == d.department || by.department.empty()))
    return true;
  return false;
}

bool InQueueOf(const Demand& d, const system::Principal& by) {
  if (!IsOpen(d.state) || by.enterprise_id) return false;
  if (d.assignee_id && *d.assignee_id == by.user_id) return true;
  if (HasRole(by, "commander") && ((!d.assignee_id && d.department.empty()) || d.level >= 1))
    return true;
  if (!d.assignee_id && !d.department.empty() && HasRole(by, "department") &&
      (by.department == d.department || by.department.empty()))
    return true;
  return false;
}

Result<DemandService::Rules> DemandService::RulesFor(const std::string& region_code) const {
  Rules r;
  ASSIGN_OR_RETURN(auto cal, settings_.Get("service_calendar", region_code));
  auto parsed = CalendarFromJson(cal.value);
  if (parsed.ok()) r.calendar = *parsed;
  ASSIGN_OR_RETURN(auto fr, settings_.Get("sla_first_response_minutes", region_code));
  ASSIGN_OR_RETURN(auto res, settings_.Get("sla_resolution_hours", region_code));
  r.first_response = fr.value;
  r.resolution = res.value;
  return r;
}

Result<Clocks> DemandService::ClocksOf(const Demand& d, const std::vector<Event>& events,
                                       std::map<std::string, Rules>* cache) const {
  auto it = cache->find(d.region_code);
  if (it == cache->end()) {
    ASSIGN_OR_RETURN(Rules r, RulesFor(d.region_code));
    it = cache->emplace(d.region_code, std::move(r)).first;
  }
  const Rules& r = it->second;
  return ComputeClocks(r.calendar, SlaFor(r.first_response, r.resolution, d.category),
                       ClockEvents(d, events), Now());
}

Result<std::vector<DemandView>> DemandService::Views(
    std::vector<Demand> list, std::map<int64_t, std::vector<Event>>* events) {
  std::vector<int64_t> ids;
  for (const auto& d : list) ids.push_back(d.id);
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(*events, DemandRepository::EventsOf(c, ids));
    return Status::Ok();
  }));
  std::map<std::string, Rules> cache;
  std::vector<DemandView> out;
  out.reserve(list.size());
  for (auto& d : list) {
    ASSIGN_OR_RETURN(Clocks clocks, ClocksOf(d, (*events)[d.id], &cache));
    out.push_back({std::move(d), clocks});
  }
  return out;
}

Result<Demand> DemandService::Load(int64_t id, const system::Principal& by) {
  std::optional<Demand> d;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(d, DemandRepository::Get(c, id, by.scope));
    return Status::Ok();
  }));
  if (!d) return DemandNotFound();
  return *d;
}

Status DemandService::Commit(const Demand& after, const std::vector<Event>& events,
                             const system::Principal& by,
                             const std::function<Status(db::Connection&)>& extra) {
  std::string at = NowTimestamp();
  bool lost = false;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool written, DemandRepository::Update(c, after, by.user_id, at));
    if (!written) {
      lost = true;
      return Concurrent();
    }
    for (const auto& e : events) RETURN_IF_ERROR(DemandRepository::InsertEvent(c, after, e));
    if (extra) RETURN_IF_ERROR(extra(c));
    return Status::Ok();
  });
  if (lost) return Concurrent();
  return st;
}

Result<DemandDetail> DemandService::Create(NewDemand in, const system::Principal& by) {
  in.title = Trim(in.title);
  in.description = Trim(in.description);
  in.contact_name = Trim(in.contact_name);
  in.contact_phone = Trim(in.contact_phone);
  in.uscc = Trim(in.uscc);
  if (!OneOf(kCategories, in.category))
    return InvalidArgument("category", "invalid_value",
                           "诉求类别 category 应为 raw_materials、logistics、funding、labour、ppe、"
                           "utilities、approvals、policy、other、land 或 infrastructure",
                           "category must be one of raw_materials, logistics, funding, labour, "
                           "ppe, utilities, approvals, policy, other, land, infrastructure");
  RETURN_IF_ERROR(TextField("title", in.title, 100, true));
  RETURN_IF_ERROR(TextField("description", in.description, 2000, false));
  RETURN_IF_ERROR(TextField("contact_name", in.contact_name, 30, false));
  if (!in.contact_phone.empty() && !IsValidMobile(in.contact_phone))
    return InvalidArgument("contact_phone", "invalid_mobile", "联系电话应为 11 位手机号",
                           "contact_phone must be an 11-digit mobile number");
  // The source follows who raises it.
  if (by.enterprise_id) {
    if (in.source.empty()) in.source = "enterprise";
    if (in.source != "enterprise")
      return InvalidArgument("source", "invalid_value", "企业只能以 enterprise 来源提出诉求",
                             "an enterprise raises demands with source enterprise");
  } else {
    if (in.source.empty())
      in.source = HasRole(by, "cadre")        ? "cadre"
                  : Has(by, "demand:hotline") ? "hotline"
                  : HasRole(by, "inspector")  ? "inspection"
                                              : "";
    if (!OneOf(kSources, in.source) || in.source == "enterprise")
      return InvalidArgument("source", "invalid_value",
                             "来源 source 应为 cadre、hotline 或 inspection",
                             "source must be cadre, hotline or inspection");
    bool allowed = IsAdmin(by) || (in.source == "cadre" && HasRole(by, "cadre")) ||
                   (in.source == "hotline" && Has(by, "demand:hotline")) ||
                   (in.source == "inspection" && HasRole(by, "inspector"));
    if (!allowed)
      return PermissionDenied("您不能以该来源登记诉求", "you may not raise demands of this source");
    if (in.uscc.empty())
      return InvalidArgument("uscc", "required", "请指定企业 uscc", "field uscc is required");
  }
  if (in.finding_id && in.source != "inspection")
    return InvalidArgument("finding_id", "invalid_value", "只有督导检查来源的诉求可关联问题",
                           "only demands from an inspection refer to a finding");
  std::string uscc = in.uscc;
  enterprise::Enterprise e;
  if (by.enterprise_id) {
    // The enterprise's own record (its scope holds only itself).
    enterprise::EnterpriseFilter ef;
    int64_t total = 0;
    ASSIGN_OR_RETURN(auto list, enterprises_.List(ef, by.scope, system::Page{1, 1}, &total));
    if (list.empty()) return DemandNotFound();
    e = list.front();
    if (!uscc.empty() && uscc != e.uscc)
      return Status(ErrorKind::kNotFound, "unknown_enterprise", "企业不存在或无权访问",
                    "no such enterprise in your scope", "uscc");
  } else {
    auto got = enterprises_.Get(uscc, by.scope);
    if (!got.ok())
      return Status(ErrorKind::kNotFound, "unknown_enterprise", "企业不存在或无权访问",
                    "no such enterprise in your scope", "uscc");
    e = *got;
  }
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  std::string at = NowTimestamp();
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    if (in.project_id) {
      if (!project_check_)
        return InvalidArgument("project", "invalid_value", "未启用重点项目", "no key projects");
      RETURN_IF_ERROR(project_check_(c, *in.project_id, e.id));
    }
    ASSIGN_OR_RETURN(std::optional<int64_t> cadre,
                     responsibility::ResponsibilityRepository::CadreOf(c, e.id));
    ASSIGN_OR_RETURN(id,
                     DemandRepository::Insert(c, e.id, region, in, cadre, cadre, at, by.user_id));
    ASSIGN_OR_RETURN(std::optional<Demand> d, DemandRepository::Get(c, id, system::Scope::All()));
    if (!d) return DemandNotFound();
    Demand none;
    Event created = MakeEvent("created", none, *d, by, at, false, in.source);
    created.from_state = "";
    RETURN_IF_ERROR(DemandRepository::InsertEvent(c, *d, created));
    ASSIGN_OR_RETURN(auto handlers, Handlers(c, reference_, *d));
    return Notify(c, handlers, "demand_assigned", "新诉求：" + d->title,
                  e.name + " 的诉求待受理（" + d->category + "）", id);
  }));
  return Detail(id, by);
}

Result<std::vector<DemandView>> DemandService::List(DemandFilter f, const system::Principal& by,
                                                    const system::Page& page, int64_t* total) {
  RETURN_IF_ERROR(PrepareFilter(f, by));
  std::vector<Demand> list;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(list, DemandRepository::List(c, f, by.scope, kListCap));
    return Status::Ok();
  }));
  if (f.mine) std::erase_if(list, [&](const Demand& d) { return !InQueueOf(d, by); });
  std::map<int64_t, std::vector<Event>> events;
  ASSIGN_OR_RETURN(auto views, Views(std::move(list), &events));
  if (!f.clock.empty())
    std::erase_if(views, [&](const DemandView& v) {
      bool overdue = (v.clocks.first_response.running && v.clocks.first_response.overdue) ||
                     (v.clocks.resolution.running && v.clocks.resolution.overdue);
      bool soon = !overdue && (v.clocks.first_response.due_soon || v.clocks.resolution.due_soon);
      return f.clock == "overdue" ? !overdue : !soon;
    });
  *total = int64_t(views.size());
  std::vector<DemandView> out;
  for (int64_t i = page.Offset(); i < *total && int64_t(out.size()) < page.size; ++i)
    out.push_back(std::move(views[size_t(i)]));
  return out;
}

Result<DemandDetail> DemandService::Detail(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Demand d, Load(id, by));
  DemandDetail out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out.events, DemandRepository::Events(c, id));
    ASSIGN_OR_RETURN(out.attachments, DemandRepository::Attachments(c, id));
    return Status::Ok();
  }));
  std::map<std::string, Rules> cache;
  ASSIGN_OR_RETURN(out.view.clocks, ClocksOf(d, out.events, &cache));
  out.can_handle = CanHandle(d, by);
  out.can_rate = by.enterprise_id && *by.enterprise_id == d.enterprise_id && d.state == "resolved";
  out.view.demand = std::move(d);
  return out;
}

Result<DemandDetail> DemandService::Accept(int64_t id, const std::string& note_in,
                                           const system::Principal& by) {
  std::string note = Trim(note_in);
  RETURN_IF_ERROR(TextField("note", note, 500, false));
  ASSIGN_OR_RETURN(Demand before, Load(id, by));
  if (!CanHandle(before, by)) return NotHandler();
  if (before.state != "new") return InvalidTransition(before.state, "受理", "accept");
  std::string at = NowTimestamp();
  Demand after = before;
  after.state = "accepted";
  if (!after.assignee_id && by.user_id) after.assignee_id = by.user_id;
  if (after.first_response_at.empty()) after.first_response_at = at;
  RETURN_IF_ERROR(Commit(after, {MakeEvent("accepted", before, after, by, at, true, note)}, by,
                         [&](db::Connection& c) -> Status {
                           ASSIGN_OR_RETURN(auto users,
                                            notification::EnterpriseUsers(c, after.enterprise_id));
                           return Notify(c, users, "demand_reply", "诉求已受理：" + after.title,
                                         ActorName(by) + " 已受理您的诉求", id);
                         }));
  return Detail(id, by);
}

Result<DemandDetail> DemandService::Respond(int64_t id, const std::string& message_in,
                                            const system::Principal& by) {
  std::string message = Trim(message_in);
  RETURN_IF_ERROR(TextField("message", message, 2000, true));
  ASSIGN_OR_RETURN(Demand before, Load(id, by));
  if (!CanHandle(before, by)) return NotHandler();
  if (!IsOpen(before.state)) return InvalidTransition(before.state, "答复", "respond to");
  std::string at = NowTimestamp();
  Demand after = before;
  after.state = "in_progress";
  if (!after.assignee_id && by.user_id) after.assignee_id = by.user_id;
  if (after.first_response_at.empty()) after.first_response_at = at;
  RETURN_IF_ERROR(
      Commit(after, {MakeEvent("responded", before, after, by, at, true, message)}, by,
             [&](db::Connection& c) -> Status {
               ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, after.enterprise_id));
               return Notify(c, users, "demand_reply", "诉求有新答复：" + after.title, message, id);
             }));
  return Detail(id, by);
}

Result<DemandDetail> DemandService::Transfer(int64_t id, TransferInput in,
                                             const system::Principal& by) {
  in.department = Trim(in.department);
  in.note = Trim(in.note);
  RETURN_IF_ERROR(TextField("department", in.department, 50, true));
  RETURN_IF_ERROR(TextField("note", in.note, 500, false));
  if (in.handler_id && in.least_loaded)
    return InvalidArgument("handler_id", "handler_or_least_loaded",
                           "handler_id 与 least_loaded 只能选一个",
                           "give handler_id or least_loaded, not both");
  ASSIGN_OR_RETURN(Demand before, Load(id, by));
  if (!CanHandle(before, by)) return NotHandler();
  if (!IsOpen(before.state)) return InvalidTransition(before.state, "转办", "transfer");
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(before.region_code));
  std::string at = NowTimestamp();
  Demand after = before;
  Status refused;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto candidates,
                     notification::RegionUsers(c, "department", region, in.department));
    std::optional<int64_t> handler;
    if (in.handler_id) {
      if (std::find(candidates.begin(), candidates.end(), *in.handler_id) == candidates.end()) {
        refused = InvalidArgument("handler_id", "unknown_handler",
                                  "该承办人不属于所选部门或不在企业所在区域",
                                  "the handler is not a user of that department in the region");
        return refused;
      }
      handler = in.handler_id;
    } else if (in.least_loaded) {
      if (candidates.empty()) {
        refused = Conflict("department", "no_handler", "该部门在企业所在区域没有承办人",
                           "the department has no handler in the enterprise's region");
        return refused;
      }
      ASSIGN_OR_RETURN(auto load, DemandRepository::OpenLoad(c, candidates));
      handler = candidates.front();
      for (int64_t u : candidates)
        if (load[u] < load[*handler]) handler = u;
    }
    after.department = in.department;
    after.assignee_id = handler;
    if (after.state == "new") after.state = "accepted";
    if (after.first_response_at.empty()) after.first_response_at = at;
    ASSIGN_OR_RETURN(bool written, DemandRepository::Update(c, after, by.user_id, at));
    if (!written) {
      refused = Concurrent();
      return refused;
    }
    RETURN_IF_ERROR(DemandRepository::InsertEvent(
        c, after, MakeEvent("transferred", before, after, by, at, true, in.note)));
    std::vector<int64_t> to = handler ? std::vector<int64_t>{*handler} : candidates;
    return Notify(c, to, "demand_assigned", "转办诉求：" + after.title,
                  ActorName(by) + " 将 " + after.enterprise_name + " 的诉求转至 " + in.department,
                  id);
  });
  if (!refused.ok()) return refused;
  RETURN_IF_ERROR(st);
  return Detail(id, by);
}

Result<DemandDetail> DemandService::Resolve(int64_t id, const std::string& resolution_in,
                                            const system::Principal& by) {
  std::string resolution = Trim(resolution_in);
  RETURN_IF_ERROR(TextField("resolution", resolution, 2000, true));
  ASSIGN_OR_RETURN(Demand before, Load(id, by));
  if (!CanHandle(before, by)) return NotHandler();
  if (before.state != "accepted" && before.state != "in_progress")
    return InvalidTransition(before.state, "办结", "resolve");
  std::string at = NowTimestamp();
  Demand after = before;
  after.state = "resolved";
  after.resolved_at = at;
  after.resolution = resolution;
  if (!after.assignee_id && by.user_id) after.assignee_id = by.user_id;
  RETURN_IF_ERROR(Commit(after, {MakeEvent("resolved", before, after, by, at, true, resolution)},
                         by, [&](db::Connection& c) -> Status {
                           ASSIGN_OR_RETURN(auto users,
                                            notification::EnterpriseUsers(c, after.enterprise_id));
                           return Notify(c, users, "demand_resolved",
                                         "诉求已办结，请评价：" + after.title, resolution, id);
                         }));
  return Detail(id, by);
}

Result<DemandDetail> DemandService::Rate(int64_t id, int rating, const std::string& comment_in,
                                         const system::Principal& by) {
  std::string comment = Trim(comment_in);
  if (rating < 1 || rating > 5)
    return InvalidArgument("rating", "out_of_range", "评分应为 1 到 5", "rating must be 1 to 5");
  RETURN_IF_ERROR(TextField("comment", comment, 500, false));
  ASSIGN_OR_RETURN(Demand before, Load(id, by));
  if (!by.enterprise_id || *by.enterprise_id != before.enterprise_id)
    return PermissionDenied("只有提出诉求的企业可以评价", "only the raising enterprise rates");
  if (before.state != "resolved")
    return Status(ErrorKind::kConflict, "not_resolved",
                  std::string("诉求尚未办结（当前「") + StateZh(before.state) + "」），不能评价",
                  "only a resolved demand can be rated (state " + before.state + ")", "state");
  std::string at = NowTimestamp();
  Demand after = before;
  after.rating = rating;
  after.rating_comment = comment;
  after.state = "rated";
  Event rated = MakeEvent("rated", before, after, by, at, false, comment);
  rated.rating = rating;
  std::vector<Event> events{rated};
  bool reopen = rating < 3;
  if (reopen) {
    Demand reopened = after;
    reopened.state = "in_progress";
    reopened.reopen_count = before.reopen_count + 1;
    reopened.resolved_at.clear();
    events.push_back(MakeEvent("reopened", after, reopened, by, at, false, comment));
    after = reopened;
  }
  RETURN_IF_ERROR(Commit(after, events, by, [&](db::Connection& c) -> Status {
    if (!reopen) return Status::Ok();
    ASSIGN_OR_RETURN(auto handlers, Handlers(c, reference_, after));
    return Notify(c, handlers, "demand_reopened", "诉求评价不满意，已重新办理：" + after.title,
                  "评分 " + std::to_string(rating) + (comment.empty() ? "" : "：" + comment), id);
  }));
  return Detail(id, by);
}

Result<DemandDetail> DemandService::Comment(int64_t id, const std::string& text_in,
                                            const system::Principal& by) {
  std::string text = Trim(text_in);
  RETURN_IF_ERROR(TextField("text", text, 2000, true));
  ASSIGN_OR_RETURN(Demand d, Load(id, by));
  bool own = by.enterprise_id && *by.enterprise_id == d.enterprise_id;
  bool handler = CanHandle(d, by);
  if (!own && !handler)
    return PermissionDenied("只有企业与承办人可以留言", "only the enterprise and handlers comment");
  std::string at = NowTimestamp();
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(
        DemandRepository::InsertEvent(c, d, MakeEvent("comment", d, d, by, at, false, text)));
    std::vector<int64_t> to;
    if (own) {
      ASSIGN_OR_RETURN(to, Handlers(c, reference_, d));
    } else {
      ASSIGN_OR_RETURN(to, notification::EnterpriseUsers(c, d.enterprise_id));
    }
    std::erase(to, by.user_id);
    return Notify(c, to, "demand_comment", "诉求新留言：" + d.title, text, id);
  }));
  return Detail(id, by);
}

Result<Attachment> DemandService::AddAttachment(int64_t id, const std::string& filename,
                                                std::string bytes, const system::Principal& by) {
  if (bytes.empty())
    return InvalidArgument("file", "required", "上传的文件为空", "the uploaded file is empty");
  if (bytes.size() > kMaxAttachmentBytes)
    return Status(ErrorKind::kTooLarge, "file_too_large", "文件超过 10 MiB 上限",
                  "the file is larger than 10 MiB", "file");
  auto type = resumption::DetectFileType(bytes);
  if (!type)
    return Status(ErrorKind::kUnsupportedMedia, "unsupported_file",
                  "只接受 PDF、PNG、JPEG、XLSX 或 DOCX 文件（按文件内容识别）",
                  "only PDF, PNG, JPEG, XLSX or DOCX files are accepted (judged by content)",
                  "file");
  ASSIGN_OR_RETURN(Demand d, Load(id, by));
  bool own = by.enterprise_id && *by.enterprise_id == d.enterprise_id;
  if (!own && !CanHandle(d, by))
    return PermissionDenied("只有企业与承办人可以上传附件",
                            "only the enterprise and handlers add files");
  if (d.state == "rated") return InvalidTransition(d.state, "上传附件", "add files to");
  Attachment a;
  std::string name = Trim(filename);
  for (char& ch : name)
    if (ch == '/' || ch == '\\' || ch == '"' || (unsigned char)ch < 0x20) ch = '_';
  if (name.empty() || Utf8Length(name) < 0) name = "file";
  if (Utf8Length(name) > 100) name = "file";
  std::string ext = type->extension;
  if (name.size() < ext.size() || name.compare(name.size() - ext.size(), ext.size(), ext) != 0)
    name += ext;
  a.filename = name;
  a.content_type = type->content_type;
  a.size = int64_t(bytes.size());
  a.sha256 = resumption::Sha256Hex(bytes);
  a.content = std::move(bytes);
  a.created_at = NowTimestamp();
  a.demand_id = id;
  Status refused;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(int64_t n, DemandRepository::CountAttachments(c, id));
    if (n >= kMaxAttachmentsPerDemand) {
      refused = Conflict("file", "too_many_files", "每条诉求最多 20 个附件",
                         "at most 20 files per demand");
      return refused;
    }
    ASSIGN_OR_RETURN(a.id, DemandRepository::InsertAttachment(c, d, a, by.user_id));
    return DemandRepository::InsertEvent(
        c, d, MakeEvent("attachment", d, d, by, a.created_at, false, a.filename));
  });
  if (!refused.ok()) return refused;
  RETURN_IF_ERROR(st);
  a.content.clear();
  a.created_by_name = ActorName(by);
  return a;
}

Result<Attachment> DemandService::GetAttachment(int64_t id, int64_t attachment_id,
                                                const system::Principal& by) {
  ASSIGN_OR_RETURN(Demand d, Load(id, by));
  std::optional<Attachment> a;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(a, DemandRepository::GetAttachment(c, d.id, attachment_id));
    return Status::Ok();
  }));
  if (!a) return NotFound("unknown_attachment", "附件不存在", "no such attachment");
  return *a;
}

Status DemandService::PrepareFilter(DemandFilter& f, const system::Principal& by) const {
  (void)by;
  if (!f.state.empty() && f.state != "open" && !OneOf(kStates, f.state))
    return InvalidArgument("state", "invalid_value", "状态 state 取值无效", "unknown state");
  if (!f.category.empty() && !OneOf(kCategories, f.category))
    return InvalidArgument("category", "invalid_value", "类别 category 取值无效",
                           "unknown category");
  if (!f.source.empty() && !OneOf(kSources, f.source))
    return InvalidArgument("source", "invalid_value", "来源 source 取值无效", "unknown source");
  if (!f.clock.empty() && f.clock != "overdue" && f.clock != "due_soon")
    return InvalidArgument("clock", "invalid_value", "clock 应为 overdue 或 due_soon",
                           "clock must be overdue or due_soon");
  for (auto [name, v] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}})
    if (!v->empty() && !ParseDate(*v))
      return InvalidArgument(name, "invalid_date", std::string(name) + " 应为 YYYY-MM-DD",
                             std::string(name) + " must be YYYY-MM-DD");
  if (!f.from.empty() && !f.to.empty() && f.from > f.to)
    return InvalidArgument("to", "invalid_range", "结束日期不能早于开始日期",
                           "to cannot be before from");
  if (!f.region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(f.region_code, "region"));
    f.region_level = r.level;
  }
  return Status::Ok();
}

DemandFigures DemandService::FiguresOf(const DemandView& v, const std::vector<Event>& events) {
  DemandFigures g;
  const auto& fr = v.clocks.first_response;
  const auto& res = v.clocks.resolution;
  g.first_response_decided = fr.stopped || fr.overdue;
  g.first_response_on_time = fr.stopped && !fr.overdue;
  g.resolution_decided = res.stopped || res.overdue;
  g.resolution_on_time = res.stopped && !res.overdue;
  g.rated =
      std::any_of(events.begin(), events.end(), [](const Event& e) { return e.kind == "rated"; });
  g.reopened = v.demand.reopen_count > 0;
  g.open = IsOpen(v.demand.state);
  g.overdue = (fr.running && fr.overdue) || (res.running && res.overdue);
  return g;
}

Status DemandService::CheckAssessKind(const std::string& by_kind) const {
  if (by_kind != "department" && by_kind != "cadre")
    return InvalidArgument("by", "invalid_value", "by 应为 department 或 cadre",
                           "by must be department or cadre");
  return Status::Ok();
}

namespace {

std::string KeyOf(const std::string& by_kind, const Demand& d) {
  if (by_kind == "cadre") return d.cadre_id ? std::to_string(*d.cadre_id) : "";
  return d.department;
}

std::string LabelOf(const std::string& by_kind, const Demand& d) {
  if (by_kind == "cadre") return d.cadre_id ? d.cadre_name : "（无包保干部）";
  return d.department.empty() ? "（包保干部直办）" : d.department;
}

bool Matches(const std::string& figure, const DemandFigures& g) {
  if (figure == "all" || figure.empty()) return true;
  if (figure == "first_response_on_time") return g.first_response_on_time;
  if (figure == "first_response_late") return g.first_response_decided && !g.first_response_on_time;
  if (figure == "resolution_on_time") return g.resolution_on_time;
  if (figure == "resolution_late") return g.resolution_decided && !g.resolution_on_time;
  if (figure == "rated") return g.rated;
  if (figure == "reopened") return g.reopened;
  if (figure == "open") return g.open;
  if (figure == "overdue") return g.overdue;
  return false;
}

}  // namespace

Result<std::vector<AssessmentRow>> DemandService::Assessment(const std::string& by_kind,
                                                             DemandFilter f,
                                                             const system::Principal& by) {
  RETURN_IF_ERROR(CheckAssessKind(by_kind));
  RETURN_IF_ERROR(PrepareFilter(f, by));
  std::vector<Demand> list;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(list, DemandRepository::List(c, f, by.scope, kListCap));
    return Status::Ok();
  }));
  std::map<int64_t, std::vector<Event>> events;
  ASSIGN_OR_RETURN(auto views, Views(std::move(list), &events));
  std::map<std::string, AssessmentRow> rows;
  for (const auto& v : views) {
    std::string key = KeyOf(by_kind, v.demand);
    AssessmentRow& row = rows[key];
    row.key = key;
    row.label = LabelOf(by_kind, v.demand);
    DemandFigures g = FiguresOf(v, events[v.demand.id]);
    ++row.count;
    row.first_response.den += g.first_response_decided;
    row.first_response.num += g.first_response_on_time;
    row.resolution.den += g.resolution_decided;
    row.resolution.num += g.resolution_on_time;
    row.reopen.den += g.rated;
    row.reopen.num += g.reopened;
    row.open += g.open;
    row.overdue += g.overdue;
    for (const auto& e : events[v.demand.id])
      if (e.kind == "rated" && e.rating) {
        ++row.ratings;
        row.rating_sum += *e.rating;
      }
  }
  std::vector<AssessmentRow> out;
  for (auto& [k, r] : rows) out.push_back(std::move(r));
  std::sort(out.begin(), out.end(), [](const AssessmentRow& a, const AssessmentRow& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.key < b.key;
  });
  return out;
}

Result<std::vector<DemandView>> DemandService::AssessmentDemands(const std::string& by_kind,
                                                                 const std::string& key,
                                                                 const std::string& figure,
                                                                 DemandFilter f,
                                                                 const system::Principal& by) {
  RETURN_IF_ERROR(CheckAssessKind(by_kind));
  if (!figure.empty() && !OneOf(kFigures, figure))
    return InvalidArgument("figure", "invalid_value", "figure 取值无效", "unknown figure");
  RETURN_IF_ERROR(PrepareFilter(f, by));
  std::vector<Demand> list;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(list, DemandRepository::List(c, f, by.scope, kListCap));
    return Status::Ok();
  }));
  std::erase_if(list, [&](const Demand& d) { return KeyOf(by_kind, d) != key; });
  std::map<int64_t, std::vector<Event>> events;
  ASSIGN_OR_RETURN(auto views, Views(std::move(list), &events));
  std::erase_if(views, [&](const DemandView& v) {
    return !Matches(figure, FiguresOf(v, events[v.demand.id]));
  });
  return views;
}

Result<std::string> DemandService::ExportAssessment(const std::string& by_kind, DemandFilter f,
                                                    io::TableFormat format,
                                                    const system::Principal& by) {
  ASSIGN_OR_RETURN(auto rows, Assessment(by_kind, f, by));
  auto rate = [](const Ratio& r) -> io::Cell {
    if (r.den == 0) return std::string("—");
    return double(r.num) / double(r.den);
  };
  return system::ExportTable(
      format, "反馈考核",
      {std::string(by_kind == "cadre" ? "包保干部" : "部门"), "诉求数", "按时首次响应", "应响应",
       "按时响应率", "按时办结", "应办结", "按时办结率", "评价数", "满意度", "重开数", "重开率",
       "未办结", "超时"},
      [&](io::TableWriter& w) -> Status {
        for (const auto& r : rows)
          RETURN_IF_ERROR(w.WriteRow(
              {r.label, double(r.count), double(r.first_response.num), double(r.first_response.den),
               rate(r.first_response), double(r.resolution.num), double(r.resolution.den),
               rate(r.resolution), double(r.ratings),
               r.ratings ? io::Cell(r.rating_sum / double(r.ratings)) : io::Cell(std::string("—")),
               double(r.reopen.num), rate(r.reopen), double(r.open), double(r.overdue)}));
        return Status::Ok();
      });
}

Result<int> DemandService::RunEscalation() {
  std::vector<Demand> open;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(open, DemandRepository::Open(c));
    return Status::Ok();
  }));
  std::map<int64_t, std::vector<Event>> events;
  ASSIGN_OR_RETURN(auto views, Views(std::move(open), &events));
  system::Principal sys = system::SystemPrincipal();
  sys.user_id = 0;
  sys.display_name = "系统";
  int escalated = 0;
  for (const auto& v : views) {
    const Demand& before = v.demand;
    const auto& evs = events[before.id];
    std::string at = NowTimestamp();
    std::vector<Event> out;
    Demand after = before;
    std::vector<std::pair<std::string, std::string>> reminders;  // clock, kind
    if (v.clocks.level > before.level) {
      after.level = v.clocks.level;
      bool fr = v.clocks.first_response.running && v.clocks.first_response.overdue;
      out.push_back(MakeEvent("escalated", before, after, sys, at, false,
                              fr ? "first_response" : "resolution"));
    }
    for (auto [name, clock] : {std::pair{"first_response", &v.clocks.first_response},
                               std::pair{"resolution", &v.clocks.resolution}}) {
      if (!clock->due_soon) continue;
      // Once per clock and running interval: after the last reopen.
      bool done = false;
      for (const auto& e : evs) {
        if (e.kind == "reopened") done = false;
        if (e.kind == "reminded" && e.note == name) done = true;
      }
      if (done) continue;
      out.push_back(MakeEvent("reminded", before, after, sys, at, false, name));
      reminders.emplace_back(name, "");
    }
    if (out.empty()) continue;
    Status st = db_.Transact([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(bool written, DemandRepository::Update(c, after, 0, at));
      if (!written) return Concurrent();
      for (const auto& e : out) RETURN_IF_ERROR(DemandRepository::InsertEvent(c, after, e));
      ASSIGN_OR_RETURN(auto handlers, Handlers(c, reference_, after));
      if (after.level > before.level) {
        std::string region =
            after.level >= 2 || after.county_code.empty() ? after.city_code : after.county_code;
        ASSIGN_OR_RETURN(auto bosses, DemandRepository::CommandersAt(c, region));
        std::vector<int64_t> to = bosses;
        to.insert(to.end(), handlers.begin(), handlers.end());
        RETURN_IF_ERROR(
            Notify(c, to, "demand_escalated",
                   "诉求超时升级（" + std::to_string(after.level) + " 级）：" + after.title,
                   after.enterprise_name + " 的诉求已超过办理时限", after.id));
      }
      for (const auto& [clock, unused] : reminders)
        RETURN_IF_ERROR(Notify(c, handlers, "demand_due_soon", "诉求即将超时：" + after.title,
                               clock == "first_response" ? "首次响应时限将到" : "办结时限将到",
                               after.id));
      return Status::Ok();
    });
    if (!st.ok()) {
      spdlog::warn("demand {}: escalation skipped: {}", before.id, st.ToString());
      continue;
    }
    if (after.level > before.level) ++escalated;
  }
  return escalated;
}

}  // namespace fugong::demand
