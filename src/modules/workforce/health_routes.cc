// Routes of return-to-work cards, holds, declarations, pass codes and risk
// regions.
#include "core/clock.h"
#include "modules/retention/retention_service.h"
#include "modules/workforce/workforce_routes.h"
#include "system/route_util.h"

namespace fugong::workforce {
namespace {

using route::IdParam;
using route::Perm;
using system::Caller;
using system::Fail;
using system::Ok;

Status EmployeeNotFound() {
  return NotFound("unknown_employee", "员工不存在或无权访问", "no such employee in your scope");
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object CardJson(const ReturnCard& c) {
  json::array travel;
  for (const auto& t : c.travel)
    travel.push_back(json::object{{"region_code", t.region_code},
                                  {"region_name", t.region_name},
                                  {"place", t.place},
                                  {"from_date", t.from_date},
                                  {"to_date", t.to_date}});
  return json::object{{"employee_id", c.employee_id},
                      {"arrival_date", c.arrival_date},
                      {"contact_with_cases", c.contact_with_cases},
                      {"health", c.health},
                      {"note", c.note},
                      {"travel", std::move(travel)},
                      {"updated_at", c.updated_at}};
}

json::object HoldJson(const Hold& h) {
  return json::object{{"id", h.id},
                      {"employee_id", h.employee_id},
                      {"kind", h.kind},
                      {"source", h.source},
                      {"reasons", Strings(h.reasons)},
                      {"start_date", h.start_date},
                      {"rule_end_date", h.rule_end_date},
                      {"end_date", h.end_date},
                      {"extended", h.extended},
                      {"shortened", h.shortened},
                      {"overridden", h.overridden},
                      {"change_reason", h.change_reason},
                      {"changed_at", h.changed_at}};
}

json::object RiskJson(const RiskRegion& r) {
  return json::object{
      {"id", r.id},       {"region_code", r.region_code}, {"region_name", r.region_name},
      {"level", r.level}, {"start_date", r.start_date},   {"end_date", r.end_date},
      {"note", r.note},   {"updated_at", r.updated_at}};
}

json::value JsonOrNull(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object DeclarationJson(const Declaration& d) {
  return json::object{
      {"employee_id", d.employee_id},
      {"date", d.day},
      {"temperature", d.temperature},
      {"symptoms", Strings(d.symptoms)},
      {"created_at", d.created_at},
      // The day the retention purge deletes it after (null: kept).
      {"delete_after", JsonOrNull(retention::DeleteAfterOf("health_declarations", d.day))}};
}

Status ParseCard(const json::object& o, ReturnCard* card) {
  JsonReader r(o);
  RETURN_IF_ERROR(r.RejectUnknown({"arrival_date", "contact_with_cases", "health", "note", "travel",
                                   // read-only fields a client may echo back
                                   "employee_id", "updated_at"}));
  RETURN_IF_ERROR(r.String("arrival_date", &card->arrival_date, false, 10));
  RETURN_IF_ERROR(r.Bool("contact_with_cases", &card->contact_with_cases, false));
  RETURN_IF_ERROR(r.String("health", &card->health, false, 20));
  RETURN_IF_ERROR(r.String("note", &card->note, false, 200));
  auto it = o.find("travel");
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  if (!it->value().is_array())
    return InvalidArgument("travel", "invalid_type", "字段 travel 应为数组",
                           "field travel must be an array");
  size_t i = 0;
  for (const auto& v : it->value().as_array()) {
    std::string f = "travel[" + std::to_string(i++) + "]";
    if (!v.is_object())
      return InvalidArgument(f, "invalid_type", f + " 应为对象", f + " must be an object");
    JsonReader t(v.as_object());
    TravelRecord rec;
    for (const auto& kv : v.as_object()) {
      std::string_view k = kv.key();
      if (k != "region_code" && k != "place" && k != "from_date" && k != "to_date" &&
          k != "region_name")
        return route::UnknownField(f + "." + std::string(k));
    }
    auto named = [&](Status st) {
      if (st.ok()) return st;
      return Status(st.kind(), st.code(), st.message_zh(), st.message_en(), f + "." + st.field());
    };
    RETURN_IF_ERROR(named(t.String("region_code", &rec.region_code, true, 12)));
    RETURN_IF_ERROR(named(t.String("place", &rec.place, false, 100)));
    RETURN_IF_ERROR(named(t.String("from_date", &rec.from_date, true, 10)));
    RETURN_IF_ERROR(named(t.String("to_date", &rec.to_date, true, 10)));
    card->travel.push_back(std::move(rec));
  }
  return Status::Ok();
}

Status ParseRisk(const json::object& o, RiskRegion* r) {
  JsonReader j(o);
  RETURN_IF_ERROR(j.RejectUnknown({"region_code", "level", "start_date", "end_date", "note", "id",
                                   "region_name", "updated_at"}));
  RETURN_IF_ERROR(j.String("region_code", &r->region_code, true, 12));
  RETURN_IF_ERROR(j.String("level", &r->level, true, 10));
  RETURN_IF_ERROR(j.String("start_date", &r->start_date, true, 10));
  RETURN_IF_ERROR(j.String("end_date", &r->end_date, false, 10));
  return j.String("note", &r->note, false, 200);
}

// A temperature must be a JSON number within the measurable range.
Status ParseTemperature(const JsonReader& r, double* t) {
  return r.Number("temperature", t, true, kMinTemperature, kMaxTemperature);
}

}  // namespace

void RegisterHealthRoutes(http::Router& router, HealthService& health) {
  router.Get(
      "/api/v1/employees/{id}/card",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto card = health.GetCard(*id, Caller(req));
        if (!card.ok()) return Fail(req, card.status());
        return Ok(CardJson(*card));
      },
      Perm("health:view"));

  router.Put(
      "/api/v1/employees/{id}/card",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        ReturnCard card;
        if (Status st = ParseCard(*body, &card); !st.ok()) return Fail(req, st);
        auto saved = health.PutCard(*id, std::move(card), Caller(req));
        if (!saved.ok()) return Fail(req, saved.status());
        auto holds = health.Holds(*id, Caller(req));
        if (!holds.ok()) return Fail(req, holds.status());
        json::array hs;
        for (const auto& h : *holds) hs.push_back(HoldJson(h));
        json::object o = CardJson(*saved);
        o["holds"] = std::move(hs);
        return Ok(o);
      },
      Perm("card:submit"));

