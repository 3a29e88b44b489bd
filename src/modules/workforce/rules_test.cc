// Every path of the health rules: quarantine end dates by risk level and out
// of province, medical observation, monitoring, end-date changes (extension,
// shortening, override), pass colours and gate decisions.
#include "modules/workforce/rules.h"

#include <gtest/gtest.h>

#include "modules/workforce/health.h"

namespace fugong::workforce {
namespace {

Days D(const char* s) { return *ParseDate(s); }

system::Region R(std::string code, int level, std::string province, std::string city = "",
                 std::string county = "") {
  system::Region r;
  r.code = std::move(code);
  r.level = level;
  r.province_code = std::move(province);
  r.city_code = std::move(city);
  r.county_code = std::move(county);
  return r;
}

// Wuhan (Hubei) and a district of it; Jilin City (Jilin) and a district.
const system::Region kHubei = R("420000", 1, "420000");
const system::Region kWuhan = R("420100", 2, "420000", "420100");
const system::Region kJiangan = R("420102", 3, "420000", "420100", "420102");
const system::Region kJilinCity = R("220200", 2, "220000", "220200");
const system::Region kChangyi = R("220202", 3, "220000", "220200", "220202");
const system::Region kChangchun = R("220100", 2, "220000", "220100");

RuleInput Base() {
  RuleInput in;
  in.arrival = D("2020-02-01");
  in.card_date = D("2020-02-03");
  in.enterprise_province = "220000";
  in.quarantine_days = 14;
  return in;
}

TEST(DeriveHolds, NoTravelNoHold) { EXPECT_TRUE(DeriveHolds(Base()).empty()); }

TEST(DeriveHolds, HighRiskTravelQuarantinesFromArrival) {
  RuleInput in = Base();
  in.travel = {{kJiangan, D("2020-01-20"), D("2020-01-25")}};
  in.risks = {{kWuhan, "high", D("2020-01-01"), std::nullopt}};
  in.enterprise_province = "420000";  // same province: only the risk rule applies
  auto holds = DeriveHolds(in);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, kQuarantine);
  EXPECT_EQ(holds[0].start, D("2020-02-01"));
  EXPECT_EQ(holds[0].end, D("2020-02-15"));
  EXPECT_EQ(holds[0].reasons, std::vector<std::string>{"risk_region_high:420100"});
}

TEST(DeriveHolds, MediumRiskAlsoQuarantines) {
  RuleInput in = Base();
  in.travel = {{kChangchun, D("2020-01-20"), D("2020-01-25")}};
  in.risks = {{kChangchun, "medium", D("2020-01-22"), D("2020-02-10")}};
  auto holds = DeriveHolds(in);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, kQuarantine);
  EXPECT_EQ(holds[0].reasons, std::vector<std::string>{"risk_region_medium:220100"});
}

TEST(DeriveHolds, TravelOutsideTheRiskRangeDoesNotCount) {
  RuleInput in = Base();
  in.travel = {{kChangchun, D("2020-01-10"), D("2020-01-15")}};
  in.risks = {{kChangchun, "high", D("2020-01-20"), D("2020-02-10")}};
  EXPECT_TRUE(DeriveHolds(in).empty());
  // Overlapping by one day does.
  in.travel[0].to = D("2020-01-20");
  EXPECT_EQ(DeriveHolds(in).size(), 1u);
  // A range that ended before the trip does not.
  in.travel[0] = {kChangchun, D("2020-02-11"), D("2020-02-12")};
  in.arrival = D("2020-02-12");
  EXPECT_TRUE(DeriveHolds(in).empty());
}

TEST(DeriveHolds, TravelOutsideTheRiskRegionDoesNotCount) {
  RuleInput in = Base();
  in.travel = {{kChangyi, D("2020-01-20"), D("2020-01-25")}};
  in.risks = {{kChangchun, "high", D("2020-01-01"), std::nullopt}};
  EXPECT_TRUE(DeriveHolds(in).empty());
}

