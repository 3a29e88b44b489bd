// The wire: HTTP/1.1 on Asio coroutines, requests parsed by Boost.Beast. This
// is the only file in the project that includes Beast or Asio.
//
// Responses are not written with Beast's serializer: we always know the body
// length, so the head is formatted into one buffer and written together with
// the body (Beast's per-field buffer sequences cost ~10% of a hello-world
// request in a profile).
//
// Handlers run on an asio::thread_pool. The hop there and back costs about
// 10-15 µs of CPU per request on this 2-core machine (futex wake, two context
// switches); a pool that spins before sleeping did not do measurably better
// here, so we keep the stock pool. A database-bound handler costs far more.
#include "http/server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
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
// Bodies and files go out in slices this big, each with a fresh timeout, so
// a slow but steady download is not cut off by the idle timeout.
constexpr size_t kWriteSlice = 256 * 1024;

constexpr std::string_view kSecurityHeaders[][2] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
     "media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'"},
};

// Runs `fn` on `pool` and completes on the caller's executor (the
// connection's), keeping that executor's io_context alive meanwhile.
template <typename Token>
auto AsyncOnPool(asio::thread_pool& pool, std::function<Response()> fn, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [&pool](auto handler, std::function<Response()> fn) {
        auto work = asio::prefer(asio::get_associated_executor(handler),
                                 asio::execution::outstanding_work.tracked);
        asio::post(pool,
                   [h = std::move(handler), fn = std::move(fn), work = std::move(work)]() mutable {
                     Response r;
                     try {
                       r = fn();
                     } catch (...) {  // Router::Dispatch never throws; this is for bad_alloc
                       r = Response::Text(500, "internal server error");
                     }
                     asio::dispatch(work, [h = std::move(h), r = std::move(r)]() mutable {
                       std::move(h)(std::move(r));
                     });
                   });
      },
      token, std::move(fn));
}

// Waits for a deferred response (Response::later) without occupying a
// thread: the Respond given to `later` posts the response back to the
// caller's executor, from whichever thread calls it.
template <typename Token>
auto AsyncLater(std::function<void(Respond)> later, Token&& token) {
  return asio::async_initiate<Token, void(Response)>(
      [](auto handler, std::function<void(Respond)> later) {
        auto work = asio::prefer(asio::get_associated_executor(handler),
                                 asio::execution::outstanding_work.tracked);
        using Handler = decltype(handler);
        auto shared = std::make_shared<std::optional<Handler>>(std::move(handler));
        later([shared, work = std::move(work)](Response r) mutable {
          asio::post(work, [shared, r = std::move(r)]() mutable {
            if (!*shared) return;  // answered twice: the first answer stands
            Handler h = std::move(**shared);
            shared->reset();
            std::move(h)(std::move(r));
          });
        });
      },
      token, std::move(later));
}

struct Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  tcp::endpoint peer;
  // True while waiting for the next request; Stop() closes idle connections
  // at once and lets busy ones finish. Touched only on the stream's executor.
  bool idle = true;
};

// What reading a request produced.
enum class ReadOutcome { kRequest, kClose, kBadRequest, kHeaderTooLarge, kBodyTooLarge };

