#include "modules/workforce/checkin_service.h"

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "io/table_writer.h"
#include "modules/workforce/checkin_repository.h"
#include "modules/workforce/employee_repository.h"
#include "modules/workforce/health_repository.h"
#include "modules/workforce/pass.h"
#include "modules/workforce/rules.h"
#include "system/export.h"

namespace fugong::workforce {
namespace {

Status SiteNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_site", "查验点不存在", "no such site", "site");
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

}  // namespace

Status ValidateVisitor(Visitor& v) {
  v.name = Trim(v.name);
  v.phone = Trim(v.phone);
  v.id_number = Trim(v.id_number);
  for (char& c : v.id_number)
    if (c == 'x') c = 'X';
  RETURN_IF_ERROR(TextField("visitor.name", v.name, 50, true));
  if (v.phone.empty())
    return InvalidArgument("visitor.phone", "required", "缺少来访人员手机号码",
                           "field visitor.phone is required");
  RETURN_IF_ERROR(ValidateMobile("visitor.phone", v.phone));
  if (!v.id_number.empty()) RETURN_IF_ERROR(ValidateIdNumber("visitor.id_number", v.id_number));
  RETURN_IF_ERROR(TextField("visitor.host", v.host, 50, false));
  return TextField("visitor.reason", v.reason, 200, false);
}

Result<Site> CheckinService::CreateSite(const std::string& uscc, const std::string& name_in,
                                        const system::Principal& by) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  std::string name = Trim(name_in);
  RETURN_IF_ERROR(TextField("name", name, 50, true));
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, CheckinRepository::InsertSite(c, e.id, region, name, by.user_id));
    return HealthRepository::MarkChanged(c, "site", {id});
  }));
  RETURN_IF_ERROR(state_.Refresh());
  return Site{id, e.id, e.uscc, name, region.code, true, NowTimestamp()};
}

Result<std::vector<Site>> CheckinService::Sites(const std::string& uscc,
                                                const system::Principal& by) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  std::vector<Site> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, CheckinRepository::ListSites(c, e.id));
    return Status::Ok();
  }));
  return out;
}

Result<SitePoster> CheckinService::Poster(int64_t site_id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Site site, SiteInScope(site_id, by));
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(site.enterprise_uscc, by.scope));
  return SitePoster{site, e.name, SitePosterCode(site.id, keys_.pass)};
}

Result<SitePoster> CheckinService::PosterSite(int64_t site_id, const std::string& code,
                                              const system::Principal& by) {
  if (!VerifySitePosterCode(site_id, code, keys_.pass)) return SiteNotFound();
  auto poster = Poster(site_id, by);
  if (!poster.ok() || !poster->site.active) return SiteNotFound();
  return poster;
}

Result<PreparedCheckin> CheckinService::DecideSelf(int64_t site_id, const std::string& code,
                                                   double temperature,
                                                   const system::Principal& by) {
  if (!VerifySitePosterCode(site_id, code, keys_.pass)) return SiteNotFound();
  if (!(temperature >= kMinTemperature && temperature <= kMaxTemperature))
    return InvalidArgument("temperature", "out_of_range", "体温应在 34–43 ℃ 之间",
                           "temperature must be between 34 and 43 °C");
  ASSIGN_OR_RETURN(Employee me, employees_.Self(by));
  ASSIGN_OR_RETURN(PassView pass, health_.Pass(me.id, by));
  CheckinRequest req;
  req.site_id = site_id;
  req.pass = pass.token;
  req.temperature = temperature;
  return Decide(req, by);
}

Result<SiteSummary> CheckinService::Summary(int64_t site_id, const std::string& day,
                                            const system::Principal& by) {
  ASSIGN_OR_RETURN(Site site, SiteInScope(site_id, by));
  SiteSummary out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, CheckinRepository::Summarize(c, site.id, day));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> CheckinService::OnDutyAll(const std::string& day) {
  std::vector<std::pair<int64_t, int64_t>> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, CheckinRepository::OnDuty(c, day));
    return Status::Ok();
  }));
  return out;
}

Result<std::pair<int64_t, int64_t>> CheckinService::OnDuty(const std::string& uscc,
                                                           const std::string& day,
                                                           const system::Principal& by) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  int64_t on_duty = 0, roster = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(on_duty, CheckinRepository::OnDutyOf(c, e.id, day));
    ASSIGN_OR_RETURN(roster, EmployeeRepository::CountActive(c, e.id));
    return Status::Ok();
  }));
  return std::pair{on_duty, roster};
}

