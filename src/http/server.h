// Server: HTTP/1.1 with keep-alive on Boost.Beast, one coroutine per
// connection. Handlers run on a worker pool so slow database work never stalls
// the I/O thread. Limits on header size, body size (per route) and idle time.
// Stop() (or SIGTERM/SIGINT when `handle_signals`) stops accepting, lets
// in-flight requests finish, then returns from Run().
// Thread-safety: Bind and Run from one thread; Stop from any thread (or a
// signal via handle_signals).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "http/router.h"

namespace fugong::http {

struct ServerOptions {
  std::string address = "0.0.0.0";
  int port = 8080;
  int io_threads = 1;
  int worker_threads = 8;
  size_t max_header_bytes = 16 * 1024;
  int idle_timeout_seconds = 60;
  bool handle_signals = true;
  // Runs when stopping begins, before in-flight requests are drained: ends
  // long waits (deferred responses such as live-alert polls) so they do not
  // hold the shutdown.
  std::function<void()> on_stop;
  // When set, every answer carries `X-Fugong-Instance: <instance>` (which of
  // several servers behind a load balancer answered; scripts/cluster sets it).
  std::string instance;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns false with a message on failure. After Bind,
  // port() gives the actual port (when options.port was 0).
  bool Bind(std::string* error);
  int port() const;
  // Serves until Stop() or a signal. Blocks.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fugong::http
