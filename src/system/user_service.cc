#include "system/user_service.h"

#include <algorithm>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "system/roles.h"
#include "system/user_repository.h"

namespace fugong::system {
namespace {

Status ValidateUsername(const std::string& name) {
  bool ok = name.size() >= 2 && name.size() <= 64;
  for (char c : name)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '.' || c == '-');
  if (!ok)
    return InvalidArgument("username", "invalid_username",
                           "用户名应为2–64位字母、数字、下划线、点或连字符",
                           "username must be 2–64 letters, digits, '_', '.' or '-'");
  return Status::Ok();
}

Status BadCredentials() {
  return Status(ErrorKind::kUnauthenticated, "bad_credentials", "用户名或密码错误",
                "wrong username or password");
}

}  // namespace

Status ValidatePassword(const std::string& password) {
  if (password.size() < 8 || password.size() > 128)
    return InvalidArgument("password", "weak_password", "密码长度应为8–128位",
                           "password must be 8–128 characters");
  return Status::Ok();
}

Status UserService::ValidateRolesAndScope(const std::vector<std::string>& roles,
                                          const std::string& region,
                                          const std::string& uscc) const {
  if (roles.empty())
    return InvalidArgument("roles", "required", "至少需要一个角色",
                           "at least one role is required");
  bool needs_region = false, needs_enterprise = false;
  for (const auto& r : roles) {
    if (!IsKnownRole(r))
      return InvalidArgument("roles", "unknown_role", "未知角色：" + r, "unknown role: " + r);
    needs_region = needs_region || IsRegionRole(r);
    needs_enterprise = needs_enterprise || IsEnterpriseRole(r);
  }
  if (needs_region && region.empty())
    return InvalidArgument("region_code", "required", "政府角色必须指定所辖区划",
                           "government roles need a region");
  if (needs_enterprise && uscc.empty())
    return InvalidArgument("enterprise_uscc", "required", "企业角色必须指定所属企业",
                           "enterprise roles need an enterprise");
  return Status::Ok();
}

Status UserService::ResolveScopeFields(db::Connection& c, User& u, const std::string& region,
                                       const std::string& uscc) const {
  u.region_code.clear();
  if (!region.empty()) {
    ASSIGN_OR_RETURN(Region r, reference_.GetRegion(region, "region_code"));
    u.region_code = r.code;
  }
  u.enterprise_id.reset();
  if (!uscc.empty()) {
    std::string code = NormalizeUscc(uscc);
    ASSIGN_OR_RETURN(auto id, UserRepository::EnterpriseIdByUscc(c, code));
    if (!id)
      return Status(ErrorKind::kNotFound, "unknown_enterprise", "企业不存在：" + code,
                    "no enterprise with USCC " + code, "enterprise_uscc");
    u.enterprise_id = *id;
  }
  return Status::Ok();
}

Result<User> UserService::Create(const NewUser& in, const Principal& by) {
  RETURN_IF_ERROR(ValidateUsername(in.username));
  RETURN_IF_ERROR(ValidatePassword(in.password));
  RETURN_IF_ERROR(ValidateRolesAndScope(in.roles, in.region_code, in.enterprise_uscc));
  User u;
  u.username = in.username;
  u.display_name = in.display_name.empty() ? in.username : in.display_name;
  u.roles = in.roles;
  u.department = in.department;
  ASSIGN_OR_RETURN(u.password_hash, crypto::HashPassword(in.password));
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto existing, UserRepository::FindByUsername(c, in.username));
    if (existing)
      return Conflict("username", "duplicate_username", "用户名已存在：" + in.username,
                      "username already exists: " + in.username);
    RETURN_IF_ERROR(ResolveScopeFields(c, u, in.region_code, in.enterprise_uscc));
    ASSIGN_OR_RETURN(
        id, UserRepository::Insert(c, u, by.user_id ? std::optional(by.user_id) : std::nullopt));
    return UserRepository::SetRoles(c, id, u.roles);
  }));
  return Get(id);
}

