// HTTP routes of the workforce module (docs/api/workforce.md): the roster
// (employee_routes.cc), health records and pass codes (health_routes.cc),
// sites, check-in, entry logs and alerts (checkin_routes.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/router.h"
#include "modules/workforce/workforce.h"

namespace fugong::workforce {

void RegisterWorkforceRoutes(http::Router& router, Workforce& workforce);

void RegisterEmployeeRoutes(http::Router& router, EmployeeService& employees);
void RegisterHealthRoutes(http::Router& router, HealthService& health);
void RegisterCheckinRoutes(http::Router& router, CheckinService& checkins, AlertHub& alerts);

namespace route {
// A positive integer path parameter, or nullopt (the route answers 404).
std::optional<int64_t> IdParam(const http::Request& req, const char* name = "id");
http::RouteOptions Perm(const char* permission, size_t max_body = 1 << 16);
Status UnknownField(std::string_view key);
}  // namespace route

}  // namespace fugong::workforce
