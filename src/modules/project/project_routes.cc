#include "modules/project/project_routes.h"

#include <filesystem>

#include "modules/project/rules.h"
#include "modules/stats/bulletin.h"
#include "system/export.h"
#include "system/import_report.h"
#include "system/route_util.h"

namespace fugong::project {
namespace {

using system::Caller;
using system::Fail;
using system::Ok;
using system::Perm;

json::object RatioJson(int64_t num, int64_t den) {
  double rate = den > 0 ? double(num) / double(den) : 0.0;
  return json::object{
      {"num", num}, {"den", den}, {"rate", rate}, {"text", stats::FormatPercent(rate)}};
}

json::object AmountJson(double num, double den) {
  double rate = den > 0 ? num / den : 0.0;
  return json::object{
      {"num", num}, {"den", den}, {"rate", rate}, {"text", stats::FormatPercent(rate)}};
}

json::object PartyJson(const Party& p) { return json::object{{"uscc", p.uscc}, {"name", p.name}}; }

json::value Opt(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

json::object ProjectJson(const Project& p) {
  json::array contractors, officials;
  for (const auto& c : p.contractors) contractors.push_back(PartyJson(c));
  for (const auto& o : p.officials)
    officials.push_back(json::object{
        {"id", o.user_id}, {"username", o.username}, {"display_name", o.display_name}});
  int s = StatusIndex(p.status);
  return json::object{{"id", p.id},
                      {"code", p.code},
                      {"name", p.name},
                      {"owner", PartyJson(p.owner)},
                      {"contractors", std::move(contractors)},
                      {"region_code", p.region_code},
                      {"region_name", p.region_name},
                      {"category", p.category},
                      {"total_investment", p.total_investment},
                      {"annual_plan", p.annual_plan},
                      {"planned_start", Opt(p.planned_start)},
                      {"actual_start", Opt(p.actual_start)},
                      {"planned_end", Opt(p.planned_end)},
                      {"workers_planned", p.workers_planned},
                      {"workers_on_site", p.workers_on_site},
                      {"investment_completed", p.investment_completed},
                      {"last_report_day", Opt(p.last_report_day)},
                      {"status", p.status},
                      {"status_label", StatusLabelZh(uint8_t(s < 0 ? 0 : s))},
                      {"status_date", Opt(p.status_date)},
                      {"officials", std::move(officials)},
                      {"note", p.note},
                      {"created_at", p.created_at},
                      {"updated_at", p.updated_at}};
}

json::object ReportJson(const Report& r) {
  return json::object{{"id", r.id},
                      {"day", r.day},
                      {"workers_on_site", r.workers_on_site},
                      {"investment_completed", r.investment_completed},
                      {"status", Opt(r.status)},
                      {"note", r.note},
                      {"version", r.version},
                      {"created_at", r.created_at}};
}

json::array SitesJson(const std::vector<ProjectSite>& sites) {
  json::array items;
  for (const auto& s : sites)
    items.push_back(json::object{{"id", s.id},
                                 {"name", s.name},
                                 {"enterprise_uscc", s.enterprise_uscc},
                                 {"enterprise_name", s.enterprise_name},
                                 {"active", s.active}});
  return items;
}

json::object ProblemsJson(const ProblemFigures& p) {
  json::object by_category;
  for (const auto& [c, n] : p.by_category) by_category[c] = n;
  return json::object{{"region", p.region_code},
                      {"from", p.from},
                      {"to", p.to},
                      {"projects_helped", p.projects_helped},
                      {"solved", p.solved},
                      {"raised", p.raised},
                      {"open", p.open},
                      {"by_category", std::move(by_category)},
                      {"text", ProblemSentence(p)}};
}

// The body of a create or an update; errors name the field.
Result<ProjectInput> ParseInput(const json::object& body) {
  JsonReader r(body);
  ProjectInput in;
  for (Status st :
       {r.RejectUnknown({"code", "name", "owner_uscc", "contractor_usccs", "region_code",
                         "category", "total_investment", "annual_plan", "planned_start",
                         "actual_start", "planned_end", "workers_planned", "status", "status_date",
                         "officials", "note"}),
        r.String("code", &in.code, false, 40), r.String("name", &in.name, true, 100),
        r.String("owner_uscc", &in.owner_uscc, true, 18),
        r.StringArray("contractor_usccs", &in.contractor_usccs, false),
        r.String("region_code", &in.region_code, true, 12),
        r.String("category", &in.category, true, 30),
        r.Number("total_investment", &in.total_investment, false, -1e12, 1e12),
        r.Number("annual_plan", &in.annual_plan, false, -1e12, 1e12),
        r.String("planned_start", &in.planned_start, false, 10),
        r.String("actual_start", &in.actual_start, false, 10),
        r.String("planned_end", &in.planned_end, false, 10),
        r.Int("workers_planned", &in.workers_planned, false, -1000000000, 1000000000),
        r.String("status", &in.status, false, 20),
        r.String("status_date", &in.status_date, false, 10),
        r.StringArray("officials", &in.officials, false), r.String("note", &in.note, false, 500)})
    if (!st.ok()) return st;
  return in;
}

ProjectFilter ParseFilter(const http::Request& req) {
  ProjectFilter f;
  f.region_code = req.Query("region");
  f.q = req.Query("q");
  f.category = req.Query("category");
  f.status = req.Query("status");
  return f;
}

// region, date (statistics' resolution and scope) and the project category.
Result<stats::Query> ResolveQuery(stats::StatsService& s, const http::Request& req) {
  return s.Resolve(req.Query("region"), req.Query("date"), "all", Caller(req).scope);
}

}  // namespace

json::object ProjectRatesJson(const Rates& r) {
  return json::object{{"region", r.region_code},
                      {"region_name", r.region_name},
                      {"date", r.date},
                      {"category", r.category},
                      {"base", r.base},
                      {"completed", r.completed},
                      {"resumed", r.resumed},
                      {"not_started", r.not_started},
                      {"suspended", r.suspended},
                      {"resumed_rate", RatioJson(r.resumed, r.base)},
                      {"investment", AmountJson(r.investment.num, r.investment.den)},
                      {"workers", RatioJson(r.workers.num, r.workers.den)}};
}

void RegisterProjectRoutes(http::Router& router, ProjectService& svc, stats::StatsService& stats) {
  router.Get(
      "/api/v1/projects/categories",
      [&svc](http::Request&) {
        json::array items;
        for (const auto& c : svc.Categories()) items.push_back(json::value(c));
        json::array statuses;
        for (const char* s : kStatuses) statuses.push_back(json::value(s));
        return Ok(json::object{{"categories", std::move(items)},
                               {"statuses", std::move(statuses)},
                               {"department", svc.Department()}});
      },
      Perm("project:view"));

  router.Get(
      "/api/v1/projects",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = svc.List(ParseFilter(req), Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& p : *list) items.push_back(ProjectJson(p));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("project:view"));

  router.Get(
      "/api/v1/projects/export",
      [&svc](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req, svc.Export(ParseFilter(req), *format, Caller(req)), *format,
                                  "projects");
      },
      Perm("project:view"));

