#include "modules/stats/bulletin.h"

#include <gtest/gtest.h>

namespace fugong::stats {
namespace {

TEST(Bulletin, RoundingAsTheSpecSays) {
  EXPECT_EQ(FormatPercent(0.5146), "51.5%");
  EXPECT_EQ(FormatPercent(0.66), "66%");
  EXPECT_EQ(FormatPercent(0.6600001), "66%");
  EXPECT_EQ(FormatPercent(33.0 / 50.0), "66%");
  EXPECT_EQ(FormatPercent(141.0 / 274.0), "51.5%");
  EXPECT_EQ(FormatPercent(0), "0%");
  EXPECT_EQ(FormatPercent(1), "100%");
  EXPECT_EQ(FormatPercent(0.0005), "0.1%");
}

TEST(Bulletin, DatesAndScopes) {
  EXPECT_EQ(ChineseDate("2020-02-14"), "2月14日");
  EXPECT_EQ(ChineseTenDays("2020-03-05"), "3月上旬");
  EXPECT_EQ(ChineseTenDays("2020-03-15"), "3月中旬");
  EXPECT_EQ(ChineseTenDays("2020-02-29"), "2月下旬");
  EXPECT_EQ(ScopeWord("延边朝鲜族自治州"), "全州");
  EXPECT_EQ(ScopeWord("吉林市"), "全市");
  EXPECT_EQ(ScopeWord("新地号街道"), "全街道");
}

TEST(Bulletin, RendersAndRefusesUnknownPlaceholders) {
  auto lookup = [](const std::string& n) -> std::optional<std::string> {
    if (n == "a") return "141";
    return std::nullopt;
  };
  EXPECT_EQ(*RenderTemplate("已开工{a}户{{x}}", lookup), "已开工141户{x}");
  auto bad = RenderTemplate("{a}{nope}", lookup);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), "unknown_placeholder");
  EXPECT_EQ(bad.status().field(), "body");
  EXPECT_FALSE(RenderTemplate("{a", lookup).ok());
}

}  // namespace
}  // namespace fugong::stats
