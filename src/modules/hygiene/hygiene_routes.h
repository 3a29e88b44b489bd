// HTTP routes of site hygiene (docs/api/hygiene.md): areas, disinfection
// records, rounds and warnings (disinfection_routes.cc); isolation and
// observation rooms and their occupants (isolation_routes.cc).
#pragma once

#include "http/router.h"
#include "modules/hygiene/disinfection_service.h"
#include "modules/hygiene/isolation_service.h"

namespace fugong::hygiene {

void RegisterHygieneRoutes(http::Router& router, DisinfectionService& disinfections,
                           IsolationService& isolation);

void RegisterDisinfectionRoutes(http::Router& router, DisinfectionService& disinfections);
void RegisterIsolationRoutes(http::Router& router, IsolationService& isolation);

// JSON of a room (shared with the enterprise summary).
json::object RoomJson(const Room& r);

}  // namespace fugong::hygiene
