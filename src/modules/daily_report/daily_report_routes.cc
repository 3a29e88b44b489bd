#include "modules/daily_report/daily_report_routes.h"

#include <charconv>
#include <cstdint>
#include <limits>

#include "system/route_util.h"

namespace fugong::daily_report {
namespace {

using system::Perm;

using system::Caller;
using system::Fail;
using system::Ok;

json::object FiguresJson(const Figures& f) {
  return json::object{{"on_duty", f.on_duty},
                      {"returned", f.returned},
                      {"returned_out_of_province", f.returned_out_of_province},
                      {"quarantined", f.quarantined},
                      {"fever", f.fever},
                      {"load_percent", f.load_percent},
                      {"output_value", f.output_value},
                      {"output_quantity", f.output_quantity},
                      {"masks", f.masks},
                      {"disinfectant", f.disinfectant}};
}

json::object ReportJson(const DailyReport& r) {
  json::object o{{"uscc", r.uscc},
                 {"enterprise_name", r.enterprise_name},
                 {"region_code", r.region_code},
                 {"region_name", r.region_name},
                 {"date", r.date},
                 {"version", r.version},
                 {"current", r.current},
                 {"late", r.late},
                 {"received_late", r.received_late},
                 {"is_zero", r.is_zero}};
  for (auto& kv : FiguresJson(r.figures)) o[kv.key()] = kv.value();
  o["problems"] = r.problems;
  o["deadline"] = r.deadline_at;
  o["first_submitted_at"] = r.first_submitted_at;
  o["submitted_at"] = r.submitted_at;
  o["submitted_by"] = r.submitted_by_name;
  return o;
}

// The body of a filing. Types are checked here; bounds are the service's.
Status ParseFiling(const json::object& o, std::string* date, Figures* f, std::string* problems) {
  JsonReader r(o);
  RETURN_IF_ERROR(r.RejectUnknown({"date", "on_duty", "returned", "returned_out_of_province",
                                   "quarantined", "fever", "load_percent", "output_value",
                                   "output_quantity", "masks", "disinfectant", "problems"}));
  RETURN_IF_ERROR(r.String("date", date, true, 10));
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  for (auto [key, field] :
       {std::pair{"on_duty", &f->on_duty}, std::pair{"returned", &f->returned},
        std::pair{"returned_out_of_province", &f->returned_out_of_province},
        std::pair{"quarantined", &f->quarantined}, std::pair{"fever", &f->fever}})
    RETURN_IF_ERROR(r.Int(key, field, true, kMin, kMax));
  RETURN_IF_ERROR(r.Number("load_percent", &f->load_percent, true, -1e300, 1e300));
  RETURN_IF_ERROR(r.Number("output_value", &f->output_value, true, -1e300, 1e300));
  RETURN_IF_ERROR(r.Number("output_quantity", &f->output_quantity, true, -1e300, 1e300));
  RETURN_IF_ERROR(r.Int("masks", &f->masks, true, kMin, kMax));
  RETURN_IF_ERROR(r.Number("disinfectant", &f->disinfectant, true, -1e300, 1e300));
  // Longer texts are refused by the service with the exact limit.
  RETURN_IF_ERROR(r.String("problems", problems, false, 100000));
  return Status::Ok();
}

Result<std::optional<bool>> OptionalBool(const http::Request& req, const std::string& name) {
  if (!req.HasQuery(name) || req.Query(name).empty()) return std::optional<bool>();
  std::string v = req.Query(name);
  if (v == "true" || v == "1") return std::optional<bool>(true);
  if (v == "false" || v == "0") return std::optional<bool>(false);
  return InvalidArgument(name, "invalid_value", "参数 " + name + " 应为 true 或 false",
                         "parameter " + name + " must be true or false");
}

Result<int> DaysParam(const http::Request& req) {
  if (!req.HasQuery("days")) return kCopiedDefaultDays;
  std::string v = req.Query("days");
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size())
    return InvalidArgument("days", "invalid_number", "参数 days 应为整数",
                           "parameter days must be an integer");
  return n;
}

Result<ReportFilter> ParseFilter(const http::Request& req) {
  ReportFilter f;
  f.region_code = req.Query("region");
  f.date = req.Query("date");
  ASSIGN_OR_RETURN(f.late, OptionalBool(req, "late"));
  ASSIGN_OR_RETURN(f.is_zero, OptionalBool(req, "zero"));
  return f;
}

}  // namespace

