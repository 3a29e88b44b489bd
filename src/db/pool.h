// Pool: the bounded connection pool shared by both engines (internal to db/).
//
// Connections are created lazily up to `max_size`; an idle one is checked
// with its Revive() before it is handed out (PostgreSQL reconnects there) and
// cleaned with its PrepareForReuse() when it comes back (an open transaction
// is rolled back). When all are busy, Acquire waits up to `wait` and then
// answers kUnavailable rather than hanging the request for ever.
//
// Thread-safety: all methods are thread-safe. The pool is held by shared_ptr
// and every handed-out ConnectionPtr keeps it alive, so a connection may
// outlive the Database that produced it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "db/database.h"

namespace fugong::db::internal {

// C derives from Connection and provides:
//   bool Revive();            // false: discard this idle connection
//   bool PrepareForReuse();   // false: discard instead of pooling
template <typename C>
class Pool : public std::enable_shared_from_this<Pool<C>> {
 public:
  using Factory = std::function<Result<std::unique_ptr<C>>()>;

  Pool(int max_size, std::chrono::milliseconds wait, Factory factory)
      : max_size_(max_size < 1 ? 1 : max_size), wait_(wait), factory_(std::move(factory)) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Hands an already open connection to the pool (the first one, opened by
  // Open() so that a bad URL fails there and not on the first request).
  void AddIdle(std::unique_ptr<C> conn) {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
    cv_.notify_one();
  }

  Result<ConnectionPtr> Acquire() {
    std::unique_ptr<C> conn;
    {
      std::unique_lock lock(mu_);
      if (!cv_.wait_for(lock, wait_, [&] { return !idle_.empty() || open_ < max_size_; })) {
        return Status(ErrorKind::kUnavailable, "db_busy", "数据库繁忙，请稍后重试",
                      "all database connections are in use");
      }
      if (!idle_.empty()) {
        conn = std::move(idle_.back());
        idle_.pop_back();
      }
      ++open_;  // reserve the slot before the slow connect, outside the lock
    }
    if (conn && !conn->Revive()) conn.reset();
    if (!conn) {
      auto made = factory_();
      if (!made.ok()) {
        Forget();
        return made.status();
      }
      conn = std::move(made).value();
    }
    std::shared_ptr<Pool> self = this->shared_from_this();
    return ConnectionPtr(conn.release(), [self](Connection* c) {
      self->Release(std::unique_ptr<C>(static_cast<C*>(c)));
    });
  }

 private:
  void Release(std::unique_ptr<C> conn) {
    bool reusable = conn->PrepareForReuse();
    std::lock_guard lock(mu_);
    --open_;
    if (reusable) idle_.push_back(std::move(conn));
    cv_.notify_one();
    // A discarded connection is closed when `conn` goes out of scope, after
    // the lock is released.
  }

  void Forget() {
    std::lock_guard lock(mu_);
    --open_;
    cv_.notify_one();
  }

  const int max_size_;
  const std::chrono::milliseconds wait_;
  const Factory factory_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<C>> idle_;  // guarded by mu_
  int open_ = 0;                          // handed out or being opened; guarded by mu_
};

}  // namespace fugong::db::internal
