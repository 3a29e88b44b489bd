#include "system/scope_sql.h"

namespace fugong::system {

std::string ScopeClause(const Scope& scope, std::string_view alias,
                        std::string_view enterprise_column, db::Params* params) {
  if (scope.all) return "";
  static const char* kLevelColumn[] = {"", "province_code", "city_code", "county_code",
                                       "town_code"};
  std::string clause;
  if (!scope.region_code.empty() && scope.region_level >= 1 && scope.region_level <= 4) {
    clause = std::string(alias) + "." + kLevelColumn[scope.region_level] + " = ?";
    params->push_back(db::Text(scope.region_code));
  }
  if (scope.enterprise_id) {
    if (!clause.empty()) clause += " OR ";
    clause += std::string(enterprise_column) + " = ?";
    params->push_back(db::Int(*scope.enterprise_id));
  }
  if (clause.empty()) clause = "1 = 0";
  return " AND (" + clause + ")";
}

}  // namespace fugong::system