void RegisterDailyReportRoutes(http::Router& router, DailyReportService& service) {
  router.Post(
      "/api/v1/enterprises/{uscc}/daily-reports",
      [&service](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        std::string date, problems;
        Figures figures;
        Status st = ParseFiling(*body, &date, &figures, &problems);
        if (!st.ok()) return Fail(req, st);
        auto stored = service.Submit(req.PathParam("uscc"), date, figures, problems, Caller(req));
        if (!stored.ok()) return Fail(req, stored.status());
        return Ok(ReportJson(*stored), 201);
      },
      Perm("report:submit"));

  router.Get(
      "/api/v1/enterprises/{uscc}/daily-reports",
      [&service](http::Request& req) {
        auto list = service.ListForEnterprise(req.PathParam("uscc"), req.Query("from"),
                                              req.Query("to"), Caller(req).scope);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& r : *list) items.push_back(ReportJson(r));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("report:view"));

  router.Get(
      "/api/v1/enterprises/{uscc}/daily-reports/{date}/versions",
      [&service](http::Request& req) {
        auto list =
            service.Versions(req.PathParam("uscc"), req.PathParam("date"), Caller(req).scope);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& r : *list) items.push_back(ReportJson(r));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("report:view"));

  router.Get(
      "/api/v1/daily-reports",
      [&service](http::Request& req) {
        auto filter = ParseFilter(req);
        if (!filter.ok()) return Fail(req, filter.status());
        if (req.HasQuery("format")) {
          std::string format = req.Query("format");
          if (format != "xlsx" && format != "csv")
            return Fail(req, InvalidArgument("format", "invalid_value", "format 应为 xlsx 或 csv",
                                             "format must be xlsx or csv"));
          bool xlsx = format == "xlsx";
          auto path = service.Export(
              *filter, xlsx ? enterprise::ExportFormat::kXlsx : enterprise::ExportFormat::kCsv,
              Caller(req).scope);
          if (!path.ok()) return Fail(req, path.status());
          return http::Response::File(
              *path,
              xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                   : "text/csv; charset=utf-8",
              "daily-reports-" + filter->date + (xlsx ? ".xlsx" : ".csv"), true);
        }
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = service.List(*filter, Caller(req).scope, *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& r : *list) items.push_back(ReportJson(r));
        json::object out = system::PageJson(total, *page, std::move(items));
        out["date"] = filter->date;
        return Ok(out);
      },
      Perm("report:view"));

  router.Get(
      "/api/v1/daily-reports/copied",
      [&service](http::Request& req) {
        auto days = DaysParam(req);
        if (!days.ok()) return Fail(req, days.status());
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto runs = service.Copied(req.Query("region"), *days, req.Query("to"), Caller(req).scope);
        if (!runs.ok()) return Fail(req, runs.status());
        json::array items;
        int64_t total = int64_t(runs->size());
        for (int64_t i = page->Offset(); i < total && i < page->Offset() + page->size; ++i) {
          const CopiedRun& r = (*runs)[size_t(i)];
          items.push_back(json::object{{"uscc", r.uscc},
                                       {"name", r.name},
                                       {"region_code", r.region_code},
                                       {"region_name", r.region_name},
                                       {"contact", r.contact},
                                       {"phone", r.phone},
                                       {"cadre", r.cadre},
                                       {"cadre_rank", r.cadre_rank},
                                       {"grid", r.grid},
                                       {"reports", r.reports},
                                       {"from", r.from},
                                       {"to", r.to},
                                       {"figures", FiguresJson(r.figures)}});
        }
        json::object out = system::PageJson(total, *page, std::move(items));
        out["days"] = *days;
        return Ok(out);
      },
      Perm("report:view"));
}

}  // namespace fugong::daily_report
