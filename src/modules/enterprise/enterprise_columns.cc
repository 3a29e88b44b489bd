#include "modules/enterprise/enterprise_columns.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/clock.h"
#include "core/validation.h"

namespace fugong::enterprise {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

Status BadValue(std::string zh, std::string en) {
  return InvalidArgument("", "invalid_value", std::move(zh), std::move(en));
}

Status ParseCount(const std::string& cell, int64_t* out) {
  if (cell.empty()) {
    *out = 0;
    return Status::Ok();
  }
  // Spreadsheets may give "120.0" for a whole number.
  double d = 0;
  auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), d);
  if (ec != std::errc() || p != cell.data() + cell.size() || d != std::floor(d))
    return BadValue("应为整数：" + cell, "must be a whole number: " + cell);
  *out = int64_t(d);
  return Status::Ok();
}

Status ParseAmount(const std::string& cell, double* out) {
  if (cell.empty()) {
    *out = 0;
    return Status::Ok();
  }
  double d = 0;
  auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), d);
  if (ec != std::errc() || p != cell.data() + cell.size() || !std::isfinite(d))
    return BadValue("应为数字：" + cell, "must be a number: " + cell);
  *out = d;
  return Status::Ok();
}

// Accepts 2020-02-10, 2020/2/10, 2020.2.10 and 20200210.
std::string NormalizeDate(const std::string& cell) {
  std::string s = cell.substr(0, cell.find(' '));
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos)
    return s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2);
  for (char& c : s)
    if (c == '/' || c == '.') c = '-';
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%c", &y, &m, &d, &tail) != 3) return cell;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

template <size_t N>
Status ParseVocabulary(const std::string& cell, const std::string_view (&codes)[N],
                       const std::string_view (&zh)[N], bool allow_empty, std::string* out,
                       std::string_view what_zh, std::string_view what_en) {
  if (cell.empty() && allow_empty) {
    out->clear();
    return Status::Ok();
  }
  std::string v = Lower(cell);
  int i = VocabularyIndex(v, codes, zh, N);
  if (i < 0) {
    // Common longer forms: 大型/中型, 处级干部.
    for (size_t k = 0; k < N && i < 0; ++k)
      if (v.rfind(std::string(zh[k]), 0) == 0 && !zh[k].empty()) i = int(k);
  }
  if (i < 0) {
    std::string zh_list, en_list;
    for (size_t k = 0; k < N; ++k) {
      zh_list += (k ? "、" : "") + std::string(zh[k]);
      en_list += (k ? ", " : "") + std::string(codes[k]);
    }
    return BadValue(std::string(what_zh) + "应为 " + zh_list + "：" + cell,
                    std::string(what_en) + " must be one of " + en_list + ": " + cell);
  }
  *out = std::string(codes[i]);
  return Status::Ok();
}

std::string FormatNumber(double d) {
  char buf[32];
  if (d == std::floor(d) && std::fabs(d) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", d);
  } else {
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, d);
    *p = '\0';
  }
  return buf;
}

}  // namespace

const std::vector<Column>& Columns() {
  static const std::vector<Column> columns = {
      {"uscc", "统一社会信用代码", true, true},
      {"name", "企业名称", true, true},
      {"region_code", "所属区划代码", true, true},
      {"industry_code", "行业代码", true, true},
      {"size", "规模", false, true},
      {"employees", "职工总数", false, true},
      {"employees_out_of_province", "外省职工数", false, true},
      {"normal_output", "正常日产值万元", false, true},
      {"above_scale_industrial", "规上工业", false, true},
      {"above_quota_trade", "限上商贸", false, true},
      {"key_enterprise", "重点企业", false, true},
      {"essential_category", "保供类别", false, true},
      {"seasonal", "季节性生产", false, true},
      {"continuous", "连续生产", false, true},
      {"work_status", "复工状态", false, true},
      {"status_date", "状态日期", false, true},
      {"cadre", "包保干部", false, true},
      {"contact", "联系人", false, true},
      {"phone", "联系电话", false, true},
      // Optional columns beyond the template.
      {"legal_representative", "法定代表人", false, true},
      {"address", "地址", false, true},
      {"cadre_rank", "包保干部级别", false, true},
      {"grid", "网格", false, true},
      {"responsible_leader", "包保领导", false, true},
      {"responsible_department", "行业主管部门", false, true},
      {"foreign_trade", "外贸", false, true},
      {"small_micro", "小微", false, true},
      {"converted_ppe", "转产", false, true},
      {"service_industry", "服务业", false, true},
      {"mall", "商场", false, true},
      {"farmers_market", "农贸市场", false, true},
      {"normal_capacity", "正常日产能", false, true},
      {"normal_capacity_unit", "产能单位", false, true},
      // Export only: names beside the codes, for people reading the sheet.
      {"region_name", "所属区划", false, false},
      {"industry_name", "行业名称", false, false},
  };
  return columns;
}

const Column* FindColumn(std::string_view header) {
  std::string h = Trim(header);
  std::string lower = Lower(h);
  for (const auto& c : Columns())
    if (h == c.zh || lower == c.key) return &c;
  return nullptr;
}

