#include "modules/demand/sla.h"

#include <gtest/gtest.h>

namespace fugong::demand {
namespace {

TimePoint T(const char* s) { return *ParseTimestamp(s); }

Calendar Cal2020() {
  // 08:30–17:30 Monday–Friday; Spring Festival 2020-01-24..2020-02-02 off;
  // Sunday 2020-01-19 a make-up working day.
  auto cal = CalendarFromJson(json::parse(
      R"({"start":"08:30","end":"17:30","weekdays":[1,2,3,4,5],
          "holidays":["2020-01-24","2020-01-27","2020-01-28","2020-01-29","2020-01-30","2020-01-31"],
          "workdays":["2020-01-19"]})"));
  EXPECT_TRUE(cal.ok());
  return *cal;
}

TEST(ServiceMinutes, InsideOneDay) {
  Calendar cal;
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-14T09:00:00+08:00"), T("2020-02-14T10:30:00+08:00")),
      90);
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-14T10:30:00+08:00"), T("2020-02-14T09:00:00+08:00")),
      0);
}

TEST(ServiceMinutes, ClipsToWorkingHours) {
  Calendar cal;
  // Before opening and after closing count nothing.
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-14T06:00:00+08:00"), T("2020-02-14T08:30:00+08:00")),
      0);
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-14T17:30:00+08:00"), T("2020-02-14T23:59:00+08:00")),
      0);
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-14T07:00:00+08:00"), T("2020-02-14T20:00:00+08:00")),
      540);
}

TEST(ServiceMinutes, AcrossANight) {
  Calendar cal;
  // Thursday 17:00 → Friday 09:00: 30 + 30 minutes.
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-13T17:00:00+08:00"), T("2020-02-14T09:00:00+08:00")),
      60);
}

TEST(ServiceMinutes, AcrossAWeekend) {
  Calendar cal;
  // Friday 17:00 → Monday 09:00.
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-14T17:00:00+08:00"), T("2020-02-17T09:00:00+08:00")),
      60);
  // A whole weekend counts nothing.
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-15T00:00:00+08:00"), T("2020-02-17T00:00:00+08:00")),
      0);
  // A whole week: five days of nine hours.
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-02-17T00:00:00+08:00"), T("2020-02-24T00:00:00+08:00")),
      5 * 540);
}

TEST(ServiceMinutes, HolidaysAndMakeUpDays) {
  Calendar cal = Cal2020();
  // Thursday 2020-01-23 17:00 → Monday 2020-02-03 09:00: the holiday (and its weekends) count
  // nothing.
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-01-23T17:00:00+08:00"), T("2020-02-03T09:00:00+08:00")),
      60);
  // Saturday 2020-01-18 → Monday 2020-01-20: Sunday the 19th is a make-up working day.
  EXPECT_EQ(
      ServiceMinutesBetween(cal, T("2020-01-18T12:00:00+08:00"), T("2020-01-20T08:30:00+08:00")),
      540);
  EXPECT_TRUE(cal.IsWorkday(*ParseDate("2020-01-19")));
  EXPECT_FALSE(cal.IsWorkday(*ParseDate("2020-01-28")));
  EXPECT_FALSE(cal.IsWorkday(*ParseDate("2020-02-15")));
  EXPECT_TRUE(cal.IsWorkday(*ParseDate("2020-02-14")));
}

