#include "modules/workforce/sql_util.h"

#include "system/scope_sql.h"

namespace fugong::workforce::sql {

std::string ScopeClause(const system::Scope& scope, const std::string& alias, db::Params* params) {
  return system::ScopeClause(scope, alias, alias + ".enterprise_id", params);
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
