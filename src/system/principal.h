// Principal: who is calling, and the data they may see (their scope).
//
// The auth middleware builds one per request and attaches it to the request;
// routes pass `principal.scope` to services, which apply it to every read and
// write (SPEC §1: a district official of 区 A never reads 区 B).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fugong::http {
struct Request;
}

namespace fugong::system {

struct Scope {
  bool all = false;                      // admin: everything
  std::string region_code;               // government roles: this region's subtree
  int region_level = 0;                  // 1..4, the level of region_code
  std::optional<int64_t> enterprise_id;  // enterprise roles: this enterprise only

  static Scope All() { return Scope{true, {}, 0, std::nullopt}; }
  bool Empty() const { return !all && region_code.empty() && !enterprise_id; }
};

struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  std::vector<std::string> permissions;
  std::string region_code;
  std::string department;
  std::optional<int64_t> enterprise_id;
  Scope scope;
  std::string ip;
  std::string csrf_token;
  std::string token_hash;  // of the session in use
  bool via_cookie = false;
};

// The principal the auth middleware attached, or nullptr on public routes.
const Principal* GetPrincipal(const http::Request& req);
// A principal for command-line tools and the demo: admin, everything.
Principal SystemPrincipal();

}  // namespace fugong::system
