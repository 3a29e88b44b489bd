#include "modules/notification/notification_service.h"

#include "modules/notification/notification_repository.h"

namespace fugong::notification {

Result<std::vector<Notification>> NotificationService::Mine(bool unread_only,
                                                            const system::Page& page,
                                                            const system::Principal& by,
                                                            int64_t* total, int64_t* unread) {
  std::vector<Notification> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, NotificationRepository::List(c, by.user_id, unread_only, page, total));
    ASSIGN_OR_RETURN(*unread, NotificationRepository::UnreadCount(c, by.user_id));
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> NotificationService::UnreadCount(const system::Principal& by) {
  int64_t n = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(n, NotificationRepository::UnreadCount(c, by.user_id));
    return Status::Ok();
  }));
  return n;
}

Status NotificationService::MarkRead(int64_t id, const system::Principal& by) {
  bool found = false;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(found, NotificationRepository::MarkRead(c, id, by.user_id));
    return Status::Ok();
  }));
  if (!found) return NotFound("unknown_notification", "通知不存在", "no such notification");
  return Status::Ok();
}

Result<int64_t> NotificationService::MarkAllRead(const system::Principal& by) {
  int64_t n = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(n, NotificationRepository::MarkAllRead(c, by.user_id));
    return Status::Ok();
  }));
  return n;
}

Result<std::vector<std::pair<std::string, int64_t>>> NotificationService::OutboxCounts() {
  std::vector<std::pair<std::string, int64_t>> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, NotificationRepository::OutboxCounts(c));
    return Status::Ok();
  }));
  return out;
}

Dispatcher::Dispatcher(db::Database& db, std::vector<std::unique_ptr<Sender>> senders,
                       std::chrono::milliseconds period, int max_attempts)
    : db_(db), senders_(std::move(senders)), period_(period), max_attempts_(max_attempts) {}

Dispatcher::~Dispatcher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::Start() {
  if (senders_.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, period_, [this] { return stop_; })) {
      lock.unlock();
      (void)DeliverOnce();
      lock.lock();
    }
  });
}

Result<int> Dispatcher::DeliverOnce() {
  if (senders_.empty()) return 0;
  std::vector<OutboxItem> items;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(items, NotificationRepository::Pending(c, max_attempts_, 200));
    return Status::Ok();
  }));
  int sent = 0;
  for (const OutboxItem& item : items) {
    std::string channels, error;
    for (const auto& s : senders_) {
      Status st = s->Send(item);
      if (!st.ok()) {
        error = s->Channel() + ": " + st.message_en();
        break;
      }
      channels += (channels.empty() ? "" : ",") + s->Channel();
    }
    RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
      if (error.empty()) return NotificationRepository::MarkSent(c, item.id, channels);
      return NotificationRepository::MarkAttempt(c, item.id, error,
                                                 item.attempts + 1 >= max_attempts_);
    }));
    if (error.empty()) ++sent;
  }
  return sent;
}

}  // namespace fugong::notification
