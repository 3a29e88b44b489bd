// Statistics service (SPEC §3.5, §4): rates for any region subtree, category
// and date computed from the dated status history; daily series; drill-down
// to child regions and to the enterprises behind any count; reporting
// completeness and timeliness; the 14-day forecast; the bulletin; the
// government report forms. Reads an in-memory RegistrySnapshot that reloads
// when the "registry" data version changes (any process's write).
// Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "db/database.h"
#include "modules/stats/snapshot.h"
#include "modules/stats/stats.h"
#include "modules/stats/stats_repository.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"

namespace fugong::stats {

// The day's current reports in a region subtree (level 0 = everywhere).
using ReportSource = std::function<Result<std::vector<ReportFact>>(
    const std::string& date, const std::string& region_code, int region_level)>;
// (enterprise id, distinct employees admitted at its gates) on `date`.
using OnDutySource =
    std::function<Result<std::vector<std::pair<int64_t, int64_t>>>(const std::string& date)>;
// Planned dates of applications that are pending or approved.
using PlanSource = std::function<Result<std::vector<PlannedFact>>()>;
// The rates by electricity of a query (the `power` block of the rates).
struct Query;
using PowerSource = std::function<Result<PowerFigures>(const Query&)>;
// Bulletin placeholders "<prefix>.…" of another module (nullopt: unknown name).
using PlaceholderSource =
    std::function<Result<std::optional<std::string>>(const Query&, const std::string& name)>;

// A resolved query: region (level 0 = all), date, category.
struct Query {
  system::Region region;
  int32_t day = 0;
  std::string date;
  std::string category = "all";
};

class StatsService {
 public:
  StatsService(db::Database& db, const system::ReferenceService& reference,
               const system::SettingsService& settings, ReportSource reports, PlanSource plans,
               OnDutySource on_duty = nullptr)
      : db_(db),
        reference_(reference),
        settings_(settings),
        reports_(std::move(reports)),
        plans_(std::move(plans)),
        on_duty_(std::move(on_duty)) {}
  StatsService(const StatsService&) = delete;
  StatsService& operator=(const StatsService&) = delete;

  // Validates and resolves region (default: the scope's root), date (default:
  // today; within the history) and category (a glossary code name or "all").
  Result<Query> Resolve(const std::string& region, const std::string& date,
                        const std::string& category, const system::Scope& scope);

  Result<Rates> ComputeRates(const Query& q);
  // Wired once at start-up, before serving (the power module reads the snapshot).
  void SetPowerSource(PowerSource power) { power_ = std::move(power); }
  // Wired once at start-up: {prefix.…} placeholders answered by another module.
  void AddPlaceholderSource(const std::string& prefix, PlaceholderSource source) {
    placeholders_[prefix] = std::move(source);
  }
  // One Rates per child region of q.region.
  Result<std::vector<Rates>> Children(const Query& q);
  Result<std::vector<SeriesPoint>> Series(const Query& q, const std::string& from);
  // Enterprises behind a measure (kMeasures), paged.
  Result<std::vector<EnterpriseRow>> Enterprises(const Query& q, const std::string& measure,
                                                 const system::Page& page, int64_t* total);
  // Completeness and timeliness, and the enterprises that did not report.
  Result<ReportingFigures> Reporting(const Query& q, const system::Page& page,
                                     std::vector<EnterpriseRow>* missing, int64_t* missing_total);
  Result<Forecast> ForecastFrom(const Query& q);

  // The bulletin from a template (stored id, or `body`, or the default).
  Result<std::string> Bulletin(const Query& q, std::optional<int64_t> template_id,
                               const std::string& body);
  Result<std::vector<BulletinTemplate>> Templates(const system::Scope& scope);
  Result<BulletinTemplate> SaveTemplate(BulletinTemplate t, const system::Principal& by);
  Status DeleteTemplate(int64_t id, const system::Principal& by);

  // Government report forms as a new XLSX file: "regions" (per child region
  // totals and rates) or "not_resumed" (the list with reasons).
  Result<std::string> ReportForm(const Query& q, const std::string& form);

  // The snapshot, reloaded when the registry changed. Never null.
  Result<std::shared_ptr<const RegistrySnapshot>> Snapshot();

 private:
  using ReportMap = std::unordered_map<int64_t, ReportFact>;
  // Every current report of `date` (all regions), cached per date until the
  // "daily_reports" data version changes: one query serves every region.
  Result<std::shared_ptr<const ReportMap>> ReportsOn(const std::string& date);
  using OnDutyMap = std::unordered_map<int64_t, int64_t>;
  // The gates' on-duty headcounts of `date` per enterprise (SPEC §4 返岗率:
  // an enterprise with admitted employees that day counts them instead of
  // its report's figure). Today's are cached for kOnDutyTtl, past days' until
  // evicted (their entry logs no longer change).
  Result<std::shared_ptr<const OnDutyMap>> OnDutyOn(const std::string& date);
  bool InRegion(const Fact& f, const system::Region& r) const;
  Result<std::string> Lookup(const Query& q, const std::string& name);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  ReportSource reports_;
  PlanSource plans_;
  OnDutySource on_duty_;
  PowerSource power_;
  std::map<std::string, PlaceholderSource> placeholders_;
  std::mutex mu_;
  std::shared_ptr<const RegistrySnapshot> snapshot_;
  std::mutex reports_mu_;
  int64_t reports_version_ = -1;
  std::map<std::string, std::shared_ptr<const ReportMap>> reports_by_date_;
  struct CachedOnDuty {
    std::chrono::steady_clock::time_point loaded;
    std::shared_ptr<const OnDutyMap> map;
  };
  std::mutex on_duty_mu_;
  std::map<std::string, CachedOnDuty> on_duty_by_date_;
};

}  // namespace fugong::stats
