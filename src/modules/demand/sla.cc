#include "modules/demand/sla.h"

#include <algorithm>

namespace fugong::demand {
namespace {

using std::chrono::seconds;

constexpr int kMaxDays = 3660;  // ten years: a bound for the loops below

// Midnight of a business date (Asia/Shanghai, UTC+8) as an instant.
TimePoint Midnight(Days d) {
  return TimePoint(std::chrono::sys_seconds(d) - std::chrono::hours(8));
}

int64_t Secs(TimePoint::duration d) { return std::chrono::duration_cast<seconds>(d).count(); }

// The instant `secs` service seconds after `from`.
TimePoint AddServiceSeconds(const Calendar& cal, TimePoint from, int64_t secs) {
  if (secs <= 0) return from;
  Days day = BusinessDate(from);
  for (int i = 0; i < kMaxDays; ++i, day += std::chrono::days(1)) {
    if (!cal.IsWorkday(day)) continue;
    TimePoint ws = Midnight(day) + std::chrono::minutes(cal.start_minute);
    TimePoint we = Midnight(day) + std::chrono::minutes(cal.end_minute);
    TimePoint s = std::max(from, ws);
    if (s >= we) continue;
    int64_t avail = Secs(we - s);
    if (avail >= secs) return s + seconds(secs);
    secs -= avail;
  }
  return from + seconds(secs);  // a calendar without working days: wall time
}

Status Bad(const std::string& zh, const std::string& en) {
  return InvalidArgument("value", "invalid_value", zh, en);
}

std::optional<int> ClockMinute(const json::value& v) {
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.as_string();
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

Status DateList(const json::object& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return Status::Ok();
  if (!it->value().is_array())
    return Bad(std::string(key) + " 应为日期数组", std::string(key) + " must be an array of dates");
  for (const auto& d : it->value().as_array())
    if (!d.is_string() || !ParseDate(std::string(d.as_string())))
      return Bad(std::string(key) + " 中的日期应为 YYYY-MM-DD",
                 std::string(key) + " must hold YYYY-MM-DD dates");
  return Status::Ok();
}

int64_t Positive(const json::value& v, int64_t fallback) {
  if (v.is_int64() && v.as_int64() > 0) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() > 0) return int64_t(v.as_uint64());
  if (v.is_double() && v.as_double() > 0) return int64_t(v.as_double());
  return fallback;
}

// A number, or the category's (else "*") entry of a map.
int64_t PerCategory(const json::value& v, const std::string& category, int64_t fallback) {
  if (!v.is_object()) return Positive(v, fallback);
  const auto& o = v.as_object();
  if (auto it = o.find(category); it != o.end()) return Positive(it->value(), fallback);
  if (auto it = o.find("*"); it != o.end()) return Positive(it->value(), fallback);
  return fallback;
}

bool IsStop(const std::string& kind) {
  return kind == "accepted" || kind == "responded" || kind == "transferred" || kind == "resolved";
}

void Finish(ClockState& c, int64_t elapsed_seconds) {
  c.elapsed_minutes = elapsed_seconds / 60;
  c.overdue = elapsed_seconds > c.limit_minutes * 60;
  int64_t remaining = c.limit_minutes * 60 - elapsed_seconds;
  c.due_soon = c.running && !c.overdue && remaining * 4 <= c.limit_minutes * 60;
}

int LevelOf(const ClockState& c) {
  if (!c.running || !c.overdue) return 0;
  return c.elapsed_minutes >= 2 * c.limit_minutes ? 2 : 1;
}

}  // namespace

bool Calendar::IsWorkday(Days d) const {
  if (workdays.count(d)) return true;
  if (holidays.count(d)) return false;
  unsigned wd = std::chrono::weekday(d).iso_encoding();  // 1 Monday .. 7 Sunday
  return weekdays[wd - 1];
}

Status ValidateCalendarJson(const json::value& v) {
  if (!v.is_object())
    return Bad("服务日历应为对象 {start, end, weekdays, holidays, workdays}",
               "the calendar must be {start, end, weekdays, holidays, workdays}");
  const auto& o = v.as_object();
  for (const auto& kv : o)
    if (kv.key() != "start" && kv.key() != "end" && kv.key() != "weekdays" &&
        kv.key() != "holidays" && kv.key() != "workdays")
      return Bad("服务日历不认识 " + std::string(kv.key()),
                 "unknown calendar member " + std::string(kv.key()));
  std::optional<int> start = 8 * 60 + 30, end = 17 * 60 + 30;
  if (auto it = o.find("start"); it != o.end()) start = ClockMinute(it->value());
  if (auto it = o.find("end"); it != o.end()) end = ClockMinute(it->value());
  if (!start || !end || *start >= *end)
    return Bad("服务时间应为 HH:MM，且开始早于结束", "start and end must be HH:MM, start first");
  if (auto it = o.find("weekdays"); it != o.end()) {
    if (!it->value().is_array())
      return Bad("weekdays 应为 1–7 的数组", "weekdays must be an array of 1–7");
    for (const auto& d : it->value().as_array())
      if (!d.is_int64() || d.as_int64() < 1 || d.as_int64() > 7)
        return Bad("weekdays 应为 1（周一）到 7（周日）", "weekdays go from 1 (Monday) to 7");
  }
  RETURN_IF_ERROR(DateList(o, "holidays"));
  return DateList(o, "workdays");
}

Result<Calendar> CalendarFromJson(const json::value& v) {
  RETURN_IF_ERROR(ValidateCalendarJson(v));
  Calendar cal;
  const auto& o = v.as_object();
  if (auto it = o.find("start"); it != o.end()) cal.start_minute = *ClockMinute(it->value());
  if (auto it = o.find("end"); it != o.end()) cal.end_minute = *ClockMinute(it->value());
  if (auto it = o.find("weekdays"); it != o.end()) {
    std::fill(std::begin(cal.weekdays), std::end(cal.weekdays), false);
    for (const auto& d : it->value().as_array()) cal.weekdays[d.as_int64() - 1] = true;
  }
  if (auto it = o.find("holidays"); it != o.end())
    for (const auto& d : it->value().as_array())
      cal.holidays.insert(*ParseDate(std::string(d.as_string())));
  if (auto it = o.find("workdays"); it != o.end())
    for (const auto& d : it->value().as_array())
      cal.workdays.insert(*ParseDate(std::string(d.as_string())));
  return cal;
}

int64_t ServiceSecondsBetween(const Calendar& cal, TimePoint from, TimePoint to) {
  if (to <= from) return 0;
  int64_t total = 0;
  Days day = BusinessDate(from), last = BusinessDate(to);
  for (int i = 0; i < kMaxDays && day <= last; ++i, day += std::chrono::days(1)) {
    if (!cal.IsWorkday(day)) continue;
    TimePoint ws = Midnight(day) + std::chrono::minutes(cal.start_minute);
    TimePoint we = Midnight(day) + std::chrono::minutes(cal.end_minute);
    TimePoint s = std::max(from, ws), e = std::min(to, we);
    if (e > s) total += Secs(e - s);
  }
  return total;
}

int64_t ServiceMinutesBetween(const Calendar& cal, TimePoint from, TimePoint to) {
  return ServiceSecondsBetween(cal, from, to) / 60;
}

TimePoint AddServiceMinutes(const Calendar& cal, TimePoint from, int64_t minutes) {
  return AddServiceSeconds(cal, from, minutes * 60);
}

Status ValidateSlaJson(const json::value& v) {
  auto positive = [](const json::value& x) {
    return (x.is_int64() && x.as_int64() > 0 && x.as_int64() <= 100000) ||
           (x.is_uint64() && x.as_uint64() > 0 && x.as_uint64() <= 100000);
  };
  if (positive(v)) return Status::Ok();
  if (v.is_object()) {
    static const char* kKeys[] = {"*",   "raw_materials", "logistics", "funding", "labour",
                                  "ppe", "utilities",     "approvals", "policy",  "other"};
    for (const auto& kv : v.as_object()) {
      if (std::find_if(std::begin(kKeys), std::end(kKeys),
                       [&](const char* k) { return kv.key() == k; }) == std::end(kKeys))
        return Bad("未知的诉求类别 " + std::string(kv.key()),
                   "unknown demand category " + std::string(kv.key()));
      if (!positive(kv.value()))
        return Bad("时限应为 1–100000 的整数", "limits must be integers from 1 to 100000");
    }
    return Status::Ok();
  }
  return Bad("时限应为正整数或 {类别: 正整数}",
             "the limit must be a positive integer or {category: integer}");
}

Sla SlaFor(const json::value& first_response, const json::value& resolution_hours,
           const std::string& category) {
  Sla sla;
  sla.first_response_minutes = PerCategory(first_response, category, 60);
  sla.resolution_minutes = PerCategory(resolution_hours, category, 72) * 60;
  return sla;
}

std::string ClockState::State() const {
  if (stopped) return overdue ? "late" : "on_time";
  if (overdue) return "overdue";
  return due_soon ? "due_soon" : "running";
}

Clocks ComputeClocks(const Calendar& cal, const Sla& sla, const std::vector<ClockEvent>& events_in,
                     TimePoint now) {
  Clocks out;
  out.first_response.limit_minutes = sla.first_response_minutes;
  out.resolution.limit_minutes = sla.resolution_minutes;
  if (events_in.empty()) return out;
  std::vector<ClockEvent> events = events_in;
  std::stable_sort(events.begin(), events.end(),
                   [](const ClockEvent& a, const ClockEvent& b) { return a.at < b.at; });
  TimePoint created = events.front().at;
  for (const auto& e : events)
    if (e.kind == "created") {
      created = e.at;
      break;
    }

  // First response.
  ClockState& fr = out.first_response;
  for (const auto& e : events)
    if (IsStop(e.kind) && e.at >= created) {
      fr.stopped = true;
      fr.done_at = e.at;
      break;
    }
  fr.running = !fr.stopped;
  int64_t fr_secs = ServiceSecondsBetween(cal, created, fr.stopped ? *fr.done_at : now);
  fr.due = AddServiceMinutes(cal, created, fr.limit_minutes);
  Finish(fr, fr_secs);

  // Resolution: the sum of the running intervals.
  ClockState& res = out.resolution;
  int64_t before = 0;  // seconds of the closed intervals
  std::optional<TimePoint> start = created;
  for (const auto& e : events) {
    if (e.at < created) continue;
    if (e.kind == "resolved" && start) {
      before += ServiceSecondsBetween(cal, *start, e.at);
      start.reset();
      res.done_at = e.at;
    } else if (e.kind == "reopened" && !start) {
      start = e.at;
      res.done_at.reset();
    }
  }
  res.running = start.has_value();
  res.stopped = !res.running;
  int64_t total = before + (start ? ServiceSecondsBetween(cal, *start, now) : 0);
  if (start)
    res.due = AddServiceSeconds(cal, *start, std::max<int64_t>(0, res.limit_minutes * 60 - before));
  Finish(res, total);

  out.level = std::max(LevelOf(fr), LevelOf(res));
  return out;
}

}  // namespace fugong::demand