Result<User> UserService::Update(int64_t id, const UserUpdate& in, const Principal& by) {
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto found, UserRepository::FindById(c, id));
    if (!found) return NotFound("unknown_user", "用户不存在", "no such user");
    User u = *found;
    if (in.display_name) u.display_name = *in.display_name;
    if (in.roles) u.roles = *in.roles;
    if (in.disabled) u.disabled = *in.disabled;
    if (in.department) u.department = *in.department;
    std::string region = in.region_code ? *in.region_code : u.region_code;
    std::string uscc = in.enterprise_uscc ? *in.enterprise_uscc : u.enterprise_uscc;
    RETURN_IF_ERROR(ValidateRolesAndScope(u.roles, region, uscc));
    if (in.password) {
      RETURN_IF_ERROR(ValidatePassword(*in.password));
      ASSIGN_OR_RETURN(u.password_hash, crypto::HashPassword(*in.password));
    }
    RETURN_IF_ERROR(ResolveScopeFields(c, u, region, uscc));
    RETURN_IF_ERROR(UserRepository::Update(c, u, by.user_id));
    RETURN_IF_ERROR(UserRepository::SetRoles(c, id, u.roles));
    // A disabled user, or one whose password or rights changed, signs in again.
    if (u.disabled || in.password || in.roles || in.region_code || in.enterprise_uscc)
      RETURN_IF_ERROR(UserRepository::DeleteSessionsOfUser(c, id));
    return Status::Ok();
  }));
  ForgetUser(id);
  return Get(id);
}

Result<std::vector<User>> UserService::List(const std::string& q, const Page& page,
                                            int64_t* total) {
  std::vector<User> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, UserRepository::List(c, q, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<User> UserService::Get(int64_t id) {
  std::optional<User> u;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(u, UserRepository::FindById(c, id));
    return Status::Ok();
  }));
  if (!u) return NotFound("unknown_user", "用户不存在", "no such user");
  return *u;
}

Result<Principal> UserService::PrincipalOf(const User& u) const {
  Principal p;
  p.user_id = u.id;
  p.username = u.username;
  p.display_name = u.display_name;
  p.roles = u.roles;
  p.permissions = PermissionsOf(u.roles);
  p.region_code = u.region_code;
  p.department = u.department;
  p.enterprise_id = u.enterprise_id;
  bool admin = std::find(u.roles.begin(), u.roles.end(), "admin") != u.roles.end();
  bool region_role = std::any_of(u.roles.begin(), u.roles.end(),
                                 [](const std::string& r) { return IsRegionRole(r); });
  if (admin) {
    p.scope = Scope::All();
  } else {
    if (region_role && !u.region_code.empty()) {
      ASSIGN_OR_RETURN(Region r, reference_.GetRegion(u.region_code));
      p.scope.region_code = r.code;
      p.scope.region_level = r.level;
    }
    // An enterprise role adds its own enterprise; with a region role as well,
    // the region subtree already covers reads, so scope keeps both.
    if (u.enterprise_id) p.scope.enterprise_id = u.enterprise_id;
  }
  return p;
}

std::string UserService::TokenHash(const std::string& token) {
  return crypto::ToHex(crypto::Blake2b(token));
}

Result<LoginResult> UserService::Login(const std::string& username, const std::string& password,
                                       const std::string& ip) {
  auto now = Now();
  std::string since = FormatTimestamp(now - settings_.failure_window);
  // Record the attempt in its own transaction so a failure is logged even
  // though the sign-in itself is refused.
  auto log_attempt = [&](bool success, const std::string& reason) {
    return db_.Transact([&](db::Connection& c) {
      return UserRepository::InsertLoginAttempt(
          c, LoginAttempt{FormatTimestamp(now), username, ip, success, reason});
    });
  };
  std::optional<User> user;
  int64_t user_failures = 0, ip_failures = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(user_failures, UserRepository::RecentFailures(c, username, since));
    ASSIGN_OR_RETURN(ip_failures, UserRepository::RecentFailuresFromIp(c, ip, since));
    ASSIGN_OR_RETURN(user, UserRepository::FindByUsername(c, username));
    return Status::Ok();
  }));
  if (user_failures >= settings_.max_failures_per_user ||
      ip_failures >= settings_.max_failures_per_ip) {
    RETURN_IF_ERROR(log_attempt(false, "throttled"));
    return Status(ErrorKind::kTooManyRequests, "too_many_attempts",
                  "登录失败次数过多，请15分钟后再试",
                  "too many failed sign-ins; try again in 15 minutes");
  }
  if (!user || !crypto::VerifyPassword(user->password_hash, password)) {
    RETURN_IF_ERROR(log_attempt(false, user ? "bad_password" : "unknown_user"));
    return BadCredentials();
  }
  if (user->disabled) {
    RETURN_IF_ERROR(log_attempt(false, "disabled"));
    return Status(ErrorKind::kUnauthenticated, "account_disabled", "账号已停用",
                  "this account is disabled");
  }
  ASSIGN_OR_RETURN(Principal p, PrincipalOf(*user));
  LoginResult out;
  out.token = crypto::RandomToken(32);
  out.csrf_token = crypto::RandomToken(24);
  out.expires_at = FormatTimestamp(now + settings_.session_ttl);
  p.csrf_token = out.csrf_token;
  p.token_hash = TokenHash(out.token);
  p.ip = ip;
  out.principal = p;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(UserRepository::DeleteExpiredSessions(c, FormatTimestamp(now)));
    RETURN_IF_ERROR(UserRepository::InsertSession(
        c, SessionRecord{p.token_hash, user->id, out.csrf_token, out.expires_at}, ip));
    return UserRepository::InsertLoginAttempt(
        c, LoginAttempt{FormatTimestamp(now), username, ip, true, "ok"});
  }));
  return out;
}

