#include "modules/project/rules.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/validation.h"

namespace fugong::project {
namespace {

int32_t D(const char* date) { return int32_t(ParseDate(date)->time_since_epoch().count()); }

Fact Make(std::vector<std::pair<const char*, uint8_t>> history, double plan = 0,
          int64_t workers = 0) {
  Fact f;
  for (auto& [d, s] : history) f.history.push_back({D(d), s});
  f.annual_plan = plan;
  f.workers_planned = workers;
  return f;
}

TEST(ProjectRules, StatusAtFollowsTheDatedHistory) {
  Fact f = Make({{"2020-02-10", kResumed}, {"2020-02-20", kSuspended}, {"2020-03-01", kResumed}});
  EXPECT_EQ(StatusAt(f.history, D("2020-02-09")), kNotStarted);  // before the first entry
  EXPECT_EQ(StatusAt(f.history, D("2020-02-10")), kResumed);
  EXPECT_EQ(StatusAt(f.history, D("2020-02-25")), kSuspended);
  EXPECT_EQ(StatusAt(f.history, D("2020-03-05")), kResumed);
}

TEST(ProjectRules, RatesFromConstructedHistories) {
  // Three projects on 2020-02-15: one resumed, one not started, one completed
  // (out of the base); a fourth resumed later.
  std::vector<Fact> facts = {
      Make({{"2020-02-10", kResumed}}, 1000, 100),
      Make({}, 500, 50),
      Make({{"2020-01-05", kResumed}, {"2020-02-12", kCompleted}}, 300, 30),
      Make({{"2020-02-20", kResumed}}, 200, 20),
  };
  facts[0].investment_completed = 250;
  facts[0].reported_workers = 60;
  facts[0].gate_workers = 80;      // the gate's headcount wins over the report
  facts[3].reported_workers = 15;  // not resumed on the 15th: not counted
  Rates r;
  for (const auto& f : facts) Add(&r, f, StatusAt(f.history, D("2020-02-15")));
  EXPECT_EQ(r.base, 3);
  EXPECT_EQ(r.completed, 1);
  EXPECT_EQ(r.resumed, 1);
  EXPECT_EQ(r.not_started, 2);
  EXPECT_EQ(r.resumed_rate.num, 1);
  EXPECT_EQ(r.resumed_rate.den, 3);
  EXPECT_DOUBLE_EQ(r.investment.num, 250);
  EXPECT_DOUBLE_EQ(r.investment.den, 1700);
  EXPECT_EQ(r.workers.num, 80);
  EXPECT_EQ(r.workers.den, 170);

  Rates later;
  facts[0].gate_workers = -1;  // no gate data: the report counts
  for (const auto& f : facts) Add(&later, f, StatusAt(f.history, D("2020-02-21")));
  EXPECT_EQ(later.resumed, 2);
  EXPECT_EQ(later.resumed_rate.den, 3);
  EXPECT_EQ(later.workers.num, 60 + 15);
}

TEST(ProjectRules, Measures) {
  EXPECT_TRUE(InMeasure("resumed", kResumed));
  EXPECT_TRUE(InMeasure("not_resumed", kSuspended));
  EXPECT_FALSE(InMeasure("base", kCompleted));
  EXPECT_TRUE(InMeasure("completed", kCompleted));
  EXPECT_FALSE(KnownMeasure("nonsense"));
}

ProjectInput Valid() {
  ProjectInput in;
  in.code = "XM-001";
  in.name = "北环路改造";
  in.region_code = "220202";
  in.category = "市重点";
  in.total_investment = 1000;
  in.annual_plan = 300;
  in.planned_start = "2020-02-10";
  in.planned_end = "2020-12-31";
  return in;
}

const std::vector<std::string> kCats = {"省重点", "市重点", "三早"};

TEST(ProjectRules, ValidationNamesTheField) {
  ProjectInput in = Valid();
  in.owner_uscc = "91110000100000000";
  in.owner_uscc += UsccCheckChar(in.owner_uscc);
  ASSERT_TRUE(ValidateInput(&in, kCats, "2020-03-01").ok());

  auto field = [&](ProjectInput x) { return ValidateInput(&x, kCats, "2020-03-01").field(); };
  ProjectInput bad = in;
  bad.category = "区重点";
  EXPECT_EQ(field(bad), "category");
  bad = in;
  bad.total_investment = -1;
  EXPECT_EQ(field(bad), "total_investment");
  bad = in;
  bad.annual_plan = 2000;
  EXPECT_EQ(field(bad), "annual_plan");
  bad = in;
  bad.planned_end = "2020-01-01";
  EXPECT_EQ(field(bad), "planned_end");
  bad = in;
  bad.actual_start = "2020-04-01";
  EXPECT_EQ(field(bad), "actual_start");
  bad = in;
  bad.status = "开心";
  EXPECT_EQ(field(bad), "status");
  bad = in;
  bad.owner_uscc = "123";
  EXPECT_EQ(field(bad), "owner_uscc");
  bad = in;
  bad.planned_start = "2020-13-01";
  EXPECT_EQ(field(bad), "planned_start");
}

TEST(ProjectRules, StatusLabelsAndDefaults) {
  EXPECT_EQ(StatusIndex("已开复工"), kResumed);
  EXPECT_EQ(StatusIndex("竣工"), kCompleted);
  EXPECT_EQ(StatusIndex("x"), -1);
  ProjectInput in = Valid();
  in.owner_uscc = "91110000100000000";
  in.owner_uscc += UsccCheckChar(in.owner_uscc);
  in.status = "已开复工";
  in.actual_start = "2020-02-12";
  ASSERT_TRUE(ValidateInput(&in, kCats, "2020-03-01").ok());
  EXPECT_EQ(in.status, "resumed");
  EXPECT_EQ(in.status_date, "2020-02-12");
}

TEST(ProjectRules, ProblemSentence) {
  ProblemFigures p;
  p.projects_helped = 16;
  p.solved = 22;
  EXPECT_EQ(ProblemSentence(p), "为16个项目解决22个问题");
}

}  // namespace
}  // namespace fugong::project
