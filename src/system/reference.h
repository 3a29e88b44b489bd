// Reference data: administrative divisions (GB/T 2260, to town level, plus
// custom units such as development zones) and industries (GB/T 4754-2017).
#pragma once

#include <string>

namespace fugong::system {

struct Region {
  std::string code;
  std::string name;
  int level = 0;  // 1 province, 2 city, 3 county/district, 4 town/street
  std::string parent_code;
  std::string province_code, city_code, county_code, town_code;
  bool custom = false;
  bool has_children = false;  // filled by listings only

  // The code of this region's ancestor (or itself) at `lvl`, "" when none.
  const std::string& CodeAtLevel(int lvl) const;
};

struct Industry {
  std::string code;  // "C" or "13"
  std::string name;
  std::string name_en;
  std::string level;   // section | division
  std::string parent;  // section letter for divisions
};

}  // namespace fugong::system
