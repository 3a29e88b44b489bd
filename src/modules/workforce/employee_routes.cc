#include <charconv>
#include <filesystem>
#include <fstream>

#include "core/crypto.h"
#include "modules/workforce/workforce_routes.h"
#include "system/import_report.h"
#include "system/route_util.h"

namespace fugong::workforce {

namespace route {

Status UnknownField(std::string_view key) {
  return InvalidArgument(std::string(key), "unknown_field", "未知字段 " + std::string(key),
                         "unknown field " + std::string(key));
}

}  // namespace route

namespace {

using route::IdParam;
using route::Perm;
using system::Caller;
using system::Fail;
using system::Ok;

Status EmployeeNotFound() {
  return NotFound("unknown_employee", "员工不存在或无权访问", "no such employee in your scope");
}

json::object EmployeeJson(const Employee& e) {
  return json::object{{"id", e.id},
                      {"enterprise_uscc", e.enterprise_uscc},
                      {"enterprise_name", e.enterprise_name},
                      {"name", e.name},
                      {"id_number", e.id_masked},
                      {"phone", e.phone_masked},
                      {"department", e.department},
                      {"home_address", e.home_address},
                      {"home_region_code", e.home_region_code},
                      {"out_of_province", e.out_of_province},
                      {"shift", e.shift},
                      {"active", e.active},
                      {"has_account", e.user_id.has_value()},
                      {"created_at", e.created_at},
                      {"updated_at", e.updated_at}};
}

Status ParseNewEmployee(const json::object& o, NewEmployee* e) {
  JsonReader r(o);
  RETURN_IF_ERROR(r.RejectUnknown({"name", "id_number", "phone", "department", "home_address",
                                   "home_region_code", "out_of_province", "shift"}));
  RETURN_IF_ERROR(r.String("name", &e->name, true, 50));
  RETURN_IF_ERROR(r.String("id_number", &e->id_number, true, 18));
  RETURN_IF_ERROR(r.String("phone", &e->phone, false, 11));
  RETURN_IF_ERROR(r.String("department", &e->department, false, 50));
  RETURN_IF_ERROR(r.String("home_address", &e->home_address, false, 200));
  RETURN_IF_ERROR(r.String("home_region_code", &e->home_region_code, false, 12));
  RETURN_IF_ERROR(r.String("shift", &e->shift, false, 20));
  if (r.Has("out_of_province")) {
    bool v = false;
    RETURN_IF_ERROR(r.Bool("out_of_province", &v, true));
    e->out_of_province = v;
  }
  return Status::Ok();
}

}  // namespace

void RegisterWorkforceRoutes(http::Router& router, Workforce& workforce) {
  RegisterEmployeeRoutes(router, workforce.employees());
  RegisterHealthRoutes(router, workforce.health());
  RegisterCheckinRoutes(router, workforce.checkins(), workforce.alerts());
}

void RegisterEmployeeRoutes(http::Router& router, EmployeeService& employees) {
  router.Post(
      "/api/v1/enterprises/{uscc}/employees",
      [&employees](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        NewEmployee in;
        if (Status st = ParseNewEmployee(*body, &in); !st.ok()) return Fail(req, st);
        auto e = employees.Create(req.PathParam("uscc"), std::move(in), Caller(req));
        if (!e.ok()) return Fail(req, e.status());
        json::object o = EmployeeJson(*e);
        return Ok(o, 201);
      },
      Perm("employee:create"));

  router.Get(
      "/api/v1/enterprises/{uscc}/employees",
      [&employees](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        EmployeeFilter f;
        f.q = req.Query("q");
        f.department = req.Query("department");
        f.id_number = req.Query("id_number");
        f.include_inactive = req.Query("inactive") == "1" || req.Query("inactive") == "true";
        int64_t total = 0;
        auto list = employees.List(req.PathParam("uscc"), f, *page, Caller(req), &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& e : *list) items.push_back(EmployeeJson(e));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("employee:list"));

  router.Get(
      "/api/v1/enterprises/{uscc}/employees/export",
      [&employees](http::Request& req) {
        auto format = route::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        EmployeeFilter f;
        f.q = req.Query("q");
        f.department = req.Query("department");
        f.include_inactive = req.Query("inactive") == "1" || req.Query("inactive") == "true";
        std::string uscc = req.PathParam("uscc");
        return route::FileAnswer(req, employees.ExportRoster(uscc, f, *format, Caller(req)),
                                 *format, "roster-" + uscc);
      },
      Perm("employee:list"));

  router.Post(
      "/api/v1/enterprises/{uscc}/employees/import",
      [&employees](http::Request& req) {
        auto upload = system::SaveTableUpload(req);
        if (!upload.ok()) return Fail(req, upload.status());
        const std::string& path = *upload;
        auto result = employees.Import(req.PathParam("uscc"), path, Caller(req));
        std::filesystem::remove(path);
        if (!result.ok()) return Fail(req, result.status());
        return Ok(json::object{{"imported", result->imported},
                               {"updated", result->updated},
                               {"rejected_rows", result->rejected_rows},
                               {"rejected_total", result->rejected.size()},
                               {"rejected", system::RejectedJson(result->rejected)},
                               {"report_id", result->report_id}});
      },
      Perm("employee:create", size_t(200) << 20));

  router.Get(
      "/api/v1/employees/{id}",
      [&employees](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto e = employees.Get(*id, Caller(req));
        if (!e.ok()) return Fail(req, e.status());
        return Ok(EmployeeJson(*e));
      },
      Perm("employee:view"));

  router.Get(
      "/api/v1/employees/{id}/id-number",
      [&employees](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto data = employees.ReadPersonalData(*id, Caller(req), req.remote_addr);
        if (!data.ok()) return Fail(req, data.status());
        http::Response resp =
            Ok(json::object{{"id", *id}, {"id_number", data->id_number}, {"phone", data->phone}});
        resp.headers.Set("Cache-Control", "no-store");
        return resp;
      },
      Perm("employee:id_number"));

  router.Post(
      "/api/v1/employees/{id}/active",
      [&employees](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        bool active = true;
        Status st = r.RejectUnknown({"active"});
        if (st.ok()) st = r.Bool("active", &active, true);
        if (!st.ok()) return Fail(req, st);
        auto e = employees.SetActive(*id, active, Caller(req));
        if (!e.ok()) return Fail(req, e.status());
        return Ok(EmployeeJson(*e));
      },
      Perm("employee:create"));

  router.Post(
      "/api/v1/employees/{id}/account",
      [&employees](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, EmployeeNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string username, password;
        Status st = r.RejectUnknown({"username", "password"});
        if (st.ok()) st = r.String("username", &username, true, 64);
        if (st.ok()) {
          auto it = body->find("password");
          if (it == body->end() || !it->value().is_string())
            st = InvalidArgument("password", "required", "缺少必填字段 password",
                                 "field password is required");
          else
            password = std::string(it->value().as_string());
        }
        if (!st.ok()) return Fail(req, st);
        auto user = employees.CreateAccount(*id, username, password, Caller(req));
        if (!user.ok()) return Fail(req, user.status());
        return Ok(
            json::object{{"user_id", user->id}, {"username", user->username}, {"employee_id", *id}},
            201);
      },
      Perm("employee:create"));

  router.Get(
      "/api/v1/me/employee",
      [&employees](http::Request& req) {
        auto e = employees.Self(Caller(req));
        if (!e.ok()) return Fail(req, e.status());
        return Ok(EmployeeJson(*e));
      },
      Perm("employee:self"));
}

}  // namespace fugong::workforce
