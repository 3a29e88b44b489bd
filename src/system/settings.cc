#include "system/settings.h"

#include <cmath>

#include "core/clock.h"

namespace fugong::system {
namespace {

Status Bad(const std::string& zh, const std::string& en) {
  return InvalidArgument("value", "invalid_value", zh, en);
}

Status NumberIn(const json::value& v, double lo, double hi) {
  if (!v.is_number() || v.to_number<double>() < lo || v.to_number<double>() > hi)
    return Bad(
        "取值应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间的数字",
        "value must be a number between " + std::to_string(lo) + " and " + std::to_string(hi));
  return Status::Ok();
}

Status FeverThreshold(const json::value& v) { return NumberIn(v, 36.5, 39.0); }
Status QuarantineDays(const json::value& v) {
  if (!v.is_int64() && !v.is_uint64()) return Bad("应为整数天数", "value must be whole days");
  return NumberIn(v, 0, 60);
}
Status Fraction(const json::value& v) { return NumberIn(v, 0.01, 2.0); }

Status ClockTime(const json::value& v) {
  if (!v.is_string()) return Bad("应为 HH:MM 格式的时间", "value must be a time HH:MM");
  std::string s(v.as_string());
  auto t = ParseTimestamp("2020-01-01T" + s + ":00+08:00");
  if (s.size() != 5 || !t) return Bad("应为 HH:MM 格式的时间", "value must be a time HH:MM");
  return Status::Ok();
}

Status StringList(const json::value& v, const char* what) {
  if (!v.is_array())
    return Bad(std::string(what) + " 应为字符串数组",
               std::string(what) + " must be an array of strings");
  for (const auto& e : v.as_array())
    if (!e.is_string())
      return Bad(std::string(what) + " 应为字符串数组",
                 std::string(what) + " must be an array of strings");
  return Status::Ok();
}

Status NegativeList(const json::value& v) {
  if (!v.is_object())
    return Bad("负面清单应为对象 {industries, flags}", "negative list must be {industries, flags}");
  for (const auto& kv : v.as_object()) {
    if (kv.key() != "industries" && kv.key() != "flags")
      return Bad("负面清单只能包含 industries 和 flags",
                 "negative list takes only industries and flags");
    RETURN_IF_ERROR(StringList(kv.value(), std::string(kv.key()).c_str()));
  }
  return Status::Ok();
}

Status ReviewLevels(const json::value& v) {
  if (!v.is_array() || v.as_array().empty() || v.as_array().size() > 4)
    return Bad("审核层级应为 1–4 个区划级别，如 [4,3]",
               "review levels must be 1–4 region levels, e.g. [4,3]");
  int last = 5;
  for (const auto& e : v.as_array()) {
    if (!e.is_int64() || e.as_int64() < 1 || e.as_int64() > 4 || e.as_int64() >= last)
      return Bad("审核层级应自下而上排列（4 街道、3 区县、2 市、1 省）",
                 "review levels go bottom-up (4 town, 3 county, 2 city, 1 province)");
    last = int(e.as_int64());
  }
  return Status::Ok();
}

Status Routing(const json::value& v) {
  if (!v.is_object())
    return Bad("分派规则应为 {行业门类: 部门}",
               "routing must map industry sections to departments");
  for (const auto& kv : v.as_object())
    if (!kv.value().is_string() || kv.value().as_string().empty())
      return Bad("分派规则的部门名称不能为空",
                 "routing department names must be non-empty strings");
  return Status::Ok();
}

// Demand SLA (SPEC §3.6): a positive whole number, or {"<category>"|"*": n}.
Status SlaLimit(const json::value& v) {
  auto positive = [](const json::value& x) {
    return (x.is_int64() && x.as_int64() > 0 && x.as_int64() <= 100000) ||
           (x.is_uint64() && x.as_uint64() > 0 && x.as_uint64() <= 100000);
  };
  if (positive(v)) return Status::Ok();
  static const char* kKeys[] = {"*",   "raw_materials", "logistics", "funding", "labour",
                                "ppe", "utilities",     "approvals", "policy",  "other"};
  if (!v.is_object())
    return Bad("时限应为正整数或 {诉求类别: 正整数}",
               "the limit must be a positive integer or {category: integer}");
  for (const auto& kv : v.as_object()) {
    bool known = false;
    for (const char* k : kKeys) known = known || kv.key() == k;
    if (!known)
      return Bad("未知的诉求类别 " + std::string(kv.key()),
                 "unknown demand category " + std::string(kv.key()));
    if (!positive(kv.value()))
      return Bad("时限应为 1–100000 的整数", "limits must be integers from 1 to 100000");
  }
  return Status::Ok();
}

// Service-hours calendar of the demand SLA: {"start","end","weekdays":[1..7],
// "holidays":[dates],"workdays":[make-up working days]}.
Status ServiceCalendar(const json::value& v) {
  if (!v.is_object())
    return Bad("服务日历应为对象 {start, end, weekdays, holidays, workdays}",
               "the calendar must be {start, end, weekdays, holidays, workdays}");
  std::string start = "08:30", end = "17:30";
  for (const auto& kv : v.as_object()) {
    std::string key(kv.key());
    if (key == "start" || key == "end") {
      RETURN_IF_ERROR(ClockTime(kv.value()));
      (key == "start" ? start : end) = std::string(kv.value().as_string());
    } else if (key == "weekdays") {
      if (!kv.value().is_array()) return Bad("weekdays 应为 1–7 的数组", "weekdays: 1–7");
      for (const auto& d : kv.value().as_array())
        if (!d.is_int64() || d.as_int64() < 1 || d.as_int64() > 7)
          return Bad("weekdays 应为 1（周一）到 7（周日）", "weekdays go from 1 (Monday) to 7");
    } else if (key == "holidays" || key == "workdays") {
      RETURN_IF_ERROR(StringList(kv.value(), key.c_str()));
      for (const auto& d : kv.value().as_array())
        if (!ParseDate(std::string(d.as_string())))
          return Bad(key + " 中的日期应为 YYYY-MM-DD", key + " must hold YYYY-MM-DD dates");
    } else {
      return Bad("服务日历不认识 " + key, "unknown calendar member " + key);
    }
  }
  if (start >= end) return Bad("服务开始时间应早于结束时间", "start must be before end");
  return Status::Ok();
}

}  // namespace

const std::vector<SettingDef>& SettingDefs() {
  static const std::vector<SettingDef> defs = {
      {"fever_threshold", "发热判定体温（℃）", "fever threshold (°C)", 37.3, FeverThreshold},
      {"quarantine_days", "隔离观察天数", "quarantine days", 14, QuarantineDays},
      {"report_deadline", "日报截止时间（次日）", "daily report deadline (next day)", "10:00",
       ClockTime},
      {"full_capacity_threshold", "达产阈值（占正常产能比例）",
       "full-capacity threshold (share of normal output)", 0.8, Fraction},
      {"negative_list", "负面清单（须走标准审批流程的行业与类别）",
       "negative list (industries and flags that need the standard route)",
       json::value(json::object{{"industries", json::array{"H", "P", "R"}},
                                {"flags", json::array{"mall", "farmers_market"}}}),
       NegativeList},
      {"review_levels", "复工审核层级（自下而上）", "review levels (bottom-up)",
       json::value(json::array{3}), ReviewLevels},
      {"routing", "复工申请分派规则（行业门类 → 部门）",
       "application routing (industry section → department)",
       json::value(json::object{{"B", "工业和信息化局"},
                                {"C", "工业和信息化局"},
                                {"D", "工业和信息化局"},
                                {"F", "商务局"},
                                {"H", "商务局"},
                                {"*", "发展和改革局"}}),
       Routing},
      {"sla_first_response_minutes", "诉求首次响应时限（服务分钟，可按类别设置）",
       "demand first-response limit (service minutes, per category allowed)", 60, SlaLimit},
      {"sla_resolution_hours", "诉求办结时限（服务小时，可按类别设置）",
       "demand resolution limit (service hours, per category allowed)", 72, SlaLimit},
      {"service_calendar", "诉求服务时间日历（工作时间、节假日、调休上班日）",
       "demand service-hours calendar (hours, holidays, make-up working days)",
       json::value(json::object{
           {"start", "08:30"},
           {"end", "17:30"},
           {"weekdays", json::array{1, 2, 3, 4, 5}},
           {"holidays",
            json::array{"2020-01-01", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29",
                        "2020-01-30", "2020-01-31", "2020-04-06", "2020-05-01", "2020-05-04",
                        "2020-05-05", "2020-06-25", "2020-06-26", "2020-10-01", "2020-10-02",
                        "2020-10-05", "2020-10-06", "2020-10-07", "2020-10-08"}},
           {"workdays", json::array{"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28",
                                    "2020-09-27", "2020-10-10"}}}),
       ServiceCalendar},
  };
  return defs;
}

const SettingDef* FindSetting(std::string_view key) {
  for (const auto& d : SettingDefs())
    if (d.key == key) return &d;
  return nullptr;
}

}  // namespace fugong::system
