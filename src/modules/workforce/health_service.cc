#include "modules/workforce/health_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/validation.h"
#include "modules/workforce/checkin_repository.h"
#include "modules/workforce/employee_repository.h"
#include "modules/workforce/health_repository.h"
#include "system/roles.h"

namespace fugong::workforce {
namespace {

Status BadDate(const std::string& field) {
  return InvalidArgument(field, "invalid_date", field + " 应为 YYYY-MM-DD 格式的有效日期",
                         field + " must be a real date YYYY-MM-DD");
}

Result<Days> DateField(const std::string& field, const std::string& v) {
  auto d = ParseDate(v);
  if (!d || *d < Days(std::chrono::year(2019) / 1 / 1)) return BadDate(field);
  return *d;
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

template <size_t N>
bool InVocabulary(const std::string& v, const char* const (&codes)[N]) {
  for (const char* c : codes)
    if (v == c) return true;
  return false;
}

int QuarantineDays(const system::SettingsService& settings, const std::string& region) {
  return static_cast<int>(settings.Number("quarantine_days", region));
}

EntryRecord DeclaredFeverAlert(const Employee& e, const system::Region& region, double t) {
  EntryRecord r;
  r.enterprise_id = e.enterprise_id;
  r.region = region;
  r.employee_id = e.id;
  r.person_name = e.name;
  r.alert = "declared_fever";
  r.reasons = {"fever"};
  r.temperature = t;
  r.at = NowTimestamp();
  return r;
}

}  // namespace

Result<ReturnCard> HealthService::GetCard(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, employees_.Get(id, by));
  std::optional<ReturnCard> card;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(card, HealthRepository::GetCard(c, e.id));
    return Status::Ok();
  }));
  if (!card)
    return NotFound("no_card", "该员工尚未填写返岗信息卡",
                    "this employee has not filed a return-to-work card");
  return *card;
}

Result<ReturnCard> HealthService::PutCard(int64_t id, ReturnCard card,
                                          const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, employees_.Get(id, by));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  card.employee_id = e.id;
  std::optional<Days> arrival;
  if (!card.arrival_date.empty()) {
    ASSIGN_OR_RETURN(arrival, DateField("arrival_date", card.arrival_date));
    card.arrival_date = FormatDate(*arrival);
  }
  if (!InVocabulary(card.health, kHealthStates))
    return InvalidArgument("health", "invalid_value", "当前健康状况应为 healthy/symptoms/fever",
                           "health must be healthy, symptoms or fever");
  RETURN_IF_ERROR(TextField("note", card.note, 200, false));
  if (card.travel.size() > 50)
    return InvalidArgument("travel", "too_many", "行程最多 50 条", "at most 50 travel records");
  for (size_t i = 0; i < card.travel.size(); ++i) {
    TravelRecord& t = card.travel[i];
    std::string f = "travel[" + std::to_string(i) + "].";
    if (t.region_code.empty())
      return InvalidArgument(f + "region_code", "required",
                             "缺少行程地区划代码 " + f + "region_code",
                             "field " + f + "region_code is required");
    ASSIGN_OR_RETURN(system::Region place, reference_.GetRegion(t.region_code, f + "region_code"));
    t.region_code = place.code;
    RETURN_IF_ERROR(TextField(f + "place", t.place, 100, false));
    ASSIGN_OR_RETURN(Days from, DateField(f + "from_date", t.from_date));
    ASSIGN_OR_RETURN(Days to, DateField(f + "to_date", t.to_date));
    if (to < from)
      return InvalidArgument(f + "to_date", "invalid_range", "行程结束日期早于开始日期",
                             "to_date is before from_date");
    if (arrival && to > *arrival)
      return InvalidArgument(f + "to_date", "after_arrival", "行程结束日期晚于返岗到达日期",
                             "to_date is after the arrival date");
    t.from_date = FormatDate(from);
    t.to_date = FormatDate(to);
  }
  if (!arrival && (!card.travel.empty() || e.out_of_province))
    return InvalidArgument("arrival_date", "required", "有外出行程或来自外省时须填写到达日期",
                           "arrival_date is required with travel or from outside the province");
  int days = QuarantineDays(settings_, region.code);
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(HealthRepository::MarkChanged(c, "employee", {e.id}));
    RETURN_IF_ERROR(HealthRepository::PutCard(c, e.enterprise_id, region, card, by.user_id));
    ASSIGN_OR_RETURN(auto risks, LoadRisks(c));
    return ApplyRules(c, e, region, card, risks, days, by.user_id);
  }));
  RETURN_IF_ERROR(state_.Refresh());
  return GetCard(id, by);
}

