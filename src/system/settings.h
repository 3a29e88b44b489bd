// Settings of SPEC §3.17 (fever threshold, quarantine days, report deadline,
// 达产 threshold, negative list, review levels, routing...), each with a
// default in code, overridable globally or per region; a region inherits the
// nearest setting on its path to the root.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json_util.h"

namespace fugong::system {

struct SettingDef {
  std::string key;
  std::string description_zh;
  std::string description_en;
  json::value default_value;
  // Checks a proposed value; errors name the field "value".
  Status (*validate)(const json::value& v);
};

const std::vector<SettingDef>& SettingDefs();
const SettingDef* FindSetting(std::string_view key);

struct EffectiveSetting {
  std::string key;
  json::value value;
  std::string source_region;  // "" global, "default" built-in, else the region code
};

}  // namespace fugong::system
