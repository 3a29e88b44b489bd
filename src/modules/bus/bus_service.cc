#include "modules/bus/bus_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/validation.h"
#include "modules/bus/bus_repository.h"
#include "modules/bus/rules.h"
#include "system/export.h"

namespace fugong::bus {
namespace {

bool HasRole(const system::Principal& by, std::string_view role) {
  return std::find(by.roles.begin(), by.roles.end(), role) != by.roles.end();
}

Status EnterpriseNotFound() {
  return NotFound("unknown_enterprise", "企业不存在或无权访问", "no such enterprise in your scope");
}

Status RouteNotFound() {
  return NotFound("unknown_route", "线路不存在或无权访问", "no such route in your scope");
}

Status TextField(const std::string& field, const std::string& v, long max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", "文本不是有效的 UTF-8", "text is not UTF-8");
  if (required && n == 0)
    return InvalidArgument(field, "required", field + " 不能为空", field + " is required");
  if (n > max)
    return InvalidArgument(field, "too_long", field + " 最多 " + std::to_string(max) + " 个字",
                           field + " must have at most " + std::to_string(max) + " characters");
  return Status::Ok();
}

bool InScope(const system::Region& r, const system::Scope& scope) {
  if (scope.all) return true;
  if (scope.region_code.empty()) return false;
  return r.level >= scope.region_level && r.CodeAtLevel(scope.region_level) == scope.region_code;
}

}  // namespace

// A region named in a request body: unknown is bad input (400 naming the field), not a missing
// object.
Result<system::Region> BusService::RegionField(const std::string& code,
                                               const std::string& field) const {
  auto r = reference_.GetRegion(code, field);
  if (!r.ok() && r.status().kind() == ErrorKind::kNotFound)
    return Status(ErrorKind::kInvalidArgument, r.status().code(), r.status().message_zh(),
                  r.status().message_en(), field);
  return r;
}

Status BusService::CheckOperator(const system::Principal& by,
                                 const std::string& region_code) const {
  if (by.scope.all || HasRole(by, "admin") || HasRole(by, "commander")) return Status::Ok();
  if (!HasRole(by, "department") || by.department.empty()) return Status::Ok();
  std::string dept = settings_.Text("bus_operator_department", region_code);
  if (by.department == dept) return Status::Ok();
  return PermissionDenied("定制公交由" + dept + "管理", "commuter buses are run by " + dept);
}

Result<system::Scope> BusService::NarrowScope(const std::string& region,
                                              const system::Principal& by) const {
  if (region.empty() || by.scope.enterprise_id) return by.scope;
  ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(region, "region"));
  if (!InScope(r, by.scope))
    return NotFound("unknown_region", "区划不存在或无权访问", "no such region in your scope");
  return system::Scope{false, r.code, r.level, std::nullopt};
}

Result<Demand> BusService::Declare(NewDemand in, const system::Principal& by) {
  ASSIGN_OR_RETURN(system::Region home, RegionField(in.home_region_code, "home_region_code"));
  if (home.level < 3)
    return InvalidArgument("home_region_code", "too_coarse", "居住区域应为区县或街道乡镇",
                           "the home area must be a county or a town");
  in.home_region_code = home.code;
  if (!ValidTime(in.shift_start))
    return InvalidArgument("shift_start", "invalid_time", "班次开始时间格式应为 HH:MM",
                           "shift_start must be a time HH:MM");
  RETURN_IF_ERROR(TextField("home_area", in.home_area, 60, false));
  RETURN_IF_ERROR(TextField("note", in.note, 200, false));
  if (in.riders < 1 || in.riders > 10000)
    return InvalidArgument("riders", "out_of_range", "乘车人数应为 1 至 10000",
                           "riders must be 1 to 10000");
  std::string uscc = NormalizeUscc(in.uscc);
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    std::optional<Owner> owner;
    if (uscc.empty()) {
      if (!by.enterprise_id)
        return InvalidArgument("uscc", "required", "请填写企业信用代码", "uscc is required");
      ASSIGN_OR_RETURN(owner, BusRepository::OwnerById(c, *by.enterprise_id));
    } else {
      ASSIGN_OR_RETURN(owner, BusRepository::OwnerByUscc(c, uscc, by.scope));
    }
    if (!owner) return EnterpriseNotFound();
    ASSIGN_OR_RETURN(id, BusRepository::UpsertDemand(c, *owner, in, by.user_id));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto list, Demands("", "", by, nullptr, nullptr));
  for (auto& d : list)
    if (d.id == id) return d;
  return Internal("declared demand not found");
}

