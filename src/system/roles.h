// Roles of SPEC §1 and the permission strings each one holds.
// Permissions are `module:action` strings checked by the auth middleware on
// every route; "*" (admin) holds them all. The table is code, not data, so a
// review of this file is a review of who may do what.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fugong::system {

// All role names, in the order the UI lists them.
const std::vector<std::string>& AllRoles();
bool IsKnownRole(std::string_view role);
// Roles whose data scope is a region subtree (government side).
bool IsRegionRole(std::string_view role);
// Roles whose data scope is one enterprise.
bool IsEnterpriseRole(std::string_view role);

// The union of the permissions of `roles` (sorted, unique; {"*"} for admin).
std::vector<std::string> PermissionsOf(const std::vector<std::string>& roles);
bool HasPermission(const std::vector<std::string>& roles, std::string_view permission);

}  // namespace fugong::system
