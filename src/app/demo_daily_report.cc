// The demo's daily reports (日报): for every enterprise of the database, a
// report per business date while its status history says it is resumed, from
// its work_resumed date (continuous producers: from 2020-02-03, when daily
// reporting began) to 2020-03-31 (or yesterday, if the clock is earlier).
// Figures follow the enterprise's recovery: on-duty staff rise after the
// return, output follows the production load of its status. About 8% of the
// days are missing, 5% arrive after the deadline, 10% of the fever-free days
// are plain zero reports (no activity that day), a few enterprises copy the
// same answers day after day at the end, and a handful of reports are
// corrected (two versions). A fixed seed makes every run the same.
// Reports are generated day by day (as they really arrive, so the rows of a
// date lie together on disk) and inserted as multi-row statements of one
// prepared shape in large transactions on one connection; the running sums
// (daily_report_totals) are added once at the end. SQLite: the city's ~350k
// reports take ~4 s, the province's ~3.5M ~50 s.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/versions.h"
#include "modules/daily_report/daily_report.h"
#include "modules/daily_report/daily_report_repository.h"

namespace fugong::app {
namespace {

using daily_report::DailyReport;
using daily_report::DailyReportRepository;
using daily_report::EnterpriseTimeline;
using daily_report::Figures;
using daily_report::TotalsDelta;
using std::chrono::days;

constexpr size_t kRowsPerBatch = 20000;
constexpr size_t kRowsPerTransaction = 500000;
constexpr const char* kProblems[] = {
    "口罩库存不足，采购困难",         "原材料供应紧张，上游企业尚未复工", "外省员工无法按时返岗",
    "物流运输受阻，产品发不出去",     "资金周转困难，希望协调贷款",       "测温枪数量不足",
    "员工通勤困难，希望开通定制公交", "订单减少，产能利用率低",
};

bool Resumed(const std::string& status) {
  return status == "work_resumed" || status == "production_resumed" || status == "full_capacity" ||
         status == "continuous";
}

class Rng {
 public:
  explicit Rng(uint64_t seed) : rng_(seed) {}
  double U() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  double U(double lo, double hi) { return lo + (hi - lo) * U(); }
  bool Chance(double p) { return U() < p; }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  std::mt19937_64 rng_;
};

double Round(double v, double unit) { return std::round(v / unit) * unit; }

// What one enterprise looks like on a day of its recovery.
struct Day {
  std::string status;
  int since_work = 0;        // days since people came back
  int since_production = 0;  // days since production resumed (when it has)
  bool sunday = false;
};

struct Habits {
  double out_share = 0;     // share of employees from outside the province
  double days_supply = 10;  // masks kept, in days of use
  double quantity_per_value = 50;
  double disinfectant_per_head = 0.1;
};

Figures Simulate(const EnterpriseTimeline& t, const Habits& h, const Day& day, Rng& rng) {
  const double employees = double(t.employees);
  double share, load;
  if (day.status == "continuous") {
    share = 0.80 + 0.15 * rng.U();
    load = rng.U(85, 100);
  } else if (day.status == "full_capacity") {
    share = 0.85 + 0.12 * rng.U();
    load = rng.U(82, 104);
  } else if (day.status == "production_resumed") {
    share = 0.45 + 0.40 * (1 - std::exp(-day.since_production / 10.0));
    load = 30 + 50 * (1 - std::exp(-day.since_production / 12.0)) + rng.U(-5, 5);
  } else {  // work_resumed: people back, little production yet
    share = 0.20 + 0.40 * (1 - std::exp(-day.since_work / 8.0));
    load = 5 + 20 * (1 - std::exp(-day.since_work / 7.0)) + rng.U(-3, 3);
  }
  share *= rng.U(0.95, 1.03) * (day.sunday ? 0.85 : 1.0);
  Figures f;
  f.on_duty = std::clamp<int64_t>(std::llround(employees * share), 0, t.employees);
  f.returned = std::min<int64_t>(t.employees, f.on_duty + std::llround(employees * rng.U(0, 0.06)));
  double arrived = std::min(1.0, (day.since_work + 3) / 25.0);
  f.returned_out_of_province =
      std::min<int64_t>(f.returned, std::llround(double(f.returned) * h.out_share * arrived));
  f.quarantined = std::llround(double(f.returned_out_of_province) *
                               std::max(0.0, 1 - day.since_work / 14.0) * 0.7);
  if (rng.Chance(std::min(0.2, double(f.on_duty) * 0.00015))) f.fever = rng.Chance(0.9) ? 1 : 2;
  f.load_percent = Round(std::clamp(load, 0.0, 300.0), 0.1);
  f.output_value = Round(t.normal_output * f.load_percent / 100 * rng.U(0.92, 1.06), 0.01);
  f.output_quantity = std::round(f.output_value * h.quantity_per_value);
  f.masks = std::llround(double(f.on_duty) * 2 * h.days_supply * rng.U(0.8, 1.2));
  f.disinfectant = Round(employees * h.disinfectant_per_head * rng.U(0.8, 1.2), 0.1);
  return f;
}

// One enterprise's reporting state while the days go by.
struct Reporter {
  const EnterpriseTimeline* t = nullptr;
  Days work{}, production{};
  bool has_production = false;
  Habits habits;
  bool copier = false;
  Days copy_from{};
  std::optional<Figures> copied;
  std::string deadline_setting;  // "HH:MM" of its region
  size_t next = 0;               // next history entry to apply
  std::string status = "suspended";
};

}  // namespace

Status DemoDailyReports(App& app) {
  auto started = std::chrono::steady_clock::now();
  std::vector<EnterpriseTimeline> timelines;
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(timelines, DailyReportRepository::Timelines(c));
    return Status::Ok();
  }));

  const Days reporting_began = *ParseDate("2020-02-03");
  const Days last = std::min(*ParseDate("2020-03-31"), Today() - days(1));
  const auto now = Now();
  Rng rng(20200331);

  std::map<std::string, std::string> deadline_setting;  // region -> "HH:MM"
  std::vector<Reporter> reporters;
  reporters.reserve(timelines.size());
  for (const EnterpriseTimeline& t : timelines) {
    Reporter r;
    r.t = &t;
    bool has_work = false;
    for (const auto& [status, date] : t.history) {
      Days d = *ParseDate(date);
      if (!has_work && Resumed(status)) {
        r.work = std::max(d, reporting_began);
        has_work = true;
      }
      if (!r.has_production &&
          (status == "production_resumed" || status == "full_capacity" || status == "continuous")) {
        r.production = d;
        r.has_production = true;
      }
    }
    if (!has_work || t.employees <= 0) continue;
    r.habits.out_share = double(t.employees_out_of_province) / double(t.employees);
    r.habits.days_supply = rng.U(3, 20);
    r.habits.quantity_per_value = std::round(rng.U(5, 200));
    r.habits.disinfectant_per_head = rng.U(0.05, 0.3);
    // A few enterprises copy one answer day after day at the end (抄报).
    r.copier = rng.Chance(0.004);
    r.copy_from = last - days(rng.Between(7, 12) - 1);
    auto it = deadline_setting.find(t.region_code);
    if (it == deadline_setting.end())
      it = deadline_setting
               .emplace(t.region_code, app.settings->Text("report_deadline", t.region_code))
               .first;
    r.deadline_setting = it->second;
    reporters.push_back(std::move(r));
  }

  std::vector<DailyReport> batch;
  batch.reserve(kRowsPerBatch + 2);
  std::map<std::array<std::string, 5>, TotalsDelta> totals;
  int64_t reports = 0, versions = 0, late = 0, zero = 0, corrected = 0;
  // One connection for the whole load, so its large page cache stays warm.
  ASSIGN_OR_RETURN(db::ConnectionPtr conn, app.db->Acquire());
  RETURN_IF_ERROR(DailyReportRepository::PrepareBulkLoad(*conn));
  auto in_transaction = [&](const std::function<Status(db::Connection&)>& fn) -> Status {
    RETURN_IF_ERROR(conn->Begin());
    Status st = fn(*conn);
    if (st.ok()) st = conn->Commit();
    if (!st.ok()) (void)conn->Rollback();
    return st;
  };
  // Few large transactions: each commit lets SQLite checkpoint its WAL, which
  // rewrites every index page touched since the last one.
  size_t uncommitted = 0;
  auto flush = [&](bool commit) -> Status {
    if (!batch.empty()) {
      if (uncommitted == 0) RETURN_IF_ERROR(conn->Begin());
      Status st = DailyReportRepository::InsertMany(*conn, batch);
      if (!st.ok()) return (void)conn->Rollback(), st;
      uncommitted += batch.size();
      versions += int64_t(batch.size());
      batch.clear();
    }
    if (uncommitted > 0 && (commit || uncommitted >= kRowsPerTransaction)) {
      Status st = db::BumpVersion(*conn, "daily_reports");
      if (st.ok()) st = conn->Commit();
      if (!st.ok()) return (void)conn->Rollback(), st;
      uncommitted = 0;
    }
    return Status::Ok();
  };

  // Day by day, as reports really arrive: the rows of a date lie together.
  for (Days d = reporting_began; d <= last; d += days(1)) {
    const std::string date = FormatDate(d);
    const bool sunday = std::chrono::weekday(d) == std::chrono::Sunday;
    // On time: from 17:00 of the day until shortly before the deadline.
    const auto open = std::chrono::system_clock::time_point(d) + std::chrono::hours(17 - 8);
    std::map<std::string, std::pair<std::chrono::system_clock::time_point, std::string>> deadlines;
    for (Reporter& rep : reporters) {
      const EnterpriseTimeline& t = *rep.t;
      while (rep.next < t.history.size() && *ParseDate(t.history[rep.next].second) <= d)
        rep.status = t.history[rep.next++].first;
      if (d < rep.work || !Resumed(rep.status)) continue;
      bool copying = rep.copier && d >= rep.copy_from;
      if (!copying && rng.Chance(0.08)) continue;  // not filed

      Day day;
      day.status = rep.status;
      day.since_work = int((d - rep.work).count());
      day.since_production =
          rep.has_production ? std::max(0, int((d - rep.production).count())) : 0;
      day.sunday = sunday;
      Figures f = Simulate(t, rep.habits, day, rng);
      if (copying) {
        if (!rep.copied) rep.copied = f;
        f = *rep.copied;
      } else if (f.fever == 0 && rng.Chance(0.10)) {
        f = Figures{};  // no activity that day: a plain zero report
      }

      auto dl = deadlines.find(rep.deadline_setting);
      if (dl == deadlines.end()) {
        auto at = daily_report::DeadlineOf(d, rep.deadline_setting);
        dl = deadlines.emplace(rep.deadline_setting, std::make_pair(at, FormatTimestamp(at))).first;
      }
      const auto deadline = dl->second.first;
      auto window = std::chrono::duration_cast<std::chrono::seconds>(deadline - open).count();
      bool send_late = !copying && rng.Chance(0.05);
      auto submitted = send_late ? deadline + std::chrono::seconds(rng.Between(600, 30 * 3600))
                                 : open + std::chrono::seconds(rng.Between(0, int(window) - 300));
      if (submitted > now) submitted = now;

      DailyReport r;
      r.enterprise_id = t.id;
      r.province_code = t.province_code;
      r.city_code = t.city_code;
      r.county_code = t.county_code;
      r.town_code = t.town_code;
      r.date = date;
      r.figures = f;
      r.is_zero = daily_report::IsZeroReport(f);
      r.late = r.received_late = daily_report::IsLate(submitted, deadline);
      r.deadline_at = dl->second.second;
      r.submitted_at = r.first_submitted_at = FormatTimestamp(submitted);
      if (!r.is_zero && rng.Chance(day.since_work < 14 ? 0.04 : 0.015))
        r.problems = kProblems[rng.Between(0, int(std::size(kProblems)) - 1)];

      if (!copying && !r.is_zero && rng.Chance(0.002)) {
        // A typing slip corrected a few hours later: version 1 stops counting.
        DailyReport slip = r;
        slip.current = false;
        slip.figures.on_duty = std::min<int64_t>(t.employees * 2, f.on_duty * 10 + 1);
        batch.push_back(std::move(slip));
        auto again = submitted + std::chrono::minutes(rng.Between(30, 360));
        if (again > now) again = now;
        r.version = 2;
        r.received_late = daily_report::IsLate(again, deadline);
        r.submitted_at = FormatTimestamp(again);
        ++corrected;
      }
      r.current = true;

      TotalsDelta& sum = totals[{date, t.province_code, t.city_code, t.county_code, t.town_code}];
      if (sum.date.empty())
        sum = TotalsDelta{date, t.province_code, t.city_code, t.county_code, t.town_code};
      sum.reports += 1;
      sum.late += r.late;
      sum.zero += r.is_zero;
      sum.on_duty += f.on_duty;
      sum.returned += f.returned;
      sum.fever += f.fever;
      sum.output_value += f.output_value;
      ++reports;
      late += r.late;
      zero += r.is_zero;
      batch.push_back(std::move(r));
      if (batch.size() >= kRowsPerBatch) RETURN_IF_ERROR(flush(false));
    }
  }
  RETURN_IF_ERROR(flush(true));
  std::vector<TotalsDelta> sums;
  sums.reserve(totals.size());
  for (auto& [key, sum] : totals) sums.push_back(std::move(sum));
  RETURN_IF_ERROR(in_transaction(
      [&](db::Connection& c) { return DailyReportRepository::AddToTotals(c, sums); }));
  conn.reset();

  int64_t copiers = 0;
  for (const Reporter& rep : reporters) copiers += rep.copied.has_value();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info(
      "demo: {} daily reports ({} versions; {} late, {} zero reports, {} corrected, {} "
      "enterprises copying) for {} enterprises in {:.1f} s",
      reports, versions, late, zero, corrected, copiers, reporters.size(), seconds);
  return Status::Ok();
}

}  // namespace fugong::app
