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
  };
  return defs;
}

const SettingDef* FindSetting(std::string_view key) {
  for (const auto& d : SettingDefs())
    if (d.key == key) return &d;
  return nullptr;
}

}  // namespace fugong::system
