#include "modules/power/power_service.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "core/clock.h"
#include "core/log.h"
#include "core/validation.h"
#include "io/table_reader.h"
#include "modules/notification/notification.h"
#include "modules/power/power_repository.h"
#include "modules/power/rules.h"
#include "modules/responsibility/responsibility_repository.h"
#include "system/export.h"

namespace fugong::power {
namespace {

// A day's use above this is not a reading (the largest plants draw ~10^7 kWh a day).
constexpr double kMaxKwh = 1e8;

struct ImportColumn {
  const char* key;
  std::vector<std::string> headers;
};

const std::vector<ImportColumn>& ImportColumns() {
  static const std::vector<ImportColumn> columns = {
      {"uscc", {"统一社会信用代码", "信用代码", "uscc"}},
      {"meter_no", {"户号", "电表号", "表号", "meter_no"}},
      {"date", {"日期", "用电日期", "date"}},
      {"kwh", {"用电量", "日用电量", "用电量(千瓦时)", "用电量（千瓦时）", "电量", "kwh"}},
  };
  return columns;
}

const ImportColumn* FindColumn(const std::string& header) {
  std::string h = Trim(header);
  if (h.rfind("\xEF\xBB\xBF", 0) == 0) h = h.substr(3);
  for (const auto& c : ImportColumns())
    for (const auto& name : c.headers)
      if (h == name) return &c;
  return nullptr;
}

Status MissingColumn(const std::string& zh, const std::string& en) {
  return InvalidArgument(zh, "missing_column", "导入文件缺少必需的列：" + zh,
                         "the file lacks the required column " + en);
}

Status EnterpriseNotFound() {
  return NotFound("unknown_enterprise", "企业不存在或无权访问", "no such enterprise in your scope");
}

system::Scope RegionScope(const system::Region& r) {
  if (r.level <= 0) return system::Scope::All();
  return system::Scope{false, r.code, r.level, std::nullopt};
}

bool InScope(const system::Region& r, const system::Scope& scope) {
  if (scope.all) return true;
  if (scope.region_code.empty()) return false;
  return r.level >= scope.region_level && r.CodeAtLevel(scope.region_level) == scope.region_code;
}

bool InCategory(const stats::Fact& f, int bit) { return bit == -2 || ((f.flags >> bit) & 1u); }

template <size_t N>
bool OneOf(const std::string& v, const char* const (&list)[N]) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

}  // namespace

Result<ImportResult> PowerService::Import(const std::string& path, const system::Principal& by) {
  ImportResult result;
  std::vector<const ImportColumn*> columns;
  std::vector<std::string> headers;
  std::set<std::tuple<int64_t, std::string, std::string>> seen;  // enterprise, meter, day
  std::string today = FormatDate(Today());
  bool header_done = false;
  auto reject = [&](int row, const std::string& column, const std::string& reason) {
    result.rejected.push_back({row, column, reason});
  };
  auto header_of = [&](const std::string& key) -> std::string {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i] && key == columns[i]->key) return headers[i];
    return key;
  };
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(
        io::ReadTable(path, [&](int row, const std::vector<std::string>& cells) -> Status {
          if (!header_done) {
            header_done = true;
            for (const auto& h : cells) {
              headers.push_back(Trim(h));
              columns.push_back(FindColumn(h));
            }
            auto has = [&](const char* key) {
              return std::any_of(columns.begin(), columns.end(),
                                 [&](const ImportColumn* col) { return col && col->key == key; });
            };
            if (!has("date")) return MissingColumn("日期", "date (日期)");
            if (!has("kwh")) return MissingColumn("用电量", "kwh (用电量)");
            if (!has("uscc") && !has("meter_no"))
              return MissingColumn("统一社会信用代码",
                                   "uscc (统一社会信用代码) or meter_no (户号)");
            return Status::Ok();
          }
          std::string uscc, meter, date, kwh_text;
          for (size_t i = 0; i < columns.size(); ++i) {
            if (!columns[i]) continue;
            std::string cell = i < cells.size() ? Trim(cells[i]) : "";
            std::string key = columns[i]->key;
            if (key == "uscc") uscc = NormalizeUscc(cell);
            if (key == "meter_no") meter = cell;
            if (key == "date") date = cell;
            if (key == "kwh") kwh_text = cell;
          }
          if (uscc.empty() && meter.empty() && date.empty() && kwh_text.empty())
            return Status::Ok();
          size_t before = result.rejected.size();
          auto day = ParseDate(date);
          if (!day) {
            reject(row, header_of("date"), "日期格式应为 YYYY-MM-DD");
          } else if (FormatDate(*day) > today) {
            reject(row, header_of("date"), "日期晚于今天");
          }
          char* end = nullptr;
          double kwh = kwh_text.empty() ? NAN : std::strtod(kwh_text.c_str(), &end);
          if (kwh_text.empty() || !end || *end != '\0' || !std::isfinite(kwh)) {
            reject(row, header_of("kwh"), "用电量应为数字");
          } else if (kwh < 0) {
            reject(row, header_of("kwh"), "用电量不能为负数");
          } else if (kwh > kMaxKwh) {
            reject(row, header_of("kwh"), "用电量数值异常（超过1亿千瓦时）");
          }
          std::optional<Owner> owner;
          if (!meter.empty()) {
            ASSIGN_OR_RETURN(owner, PowerRepository::OwnerByMeter(c, meter, by.scope));
            if (!owner) {
              reject(row, header_of("meter_no"), "电表未对应任何企业（或不在权限范围）");
            } else if (!uscc.empty() && owner->uscc != uscc) {
              reject(row, header_of("uscc"), "电表对应的企业与信用代码不一致");
              owner.reset();
            }
          } else if (!uscc.empty()) {
            ASSIGN_OR_RETURN(owner, PowerRepository::OwnerByUscc(c, uscc, by.scope));
            if (!owner) reject(row, header_of("uscc"), "企业不存在或不在权限范围");
          } else {
            reject(row, header_of("uscc"), "应填写信用代码或户号");
          }
          if (result.rejected.size() == before && owner) {
            std::string d = FormatDate(*day);
            if (!seen.insert({owner->id, meter, d}).second) {
              reject(row, header_of("date"), "同一企业（电表）同一天的重复行");
            } else {
              ASSIGN_OR_RETURN(
                  bool fresh, PowerRepository::UpsertReading(c, *owner, meter, d, kwh, by.user_id));
              ++(fresh ? result.imported : result.updated);
              result.latest_date = std::max(result.latest_date, d);
              return Status::Ok();
            }
          }
          ++result.rejected_rows;
          return Status::Ok();
        }));
    if (!result.rejected.empty()) {
      ASSIGN_OR_RETURN(result.report_id, system::ImportReportRepository::Save(
                                             c, by.user_id, "power", result.rejected));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!result.latest_date.empty()) {
    // The readings are in; telling the cadres is a consequence that must not
    // undo them: a failure here is logged, and the import still succeeds.
    auto notified = NotifyDisagreements(result.latest_date);
    if (notified.ok())
      result.cadres_notified = *notified;
    else
      spdlog::warn("power import: notifying cadres failed: {}", notified.status().ToString());
  }
  return result;
}

