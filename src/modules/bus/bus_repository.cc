#include "modules/bus/bus_repository.h"

#include <map>

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::bus {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OptCode(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

constexpr const char* kOwnerSelect =
    "SELECT e.id, e.uscc, e.name, e.region_code, e.province_code, e.city_code, e.county_code, "
    "e.town_code FROM enterprises e ";

Owner OwnerFrom(const db::Row& r) {
  return Owner{r.Int(0),  r.Text(1), r.Text(2), r.Text(3),
               r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
}

std::string JoinShifts(const std::vector<std::string>& shifts) {
  std::string out;
  for (const auto& s : shifts) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> SplitShifts(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Routes of `where` (over alias r) with their stops and enterprises.
Result<std::vector<Route>> LoadRoutes(db::Connection& c, const std::string& where,
                                      const db::Params& p) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT r.id, r.name, r.region_code, r.daily_trips, r.seats, "
                                     "r.shifts, r.active, r.note, r.created_at, r.updated_at "
                                     "FROM bus_routes r " +
                                         where + " ORDER BY r.id",
                                     p));
  std::vector<Route> out;
  std::map<int64_t, size_t> index;
  for (const auto& r : res.rows) {
    Route route;
    route.id = r.Int(0);
    route.name = r.Text(1);
    route.region_code = r.Text(2);
    route.daily_trips = r.Int(3);
    route.seats = r.Int(4);
    route.shifts = SplitShifts(r.Text(5));
    route.active = r.Bool(6);
    route.note = r.Text(7);
    route.created_at = r.Text(8);
    route.updated_at = r.Text(9);
    index[route.id] = out.size();
    out.push_back(std::move(route));
  }
  if (out.empty()) return out;
  ASSIGN_OR_RETURN(
      auto stops, c.Query("SELECT s.route_id, s.name, s.region_code, s.time FROM bus_route_stops s "
                          "JOIN bus_routes r ON r.id = s.route_id " +
                              where + " ORDER BY s.route_id, s.seq",
                          p));
  for (const auto& r : stops.rows)
    if (auto it = index.find(r.Int(0)); it != index.end())
      out[it->second].stops.push_back(Stop{r.Text(1), r.Text(2), "", r.Text(3)});
  ASSIGN_OR_RETURN(auto ents, c.Query("SELECT x.route_id, e.id, e.uscc, e.name "
                                      "FROM bus_route_enterprises x "
                                      "JOIN enterprises e ON e.id = x.enterprise_id "
                                      "JOIN bus_routes r ON r.id = x.route_id " +
                                          where + " ORDER BY x.route_id, e.name",
                                      p));
  for (const auto& r : ents.rows)
    if (auto it = index.find(r.Int(0)); it != index.end())
      out[it->second].enterprises.push_back(RouteEnterprise{r.Int(1), r.Text(2), r.Text(3)});
  return out;
}

}  // namespace

Result<std::optional<Owner>> BusRepository::OwnerByUscc(db::Connection& c, const std::string& uscc,
                                                        const system::Scope& scope) {
  db::Params p{db::Text(uscc)};
  std::string sql =
      std::string(kOwnerSelect) + "WHERE e.uscc = ?" + system::ScopeClause(scope, "e", "e.id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Owner>();
  return std::optional<Owner>(OwnerFrom(*r));
}

Result<std::optional<Owner>> BusRepository::OwnerById(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.Optional(std::string(kOwnerSelect) + "WHERE e.id = ?", {db::Int(id)}));
  if (!r) return std::optional<Owner>();
  return std::optional<Owner>(OwnerFrom(*r));
}

Result<int64_t> BusRepository::UpsertDemand(db::Connection& c, const Owner& o, const NewDemand& d,
                                            int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO bus_demands (enterprise_id, region_code, province_code, city_code, "
            "county_code, town_code, home_region_code, home_area, shift_start, riders, note, "
            "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (enterprise_id, home_region_code, home_area, shift_start) DO UPDATE SET "
            "riders = excluded.riders, note = excluded.note, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by RETURNING id",
            {db::Int(o.id), db::Text(o.region_code), db::Text(o.province_code),
             OptCode(o.city_code), OptCode(o.county_code), OptCode(o.town_code),
             db::Text(d.home_region_code), db::Text(d.home_area), db::Text(d.shift_start),
             db::Int(d.riders), db::Text(d.note), db::Text(NowTimestamp()), ById(by)}));
  return r.Int(0);
}

Result<bool> BusRepository::DeleteDemand(db::Connection& c, int64_t id,
                                         const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = "DELETE FROM bus_demands WHERE id = ?" +
                    system::ScopeClause(scope, "bus_demands", "bus_demands.enterprise_id", &p) +
                    " RETURNING id";
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  return r.has_value();
}

Result<std::vector<Demand>> BusRepository::Demands(db::Connection& c, const system::Scope& scope,
                                                   std::optional<int64_t> enterprise_id,
                                                   const system::Page* page, int64_t* total) {
  db::Params p;
  std::string where = " WHERE 1 = 1" + system::ScopeClause(scope, "d", "d.enterprise_id", &p);
  if (enterprise_id) {
    where += " AND d.enterprise_id = ?";
    p.push_back(db::Int(*enterprise_id));
  }
  ASSIGN_OR_RETURN(
      auto n, c.One("SELECT COUNT(*), COALESCE(SUM(d.riders), 0) FROM bus_demands d" + where, p));
  if (total) *total = n.Int(0);
  std::string limit;
  if (page) {
    p.push_back(db::Int(page->size));
    p.push_back(db::Int((page->page - 1) * page->size));
    limit = " LIMIT ? OFFSET ?";
  }
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("SELECT d.id, d.enterprise_id, e.uscc, e.name, d.region_code, "
              "d.home_region_code, d.home_area, d.shift_start, d.riders, d.note, "
              "d.updated_at FROM bus_demands d JOIN enterprises e ON "
              "e.id = d.enterprise_id" +
                  where + " ORDER BY e.name, d.shift_start, d.home_region_code, d.id" + limit,
              p));
  std::vector<Demand> out;
  for (const auto& r : res.rows) {
    Demand d;
    d.id = r.Int(0);
    d.enterprise_id = r.Int(1);
    d.enterprise_uscc = r.Text(2);
    d.enterprise_name = r.Text(3);
    d.region_code = r.Text(4);
    d.home_region_code = r.Text(5);
    d.home_area = r.Text(6);
    d.shift_start = r.Text(7);
    d.riders = r.Int(8);
    d.note = r.Text(9);
    d.updated_at = r.Text(10);
    out.push_back(std::move(d));
  }
  return out;
}

