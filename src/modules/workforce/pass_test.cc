// Pass tokens: round trip, forgery, alteration of any byte, truncation,
// another key, non-canonical encodings; masks; the QR SVG.
#include "modules/workforce/pass.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "modules/workforce/employee.h"
#include "modules/workforce/keys.h"

namespace fugong::workforce {
namespace {

class PassTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    keys_ = Keys::FromMaster(std::string(32, 'k'));
  }
  PassClaims Claims() const {
    return PassClaims{1234, 987654321, *ParseDate("2020-02-10"), Colour::kGreen};
  }
  Keys keys_;
};

TEST_F(PassTest, RoundTripAndCompact) {
  std::string token = IssuePass(Claims(), keys_.pass);
  EXPECT_LE(token.size(), 44u);
  auto c = VerifyPass(token, keys_.pass);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->enterprise_id, 1234);
  EXPECT_EQ(c->employee_id, 987654321);
  EXPECT_EQ(FormatDate(c->date), "2020-02-10");
  EXPECT_EQ(c->colour, Colour::kGreen);
  for (char ch : token)
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_');
}

TEST_F(PassTest, EveryAlteredCharacterIsRefused) {
  std::string token = IssuePass(Claims(), keys_.pass);
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (size_t i = 0; i < token.size(); ++i) {
    for (char ch : {alphabet[(alphabet.find(token[i]) + 1) % 64],
                    alphabet[(alphabet.find(token[i]) + 33) % 64]}) {
      std::string t = token;
      t[i] = ch;
      EXPECT_FALSE(VerifyPass(t, keys_.pass).ok()) << "position " << i;
    }
  }
}

TEST_F(PassTest, ForgedPayloadsAreRefused) {
  // A payload with a made-up MAC, e.g. claiming a different colour.
  std::string token = IssuePass(Claims(), keys_.pass);
  auto raw = *crypto::Base64UrlDecode(token);
  std::string payload = raw.substr(0, raw.size() - 16);
  payload.back() = char(Colour::kGreen);
  std::string forged = crypto::Base64UrlEncode(payload + std::string(16, '\0'));
  auto r = VerifyPass(forged, keys_.pass);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), "forged_pass");
  // Red changed to green keeps the length but not the MAC.
  PassClaims red = Claims();
  red.colour = Colour::kRed;
  raw = *crypto::Base64UrlDecode(IssuePass(red, keys_.pass));
  raw[raw.size() - 17] = char(Colour::kGreen);
  EXPECT_EQ(VerifyPass(crypto::Base64UrlEncode(raw), keys_.pass).status().code(), "forged_pass");
  // Another server's key.
  Keys other = Keys::FromMaster(std::string(32, 'x'));
  EXPECT_EQ(VerifyPass(token, other.pass).status().code(), "forged_pass");
}

TEST_F(PassTest, TruncatedAndGarbageAreMalformedOrForged) {
  std::string token = IssuePass(Claims(), keys_.pass);
  for (size_t n : {size_t(0), size_t(5), token.size() - 1, token.size() - 2})
    EXPECT_FALSE(VerifyPass(token.substr(0, n), keys_.pass).ok()) << n;
  EXPECT_FALSE(VerifyPass(token + "A", keys_.pass).ok());
  EXPECT_FALSE(VerifyPass(token + "=", keys_.pass).ok());
  EXPECT_FALSE(VerifyPass("not a token at all, clearly not", keys_.pass).ok());
  EXPECT_FALSE(VerifyPass(std::string(200, 'A'), keys_.pass).ok());
}

TEST_F(PassTest, DateAndColourAreAuthenticated) {
  PassClaims yesterday = Claims();
  yesterday.date = *ParseDate("2020-02-09");
  auto c = VerifyPass(IssuePass(yesterday, keys_.pass), keys_.pass);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(FormatDate(c->date), "2020-02-09");  // expiry is the gate's check
  EXPECT_NE(IssuePass(yesterday, keys_.pass), IssuePass(Claims(), keys_.pass));
}

TEST_F(PassTest, KeysAreIndependent) {
  EXPECT_EQ(keys_.seal.size(), 32u);
  EXPECT_NE(keys_.seal, keys_.pass);
  EXPECT_NE(keys_.seal, keys_.id_hash);
  EXPECT_NE(keys_.id_hash, keys_.pass);
}

TEST_F(PassTest, QrSvgIsAnSvgInTheColour) {
  auto svg = QrSvg(IssuePass(Claims(), keys_.pass), Colour::kRed);
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->rfind("<svg", 0), 0u);
  EXPECT_NE(svg->find("#c62828"), std::string::npos);
  EXPECT_NE(svg->find("</svg>"), std::string::npos);
}

TEST(Mask, IdNumbersAndPhones) {
  EXPECT_EQ(MaskIdNumber("22010219900307123X"), "2201**********123X");
  EXPECT_EQ(MaskPhone("13904319810"), "139****9810");
  EXPECT_EQ(MaskPhone("123"), "***");
}

}  // namespace
}  // namespace fugong::workforce
