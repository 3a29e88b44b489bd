// HTTP routes of key projects (docs/api/project.md).
#pragma once

#include "core/json_util.h"
#include "http/router.h"
#include "modules/project/project_service.h"

namespace fugong::project {

void RegisterProjectRoutes(http::Router& router, ProjectService& projects,
                           stats::StatsService& stats);

// {"base","resumed",…,"resumed_rate":{num,den,rate,text},…} (also the
// `projects` block of the dashboard).
json::object ProjectRatesJson(const Rates& r);

}  // namespace fugong::project
