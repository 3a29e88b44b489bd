// Users and their roles; sign-in, sessions, throttling; the audit and login
// logs. Thread-safe (state lives in the database, so several server processes
// share sessions and throttling).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "db/database.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/user.h"

namespace fugong::system {

struct LoginResult {
  std::string token;
  std::string csrf_token;
  std::string expires_at;
  Principal principal;
};

struct AuthSettings {
  std::chrono::seconds session_ttl{std::chrono::hours(12)};
  int max_failures_per_user = 5;  // within `failure_window`, since the last success
  int max_failures_per_ip = 20;
  std::chrono::seconds failure_window{std::chrono::minutes(15)};
  // How long a verified session is answered from memory before the database
  // is asked again, so hot paths (gate check-in) read nothing per request. A
  // logout, a disabled account or changed rights take effect in this process
  // at once and in other server processes within this time. 0: no cache.
  std::chrono::milliseconds session_cache_ttl{std::chrono::seconds(2)};
};

class UserService {
 public:
  UserService(db::Database& db, const ReferenceService& reference, AuthSettings settings = {})
      : db_(db), reference_(reference), settings_(settings) {}
  UserService(const UserService&) = delete;
  UserService& operator=(const UserService&) = delete;

  Result<User> Create(const NewUser& u, const Principal& by);
  Result<User> Update(int64_t id, const UserUpdate& u, const Principal& by);
  Result<std::vector<User>> List(const std::string& q, const Page& page, int64_t* total);
  Result<User> Get(int64_t id);

  // Signs in. Every attempt is written to the login log; repeated failures
  // for a user name or an address answer 429 until the window passes.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& ip);
  Status Logout(const std::string& token_hash);
  // How long a throttled sign-in waits (the Retry-After of its 429).
  std::chrono::seconds failure_window() const { return settings_.failure_window; }
  // The principal of a bearer/cookie token, or Unauthenticated.
  Result<Principal> Authenticate(const std::string& token, const std::string& ip);
  static std::string TokenHash(const std::string& token);

  Status Audit(const Principal* by, const std::string& ip, const std::string& action,
               const std::string& object, const std::string& detail = {});
  Result<std::vector<AuditEntry>> ListAudit(const Page& page, int64_t* total);
  Result<std::vector<LoginAttempt>> ListLogins(const Page& page, int64_t* total);

  // The principal (roles, permissions, scope) of a stored user.
  Result<Principal> PrincipalOf(const User& u) const;

 private:
  Status ValidateRolesAndScope(const std::vector<std::string>& roles, const std::string& region,
                               const std::string& uscc) const;
  Status ResolveScopeFields(db::Connection& c, User& u, const std::string& region,
                            const std::string& uscc) const;
  // Drops cached sessions: one token's, or all of a user's.
  void ForgetSession(const std::string& token_hash);
  void ForgetUser(int64_t user_id);

  struct CachedSession {
    Principal principal;
    std::chrono::system_clock::time_point expires;  // the session's own expiry
    std::chrono::steady_clock::time_point fetched;
  };

  db::Database& db_;
  const ReferenceService& reference_;
  AuthSettings settings_;
  std::mutex cache_mu_;
  std::unordered_map<std::string, CachedSession> session_cache_;  // guarded by cache_mu_
};

// Password rules shared by the CLI and the API: 8–128 characters.
Status ValidatePassword(const std::string& password);

}  // namespace fugong::system
