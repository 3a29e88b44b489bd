// Pure rules of the supplies module: quantities in an item's unit and its
// base units, days of supply and the shortage warning, the allocation state
// machine and the seeds' way of writing totals (27万个, 8.4吨).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fugong::supply {

inline constexpr int kMaxDecimals = 3;
// Largest quantity accepted in one input, in shown units.
inline constexpr double kMaxQuantity = 1e12;

// Base units per shown unit: 10^decimals.
int64_t Scale(int decimals);
// A number in the item's unit to base units; nullopt when it has more
// decimal places than the item allows, is not finite or is beyond kMaxQuantity.
std::optional<int64_t> ToBase(double value, int decimals);
// Base units to a number in the item's unit.
double FromBase(int64_t base, int decimals);
// Base units as text in the item's unit, trailing zeros dropped: 8400, 3 → "8.4".
std::string FormatQuantity(int64_t base, int decimals);
// The seeds' form: 270000 个 → "27万个"; 8400 kg of 吨 → "8.4吨"; 326 → "326支".
std::string SeedsFigure(int64_t base, int decimals, const std::string& unit);
// "口罩27万个、84消毒液8.4吨、体温计326支" from (name, figure) pairs.
std::string JoinFigures(const std::vector<std::pair<std::string, std::string>>& figures);

// Days the stock lasts at the daily need; nullopt when nothing is needed.
std::optional<double> DaysOfSupply(int64_t on_hand, int64_t needed_per_day);
// Shortage when something is needed and the stock lasts less than
// `threshold_days` days.
bool IsShortage(int64_t on_hand, int64_t needed_per_day, double threshold_days);

// The state an allocation moves to under `action` (dispatch, deliver,
// confirm, cancel), or nullopt when the action does not apply to `state`.
std::optional<std::string> NextState(const std::string& state, const std::string& action);
// The ledger kind written by an action (dispatch → dispatch, deliver →
// delivery, confirm → handover, cancel → return).
std::string LedgerKindOf(const std::string& action);

}  // namespace fugong::supply
