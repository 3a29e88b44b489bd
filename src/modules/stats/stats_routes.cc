#include "modules/stats/stats_routes.h"

#include <charconv>

#include "modules/stats/bulletin.h"
#include "system/route_util.h"

namespace fugong::stats {
namespace {

using system::Perm;

using system::Caller;
using system::Fail;
using system::Ok;

json::object RateJson(const RateValue& v, bool amounts = false) {
  json::object o{{"num", v.num}, {"den", v.den}, {"rate", v.rate}, {"text", FormatPercent(v.rate)}};
  if (amounts) {
    o["num_amount"] = v.num_amount;
    o["den_amount"] = v.den_amount;
  }
  return o;
}

json::object RowJson(const EnterpriseRow& e) {
  return json::object{{"uscc", e.uscc},
                      {"name", e.name},
                      {"region_code", e.region_code},
                      {"region_name", e.region_name},
                      {"industry_code", e.industry_code},
                      {"work_status", e.status},
                      {"status_date", e.status_date},
                      {"cadre", e.cadre},
                      {"key_enterprise", e.key_enterprise},
                      {"employees", e.employees}};
}

Result<Query> ResolveQuery(StatsService& s, const http::Request& req) {
  return s.Resolve(req.Query("region"), req.Query("date"), req.Query("category", "all"),
                   Caller(req).scope);
}

json::object ForecastJson(const Forecast& f) {
  json::array points;
  for (const auto& p : f.points) points.push_back(json::object{{"date", p.date}, {"rate", p.rate}});
  return json::object{{"region", f.region_code},
                      {"category", f.category},
                      {"current_rate", f.current_rate},
                      {"trend_per_day", f.trend_per_day},
                      {"planned_approved", f.planned_approved},
                      {"planned_pending", f.planned_pending},
                      {"points", std::move(points)},
                      {"expected_full_date", f.expected_full_date},
                      {"method",
                       "max(current rate + 7-day trend × days, current rate + planned "
                       "resumptions (approved 1.0, pending 0.7) / base); full at ≥ 99.5%"}};
}

json::object SeriesJson(const std::vector<SeriesPoint>& series) {
  json::array items;
  for (const auto& p : series)
    items.push_back(json::object{{"date", p.date},
                                 {"work_resumed", RateJson(p.work_resumed)},
                                 {"production_resumed", RateJson(p.production_resumed)},
                                 {"full_capacity", RateJson(p.full_capacity)}});
  return json::object{{"items", std::move(items)}};
}

json::object TemplateJson(const BulletinTemplate& t) {
  return json::object{{"id", t.id},
                      {"region_code", t.region_code},
                      {"name", t.name},
                      {"body", t.body},
                      {"updated_at", t.updated_at}};
}

}  // namespace

RateValue CountRate(int64_t num, int64_t den) {
  return RateValue{num, den, den > 0 ? double(num) / double(den) : 0.0};
}

json::object PowerJson(const PowerFigures& p) {
  auto rate = [](double num, double den) {
    return json::object{{"num", num}, {"den", den}, {"rate", den > 0 ? num / den : 0.0}};
  };
  return json::object{{"threshold", p.threshold},
                      {"base", p.base},
                      {"with_data", p.with_data},
                      {"without_data", p.without_data},
                      {"resumed", RateJson(CountRate(p.resumed, p.with_data))},
                      {"reported_resumed", RateJson(CountRate(p.reported_resumed, p.with_data))},
                      {"production", rate(p.use, p.baseline)},
                      {"label", p.label}};
}

json::object RatesJson(const Rates& r) {
  json::object o{
      {"region", r.region_code},
      {"region_name", r.region_name},
      {"date", r.date},
      {"category", r.category},
      {"enterprises", r.enterprises},
      {"base", r.base},
      {"seasonal_excluded", r.seasonal_excluded},
      {"closed", r.closed},
      {"rates", json::object{{"work_resumed", RateJson(r.work_resumed)},
                             {"production_resumed", RateJson(r.production_resumed)},
                             {"full_capacity", RateJson(r.full_capacity)},
                             {"business_reopened", RateJson(r.business_reopened)},
                             {"staff_returned", RateJson(r.staff_returned)},
                             {"capacity_recovered", RateJson(r.capacity_recovered, true)}}}};
  if (r.power) o["power"] = PowerJson(*r.power);
  return o;
}

void RegisterStatsRoutes(http::Router& router, StatsService& service, DashboardExtras extras) {
  router.Get(
      "/api/v1/stats/rates",
      [&service](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        auto r = service.ComputeRates(*q);
        if (!r.ok()) return Fail(req, r.status());
        return Ok(RatesJson(*r));
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/stats/rates/children",
      [&service](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        auto rows = service.Children(*q);
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        for (const auto& r : *rows) items.push_back(RatesJson(r));
        return Ok(json::object{{"region", q->region.code}, {"items", std::move(items)}});
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/stats/series",
      [&service](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        std::string from = req.Query("from");
        if (from.empty())
          from = FormatDate(Days(std::chrono::days(q->day - 29)));  // 30 days by default
        auto series = service.Series(*q, from);
        if (!series.ok()) return Fail(req, series.status());
        return Ok(SeriesJson(*series));
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/stats/enterprises",
      [&service](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        auto page = system::ParsePage(req, 500);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto rows = service.Enterprises(*q, req.Query("measure", "base"), *page, &total);
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        for (const auto& e : *rows) items.push_back(RowJson(e));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/stats/reporting",
      [&service](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        auto page = system::ParsePage(req, 500);
        if (!page.ok()) return Fail(req, page.status());
        std::vector<EnterpriseRow> missing;
        int64_t missing_total = 0;
        auto r = service.Reporting(*q, *page, &missing, &missing_total);
        if (!r.ok()) return Fail(req, r.status());
        json::array items;
        for (const auto& e : missing) items.push_back(RowJson(e));
        return Ok(
            json::object{{"region", r->region_code},
                         {"date", r->date},
                         {"category", r->category},
                         {"expected", r->completeness.den},
                         {"received", r->completeness.num},
                         {"on_time", r->timeliness.num},
                         {"late", r->late},
                         {"zero_reports", r->zero_reports},
                         {"completeness", RateJson(r->completeness)},
                         {"timeliness", RateJson(r->timeliness)},
                         {"missing", system::PageJson(missing_total, *page, std::move(items))}});
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/stats/forecast",
      [&service](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        auto f = service.ForecastFrom(*q);
        if (!f.ok()) return Fail(req, f.status());
        return Ok(ForecastJson(*f));
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/stats/bulletin",
      [&service](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        std::optional<int64_t> template_id;
        if (req.HasQuery("template")) {
          int64_t id = 0;
          std::string v = req.Query("template");
          auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
          if (ec != std::errc() || p != v.data() + v.size())
            return Fail(req, InvalidArgument("template", "invalid_number", "template 应为模板编号",
                                             "template must be a template id"));
          template_id = id;
        }
        auto text = service.Bulletin(*q, template_id, "");
        if (!text.ok()) return Fail(req, text.status());
        std::string format = req.Query("format", "json");
        if (format == "txt") {
          http::Response resp = http::Response::Text(200, *text + "\n");
          resp.headers.Set("Content-Disposition", "attachment; filename=\"bulletin-" + q->date +
                                                      ".txt\"; filename*=UTF-8''bulletin-" +
                                                      q->date + ".txt");
          return resp;
        }
        if (format != "json")
          return Fail(req, InvalidArgument("format", "invalid_value", "format 应为 json 或 txt",
                                           "format must be json or txt"));
        return Ok(json::object{{"region", q->region.code}, {"date", q->date}, {"text", *text}});
      },
      Perm("stats:view"));

  router.Post(
      "/api/v1/stats/bulletin/preview",
      [&service](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string region, date, text;
        Status st = r.RejectUnknown({"region", "date", "body"});
        if (st.ok()) st = r.String("region", &region, false, 12);
        if (st.ok()) st = r.String("date", &date, false, 10);
        if (st.ok()) st = r.String("body", &text, true, 5000);
        if (!st.ok()) return Fail(req, st);
        auto q = service.Resolve(region, date, "all", Caller(req).scope);
        if (!q.ok()) return Fail(req, q.status());
        auto out = service.Bulletin(*q, std::nullopt, text);
        if (!out.ok()) return Fail(req, out.status());
        return Ok(json::object{{"text", *out}});
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/stats/bulletin-templates",
      [&service](http::Request& req) {
        auto list = service.Templates(Caller(req).scope);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        items.push_back(json::object{{"id", 0},
                                     {"region_code", ""},
                                     {"name", "默认模板"},
                                     {"body", DefaultBulletinTemplate()},
                                     {"builtin", true}});
        for (const auto& t : *list) items.push_back(TemplateJson(t));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("stats:view"));

  auto save = [&service](http::Request& req, int64_t id) {
    auto body = system::BodyObject(req);
    if (!body.ok()) return Fail(req, body.status());
    JsonReader r(*body);
    BulletinTemplate t;
    t.id = id;
    Status st = r.RejectUnknown({"name", "body", "region_code"});
    if (st.ok()) st = r.String("name", &t.name, true, 50);
    if (st.ok()) st = r.String("body", &t.body, true, 5000);
    if (st.ok()) st = r.String("region_code", &t.region_code, false, 12);
    if (!st.ok()) return Fail(req, st);
    auto saved = service.SaveTemplate(t, Caller(req));
    if (!saved.ok()) return Fail(req, saved.status());
    return Ok(TemplateJson(*saved), id == 0 ? 201 : 200);
  };
  router.Post(
      "/api/v1/stats/bulletin-templates", [save](http::Request& req) { return save(req, 0); },
      Perm("stats:template"));
  router.Put(
      "/api/v1/stats/bulletin-templates/{id}",
      [save](http::Request& req) {
        int64_t id = 0;
        std::string v = req.PathParam("id");
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
        if (ec != std::errc() || p != v.data() + v.size() || id <= 0)
          return Fail(req,
                      NotFound("unknown_template", "简报模板不存在", "no such bulletin template"));
        return save(req, id);
      },
      Perm("stats:template"));
  router.Delete(
      "/api/v1/stats/bulletin-templates/{id}",
      [&service](http::Request& req) {
        int64_t id = 0;
        std::string v = req.PathParam("id");
        auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
        if (ec != std::errc() || p != v.data() + v.size())
          return Fail(req,
                      NotFound("unknown_template", "简报模板不存在", "no such bulletin template"));
        Status st = service.DeleteTemplate(id, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"ok", true}});
      },
      Perm("stats:template"));

  router.Get(
      "/api/v1/stats/report-forms",
      [&service](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        std::string form = req.Query("form", "regions");
        auto path = service.ReportForm(*q, form);
        if (!path.ok()) return Fail(req, path.status());
        return http::Response::File(
            *path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (form == "regions" ? "resumption-by-region-" : "not-resumed-") + q->date + ".xlsx",
            true);
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/stats/dashboard",
      [&service, extras](http::Request& req) {
        auto q = ResolveQuery(service, req);
        if (!q.ok()) return Fail(req, q.status());
        json::object out;
        auto rates = service.ComputeRates(*q);
        if (!rates.ok()) return Fail(req, rates.status());
        out["rates"] = RatesJson(*rates);
        json::object categories;
        for (const char* c : {"above_scale_industrial", "key_enterprise", "above_quota_trade",
                              "essential", "small_micro"}) {
          Query cq = *q;
          cq.category = c;
          auto cr = service.ComputeRates(cq);
          if (!cr.ok()) return Fail(req, cr.status());
          categories[c] = RatesJson(*cr);
        }
        out["categories"] = std::move(categories);
        auto series = service.Series(*q, FormatDate(Days(std::chrono::days(q->day - 29))));
        if (!series.ok()) return Fail(req, series.status());
        out["series"] = SeriesJson(*series)["items"];
        auto children = service.Children(*q);
        if (!children.ok()) return Fail(req, children.status());
        json::array kids;
        for (const auto& r : *children) kids.push_back(RatesJson(r));
        out["children"] = std::move(kids);
        int64_t total = 0;
        Query kq = *q;
        kq.category = "key_enterprise";
        auto key_waiting = service.Enterprises(kq, "not_work_resumed", system::Page{1, 20}, &total);
        if (!key_waiting.ok()) return Fail(req, key_waiting.status());
        json::array keys;
        for (const auto& e : *key_waiting) keys.push_back(RowJson(e));
        out["key_not_resumed"] = system::PageJson(total, system::Page{1, 20}, std::move(keys));
        std::vector<EnterpriseRow> missing;
        int64_t missing_total = 0;
        auto rep = service.Reporting(*q, system::Page{1, 1}, &missing, &missing_total);
        if (!rep.ok()) return Fail(req, rep.status());
        out["reporting"] = json::object{{"expected", rep->completeness.den},
                                        {"received", rep->completeness.num},
                                        {"missing", missing_total},
                                        {"completeness", RateJson(rep->completeness)},
                                        {"timeliness", RateJson(rep->timeliness)}};
        auto fc = service.ForecastFrom(*q);
        if (!fc.ok()) return Fail(req, fc.status());
        out["forecast"] = ForecastJson(*fc);
        if (extras) out["extras"] = extras(*q);
        return Ok(out);
      },
      Perm("stats:view"));
}

}  // namespace fugong::stats
