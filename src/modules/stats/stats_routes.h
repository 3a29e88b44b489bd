// HTTP routes of the statistics module (/api/v1/stats/...).
#pragma once

#include <functional>

#include "core/json_util.h"
#include "http/router.h"
#include "modules/stats/stats_service.h"

namespace fugong::stats {

// Extra dashboard figures other modules provide (pending applications by
// state), wired in app/.
using DashboardExtras = std::function<json::object(const Query& q)>;

void RegisterStatsRoutes(http::Router& router, StatsService& service, DashboardExtras extras);

json::object RatesJson(const Rates& r);

}  // namespace fugong::stats
