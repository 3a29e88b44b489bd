#include "modules/policy/rules.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>

namespace fugong::policy {
namespace {

Status Bad(const std::string& field, const std::string& code, const std::string& zh,
           const std::string& en) {
  return InvalidArgument(field, code, zh, en);
}

std::string Join(const std::vector<std::string_view>& v) {
  std::string s;
  for (auto x : v) s += (s.empty() ? "" : ", ") + std::string(x);
  return s;
}

bool In(const std::vector<std::string_view>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool IndustryCode(const std::string& s) {
  if (s.size() == 1) return s[0] >= 'A' && s[0] <= 'T';
  return s.size() == 2 && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1]));
}

bool RegionCode(const std::string& s) {
  return !s.empty() && s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  });
}

const std::string& CodeAt(const Facts& f, int level) {
  static const std::string none;
  switch (level) {
    case 1:
      return f.province_code;
    case 2:
      return f.city_code;
    case 3:
      return f.county_code;
    case 4:
      return f.town_code;
    default:
      return none;
  }
}

bool MatchIndustry(const Facts& f, const std::string& code) {
  if (code.size() == 1) return f.industry_section == code;
  return f.industry_code.substr(0, 2) == code;
}

bool AnyOf(const Condition& c, const std::function<bool(const std::string&)>& match) {
  return std::any_of(c.texts.begin(), c.texts.end(), match);
}

}  // namespace

const std::vector<FieldDef>& Fields() {
  static const std::vector<FieldDef> defs = [] {
    std::vector<std::string_view> set_ops = {"eq", "ne", "in", "not_in"};
    std::vector<std::string_view> bool_ops = {"is"};
    std::vector<FieldDef> d = {
        {"size",
         "规模（大/中/小/微）",
         "size class",
         FieldKind::kEnum,
         set_ops,
         {"large", "medium", "small", "micro"}},
        {"small_micro",
         "小微企业",
         "small or micro enterprise flag",
         FieldKind::kBool,
         bool_ops,
         {}},
        {"above_scale_industrial",
         "规上工业",
         "above-scale industrial",
         FieldKind::kBool,
         bool_ops,
         {}},
        {"above_quota_trade", "限上商贸", "above-quota trade", FieldKind::kBool, bool_ops, {}},
        {"key_enterprise", "重点企业", "key enterprise", FieldKind::kBool, bool_ops, {}},
        {"essential",
         "保供企业（任一保供类别）",
         "on the 保供 list (any category)",
         FieldKind::kBool,
         bool_ops,
         {}},
        {"essential_category",
         "保供类别",
         "保供 category",
         FieldKind::kEnum,
         set_ops,
         {"epidemic_control", "city_operation", "daily_necessities"}},
        {"foreign_trade", "外贸企业", "foreign trade", FieldKind::kBool, bool_ops, {}},
        {"converted_ppe", "转产防疫物资", "converted to PPE", FieldKind::kBool, bool_ops, {}},
        {"service_industry", "服务业", "service industry", FieldKind::kBool, bool_ops, {}},
        {"seasonal", "季节性生产", "seasonal", FieldKind::kBool, bool_ops, {}},
        {"continuous", "连续生产", "continuous production", FieldKind::kBool, bool_ops, {}},
        {"industry",
         "行业（门类字母或两位大类代码）",
         "industry (section letter or division)",
         FieldKind::kCode,
         set_ops,
         {}},
        {"region",
         "所属区划（含下级）",
         "region subtree",
         FieldKind::kRegion,
         {"within", "not_within"},
         {}},
        {"employees",
         "职工总数",
         "employees total",
         FieldKind::kNumber,
         {"eq", "ne", "gt", "ge", "lt", "le"},
         {}},
        {"work_status",
         "复工状态",
         "work status",
         FieldKind::kEnum,
         set_ops,
         {"suspended", "work_resumed", "production_resumed", "full_capacity", "continuous",
          "closed"}},
        {"no_layoffs",
         "未裁员（窗口期内返岗人数不减少）",
         "no lay-offs (returned staff not decreasing in the window)",
         FieldKind::kBool,
         bool_ops,
         {}},
    };
    return d;
  }();
  return defs;
}

