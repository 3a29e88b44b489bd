#include "modules/bus/rules.h"

#include <algorithm>

namespace fugong::bus {

bool ValidTime(const std::string& t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (int i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return false;
  int h = (t[0] - '0') * 10 + (t[1] - '0');
  int m = (t[3] - '0') * 10 + (t[4] - '0');
  return h < 24 && m < 60;
}

bool AreaMatches(const system::Region& a, const system::Region& b) {
  if (a.code.empty() || b.code.empty()) return false;
  if (a.code == b.code) return true;
  const system::Region& coarse = a.level <= b.level ? a : b;
  const system::Region& fine = a.level <= b.level ? b : a;
  return coarse.level >= 1 && fine.CodeAtLevel(coarse.level) == coarse.code;
}

bool Serves(const RouteView& r, const DemandView& d) {
  if (!r.active) return false;
  if (std::find(r.enterprise_ids.begin(), r.enterprise_ids.end(), d.enterprise_id) ==
      r.enterprise_ids.end())
    return false;
  if (!r.shifts.empty() &&
      std::find(r.shifts.begin(), r.shifts.end(), d.shift_start) == r.shifts.end())
    return false;
  return std::any_of(r.stop_regions.begin(), r.stop_regions.end(),
                     [&](const system::Region& s) { return AreaMatches(s, d.home); });
}

std::vector<int64_t> Assign(const std::vector<DemandView>& demands, std::vector<RouteView> routes) {
  std::sort(routes.begin(), routes.end(),
            [](const RouteView& a, const RouteView& b) { return a.id < b.id; });
  std::vector<int64_t> out;
  out.reserve(demands.size());
  for (const auto& d : demands) {
    int64_t id = 0;
    for (const auto& r : routes)
      if (Serves(r, d)) {
        id = r.id;
        break;
      }
    out.push_back(id);
  }
  return out;
}

}  // namespace fugong::bus