Result<std::vector<RuleRisk>> HealthService::LoadRisks(db::Connection& c) const {
  ASSIGN_OR_RETURN(auto list, HealthRepository::ListRiskRegions(c));
  std::vector<RuleRisk> out;
  for (const auto& r : list) {
    auto region = reference_.GetRegion(r.region_code);
    auto start = ParseDate(r.start_date);
    if (!region.ok() || !start) continue;
    RuleRisk rr{*region, r.level, *start, std::nullopt};
    if (!r.end_date.empty()) rr.end = ParseDate(r.end_date);
    out.push_back(std::move(rr));
  }
  return out;
}

Status HealthService::ApplyRules(db::Connection& c, const Employee& e, const system::Region& region,
                                 const ReturnCard& card, const std::vector<RuleRisk>& risks,
                                 int quarantine_days, int64_t by) {
  RuleInput in;
  if (!card.arrival_date.empty()) in.arrival = ParseDate(card.arrival_date);
  in.card_date = Today();
  in.contact_with_cases = card.contact_with_cases;
  in.health = card.health;
  in.out_of_province = e.out_of_province;
  in.enterprise_province = region.province_code;
  in.quarantine_days = quarantine_days;
  in.risks = risks;
  for (const auto& t : card.travel) {
    auto place = reference_.GetRegion(t.region_code);
    auto from = ParseDate(t.from_date), to = ParseDate(t.to_date);
    if (place.ok() && from && to) in.travel.push_back({*place, *from, *to});
  }
  std::vector<DerivedHold> derived = DeriveHolds(in);
  ASSIGN_OR_RETURN(std::vector<Hold> existing, HealthRepository::HoldsOf(c, e.id));
  for (const char* kind : {kQuarantine, kMedicalObservation, kMonitoring}) {
    const DerivedHold* d = nullptr;
    for (const auto& x : derived)
      if (x.kind == kind) d = &x;
    const Hold* h = nullptr;
    for (const auto& x : existing) {
      if (x.source != "rule" || x.kind != kind) continue;
      if (!h) {
        h = &x;
      } else {
        RETURN_IF_ERROR(HealthRepository::DeleteHold(c, x.id));  // duplicates: keep the latest
      }
    }
    if (d && !h) {
      Hold nh;
      nh.employee_id = e.id;
      nh.enterprise_id = e.enterprise_id;
      nh.kind = kind;
      nh.source = "rule";
      nh.reasons = d->reasons;
      nh.start_date = FormatDate(d->start);
      nh.rule_end_date = nh.end_date = FormatDate(d->end);
      ASSIGN_OR_RETURN(int64_t hold_id, HealthRepository::InsertHold(c, region, nh, by));
      (void)hold_id;
    } else if (d && h) {
      std::string start = FormatDate(d->start), rule_end = FormatDate(d->end);
      std::string end = rule_end;
      if (h->start_date == start && h->rule_end_date == rule_end) {
        end = h->end_date;  // same rule outcome: officers' changes stand
      } else if (h->extended && h->end_date > rule_end) {
        end = h->end_date;  // an extension is never undone by a new card
      }
      RETURN_IF_ERROR(HealthRepository::UpdateRuleHold(c, h->id, start, rule_end, end,
                                                       JoinCodes(d->reasons), by));
    } else if (!d && h && !h->extended) {
      RETURN_IF_ERROR(HealthRepository::DeleteHold(c, h->id));
    }
  }
  return Status::Ok();
}

