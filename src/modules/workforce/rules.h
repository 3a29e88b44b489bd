// The health rules of SPEC §3.3 as pure functions, so every path is unit
// tested without a database: holds derived from a return-to-work card, the
// classification of a change of a hold's end date, the pass colour, and the
// gate's admit/deny decision.
//
// Rules (quarantine_days is the setting, default 14; a hold is in force on
// start <= d < end, i.e. end is the day it is lifted):
//  - travel in a high or medium risk region during its risk range, or coming
//    from outside the enterprise's province (the roster flag, or travel in
//    another province): quarantine from the arrival date for quarantine_days;
//  - contact with confirmed cases, or symptoms/fever on the card: medical
//    observation from the arrival date (or the card's date) for quarantine_days;
//  - travel in a low risk region during its range, when nothing above
//    applies: health monitoring (the yellow observation period), same length.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "modules/workforce/pass.h"
#include "system/reference.h"

namespace fugong::workforce {

struct RuleTravel {
  system::Region region;
  Days from, to;
};

struct RuleRisk {
  system::Region region;
  std::string level;  // high | medium | low
  Days start;
  std::optional<Days> end;  // inclusive last day at risk; none: still at risk
};

struct RuleInput {
  std::optional<Days> arrival;
  Days card_date;  // the day the card was filed (when there is no arrival)
  bool contact_with_cases = false;
  std::string health = "healthy";
  bool out_of_province = false;
  std::string enterprise_province;  // province code of the enterprise
  std::vector<RuleTravel> travel;
  std::vector<RuleRisk> risks;
  int quarantine_days = 14;
};

struct DerivedHold {
  std::string kind;
  Days start, end;
  std::vector<std::string> reasons;  // e.g. "risk_region_high:420100", "out_of_province"
};

std::vector<DerivedHold> DeriveHolds(const RuleInput& in);

// How a new end date changes a hold. A date before the rule's end is an
// override, allowed only when asked for explicitly (`override_requested`);
// the caller checks the permission and audits it.
enum class EndChange { kExtend, kShorten, kOverride };
std::string_view EndChangeName(EndChange c);  // extend | shorten | override
// Errors name "end_date": before the start, unchanged, or earlier than the
// rule's end without `override_requested` (code "earlier_than_rule").
Result<EndChange> ClassifyEndChange(Days start, Days rule_end, Days current_end, Days new_end,
                                    bool override_requested);

struct HoldSpan {
  std::string kind;
  Days start, end;
  bool InForce(Days d) const { return start <= d && d < end; }
};

struct ColourInput {
  Days today;
  std::vector<HoldSpan> holds;
  bool declared_today = false;
  double temperature = 0;  // of today's declaration
  bool symptoms = false;   // today's declaration lists symptoms
  double fever_threshold = 37.3;
};

struct ColourResult {
  Colour colour = Colour::kGreen;
  std::vector<std::string> reasons;  // quarantine, medical_observation, fever, monitoring,
                                     // symptoms, no_declaration
};

// red: quarantine / medical observation in force, or a declared fever;
// yellow: no declaration today, symptoms, or monitoring in force; else green.
ColourResult PassColour(const ColourInput& in);

struct GateDecision {
  bool admit = false;
  std::vector<std::string> reasons;  // deny reasons, or notes on an admission
  std::string alert;                 // "" or the alert kind to raise
};

struct GateEmployeeInput {
  const Result<PassClaims>* pass = nullptr;  // the verified token (or why not)
  int64_t site_enterprise_id = 0;
  Days today;
  bool on_roster = true;  // the employee is active on the roster
  const std::vector<HoldSpan>* holds = nullptr;
  double temperature = 0;
  double fever_threshold = 37.3;
};

// Deny for a malformed, forged or altered token, a token of another day
// (expired_pass), another enterprise's employee (other_enterprise), an
// employee no longer on the roster, quarantine or medical observation in
// force, a fever at the gate, or a red code; admit otherwise (a yellow code
// is admitted with the note "yellow_code"). A fever raises a "fever" alert;
// a person denied for quarantine or medical observation raises one of that
// kind.
GateDecision DecideEmployee(const GateEmployeeInput& in);
// Visitors: deny on fever (with an alert), else admit.
GateDecision DecideVisitor(double temperature, double fever_threshold);

// Gate temperatures outside [34, 43] °C are measurement errors (400).
inline constexpr double kMinTemperature = 34.0;
inline constexpr double kMaxTemperature = 43.0;

}  // namespace fugong::workforce
