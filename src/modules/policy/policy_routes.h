// HTTP routes of policies (docs/api/policy.md).
#pragma once

#include "http/router.h"
#include "modules/policy/policy_service.h"

namespace fugong::policy {

void RegisterPolicyRoutes(http::Router& router, PolicyService& policies);

}  // namespace fugong::policy
