// Transport permits (通行证, SPEC §3.9): the four types, an application from
// plate to cargo, the transport department's review, the issued permit with
// its Ed25519-signed QR token, verification, expiry and revocation, counts.
// Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fugong::permit {

// emergency_supplies 应急物资运输车 · production_materials 重点生产物资运输车 ·
// commute_vehicle 员工通勤车 · personal 员工个人通行证.
inline constexpr const char* kTypes[] = {"emergency_supplies", "production_materials",
                                         "commute_vehicle", "personal"};
inline constexpr const char* kStates[] = {"pending", "issued", "refused", "revoked"};

struct Permit {
  int64_t id = 0;
  std::string permit_no;  // "" until issued
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name, region_code;
  std::string type, plate;
  std::string holder_name;  // shown to the enterprise and the department
  std::string holder_masked, id_masked, phone_masked;
  std::string origin, destination, route, cargo;
  std::string valid_from, valid_to;  // YYYY-MM-DD
  std::string state;                 // pending | issued | refused | revoked
  bool expired = false;              // issued and valid_to < today (derived)
  std::string token;                 // signed QR payload (issued, revoked)
  std::string review_comment, reviewed_at, revoke_reason, revoked_at;
  std::string created_at;
};

struct NewPermit {
  std::string uscc;  // the applicant (an enterprise user's own when empty)
  std::string type, plate, holder_name, id_number, phone;
  std::string origin, destination, route, cargo;
  std::string valid_from, valid_to;
};

struct PermitFilter {
  std::string state;  // "" any; "expired" = issued and valid_to < today; "active"
  std::string type;
  std::string region;  // a region code inside the caller's scope
  std::string q;       // permit number, plate or enterprise name
};

// What a QR token says (signed fields).
struct Payload {
  std::string permit_no, type, plate, holder, route, valid_from, valid_to, enterprise;
};

// The answer of a verification. result: valid | expired | not_yet_valid |
// tampered | malformed | revoked (online only) | unknown (online: no such permit).
struct Verification {
  std::string result;
  std::optional<Payload> payload;  // when the signature holds
};

// Counts of one type over a period.
struct TypeCount {
  std::string type;
  int64_t applied = 0, issued = 0, refused = 0, revoked = 0;
  int64_t in_force = 0;  // issued, not revoked, valid on the period's last day
  int64_t pending = 0;   // waiting for review now
};

}  // namespace fugong::permit
