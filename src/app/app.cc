#include "app/app.h"

#include <cstdlib>
#include <map>

#include "core/clock.h"
#include "core/crypto.h"
#include "db/migrator.h"

namespace fugong::app {
namespace {

// The day's reports for statistics (SPEC §4 返岗率, 产能恢复率, completeness).
stats::ReportSource StatsReportSource(App& app) {
  return [&app](const std::string& date, const std::string& region_code,
                int region_level) -> Result<std::vector<stats::ReportFact>> {
    ASSIGN_OR_RETURN(auto facts, app.daily_reports->FactsOn(date, system::Scope::All(), region_code,
                                                            region_level));
    std::vector<stats::ReportFact> out;
    out.reserve(facts.size());
    for (const auto& f : facts)
      out.push_back(
          {f.enterprise_id, f.late, f.is_zero, f.on_duty, f.output_value, f.load_percent});
    return out;
  };
}

// The gates' on-duty headcounts (SPEC §4 返岗率 from check-ins).
stats::OnDutySource StatsOnDutySource(App& app) {
  return [&app](const std::string& date) -> Result<std::vector<std::pair<int64_t, int64_t>>> {
    if (!app.workforce) return std::vector<std::pair<int64_t, int64_t>>{};
    // A day whose entry logs were purged answers from the headcounts kept before.
    if (app.retention) {
      ASSIGN_OR_RETURN(auto kept, app.retention->KeptOnDuty(date));
      if (kept) return std::move(*kept);
    }
    return app.workforce->checkins().OnDutyAll(date);
  };
}

// Planned resumption dates of pending and approved applications (forecast).
stats::PlanSource StatsPlanSource(App& app) {
  return [&app]() -> Result<std::vector<stats::PlannedFact>> {
    ASSIGN_OR_RETURN(auto plans, app.applications->PlannedResumptions(system::Scope::All()));
    std::vector<stats::PlannedFact> out;
    out.reserve(plans.size());
    for (const auto& p : plans) out.push_back({p.enterprise_id, p.planned_date, p.state});
    return out;
  };
}

// The day's reported load per enterprise (electricity cross-check: load vs power rate).
power::LoadSource PowerLoadSource(App& app) {
  return [&app](const std::string& date) -> Result<std::map<int64_t, double>> {
    ASSIGN_OR_RETURN(auto facts, app.daily_reports->FactsOn(date, system::Scope::All(), "", 0));
    std::map<int64_t, double> out;
    for (const auto& f : facts)
      if (!f.is_zero) out[f.enterprise_id] = f.load_percent;
    return out;
  };
}

// The rates by electricity beside the reported ones (the `power` block of the rates).
stats::PowerSource StatsPowerSource(App& app) {
  return [&app](const stats::Query& q) -> Result<stats::PowerFigures> {
    ASSIGN_OR_RETURN(auto r, app.power->Rates(q));
    return stats::PowerFigures{r.threshold,        r.base, r.with_data, r.without_data, r.resumed,
                               r.reported_resumed, r.use,  r.baseline,  r.label};
  };
}

// Tips per client address (FUGONG_TIP_HOURLY_LIMIT, FUGONG_TIP_DAILY_LIMIT override 5 and 20).
tip::Limits TipLimits() {
  tip::Limits l;
  if (const char* v = std::getenv("FUGONG_TIP_HOURLY_LIMIT"); v && std::atoll(v) > 0)
    l.hourly = std::atoll(v);
  if (const char* v = std::getenv("FUGONG_TIP_DAILY_LIMIT"); v && std::atoll(v) > 0)
    l.daily = std::atoll(v);
  return l;
}

}  // namespace

std::string DatabaseUrl(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("FUGONG_DB"); env && *env) return env;
  return "fugong.db";
}

