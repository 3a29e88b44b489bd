#include "modules/stats/bulletin.h"

#include <cmath>
#include <cstdio>

namespace fugong::stats {

std::string FormatPercent(double rate) {
  double tenths = std::round(rate * 1000.0);  // percent with one decimal, as tenths
  char buf[32];
  if (std::fmod(tenths, 10.0) == 0)
    std::snprintf(buf, sizeof buf, "%.0f%%", tenths / 10.0);
  else
    std::snprintf(buf, sizeof buf, "%.1f%%", tenths / 10.0);
  return buf;
}

std::string ChineseDate(const std::string& date) {
  if (date.size() != 10) return date;
  return std::to_string(std::stoi(date.substr(5, 2))) + "月" +
         std::to_string(std::stoi(date.substr(8, 2))) + "日";
}

std::string ChineseTenDays(const std::string& date) {
  if (date.size() != 10) return date;
  int day = std::stoi(date.substr(8, 2));
  return std::to_string(std::stoi(date.substr(5, 2))) + "月" +
         (day <= 10   ? "上旬"
          : day <= 20 ? "中旬"
                      : "下旬");
}

std::string ScopeWord(const std::string& name) {
  static const char* kSuffixes[] = {"省", "市", "州", "区", "县", "旗", "盟", "镇", "乡", "街道"};
  for (const char* s : kSuffixes) {
    std::string suffix = s;
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return "全" + suffix;
  }
  return name.empty() ? "全部" : name;
}

Result<std::string> RenderTemplate(
    std::string_view body,
    const std::function<std::optional<std::string>(const std::string& name)>& lookup,
    const std::string& field) {
  std::string out;
  for (size_t i = 0; i < body.size();) {
    if (body.compare(i, 2, "{{") == 0) {
      out += '{';
      i += 2;
    } else if (body.compare(i, 2, "}}") == 0) {
      out += '}';
      i += 2;
    } else if (body[i] == '{') {
      size_t end = body.find('}', i);
      if (end == std::string_view::npos)
        return InvalidArgument(field, "bad_template", "模板中的 { 没有对应的 }",
                               "a { in the template has no closing }");
      std::string name(body.substr(i + 1, end - i - 1));
      auto value = lookup(name);
      if (!value)
        return InvalidArgument(field, "unknown_placeholder", "模板中有未知的占位符 {" + name + "}",
                               "the template has an unknown placeholder {" + name + "}");
      out += *value;
      i = end + 1;
    } else {
      out += body[i++];
    }
  }
  return out;
}

const std::string& DefaultBulletinTemplate() {
  static const std::string body =
      "截至{date_cn}，{scope}企业{enterprises}户，扣除季节性生产企业{seasonal}户后，"
      "已开工企业{work_resumed}户，复工率达到{work_resumed.pct}；已复产{production_resumed}户，"
      "未复产企业{not_production_resumed}户，复产率达到{production_resumed.pct}。"
      "其中，{key_enterprise.base}户重点企业中有{key_enterprise.production_resumed}户复产，"
      "复产率达{key_enterprise.production_resumed.pct}；规模以上工业企业"
      "{above_scale_industrial.base}户，复工率{above_scale_industrial.work_resumed.pct}。"
      "职工返岗率{staff_returned.pct}，产能恢复率{capacity_recovered.pct}。"
      "当日应报日报{reporting.expected}户，已报{reporting.received}户，报送率"
      "{reporting.completeness}。{forecast.sentence}";
  return body;
}

}  // namespace fugong::stats
