#include "system/auth_middleware.h"

#include <memory>

#include "core/crypto.h"
#include "http/error.h"
#include "system/roles.h"

namespace fugong::system {
namespace {

bool IsUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string BearerToken(const http::Request& req) {
  std::string auth = req.headers.Get("authorization");
  if (auth.size() > 7 && (auth.rfind("Bearer ", 0) == 0 || auth.rfind("bearer ", 0) == 0))
    return auth.substr(7);
  return "";
}

// "enterprises/{uscc}=9122..." for the audit object; values are ids, never bodies.
std::string AuditObject(const http::Request& req) {
  std::string out;
  for (const auto& [k, v] : req.path_params) {
    if (!out.empty()) out += "&";
    out += k + "=" + v;
  }
  return out;
}

}  // namespace

http::Middleware AuthMiddleware(UserService& users) {
  return [&users](http::Request& req, const http::Route& route,
                  const http::Next& next) -> http::Response {
    if (route.options.public_route) return next(req);
    std::string token = BearerToken(req);
    bool via_cookie = false;
    if (token.empty()) {
      token = req.Cookie(kSessionCookie);
      via_cookie = !token.empty();
    }
    if (token.empty()) return http::ErrorResponse(Unauthenticated(), req);
    auto principal = users.Authenticate(token, req.remote_addr);
    if (!principal.ok()) return http::ErrorResponse(principal.status(), req);
    principal->via_cookie = via_cookie;
    if (via_cookie && IsUnsafe(req.method) &&
        (req.headers.Get("x-csrf-token").empty() ||
         !crypto::Equal(req.headers.Get("x-csrf-token"), principal->csrf_token)))
      return http::ErrorResponse(
          Status(ErrorKind::kPermissionDenied, "csrf", "缺少或错误的 CSRF 令牌",
                 "missing or wrong CSRF token", "X-CSRF-Token"),
          req);
    if (!route.options.permission.empty() &&
        !HasPermission(principal->roles, route.options.permission))
      return http::ErrorResponse(PermissionDenied(), req);
    auto shared = std::make_shared<Principal>(std::move(principal).value());
    req.context.principal = shared;
    http::Response resp = next(req);
    if (route.options.audit && IsUnsafe(req.method) && resp.status < 300) {
      Status st = users.Audit(shared.get(), req.remote_addr, req.method + " " + route.pattern,
                              AuditObject(req));
      if (!st.ok()) return http::ErrorResponse(st, req);
    }
    return resp;
  };
}

}  // namespace fugong::system
