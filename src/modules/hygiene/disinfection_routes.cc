// Routes of areas, disinfection records, rounds and warnings.
#include <charconv>

#include "core/clock.h"
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

Status SiteNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_site", "场所不存在或无权访问",
                "no such site in your scope", "site");
}

Status AreaNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_area", "区域不存在或无权访问",
                "no such area in your scope", "area");
}

json::value ScheduleJson(const std::optional<Schedule>& s) {
  if (!s) return nullptr;
  return json::object{{"interval_minutes", s->interval_minutes},
                      {"window_start", FormatClock(s->window_start)},
                      {"window_end", FormatClock(s->window_end)}};
}

json::object AreaJson(const Area& a) {
  return json::object{{"id", a.id},
                      {"site_id", a.site_id},
                      {"site_name", a.site_name},
                      {"enterprise_uscc", a.enterprise_uscc},
                      {"enterprise_name", a.enterprise_name},
                      {"name", a.name},
                      {"schedule", ScheduleJson(a.schedule)},
                      {"active", a.active},
                      {"created_at", a.created_at},
                      {"updated_at", a.updated_at}};
}

json::object RecordJson(const Disinfection& d) {
  return json::object{{"id", d.id},
                      {"site_id", d.site_id},
                      {"area_id", d.area_id},
                      {"area_name", d.area_name},
                      {"date", d.day},
                      {"at", d.at},
                      {"agent", d.agent},
                      {"method", d.method},
                      {"concentration", d.concentration},
                      {"person", d.person},
                      {"note", d.note},
                      {"created_at", d.created_at}};
}

json::object RoundsJson(const AreaRounds& ar) {
  json::array slots, missing;
  for (const auto& s : ar.rounds.slots) {
    slots.push_back(json::object{{"start", FormatClock(s.start)},
                                 {"end", FormatClock(s.end)},
                                 {"state", SlotStateName(s.state)},
                                 {"records", s.records}});
    if (s.state == SlotState::kMissing)
      missing.push_back(json::object{{"start", FormatClock(s.start)}, {"end", FormatClock(s.end)}});
  }
  json::value last = nullptr;
  if (ar.last)
    last =
        json::object{{"at", ar.last->at}, {"agent", ar.last->agent}, {"person", ar.last->person}};
  return json::object{{"area_id", ar.area.id},
                      {"name", ar.area.name},
                      {"site_id", ar.area.site_id},
                      {"site_name", ar.area.site_name},
                      {"enterprise_uscc", ar.area.enterprise_uscc},
                      {"enterprise_name", ar.area.enterprise_name},
                      {"region_code", ar.area.region_code},
                      {"schedule", ScheduleJson(ar.area.schedule)},
                      {"expected", ar.rounds.expected},
                      {"done", ar.rounds.done},
                      {"missing", ar.rounds.missing},
                      {"records", ar.records},
                      {"missing_slots", std::move(missing)},
                      {"slots", std::move(slots)},
                      {"last_record", std::move(last)}};
}

// A field of a nested object, named "schedule.<field>" in errors.
Status Nested(const std::string& prefix, Status st) {
  if (st.ok()) return st;
  return Status(st.kind(), st.code(), st.message_zh(), st.message_en(), prefix + st.field());
}

// "schedule": null (none) or {"interval_minutes", "window_start"?, "window_end"?}.
Result<std::optional<Schedule>> ParseSchedule(const json::object& body) {
  const json::value& v = body.at("schedule");
  if (v.is_null()) return std::optional<Schedule>();
  if (!v.is_object())
    return InvalidArgument("schedule", "invalid_type", "schedule 应为对象或 null",
                           "schedule must be an object or null");
  JsonReader r(v.as_object());
  RETURN_IF_ERROR(
      Nested("schedule.", r.RejectUnknown({"interval_minutes", "window_start", "window_end"})));
  int64_t interval = 0;
  RETURN_IF_ERROR(
      Nested("schedule.", r.Int("interval_minutes", &interval, true, kMinInterval, kMaxInterval)));
  Schedule s{int(interval), 0, kMinutesPerDay};
  for (auto [key, out] :
       {std::pair{"window_start", &s.window_start}, std::pair{"window_end", &s.window_end}}) {
    std::string text;
    RETURN_IF_ERROR(Nested("schedule.", r.String(key, &text, false, 5)));
    if (text.empty()) continue;
    auto minutes = ParseClock(text);
    if (!minutes)
      return InvalidArgument(std::string("schedule.") + key, "invalid_time",
                             std::string(key) + " 应为 HH:MM（00:00 到 24:00）",
                             std::string(key) + " must be a time HH:MM (00:00 to 24:00)");
    *out = *minutes;
  }
  return std::optional<Schedule>(s);
}

