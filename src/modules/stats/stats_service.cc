#include "modules/stats/stats_service.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <unordered_map>

#include "core/crypto.h"
#include "core/validation.h"
#include "db/versions.h"
#include "io/table_writer.h"
#include "modules/stats/bulletin.h"

namespace fugong::stats {
namespace {

constexpr int kMaxSeriesDays = 366;

bool IsOpen(uint8_t s) { return s >= kWorkResumed && s <= kContinuous; }
bool IsProducing(uint8_t s) {
  return s == kProductionResumed || s == kFullCapacity || s == kContinuous;
}

std::string DayString(int32_t day) { return FormatDate(Days(std::chrono::days(day))); }

RateValue Rate(int64_t num, int64_t den) {
  RateValue r;
  r.num = num;
  r.den = den;
  r.rate = den > 0 ? double(num) / double(den) : 0;
  r.num_amount = double(num);
  r.den_amount = double(den);
  return r;
}

RateValue AmountRate(double num, double den) {
  RateValue r;
  r.num_amount = num;
  r.den_amount = den;
  r.num = int64_t(std::llround(num));
  r.den = int64_t(std::llround(den));
  r.rate = den > 0 ? num / den : 0;
  return r;
}

// Counts of one region ∩ category at one date.
struct Tally {
  int64_t enterprises = 0, seasonal = 0, closed = 0, base = 0;
  int64_t work = 0, production = 0, full = 0;
  int64_t business_base = 0, business_open = 0;
  int64_t employees = 0, on_duty = 0;
  double output = 0, normal_output_reported = 0;
};

struct Classifier {
  int category_bit = -2;  // -2 all
  double full_threshold_percent = 80;
  uint32_t seasonal_mask = 0, commerce_mask = 0;

  bool InCategory(const Fact& f) const {
    return category_bit == -2 || (f.flags >> category_bit) & 1u;
  }
  bool Seasonal(const Fact& f) const { return f.flags & seasonal_mask; }
  // Business reopening is counted over commerce and services, or over the
  // category when one is asked for (SPEC §4).
  bool BusinessSet(const Fact& f) const { return category_bit != -2 || (f.flags & commerce_mask); }
  // 连续生产 counts as 达产 unless the day's report shows a load below the threshold.
  bool FullCapacity(uint8_t s, const ReportFact* report) const {
    if (s == kFullCapacity) return true;
    if (s != kContinuous) return false;
    return !report || report->load_percent >= full_threshold_percent;
  }

  // `gate_on_duty`: employees admitted at the enterprise's gates that day
  // (-1 when none were), preferred to the report's on-duty figure.
  void Add(Tally& t, const Fact& f, uint8_t s, const ReportFact* report,
           int64_t gate_on_duty) const {
    if (s == kClosed) {
      ++t.closed;
      return;
    }
    ++t.enterprises;
    if (Seasonal(f)) {
      ++t.seasonal;
      return;
    }
    ++t.base;
    if (IsOpen(s)) ++t.work;
    if (IsProducing(s)) ++t.production;
    if (FullCapacity(s, report)) ++t.full;
    if (BusinessSet(f)) {
      ++t.business_base;
      if (IsOpen(s)) ++t.business_open;
    }
    t.employees += f.employees;
    if (gate_on_duty >= 0)
      t.on_duty += gate_on_duty;
    else if (report)
      t.on_duty += report->on_duty;
    if (report) {
      t.output += report->output_value;
      t.normal_output_reported += f.normal_output;
    }
  }

