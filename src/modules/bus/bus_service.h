// Commuter buses (SPEC §3.10): enterprises declare their commute demand
// (riders by home area and shift); the transit operator — a department user
// of the department named by the setting bus_operator_department (default
// 交通运输局; another department is refused, none acts for any) — defines
// routes with stops, shifts, served enterprises, daily trips and seats; the
// totals of a region: routes, daily trips, seats, riders declared, served and
// not served (which route serves a demand: modules/bus/rules.h). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/bus/bus.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"

namespace fugong::bus {

class BusService {
 public:
  BusService(db::Database& db, const system::ReferenceService& reference,
             const system::SettingsService& settings)
      : db_(db), reference_(reference), settings_(settings) {}
  BusService(const BusService&) = delete;
  BusService& operator=(const BusService&) = delete;

  Result<Demand> Declare(NewDemand in, const system::Principal& by);
  Status DeleteDemand(int64_t id, const system::Principal& by);
  // The demands in scope (of one enterprise with `uscc`, of a region with
  // `region`), each with the route that serves it.
  Result<std::vector<Demand>> Demands(const std::string& uscc, const std::string& region,
                                      const system::Principal& by, const system::Page* page,
                                      int64_t* total);
  Result<std::string> ExportDemands(const std::string& uscc, const std::string& region,
                                    io::TableFormat format, const system::Principal& by);

  Result<Route> CreateRoute(NewRoute in, const system::Principal& by);
  Result<Route> UpdateRoute(int64_t id, NewRoute in, const system::Principal& by);
  Result<Route> GetRoute(int64_t id, const system::Principal& by);
  // Routes in scope (the operator's, and those serving the region's
  // enterprises), each with the riders it serves.
  Result<std::vector<Route>> Routes(const std::string& region, const system::Principal& by);
  Result<std::string> ExportRoutes(const std::string& region, io::TableFormat format,
                                   const system::Principal& by);

  Result<Totals> TotalsOf(const std::string& region, const system::Principal& by);

 private:
  Result<system::Region> RegionField(const std::string& code, const std::string& field) const;
  Status CheckOperator(const system::Principal& by, const std::string& region_code) const;
  Result<system::Scope> NarrowScope(const std::string& region, const system::Principal& by) const;
  Status ValidateRoute(NewRoute* in, const system::Principal& by, std::vector<int64_t>* ids);
  // Fills route_id/route_name of `demands` (and each route's riders) against every route.
  Status Match(db::Connection& c, std::vector<Demand>* demands, std::vector<Route>* routes);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
};

}  // namespace fugong::bus