Result<int64_t> PowerService::NotifyDisagreements(const std::string& date) {
  ASSIGN_OR_RETURN(auto q, stats_.Resolve("", date, "all", system::Scope::All()));
  std::set<int64_t> disagreeing;  // enterprises with an unexplained disagreement of any kind
  for (const char* kind : kKinds) {
    ASSIGN_OR_RETURN(auto rows, Disagreements(q, kind, ""));
    for (const auto& e : rows)
      if (e.reason.empty()) disagreeing.insert(e.enterprise_id);
  }
  int64_t notified = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    std::map<int64_t, int64_t> per_cadre;  // cadre user -> enterprises
    for (int64_t id : disagreeing) {
      ASSIGN_OR_RETURN(auto cadre, responsibility::ResponsibilityRepository::CadreOf(c, id));
      if (cadre) ++per_cadre[*cadre];
    }
    for (const auto& [cadre, n] : per_cadre) {
      RETURN_IF_ERROR(
          notification::Enqueue(c, {{cadre},
                                    "power_disagreement",
                                    "用电数据与上报不一致",
                                    "您包保的 " + std::to_string(n) + " 家企业 " + date +
                                        " 的用电数据与上报的复工情况不一致，请核实并填写说明。",
                                    "/power/disagreements?date=" + date}));
      ++notified;
    }
    return Status::Ok();
  }));
  return notified;
}