bool ParseFlag(std::string_view text, bool* out) {
  std::string v = Lower(Trim(text));
  if (v.empty() || v == "否" || v == "n" || v == "no" || v == "0" || v == "false") {
    *out = false;
    return true;
  }
  if (v == "是" || v == "y" || v == "yes" || v == "1" || v == "true") {
    *out = true;
    return true;
  }
  return false;
}

bool IsNumeric(const Column& c) {
  return c.key == "employees" || c.key == "employees_out_of_province" || c.key == "normal_output" ||
         c.key == "normal_capacity";
}

Status SetFromCell(Enterprise& e, const Column& column, const std::string& raw) {
  std::string cell = Trim(raw);
  std::string_view k = column.key;
  if (const FlagInfo* flag = FindFlag(k)) {
    if (!ParseFlag(cell, &(e.*(flag->member))))
      return BadValue("应为 是/否、Y/N、1/0 或 true/false：" + cell,
                      "must be 是/否, Y/N, 1/0 or true/false: " + cell);
    return Status::Ok();
  }
  if (k == "uscc")
    e.uscc = NormalizeUscc(cell);
  else if (k == "name")
    e.name = cell;
  else if (k == "region_code")
    e.region_code = cell;
  else if (k == "industry_code")
    e.industry_code = cell;
  else if (k == "size")
    return ParseVocabulary(cell, kSizes, kSizesZh, false, &e.size, "规模", "size");
  else if (k == "employees")
    return ParseCount(cell, &e.employees);
  else if (k == "employees_out_of_province")
    return ParseCount(cell, &e.employees_out_of_province);
  else if (k == "normal_output")
    return ParseAmount(cell, &e.normal_output);
  else if (k == "normal_capacity")
    return ParseAmount(cell, &e.normal_capacity);
  else if (k == "normal_capacity_unit")
    e.normal_capacity_unit = cell;
  else if (k == "essential_category") {
    bool no = false;
    if (ParseFlag(cell, &no) && !no) {  // 否 / empty: not essential
      e.essential_category.clear();
      return Status::Ok();
    }
    return ParseVocabulary(cell, kEssential, kEssentialZh, true, &e.essential_category, "保供类别",
                           "essential_category");
  } else if (k == "work_status")
    return ParseVocabulary(cell, kStatuses, kStatusesZh, true, &e.work_status, "复工状态",
                           "work_status");
  else if (k == "status_date")
    e.status_date = cell.empty() ? "" : NormalizeDate(cell);
  else if (k == "cadre")
    e.cadre = cell;
  else if (k == "cadre_rank")
    return ParseVocabulary(cell, kCadreRanks, kCadreRanksZh, true, &e.cadre_rank, "包保干部级别",
                           "cadre_rank");
  else if (k == "contact")
    e.contact = cell;
  else if (k == "phone")
    e.phone = cell;
  else if (k == "legal_representative")
    e.legal_representative = cell;
  else if (k == "address")
    e.address = cell;
  else if (k == "grid")
    e.grid = cell;
  else if (k == "responsible_leader")
    e.responsible_leader = cell;
  else if (k == "responsible_department")
    e.responsible_department = cell;
  return Status::Ok();
}

std::string CellText(const Enterprise& e, const Column& column) {
  std::string_view k = column.key;
  if (const FlagInfo* flag = FindFlag(k)) return (e.*(flag->member)) ? "是" : "否";
  auto zh_of = [](const std::string& v, const auto& codes, const auto& zh) -> std::string {
    int i = VocabularyIndex(v, codes, zh, std::size(codes));
    return i < 0 ? v : std::string(zh[i]);
  };
  if (k == "uscc") return e.uscc;
  if (k == "name") return e.name;
  if (k == "region_code") return e.region_code;
  if (k == "region_name") return e.region_name;
  if (k == "industry_code") return e.industry_code;
  if (k == "industry_name") return e.industry_name;
  if (k == "size") return zh_of(e.size, kSizes, kSizesZh);
  if (k == "employees") return std::to_string(e.employees);
  if (k == "employees_out_of_province") return std::to_string(e.employees_out_of_province);
  if (k == "normal_output") return FormatNumber(e.normal_output);
  if (k == "normal_capacity") return FormatNumber(e.normal_capacity);
  if (k == "normal_capacity_unit") return e.normal_capacity_unit;
  if (k == "essential_category") return zh_of(e.essential_category, kEssential, kEssentialZh);
  if (k == "work_status") return zh_of(e.work_status, kStatuses, kStatusesZh);
  if (k == "status_date") return e.status_date;
  if (k == "cadre") return e.cadre;
  if (k == "cadre_rank") return zh_of(e.cadre_rank, kCadreRanks, kCadreRanksZh);
  if (k == "contact") return e.contact;
  if (k == "phone") return e.phone;
  if (k == "legal_representative") return e.legal_representative;
  if (k == "address") return e.address;
  if (k == "grid") return e.grid;
  if (k == "responsible_leader") return e.responsible_leader;
  if (k == "responsible_department") return e.responsible_department;
  return "";
}

}  // namespace fugong::enterprise
