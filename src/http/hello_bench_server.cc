// A hello-world server for comparing the HTTP layer's throughput with nginx
// (see bench/ and docs): GET /api/v1/hello answers a short JSON.
// Usage: http_hello_bench_server PORT [IO_THREADS] [WORKER_THREADS]
#include <cstdlib>
#include <string>

#include "core/log.h"
#include "http/router.h"
#include "http/server.h"

int main(int argc, char** argv) {
  using namespace fugong::http;
  Router router;
  router.Get("/api/v1/hello", [](Request&) { return Response::Json(200, R"({"hello":"world"})"); });
  ServerOptions options;
  options.address = "127.0.0.1";
  options.port = argc > 1 ? std::atoi(argv[1]) : 8080;
  options.io_threads = argc > 2 ? std::atoi(argv[2]) : 1;
  options.worker_threads = argc > 3 ? std::atoi(argv[3]) : 8;
  Server server(options, router);
  std::string error;
  if (!server.Bind(&error)) {
    spdlog::error("{}", error);
    return 1;
  }
  server.Run();
  return 0;
}
