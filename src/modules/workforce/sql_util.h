// SQL helpers shared by the workforce repositories (internal to the module):
// the data scope as a WHERE clause over a table's own enterprise and region
// columns, and the five region columns every enterprise-owned row carries.
#pragma once

#include <string>

#include "db/database.h"
#include "system/principal.h"
#include "system/reference.h"

namespace fugong::workforce::sql {

// " AND (<alias>.county_code = ? OR <alias>.enterprise_id = ?)" and the like;
// nothing for Scope::All, "1 = 0" for an empty scope. Column names come
// from a fixed table, values are bound.
std::string ScopeClause(const system::Scope& scope, const std::string& alias, db::Params* params);

// region_code, province_code, city_code, county_code, town_code.
inline constexpr const char* kRegionColumns =
    "region_code, province_code, city_code, county_code, town_code";
void AppendRegion(const system::Region& r, db::Params* params);

inline db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
inline db::Value OptId(std::optional<int64_t> v) { return v ? db::Int(*v) : db::Null(); }
inline db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }

// "?, ?, ?" with n marks.
std::string Marks(size_t n);

}  // namespace fugong::workforce::sql
