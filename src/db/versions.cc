#include "db/versions.h"

namespace fugong::db {

Status BumpVersion(Connection& c, const std::string& name) {
  return c.Exec(
      "INSERT INTO data_versions (name, version) VALUES (?, 1) "
      "ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1",
      {Text(name)});
}

Result<int64_t> ReadVersion(Connection& c, const std::string& name) {
  ASSIGN_OR_RETURN(auto row,
                   c.Optional("SELECT version FROM data_versions WHERE name = ?", {Text(name)}));
  return row ? row->Int(0) : 0;
}

}  // namespace fugong::db
