// Helpers shared by every module's *_routes.cc: the caller, paging, JSON
// bodies and answers. HTTP concerns only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/json_util.h"
#include "http/error.h"
#include "http/message.h"
#include "http/router.h"
#include "system/principal.h"
#include "system/user.h"

namespace fugong::system {

// The signed-in caller (the auth middleware guarantees one on non-public routes).
const Principal& Caller(const http::Request& req);

// page (>=1) and size (1..max_size) from the query, naming the field on error.
Result<Page> ParsePage(const http::Request& req, int max_size = 200);
// Route options of a route needing `permission`, with a request body limit.
http::RouteOptions Perm(const char* permission, size_t max_body = 1 << 16);
// A positive integer path parameter, or nullopt (the route answers 404).
std::optional<int64_t> IdParam(const http::Request& req, const char* name = "id");
// Query parameter `name` as an integer in [min, max] into *out (left as is
// when absent); 400 naming the parameter otherwise.
Status IntQuery(const http::Request& req, const std::string& name, int64_t* out, int64_t min,
                int64_t max);

// Parses the body as a JSON object; on error answers 400 naming the field.
// A multipart/form-data upload: the part named "file" (400 `file` when the
// body is not multipart or has none) and the other parts as text fields.
struct Upload {
  std::string filename;
  std::string data;
  std::map<std::string, std::string> fields;
};
Result<Upload> FormUpload(const http::Request& req);

Result<json::object> BodyObject(const http::Request& req);

// JSON answer or the error answer of `status`.
http::Response Answer(const http::Request& req, const Result<json::value>& result,
                      int ok_status = 200);
http::Response Fail(const http::Request& req, const Status& status);
http::Response Ok(const json::value& v, int status = 200);

// Stores the multipart field "file" (an .xlsx or .csv spreadsheet) in a new
// temporary file and returns its path; the caller removes it. Errors name
// the field "file" (400 malformed or missing, 415 another kind of file).
Result<std::string> SaveTableUpload(const http::Request& req);

// {"total","page","size","items"}.
json::object PageJson(int64_t total, const Page& page, json::array items);

}  // namespace fugong::system
