// Electricity cross-check service (SPEC §3.5 复工电力指数): imports the
// utility's daily readings (by USCC or mapped meter, several meters summed,
// idempotent per enterprise, meter and day, row-level errors), keeps the
// meter mapping and the per-region configuration, computes the baseline
// from the imported history, the power-based rates beside the reported ones
// over the same base as the statistics (RegistrySnapshot), the daily series,
// and the disagreements a cadre checks, with their explanations.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/power/power.h"
#include "modules/stats/stats_service.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/user.h"

namespace fugong::power {

// The day's reported load (生产负荷, % of normal) per enterprise.
using LoadSource = std::function<Result<std::map<int64_t, double>>(const std::string& date)>;

class PowerService {
 public:
  PowerService(db::Database& db, const system::ReferenceService& reference,
               stats::StatsService& stats, LoadSource loads)
      : db_(db), reference_(reference), stats_(stats), loads_(std::move(loads)) {}
  PowerService(const PowerService&) = delete;
  PowerService& operator=(const PowerService&) = delete;

  // Imports a utility file (XLSX or CSV). File-level problems (not a table,
  // missing column) fail the whole file; row problems reject the row only.
  Result<ImportResult> Import(const std::string& path, const system::Principal& by);

  Result<std::vector<Meter>> Meters(const std::string& uscc, const system::Principal& by,
                                    const system::Page& page, int64_t* total);
  Result<Meter> CreateMeter(const std::string& meter_no, const std::string& uscc,
                            const std::string& note, const system::Principal& by);
  Status DeleteMeter(int64_t id, const system::Principal& by);

  // The configuration in force in a region (level 0: the default).
  Result<Config> ConfigFor(const system::Region& region);
  Result<Config> SaveConfig(Config cfg, const system::Principal& by);
  // The configuration in force for `region_code` ("" the default) as a
  // starting point for a change there: region_code set to it.
  Result<Config> ConfigIn(const std::string& region_code, const system::Principal& by);

  // `q` resolved by StatsService::Resolve with the caller's scope.
  Result<PowerRates> Rates(const stats::Query& q);
  // One point per day from `from` to q.date (at most 92 days).
  Result<std::vector<SeriesPoint>> Series(const stats::Query& q, const std::string& from);
  // kind: resumed_no_power | power_not_reported | load_mismatch | no_data;
  // cadre: "" for all.
  Result<std::vector<EnterprisePower>> Disagreements(const stats::Query& q, const std::string& kind,
                                                     const std::string& cadre);
  Status Explain(Explanation e, const system::Principal& by);
  // The whole lists as XLSX/CSV files (system/export.h); returns the path.
  Result<std::string> ExportMeters(const std::string& uscc, io::TableFormat format,
                                   const system::Principal& by);
  Result<std::string> ExportDisagreements(const stats::Query& q, const std::string& kind,
                                          const std::string& cadre, io::TableFormat format);
  // Tells each responsible cadre (包保干部) how many of their enterprises
  // disagree on `date` without an explanation (one notification each);
  // returns the number of cadres notified. Run after every import.
  Result<int64_t> NotifyDisagreements(const std::string& date);

 private:
  // Every enterprise of the base of q with its power; fills `rates`.
  Result<std::vector<EnterprisePower>> Compute(const stats::Query& q, PowerRates* rates);

  db::Database& db_;
  const system::ReferenceService& reference_;
  stats::StatsService& stats_;
  LoadSource loads_;
};

}  // namespace fugong::power
