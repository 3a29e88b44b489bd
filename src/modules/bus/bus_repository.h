// SQL of commuter buses: demands (enterprise-owned), routes with their stops
// and served enterprises (owned by the operator's region). Every read a
// caller can reach takes its Scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/bus/bus.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::bus {

struct Owner {
  int64_t id = 0;
  std::string uscc, name;
  std::string region_code, province_code, city_code, county_code, town_code;
};

// A served enterprise of a route with its region codes (for totals by region).
struct ServedEnterprise {
  int64_t route_id = 0, enterprise_id = 0;
  std::string codes[5];  // "", province, city, county, town
};

class BusRepository {
 public:
  static Result<std::optional<Owner>> OwnerByUscc(db::Connection& c, const std::string& uscc,
                                                  const system::Scope& scope);
  static Result<std::optional<Owner>> OwnerById(db::Connection& c, int64_t id);

  // Inserts or replaces the riders of (enterprise, home area, shift); its id.
  static Result<int64_t> UpsertDemand(db::Connection& c, const Owner& o, const NewDemand& d,
                                      int64_t by);
  static Result<bool> DeleteDemand(db::Connection& c, int64_t id, const system::Scope& scope);
  static Result<std::vector<Demand>> Demands(db::Connection& c, const system::Scope& scope,
                                             std::optional<int64_t> enterprise_id,
                                             const system::Page* page, int64_t* total);

  static Result<int64_t> InsertRoute(db::Connection& c, const system::Region& region,
                                     const NewRoute& r, int64_t by);
  // false when no such route in scope.
  static Result<bool> UpdateRoute(db::Connection& c, int64_t id, const system::Scope& scope,
                                  const NewRoute& r);
  static Status ReplaceStops(db::Connection& c, int64_t route_id, const std::vector<Stop>& stops);
  static Status ReplaceEnterprises(db::Connection& c, int64_t route_id,
                                   const std::vector<int64_t>& enterprise_ids);
  // Routes in scope (an enterprise sees the routes serving it), with stops
  // and enterprises. `only_id` narrows to one route.
  static Result<std::vector<Route>> Routes(db::Connection& c, const system::Scope& scope,
                                           std::optional<int64_t> only_id);
  // Every route (for matching), and the enterprises each serves.
  static Result<std::vector<Route>> AllRoutes(db::Connection& c);
  static Result<std::vector<ServedEnterprise>> Served(db::Connection& c);
};

}  // namespace fugong::bus
