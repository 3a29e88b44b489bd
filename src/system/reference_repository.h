// SQL for regions and industries. Thread-compatible: one call per connection.
#pragma once

#include <optional>
#include <vector>

#include "db/database.h"
#include "system/reference.h"

namespace fugong::system {

class ReferenceRepository {
 public:
  static Result<int64_t> CountRegions(db::Connection& c);
  static Status InsertRegion(db::Connection& c, const Region& r, std::optional<int64_t> created_by);
  static Result<std::optional<Region>> FindRegion(db::Connection& c, const std::string& code);
  static Result<std::vector<Region>> Children(db::Connection& c, const std::string& parent_code);
  static Result<std::vector<Region>> ByLevel(db::Connection& c, int level);
  // Every region (for the in-memory cache at start).
  static Result<std::vector<Region>> AllRegions(db::Connection& c);

  static Result<int64_t> CountIndustries(db::Connection& c);
  static Status InsertIndustry(db::Connection& c, const Industry& i);
  static Result<std::vector<Industry>> AllIndustries(db::Connection& c);
};

}  // namespace fugong::system
