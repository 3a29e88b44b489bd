// Whistle-blower tips (有奖举报, SPEC §3.14): a public form without sign-in,
// an unguessable tracking code for the anonymous reporter, assignment to a
// verifying officer, verification outcome and reward. The reporter's contact
// is sealed at rest and only the assigned officer opens it (audited).
// Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fugong::tip {

// SPEC §3.14: opening without approval, hiding staff back from outside the
// province, quarantine not kept, prevention not in place.
inline constexpr std::string_view kTypes[] = {"unapproved_opening", "hidden_returnees",
                                              "quarantine_breach", "prevention_lacking"};
inline constexpr std::string_view kOutcomes[] = {"substantiated", "unsubstantiated"};
inline constexpr size_t kMaxPhotos = 3;
inline constexpr size_t kMaxPhotoBytes = size_t(5) << 20;  // 5 MiB each
inline constexpr size_t kMaxDescriptionChars = 2000;
inline constexpr size_t kTrackingCodeLength = 12;
inline constexpr double kMaxReward = 1000000;  // yuan

struct Photo {
  int64_t id = 0;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;
  std::string content;  // only when downloading
};

struct NewTip {
  std::string type;
  std::string enterprise_name, uscc, address;
  std::string description;
  std::string region_code;  // where it happens (ignored when the USCC is in the registry)
  std::string contact_name, contact_phone;  // optional; sealed at rest
  std::vector<std::string> photos;          // bytes of JPEG or PNG images
};

// Per client address: at most `hourly` tips in an hour and `daily` in a day.
struct Limits {
  int64_t hourly = 5;
  int64_t daily = 20;
};

struct Event {
  std::string action;  // received | assigned | verified | reward
  std::string detail;
  std::string actor_name;
  std::string at;
};

struct Tip {
  int64_t id = 0;
  std::string type;
  std::optional<int64_t> enterprise_id;
  std::string enterprise_name, uscc, address, description;
  std::string region_code, region_name;
  bool has_contact = false;  // never the contact itself
  std::string state;         // received | assigned | substantiated | unsubstantiated
  std::optional<int64_t> assigned_to;
  std::string assigned_name, assigned_at, assign_note;
  std::string public_outcome, internal_note, verified_at;
  std::string reward_status;  // none | granted | paid
  double reward_amount = 0;
  std::string reward_paid_at;
  std::string created_at, updated_at;
  std::vector<Photo> photos;  // without content
  std::vector<Event> events;  // detail only
};

// What the reporter sees with the tracking code: never the contact, the
// officer or the internal note.
struct PublicStatus {
  std::string type, state, public_outcome, reward_status;
  double reward_amount = 0;
  std::string created_at, updated_at;
};

struct Contact {
  std::string name, phone;
};

struct TipFilter {
  std::string state, type;
  std::string region;  // subtree
  int region_level = 0;
  std::optional<int64_t> assigned_to;  // mine=1
};

// A user who may be assigned a tip.
struct Officer {
  int64_t id = 0;
  std::string username, display_name, region_code, department;
  bool disabled = false;
  std::vector<std::string> roles;
};

struct Submitted {
  int64_t id = 0;
  std::string tracking_code;
};

}  // namespace fugong::tip
