#include "system/roles.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace fugong::system {
namespace {

TEST(Roles, AdminHoldsEverything) {
  EXPECT_TRUE(HasPermission({"admin"}, "enterprise:import"));
  EXPECT_TRUE(HasPermission({"admin"}, "user:create"));
}

TEST(Roles, ScopedRolesHoldOnlyTheirs) {
  EXPECT_TRUE(HasPermission({"commander"}, "enterprise:list"));
  EXPECT_FALSE(HasPermission({"commander"}, "enterprise:import"));
  EXPECT_FALSE(HasPermission({"enterprise"}, "enterprise:list"));
  EXPECT_TRUE(HasPermission({"enterprise"}, "enterprise:view"));
  EXPECT_FALSE(HasPermission({"bank"}, "enterprise:view"));
  EXPECT_FALSE(HasPermission({"employee"}, "user:list"));
  EXPECT_FALSE(HasPermission({}, "enterprise:view"));
}

TEST(Roles, UnionOfSeveralRoles) {
  auto p = PermissionsOf({"inspector", "reviewer"});
  EXPECT_TRUE(std::binary_search(p.begin(), p.end(), "enterprise:import"));
  EXPECT_TRUE(HasPermission({"bank", "cadre"}, "enterprise:status"));
}

TEST(Roles, KnownRolesAndScopes) {
  EXPECT_EQ(AllRoles().size(), 11u);
  for (const auto& r : AllRoles()) EXPECT_TRUE(IsKnownRole(r));
  EXPECT_FALSE(IsKnownRole("root"));
  EXPECT_TRUE(IsRegionRole("cadre"));
  EXPECT_TRUE(IsEnterpriseRole("verifier"));
  EXPECT_FALSE(IsRegionRole("bank"));
}

}  // namespace
}  // namespace fugong::system