Result<PreparedCheckin> CheckinService::Decide(const CheckinRequest& req,
                                               const system::Principal& by) {
  // A site created a moment ago by another server process shows within the
  // gate state's refresh period; until then it is unknown here. (No reload on
  // a miss: this runs on the I/O thread and must not wait for the database.)
  std::shared_ptr<const SiteState> site = state_.FindSite(req.site_id);
  if (!site || !site->site.active) return SiteNotFound();
  if (!by.scope.all && by.scope.enterprise_id != site->site.enterprise_id)
    return Status(ErrorKind::kPermissionDenied, "site_out_of_scope", "只能在本企业的查验点登记",
                  "you may check people in only at your own enterprise's sites", "site");
  if (!(req.temperature >= kMinTemperature && req.temperature <= kMaxTemperature))
    return InvalidArgument("temperature", "out_of_range", "体温应在 34–43 ℃ 之间",
                           "temperature must be between 34 and 43 °C");
  auto now = Now();
  Days today = BusinessDate(now);
  PreparedCheckin out;
  EntryRecord& r = out.record;
  r.enterprise_id = site->site.enterprise_id;
  r.region = site->region;
  r.site_id = site->site.id;
  r.day = FormatDate(today);
  r.at = FormatTimestamp(now);
  r.temperature = req.temperature;
  r.verifier_id = by.user_id;
  GateDecision d;
  if (req.pass) {
    Result<PassClaims> claims = VerifyPass(*req.pass, keys_.pass);
    bool own = claims.ok() && claims->enterprise_id == site->site.enterprise_id;
    bool on_roster = true;
    std::vector<HoldSpan> holds;
    if (own) state_.Employee(claims->employee_id, &on_roster, &holds);
    GateEmployeeInput in;
    in.pass = &claims;
    in.site_enterprise_id = site->site.enterprise_id;
    in.today = today;
    in.on_roster = on_roster;
    in.holds = &holds;
    in.temperature = req.temperature;
    in.fever_threshold = site->fever_threshold;
    d = DecideEmployee(in);
    r.person_kind = own ? "employee" : "unknown";
    if (own) r.employee_id = claims->employee_id;
  } else if (req.visitor) {
    Visitor v = *req.visitor;
    RETURN_IF_ERROR(ValidateVisitor(v));
    d = DecideVisitor(req.temperature, site->fever_threshold);
    r.person_kind = "visitor";
    r.visitor_name = v.name;
    r.person_name = v.name;
    r.visitor_phone_cipher = crypto::Seal(keys_.seal, v.phone);
    r.visitor_phone_masked = MaskPhone(v.phone);
    if (!v.id_number.empty()) {
      r.visitor_id_cipher = crypto::Seal(keys_.seal, v.id_number);
      r.visitor_id_masked = MaskIdNumber(v.id_number);
    }
    r.visitor_host = v.host;
    r.visitor_reason = v.reason;
  } else {
    return InvalidArgument("pass", "required", "须提供通行码 pass 或来访人员信息 visitor",
                           "either pass or visitor is required");
  }
  r.admit = d.admit;
  r.reasons = d.reasons;
  r.alert = d.alert;
  out.result = CheckinResult{d.admit, std::move(d.reasons), r.at};
  return out;
}

void CheckinService::Commit(PreparedCheckin checkin,
                            std::function<void(Result<CheckinResult>)> done) {
  bool alert = !checkin.record.alert.empty();
  writer_.Submit(std::move(checkin.record),
                 [hub = &alerts_, alert, result = std::move(checkin.result),
                  done = std::move(done)](Status st) mutable {
                   if (st.ok() && alert) hub->Notify();
                   if (st.ok())
                     done(std::move(result));
                   else
                     done(std::move(st));
                 });
}

Result<CheckinResult> CheckinService::Checkin(const CheckinRequest& req,
                                              const system::Principal& by) {
  ASSIGN_OR_RETURN(PreparedCheckin p, Decide(req, by));
  CheckinResult result = p.result;
  bool alert = !p.record.alert.empty();
  RETURN_IF_ERROR(writer_.Write(std::move(p.record)));
  if (alert) alerts_.Notify();
  return result;
}

Result<Site> CheckinService::SiteInScope(int64_t site_id, const system::Principal& by) {
  std::optional<Site> site;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(site, CheckinRepository::GetSite(c, site_id));
    return Status::Ok();
  }));
  if (!site) return SiteNotFound();
  auto e = enterprises_.Get(site->enterprise_uscc, by.scope);
  if (!e.ok()) return SiteNotFound();
  return *site;
}

Result<std::vector<Entry>> CheckinService::Entries(int64_t site_id, const std::string& day,
                                                   const system::Page& page,
                                                   const system::Principal& by, int64_t* total) {
  ASSIGN_OR_RETURN(Site site, SiteInScope(site_id, by));
  std::vector<Entry> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, CheckinRepository::ListEntries(c, site.id, day, page, total));
    return Status::Ok();
  }));
  return out;
}

