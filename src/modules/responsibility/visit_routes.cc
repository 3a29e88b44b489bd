// Routes of visits, the visit summary and the cadre's workbench.
#include "modules/responsibility/responsibility_routes.h"
#include "system/route_util.h"

namespace fugong::responsibility {
namespace {

using route::Perm;
using system::Caller;
using system::Fail;
using system::Ok;

json::object VisitJson(const Visit& v) {
  return json::object{{"id", v.id},
                      {"uscc", v.uscc},
                      {"enterprise_name", v.enterprise_name},
                      {"user_id", v.user_id},
                      {"user_name", v.user_name},
                      {"kind", v.kind},
                      {"at", v.at},
                      {"day", v.day},
                      {"summary", v.summary},
                      {"problems", v.problems},
                      {"next_visit_date",
                       v.next_visit_date.empty() ? json::value() : json::value(v.next_visit_date)},
                      {"created_at", v.created_at}};
}

Result<VisitFilter> ParseFilter(const http::Request& req) {
  VisitFilter f;
  f.region_code = req.Query("region");
  f.from = req.Query("from");
  f.to = req.Query("to");
  f.kind = req.Query("kind");
  if (req.HasQuery("user")) {
    int64_t id = 0;
    RETURN_IF_ERROR(system::IntQuery(req, "user", &id, 1, INT64_MAX));
    f.user_id = id;
  }
  std::string mine = req.Query("mine");
  if (mine == "1" || mine == "true") f.user_id = Caller(req).user_id;
  return f;
}

json::array Counts(const std::vector<VisitCount>& list, bool cadre) {
  json::array out;
  for (const auto& c : list) {
    json::object o{{"enterprises", c.enterprises}, {"visits", c.visits}};
    if (cadre) {
      o["user_id"] = c.user_id ? json::value(*c.user_id) : json::value();
      o["name"] = c.key;
    } else {
      o["period"] = c.key;
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

void RegisterVisitRoutes(http::Router& router, VisitService& svc) {
  router.Post(
      "/api/v1/enterprises/{uscc}/visits",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewVisit v;
        Status st = r.RejectUnknown({"kind", "at", "summary", "problems", "next_visit_date"});
        if (st.ok()) st = r.String("kind", &v.kind, true, 20);
        if (st.ok()) st = r.String("at", &v.at, false, 40);
        if (st.ok()) st = r.String("summary", &v.summary, true, 1000);
        if (st.ok()) st = r.String("problems", &v.problems, false, 1000);
        if (st.ok()) st = r.String("next_visit_date", &v.next_visit_date, false, 10);
        if (!st.ok()) return Fail(req, st);
        auto made = svc.Record(req.PathParam("uscc"), v, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(VisitJson(*made), 201);
      },
      Perm("visit:create"));

  router.Get(
      "/api/v1/enterprises/{uscc}/visits",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = svc.ForEnterprise(req.PathParam("uscc"), Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& v : *list) items.push_back(VisitJson(v));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("visit:list"));

  router.Get(
      "/api/v1/visits",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        if (req.HasQuery("format")) {
          if (req.Query("format") != "xlsx")
            return Fail(req, InvalidArgument("format", "invalid_value", "format 应为 xlsx",
                                             "format must be xlsx"));
          auto path = svc.Export(*f, Caller(req));
          if (!path.ok()) return Fail(req, path.status());
          return http::Response::File(*path, route::kXlsx, "visits.xlsx", true);
        }
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = svc.List(*f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& v : *list) items.push_back(VisitJson(v));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("visit:list"));

  router.Get(
      "/api/v1/visits/summary",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        auto s = svc.Summary(*f, req.Query("period"), Caller(req));
        if (!s.ok()) return Fail(req, s.status());
        std::string text = "调度企业" + std::to_string(s->enterprises) + "户、" +
                           std::to_string(s->visits) + "户次";
        return Ok(json::object{{"from", s->from},
                               {"to", s->to},
                               {"period", s->period},
                               {"enterprises", s->enterprises},
                               {"visits", s->visits},
                               {"text", text},
                               {"periods", Counts(s->periods, false)},
                               {"cadres", Counts(s->cadres, true)}});
      },
      Perm("visit:list"));

  router.Get(
      "/api/v1/me/workbench",
      [&svc](http::Request& req) {
        auto wb = svc.WorkbenchOf(Caller(req));
        if (!wb.ok()) return Fail(req, wb.status());
        json::array items;
        for (const auto& w : wb->enterprises)
          items.push_back(json::object{{"uscc", w.uscc},
                                       {"name", w.name},
                                       {"region_code", w.region_code},
                                       {"work_status", w.work_status},
                                       {"status_date", w.status_date},
                                       {"roles", w.roles},
                                       {"key", w.key},
                                       {"reported_today", w.reported_today},
                                       {"last_visit_at", w.last_visit_at},
                                       {"next_visit_date", w.next_visit_date},
                                       {"visit_due", w.visit_due}});
        json::array recent;
        for (const auto& v : wb->recent_visits) recent.push_back(VisitJson(v));
        json::object out{{"date", wb->date},
                         {"enterprises", std::move(items)},
                         {"enterprise_count", wb->enterprises.size()},
                         {"missing_reports", wb->missing_reports},
                         {"visits_due", wb->visits_due},
                         {"recent_visits", std::move(recent)}};
        out["open_demands"] = wb->open_demands ? json::value(*wb->open_demands) : json::value();
        return Ok(out);
      },
      Perm("workbench:view"));
}

}  // namespace fugong::responsibility