  // Does `f` (with status s at the date) belong to `measure`?
  bool InMeasure(const std::string& m, const Fact& f, uint8_t s, const ReportFact* report) const {
    if (m == "closed") return s == kClosed;
    if (s == kClosed) return false;
    if (m == "seasonal_excluded") return Seasonal(f);
    if (Seasonal(f)) return false;
    if (m == "base") return true;
    if (m == "work_resumed") return IsOpen(s);
    if (m == "not_work_resumed") return !IsOpen(s);
    if (m == "production_resumed") return IsProducing(s);
    if (m == "not_production_resumed") return !IsProducing(s);
    if (m == "full_capacity") return FullCapacity(s, report);
    if (m == "business_reopened") return BusinessSet(f) && IsOpen(s);
    if (m == "not_business_reopened") return BusinessSet(f) && !IsOpen(s);
    return false;
  }
};

Rates ToRates(const Query& q, const Tally& t) {
  Rates r;
  r.region_code = q.region.code;
  r.region_name = q.region.name;
  r.date = q.date;
  r.category = q.category;
  r.enterprises = t.enterprises;
  r.seasonal_excluded = t.seasonal;
  r.base = t.base;
  r.closed = t.closed;
  r.work_resumed = Rate(t.work, t.base);
  r.production_resumed = Rate(t.production, t.base);
  r.full_capacity = Rate(t.full, t.base);
  r.business_reopened = Rate(t.business_open, t.business_base);
  r.staff_returned = Rate(t.on_duty, t.employees);
  r.capacity_recovered = AmountRate(t.output, t.normal_output_reported);
  return r;
}

Status BadDate(const std::string& field, const std::string& zh, const std::string& en) {
  return InvalidArgument(field, "invalid_date", zh, en);
}

std::string TempXlsx() {
  return (std::filesystem::temp_directory_path() /
          ("fugong-report-" + crypto::ToHex(crypto::RandomBytes(10)) + ".xlsx"))
      .string();
}

}  // namespace

Result<std::shared_ptr<const RegistrySnapshot>> StatsService::Snapshot() {
  int64_t version = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(version, db::ReadVersion(c, "registry"));
    return Status::Ok();
  }));
  std::lock_guard<std::mutex> lock(mu_);
  if (snapshot_ && snapshot_->version == version) return snapshot_;
  auto fresh = std::make_shared<RegistrySnapshot>();
  RETURN_IF_ERROR(db_.WithConnection(
      [&](db::Connection& c) { return StatsRepository::LoadSnapshot(c, fresh.get()); }));
  fresh->version = version;
  snapshot_ = fresh;
  return snapshot_;
}

Result<std::shared_ptr<const StatsService::ReportMap>> StatsService::ReportsOn(
    const std::string& date) {
  int64_t version = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(version, db::ReadVersion(c, "daily_reports"));
    return Status::Ok();
  }));
  std::lock_guard<std::mutex> lock(reports_mu_);
  if (version != reports_version_) {
    reports_by_date_.clear();
    reports_version_ = version;
  }
  if (auto it = reports_by_date_.find(date); it != reports_by_date_.end()) return it->second;
  auto map = std::make_shared<ReportMap>();
  if (reports_) {
    ASSIGN_OR_RETURN(auto facts, reports_(date, "", 0));
    map->reserve(facts.size());
    for (auto& f : facts) map->emplace(f.enterprise_id, f);
  }
  if (reports_by_date_.size() >= 16) reports_by_date_.erase(reports_by_date_.begin());
  reports_by_date_.emplace(date, map);
  return std::shared_ptr<const ReportMap>(map);
}

Result<std::shared_ptr<const StatsService::OnDutyMap>> StatsService::OnDutyOn(
    const std::string& date) {
  constexpr auto kOnDutyTtl = std::chrono::seconds(30);
  auto now = std::chrono::steady_clock::now();
  bool today = date == FormatDate(Today());
  {
    std::lock_guard<std::mutex> lock(on_duty_mu_);
    auto it = on_duty_by_date_.find(date);
    if (it != on_duty_by_date_.end() && (!today || now - it->second.loaded < kOnDutyTtl))
      return it->second.map;
  }
  auto map = std::make_shared<OnDutyMap>();
  if (on_duty_) {
    ASSIGN_OR_RETURN(auto counts, on_duty_(date));
    map->reserve(counts.size());
    for (auto [enterprise, n] : counts) map->emplace(enterprise, n);
  }
  std::lock_guard<std::mutex> lock(on_duty_mu_);
  if (on_duty_by_date_.size() >= 16) on_duty_by_date_.erase(on_duty_by_date_.begin());
  on_duty_by_date_[date] = CachedOnDuty{now, map};
  return std::shared_ptr<const OnDutyMap>(map);
}

bool StatsService::InRegion(const Fact& f, const system::Region& r) const {
  if (r.level <= 0) return true;
  return f.codes[r.level] == CodeNumber(r.code);
}

