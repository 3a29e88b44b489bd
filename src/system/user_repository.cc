#include "system/user_repository.h"

#include "core/clock.h"

namespace fugong::system {
namespace {

constexpr const char* kUserSelect =
    "SELECT u.id, u.username, u.password_hash, u.display_name, u.region_code, "
    "COALESCE(r.name, ''), u.enterprise_id, COALESCE(e.uscc, ''), COALESCE(e.name, ''), "
    "u.disabled, u.created_at, u.department FROM users u "
    "LEFT JOIN regions r ON r.code = u.region_code "
    "LEFT JOIN enterprises e ON e.id = u.enterprise_id ";

User UserFromRow(const db::Row& row) {
  User u;
  u.id = row.Int(0);
  u.username = row.Text(1);
  u.password_hash = row.Text(2);
  u.display_name = row.Text(3);
  u.region_code = row.Text(4);
  u.region_name = row.Text(5);
  if (!row.IsNull(6)) u.enterprise_id = row.Int(6);
  u.enterprise_uscc = row.Text(7);
  u.enterprise_name = row.Text(8);
  u.disabled = row.Bool(9);
  u.created_at = row.Text(10);
  u.department = row.Text(11);
  return u;
}

Status LoadRoles(db::Connection& c, User& u) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role",
                                     {db::Int(u.id)}));
  u.roles.clear();
  for (const auto& row : res.rows) u.roles.push_back(row.Text(0));
  return Status::Ok();
}

Result<std::optional<User>> FindOne(db::Connection& c, const std::string& where,
                                    const db::Params& params) {
  ASSIGN_OR_RETURN(auto row, c.Optional(std::string(kUserSelect) + where, params));
  if (!row) return std::optional<User>();
  User u = UserFromRow(*row);
  RETURN_IF_ERROR(LoadRoles(c, u));
  return std::optional<User>(std::move(u));
}

db::Value OptId(std::optional<int64_t> v) { return v ? db::Int(*v) : db::Null(); }
db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

}  // namespace

Result<int64_t> UserRepository::Insert(db::Connection& c, const User& u,
                                       std::optional<int64_t> by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto row,
      c.One("INSERT INTO users (username, password_hash, display_name, region_code, "
            "enterprise_id, disabled, created_at, created_by, updated_at, updated_by, "
            "department) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            {db::Text(u.username), db::Text(u.password_hash), db::Text(u.display_name),
             OrNull(u.region_code), OptId(u.enterprise_id), db::Bool(u.disabled), db::Text(now),
             OptId(by), db::Text(now), OptId(by), db::Text(u.department)}));
  return row.Int(0);
}

Status UserRepository::Update(db::Connection& c, const User& u, std::optional<int64_t> by) {
  return c.Exec(
      "UPDATE users SET password_hash = ?, display_name = ?, region_code = ?, enterprise_id = ?, "
      "disabled = ?, updated_at = ?, updated_by = ?, department = ? WHERE id = ?",
      {db::Text(u.password_hash), db::Text(u.display_name), OrNull(u.region_code),
       OptId(u.enterprise_id), db::Bool(u.disabled), db::Text(NowTimestamp()), OptId(by),
       db::Text(u.department), db::Int(u.id)});
}

Status UserRepository::SetRoles(db::Connection& c, int64_t user_id,
                                const std::vector<std::string>& roles) {
  RETURN_IF_ERROR(c.Exec("DELETE FROM user_roles WHERE user_id = ?", {db::Int(user_id)}));
  for (const auto& r : roles)
    RETURN_IF_ERROR(c.Exec("INSERT INTO user_roles (user_id, role) VALUES (?, ?)",
                           {db::Int(user_id), db::Text(r)}));
  return Status::Ok();
}

Result<std::optional<User>> UserRepository::FindByUsername(db::Connection& c,
                                                           const std::string& username) {
  return FindOne(c, "WHERE u.username = ?", {db::Text(username)});
}

Result<std::optional<User>> UserRepository::FindById(db::Connection& c, int64_t id) {
  return FindOne(c, "WHERE u.id = ?", {db::Int(id)});
}

Result<std::vector<User>> UserRepository::List(db::Connection& c, const std::string& q,
                                               const Page& page, int64_t* total) {
  std::string where;
  db::Params params;
  if (!q.empty()) {
    where = "WHERE lower(u.username) LIKE lower(?) OR lower(u.display_name) LIKE lower(?) ";
    params = {db::Text("%" + q + "%"), db::Text("%" + q + "%")};
  }
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM users u " + where, params));
  *total = count.Int(0);
  params.push_back(db::Int(page.size));
  params.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string(kUserSelect) + where + "ORDER BY u.id LIMIT ? OFFSET ?", params));
  std::vector<User> out;
  for (const auto& row : res.rows) {
    out.push_back(UserFromRow(row));
    RETURN_IF_ERROR(LoadRoles(c, out.back()));
  }
  return out;
}

