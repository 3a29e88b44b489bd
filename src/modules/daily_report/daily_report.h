// Daily reports (日报告 / 零报告, SPEC §3.4): plain structs and the pure rules
// the service applies — the deadline of a business date, lateness, zero-report
// detection and the bounds of every figure. No I/O here, so the rules are
// unit-tested without a database.
//
// A report of business date D is due by the region's `report_deadline`
// ("HH:MM", Asia/Shanghai) on D+1. A report whose figures are all zero is a
// zero report (零报告): filed, stored with zeros and is_zero = true, which is
// never the same as "not filed" (no row).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace fugong::daily_report {

// The figures of one report. Every one of them is required on filing.
struct Figures {
  int64_t on_duty = 0;                   // 在岗人数
  int64_t returned = 0;                  // 返岗人数
  int64_t returned_out_of_province = 0;  // 其中外省返岗
  int64_t quarantined = 0;               // 隔离观察
  int64_t fever = 0;                     // 发热
  double load_percent = 0;               // 生产负荷, % of normal (0–300)
  double output_value = 0;               // 产值, 万元
  double output_quantity = 0;            // 产量, in the enterprise's capacity unit
  int64_t masks = 0;                     // 口罩库存
  double disinfectant = 0;               // 消毒液库存, kg

  bool operator==(const Figures&) const = default;
};

// One stored version of a report.
struct DailyReport {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string uscc;             // read only (joined)
  std::string enterprise_name;  // read only
  std::string region_code;      // read only: the enterprise's own unit
  std::string region_name;      // read only
  std::string date;             // business date YYYY-MM-DD
  int64_t version = 1;
  bool current = true;
  bool late = false;           // the date's first version came after the deadline
  bool received_late = false;  // this version came after the deadline
  bool is_zero = false;
  Figures figures;
  std::string problems;
  std::string deadline_at;         // ISO timestamp +08:00
  std::string first_submitted_at;  // when version 1 arrived
  std::string submitted_at;
  std::optional<int64_t> submitted_by;
  std::string submitted_by_name;  // read only
  // The enterprise's region codes, copied onto the row.
  std::string province_code, city_code, county_code, town_code;
};

// What the statistics module reads: the current version of one report.
struct ReportFact {
  int64_t enterprise_id;
  bool late;
  bool is_zero;
  int64_t on_duty;
  int64_t returned;
  double output_value;
  double load_percent;
  int64_t fever;
};

// Filters of the region listing (GET /daily-reports).
struct ReportFilter {
  std::string region_code;      // subtree; "" = the whole scope
  std::string date;             // required
  std::optional<bool> late;     // only late (true) or only on time (false)
  std::optional<bool> is_zero;  // only zero reports, or only non-zero ones
};

// An enterprise whose last `reports` current reports are identical in every
// figure (copied answers, SPEC §3.4), with whom the cadre should call.
struct CopiedRun {
  int64_t enterprise_id = 0;
  std::string uscc, name, region_code, region_name;
  std::string contact, phone, cadre, cadre_rank, grid;
  int64_t reports = 0;
  std::string from, to;  // first and last date of the run
  Figures figures;       // the repeated figures
};

// Bounds. Headcounts are also bounded by twice the registry's employees.
inline constexpr double kMaxLoadPercent = 300;
inline constexpr double kMaxOutputValue = 1e7;  // 万元 per day
inline constexpr double kMaxOutputQuantity = 1e12;
inline constexpr int64_t kMaxMasks = 100'000'000;
inline constexpr double kMaxDisinfectant = 1e7;  // kg
inline constexpr long kMaxProblemsChars = 500;
inline constexpr std::string_view kEarliestDate = "2020-01-01";
inline constexpr std::string_view kDefaultDeadline = "10:00";
// Copied-run detection: the number of reports compared, and how far back
// (days × kCopiedLookbackFactor before `to`) a run's reports may lie.
inline constexpr int kCopiedDefaultDays = 7;
inline constexpr int kCopiedMinDays = 3;
inline constexpr int kCopiedMaxDays = 60;
inline constexpr int kCopiedLookbackFactor = 3;

// True when every figure is zero (零报告). The problems text does not count.
bool IsZeroReport(const Figures& f);

// The deadline of business date `date`: `hhmm` ("HH:MM", Asia/Shanghai) on
// the next day. A malformed `hhmm` falls back to kDefaultDeadline.
std::chrono::system_clock::time_point DeadlineOf(Days date, std::string_view hhmm);
// Received strictly after the deadline. A report at the deadline is on time.
bool IsLate(std::chrono::system_clock::time_point received,
            std::chrono::system_clock::time_point deadline);

// A business date that may be reported on `today`: a real date
// YYYY-MM-DD, not before kEarliestDate and not after `today`. Errors name
// `field`.
Result<Days> ValidateReportDate(std::string_view text, Days today,
                                const std::string& field = "date");

// Bounds of every figure; headcounts are at most twice `employees` (the
// registry's figure); of-whom counts not above their total. Errors name the
// field, in zh and en.
Status ValidateFigures(const Figures& f, int64_t employees);
// The problems text: valid UTF-8 of at most kMaxProblemsChars characters.
Status ValidateProblems(const std::string& problems);

// Finds copied answers (抄报): enterprises whose last `n` reports are identical
// in every figure. Feed each enterprise's current reports in ascending date
// order (enterprises may interleave); a run of zero reports is not flagged —
// an idle site honestly reporting zeros is not copying. Not thread-safe.
class CopiedRunDetector {
 public:
  explicit CopiedRunDetector(int n) : n_(n) {}
  void Add(int64_t enterprise_id, const std::string& date, const Figures& f);
  // The runs found, ordered by enterprise id; only enterprise_id, reports,
  // from, to and figures are filled.
  std::vector<CopiedRun> Runs() const;

 private:
  struct Trail {
    Figures last;
    int64_t run = 0;                 // trailing identical reports
    std::vector<std::string> dates;  // the last n dates, a ring
    size_t next = 0;                 // ring position of the oldest
  };
  int n_;
  std::unordered_map<int64_t, Trail> trails_;
};

// The Chinese label of each figure, for messages and exports.
std::string_view FigureZh(std::string_view field);

}  // namespace fugong::daily_report