Result<std::vector<Meter>> PowerService::Meters(const std::string& uscc,
                                                const system::Principal& by,
                                                const system::Page& page, int64_t* total) {
  std::vector<Meter> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    std::optional<int64_t> enterprise_id;
    if (!uscc.empty()) {
      ASSIGN_OR_RETURN(auto owner, PowerRepository::OwnerByUscc(c, NormalizeUscc(uscc), by.scope));
      if (!owner) return EnterpriseNotFound();
      enterprise_id = owner->id;
    }
    ASSIGN_OR_RETURN(out, PowerRepository::Meters(c, by.scope, enterprise_id, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Meter> PowerService::CreateMeter(const std::string& meter_no, const std::string& uscc,
                                        const std::string& note, const system::Principal& by) {
  if (meter_no.empty() || Utf8Length(meter_no) > 40)
    return InvalidArgument("meter_no", "invalid", "户号应为1至40个字符",
                           "meter_no must have 1 to 40 characters");
  Meter m;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto owner, PowerRepository::OwnerByUscc(c, NormalizeUscc(uscc), by.scope));
    if (!owner) return EnterpriseNotFound();
    ASSIGN_OR_RETURN(auto id, PowerRepository::InsertMeter(c, *owner, meter_no, note, by.user_id));
    if (!id)
      return Conflict("meter_no", "meter_taken", "该户号已对应企业", "the meter is already mapped");
    m = Meter{*id,         meter_no,           owner->id, owner->uscc,
              owner->name, owner->region_code, note,      NowTimestamp()};
    return Status::Ok();
  }));
  return m;
}

Status PowerService::DeleteMeter(int64_t id, const system::Principal& by) {
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool gone, PowerRepository::DeleteMeter(c, id, by.scope));
    if (!gone) return NotFound("unknown_meter", "电表不存在或无权访问", "no such meter");
    return Status::Ok();
  });
}

Result<Config> PowerService::ConfigFor(const system::Region& region) {
  std::vector<std::string> codes{""};
  for (int lvl = 1; lvl <= region.level; ++lvl) codes.push_back(region.CodeAtLevel(lvl));
  Config cfg;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto stored, PowerRepository::Configs(c, codes));
    for (const auto& code : codes)
      if (auto it = stored.find(code); it != stored.end()) cfg = it->second;
    return Status::Ok();
  }));
  return cfg;
}

Result<Config> PowerService::ConfigIn(const std::string& region_code, const system::Principal& by) {
  system::Region region;  // level 0: the default
  if (!region_code.empty()) {
    ASSIGN_OR_RETURN(region, reference_.GetRegion(region_code, "region_code"));
    if (!InScope(region, by.scope))
      return NotFound("unknown_region", "区划不存在或无权访问", "no such region in your scope");
  }
  ASSIGN_OR_RETURN(Config cfg, ConfigFor(region));
  cfg.region_code = region.code;
  return cfg;
}

Result<Config> PowerService::SaveConfig(Config cfg, const system::Principal& by) {
  if (cfg.region_code.empty()) {
    if (!by.scope.all) return PermissionDenied("只能设置本辖区", "only your own region");
  } else {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(cfg.region_code, "region_code"));
    if (!InScope(r, by.scope))
      return NotFound("unknown_region", "区划不存在或无权访问", "no such region in your scope");
    cfg.region_code = r.code;
  }
  if (cfg.baseline_method != "reference_month" && cfg.baseline_method != "same_period")
    return InvalidArgument("baseline_method", "invalid",
                           "基准方式应为 reference_month 或 same_period",
                           "baseline_method must be reference_month or same_period");
  if (!ValidMonth(cfg.reference_month))
    return InvalidArgument("reference_month", "invalid", "基准月份格式应为 YYYY-MM",
                           "reference_month must be YYYY-MM");
  if (cfg.suppressed_below > cfg.stable_from)
    return InvalidArgument("stable_from", "invalid", "企稳线不能低于抑制线",
                           "stable_from must not be below suppressed_below");
  RETURN_IF_ERROR(db_.Transact(
      [&](db::Connection& c) -> Status { return PowerRepository::PutConfig(c, cfg, by.user_id); }));
  return cfg;
}

