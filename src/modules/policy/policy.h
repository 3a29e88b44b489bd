// Policies (惠企政策, SPEC §3.13): the library (issuer, content, validity,
// region), the eligibility rule over enterprise data (rules.h), and the
// enterprises a policy was pushed to with their application and outcome.
// Plain structs; amounts in 万元.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_util.h"

namespace fugong::policy {

inline constexpr std::string_view kBenefits[] = {"refund",  "tax",      "fee_relief",
                                                 "subsidy", "interest", "other"};
inline constexpr std::string_view kOutcomes[] = {"pushed", "applied", "approved", "rejected"};

// One condition of a rule; the value is kept in the form its field takes.
struct Condition {
  std::string field, op;
  json::value value;               // as given (echoed back)
  bool flag = false;               // bool fields
  double number = 0;               // number fields
  std::vector<std::string> texts;  // enum / code fields (one or more)
  int region_level = 0;            // region: the level of texts[0] (set by the service)
};

struct Rule {
  std::string combine = "all";  // all | any
  std::vector<Condition> conditions;
};

// What a rule reads of one enterprise (see docs/api/policy.md).
struct Facts {
  int64_t enterprise_id = 0;
  std::string uscc, name;
  std::string region_code, province_code, city_code, county_code, town_code;
  std::string size, industry_code, industry_section, essential_category, work_status;
  int64_t employees = 0;
  std::vector<std::string> flags;  // names of the flags that hold
  std::optional<bool> no_layoffs;  // unknown without reports in the window
};

struct Totals {
  int64_t pushed = 0, applied = 0, approved = 0, rejected = 0;
  double amount = 0;  // approved
};

struct Policy {
  int64_t id = 0;
  std::string title, issuer, doc_no, benefit, content, valid_from, valid_to;
  std::string region_code, region_name, province_code, city_code, county_code, town_code;
  Rule rule;
  std::string rule_json;
  std::string created_at, updated_at;
  Totals totals;  // read only
};

struct Recipient {
  int64_t id = 0;
  int64_t policy_id = 0;
  std::string policy_title, policy_issuer, policy_benefit, policy_valid_to;  // read only
  int64_t enterprise_id = 0;
  std::string uscc, name, region_code;
  std::string pushed_at, outcome, applied_at, application_note;
  std::optional<double> requested_amount, approved_amount;
  std::string outcome_note, decided_at;
};

struct PolicyFilter {
  std::string q, region_code;
  bool valid_only = false;  // valid today
};

struct EligibleRow {
  Facts facts;
  std::string outcome;  // "" when not pushed yet
};

}  // namespace fugong::policy
