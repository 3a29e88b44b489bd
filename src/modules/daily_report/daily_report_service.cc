#include "modules/daily_report/daily_report_service.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <tuple>

#include "core/crypto.h"
#include "db/versions.h"
#include "io/table_writer.h"

namespace fugong::daily_report {
namespace {

// Filings of one enterprise are serialised by a row lock; should a race still
// end in a unique-key conflict, the loser files again, as the next version.
constexpr int kSubmitAttempts = 3;
constexpr int kMaxTotalsDays = 400;

Result<Days> RealDate(const std::string& text, const std::string& field) {
  auto d = ParseDate(text);
  if (!d)
    return InvalidArgument(field, "invalid_date",
                           "参数 " + field + " 应为 YYYY-MM-DD 格式的有效日期",
                           "parameter " + field + " must be a real date YYYY-MM-DD");
  return *d;
}

Status RangeOrder(Days from, Days to) {
  if (from > to)
    return InvalidArgument("from", "invalid_range", "起始日期 from 不能晚于截止日期 to",
                           "from cannot be after to");
  return Status::Ok();
}

std::string TempPath(const std::string& ext) {
  return (std::filesystem::temp_directory_path() /
          ("fugong-" + crypto::ToHex(crypto::RandomBytes(12)) + ext))
      .string();
}

const char* YesNo(bool b) { return b ? "是" : "否"; }

// What a report adds to (sign +1) or takes from (-1) the running sums.
TotalsDelta TotalsOf(const DailyReport& r, int sign) {
  return TotalsDelta{r.date,
                     r.province_code,
                     r.city_code,
                     r.county_code,
                     r.town_code,
                     sign,
                     sign * int64_t(r.late),
                     sign * int64_t(r.is_zero),
                     sign * r.figures.on_duty,
                     sign * r.figures.returned,
                     sign * r.figures.fever,
                     sign * r.figures.output_value};
}

// The replaced version leaves the sums of its own region (the enterprise may
// have moved since).
TotalsDelta TotalsOf(const Replaced& old, const std::string& date) {
  return TotalsDelta{
      date,       old.province_code,  old.city_code,         old.county_code, old.town_code,
      -1,         -int64_t(old.late), -int64_t(old.is_zero), -old.on_duty,    -old.returned,
      -old.fever, -old.output_value};
}

std::vector<io::Cell> ExportHeader() {
  return {std::string("统一社会信用代码"),
          std::string("企业名称"),
          std::string("所属区划"),
          std::string("日期"),
          std::string("版本"),
          std::string("在岗人数"),
          std::string("返岗人数"),
          std::string("外省返岗"),
          std::string("隔离观察"),
          std::string("发热"),
          std::string("生产负荷%"),
          std::string("产值（万元）"),
          std::string("产量"),
          std::string("口罩库存"),
          std::string("消毒液库存（kg）"),
          std::string("零报告"),
          std::string("迟报"),
          std::string("存在问题"),
          std::string("提交时间"),
          std::string("提交人")};
}

std::vector<io::Cell> ExportRow(const DailyReport& r) {
  const Figures& f = r.figures;
  return {r.uscc,
          r.enterprise_name,
          r.region_name,
          r.date,
          double(r.version),
          double(f.on_duty),
          double(f.returned),
          double(f.returned_out_of_province),
          double(f.quarantined),
          double(f.fever),
          f.load_percent,
          f.output_value,
          f.output_quantity,
          double(f.masks),
          f.disinfectant,
          std::string(YesNo(r.is_zero)),
          std::string(YesNo(r.late)),
          r.problems,
          r.submitted_at,
          r.submitted_by_name};
}

}  // namespace

std::chrono::system_clock::time_point DailyReportService::DeadlineFor(
    Days date, const std::string& region_code) const {
  return DeadlineOf(date, settings_.Text("report_deadline", region_code));
}

Result<Reach> DailyReportService::ReachOf(const std::string& region_code,
                                          const system::Scope& scope, bool* empty) const {
  *empty = false;
  Reach reach;
  reach.scope = scope;
  if (!region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(region_code, "region"));
    for (int level = 1; level <= r.level && level <= 4; ++level)
      reach.path[size_t(level)] = r.CodeAtLevel(level);
  }
  // A pure region scope also narrows the index range; with an enterprise in
  // the scope as well the scope is an OR, applied only as a condition.
  if (!scope.all && !scope.enterprise_id && !scope.region_code.empty()) {
    auto sr = reference_.GetRegion(scope.region_code);
    if (sr.ok()) {
      for (int level = 1; level <= sr->level && level <= 4; ++level) {
        const std::string& code = sr->CodeAtLevel(level);
        std::string& slot = reach.path[size_t(level)];
        if (code.empty()) continue;
        if (slot.empty())
          slot = code;
        else if (slot != code)
          *empty = true;  // the region asked for lies outside the scope
      }
    }
  }
  if (scope.Empty()) *empty = true;
  return reach;
}

