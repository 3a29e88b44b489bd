#include "modules/workforce/alert_hub.h"

#include <algorithm>
#include <utility>

#include "modules/workforce/checkin_repository.h"

namespace fugong::workforce {

namespace {
constexpr int64_t kMaxBatch = 100;
}  // namespace

AlertHub::AlertHub(db::Database& db, std::chrono::milliseconds poll, size_t max_waiters)
    : db_(db), poll_(poll), max_waiters_(max_waiters), thread_([this] { Run(); }) {}

AlertHub::~AlertHub() {
  Shutdown();
  if (thread_.joinable()) thread_.join();
}

void AlertHub::Shutdown() {
  std::list<Waiter> gone;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    gone.swap(waiters_);
  }
  cv_.notify_all();
  for (auto& w : gone) w.done(std::vector<Alert>{});
}

Result<int64_t> AlertHub::LastId(const system::Scope& scope) {
  int64_t id = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, CheckinRepository::LastAlertId(c, scope));
    return Status::Ok();
  }));
  return id;
}

void AlertHub::Wait(const system::Scope& scope, int64_t after, std::chrono::milliseconds timeout,
                    Done done) {
  {
    std::lock_guard lock(mu_);
    if (!stop_ && waiters_.size() < max_waiters_) {
      waiters_.push_back(Waiter{next_id_++, scope, after, after,
                                std::chrono::steady_clock::now() + timeout, std::move(done)});
      notified_ = true;  // look at once: there may be alerts above `after` already
      cv_.notify_all();
      return;
    }
  }
  done(std::vector<Alert>{});
}

void AlertHub::Notify() {
  {
    std::lock_guard lock(mu_);
    notified_ = true;
  }
  cv_.notify_all();
}

void AlertHub::Run() {
  int64_t newest = -1;  // the newest alert id seen overall
  std::unique_lock lock(mu_);
  for (;;) {
    if (stop_) return;
    if (waiters_.empty()) {
      cv_.wait(lock, [&] { return stop_ || !waiters_.empty(); });
      continue;
    }
    if (!notified_) {
      auto until = std::chrono::steady_clock::now() + poll_;
      for (const auto& w : waiters_) until = std::min(until, w.deadline);
      cv_.wait_until(lock, until, [&] { return stop_ || notified_; });
      if (stop_) return;
    }
    notified_ = false;
    lock.unlock();

    // Which waiters have something, read outside the lock (new waiters may
    // arrive meanwhile; they are looked at on the next round).
    std::vector<std::pair<Done, Result<std::vector<Alert>>>> answers;
    auto last = LastId(system::Scope::All());
    if (last.ok()) newest = *last;
    auto now = std::chrono::steady_clock::now();

    // Copies: the list may change while the lock is released.
    struct Check {
      uint64_t id;
      system::Scope scope;
      int64_t after;
    };
    lock.lock();
    std::vector<Check> to_check;
    for (const auto& w : waiters_)
      if (newest > w.checked) to_check.push_back({w.id, w.scope, w.after});
    lock.unlock();
    std::vector<std::pair<uint64_t, Result<std::vector<Alert>>>> found;
    for (const Check& w : to_check) {
      std::vector<Alert> items;
      Status st = db_.WithConnection([&](db::Connection& c) -> Status {
        ASSIGN_OR_RETURN(items, CheckinRepository::AlertsAfter(c, w.scope, w.after, kMaxBatch));
        return Status::Ok();
      });
      if (!st.ok())
        found.emplace_back(w.id, st);
      else
        found.emplace_back(w.id, std::move(items));
    }
    lock.lock();
    if (stop_) return;
    for (auto& [id, result] : found) {
      auto w = std::find_if(waiters_.begin(), waiters_.end(),
                            [id = id](const Waiter& x) { return x.id == id; });
      if (w == waiters_.end()) continue;
      if (!result.ok() || !result->empty())
        answers.emplace_back(std::exchange(w->done, nullptr), std::move(result));
      else
        w->checked = newest;
    }
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (!it->done) {  // answered above
        it = waiters_.erase(it);
      } else if (it->deadline <= now) {
        answers.emplace_back(std::move(it->done), std::vector<Alert>{});
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
    lock.unlock();
    for (auto& [done, result] : answers) done(std::move(result));
    lock.lock();
  }
}

}  // namespace fugong::workforce
