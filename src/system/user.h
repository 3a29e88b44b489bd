// Users, sessions and log records of the system module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fugong::system {

struct User {
  int64_t id = 0;
  std::string username;
  std::string password_hash;  // argon2id; never leaves the server
  std::string display_name;
  std::vector<std::string> roles;
  std::string department;  // 工信局, 商务局...; "" when none
  std::string region_code;
  std::string region_name;
  std::optional<int64_t> enterprise_id;
  std::string enterprise_uscc;
  std::string enterprise_name;
  bool disabled = false;
  std::string created_at;
};

struct NewUser {
  std::string username;
  std::string password;
  std::string display_name;
  std::vector<std::string> roles;
  std::string region_code;  // required for government roles
  std::string department;
  std::string enterprise_uscc;  // required for enterprise roles
};

struct UserUpdate {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> department;
  std::optional<std::string> region_code;
  std::optional<std::string> enterprise_uscc;
  std::optional<bool> disabled;
  std::optional<std::string> password;
};

struct SessionRecord {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  std::string expires_at;
};

struct LoginAttempt {
  std::string at, username, ip;
  bool success = false;
  std::string reason;
};

struct AuditEntry {
  int64_t id = 0;
  std::string at;
  std::optional<int64_t> user_id;
  std::string username, action, object, detail, ip;
};

struct Page {
  int page = 1;
  int size = 20;
  int64_t Offset() const { return int64_t(page - 1) * size; }
};

}  // namespace fugong::system
