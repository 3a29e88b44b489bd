// SQL for users, roles, sessions, the login log and the audit log.
#pragma once

#include <optional>
#include <vector>

#include "db/database.h"
#include "system/user.h"

namespace fugong::system {

class UserRepository {
 public:
  static Result<int64_t> Insert(db::Connection& c, const User& u, std::optional<int64_t> by);
  static Status Update(db::Connection& c, const User& u, std::optional<int64_t> by);
  static Status SetRoles(db::Connection& c, int64_t user_id, const std::vector<std::string>& roles);
  static Result<std::optional<User>> FindByUsername(db::Connection& c, const std::string& username);
  static Result<std::optional<User>> FindById(db::Connection& c, int64_t id);
  static Result<std::vector<User>> List(db::Connection& c, const std::string& q, const Page& page,
                                        int64_t* total);
  static Result<std::optional<int64_t>> EnterpriseIdByUscc(db::Connection& c,
                                                           const std::string& uscc);

  static Status InsertSession(db::Connection& c, const SessionRecord& s, const std::string& ip);
  static Result<std::optional<SessionRecord>> FindSession(db::Connection& c,
                                                          const std::string& token_hash);
  static Status DeleteSession(db::Connection& c, const std::string& token_hash);
  static Status DeleteSessionsOfUser(db::Connection& c, int64_t user_id);
  static Status DeleteExpiredSessions(db::Connection& c, const std::string& now);

  static Status InsertLoginAttempt(db::Connection& c, const LoginAttempt& a);
  // Failed attempts for `username` after `since` and after its last success.
  static Result<int64_t> RecentFailures(db::Connection& c, const std::string& username,
                                        const std::string& since);
  static Result<int64_t> RecentFailuresFromIp(db::Connection& c, const std::string& ip,
                                              const std::string& since);
  static Result<std::vector<LoginAttempt>> ListLogins(db::Connection& c, const Page& page,
                                                      int64_t* total);

  static Status InsertAudit(db::Connection& c, const AuditEntry& e);
  static Result<std::vector<AuditEntry>> ListAudit(db::Connection& c, const Page& page,
                                                   int64_t* total);
};

}  // namespace fugong::system