Result<std::vector<Hold>> HealthService::Holds(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, employees_.Get(id, by));
  std::vector<Hold> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, HealthRepository::HoldsOf(c, e.id));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<BoardHold>> HealthService::Board(const std::string& uscc,
                                                    const std::string& kind, bool active,
                                                    const system::Page& page,
                                                    const system::Principal& by, int64_t* total) {
  if (!kind.empty() && kind != "quarantine" && kind != "medical_observation" &&
      kind != "monitoring")
    return InvalidArgument("kind", "invalid_value",
                           "kind 应为 quarantine、medical_observation 或 monitoring",
                           "kind must be quarantine, medical_observation or monitoring");
  ASSIGN_OR_RETURN(Owner owner, employees_.OwnerByUscc(uscc, by.scope));
  std::vector<BoardHold> out;
  std::string day = active ? FormatDate(Today()) : "";
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(
        out, HealthRepository::EnterpriseHolds(c, owner.enterprise.id, kind, day, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<HoldChange>> HealthService::HoldChanges(int64_t id,
                                                           const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, employees_.Get(id, by));
  std::vector<HoldChange> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, HealthRepository::HoldChanges(c, e.id));
    return Status::Ok();
  }));
  return out;
}

Result<Hold> HealthService::AddHold(int64_t id, const NewHold& in, const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, employees_.Get(id, by));
  if (!EmployeeService::SeesRoster(by)) return PermissionDenied();
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  if (in.kind != kMedicalObservation && in.kind != kQuarantine)
    return InvalidArgument("kind", "invalid_value", "类型应为 medical_observation 或 quarantine",
                           "kind must be medical_observation or quarantine");
  ASSIGN_OR_RETURN(Days start, DateField("start_date", in.start_date));
  Days end = start + std::chrono::days(QuarantineDays(settings_, region.code));
  if (!in.end_date.empty()) {
    ASSIGN_OR_RETURN(end, DateField("end_date", in.end_date));
    if (end <= start)
      return InvalidArgument("end_date", "invalid_range", "解除日期应晚于开始日期",
                             "end_date must be after start_date");
  }
  RETURN_IF_ERROR(TextField("reason", in.reason, 200, true));
  Hold h;
  h.employee_id = e.id;
  h.enterprise_id = e.enterprise_id;
  h.kind = in.kind;
  h.source = "manual";
  h.reasons = {"recorded"};
  h.start_date = FormatDate(start);
  h.rule_end_date = h.end_date = FormatDate(end);
  h.change_reason = in.reason;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(HealthRepository::MarkChanged(c, "employee", {e.id}));
    ASSIGN_OR_RETURN(h.id, HealthRepository::InsertHold(c, region, h, by.user_id));
    return Status::Ok();
  }));
  RETURN_IF_ERROR(state_.Refresh());
  return h;
}

Result<Hold> HealthService::ChangeEnd(int64_t hold_id, const EndDateChange& change,
                                      const system::Principal& by, const std::string& ip) {
  std::optional<Hold> hold;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(hold, HealthRepository::GetHold(c, hold_id));
    return Status::Ok();
  }));
  Status not_found = NotFound("unknown_hold", "隔离/观察记录不存在或无权访问",
                              "no such quarantine or observation record in your scope");
  if (!hold) return not_found;
  auto e = employees_.Get(hold->employee_id, by);
  if (!e.ok() || !EmployeeService::SeesRoster(by)) return not_found;
  ASSIGN_OR_RETURN(Days new_end, DateField("end_date", change.end_date));
  RETURN_IF_ERROR(TextField("reason", change.reason, 200, true));
  Days start = *ParseDate(hold->start_date), rule_end = *ParseDate(hold->rule_end_date),
       end = *ParseDate(hold->end_date);
  ASSIGN_OR_RETURN(EndChange kind,
                   ClassifyEndChange(start, rule_end, end, new_end, change.override_rule));
  if (kind == EndChange::kOverride) {
    if (!system::HasPermission(by.roles, "hold:override"))
      return Status(ErrorKind::kPermissionDenied, "override_not_allowed",
                    "早于规则解除日期的提前解除只能由卫生健康部门或管理员操作",
                    "only the health department or an admin may end a hold before the rule's date",
                    "override");
    // Audited before the change is made: an override never goes unrecorded.
    RETURN_IF_ERROR(users_.Audit(
        &by, ip, "hold_override",
        "hold=" + std::to_string(hold->id) + "&employee=" + std::to_string(hold->employee_id),
        "kind=" + hold->kind + " rule_end=" + hold->rule_end_date + " old_end=" + hold->end_date +
            " new_end=" + FormatDate(new_end) + " reason=" + change.reason));
  }
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(HealthRepository::MarkChanged(c, "employee", {hold->employee_id}));
    return HealthRepository::ChangeHoldEnd(c, *hold, FormatDate(new_end),
                                           std::string(EndChangeName(kind)), change.reason,
                                           by.user_id, by.display_name);
  }));
  RETURN_IF_ERROR(state_.Refresh());
  std::optional<Hold> updated;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(updated, HealthRepository::GetHold(c, hold_id));
    return Status::Ok();
  }));
  if (!updated) return not_found;
  return *updated;
}