namespace {

std::string ReasonsText(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& r : reasons) out += (out.empty() ? "" : ",") + r;
  return out;
}

std::string_view KindZh(const std::string& kind) {
  return kind == "employee" ? "员工" : kind == "visitor" ? "访客" : "未识别";
}

}  // namespace

Result<std::string> CheckinService::ExportEntries(int64_t site_id, const std::string& day,
                                                  enterprise::ExportFormat format,
                                                  const system::Principal& by) {
  ASSIGN_OR_RETURN(Site site, SiteInScope(site_id, by));
  return system::ExportTable(
      format, "出入登记",
      {std::string("时间"), std::string("类型"), std::string("姓名"), std::string("部门"),
       std::string("体温"), std::string("结果"), std::string("原因"), std::string("来访人手机"),
       std::string("来访人证件"), std::string("被访人"), std::string("来访事由")},
      [&](io::TableWriter& writer) {
        return db_.WithConnection([&](db::Connection& c) {
          return CheckinRepository::ForEachEntry(c, site.id, day, [&](const Entry& e) {
            return writer.WriteRow(
                {e.at, std::string(KindZh(e.person_kind)), e.name, e.department, e.temperature,
                 std::string(e.decision == "admit" ? "通过" : "拒绝"), ReasonsText(e.reasons),
                 e.visitor_phone_masked, e.visitor_id_masked, e.visitor_host, e.visitor_reason});
          });
        });
      });
}

Result<std::string> CheckinService::ExportAlerts(AlertFilter filter,
                                                 enterprise::ExportFormat format,
                                                 const system::Principal& by) {
  // Validated and paged like the list (the first page checks the filter).
  return system::ExportTable(
      format, "健康预警",
      {std::string("时间"), std::string("企业"), std::string("统一社会信用代码"),
       std::string("查验点"), std::string("人员"), std::string("类型"), std::string("体温"),
       std::string("原因"), std::string("已确认"), std::string("确认人"), std::string("确认时间"),
       std::string("备注")},
      [&](io::TableWriter& writer) -> Status {
        system::Page page;
        page.size = 1000;
        for (page.page = 1;; ++page.page) {
          int64_t total = 0;
          ASSIGN_OR_RETURN(auto items, Alerts(filter, page, by, &total));
          for (const auto& a : items)
            RETURN_IF_ERROR(writer.WriteRow(
                {a.at, a.enterprise_name, a.enterprise_uscc, a.site_name, a.person_name, a.kind,
                 a.temperature ? io::Cell(*a.temperature) : io::Cell(std::string()),
                 ReasonsText(a.reasons), std::string(a.acknowledged ? "是" : "否"),
                 a.acknowledged_by, a.acknowledged_at, a.note}));
          if (int64_t(page.page) * page.size >= total) return Status::Ok();
        }
      });
}

Result<std::vector<Alert>> CheckinService::Alerts(AlertFilter filter, const system::Page& page,
                                                  const system::Principal& by, int64_t* total) {
  if (!filter.region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(filter.region_code, "region"));
    filter.region_code = r.code;
    filter.region_level = r.level;
  }
  for (auto [field, value] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
    if (value->empty()) continue;
    auto d = ParseDate(*value);
    if (!d)
      return InvalidArgument(field, "invalid_date", std::string(field) + " 应为 YYYY-MM-DD",
                             std::string(field) + " must be a date YYYY-MM-DD");
    // Timestamps carry +08:00, so the day's bounds compare as text.
    *value = FormatDate(*d + std::chrono::days(std::string(field) == "to" ? 1 : 0)) + "T00:00:00";
  }
  std::vector<Alert> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, CheckinRepository::ListAlerts(c, filter, by.scope, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Alert> CheckinService::Acknowledge(int64_t id, const std::string& note_in,
                                          const system::Principal& by) {
  std::string note = Trim(note_in);
  RETURN_IF_ERROR(TextField("note", note, 200, false));
  std::optional<Alert> alert;
  bool changed = false;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(alert, CheckinRepository::GetAlert(c, id, by.scope));
    if (!alert) return Status::Ok();
    ASSIGN_OR_RETURN(changed,
                     CheckinRepository::AckAlert(c, id, by.user_id, by.display_name, note));
    return Status::Ok();
  }));
  if (!alert)
    return NotFound("unknown_alert", "预警不存在或无权访问", "no such alert in your scope");
  if (!changed)
    return Conflict("alert", "already_acknowledged", "该预警已被确认",
                    "this alert was acknowledged already");
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(alert, CheckinRepository::GetAlert(c, id, by.scope));
    return Status::Ok();
  }));
  return *alert;
}

}  // namespace fugong::workforce