ReadOutcome Classify(const beast::error_code& ec) {
  if (ec == bhttp::error::header_limit) return ReadOutcome::kHeaderTooLarge;
  if (ec == bhttp::error::body_limit) return ReadOutcome::kBodyTooLarge;
  // The peer went away, timed out, or we cancelled: nothing to answer.
  bool parse_error =
      ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category();
  if (!parse_error || ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
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
    if (static_cast<unsigned char>(c) <= ' ' || c == ':' || c == 0x7F) return false;
  }
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool BodyForbidden(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

void AppendCanonicalName(std::string& out, std::string_view name) {
  bool upper = true;
  for (char c : name) {
    out.push_back(upper && c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
    upper = c == '-';
  }
}

// Status line and headers, ending with the empty line. Framing headers
// (Content-Length, Transfer-Encoding, Connection) are ours, not the handler's.
std::string ResponseHead(const Response& res, int status, unsigned version, bool keep_alive,
                         std::optional<uint64_t> content_length) {
  std::string h;
  h.reserve(640);
  h += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  h += std::to_string(status);
  h += ' ';
  std::string_view reason = bhttp::obsolete_reason(bhttp::int_to_status(unsigned(status)));
  h += reason.empty() || reason.front() == '<' ? std::string_view("Status") : reason;
  h += "\r\n";
  bool has_security[std::size(kSecurityHeaders)] = {};
  for (const auto& [name, value] : res.headers.all()) {
    if (name == "content-length" || name == "transfer-encoding" || name == "connection" ||
        name == "server" || name == "date") {
      continue;
    }
    if (!SafeHeader(name, value)) {
      spdlog::warn("dropping response header with forbidden characters: {}", name);
      continue;
    }
    for (size_t i = 0; i < std::size(kSecurityHeaders); ++i) {
      if (beast::iequals(name, kSecurityHeaders[i][0])) has_security[i] = true;
    }
    AppendCanonicalName(h, name);
    h += ": ";
    h += value;
    h += "\r\n";
  }
  for (size_t i = 0; i < std::size(kSecurityHeaders); ++i) {
    if (has_security[i]) continue;
    h += kSecurityHeaders[i][0];
    h += ": ";
    h += kSecurityHeaders[i][1];
    h += "\r\n";
  }
  h += "Server: fugong\r\nDate: ";
  h += HttpDate();
  h += "\r\n";
  if (content_length) {
    h += "Content-Length: ";
    h += std::to_string(*content_length);
    h += "\r\n";
  }
  if (version == 10 && keep_alive) h += "Connection: keep-alive\r\n";
  if (version != 10 && !keep_alive) h += "Connection: close\r\n";
  h += "\r\n";
  return h;
}

std::string FormatLimit(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " B";
}

// Closes a file descriptor on scope exit.
struct FileCloser {
  int fd = -1;
  ~FileCloser() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Router& r)
      : options(std::move(o)),
        router(r),
        ioc(1),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control),
        pool(size_t(std::max(1, options.worker_threads))) {
    for (int i = 1; i < options.io_threads; ++i) {
      workers.push_back(std::make_unique<asio::io_context>(1));
      guards.push_back(asio::make_work_guard(*workers.back()));
    }
  }

  asio::awaitable<void> Accept();
  asio::awaitable<void> Session(std::shared_ptr<Connection> conn, uint64_t id);
  asio::awaitable<ReadOutcome> ReadRequest(Connection& conn, beast::flat_buffer& buffer,
                                           Request& req, unsigned* version, bool* keep_alive);
  asio::awaitable<bool> WriteResponse(Connection& conn, const Request& req, Response res,
                                      unsigned version, bool keep_alive);
  asio::awaitable<bool> WriteBuffers(Connection& conn, std::string_view head,
                                     std::string_view body);
  asio::awaitable<void> LingeringClose(Connection& conn);
  asio::awaitable<void> Drain();
  void BeginStop();
  std::string RemoteAddress(const tcp::endpoint& peer, const Headers& headers) const;
  std::chrono::seconds idle_timeout() const {
    return std::chrono::seconds(std::max(1, options.idle_timeout_seconds));
  }

  ServerOptions options;
  const Router& router;
  // One io_context per I/O thread, each run by its thread alone (no strands,
  // no shared scheduler): `ioc` (the acceptor, signals, stopping, and its
  // share of connections) and `workers`; connections are dealt out in turn.
  asio::io_context ioc;
  std::vector<std::unique_ptr<asio::io_context>> workers;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  size_t next_context = 0;  // used on `control` only
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
  if (size_t comma = last.rfind(','); comma != std::string_view::npos)
    last.remove_prefix(comma + 1);
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  beast::error_code ec;
  asio::ip::address forwarded = asio::ip::make_address(std::string(last), ec);
  return ec ? peer_text : forwarded.to_string();
}

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    size_t k = next_context++ % (workers.size() + 1);
    asio::any_io_executor ex =
        k == 0 ? ioc.get_executor() : asio::any_io_executor(workers[k - 1]->get_executor());
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
    conn->peer = conn->stream.socket().remote_endpoint(ignored);
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

asio::awaitable<ReadOutcome> Server::Impl::ReadRequest(Connection& conn, beast::flat_buffer& buffer,
                                                       Request& req, unsigned* version,
                                                       bool* keep_alive) {
  auto& stream = conn.stream;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(std::uint32_t(std::min<size_t>(options.max_header_bytes, UINT32_MAX)));
  // No limit while reading the header: Content-Length is checked against the
  // route's own limit below (the parser would apply its 1 MiB default).
  parser.body_limit(boost::none);

  conn.idle = true;
  stream.expires_after(idle_timeout());
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
  req.remote_addr = RemoteAddress(conn.peer, req.headers);

  size_t limit = router.BodyLimitFor(req.method, target.substr(0, q));
  if (parser.content_length() && *parser.content_length() > limit) {
    co_return ReadOutcome::kBodyTooLarge;
  }
  parser.body_limit(limit);
  if (!parser.is_done()) {
    if (beast::iequals(header[bhttp::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      stream.expires_after(idle_timeout());
      auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(kContinue), kTuple);
      if (wec) co_return ReadOutcome::kClose;
    }
    // Read the body piecewise so the timeout restarts on progress: a slow
    // but steady upload is fine, a stalled one is not.
    while (!parser.is_done()) {
      stream.expires_after(idle_timeout());
      auto [rec, rn] = co_await bhttp::async_read_some(stream, buffer, parser, kTuple);
      if (rec) co_return Classify(rec);
    }
  }
  req.body = std::move(parser.get().body());
  co_return ReadOutcome::kRequest;
}

asio::awaitable<bool> Server::Impl::WriteBuffers(Connection& conn, std::string_view head,
                                                 std::string_view body) {
  do {
    std::string_view slice = body.substr(0, kWriteSlice);
    body.remove_prefix(slice.size());
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head.data(), head.size()),
                                              asio::buffer(slice.data(), slice.size())};
    head = {};
    conn.stream.expires_after(idle_timeout());
    auto [ec, n] = co_await asio::async_write(conn.stream, buffers, kTuple);
    if (ec) co_return false;
  } while (!body.empty());
  co_return true;
}

