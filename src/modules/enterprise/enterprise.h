// The enterprise registry (企业台账, SPEC §3.1): plain structs and the
// vocabulary of work statuses, sizes, flags and essential (保供) categories,
// with their Chinese names for imports, exports and bulletins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "system/import_report.h"
#include "system/user.h"

namespace fugong::enterprise {

// Work status ladder: 停工 → 已复工 → 已复产 → 已达产; plus 连续生产 (never
// stopped) and 停业 (closed for good, leaves every base).
inline constexpr std::string_view kStatuses[] = {
    "suspended", "work_resumed", "production_resumed", "full_capacity", "continuous", "closed"};
inline constexpr std::string_view kStatusesZh[] = {"停工",   "已复工",   "已复产",
                                                   "已达产", "连续生产", "停业"};
inline constexpr std::string_view kSizes[] = {"large", "medium", "small", "micro"};
inline constexpr std::string_view kSizesZh[] = {"大", "中", "小", "微"};
// 保供 categories: 防控必需 / 城市运行必需 / 生活保障必需.
inline constexpr std::string_view kEssential[] = {"epidemic_control", "city_operation",
                                                  "daily_necessities"};
inline constexpr std::string_view kEssentialZh[] = {"防控必需", "城市运行必需", "生活保障必需"};
// 处级 / 科级 cadres.
inline constexpr std::string_view kCadreRanks[] = {"division", "section"};
inline constexpr std::string_view kCadreRanksZh[] = {"处级", "科级"};

struct Enterprise {
  int64_t id = 0;
  std::string uscc;
  std::string name;
  std::string legal_representative;
  std::string contact;
  std::string phone;
  std::string address;
  std::string region_code;
  std::string region_name;  // read only
  std::string industry_code;
  std::string industry_name;     // read only
  std::string industry_section;  // derived from industry_code
  std::string size = "small";
  int64_t employees = 0;
  int64_t employees_out_of_province = 0;
  double normal_output = 0;  // 万元 per day
  double normal_capacity = 0;
  std::string normal_capacity_unit;
  bool above_scale_industrial = false;  // 规上工业
  bool above_quota_trade = false;       // 限上商贸
  bool key_enterprise = false;          // 重点企业
  bool seasonal = false;                // 季节性生产
  bool continuous = false;              // 连续生产
  bool foreign_trade = false;           // 外贸
  bool small_micro = false;             // 小微
  bool converted_ppe = false;           // 转产
  bool service_industry = false;        // 服务业
  bool mall = false;                    // 商场
  bool farmers_market = false;          // 农贸市场
  std::string essential_category;       // "" or one of kEssential
  std::string work_status = "suspended";
  std::string status_date;
  std::string cadre;
  std::string cadre_rank;  // "" or one of kCadreRanks
  std::string grid;
  std::string responsible_leader;
  std::string responsible_department;
  std::string created_at;
  std::string updated_at;
};

// The boolean flags, described once for JSON, filters, imports and exports.
struct FlagInfo {
  std::string_view name;
  std::string_view zh;
  bool Enterprise::*member;
};
const std::vector<FlagInfo>& Flags();
const FlagInfo* FindFlag(std::string_view name);

struct StatusChange {
  std::string status;
  std::string date;
  std::string note;
  std::string created_by;
  std::string created_at;
};

struct EnterpriseFilter {
  std::string region_code;  // subtree
  int region_level = 0;     // the level of region_code (set by the service)
  std::string q;            // name contains, or USCC prefix
  std::string status;
  std::string industry;            // section letter or division code
  std::vector<std::string> flags;  // each must hold; "essential" = any 保供 category
  std::string size;
  std::string sort = "uscc";  // name | uscc | employees | status_date | updated_at
  bool descending = false;
};

using ImportError = system::ImportError;

struct ImportResult {
  int64_t imported = 0;
  int64_t updated = 0;
  int64_t rejected_rows = 0;
  std::vector<ImportError> rejected;  // every error, row by row
  std::string report_id;              // "" when nothing was rejected
};

// Index of `value` (code name or Chinese) in a vocabulary, or -1.
int VocabularyIndex(std::string_view value, const std::string_view* codes,
                    const std::string_view* zh, size_t n);
std::string_view StatusZh(std::string_view status);

}  // namespace fugong::enterprise