const FieldDef* FindField(std::string_view name) {
  for (const auto& f : Fields())
    if (f.name == name) return &f;
  return nullptr;
}

Result<Rule> ParseRule(const json::value& v) {
  if (!v.is_object())
    return Bad("rule", "invalid_rule", "规则 rule 应为 {combine, conditions}",
               "rule must be {combine, conditions}");
  const auto& o = v.as_object();
  for (const auto& kv : o)
    if (kv.key() != "combine" && kv.key() != "conditions")
      return Bad("rule." + std::string(kv.key()), "unknown_field",
                 "规则不认识 " + std::string(kv.key()),
                 "unknown rule member " + std::string(kv.key()));
  Rule r;
  if (auto it = o.find("combine"); it != o.end()) {
    if (!it->value().is_string() ||
        (it->value().as_string() != "all" && it->value().as_string() != "any"))
      return Bad("rule.combine", "invalid_value", "combine 应为 all（全部满足）或 any（任一满足）",
                 "combine must be all or any");
    r.combine = std::string(it->value().as_string());
  }
  auto it = o.find("conditions");
  if (it == o.end() || !it->value().is_array() || it->value().as_array().empty())
    return Bad("rule.conditions", "required", "规则至少需要一个条件 conditions",
               "the rule needs at least one condition");
  const auto& arr = it->value().as_array();
  if (arr.size() > 20)
    return Bad("rule.conditions", "too_many", "条件最多 20 个", "at most 20 conditions");
  for (size_t i = 0; i < arr.size(); ++i) {
    std::string at = "rule.conditions[" + std::to_string(i) + "]";
    if (!arr[i].is_object())
      return Bad(at, "invalid_condition", "条件应为 {field, op, value}",
                 "a condition is {field, op, value}");
    const auto& c = arr[i].as_object();
    for (const auto& kv : c)
      if (kv.key() != "field" && kv.key() != "op" && kv.key() != "value")
        return Bad(at + "." + std::string(kv.key()), "unknown_field",
                   "条件不认识 " + std::string(kv.key()),
                   "unknown condition member " + std::string(kv.key()));
    auto fit = c.find("field");
    if (fit == c.end() || !fit->value().is_string())
      return Bad(at + ".field", "required", "条件缺少字段 field", "the condition needs a field");
    std::string field(fit->value().as_string());
    const FieldDef* def = FindField(field);
    if (!def)
      return Bad(at + ".field", "unknown_rule_field", "未知的条件字段：" + field,
                 "unknown rule field: " + field);
    auto oit = c.find("op");
    if (oit == c.end() || !oit->value().is_string())
      return Bad(at + ".op", "required", "条件缺少运算符 op", "the condition needs an op");
    std::string op(oit->value().as_string());
    if (!In(def->ops, op))
      return Bad(
          at + ".op", "unknown_rule_op",
          "字段 " + field + " 不支持运算符 " + op + "（可用：" + Join(def->ops) + "）",
          "field " + field + " does not take operator " + op + " (use " + Join(def->ops) + ")");
    auto vit = c.find("value");
    if (vit == c.end())
      return Bad(at + ".value", "required", "条件缺少取值 value", "the condition needs a value");
    const json::value& val = vit->value();
    Condition cond;
    cond.field = field;
    cond.op = op;
    cond.value = val;
    std::string vfield = at + ".value";
    switch (def->kind) {
      case FieldKind::kBool:
        if (!val.is_bool())
          return Bad(vfield, "invalid_value", "取值应为 true 或 false",
                     "value must be true or false");
        cond.flag = val.as_bool();
        break;
      case FieldKind::kNumber:
        if (!val.is_number() || !std::isfinite(val.to_number<double>()) ||
            val.to_number<double>() < 0 || val.to_number<double>() > 1e7)
          return Bad(vfield, "invalid_value", "取值应为 0 到 10000000 的数字",
                     "value must be a number from 0 to 10000000");
        cond.number = val.to_number<double>();
        break;
      case FieldKind::kEnum:
      case FieldKind::kCode:
      case FieldKind::kRegion: {
        bool list = op == "in" || op == "not_in";
        if (list) {
          if (!val.is_array() || val.as_array().empty() || val.as_array().size() > 200)
            return Bad(vfield, "invalid_value", "运算符 " + op + " 的取值应为非空数组",
                       "operator " + op + " takes a non-empty array");
          for (const auto& x : val.as_array()) {
            if (!x.is_string())
              return Bad(vfield, "invalid_value", "数组元素应为字符串", "items must be strings");
            cond.texts.push_back(std::string(x.as_string()));
          }
        } else {
          if (!val.is_string())
            return Bad(vfield, "invalid_value", "取值应为字符串", "value must be a string");
          cond.texts.push_back(std::string(val.as_string()));
        }
        for (const auto& t : cond.texts) {
          bool ok = def->kind == FieldKind::kEnum   ? In(def->values, t)
                    : def->kind == FieldKind::kCode ? IndustryCode(t)
                                                    : RegionCode(t);
          if (!ok) {
            std::string allowed = def->kind == FieldKind::kEnum   ? Join(def->values)
                                  : def->kind == FieldKind::kCode ? "A–T or a two-digit division"
                                                                  : "a region code";
            return Bad(vfield, "invalid_value", "字段 " + field + " 不接受取值 " + t,
                       "field " + field + " does not take " + t + " (" + allowed + ")");
          }
        }
        break;
      }
    }
    r.conditions.push_back(std::move(cond));
  }
  return r;
}

