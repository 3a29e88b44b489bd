#include "core/validation.h"

#include <gtest/gtest.h>

namespace fugong {
namespace {

TEST(Uscc, KnownValidCodes) {
  // Real published codes.
  EXPECT_TRUE(IsValidUscc("91350100M000100Y43"));
  EXPECT_TRUE(IsValidUscc("91110000100001324G"));
  EXPECT_EQ(UsccCheckChar("91350100M000100Y4"), '3');
}

TEST(Uscc, RejectsAlteredCode) {
  EXPECT_FALSE(IsValidUscc("91350100M000100Y44"));
  EXPECT_FALSE(IsValidUscc("91350100M000100Y4"));   // 17 chars
  EXPECT_FALSE(IsValidUscc("91350100I000100Y43"));  // I is not in the alphabet
  EXPECT_EQ(ValidateUscc("uscc", "").code(), "required");
  EXPECT_EQ(ValidateUscc("uscc", "91350100M000100Y44").field(), "uscc");
}

TEST(Uscc, CheckThirtyOneMapsToZero) {
  // Search a prefix whose sum is a multiple of 31: its check char must be '0'.
  std::string base = "9122020000000000";
  bool found = false;
  for (char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
    std::string p = base + c;
    if (UsccCheckChar(p) == '0') found = true;
  }
  EXPECT_TRUE(found);
}

TEST(Uscc, Normalize) { EXPECT_EQ(NormalizeUscc("  91350100m000100y43 "), "91350100M000100Y43"); }

TEST(IdNumber, CheckDigit) {
  EXPECT_TRUE(IsValidIdNumber("11010519491231002X"));
  EXPECT_TRUE(IsValidIdNumber("11010519491231002x"));
  EXPECT_FALSE(IsValidIdNumber("110105194912310021"));
  EXPECT_FALSE(IsValidIdNumber("11010519491331002X"));  // month 13 (check digit aside)
  EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
}

TEST(Mobile, Rules) {
  EXPECT_TRUE(IsValidMobile("13904319810"));
  EXPECT_FALSE(IsValidMobile("12904319810"));
  EXPECT_FALSE(IsValidMobile("1390431981"));
  EXPECT_FALSE(IsValidMobile("1390431981a"));
}

TEST(Text, TrimAndLength) {
  EXPECT_EQ(Trim("\u3000 吉林 \t"), "吉林");
  EXPECT_EQ(Utf8Length("吉林市"), 3);
  EXPECT_EQ(Utf8Length("\xff"), -1);
}

}  // namespace
}  // namespace fugong
