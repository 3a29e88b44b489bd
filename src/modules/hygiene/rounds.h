// The disinfection rounds of one area on one day against its schedule (pure,
// no database): the window [window_start, window_end) is cut into slots of
// `interval_minutes` from its start (the last slot is shorter when the
// interval does not divide the window); a slot is done when a record falls in
// [start, end), missing when it has ended without one, due while it runs,
// upcoming before it starts. Times are Asia/Shanghai wall-clock minutes (the
// schedule) and seconds (records, now) after the day's midnight.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fugong::hygiene {

inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr int kMinInterval = 10;  // minutes
inline constexpr int kMaxInterval = kMinutesPerDay;

struct Schedule {
  int interval_minutes = 60;
  int window_start = 0;             // minutes after midnight, 0..1439
  int window_end = kMinutesPerDay;  // minutes after midnight, window_start+1..1440
  bool operator==(const Schedule&) const = default;
};

enum class SlotState { kDone, kMissing, kDue, kUpcoming };

struct Slot {
  int start = 0;  // minutes after midnight
  int end = 0;
  SlotState state = SlotState::kUpcoming;
  int records = 0;
};

struct Rounds {
  std::vector<Slot> slots;
  int expected = 0;  // rounds due so far: ended slots, and running ones already done
  int done = 0;
  int missing = 0;
};

// `record_seconds`: the day's records, seconds after midnight (any order;
// records outside the window count for no slot). `now_seconds`: now, in
// seconds after that day's midnight (negative for a future day, beyond 86400
// for a past one). No schedule: no slots.
Rounds ComputeRounds(const std::optional<Schedule>& schedule,
                     const std::vector<int64_t>& record_seconds, int64_t now_seconds);

// "HH:MM" (00:00..24:00) <-> minutes after midnight.
std::optional<int> ParseClock(std::string_view hhmm);
std::string FormatClock(int minutes);
const char* SlotStateName(SlotState s);

// Checks a schedule: interval kMinInterval..kMaxInterval minutes, a window of
// at least one minute inside the day. Returns the field at fault
// ("interval_minutes", "window_start", "window_end") or "".
std::string ScheduleFault(const Schedule& s);

// Seconds after midnight of "YYYY-MM-DDTHH:MM:SS+08:00" (the stored form), or -1.
int64_t SecondsOfDay(std::string_view timestamp);

}  // namespace fugong::hygiene