Result<Query> StatsService::Resolve(const std::string& region, const std::string& date,
                                    const std::string& category, const system::Scope& scope) {
  Query q;
  std::string code = region.empty() ? scope.region_code : region;
  if (code.empty()) {
    if (!scope.all) return PermissionDenied("统计需要区划权限", "statistics need a region scope");
    q.region.level = 0;
    q.region.name = "全部";
  } else {
    ASSIGN_OR_RETURN(q.region, reference_.GetRegion(code, "region"));
    if (!scope.all && (scope.region_code.empty() ||
                       q.region.CodeAtLevel(scope.region_level) != scope.region_code))
      return Status(ErrorKind::kPermissionDenied, "region_out_of_scope",
                    "该区划不在您的管辖范围内：" + q.region.code,
                    "region is outside your jurisdiction: " + q.region.code, "region");
  }
  ASSIGN_OR_RETURN(auto snap, Snapshot());
  Days day = Today();
  if (!date.empty()) {
    auto d = ParseDate(date);
    if (!d) return BadDate("date", "日期应为 YYYY-MM-DD 格式的有效日期", "date must be YYYY-MM-DD");
    day = *d;
  }
  int32_t n = int32_t(day.time_since_epoch().count());
  if (day > Today()) return BadDate("date", "日期不能晚于今天", "date cannot be in the future");
  if (snap->first_day != 0 && n < snap->first_day)
    return BadDate("date", "日期早于有记录的历史（" + DayString(snap->first_day) + " 起）",
                   "date is before the recorded history (from " + DayString(snap->first_day) + ")");
  q.day = n;
  q.date = FormatDate(day);
  q.category = category.empty() ? "all" : category;
  if (FactFlags::BitOf(q.category) == -1)
    return InvalidArgument("category", "unknown_category", "未知的统计类别：" + q.category,
                           "unknown category: " + q.category);
  return q;
}

namespace {

Classifier MakeClassifier(const Query& q, const system::SettingsService& settings) {
  Classifier c;
  c.category_bit = FactFlags::BitOf(q.category);
  c.seasonal_mask = 1u << FactFlags::SeasonalBit();
  c.commerce_mask = 1u << FactFlags::CommerceBit();
  c.full_threshold_percent =
      100.0 * settings.Number("full_capacity_threshold", q.region.level > 0 ? q.region.code : "");
  return c;
}

const ReportFact* Find(const std::unordered_map<int64_t, ReportFact>& m, int64_t id) {
  auto it = m.find(id);
  return it == m.end() ? nullptr : &it->second;
}

int64_t GateOnDuty(const std::unordered_map<int64_t, int64_t>& m, int64_t id) {
  auto it = m.find(id);
  return it == m.end() ? -1 : it->second;
}

}  // namespace

Result<Rates> StatsService::ComputeRates(const Query& q) {
  ASSIGN_OR_RETURN(auto snap, Snapshot());
  Classifier cls = MakeClassifier(q, settings_);
  ASSIGN_OR_RETURN(auto report_map, ReportsOn(q.date));
  const auto& reports = *report_map;
  ASSIGN_OR_RETURN(auto gate_map, OnDutyOn(q.date));
  Tally t;
  for (const Fact& f : snap->facts) {
    if (!InRegion(f, q.region) || !cls.InCategory(f)) continue;
    cls.Add(t, f, snap->StatusAt(f, q.day), Find(reports, f.id), GateOnDuty(*gate_map, f.id));
  }
  Rates rates = ToRates(q, t);
  if (power_) {
    ASSIGN_OR_RETURN(rates.power, power_(q));
  }
  return rates;
}

Result<std::vector<Rates>> StatsService::Children(const Query& q) {
  std::vector<system::Region> children;
  if (q.region.level == 0) {
    system::Scope all = system::Scope::All();
    ASSIGN_OR_RETURN(children, reference_.Roots(all));
  } else if (q.region.level < 4) {
    ASSIGN_OR_RETURN(children, reference_.Children(q.region.code));
  }
  ASSIGN_OR_RETURN(auto snap, Snapshot());
  Classifier cls = MakeClassifier(q, settings_);
  ASSIGN_OR_RETURN(auto report_map, ReportsOn(q.date));
  const auto& reports = *report_map;
  ASSIGN_OR_RETURN(auto gate_map, OnDutyOn(q.date));
  std::unordered_map<int64_t, size_t> index;
  for (size_t i = 0; i < children.size(); ++i) index.emplace(CodeNumber(children[i].code), i);
  std::vector<Tally> tallies(children.size());
  int child_level = q.region.level + 1;
  for (const Fact& f : snap->facts) {
    if (!InRegion(f, q.region) || !cls.InCategory(f)) continue;
    auto it = index.find(f.codes[child_level]);
    if (it == index.end()) continue;
    cls.Add(tallies[it->second], f, snap->StatusAt(f, q.day), Find(reports, f.id),
            GateOnDuty(*gate_map, f.id));
  }
  std::vector<Rates> out;
  for (size_t i = 0; i < children.size(); ++i) {
    Query cq = q;
    cq.region = children[i];
    out.push_back(ToRates(cq, tallies[i]));
  }
  return out;
}

