// The rules of a link without a database: ranks in code or Chinese, phone
// masks, and the field named by each refusal of ValidateLinkChange.
#include <gtest/gtest.h>

#include "modules/responsibility/responsibility_service.h"

namespace fugong::responsibility {
namespace {

TEST(Responsibility, CanonicalRank) {
  EXPECT_EQ(CanonicalRank("处级"), "division");
  EXPECT_EQ(CanonicalRank(" section "), "section");
  EXPECT_EQ(CanonicalRank("科级"), "section");
  EXPECT_EQ(CanonicalRank("厅级"), "");
  EXPECT_EQ(CanonicalRank(""), "");
}

TEST(Responsibility, MaskPhone) {
  EXPECT_EQ(MaskPhone("13904320001"), "139****0001");
  EXPECT_EQ(MaskPhone("0432-62345678"), "043******5678");
  EXPECT_EQ(MaskPhone("1234"), "****");
  EXPECT_EQ(MaskPhone(""), "");
}

Status Check(const std::string& role, LinkChange l) { return ValidateLinkChange(role, l); }

TEST(Responsibility, ValidateLinkChange) {
  LinkChange ok;
  ok.name = " 周区长 ";
  ok.phone = "13904320002";
  EXPECT_TRUE(Check("leader", ok).ok());
  LinkChange landline;
  landline.unit = "工业和信息化局";
  landline.phone = "0432-62345678";
  EXPECT_TRUE(Check("department", landline).ok());

  LinkChange short_phone = ok;
  short_phone.phone = "12345";
  EXPECT_EQ(Check("leader", short_phone).field(), "leader.phone");
  LinkChange bad_mobile = ok;
  bad_mobile.phone = "12904320002";  // 1 then 2: not a mainland mobile
  EXPECT_EQ(Check("leader", bad_mobile).field(), "leader.phone");
  LinkChange letters = ok;
  letters.phone = "0432-6234abc";
  EXPECT_EQ(Check("grid", letters).field(), "grid.phone");

  LinkChange empty;
  EXPECT_EQ(Check("town", empty).field(), "town");
  LinkChange unit_only;
  unit_only.unit = "第三网格";
  EXPECT_TRUE(Check("grid", unit_only).ok());
  EXPECT_EQ(Check("cadre", unit_only).field(), "cadre.name");  // a cadre is a person

  LinkChange ranked = ok;
  ranked.rank = "处级";
  EXPECT_EQ(Check("grid", ranked).field(), "grid.rank");
  LinkChange cadre = ranked;
  EXPECT_TRUE(ValidateLinkChange("cadre", cadre).ok());
  EXPECT_EQ(cadre.rank, "division");
  EXPECT_EQ(cadre.name, "周区长");
  LinkChange wrong_rank = ok;
  wrong_rank.rank = "厅级";
  EXPECT_EQ(Check("cadre", wrong_rank).field(), "cadre.rank");

  LinkChange long_name = ok;
  long_name.name = std::string(31 * 3, 'x');
  EXPECT_EQ(Check("leader", long_name).field(), "leader.name");
  LinkChange removal;
  removal.remove = true;
  EXPECT_TRUE(Check("cadre", removal).ok());
}

}  // namespace
}  // namespace fugong::responsibility
