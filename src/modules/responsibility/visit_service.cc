#include "modules/responsibility/visit_service.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "io/table_writer.h"
#include "modules/responsibility/responsibility_repository.h"

namespace fugong::responsibility {
namespace {

using std::chrono::days;
using std::chrono::minutes;

Status EnterpriseNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_enterprise", "企业不存在或不在您的管辖范围内",
                "no such enterprise in your scope", "uscc");
}

Status TextField(const std::string& field, const std::string& v, long max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (required && n == 0)
    return InvalidArgument(field, "required", "缺少必填字段 " + field,
                           "field " + field + " is required");
  if (n > max)
    return InvalidArgument(field, "too_long", field + " 超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

Status DateField(const std::string& field, const std::string& v) {
  if (!v.empty() && !ParseDate(v))
    return InvalidArgument(field, "invalid_date", field + " 应为 YYYY-MM-DD 格式的日期",
                           field + " must be a date YYYY-MM-DD");
  return Status::Ok();
}

std::string KindZh(const std::string& kind) {
  for (size_t i = 0; i < std::size(kVisitKinds); ++i)
    if (kVisitKinds[i] == kind) return std::string(kVisitKindsZh[i]);
  return kind;
}

std::string PeriodOf(const std::string& day, const std::string& period) {
  if (period == "month") return day.substr(0, 7);
  if (period == "week") {
    auto d = ParseDate(day);
    if (!d) return day;
    std::chrono::weekday wd{*d};
    int back = (wd.c_encoding() + 6) % 7;  // days since Monday
    return FormatDate(*d - days(back));
  }
  return day;
}

}  // namespace

Status VisitService::CheckFilter(VisitFilter& f) const {
  RETURN_IF_ERROR(DateField("from", f.from));
  RETURN_IF_ERROR(DateField("to", f.to));
  if (!f.from.empty() && !f.to.empty() && f.from > f.to)
    return InvalidArgument("to", "invalid_range", "结束日期不能早于开始日期",
                           "to must not be before from");
  if (!f.kind.empty()) {
    bool ok = false;
    for (auto k : kVisitKinds) ok = ok || k == f.kind;
    if (!ok)
      return InvalidArgument("kind", "invalid_value", "kind 应为 visit、call 或 online",
                             "kind must be visit, call or online");
  }
  return chains_.ResolveRegion(f.region_code, &f.region_level);
}

Result<Visit> VisitService::Record(const std::string& uscc, NewVisit v,
                                   const system::Principal& by) {
  v.kind = Trim(v.kind);
  v.summary = Trim(v.summary);
  v.problems = Trim(v.problems);
  v.next_visit_date = Trim(v.next_visit_date);
  bool kind_ok = false;
  for (auto k : kVisitKinds) kind_ok = kind_ok || k == v.kind;
  if (!kind_ok)
    return InvalidArgument("kind", "invalid_value",
                           "kind 应为 visit（走访）、call（电话调度）或 online（线上）",
                           "kind must be visit, call or online");
  auto now = Now();
  auto at = now;
  if (!v.at.empty()) {
    auto parsed = ParseTimestamp(v.at);
    if (!parsed)
      return InvalidArgument("at", "invalid_timestamp",
                             "at 应为 ISO 8601 时间，如 2020-02-14T09:30:00+08:00",
                             "at must be an ISO 8601 time such as 2020-02-14T09:30:00+08:00");
    at = *parsed;
    if (at > now + minutes(1))
      return InvalidArgument("at", "in_future", "走访时间不能晚于当前时间",
                             "at must not be in the future");
    if (at > now) at = now;
    if (at < now - days(kMaxVisitAgeDays))
      return InvalidArgument(
          "at", "too_old", "只能补录 " + std::to_string(kMaxVisitAgeDays) + " 天内的走访记录",
          "visits older than " + std::to_string(kMaxVisitAgeDays) + " days cannot be recorded");
  }
  v.at = FormatTimestamp(std::chrono::time_point_cast<std::chrono::seconds>(at));
  RETURN_IF_ERROR(TextField("summary", v.summary, 1000, true));
  RETURN_IF_ERROR(TextField("problems", v.problems, 1000, false));
  if (!v.next_visit_date.empty()) {
    auto d = ParseDate(v.next_visit_date);
    if (!d)
      return InvalidArgument("next_visit_date", "invalid_date",
                             "next_visit_date 应为 YYYY-MM-DD 格式的日期",
                             "next_visit_date must be a date YYYY-MM-DD");
    if (*d < Today())
      return InvalidArgument("next_visit_date", "date_in_past", "下次走访日期不能早于今天",
                             "next_visit_date must not be in the past");
    if (*d > Today() + days(366))
      return InvalidArgument("next_visit_date", "too_far", "下次走访日期应在一年之内",
                             "next_visit_date must be within a year");
  }
  std::string day = FormatDate(BusinessDate(at));
  std::optional<Chain> e;
  bool member = true;
  std::optional<Visit> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(e, ResponsibilityRepository::FindByUscc(c, NormalizeUscc(uscc), by.scope));
    if (!e) return Status::Ok();
    if (!by.scope.all) {
      ASSIGN_OR_RETURN(member, ResponsibilityRepository::IsLink(c, e->enterprise_id, by.user_id));
      if (!member) return Status::Ok();
    }
    ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e->region_code));
    ASSIGN_OR_RETURN(int64_t id,
                     ResponsibilityRepository::InsertVisit(c, *e, region, by.user_id, v, day));
    VisitFilter f;
    f.enterprise_id = e->enterprise_id;
    ASSIGN_OR_RETURN(auto list, ResponsibilityRepository::ListVisits(c, f, by.scope,
                                                                     system::Page{1, 5}, nullptr));
    for (auto& x : list)
      if (x.id == id) out = x;
    return Status::Ok();
  }));
  if (!e) return EnterpriseNotFound();
  if (!member)
    return Status(ErrorKind::kPermissionDenied, "not_chain_member",
                  "只有该企业包保责任链上的人员可以登记走访",
                  "only members of the enterprise's chain of responsibility record its visits",
                  "uscc");
  if (!out) return Internal("visit vanished after insert");
  return *out;
}

