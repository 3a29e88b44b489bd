// The caller's data scope as SQL, shared by every repository of an
// enterprise-owned table: rows carry province/city/county/town codes and the
// enterprise id, so a scope is one equality on an indexed column.
#pragma once

#include <string>
#include <string_view>

#include "db/database.h"
#include "system/principal.h"

namespace fugong::system {

// " AND (<alias>.county_code = ? OR <enterprise_column> = ?)" and the like:
// nothing for Scope::All, " AND (1 = 0)" for an empty scope. Column names come
// from a fixed table, values are bound into `params`.
std::string ScopeClause(const Scope& scope, std::string_view alias,
                        std::string_view enterprise_column, db::Params* params);

}  // namespace fugong::system