std::string DayParam(const http::Request& req) { return req.Query("date", FormatDate(Today())); }

Result<DisinfectionFilter> ParseFilter(const http::Request& req) {
  DisinfectionFilter f;
  f.day = DayParam(req);
  std::string area = req.Query("area");
  if (!area.empty()) {
    int64_t n = 0;
    auto [p, ec] = std::from_chars(area.data(), area.data() + area.size(), n);
    if (ec != std::errc() || p != area.data() + area.size() || n < 1)
      return InvalidArgument("area", "invalid_value", "area 应为区域编号",
                             "area must be an area id");
    f.area_id = n;
  }
  return f;
}

bool Flag(const http::Request& req, const char* name) {
  std::string v = req.Query(name);
  return v == "1" || v == "true";
}

}  // namespace

void RegisterDisinfectionRoutes(http::Router& router, DisinfectionService& svc) {
  router.Post(
      "/api/v1/sites/{id}/areas",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string name;
        Status st = r.RejectUnknown({"name", "schedule"});
        if (st.ok()) st = r.String("name", &name, true, 30);
        if (!st.ok()) return Fail(req, st);
        std::optional<Schedule> schedule;
        if (body->contains("schedule")) {
          auto parsed = ParseSchedule(*body);
          if (!parsed.ok()) return Fail(req, parsed.status());
          schedule = *parsed;
        }
        auto area = svc.CreateArea(*id, name, schedule, Caller(req));
        if (!area.ok()) return Fail(req, area.status());
        return Ok(AreaJson(*area), 201);
      },
      Perm("hygiene:manage"));

  router.Get(
      "/api/v1/sites/{id}/areas",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        auto list = svc.Areas(*id, Flag(req, "inactive"), Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& a : *list) items.push_back(AreaJson(a));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("hygiene:view"));

  router.Put(
      "/api/v1/areas/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, AreaNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        AreaUpdate u;
        Status st = r.RejectUnknown({"name", "schedule", "active"});
        if (st.ok() && r.Has("name")) {
          std::string name;
          st = r.String("name", &name, true, 30);
          u.name = name;
        }
        if (st.ok() && r.Has("active")) {
          bool active = true;
          st = r.Bool("active", &active, true);
          u.active = active;
        }
        if (!st.ok()) return Fail(req, st);
        if (body->contains("schedule")) {
          auto parsed = ParseSchedule(*body);
          if (!parsed.ok()) return Fail(req, parsed.status());
          u.set_schedule = true;
          u.schedule = *parsed;
        }
        auto area = svc.UpdateArea(*id, u, Caller(req));
        if (!area.ok()) return Fail(req, area.status());
        return Ok(AreaJson(*area));
      },
      Perm("hygiene:manage"));

  router.Post(
      "/api/v1/areas/{id}/disinfections",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, AreaNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewDisinfection d;
        Status st = r.RejectUnknown({"at", "agent", "method", "concentration", "person", "note"});
        if (st.ok()) st = r.String("at", &d.at, false, 40);
        if (st.ok()) st = r.String("agent", &d.agent, true, 50);
        if (st.ok()) st = r.String("method", &d.method, false, 50);
        if (st.ok()) st = r.String("concentration", &d.concentration, false, 50);
        if (st.ok()) st = r.String("person", &d.person, true, 50);
        if (st.ok()) st = r.String("note", &d.note, false, 200);
        if (!st.ok()) return Fail(req, st);
        auto rec = svc.Record(*id, d, Caller(req));
        if (!rec.ok()) return Fail(req, rec.status());
        return Ok(RecordJson(*rec), 201);
      },
      Perm("hygiene:record"));

  router.Get(
      "/api/v1/sites/{id}/disinfections",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        auto page = system::ParsePage(req, 500);
        if (!page.ok()) return Fail(req, page.status());
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        int64_t total = 0;
        auto list = svc.Records(*id, *f, *page, Caller(req), &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& d : *list) items.push_back(RecordJson(d));
        json::object o = system::PageJson(total, *page, std::move(items));
        o["date"] = f->day;
        return Ok(o);
      },
      Perm("hygiene:view"));

  router.Get(
      "/api/v1/sites/{id}/disinfections/export",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        std::string fmt = req.Query("format", "xlsx");
        if (fmt != "xlsx" && fmt != "csv")
          return Fail(req, InvalidArgument("format", "invalid_value", "format 应为 xlsx 或 csv",
                                           "format must be xlsx or csv"));
        auto format =
            fmt == "csv" ? enterprise::ExportFormat::kCsv : enterprise::ExportFormat::kXlsx;
        auto path = svc.Export(*id, *f, format, Caller(req));
        if (!path.ok()) return Fail(req, path.status());
        bool xlsx = format == enterprise::ExportFormat::kXlsx;
        return http::Response::File(
            *path,
            xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                 : "text/csv; charset=utf-8",
            "disinfections-" + std::to_string(*id) + "-" + f->day + (xlsx ? ".xlsx" : ".csv"),
            true);
      },
      Perm("hygiene:export"));

  router.Get(
      "/api/v1/sites/{id}/hygiene",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        auto h = svc.SiteRounds(*id, DayParam(req), Caller(req));
        if (!h.ok()) return Fail(req, h.status());
        json::array areas;
        for (const auto& a : h->areas) areas.push_back(RoundsJson(a));
        return Ok(json::object{{"site", json::object{{"id", h->site.id},
                                                     {"name", h->site.name},
                                                     {"enterprise_uscc", h->site.enterprise_uscc},
                                                     {"enterprise_name", h->site.enterprise_name}}},
                               {"date", h->date},
                               {"now", NowTimestamp()},
                               {"expected", h->expected},
                               {"done", h->done},
                               {"missing", h->missing},
                               {"areas", std::move(areas)}});
      },
      Perm("hygiene:view"));

  router.Get(
      "/api/v1/hygiene/warnings",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        WarningFilter f;
        f.day = DayParam(req);
        f.region_code = req.Query("region");
        int64_t total = 0;
        WarningTotals totals;
        auto list = svc.Warnings(f, *page, Caller(req), &total, &totals);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& w : *list) items.push_back(RoundsJson(w.area));
        json::object o = system::PageJson(total, *page, std::move(items));
        o["date"] = f.day;
        o["now"] = NowTimestamp();
        o["scheduled_areas"] = totals.scheduled_areas;
        o["areas_missing"] = totals.areas_missing;
        o["missing_rounds"] = totals.missing_rounds;
        o["enterprises_missing"] = totals.enterprises_missing;
        return Ok(o);
      },
      Perm("hygiene:warnings"));

  router.Get(
      "/api/v1/enterprises/{uscc}/hygiene",
      [&svc](http::Request& req) {
        auto h = svc.EnterpriseSummary(req.PathParam("uscc"), DayParam(req), Caller(req));
        if (!h.ok()) return Fail(req, h.status());
        json::array areas, rooms;
        for (const auto& a : h->rounds) areas.push_back(RoundsJson(a));
        for (const auto& r : h->rooms) rooms.push_back(RoomJson(r));
        return Ok(json::object{{"enterprise_uscc", h->enterprise_uscc},
                               {"enterprise_name", h->enterprise_name},
                               {"date", h->date},
                               {"sites", h->sites},
                               {"areas", h->areas},
                               {"scheduled_areas", h->scheduled_areas},
                               {"expected", h->expected},
                               {"done", h->done},
                               {"missing", h->missing},
                               {"records", h->records},
                               {"last_record_at", h->last_record_at},
                               {"rounds", std::move(areas)},
                               {"rooms", std::move(rooms)},
                               {"room_capacity", h->room_capacity},
                               {"room_occupied", h->room_occupied}});
      },
      Perm("hygiene:view"));
}

void RegisterHygieneRoutes(http::Router& router, DisinfectionService& disinfections,
                           IsolationService& isolation) {
  RegisterDisinfectionRoutes(router, disinfections);
  RegisterIsolationRoutes(router, isolation);
}

}  // namespace fugong::hygiene
