// The wire: Boost.Beast HTTP/1.1 on Asio coroutines. This is the only file
// (with beast_impl.cc) that includes Beast or Asio.
#include "http/server.h"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/log.h"
#include "core/status.h"
#include "http/error.h"

namespace fugong::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
// How long Stop() waits for requests in flight before giving up on them.
constexpr std::chrono::seconds kDrainTimeout{10};

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'";

struct Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  // True while waiting for the next request; Stop() closes idle connections
  // at once and lets busy ones finish. Touched only on the stream's executor.
  bool idle = true;
};

// What reading a request produced.
enum class ReadOutcome { kRequest, kClose, kBadRequest, kHeaderTooLarge, kBodyTooLarge };

bool IsHttpError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category();
}

ReadOutcome Classify(const beast::error_code& ec) {
  if (ec == bhttp::error::header_limit) return ReadOutcome::kHeaderTooLarge;
  if (ec == bhttp::error::body_limit) return ReadOutcome::kBodyTooLarge;
  // The peer went away, timed out, or we cancelled: nothing to answer.
  if (!IsHttpError(ec) || ec == bhttp::error::end_of_stream ||
      ec == bhttp::error::partial_message) {
    return ReadOutcome::kClose;
  }
  return ReadOutcome::kBadRequest;
}

// IMF-fixdate, formatted once per second per thread (locale-independent).
const std::string& HttpDate() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t last = 0;
  thread_local std::string text;
  std::time_t now = std::time(nullptr);
  if (now != last || text.empty()) {
    std::tm tm;
    gmtime_r(&now, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7],
                  tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    text = buf;
    last = now;
  }
  return text;
}

bool SafeHeader(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c <= ' ' || c == ':' || c == 0x7F) return false;
  }
  return value.find_first_of("\r\n", 0) == std::string_view::npos &&
         value.find('\0') == std::string_view::npos;
}

// Copies status and headers of `res` onto `m`, with our fixed headers.
template <class Body>
void FillHeader(bhttp::response<Body>& m, const Response& res, unsigned version,
                bool keep_alive) {
  m.version(version);
  m.result(res.status >= 100 && res.status <= 999 ? unsigned(res.status) : 500u);
  for (const auto& [name, value] : res.headers.all()) {
    if (SafeHeader(name, value)) {
      m.insert(name, value);
    } else {
      spdlog::warn("dropping response header with forbidden characters: {}", name);
    }
  }
  auto set_default = [&m](std::string_view name, std::string_view v) {
    if (m.find(name) == m.end()) m.set(name, v);
  };
  set_default("X-Content-Type-Options", "nosniff");
  set_default("X-Frame-Options", "DENY");
  set_default("Referrer-Policy", "same-origin");
  set_default("Content-Security-Policy", kContentSecurityPolicy);
  m.set(bhttp::field::server, "fugong");
  m.set(bhttp::field::date, HttpDate());
  m.keep_alive(keep_alive);
}

bool BodyForbidden(int status) { return (status >= 100 && status < 200) || status == 204 || status == 304; }

// Runs `fn` on `pool` and completes on the caller's executor (the
// connection's strand), keeping that executor's io_context alive meanwhile.
template <typename Token>
auto AsyncOnPool(asio::thread_pool& pool, std::function<Response()> fn, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [&pool](auto handler, std::function<Response()> fn) {
        auto work = asio::prefer(asio::get_associated_executor(handler),
                                 asio::execution::outstanding_work.tracked);
        asio::post(pool, [h = std::move(handler), fn = std::move(fn),
                          work = std::move(work)]() mutable {
          Response r;
          try {
            r = fn();
          } catch (...) {  // Dispatch never throws; this is for bad_alloc
            r = Response::Text(500, "internal server error");
          }
          asio::dispatch(work, [h = std::move(h), r = std::move(r)]() mutable {
            std::move(h)(std::move(r));
          });
        });
      },
      token, std::move(fn));
}