Result<std::vector<SeriesPoint>> StatsService::Series(const Query& q, const std::string& from) {
  auto from_day = ParseDate(from);
  if (!from_day) return BadDate("from", "起始日期应为 YYYY-MM-DD", "from must be YYYY-MM-DD");
  int32_t start = int32_t(from_day->time_since_epoch().count());
  if (start > q.day) return BadDate("from", "起始日期晚于结束日期", "from is after the end date");
  if (q.day - start >= kMaxSeriesDays)
    return BadDate("from", "时间序列最长366天", "a series spans at most 366 days");
  ASSIGN_OR_RETURN(auto snap, Snapshot());
  Classifier cls = MakeClassifier(q, settings_);
  size_t n = size_t(q.day - start + 1);
  // Difference arrays: each enterprise adds its status over the day ranges
  // between its history entries, so the cost is per entry, not per day.
  std::vector<int64_t> base(n + 1), work(n + 1), prod(n + 1), full(n + 1);
  auto add = [&](uint8_t s, size_t from, size_t to) {  // days [from, to)
    if (s == kClosed || from >= to) return;
    ++base[from], --base[to];
    if (IsOpen(s)) ++work[from], --work[to];
    if (IsProducing(s)) ++prod[from], --prod[to];
    if (cls.FullCapacity(s, nullptr)) ++full[from], --full[to];
  };
  for (const Fact& f : snap->facts) {
    if (!InRegion(f, q.region) || !cls.InCategory(f) || cls.Seasonal(f)) continue;
    uint32_t i = f.hist_begin, end = f.hist_begin + f.hist_len;
    uint8_t s = kSuspended;
    while (i < end && snap->hist_day[i] <= start) s = snap->hist_status[i++];
    size_t from = 0;
    for (; i < end && snap->hist_day[i] <= q.day; ++i) {
      size_t at = size_t(snap->hist_day[i] - start);
      add(s, from, at);
      s = snap->hist_status[i];
      from = at;
    }
    add(s, from, n);
  }
  for (size_t k = 1; k < n; ++k) {
    base[k] += base[k - 1];
    work[k] += work[k - 1];
    prod[k] += prod[k - 1];
    full[k] += full[k - 1];
  }
  std::vector<SeriesPoint> out(n);
  for (size_t k = 0; k < n; ++k) {
    out[k].date = DayString(start + int32_t(k));
    out[k].work_resumed = Rate(work[k], base[k]);
    out[k].production_resumed = Rate(prod[k], base[k]);
    out[k].full_capacity = Rate(full[k], base[k]);
  }
  return out;
}

Result<std::vector<EnterpriseRow>> StatsService::Enterprises(const Query& q,
                                                             const std::string& measure,
                                                             const system::Page& page,
                                                             int64_t* total) {
  bool known = false;
  for (const char* m : kMeasures) known = known || measure == m;
  if (!known)
    return InvalidArgument("measure", "unknown_measure", "未知的统计口径：" + measure,
                           "unknown measure: " + measure);
  ASSIGN_OR_RETURN(auto snap, Snapshot());
  Classifier cls = MakeClassifier(q, settings_);
  ASSIGN_OR_RETURN(auto report_map, ReportsOn(q.date));
  const auto& reports = *report_map;
  std::vector<std::pair<const Fact*, uint8_t>> hits;
  for (const Fact& f : snap->facts) {
    if (!InRegion(f, q.region) || !cls.InCategory(f)) continue;
    uint8_t s = snap->StatusAt(f, q.day);
    if (cls.InMeasure(measure, f, s, Find(reports, f.id))) hits.emplace_back(&f, s);
  }
  *total = int64_t(hits.size());
  const int key_bit = FactFlags::KeyBit();
  std::sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
    bool ka = (a.first->flags >> key_bit) & 1u, kb = (b.first->flags >> key_bit) & 1u;
    if (ka != kb) return ka;
    return a.first->uscc < b.first->uscc;
  });
  std::vector<EnterpriseRow> out;
  for (size_t i = size_t(page.Offset()); i < hits.size() && out.size() < size_t(page.size); ++i) {
    const Fact& f = *hits[i].first;
    EnterpriseRow row;
    row.uscc = f.uscc;
    row.name = f.name;
    row.region_code = f.region_code;
    auto region = reference_.GetRegion(f.region_code);
    if (region.ok()) row.region_name = region->name;
    row.industry_code = f.industry_code;
    row.status = StatusName(hits[i].second);
    int32_t since = snap->StatusSince(f, q.day);
    row.status_date = since >= 0 ? DayString(since) : "";
    row.cadre = f.cadre;
    row.key_enterprise = (f.flags >> key_bit) & 1u;
    row.employees = f.employees;
    out.push_back(std::move(row));
  }
  return out;
}

