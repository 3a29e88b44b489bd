// HTTP routes of the workforce module (docs/api/workforce.md): the roster
// (employee_routes.cc), health records and pass codes (health_routes.cc),
// sites, check-in, entry logs and alerts (checkin_routes.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http/router.h"
#include "modules/workforce/workforce.h"
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
// `format` query parameter: xlsx (default) or csv; 400 naming it otherwise.
Result<enterprise::ExportFormat> FormatParam(const http::Request& req);
// The exported file at `path` (removed after sending) as a download named
// `stem` plus the format's extension.
http::Response FileAnswer(const http::Request& req, const Result<std::string>& path,
                          enterprise::ExportFormat format, const std::string& stem);
}  // namespace route

}  // namespace fugong::workforce
