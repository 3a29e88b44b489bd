// Router: maps (method, path pattern) to handlers, and runs middleware.
//
// Patterns are literal segments and "{name}" captures: "/api/v1/enterprises/{uscc}".
// Each module registers its routes in its own *_routes.cc. Middleware wraps
// every matched handler in registration order: `invoke(req, route, next)`.
// Unmatched requests go to the fallback (static files) or get 404/405.
// Thread-safety: configure before Server::Run; Dispatch is then thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/message.h"

namespace fugong::http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  // Permission string checked by the auth middleware ("enterprise:list").
  // Empty with `public_route` false means: any signed-in user.
  std::string permission;
  bool public_route = false;  // no sign-in needed
  size_t max_body = 1 << 20;  // request body limit in bytes (413 beyond)
  // Runs the handler (and middleware) on the I/O thread instead of the
  // worker pool, saving the hop there and back (two context switches). Only
  // for handlers that never block: CPU work, memory, Response::later.
  bool run_inline = false;
  // Whether the auth middleware writes its per-request audit row for a
  // successful write. Off only where the handler's own row is the record
  // and a transaction per request would cost too much (gate check-in).
  bool audit = true;
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  RouteOptions options;
  Handler handler;
};

using Next = std::function<Response(Request&)>;
using Middleware = std::function<Response(Request&, const Route&, const Next&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  void Get(std::string pattern, Handler h, RouteOptions o = {}) {
    Add("GET", std::move(pattern), std::move(h), std::move(o));
  }
  void Post(std::string pattern, Handler h, RouteOptions o = {}) {
    Add("POST", std::move(pattern), std::move(h), std::move(o));
  }
  void Put(std::string pattern, Handler h, RouteOptions o = {}) {
    Add("PUT", std::move(pattern), std::move(h), std::move(o));
  }
  void Patch(std::string pattern, Handler h, RouteOptions o = {}) {
    Add("PATCH", std::move(pattern), std::move(h), std::move(o));
  }
  void Delete(std::string pattern, Handler h, RouteOptions o = {}) {
    Add("DELETE", std::move(pattern), std::move(h), std::move(o));
  }

  void Use(Middleware m) { middleware_.push_back(std::move(m)); }
  // Handles requests that match no route (e.g. the static web UI).
  void SetFallback(Handler h) { fallback_ = std::move(h); }

  // Finds the route for method+path (filling req.path_params), or nullptr.
  // `path_matched` tells whether another method would have matched (405).
  const Route* Match(Request& req, bool* path_matched) const;
  // The body limit for a request line, before the body is read.
  size_t BodyLimitFor(std::string_view method, std::string_view path) const;
  // Whether the route of a request line runs inline (RouteOptions::run_inline).
  bool RunsInline(std::string_view method, std::string_view path) const;

  // Matches, runs middleware and the handler. Never throws: an exception
  // becomes a 500 with a logged id.
  Response Dispatch(Request& req) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<Middleware> middleware_;
  Handler fallback_;
};

}  // namespace fugong::http