Status UserService::Logout(const std::string& token_hash) {
  ForgetSession(token_hash);
  return db_.Transact(
      [&](db::Connection& c) { return UserRepository::DeleteSession(c, token_hash); });
}

void UserService::ForgetSession(const std::string& token_hash) {
  std::lock_guard lock(cache_mu_);
  session_cache_.erase(token_hash);
}

void UserService::ForgetUser(int64_t user_id) {
  std::lock_guard lock(cache_mu_);
  std::erase_if(session_cache_,
                [&](const auto& kv) { return kv.second.principal.user_id == user_id; });
}

Result<Principal> UserService::Authenticate(const std::string& token, const std::string& ip) {
  if (token.empty() || token.size() > 128) return Unauthenticated();
  std::string hash = TokenHash(token);
  const bool caching = settings_.session_cache_ttl.count() > 0;
  if (caching) {
    std::lock_guard lock(cache_mu_);
    auto it = session_cache_.find(hash);
    if (it != session_cache_.end()) {
      if (std::chrono::steady_clock::now() - it->second.fetched < settings_.session_cache_ttl &&
          it->second.expires > Now()) {
        Principal p = it->second.principal;
        p.ip = ip;
        return p;
      }
      session_cache_.erase(it);
    }
  }
  std::optional<SessionRecord> session;
  std::optional<User> user;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(session, UserRepository::FindSession(c, hash));
    if (session) {
      ASSIGN_OR_RETURN(user, UserRepository::FindById(c, session->user_id));
    }
    return Status::Ok();
  }));
  if (!session || !user || user->disabled)
    return Unauthenticated("登录已失效，请重新登录", "session expired or unknown; sign in again");
  auto expires = ParseTimestamp(session->expires_at);
  if (!expires || *expires <= Now())
    return Unauthenticated("登录已过期，请重新登录", "session expired; sign in again");
  ASSIGN_OR_RETURN(Principal p, PrincipalOf(*user));
  p.csrf_token = session->csrf_token;
  p.token_hash = hash;
  p.ip = ip;
  if (caching) {
    std::lock_guard lock(cache_mu_);
    if (session_cache_.size() >= 100'000) session_cache_.clear();  // bounded
    session_cache_[hash] = CachedSession{p, *expires, std::chrono::steady_clock::now()};
  }
  return p;
}

Status UserService::Audit(const Principal* by, const std::string& ip, const std::string& action,
                          const std::string& object, const std::string& detail) {
  AuditEntry e;
  e.at = NowTimestamp();
  if (by && by->user_id) e.user_id = by->user_id;
  e.username = by ? by->username : "";
  e.action = action;
  e.object = object;
  e.detail = detail;
  e.ip = ip;
  return db_.Transact([&](db::Connection& c) { return UserRepository::InsertAudit(c, e); });
}

Result<std::vector<AuditEntry>> UserService::ListAudit(const Page& page, int64_t* total) {
  std::vector<AuditEntry> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, UserRepository::ListAudit(c, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<LoginAttempt>> UserService::ListLogins(const Page& page, int64_t* total) {
  std::vector<LoginAttempt> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, UserRepository::ListLogins(c, page, total));
    return Status::Ok();
  }));
  return out;
}

}  // namespace fugong::system