TEST(AddServiceMinutes, WithinAndAcrossDays) {
  Calendar cal;
  EXPECT_EQ(AddServiceMinutes(cal, T("2020-02-14T09:00:00+08:00"), 60),
            T("2020-02-14T10:00:00+08:00"));
  EXPECT_EQ(AddServiceMinutes(cal, T("2020-02-14T09:00:00+08:00"), 0),
            T("2020-02-14T09:00:00+08:00"));
  // Raised at night: the clock starts at opening time.
  EXPECT_EQ(AddServiceMinutes(cal, T("2020-02-13T22:00:00+08:00"), 60),
            T("2020-02-14T09:30:00+08:00"));
  // Friday 17:00 + 60 → Monday 09:00.
  EXPECT_EQ(AddServiceMinutes(cal, T("2020-02-14T17:00:00+08:00"), 60),
            T("2020-02-17T09:00:00+08:00"));
  // Exactly the rest of the day ends at closing time.
  EXPECT_EQ(AddServiceMinutes(cal, T("2020-02-14T17:00:00+08:00"), 30),
            T("2020-02-14T17:30:00+08:00"));
  // 72 service hours from Monday 08:30 = 8 days of 9 hours: the second Wednesday at 17:30.
  EXPECT_EQ(AddServiceMinutes(cal, T("2020-02-17T08:30:00+08:00"), 72 * 60),
            T("2020-02-26T17:30:00+08:00"));
}

TEST(AddServiceMinutes, HolidaysAndMakeUpDays) {
  Calendar cal = Cal2020();
  EXPECT_EQ(AddServiceMinutes(cal, T("2020-01-23T17:00:00+08:00"), 60),
            T("2020-02-03T09:00:00+08:00"));
  EXPECT_EQ(AddServiceMinutes(cal, T("2020-01-18T10:00:00+08:00"), 60),
            T("2020-01-19T09:30:00+08:00"));
}

TEST(AddServiceMinutes, InverseOfBetween) {
  Calendar cal = Cal2020();
  TimePoint from = T("2020-01-16T13:17:00+08:00");
  for (int64_t m : {1, 59, 60, 61, 540, 541, 1000, 4320}) {
    TimePoint to = AddServiceMinutes(cal, from, m);
    EXPECT_EQ(ServiceMinutesBetween(cal, from, to), m) << m;
  }
}

TEST(Calendar, RejectsBadSettings) {
  EXPECT_FALSE(ValidateCalendarJson(json::parse(R"({"start":"18:00","end":"08:00"})")).ok());
  EXPECT_FALSE(ValidateCalendarJson(json::parse(R"({"start":"8:30"})")).ok());
  EXPECT_FALSE(ValidateCalendarJson(json::parse(R"({"weekdays":[0]})")).ok());
  EXPECT_FALSE(ValidateCalendarJson(json::parse(R"({"holidays":["2020-02-30"]})")).ok());
  EXPECT_FALSE(ValidateCalendarJson(json::parse(R"({"color":"red"})")).ok());
  EXPECT_TRUE(ValidateCalendarJson(json::parse(R"({"weekdays":[1,2,3,4,5,6]})")).ok());
}

TEST(Sla, PerCategory) {
  auto fr = json::parse(R"({"*":60,"logistics":30})");
  auto res = json::value(48);
  EXPECT_EQ(SlaFor(fr, res, "logistics").first_response_minutes, 30);
  EXPECT_EQ(SlaFor(fr, res, "funding").first_response_minutes, 60);
  EXPECT_EQ(SlaFor(fr, res, "funding").resolution_minutes, 48 * 60);
  EXPECT_EQ(SlaFor(json::value(45), json::parse(R"({"ppe":24})"), "ppe").resolution_minutes,
            24 * 60);
  EXPECT_EQ(SlaFor(json::value(45), json::parse(R"({"ppe":24})"), "other").resolution_minutes,
            72 * 60);
  EXPECT_TRUE(ValidateSlaJson(json::value(60)).ok());
  EXPECT_FALSE(ValidateSlaJson(json::value(0)).ok());
  EXPECT_FALSE(ValidateSlaJson(json::parse(R"({"unknown":5})")).ok());
}

