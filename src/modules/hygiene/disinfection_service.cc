#include "modules/hygiene/disinfection_service.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "io/table_writer.h"
#include "modules/hygiene/disinfection_repository.h"

namespace fugong::hygiene {
namespace {

Status SiteNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_site", "场所不存在或无权访问",
                "no such site in your scope", "site");
}

Status AreaNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_area", "区域不存在或无权访问",
                "no such area in your scope", "area");
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

Status ValidateSchedule(const std::optional<Schedule>& s) {
  if (!s) return Status::Ok();
  std::string fault = ScheduleFault(*s);
  if (fault.empty()) return Status::Ok();
  std::string field = "schedule." + fault;
  if (fault == "interval_minutes")
    return InvalidArgument(field, "out_of_range",
                           "消毒间隔应在 " + std::to_string(kMinInterval) + " 到 " +
                               std::to_string(kMaxInterval) + " 分钟之间",
                           "the interval must be between " + std::to_string(kMinInterval) +
                               " and " + std::to_string(kMaxInterval) + " minutes");
  if (fault == "window_start")
    return InvalidArgument(field, "invalid_time", "开始时间应为 00:00 到 23:59",
                           "the window must start between 00:00 and 23:59");
  return InvalidArgument(field, "invalid_range", "结束时间应晚于开始时间，且不晚于 24:00",
                         "the window must end after it starts, at 24:00 at the latest");
}

std::string TempPath(const std::string& ext) {
  return (std::filesystem::temp_directory_path() /
          ("fugong-" + crypto::ToHex(crypto::RandomBytes(12)) + ext))
      .string();
}

// Now, in seconds after midnight (Asia/Shanghai) of `date`.
int64_t NowSecondsOf(const std::string& date) {
  using namespace std::chrono;
  auto midnight = sys_seconds(*ParseDate(date)) - hours(8);
  return duration_cast<seconds>(Now() - midnight).count();
}

// The rounds of `areas` on `date` from that day's records and each area's last record.
std::vector<AreaRounds> ComputeAll(const std::vector<Area>& areas,
                                   const std::vector<DayRecord>& records,
                                   const std::map<int64_t, LastRecord>& last,
                                   const std::string& date) {
  std::map<int64_t, std::vector<int64_t>> seconds;
  for (const auto& r : records) seconds[r.area_id].push_back(SecondsOfDay(r.at));
  int64_t now = NowSecondsOf(date);
  std::vector<AreaRounds> out;
  out.reserve(areas.size());
  for (const auto& a : areas) {
    AreaRounds ar;
    ar.area = a;
    auto it = seconds.find(a.id);
    static const std::vector<int64_t> kNone;
    const auto& secs = it == seconds.end() ? kNone : it->second;
    ar.rounds = ComputeRounds(a.schedule, secs, now);
    ar.records = int(secs.size());
    if (auto l = last.find(a.id); l != last.end()) ar.last = l->second;
    out.push_back(std::move(ar));
  }
  return out;
}

}  // namespace

Status ValidateDate(const std::string& date, const char* field) {
  if (!ParseDate(date))
    return InvalidArgument(field, "invalid_date",
                           std::string(field) + " 应为 YYYY-MM-DD 格式的有效日期",
                           std::string(field) + " must be a real date YYYY-MM-DD");
  return Status::Ok();
}

Result<SiteRef> DisinfectionService::SiteInScope(int64_t site_id, const system::Principal& by) {
  std::optional<SiteRef> site;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(site, DisinfectionRepository::GetSite(c, site_id, by.scope));
    return Status::Ok();
  }));
  if (!site) return SiteNotFound();
  return *site;
}

