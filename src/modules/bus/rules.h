// The rules of commuter buses, without a database: times, and which route
// serves a declared demand.
//
// A route serves a demand when (1) it is active, (2) it serves the demand's
// enterprise, (3) one of its stops lies in the demand's home area (the stop's
// region and the home region are the same, or one contains the other), and
// (4) it runs for the demand's shift (its shift list holds the shift start,
// or is empty). Each demand is assigned to the first serving route (lowest
// id), so no rider is counted twice; riders served = Σ riders of assigned
// demands.
#pragma once

#include <string>
#include <vector>

#include "modules/bus/bus.h"
#include "system/reference.h"

namespace fugong::bus {

// "HH:MM", 00:00–23:59.
bool ValidTime(const std::string& t);

// Same area, or one region inside the other.
bool AreaMatches(const system::Region& a, const system::Region& b);

struct RouteView {
  int64_t id = 0;
  bool active = true;
  std::vector<int64_t> enterprise_ids;
  std::vector<system::Region> stop_regions;
  std::vector<std::string> shifts;
};

struct DemandView {
  int64_t enterprise_id = 0;
  system::Region home;
  std::string shift_start;
};

bool Serves(const RouteView& r, const DemandView& d);
// For each demand, the id of the first route (by id) that serves it, or 0.
std::vector<int64_t> Assign(const std::vector<DemandView>& demands, std::vector<RouteView> routes);

}  // namespace fugong::bus
