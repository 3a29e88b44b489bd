#include "http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "http/error.h"
#include "http/static_files.h"

namespace fugong::http {
namespace {

namespace fs = std::filesystem;

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool ok = false;  // a complete response was read
};

class Client {
 public:
  explicit Client(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }

  bool Send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(size_t(n));
    }
    return true;
  }

  // Reads one response; `head` means no body follows whatever Content-Length says.
  Reply Read(bool head = false) {
    Reply r;
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return r;
    }
    std::string head_text = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    size_t line_end = head_text.find("\r\n");
    std::string status_line = head_text.substr(0, line_end);
    r.status = std::atoi(status_line.c_str() + status_line.find(' ') + 1);
    size_t pos = line_end == std::string::npos ? head_text.size() : line_end + 2;
    while (pos < head_text.size()) {
      size_t e = head_text.find("\r\n", pos);
      if (e == std::string::npos) e = head_text.size();
      std::string line = head_text.substr(pos, e - pos);
      size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[name] = value;
      pos = e + 2;
    }
    size_t length = 0;
    if (r.headers.count("content-length")) length = std::stoul(r.headers["content-length"]);
    if (head) length = 0;
    while (buf_.size() < length) {
      if (!Fill()) return r;
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    r.ok = true;
    return r;
  }

  // True when the server closed the connection (EOF) with nothing pending.
  bool ClosedByPeer() {
    if (!buf_.empty()) return false;
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  bool Fill() {
    char chunk[65536];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf_.append(chunk, size_t(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::string Get(std::string_view target, std::string_view extra = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra) + "\r\n";
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("fugong_http_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<!doctype html><title>fugong</title>";
    std::ofstream(root_ / "assets" / "app.123.js") << "console.log(1)";
    std::ofstream(root_ / "favicon.ico") << "ico";
    std::ofstream(root_.parent_path() / "secret.txt") << "secret";

    router_.Get("/api/v1/hello",
                [](Request& req) { return Response::Json(200, R"({"hello":"world"})"); });
    router_.Get("/api/v1/whoami",
                [](Request& req) { return Response::Text(200, req.remote_addr); });
    RouteOptions small;
    small.max_body = 16;
    router_.Post(
        "/api/v1/small", [](Request& req) { return Response::Text(200, req.body); }, small);
    RouteOptions big;
    big.max_body = 4 << 20;
    router_.Post(
        "/api/v1/big",
        [](Request& req) { return Response::Text(200, std::to_string(req.body.size())); }, big);
    router_.Get("/api/v1/slow", [this](Request& req) {
      slow_started_ = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      return Response::Text(200, "slow done");
    });
    router_.Get("/api/v1/download", [this](Request& req) {
      return Response::File(download_.string(), "text/csv; charset=utf-8", "名单.csv", true);
    });
    router_.SetFallback(StaticFiles(root_.string()));
  }

  void TearDown() override {
    StopServer();
    std::error_code ec;
    fs::remove_all(root_, ec);
    fs::remove(root_.parent_path() / "secret.txt", ec);
  }

  void StartServer(int io_threads = 1) {
    ServerOptions options;
    options.address = "127.0.0.1";
    options.port = 0;
    options.io_threads = io_threads;
    options.worker_threads = 2;
    options.max_header_bytes = 4096;
    options.idle_timeout_seconds = 5;
    options.handle_signals = false;
    server_ = std::make_unique<Server>(options, router_);
    std::string error;
    ASSERT_TRUE(server_->Bind(&error)) << error;
    ASSERT_GT(server_->port(), 0);
    thread_ = std::thread([this] {
      server_->Run();
      run_returned_ = true;
    });
  }

  void StopServer() {
    if (!server_) return;
    server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }

  int port() const { return server_->port(); }

  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::atomic<bool> run_returned_{false};
  std::atomic<bool> slow_started_{false};
  fs::path root_;
  fs::path download_;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send(Get("/api/v1/hello")));
  Reply a = c.Read();
  ASSERT_TRUE(a.ok);
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body, R"({"hello":"world"})");
  EXPECT_EQ(a.headers["content-type"], "application/json; charset=utf-8");
  EXPECT_EQ(a.headers["server"], "fugong");
  EXPECT_EQ(a.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(a.headers["x-frame-options"], "DENY");
  EXPECT_EQ(a.headers["referrer-policy"], "same-origin");
  EXPECT_NE(a.headers["content-security-policy"].find("default-src 'self'"), std::string::npos);
  EXPECT_FALSE(a.headers["date"].empty());
  EXPECT_EQ(a.headers.count("connection"), 0u);  // HTTP/1.1 keep-alive is implicit

  ASSERT_TRUE(c.Send(Get("/api/v1/hello")));
  Reply b = c.Read();
  ASSERT_TRUE(b.ok);
  EXPECT_EQ(b.status, 200);

  // Pipelined: two requests in one write.
  ASSERT_TRUE(c.Send(Get("/api/v1/hello") + Get("/api/unknown")));
  EXPECT_EQ(c.Read().status, 200);
  EXPECT_EQ(c.Read().status, 404);

  ASSERT_TRUE(c.Send(Get("/api/v1/hello", "Connection: close\r\n")));
  Reply d = c.Read();
  EXPECT_EQ(d.status, 200);
  EXPECT_EQ(d.headers["connection"], "close");
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(ServerTest, Http10KeepAlive) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send("GET /api/v1/hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  Reply a = c.Read();
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.headers["connection"], "keep-alive");
  ASSERT_TRUE(c.Send("GET /api/v1/hello HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(c.Read().status, 200);
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(ServerTest, OversizedBodyIs413AndCloses) {
  StartServer();
  {
    Client c(port());
    ASSERT_TRUE(c.Send("POST /api/v1/small HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n" +
                       std::string(100, 'x')));
    Reply r = c.Read();
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.status, 413);
    EXPECT_NE(r.body.find("\"code\":\"body_too_large\""), std::string::npos);
    EXPECT_EQ(r.headers["connection"], "close");
    EXPECT_TRUE(c.ClosedByPeer());
  }
  {
    // Chunked, so the size is only known while reading.
    Client c(port());
    ASSERT_TRUE(c.Send(
        "POST /api/v1/small?lang=en HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
        "a\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n"));
    Reply r = c.Read();
    EXPECT_EQ(r.status, 413);
    EXPECT_NE(r.body.find("request body too large"), std::string::npos);
  }
  {
    // Within the limit is fine, and a route may allow more than 1 MiB.
    Client c(port());
    ASSERT_TRUE(c.Send("POST /api/v1/small HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"));
    Reply r = c.Read();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "hello");
    std::string big(3 << 20, 'b');
    ASSERT_TRUE(c.Send("POST /api/v1/big HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                       std::to_string(big.size()) + "\r\n\r\n" + big));
    Reply b = c.Read();
    EXPECT_EQ(b.status, 200);
    EXPECT_EQ(b.body, std::to_string(big.size()));
  }
}

TEST_F(ServerTest, ClientStillUploadingSees413) {
  StartServer();
  Client c(port());
  const size_t size = 3 << 20;
  ASSERT_TRUE(c.Send("POST /api/v1/small HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                     std::to_string(size) + "\r\n\r\n"));
  std::thread uploader([&c, size] {
    std::string chunk(64 * 1024, 'u');
    for (size_t sent = 0; sent < size; sent += chunk.size()) {
      if (!c.Send(chunk)) break;  // the server may close once it has seen enough
    }
  });
  Reply r = c.Read();
  uploader.join();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, ExpectContinue) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(
      c.Send("POST /api/v1/small HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: "
             "100-continue\r\n\r\n"));
  Reply cont = c.Read(/*head=*/true);
  EXPECT_EQ(cont.status, 100);
  ASSERT_TRUE(c.Send("ok"));
  Reply r = c.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
}

TEST_F(ServerTest, OversizedHeaderIs431) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send(Get("/api/v1/hello", "X-Big: " + std::string(8000, 'h') + "\r\n")));
  Reply r = c.Read();
  EXPECT_EQ(r.status, 431);
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(ServerTest, MalformedRequestIs400) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send("GARBAGE\r\n\r\n"));
  Reply r = c.Read();
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(ServerTest, UnknownApiIsJson404) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send(Get("/api/unknown")));
  Reply r = c.Read();
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.headers["content-type"], "application/json; charset=utf-8");
  EXPECT_NE(r.body.find("\"code\":\"not_found\""), std::string::npos);
  ASSERT_TRUE(c.Send(Get("/api/v1/nothing/here")));
  EXPECT_EQ(c.Read().headers["content-type"], "application/json; charset=utf-8");
  ASSERT_TRUE(c.Send("DELETE /api/v1/hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  Reply m = c.Read();
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.headers["allow"], "GET, HEAD");
}

TEST_F(ServerTest, StaticFilesAndSpaFallback) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send(Get("/assets/app.123.js")));
  Reply js = c.Read();
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(js.headers.count("content-disposition"), 0u);

  ASSERT_TRUE(c.Send(Get("/")));
  Reply index = c.Read();
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>fugong</title>");
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");

  // A client-side route: index.html.
  ASSERT_TRUE(c.Send(Get("/enterprises/list")));
  Reply spa = c.Read();
  EXPECT_EQ(spa.status, 200);
  EXPECT_EQ(spa.body, index.body);
  EXPECT_EQ(spa.headers["cache-control"], "no-cache");

  // Revalidation.
  ASSERT_TRUE(c.Send(Get("/", "If-None-Match: " + index.headers["etag"] + "\r\n")));
  Reply not_modified = c.Read();
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_EQ(not_modified.body, "");

  // HEAD: the length but no body.
  ASSERT_TRUE(c.Send("HEAD /favicon.ico HTTP/1.1\r\nHost: t\r\n\r\n"));
  Reply head = c.Read(/*head=*/true);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers["content-length"], "3");
  EXPECT_EQ(head.headers["content-type"], "image/x-icon");
  ASSERT_TRUE(c.Send(Get("/favicon.ico")));  // the connection is still in sync
  EXPECT_EQ(c.Read().body, "ico");

  // Missing files with an extension are 404, never index.html.
  ASSERT_TRUE(c.Send(Get("/assets/missing.js")));
  EXPECT_EQ(c.Read().status, 404);
  // /api/ paths never fall back to index.html.
  ASSERT_TRUE(c.Send(Get("/api/v2/anything")));
  Reply api = c.Read();
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.headers["content-type"], "application/json; charset=utf-8");
  // Escapes are refused.
  for (const char* evil : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                           "/assets/%2E%2E/%2E%2E/secret.txt", "/a%00.js"}) {
    ASSERT_TRUE(c.Send(Get(evil)));
    Reply r = c.Read();
    EXPECT_TRUE(r.ok) << evil;
    EXPECT_NE(r.body, "secret") << evil;
    EXPECT_NE(r.status, 200) << evil;
  }
}

