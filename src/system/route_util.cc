#include "system/route_util.h"

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>

#include "core/crypto.h"

namespace fugong::system {
namespace {

Status BadNumber(const std::string& field) {
  return InvalidArgument(field, "invalid_number", "参数 " + field + " 应为正整数",
                         "parameter " + field + " must be a positive integer");
}

Result<int> PositiveInt(const http::Request& req, const std::string& name, int fallback, int max) {
  if (!req.HasQuery(name)) return fallback;
  std::string v = req.Query(name);
  int n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 1 || n > max) return BadNumber(name);
  return n;
}

}  // namespace

const Principal& Caller(const http::Request& req) {
  static const Principal kNobody;
  const Principal* p = GetPrincipal(req);
  return p ? *p : kNobody;
}

Result<Page> ParsePage(const http::Request& req, int max_size) {
  Page page;
  ASSIGN_OR_RETURN(page.page, PositiveInt(req, "page", 1, 1000000));
  ASSIGN_OR_RETURN(page.size, PositiveInt(req, "size", 20, max_size));
  return page;
}

Status IntQuery(const http::Request& req, const std::string& name, int64_t* out, int64_t min,
                int64_t max) {
  if (!req.HasQuery(name)) return Status::Ok();
  std::string v = req.Query(name);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < min || n > max)
    return InvalidArgument(
        name, "invalid_number",
        "参数 " + name + " 应为 " + std::to_string(min) + "–" + std::to_string(max) + " 之间的整数",
        "parameter " + name + " must be an integer from " + std::to_string(min) + " to " +
            std::to_string(max));
  *out = n;
  return Status::Ok();
}

http::RouteOptions Perm(const char* permission, size_t max_body) {
  http::RouteOptions o;
  o.permission = permission;
  o.max_body = max_body;
  return o;
}

std::optional<int64_t> IdParam(const http::Request& req, const char* name) {
  std::string v = req.PathParam(name);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 1) return std::nullopt;
  return n;
}

Result<Upload> FormUpload(const http::Request& req) {
  auto parts = http::ParseMultipart(req.headers.Get("content-type"), req.body);
  if (!parts)
    return InvalidArgument("file", "bad_multipart", "请以 multipart/form-data 上传文件",
                           "upload the file as multipart/form-data");
  Upload out;
  bool found = false;
  for (const auto& p : *parts) {
    if (p.name == "file" && !found) {
      found = true;
      out.filename = p.filename;
      out.data = std::string(p.data);
    } else if (p.name != "file") {
      out.fields.emplace(p.name, std::string(p.data));
    }
  }
  if (!found)
    return InvalidArgument("file", "required", "缺少上传文件 file",
                           "the multipart field 'file' is missing");
  return out;
}

Result<json::object> BodyObject(const http::Request& req) { return ParseJsonObject(req.body); }

http::Response Fail(const http::Request& req, const Status& status) {
  return http::ErrorResponse(status, req);
}

http::Response Ok(const json::value& v, int status) { return http::JsonResponse(status, v); }

http::Response Answer(const http::Request& req, const Result<json::value>& result, int ok_status) {
  if (!result.ok()) return Fail(req, result.status());
  return Ok(result.value(), ok_status);
}

Result<std::string> SaveTableUpload(const http::Request& req) {
  ASSIGN_OR_RETURN(Upload file, FormUpload(req));
  if (file.data.empty())
    return InvalidArgument("file", "required", "缺少上传文件 file",
                           "the multipart field 'file' is missing or empty");
  std::string lower = file.filename;
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (!(lower.ends_with(".xlsx") || lower.ends_with(".csv") || lower.empty()))
    return Status(ErrorKind::kUnsupportedMedia, "unsupported_file", "只支持 .xlsx 和 .csv 文件",
                  "only .xlsx and .csv files are accepted", "file");
  std::string path = (std::filesystem::temp_directory_path() /
                      ("fugong-upload-" + crypto::ToHex(crypto::RandomBytes(12))))
                         .string();
  std::ofstream out(path, std::ios::binary);
  out.write(file.data.data(), std::streamsize(file.data.size()));
  if (!out) {
    std::filesystem::remove(path);
    return Internal("cannot store the upload");
  }
  return path;
}

json::object PageJson(int64_t total, const Page& page, json::array items) {
  return json::object{
      {"total", total}, {"page", page.page}, {"size", page.size}, {"items", std::move(items)}};
}

}  // namespace fugong::system
