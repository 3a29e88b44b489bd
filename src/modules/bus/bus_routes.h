// HTTP routes of commuter buses (docs/api/bus.md).
#pragma once

#include "http/router.h"
#include "modules/bus/bus_service.h"

namespace fugong::bus {

void RegisterBusRoutes(http::Router& router, BusService& buses);

}  // namespace fugong::bus
