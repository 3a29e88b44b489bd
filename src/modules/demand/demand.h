// Demands (诉求台账, SPEC §3.6): a problem an enterprise needs solved, its
// history, attachments, SLA clocks (sla.h) and the assessment figures
// (反馈考核). Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/demand/sla.h"

namespace fugong::demand {

// land and infrastructure are the key projects' problems (SPEC §3.16: 手续办理 →
// approvals, 用地 → land, 水电气 → utilities, 基础设施配套 → infrastructure,
// 原材料 → raw_materials, 用工 → labour).
inline constexpr std::string_view kCategories[] = {
    "raw_materials", "logistics", "funding", "labour", "ppe",           "utilities",
    "approvals",     "policy",    "other",   "land",   "infrastructure"};
inline constexpr std::string_view kSources[] = {"enterprise", "cadre", "hotline", "inspection"};
inline constexpr std::string_view kStates[] = {"new", "accepted", "in_progress", "resolved",
                                               "rated"};
inline constexpr size_t kMaxAttachmentBytes = size_t(10) << 20;
inline constexpr int64_t kMaxAttachmentsPerDemand = 20;

struct Demand {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;  // read only
  std::string region_code, province_code, city_code, county_code, town_code;
  std::string category, source;
  std::optional<int64_t> finding_id;
  std::optional<int64_t> project_id;  // a key project of the enterprise (owner or contractor)
  std::string title, description, contact_name, contact_phone;
  std::string state;
  std::optional<int64_t> cadre_id;
  std::string cadre_name;  // read only
  std::optional<int64_t> assignee_id;
  std::string assignee_name;  // read only
  std::string department;
  int level = 0;
  std::string first_response_at, resolved_at, resolution;
  std::optional<int> rating;
  std::string rating_comment;
  int reopen_count = 0;
  int64_t version = 1;
  std::string created_at, created_by_name, updated_at;
};

struct NewDemand {
  std::string uscc;  // required for government callers; enterprises raise their own
  std::string category, source, title, description, contact_name, contact_phone;
  std::optional<int64_t> finding_id;
  std::optional<int64_t> project_id;
};

struct Event {
  int64_t id = 0;
  int64_t demand_id = 0;
  std::string kind, from_state, to_state;
  std::optional<int64_t> actor_id;
  std::string actor_name;
  bool handler = false;  // a government handler's action
  std::optional<int64_t> assignee_id;
  std::string assignee_name;  // read only
  std::string department;
  int level = 0;
  std::optional<int> rating;
  std::string note, at;
};

struct Attachment {
  int64_t id = 0;
  int64_t demand_id = 0;
  std::string filename, content_type, sha256, created_at, created_by_name;
  int64_t size = 0;
  std::string content;  // only when asked for
};

// A demand with its clocks, as lists and pages show it.
struct DemandView {
  Demand demand;
  Clocks clocks;
};

struct DemandDetail {
  DemandView view;
  std::vector<Event> events;
  std::vector<Attachment> attachments;
  bool can_handle = false;  // the caller may act on it
  bool can_rate = false;
};

struct DemandFilter {
  std::string state;  // one state, or "open" (not rated), or ""
  std::string category;
  std::string source;
  std::string region_code;  // subtree, within the scope
  int region_level = 0;
  std::string q;         // title / enterprise name
  std::string from, to;  // created between these dates (inclusive)
  bool mine = false;     // what the caller can act on
  std::string clock;     // overdue | due_soon
  std::optional<int64_t> cadre_id;
  std::string department;
  bool by_department = false;  // department filter in force (even "")
};

// One row of the assessment (反馈考核).
struct Ratio {
  int64_t num = 0, den = 0;
};
struct AssessmentRow {
  std::string key;    // department name, or cadre user id as text
  std::string label;  // department, or the cadre's name
  int64_t count = 0;
  Ratio first_response;  // on time / decided
  Ratio resolution;      // on time / decided
  int64_t ratings = 0;
  double rating_sum = 0;
  Ratio reopen;  // demands reopened / demands rated at least once
  int64_t open = 0, overdue = 0;
};

// Demands behind a figure of the assessment.
inline constexpr std::string_view kFigures[] = {"all",
                                                "first_response_on_time",
                                                "first_response_late",
                                                "resolution_on_time",
                                                "resolution_late",
                                                "rated",
                                                "reopened",
                                                "open",
                                                "overdue"};

}  // namespace fugong::demand
