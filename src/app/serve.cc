// `fugong serve`: the HTTP server with the API and the web UI on one port.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "app/app.h"
#include "core/log.h"
#include "core/periodic.h"
#include "db/jobs.h"
#include "http/error.h"
#include "http/server.h"
#include "http/static_files.h"
#include "modules/bus/bus_routes.h"
#include "modules/daily_report/daily_report_routes.h"
#include "modules/demand/demand_routes.h"
#include "modules/enterprise/enterprise_routes.h"
#include "modules/finance/finance_routes.h"
#include "modules/hygiene/hygiene_routes.h"
#include "modules/inspection/inspection_routes.h"
#include "modules/notice/notice_routes.h"
#include "modules/notification/notification_routes.h"
#include "modules/permit/permit_routes.h"
#include "modules/policy/policy_routes.h"
#include "modules/power/power_routes.h"
#include "modules/project/project_routes.h"
#include "modules/recruitment/recruitment_routes.h"
#include "modules/responsibility/responsibility_routes.h"
#include "modules/resumption/application_routes.h"
#include "modules/retention/retention_routes.h"
#include "modules/stats/stats_routes.h"
#include "modules/supply/supply_routes.h"
#include "modules/tip/tip_routes.h"
#include "modules/workforce/workforce_routes.h"
#include "system/auth_middleware.h"
#include "system/system_routes.h"

namespace fugong::app {
namespace {

// Figures of other modules shown on the command dashboard.
stats::DashboardExtras StatsDashboardExtras(App& app) {
  return [&app](const stats::Query& q) {
    system::Scope scope = system::Scope::All();
    if (q.region.level > 0) {
      scope.all = false;
      scope.region_code = q.region.code;
      scope.region_level = q.region.level;
    }
    json::object applications;
    auto counts = app.applications->CountByState(scope);
    if (counts.ok())
      for (const auto& [state, n] : *counts) applications[state] = n;
    json::object out{{"applications", std::move(applications)}};
    // Key projects (SPEC §3.16): 开复工率, investment and workers against plan.
    if (auto projects = app.projects->ComputeRates(q, "all"); projects.ok())
      out["projects"] = project::ProjectRatesJson(*projects);
    return out;
  };
}

// A background job that runs every `period` in the one server process
// holding its lease (db/jobs.h); a silent holder loses it after 3 periods.
Periodic SharedJob(App& app, const std::string& name, std::chrono::seconds period,
                   std::function<Result<int64_t>()> job) {
  auto ttl = 3 * Periodic::Configured(name, period);
  return Periodic(name, period, db::RunOnceAcrossServers(*app.db, name, ttl, std::move(job)));
}

}  // namespace

int Serve(App& app, int port, const std::string& web_root) {
  http::Router router;
  router.Use(system::AuthMiddleware(*app.users));
  http::RouteOptions open;
  open.public_route = true;
  router.Get(
      "/healthz",
      [&app](http::Request& req) {
        Status st = app.db->WithConnection([](db::Connection& c) { return c.Exec("SELECT 1"); });
        if (!st.ok())
          return http::ErrorResponse(Status(ErrorKind::kUnavailable, "db_unavailable",
                                            "数据库不可用", "database unavailable"),
                                     req);
        return http::JsonResponse(
            200, json::object{
                     {"status", "ok"},
                     {"db", app.db->engine() == db::Engine::kSqlite ? "sqlite" : "postgresql"}});
      },
      open);
  system::RegisterSystemRoutes(router, *app.users, *app.reference, *app.settings);
  enterprise::RegisterEnterpriseRoutes(router, *app.enterprises);
  resumption::RegisterResumptionRoutes(router, *app.applications);
  daily_report::RegisterDailyReportRoutes(router, *app.daily_reports);
  stats::RegisterStatsRoutes(router, *app.stats, StatsDashboardExtras(app));
  workforce::RegisterWorkforceRoutes(router, *app.workforce);
  hygiene::RegisterHygieneRoutes(router, *app.disinfections, *app.isolation);
  power::RegisterPowerRoutes(router, *app.power, *app.stats);
  finance::RegisterFinanceRoutes(router, *app.finance);
  policy::RegisterPolicyRoutes(router, *app.policies);
  supply::RegisterSupplyRoutes(router, *app.supplies);
  project::RegisterProjectRoutes(router, *app.projects, *app.stats);
  permit::RegisterPermitRoutes(router, *app.permits);
  bus::RegisterBusRoutes(router, *app.buses);
  recruitment::RegisterRecruitmentRoutes(router, *app.recruitment, *app.reference);
  inspection::RegisterInspectionRoutes(router, *app.inspections);
  notice::RegisterNoticeRoutes(router, *app.notices);
  tip::RegisterTipRoutes(router, *app.tips, *app.reference);
  notification::RegisterNotificationRoutes(router, *app.notifications);
  responsibility::RegisterResponsibilityRoutes(router, *app.responsibility, *app.visits);
  demand::RegisterDemandRoutes(router, *app.demands);
  retention::RegisterRetentionRoutes(router, *app.retention);
  // Overdue demands and rectifications escalate, every minute (SharedJob: in
  // one server process only when several share the database).
  Periodic demand_escalation =
      SharedJob(app, "demand escalation", std::chrono::seconds(60), [&app]() -> Result<int64_t> {
        ASSIGN_OR_RETURN(int n, app.demands->RunEscalation());
        return int64_t(n);
      });
  Periodic inspection_escalation = SharedJob(app, "inspection escalation", std::chrono::seconds(60),
                                             [&app] { return app.inspections->EscalateOverdue(); });
  // Expired personal data goes once a business day (checked hourly, not at start).
  Periodic retention_purge = SharedJob(app, "retention purge", std::chrono::hours(1),
                                       [&app] { return app.retention->DailyPurge(); });
  app.workforce->StartRefresher();
  if (!web_root.empty() && std::filesystem::exists(web_root + "/index.html")) {
    router.SetFallback(http::StaticFiles(web_root));
  } else {
    spdlog::warn("web UI not found at '{}': serving the API only", web_root);
  }

  http::ServerOptions options;
  options.port = port;
  // One I/O thread per core (the gate's check-ins run on them); FUGONG_IO_THREADS overrides.
  options.io_threads = int(std::max(1u, std::thread::hardware_concurrency()));
  if (const char* n = std::getenv("FUGONG_IO_THREADS"); n && std::atoi(n) > 0)
    options.io_threads = std::atoi(n);
  options.on_stop = [&app] { app.workforce->alerts().Shutdown(); };
  if (const char* instance = std::getenv("FUGONG_INSTANCE")) options.instance = instance;
  http::Server server(options, router);
  std::string error;
  if (!server.Bind(&error)) {
    spdlog::error("cannot listen on port {}: {}", port, error);
    return 1;
  }
  spdlog::info("fugong serving on http://localhost:{} ({})", server.port(), app.db->Describe());
  server.Run();
  spdlog::info("fugong stopped");
  return 0;
}

}  // namespace fugong::app
