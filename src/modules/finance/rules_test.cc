#include "modules/finance/rules.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/clock.h"

namespace fugong::finance {
namespace {

Push P(const std::string& pushed, const std::string& decision, const std::string& decided,
       double amount = 0) {
  Push p;
  p.pushed_at = pushed;
  p.decision = decision;
  p.decided_at = decided;
  if (decision == "granted") p.granted_amount = amount;
  return p;
}

Demand D(int64_t enterprise, const std::string& filed, std::vector<Push> pushes,
         bool withdrawn = false) {
  Demand d;
  d.enterprise_id = enterprise;
  d.filed_at = filed;
  d.amount = 100;
  d.pushes = std::move(pushes);
  auto s = DeriveState(d.pushes, withdrawn);
  d.state = s.state;
  d.decided_at = s.decided_at;
  d.granted_amount = s.granted_amount;
  if (!d.pushes.empty()) d.first_pushed_at = d.pushes.front().pushed_at;
  return d;
}

const std::string T0 = "2020-02-10T09:00:00+08:00";

TEST(FinanceRules, AmountBounds) {
  EXPECT_TRUE(CheckAmount("amount", 500, 1000000).ok());
  EXPECT_TRUE(CheckAmount("amount", 1000000, 1000000).ok());
  auto neg = CheckAmount("amount", -1, 1000000);
  EXPECT_EQ(neg.code(), "invalid_amount");
  EXPECT_EQ(neg.field(), "amount");
  EXPECT_EQ(CheckAmount("amount", 0, 1000000).code(), "invalid_amount");
  // > 100 亿 is absurd whatever the setting says; the setting narrows it.
  EXPECT_EQ(CheckAmount("amount", 1000001, 1e12).code(), "amount_too_large");
  EXPECT_EQ(CheckAmount("granted_amount", 5001, 5000).field(), "granted_amount");
  EXPECT_EQ(CheckAmount("amount", std::nan(""), 5000).code(), "invalid_amount");
}

TEST(FinanceRules, StateFromPushes) {
  EXPECT_EQ(DeriveState({}, false).state, "filed");
  EXPECT_EQ(DeriveState({P(T0, "pending", "")}, false).state, "pushed");
  auto declined = DeriveState({P(T0, "declined", "2020-02-10T12:00:00+08:00"),
                               P(T0, "declined", "2020-02-11T08:00:00+08:00")},
                              false);
  EXPECT_EQ(declined.state, "declined");
  EXPECT_EQ(declined.decided_at, "2020-02-11T08:00:00+08:00");
  auto granted =
      DeriveState({P(T0, "declined", "2020-02-10T12:00:00+08:00"),
                   P(T0, "granted", "2020-02-11T08:00:00+08:00", 300), P(T0, "pending", "")},
                  false);
  EXPECT_EQ(granted.state, "granted");
  EXPECT_EQ(granted.decided_at, "2020-02-11T08:00:00+08:00");
  EXPECT_DOUBLE_EQ(granted.granted_amount, 300);
  EXPECT_EQ(DeriveState({P(T0, "pending", "")}, true).state, "withdrawn");
}

TEST(FinanceRules, TurnaroundFromHistories) {
  // Filing at 08:00; pushed at 09:00.
  const std::string filed = "2020-02-10T08:00:00+08:00";
  std::vector<Demand> ds = {
      // Decided after 10 h: meets 24 h. Filing → decision 11 h.
      D(1, filed, {P(T0, "granted", "2020-02-10T19:00:00+08:00", 200)}),
      // Decided after 30 h: misses. Filing → decision 31 h.
      D(2, filed, {P(T0, "declined", "2020-02-11T15:00:00+08:00")}),
      // Two banks: first decision after 2 h (decline), grant after 40 h: the
      // target looks at the first decision, the filing clock at the grant.
      D(3, filed,
        {P(T0, "declined", "2020-02-10T11:00:00+08:00"),
         P(T0, "granted", "2020-02-12T01:00:00+08:00", 50)}),
      // Undecided, pushed 26 h before now: misses.
      D(4, filed, {P(T0, "pending", "")}),
      // Undecided, pushed 1 h before now: pending, outside the ratio.
      D(5, filed, {P("2020-02-11T10:00:00+08:00", "pending", "")}),
      // Not pushed: not in the target's figures.
      D(6, filed, {}),
      // Withdrawn: counts in demands only.
      D(7, filed, {P(T0, "pending", "")}, true),
  };
  auto now = *ParseTimestamp("2020-02-11T11:00:00+08:00");
  Turnaround t = ComputeTurnaround(ds, 24.0, now);
  EXPECT_EQ(t.demands, 7);
  EXPECT_EQ(t.pushes, 6);
  EXPECT_EQ(t.decided_pushes, 4);
  EXPECT_EQ(t.decided_demands, 3);
  EXPECT_EQ(t.granted, 2);
  EXPECT_EQ(t.enterprises_granted, 2);
  EXPECT_DOUBLE_EQ(t.amount_granted, 250);
  EXPECT_EQ(t.target_met.num, 2);  // demands 1 and 3
  EXPECT_EQ(t.target_met.den, 4);  // 1, 2, 3, 4
  EXPECT_EQ(t.target_pending, 1);
  // Push → decision: 10, 30, 2, 40 hours.
  EXPECT_DOUBLE_EQ(*t.push_avg_hours, 20.5);
  EXPECT_DOUBLE_EQ(*t.push_median_hours, 20);
  EXPECT_DOUBLE_EQ(*t.push_max_hours, 40);
  // Filing → decision: 11, 31, 41 hours.
  EXPECT_DOUBLE_EQ(*t.filing_median_hours, 31);
  EXPECT_DOUBLE_EQ(*t.filing_avg_hours, 83.0 / 3);

  Turnaround none = ComputeTurnaround(ds, std::nullopt, now);
  EXPECT_EQ(none.target_met.den, 0);
  EXPECT_EQ(none.target_pending, 0);
  EXPECT_FALSE(ComputeTurnaround({}, 24.0, now).push_avg_hours.has_value());
}

TEST(FinanceRules, Totals) {
  const std::string filed = "2020-02-10T08:00:00+08:00";
  std::vector<Demand> ds = {
      D(1, filed, {P(T0, "granted", "2020-02-10T19:00:00+08:00", 200)}),
      D(1, filed, {P(T0, "granted", "2020-02-10T19:00:00+08:00", 100)}),
      D(2, filed, {P(T0, "declined", "2020-02-11T15:00:00+08:00")}),
      D(3, filed, {}),
      D(4, filed, {}, true),
  };
  Summary s = Summarise(ds);
  EXPECT_EQ(s.demands, 4);
  EXPECT_EQ(s.enterprises, 3);
  EXPECT_DOUBLE_EQ(s.amount_requested, 400);
  EXPECT_EQ(s.pushed, 3);
  EXPECT_EQ(s.granted, 2);
  EXPECT_EQ(s.declined, 1);
  EXPECT_EQ(s.pending, 1);
  EXPECT_EQ(s.enterprises_granted, 1);
  EXPECT_DOUBLE_EQ(s.amount_granted, 300);
}

}  // namespace
}  // namespace fugong::finance
