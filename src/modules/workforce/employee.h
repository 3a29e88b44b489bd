// The employee roster (员工名册, SPEC §3.3): plain structs. An Employee as the
// service hands it out never holds the ID number or phone in clear: only
// their masked forms. The clear values exist only in NewEmployee (input) and
// PersonalData (the audited full read).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fugong::workforce {

struct Employee {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc;  // read only
  std::string enterprise_name;  // read only
  std::string region_code;      // the enterprise's region
  std::string name;
  std::string id_masked;     // 2201**********123X
  std::string phone_masked;  // 139****9810
  std::string department;
  std::string home_address;
  std::string home_region_code;
  bool out_of_province = false;  // 外省 (from outside the enterprise's province)
  std::string shift;
  bool active = true;
  std::optional<int64_t> user_id;  // the linked account (role employee), if any
  std::string created_at;
  std::string updated_at;
};

// Input of a new roster entry (or an import row).
struct NewEmployee {
  std::string name;
  std::string id_number;
  std::string phone;
  std::string department;
  std::string home_address;
  std::string home_region_code;
  // Unset: derived from home_region_code (another province than the
  // enterprise's), else false.
  std::optional<bool> out_of_province;
  std::string shift;
};

// The full ID number and phone of one employee (audited read).
struct PersonalData {
  std::string id_number;
  std::string phone;
};

struct EmployeeFilter {
  std::string q;           // name contains
  std::string department;  // exact
  std::string id_number;   // exact, found through the keyed hash
  bool include_inactive = false;
};

// Masks an ID number to its first 4 and last 4 characters (2201**********123X)
// and a phone to 3 + 4 (139****9810). Short input is masked entirely.
std::string MaskIdNumber(const std::string& id);
std::string MaskPhone(const std::string& phone);

}  // namespace fugong::workforce
