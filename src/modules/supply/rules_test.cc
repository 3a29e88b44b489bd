#include "modules/supply/rules.h"

#include <gtest/gtest.h>

#include <cmath>

namespace fugong::supply {
namespace {

TEST(SupplyRules, QuantitiesInBaseUnits) {
  EXPECT_EQ(ToBase(8.4, 3), 8400);
  EXPECT_EQ(ToBase(270000, 0), 270000);
  EXPECT_EQ(ToBase(12.5, 1), 125);
  EXPECT_EQ(ToBase(0.1 + 0.2, 1), 3);  // binary noise is not a decimal place
  EXPECT_FALSE(ToBase(1.5, 0));        // masks come whole
  EXPECT_FALSE(ToBase(8.4001, 3));
  EXPECT_FALSE(ToBase(1e13, 0));
  EXPECT_FALSE(ToBase(std::nan(""), 0));
  EXPECT_EQ(ToBase(-3, 0), -3);
  EXPECT_DOUBLE_EQ(FromBase(8400, 3), 8.4);
  EXPECT_EQ(FormatQuantity(8400, 3), "8.4");
  EXPECT_EQ(FormatQuantity(8000, 3), "8");
  EXPECT_EQ(FormatQuantity(5, 3), "0.005");
  EXPECT_EQ(FormatQuantity(-125, 1), "-12.5");
  EXPECT_EQ(FormatQuantity(326, 0), "326");
}

TEST(SupplyRules, SeedsFigures) {
  EXPECT_EQ(SeedsFigure(270000, 0, "个"), "27万个");
  EXPECT_EQ(SeedsFigure(12345, 0, "个"), "1.23万个");
  EXPECT_EQ(SeedsFigure(8400, 3, "吨"), "8.4吨");
  EXPECT_EQ(SeedsFigure(326, 0, "支"), "326支");
  EXPECT_EQ(SeedsFigure(9999, 0, "个"), "9999个");
  EXPECT_EQ(JoinFigures({{"口罩", "27万个"}, {"84消毒液", "8.4吨"}}), "口罩27万个、84消毒液8.4吨");
  EXPECT_EQ(JoinFigures({}), "");
}

TEST(SupplyRules, DaysOfSupplyAndShortage) {
  EXPECT_FALSE(DaysOfSupply(100, 0));
  EXPECT_DOUBLE_EQ(*DaysOfSupply(100, 40), 2.5);
  EXPECT_DOUBLE_EQ(*DaysOfSupply(-5, 40), 0);
  EXPECT_TRUE(IsShortage(100, 40, 3));
  EXPECT_FALSE(IsShortage(120, 40, 3));  // exactly three days is enough
  EXPECT_FALSE(IsShortage(0, 0, 3));     // nothing needed, no warning
}

TEST(SupplyRules, AllocationStates) {
  EXPECT_EQ(NextState("committed", "dispatch"), "in_transit");
  EXPECT_EQ(NextState("in_transit", "deliver"), "delivered");
  EXPECT_EQ(NextState("delivered", "confirm"), "confirmed");
  EXPECT_EQ(NextState("committed", "cancel"), "cancelled");
  EXPECT_FALSE(NextState("in_transit", "cancel"));  // on the road: no return to stock
  EXPECT_FALSE(NextState("committed", "confirm"));
  EXPECT_FALSE(NextState("confirmed", "deliver"));
  EXPECT_FALSE(NextState("cancelled", "dispatch"));
  EXPECT_EQ(LedgerKindOf("confirm"), "handover");
  EXPECT_EQ(LedgerKindOf("cancel"), "return");
}

}  // namespace
}  // namespace fugong::supply
