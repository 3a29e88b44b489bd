#include "modules/supply/rules.h"

#include <cmath>
#include <cstdio>

namespace fugong::supply {

int64_t Scale(int decimals) {
  int64_t s = 1;
  for (int i = 0; i < decimals; ++i) s *= 10;
  return s;
}

std::optional<int64_t> ToBase(double value, int decimals) {
  if (!std::isfinite(value) || std::fabs(value) > kMaxQuantity) return std::nullopt;
  if (decimals < 0 || decimals > kMaxDecimals) return std::nullopt;
  double scaled = value * double(Scale(decimals));
  double rounded = std::round(scaled);
  if (std::fabs(scaled - rounded) > 1e-6 * std::max(1.0, std::fabs(scaled))) return std::nullopt;
  return int64_t(rounded);
}

double FromBase(int64_t base, int decimals) { return double(base) / double(Scale(decimals)); }

std::string FormatQuantity(int64_t base, int decimals) {
  bool negative = base < 0;
  uint64_t v = negative ? uint64_t(-(base + 1)) + 1 : uint64_t(base);
  uint64_t scale = uint64_t(Scale(decimals));
  std::string out = std::to_string(v / scale);
  if (decimals > 0) {
    std::string frac = std::to_string(v % scale);
    frac = std::string(size_t(decimals) - frac.size(), '0') + frac;
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    if (!frac.empty()) out += "." + frac;
  }
  return negative ? "-" + out : out;
}

std::string SeedsFigure(int64_t base, int decimals, const std::string& unit) {
  if (decimals == 0 && base >= 10000) {
    // In 万, with at most two decimals: 270000 → 27万, 12345 → 1.23万.
    int64_t hundredths = (base + 50) / 100;  // 万 × 100
    return FormatQuantity(hundredths, 2) + "万" + unit;
  }
  return FormatQuantity(base, decimals) + unit;
}

std::string JoinFigures(const std::vector<std::pair<std::string, std::string>>& figures) {
  std::string out;
  for (const auto& [name, figure] : figures) {
    if (!out.empty()) out += "、";
    out += name + figure;
  }
  return out;
}

std::optional<double> DaysOfSupply(int64_t on_hand, int64_t needed_per_day) {
  if (needed_per_day <= 0) return std::nullopt;
  return double(std::max<int64_t>(on_hand, 0)) / double(needed_per_day);
}

bool IsShortage(int64_t on_hand, int64_t needed_per_day, double threshold_days) {
  auto days = DaysOfSupply(on_hand, needed_per_day);
  return days && *days < threshold_days;
}

std::optional<std::string> NextState(const std::string& state, const std::string& action) {
  if (action == "dispatch" && state == "committed") return std::string("in_transit");
  if (action == "deliver" && state == "in_transit") return std::string("delivered");
  if (action == "confirm" && state == "delivered") return std::string("confirmed");
  if (action == "cancel" && state == "committed") return std::string("cancelled");
  return std::nullopt;
}

std::string LedgerKindOf(const std::string& action) {
  if (action == "deliver") return "delivery";
  if (action == "confirm") return "handover";
  if (action == "cancel") return "return";
  return action;
}

}  // namespace fugong::supply