  router.Get(
      "/api/v1/enterprises/{uscc}/holds",
      [&health](http::Request& req) {
        auto page = system::ParsePage(req, 1000);
        if (!page.ok()) return Fail(req, page.status());
        bool active = req.Query("active") == "1" || req.Query("active") == "true";
        int64_t total = 0;
        auto list = health.Board(req.PathParam("uscc"), req.Query("kind"), active, *page,
                                 Caller(req), &total);
        if (!list.ok()) return Fail(req, list.status());
        std::string today = FormatDate(Today());
        json::array items;
        for (const auto& b : *list) {
          json::object o = HoldJson(b.hold);
          o["employee_name"] = b.employee_name;
          o["department"] = b.department;
          o["in_force"] = b.hold.start_date <= today && today < b.hold.end_date;
          items.push_back(std::move(o));
        }
        json::object o = system::PageJson(total, *page, std::move(items));
        o["date"] = today;
        return Ok(o);
      },
      Perm("employee:list"));

  router.Get(
      "/api/v1/employees/{id}/holds",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto holds = health.Holds(*id, Caller(req));
        if (!holds.ok()) return Fail(req, holds.status());
        auto changes = health.HoldChanges(*id, Caller(req));
        if (!changes.ok()) return Fail(req, changes.status());
        json::array hs, cs;
        for (const auto& h : *holds) hs.push_back(HoldJson(h));
        for (const auto& c : *changes)
          cs.push_back(json::object{{"hold_id", c.hold_id},
                                    {"old_end_date", c.old_end_date},
                                    {"new_end_date", c.new_end_date},
                                    {"change", c.change},
                                    {"reason", c.reason},
                                    {"changed_by", c.changed_by_name},
                                    {"changed_at", c.changed_at}});
        return Ok(json::object{{"items", std::move(hs)}, {"changes", std::move(cs)}});
      },
      Perm("health:view"));

