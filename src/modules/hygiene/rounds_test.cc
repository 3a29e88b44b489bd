// The rounds of a day against a schedule: slots, done / missing / due /
// upcoming, the window crossing now, records exactly on a slot boundary, an
// interval that does not divide the window, no schedule, and the clock text.
#include "modules/hygiene/rounds.h"

#include <gtest/gtest.h>

namespace fugong::hygiene {
namespace {

int64_t At(int h, int m, int s = 0) { return int64_t(h) * 3600 + m * 60 + s; }

Schedule Hourly(int from_h, int to_h) { return Schedule{60, from_h * 60, to_h * 60}; }

std::vector<std::string> States(const Rounds& r) {
  std::vector<std::string> out;
  for (const auto& s : r.slots) out.push_back(SlotStateName(s.state));
  return out;
}

TEST(RoundsTest, NoScheduleHasNoSlots) {
  Rounds r = ComputeRounds(std::nullopt, {At(9, 0)}, At(23, 0));
  EXPECT_TRUE(r.slots.empty());
  EXPECT_EQ(r.expected, 0);
  EXPECT_EQ(r.done, 0);
  EXPECT_EQ(r.missing, 0);
}

TEST(RoundsTest, InvalidScheduleHasNoSlots) {
  EXPECT_TRUE(ComputeRounds(Schedule{0, 480, 1320}, {}, At(23, 0)).slots.empty());
  EXPECT_TRUE(ComputeRounds(Schedule{60, 600, 600}, {}, At(23, 0)).slots.empty());
}

TEST(RoundsTest, WholePastDay) {
  // 08:00-22:00 hourly: 14 slots; records in 08, 09 and 12 o'clock.
  Rounds r = ComputeRounds(Hourly(8, 22), {At(8, 5), At(9, 59, 59), At(12, 30)}, At(30, 0));
  ASSERT_EQ(r.slots.size(), 14u);
  EXPECT_EQ(r.expected, 14);
  EXPECT_EQ(r.done, 3);
  EXPECT_EQ(r.missing, 11);
  EXPECT_EQ(r.slots[0].start, 480);
  EXPECT_EQ(r.slots[13].end, 1320);
}

TEST(RoundsTest, WindowCrossingNow) {
  // Now 10:30: 08 and 09 have ended, 10 runs, the rest is to come.
  Rounds r = ComputeRounds(Hourly(8, 22), {At(8, 10)}, At(10, 30));
  auto states = States(r);
  EXPECT_EQ(states[0], "done");
  EXPECT_EQ(states[1], "missing");
  EXPECT_EQ(states[2], "due");
  EXPECT_EQ(states[3], "upcoming");
  EXPECT_EQ(r.expected, 2);
  EXPECT_EQ(r.done, 1);
  EXPECT_EQ(r.missing, 1);
  // The running slot once done counts as expected and done.
  r = ComputeRounds(Hourly(8, 22), {At(8, 10), At(10, 5)}, At(10, 30));
  EXPECT_EQ(States(r)[2], "done");
  EXPECT_EQ(r.expected, 3);
  EXPECT_EQ(r.done, 2);
  EXPECT_EQ(r.missing, 1);
}

TEST(RoundsTest, SlotEndingExactlyNowIsMissing) {
  Rounds r = ComputeRounds(Hourly(8, 22), {}, At(9, 0));
  EXPECT_EQ(States(r)[0], "missing");
  EXPECT_EQ(States(r)[1], "due");
  EXPECT_EQ(r.missing, 1);
}

TEST(RoundsTest, BeforeTheWindowNothingIsDue) {
  Rounds r = ComputeRounds(Hourly(8, 22), {}, At(7, 59, 59));
  EXPECT_EQ(r.expected, 0);
  EXPECT_EQ(States(r)[0], "upcoming");
  // A future day.
  r = ComputeRounds(Hourly(8, 22), {}, -At(3, 0));
  EXPECT_EQ(r.expected, 0);
  EXPECT_EQ(r.missing, 0);
}

TEST(RoundsTest, RecordExactlyOnASlotBoundaryBelongsToTheLaterSlot) {
  Rounds r = ComputeRounds(Hourly(8, 22), {At(9, 0)}, At(23, 0));
  EXPECT_EQ(r.slots[0].state, SlotState::kMissing);
  EXPECT_EQ(r.slots[1].state, SlotState::kDone);
  EXPECT_EQ(r.slots[1].records, 1);
  // One second earlier it is the 08 o'clock round.
  r = ComputeRounds(Hourly(8, 22), {At(8, 59, 59)}, At(23, 0));
  EXPECT_EQ(r.slots[0].state, SlotState::kDone);
  EXPECT_EQ(r.slots[1].state, SlotState::kMissing);
  // At the window's end: outside every slot.
  r = ComputeRounds(Hourly(8, 22), {At(22, 0)}, At(23, 0));
  EXPECT_EQ(r.done, 0);
  EXPECT_EQ(r.missing, 14);
  // At its start: the first slot.
  r = ComputeRounds(Hourly(8, 22), {At(8, 0)}, At(23, 0));
  EXPECT_EQ(r.slots[0].state, SlotState::kDone);
}

TEST(RoundsTest, IntervalNotDividingTheWindowCutsTheLastSlot) {
  // 08:00-10:00 every 45 minutes: 08:00-08:45, 08:45-09:30, 09:30-10:00.
  Rounds r = ComputeRounds(Schedule{45, 480, 600}, {At(9, 45)}, At(12, 0));
  ASSERT_EQ(r.slots.size(), 3u);
  EXPECT_EQ(r.slots[1].start, 525);
  EXPECT_EQ(r.slots[1].end, 570);
  EXPECT_EQ(r.slots[2].start, 570);
  EXPECT_EQ(r.slots[2].end, 600);
  EXPECT_EQ(States(r), (std::vector<std::string>{"missing", "missing", "done"}));
  EXPECT_EQ(r.expected, 3);
}

TEST(RoundsTest, SeveralRecordsInOneSlotCountOnce) {
  Rounds r = ComputeRounds(Hourly(8, 10), {At(8, 1), At(8, 30), At(8, 59)}, At(11, 0));
  EXPECT_EQ(r.slots[0].records, 3);
  EXPECT_EQ(r.done, 1);
  EXPECT_EQ(r.missing, 1);
  EXPECT_EQ(r.expected, 2);
}

TEST(RoundsTest, WholeDayWindowEndsAtMidnight) {
  Rounds r = ComputeRounds(Schedule{120, 0, kMinutesPerDay}, {At(23, 59, 59)}, At(24, 0));
  ASSERT_EQ(r.slots.size(), 12u);
  EXPECT_EQ(r.slots.back().end, kMinutesPerDay);
  EXPECT_EQ(r.slots.back().state, SlotState::kDone);
  EXPECT_EQ(r.missing, 11);
}

TEST(RoundsTest, ClockText) {
  EXPECT_EQ(ParseClock("08:00"), 480);
  EXPECT_EQ(ParseClock("24:00"), 1440);
  EXPECT_EQ(ParseClock("00:00"), 0);
  EXPECT_FALSE(ParseClock("24:01"));
  EXPECT_FALSE(ParseClock("8:00"));
  EXPECT_FALSE(ParseClock("08:60"));
  EXPECT_FALSE(ParseClock("0a:00"));
  EXPECT_EQ(FormatClock(1440), "24:00");
  EXPECT_EQ(FormatClock(545), "09:05");
}

TEST(RoundsTest, ScheduleFaults) {
  EXPECT_EQ(ScheduleFault(Schedule{60, 480, 1320}), "");
  EXPECT_EQ(ScheduleFault(Schedule{5, 480, 1320}), "interval_minutes");
  EXPECT_EQ(ScheduleFault(Schedule{1441, 0, 1440}), "interval_minutes");
  EXPECT_EQ(ScheduleFault(Schedule{60, 1440, 1440}), "window_start");
  EXPECT_EQ(ScheduleFault(Schedule{60, 600, 540}), "window_end");
  EXPECT_EQ(ScheduleFault(Schedule{60, 0, 1441}), "window_end");
}

TEST(RoundsTest, SecondsOfStoredTimestamps) {
  EXPECT_EQ(SecondsOfDay("2020-02-10T09:30:15+08:00"), At(9, 30, 15));
  EXPECT_EQ(SecondsOfDay("2020-02-10"), -1);
}

}  // namespace
}  // namespace fugong::hygiene
