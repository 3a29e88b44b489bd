// The service-hours calendar and the SLA clocks of a demand (SPEC §3.6),
// without a database: pure functions of a calendar, the SLA limits, the
// demand's own history and the current instant.
//
// Calendar: working hours [start, end) in Asia/Shanghai (UTC+8) on the
// working weekdays, minus holidays, plus make-up working days (调休) that fall
// on a weekend. Service time only runs inside those hours.
//
// Clocks (docs/api/demand.md "SLA clocks"):
// - first response: runs from creation to the first handler action (accept,
//   respond, transfer, resolve); a transfer never restarts it.
// - resolution: runs from creation until `resolved`, pauses while resolved
//   (the enterprise is rating), restarts on a reopen (low rating) and adds up
//   over every running interval.
// A clock is due soon when at most a quarter of its limit remains.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json_util.h"
#include "core/status.h"

namespace fugong::demand {

using TimePoint = std::chrono::system_clock::time_point;

struct Calendar {
  int start_minute = 8 * 60 + 30;  // minutes after midnight
  int end_minute = 17 * 60 + 30;
  bool weekdays[7] = {true, true, true, true, true, false, false};  // Monday..Sunday
  std::set<Days> holidays;                                          // days off
  std::set<Days> workdays;                                          // make-up working days

  bool IsWorkday(Days d) const;
};

// The calendar from the `service_calendar` setting
// {"start":"08:30","end":"17:30","weekdays":[1..7],"holidays":[dates],"workdays":[dates]}.
Result<Calendar> CalendarFromJson(const json::value& v);
// Validation of the setting (errors name the field "value").
Status ValidateCalendarJson(const json::value& v);

// Service seconds / minutes (floored) in [from, to); 0 when to <= from.
int64_t ServiceSecondsBetween(const Calendar& cal, TimePoint from, TimePoint to);
int64_t ServiceMinutesBetween(const Calendar& cal, TimePoint from, TimePoint to);
// The instant at which `minutes` service minutes after `from` have passed.
// 0 minutes gives `from` itself.
TimePoint AddServiceMinutes(const Calendar& cal, TimePoint from, int64_t minutes);

// SLA limits in service minutes.
struct Sla {
  int64_t first_response_minutes = 60;
  int64_t resolution_minutes = 72 * 60;
};

// The SLA of a category from the settings sla_first_response_minutes and
// sla_resolution_hours: a number, or {"<category>": n, "*": n}.
Sla SlaFor(const json::value& first_response, const json::value& resolution_hours,
           const std::string& category);
Status ValidateSlaJson(const json::value& v);

// One history entry as the clocks see it.
struct ClockEvent {
  std::string kind;  // created, accepted, responded, transferred, resolved, reopened, …
  TimePoint at;
};

struct ClockState {
  int64_t limit_minutes = 0;
  int64_t elapsed_minutes = 0;   // service minutes used so far (or until stopped)
  bool running = false;          // still counting
  bool stopped = false;          // done (responded / resolved)
  bool overdue = false;          // elapsed > limit (running or stopped late)
  bool due_soon = false;         // running, not overdue, remaining <= limit / 4
  std::optional<TimePoint> due;  // when the limit is (or was) reached, for a running clock
  std::optional<TimePoint> done_at;
  std::string State() const;  // on_time | late | running | due_soon | overdue
};

struct Clocks {
  ClockState first_response;
  ClockState resolution;
  // Escalation level the clocks call for: 0 none, 1 overdue, 2 overdue by more
  // than the limit again (elapsed >= 2 × limit).
  int level = 0;
};

Clocks ComputeClocks(const Calendar& cal, const Sla& sla, const std::vector<ClockEvent>& events,
                     TimePoint now);

}  // namespace fugong::demand
