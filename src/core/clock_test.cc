#include "core/clock.h"

#include <gtest/gtest.h>

namespace fugong {
namespace {

TEST(Clock, DatesRoundTripAndLeapDay) {
  auto d = ParseDate("2020-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(FormatDate(*d), "2020-02-29");
  EXPECT_EQ(FormatDate(*d + std::chrono::days(1)), "2020-03-01");
  EXPECT_FALSE(ParseDate("2021-02-29"));
  EXPECT_FALSE(ParseDate("2020-2-1"));
}

TEST(Clock, ShanghaiBusinessDate) {
  // 2020-02-13T17:00:00Z is 2020-02-14 01:00 in Shanghai.
  auto t = ParseTimestamp("2020-02-13T17:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatDate(BusinessDate(*t)), "2020-02-14");
  EXPECT_EQ(FormatTimestamp(*t), "2020-02-14T01:00:00+08:00");
  EXPECT_EQ(ParseTimestamp("2020-02-14T01:00:00+08:00"), t);
}

TEST(Clock, PinnedClock) {
  SetNowForTesting(ParseTimestamp("2020-02-14T09:30:00+08:00"));
  EXPECT_EQ(FormatDate(Today()), "2020-02-14");
  SetNowForTesting(std::nullopt);
}

}  // namespace
}  // namespace fugong