Result<Area> DisinfectionService::CreateArea(int64_t site_id, std::string name,
                                             std::optional<Schedule> schedule,
                                             const system::Principal& by) {
  name = Trim(name);
  RETURN_IF_ERROR(TextField("name", name, 30, true));
  RETURN_IF_ERROR(ValidateSchedule(schedule));
  ASSIGN_OR_RETURN(SiteRef site, SiteInScope(site_id, by));
  std::optional<int64_t> id;
  std::optional<Area> area;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id,
                     DisinfectionRepository::InsertArea(c, site.id, name, schedule, by.user_id));
    if (!id) return Status::Ok();
    ASSIGN_OR_RETURN(area, DisinfectionRepository::GetArea(c, *id, by.scope));
    return Status::Ok();
  }));
  if (!id)
    return Conflict("name", "duplicate_area", "该场所已有同名区域",
                    "this site already has an area of that name");
  if (!area) return AreaNotFound();
  return *area;
}

Result<std::vector<Area>> DisinfectionService::Areas(int64_t site_id, bool include_inactive,
                                                     const system::Principal& by) {
  ASSIGN_OR_RETURN(SiteRef site, SiteInScope(site_id, by));
  std::vector<Area> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    AreaQuery q;
    q.site_id = site.id;
    q.active_only = !include_inactive;
    ASSIGN_OR_RETURN(out, DisinfectionRepository::Areas(c, q));
    return Status::Ok();
  }));
  return out;
}

Result<Area> DisinfectionService::UpdateArea(int64_t area_id, AreaUpdate u,
                                             const system::Principal& by) {
  if (u.name) {
    *u.name = Trim(*u.name);
    RETURN_IF_ERROR(TextField("name", *u.name, 30, true));
  }
  if (u.set_schedule) RETURN_IF_ERROR(ValidateSchedule(u.schedule));
  std::optional<Area> area;
  bool taken = false;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(area, DisinfectionRepository::GetArea(c, area_id, by.scope));
    if (!area) return Status::Ok();
    Area next = *area;
    if (u.name && *u.name != area->name) {
      ASSIGN_OR_RETURN(taken,
                       DisinfectionRepository::AreaNameTaken(c, area->site_id, *u.name, area->id));
      if (taken) return Status::Ok();
      next.name = *u.name;
    }
    if (u.set_schedule) next.schedule = u.schedule;
    if (u.active) next.active = *u.active;
    RETURN_IF_ERROR(DisinfectionRepository::UpdateArea(c, area->id, next, by.user_id));
    ASSIGN_OR_RETURN(area, DisinfectionRepository::GetArea(c, area_id, by.scope));
    return Status::Ok();
  }));
  if (!area) return AreaNotFound();
  if (taken)
    return Conflict("name", "duplicate_area", "该场所已有同名区域",
                    "this site already has an area of that name");
  return *area;
}

Result<Disinfection> DisinfectionService::Record(int64_t area_id, NewDisinfection in,
                                                 const system::Principal& by) {
  using namespace std::chrono;
  for (auto* v : {&in.at, &in.agent, &in.method, &in.concentration, &in.person, &in.note})
    *v = Trim(*v);
  auto now = Now();
  auto at = now;
  if (!in.at.empty()) {
    auto parsed = ParseTimestamp(in.at);
    if (!parsed)
      return InvalidArgument("at", "invalid_timestamp",
                             "at 应为 ISO 8601 时间，如 2020-02-14T09:30:00+08:00",
                             "at must be an ISO 8601 time such as 2020-02-14T09:30:00+08:00");
    at = *parsed;
    // A minute of leeway for the clock of the phone that sends it.
    if (at > now + minutes(1))
      return InvalidArgument("at", "in_future", "消毒时间不能晚于当前时间",
                             "the time of a round cannot be in the future");
    if (at > now) at = now;
    if (at < now - days(kMaxRecordAgeDays))
      return InvalidArgument(
          "at", "too_old", "只能补录 " + std::to_string(kMaxRecordAgeDays) + " 天内的消毒记录",
          "rounds can be entered up to " + std::to_string(kMaxRecordAgeDays) + " days late");
  }
  in.at = FormatTimestamp(time_point_cast<seconds>(at));
  RETURN_IF_ERROR(TextField("agent", in.agent, 50, true));
  RETURN_IF_ERROR(TextField("method", in.method, 50, false));
  RETURN_IF_ERROR(TextField("concentration", in.concentration, 50, false));
  RETURN_IF_ERROR(TextField("person", in.person, 50, true));
  RETURN_IF_ERROR(TextField("note", in.note, 200, false));
  std::string day = FormatDate(BusinessDate(at));
  std::optional<Area> area;
  std::optional<Disinfection> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(area, DisinfectionRepository::GetArea(c, area_id, by.scope));
    if (!area || !area->active) return Status::Ok();
    ASSIGN_OR_RETURN(int64_t id,
                     DisinfectionRepository::InsertDisinfection(c, *area, in, day, by.user_id));
    ASSIGN_OR_RETURN(out, DisinfectionRepository::GetDisinfection(c, id));
    return Status::Ok();
  }));
  if (!area) return AreaNotFound();
  if (!area->active)
    return Conflict("area", "area_inactive", "该区域已停用", "this area is deactivated");
  if (!out) return Internal("disinfection record vanished");
  return *out;
}

