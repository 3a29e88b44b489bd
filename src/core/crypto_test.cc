#include "core/crypto.h"

#include <gtest/gtest.h>

namespace fugong::crypto {
namespace {

TEST(Crypto, PasswordHash) {
  ASSERT_TRUE(InitCrypto());
  auto h = HashPassword("s3cret-密码");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "s3cret-密码"));
  EXPECT_FALSE(VerifyPassword(*h, "s3cret"));
}

TEST(Crypto, SealOpenAndTamper) {
  ASSERT_TRUE(InitCrypto());
  std::string key = RandomBytes(32);
  std::string sealed = Seal(key, "22020219900101123X");
  EXPECT_EQ(Open(key, sealed), "22020219900101123X");
  sealed[sealed.size() - 1] ^= 1;
  EXPECT_FALSE(Open(key, sealed));
}

TEST(Crypto, Base64Url) {
  std::string raw = RandomBytes(33);
  EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(raw)), raw);
  EXPECT_FALSE(Base64UrlDecode("***"));
}

}  // namespace
}  // namespace fugong::crypto