Result<ReportingFigures> StatsService::Reporting(const Query& q, const system::Page& page,
                                                 std::vector<EnterpriseRow>* missing,
                                                 int64_t* missing_total) {
  ASSIGN_OR_RETURN(auto snap, Snapshot());
  Classifier cls = MakeClassifier(q, settings_);
  ASSIGN_OR_RETURN(auto report_map, ReportsOn(q.date));
  const auto& reports = *report_map;
  int64_t expected = 0, received = 0, on_time = 0, zero = 0, late = 0;
  std::vector<const Fact*> absent;
  for (const Fact& f : snap->facts) {
    if (!InRegion(f, q.region) || !cls.InCategory(f) || cls.Seasonal(f)) continue;
    if (!IsOpen(snap->StatusAt(f, q.day))) continue;
    ++expected;
    const ReportFact* r = Find(reports, f.id);
    if (!r) {
      absent.push_back(&f);
      continue;
    }
    ++received;
    if (!r->late)
      ++on_time;
    else
      ++late;
    if (r->is_zero) ++zero;
  }
  ReportingFigures out;
  out.region_code = q.region.code;
  out.date = q.date;
  out.category = q.category;
  out.completeness = Rate(received, expected);
  out.timeliness = Rate(on_time, expected);
  out.zero_reports = zero;
  out.late = late;
  *missing_total = int64_t(absent.size());
  std::sort(absent.begin(), absent.end(),
            [](const Fact* a, const Fact* b) { return a->uscc < b->uscc; });
  for (size_t i = size_t(page.Offset()); i < absent.size() && missing->size() < size_t(page.size);
       ++i) {
    const Fact& f = *absent[i];
    EnterpriseRow row;
    row.uscc = f.uscc;
    row.name = f.name;
    row.region_code = f.region_code;
    auto region = reference_.GetRegion(f.region_code);
    if (region.ok()) row.region_name = region->name;
    row.industry_code = f.industry_code;
    row.status = StatusName(snap->StatusAt(f, q.day));
    row.cadre = f.cadre;
    row.employees = f.employees;
    missing->push_back(std::move(row));
  }
  return out;
}

Result<Forecast> StatsService::ForecastFrom(const Query& q) {
  Forecast fc;
  fc.region_code = q.region.code;
  fc.category = q.category;
  // The recent trend: the work-resumed rate over the last 7 days.
  int32_t first = q.day - 7;
  ASSIGN_OR_RETURN(auto snap, Snapshot());
  if (snap->first_day != 0 && first < snap->first_day) first = std::min(snap->first_day, q.day);
  ASSIGN_OR_RETURN(auto series, Series(q, DayString(first)));
  fc.current_rate = series.back().work_resumed.rate;
  if (series.size() >= 2)
    fc.trend_per_day =
        std::max(0.0, (series.back().work_resumed.rate - series.front().work_resumed.rate) /
                          double(series.size() - 1));
  // Planned dates of applications for enterprises not yet resumed.
  Classifier cls = MakeClassifier(q, settings_);
  std::unordered_map<int64_t, const Fact*> waiting;
  for (const Fact& f : snap->facts) {
    if (!InRegion(f, q.region) || !cls.InCategory(f) || cls.Seasonal(f)) continue;
    uint8_t s = snap->StatusAt(f, q.day);
    if (s == kSuspended) waiting.emplace(f.id, &f);
  }
  std::map<int32_t, double> planned_by_day;  // weight per day
  if (plans_) {
    ASSIGN_OR_RETURN(auto plans, plans_());
    std::unordered_map<int64_t, PlannedFact> latest;
    for (auto& p : plans) latest[p.enterprise_id] = p;
    for (const auto& [id, p] : latest) {
      if (!waiting.count(id)) continue;
      auto d = ParseDate(p.planned_date);
      if (!d) continue;
      int32_t day = std::max(int32_t(d->time_since_epoch().count()), q.day + 1);
      bool approved = p.state == "approved";
      (approved ? fc.planned_approved : fc.planned_pending)++;
      planned_by_day[day] += approved ? 1.0 : 0.7;  // pending ones may still be returned
    }
  }
  int64_t base = series.back().work_resumed.den;
  double planned = 0;
  auto next = planned_by_day.begin();
  for (int k = 1; k <= 120; ++k) {
    int32_t day = q.day + k;
    while (next != planned_by_day.end() && next->first <= day) planned += (next++)->second;
    double by_plan = base > 0 ? fc.current_rate + planned / double(base) : 0;
    double by_trend = fc.current_rate + fc.trend_per_day * k;
    double projected = std::min(1.0, std::max(by_plan, by_trend));
    if (k <= 14) fc.points.push_back({DayString(day), projected});
    if (fc.expected_full_date.empty() && projected >= 0.995) fc.expected_full_date = DayString(day);
    if (k >= 14 && !fc.expected_full_date.empty()) break;
  }
  if (base > 0 && fc.current_rate >= 0.995) fc.expected_full_date = q.date;
  return fc;
}

