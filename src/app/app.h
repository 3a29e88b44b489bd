// The application: one database and the services every command shares.
// Opening it migrates the schema and loads the built-in reference data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/daily_report/daily_report_service.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/hygiene/disinfection_service.h"
#include "modules/hygiene/isolation_service.h"
#include "modules/resumption/application_service.h"
#include "modules/stats/stats_service.h"
#include "modules/notification/notification_service.h"
#include "modules/workforce/workforce.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user_service.h"

namespace fugong::app {

struct App {
  std::unique_ptr<db::Database> db;
  std::unique_ptr<system::ReferenceService> reference;
  std::unique_ptr<system::SettingsService> settings;
  std::unique_ptr<system::UserService> users;
  std::unique_ptr<enterprise::EnterpriseService> enterprises;
  std::unique_ptr<resumption::ApplicationService> applications;
  std::unique_ptr<daily_report::DailyReportService> daily_reports;
  // Statistics read the other modules through the sources wired in app.cc.
  std::unique_ptr<stats::StatsService> stats;
  // Workforce health, pass codes and gate check-in; holds references to the
  // services above, so it is declared (and destroyed) last.
  std::unique_ptr<notification::NotificationService> notifications;
  std::unique_ptr<workforce::Workforce> workforce;
  // Site hygiene (disinfection rounds, isolation rooms); uses the roster, so after workforce.
  std::unique_ptr<hygiene::IsolationService> isolation;
  std::unique_ptr<hygiene::DisinfectionService> disinfections;
};

// The database URL from --db, else FUGONG_DB, else "fugong.db".
std::string DatabaseUrl(const std::string& flag_value);

Result<std::unique_ptr<App>> OpenApp(const std::string& db_url, int pool_size = 8);

// Commands (app/*.cc); each returns the process exit code.
int Serve(App& app, int port, const std::string& web_root);
int Demo(App& app, const std::string& scale);
// The demo's daily reports (app/demo_daily_report.cc), for every enterprise
// of the database while it is resumed, up to 2020-03-31.
Status DemoDailyReports(App& app);
// The demo's resumption applications (app/demo_resumption.cc) in every state,
// for a few hundred enterprises under `root_code`, consistent with their
// status history.
Status DemoApplications(App& app, const std::string& root_code);
// The demo's rosters, gates, cards, holds and weeks of check-ins
// (app/demo_workforce.cc); the demo user "employee" is linked to the first
// employee of `first_uscc`.
Status DemoWorkforce(App& app, const std::string& first_uscc, bool province);
// Shared by the demo generators: the demo users' password, and a fixed list
// of plausible Chinese personal names.
const char* DemoPassword();
const std::vector<std::string>& DemoPersonNames();
// The demo's site hygiene (app/demo_hygiene.cc): sites with scheduled areas,
// the last days' disinfection rounds with some missing, isolation rooms, for
// the enterprise `uscc` and a few others of its county.
Status SeedHygieneDemo(App& app, const std::string& uscc);

}  // namespace fugong::app
