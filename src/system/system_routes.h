// HTTP routes of the system module: sign-in, reference data, users, logs.
#pragma once

#include "core/json_util.h"
#include "http/router.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user_service.h"

namespace fugong::system {

void RegisterSystemRoutes(http::Router& router, UserService& users, ReferenceService& reference,
                          SettingsService& settings);

// JSON forms shared with other modules.
json::object UserJson(const User& u, const Principal* p = nullptr);
json::object RegionJson(const Region& r);

}  // namespace fugong::system
