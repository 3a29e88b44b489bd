// Gate check-in (扫码登记 + 测温, SPEC §3.3): sites (gates), the entry log
// and alerts. Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "system/reference.h"

namespace fugong::workforce {

struct Site {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc;  // read only
  std::string name;
  std::string region_code;
  bool active = true;
  std::string created_at;
};

struct Visitor {
  std::string name;
  std::string phone;
  std::string id_number;  // optional
  std::string host;       // whom they visit
  std::string reason;
};

// One gate decision as stored. Visitor personal data arrives sealed.
struct EntryRecord {
  int64_t enterprise_id = 0;
  system::Region region;  // the enterprise's (site's) region
  int64_t site_id = 0;
  std::string day;
  std::string at;
  std::string person_kind;  // employee | visitor | unknown
  std::optional<int64_t> employee_id;
  std::string visitor_name, visitor_phone_cipher, visitor_phone_masked;
  std::string visitor_id_cipher, visitor_id_masked, visitor_host, visitor_reason;
  double temperature = 0;
  bool admit = false;
  std::vector<std::string> reasons;
  int64_t verifier_id = 0;
  // Raise an alert of this kind in the same transaction ("" for none).
  std::string alert;
  std::string person_name;  // for the alert
};

// An entry as listed (masked).
struct Entry {
  int64_t id = 0;
  int64_t site_id = 0;
  std::string day, at, person_kind;
  std::optional<int64_t> employee_id;
  std::string name;  // employee's or visitor's
  std::string department;
  std::string visitor_phone_masked, visitor_id_masked, visitor_host, visitor_reason;
  double temperature = 0;
  std::string decision;
  std::vector<std::string> reasons;
};

struct Alert {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;
  std::string region_code;
  std::optional<int64_t> site_id;
  std::string site_name;
  std::optional<int64_t> employee_id;
  std::string person_name;
  std::string kind;  // fever | quarantine | medical_observation | declared_fever
  std::vector<std::string> reasons;
  std::optional<double> temperature;
  std::string at;
  bool acknowledged = false;
  std::string acknowledged_by, acknowledged_at, note;
};

// A site's day at the gate (the verifier's counter).
struct SiteSummary {
  std::string day;
  int64_t admitted = 0, denied = 0;     // decisions
  int64_t employees = 0, visitors = 0;  // entries by kind
};

// What a site's poster shows; `code` authorises self check-in at the site.
struct SitePoster {
  Site site;
  std::string enterprise_name;
  std::string code;
};

struct AlertFilter {
  bool open_only = false;
  std::string kind;
  std::string region_code;  // subtree
  int region_level = 0;
  std::string from, to;  // dates
};

}  // namespace fugong::workforce