Result<std::vector<Visit>> VisitService::List(VisitFilter f, const system::Principal& by,
                                              const system::Page& page, int64_t* total) {
  RETURN_IF_ERROR(CheckFilter(f));
  std::vector<Visit> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ResponsibilityRepository::ListVisits(c, f, by.scope, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Visit>> VisitService::ForEnterprise(const std::string& uscc,
                                                       const system::Principal& by,
                                                       const system::Page& page, int64_t* total) {
  std::vector<Visit> out;
  bool found = true;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto e,
                     ResponsibilityRepository::FindByUscc(c, NormalizeUscc(uscc), by.scope));
    if (!e) {
      found = false;
      return Status::Ok();
    }
    VisitFilter f;
    f.enterprise_id = e->enterprise_id;
    ASSIGN_OR_RETURN(out, ResponsibilityRepository::ListVisits(c, f, by.scope, page, total));
    return Status::Ok();
  }));
  if (!found) return EnterpriseNotFound();
  return out;
}

Result<std::string> VisitService::Export(VisitFilter f, const system::Principal& by) {
  RETURN_IF_ERROR(CheckFilter(f));
  std::string path = (std::filesystem::temp_directory_path() /
                      ("fugong-" + crypto::ToHex(crypto::RandomBytes(12)) + ".xlsx"))
                         .string();
  ASSIGN_OR_RETURN(auto w, io::OpenXlsxWriter(path, "走访记录"));
  RETURN_IF_ERROR(
      w->WriteRow({std::string("时间"), std::string("方式"), std::string("统一社会信用代码"),
                   std::string("企业名称"), std::string("走访人"), std::string("情况摘要"),
                   std::string("发现问题"), std::string("下次走访")}));
  Status st = db_.WithConnection([&](db::Connection& c) -> Status {
    return ResponsibilityRepository::ForEachVisit(c, f, by.scope, [&](const Visit& v) {
      return w->WriteRow({v.at, KindZh(v.kind), v.uscc, v.enterprise_name, v.user_name, v.summary,
                          v.problems, v.next_visit_date});
    });
  });
  Status closed = w->Close();
  if (!st.ok() || !closed.ok()) {
    std::filesystem::remove(path);
    return st.ok() ? closed : st;
  }
  return path;
}

