#include "modules/hygiene/rounds.h"

#include <algorithm>
#include <cstdio>

namespace fugong::hygiene {

Rounds ComputeRounds(const std::optional<Schedule>& schedule,
                     const std::vector<int64_t>& record_seconds, int64_t now_seconds) {
  Rounds out;
  if (!schedule || !ScheduleFault(*schedule).empty()) return out;
  const Schedule& s = *schedule;
  std::vector<int64_t> records = record_seconds;
  std::sort(records.begin(), records.end());
  for (int start = s.window_start; start < s.window_end; start += s.interval_minutes) {
    Slot slot;
    slot.start = start;
    slot.end = std::min(start + s.interval_minutes, s.window_end);
    int64_t from = int64_t(slot.start) * 60, to = int64_t(slot.end) * 60;
    slot.records = int(std::lower_bound(records.begin(), records.end(), to) -
                       std::lower_bound(records.begin(), records.end(), from));
    if (slot.records > 0) {
      slot.state = SlotState::kDone;
      ++out.done;
      ++out.expected;
    } else if (to <= now_seconds) {
      slot.state = SlotState::kMissing;
      ++out.missing;
      ++out.expected;
    } else if (from <= now_seconds) {
      slot.state = SlotState::kDue;
    } else {
      slot.state = SlotState::kUpcoming;
    }
    out.slots.push_back(slot);
  }
  return out;
}

std::optional<int> ParseClock(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string FormatClock(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
  return buf;
}

const char* SlotStateName(SlotState s) {
  switch (s) {
    case SlotState::kDone:
      return "done";
    case SlotState::kMissing:
      return "missing";
    case SlotState::kDue:
      return "due";
    case SlotState::kUpcoming:
      return "upcoming";
  }
  return "upcoming";
}

std::string ScheduleFault(const Schedule& s) {
  if (s.interval_minutes < kMinInterval || s.interval_minutes > kMaxInterval)
    return "interval_minutes";
  if (s.window_start < 0 || s.window_start >= kMinutesPerDay) return "window_start";
  if (s.window_end <= s.window_start || s.window_end > kMinutesPerDay) return "window_end";
  return "";
}

int64_t SecondsOfDay(std::string_view ts) {
  if (ts.size() < 19 || ts[10] != 'T' || ts[13] != ':' || ts[16] != ':') return -1;
  auto two = [&](size_t i) -> int {
    if (ts[i] < '0' || ts[i] > '9' || ts[i + 1] < '0' || ts[i + 1] > '9') return -1;
    return (ts[i] - '0') * 10 + (ts[i + 1] - '0');
  };
  int h = two(11), m = two(14), sec = two(17);
  if (h < 0 || m < 0 || sec < 0) return -1;
  return int64_t(h) * 3600 + m * 60 + sec;
}

}  // namespace fugong::hygiene
