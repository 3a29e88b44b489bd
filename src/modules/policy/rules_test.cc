#include "modules/policy/rules.h"

#include <gtest/gtest.h>

namespace fugong::policy {
namespace {

Rule Parse(const std::string& text) {
  auto r = ParseRule(json::parse(text));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Rule{};
}

Status Error(const std::string& text) { return ParseRule(json::parse(text)).status(); }

Facts Firm(std::string size, std::vector<std::string> flags, std::string essential = "",
           int64_t employees = 50, std::optional<bool> no_layoffs = std::nullopt) {
  Facts f;
  f.size = std::move(size);
  f.flags = std::move(flags);
  f.essential_category = std::move(essential);
  f.employees = employees;
  f.no_layoffs = no_layoffs;
  f.industry_code = "13";
  f.industry_section = "C";
  f.work_status = "work_resumed";
  f.province_code = "220000";
  f.city_code = "220200";
  f.county_code = "220202";
  return f;
}

TEST(PolicyRules, ValidationNamesTheCondition) {
  auto st = Error(R"({"conditions":[{"field":"size","op":"eq","value":"small"},
                                    {"field":"profit","op":"gt","value":1}]})");
  EXPECT_EQ(st.code(), "unknown_rule_field");
  EXPECT_EQ(st.field(), "rule.conditions[1].field");
  st = Error(R"({"conditions":[{"field":"employees","op":"contains","value":1}]})");
  EXPECT_EQ(st.code(), "unknown_rule_op");
  EXPECT_EQ(st.field(), "rule.conditions[0].op");
  // An operator of another field is unknown for this one.
  EXPECT_EQ(Error(R"({"conditions":[{"field":"key_enterprise","op":"gt","value":true}]})").code(),
            "unknown_rule_op");
  EXPECT_EQ(Error(R"({"conditions":[{"field":"size","op":"eq","value":"giant"}]})").field(),
            "rule.conditions[0].value");
  EXPECT_EQ(Error(R"({"conditions":[{"field":"size","op":"in","value":"small"}]})").field(),
            "rule.conditions[0].value");
  EXPECT_EQ(Error(R"({"conditions":[{"field":"industry","op":"eq","value":"Z"}]})").field(),
            "rule.conditions[0].value");
  EXPECT_EQ(Error(R"({"conditions":[{"field":"no_layoffs","op":"is","value":"yes"}]})").field(),
            "rule.conditions[0].value");
  EXPECT_EQ(
      Error(R"({"combine":"most","conditions":[{"field":"essential","op":"is","value":true}]})")
          .field(),
      "rule.combine");
  EXPECT_EQ(Error(R"({"conditions":[]})").field(), "rule.conditions");
  EXPECT_EQ(Error(R"({"conditions":[{"field":"essential","op":"is","value":true,"x":1}]})").field(),
            "rule.conditions[0].x");
  EXPECT_EQ(Error(R"([1])").field(), "rule");
}

TEST(PolicyRules, SmallMicroFeeRelief) {
  Rule r = Parse(R"({"combine":"any","conditions":[{"field":"small_micro","op":"is","value":true},
                                                    {"field":"size","op":"in","value":["small","micro"]}]})");
  EXPECT_TRUE(Eligible(r, Firm("medium", {"small_micro"})));
  EXPECT_TRUE(Eligible(r, Firm("micro", {})));
  EXPECT_FALSE(Eligible(r, Firm("large", {"key_enterprise"})));
}

TEST(PolicyRules, EssentialTaxDeduction) {
  Rule r = Parse(R"({"conditions":[{"field":"essential","op":"is","value":true},
                                   {"field":"essential_category","op":"ne","value":"city_operation"}]})");
  EXPECT_TRUE(Eligible(r, Firm("large", {}, "epidemic_control")));
  EXPECT_FALSE(Eligible(r, Firm("large", {}, "city_operation")));
  EXPECT_FALSE(Eligible(r, Firm("large", {}, "")));
}

TEST(PolicyRules, NoLayoffsRefundNeedsKnownFacts) {
  Rule r = Parse(R"({"conditions":[{"field":"no_layoffs","op":"is","value":true},
                                   {"field":"employees","op":"ge","value":20}]})");
  EXPECT_TRUE(Eligible(r, Firm("small", {}, "", 20, true)));
  EXPECT_FALSE(Eligible(r, Firm("small", {}, "", 19, true)));
  EXPECT_FALSE(Eligible(r, Firm("small", {}, "", 50, false)));
  EXPECT_FALSE(Eligible(r, Firm("small", {}, "", 50, std::nullopt)));  // unknown: not eligible
  Rule laid = Parse(R"({"conditions":[{"field":"no_layoffs","op":"is","value":false}]})");
  EXPECT_TRUE(Eligible(laid, Firm("small", {}, "", 50, false)));
  EXPECT_FALSE(Eligible(laid, Firm("small", {}, "", 50, std::nullopt)));
}

TEST(PolicyRules, IndustryRegionStatus) {
  Rule r = Parse(R"({"conditions":[{"field":"industry","op":"in","value":["C","51"]},
                                   {"field":"region","op":"within","value":"220202"},
                                   {"field":"work_status","op":"not_in","value":["suspended","closed"]}]})");
  r.conditions[1].region_level = 3;
  Facts f = Firm("small", {});
  EXPECT_TRUE(Eligible(r, f));
  f.industry_code = "5121";
  f.industry_section = "F";
  EXPECT_TRUE(Eligible(r, f));  // division 51
  f.industry_code = "5211";
  EXPECT_FALSE(Eligible(r, f));
  f = Firm("small", {});
  f.county_code = "220203";
  EXPECT_FALSE(Eligible(r, f));
  f = Firm("small", {});
  f.work_status = "suspended";
  EXPECT_FALSE(Eligible(r, f));
  Rule outside = Parse(R"({"conditions":[{"field":"region","op":"not_within","value":"220202"}]})");
  outside.conditions[0].region_level = 3;
  EXPECT_FALSE(Eligible(outside, Firm("small", {})));
}

TEST(PolicyRules, RoundTrip) {
  Rule r = Parse(R"({"combine":"any","conditions":[{"field":"employees","op":"lt","value":100}]})");
  auto j = RuleToJson(r);
  EXPECT_EQ(j.at("combine").as_string(), "any");
  EXPECT_EQ(j.at("conditions").as_array().size(), 1u);
  EXPECT_TRUE(ParseRule(j).ok());
}

}  // namespace
}  // namespace fugong::policy