Result<VisitSummary> VisitService::Summary(VisitFilter f, const std::string& period,
                                           const system::Principal& by) {
  std::string p = period.empty() ? "day" : period;
  if (p != "day" && p != "week" && p != "month")
    return InvalidArgument("period", "invalid_value", "period 应为 day、week 或 month",
                           "period must be day, week or month");
  if (f.to.empty()) f.to = FormatDate(Today());
  if (f.from.empty()) {
    auto to = ParseDate(f.to);
    if (to) f.from = FormatDate(*to - days(29));
  }
  RETURN_IF_ERROR(CheckFilter(f));
  if (*ParseDate(f.to) - *ParseDate(f.from) > days(kMaxSummaryDays))
    return InvalidArgument(
        "from", "range_too_long", "统计区间不能超过 " + std::to_string(kMaxSummaryDays) + " 天",
        "the range must not exceed " + std::to_string(kMaxSummaryDays) + " days");
  std::vector<VisitCell> cells;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(cells, ResponsibilityRepository::VisitCells(c, f, by.scope));
    return Status::Ok();
  }));
  VisitSummary s;
  s.from = f.from;
  s.to = f.to;
  s.period = p;
  std::set<int64_t> all;
  std::map<std::string, std::pair<std::set<int64_t>, int64_t>> periods;
  std::map<int64_t, std::pair<std::set<int64_t>, int64_t>> cadres;
  std::map<int64_t, std::string> names;
  for (const auto& cell : cells) {
    all.insert(cell.enterprise_id);
    s.visits += cell.visits;
    auto& pe = periods[PeriodOf(cell.day, p)];
    pe.first.insert(cell.enterprise_id);
    pe.second += cell.visits;
    auto& ca = cadres[cell.user_id];
    ca.first.insert(cell.enterprise_id);
    ca.second += cell.visits;
    names[cell.user_id] = cell.user_name;
  }
  s.enterprises = static_cast<int64_t>(all.size());
  for (auto& [key, v] : periods)
    s.periods.push_back(VisitCount{key, std::nullopt, int64_t(v.first.size()), v.second});
  for (auto& [id, v] : cadres)
    s.cadres.push_back(VisitCount{names[id], id, int64_t(v.first.size()), v.second});
  std::sort(s.cadres.begin(), s.cadres.end(), [](const VisitCount& a, const VisitCount& b) {
    return a.visits != b.visits ? a.visits > b.visits : a.key < b.key;
  });
  return s;
}

Result<Workbench> VisitService::WorkbenchOf(const system::Principal& by) {
  Workbench wb;
  Days today = Today();
  wb.date = FormatDate(today);
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(wb.enterprises, ResponsibilityRepository::UserEnterprises(c, by.user_id));
    VisitFilter f;
    f.user_id = by.user_id;
    ASSIGN_OR_RETURN(wb.recent_visits, ResponsibilityRepository::ListVisits(
                                           c, f, by.scope, system::Page{1, 10}, nullptr));
    return Status::Ok();
  }));
  std::set<int64_t> reported;
  if (reported_ && !wb.enterprises.empty()) {
    ASSIGN_OR_RETURN(auto ids, reported_(wb.date, by.scope));
    reported.insert(ids.begin(), ids.end());
  }
  std::string due_before = FormatDate(today - days(kVisitDueDays));
  for (auto& item : wb.enterprises) {
    item.reported_today = reported.count(item.enterprise_id) > 0;
    if (!item.reported_today) ++wb.missing_reports;
    std::string last_day = item.last_visit_at.substr(0, 10);
    item.visit_due = item.last_visit_at.empty() || last_day < due_before ||
                     (!item.next_visit_date.empty() && item.next_visit_date <= wb.date);
    if (item.visit_due) ++wb.visits_due;
  }
  if (open_demands_) {
    ASSIGN_OR_RETURN(int64_t n, open_demands_(by));
    wb.open_demands = n;
  }
  return wb;
}

}  // namespace fugong::responsibility
