#include "system/system_routes.h"

#include "core/clock.h"
#include "system/auth_middleware.h"
#include "system/roles.h"
#include "system/route_util.h"

namespace fugong::system {
namespace {

json::array StringArray(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::string SessionCookie(const std::string& token, const std::string& expires_at) {
  // Max-Age from the session's expiry, so the browser forgets it on time.
  auto exp = ParseTimestamp(expires_at);
  long max_age =
      exp ? long(std::chrono::duration_cast<std::chrono::seconds>(*exp - Now()).count()) : 0;
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
}

Result<json::value> Me(const http::Request& req, UserService& users) {
  const Principal& p = Caller(req);
  ASSIGN_OR_RETURN(User u, users.Get(p.user_id));
  // `today` is the server's business date (Asia/Shanghai), which the UI uses
  // for defaults so a pinned clock (FUGONG_NOW) is honoured.
  return json::value(json::object{
      {"user", UserJson(u, &p)}, {"csrf_token", p.csrf_token}, {"today", FormatDate(Today())}});
}

Result<NewUser> ParseNewUser(const json::object& o) {
  JsonReader r(o);
  RETURN_IF_ERROR(r.RejectUnknown({"username", "password", "display_name", "roles", "region_code",
                                   "enterprise_uscc", "department"}));
  NewUser u;
  RETURN_IF_ERROR(r.String("username", &u.username, true, 64));
  auto it = o.find("password");
  if (it == o.end() || !it->value().is_string())
    return InvalidArgument("password", "required", "缺少必填字段 password",
                           "field password is required");
  u.password = std::string(it->value().as_string());
  RETURN_IF_ERROR(r.String("display_name", &u.display_name, false, 50));
  RETURN_IF_ERROR(r.StringArray("roles", &u.roles, true));
  RETURN_IF_ERROR(r.String("region_code", &u.region_code, false, 12));
  RETURN_IF_ERROR(r.String("enterprise_uscc", &u.enterprise_uscc, false, 18));
  RETURN_IF_ERROR(r.String("department", &u.department, false, 50));
  return u;
}

Result<UserUpdate> ParseUserUpdate(const json::object& o) {
  JsonReader r(o);
  RETURN_IF_ERROR(r.RejectUnknown({"display_name", "roles", "region_code", "enterprise_uscc",
                                   "disabled", "password", "department"}));
  UserUpdate u;
  RETURN_IF_ERROR(r.OptionalString("display_name", &u.display_name, 50));
  RETURN_IF_ERROR(r.OptionalString("department", &u.department, 50));
  if (r.Has("roles")) {
    std::vector<std::string> roles;
    RETURN_IF_ERROR(r.StringArray("roles", &roles, true));
    u.roles = roles;
  }
  if (o.contains("region_code")) {
    std::string v;
    RETURN_IF_ERROR(r.String("region_code", &v, false, 12));
    u.region_code = v;
  }
  if (o.contains("enterprise_uscc")) {
    std::string v;
    RETURN_IF_ERROR(r.String("enterprise_uscc", &v, false, 18));
    u.enterprise_uscc = v;
  }
  if (r.Has("disabled")) {
    bool d = false;
    RETURN_IF_ERROR(r.Bool("disabled", &d, true));
    u.disabled = d;
  }
  if (r.Has("password")) {
    std::string pw;
    auto it = o.find("password");
    if (!it->value().is_string())
      return InvalidArgument("password", "invalid_type", "password 应为字符串",
                             "password must be a string");
    pw = std::string(it->value().as_string());
    u.password = pw;
  }
  return u;
}

Result<int64_t> PathId(const http::Request& req, const std::string& name) {
  std::string v = req.PathParam(name);
  int64_t id = 0;
  for (char c : v) {
    if (c < '0' || c > '9' || id > 1'000'000'000'000LL)
      return NotFound("not_found", "对象不存在", "not found");
    id = id * 10 + (c - '0');
  }
  if (v.empty()) return NotFound("not_found", "对象不存在", "not found");
  return id;
}

}  // namespace

json::object RegionJson(const Region& r) {
  return json::object{{"code", r.code},     {"name", r.name},
                      {"level", r.level},   {"parent_code", r.parent_code},
                      {"custom", r.custom}, {"has_children", r.has_children}};
}

json::object UserJson(const User& u, const Principal* p) {
  json::object o{{"id", u.id},
                 {"username", u.username},
                 {"display_name", u.display_name},
                 {"roles", StringArray(u.roles)},
                 {"department", u.department},
                 {"region_code", u.region_code},
                 {"region_name", u.region_name},
                 {"enterprise_uscc", u.enterprise_uscc},
                 {"enterprise_name", u.enterprise_name},
                 {"disabled", u.disabled},
                 {"created_at", u.created_at}};
  if (p) o["permissions"] = StringArray(p->permissions);
  return o;
}

void RegisterSystemRoutes(http::Router& router, UserService& users, ReferenceService& reference,
                          SettingsService& settings) {
  http::RouteOptions open;
  open.public_route = true;
  open.max_body = 4096;

  router.Post(
      "/api/v1/auth/login",
      [&users](http::Request& req) {
        auto body = BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string username, password;
        Status st = r.String("username", &username, true, 64);
        if (st.ok()) {
          auto it = body->find("password");
          if (it == body->end() || !it->value().is_string() || it->value().as_string().empty())
            st = InvalidArgument("password", "required", "请输入密码", "password is required");
          else
            password = std::string(it->value().as_string());
        }
        if (!st.ok()) return Fail(req, st);
        auto res = users.Login(username, password, req.remote_addr);
        if (!res.ok()) {
          http::Response failed = Fail(req, res.status());
          if (res.status().kind() == ErrorKind::kTooManyRequests)
            failed.headers.Add("Retry-After", std::to_string(users.failure_window().count()));
          return failed;
        }
        auto u = users.Get(res->principal.user_id);
        if (!u.ok()) return Fail(req, u.status());
        http::Response resp = Ok(json::object{{"token", res->token},
                                              {"csrf_token", res->csrf_token},
                                              {"expires_at", res->expires_at},
                                              {"today", FormatDate(Today())},
                                              {"user", UserJson(*u, &res->principal)}});
        resp.headers.Add("Set-Cookie", SessionCookie(res->token, res->expires_at));
        return resp;
      },
      open);

  router.Post("/api/v1/auth/logout", [&users](http::Request& req) {
    Status st = users.Logout(Caller(req).token_hash);
    if (!st.ok()) return Fail(req, st);
    http::Response resp = Ok(json::object{{"ok", true}});
    resp.headers.Add("Set-Cookie", std::string(kSessionCookie) +
                                       "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    return resp;
  });

  router.Get("/api/v1/auth/me",
             [&users](http::Request& req) { return Answer(req, Me(req, users)); });

  router.Get("/api/v1/regions", [&reference](http::Request& req) {
    auto list = req.HasQuery("parent") ? reference.Children(req.Query("parent"))
                                       : reference.Roots(Caller(req).scope);
    if (!list.ok()) return Fail(req, list.status());
    json::array items;
    for (const auto& r : *list) items.push_back(RegionJson(r));
    return Ok(json::object{{"items", std::move(items)}});
  });

  router.Get("/api/v1/regions/{code}", [&reference](http::Request& req) {
    auto path = reference.Path(req.PathParam("code"));
    if (!path.ok()) return Fail(req, path.status());
    json::object o = RegionJson(path->back());
    json::array p;
    for (const auto& r : *path)
      p.push_back(json::object{{"code", r.code}, {"name", r.name}, {"level", r.level}});
    o["path"] = std::move(p);
    return Ok(o);
  });

  http::RouteOptions region_create;
  region_create.permission = "region:create";
  router.Post(
      "/api/v1/regions",
      [&reference](http::Request& req) {
        auto body = BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string parent, code, name;
        Status st = r.RejectUnknown({"parent_code", "code", "name"});
        if (st.ok()) st = r.String("parent_code", &parent, true, 12);
        if (st.ok()) st = r.String("code", &code, true, 12);
        if (st.ok()) st = r.String("name", &name, true, 50);
        if (!st.ok()) return Fail(req, st);
        auto created = reference.CreateCustom(parent, code, name, Caller(req));
        if (!created.ok()) return Fail(req, created.status());
        return Ok(RegionJson(*created), 201);
      },
      region_create);

  router.Get("/api/v1/industries", [&reference](http::Request& req) {
    json::array items;
    for (const auto& i : reference.Industries())
      items.push_back(json::object{{"code", i.code},
                                   {"name", i.name},
                                   {"name_en", i.name_en},
                                   {"level", i.level},
                                   {"parent", i.parent}});
    return Ok(json::object{{"items", std::move(items)}});
  });

  http::RouteOptions user_list;
  user_list.permission = "user:list";
  router.Get(
      "/api/v1/users",
      [&users](http::Request& req) {
        auto page = ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = users.List(req.Query("q"), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& u : *list) items.push_back(UserJson(u));
        return Ok(PageJson(total, *page, std::move(items)));
      },
      user_list);

  http::RouteOptions user_create;
  user_create.permission = "user:create";
  router.Post(
      "/api/v1/users",
      [&users](http::Request& req) {
        auto body = BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        auto nu = ParseNewUser(*body);
        if (!nu.ok()) return Fail(req, nu.status());
        auto u = users.Create(*nu, Caller(req));
        if (!u.ok()) return Fail(req, u.status());
        return Ok(UserJson(*u), 201);
      },
      user_create);

  http::RouteOptions user_update;
  user_update.permission = "user:update";
  router.Put(
      "/api/v1/users/{id}",
      [&users](http::Request& req) {
        auto id = PathId(req, "id");
        if (!id.ok()) return Fail(req, id.status());
        auto body = BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        auto up = ParseUserUpdate(*body);
        if (!up.ok()) return Fail(req, up.status());
        auto u = users.Update(*id, *up, Caller(req));
        if (!u.ok()) return Fail(req, u.status());
        return Ok(UserJson(*u));
      },
      user_update);

  http::RouteOptions audit_list;
  audit_list.permission = "audit:list";
  router.Get(
      "/api/v1/audit-logs",
      [&users](http::Request& req) {
        auto page = ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = users.ListAudit(*page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& e : *list)
          items.push_back(json::object{{"id", e.id},
                                       {"at", e.at},
                                       {"username", e.username},
                                       {"action", e.action},
                                       {"object", e.object},
                                       {"detail", e.detail},
                                       {"ip", e.ip}});
        return Ok(PageJson(total, *page, std::move(items)));
      },
      audit_list);

  router.Get(
      "/api/v1/login-logs",
      [&users](http::Request& req) {
        auto page = ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = users.ListLogins(*page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& e : *list)
          items.push_back(json::object{{"at", e.at},
                                       {"username", e.username},
                                       {"ip", e.ip},
                                       {"success", e.success},
                                       {"reason", e.reason}});
        return Ok(PageJson(total, *page, std::move(items)));
      },
      audit_list);

  http::RouteOptions settings_list;
  settings_list.permission = "settings:list";
  router.Get(
      "/api/v1/settings",
      [&settings](http::Request& req) {
        auto all = settings.All(req.Query("region"));
        if (!all.ok()) return Fail(req, all.status());
        json::array items;
        for (const auto& e : *all) {
          const SettingDef* def = FindSetting(e.key);
          items.push_back(json::object{
              {"key", e.key},
              {"value", e.value},
              {"source", e.source_region},
              {"default", def->default_value},
              {"description", req.Language() == "en" ? def->description_en : def->description_zh}});
        }
        return Ok(json::object{{"region", req.Query("region")}, {"items", std::move(items)}});
      },
      settings_list);

  http::RouteOptions settings_update;
  settings_update.permission = "settings:update";
  router.Put(
      "/api/v1/settings/{key}",
      [&settings](http::Request& req) {
        auto body = BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string region;
        Status st = r.RejectUnknown({"region_code", "value"});
        if (st.ok()) st = r.String("region_code", &region, false, 12);
        if (st.ok() && !body->contains("value"))
          st = InvalidArgument("value", "required", "缺少 value", "value is required");
        if (st.ok())
          st = settings.Set(req.PathParam("key"), region, body->at("value"), Caller(req));
        if (!st.ok()) return Fail(req, st);
        auto now = settings.Get(req.PathParam("key"), region);
        if (!now.ok()) return Fail(req, now.status());
        return Ok(
            json::object{{"key", now->key}, {"value", now->value}, {"source", now->source_region}});
      },
      settings_update);

  router.Delete(
      "/api/v1/settings/{key}",
      [&settings](http::Request& req) {
        Status st = settings.Reset(req.PathParam("key"), req.Query("region"), Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"ok", true}});
      },
      settings_update);

  // The registered routes (admin only: no role lists "system:routes"), read
  // at request time so routes added after this one are listed too; the
  // security suite derives its access matrix from it (tests/security/).
  http::RouteOptions routes_list;
  routes_list.permission = "system:routes";
  router.Get(
      "/api/v1/system/routes",
      [&router](http::Request& req) {
        json::array items;
        for (const auto& r : router.routes()) {
          json::array roles;
          for (const auto& role : AllRoles())
            if (r.options.public_route || r.options.permission.empty() ||
                HasPermission({role}, r.options.permission))
              roles.emplace_back(role);
          items.push_back(json::object{{"method", r.method},
                                       {"pattern", r.pattern},
                                       {"permission", r.options.permission},
                                       {"public", r.options.public_route},
                                       {"max_body", r.options.max_body},
                                       {"roles", std::move(roles)}});
        }
        return Ok(json::object{{"items", std::move(items)}});
      },
      routes_list);
}

}  // namespace fugong::system