TEST(DeriveHolds, LowRiskIsMonitoringOnly) {
  RuleInput in = Base();
  in.travel = {{kChangchun, D("2020-01-20"), D("2020-01-25")}};
  in.risks = {{kChangchun, "low", D("2020-01-01"), std::nullopt}};
  auto holds = DeriveHolds(in);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, kMonitoring);
  EXPECT_EQ(holds[0].end, D("2020-02-15"));
}

TEST(DeriveHolds, OutOfProvinceByFlagOrByTravel) {
  RuleInput in = Base();
  in.out_of_province = true;
  auto holds = DeriveHolds(in);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, kQuarantine);
  EXPECT_EQ(holds[0].reasons, std::vector<std::string>{"out_of_province"});
  EXPECT_EQ(holds[0].end, D("2020-02-15"));

  in = Base();
  in.travel = {{kHubei, D("2020-01-20"), D("2020-01-30")}};
  holds = DeriveHolds(in);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].reasons, std::vector<std::string>{"out_of_province"});
}

TEST(DeriveHolds, QuarantineDaysSettingIsUsed) {
  RuleInput in = Base();
  in.out_of_province = true;
  in.quarantine_days = 7;
  EXPECT_EQ(DeriveHolds(in)[0].end, D("2020-02-08"));
}

TEST(DeriveHolds, ReasonsCombineAndLowRiskYieldsToQuarantine) {
  RuleInput in = Base();
  in.travel = {{kJiangan, D("2020-01-20"), D("2020-01-25")},
               {kChangchun, D("2020-01-26"), D("2020-01-28")}};
  in.risks = {{kWuhan, "high", D("2020-01-01"), std::nullopt},
              {kChangchun, "low", D("2020-01-01"), std::nullopt}};
  auto holds = DeriveHolds(in);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, kQuarantine);
  EXPECT_EQ(holds[0].reasons,
            (std::vector<std::string>{"risk_region_high:420100", "out_of_province"}));
}

TEST(DeriveHolds, ContactOrSymptomsMeanMedicalObservation) {
  RuleInput in = Base();
  in.contact_with_cases = true;
  auto holds = DeriveHolds(in);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].kind, kMedicalObservation);
  EXPECT_EQ(holds[0].reasons, std::vector<std::string>{"contact_with_cases"});
  // Without an arrival date it runs from the card's date.
  in.arrival.reset();
  in.health = "fever";
  holds = DeriveHolds(in);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(holds[0].start, D("2020-02-03"));
  EXPECT_EQ(holds[0].end, D("2020-02-17"));
  EXPECT_EQ(holds[0].reasons, (std::vector<std::string>{"contact_with_cases", "fever"}));
}

TEST(ClassifyEndChange, ExtensionShorteningAndOverride) {
  Days start = D("2020-02-01"), rule_end = D("2020-02-15");
  // Extending.
  auto c = ClassifyEndChange(start, rule_end, rule_end, D("2020-02-20"), false);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, EndChange::kExtend);
  // Shortening an extension back towards the rule's end is allowed.
  c = ClassifyEndChange(start, rule_end, D("2020-02-20"), D("2020-02-17"), false);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, EndChange::kShorten);
  c = ClassifyEndChange(start, rule_end, D("2020-02-20"), rule_end, false);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, EndChange::kShorten);
  // Earlier than the rule: refused without an explicit override...
  c = ClassifyEndChange(start, rule_end, rule_end, D("2020-02-10"), false);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), "earlier_than_rule");
  EXPECT_EQ(c.status().field(), "end_date");
  // ...and an override with one.
  c = ClassifyEndChange(start, rule_end, rule_end, D("2020-02-10"), true);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, EndChange::kOverride);
  // An override flag on a date within the rule is just a shortening.
  c = ClassifyEndChange(start, rule_end, D("2020-02-20"), D("2020-02-16"), true);
  EXPECT_EQ(*c, EndChange::kShorten);
  // Lifting on the first day is an override too.
  c = ClassifyEndChange(start, rule_end, rule_end, start, true);
  EXPECT_EQ(*c, EndChange::kOverride);
  // Nonsense.
  EXPECT_EQ(ClassifyEndChange(start, rule_end, rule_end, D("2020-01-31"), true).status().code(),
            "before_start");
  EXPECT_EQ(ClassifyEndChange(start, rule_end, rule_end, rule_end, false).status().code(),
            "unchanged");
}

