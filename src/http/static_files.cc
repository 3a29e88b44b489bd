#include "http/static_files.h"

#include <sys/stat.h>

#include <climits>
#include <cstdlib>
#include <string_view>

#include "http/error.h"

namespace fugong::http {
namespace {

std::string ContentTypeFor(std::string_view path) {
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "wasm") return "application/wasm";
  return "application/octet-stream";
}

std::string RealPath(const std::string& p) {
  char buf[PATH_MAX];
  if (!::realpath(p.c_str(), buf)) return "";
  return buf;
}

// A regular file's canonical path if it lies below `root` (canonical), else "".
std::string Contained(const std::string& root, const std::string& candidate, struct stat* st) {
  std::string real = RealPath(candidate);
  if (real.empty() || real.size() <= root.size() || real.compare(0, root.size(), root) != 0 ||
      real[root.size()] != '/') {
    return "";
  }
  if (::stat(real.c_str(), st) != 0 || !S_ISREG(st->st_mode)) return "";
  return real;
}

bool LastSegmentHasExtension(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return last.find('.') != std::string_view::npos;
}

// Weak validator from size and modification time.
std::string ETagFor(const struct stat& st) {
  char buf[64];
  long long mtime_ns =
      static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  std::snprintf(buf, sizeof buf, "W/\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(mtime_ns));
  return buf;
}

Response Serve(const Request& req, const std::string& file, const struct stat& st, bool immutable) {
  std::string etag = ETagFor(st);
  Response r;
  if (req.headers.Get("if-none-match") == etag) {
    r.status = 304;
  } else {
    r = Response::File(file, ContentTypeFor(file), "", false);
  }
  r.headers.Set("etag", etag);
  r.headers.Set("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace

Handler StaticFiles(std::string root) {
  std::string real_root = RealPath(root);
  return [real_root](Request& req) -> Response {
    const std::string& path = req.path;
    if (path == "/api" || path.rfind("/api/", 0) == 0) return NotFoundResponse(req);
    if (req.method != "GET" && req.method != "HEAD") return MethodNotAllowed(req, "GET, HEAD");
    if (real_root.empty() || path.empty() || path.front() != '/') return NotFoundResponse(req);
    // Refuse NUL, backslashes and any ".." segment before touching the disk.
    if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos ||
        path == "/.." || path.find("/../") != std::string::npos ||
        (path.size() >= 3 && path.compare(path.size() - 3, 3, "/..") == 0)) {
      return NotFoundResponse(req);
    }
    struct stat st;
    std::string candidate = real_root + path;
    if (candidate.back() == '/') candidate += "index.html";
    std::string file = Contained(real_root, candidate, &st);
    if (file.empty()) {
      struct stat dir;
      if (::stat(candidate.c_str(), &dir) == 0 && S_ISDIR(dir.st_mode)) {
        file = Contained(real_root, candidate + "/index.html", &st);
      }
    }
    if (file.empty() && !LastSegmentHasExtension(path)) {
      // A client-side route of the single-page app (history mode).
      file = Contained(real_root, real_root + "/index.html", &st);
    }
    if (file.empty()) return NotFoundResponse(req);
    bool immutable = path.rfind("/assets/", 0) == 0 && !file.ends_with("/index.html");
    return Serve(req, file, st, immutable);
  };
}

}  // namespace fugong::http