Result<std::optional<int64_t>> UserRepository::EnterpriseIdByUscc(db::Connection& c,
                                                                  const std::string& uscc) {
  ASSIGN_OR_RETURN(auto row,
                   c.Optional("SELECT id FROM enterprises WHERE uscc = ?", {db::Text(uscc)}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

Status UserRepository::InsertSession(db::Connection& c, const SessionRecord& s,
                                     const std::string& ip) {
  return c.Exec(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, ip) "
      "VALUES (?,?,?,?,?,?)",
      {db::Text(s.token_hash), db::Int(s.user_id), db::Text(s.csrf_token), db::Text(NowTimestamp()),
       db::Text(s.expires_at), db::Text(ip)});
}

Result<std::optional<SessionRecord>> UserRepository::FindSession(db::Connection& c,
                                                                 const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT token_hash, user_id, csrf_token, expires_at "
                                        "FROM sessions WHERE token_hash = ?",
                                        {db::Text(token_hash)}));
  if (!row) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(
      SessionRecord{row->Text(0), row->Int(1), row->Text(2), row->Text(3)});
}

Status UserRepository::DeleteSession(db::Connection& c, const std::string& token_hash) {
  return c.Exec("DELETE FROM sessions WHERE token_hash = ?", {db::Text(token_hash)});
}

Status UserRepository::DeleteSessionsOfUser(db::Connection& c, int64_t user_id) {
  return c.Exec("DELETE FROM sessions WHERE user_id = ?", {db::Int(user_id)});
}

Status UserRepository::DeleteExpiredSessions(db::Connection& c, const std::string& now) {
  return c.Exec("DELETE FROM sessions WHERE expires_at < ?", {db::Text(now)});
}

Status UserRepository::InsertLoginAttempt(db::Connection& c, const LoginAttempt& a) {
  return c.Exec("INSERT INTO login_log (at, username, ip, success, reason) VALUES (?,?,?,?,?)",
                {db::Text(a.at), db::Text(a.username), db::Text(a.ip), db::Bool(a.success),
                 db::Text(a.reason)});
}

Result<int64_t> UserRepository::RecentFailures(db::Connection& c, const std::string& username,
                                               const std::string& since) {
  ASSIGN_OR_RETURN(
      auto row,
      c.One("SELECT COUNT(*) FROM login_log WHERE username = ? AND success = 0 AND at >= ? "
            "AND at > COALESCE((SELECT MAX(at) FROM login_log WHERE username = ? AND success = 1), "
            "'')",
            {db::Text(username), db::Text(since), db::Text(username)}));
  return row.Int(0);
}

Result<int64_t> UserRepository::RecentFailuresFromIp(db::Connection& c, const std::string& ip,
                                                     const std::string& since) {
  ASSIGN_OR_RETURN(auto row,
                   c.One("SELECT COUNT(*) FROM login_log WHERE ip = ? AND success = 0 AND at >= ?",
                         {db::Text(ip), db::Text(since)}));
  return row.Int(0);
}

Result<std::vector<LoginAttempt>> UserRepository::ListLogins(db::Connection& c, const Page& page,
                                                             int64_t* total) {
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM login_log"));
  *total = count.Int(0);
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT at, username, ip, success, reason FROM login_log "
                                     "ORDER BY id DESC LIMIT ? OFFSET ?",
                                     {db::Int(page.size), db::Int(page.Offset())}));
  std::vector<LoginAttempt> out;
  for (const auto& r : res.rows)
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Bool(3), r.Text(4)});
  return out;
}

Status UserRepository::InsertAudit(db::Connection& c, const AuditEntry& e) {
  return c.Exec(
      "INSERT INTO audit_log (at, user_id, username, action, object, detail, ip) "
      "VALUES (?,?,?,?,?,?,?)",
      {db::Text(e.at), OptId(e.user_id), db::Text(e.username), db::Text(e.action),
       db::Text(e.object), db::Text(e.detail), db::Text(e.ip)});
}

Result<std::vector<AuditEntry>> UserRepository::ListAudit(db::Connection& c, const Page& page,
                                                          int64_t* total) {
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM audit_log"));
  *total = count.Int(0);
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT id, at, user_id, username, action, object, detail, ip "
                                     "FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?",
                                     {db::Int(page.size), db::Int(page.Offset())}));
  std::vector<AuditEntry> out;
  for (const auto& r : res.rows) {
    AuditEntry e{r.Int(0),  r.Text(1), std::nullopt, r.Text(3),
                 r.Text(4), r.Text(5), r.Text(6),    r.Text(7)};
    if (!r.IsNull(2)) e.user_id = r.Int(2);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace fugong::system
