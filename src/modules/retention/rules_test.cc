#include "modules/retention/rules.h"

#include <gtest/gtest.h>

#include "system/settings.h"

namespace fugong::retention {
namespace {

TEST(RetentionRules, DefaultsAndOverrides) {
  auto d = RetentionDays(json::value(nullptr));
  EXPECT_EQ(d.size(), Kinds().size());
  for (const auto& [k, n] : d) EXPECT_EQ(n, kDefaultDays) << k;
  auto o =
      RetentionDays(json::parse(R"({"entry_logs":7,"alerts":0,"bogus":3,"travel_records":-1})"));
  EXPECT_EQ(o["entry_logs"], 7);
  EXPECT_EQ(o["alerts"], 0);
  EXPECT_EQ(o["travel_records"], kDefaultDays);  // malformed: the default
  EXPECT_EQ(o.count("bogus"), 0u);
}

TEST(RetentionRules, CutoffAndDeleteAfterAgree) {
  Days today = *ParseDate("2020-03-29");
  EXPECT_EQ(Cutoff(today, 28), "2020-03-01");
  EXPECT_FALSE(Cutoff(today, 0));
  // A record of 2020-03-01 is kept through 2020-03-29 and purged on the 30th.
  EXPECT_EQ(DeleteAfter("2020-03-01", 28), "2020-03-29");
  EXPECT_EQ(DeleteAfter("2020-03-01T08:00:00+08:00", 28), "2020-03-29");
  EXPECT_GE(std::string("2020-03-01"), *Cutoff(today, 28));  // not yet purged on the 29th
  EXPECT_LT(std::string("2020-03-01"), *Cutoff(today + std::chrono::days(1), 28));
  EXPECT_FALSE(DeleteAfter("2020-03-01", 0));
  EXPECT_FALSE(DeleteAfter("garbage", 5));
  // Across a leap day.
  EXPECT_EQ(DeleteAfter("2020-02-27", 3), "2020-03-01");
}

TEST(RetentionRules, SettingAcceptsEveryKindAndRefusesOthers) {
  const auto* def = system::FindSetting("retention_days");
  ASSERT_NE(def, nullptr);
  json::object all;
  for (const auto& k : Kinds()) all[k.kind] = 14;
  EXPECT_TRUE(def->validate(all).ok());
  EXPECT_TRUE(def->validate(def->default_value).ok());
  EXPECT_EQ(RetentionDays(def->default_value)["entry_logs"], kDefaultDays);
  EXPECT_FALSE(def->validate(json::parse(R"({"nope":3})")).ok());
  EXPECT_FALSE(def->validate(json::parse(R"({"alerts":-1})")).ok());
  EXPECT_FALSE(def->validate(json::parse(R"({"alerts":1.5})")).ok());
  EXPECT_FALSE(def->validate(json::parse("28")).ok());
}

}  // namespace
}  // namespace fugong::retention
