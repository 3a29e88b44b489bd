// Notifications (SPEC §3.15 通知): one in-app notification per recipient,
// written by the module whose change causes it, in that change's own
// transaction, plus an outbox row per notification from which external
// senders (SMS, WeChat…) deliver it once one is attached (Dispatcher).
// Thread-safety: free functions over the caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "db/database.h"
#include "system/reference.h"

namespace fugong::notification {

struct NewNotification {
  std::vector<int64_t> user_ids;  // recipients (duplicates are sent once)
  std::string kind;               // snake_case code, e.g. demand_assigned
  std::string title;
  std::string body;
  std::string link;  // a web path, e.g. /demands/12
};

struct Notification {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string kind, title, body, link, created_at;
  std::optional<std::string> read_at;
};

// One outbox row with what a sender needs.
struct OutboxItem {
  int64_t id = 0;
  int64_t notification_id = 0;
  int64_t user_id = 0;
  std::string username;
  std::string kind, title, body, link;
  int attempts = 0;
};

// An external channel. Send() returns OK once the message is handed over;
// an error is recorded and retried (up to Dispatcher's limit).
class Sender {
 public:
  virtual ~Sender() = default;
  virtual std::string Channel() const = 0;  // "sms", "wechat"…
  virtual Status Send(const OutboxItem& item) = 0;
};

// Writes the notifications and their outbox rows inside the caller's
// transaction. Empty recipients: nothing. InvalidArgument for an empty kind
// or title.
Status Enqueue(db::Connection& c, const NewNotification& n);

// Recipients: the enabled accounts of an enterprise (enterprise contacts,
// verifiers, employees are excluded: roles enterprise only).
Result<std::vector<int64_t>> EnterpriseUsers(db::Connection& c, int64_t enterprise_id);
// The enabled users holding `role` whose region scope covers `region` (their
// region is the region itself or one of its ancestors; admins excluded),
// and, when `department` is given, of that department or of none (a user
// without a department acts for any, like the review queues). With
// `exact_region`, only users of the region itself (who act at that level).
Result<std::vector<int64_t>> RegionUsers(db::Connection& c, const std::string& role,
                                         const system::Region& region,
                                         const std::string& department = "",
                                         bool exact_region = false);

}  // namespace fugong::notification
