// Data versions: a counter per kind of data ("registry", "settings"), bumped
// inside every writing transaction, so an in-memory cache in any server
// process notices a write with one cheap read.
#pragma once

#include <string>

#include "db/database.h"

namespace fugong::db {

Status BumpVersion(Connection& c, const std::string& name);
Result<int64_t> ReadVersion(Connection& c, const std::string& name);

}  // namespace fugong::db
