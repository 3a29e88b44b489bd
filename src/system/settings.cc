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
  static const char* kKeys[] = {"*",      "raw_materials", "logistics", "funding",
                                "labour", "ppe",           "utilities", "approvals",
                                "policy", "other",         "land",      "infrastructure"};
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

// Retention of personal data (src/modules/retention): {"<kind>": days}, 0 keeps for ever.
Status RetentionDays(const json::value& v) {
  static const char* kKinds[] = {"entry_logs", "health_declarations", "travel_records",
                                 "health_holds", "alerts"};
  if (!v.is_object())
    return Bad("保存期限应为 {数据类别: 天数}", "retention must map record kinds to days");
  for (const auto& kv : v.as_object()) {
    bool known = false;
    for (const char* k : kKinds) known = known || kv.key() == k;
    if (!known)
      return Bad("未知的数据类别 " + std::string(kv.key()),
                 "unknown record kind " + std::string(kv.key()));
    const json::value& d = kv.value();
    if (!((d.is_int64() && d.as_int64() >= 0 && d.as_int64() <= 36500) ||
          (d.is_uint64() && d.as_uint64() <= 36500)))
      return Bad("保存天数应为 0–36500 的整数（0 表示永久保存）",
                 "days must be whole numbers from 0 to 36500 (0 keeps for ever)");
  }
  return Status::Ok();
}

}  // namespace

const std::vector<SettingDef>& SettingDefs() {
  static const std::vector<SettingDef> defs = {
      // Transport permits (通行证) and commuter buses (定制公交): src/modules/permit, bus.
      {"permit_max_days", "通行证最长有效天数（按类型）",
       "longest permit validity in days, per type",
       json::value(json::object{{"emergency_supplies", 30},
                                {"production_materials", 30},
                                {"commute_vehicle", 30},
                                {"personal", 14}}),
       +[](const json::value& v) -> Status {
         static const char* kTypes[] = {"emergency_supplies", "production_materials",
                                        "commute_vehicle", "personal", "*"};
         if (!v.is_object())
           return Bad("应为 {通行证类型: 天数}", "must map permit types to days");
         for (const auto& kv : v.as_object()) {
           bool known = false;
           for (const char* k : kTypes) known = known || kv.key() == k;
           if (!known)
             return Bad("未知的通行证类型 " + std::string(kv.key()),
                        "unknown permit type " + std::string(kv.key()));
           if (!kv.value().is_int64() || kv.value().as_int64() < 1 || kv.value().as_int64() > 366)
             return Bad("天数应为 1–366 的整数", "days must be whole numbers from 1 to 366");
         }
         return Status::Ok();
       }},
      {"permit_department", "通行证审核部门", "department reviewing transport permits",
       "交通运输局", +[](const json::value& v) -> Status {
         if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 60)
           return Bad("应为部门名称", "must be a department name");
         return Status::Ok();
       }},
      {"bus_operator_department", "定制公交运营管理部门", "department running commuter buses",
       "交通运输局", +[](const json::value& v) -> Status {
         if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 60)
           return Bad("应为部门名称", "must be a department name");
         return Status::Ok();
       }},
      // Key projects (SPEC §3.16): the categories offered and the department in charge.
      {"project_categories", "重点项目类别", "key project categories",
       json::value(json::array{"省重点", "市重点", "三早"}),
       +[](const json::value& v) -> Status {
         if (!v.is_array() || v.as_array().empty())
           return Bad("项目类别应为非空字符串数组", "categories must be a non-empty string array");
         for (const auto& e : v.as_array())
           if (!e.is_string() || e.as_string().empty() || e.as_string().size() > 30)
             return Bad("项目类别应为1至30字的字符串", "each category: 1 to 30 characters");
         return Status::Ok();
       }},
      {"project_department", "重点项目主管部门", "department in charge of key projects",
       "发展和改革局",
       +[](const json::value& v) -> Status {
         if (!v.is_string() || v.as_string().empty())
           return Bad("部门名称不能为空", "the department name must not be empty");
         return Status::Ok();
       }},
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
      // Supplies (src/modules/supply): the department that manages them; the days of own
      // stock under which an enterprise's stock is a shortage.
      {"supplies_department", "防疫物资主管部门", "department that manages epidemic supplies",
       "工业和信息化局",
       [](const json::value& v) -> Status {
         if (!v.is_string() || v.as_string().empty())
           return Bad("主管部门应为非空的部门名称", "the department must be a non-empty name");
         return Status::Ok();
       }},
      {"supplies_shortage_days", "企业防疫物资短缺预警天数（可用天数低于此值）",
       "shortage warning when an enterprise's supplies last fewer days than this", 3,
       [](const json::value& v) -> Status { return NumberIn(v, 0.5, 60); }},
      {"retention_days", "个人数据保存天数（按类别，0 为永久保存；到期后每日清理）",
       "personal data retention in days per kind (0 keeps for ever; purged daily when due)",
       json::value(json::object{{"entry_logs", 28},
                                {"health_declarations", 28},
                                {"travel_records", 28},
                                {"health_holds", 28},
                                {"alerts", 28}}),
       RetentionDays},
      // Online recruitment (src/modules/recruitment): the department that reviews jobs.
      {"recruitment_department", "招聘岗位审核部门", "department that reviews job postings",
       "人力资源和社会保障局",
       [](const json::value& v) -> Status {
         if (!v.is_string() || v.as_string().empty())
           return Bad("审核部门应为非空的部门名称", "the department must be a non-empty name");
         return Status::Ok();
       }},
      // Financing and policies (src/modules/finance, src/modules/policy).
      {"finance_department", "融资对接办理部门（金融办）", "department that runs financing",
       "地方金融监督管理局",
       [](const json::value& v) -> Status {
         if (!v.is_string() || v.as_string().empty())
           return Bad("办理部门应为非空的部门名称", "the department must be a non-empty name");
         return Status::Ok();
       }},
      {"finance_max_amount", "单笔融资金额上限（万元，最高 1000000 即 100 亿元）",
       "ceiling of one financing amount (10k yuan, at most 1000000 = 10 billion yuan)", 1000000,
       [](const json::value& v) -> Status { return NumberIn(v, 1, 1000000); }},
      {"policy_layoff_window_days", "政策“未裁员”判定窗口（天）",
       "window of the policies' no-lay-offs condition (days)", 30,
       [](const json::value& v) -> Status {
         if (!v.is_int64() && !v.is_uint64()) return Bad("应为整数天数", "value must be whole days");
         return NumberIn(v, 1, 366);
       }},
  };
  return defs;
}

const SettingDef* FindSetting(std::string_view key) {
  for (const auto& d : SettingDefs())
    if (d.key == key) return &d;
  return nullptr;
}

}  // namespace fugong::system