Result<Declaration> HealthService::Declare(int64_t id, double temperature,
                                           std::vector<std::string> symptoms,
                                           const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, employees_.Get(id, by));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  if (!(temperature >= kMinTemperature && temperature <= kMaxTemperature))
    return InvalidArgument("temperature", "out_of_range", "体温应在 34–43 ℃ 之间",
                           "temperature must be between 34 and 43 °C");
  std::sort(symptoms.begin(), symptoms.end());
  symptoms.erase(std::unique(symptoms.begin(), symptoms.end()), symptoms.end());
  for (const auto& s : symptoms)
    if (!InVocabulary(s, kSymptoms))
      return InvalidArgument("symptoms", "invalid_value", "未知的症状：" + s,
                             "unknown symptom: " + s);
  Declaration d{e.id, FormatDate(Today()), temperature, symptoms, NowTimestamp()};
  double threshold = settings_.Number("fever_threshold", region.code);
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(HealthRepository::PutDeclaration(c, e.enterprise_id, region, d, by.user_id));
    if (temperature >= threshold)
      RETURN_IF_ERROR(
          CheckinRepository::InsertAlert(c, DeclaredFeverAlert(e, region, temperature)));
    return Status::Ok();
  }));
  return d;
}

Result<std::vector<Declaration>> HealthService::Declarations(int64_t id,
                                                             const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, employees_.Get(id, by));
  std::vector<Declaration> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, HealthRepository::Declarations(c, e.id, 60));
    return Status::Ok();
  }));
  return out;
}

Result<PassView> HealthService::Pass(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, employees_.Get(id, by));
  Days today = Today();
  std::vector<Hold> holds;
  std::optional<Declaration> decl;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(holds, HealthRepository::HoldsOf(c, e.id));
    ASSIGN_OR_RETURN(decl, HealthRepository::GetDeclaration(c, e.id, FormatDate(today)));
    return Status::Ok();
  }));
  ColourInput in;
  in.today = today;
  for (const auto& h : holds) {
    auto s = ParseDate(h.start_date), x = ParseDate(h.end_date);
    if (s && x) in.holds.push_back({h.kind, *s, *x});
  }
  if (decl) {
    in.declared_today = true;
    in.temperature = decl->temperature;
    in.symptoms = !decl->symptoms.empty();
  }
  in.fever_threshold = settings_.Number("fever_threshold", e.region_code);
  ColourResult colour = PassColour(in);
  if (!e.active) {
    colour.colour = Colour::kRed;
    colour.reasons.insert(colour.reasons.begin(), "not_on_roster");
  }
  PassView v;
  v.colour = colour.colour;
  v.reasons = std::move(colour.reasons);
  v.token = IssuePass({e.enterprise_id, e.id, today, colour.colour}, keys_.pass);
  ASSIGN_OR_RETURN(v.svg, QrSvg(v.token, v.colour));
  v.date = FormatDate(today);
  v.employee = std::move(e);
  return v;
}

