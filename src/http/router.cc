#include "http/router.h"

#include <algorithm>
#include <stdexcept>

#include "http/error.h"

namespace fugong::http {
namespace {

constexpr size_t kDefaultBodyLimit = 1 << 20;

bool IsCapture(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// Splits a raw path at '/', ignoring the leading and a trailing slash, and
// percent-decodes each segment (so "%2F" stays inside its segment).
std::vector<std::string> SplitPath(std::string_view raw, bool decode) {
  size_t q = raw.find('?');
  if (q != std::string_view::npos) raw = raw.substr(0, q);
  std::vector<std::string> out;
  if (!raw.empty() && raw.front() == '/') raw.remove_prefix(1);
  if (!raw.empty() && raw.back() == '/') raw.remove_suffix(1);
  if (raw.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t slash = raw.find('/', start);
    std::string_view seg = raw.substr(start, slash - start);
    out.push_back(decode ? UrlDecode(seg, false) : std::string(seg));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// The raw (still percent-encoded) path of a request: the target up to '?',
// or the decoded path when no target was given (tests, internal calls).
std::string_view RawPath(const Request& req) {
  std::string_view t = req.target;
  if (!t.empty() && t.front() != '/') {
    // absolute-form "http://host/path": drop scheme and authority
    size_t scheme = t.find("://");
    if (scheme != std::string_view::npos) {
      size_t slash = t.find('/', scheme + 3);
      t = slash == std::string_view::npos ? std::string_view("/") : t.substr(slash);
    }
  }
  if (t.empty()) return req.path;
  return t.substr(0, t.find('?'));
}

bool Matches(const Route& r, const std::vector<std::string>& segs) {
  if (r.segments.size() != segs.size()) return false;
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& p = r.segments[i];
    if (IsCapture(p)) {
      if (segs[i].empty()) return false;
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}

// True when `a` is more specific than `b`: at the first position where one
// has a literal and the other a capture, the literal wins.
bool MoreSpecific(const Route& a, const Route& b) {
  for (size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    bool ca = IsCapture(a.segments[i]);
    bool cb = IsCapture(b.segments[i]);
    if (ca != cb) return !ca;
  }
  return false;
}

const Route* Best(const std::vector<Route>& routes, std::string_view method,
                  const std::vector<std::string>& segs) {
  const Route* best = nullptr;
  for (const Route& r : routes) {
    if (r.method != method || !Matches(r, segs)) continue;
    if (!best || MoreSpecific(r, *best)) best = &r;
  }
  return best;
}

const Route* Find(const std::vector<Route>& routes, std::string_view method,
                  const std::vector<std::string>& segs) {
  const Route* r = Best(routes, method, segs);
  if (!r && method == "HEAD") r = Best(routes, "GET", segs);
  return r;
}

// "GET, HEAD, POST" for the methods that serve these segments.
std::string AllowedMethods(const std::vector<Route>& routes, const std::vector<std::string>& segs) {
  std::vector<std::string> methods;
  for (const Route& r : routes) {
    if (Matches(r, segs)) methods.push_back(r.method);
  }
  if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) methods.push_back("HEAD");
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  std::string allow;
  for (const auto& m : methods) {
    if (!allow.empty()) allow += ", ";
    allow += m;
  }
  return allow;
}

void FillParams(const Route& r, const std::vector<std::string>& segs, Request& req) {
  req.path_params.clear();
  for (size_t i = 0; i < segs.size(); ++i) {
    const std::string& p = r.segments[i];
    if (IsCapture(p)) req.path_params[p.substr(1, p.size() - 2)] = segs[i];
  }
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  for (char& c : method) c = char(std::toupper(static_cast<unsigned char>(c)));
  Route r;
  r.segments = SplitPath(pattern, false);
  for (const auto& s : r.segments) {
    if (s.find_first_of("{}") != std::string::npos && !IsCapture(s)) {
      throw std::invalid_argument("bad route pattern segment: " + pattern);
    }
  }
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  r.options = std::move(options);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

const Route* Router::Match(Request& req, bool* path_matched) const {
  std::vector<std::string> segs = SplitPath(RawPath(req), true);
  const Route* r = Find(routes_, req.method, segs);
  if (path_matched) {
    *path_matched = r != nullptr || std::any_of(routes_.begin(), routes_.end(),
                                                [&](const Route& x) { return Matches(x, segs); });
  }
  if (r) FillParams(*r, segs, req);
  return r;
}

size_t Router::BodyLimitFor(std::string_view method, std::string_view path) const {
  std::vector<std::string> segs = SplitPath(path, true);
  const Route* r = Find(routes_, method, segs);
  return r ? r->options.max_body : kDefaultBodyLimit;
}

bool Router::RunsInline(std::string_view method, std::string_view path) const {
  std::vector<std::string> segs = SplitPath(path, true);
  const Route* r = Find(routes_, method, segs);
  return r && r->options.run_inline;
}

namespace {

Response RunChain(const std::vector<Middleware>& chain, size_t i, Request& req,
                  const Route& route) {
  if (i == chain.size()) return route.handler(req);
  Next next = [&chain, i, &route](Request& r) { return RunChain(chain, i + 1, r, route); };
  return chain[i](req, route, next);
}

}  // namespace

Response Router::Dispatch(Request& req) const {
  try {
    if (req.path.empty()) req.path = UrlDecode(RawPath(req), false);
    std::vector<std::string> segs = SplitPath(RawPath(req), true);
    if (const Route* r = Find(routes_, req.method, segs)) {
      FillParams(*r, segs, req);
      return RunChain(middleware_, 0, req, *r);
    }
    std::string allow = AllowedMethods(routes_, segs);
    if (!allow.empty()) return MethodNotAllowed(req, allow);
    if ((req.method == "GET" || req.method == "HEAD") && fallback_) return fallback_(req);
    return NotFoundResponse(req);
  } catch (const std::exception& e) {
    return InternalErrorResponse(req, e.what());
  } catch (...) {
    return InternalErrorResponse(req, "unknown exception");
  }
}

}  // namespace fugong::http
