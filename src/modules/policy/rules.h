// Eligibility rules of policies: a whitelist of enterprise fields, each with
// its kind and the operators it takes; parsing with errors naming the
// condition (`rule.conditions[2].op`), and evaluation over one enterprise's
// facts. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json_util.h"
#include "core/status.h"
#include "modules/policy/policy.h"

namespace fugong::policy {

enum class FieldKind { kBool, kNumber, kEnum, kCode, kRegion };

struct FieldDef {
  std::string_view name, zh, en;
  FieldKind kind;
  std::vector<std::string_view> ops;
  std::vector<std::string_view> values;  // enums only
};

const std::vector<FieldDef>& Fields();
const FieldDef* FindField(std::string_view name);

// {"combine":"all"|"any","conditions":[{"field","op","value"}]} (1–20
// conditions). Errors: 400 with the field `rule`, `rule.combine`,
// `rule.conditions[i].field|op|value`; unknown field or operator name it.
// Region levels are left to the caller (the reference data).
Result<Rule> ParseRule(const json::value& v);
json::object RuleToJson(const Rule& r);

// Whether one condition / the rule holds for the enterprise. An unknown
// no_layoffs fact never satisfies a condition on it.
bool Holds(const Condition& c, const Facts& f);
bool Eligible(const Rule& r, const Facts& f);

}  // namespace fugong::policy
