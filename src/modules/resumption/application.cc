#include "modules/resumption/application.h"

#include <sodium.h>
#include <zip.h>

#include <algorithm>
#include <set>

#include "core/clock.h"
#include "core/validation.h"

namespace fugong::resumption {
namespace {

template <size_t N>
int IndexOf(std::string_view v, const std::string_view (&list)[N]) {
  for (size_t i = 0; i < N; ++i)
    if (list[i] == v) return int(i);
  return -1;
}

Status TextField(const std::string& field, const std::string& v, long max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (required && n == 0)
    return InvalidArgument(field, "required", "缺少必填字段 " + field,
                           "field " + field + " is required");
  if (n > max)
    return InvalidArgument(field, "too_long", field + " 超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

Status Range(const std::string& field, int64_t v, int64_t lo, int64_t hi) {
  if (v < lo || v > hi)
    return InvalidArgument(
        field, "out_of_range",
        field + " 应在 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 之间",
        field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  return Status::Ok();
}

struct Transitions {
  std::string_view from, to;
};
// Every edge of the state machine (SPEC §3.2).
constexpr Transitions kEdges[] = {
    {"draft", "submitted"},               // the enterprise submits
    {"rejected", "submitted"},            // ...or resubmits after correcting
    {"submitted", "approved"},            // 承诺即复工: approved on submission
    {"submitted", "in_review"},           // a level approves, a higher one follows
    {"submitted", "acceptance_pending"},  // the last level approves
    {"in_review", "in_review"},           // a middle level approves
    {"in_review", "acceptance_pending"},  // the last level approves
    {"submitted", "rejected"},            // returned with every deficiency
    {"in_review", "rejected"},            //
    {"acceptance_pending", "approved"},   // on-site acceptance passed
    {"acceptance_pending", "rejected"},   // acceptance failed, with findings
    {"draft", "withdrawn"},               // the enterprise withdraws before a decision
    {"submitted", "withdrawn"},           //
    {"in_review", "withdrawn"},           //
    {"acceptance_pending", "withdrawn"},  //
    {"rejected", "withdrawn"},            // ...or gives up correcting
};

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// True when the archive holds an entry named `name`.
bool ZipHas(zip_t* archive, const char* name) { return zip_name_locate(archive, name, 0) >= 0; }

}  // namespace

bool IsState(std::string_view s) { return IndexOf(s, kStates) >= 0; }

std::string_view StateZh(std::string_view state) {
  int i = IndexOf(state, kStates);
  return i < 0 ? state : kStatesZh[i];
}

bool IsOpenState(std::string_view s) { return IndexOf(s, kOpenStates) >= 0; }

bool IsChecklistItem(std::string_view s) { return IndexOf(s, kChecklistItems) >= 0; }

std::string_view ChecklistItemZh(std::string_view item) {
  int i = IndexOf(item, kChecklistItems);
  return i < 0 ? item : kChecklistItemsZh[i];
}

bool CanTransition(std::string_view from, std::string_view to) {
  for (const auto& e : kEdges)
    if (e.from == from && e.to == to) return true;
  return false;
}

bool IsEditable(std::string_view state) { return state == "draft" || state == "rejected"; }

bool CanWithdraw(std::string_view state) { return CanTransition(state, "withdrawn"); }

Status InvalidTransition(std::string_view state, std::string_view action_zh,
                         std::string_view action_en) {
  return Status(
      ErrorKind::kConflict, "invalid_transition",
      "申请当前状态为「" + std::string(StateZh(state)) + "」，不能" + std::string(action_zh),
      "cannot " + std::string(action_en) + " an application in state " + std::string(state),
      "state");
}

NegativeList ParseNegativeList(const json::value& v) {
  NegativeList out;
  if (!v.is_object()) return out;
  auto read = [](const json::value* a, std::vector<std::string>* dst) {
    if (!a || !a->is_array()) return;
    for (const auto& e : a->as_array())
      if (e.is_string()) dst->emplace_back(e.as_string());
  };
  read(v.as_object().if_contains("industries"), &out.industries);
  read(v.as_object().if_contains("flags"), &out.flags);
  return out;
}

RouteChoice ChooseRoute(const enterprise::Enterprise& e, const std::string& declared_essential,
                        const NegativeList& list) {
  RouteChoice out;
  for (const auto& entry : list.industries) {
    bool hit = IsDigits(entry) ? e.industry_code.starts_with(entry)
                               : !entry.empty() && entry == e.industry_section;
    if (hit) out.reasons.push_back("industry:" + entry);
  }
  for (const auto& flag : list.flags) {
    bool hit = false;
    if (flag == "essential") {
      hit = !e.essential_category.empty() || !declared_essential.empty();
    } else if (const enterprise::FlagInfo* info = enterprise::FindFlag(flag)) {
      hit = e.*(info->member);
    }
    if (hit) out.reasons.push_back("flag:" + flag);
  }
  out.route = out.reasons.empty() ? std::string(kRouteCommitment) : std::string(kRouteStandard);
  return out;
}

std::vector<int> ReviewPlan(const std::vector<int>& configured, const system::Region& region) {
  std::vector<int> out;
  for (int level : configured)
    if (level >= 1 && level <= 4 && !region.CodeAtLevel(level).empty() &&
        std::find(out.begin(), out.end(), level) == out.end())
      out.push_back(level);
  if (out.empty() && region.level >= 1 && region.level <= 4) out.push_back(region.level);
  return out;
}

std::vector<int> ParseReviewLevels(const json::value& v) {
  std::vector<int> out;
  if (!v.is_array()) return out;
  for (const auto& e : v.as_array())
    if (e.is_int64()) out.push_back(int(e.as_int64()));
  return out;
}

std::string RouteDepartment(const json::value& routing, const std::string& section) {
  if (!routing.is_object()) return "";
  const auto& o = routing.as_object();
  for (const std::string& key : {section, std::string("*")}) {
    if (key.empty()) continue;
    if (const json::value* d = o.if_contains(key); d && d->is_string())
      return std::string(d->as_string());
  }
  return "";
}

Status ValidateDeficiencies(const std::vector<Deficiency>& list) {
  if (list.empty())
    return InvalidArgument("deficiencies", "deficiencies_required",
                           "退回申请时必须一次性列明全部问题（deficiencies 不能为空）",
                           "a return must list every deficiency at once (deficiencies is empty)");
  if (list.size() > 50)
    return InvalidArgument("deficiencies", "too_many", "问题清单最多 50 项",
                           "at most 50 deficiencies");
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& d = list[i];
    std::string at = "deficiencies[" + std::to_string(i) + "]";
    if (!IsChecklistItem(d.item) && IndexOf(d.item, kOtherDeficiencyItems) < 0)
      return InvalidArgument(
          "deficiencies", "invalid_item",
          at + ".item 不是清单项目：" + d.item +
              "（应为防控清单项目或 attachments/staff/commitment/other）",
          at + ".item is not a checklist item: " + d.item +
              " (use a checklist item or attachments, staff, commitment, other)");
    long n = Utf8Length(d.reason);
    if (n <= 0)
      return InvalidArgument("deficiencies", "reason_required", at + ".reason 请写明问题",
                             at + ".reason must say what is wrong");
    if (n > 200)
      return InvalidArgument("deficiencies", "too_long", at + ".reason 超过 200 个字符",
                             at + ".reason is longer than 200 characters");
    if (!seen.emplace(d.item, d.reason).second)
      return InvalidArgument("deficiencies", "duplicate", at + " 与前面的问题重复",
                             at + " repeats an earlier deficiency");
  }
  return Status::Ok();
}

Status ValidateContent(const ApplicationContent& c) {
  if (!c.planned_date.empty() && !ParseDate(c.planned_date))
    return InvalidArgument("planned_date", "invalid_date",
                           "计划复工日期应为 YYYY-MM-DD 格式的有效日期",
                           "planned_date must be a real date YYYY-MM-DD");
  const int64_t kMaxStaff = 1'000'000;
  RETURN_IF_ERROR(Range("staff_total", c.staff_total, 0, kMaxStaff));
  for (auto [field, v] : {std::pair{"staff_local", c.staff_local},
                          std::pair{"staff_out_of_province", c.staff_out_of_province},
                          std::pair{"staff_from_risk_regions", c.staff_from_risk_regions}}) {
    RETURN_IF_ERROR(Range(field, v, 0, kMaxStaff));
    if (v > c.staff_total)
      return InvalidArgument(field, "exceeds_total",
                             std::string(field) + " 不能大于返岗总人数 staff_total",
                             std::string(field) + " cannot exceed staff_total");
  }
  if (c.staff_local + c.staff_out_of_province > c.staff_total)
    return InvalidArgument("staff_out_of_province", "exceeds_total",
                           "本地与外省返岗人数之和不能大于返岗总人数",
                           "staff_local + staff_out_of_province cannot exceed staff_total");
  RETURN_IF_ERROR(Range("checklist.thermometers", c.checklist.thermometers, 0, 1'000'000));
  RETURN_IF_ERROR(Range("checklist.masks_in_stock", c.checklist.masks_in_stock, 0, 100'000'000));
  RETURN_IF_ERROR(
      Range("checklist.masks_days_of_supply", c.checklist.masks_days_of_supply, 0, 3650));
  if (!c.essential_category.empty() && IndexOf(c.essential_category, enterprise::kEssential) < 0)
    return InvalidArgument("essential_category", "invalid_value",
                           "保供类别应为 防控必需/城市运行必需/生活保障必需",
                           "essential_category must be epidemic_control, city_operation or "
                           "daily_necessities");
  RETURN_IF_ERROR(TextField("commitment.signer", c.commitment.signer, 50, c.commitment.accepted));
  return Status::Ok();
}

Status ValidateForSubmission(const ApplicationContent& c, const std::string& today,
                             int64_t attachment_count) {
  RETURN_IF_ERROR(ValidateContent(c));
  struct Missing {
    std::string field, zh, en;
  };
  std::vector<Missing> missing;
  if (c.planned_date.empty())
    missing.push_back({"planned_date", "计划复工日期", "planned_date"});
  else if (c.planned_date < today)
    missing.push_back({"planned_date", "计划复工日期不能早于今天（" + today + "）",
                       "planned_date must not be before today (" + today + ")"});
  if (c.staff_total < 1)
    missing.push_back({"staff_total", "返岗人数（至少 1 人）", "staff_total (at least 1)"});
  if (c.commitment.signer.empty())
    missing.push_back({"commitment.signer", "承诺书签署人", "commitment.signer"});
  if (!c.commitment.accepted)
    missing.push_back(
        {"commitment.accepted", "签署承诺书（accepted=true）", "commitment.accepted=true"});
  if (!c.essential_category.empty() && attachment_count < 1)
    missing.push_back({"attachments", "保供类别的证明材料（订单或合同）",
                       "evidence attachments (orders or contracts) for the essential category"});
  if (missing.empty()) return Status::Ok();
  std::string zh = "提交前请补全：", en = "complete before submitting: ";
  for (size_t i = 0; i < missing.size(); ++i) {
    zh += (i ? "；" : "") + missing[i].zh;
    en += (i ? "; " : "") + missing[i].en;
  }
  return InvalidArgument(missing.front().field, "incomplete", zh, en);
}

Status ValidateAcceptance(const AcceptanceInput& in) {
  if (in.result != "pass" && in.result != "fail")
    return InvalidArgument("result", "invalid_value", "验收结论 result 应为 pass 或 fail",
                           "result must be pass or fail");
  if (IndexOf(in.mode, kAcceptanceModes) < 0)
    return InvalidArgument("mode", "invalid_value",
                           "验收方式 mode 应为 on_site（现场）或 video（视频）",
                           "mode must be on_site or video");
  for (const auto& [item, passed] : in.checklist)
    if (!IsChecklistItem(item))
      return InvalidArgument("checklist." + item, "unknown_item", "未知的验收项目：" + item,
                             "unknown checklist item: " + item);
  for (auto item : kChecklistItems)
    if (!in.checklist.count(std::string(item)))
      return InvalidArgument("checklist." + std::string(item), "required",
                             "验收清单缺少项目：" + std::string(ChecklistItemZh(item)),
                             "the acceptance checklist lacks " + std::string(item));
  if (in.findings.size() > 50)
    return InvalidArgument("findings", "too_many", "发现问题最多 50 条", "at most 50 findings");
  for (size_t i = 0; i < in.findings.size(); ++i)
    RETURN_IF_ERROR(TextField("findings[" + std::to_string(i) + "]", in.findings[i], 500, true));
  RETURN_IF_ERROR(TextField("comment", in.comment, 500, false));
  if (in.result == "fail" && in.findings.empty())
    return InvalidArgument("findings", "findings_required",
                           "验收不通过时必须一次性列明全部发现的问题",
                           "a failed acceptance must list every finding");
  if (in.result == "pass")
    for (auto item : kChecklistItems)
      if (!in.checklist.at(std::string(item)))
        return InvalidArgument(
            "checklist." + std::string(item), "failed_item",
            "验收项目「" + std::string(ChecklistItemZh(item)) + "」不合格，结论不能为通过",
            "checklist item " + std::string(item) + " failed: the result cannot be pass");
  return Status::Ok();
}

std::optional<FileType> DetectFileType(std::string_view b) {
  if (b.starts_with("%PDF-")) return FileType{"application/pdf", ".pdf"};
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return FileType{"image/png", ".png"};
  if (b.starts_with("\xFF\xD8\xFF")) return FileType{"image/jpeg", ".jpg"};
  if (!b.starts_with("PK\x03\x04")) return std::nullopt;
  // OOXML is a zip: tell a workbook from a document by the entries inside.
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(b.data(), b.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return std::nullopt;
  }
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  zip_error_fini(&err);
  if (!archive) {
    zip_source_free(src);
    return std::nullopt;
  }
  std::optional<FileType> out;
  if (ZipHas(archive, "[Content_Types].xml")) {
    if (ZipHas(archive, "xl/workbook.xml"))
      out = FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"};
    else if (ZipHas(archive, "word/document.xml"))
      out = FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     ".docx"};
  }
  zip_discard(archive);  // also frees the source
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

json::array DeficienciesJson(const std::vector<Deficiency>& list) {
  json::array a;
  for (const auto& d : list) a.push_back(json::object{{"item", d.item}, {"reason", d.reason}});
  return a;
}

std::vector<Deficiency> DeficienciesFromJson(const json::value& v) {
  std::vector<Deficiency> out;
  if (!v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object()) continue;
    Deficiency d;
    if (auto* i = e.as_object().if_contains("item"); i && i->is_string()) d.item = i->as_string();
    if (auto* r = e.as_object().if_contains("reason"); r && r->is_string())
      d.reason = r->as_string();
    out.push_back(std::move(d));
  }
  return out;
}

json::object ChecklistJson(const Checklist& c) {
  return json::object{
      {"isolation_room", c.isolation_room},
      {"thermometers", c.thermometers},
      {"masks_in_stock", c.masks_in_stock},
      {"masks_days_of_supply", c.masks_days_of_supply},
      {"disinfection_plan", c.disinfection_plan},
      {"disinfection_records", c.disinfection_records},
      {"staggered_dining", c.staggered_dining},
      {"leader_on_duty", c.leader_on_duty},
      {"emergency_plan", c.emergency_plan},
      {"four_measures", json::object{{"scan_code", c.four_measures.scan_code},
                                     {"registration", c.four_measures.registration},
                                     {"temperature_check", c.four_measures.temperature_check},
                                     {"mask_wearing", c.four_measures.mask_wearing}}}};
}

}  // namespace fugong::resumption
