// The notification centre of the signed-in user (list, unread count, mark
// read), and the Dispatcher that hands outbox rows to external senders.
// Thread-safety: NotificationService is stateless over the database;
// Dispatcher runs one thread, started and stopped by its owner.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "db/database.h"
#include "modules/notification/notification.h"
#include "system/principal.h"
#include "system/user.h"

namespace fugong::notification {

class NotificationService {
 public:
  explicit NotificationService(db::Database& db) : db_(db) {}

  Result<std::vector<Notification>> Mine(bool unread_only, const system::Page& page,
                                         const system::Principal& by, int64_t* total,
                                         int64_t* unread);
  Result<int64_t> UnreadCount(const system::Principal& by);
  // NotFound unless it is the caller's.
  Status MarkRead(int64_t id, const system::Principal& by);
  Result<int64_t> MarkAllRead(const system::Principal& by);
  Result<std::vector<std::pair<std::string, int64_t>>> OutboxCounts();

 private:
  db::Database& db_;
};

// Delivers pending outbox rows through the attached senders (each row to
// every sender; a row counts as sent when all of them accepted it), every
// `period`, retrying a failed row up to `max_attempts` times before marking
// it failed. With no sender attached, rows stay pending (nothing to deliver
// to) and the dispatcher does not run.
class Dispatcher {
 public:
  Dispatcher(db::Database& db, std::vector<std::unique_ptr<Sender>> senders,
             std::chrono::milliseconds period = std::chrono::seconds(2), int max_attempts = 5);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  void Start();
  // One pass now (tests, and the thread's loop); returns how many were sent.
  Result<int> DeliverOnce();

 private:
  db::Database& db_;
  std::vector<std::unique_ptr<Sender>> senders_;
  const std::chrono::milliseconds period_;
  const int max_attempts_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace fugong::notification