TEST(Clocks, FirstResponseOnTimeAndLate) {
  Calendar cal;
  Sla sla{60, 72 * 60};
  auto on_time = ComputeClocks(
      cal, sla,
      {{"created", T("2020-02-14T17:00:00+08:00")}, {"accepted", T("2020-02-17T08:50:00+08:00")}},
      T("2020-02-17T12:00:00+08:00"));
  EXPECT_EQ(on_time.first_response.elapsed_minutes, 50);
  EXPECT_EQ(on_time.first_response.State(), "on_time");
  EXPECT_EQ(on_time.level, 0);
  auto late = ComputeClocks(
      cal, sla,
      {{"created", T("2020-02-14T17:00:00+08:00")}, {"accepted", T("2020-02-17T09:31:00+08:00")}},
      T("2020-02-17T12:00:00+08:00"));
  EXPECT_EQ(late.first_response.State(), "late");
  EXPECT_EQ(late.level, 0);  // stopped clocks do not escalate
}

TEST(Clocks, RunningDueSoonOverdueAndLevels) {
  Calendar cal;
  Sla sla{60, 72 * 60};
  std::vector<ClockEvent> ev{{"created", T("2020-02-14T09:00:00+08:00")}};
  auto c = ComputeClocks(cal, sla, ev, T("2020-02-14T09:30:00+08:00"));
  EXPECT_EQ(c.first_response.State(), "running");
  EXPECT_EQ(*c.first_response.due, T("2020-02-14T10:00:00+08:00"));
  c = ComputeClocks(cal, sla, ev, T("2020-02-14T09:50:00+08:00"));
  EXPECT_EQ(c.first_response.State(), "due_soon");
  c = ComputeClocks(cal, sla, ev, T("2020-02-14T10:01:00+08:00"));
  EXPECT_EQ(c.first_response.State(), "overdue");
  EXPECT_EQ(c.level, 1);
  // Saturday: no service time passes, still level 1 until two limits are used.
  c = ComputeClocks(cal, sla, ev, T("2020-02-15T12:00:00+08:00"));
  EXPECT_EQ(c.level, 2);  // Friday 09:00–17:30 is 510 minutes ≥ 120
  c = ComputeClocks(cal, sla, ev, T("2020-02-14T10:59:00+08:00"));
  EXPECT_EQ(c.level, 1);
  c = ComputeClocks(cal, sla, ev, T("2020-02-14T11:00:00+08:00"));
  EXPECT_EQ(c.level, 2);
}

TEST(Clocks, ResolutionPausesWhileResolvedAndAddsUpAfterReopen) {
  Calendar cal;
  Sla sla{60, 10 * 60};
  std::vector<ClockEvent> ev{{"created", T("2020-02-14T09:00:00+08:00")},
                             {"accepted", T("2020-02-14T09:10:00+08:00")},
                             {"resolved", T("2020-02-14T15:00:00+08:00")}};
  auto c = ComputeClocks(cal, sla, ev, T("2020-02-20T09:00:00+08:00"));
  EXPECT_EQ(c.resolution.elapsed_minutes, 360);
  EXPECT_EQ(c.resolution.State(), "on_time");
  // Reopened on Monday 09:00: 6 h used, 4 h left → due Monday 13:00.
  ev.push_back({"rated", T("2020-02-17T09:00:00+08:00")});
  ev.push_back({"reopened", T("2020-02-17T09:00:00+08:00")});
  c = ComputeClocks(cal, sla, ev, T("2020-02-17T10:00:00+08:00"));
  EXPECT_EQ(c.resolution.elapsed_minutes, 420);
  EXPECT_EQ(c.resolution.State(), "running");
  EXPECT_EQ(*c.resolution.due, T("2020-02-17T13:00:00+08:00"));
  c = ComputeClocks(cal, sla, ev, T("2020-02-17T13:01:00+08:00"));
  EXPECT_EQ(c.resolution.State(), "overdue");
  EXPECT_EQ(c.level, 1);
  ev.push_back({"resolved", T("2020-02-17T14:00:00+08:00")});
  c = ComputeClocks(cal, sla, ev, T("2020-02-18T10:00:00+08:00"));
  EXPECT_EQ(c.resolution.elapsed_minutes, 660);
  EXPECT_EQ(c.resolution.State(), "late");
  EXPECT_EQ(c.level, 0);
}

}  // namespace
}  // namespace fugong::demand
