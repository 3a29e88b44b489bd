#include "http/error.h"

#include <boost/json.hpp>
#include <random>

#include "core/json_util.h"
#include "core/log.h"

namespace fugong::http {
namespace {

Response ErrorBody(int status, const std::string& code, const std::string& message,
                   const std::string& field) {
  boost::json::object o;
  o["code"] = code;
  o["message"] = message;
  if (field.empty()) {
    o["field"] = nullptr;
  } else {
    o["field"] = field;
  }
  return Response::Json(status, ToJson(o));
}

}  // namespace

int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk:
      return 200;
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kPermissionDenied:
      return 403;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kTooLarge:
      return 413;
    case ErrorKind::kUnsupportedMedia:
      return 415;
    case ErrorKind::kTooManyRequests:
      return 429;
    case ErrorKind::kInternal:
      return 500;
    case ErrorKind::kUnavailable:
      return 503;
  }
  return 500;
}

std::string NewErrorId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char kHex[] = "0123456789abcdef";
  uint64_t v = rng();
  std::string id(12, '0');
  for (char& c : id) {
    c = kHex[v & 15];
    v >>= 4;
  }
  return id;
}

Response InternalErrorResponse(const Request& req, std::string_view what) {
  std::string id = NewErrorId();
  spdlog::error("error {}: {} {}: {}", id, req.method, req.path, what);
  bool en = req.Language() == "en";
  boost::json::object o;
  o["code"] = "internal";
  o["message"] =
      en ? "internal server error (error id " + id + ")" : "服务器内部错误（错误编号 " + id + "）";
  o["field"] = nullptr;
  o["error_id"] = id;
  return Response::Json(500, ToJson(o));
}

Response ErrorResponse(const Status& s, const Request& req) {
  if (s.ok()) return InternalErrorResponse(req, "ErrorResponse called with an OK status");
  if (s.kind() == ErrorKind::kInternal) return InternalErrorResponse(req, s.ToString());
  bool en = req.Language() == "en";
  const std::string& preferred = en ? s.message_en() : s.message_zh();
  const std::string& message =
      preferred.empty() ? (en ? s.message_zh() : s.message_en()) : preferred;
  Response r = ErrorBody(HttpStatusFor(s.kind()), s.code(), message, s.field());
  if (s.kind() == ErrorKind::kUnauthenticated) r.headers.Set("www-authenticate", "Bearer");
  return r;
}

Response JsonResponse(int status, const boost::json::value& body) {
  return Response::Json(status, ToJson(body));
}

Response NotFoundResponse(const Request& req) {
  bool en = req.Language() == "en";
  return ErrorBody(404, "not_found", en ? "not found" : "请求的资源不存在", "");
}

Response MethodNotAllowed(const Request& req, std::string_view allow) {
  bool en = req.Language() == "en";
  Response r = ErrorBody(
      405, "method_not_allowed",
      en ? "method " + req.method + " not allowed" : "不支持的请求方法 " + req.method, "");
  if (!allow.empty()) r.headers.Set("allow", std::string(allow));
  return r;
}

}  // namespace fugong::http
