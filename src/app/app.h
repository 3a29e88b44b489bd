// The application: one database and the services every command shares.
// Opening it migrates the schema and loads the built-in reference data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/bus/bus_service.h"
#include "modules/daily_report/daily_report_service.h"
#include "modules/demand/demand_service.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/finance/finance_service.h"
#include "modules/hygiene/disinfection_service.h"
#include "modules/hygiene/isolation_service.h"
#include "modules/inspection/inspection_service.h"
#include "modules/notice/notice_service.h"
#include "modules/notification/notification_service.h"
#include "modules/permit/permit_service.h"
#include "modules/policy/policy_service.h"
#include "modules/power/power_service.h"
#include "modules/project/project_service.h"
#include "modules/recruitment/recruitment_service.h"
#include "modules/responsibility/responsibility_service.h"
#include "modules/responsibility/visit_service.h"
#include "modules/resumption/application_service.h"
#include "modules/retention/retention_service.h"
#include "modules/stats/stats_service.h"
#include "modules/supply/supply_service.h"
#include "modules/tip/tip_service.h"
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
  // Inspections and rectification (reads the hygiene summary on the form).
  std::unique_ptr<inspection::InspectionService> inspections;
  // Notices to enterprises with read receipts; whistle-blower tips (contacts
  // sealed with a key derived from the workforce seal key, so after workforce).
  std::unique_ptr<notice::NoticeService> notices;
  std::unique_ptr<tip::TipService> tips;
  // 包保: chains of responsibility, visits, the cadre's workbench.
  std::unique_ptr<responsibility::ResponsibilityService> responsibility;
  std::unique_ptr<responsibility::VisitService> visits;
  // Demands (诉求台账) with SLA clocks, escalation and the assessment.
  std::unique_ptr<demand::DemandService> demands;
  // Electricity cross-check (复工电力指数): reads the statistics snapshot and the day's reports.
  std::unique_ptr<power::PowerService> power;
  // Financing (融资对接) and policies (惠企政策); policies read the daily reports' headcounts.
  std::unique_ptr<finance::FinanceService> finance;
  std::unique_ptr<policy::PolicyService> policies;
  // Epidemic-prevention supplies: warehouses, ledger, needs, allocations, 转产 registry.
  std::unique_ptr<supply::SupplyService> supplies;
  // Key projects (重点项目): registry, reports, sites, rates; linked demands and bulletin
  // placeholders.
  std::unique_ptr<project::ProjectService> projects;
  // Retention of personal data: the daily purge, its log, the kept gate headcounts.
  std::unique_ptr<retention::RetentionService> retention;
  // Transport permits (通行证): signing key derived from the workforce seal key.
  std::unique_ptr<permit::PermitService> permits;
  // Commuter buses (定制公交).
  std::unique_ptr<bus::BusService> buses;
  // Online recruitment (线上招聘): mobiles sealed with a key derived from the workforce seal key.
  std::unique_ptr<recruitment::RecruitmentService> recruitment;
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
// The demo's 包保 (app/demo_responsibility.cc): chains from the registry for
// every enterprise, cadre accounts of `county_code` (the demo user "cadre"
// among them) with their enterprises, weeks of visits and calls.
Status SeedResponsibilityDemo(App& app, const std::string& county_code);
// The demo's demands (app/demo_demand.cc): weeks of demands in every state
// and category under `root_code` (some overdue, some reopened, rated), those
// of `district` routed to the demo user "cadre", others to departments.
Status DemoDemands(App& app, const std::string& root_code, const std::string& district);
// The demo's inspections (app/demo_inspection.cc): weeks of acceptance and
// guidance tasks for the demo user "inspector", findings in every state.
Status DemoInspections(App& app, const std::string& root_code);
// The demo's notices (app/demo_notice.cc): published notices, guides and
// templates to the enterprises of `county_code` with some read and some not
// (read by accounts contact1..contact5 of a few enterprises there), and a few
// whistle-blower tips in every state.
Status SeedNoticeDemo(App& app, const std::string& county_code);
// The demo's recruitment (app/demo_recruitment.cc): jobs of enterprises under
// `root_code` in every state, job seekers (the demo user "jobseeker" among them)
// with applications, hires and key-group pushes.
Status SeedRecruitmentDemo(App& app, const std::string& root_code);
// The demo's supplies (app/demo_supply.cc): warehouses of the city and `county_code` with
// receipts, needs of its enterprises in every state, allocations through hand-over, weeks of
// own stock with some shortages, the 转产 registry, and the department user "supplies".
Status SeedSupplyDemo(App& app, const std::string& county_code);
// The demo's electricity (app/demo_power.cc): December 2019 and 2020 daily
// use of the enterprises of `county_code` following their statuses, meters,
// and a few deliberate disagreements.
Status SeedPowerDemo(App& app, const std::string& county_code);
// The demo's financing and policies (app/demo_finance.cc): banks with their users
// ("bank", "bank2"), the finance office user "jrb", weeks of financing demands of the
// enterprises of `county_code` pushed and decided (抗疫贷 within and beyond 24 hours),
// policies with rules, pushed to the eligible enterprises, applications and outcomes.
Status SeedFinancePolicyDemo(App& app, const std::string& county_code);
// The demo's key projects (app/demo_project.cc): projects of every category under
// `root_code` (most in `county_code`) with owners and contractors from the registry,
// their restart curve in the status history, weeks of project reports, linked demands
// (some resolved), a project site; the demo user "fgj" of 发展和改革局 manages them.
Status SeedProjectDemo(App& app, const std::string& root_code, const std::string& county_code);
// The demo's transport permits and commuter buses (app/demo_permit.cc): weeks of
// permits of every type and state for enterprises of `county_code` (the demo user
// "transport" of 交通运输局 reviews them), commute demand and routes.
Status SeedPermitBusDemo(App& app, const std::string& county_code);

}  // namespace fugong::app
