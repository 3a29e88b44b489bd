// AlertHub: live alerts for pages that are open (long polling). A page asks
// for the alerts of its scope newer than the last one it has; the hub answers
// as soon as there are any, or with none when the wait times out, without a
// thread waiting per page. One hub thread watches the newest alert id (one
// indexed query every `poll` while someone waits, so alerts written by other
// server processes show too; Notify() wakes it at once for this process's).
// Thread-safety: every method is thread-safe; callbacks run on the hub thread
// (or the caller's, when answering at once).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

#include "db/database.h"
#include "modules/workforce/checkin.h"
#include "system/principal.h"

namespace fugong::workforce {

class AlertHub {
 public:
  using Done = std::function<void(Result<std::vector<Alert>>)>;

  explicit AlertHub(db::Database& db,
                    std::chrono::milliseconds poll = std::chrono::milliseconds(250),
                    size_t max_waiters = 10000);
  ~AlertHub();  // answers every waiter (no alerts) and stops
  AlertHub(const AlertHub&) = delete;
  AlertHub& operator=(const AlertHub&) = delete;

  // The newest alert id in `scope` (0 when none).
  Result<int64_t> LastId(const system::Scope& scope);
  // Calls `done` with the alerts in `scope` above `after` (oldest first, at
  // most 100) once there are any, or with none after `timeout`, when the hub
  // stops, or at once when too many are waiting already.
  void Wait(const system::Scope& scope, int64_t after, std::chrono::milliseconds timeout,
            Done done);
  // An alert was committed in this process: look now.
  void Notify();
  // Answers every waiter now (server shutdown); later waits answer at once.
  void Shutdown();

 private:
  struct Waiter {
    uint64_t id = 0;
    system::Scope scope;
    int64_t after = 0;
    int64_t checked = 0;  // newest id known to hold nothing for this scope
    std::chrono::steady_clock::time_point deadline;
    Done done;
  };
  void Run();

  db::Database& db_;
  const std::chrono::milliseconds poll_;
  const size_t max_waiters_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::list<Waiter> waiters_;  // guarded by mu_
  bool notified_ = false;      // guarded by mu_
  uint64_t next_id_ = 1;       // guarded by mu_
  bool stop_ = false;          // guarded by mu_
  std::thread thread_;
};

}  // namespace fugong::workforce