asio::awaitable<bool> Server::Impl::WriteResponse(Connection& conn, const Request& req,
                                                  Response res, unsigned version, bool keep_alive) {
  const bool head_only = req.method == "HEAD";
  if (!options.instance.empty()) res.headers.Set("X-Fugong-Instance", options.instance);
  if (res.file_path) {
    std::string path = *res.file_path;
    FileCloser file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    struct stat st;
    if (res.delete_file_after) {
      // Unlinking now is safe (we hold the descriptor) and happens even if
      // the client goes away mid-download.
      std::error_code rm_ec;
      std::filesystem::remove(path, rm_ec);
    }
    if (file.fd < 0 || ::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      res = InternalErrorResponse(req, "cannot open response file " + path);
    } else {
      int status = res.status >= 100 && res.status <= 999 ? res.status : 500;
      const uint64_t size = uint64_t(st.st_size);
      std::string head =
          ResponseHead(res, status, version, keep_alive,
                       BodyForbidden(status) ? std::nullopt : std::optional<uint64_t>(size));
      if (head_only || BodyForbidden(status)) co_return co_await WriteBuffers(conn, head, {});
      std::unique_ptr<char[]> chunk(new char[kWriteSlice]);
      uint64_t offset = 0;
      do {
        size_t want = size_t(std::min<uint64_t>(kWriteSlice, size - offset));
        ssize_t got = want == 0 ? 0 : ::pread(file.fd, chunk.get(), want, off_t(offset));
        if (got < 0 || size_t(got) != want) {
          // The file changed under us; the promised length cannot be kept.
          spdlog::error("short read from response file {}", path);
          co_return false;
        }
        if (!co_await WriteBuffers(conn, head, std::string_view(chunk.get(), want))) {
          co_return false;
        }
        head.clear();
        offset += want;
      } while (offset < size);
      co_return true;
    }
  }
  int status = res.status >= 100 && res.status <= 999 ? res.status : 500;
  bool no_body = BodyForbidden(status);
  std::string head =
      ResponseHead(res, status, version, keep_alive,
                   no_body ? std::nullopt : std::optional<uint64_t>(res.body.size()));
  co_return co_await WriteBuffers(conn, head, head_only || no_body ? std::string_view() : res.body);
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
        // What is left on the connection cannot be trusted: answer and close.
        Response res;
        if (outcome == ReadOutcome::kBodyTooLarge) {
          std::string limit = FormatLimit(
              router.BodyLimitFor(req.method, req.target.substr(0, req.target.find('?'))));
          res = ErrorResponse(
              Status(ErrorKind::kTooLarge, "body_too_large", "请求体过大（上限 " + limit + "）",
                     "request body too large (limit " + limit + ")"),
              req);
        } else if (outcome == ReadOutcome::kHeaderTooLarge) {
          res = ErrorResponse(Status(ErrorKind::kInvalidArgument, "header_too_large", "请求头过大",
                                     "request header fields too large"),
                              req);
          res.status = 431;
        } else {
          res = ErrorResponse(Status(ErrorKind::kInvalidArgument, "bad_request", "请求格式错误",
                                     "malformed HTTP request"),
                              req);
        }
        if (co_await WriteResponse(*conn, req, std::move(res), version, false)) {
          co_await LingeringClose(*conn);
        }
        break;
      }
      // The handler may block on the database: run it on the worker pool,
      // unless its route promises not to block.
      conn->stream.expires_never();
      Response res;
      if (router.RunsInline(req.method, req.path)) {
        res = router.Dispatch(req);
      } else {
        res = co_await AsyncOnPool(
            pool, [this, &req]() { return router.Dispatch(req); }, asio::use_awaitable);
      }
      if (res.later) {
        std::function<void(Respond)> later = std::move(res.later);
        res = co_await AsyncLater(std::move(later), asio::use_awaitable);
      }
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

