#include "modules/bus/rules.h"

#include <gtest/gtest.h>

namespace fugong::bus {
namespace {

system::Region Area(const std::string& code) {
  system::Region r;
  r.code = code;
  r.province_code = code.substr(0, 2) + "0000";
  if (code.size() == 6 && code.substr(2) == "0000") {
    r.level = 1;
    return r;
  }
  r.city_code = code.substr(0, 4) + "00";
  if (code.size() == 6 && code.substr(4) == "00") {
    r.level = 2;
    return r;
  }
  r.county_code = code.substr(0, 6);
  r.level = code.size() == 6 ? 3 : 4;
  if (r.level == 4) r.town_code = code;
  return r;
}

TEST(BusRules, Times) {
  EXPECT_TRUE(ValidTime("07:30"));
  EXPECT_TRUE(ValidTime("23:59"));
  EXPECT_FALSE(ValidTime("24:00"));
  EXPECT_FALSE(ValidTime("7:30"));
  EXPECT_FALSE(ValidTime("07:60"));
}

TEST(BusRules, Areas) {
  EXPECT_TRUE(AreaMatches(Area("220202"), Area("220202")));
  EXPECT_TRUE(AreaMatches(Area("220202"), Area("220202001")));  // town inside the county
  EXPECT_TRUE(AreaMatches(Area("220202001"), Area("220202")));
  EXPECT_FALSE(AreaMatches(Area("220202001"), Area("220202002")));
  EXPECT_FALSE(AreaMatches(Area("220202"), Area("220203")));
  EXPECT_TRUE(AreaMatches(Area("220200"), Area("220203001")));
}

TEST(BusRules, ServesNeedsEnterpriseAreaAndShift) {
  RouteView r{1, true, {10, 11}, {Area("220202001"), Area("220203")}, {"07:30"}};
  EXPECT_TRUE(Serves(r, {10, Area("220202001"), "07:30"}));
  EXPECT_TRUE(Serves(r, {11, Area("220203005"), "07:30"}));
  EXPECT_FALSE(Serves(r, {12, Area("220202001"), "07:30"}));  // not an enterprise served
  EXPECT_FALSE(Serves(r, {10, Area("220204"), "07:30"}));     // no stop in the area
  EXPECT_FALSE(Serves(r, {10, Area("220202001"), "19:30"}));  // another shift
  r.shifts.clear();
  EXPECT_TRUE(Serves(r, {10, Area("220202001"), "19:30"}));  // any shift
  r.active = false;
  EXPECT_FALSE(Serves(r, {10, Area("220202001"), "19:30"}));
}

TEST(BusRules, EachDemandGoesToTheFirstServingRoute) {
  std::vector<RouteView> routes{{5, true, {10}, {Area("220202")}, {}},
                                {3, true, {10}, {Area("220202001")}, {"07:30"}}};
  std::vector<DemandView> demands{{10, Area("220202001"), "07:30"},
                                  {10, Area("220202002"), "07:30"},
                                  {10, Area("220203001"), "07:30"}};
  EXPECT_EQ(Assign(demands, routes), (std::vector<int64_t>{3, 5, 0}));
}

}  // namespace
}  // namespace fugong::bus
