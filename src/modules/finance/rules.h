// Pure rules of financing: amount bounds, a demand's state from its pushes,
// and the turnaround figures of a programme from the demands' histories.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/status.h"
#include "modules/finance/finance.h"

namespace fugong::finance {

// 100 亿元 in 万元: the absolute ceiling of any amount, whatever the setting.
inline constexpr double kAbsoluteMaxAmount = 1000000;

// An amount in 万元: finite, > 0 and ≤ max (400 naming `field` otherwise).
Status CheckAmount(const std::string& field, double amount, double max);

// The state and decision time of a demand from its pushes: granted as soon
// as one bank granted (decided_at = the first grant); declined when every
// bank declined (decided_at = the last decline); pushed while one is
// pending; filed without pushes. Withdrawn stays withdrawn.
struct DerivedState {
  std::string state;
  std::string decided_at;
  double granted_amount = 0;
};
DerivedState DeriveState(const std::vector<Push>& pushes, bool withdrawn);

// Hours between two ISO timestamps (nullopt when either does not parse).
std::optional<double> HoursBetween(const std::string& from, const std::string& to);

// Turnaround of the demands of one programme (each with all its pushes), at
// `now`: push → decision per push, filing → decision per demand, and the
// target (when the programme has one): a demand meets it when its decision
// came within target hours of its first push; an undecided demand whose
// first push is older than the target misses it; an undecided one within
// the target is pending (outside the ratio). Withdrawn demands count in
// `demands` only.
Turnaround ComputeTurnaround(const std::vector<Demand>& demands, std::optional<double> target_hours,
                             std::chrono::system_clock::time_point now);

// Totals of the demands (each with all its pushes).
Summary Summarise(const std::vector<Demand>& demands);

}  // namespace fugong::finance