Result<std::vector<Disinfection>> DisinfectionService::Records(int64_t site_id,
                                                               const DisinfectionFilter& f,
                                                               const system::Page& page,
                                                               const system::Principal& by,
                                                               int64_t* total) {
  RETURN_IF_ERROR(ValidateDate(f.day));
  ASSIGN_OR_RETURN(SiteRef site, SiteInScope(site_id, by));
  std::vector<Disinfection> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, DisinfectionRepository::List(c, site.id, f, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> DisinfectionService::Export(int64_t site_id, const DisinfectionFilter& f,
                                                enterprise::ExportFormat format,
                                                const system::Principal& by) {
  RETURN_IF_ERROR(ValidateDate(f.day));
  ASSIGN_OR_RETURN(SiteRef site, SiteInScope(site_id, by));
  bool xlsx = format == enterprise::ExportFormat::kXlsx;
  std::string path = TempPath(xlsx ? ".xlsx" : ".csv");
  ASSIGN_OR_RETURN(auto writer,
                   xlsx ? io::OpenXlsxWriter(path, "消毒记录") : io::OpenCsvWriter(path));
  Status st = writer->WriteRow({std::string("场所"), std::string("区域"), std::string("时间"),
                                std::string("消毒剂"), std::string("消毒方式"), std::string("浓度"),
                                std::string("消毒人"), std::string("备注")});
  if (st.ok())
    st = db_.WithConnection([&](db::Connection& c) {
      return DisinfectionRepository::ForEach(c, site.id, f, [&](const Disinfection& d) {
        return writer->WriteRow(
            {site.name, d.area_name, d.at, d.agent, d.method, d.concentration, d.person, d.note});
      });
    });
  Status closed = writer->Close();
  if (st.ok()) st = closed;
  if (!st.ok()) {
    std::filesystem::remove(path);
    return st;
  }
  return path;
}

Result<SiteHygiene> DisinfectionService::SiteRounds(int64_t site_id, const std::string& date,
                                                    const system::Principal& by) {
  RETURN_IF_ERROR(ValidateDate(date));
  ASSIGN_OR_RETURN(SiteRef site, SiteInScope(site_id, by));
  SiteHygiene out;
  out.site = site;
  out.date = date;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    AreaQuery q;
    q.site_id = site.id;
    q.active_only = true;
    ASSIGN_OR_RETURN(auto areas, DisinfectionRepository::Areas(c, q));
    ASSIGN_OR_RETURN(auto records, DisinfectionRepository::DayRecords(c, q, date));
    ASSIGN_OR_RETURN(auto last, DisinfectionRepository::LastRecords(c, q, date));
    out.areas = ComputeAll(areas, records, last, date);
    return Status::Ok();
  }));
  for (const auto& a : out.areas) {
    out.expected += a.rounds.expected;
    out.done += a.rounds.done;
    out.missing += a.rounds.missing;
  }
  return out;
}