Result<std::string> StatsService::Lookup(const Query& q, const std::string& name) {
  auto not_found = [&]() -> Status {
    return InvalidArgument("body", "unknown_placeholder", "未知的占位符 {" + name + "}",
                           "unknown placeholder {" + name + "}");
  };
  if (name == "date") return q.date;
  if (name == "date_cn") return ChineseDate(q.date);
  if (name == "region") return q.region.name;
  if (name == "scope") return ScopeWord(q.region.name);
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts[0] == "reporting" && parts.size() == 2) {
    std::vector<EnterpriseRow> missing;
    int64_t missing_total = 0;
    ASSIGN_OR_RETURN(auto r, Reporting(q, system::Page{1, 1}, &missing, &missing_total));
    const std::string& f = parts[1];
    if (f == "expected") return std::to_string(r.completeness.den);
    if (f == "received") return std::to_string(r.completeness.num);
    if (f == "missing") return std::to_string(missing_total);
    if (f == "on_time") return std::to_string(r.timeliness.num);
    if (f == "completeness") return FormatPercent(r.completeness.rate);
    if (f == "timeliness") return FormatPercent(r.timeliness.rate);
    if (f == "zero") return std::to_string(r.zero_reports);
    return not_found();
  }
  if (parts[0] == "forecast" && parts.size() == 2) {
    Query fq = q;
    fq.category = "above_scale_industrial";
    ASSIGN_OR_RETURN(auto base_rates, ComputeRates(fq));
    if (base_rates.base == 0) fq.category = "all";
    std::string who = fq.category == "all" ? "企业" : "规模以上工业企业";
    ASSIGN_OR_RETURN(auto fc, ForecastFrom(fq));
    const std::string& f = parts[1];
    if (f == "full_date") return fc.expected_full_date;
    if (f == "full_date_cn")
      return fc.expected_full_date.empty() ? "暂无法预计" : ChineseTenDays(fc.expected_full_date);
    if (f == "sentence") {
      if (fc.expected_full_date == q.date)
        return "目前" + ScopeWord(q.region.name) + who + "已全部复工。";
      if (fc.expected_full_date.empty())
        return "按当前进度，" + ScopeWord(q.region.name) + who + "全部复工的时间暂难预计。";
      return "预计" + ChineseTenDays(fc.expected_full_date) + "，除季节性生产企业外，" +
             ScopeWord(q.region.name) + who + "将全部复工。";
    }
    return not_found();
  }
  // power.{label,resumed,with_data,without_data,resumed_rate,production}: the electricity index
  // (SPEC §3.5) through the power source, e.g. 「电力复工指数处于{power.label}区间」.
  if (parts[0] == "power" && parts.size() == 2 && power_) {
    ASSIGN_OR_RETURN(PowerFigures p, power_(q));
    const std::string& f = parts[1];
    if (f == "label")
      return std::string(p.label == "suppressed"   ? "抑制"
                         : p.label == "recovering" ? "恢复"
                         : p.label == "stable"     ? "企稳"
                                                   : "暂无");
    if (f == "resumed") return std::to_string(p.resumed);
    if (f == "with_data") return std::to_string(p.with_data);
    if (f == "without_data") return std::to_string(p.without_data);
    if (f == "resumed_rate")
      return FormatPercent(p.with_data ? double(p.resumed) / double(p.with_data) : 0.0);
    if (f == "production") return FormatPercent(p.baseline > 0 ? p.use / p.baseline : 0.0);
    return not_found();
  }
  // Placeholders of other modules, e.g. {project.rate} (SPEC §3.16).
  if (auto it = placeholders_.find(parts[0]); it != placeholders_.end() && parts.size() >= 2) {
    ASSIGN_OR_RETURN(std::optional<std::string> v, it->second(q, name));
    if (!v) return not_found();
    return *v;
  }
  // [category.]metric[.field]
  static const char* kMetrics[] = {"enterprises",      "base",
                                   "seasonal",         "closed",
                                   "work_resumed",     "production_resumed",
                                   "full_capacity",    "business_reopened",
                                   "staff_returned",   "capacity_recovered",
                                   "not_work_resumed", "not_production_resumed"};
  auto is_metric = [](const std::string& s) {
    for (const char* m : kMetrics)
      if (s == m) return true;
    return false;
  };
  Query cq = q;
  size_t i = 0;
  if (!is_metric(parts[0])) {
    if (FactFlags::BitOf(parts[0]) == -1 || parts[0] == "all") {
      if (parts[0] != "all") return not_found();
    }
    cq.category = parts[0];
    i = 1;
  }
  if (i >= parts.size() || !is_metric(parts[i]) || parts.size() > i + 2) return not_found();
  const std::string metric = parts[i];
  const std::string field = parts.size() == i + 2 ? parts[i + 1] : "";
  if (!field.empty() && field != "num" && field != "den" && field != "pct" && field != "rate")
    return not_found();
  ASSIGN_OR_RETURN(auto r, ComputeRates(cq));
  auto count = [&](int64_t n) -> Result<std::string> {
    if (!field.empty() && field != "num") return not_found();
    return std::to_string(n);
  };
  if (metric == "enterprises") return count(r.enterprises);
  if (metric == "base") return count(r.base);
  if (metric == "seasonal") return count(r.seasonal_excluded);
  if (metric == "closed") return count(r.closed);
  if (metric == "not_work_resumed") return count(r.base - r.work_resumed.num);
  if (metric == "not_production_resumed") return count(r.base - r.production_resumed.num);
  const RateValue& v = metric == "work_resumed"         ? r.work_resumed
                       : metric == "production_resumed" ? r.production_resumed
                       : metric == "full_capacity"      ? r.full_capacity
                       : metric == "business_reopened"  ? r.business_reopened
                       : metric == "staff_returned"     ? r.staff_returned
                                                        : r.capacity_recovered;
  bool amounts = metric == "staff_returned" || metric == "capacity_recovered";
  if (field == "pct" || (field.empty() && amounts)) return FormatPercent(v.rate);
  if (field == "rate") {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v.rate);
    return std::string(buf);
  }
  if (field == "den") return std::to_string(v.den);
  return std::to_string(v.num);
}