  router.Post(
      "/api/v1/employees/{id}/holds",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewHold in;
        Status st = r.RejectUnknown({"kind", "start_date", "end_date", "reason"});
        if (st.ok()) st = r.String("kind", &in.kind, true, 30);
        if (st.ok()) st = r.String("start_date", &in.start_date, true, 10);
        if (st.ok()) st = r.String("end_date", &in.end_date, false, 10);
        if (st.ok()) st = r.String("reason", &in.reason, true, 200);
        if (!st.ok()) return Fail(req, st);
        auto h = health.AddHold(*id, in, Caller(req));
        if (!h.ok()) return Fail(req, h.status());
        return Ok(HoldJson(*h), 201);
      },
      Perm("hold:update"));

  router.Post(
      "/api/v1/holds/{id}/end",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_hold", "隔离/观察记录不存在", "no such hold"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        EndDateChange ch;
        Status st = r.RejectUnknown({"end_date", "reason", "override"});
        if (st.ok()) st = r.String("end_date", &ch.end_date, true, 10);
        if (st.ok()) st = r.String("reason", &ch.reason, true, 200);
        if (st.ok()) st = r.Bool("override", &ch.override_rule, false);
        if (!st.ok()) return Fail(req, st);
        auto h = health.ChangeEnd(*id, ch, Caller(req), req.remote_addr);
        if (!h.ok()) return Fail(req, h.status());
        return Ok(HoldJson(*h));
      },
      Perm("hold:update"));

  router.Post(
      "/api/v1/employees/{id}/declarations",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        double t = 0;
        std::vector<std::string> symptoms;
        Status st = r.RejectUnknown({"temperature", "symptoms"});
        if (st.ok()) st = ParseTemperature(r, &t);
        if (st.ok()) st = r.StringArray("symptoms", &symptoms, false);
        if (!st.ok()) return Fail(req, st);
        auto d = health.Declare(*id, t, std::move(symptoms), Caller(req));
        if (!d.ok()) return Fail(req, d.status());
        return Ok(DeclarationJson(*d), 201);
      },
      Perm("declaration:create"));

  router.Get(
      "/api/v1/employees/{id}/declarations",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto list = health.Declarations(*id, Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& d : *list) items.push_back(DeclarationJson(d));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("health:view"));

  router.Get(
      "/api/v1/employees/{id}/pass",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto pass = health.Pass(*id, Caller(req));
        if (!pass.ok()) return Fail(req, pass.status());
        http::Response resp = Ok(json::object{{"token", pass->token},
                                              {"colour", ColourName(pass->colour)},
                                              {"reasons", Strings(pass->reasons)},
                                              {"svg", pass->svg},
                                              {"date", pass->date},
                                              {"employee_id", pass->employee.id},
                                              {"name", pass->employee.name},
                                              {"enterprise_name", pass->employee.enterprise_name}});
        resp.headers.Set("Cache-Control", "no-store");
        return resp;
      },
      Perm("pass:view"));

  router.Get(
      "/api/v1/risk-regions",
      [&health](http::Request& req) {
        auto list = health.RiskRegions();
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& r : *list) items.push_back(RiskJson(r));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("riskregion:list"));

  router.Post(
      "/api/v1/risk-regions",
      [&health](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        RiskRegion r;
        if (Status st = ParseRisk(*body, &r); !st.ok()) return Fail(req, st);
        r.id = 0;
        auto saved = health.SaveRiskRegion(std::move(r), Caller(req));
        if (!saved.ok()) return Fail(req, saved.status());
        return Ok(RiskJson(*saved), 201);
      },
      Perm("riskregion:update"));

  router.Put(
      "/api/v1/risk-regions/{id}",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id)
          return Fail(req,
                      NotFound("unknown_risk_region", "风险地区不存在", "no such risk region"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        RiskRegion r;
        if (Status st = ParseRisk(*body, &r); !st.ok()) return Fail(req, st);
        r.id = *id;
        auto saved = health.SaveRiskRegion(std::move(r), Caller(req));
        if (!saved.ok()) return Fail(req, saved.status());
        return Ok(RiskJson(*saved));
      },
      Perm("riskregion:update"));

  router.Delete(
      "/api/v1/risk-regions/{id}",
      [&health](http::Request& req) {
        auto id = IdParam(req);
        if (!id)
          return Fail(req,
                      NotFound("unknown_risk_region", "风险地区不存在", "no such risk region"));
        Status st = health.DeleteRiskRegion(*id, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"deleted", *id}});
      },
      Perm("riskregion:update"));
}

}  // namespace fugong::workforce