TEST_F(ServerTest, SymlinkOutsideRootIsRefused) {
  fs::create_symlink(root_.parent_path() / "secret.txt", root_ / "link.txt");
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send(Get("/link.txt")));
  Reply r = c.Read();
  EXPECT_EQ(r.status, 404);
}

TEST_F(ServerTest, DownloadStreamsFileAndDeletesIt) {
  download_ = root_ / "export.csv";
  std::string content;
  for (int i = 0; i < 50000; ++i) content += "row," + std::to_string(i) + "\n";
  std::ofstream(download_) << content;
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send(Get("/api/v1/download")));
  Reply r = c.Read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, content);
  EXPECT_EQ(r.headers["content-disposition"],
            "attachment; filename=\"__.csv\"; filename*=UTF-8''%E5%90%8D%E5%8D%95.csv");
  for (int i = 0; i < 100 && fs::exists(download_); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(fs::exists(download_));
}

TEST_F(ServerTest, RemoteAddress) {
  StartServer();
  Client c(port());
  ASSERT_TRUE(c.Send(Get("/api/v1/whoami")));
  EXPECT_EQ(c.Read().body, "127.0.0.1");
  // From loopback (nginx), the hop nginx appended is trusted.
  ASSERT_TRUE(c.Send(Get("/api/v1/whoami", "X-Forwarded-For: 6.6.6.6, 203.0.113.9\r\n")));
  EXPECT_EQ(c.Read().body, "203.0.113.9");
  ASSERT_TRUE(c.Send(Get("/api/v1/whoami", "X-Forwarded-For: not-an-ip\r\n")));
  EXPECT_EQ(c.Read().body, "127.0.0.1");
}