Result<DailyReport> DailyReportService::Submit(const std::string& uscc, const std::string& date,
                                               const Figures& figures, const std::string& problems,
                                               const system::Principal& by) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  ASSIGN_OR_RETURN(Days day, ValidateReportDate(date, Today()));
  RETURN_IF_ERROR(ValidateFigures(figures, e.employees));
  RETURN_IF_ERROR(ValidateProblems(problems));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code, "region_code"));

  auto now = Now();
  auto deadline = DeadlineFor(day, e.region_code);
  DailyReport r;
  r.enterprise_id = e.id;
  r.province_code = region.province_code;
  r.city_code = region.city_code;
  r.county_code = region.county_code;
  r.town_code = region.town_code;
  r.date = FormatDate(day);
  r.current = true;
  r.received_late = IsLate(now, deadline);
  r.is_zero = IsZeroReport(figures);
  r.figures = figures;
  r.problems = problems;
  r.deadline_at = FormatTimestamp(deadline);
  r.submitted_at = FormatTimestamp(now);
  if (by.user_id > 0) r.submitted_by = by.user_id;

  int64_t id = 0;
  Status st;
  for (int attempt = 0; attempt < kSubmitAttempts; ++attempt) {
    st = db_.Transact([&](db::Connection& c) -> Status {
      RETURN_IF_ERROR(DailyReportRepository::LockEnterprise(c, e.id));
      ASSIGN_OR_RETURN(auto replaced, DailyReportRepository::ClearCurrent(c, e.id, r.date));
      // The first version decides whether the date was reported on time.
      r.version = replaced ? replaced->version + 1 : 1;
      r.late = replaced ? replaced->late : r.received_late;
      r.first_submitted_at = replaced ? replaced->first_submitted_at : r.submitted_at;
      ASSIGN_OR_RETURN(id, DailyReportRepository::Insert(c, r));
      std::vector<TotalsDelta> deltas = {TotalsOf(r, +1)};
      if (replaced) deltas.push_back(TotalsOf(*replaced, r.date));
      RETURN_IF_ERROR(DailyReportRepository::AddToTotals(c, deltas));
      return db::BumpVersion(c, "daily_reports");
    });
    if (st.kind() != ErrorKind::kConflict) break;
  }
  RETURN_IF_ERROR(st);
  std::optional<DailyReport> stored;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(stored, DailyReportRepository::Get(c, id));
    return Status::Ok();
  }));
  if (!stored) return Internal("daily report vanished after insert");
  return *stored;
}

Result<std::vector<DailyReport>> DailyReportService::ListForEnterprise(const std::string& uscc,
                                                                       const std::string& from,
                                                                       const std::string& to,
                                                                       const system::Scope& scope,
                                                                       int limit) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, scope));
  std::string from_s, to_s;
  if (!from.empty()) {
    ASSIGN_OR_RETURN(Days d, RealDate(from, "from"));
    from_s = FormatDate(d);
  }
  if (!to.empty()) {
    ASSIGN_OR_RETURN(Days d, RealDate(to, "to"));
    to_s = FormatDate(d);
  }
  if (!from_s.empty() && !to_s.empty())
    RETURN_IF_ERROR(RangeOrder(*ParseDate(from_s), *ParseDate(to_s)));
  std::vector<DailyReport> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, DailyReportRepository::ListForEnterprise(c, e.id, from_s, to_s, limit));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<DailyReport>> DailyReportService::Versions(const std::string& uscc,
                                                              const std::string& date,
                                                              const system::Scope& scope) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, scope));
  ASSIGN_OR_RETURN(Days day, RealDate(date, "date"));
  std::vector<DailyReport> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, DailyReportRepository::Versions(c, e.id, FormatDate(day)));
    return Status::Ok();
  }));
  if (out.empty())
    return NotFound("no_report", e.name + " 未填报 " + FormatDate(day) + " 的日报",
                    "no report of " + FormatDate(day) + " for " + e.uscc);
  return out;
}

