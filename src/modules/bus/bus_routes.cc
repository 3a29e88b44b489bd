#include "modules/bus/bus_routes.h"

#include "system/export.h"
#include "system/route_util.h"

namespace fugong::bus {
namespace {

using system::Caller;
using system::Fail;
using system::IdParam;
using system::Ok;
using system::Perm;

Status RouteNotFound() {
  return NotFound("unknown_route", "线路不存在或无权访问", "no such route in your scope");
}

json::object DemandJson(const Demand& d) {
  return json::object{{"id", d.id},
                      {"enterprise_uscc", d.enterprise_uscc},
                      {"enterprise_name", d.enterprise_name},
                      {"region_code", d.region_code},
                      {"home_region_code", d.home_region_code},
                      {"home_region_name", d.home_region_name},
                      {"home_area", d.home_area},
                      {"shift_start", d.shift_start},
                      {"riders", d.riders},
                      {"note", d.note},
                      {"updated_at", d.updated_at},
                      {"served", d.route_id != 0},
                      {"route_id", d.route_id},
                      {"route_name", d.route_name}};
}

json::object RouteJson(const Route& r) {
  json::array stops, shifts, firms;
  for (const auto& s : r.stops)
    stops.push_back(json::object{{"name", s.name},
                                 {"region_code", s.region_code},
                                 {"region_name", s.region_name},
                                 {"time", s.time}});
  for (const auto& s : r.shifts) shifts.push_back(json::value(s));
  for (const auto& e : r.enterprises)
    firms.push_back(json::object{{"uscc", e.uscc}, {"name", e.name}});
  return json::object{{"id", r.id},
                      {"name", r.name},
                      {"region_code", r.region_code},
                      {"daily_trips", r.daily_trips},
                      {"seats", r.seats},
                      {"capacity", r.daily_trips * r.seats},
                      {"shifts", std::move(shifts)},
                      {"active", r.active},
                      {"note", r.note},
                      {"stops", std::move(stops)},
                      {"enterprises", std::move(firms)},
                      {"riders", r.riders},
                      {"created_at", r.created_at},
                      {"updated_at", r.updated_at}};
}

Status ReadRoute(const json::object& body, NewRoute* out) {
  JsonReader r(body);
  for (Status st :
       {r.RejectUnknown({"name", "region_code", "daily_trips", "seats", "shifts", "stops",
                         "enterprises", "active", "note"}),
        r.String("name", &out->name, true, 40),
        r.String("region_code", &out->region_code, false, 12),
        r.Int("daily_trips", &out->daily_trips, true, 1, 500),
        r.Int("seats", &out->seats, true, 1, 100), r.StringArray("shifts", &out->shifts, false),
        r.StringArray("enterprises", &out->usccs, true), r.Bool("active", &out->active, false),
        r.String("note", &out->note, false, 200)})
    RETURN_IF_ERROR(st);
  const json::value* stops = body.if_contains("stops");
  if (!stops || !stops->is_array())
    return InvalidArgument("stops", "required", "请填写站点", "stops must be an array of stops");
  for (size_t i = 0; i < stops->as_array().size(); ++i) {
    const auto& v = stops->as_array()[i];
    std::string f = "stops[" + std::to_string(i) + "]";
    if (!v.is_object())
      return InvalidArgument(f, "invalid", "站点应为对象 {name, region_code, time}",
                             "a stop is {name, region_code, time}");
    JsonReader s(v.as_object());
    Stop stop;
    for (Status st :
         {s.RejectUnknown({"name", "region_code", "time"}), s.String("name", &stop.name, true, 40),
          s.String("region_code", &stop.region_code, true, 12),
          s.String("time", &stop.time, true, 5)})
      if (!st.ok())
        return InvalidArgument(f + "." + st.field(), st.code(), st.message_zh(), st.message_en());
    out->stops.push_back(std::move(stop));
  }
  return Status::Ok();
}

}  // namespace

void RegisterBusRoutes(http::Router& router, BusService& buses) {
  router.Get(
      "/api/v1/bus/demands",
      [&buses](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list =
            buses.Demands(req.Query("uscc"), req.Query("region"), Caller(req), &*page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& d : *list) items.push_back(DemandJson(d));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("bus:view"));

  router.Get(
      "/api/v1/bus/demands/export",
      [&buses](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(
            req, buses.ExportDemands(req.Query("uscc"), req.Query("region"), *format, Caller(req)),
            *format, "bus-demands");
      },
      Perm("bus:view"));

  router.Post(
      "/api/v1/bus/demands",
      [&buses](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewDemand d;
        for (Status st :
             {r.RejectUnknown(
                  {"uscc", "home_region_code", "home_area", "shift_start", "riders", "note"}),
              r.String("uscc", &d.uscc, false, 18),
              r.String("home_region_code", &d.home_region_code, true, 12),
              r.String("home_area", &d.home_area, false, 60),
              r.String("shift_start", &d.shift_start, true, 5),
              r.Int("riders", &d.riders, true, 1, 10000), r.String("note", &d.note, false, 200)})
          if (!st.ok()) return Fail(req, st);
        auto out = buses.Declare(d, Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        return Ok(DemandJson(*out), 201);
      },
      Perm("bus:declare"));

  router.Delete(
      "/api/v1/bus/demands/{id}",
      [&buses](http::Request& req) {
        auto id = IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_demand", "需求不存在或无权访问", "no such demand"));
        Status st = buses.DeleteDemand(*id, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"deleted", *id}});
      },
      Perm("bus:declare"));

  router.Get(
      "/api/v1/bus/routes",
      [&buses](http::Request& req) {
        auto list = buses.Routes(req.Query("region"), Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& r : *list) items.push_back(RouteJson(r));
        return Ok(json::object{{"total", items.size()}, {"items", std::move(items)}});
      },
      Perm("bus:view"));

  router.Get(
      "/api/v1/bus/routes/export",
      [&buses](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req,
                                  buses.ExportRoutes(req.Query("region"), *format, Caller(req)),
                                  *format, "bus-routes");
      },
      Perm("bus:view"));

  router.Post(
      "/api/v1/bus/routes",
      [&buses](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        NewRoute in;
        if (Status st = ReadRoute(*body, &in); !st.ok()) return Fail(req, st);
        auto out = buses.CreateRoute(in, Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        return Ok(RouteJson(*out), 201);
      },
      Perm("bus:manage"));

  router.Get(
      "/api/v1/bus/routes/{id}",
      [&buses](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, RouteNotFound());
        auto out = buses.GetRoute(*id, Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        return Ok(RouteJson(*out));
      },
      Perm("bus:view"));

  router.Put(
      "/api/v1/bus/routes/{id}",
      [&buses](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, RouteNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        NewRoute in;
        if (Status st = ReadRoute(*body, &in); !st.ok()) return Fail(req, st);
        auto out = buses.UpdateRoute(*id, in, Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        return Ok(RouteJson(*out));
      },
      Perm("bus:manage"));

  router.Get(
      "/api/v1/bus/totals",
      [&buses](http::Request& req) {
        auto t = buses.TotalsOf(req.Query("region"), Caller(req));
        if (!t.ok()) return Fail(req, t.status());
        return Ok(json::object{{"routes", t->routes},
                               {"daily_trips", t->daily_trips},
                               {"seats", t->seats},
                               {"enterprises", t->enterprises},
                               {"demands", t->demands},
                               {"served_demands", t->served_demands},
                               {"declared", t->declared},
                               {"served", t->served},
                               {"unserved", t->unserved}});
      },
      Perm("bus:view"));
}

}  // namespace fugong::bus
