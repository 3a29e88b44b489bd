// The authentication middleware: finds the caller's session (bearer token or
// cookie), refuses cookie requests that change state without the CSRF token,
// checks the route's permission string, attaches the Principal, and writes an
// audit record for every successful write.
#pragma once

#include "http/router.h"
#include "system/user_service.h"

namespace fugong::system {

inline constexpr const char* kSessionCookie = "fugong_session";

http::Middleware AuthMiddleware(UserService& users);

}  // namespace fugong::system
