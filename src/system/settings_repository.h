// SQL for settings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace fugong::system {

class SettingsRepository {
 public:
  // (region_code, value) rows of `key` for the given regions.
  static Result<std::vector<std::pair<std::string, std::string>>> Find(
      db::Connection& c, const std::string& key, const std::vector<std::string>& regions);
  static Status Upsert(db::Connection& c, const std::string& region, const std::string& key,
                       const std::string& value, std::optional<int64_t> by);
  static Status Delete(db::Connection& c, const std::string& region, const std::string& key);
};

}  // namespace fugong::system
