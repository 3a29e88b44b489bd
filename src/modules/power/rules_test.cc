#include "modules/power/rules.h"

#include <gtest/gtest.h>

namespace fugong::power {
namespace {

TEST(PowerRules, ThresholdIsStrict) {
  EXPECT_FALSE(ResumedByPower(30, 100, 0.3));
  EXPECT_TRUE(ResumedByPower(30.01, 100, 0.3));
  EXPECT_FALSE(ResumedByPower(10, 0, 0.3));
}

TEST(PowerRules, Labels) {
  Config c;
  EXPECT_EQ(Label(0.49, c), "suppressed");
  EXPECT_EQ(Label(0.5, c), "recovering");
  EXPECT_EQ(Label(0.8, c), "stable");
}

TEST(PowerRules, BaselinePeriod) {
  Config c;
  std::string from, to;
  BaselinePeriod(c, "2020-02-10", &from, &to);
  EXPECT_EQ(from, "2019-12-01");
  EXPECT_EQ(to, "2019-12-31");
  c.baseline_method = "same_period";
  BaselinePeriod(c, "2020-02-10", &from, &to);
  EXPECT_EQ(from, "2019-02-01");
  EXPECT_EQ(to, "2019-02-28");
}

}  // namespace
}  // namespace fugong::power