Status BusService::DeleteDemand(int64_t id, const system::Principal& by) {
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool gone, BusRepository::DeleteDemand(c, id, by.scope));
    if (!gone) return NotFound("unknown_demand", "需求不存在或无权访问", "no such demand");
    return Status::Ok();
  });
}

Status BusService::Match(db::Connection& c, std::vector<Demand>* demands,
                         std::vector<Route>* routes) {
  ASSIGN_OR_RETURN(auto all, BusRepository::AllRoutes(c));
  std::vector<RouteView> views;
  std::map<int64_t, std::string> names;
  for (const auto& r : all) {
    RouteView v;
    v.id = r.id;
    v.active = r.active;
    v.shifts = r.shifts;
    for (const auto& e : r.enterprises) v.enterprise_ids.push_back(e.id);
    for (const auto& s : r.stops) {
      auto region = reference_.GetRegion(s.region_code);
      if (region.ok()) v.stop_regions.push_back(*region);
    }
    names[r.id] = r.name;
    views.push_back(std::move(v));
  }
  std::vector<DemandView> dv;
  for (auto& d : *demands) {
    auto home = reference_.GetRegion(d.home_region_code);
    if (home.ok()) d.home_region_name = home->name;
    dv.push_back(DemandView{d.enterprise_id, home.ok() ? *home : system::Region{}, d.shift_start});
  }
  std::vector<int64_t> assigned = Assign(dv, views);
  std::map<int64_t, int64_t> riders;
  for (size_t i = 0; i < demands->size(); ++i) {
    (*demands)[i].route_id = assigned[i];
    if (assigned[i]) {
      (*demands)[i].route_name = names[assigned[i]];
      riders[assigned[i]] += (*demands)[i].riders;
    }
  }
  if (routes)
    for (auto& r : *routes) r.riders = riders[r.id];
  return Status::Ok();
}

Result<std::vector<Demand>> BusService::Demands(const std::string& uscc, const std::string& region,
                                                const system::Principal& by,
                                                const system::Page* page, int64_t* total) {
  RETURN_IF_ERROR(CheckOperator(by, by.region_code));
  ASSIGN_OR_RETURN(system::Scope scope, NarrowScope(region, by));
  std::vector<Demand> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    std::optional<int64_t> enterprise_id;
    if (!uscc.empty()) {
      ASSIGN_OR_RETURN(auto owner, BusRepository::OwnerByUscc(c, NormalizeUscc(uscc), scope));
      if (!owner) return EnterpriseNotFound();
      enterprise_id = owner->id;
    }
    ASSIGN_OR_RETURN(out, BusRepository::Demands(c, scope, enterprise_id, page, total));
    return Match(c, &out, nullptr);
  }));
  return out;
}

Result<std::string> BusService::ExportDemands(const std::string& uscc, const std::string& region,
                                              io::TableFormat format, const system::Principal& by) {
  ASSIGN_OR_RETURN(auto all, Demands(uscc, region, by, nullptr, nullptr));
  return system::ExportTable(
      format, "通勤需求",
      {std::string("企业"), std::string("信用代码"), std::string("居住区域"),
       std::string("区域代码"), std::string("小区/片区"), std::string("班次开始"),
       std::string("乘车人数"), std::string("服务线路"), std::string("备注")},
      [&](io::TableWriter& w) -> Status {
        for (const auto& d : all)
          RETURN_IF_ERROR(w.WriteRow({d.enterprise_name, d.enterprise_uscc, d.home_region_name,
                                      d.home_region_code, d.home_area, d.shift_start,
                                      double(d.riders), d.route_name, d.note}));
        return Status::Ok();
      });
}