Result<std::unique_ptr<App>> OpenApp(const std::string& db_url, int pool_size) {
  if (!crypto::InitCrypto()) return Internal("libsodium failed to initialise");
  auto app = std::make_unique<App>();
  ASSIGN_OR_RETURN(app->db, db::Database::Open(db_url, pool_size));
  ASSIGN_OR_RETURN(int applied, db::Migrate(*app->db));
  (void)applied;
  app->reference = std::make_unique<system::ReferenceService>(*app->db);
  RETURN_IF_ERROR(app->reference->LoadBuiltin());
  app->settings = std::make_unique<system::SettingsService>(*app->db, *app->reference);
  app->users = std::make_unique<system::UserService>(*app->db, *app->reference);
  app->enterprises = std::make_unique<enterprise::EnterpriseService>(*app->db, *app->reference);
  app->applications = std::make_unique<resumption::ApplicationService>(
      *app->db, *app->reference, *app->settings, *app->enterprises);
  app->daily_reports = std::make_unique<daily_report::DailyReportService>(
      *app->db, *app->reference, *app->settings, *app->enterprises);
  app->stats = std::make_unique<stats::StatsService>(*app->db, *app->reference, *app->settings,
                                                     StatsReportSource(*app), StatsPlanSource(*app),
                                                     StatsOnDutySource(*app));
  app->notifications = std::make_unique<notification::NotificationService>(*app->db);
  ASSIGN_OR_RETURN(app->workforce, workforce::Workforce::Open(
                                       *app->db, *app->reference, *app->settings, *app->enterprises,
                                       *app->users, workforce::KeyFilePath(db_url)));
  app->isolation = std::make_unique<hygiene::IsolationService>(
      *app->db, *app->reference, *app->enterprises, app->workforce->employees());
  app->disinfections = std::make_unique<hygiene::DisinfectionService>(
      *app->db, *app->reference, *app->enterprises, *app->isolation);
  app->notices = std::make_unique<notice::NoticeService>(*app->db, *app->reference);
  app->tips = std::make_unique<tip::TipService>(*app->db, *app->reference, *app->users,
                                                app->workforce->keys().seal, TipLimits());
  app->responsibility =
      std::make_unique<responsibility::ResponsibilityService>(*app->db, *app->reference);
  app->visits = std::make_unique<responsibility::VisitService>(
      *app->db, *app->reference, *app->responsibility,
      [a = app.get()](const std::string& date,
                      const system::Scope& scope) -> Result<std::vector<int64_t>> {
        ASSIGN_OR_RETURN(auto facts, a->daily_reports->FactsOn(date, scope, "", 0));
        std::vector<int64_t> ids;
        for (const auto& f : facts) ids.push_back(f.enterprise_id);
        return ids;
      });
  app->inspections = std::make_unique<inspection::InspectionService>(*app->db, *app->reference,
                                                                     *app->disinfections);
  app->demands = std::make_unique<demand::DemandService>(*app->db, *app->reference, *app->settings,
                                                         *app->enterprises);
  // The cadre's workbench counts the open demands in the cadre's queue.
  app->visits->SetOpenDemandsSource([a = app.get()](const system::Principal& p) -> Result<int64_t> {
    demand::DemandFilter f;
    f.mine = true;
    int64_t total = 0;
    RETURN_IF_ERROR(a->demands->List(f, p, system::Page{1, 1}, &total).status());
    return total;
  });
  app->power = std::make_unique<power::PowerService>(*app->db, *app->reference, *app->stats,
                                                     PowerLoadSource(*app));
  app->stats->SetPowerSource(StatsPowerSource(*app));
  app->supplies = std::make_unique<supply::SupplyService>(*app->db, *app->reference, *app->settings,
                                                          *app->enterprises);
  // Key projects: bulletin placeholders {project.…}, demands linked to a project, project sites.
  app->projects = std::make_unique<project::ProjectService>(*app->db, *app->reference,
                                                            *app->settings, *app->stats);
  app->stats->AddPlaceholderSource("project",
                                   [a = app.get()](const stats::Query& q, const std::string& name) {
                                     return a->projects->Placeholder(q, name);
                                   });
  app->demands->SetProjectCheck(project::ProjectService::CheckDemandProject);
  app->projects->SetSiteCreator([a = app.get()](const std::string& uscc, const std::string& name,
                                                const system::Principal& by) -> Result<int64_t> {
    ASSIGN_OR_RETURN(auto site, a->workforce->checkins().CreateSite(uscc, name, by));
    return site.id;
  });
  app->retention = std::make_unique<retention::RetentionService>(*app->db, *app->settings);
  retention::InstallService(app->retention.get());
  app->permits = std::make_unique<permit::PermitService>(*app->db, *app->reference, *app->settings,
                                                         *app->users, app->workforce->keys().seal);
  app->buses = std::make_unique<bus::BusService>(*app->db, *app->reference, *app->settings);
  app->recruitment = std::make_unique<recruitment::RecruitmentService>(
      *app->db, *app->reference, *app->settings, *app->users, *app->enterprises,
      app->workforce->keys().seal, recruitment::LimitsFromEnvironment());
  app->finance = std::make_unique<finance::FinanceService>(*app->db, *app->reference,
                                                           *app->settings, *app->enterprises);
  app->policies = std::make_unique<policy::PolicyService>(
      *app->db, *app->reference, *app->settings, *app->enterprises,
      [a = app.get()](const std::string& from, const std::string& to)
          -> Result<std::map<int64_t, std::pair<int64_t, int64_t>>> {
        // Returned staff of each enterprise's first and last report in [from, to].
        std::map<int64_t, std::pair<int64_t, int64_t>> out;
        auto d = ParseDate(from), end = ParseDate(to);
        for (; d && end && *d <= *end; *d += std::chrono::days(1)) {
          ASSIGN_OR_RETURN(auto facts,
                           a->daily_reports->FactsOn(FormatDate(*d), system::Scope::All(), "", 0));
          for (const auto& f : facts) {
            auto [it, fresh] = out.emplace(f.enterprise_id, std::make_pair(f.returned, f.returned));
            if (!fresh) it->second.second = f.returned;
          }
        }
        return out;
      });
  return app;
}

}  // namespace fugong::app
