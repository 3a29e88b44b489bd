#include "modules/enterprise/enterprise_routes.h"

#include <filesystem>
#include <fstream>

#include "core/clock.h"
#include "core/crypto.h"
#include "system/import_report.h"
#include "system/route_util.h"

namespace fugong::enterprise {
namespace {

using system::Perm;

using system::Caller;
using system::Fail;
using system::Ok;

json::object EnterpriseJson(const Enterprise& e) {
  json::object o{{"uscc", e.uscc},
                 {"name", e.name},
                 {"legal_representative", e.legal_representative},
                 {"contact", e.contact},
                 {"phone", e.phone},
                 {"address", e.address},
                 {"region_code", e.region_code},
                 {"region_name", e.region_name},
                 {"industry_code", e.industry_code},
                 {"industry_name", e.industry_name},
                 {"size", e.size},
                 {"employees", e.employees},
                 {"employees_out_of_province", e.employees_out_of_province},
                 {"normal_output", e.normal_output},
                 {"normal_capacity", e.normal_capacity},
                 {"normal_capacity_unit", e.normal_capacity_unit},
                 {"essential_category", e.essential_category},
                 {"work_status", e.work_status},
                 {"status_date", e.status_date},
                 {"cadre", e.cadre},
                 {"cadre_rank", e.cadre_rank},
                 {"grid", e.grid},
                 {"responsible_leader", e.responsible_leader},
                 {"responsible_department", e.responsible_department},
                 {"created_at", e.created_at},
                 {"updated_at", e.updated_at}};
  for (const auto& f : Flags()) o[f.name] = e.*(f.member);
  return o;
}

// Applies the JSON fields present in `o` onto `e`; unknown fields are refused.
Status ApplyJson(const json::object& o, Enterprise* e) {
  JsonReader r(o);
  for (const auto& kv : o) {
    std::string_view k = kv.key();
    if (FindFlag(k)) continue;
    static const char* kKnown[] = {"uscc", "name", "legal_representative", "contact", "phone",
                                   "address", "region_code", "industry_code", "size", "employees",
                                   "employees_out_of_province", "normal_output", "normal_capacity",
                                   "normal_capacity_unit", "essential_category", "work_status",
                                   "status_date", "cadre", "cadre_rank", "grid",
                                   "responsible_leader", "responsible_department",
                                   // read-only fields that a client may echo back; ignored
                                   "region_name", "industry_name", "created_at", "updated_at"};
    bool known = false;
    for (const char* name : kKnown) known = known || k == name;
    if (!known)
      return InvalidArgument(std::string(k), "unknown_field", "未知字段 " + std::string(k),
                             "unknown field " + std::string(k));
  }
  for (auto [key, field, max] :
       {std::tuple{"uscc", &e->uscc, 18}, std::tuple{"name", &e->name, 100},
        std::tuple{"legal_representative", &e->legal_representative, 50},
        std::tuple{"contact", &e->contact, 50}, std::tuple{"phone", &e->phone, 20},
        std::tuple{"address", &e->address, 200}, std::tuple{"region_code", &e->region_code, 12},
        std::tuple{"industry_code", &e->industry_code, 4}, std::tuple{"size", &e->size, 10},
        std::tuple{"normal_capacity_unit", &e->normal_capacity_unit, 20},
        std::tuple{"essential_category", &e->essential_category, 30},
        std::tuple{"work_status", &e->work_status, 30},
        std::tuple{"status_date", &e->status_date, 10}, std::tuple{"cadre", &e->cadre, 50},
        std::tuple{"cadre_rank", &e->cadre_rank, 10}, std::tuple{"grid", &e->grid, 100},
        std::tuple{"responsible_leader", &e->responsible_leader, 50},
        std::tuple{"responsible_department", &e->responsible_department, 100}})
    if (o.contains(key)) RETURN_IF_ERROR(r.String(key, field, false, max));
  RETURN_IF_ERROR(r.Int("employees", &e->employees, false, 0, 1'000'000));
  RETURN_IF_ERROR(
      r.Int("employees_out_of_province", &e->employees_out_of_province, false, 0, 1'000'000));
  RETURN_IF_ERROR(r.Number("normal_output", &e->normal_output, false, 0, 1e7));
  RETURN_IF_ERROR(r.Number("normal_capacity", &e->normal_capacity, false, 0, 1e12));
  for (const auto& f : Flags()) RETURN_IF_ERROR(r.Bool(f.name, &(e->*(f.member)), false));
  return Status::Ok();
}

Result<EnterpriseFilter> ParseFilter(const http::Request& req) {
  EnterpriseFilter f;
  f.region_code = req.Query("region");
  f.q = req.Query("q");
  if (f.q.size() > 100)
    return InvalidArgument("q", "too_long", "搜索词过长", "search text is too long");
  f.status = req.Query("status");
  f.industry = req.Query("industry");
  f.size = req.Query("size_class");
  auto [b, e] = req.query.equal_range("flag");
  for (auto it = b; it != e; ++it)
    if (!it->second.empty()) f.flags.push_back(it->second);
  if (req.HasQuery("sort")) f.sort = req.Query("sort");
  std::string order = req.Query("order", "asc");
  if (order != "asc" && order != "desc")
    return InvalidArgument("order", "invalid_value", "order 应为 asc 或 desc",
                           "order must be asc or desc");
  f.descending = order == "desc";
  return f;
}

Result<ExportFormat> ParseFormat(const http::Request& req) {
  std::string f = req.Query("format", "xlsx");
  if (f == "xlsx") return ExportFormat::kXlsx;
  if (f == "csv") return ExportFormat::kCsv;
  return InvalidArgument("format", "invalid_value", "format 应为 xlsx 或 csv",
                         "format must be xlsx or csv");
}

http::Response SendFile(const std::string& path, ExportFormat format, const std::string& name) {
  bool xlsx = format == ExportFormat::kXlsx;
  return http::Response::File(
      path,
      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
           : "text/csv; charset=utf-8",
      name + (xlsx ? ".xlsx" : ".csv"), true);
}

}  // namespace

void RegisterEnterpriseRoutes(http::Router& router, EnterpriseService& service) {
  router.Get(
      "/api/v1/enterprises",
      [&service](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        // `size` is the page size (SPEC §5.2); the size class filter is `size_class`.
        auto filter = ParseFilter(req);
        if (!filter.ok()) return Fail(req, filter.status());
        int64_t total = 0;
        auto list = service.List(*filter, Caller(req).scope, *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& e : *list) items.push_back(EnterpriseJson(e));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("enterprise:list"));

  router.Get(
      "/api/v1/enterprises/export",
      [&service](http::Request& req) {
        auto filter = ParseFilter(req);
        if (!filter.ok()) return Fail(req, filter.status());
        auto format = ParseFormat(req);
        if (!format.ok()) return Fail(req, format.status());
        auto path = service.Export(*filter, *format, Caller(req).scope);
        if (!path.ok()) return Fail(req, path.status());
        return SendFile(*path, *format, "enterprises-" + FormatDate(Today()));
      },
      Perm("enterprise:export"));

  router.Get(
      "/api/v1/enterprises/import-template",
      [&service](http::Request& req) {
        auto format = ParseFormat(req);
        if (!format.ok()) return Fail(req, format.status());
        auto path = service.Template(*format);
        if (!path.ok()) return Fail(req, path.status());
        return SendFile(*path, *format, "enterprise-import-template");
      },
      Perm("enterprise:import"));

  router.Post(
      "/api/v1/enterprises/import",
      [&service](http::Request& req) {
        auto upload = system::SaveTableUpload(req);
        if (!upload.ok()) return Fail(req, upload.status());
        const std::string& path = *upload;
        auto result = service.Import(path, Caller(req));
        std::filesystem::remove(path);
        if (!result.ok()) return Fail(req, result.status());
        return Ok(json::object{{"imported", result->imported},
                               {"updated", result->updated},
                               {"rejected_rows", result->rejected_rows},
                               {"rejected_total", result->rejected.size()},
                               {"rejected", system::RejectedJson(result->rejected)},
                               {"report_id", result->report_id}});
      },
      Perm("enterprise:import", size_t(200) << 20));

  router.Get("/api/v1/imports/{id}/report", [&service](http::Request& req) {
    auto content = service.ImportReport(req.PathParam("id"), Caller(req));
    if (!content.ok()) return Fail(req, content.status());
    http::Response resp = http::Response::Text(200, *content, "text/csv; charset=utf-8");
    resp.headers.Set("Content-Disposition", "attachment; filename=\"import-errors.csv\"");
    return resp;
  });

  router.Get(
      "/api/v1/enterprises/{uscc}",
      [&service](http::Request& req) {
        auto e = service.Get(req.PathParam("uscc"), Caller(req).scope);
        if (!e.ok()) return Fail(req, e.status());
        return Ok(EnterpriseJson(*e));
      },
      Perm("enterprise:view"));

  router.Get(
      "/api/v1/enterprises/{uscc}/status-history",
      [&service](http::Request& req) {
        auto list = service.History(req.PathParam("uscc"), Caller(req).scope);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& h : *list)
          items.push_back(json::object{{"status", h.status},
                                       {"date", h.date},
                                       {"note", h.note},
                                       {"created_by", h.created_by},
                                       {"created_at", h.created_at}});
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("enterprise:view"));

  router.Post(
      "/api/v1/enterprises",
      [&service](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        Enterprise e;
        Status st = ApplyJson(*body, &e);
        if (!st.ok()) return Fail(req, st);
        auto created = service.Create(std::move(e), Caller(req));
        if (!created.ok()) return Fail(req, created.status());
        return Ok(EnterpriseJson(*created), 201);
      },
      Perm("enterprise:create"));

  router.Put(
      "/api/v1/enterprises/{uscc}",
      [&service](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        auto current = service.Get(req.PathParam("uscc"), Caller(req).scope);
        if (!current.ok()) return Fail(req, current.status());
        Enterprise e = *current;
        Status st = ApplyJson(*body, &e);
        if (!st.ok()) return Fail(req, st);
        auto updated = service.Update(current->uscc, std::move(e), Caller(req));
        if (!updated.ok()) return Fail(req, updated.status());
        return Ok(EnterpriseJson(*updated));
      },
      Perm("enterprise:update"));

  router.Post(
      "/api/v1/enterprises/{uscc}/status",
      [&service](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string status, date, note;
        Status st = r.RejectUnknown({"status", "date", "note"});
        if (st.ok()) st = r.String("status", &status, true, 30);
        if (st.ok()) st = r.String("date", &date, true, 10);
        if (st.ok()) st = r.String("note", &note, false, 200);
        if (!st.ok()) return Fail(req, st);
        auto e = service.ChangeStatus(req.PathParam("uscc"), status, date, note, Caller(req));
        if (!e.ok()) return Fail(req, e.status());
        return Ok(EnterpriseJson(*e));
      },
      Perm("enterprise:status"));
}

}  // namespace fugong::enterprise