Status BusService::ValidateRoute(NewRoute* in, const system::Principal& by,
                                 std::vector<int64_t>* ids) {
  RETURN_IF_ERROR(TextField("name", in->name, 40, true));
  RETURN_IF_ERROR(TextField("note", in->note, 200, false));
  if (in->daily_trips < 1 || in->daily_trips > 500)
    return InvalidArgument("daily_trips", "out_of_range", "每日班次应为 1 至 500",
                           "daily_trips must be 1 to 500");
  if (in->seats < 1 || in->seats > 100)
    return InvalidArgument("seats", "out_of_range", "每车座位应为 1 至 100",
                           "seats must be 1 to 100");
  for (size_t i = 0; i < in->shifts.size(); ++i)
    if (!ValidTime(in->shifts[i]))
      return InvalidArgument("shifts[" + std::to_string(i) + "]", "invalid_time",
                             "班次时间格式应为 HH:MM", "a shift must be a time HH:MM");
  std::sort(in->shifts.begin(), in->shifts.end());
  in->shifts.erase(std::unique(in->shifts.begin(), in->shifts.end()), in->shifts.end());
  if (in->stops.size() < 2)
    return InvalidArgument("stops", "too_few", "线路至少需要两个站点",
                           "a route needs at least two stops");
  if (in->stops.size() > 60)
    return InvalidArgument("stops", "too_many", "站点最多60个", "at most 60 stops");
  std::string last;
  for (size_t i = 0; i < in->stops.size(); ++i) {
    Stop& s = in->stops[i];
    std::string f = "stops[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(TextField(f + ".name", s.name, 40, true));
    auto region = RegionField(s.region_code, f + ".region_code");
    if (!region.ok()) return region.status();
    s.region_code = region->code;
    if (!ValidTime(s.time))
      return InvalidArgument(f + ".time", "invalid_time", "到站时间格式应为 HH:MM",
                             "the stop time must be HH:MM");
    if (!last.empty() && s.time < last)
      return InvalidArgument(f + ".time", "out_of_order", "站点时间应按先后顺序",
                             "stop times must not go backwards");
    last = s.time;
  }
  if (in->usccs.empty())
    return InvalidArgument("enterprises", "required", "请选择线路服务的企业",
                           "a route serves at least one enterprise");
  return db_.WithConnection([&](db::Connection& c) -> Status {
    for (size_t i = 0; i < in->usccs.size(); ++i) {
      ASSIGN_OR_RETURN(auto owner,
                       BusRepository::OwnerByUscc(c, NormalizeUscc(in->usccs[i]), by.scope));
      if (!owner)
        return InvalidArgument("enterprises[" + std::to_string(i) + "]", "unknown_enterprise",
                               "企业不存在或不在辖区：" + in->usccs[i],
                               "no such enterprise in your scope: " + in->usccs[i]);
      ids->push_back(owner->id);
    }
    return Status::Ok();
  });
}

Result<Route> BusService::CreateRoute(NewRoute in, const system::Principal& by) {
  std::string code = in.region_code.empty() ? by.region_code : in.region_code;
  if (code.empty())
    return InvalidArgument("region_code", "required", "请选择线路所属区划",
                           "region_code is required");
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(code, "region_code"));
  if (!InScope(region, by.scope))
    return NotFound("unknown_region", "区划不存在或无权访问", "no such region in your scope");
  RETURN_IF_ERROR(CheckOperator(by, region.code));
  std::vector<int64_t> ids;
  RETURN_IF_ERROR(ValidateRoute(&in, by, &ids));
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, BusRepository::InsertRoute(c, region, in, by.user_id));
    RETURN_IF_ERROR(BusRepository::ReplaceStops(c, id, in.stops));
    return BusRepository::ReplaceEnterprises(c, id, ids);
  }));
  return GetRoute(id, by);
}

Result<Route> BusService::UpdateRoute(int64_t id, NewRoute in, const system::Principal& by) {
  ASSIGN_OR_RETURN(Route before, GetRoute(id, by));
  RETURN_IF_ERROR(CheckOperator(by, before.region_code));
  std::vector<int64_t> ids;
  RETURN_IF_ERROR(ValidateRoute(&in, by, &ids));
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool found, BusRepository::UpdateRoute(c, id, by.scope, in));
    if (!found) return RouteNotFound();
    RETURN_IF_ERROR(BusRepository::ReplaceStops(c, id, in.stops));
    return BusRepository::ReplaceEnterprises(c, id, ids);
  }));
  return GetRoute(id, by);
}

