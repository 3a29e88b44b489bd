// HTTP routes of the workforce module (docs/api/workforce.md): the roster
// (employee_routes.cc), health records and pass codes (health_routes.cc),
// sites, check-in, entry logs and alerts (checkin_routes.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/router.h"
#include "modules/workforce/workforce.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::workforce {

void RegisterWorkforceRoutes(http::Router& router, Workforce& workforce);

void RegisterEmployeeRoutes(http::Router& router, EmployeeService& employees);
void RegisterHealthRoutes(http::Router& router, HealthService& health);
void RegisterCheckinRoutes(http::Router& router, CheckinService& checkins, AlertHub& alerts);

namespace route {
// A positive integer path parameter, or nullopt (the route answers 404).
using system::IdParam;
using system::Perm;
Status UnknownField(std::string_view key);
using system::FileAnswer;
using system::FormatParam;
}  // namespace route

}  // namespace fugong::workforce
