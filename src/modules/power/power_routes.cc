#include "modules/power/power_routes.h"

#include <filesystem>

#include "modules/power/rules.h"
#include "system/export.h"
#include "system/import_report.h"
#include "system/route_util.h"

namespace fugong::power {
namespace {

using system::Caller;
using system::Fail;
using system::Ok;
using system::Perm;

json::object Rate(double num, double den) {
  return json::object{{"num", num}, {"den", den}, {"rate", den > 0 ? num / den : 0.0}};
}

json::object CountRate(int64_t num, int64_t den) {
  return json::object{{"num", num}, {"den", den}, {"rate", den > 0 ? double(num) / den : 0.0}};
}

json::object ConfigJson(const Config& c) {
  return json::object{{"region_code", c.region_code},
                      {"threshold", c.threshold},
                      {"baseline_method", c.baseline_method},
                      {"reference_month", c.reference_month},
                      {"margin", c.margin},
                      {"suppressed_below", c.suppressed_below},
                      {"stable_from", c.stable_from}};
}

json::object MeterJson(const Meter& m) {
  return json::object{{"id", m.id},
                      {"meter_no", m.meter_no},
                      {"enterprise_uscc", m.enterprise_uscc},
                      {"enterprise_name", m.enterprise_name},
                      {"region_code", m.region_code},
                      {"note", m.note},
                      {"created_at", m.created_at}};
}

json::object EnterpriseJson(const EnterprisePower& e) {
  json::object o{{"uscc", e.uscc},
                 {"name", e.name},
                 {"region_code", e.region_code},
                 {"cadre", e.cadre},
                 {"work_status", e.status},
                 {"reported_resumed", e.reported_resumed},
                 {"has_baseline", e.has_baseline},
                 {"has_reading", e.has_reading},
                 {"baseline", e.baseline},
                 {"use", e.use},
                 {"power_rate", e.baseline > 0 ? e.use / e.baseline : 0.0},
                 {"resumed_by_power", e.resumed_by_power},
                 {"kind", e.kind},
                 {"reason", e.reason},
                 {"note", e.note}};
  o["load_percent"] = e.load_percent ? json::value(*e.load_percent) : json::value(nullptr);
  return o;
}

Result<stats::Query> ResolveQuery(stats::StatsService& s, const http::Request& req) {
  return s.Resolve(req.Query("region"), req.Query("date"), req.Query("category", "all"),
                   Caller(req).scope);
}

}  // namespace

json::object PowerRatesJson(const PowerRates& r) {
  return json::object{{"region", r.region_code},
                      {"date", r.date},
                      {"category", r.category},
                      {"threshold", r.threshold},
                      {"base", r.base},
                      {"with_data", r.with_data},
                      {"without_data", r.without_data},
                      {"no_baseline", r.no_baseline},
                      {"no_reading", r.no_reading},
                      {"resumed", CountRate(r.resumed, r.with_data)},
                      {"reported_resumed", CountRate(r.reported_resumed, r.with_data)},
                      {"production", Rate(r.use, r.baseline)},
                      {"label", r.label},
                      {"label_zh", LabelZh(r.label)}};
}

void RegisterPowerRoutes(http::Router& router, PowerService& power, stats::StatsService& stats) {
  router.Post(
      "/api/v1/power/readings/import",
      [&power](http::Request& req) {
        auto upload = system::SaveTableUpload(req);
        if (!upload.ok()) return Fail(req, upload.status());
        auto result = power.Import(*upload, Caller(req));
        std::filesystem::remove(*upload);
        if (!result.ok()) return Fail(req, result.status());
        return Ok(json::object{{"imported", result->imported},
                               {"updated", result->updated},
                               {"rejected_rows", result->rejected_rows},
                               {"rejected_total", result->rejected.size()},
                               {"rejected", system::RejectedJson(result->rejected)},
                               {"report_id", result->report_id},
                               {"latest_date", result->latest_date},
                               {"cadres_notified", result->cadres_notified}});
      },
      Perm("power:import", size_t(200) << 20));

  router.Get(
      "/api/v1/power/meters",
      [&power](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = power.Meters(req.Query("uscc"), Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& m : *list) items.push_back(MeterJson(m));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("power:view"));

  router.Get(
      "/api/v1/power/meters/export",
      [&power](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req, power.ExportMeters(req.Query("uscc"), *format, Caller(req)),
                                  *format, "power-meters");
      },
      Perm("power:view"));

  router.Post(
      "/api/v1/power/meters",
      [&power](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string meter_no, uscc, note;
        for (Status st : {r.RejectUnknown({"meter_no", "uscc", "note"}),
                          r.String("meter_no", &meter_no, true, 40),
                          r.String("uscc", &uscc, true, 18), r.String("note", &note, false, 200)})
          if (!st.ok()) return Fail(req, st);
        auto m = power.CreateMeter(meter_no, uscc, note, Caller(req));
        if (!m.ok()) return Fail(req, m.status());
        return Ok(MeterJson(*m), 201);
      },
      Perm("power:import"));

  router.Delete(
      "/api/v1/power/meters/{id}",
      [&power](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_meter", "电表不存在或无权访问", "no such meter"));
        Status st = power.DeleteMeter(*id, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"deleted", *id}});
      },
      Perm("power:import"));

  router.Get(
      "/api/v1/power/config",
      [&power, &stats](http::Request& req) {
        auto q = stats.Resolve(req.Query("region"), "", "all", Caller(req).scope);
        if (!q.ok()) return Fail(req, q.status());
        auto cfg = power.ConfigFor(q->region);
        if (!cfg.ok()) return Fail(req, cfg.status());
        return Ok(ConfigJson(*cfg));
      },
      Perm("power:view"));

  router.Put(
      "/api/v1/power/config",
      [&power](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        // Fields left out keep the values in force for the region (its own or inherited).
        std::string region_code;
        for (Status st :
             {r.RejectUnknown({"region_code", "threshold", "baseline_method", "reference_month",
                               "margin", "suppressed_below", "stable_from"}),
              r.String("region_code", &region_code, false, 12)})
          if (!st.ok()) return Fail(req, st);
        auto current = power.ConfigIn(region_code, Caller(req));
        if (!current.ok()) return Fail(req, current.status());
        Config c = *current;
        for (Status st : {r.Number("threshold", &c.threshold, false, 0.01, 1),
                          r.String("baseline_method", &c.baseline_method, false, 20),
                          r.String("reference_month", &c.reference_month, false, 7),
                          r.Number("margin", &c.margin, false, 0, 300),
                          r.Number("suppressed_below", &c.suppressed_below, false, 0, 3),
                          r.Number("stable_from", &c.stable_from, false, 0, 3)})
          if (!st.ok()) return Fail(req, st);
        auto saved = power.SaveConfig(c, Caller(req));
        if (!saved.ok()) return Fail(req, saved.status());
        return Ok(ConfigJson(*saved));
      },
      Perm("power:configure"));

  router.Get(
      "/api/v1/power/rates",
      [&power, &stats](http::Request& req) {
        auto q = ResolveQuery(stats, req);
        if (!q.ok()) return Fail(req, q.status());
        auto r = power.Rates(*q);
        if (!r.ok()) return Fail(req, r.status());
        return Ok(PowerRatesJson(*r));
      },
      Perm("power:view"));

  router.Get(
      "/api/v1/power/series",
      [&power, &stats](http::Request& req) {
        auto q = ResolveQuery(stats, req);
        if (!q.ok()) return Fail(req, q.status());
        auto points = power.Series(*q, req.Query("from", q->date));
        if (!points.ok()) return Fail(req, points.status());
        json::array items;
        for (const auto& p : *points)
          items.push_back(json::object{{"date", p.date},
                                       {"with_data", p.with_data},
                                       {"without_data", p.without_data},
                                       {"resumed", CountRate(p.resumed, p.with_data)},
                                       {"production", Rate(p.use, p.baseline)},
                                       {"label", p.label}});
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("power:view"));

  router.Get(
      "/api/v1/power/disagreements",
      [&power, &stats](http::Request& req) {
        auto q = ResolveQuery(stats, req);
        if (!q.ok()) return Fail(req, q.status());
        auto page = system::ParsePage(req, 500);
        if (!page.ok()) return Fail(req, page.status());
        auto rows =
            power.Disagreements(*q, req.Query("kind", "resumed_no_power"), req.Query("cadre"));
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        int64_t from = page->Offset();
        for (int64_t i = from; i < int64_t(rows->size()) && i < from + page->size; ++i)
          items.push_back(EnterpriseJson((*rows)[i]));
        return Ok(system::PageJson(int64_t(rows->size()), *page, std::move(items)));
      },
      Perm("power:view"));

  router.Get(
      "/api/v1/power/disagreements/export",
      [&power, &stats](http::Request& req) {
        auto q = ResolveQuery(stats, req);
        if (!q.ok()) return Fail(req, q.status());
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        std::string kind = req.Query("kind", "resumed_no_power");
        return system::FileAnswer(req,
                                  power.ExportDisagreements(*q, kind, req.Query("cadre"), *format),
                                  *format, "power-" + kind + "-" + q->date);
      },
      Perm("power:view"));

  router.Post(
      "/api/v1/power/explanations",
      [&power](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        Explanation e;
        for (Status st :
             {r.RejectUnknown({"uscc", "date", "kind", "reason", "note"}),
              r.String("uscc", &e.uscc, true, 18), r.String("date", &e.date, true, 10),
              r.String("kind", &e.kind, true, 30), r.String("reason", &e.reason, true, 30),
              r.String("note", &e.note, false, 200)})
          if (!st.ok()) return Fail(req, st);
        Status st = power.Explain(e, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"uscc", e.uscc},
                               {"date", e.date},
                               {"kind", e.kind},
                               {"reason", e.reason},
                               {"note", e.note}},
                  201);
      },
      Perm("power:explain"));
}

}  // namespace fugong::power
