#include "modules/retention/rules.h"

namespace fugong::retention {

const std::vector<KindDef>& Kinds() {
  static const std::vector<KindDef> kinds = {
      {"entry_logs", "出入登记", "entry logs", "entry_logs", "day"},
      {"health_declarations", "健康申报", "health declarations", "health_declarations", "day"},
      {"travel_records", "返岗信息卡行程", "return-card travel records", "travel_records",
       "to_date"},
      {"health_holds", "已结束的隔离与医学观察", "ended quarantine and observation", "health_holds",
       "end_date"},
      {"alerts", "预警", "alerts", "alerts", "at"},
  };
  return kinds;
}

const KindDef* FindKind(std::string_view kind) {
  for (const auto& k : Kinds())
    if (kind == k.kind) return &k;
  return nullptr;
}

std::map<std::string, int> RetentionDays(const json::value& setting) {
  std::map<std::string, int> out;
  for (const auto& k : Kinds()) out[k.kind] = kDefaultDays;
  if (!setting.is_object()) return out;
  for (const auto& kv : setting.as_object()) {
    auto it = out.find(std::string(kv.key()));
    if (it == out.end()) continue;
    const json::value& v = kv.value();
    if (v.is_int64() && v.as_int64() >= 0 && v.as_int64() <= 36500)
      it->second = int(v.as_int64());
    else if (v.is_uint64() && v.as_uint64() <= 36500)
      it->second = int(v.as_uint64());
  }
  return out;
}

std::optional<std::string> Cutoff(Days today, int days) {
  if (days <= 0) return std::nullopt;
  return FormatDate(today - std::chrono::days(days));
}

std::optional<std::string> DeleteAfter(std::string_view date, int days) {
  if (days <= 0 || date.size() < 10) return std::nullopt;
  auto d = ParseDate(date.substr(0, 10));
  if (!d) return std::nullopt;
  return FormatDate(*d + std::chrono::days(days));
}

}  // namespace fugong::retention