  router.Get(
      "/api/v1/projects/template",
      [&svc](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req, svc.Template(*format), *format, "projects-template");
      },
      Perm("project:manage"));

  router.Post(
      "/api/v1/projects/import",
      [&svc](http::Request& req) {
        auto upload = system::SaveTableUpload(req);
        if (!upload.ok()) return Fail(req, upload.status());
        auto result = svc.Import(*upload, Caller(req));
        std::filesystem::remove(*upload);
        if (!result.ok()) return Fail(req, result.status());
        return Ok(json::object{{"imported", result->imported},
                               {"updated", result->updated},
                               {"rejected_rows", result->rejected_rows},
                               {"rejected", system::RejectedJson(result->rejected)},
                               {"report_id", result->report_id}});
      },
      Perm("project:manage", size_t(50) << 20));

  router.Post(
      "/api/v1/projects",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        auto in = ParseInput(*body);
        if (!in.ok()) return Fail(req, in.status());
        auto p = svc.Create(*in, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        return Ok(ProjectJson(*p), 201);
      },
      Perm("project:manage"));

  router.Get(
      "/api/v1/projects/rates",
      [&svc, &stats](http::Request& req) {
        auto q = ResolveQuery(stats, req);
        if (!q.ok()) return Fail(req, q.status());
        auto r = svc.ComputeRates(*q, req.Query("category", "all"));
        if (!r.ok()) return Fail(req, r.status());
        return Ok(ProjectRatesJson(*r));
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/projects/rates/children",
      [&svc, &stats](http::Request& req) {
        auto q = ResolveQuery(stats, req);
        if (!q.ok()) return Fail(req, q.status());
        auto rows = svc.Children(*q, req.Query("category", "all"));
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        for (const auto& r : *rows) items.push_back(ProjectRatesJson(r));
        return Ok(json::object{{"region", q->region.code}, {"items", std::move(items)}});
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/projects/rates/projects",
      [&svc, &stats](http::Request& req) {
        auto q = ResolveQuery(stats, req);
        if (!q.ok()) return Fail(req, q.status());
        auto page = system::ParsePage(req, 500);
        if (!page.ok()) return Fail(req, page.status());
        auto rows = svc.Behind(*q, req.Query("category", "all"), req.Query("measure", "base"));
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        int64_t from = page->Offset();
        for (int64_t i = from; i < int64_t(rows->size()) && i < from + page->size; ++i) {
          const Fact& f = (*rows)[i];
          uint8_t s = StatusAt(f.history, q->day);
          items.push_back(json::object{{"id", f.id},
                                       {"code", f.code},
                                       {"name", f.name},
                                       {"owner_name", f.owner_name},
                                       {"region_code", f.region_code},
                                       {"category", f.category},
                                       {"status", StatusName(s)},
                                       {"status_label", StatusLabelZh(s)}});
        }
        return Ok(system::PageJson(int64_t(rows->size()), *page, std::move(items)));
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/projects/problems",
      [&svc, &stats](http::Request& req) {
        auto q = ResolveQuery(stats, req);
        if (!q.ok()) return Fail(req, q.status());
        auto p = svc.Problems(*q, req.Query("from"), req.Query("to"));
        if (!p.ok()) return Fail(req, p.status());
        return Ok(ProblemsJson(*p));
      },
      Perm("stats:view"));

  router.Get(
      "/api/v1/projects/{id}",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        auto p = svc.Get(*id, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        auto history = svc.History(*id, Caller(req));
        if (!history.ok()) return Fail(req, history.status());
        json::array h;
        for (const auto& e : *history)
          h.push_back(json::object{{"status", e.status},
                                   {"date", e.effective_date},
                                   {"note", e.note},
                                   {"created_at", e.created_at}});
        json::object out = ProjectJson(*p);
        out["history"] = std::move(h);
        return Ok(out);
      },
      Perm("project:view"));

  router.Put(
      "/api/v1/projects/{id}",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        auto in = ParseInput(*body);
        if (!in.ok()) return Fail(req, in.status());
        auto p = svc.Update(*id, *in, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        return Ok(ProjectJson(*p));
      },
      Perm("project:manage"));

  router.Post(
      "/api/v1/projects/{id}/status",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string status, date, note;
        for (Status st :
             {r.RejectUnknown({"status", "date", "note"}), r.String("status", &status, true, 20),
              r.String("date", &date, false, 10), r.String("note", &note, false, 600)})
          if (!st.ok()) return Fail(req, st);
        auto p = svc.ChangeStatus(*id, status, date, note, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        return Ok(ProjectJson(*p));
      },
      Perm("project:manage"));

  router.Get(
      "/api/v1/projects/{id}/reports",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        auto list = svc.Reports(*id, Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& r : *list) items.push_back(ReportJson(r));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("project:view"));

  router.Post(
      "/api/v1/projects/{id}/reports",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        Report rep;
        for (Status st :
             {r.RejectUnknown({"day", "workers_on_site", "investment_completed", "status", "note"}),
              r.String("day", &rep.day, true, 10),
              r.Int("workers_on_site", &rep.workers_on_site, true, -1000000000, 1000000000),
              r.Number("investment_completed", &rep.investment_completed, false, -1e12, 1e12),
              r.String("status", &rep.status, false, 20), r.String("note", &rep.note, false, 1500)})
          if (!st.ok()) return Fail(req, st);
        auto saved = svc.SubmitReport(*id, rep, Caller(req));
        if (!saved.ok()) return Fail(req, saved.status());
        return Ok(ReportJson(*saved), 201);
      },
      Perm("project:report"));

  router.Get(
      "/api/v1/projects/{id}/sites",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        auto list = svc.Sites(*id, Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        return Ok(json::object{{"items", SitesJson(*list)}});
      },
      Perm("project:view"));

  router.Post(
      "/api/v1/projects/{id}/sites",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        int64_t site = 0;
        std::string uscc, name;
        for (Status st : {r.RejectUnknown({"site_id", "uscc", "name"}),
                          r.Int("site_id", &site, false, 1, INT64_MAX),
                          r.String("uscc", &uscc, false, 18), r.String("name", &name, false, 100)})
          if (!st.ok()) return Fail(req, st);
        auto list = svc.AddSite(*id, site ? std::optional<int64_t>(site) : std::nullopt, uscc, name,
                                Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        return Ok(json::object{{"items", SitesJson(*list)}}, 201);
      },
      Perm("project:site"));

  router.Delete(
      "/api/v1/projects/{id}/sites/{site}",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        auto site = system::IdParam(req, "site");
        if (!id || !site)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        Status st = svc.RemoveSite(*id, *site, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"ok", true}});
      },
      Perm("project:site"));

  router.Get(
      "/api/v1/projects/{id}/demands",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_project", "项目不存在或无权访问", "no such project"));
        auto list = svc.Demands(*id, Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& d : *list)
          items.push_back(json::object{{"id", d.id},
                                       {"title", d.title},
                                       {"category", d.category},
                                       {"state", d.state},
                                       {"enterprise_name", d.enterprise_name},
                                       {"created_at", d.created_at},
                                       {"resolved_at", Opt(d.resolved_at)}});
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("project:view"));
}

}  // namespace fugong::project
