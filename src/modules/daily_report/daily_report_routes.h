// HTTP routes of daily reporting: /api/v1/enterprises/{uscc}/daily-reports...
// (filing, an enterprise's reports, a date's versions) and /api/v1/daily-reports
// (a region's reports of a date, exports, copied runs).
#pragma once

#include "http/router.h"
#include "modules/daily_report/daily_report_service.h"

namespace fugong::daily_report {

void RegisterDailyReportRoutes(http::Router& router, DailyReportService& service);

}  // namespace fugong::daily_report