Result<std::vector<DailyReport>> DailyReportService::List(const ReportFilter& filter_in,
                                                          const system::Scope& scope,
                                                          const system::Page& page,
                                                          int64_t* total) {
  ReportFilter filter = filter_in;
  if (filter.date.empty())
    return InvalidArgument("date", "required", "缺少参数 date（日期）",
                           "parameter date is required");
  ASSIGN_OR_RETURN(Days day, RealDate(filter.date, "date"));
  filter.date = FormatDate(day);
  bool empty = false;
  ASSIGN_OR_RETURN(Reach reach, ReachOf(filter.region_code, scope, &empty));
  *total = 0;
  std::vector<DailyReport> out;
  if (empty) return out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, DailyReportRepository::List(c, filter, reach, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> DailyReportService::Export(const ReportFilter& filter_in,
                                               enterprise::ExportFormat format,
                                               const system::Scope& scope) {
  ReportFilter filter = filter_in;
  if (filter.date.empty())
    return InvalidArgument("date", "required", "缺少参数 date（日期）",
                           "parameter date is required");
  ASSIGN_OR_RETURN(Days day, RealDate(filter.date, "date"));
  filter.date = FormatDate(day);
  bool empty = false;
  ASSIGN_OR_RETURN(Reach reach, ReachOf(filter.region_code, scope, &empty));
  bool xlsx = format == enterprise::ExportFormat::kXlsx;
  std::string path = TempPath(xlsx ? ".xlsx" : ".csv");
  std::unique_ptr<io::TableWriter> writer;
  if (xlsx) {
    ASSIGN_OR_RETURN(writer, io::OpenXlsxWriter(path, "日报 " + filter.date));
  } else {
    ASSIGN_OR_RETURN(writer, io::OpenCsvWriter(path));
  }
  Status st = writer->WriteRow(ExportHeader());
  if (st.ok() && !empty)
    st = db_.WithConnection([&](db::Connection& c) {
      return DailyReportRepository::ForEach(
          c, filter, reach, [&](const DailyReport& r) { return writer->WriteRow(ExportRow(r)); });
    });
  Status closed = writer->Close();
  if (st.ok()) st = closed;
  if (!st.ok()) {
    std::filesystem::remove(path);
    return st;
  }
  return path;
}

Result<std::vector<CopiedRun>> DailyReportService::Copied(const std::string& region_code, int days,
                                                          const std::string& to,
                                                          const system::Scope& scope) {
  if (days < kCopiedMinDays || days > kCopiedMaxDays)
    return InvalidArgument("days", "out_of_range",
                           "参数 days 应在 " + std::to_string(kCopiedMinDays) + " 到 " +
                               std::to_string(kCopiedMaxDays) + " 之间",
                           "parameter days must be between " + std::to_string(kCopiedMinDays) +
                               " and " + std::to_string(kCopiedMaxDays));
  Days end = Today();
  if (!to.empty()) {
    ASSIGN_OR_RETURN(end, RealDate(to, "to"));
  }
  // A run is "day after day": its reports must lie within a few times `days`.
  Days start = end - std::chrono::days(days * kCopiedLookbackFactor - 1);
  bool empty = false;
  ASSIGN_OR_RETURN(Reach reach, ReachOf(region_code, scope, &empty));
  std::vector<CopiedRun> out;
  if (empty) return out;
  CopiedRunDetector detector(days);
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    return DailyReportRepository::ForEachFigures(
        c, reach, FormatDate(start), FormatDate(end),
        [&](int64_t id, const std::string& date, const Figures& f) { detector.Add(id, date, f); });
  }));
  out = detector.Runs();
  if (out.empty()) return out;
  RETURN_IF_ERROR(db_.WithConnection(
      [&](db::Connection& c) { return DailyReportRepository::FillEnterprises(c, &out); }));
  std::sort(out.begin(), out.end(), [](const CopiedRun& a, const CopiedRun& b) {
    return std::tie(a.region_code, a.uscc) < std::tie(b.region_code, b.uscc);
  });
  return out;
}

Result<std::vector<ReportFact>> DailyReportService::FactsOn(const std::string& date,
                                                            const system::Scope& scope,
                                                            const std::string& region_code,
                                                            int region_level) {
  (void)region_level;  // the region's own level is known to the reference data
  ASSIGN_OR_RETURN(Days day, RealDate(date, "date"));
  bool empty = false;
  ASSIGN_OR_RETURN(Reach reach, ReachOf(region_code, scope, &empty));
  std::vector<ReportFact> out;
  if (empty) return out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, DailyReportRepository::Facts(c, FormatDate(day), reach));
    return Status::Ok();
  }));
  return out;
}

Result<std::map<std::string, std::pair<int64_t, int64_t>>> DailyReportService::DailyTotals(
    const std::string& from, const std::string& to, const system::Scope& scope,
    const std::string& region_code, int region_level) {
  (void)region_level;
  ASSIGN_OR_RETURN(Days f, RealDate(from, "from"));
  ASSIGN_OR_RETURN(Days t, RealDate(to, "to"));
  RETURN_IF_ERROR(RangeOrder(f, t));
  if ((t - f).count() >= kMaxTotalsDays)
    return InvalidArgument(
        "from", "range_too_long", "日期范围不能超过 " + std::to_string(kMaxTotalsDays) + " 天",
        "the date range cannot exceed " + std::to_string(kMaxTotalsDays) + " days");
  bool empty = false;
  ASSIGN_OR_RETURN(Reach reach, ReachOf(region_code, scope, &empty));
  std::map<std::string, std::pair<int64_t, int64_t>> out;
  if (empty) return out;
  std::map<std::string, std::pair<int64_t, double>> sums;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(sums, DailyReportRepository::Totals(c, FormatDate(f), FormatDate(t), reach));
    return Status::Ok();
  }));
  for (const auto& [date, s] : sums) out[date] = {s.first, std::llround(s.second * 100)};
  return out;
}

}  // namespace fugong::daily_report
