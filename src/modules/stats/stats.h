// Statistics of SPEC §3.5 and §4: resumption rates with numerator and
// denominator for any region subtree, category and date; series, drill-down,
// reporting completeness, forecast and the daily bulletin.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fugong::stats {

struct RateValue {
  int64_t num = 0;
  int64_t den = 0;
  double rate = 0;  // num / den, 0 when den is 0
  // For sums of amounts (output value) the integer fields are rounded; the
  // exact amounts are kept here.
  double num_amount = 0, den_amount = 0;
};

// The same region, category and date by electricity (SPEC §3.5 复工电力指数),
// from the power module through the source wired in app.cc.
struct PowerFigures {
  double threshold = 0;  // share of the baseline
  int64_t base = 0, with_data = 0, without_data = 0;
  int64_t resumed = 0, reported_resumed = 0;  // of with_data
  double use = 0, baseline = 0;               // Σ day's use, Σ baseline over with_data
  std::string label;                          // suppressed | recovering | stable | ""
};

struct Rates {
  std::string region_code, region_name, date, category;
  int64_t enterprises = 0;        // in region ∩ category, not closed at the date
  int64_t seasonal_excluded = 0;  // seasonal ones, outside every base
  int64_t base = 0;               // enterprises − seasonal
  int64_t closed = 0;             // left the base (停业)
  RateValue work_resumed, production_resumed, full_capacity, business_reopened, staff_returned,
      capacity_recovered;
  std::optional<PowerFigures> power;  // when a power source is wired
};

// The measures whose enterprises can be listed (drill-down to the list).
inline constexpr const char* kMeasures[] = {"base",
                                            "seasonal_excluded",
                                            "work_resumed",
                                            "not_work_resumed",
                                            "production_resumed",
                                            "not_production_resumed",
                                            "full_capacity",
                                            "business_reopened",
                                            "not_business_reopened",
                                            "closed"};

struct EnterpriseRow {
  std::string uscc, name, region_code, region_name, industry_code, status, status_date, cadre;
  bool key_enterprise = false;
  int64_t employees = 0;
};

struct SeriesPoint {
  std::string date;
  RateValue work_resumed, production_resumed, full_capacity;
};

struct ReportingFigures {
  std::string region_code, date, category;
  RateValue completeness, timeliness;
  int64_t zero_reports = 0;
  int64_t late = 0;
};

struct ForecastPoint {
  std::string date;
  double rate = 0;
};

struct Forecast {
  std::string region_code, category;
  double current_rate = 0;
  double trend_per_day = 0;           // recent slope of the work-resumed rate
  int64_t planned_approved = 0;       // not yet resumed, with an approved planned date ahead
  int64_t planned_pending = 0;        // with a pending application
  std::vector<ForecastPoint> points;  // the next 14 days
  std::string expected_full_date;     // "" when not within 120 days
};

// Facts other modules provide (wired in app/): the day's report of an
// enterprise, and the planned date of its application.
struct ReportFact {
  int64_t enterprise_id = 0;
  bool late = false;
  bool is_zero = false;
  int64_t on_duty = 0;
  double output_value = 0;
  double load_percent = 0;
};
struct PlannedFact {
  int64_t enterprise_id = 0;
  std::string planned_date;
  std::string state;  // submitted | in_review | acceptance_pending | approved
};

}  // namespace fugong::stats
