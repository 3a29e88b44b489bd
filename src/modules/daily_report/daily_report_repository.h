// SQL for daily reports: versions, the current-version listings of a region,
// copied-run detection, and the facts and totals the statistics module reads.
// Every region query takes a Reach (the caller's scope plus the ancestor codes
// of the region asked for) and applies it in SQL, naming the ancestors from
// the province down so that any region level is a prefix of the
// (report_date, province, city, county, town) index. No rules here.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "modules/daily_report/daily_report.h"
#include "system/principal.h"
#include "system/user.h"

namespace fugong::daily_report {

// Which current reports a region query may see.
struct Reach {
  system::Scope scope;                // always applied
  std::array<std::string, 5> path{};  // [1] province .. [4] town; "" = no condition
};

// The version that a new filing replaces.
struct Replaced {
  int64_t version = 0;
  bool late = false;
  bool is_zero = false;
  std::string first_submitted_at;
  int64_t on_duty = 0, returned = 0, fever = 0;
  double output_value = 0;
  std::string province_code, city_code, county_code, town_code;
};

// A change to the running sums of one date and region (daily_report_totals).
struct TotalsDelta {
  std::string date, province_code, city_code, county_code, town_code;
  int64_t reports = 0, late = 0, zero = 0, on_duty = 0, returned = 0, fever = 0;
  double output_value = 0;
};

// An enterprise with its dated work-status history (the demo's input).
struct EnterpriseTimeline {
  int64_t id = 0;
  int64_t employees = 0;
  int64_t employees_out_of_province = 0;
  double normal_output = 0;
  std::string region_code, province_code, city_code, county_code, town_code;
  std::vector<std::pair<std::string, std::string>> history;  // (status, effective date), in order
};

class DailyReportRepository {
 public:
  // Serialises the filings of one enterprise until the transaction ends (a
  // row lock on PostgreSQL, where READ COMMITTED would let two filings of a
  // date both see "no current version"; SQLite serialises writers anyway).
  static Status LockEnterprise(db::Connection& c, int64_t enterprise_id);
  // Clears the current flag of (enterprise, date) and returns what the
  // cleared version was, or nothing when the date had no report yet.
  static Result<std::optional<Replaced>> ClearCurrent(db::Connection& c, int64_t enterprise_id,
                                                      const std::string& date);
  static Result<int64_t> Insert(db::Connection& c, const DailyReport& r);
  // Multi-row inserts of prepared shape (the demo's bulk load).
  static Status InsertMany(db::Connection& c, const std::vector<DailyReport>& reports);
  // Readies a connection for a bulk load of millions of rows (SQLite: a page
  // cache large enough for the indexes, instead of re-reading them from the
  // operating system at every statement). Harmless elsewhere.
  static Status PrepareBulkLoad(db::Connection& c);

  static Result<std::optional<DailyReport>> Get(db::Connection& c, int64_t id);
  // Current versions of one enterprise, newest first; "" bounds are open.
  static Result<std::vector<DailyReport>> ListForEnterprise(db::Connection& c,
                                                            int64_t enterprise_id,
                                                            const std::string& from,
                                                            const std::string& to, int limit);
  // Every version of one date, oldest first.
  static Result<std::vector<DailyReport>> Versions(db::Connection& c, int64_t enterprise_id,
                                                   const std::string& date);

  // Current reports of `f.date` within `reach`, paged, in region order.
  static Result<std::vector<DailyReport>> List(db::Connection& c, const ReportFilter& f,
                                               const Reach& reach, const system::Page& page,
                                               int64_t* total);
  static Status ForEach(db::Connection& c, const ReportFilter& f, const Reach& reach,
                        const std::function<Status(const DailyReport&)>& fn);

  // The figures of every current report in [from, to] within `reach`, in
  // ascending date order (the order of the region index).
  static Status ForEachFigures(
      db::Connection& c, const Reach& reach, const std::string& from, const std::string& to,
      const std::function<void(int64_t enterprise_id, const std::string& date, const Figures&)>&
          fn);
  // Fills the enterprise's name, region, contact and cadre of each run.
  static Status FillEnterprises(db::Connection& c, std::vector<CopiedRun>* runs);

  static Result<std::vector<ReportFact>> Facts(db::Connection& c, const std::string& date,
                                               const Reach& reach);
  // Adds `deltas` to the running sums (deltas of one key are merged first).
  static Status AddToTotals(db::Connection& c, const std::vector<TotalsDelta>& deltas);
  // Per date: Σ on_duty and Σ output_value, from the running sums (or from
  // the reports themselves when the scope names an enterprise).
  static Result<std::map<std::string, std::pair<int64_t, double>>> Totals(db::Connection& c,
                                                                          const std::string& from,
                                                                          const std::string& to,
                                                                          const Reach& reach);

  // Every enterprise with its status history, in one query (the demo).
  static Result<std::vector<EnterpriseTimeline>> Timelines(db::Connection& c);
};

}  // namespace fugong::daily_report