json::object RuleToJson(const Rule& r) {
  json::array conds;
  for (const auto& c : r.conditions)
    conds.push_back(json::object{{"field", c.field}, {"op", c.op}, {"value", c.value}});
  return json::object{{"combine", r.combine}, {"conditions", std::move(conds)}};
}

bool Holds(const Condition& c, const Facts& f) {
  const FieldDef* def = FindField(c.field);
  if (!def) return false;
  if (def->kind == FieldKind::kBool) {
    bool actual = false;
    if (c.field == "no_layoffs") {
      if (!f.no_layoffs) return false;
      actual = *f.no_layoffs;
    } else if (c.field == "essential") {
      actual = !f.essential_category.empty();
    } else {
      actual = std::find(f.flags.begin(), f.flags.end(), c.field) != f.flags.end();
    }
    return actual == c.flag;
  }
  if (def->kind == FieldKind::kNumber) {
    double x = double(f.employees);
    if (c.op == "eq") return x == c.number;
    if (c.op == "ne") return x != c.number;
    if (c.op == "gt") return x > c.number;
    if (c.op == "ge") return x >= c.number;
    if (c.op == "lt") return x < c.number;
    if (c.op == "le") return x <= c.number;
    return false;
  }
  if (def->kind == FieldKind::kRegion) {
    const std::string& code = c.texts.empty() ? "" : c.texts[0];
    bool within = !code.empty() && CodeAt(f, c.region_level) == code;
    return c.op == "within" ? within : !within;
  }
  std::function<bool(const std::string&)> match;
  if (def->kind == FieldKind::kCode) {
    match = [&](const std::string& t) { return MatchIndustry(f, t); };
  } else {
    const std::string& actual = c.field == "size"                 ? f.size
                                : c.field == "essential_category" ? f.essential_category
                                                                  : f.work_status;
    match = [&actual](const std::string& t) { return actual == t; };
  }
  bool any = AnyOf(c, match);
  if (c.op == "eq" || c.op == "in") return any;
  return !any;  // ne, not_in
}

bool Eligible(const Rule& r, const Facts& f) {
  if (r.conditions.empty()) return false;
  if (r.combine == "any")
    return std::any_of(r.conditions.begin(), r.conditions.end(),
                       [&](const Condition& c) { return Holds(c, f); });
  return std::all_of(r.conditions.begin(), r.conditions.end(),
                     [&](const Condition& c) { return Holds(c, f); });
}

}  // namespace fugong::policy
