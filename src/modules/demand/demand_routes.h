// HTTP routes of demands (docs/api/demand.md): raising, lists and queues with
// their clocks, the workflow actions, comments, attachments, the assessment
// (反馈考核) with its drill-down and XLSX export, and the escalation pass.
#pragma once

#include "http/router.h"
#include "modules/demand/demand_service.h"

namespace fugong::demand {

void RegisterDemandRoutes(http::Router& router, DemandService& demands);

}  // namespace fugong::demand