Result<std::vector<Warning>> DisinfectionService::Warnings(WarningFilter f,
                                                           const system::Page& page,
                                                           const system::Principal& by,
                                                           int64_t* total, WarningTotals* totals) {
  RETURN_IF_ERROR(ValidateDate(f.day));
  if (!f.region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(f.region_code, "region"));
    f.region_code = r.code;
    f.region_level = r.level;
  }
  std::vector<AreaRounds> all;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    AreaQuery q;
    q.scope = &by.scope;
    q.region_code = f.region_code;
    q.region_level = f.region_level;
    q.active_only = true;
    q.scheduled_only = true;
    ASSIGN_OR_RETURN(auto areas, DisinfectionRepository::Areas(c, q));
    ASSIGN_OR_RETURN(auto records, DisinfectionRepository::DayRecords(c, q, f.day));
    ASSIGN_OR_RETURN(auto last, DisinfectionRepository::LastRecords(c, q, f.day));
    all = ComputeAll(areas, records, last, f.day);
    return Status::Ok();
  }));
  WarningTotals t;
  t.scheduled_areas = int(all.size());
  std::vector<Warning> missing;
  std::map<int64_t, bool> enterprises;
  for (auto& a : all) {
    if (a.rounds.missing == 0) continue;
    t.missing_rounds += a.rounds.missing;
    enterprises[a.area.enterprise_id] = true;
    missing.push_back(Warning{std::move(a), ""});
  }
  t.areas_missing = int(missing.size());
  t.enterprises_missing = int(enterprises.size());
  std::stable_sort(missing.begin(), missing.end(), [](const Warning& x, const Warning& y) {
    if (x.area.rounds.missing != y.area.rounds.missing)
      return x.area.rounds.missing > y.area.rounds.missing;
    if (x.area.area.enterprise_uscc != y.area.area.enterprise_uscc)
      return x.area.area.enterprise_uscc < y.area.area.enterprise_uscc;
    return x.area.area.id < y.area.area.id;
  });
  if (total) *total = int64_t(missing.size());
  if (totals) *totals = t;
  std::vector<Warning> out;
  for (int64_t i = page.Offset(); i < int64_t(missing.size()) && int64_t(out.size()) < page.size;
       ++i) {
    out.push_back(std::move(missing[size_t(i)]));
    out.back().site_name = out.back().area.area.site_name;
  }
  return out;
}

Result<EnterpriseHygiene> DisinfectionService::EnterpriseSummary(const std::string& uscc,
                                                                 const std::string& date,
                                                                 const system::Principal& by) {
  RETURN_IF_ERROR(ValidateDate(date));
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  EnterpriseHygiene out;
  out.enterprise_uscc = e.uscc;
  out.enterprise_name = e.name;
  out.date = date;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out.sites, DisinfectionRepository::CountSites(c, e.id));
    AreaQuery q;
    q.enterprise_id = e.id;
    q.active_only = true;
    ASSIGN_OR_RETURN(auto areas, DisinfectionRepository::Areas(c, q));
    ASSIGN_OR_RETURN(auto records, DisinfectionRepository::DayRecords(c, q, date));
    ASSIGN_OR_RETURN(auto last, DisinfectionRepository::LastRecords(c, q, date));
    out.rounds = ComputeAll(areas, records, last, date);
    out.records = int(records.size());
    return Status::Ok();
  }));
  out.areas = int(out.rounds.size());
  for (const auto& a : out.rounds) {
    if (a.area.schedule) ++out.scheduled_areas;
    out.expected += a.rounds.expected;
    out.done += a.rounds.done;
    out.missing += a.rounds.missing;
    if (a.last && a.last->at > out.last_record_at) out.last_record_at = a.last->at;
  }
  ASSIGN_OR_RETURN(out.rooms, isolation_.Rooms(uscc, false, by));
  for (const auto& r : out.rooms) {
    out.room_capacity += r.capacity;
    out.room_occupied += r.occupied;
  }
  return out;
}

}  // namespace fugong::hygiene