Status HealthService::ValidateRisk(RiskRegion& r) const {
  if (r.region_code.empty())
    return InvalidArgument("region_code", "required", "缺少区划代码", "region_code is required");
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(r.region_code, "region_code"));
  r.region_code = region.code;
  r.region_name = region.name;
  if (!InVocabulary(r.level, kRiskLevels))
    return InvalidArgument("level", "invalid_value", "风险等级应为 high/medium/low",
                           "level must be high, medium or low");
  ASSIGN_OR_RETURN(Days start, DateField("start_date", r.start_date));
  r.start_date = FormatDate(start);
  if (!r.end_date.empty()) {
    ASSIGN_OR_RETURN(Days end, DateField("end_date", r.end_date));
    if (end < start)
      return InvalidArgument("end_date", "invalid_range", "结束日期早于开始日期",
                             "end_date is before start_date");
    r.end_date = FormatDate(end);
  }
  return TextField("note", r.note, 200, false);
}

Result<std::vector<RiskRegion>> HealthService::RiskRegions() {
  std::vector<RiskRegion> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, HealthRepository::ListRiskRegions(c));
    return Status::Ok();
  }));
  return out;
}

Result<RiskRegion> HealthService::SaveRiskRegion(RiskRegion r, const system::Principal& by) {
  RETURN_IF_ERROR(ValidateRisk(r));
  std::string old_region;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    if (r.id) {
      ASSIGN_OR_RETURN(auto old, HealthRepository::GetRiskRegion(c, r.id));
      if (!old) return NotFound("unknown_risk_region", "风险地区不存在", "no such risk region");
      old_region = old->region_code;
      return HealthRepository::UpdateRiskRegion(c, r, by.user_id);
    }
    ASSIGN_OR_RETURN(r.id, HealthRepository::InsertRiskRegion(c, r, by.user_id));
    return Status::Ok();
  }));
  RETURN_IF_ERROR(Rederive(r.region_code, by));
  if (!old_region.empty() && old_region != r.region_code) RETURN_IF_ERROR(Rederive(old_region, by));
  std::optional<RiskRegion> saved;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(saved, HealthRepository::GetRiskRegion(c, r.id));
    return Status::Ok();
  }));
  if (!saved) return NotFound("unknown_risk_region", "风险地区不存在", "no such risk region");
  return *saved;
}

Status HealthService::DeleteRiskRegion(int64_t id, const system::Principal& by) {
  std::string region;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto old, HealthRepository::GetRiskRegion(c, id));
    if (!old) return NotFound("unknown_risk_region", "风险地区不存在", "no such risk region");
    region = old->region_code;
    return HealthRepository::DeleteRiskRegion(c, id);
  }));
  return Rederive(region, by);
}

Status HealthService::Rederive(const std::string& region_code, const system::Principal& by) {
  ASSIGN_OR_RETURN(system::Region area, reference_.GetRegion(region_code));
  std::set<int64_t> ids;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto places, HealthRepository::TravelPlaces(c));
    for (const auto& [employee, code] : places) {
      auto place = reference_.GetRegion(code);
      if (place.ok() && place->CodeAtLevel(area.level) == area.code) ids.insert(employee);
    }
    return Status::Ok();
  }));
  if (ids.empty()) return Status::Ok();
  std::map<std::string, int> days_by_region;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(HealthRepository::MarkChanged(c, "employee", {ids.begin(), ids.end()}));
    ASSIGN_OR_RETURN(auto risks, LoadRisks(c));
    for (int64_t id : ids) {
      ASSIGN_OR_RETURN(auto e, EmployeeRepository::Get(c, id));
      ASSIGN_OR_RETURN(auto card, HealthRepository::GetCard(c, id));
      if (!e || !card) continue;
      auto region = reference_.GetRegion(e->region_code);
      if (!region.ok()) continue;
      auto [it, fresh] = days_by_region.emplace(region->code, 14);
      // Settings are read on another connection: fine for SQLite readers in
      // WAL mode and for PostgreSQL.
      if (fresh) it->second = QuarantineDays(settings_, region->code);
      RETURN_IF_ERROR(ApplyRules(c, *e, *region, *card, risks, it->second, by.user_id));
    }
    return Status::Ok();
  }));
  return state_.Refresh();
}

}  // namespace fugong::workforce