Result<int64_t> BusRepository::InsertRoute(db::Connection& c, const system::Region& region,
                                           const NewRoute& r, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto row,
      c.One("INSERT INTO bus_routes (name, region_code, province_code, city_code, county_code, "
            "town_code, daily_trips, seats, shifts, active, note, created_at, created_by, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Text(r.name), db::Text(region.code), db::Text(region.province_code),
             OptCode(region.city_code), OptCode(region.county_code), OptCode(region.town_code),
             db::Int(r.daily_trips), db::Int(r.seats), db::Text(JoinShifts(r.shifts)),
             db::Bool(r.active), db::Text(r.note), db::Text(now), ById(by), db::Text(now)}));
  return row.Int(0);
}

Result<bool> BusRepository::UpdateRoute(db::Connection& c, int64_t id, const system::Scope& scope,
                                        const NewRoute& r) {
  db::Params p{db::Text(r.name),         db::Int(r.daily_trips),
               db::Int(r.seats),         db::Text(JoinShifts(r.shifts)),
               db::Bool(r.active),       db::Text(r.note),
               db::Text(NowTimestamp()), db::Int(id)};
  std::string sql =
      "UPDATE bus_routes SET name = ?, daily_trips = ?, seats = ?, shifts = ?, active = ?, "
      "note = ?, updated_at = ? WHERE id = ?" +
      system::ScopeClause(scope, "bus_routes", "0", &p) + " RETURNING id";
  ASSIGN_OR_RETURN(auto row, c.Optional(sql, p));
  return row.has_value();
}

Status BusRepository::ReplaceStops(db::Connection& c, int64_t route_id,
                                   const std::vector<Stop>& stops) {
  RETURN_IF_ERROR(c.Exec("DELETE FROM bus_route_stops WHERE route_id = ?", {db::Int(route_id)}));
  int seq = 0;
  for (const auto& s : stops)
    RETURN_IF_ERROR(
        c.Exec("INSERT INTO bus_route_stops (route_id, seq, name, region_code, time) "
               "VALUES (?, ?, ?, ?, ?)",
               {db::Int(route_id), db::Int(++seq), db::Text(s.name), db::Text(s.region_code),
                db::Text(s.time)}));
  return Status::Ok();
}

Status BusRepository::ReplaceEnterprises(db::Connection& c, int64_t route_id,
                                         const std::vector<int64_t>& enterprise_ids) {
  RETURN_IF_ERROR(
      c.Exec("DELETE FROM bus_route_enterprises WHERE route_id = ?", {db::Int(route_id)}));
  for (int64_t e : enterprise_ids)
    RETURN_IF_ERROR(
        c.Exec("INSERT INTO bus_route_enterprises (route_id, enterprise_id) "
               "VALUES (?, ?) ON CONFLICT DO NOTHING",
               {db::Int(route_id), db::Int(e)}));
  return Status::Ok();
}

Result<std::vector<Route>> BusRepository::Routes(db::Connection& c, const system::Scope& scope,
                                                 std::optional<int64_t> only_id) {
  db::Params p;
  std::string where = "WHERE 1 = 1";
  if (scope.enterprise_id) {
    where += " AND r.id IN (SELECT route_id FROM bus_route_enterprises WHERE enterprise_id = ?)";
    p.push_back(db::Int(*scope.enterprise_id));
  } else if (!scope.all) {
    // The operator's routes of the region, and those serving its enterprises.
    system::Scope region = scope;
    db::Params q;
    std::string own = system::ScopeClause(region, "r", "0", &q);
    std::string served = system::ScopeClause(region, "e", "0", &q);
    where += " AND ((1 = 1" + own +
             ") OR r.id IN (SELECT x.route_id FROM bus_route_enterprises x JOIN enterprises e ON "
             "e.id = x.enterprise_id WHERE 1 = 1" +
             served + "))";
    p.insert(p.end(), q.begin(), q.end());
  }
  if (only_id) {
    where += " AND r.id = ?";
    p.push_back(db::Int(*only_id));
  }
  return LoadRoutes(c, where, p);
}

Result<std::vector<Route>> BusRepository::AllRoutes(db::Connection& c) {
  return LoadRoutes(c, "WHERE 1 = 1", {});
}

Result<std::vector<ServedEnterprise>> BusRepository::Served(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT x.route_id, e.id, e.province_code, e.city_code, "
                                     "e.county_code, e.town_code FROM bus_route_enterprises x "
                                     "JOIN enterprises e ON e.id = x.enterprise_id"));
  std::vector<ServedEnterprise> out;
  for (const auto& r : res.rows) {
    ServedEnterprise s;
    s.route_id = r.Int(0);
    s.enterprise_id = r.Int(1);
    for (int i = 1; i <= 4; ++i) s.codes[i] = r.Text(i + 1);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace fugong::bus
