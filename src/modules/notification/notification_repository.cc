#include "modules/notification/notification_repository.h"

#include <algorithm>
#include <set>

#include "core/clock.h"

namespace fugong::notification {
namespace {

Notification FromRow(const db::Row& r) {
  Notification n;
  n.id = r.Int(0);
  n.user_id = r.Int(1);
  n.kind = r.Text(2);
  n.title = r.Text(3);
  n.body = r.Text(4);
  n.link = r.Text(5);
  n.created_at = r.Text(6);
  n.read_at = r.OptText(7);
  return n;
}

constexpr const char* kSelect =
    "SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notifications ";

}  // namespace

Status Enqueue(db::Connection& c, const NewNotification& n) {
  if (n.kind.empty() || n.title.empty())
    return InvalidArgument("notification", "invalid_notification", "通知缺少类型或标题",
                           "a notification needs a kind and a title");
  std::set<int64_t> users(n.user_ids.begin(), n.user_ids.end());
  std::string now = NowTimestamp();
  for (int64_t user : users) {
    ASSIGN_OR_RETURN(auto row, c.One("INSERT INTO notifications (user_id, kind, title, body, link, "
                                     "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                     {db::Int(user), db::Text(n.kind), db::Text(n.title),
                                      db::Text(n.body), db::Text(n.link), db::Text(now)}));
    RETURN_IF_ERROR(c.Exec(
        "INSERT INTO notification_outbox (notification_id, user_id, created_at) VALUES (?, ?, ?)",
        {db::Int(row.Int(0)), db::Int(user), db::Text(now)}));
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> EnterpriseUsers(db::Connection& c, int64_t enterprise_id) {
  std::vector<int64_t> out;
  RETURN_IF_ERROR(c.ForEach(
      "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'enterprise' "
      "WHERE u.enterprise_id = ? AND u.disabled = 0 ORDER BY u.id",
      {db::Int(enterprise_id)}, [&](const db::Row& row) {
        out.push_back(row.Int(0));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<int64_t>> RegionUsers(db::Connection& c, const std::string& role,
                                         const system::Region& region,
                                         const std::string& department, bool exact_region) {
  db::Params p{db::Text(role)};
  std::string in;
  for (int level = exact_region ? region.level : 1; level <= region.level; ++level) {
    const std::string& code = region.CodeAtLevel(level);
    if (code.empty()) continue;
    in += in.empty() ? "?" : ", ?";
    p.push_back(db::Text(code));
  }
  if (in.empty()) return std::vector<int64_t>{};
  std::string sql =
      "SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = ? "
      "WHERE u.disabled = 0 AND u.region_code IN (" +
      in + ")";
  if (!department.empty()) {
    sql += " AND (u.department = ? OR u.department = '')";  // '' = any department
    p.push_back(db::Text(department));
  }
  std::vector<int64_t> out;
  RETURN_IF_ERROR(c.ForEach(sql + " ORDER BY u.id", p, [&](const db::Row& row) {
    out.push_back(row.Int(0));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Notification>> NotificationRepository::List(db::Connection& c, int64_t user_id,
                                                               bool unread_only,
                                                               const system::Page& page,
                                                               int64_t* total) {
  std::string where = "WHERE user_id = ?";
  if (unread_only) where += " AND read_at IS NULL";
  ASSIGN_OR_RETURN(auto count,
                   c.One("SELECT COUNT(*) FROM notifications " + where, {db::Int(user_id)}));
  *total = count.Int(0);
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kSelect) + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                           {db::Int(user_id), db::Int(page.size), db::Int(page.Offset())}));
  std::vector<Notification> out;
  for (const auto& r : res.rows) out.push_back(FromRow(r));
  return out;
}

Result<int64_t> NotificationRepository::UnreadCount(db::Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND "
                                   "read_at IS NULL",
                                   {db::Int(user_id)}));
  return row.Int(0);
}

Result<bool> NotificationRepository::MarkRead(db::Connection& c, int64_t id, int64_t user_id) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT read_at FROM notifications WHERE id = ? AND "
                                        "user_id = ?",
                                        {db::Int(id), db::Int(user_id)}));
  if (!row) return false;
  RETURN_IF_ERROR(c.Exec("UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL",
                         {db::Text(NowTimestamp()), db::Int(id)}));
  return true;
}

Result<int64_t> NotificationRepository::MarkAllRead(db::Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("UPDATE notifications SET read_at = ? WHERE user_id = ? AND "
                                     "read_at IS NULL",
                                     {db::Text(NowTimestamp()), db::Int(user_id)}));
  return res.affected;
}

Result<std::vector<OutboxItem>> NotificationRepository::Pending(db::Connection& c, int max_attempts,
                                                                int limit) {
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("SELECT o.id, o.notification_id, o.user_id, COALESCE(u.username, ''), n.kind, "
              "n.title, n.body, n.link, o.attempts FROM notification_outbox o JOIN notifications "
              "n ON n.id = o.notification_id LEFT JOIN users u ON u.id = o.user_id WHERE "
              "o.status = 'pending' AND o.attempts < ? ORDER BY o.id LIMIT ?",
              {db::Int(max_attempts), db::Int(limit)}));
  std::vector<OutboxItem> out;
  for (const auto& r : res.rows)
    out.push_back(OutboxItem{r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5),
                             r.Text(6), r.Text(7), int(r.Int(8))});
  return out;
}

Status NotificationRepository::MarkSent(db::Connection& c, int64_t id, const std::string& channel) {
  return c.Exec(
      "UPDATE notification_outbox SET status = 'sent', channel = ?, attempts = attempts + 1, "
      "sent_at = ? WHERE id = ?",
      {db::Text(channel), db::Text(NowTimestamp()), db::Int(id)});
}

Status NotificationRepository::MarkAttempt(db::Connection& c, int64_t id, const std::string& error,
                                           bool give_up) {
  return c.Exec(
      "UPDATE notification_outbox SET attempts = attempts + 1, last_error = ?, status = ? "
      "WHERE id = ?",
      {db::Text(error), db::Text(give_up ? "failed" : "pending"), db::Int(id)});
}

Result<std::vector<std::pair<std::string, int64_t>>> NotificationRepository::OutboxCounts(
    db::Connection& c) {
  std::vector<std::pair<std::string, int64_t>> out;
  RETURN_IF_ERROR(
      c.ForEach("SELECT status, COUNT(*) FROM notification_outbox GROUP BY status ORDER BY status",
                {}, [&](const db::Row& r) {
                  out.emplace_back(r.Text(0), r.Int(1));
                  return Status::Ok();
                }));
  return out;
}

}  // namespace fugong::notification