// After an error answer on a request whose body we did not read: stop
// sending, then read and discard for a while before closing. Closing with
// unread data makes the kernel send a reset, and a client still uploading
// could lose the 413 we just sent.
asio::awaitable<void> Server::Impl::LingeringClose(Connection& conn) {
  beast::error_code ec;
  conn.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  conn.stream.expires_after(std::chrono::seconds(2));
  std::unique_ptr<char[]> sink(new char[16384]);
  size_t discarded = 0;
  while (discarded < (8u << 20)) {
    auto [rec, n] = co_await conn.stream.async_read_some(asio::buffer(sink.get(), 16384), kTuple);
    if (rec) break;
    discarded += n;
  }
}

void Server::Impl::BeginStop() {
  if (stopping.exchange(true)) return;
  spdlog::info("http: stopping; finishing requests in flight");
  if (options.on_stop) options.on_stop();
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
    if (error) {
      *error = std::string(what) + " " + d.options.address + ":" + std::to_string(d.options.port) +
               ": " + ec.message();
    }
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
  for (auto& w : d.workers) threads.emplace_back([&w] { w->run(); });
  d.ioc.run();
  for (auto& g : d.guards) g.reset();
  for (auto& w : d.workers) w->stop();
  for (auto& t : threads) t.join();
  // A handler still running after the drain deadline is waited for; queued
  // ones are dropped.
  d.pool.stop();
  d.pool.join();
  spdlog::info("http: stopped");
}

void Server::Stop() {
  Impl& d = *impl_;
  asio::post(d.control, [&d] { d.BeginStop(); });
}

}  // namespace fugong::http
