// Retention of personal data (SPEC §3.17, issue 7), without a database: the
// kinds of personal records, their retention in days from the setting
// `retention_days` ({"<kind>": days}, 0 = keep for ever, default 28), the
// purge cutoff of a day and the scheduled deletion date of a record.
//
// A record dated D with retention N is kept through D + N (`delete_after`)
// and deleted by the first purge after that day: the purge of day T deletes
// the records dated before T - N (the cutoff).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/json_util.h"

namespace fugong::retention {

inline constexpr int kDefaultDays = 28;

struct KindDef {
  const char* kind;
  const char* zh;
  const char* en;
  const char* table;
  // The date (YYYY-MM-DD, or an ISO timestamp starting with one) the
  // retention counts from.
  const char* date_column;
};

// entry_logs, health_declarations, travel_records, health_holds, alerts.
const std::vector<KindDef>& Kinds();
const KindDef* FindKind(std::string_view kind);

// Days per kind from the setting's value; absent kinds and malformed values
// take kDefaultDays.
std::map<std::string, int> RetentionDays(const json::value& setting);

// The first day kept by the purge of `today` (records dated before it go);
// nullopt when days == 0 (kept for ever).
std::optional<std::string> Cutoff(Days today, int days);

// The last day a record dated `date` is kept (date + days); nullopt when
// days == 0 or the date does not parse.
std::optional<std::string> DeleteAfter(std::string_view date, int days);

}  // namespace fugong::retention