Result<std::vector<EnterprisePower>> PowerService::Compute(const stats::Query& q,
                                                           PowerRates* rates) {
  ASSIGN_OR_RETURN(auto snap, stats_.Snapshot());
  ASSIGN_OR_RETURN(Config cfg, ConfigFor(q.region));
  std::string from, to;
  BaselinePeriod(cfg, q.date, &from, &to);
  system::Scope region = RegionScope(q.region);
  std::map<int64_t, double> baselines, use;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(baselines, PowerRepository::Averages(c, from, to, region));
    ASSIGN_OR_RETURN(use, PowerRepository::DayUse(c, q.date, region));
    return Status::Ok();
  }));
  int bit = stats::FactFlags::BitOf(q.category);
  uint32_t seasonal = 1u << stats::FactFlags::SeasonalBit();
  int64_t code = q.region.level > 0 ? stats::CodeNumber(q.region.code) : 0;
  *rates = PowerRates{};
  rates->region_code = q.region.code;
  rates->date = q.date;
  rates->category = q.category;
  rates->threshold = cfg.threshold;
  std::vector<EnterprisePower> out;
  for (const stats::Fact& f : snap->facts) {
    if (q.region.level > 0 && f.codes[q.region.level] != code) continue;
    if (!InCategory(f, bit) || (f.flags & seasonal)) continue;
    uint8_t s = snap->StatusAt(f, q.day);
    if (s == stats::kClosed) continue;
    EnterprisePower e;
    e.enterprise_id = f.id;
    e.uscc = f.uscc;
    e.name = f.name;
    e.region_code = f.region_code;
    e.cadre = f.cadre;
    e.status = stats::StatusName(s);
    e.reported_resumed = s != stats::kSuspended;
    if (auto it = baselines.find(f.id); it != baselines.end() && it->second > 0) {
      e.has_baseline = true;
      e.baseline = it->second;
    }
    if (auto it = use.find(f.id); it != use.end()) {
      e.has_reading = true;
      e.use = it->second;
    }
    ++rates->base;
    if (e.has_baseline && e.has_reading) {
      ++rates->with_data;
      e.resumed_by_power = ResumedByPower(e.use, e.baseline, cfg.threshold);
      if (e.resumed_by_power) ++rates->resumed;
      if (e.reported_resumed) ++rates->reported_resumed;
      rates->use += e.use;
      rates->baseline += e.baseline;
    } else if (!e.has_baseline) {
      ++rates->no_baseline;
    } else {
      ++rates->no_reading;
    }
    out.push_back(std::move(e));
  }
  rates->without_data = rates->base - rates->with_data;
  if (rates->baseline > 0) rates->label = Label(rates->use / rates->baseline, cfg);
  return out;
}

Result<PowerRates> PowerService::Rates(const stats::Query& q) {
  PowerRates r;
  RETURN_IF_ERROR(Compute(q, &r).status());
  return r;
}

Result<std::vector<SeriesPoint>> PowerService::Series(const stats::Query& q,
                                                      const std::string& from) {
  auto start = ParseDate(from);
  if (!start)
    return InvalidArgument("from", "invalid_date", "日期格式应为 YYYY-MM-DD", "from: YYYY-MM-DD");
  auto last = ParseDate(q.date);
  if (*start > *last)
    return InvalidArgument("from", "invalid_range", "起始日期晚于截止日期", "from after date");
  if ((*last - *start).count() > 91)
    return InvalidArgument("from", "range_too_long", "序列最长92天", "at most 92 days");
  std::vector<SeriesPoint> out;
  for (auto d = *start; d <= *last; d += std::chrono::days(1)) {
    stats::Query dq = q;
    dq.date = FormatDate(d);
    dq.day = int32_t(d.time_since_epoch().count());
    PowerRates r;
    RETURN_IF_ERROR(Compute(dq, &r).status());
    out.push_back({dq.date, r.with_data, r.without_data, r.resumed, r.use, r.baseline, r.label});
  }
  return out;
}

