// HTTP routes of the supplies module (docs/api/supply.md).
#pragma once

#include "http/router.h"
#include "modules/supply/supply_service.h"

namespace fugong::supply {

void RegisterSupplyRoutes(http::Router& router, SupplyService& supplies);

}  // namespace fugong::supply