ColourInput Declared(double t, bool symptoms = false) {
  ColourInput in;
  in.today = D("2020-02-10");
  in.declared_today = true;
  in.temperature = t;
  in.symptoms = symptoms;
  return in;
}

TEST(PassColour, GreenWithADeclarationAndNoHold) {
  auto r = PassColour(Declared(36.5));
  EXPECT_EQ(r.colour, Colour::kGreen);
  EXPECT_TRUE(r.reasons.empty());
}

TEST(PassColour, YellowWithoutDeclarationWithSymptomsOrMonitoring) {
  ColourInput in = Declared(36.5);
  in.declared_today = false;
  auto r = PassColour(in);
  EXPECT_EQ(r.colour, Colour::kYellow);
  EXPECT_EQ(r.reasons, std::vector<std::string>{"no_declaration"});
  EXPECT_EQ(PassColour(Declared(36.5, true)).colour, Colour::kYellow);
  in = Declared(36.5);
  in.holds = {{kMonitoring, D("2020-02-01"), D("2020-02-15")}};
  r = PassColour(in);
  EXPECT_EQ(r.colour, Colour::kYellow);
  EXPECT_EQ(r.reasons, std::vector<std::string>{"monitoring"});
}

TEST(PassColour, RedInQuarantineObservationOrFever) {
  ColourInput in = Declared(36.5);
  in.holds = {{kQuarantine, D("2020-02-01"), D("2020-02-15")}};
  EXPECT_EQ(PassColour(in).colour, Colour::kRed);
  in.holds = {{kMedicalObservation, D("2020-02-01"), D("2020-02-15")}};
  EXPECT_EQ(PassColour(in).colour, Colour::kRed);
  // The threshold itself is a fever.
  EXPECT_EQ(PassColour(Declared(37.3)).colour, Colour::kRed);
  EXPECT_EQ(PassColour(Declared(37.2)).colour, Colour::kGreen);
  in = Declared(37.0);
  in.fever_threshold = 36.9;
  EXPECT_EQ(PassColour(in).reasons, std::vector<std::string>{"fever"});
}

TEST(PassColour, HoldsCountOnlyWhileInForce) {
  ColourInput in = Declared(36.5);
  // Lifted on its end date; not yet begun before its start.
  in.holds = {{kQuarantine, D("2020-01-27"), D("2020-02-10")},
              {kQuarantine, D("2020-02-11"), D("2020-02-25")}};
  EXPECT_EQ(PassColour(in).colour, Colour::kGreen);
  in.today = D("2020-02-09");
  EXPECT_EQ(PassColour(in).colour, Colour::kRed);
}

struct Gate {
  Result<PassClaims> pass = PassClaims{7, 42, D("2020-02-10"), Colour::kGreen};
  std::vector<HoldSpan> holds;
  GateEmployeeInput in;
  Gate() {
    in.pass = &pass;
    in.site_enterprise_id = 7;
    in.today = D("2020-02-10");
    in.holds = &holds;
    in.temperature = 36.4;
  }
};

TEST(DecideEmployee, AdmitsAGreenCode) {
  Gate g;
  auto d = DecideEmployee(g.in);
  EXPECT_TRUE(d.admit);
  EXPECT_TRUE(d.reasons.empty());
  EXPECT_TRUE(d.alert.empty());
}