Result<std::string> StatsService::Bulletin(const Query& q, std::optional<int64_t> template_id,
                                           const std::string& body_in) {
  std::string body = body_in;
  if (template_id) {
    std::optional<BulletinTemplate> t;
    RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(t, StatsRepository::Template(c, *template_id));
      return Status::Ok();
    }));
    if (!t) return NotFound("unknown_template", "简报模板不存在", "no such bulletin template");
    body = t->body;
  }
  if (body.empty()) body = DefaultBulletinTemplate();
  Status failure;
  std::map<std::string, std::string> cache;
  auto lookup = [&](const std::string& name) -> std::optional<std::string> {
    if (auto it = cache.find(name); it != cache.end()) return it->second;
    auto v = Lookup(q, name);
    if (!v.ok()) {
      if (v.status().code() != "unknown_placeholder") failure = v.status();
      return v.status().code() == "unknown_placeholder" ? std::nullopt
                                                        : std::optional<std::string>("");
    }
    cache[name] = *v;
    return *v;
  };
  auto text = RenderTemplate(body, lookup);
  if (!failure.ok()) return failure;
  return text;
}

Result<std::vector<BulletinTemplate>> StatsService::Templates(const system::Scope& scope) {
  std::vector<std::string> regions = {""};
  if (!scope.region_code.empty()) {
    ASSIGN_OR_RETURN(auto path, reference_.Path(scope.region_code));
    for (const auto& r : path) regions.push_back(r.code);
  }
  std::vector<BulletinTemplate> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    if (scope.all) {
      ASSIGN_OR_RETURN(out, StatsRepository::AllTemplates(c));
    } else {
      ASSIGN_OR_RETURN(out, StatsRepository::Templates(c, regions));
    }
    return Status::Ok();
  }));
  return out;
}

Result<BulletinTemplate> StatsService::SaveTemplate(BulletinTemplate t,
                                                    const system::Principal& by) {
  long name_len = Utf8Length(t.name), body_len = Utf8Length(t.body);
  if (name_len <= 0 || name_len > 50)
    return InvalidArgument("name", "required", "模板名称不能为空且不超过50字",
                           "name is required (at most 50 characters)");
  if (body_len <= 0 || body_len > 5000)
    return InvalidArgument("body", "required", "模板内容不能为空且不超过5000字",
                           "body is required (at most 5000 characters)");
  // Every placeholder must be known: render against the caller's own region.
  ASSIGN_OR_RETURN(Query q, Resolve(t.region_code, "", "all", by.scope));
  ASSIGN_OR_RETURN(auto snap, Snapshot());
  if (snap->first_day != 0) {
    q.day = std::max(snap->first_day, q.day);
  }
  RETURN_IF_ERROR(Bulletin(q, std::nullopt, t.body).status());
  t.region_code = q.region.code;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    if (t.id == 0) {
      ASSIGN_OR_RETURN(t.id, StatsRepository::InsertTemplate(c, t, by.user_id));
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(auto old, StatsRepository::Template(c, t.id));
    if (!old) return NotFound("unknown_template", "简报模板不存在", "no such bulletin template");
    return StatsRepository::UpdateTemplate(c, t, by.user_id);
  }));
  return t;
}

