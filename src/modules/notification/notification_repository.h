// SQL of notifications and the outbox. The free functions of
// notification.h (Enqueue, recipients) are implemented here too.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "modules/notification/notification.h"
#include "system/user.h"

namespace fugong::notification {

class NotificationRepository {
 public:
  static Result<std::vector<Notification>> List(db::Connection& c, int64_t user_id,
                                                bool unread_only, const system::Page& page,
                                                int64_t* total);
  static Result<int64_t> UnreadCount(db::Connection& c, int64_t user_id);
  // False when not the user's (or no such notification).
  static Result<bool> MarkRead(db::Connection& c, int64_t id, int64_t user_id);
  static Result<int64_t> MarkAllRead(db::Connection& c, int64_t user_id);

  // Pending outbox rows with fewer than `max_attempts` attempts, oldest first.
  static Result<std::vector<OutboxItem>> Pending(db::Connection& c, int max_attempts, int limit);
  static Status MarkSent(db::Connection& c, int64_t id, const std::string& channel);
  static Status MarkAttempt(db::Connection& c, int64_t id, const std::string& error, bool give_up);
  // Counts by status (the admin's view of the outbox).
  static Result<std::vector<std::pair<std::string, int64_t>>> OutboxCounts(db::Connection& c);
};

}  // namespace fugong::notification
