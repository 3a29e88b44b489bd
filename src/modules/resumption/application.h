// Resumption applications (复工申报 → 审核 → 验收 → 批准, SPEC §3.2): plain
// structs, the vocabulary of states, routes and checklist items, and the pure
// rules every layer shares — route choice (负面清单 → 承诺即复工 or the
// standard route), the review plan, the state machine, the one-shot
// deficiency list (一次性告知) and the upload type check. No I/O here, so the
// rules are unit-tested without a database.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_util.h"
#include "core/status.h"
#include "modules/enterprise/enterprise.h"
#include "system/principal.h"
#include "system/reference.h"

namespace fugong::resumption {

// States, in workflow order: 草稿, 已提交, 审核中, 待验收, 已批准, 已退回, 已撤回.
inline constexpr std::string_view kStates[] = {
    "draft", "submitted", "in_review", "acceptance_pending", "approved", "rejected", "withdrawn"};
inline constexpr std::string_view kStatesZh[] = {"草稿",   "已提交", "审核中", "待验收",
                                                 "已批准", "已退回", "已撤回"};
// States in which the enterprise still works on, or waits for, the
// application: at most one open application per enterprise.
inline constexpr std::string_view kOpenStates[] = {"draft", "submitted", "in_review",
                                                   "acceptance_pending", "rejected"};
// States that count as a planned resumption (forecasts).
inline constexpr std::string_view kPlannedStates[] = {"submitted", "in_review",
                                                      "acceptance_pending", "approved"};

// 承诺即复工 (approved on a signed commitment, inspected afterwards) or the
// standard route (department review, then on-site acceptance).
inline constexpr std::string_view kRouteCommitment = "commitment";
inline constexpr std::string_view kRouteStandard = "standard";

// Prevention checklist items (防控措施), in display order; acceptance checks
// the same items. four_measures = 扫码 + 登记 + 测温 + 戴口罩.
inline constexpr std::string_view kChecklistItems[] = {
    "isolation_room",    "thermometers",         "masks_in_stock",   "masks_days_of_supply",
    "disinfection_plan", "disinfection_records", "staggered_dining", "leader_on_duty",
    "emergency_plan",    "four_measures"};
inline constexpr std::string_view kChecklistItemsZh[] = {
    "隔离室",   "体温计",   "口罩库存", "口罩可用天数", "消毒方案",
    "消毒记录", "错峰分餐", "领导带班", "应急预案",     "扫码登记测温戴口罩"};
// Items a deficiency may name besides the checklist.
inline constexpr std::string_view kOtherDeficiencyItems[] = {"attachments", "staff", "commitment",
                                                             "other"};

// Acceptance modes and evidence kinds.
inline constexpr std::string_view kAcceptanceModes[] = {"on_site", "video"};
inline constexpr std::string_view kAttachmentKinds[] = {"order", "contract", "other"};

// Uploads: at most 10 MiB, PDF, PNG, JPEG, XLSX or DOCX by their content.
inline constexpr size_t kMaxAttachmentBytes = size_t(10) << 20;
inline constexpr int kMaxAttachmentsPerApplication = 20;

struct FourMeasures {
  bool scan_code = false;          // 扫码
  bool registration = false;       // 登记
  bool temperature_check = false;  // 测温
  bool mask_wearing = false;       // 戴口罩
  bool All() const { return scan_code && registration && temperature_check && mask_wearing; }
};

struct Checklist {
  bool isolation_room = false;
  int64_t thermometers = 0;
  int64_t masks_in_stock = 0;
  int64_t masks_days_of_supply = 0;
  bool disinfection_plan = false;
  bool disinfection_records = false;
  bool staggered_dining = false;  // 错峰分餐
  bool leader_on_duty = false;    // 领导带班
  bool emergency_plan = false;    // 应急预案
  FourMeasures four_measures;
};

struct Commitment {
  std::string signer;
  bool accepted = false;
  std::string signed_at;  // stamped by the server when accepted
};

// What the enterprise fills in (drafts and corrections).
struct ApplicationContent {
  std::string planned_date;  // YYYY-MM-DD; "" while drafting
  int64_t staff_total = 0;
  int64_t staff_local = 0;
  int64_t staff_out_of_province = 0;
  int64_t staff_from_risk_regions = 0;
  Checklist checklist;
  std::string essential_category;  // "" or one of enterprise::kEssential
  Commitment commitment;
};

struct Application {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string uscc;             // read only (joined)
  std::string enterprise_name;  // read only (joined)
  std::string region_code;      // the enterprise's region when last saved
  std::string region_name;      // read only (joined)
  std::string province_code, city_code, county_code, town_code;
  std::string industry_section;
  std::string state = "draft";
  std::string route;                       // "" until submitted
  std::vector<std::string> route_reasons;  // negative-list matches ("industry:H", "flag:mall")
  std::string department;                  // reviewing department ("" = any)
  std::vector<int> review_levels;          // region levels, bottom-up, skipped ones removed
  int review_step = 0;                     // index into review_levels
  int review_level = 0;                    // level awaiting review; 0 when none
  std::string review_region_code;          // region at review_level; "" when none
  ApplicationContent content;
  std::string approved_date;
  bool inspection_due = false;  // commitment route: on-site inspection still to do
  std::string submitted_at;
  std::string decided_at;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Deficiency {
  std::string item;
  std::string reason;
};

struct Transition {
  int64_t id = 0;
  std::string from;
  std::string to;
  std::optional<int64_t> actor_id;  // empty for the system (commitment approval)
  std::string actor_name;
  std::string at;
  std::string comment;
  std::vector<Deficiency> deficiencies;
  int review_level = 0;  // the level that decided, for review transitions
};

struct Attachment {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string kind;  // order | contract | other
  std::string filename;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;   // hex
  std::string content;  // only when downloading
  std::string created_at;
  std::string created_by_name;
};

struct Acceptance {
  int64_t id = 0;
  std::string mode;                       // on_site | video
  std::string result;                     // pass | fail
  std::map<std::string, bool> checklist;  // item -> passed
  std::vector<std::string> findings;
  std::string comment;
  std::optional<int64_t> inspector_id;
  std::string inspector_name;
  std::string at;
};

struct ReviewDecision {
  std::string decision;  // approve | return
  std::string comment;
  std::vector<Deficiency> deficiencies;  // required (non-empty) to return
};

struct AcceptanceInput {
  std::string result;  // pass | fail
  std::string mode;    // on_site | video
  std::map<std::string, bool> checklist;
  std::vector<std::string> findings;
  std::string comment;
};

// For the statistics module (forecasts): an application that plans a resumption.
struct PlannedResumption {
  int64_t enterprise_id = 0;
  std::string planned_date;
  std::string state;
  std::string approved_date;  // "" unless approved
};

// Who looks: the data scope, narrowed for a reviewer to their department's
// applications (SPEC §1: reviewers see their region subtree, their sectors).
struct Viewer {
  system::Scope scope;
  std::string department;  // non-empty: only this department (and unrouted ones)
};

struct ApplicationFilter {
  std::string state;
  std::string region_code;              // subtree
  int region_level = 0;                 // set by the service
  std::optional<int64_t> mine_user_id;  // created or acted on by this user
  bool inspection_due = false;
  // queue=1: only what the caller can act on now; the service fills the parts.
  bool queue = false;
  std::optional<int64_t> queue_enterprise_id;  // own drafts and returned ones
  bool queue_all_reviews = false;              // admin: every review
  int queue_review_level = 0;                  // reviewer: level and region...
  std::string queue_review_region;
  std::string queue_review_department;  // ...and department ("" = any)
  bool queue_acceptance = false;        // inspector: acceptance pending in scope
};

// ---------------------------------------------------------------------------
// Pure rules.

bool IsState(std::string_view s);
std::string_view StateZh(std::string_view state);
bool IsOpenState(std::string_view s);
bool IsChecklistItem(std::string_view s);
std::string_view ChecklistItemZh(std::string_view item);

// The state machine: every (from, to) pair a transition may take.
bool CanTransition(std::string_view from, std::string_view to);
// Content may be edited, and attachments added or removed, in these states.
bool IsEditable(std::string_view state);
// The enterprise may withdraw (before a final decision).
bool CanWithdraw(std::string_view state);
// 409 invalid_transition naming the state, with zh and en messages.
Status InvalidTransition(std::string_view state, std::string_view action_zh,
                         std::string_view action_en);

// The negative list (负面清单) as configured: industries are section letters
// or division codes; flags are enterprise flag names or "essential".
struct NegativeList {
  std::vector<std::string> industries;
  std::vector<std::string> flags;
};
NegativeList ParseNegativeList(const json::value& v);

struct RouteChoice {
  std::string route;                 // commitment | standard
  std::vector<std::string> reasons;  // what matched the negative list
};
// Commitment unless the enterprise (or the 保供 category the application
// declares) matches an entry of the negative list.
RouteChoice ChooseRoute(const enterprise::Enterprise& e, const std::string& declared_essential,
                        const NegativeList& list);

// The review levels that apply to an enterprise's region: the configured
// levels (bottom-up) minus those its region lacks (a county-level enterprise
// skips the town level). When none remain, its own region's level reviews.
std::vector<int> ReviewPlan(const std::vector<int>& configured, const system::Region& region);
std::vector<int> ParseReviewLevels(const json::value& v);
// The reviewing department of an industry section from the routing setting
// (section -> department, "*" as the fallback); "" when neither is set.
std::string RouteDepartment(const json::value& routing, const std::string& section);

// Validates a deficiency list of a return: non-empty, every item a checklist
// item or attachments/staff/commitment/other, every reason given (≤ 200
// characters), no pair twice, at most 50. Errors name "deficiencies".
Status ValidateDeficiencies(const std::vector<Deficiency>& list);

// Validates content the enterprise saves (drafts too): ranges and sums of the
// staff figures, the checklist counts, the date's form, the 保供 category,
// the commitment's signer. Errors name the field.
Status ValidateContent(const ApplicationContent& c);
// What a submission needs beyond ValidateContent: a planned date not before
// `today`, staff, a signed commitment, evidence for a 保供 claim. Lists every
// missing item at once; the field is the first one.
Status ValidateForSubmission(const ApplicationContent& c, const std::string& today,
                             int64_t attachment_count);

// Validates an acceptance: result and mode, every checklist item answered
// (only known items), findings required to fail, and a pass only when every
// item passed.
Status ValidateAcceptance(const AcceptanceInput& in);

// The type of an upload by its magic bytes: {"application/pdf", ".pdf"}...
// std::nullopt when it is none of PDF, PNG, JPEG, XLSX, DOCX.
struct FileType {
  std::string content_type;
  std::string extension;
};
std::optional<FileType> DetectFileType(std::string_view bytes);
// SHA-256 of `bytes` as lower-case hex (stored with every attachment).
std::string Sha256Hex(std::string_view bytes);

// JSON forms shared by routes, repository (stored JSON columns) and demo.
json::array DeficienciesJson(const std::vector<Deficiency>& list);
std::vector<Deficiency> DeficienciesFromJson(const json::value& v);
json::object ChecklistJson(const Checklist& c);

}  // namespace fugong::resumption
