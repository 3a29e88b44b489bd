// HTTP routes of the electricity cross-check (docs/api/power.md).
#pragma once

#include "core/json_util.h"
#include "http/router.h"
#include "modules/power/power_service.h"

namespace fugong::power {

void RegisterPowerRoutes(http::Router& router, PowerService& power, stats::StatsService& stats);

// {"base","with_data",…,"resumed":{num,den,rate},"production":{…}} (also
// the `power` block of the statistics' rates answer).
json::object PowerRatesJson(const PowerRates& r);

}  // namespace fugong::power
