// Workforce health records (SPEC §3.3): return-to-work cards with travel
// history, risk regions, holds (quarantine 隔离, medical observation 医学观察,
// health monitoring 健康监测) with their changes, and daily health
// declarations. Plain structs; dates are "YYYY-MM-DD" business dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fugong::workforce {

inline constexpr const char* kRiskLevels[] = {"high", "medium", "low"};
// Current health on a card.
inline constexpr const char* kHealthStates[] = {"healthy", "symptoms", "fever"};
// Symptoms a declaration may list.
inline constexpr const char* kSymptoms[] = {"cough",         "fatigue",   "sore_throat",
                                            "short_breath",  "diarrhea",  "muscle_ache",
                                            "loss_of_smell", "runny_nose"};

// Hold kinds. quarantine and medical_observation make the pass red and deny
// entry; monitoring (the observation period) makes it yellow.
inline constexpr const char* kQuarantine = "quarantine";
inline constexpr const char* kMedicalObservation = "medical_observation";
inline constexpr const char* kMonitoring = "monitoring";

struct TravelRecord {
  std::string region_code;  // where (GB/T 2260, any level)
  std::string region_name;  // read only
  std::string place;        // free text detail
  std::string from_date;
  std::string to_date;
};

struct ReturnCard {
  int64_t employee_id = 0;
  std::string arrival_date;  // "" when the employee never left
  bool contact_with_cases = false;
  std::string health = "healthy";
  std::string note;
  std::vector<TravelRecord> travel;
  std::string updated_at;
};

struct RiskRegion {
  int64_t id = 0;
  std::string region_code;
  std::string region_name;  // read only
  std::string level;        // high | medium | low
  std::string start_date;
  std::string end_date;  // "" while still at risk
  std::string note;
  std::string updated_at;
};

struct Hold {
  int64_t id = 0;
  int64_t employee_id = 0;
  int64_t enterprise_id = 0;
  std::string kind;
  std::string source;  // rule | manual
  std::vector<std::string> reasons;
  std::string start_date;
  std::string rule_end_date;
  std::string end_date;  // the day it is lifted
  bool extended = false;
  bool shortened = false;
  bool overridden = false;
  std::string change_reason;
  std::optional<int64_t> changed_by;
  std::string changed_at;
};

// A hold on the enterprise's board (隔离观察看板), with whose it is.
struct BoardHold {
  Hold hold;
  std::string employee_name, department;
};

struct HoldChange {
  int64_t hold_id = 0;
  std::string old_end_date, new_end_date;
  std::string change;  // extend | shorten | override
  std::string reason;
  std::string changed_by_name;
  std::string changed_at;
};

struct Declaration {
  int64_t employee_id = 0;
  std::string day;
  double temperature = 0;
  std::vector<std::string> symptoms;
  std::string created_at;
};

}  // namespace fugong::workforce