Result<std::vector<EnterprisePower>> PowerService::Disagreements(const stats::Query& q,
                                                                 const std::string& kind,
                                                                 const std::string& cadre) {
  if (!OneOf(kind, kKinds) && kind != "no_data")
    return InvalidArgument("kind", "invalid", "未知的类型：" + kind, "unknown kind: " + kind);
  PowerRates rates;
  ASSIGN_OR_RETURN(auto all, Compute(q, &rates));
  ASSIGN_OR_RETURN(Config cfg, ConfigFor(q.region));
  std::map<int64_t, double> loads;
  if (kind == "load_mismatch" && loads_) {
    ASSIGN_OR_RETURN(loads, loads_(q.date));
  }
  std::map<std::pair<int64_t, std::string>, std::pair<std::string, std::string>> explained;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(explained, PowerRepository::Explanations(c, q.date, RegionScope(q.region)));
    return Status::Ok();
  }));
  std::vector<EnterprisePower> out;
  for (auto& e : all) {
    if (!cadre.empty() && e.cadre != cadre) continue;
    bool data = e.has_baseline && e.has_reading;
    bool listed = false;
    if (kind == "no_data") listed = !data;
    if (kind == "resumed_no_power") listed = data && e.reported_resumed && !e.resumed_by_power;
    if (kind == "power_not_reported") listed = data && !e.reported_resumed && e.resumed_by_power;
    if (kind == "load_mismatch" && data) {
      if (auto it = loads.find(e.enterprise_id); it != loads.end()) {
        e.load_percent = it->second;
        listed = std::fabs(it->second - 100.0 * e.use / e.baseline) > cfg.margin;
      }
    }
    if (!listed) continue;
    e.kind = kind;
    if (auto it = explained.find({e.enterprise_id, kind}); it != explained.end()) {
      e.reason = it->second.first;
      e.note = it->second.second;
    }
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::string> PowerService::ExportMeters(const std::string& uscc, io::TableFormat format,
                                               const system::Principal& by) {
  std::vector<Meter> all;
  for (int64_t page_no = 1;; ++page_no) {
    int64_t total = 0;
    ASSIGN_OR_RETURN(auto list, Meters(uscc, by, system::Page{int(page_no), 1000}, &total));
    all.insert(all.end(), list.begin(), list.end());
    if (list.empty() || int64_t(all.size()) >= total) break;
  }
  return system::ExportTable(
      format, "电表", {"户号", "统一社会信用代码", "企业名称", "区划", "备注", "登记时间"},
      [&](io::TableWriter& w) -> Status {
        for (const auto& m : all)
          RETURN_IF_ERROR(w.WriteRow({m.meter_no, m.enterprise_uscc, m.enterprise_name,
                                      m.region_code, m.note, m.created_at}));
        return Status::Ok();
      });
}

Result<std::string> PowerService::ExportDisagreements(const stats::Query& q,
                                                      const std::string& kind,
                                                      const std::string& cadre,
                                                      io::TableFormat format) {
  ASSIGN_OR_RETURN(auto rows, Disagreements(q, kind, cadre));
  return system::ExportTable(
      format, "用电比对",
      {"统一社会信用代码", "企业名称", "区划", "包保干部", "上报状态", "上报已复工",
       "基准日用电(kWh)", "当日用电(kWh)", "电力复产率", "按电力已复工", "上报负荷(%)", "说明",
       "备注"},
      [&](io::TableWriter& w) -> Status {
        for (const auto& e : rows)
          RETURN_IF_ERROR(
              w.WriteRow({e.uscc, e.name, e.region_code, e.cadre, e.status,
                          std::string(e.reported_resumed ? "是" : "否"), e.baseline, e.use,
                          e.baseline > 0 ? e.use / e.baseline : 0.0,
                          std::string(e.resumed_by_power ? "是" : "否"),
                          e.load_percent ? io::Cell(*e.load_percent) : io::Cell(std::string()),
                          e.reason, e.note}));
        return Status::Ok();
      });
}

Status PowerService::Explain(Explanation e, const system::Principal& by) {
  auto day = ParseDate(e.date);
  if (!day)
    return InvalidArgument("date", "invalid_date", "日期格式应为 YYYY-MM-DD", "date: YYYY-MM-DD");
  if (*day > Today())
    return InvalidArgument("date", "future_date", "日期不能晚于今天", "date is in the future");
  e.date = FormatDate(*day);
  if (!OneOf(e.kind, kKinds))
    return InvalidArgument("kind", "invalid", "未知的类型：" + e.kind, "unknown kind: " + e.kind);
  if (!OneOf(e.reason, kReasons))
    return InvalidArgument("reason", "invalid", "未知的原因：" + e.reason,
                           "unknown reason: " + e.reason);
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto owner, PowerRepository::OwnerByUscc(c, NormalizeUscc(e.uscc), by.scope));
    if (!owner) return EnterpriseNotFound();
    return PowerRepository::PutExplanation(c, *owner, e, by.user_id);
  });
}

}  // namespace fugong::power
