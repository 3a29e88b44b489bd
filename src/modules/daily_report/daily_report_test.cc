// The pure rules of daily reporting: deadlines (month ends, the leap day),
// lateness at the boundary, zero reports, dates and figure bounds.
#include "modules/daily_report/daily_report.h"

#include <gtest/gtest.h>

namespace fugong::daily_report {
namespace {

Days D(const char* s) { return *ParseDate(s); }
std::string Ts(std::chrono::system_clock::time_point t) { return FormatTimestamp(t); }
std::chrono::system_clock::time_point At(const char* s) { return *ParseTimestamp(s); }

TEST(Deadline, IsTheNextDayAtTheSettingInShanghai) {
  EXPECT_EQ(Ts(DeadlineOf(D("2020-02-14"), "10:00")), "2020-02-15T10:00:00+08:00");
  EXPECT_EQ(Ts(DeadlineOf(D("2020-02-14"), "08:30")), "2020-02-15T08:30:00+08:00");
  EXPECT_EQ(Ts(DeadlineOf(D("2020-02-14"), "00:00")), "2020-02-15T00:00:00+08:00");
  // 10:00 in Shanghai is 02:00 UTC.
  EXPECT_EQ(DeadlineOf(D("2020-02-14"), "10:00"), At("2020-02-15T02:00:00Z"));
}

TEST(Deadline, CrossesMonthEndsYearEndAndTheLeapDay) {
  EXPECT_EQ(Ts(DeadlineOf(D("2020-01-31"), "10:00")), "2020-02-01T10:00:00+08:00");
  EXPECT_EQ(Ts(DeadlineOf(D("2020-02-28"), "10:00")), "2020-02-29T10:00:00+08:00");
  EXPECT_EQ(Ts(DeadlineOf(D("2020-02-29"), "10:00")), "2020-03-01T10:00:00+08:00");
  EXPECT_EQ(Ts(DeadlineOf(D("2021-02-28"), "10:00")), "2021-03-01T10:00:00+08:00");
  EXPECT_EQ(Ts(DeadlineOf(D("2020-03-31"), "23:59")), "2020-04-01T23:59:00+08:00");
  EXPECT_EQ(Ts(DeadlineOf(D("2020-12-31"), "10:00")), "2021-01-01T10:00:00+08:00");
}

TEST(Deadline, MalformedSettingFallsBackToTen) {
  for (const char* bad : {"", "9:00", "25:00", "10:61", "ten", "10:00:00"})
    EXPECT_EQ(Ts(DeadlineOf(D("2020-02-14"), bad)), "2020-02-15T10:00:00+08:00") << bad;
}

TEST(Lateness, OnTheDeadlineIsOnTimeOneSecondLaterIsLate) {
  auto deadline = DeadlineOf(D("2020-02-29"), "10:00");
  EXPECT_FALSE(IsLate(At("2020-03-01T09:59:59+08:00"), deadline));
  EXPECT_FALSE(IsLate(At("2020-03-01T10:00:00+08:00"), deadline));
  EXPECT_TRUE(IsLate(At("2020-03-01T10:00:01+08:00"), deadline));
  // The same instant written in UTC.
  EXPECT_TRUE(IsLate(At("2020-03-01T02:00:01Z"), deadline));
  // Filed on the day itself: on time.
  EXPECT_FALSE(IsLate(At("2020-02-29T18:00:00+08:00"), deadline));
  // Late across the month end: the report of 01-31 received on 02-01 at noon.
  EXPECT_TRUE(IsLate(At("2020-02-01T12:00:00+08:00"), DeadlineOf(D("2020-01-31"), "10:00")));
}

TEST(ZeroReport, OnlyWhenEveryFigureIsZero) {
  Figures f;
  EXPECT_TRUE(IsZeroReport(f));
  for (int i = 0; i < 10; ++i) {
    Figures g;
    switch (i) {
      case 0:
        g.on_duty = 1;
        break;
      case 1:
        g.returned = 1;
        break;
      case 2:
        g.returned_out_of_province = 1;
        break;
      case 3:
        g.quarantined = 1;
        break;
      case 4:
        g.fever = 1;
        break;
      case 5:
        g.load_percent = 0.5;
        break;
      case 6:
        g.output_value = 0.01;
        break;
      case 7:
        g.output_quantity = 1;
        break;
      case 8:
        g.masks = 1;
        break;
      case 9:
        g.disinfectant = 0.1;
        break;
    }
    EXPECT_FALSE(IsZeroReport(g)) << "figure " << i;
  }
}

TEST(ReportDate, RealDatesFromTwentyTwentyUntilToday) {
  Days today = D("2020-03-01");
  EXPECT_TRUE(ValidateReportDate("2020-02-29", today).ok());
  EXPECT_TRUE(ValidateReportDate("2020-03-01", today).ok());
  EXPECT_TRUE(ValidateReportDate("2020-01-01", today).ok());
  auto future = ValidateReportDate("2020-03-02", today);
  EXPECT_EQ(future.status().code(), "future_date");
  EXPECT_EQ(future.status().field(), "date");
  EXPECT_EQ(ValidateReportDate("2019-12-31", today).status().code(), "date_too_early");
  EXPECT_EQ(ValidateReportDate("2021-02-29", D("2021-03-05")).status().code(), "invalid_date");
  EXPECT_EQ(ValidateReportDate("2020/02/14", today).status().code(), "invalid_date");
  EXPECT_EQ(ValidateReportDate("", today).status().field(), "date");
}

TEST(Figures, BoundsNameTheField) {
  Figures ok;
  ok.on_duty = 200;
  ok.returned = 200;
  ok.returned_out_of_province = 10;
  ok.load_percent = 300;
  EXPECT_TRUE(ValidateFigures(ok, 100).ok());

  struct Case {
    const char* field;
    void (*bad)(Figures&);
  };
  const Case cases[] = {
      {"on_duty", [](Figures& f) { f.on_duty = 201; }},
      {"on_duty", [](Figures& f) { f.on_duty = -1; }},
      {"returned", [](Figures& f) { f.returned = 201; }},
      {"returned_out_of_province", [](Figures& f) { f.returned_out_of_province = 201; }},
      {"returned_out_of_province",
       [](Figures& f) { f.returned = 5, f.returned_out_of_province = 6; }},
      {"quarantined", [](Figures& f) { f.quarantined = 201; }},
      {"fever", [](Figures& f) { f.fever = -3; }},
      {"load_percent", [](Figures& f) { f.load_percent = 300.5; }},
      {"load_percent", [](Figures& f) { f.load_percent = -0.1; }},
      {"output_value", [](Figures& f) { f.output_value = -1; }},
      {"output_value", [](Figures& f) { f.output_value = 2e7; }},
      {"output_quantity", [](Figures& f) { f.output_quantity = -1; }},
      {"masks", [](Figures& f) { f.masks = -1; }},
      {"disinfectant", [](Figures& f) { f.disinfectant = -0.5; }},
  };
  for (const auto& c : cases) {
    Figures f = ok;
    c.bad(f);
    Status st = ValidateFigures(f, 100);
    EXPECT_EQ(st.kind(), ErrorKind::kInvalidArgument) << c.field;
    EXPECT_EQ(st.field(), c.field);
    EXPECT_FALSE(st.message_zh().empty());
    EXPECT_NE(st.message_en().find(c.field), std::string::npos) << st.message_en();
  }
  // Twice the employees is the limit, and the message says why.
  Figures many;
  many.on_duty = 11;
  Status st = ValidateFigures(many, 5);
  EXPECT_EQ(st.code(), "exceeds_employees");
  EXPECT_NE(st.message_en().find("twice"), std::string::npos);
}

TEST(Problems, AtMostFiveHundredCharacters) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "缺";
  EXPECT_TRUE(ValidateProblems(text).ok());
  EXPECT_EQ(ValidateProblems(text + "x").field(), "problems");
  EXPECT_EQ(ValidateProblems("\xff\xfe").code(), "invalid_text");
}

Figures Answer(int64_t on_duty) {
  Figures f;
  f.on_duty = on_duty;
  f.returned = on_duty + 5;
  f.load_percent = 60;
  f.output_value = 12.5;
  f.masks = 300;
  return f;
}

std::string Feb(int day) { return FormatDate(D("2020-01-31") + std::chrono::days(day)); }

TEST(CopiedRuns, TheLastNReportsMustBeIdentical) {
  CopiedRunDetector detector(3);
  // Enterprise 1: 40, then 41 three times → flagged (02-03..02-05).
  // Enterprise 2: 41 three times, then a different last report → not flagged.
  // Enterprise 3: only two reports → not enough.
  // Enterprise 4: three zero reports → an idle site, not flagged.
  // Enterprise 5: identical except the disinfectant stock → not flagged.
  for (int day = 1; day <= 5; ++day) {
    detector.Add(1, Feb(day), Answer(day <= 2 ? 40 : 41));
    detector.Add(2, Feb(day), Answer(day == 5 ? 42 : 41));
    if (day >= 4) detector.Add(3, Feb(day), Answer(41));
    detector.Add(4, Feb(day), Figures{});
    Figures f = Answer(41);
    f.disinfectant = day == 3 ? 1.5 : 0;
    detector.Add(5, Feb(day), f);
  }
  auto runs = detector.Runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].enterprise_id, 1);
  EXPECT_EQ(runs[0].reports, 3);
  EXPECT_EQ(runs[0].from, "2020-02-03");
  EXPECT_EQ(runs[0].to, "2020-02-05");
  EXPECT_EQ(runs[0].figures, Answer(41));
}

TEST(CopiedRuns, ARunLongerThanNReportsItsLastN) {
  CopiedRunDetector detector(3);
  for (int day = 1; day <= 29; ++day) detector.Add(7, Feb(day), Answer(9));  // to the leap day
  auto runs = detector.Runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].from, "2020-02-27");
  EXPECT_EQ(runs[0].to, "2020-02-29");
}

}  // namespace
}  // namespace fugong::daily_report
