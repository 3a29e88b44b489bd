// Effective settings for a region (nearest override on the path to the root,
// then the global override, then the built-in default), and their changes.
// Thread-safe.
#pragma once

#include "db/database.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings.h"

namespace fugong::system {

class SettingsService {
 public:
  SettingsService(db::Database& db, const ReferenceService& reference)
      : db_(db), reference_(reference) {}
  SettingsService(const SettingsService&) = delete;
  SettingsService& operator=(const SettingsService&) = delete;

  // `region_code` "" means the global level.
  Result<EffectiveSetting> Get(const std::string& key, const std::string& region_code) const;
  Result<std::vector<EffectiveSetting>> All(const std::string& region_code) const;
  Status Set(const std::string& key, const std::string& region_code, const json::value& value,
             const Principal& by);
  Status Reset(const std::string& key, const std::string& region_code, const Principal& by);

  // Typed shorthands with the default on any error.
  double Number(const std::string& key, const std::string& region_code) const;
  std::string Text(const std::string& key, const std::string& region_code) const;

 private:
  Status CheckRegion(const std::string& region_code, const Principal& by) const;
  db::Database& db_;
  const ReferenceService& reference_;
};

}  // namespace fugong::system