TEST_F(ServerTest, StopFinishesInFlightRequestThenRunReturns) {
  StartServer(/*io_threads=*/2);
  Client idle(port());  // an idle keep-alive connection must not hold up Stop
  ASSERT_TRUE(idle.Send(Get("/api/v1/hello")));
  EXPECT_EQ(idle.Read().status, 200);

  Client busy(port());
  ASSERT_TRUE(busy.Send(Get("/api/v1/slow")));
  for (int i = 0; i < 200 && !slow_started_; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(slow_started_);
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  Reply r = busy.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "slow done");
  EXPECT_EQ(r.headers["connection"], "close");
  thread_.join();
  EXPECT_TRUE(run_returned_);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_TRUE(idle.ClosedByPeer());
  // No longer accepting.
  Client late(port());
  EXPECT_FALSE(late.connected() && late.Send(Get("/api/v1/hello")) && late.Read().ok);
  server_.reset();
}

TEST_F(ServerTest, StopBeforeRunReturnsPromptly) {
  ServerOptions options;
  options.address = "127.0.0.1";
  options.port = 0;
  options.handle_signals = false;
  Server server(options, router_);
  std::string error;
  ASSERT_TRUE(server.Bind(&error)) << error;
  server.Stop();
  server.Run();  // returns at once
  SUCCEED();
}

