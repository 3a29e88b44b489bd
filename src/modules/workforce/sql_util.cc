#include "modules/workforce/sql_util.h"

namespace fugong::workforce::sql {

std::string ScopeClause(const system::Scope& scope, const std::string& alias, db::Params* params) {
  if (scope.all) return "";
  static const char* kLevelColumn[] = {"", "province_code", "city_code", "county_code",
                                       "town_code"};
  std::string clause;
  if (!scope.region_code.empty() && scope.region_level >= 1 && scope.region_level <= 4) {
    clause = alias + "." + kLevelColumn[scope.region_level] + " = ?";
    params->push_back(db::Text(scope.region_code));
  }
  if (scope.enterprise_id) {
    if (!clause.empty()) clause += " OR ";
    clause += alias + ".enterprise_id = ?";
    params->push_back(db::Int(*scope.enterprise_id));
  }
  if (clause.empty()) clause = "1 = 0";
  return " AND (" + clause + ")";
}

void AppendRegion(const system::Region& r, db::Params* params) {
  params->push_back(db::Text(r.code));
  params->push_back(db::Text(r.province_code));
  params->push_back(OrNull(r.city_code));
  params->push_back(OrNull(r.county_code));
  params->push_back(OrNull(r.town_code));
}

std::string Marks(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s;
}

}  // namespace fugong::workforce::sql