std::string FormatLimit(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " B";
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Router& r)
      : options(std::move(o)),
        router(r),
        ioc(std::max(1, options.io_threads)),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control),
        pool(size_t(std::max(1, options.worker_threads))) {}

  asio::awaitable<void> Accept();
  asio::awaitable<void> Session(std::shared_ptr<Connection> conn, uint64_t id);
  asio::awaitable<ReadOutcome> ReadRequest(Connection& conn, beast::flat_buffer& buffer,
                                           Request& req, unsigned* version, bool* keep_alive);
  asio::awaitable<bool> WriteResponse(Connection& conn, const Request& req, Response res,
                                      unsigned version, bool keep_alive);
  template <class Body>
  asio::awaitable<beast::error_code> Send(Connection& conn, bhttp::response<Body>& m);
  asio::awaitable<void> Drain();
  void BeginStop();
  std::string RemoteAddress(const tcp::endpoint& peer, const Headers& headers) const;

  ServerOptions options;
  const Router& router;
  asio::io_context ioc;
  // Serialises the acceptor, the signal set and stopping.
  asio::strand<asio::io_context::executor_type> control;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  // Declared after ioc so it is joined before ioc (and the coroutine frames
  // whose requests its handlers read) is destroyed.
  asio::thread_pool pool;
  std::atomic<bool> stopping{false};
  std::atomic<int> port{0};

  std::mutex mu;
  std::unordered_map<uint64_t, std::weak_ptr<Connection>> connections;  // guarded by mu
  uint64_t next_id = 0;                                                 // guarded by mu
};

std::string Server::Impl::RemoteAddress(const tcp::endpoint& peer, const Headers& headers) const {
  asio::ip::address addr = peer.address();
  if (addr.is_v6() && addr.to_v6().is_v4_mapped()) {
    addr = asio::ip::make_address_v4(asio::ip::v4_mapped, addr.to_v6());
  }
  std::string peer_text = addr.to_string();
  if (!addr.is_loopback()) return peer_text;
  // Behind nginx on the same host. nginx's $proxy_add_x_forwarded_for
  // appends the address it saw, so the last entry is the one our proxy
  // vouches for; earlier entries come from the client and can be forged.
  std::string xff = headers.Get("x-forwarded-for");
  if (xff.empty()) return peer_text;
  std::string_view last = xff;
  if (size_t comma = last.rfind(','); comma != std::string_view::npos) last.remove_prefix(comma + 1);
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  beast::error_code ec;
  asio::ip::address forwarded = asio::ip::make_address(std::string(last), ec);
  return ec ? peer_text : forwarded.to_string();
}

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    asio::any_io_executor ex = options.io_threads > 1
                                   ? asio::any_io_executor(asio::make_strand(ioc))
                                   : asio::any_io_executor(ioc.get_executor());
    auto [ec, socket] = co_await acceptor.async_accept(ex, kTuple);
    if (stopping || !acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Out of file descriptors and the like: back off instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      asio::steady_timer pause(control, std::chrono::milliseconds(50));
      co_await pause.async_wait(kTuple);
      continue;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto conn = std::make_shared<Connection>(std::move(socket));
    uint64_t id;
    {
      std::lock_guard lock(mu);
      id = next_id++;
      connections.emplace(id, conn);
    }
    asio::co_spawn(conn->stream.get_executor(), Session(conn, id), [](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        spdlog::error("connection ended by exception: {}", x.what());
      } catch (...) {
        spdlog::error("connection ended by unknown exception");
      }
    });
  }
}

asio::awaitable<ReadOutcome> Server::Impl::ReadRequest(Connection& conn,
                                                       beast::flat_buffer& buffer, Request& req,
                                                       unsigned* version, bool* keep_alive) {
  auto& stream = conn.stream;
  const auto idle = std::chrono::seconds(options.idle_timeout_seconds);
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(std::uint32_t(std::min<size_t>(options.max_header_bytes, UINT32_MAX)));
  // No limit while reading the header: Content-Length is checked against the
  // route's own limit below (the parser would apply its 1 MiB default).
  parser.body_limit(boost::none);

  conn.idle = true;
  stream.expires_after(idle);
  auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
  conn.idle = false;
  if (ec) co_return Classify(ec);

  const auto& header = parser.get();
  *version = header.version();
  *keep_alive = header.keep_alive();
  req.method = std::string(header.method_string());
  req.target = std::string(header.target());
  std::string_view target = req.target;
  size_t q = target.find('?');
  req.path = UrlDecode(target.substr(0, q), false);
  if (q != std::string_view::npos) req.query = ParseQuery(target.substr(q + 1));
  for (const auto& field : header) {
    req.headers.Add(std::string(field.name_string()), std::string(field.value()));
  }
  beast::error_code peer_ec;
  tcp::endpoint peer = stream.socket().remote_endpoint(peer_ec);
  req.remote_addr = peer_ec ? std::string() : RemoteAddress(peer, req.headers);

  size_t limit = router.BodyLimitFor(req.method, target.substr(0, q));
  if (parser.content_length() && *parser.content_length() > limit) {
    co_return ReadOutcome::kBodyTooLarge;
  }
  parser.body_limit(limit);
  if (!parser.is_done()) {
    if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
      bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, header.version()};
      stream.expires_after(idle);
      auto [wec, wn] = co_await bhttp::async_write(stream, cont, kTuple);
      if (wec) co_return ReadOutcome::kClose;
    }
    // Read the body piecewise so the idle timeout restarts on progress:
    // a slow but steady upload is fine, a stalled one is not.
    while (!parser.is_done()) {
      stream.expires_after(idle);
      auto [rec, rn] = co_await bhttp::async_read_some(stream, buffer, parser, kTuple);
      if (rec) co_return Classify(rec);
    }
  }
  req.body = std::move(parser.get().body());
  co_return ReadOutcome::kRequest;
}

