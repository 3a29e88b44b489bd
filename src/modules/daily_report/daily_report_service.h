// Rules of daily reporting (SPEC §3.4): who may file for which enterprise,
// validation of every figure, the region's deadline and lateness (decided by
// the first version of a date), versioned corrections (one transaction: the
// old version stops counting, the new one counts), scope on every read, the
// region listing and its export, copied-run detection, and the facts and
// totals the statistics module computes its rates from. Thread-safe.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "modules/daily_report/daily_report.h"
#include "modules/daily_report/daily_report_repository.h"
#include "modules/enterprise/enterprise_service.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"

namespace fugong::daily_report {

class DailyReportService {
 public:
  DailyReportService(db::Database& db, const system::ReferenceService& reference,
                     const system::SettingsService& settings,
                     enterprise::EnterpriseService& enterprises)
      : db_(db), reference_(reference), settings_(settings), enterprises_(enterprises) {}
  DailyReportService(const DailyReportService&) = delete;
  DailyReportService& operator=(const DailyReportService&) = delete;

  // Files the report of `date` for the enterprise `uscc` as `by` (its own
  // enterprise account, or a cadre/admin on its behalf). Filing again for
  // the same date stores a new version that replaces the old one. Returns the
  // stored version. NotFound outside `by`'s scope; InvalidArgument naming the
  // field for a bad date or figure.
  Result<DailyReport> Submit(const std::string& uscc, const std::string& date,
                             const Figures& figures, const std::string& problems,
                             const system::Principal& by);

  // Current versions of one enterprise in [from, to] ("" = open), newest
  // first, at most `limit`.
  Result<std::vector<DailyReport>> ListForEnterprise(const std::string& uscc,
                                                     const std::string& from, const std::string& to,
                                                     const system::Scope& scope, int limit = 1000);
  // Every version of one date, oldest first (NotFound when there is none).
  Result<std::vector<DailyReport>> Versions(const std::string& uscc, const std::string& date,
                                            const system::Scope& scope);

  // Current reports of a date in a region subtree within the scope, paged.
  Result<std::vector<DailyReport>> List(const ReportFilter& filter, const system::Scope& scope,
                                        const system::Page& page, int64_t* total);
  // The same list, unpaged, written to a new temporary file; returns its path.
  Result<std::string> Export(const ReportFilter& filter, enterprise::ExportFormat format,
                             const system::Scope& scope);

  // Enterprises whose last `days` reports up to `to` ("" = today) are
  // identical in every figure (zero reports excluded), within the scope.
  Result<std::vector<CopiedRun>> Copied(const std::string& region_code, int days,
                                        const std::string& to, const system::Scope& scope);

  // For the statistics module: the current version of every report of `date`
  // in the subtree of `region_code` (of level `region_level`; "" = the whole
  // scope), in one query.
  Result<std::vector<ReportFact>> FactsOn(const std::string& date, const system::Scope& scope,
                                          const std::string& region_code, int region_level);
  // Per date in [from, to] (at most 400 days): (Σ on_duty, Σ output_value in
  // hundredths of 万元, i.e. round(Σ × 100)). Dates without reports are absent.
  Result<std::map<std::string, std::pair<int64_t, int64_t>>> DailyTotals(
      const std::string& from, const std::string& to, const system::Scope& scope,
      const std::string& region_code, int region_level);

  // The deadline of `date` for an enterprise in `region_code` (its effective
  // `report_deadline` setting on the next day).
  std::chrono::system_clock::time_point DeadlineFor(Days date,
                                                    const std::string& region_code) const;

 private:
  // The reach of a region query; sets *empty when the region lies outside
  // the scope (the answer is then empty, never an error that leaks).
  Result<Reach> ReachOf(const std::string& region_code, const system::Scope& scope,
                        bool* empty) const;

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  enterprise::EnterpriseService& enterprises_;
};

}  // namespace fugong::daily_report
