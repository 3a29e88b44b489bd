// Financing (融资对接, SPEC §3.12): banks, the users acting for them,
// programmes (稳企稳岗基金, 抗疫贷 with its 24-hour target), enterprises'
// financing demands, their pushes to banks with the banks' decisions, and
// the figures. Plain structs; amounts in 万元, rates in annual %.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fugong::finance {

inline constexpr std::string_view kCollaterals[] = {"credit", "guarantee", "mortgage", "pledge",
                                                    "other"};
inline constexpr std::string_view kUrgencies[] = {"normal", "urgent", "critical"};
inline constexpr std::string_view kStates[] = {"filed", "pushed", "granted", "declined",
                                               "withdrawn"};
inline constexpr std::string_view kDecisions[] = {"granted", "declined"};

struct Bank {
  int64_t id = 0;
  std::string name, contact, phone;
  bool active = true;
  int64_t users = 0;  // read only
  std::string created_at;
};

struct BankUser {
  int64_t user_id = 0;
  std::string username, display_name;
  int64_t bank_id = 0;
};

struct Programme {
  int64_t id = 0;
  std::string code, name, note;
  std::optional<double> target_hours;
};

struct Push {
  int64_t id = 0;
  int64_t demand_id = 0;
  int64_t bank_id = 0;
  std::string bank_name;  // read only
  std::string pushed_at, push_note;
  std::string decision = "pending";  // pending | granted | declined
  std::optional<double> granted_amount, rate;
  std::string grant_date, decision_note, decided_at, decided_by_name;
};

struct Demand {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;  // read only
  std::string region_code, province_code, city_code, county_code, town_code;
  std::optional<int64_t> programme_id;
  std::string programme_name;  // read only
  double amount = 0;
  std::string purpose;
  int64_t term_months = 0;
  std::string collateral, urgency, contact_name, contact_phone, note;
  std::string state = "filed";
  std::string filed_at, first_pushed_at, decided_at;
  double granted_amount = 0;
  int64_t version = 1;
  std::string updated_at;
  std::vector<Push> pushes;  // detail (a bank sees its own push only)
};

struct NewDemand {
  std::string uscc;  // government callers file on behalf of an enterprise
  std::optional<int64_t> programme_id;
  double amount = 0;
  std::string purpose;
  int64_t term_months = 0;
  std::string collateral, urgency, contact_name, contact_phone, note;
};

struct Decision {
  std::string decision;  // granted | declined
  double granted_amount = 0, rate = 0;
  std::string grant_date, note;
};

struct DemandFilter {
  std::string state, urgency, q, from, to;  // from/to: filing dates
  std::string region_code;
  int region_level = 0;
  std::optional<int64_t> programme_id;
  std::optional<int64_t> bank_id;  // pushed to this bank
};

struct Ratio {
  int64_t num = 0, den = 0;
};

// Totals in the seeds' form.
struct Summary {
  int64_t demands = 0, enterprises = 0;
  double amount_requested = 0;
  int64_t pushed = 0, granted = 0, declined = 0, pending = 0;
  int64_t enterprises_granted = 0;
  double amount_granted = 0;
};

// Turnaround of one programme (or of every demand: programme_id 0).
struct Turnaround {
  int64_t programme_id = 0;
  std::string code, name;
  std::optional<double> target_hours;
  int64_t demands = 0, pushes = 0, decided_pushes = 0, decided_demands = 0;
  int64_t granted = 0, enterprises_granted = 0;
  double amount_granted = 0;
  std::optional<double> push_avg_hours, push_median_hours, push_max_hours;
  std::optional<double> filing_avg_hours, filing_median_hours;
  Ratio target_met;            // demands decided within target of their first push / demands due
  int64_t target_pending = 0;  // undecided, still within the target
};

}  // namespace fugong::finance