template <class Body>
asio::awaitable<beast::error_code> Server::Impl::Send(Connection& conn,
                                                      bhttp::response<Body>& m) {
  bhttp::response_serializer<Body> sr(m);
  while (!sr.is_done()) {
    conn.stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
    auto [ec, n] = co_await bhttp::async_write_some(conn.stream, sr, kTuple);
    if (ec) co_return ec;
  }
  co_return beast::error_code{};
}

asio::awaitable<bool> Server::Impl::WriteResponse(Connection& conn, const Request& req,
                                                  Response res, unsigned version,
                                                  bool keep_alive) {
  const bool head = req.method == "HEAD";
  beast::error_code ec;
  if (res.file_path) {
    std::string path = *res.file_path;
    bhttp::file_body::value_type file;
    beast::error_code open_ec;
    file.open(path.c_str(), beast::file_mode::scan, open_ec);
    if (open_ec) {
      res = InternalErrorResponse(req, "cannot open response file: " + open_ec.message());
    } else if (head || BodyForbidden(res.status)) {
      bhttp::response<bhttp::empty_body> m;
      FillHeader(m, res, version, keep_alive);
      if (!BodyForbidden(res.status)) m.content_length(file.size());
      ec = co_await Send(conn, m);
    } else {
      bhttp::response<bhttp::file_body> m;
      FillHeader(m, res, version, keep_alive);
      m.body() = std::move(file);
      m.prepare_payload();
      ec = co_await Send(conn, m);
    }
    if (res.delete_file_after) {
      std::error_code rm_ec;
      std::filesystem::remove(path, rm_ec);
    }
    if (!open_ec) co_return !ec;
  }
  if (head || BodyForbidden(res.status)) {
    bhttp::response<bhttp::empty_body> m;
    FillHeader(m, res, version, keep_alive);
    if (!BodyForbidden(res.status)) m.content_length(res.body.size());
    ec = co_await Send(conn, m);
  } else {
    bhttp::response<bhttp::string_body> m;
    FillHeader(m, res, version, keep_alive);
    m.body() = std::move(res.body);
    m.prepare_payload();
    ec = co_await Send(conn, m);
  }
  co_return !ec;
}

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Connection> conn, uint64_t id) {
  beast::flat_buffer buffer;
  try {
    while (!stopping) {
      Request req;
      unsigned version = 11;
      bool keep_alive = false;
      ReadOutcome outcome = co_await ReadRequest(*conn, buffer, req, &version, &keep_alive);
      if (outcome == ReadOutcome::kClose) break;
      if (outcome != ReadOutcome::kRequest) {
        // We cannot trust what is left on the connection: answer and close.
        Response res;
        if (outcome == ReadOutcome::kBodyTooLarge) {
          std::string limit =
              FormatLimit(router.BodyLimitFor(req.method, req.target.substr(0, req.target.find('?'))));
          res = ErrorResponse(Status(ErrorKind::kTooLarge, "body_too_large",
                                     "请求体过大（上限 " + limit + "）",
                                     "request body too large (limit " + limit + ")"),
                              req);
        } else if (outcome == ReadOutcome::kHeaderTooLarge) {
          res = ErrorResponse(Status(ErrorKind::kInvalidArgument, "header_too_large",
                                     "请求头过大", "request header fields too large"),
                              req);
          res.status = 431;
        } else {
          res = ErrorResponse(Status(ErrorKind::kInvalidArgument, "bad_request",
                                     "请求格式错误", "malformed HTTP request"),
                              req);
        }
        co_await WriteResponse(*conn, req, std::move(res), version, false);
        break;
      }
      // The handler may block on the database: run it on the worker pool.
      conn->stream.expires_never();
      Response res = co_await AsyncOnPool(
          pool, [this, &req]() { return router.Dispatch(req); }, asio::use_awaitable);
      keep_alive = keep_alive && !stopping;
      if (!co_await WriteResponse(*conn, req, std::move(res), version, keep_alive)) break;
      if (!keep_alive) break;
    }
  } catch (const std::exception& e) {
    spdlog::warn("connection error: {}", e.what());
  }
  beast::error_code ec;
  conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  conn->stream.close();
  std::lock_guard lock(mu);
  connections.erase(id);
}

