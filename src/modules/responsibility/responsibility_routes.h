// HTTP routes of 包保 (docs/api/responsibility.md): chains, assignment,
// import, cadres and coverage (responsibility_routes.cc); visits, the visit
// summary and the cadre's workbench (visit_routes.cc).
#pragma once

#include "http/router.h"
#include "modules/responsibility/responsibility_service.h"
#include "modules/responsibility/visit_service.h"
#include "system/route_util.h"

namespace fugong::responsibility {

void RegisterResponsibilityRoutes(http::Router& router, ResponsibilityService& chains,
                                  VisitService& visits);

void RegisterChainRoutes(http::Router& router, ResponsibilityService& chains);
void RegisterVisitRoutes(http::Router& router, VisitService& visits);

namespace route {
using system::Perm;
inline constexpr const char* kXlsx =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}  // namespace route

}  // namespace fugong::responsibility
