#include "modules/daily_report/daily_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/validation.h"

namespace fugong::daily_report {
namespace {

struct Label {
  std::string_view field, zh;
};
constexpr Label kLabels[] = {
    {"on_duty", "在岗人数"},
    {"returned", "返岗人数"},
    {"returned_out_of_province", "外省返岗人数"},
    {"quarantined", "隔离观察人数"},
    {"fever", "发热人数"},
    {"load_percent", "生产负荷"},
    {"output_value", "产值"},
    {"output_quantity", "产量"},
    {"masks", "口罩库存"},
    {"disinfectant", "消毒液库存"},
    {"problems", "存在问题"},
    {"date", "日期"},
};

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Status OutOfRange(std::string_view field, double lo, double hi) {
  std::string f(field), zh(FigureZh(field));
  return InvalidArgument(f, "out_of_range",
                         zh + "（" + f + "）应在 " + Num(lo) + " 到 " + Num(hi) + " 之间",
                         "field " + f + " must be between " + Num(lo) + " and " + Num(hi));
}

Status CheckInt(std::string_view field, int64_t v, int64_t max) {
  if (v < 0 || v > max) return OutOfRange(field, 0, double(max));
  return Status::Ok();
}

Status CheckReal(std::string_view field, double v, double max) {
  if (!std::isfinite(v) || v < 0 || v > max) return OutOfRange(field, 0, max);
  return Status::Ok();
}

// A headcount above twice the registry's employees is a typing slip (an extra
// digit) far more often than a real figure.
Status CheckHeadcount(std::string_view field, int64_t v, int64_t employees) {
  std::string f(field), zh(FigureZh(field));
  if (v < 0)
    return InvalidArgument(f, "out_of_range", zh + "（" + f + "）不能为负数",
                           "field " + f + " must not be negative");
  int64_t max = employees * 2;
  if (v > max)
    return InvalidArgument(
        f, "exceeds_employees",
        zh + "（" + f + "）为 " + std::to_string(v) + "，超过企业职工总数（" +
            std::to_string(employees) + "）的 2 倍；请核对，或先更新企业台账的职工总数",
        "field " + f + " is " + std::to_string(v) + ", more than twice the enterprise's " +
            std::to_string(employees) +
            " employees; check it, or first update the employees in the registry");
  return Status::Ok();
}

}  // namespace

std::string_view FigureZh(std::string_view field) {
  for (const auto& l : kLabels)
    if (l.field == field) return l.zh;
  return field;
}

bool IsZeroReport(const Figures& f) { return f == Figures{}; }

std::chrono::system_clock::time_point DeadlineOf(Days date, std::string_view hhmm) {
  auto t = ParseTimestamp(FormatDate(date + std::chrono::days(1)) + "T" + std::string(hhmm) +
                          ":00+08:00");
  if (hhmm.size() != 5 || !t)
    t = ParseTimestamp(FormatDate(date + std::chrono::days(1)) + "T" +
                       std::string(kDefaultDeadline) + ":00+08:00");
  return *t;
}

bool IsLate(std::chrono::system_clock::time_point received,
            std::chrono::system_clock::time_point deadline) {
  return received > deadline;
}

Result<Days> ValidateReportDate(std::string_view text, Days today, const std::string& field) {
  auto d = ParseDate(text);
  if (!d)
    return InvalidArgument(field, "invalid_date",
                           "日期（" + field + "）应为 YYYY-MM-DD 格式的有效日期",
                           "field " + field + " must be a real date YYYY-MM-DD");
  if (*d > today)
    return InvalidArgument(
        field, "future_date", "不能填报未来日期（今天是 " + FormatDate(today) + "）",
        "a report cannot be for a future date (today is " + FormatDate(today) + ")");
  if (*d < *ParseDate(kEarliestDate))
    return InvalidArgument(field, "date_too_early", "日期不能早于 " + std::string(kEarliestDate),
                           "the date cannot be before " + std::string(kEarliestDate));
  return *d;
}

Status ValidateFigures(const Figures& f, int64_t employees) {
  RETURN_IF_ERROR(CheckHeadcount("on_duty", f.on_duty, employees));
  RETURN_IF_ERROR(CheckHeadcount("returned", f.returned, employees));
  RETURN_IF_ERROR(
      CheckHeadcount("returned_out_of_province", f.returned_out_of_province, employees));
  if (f.returned_out_of_province > f.returned)
    return InvalidArgument("returned_out_of_province", "exceeds_total",
                           "外省返岗人数（returned_out_of_province）不能多于返岗人数（" +
                               std::to_string(f.returned) + "）",
                           "field returned_out_of_province cannot exceed returned (" +
                               std::to_string(f.returned) + ")");
  RETURN_IF_ERROR(CheckHeadcount("quarantined", f.quarantined, employees));
  RETURN_IF_ERROR(CheckHeadcount("fever", f.fever, employees));
  RETURN_IF_ERROR(CheckReal("load_percent", f.load_percent, kMaxLoadPercent));
  RETURN_IF_ERROR(CheckReal("output_value", f.output_value, kMaxOutputValue));
  RETURN_IF_ERROR(CheckReal("output_quantity", f.output_quantity, kMaxOutputQuantity));
  RETURN_IF_ERROR(CheckInt("masks", f.masks, kMaxMasks));
  RETURN_IF_ERROR(CheckReal("disinfectant", f.disinfectant, kMaxDisinfectant));
  return Status::Ok();
}

Status ValidateProblems(const std::string& problems) {
  long n = Utf8Length(problems);
  if (n < 0)
    return InvalidArgument("problems", "invalid_text", "存在问题（problems）不是合法的 UTF-8 文本",
                           "field problems is not valid UTF-8 text");
  if (n > kMaxProblemsChars)
    return InvalidArgument(
        "problems", "too_long",
        "存在问题（problems）超过 " + std::to_string(kMaxProblemsChars) + " 个字符",
        "field problems is longer than " + std::to_string(kMaxProblemsChars) + " characters");
  return Status::Ok();
}

void CopiedRunDetector::Add(int64_t enterprise_id, const std::string& date, const Figures& f) {
  Trail& t = trails_[enterprise_id];
  if (t.run > 0 && f == t.last) {
    ++t.run;
  } else {
    t.last = f;
    t.run = 1;
  }
  if (t.dates.size() < size_t(n_)) {
    t.dates.push_back(date);
  } else {
    t.dates[t.next] = date;
    t.next = (t.next + 1) % t.dates.size();
  }
}

std::vector<CopiedRun> CopiedRunDetector::Runs() const {
  std::vector<CopiedRun> out;
  for (const auto& [id, t] : trails_) {
    if (t.run < n_ || IsZeroReport(t.last)) continue;
    CopiedRun run;
    run.enterprise_id = id;
    run.reports = n_;
    run.from = t.dates[t.next];  // the oldest of the last n
    run.to = t.dates[(t.next + t.dates.size() - 1) % t.dates.size()];
    run.figures = t.last;
    out.push_back(std::move(run));
  }
  std::sort(out.begin(), out.end(), [](const CopiedRun& a, const CopiedRun& b) {
    return a.enterprise_id < b.enterprise_id;
  });
  return out;
}

}  // namespace fugong::daily_report