TEST(DecideEmployee, AdmitsAYellowCodeWithANote) {
  Gate g;
  g.pass = PassClaims{7, 42, D("2020-02-10"), Colour::kYellow};
  auto d = DecideEmployee(g.in);
  EXPECT_TRUE(d.admit);
  EXPECT_EQ(d.reasons, std::vector<std::string>{"yellow_code"});
}

TEST(DecideEmployee, DeniesBadTokensWithoutAlert) {
  Gate g;
  g.pass = InvalidArgument("pass", "forged_pass", "", "");
  auto d = DecideEmployee(g.in);
  EXPECT_FALSE(d.admit);
  EXPECT_EQ(d.reasons, std::vector<std::string>{"forged_pass"});
  EXPECT_TRUE(d.alert.empty());
  g.pass = PassClaims{7, 42, D("2020-02-09"), Colour::kGreen};
  EXPECT_EQ(DecideEmployee(g.in).reasons, std::vector<std::string>{"expired_pass"});
  g.pass = PassClaims{8, 42, D("2020-02-10"), Colour::kGreen};
  EXPECT_EQ(DecideEmployee(g.in).reasons, std::vector<std::string>{"other_enterprise"});
  g.pass = PassClaims{7, 42, D("2020-02-10"), Colour::kGreen};
  g.in.on_roster = false;
  EXPECT_EQ(DecideEmployee(g.in).reasons, std::vector<std::string>{"not_on_roster"});
}

TEST(DecideEmployee, DeniesQuarantineAndObservationWithAlert) {
  Gate g;
  g.holds = {{kQuarantine, D("2020-02-01"), D("2020-02-15")}};
  auto d = DecideEmployee(g.in);
  EXPECT_FALSE(d.admit);
  EXPECT_EQ(d.reasons, std::vector<std::string>{"quarantine"});
  EXPECT_EQ(d.alert, "quarantine");
  g.holds = {{kMedicalObservation, D("2020-02-01"), D("2020-02-15")}};
  d = DecideEmployee(g.in);
  EXPECT_EQ(d.alert, "medical_observation");
  // Monitoring does not stop anyone; a lifted hold neither.
  g.holds = {{kMonitoring, D("2020-02-01"), D("2020-02-15")},
             {kQuarantine, D("2020-01-20"), D("2020-02-10")}};
  EXPECT_TRUE(DecideEmployee(g.in).admit);
}

TEST(DecideEmployee, FeverDeniesWithAFeverAlert) {
  Gate g;
  g.in.temperature = 37.3;
  auto d = DecideEmployee(g.in);
  EXPECT_FALSE(d.admit);
  EXPECT_EQ(d.reasons, std::vector<std::string>{"fever"});
  EXPECT_EQ(d.alert, "fever");
  g.holds = {{kQuarantine, D("2020-02-01"), D("2020-02-15")}};
  d = DecideEmployee(g.in);
  EXPECT_EQ(d.reasons, (std::vector<std::string>{"quarantine", "fever"}));
  EXPECT_EQ(d.alert, "fever");
  g.in.temperature = 36.0;
  g.in.fever_threshold = 35.5;  // a region's own threshold
  g.holds.clear();
  EXPECT_EQ(DecideEmployee(g.in).reasons, std::vector<std::string>{"fever"});
}

TEST(DecideEmployee, ARedCodeDeniesEvenWhenNothingElseDoes) {
  Gate g;
  g.pass = PassClaims{7, 42, D("2020-02-10"), Colour::kRed};
  auto d = DecideEmployee(g.in);
  EXPECT_FALSE(d.admit);
  EXPECT_EQ(d.reasons, std::vector<std::string>{"red_code"});
  EXPECT_TRUE(d.alert.empty());
}

TEST(DecideVisitor, FeverOrNot) {
  EXPECT_TRUE(DecideVisitor(36.6, 37.3).admit);
  auto d = DecideVisitor(38.0, 37.3);
  EXPECT_FALSE(d.admit);
  EXPECT_EQ(d.alert, "fever");
}

}  // namespace
}  // namespace fugong::workforce