void Server::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  spdlog::info("http: stopping; finishing requests in flight");
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mu);
    for (auto& [id, weak] : connections) {
      if (auto c = weak.lock()) live.push_back(std::move(c));
    }
  }
  for (auto& c : live) {
    // On the connection's own executor, so `idle` and the stream are safe.
    asio::post(c->stream.get_executor(), [c] {
      if (c->idle) c->stream.cancel();
    });
  }
  asio::co_spawn(control, Drain(), asio::detached);
}

asio::awaitable<void> Server::Impl::Drain() {
  auto deadline = std::chrono::steady_clock::now() + kDrainTimeout;
  asio::steady_timer timer(control);
  for (;;) {
    size_t open;
    {
      std::lock_guard lock(mu);
      open = connections.size();
    }
    if (open == 0) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      spdlog::warn("http: {} connection(s) still busy after {} s; stopping anyway", open,
                   kDrainTimeout.count());
      break;
    }
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kTuple);
  }
  ioc.stop();
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

bool Server::Bind(std::string* error) {
  Impl& d = *impl_;
  beast::error_code ec;
  auto fail = [&](const char* what) {
    if (error) *error = std::string(what) + " " + d.options.address + ":" +
                        std::to_string(d.options.port) + ": " + ec.message();
    beast::error_code ignored;
    d.acceptor.close(ignored);
    return false;
  };
  asio::ip::address addr = asio::ip::make_address(d.options.address, ec);
  if (ec) return fail("bad listen address");
  if (d.options.port < 0 || d.options.port > 65535) {
    ec = asio::error::invalid_argument;
    return fail("bad port");
  }
  tcp::endpoint endpoint(addr, static_cast<unsigned short>(d.options.port));
  d.acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("cannot open socket for");
  d.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("cannot set SO_REUSEADDR on");
  d.acceptor.bind(endpoint, ec);
  if (ec) return fail("cannot bind");
  d.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("cannot listen on");
  d.port = d.acceptor.local_endpoint(ec).port();
  return true;
}

int Server::port() const { return impl_->port; }

void Server::Run() {
  Impl& d = *impl_;
  if (!d.acceptor.is_open()) {
    std::string error;
    if (!Bind(&error)) {
      spdlog::error("http: {}", error);
      return;
    }
  }
  spdlog::info("http: listening on {}:{}", d.options.address, d.port.load());
  asio::co_spawn(d.control, d.Accept(), asio::detached);
  if (d.options.handle_signals) {
    d.signals.add(SIGINT);
    d.signals.add(SIGTERM);
    d.signals.async_wait([&d](const beast::error_code& ec, int signal) {
      if (ec) return;
      spdlog::info("http: signal {} received", signal);
      d.BeginStop();
    });
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < d.options.io_threads; ++i) threads.emplace_back([&d] { d.ioc.run(); });
  d.ioc.run();
  for (auto& t : threads) t.join();
  // Handlers still queued after the drain deadline are abandoned; a running
  // one is waited for.
  d.pool.stop();
  d.pool.join();
  spdlog::info("http: stopped");
}

void Server::Stop() {
  Impl& d = *impl_;
  asio::post(d.control, [&d] { d.BeginStop(); });
}

}  // namespace fugong::http
