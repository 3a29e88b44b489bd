#include "modules/permit/rules.h"

#include <gtest/gtest.h>

#include "core/crypto.h"

namespace fugong::permit {
namespace {

TEST(PermitRules, Plates) {
  EXPECT_EQ(NormalizePlate("吉b·12345"), "吉B12345");
  EXPECT_EQ(NormalizePlate(" 吉B 1234-5 "), "吉B12345");
  EXPECT_TRUE(IsValidPlate("吉B12345"));
  EXPECT_TRUE(IsValidPlate("吉BD12345"));  // new energy, 8 characters
  EXPECT_TRUE(IsValidPlate("粤AF1234A"));
  EXPECT_FALSE(IsValidPlate("吉B1234"));     // too short
  EXPECT_FALSE(IsValidPlate("吉B1234567"));  // too long
  EXPECT_FALSE(IsValidPlate("吉I12345"));    // no I
  EXPECT_FALSE(IsValidPlate("吉B12O45"));    // no O
  EXPECT_FALSE(IsValidPlate("吉112345"));    // a letter after the province
  EXPECT_FALSE(IsValidPlate("AB123456"));    // no province
  EXPECT_FALSE(IsValidPlate("中B12345"));    // not a province
  EXPECT_FALSE(IsValidPlate(""));
}

TEST(PermitRules, Period) {
  EXPECT_TRUE(ValidatePeriod("2020-02-10", "2020-03-10", "2020-02-10", 30).ok());
  Status st = ValidatePeriod("2020-02-10", "2020-03-11", "2020-02-10", 30);
  EXPECT_EQ(st.code(), "too_long");
  EXPECT_EQ(st.field(), "valid_to");
  EXPECT_EQ(ValidatePeriod("2020-02-10", "2020-02-09", "2020-02-08", 30).code(), "invalid_range");
  EXPECT_EQ(ValidatePeriod("2020-02-01", "2020-02-05", "2020-02-10", 30).code(), "in_the_past");
  EXPECT_EQ(ValidatePeriod("2020-02-30", "2020-03-05", "2020-02-10", 30).field(), "valid_from");
}

TEST(PermitRules, MaskName) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskName("李"), "李*");
}

class TokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    key_ = SigningKey::FromSeed(std::string(32, '\x07'));
    p_ = Payload{"TX20200210-000001", "emergency_supplies", "吉B12345",   "张*",
                 "吉林市→长春市",     "2020-02-10",         "2020-03-10", "吉林市某物流有限公司"};
    token_ = SignToken(p_, key_);
  }
  SigningKey key_;
  Payload p_;
  std::string token_;
};

TEST_F(TokenTest, ValidWithinThePeriod) {
  Verification v = VerifyToken(token_, key_.public_key, "2020-02-15");
  EXPECT_EQ(v.result, "valid");
  ASSERT_TRUE(v.payload);
  EXPECT_EQ(v.payload->permit_no, p_.permit_no);
  EXPECT_EQ(v.payload->plate, "吉B12345");
  EXPECT_EQ(v.payload->route, "吉林市→长春市");
  EXPECT_EQ(v.payload->valid_to, "2020-03-10");
}

TEST_F(TokenTest, ExpiredAndNotYetValid) {
  EXPECT_EQ(VerifyToken(token_, key_.public_key, "2020-03-11").result, "expired");
  EXPECT_EQ(VerifyToken(token_, key_.public_key, "2020-03-10").result, "valid");
  EXPECT_EQ(VerifyToken(token_, key_.public_key, "2020-02-09").result, "not_yet_valid");
}

TEST_F(TokenTest, EveryOneByteChangeIsTampering) {
  // Change each character of the body and of the signature in turn.
  size_t start = std::string("FGP1.").size();
  for (size_t i = start; i < token_.size(); ++i) {
    if (token_[i] == '.') continue;
    std::string t = token_;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    Verification v = VerifyToken(t, key_.public_key, "2020-02-15");
    EXPECT_EQ(v.result, "tampered") << "position " << i;
    EXPECT_FALSE(v.payload);
  }
}

TEST_F(TokenTest, AnotherKeyIsTampering) {
  SigningKey other = SigningKey::FromSeed(std::string(32, '\x08'));
  EXPECT_EQ(VerifyToken(token_, other.public_key, "2020-02-15").result, "tampered");
  // A token signed with another key over the same fields is refused too.
  EXPECT_EQ(VerifyToken(SignToken(p_, other), key_.public_key, "2020-02-15").result, "tampered");
}

TEST_F(TokenTest, NotATokenIsMalformed) {
  EXPECT_EQ(VerifyToken("hello", key_.public_key, "2020-02-15").result, "malformed");
  EXPECT_EQ(VerifyToken("FGP1.abc", key_.public_key, "2020-02-15").result, "malformed");
  EXPECT_EQ(VerifyToken("", key_.public_key, "2020-02-15").result, "malformed");
}

}  // namespace
}  // namespace fugong::permit
