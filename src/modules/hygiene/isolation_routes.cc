// Routes of isolation and observation rooms and their occupants.
#include "modules/hygiene/hygiene_routes.h"
#include "modules/workforce/workforce_routes.h"
#include "system/route_util.h"

namespace fugong::hygiene {
namespace {

using system::Caller;
using system::Fail;
using system::Ok;
using workforce::route::IdParam;
using workforce::route::Perm;

Status RoomNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_room", "隔离/留观室不存在或无权访问",
                "no such room in your scope", "room");
}

json::object OccupantJson(const Occupant& o) {
  return json::object{
      {"id", o.id},
      {"room_id", o.room_id},
      {"room_name", o.room_name},
      {"employee_id", o.employee_id ? json::value(*o.employee_id) : json::value()},
      {"person_name", o.person_name},
      {"reason", o.reason},
      {"since", o.since},
      {"current", o.released_at.empty()},
      {"released_at", o.released_at.empty() ? json::value() : json::value(o.released_at)},
      {"release_note", o.release_note},
      {"created_at", o.created_at}};
}

}  // namespace

json::object RoomJson(const Room& r) {
  return json::object{{"id", r.id},
                      {"enterprise_uscc", r.enterprise_uscc},
                      {"enterprise_name", r.enterprise_name},
                      {"site_id", r.site_id ? json::value(*r.site_id) : json::value()},
                      {"site_name", r.site_name},
                      {"name", r.name},
                      {"kind", r.kind},
                      {"capacity", r.capacity},
                      {"occupied", r.occupied},
                      {"available", r.capacity - r.occupied},
                      {"note", r.note},
                      {"active", r.active},
                      {"created_at", r.created_at},
                      {"updated_at", r.updated_at}};
}

void RegisterIsolationRoutes(http::Router& router, IsolationService& svc) {
  router.Post(
      "/api/v1/enterprises/{uscc}/isolation-rooms",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewRoom room;
        int64_t site = 0;
        Status st = r.RejectUnknown({"name", "kind", "capacity", "site", "note"});
        if (st.ok()) st = r.String("name", &room.name, true, 30);
        if (st.ok()) st = r.String("kind", &room.kind, true, 20);
        if (st.ok()) st = r.Int("capacity", &room.capacity, true, 1, kMaxRoomCapacity);
        if (st.ok()) st = r.Int("site", &site, false, 1, INT64_MAX);
        if (st.ok()) st = r.String("note", &room.note, false, 200);
        if (!st.ok()) return Fail(req, st);
        if (site) room.site_id = site;
        auto made = svc.CreateRoom(req.PathParam("uscc"), room, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(RoomJson(*made), 201);
      },
      Perm("isolation:manage"));

  router.Get(
      "/api/v1/enterprises/{uscc}/isolation-rooms",
      [&svc](http::Request& req) {
        std::string inactive = req.Query("inactive");
        auto list =
            svc.Rooms(req.PathParam("uscc"), inactive == "1" || inactive == "true", Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        int64_t capacity = 0, occupied = 0;
        for (const auto& room : *list) {
          items.push_back(RoomJson(room));
          if (!room.active) continue;
          capacity += room.capacity;
          occupied += room.occupied;
        }
        return Ok(json::object{
            {"items", std::move(items)}, {"capacity", capacity}, {"occupied", occupied}});
      },
      Perm("isolation:view"));

  router.Get(
      "/api/v1/isolation-rooms/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, RoomNotFound());
        auto room = svc.GetRoom(*id, Caller(req));
        if (!room.ok()) return Fail(req, room.status());
        return Ok(RoomJson(*room));
      },
      Perm("isolation:view"));

  router.Put(
      "/api/v1/isolation-rooms/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, RoomNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        RoomUpdate u;
        Status st = r.RejectUnknown({"name", "capacity", "note", "active"});
        if (st.ok()) st = r.OptionalString("name", &u.name, 30);
        if (st.ok()) st = r.OptionalString("note", &u.note, 200);
        if (st.ok() && r.Has("capacity")) {
          int64_t capacity = 0;
          st = r.Int("capacity", &capacity, true, 1, kMaxRoomCapacity);
          u.capacity = capacity;
        }
        if (st.ok() && r.Has("active")) {
          bool active = true;
          st = r.Bool("active", &active, true);
          u.active = active;
        }
        if (!st.ok()) return Fail(req, st);
        auto room = svc.UpdateRoom(*id, u, Caller(req));
        if (!room.ok()) return Fail(req, room.status());
        return Ok(RoomJson(*room));
      },
      Perm("isolation:manage"));

  router.Post(
      "/api/v1/isolation-rooms/{id}/occupants",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, RoomNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewOccupant o;
        int64_t employee = 0;
        Status st = r.RejectUnknown({"employee_id", "person_name", "reason", "since"});
        if (st.ok()) st = r.Int("employee_id", &employee, false, 1, INT64_MAX);
        if (st.ok()) st = r.String("person_name", &o.person_name, false, 50);
        if (st.ok()) st = r.String("reason", &o.reason, true, 200);
        if (st.ok()) st = r.String("since", &o.since, false, 40);
        if (!st.ok()) return Fail(req, st);
        if (employee) o.employee_id = employee;
        auto made = svc.Admit(*id, o, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(OccupantJson(*made), 201);
      },
      Perm("isolation:manage"));

  router.Get(
      "/api/v1/isolation-rooms/{id}/occupants",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, RoomNotFound());
        std::string current = req.Query("current");
        auto list = svc.Occupants(*id, current == "1" || current == "true", Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& o : *list) items.push_back(OccupantJson(o));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("isolation:view"));

  router.Post(
      "/api/v1/occupants/{id}/release",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_occupant", "人员记录不存在或无权访问",
                                    "no such occupant in your scope"));
        std::string note;
        if (!req.body.empty()) {
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          Status st = r.RejectUnknown({"note"});
          if (st.ok()) st = r.String("note", &note, false, 200);
          if (!st.ok()) return Fail(req, st);
        }
        auto o = svc.Release(*id, note, Caller(req));
        if (!o.ok()) return Fail(req, o.status());
        return Ok(OccupantJson(*o));
      },
      Perm("isolation:manage"));
}

}  // namespace fugong::hygiene