TEST_F(ServerTest, BindFailureIsReported) {
  StartServer();
  ServerOptions options;
  options.address = "127.0.0.1";
  options.port = port();
  options.handle_signals = false;
  Server second(options, router_);
  std::string error;
  EXPECT_FALSE(second.Bind(&error));
  EXPECT_NE(error.find("cannot bind"), std::string::npos) << error;
  ServerOptions bad = options;
  bad.address = "not an address";
  Server third(bad, router_);
  EXPECT_FALSE(third.Bind(&error));
}

// An inline route answering later, from another thread (the gate check-in's
// group commit): the I/O thread keeps serving others meanwhile.
TEST_F(ServerTest, InlineRouteAnswersLaterFromAnotherThread) {
  std::vector<std::thread> threads;
  std::mutex mu;
  RouteOptions inline_route;
  inline_route.run_inline = true;
  router_.Get(
      "/api/v1/later",
      [&](Request& req) {
        Response r;
        r.later = [&](Respond respond) {
          std::lock_guard lock(mu);
          threads.emplace_back([respond] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            respond(Response::Text(200, "later done"));
          });
        };
        return r;
      },
      inline_route);
  StartServer();
  Client waiting(port()), other(port());
  ASSERT_TRUE(waiting.Send(Get("/api/v1/later")));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(other.Send(Get("/api/v1/hello")));
  Reply hello = other.Read();
  EXPECT_EQ(hello.status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
  Reply later = waiting.Read();
  EXPECT_EQ(later.status, 200);
  EXPECT_EQ(later.body, "later done");
  // The connection stays usable.
  ASSERT_TRUE(waiting.Send(Get("/api/v1/hello")));
  EXPECT_EQ(waiting.Read().status, 200);
  std::lock_guard lock(mu);
  for (auto& t : threads) t.join();
}

}  // namespace
}  // namespace fugong::http
