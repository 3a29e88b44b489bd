// Electricity cross-check (复工电力指数, SPEC §3.5): meters mapped to
// enterprises, daily readings, the per-region configuration, power-based
// rates beside the reported ones, and the disagreements a cadre checks.
// Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "system/import_report.h"

namespace fugong::power {

// A utility meter (户号/电表号) of an enterprise.
struct Meter {
  int64_t id = 0;
  std::string meter_no;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;  // read only
  std::string region_code;
  std::string note;
  std::string created_at;
};

// Configuration of a region's subtree (nearest ancestor applies).
struct Config {
  std::string region_code;                          // where it is stored ("" default)
  double threshold = 0.3;                           // resumed by power: use > threshold × baseline
  std::string baseline_method = "reference_month";  // reference_month | same_period
  std::string reference_month = "2019-12";          // YYYY-MM
  double margin = 30;                               // load vs power rate, percentage points
  double suppressed_below = 0.5;  // 抑制 below; 恢复 between; 企稳 from stable_from
  double stable_from = 0.8;
};

// One enterprise's power on a date.
struct EnterprisePower {
  int64_t enterprise_id = 0;
  std::string uscc, name, region_code, cadre, status;  // status: reported, at the date
  bool reported_resumed = false;
  bool has_baseline = false, has_reading = false;
  double baseline = 0;  // kWh per day
  double use = 0;       // the day's kWh (all meters)
  bool resumed_by_power = false;
  std::optional<double> load_percent;  // the day's report
  std::string kind;                    // disagreement kind, if listed as one
  std::string reason, note;            // the explanation, if any
};

// Power-based figures of a region ∩ category on a date.
struct PowerRates {
  std::string region_code, date, category;
  double threshold = 0.3;
  int64_t base = 0;              // enterprises in the base (as the reported rates)
  int64_t with_data = 0;         // with a baseline and a reading of the day
  int64_t without_data = 0;      // base − with_data: counted, never dropped
  int64_t no_baseline = 0;       // of which without a baseline
  int64_t no_reading = 0;        // of which with a baseline but no reading
  int64_t resumed = 0;           // resumed by power (of with_data)
  double use = 0;                // Σ day's use over with_data
  double baseline = 0;           // Σ baseline over with_data
  int64_t reported_resumed = 0;  // reported resumed (of with_data), beside
  std::string label;             // suppressed | recovering | stable ("" without data)
};

struct SeriesPoint {
  std::string date;
  int64_t with_data = 0, without_data = 0, resumed = 0;
  double use = 0, baseline = 0;
  std::string label;
};

// A utility file's row-level error.
using RowError = system::ImportError;

struct ImportResult {
  int64_t imported = 0;  // new enterprise/meter/day values
  int64_t updated = 0;   // replaced values
  int64_t rejected_rows = 0;
  std::vector<RowError> rejected;
  std::string report_id;        // the downloadable error report, when rows were rejected
  std::string latest_date;      // the latest day with an imported value
  int64_t cadres_notified = 0;  // cadres told of new disagreements on latest_date
};

struct Explanation {
  std::string uscc, date, kind, reason, note;
};

inline constexpr const char* kKinds[] = {"resumed_no_power", "power_not_reported", "load_mismatch"};
inline constexpr const char* kReasons[] = {"generator", "seasonal", "meter_shared", "late_report",
                                           "other"};

}  // namespace fugong::power
