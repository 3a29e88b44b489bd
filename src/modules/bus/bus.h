// Commuter buses (定制公交, SPEC §3.10): enterprises declare commute demand
// (riders by home area and shift); the transit operator defines routes
// (stops with times, the shifts and enterprises served, daily trips, seats);
// totals of routes, trips and riders served. Plain structs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fugong::bus {

// Riders of one enterprise living in one area, for one shift.
struct Demand {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name, region_code;
  std::string home_region_code, home_region_name, home_area;
  std::string shift_start;  // HH:MM
  int64_t riders = 0;
  std::string note, updated_at;
  int64_t route_id = 0;  // the route that serves it (0: none), computed
  std::string route_name;
};

struct Stop {
  std::string name, region_code, region_name, time;  // time: HH:MM
};

struct RouteEnterprise {
  int64_t id = 0;
  std::string uscc, name;
};

struct Route {
  int64_t id = 0;
  std::string name, region_code;
  int64_t daily_trips = 0, seats = 0;
  std::vector<std::string> shifts;  // HH:MM; empty: any shift
  bool active = true;
  std::string note, created_at, updated_at;
  std::vector<Stop> stops;
  std::vector<RouteEnterprise> enterprises;
  int64_t riders = 0;  // declared riders assigned to it, computed
};

struct NewDemand {
  std::string uscc, home_region_code, home_area, shift_start, note;
  int64_t riders = 0;
};

struct NewRoute {
  std::string name, region_code, note;
  int64_t daily_trips = 0, seats = 0;
  std::vector<std::string> shifts;
  std::vector<Stop> stops;
  std::vector<std::string> usccs;
  bool active = true;
};

struct Totals {
  int64_t routes = 0;       // active routes
  int64_t daily_trips = 0;  // Σ daily trips of active routes
  int64_t seats = 0;        // Σ daily trips × seats per trip
  int64_t enterprises = 0;  // enterprises served by an active route
  int64_t declared = 0;     // Σ declared riders
  int64_t served = 0;       // Σ riders of the demands an active route serves
  int64_t unserved = 0;     // declared − served
  int64_t demands = 0, served_demands = 0;
};

}  // namespace fugong::bus
