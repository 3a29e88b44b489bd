// The one place that turns a Status into an HTTP answer: ErrorKind → HTTP
// status, and the JSON error body {"code","message","field"} with the message
// in zh-CN or en chosen by Request::Language(). Handlers answer errors with
// `return ErrorResponse(status, req);`.
// Thread-safety: free functions without shared state (internal errors are
// logged through spdlog, which is thread-safe).
#pragma once

#include <string_view>

#include "core/status.h"
#include "http/message.h"

namespace boost::json {
class value;
}  // namespace boost::json

namespace fugong::http {

// HTTP status for an error kind (kOk → 200).
int HttpStatusFor(ErrorKind kind);

// {"code","message","field"} with the status of `s.kind()`. `field` is null
// when the error names no field. Internal errors (and an OK status passed by
// mistake) are logged with a random id, and the client sees only a generic
// message carrying that id (plus "error_id"), never the internal detail.
Response ErrorResponse(const Status& s, const Request& req);

// A JSON answer with the given status.
Response JsonResponse(int status, const boost::json::value& body);

// 404 {"code":"not_found"} for a path no route serves.
Response NotFoundResponse(const Request& req);
// 405 {"code":"method_not_allowed"}; sets Allow when `allow` is not empty.
Response MethodNotAllowed(const Request& req, std::string_view allow = {});
// 500 with a fresh error id, after logging `what` (never the request body).
Response InternalErrorResponse(const Request& req, std::string_view what);

// A short random hex id that ties a 500 answer to its log line.
std::string NewErrorId();

}  // namespace fugong::http
