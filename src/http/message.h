// Request and Response: the transport-neutral HTTP messages that handlers see.
// Nothing here includes Beast or Asio, so modules compile cheaply; only
// server.cc knows the wire.
// Thread-safety: plain values; a Request belongs to one handler at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fugong::http {

// Case-insensitive header map (names are stored lower-case).
class Headers {
 public:
  void Set(std::string name, std::string value);
  void Add(std::string name, std::string value);  // keeps earlier values (Set-Cookie)
  // First value of `name`, or "" when absent.
  std::string Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& all() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// Per-request values that middleware attaches for later handlers (the signed-in
// user, the data scope). Typed by the layer that owns them (system/), stored
// here as an opaque shared pointer so http/ knows no users.
struct Context {
  std::shared_ptr<void> principal;
};

struct Request {
  std::string method;                             // "GET", "POST", ...
  std::string target;                             // raw target, "/api/v1/x?a=1"
  std::string path;                               // decoded path, "/api/v1/x"
  std::multimap<std::string, std::string> query;  // decoded query parameters
  Headers headers;
  std::string body;
  std::string remote_addr;  // peer IP (or X-Forwarded-For's first hop when trusted)
  std::map<std::string, std::string> path_params;  // from "{name}" segments
  Context context;

  // First query value or `fallback`.
  std::string Query(std::string_view name, std::string_view fallback = "") const;
  bool HasQuery(std::string_view name) const;
  std::string PathParam(std::string_view name) const;
  // Cookie value by name, or "".
  std::string Cookie(std::string_view name) const;
  // "zh" or "en", from ?lang= or Accept-Language (zh by default).
  std::string Language() const;
};

struct Response;
// Gives a deferred response; callable from any thread, exactly once.
using Respond = std::function<void(Response)>;

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the body is streamed from this file (large exports); the server
  // deletes it afterwards if `delete_file_after` is true.
  std::optional<std::string> file_path;
  bool delete_file_after = false;
  // A deferred answer: when set, the server ignores the rest of this
  // response, calls `later` with a Respond, and writes whatever response is
  // given to it, from whichever thread, whenever. A handler that waits for
  // something shared (a group commit) so occupies no thread meanwhile.
  std::function<void(Respond)> later;

  static Response Json(int status, std::string json_text);
  static Response Text(int status, std::string text,
                       std::string content_type = "text/plain; charset=utf-8");
  // A download: Content-Disposition attachment with a UTF-8 filename (an ASCII
  // fallback plus filename*=UTF-8''...). An empty `download_name` sends the
  // file inline, without Content-Disposition (static files).
  static Response File(std::string path, std::string content_type, std::string download_name,
                       bool delete_after);
};

// Percent-decoding for paths and query strings ('+' as space in queries).
std::string UrlDecode(std::string_view s, bool plus_as_space);
// Parses "a=1&b=2" into a multimap.
std::multimap<std::string, std::string> ParseQuery(std::string_view qs);

// One part of a multipart/form-data body.
struct FormPart {
  std::string name;
  std::string filename;  // empty for plain fields
  std::string content_type;
  std::string_view data;  // points into the request body
};
// Parses a multipart/form-data body using the boundary of `content_type`.
// Returns std::nullopt when the body is malformed.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body);

}  // namespace fugong::http