Status StatsService::DeleteTemplate(int64_t id, const system::Principal& by) {
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto old, StatsRepository::Template(c, id));
    if (!old) return NotFound("unknown_template", "简报模板不存在", "no such bulletin template");
    if (!by.scope.all) {
      auto r = old->region_code.empty() ? Result<system::Region>(system::Region{})
                                        : reference_.GetRegion(old->region_code);
      if (!r.ok() || old->region_code.empty() ||
          r->CodeAtLevel(by.scope.region_level) != by.scope.region_code)
        return PermissionDenied();
    }
    return StatsRepository::DeleteTemplate(c, id);
  });
}

Result<std::string> StatsService::ReportForm(const Query& q, const std::string& form) {
  if (form != "regions" && form != "not_resumed")
    return InvalidArgument("form", "invalid_value", "form 应为 regions 或 not_resumed",
                           "form must be regions or not_resumed");
  std::string path = TempXlsx();
  ASSIGN_OR_RETURN(
      auto w, io::OpenXlsxWriter(path, form == "regions" ? "复工情况统计表" : "未复工企业名单"));
  Status st;
  if (form == "regions") {
    ASSIGN_OR_RETURN(auto rows, Children(q));
    ASSIGN_OR_RETURN(auto total, ComputeRates(q));
    rows.push_back(total);
    st = w->WriteRow({std::string("区划代码"), std::string("区划"), std::string("企业总数"),
                      std::string("扣除季节性生产"), std::string("统计基数"), std::string("已复工"),
                      std::string("复工率"), std::string("已复产"), std::string("复产率"),
                      std::string("已达产"), std::string("达产率")});
    for (size_t i = 0; st.ok() && i < rows.size(); ++i) {
      const Rates& r = rows[i];
      bool last = i + 1 == rows.size();
      st = w->WriteRow({r.region_code, last ? "合计（" + r.region_name + "）" : r.region_name,
                        double(r.enterprises), double(r.seasonal_excluded), double(r.base),
                        double(r.work_resumed.num), FormatPercent(r.work_resumed.rate),
                        double(r.production_resumed.num), FormatPercent(r.production_resumed.rate),
                        double(r.full_capacity.num), FormatPercent(r.full_capacity.rate)});
    }
  } else {
    std::unordered_map<int64_t, PlannedFact> plans;
    if (plans_) {
      ASSIGN_OR_RETURN(auto list, plans_());
      for (auto& p : list) plans[p.enterprise_id] = p;
    }
    ASSIGN_OR_RETURN(auto snap, Snapshot());
    Classifier cls = MakeClassifier(q, settings_);
    st = w->WriteRow({std::string("统一社会信用代码"), std::string("企业名称"),
                      std::string("所属区划"), std::string("行业代码"), std::string("重点企业"),
                      std::string("包保干部"), std::string("职工总数"), std::string("未复工原因")});
    for (const Fact& f : snap->facts) {
      if (!st.ok()) break;
      if (!InRegion(f, q.region) || !cls.InCategory(f) || cls.Seasonal(f)) continue;
      if (snap->StatusAt(f, q.day) != kSuspended) continue;
      std::string reason = "未提交复工申请";
      if (auto it = plans.find(f.id); it != plans.end()) {
        const PlannedFact& p = it->second;
        reason = p.state == "approved" ? "已批准，计划于 " + p.planned_date + " 复工"
                                       : "复工申请审核中，计划 " + p.planned_date;
      }
      auto region = reference_.GetRegion(f.region_code);
      st = w->WriteRow({f.uscc, f.name, region.ok() ? region->name : f.region_code, f.industry_code,
                        std::string((f.flags >> FactFlags::KeyBit()) & 1u ? "是" : "否"), f.cadre,
                        double(f.employees), reason});
    }
  }
  Status closed = w->Close();
  if (st.ok()) st = closed;
  if (!st.ok()) {
    std::filesystem::remove(path);
    return st;
  }
  return path;
}

}  // namespace fugong::stats