Result<Route> BusService::GetRoute(int64_t id, const system::Principal& by) {
  RETURN_IF_ERROR(CheckOperator(by, by.region_code));
  std::vector<Route> routes;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(routes, BusRepository::Routes(c, by.scope, id));
    if (routes.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(auto demands,
                     BusRepository::Demands(c, by.scope, std::nullopt, nullptr, nullptr));
    return Match(c, &demands, &routes);
  }));
  if (routes.empty()) return RouteNotFound();
  for (auto& s : routes[0].stops) {
    auto r = reference_.GetRegion(s.region_code);
    if (r.ok()) s.region_name = r->name;
  }
  return routes[0];
}

Result<std::vector<Route>> BusService::Routes(const std::string& region,
                                              const system::Principal& by) {
  RETURN_IF_ERROR(CheckOperator(by, by.region_code));
  ASSIGN_OR_RETURN(system::Scope scope, NarrowScope(region, by));
  std::vector<Route> routes;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(routes, BusRepository::Routes(c, scope, std::nullopt));
    ASSIGN_OR_RETURN(auto demands,
                     BusRepository::Demands(c, scope, std::nullopt, nullptr, nullptr));
    return Match(c, &demands, &routes);
  }));
  for (auto& r : routes)
    for (auto& s : r.stops) {
      auto reg = reference_.GetRegion(s.region_code);
      if (reg.ok()) s.region_name = reg->name;
    }
  return routes;
}

Result<std::string> BusService::ExportRoutes(const std::string& region, io::TableFormat format,
                                             const system::Principal& by) {
  ASSIGN_OR_RETURN(auto routes, Routes(region, by));
  return system::ExportTable(
      format, "定制公交线路",
      {std::string("线路"), std::string("状态"), std::string("站点"), std::string("首站时间"),
       std::string("服务班次"), std::string("服务企业"), std::string("每日班次"),
       std::string("每车座位"), std::string("日运力"), std::string("匹配乘车人数")},
      [&](io::TableWriter& w) -> Status {
        for (const auto& r : routes) {
          std::string stops, shifts, firms;
          for (const auto& s : r.stops) stops += (stops.empty() ? "" : " → ") + s.name;
          for (const auto& s : r.shifts) shifts += (shifts.empty() ? "" : ",") + s;
          for (const auto& e : r.enterprises) firms += (firms.empty() ? "" : "、") + e.name;
          RETURN_IF_ERROR(w.WriteRow({r.name, std::string(r.active ? "运营" : "停运"), stops,
                                      r.stops.empty() ? std::string() : r.stops.front().time,
                                      shifts.empty() ? std::string("全部") : shifts, firms,
                                      double(r.daily_trips), double(r.seats),
                                      double(r.daily_trips * r.seats), double(r.riders)}));
        }
        return Status::Ok();
      });
}

Result<Totals> BusService::TotalsOf(const std::string& region, const system::Principal& by) {
  ASSIGN_OR_RETURN(auto routes, Routes(region, by));
  ASSIGN_OR_RETURN(auto demands, Demands("", region, by, nullptr, nullptr));
  Totals t;
  std::set<int64_t> firms;
  std::set<int64_t> declaring;
  for (const auto& d : demands) declaring.insert(d.enterprise_id);
  for (const auto& r : routes) {
    if (!r.active) continue;
    ++t.routes;
    t.daily_trips += r.daily_trips;
    t.seats += r.daily_trips * r.seats;
    for (const auto& e : r.enterprises) firms.insert(e.id);
  }
  t.enterprises = int64_t(firms.size());
  for (const auto& d : demands) {
    ++t.demands;
    t.declared += d.riders;
    if (d.route_id) {
      ++t.served_demands;
      t.served += d.riders;
    }
  }
  t.unserved = t.declared - t.served;
  return t;
}

}  // namespace fugong::bus
