#include "modules/tip/tip_service.h"

#include <algorithm>
#include <chrono>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/json_util.h"
#include "core/validation.h"
#include "io/image_metadata.h"
#include "modules/notification/notification.h"
#include "modules/resumption/application.h"
#include "modules/tip/tip_repository.h"
#include "system/roles.h"

namespace fugong::tip {
namespace {

constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32 symbols

Status TipNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_tip", "举报不存在或无权访问",
                "no such tip in your scope", "tip");
}

Status NotAssignedOfficer() {
  return Status(ErrorKind::kPermissionDenied, "not_assigned", "只有被指派的核查人员可以进行此操作",
                "only the assigned verifying officer may do this");
}

Status TextField(const std::string& field, const std::string& v, size_t max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (required && n == 0)
    return InvalidArgument(field, "required", "缺少必填字段 " + field,
                           "field " + field + " is required");
  if (size_t(n) > max)
    return InvalidArgument(field, "too_long", field + " 超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

std::string TypeZh(const std::string& type) {
  if (type == "unapproved_opening") return "未经批准擅自开工";
  if (type == "hidden_returnees") return "隐瞒外省返岗人员";
  if (type == "quarantine_breach") return "未落实隔离观察";
  if (type == "prevention_lacking") return "防控措施不到位";
  return type;
}

std::string ActorName(const system::Principal& by) {
  return by.display_name.empty() ? by.username : by.display_name;
}

std::string Money(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// A region named in a request: an unknown code is bad input (400), not a missing object.
Result<system::Region> RegionField(const system::ReferenceService& reference,
                                   const std::string& code) {
  auto r = reference.GetRegion(code, "region");
  if (!r.ok() && r.status().kind() == ErrorKind::kNotFound)
    return InvalidArgument("region", r.status().code(), r.status().message_zh(),
                           r.status().message_en());
  return r;
}

}  // namespace

TipService::TipService(db::Database& db, const system::ReferenceService& reference,
                       system::UserService& users, const std::string& seal_key, Limits limits)
    : db_(db),
      reference_(reference),
      users_(users),
      contact_key_(crypto::Blake2b("fugong/tip/contact/v1", seal_key)),
      hash_key_(crypto::Blake2b("fugong/tip/hash/v1", seal_key)),
      limits_(limits) {}

std::string TipService::NewTrackingCode() {
  std::string bytes = crypto::RandomBytes(kTrackingCodeLength);
  std::string code;
  for (unsigned char b : bytes) code += kCodeAlphabet[b & 31];
  return code;
}

std::string TipService::NormaliseTrackingCode(const std::string& code) {
  std::string out;
  for (unsigned char ch : code) {
    if (ch == ' ' || ch == '-') continue;
    out += char(std::toupper(ch));
  }
  return out;
}

std::string TipService::TrackingHash(const std::string& code) const {
  return crypto::ToHex(crypto::Blake2b(NormaliseTrackingCode(code), hash_key_));
}

Result<Submitted> TipService::Submit(NewTip in, const std::string& client_address) {
  if (std::find(std::begin(kTypes), std::end(kTypes), in.type) == std::end(kTypes))
    return InvalidArgument("type", "invalid_value",
                           "举报类型应为 unapproved_opening、hidden_returnees、quarantine_breach "
                           "或 prevention_lacking",
                           "type must be unapproved_opening, hidden_returnees, quarantine_breach "
                           "or prevention_lacking");
  in.enterprise_name = Trim(in.enterprise_name);
  in.address = Trim(in.address);
  in.description = Trim(in.description);
  in.contact_name = Trim(in.contact_name);
  in.contact_phone = Trim(in.contact_phone);
  RETURN_IF_ERROR(TextField("enterprise_name", in.enterprise_name, 100, false));
  RETURN_IF_ERROR(TextField("address", in.address, 200, false));
  if (!in.uscc.empty()) {
    in.uscc = NormalizeUscc(in.uscc);
    RETURN_IF_ERROR(ValidateUscc("uscc", in.uscc));
  }
  if (in.enterprise_name.empty() && in.uscc.empty() && in.address.empty())
    return InvalidArgument("enterprise_name", "required", "请填写被举报企业的名称、信用代码或地址",
                           "give the enterprise's name, USCC or address");
  RETURN_IF_ERROR(TextField("description", in.description, kMaxDescriptionChars, true));
  if (Utf8Length(in.description) < 5)
    return InvalidArgument("description", "too_short", "请至少用 5 个字描述举报内容",
                           "describe the matter in at least 5 characters");
  RETURN_IF_ERROR(TextField("contact_name", in.contact_name, 30, false));
  if (!in.contact_phone.empty()) RETURN_IF_ERROR(ValidateMobile("contact_phone", in.contact_phone));
  if (in.photos.size() > kMaxPhotos)
    return InvalidArgument("photos", "too_many_files",
                           "最多上传 " + std::to_string(kMaxPhotos) + " 张照片",
                           "at most " + std::to_string(kMaxPhotos) + " photos");
  std::vector<Photo> photos;
  for (size_t i = 0; i < in.photos.size(); ++i) {
    std::string field = "photos[" + std::to_string(i) + "]";
    const std::string& bytes = in.photos[i];
    if (bytes.empty())
      return InvalidArgument(field, "required", "上传的照片为空", "the photo is empty");
    if (bytes.size() > kMaxPhotoBytes)
      return Status(ErrorKind::kTooLarge, "file_too_large", "每张照片不能超过 5 MiB",
                    "each photo must be at most 5 MiB", field);
    auto type = resumption::DetectFileType(bytes);
    if (!type || (type->content_type != "image/jpeg" && type->content_type != "image/png"))
      return Status(ErrorKind::kUnsupportedMedia, "unsupported_file",
                    "照片只接受 JPG 或 PNG 格式（按文件内容识别）",
                    "photos must be JPEG or PNG images (judged by content)", field);
    // No EXIF/GPS, camera or author data: it could identify the reporter.
    auto clean = type->content_type == "image/jpeg" ? io::StripJpegMetadata(bytes)
                                                    : io::StripPngMetadata(bytes);
    if (!clean)
      return Status(ErrorKind::kUnsupportedMedia, "unsupported_file", "照片文件已损坏，无法读取",
                    "the photo is not a well-formed JPEG or PNG image", field);
    Photo p;
    p.content_type = type->content_type;
    p.size = int64_t(clean->size());
    p.sha256 = resumption::Sha256Hex(*clean);
    p.content = std::move(*clean);
    photos.push_back(std::move(p));
  }
  std::optional<std::string> cipher;
  if (!in.contact_name.empty() || !in.contact_phone.empty())
    cipher = crypto::Seal(
        contact_key_, ToJson(json::object{{"name", in.contact_name}, {"phone", in.contact_phone}}));
  // Only the sealed form travels on.
  in.contact_name.clear();
  in.contact_phone.clear();

  std::optional<int64_t> enterprise_id;
  std::string region_code = in.region_code;
  std::string client_hash = crypto::ToHex(crypto::Blake2b("client:" + client_address, hash_key_));
  if (!in.uscc.empty()) {
    std::string enterprise_region;
    RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(enterprise_id,
                       TipRepository::EnterpriseIdOf(c, in.uscc, &enterprise_region));
      return Status::Ok();
    }));
    if (enterprise_id) region_code = enterprise_region;
  }
  if (region_code.empty())
    return InvalidArgument("region", "required", "请选择事发地区", "region is required");
  ASSIGN_OR_RETURN(system::Region region, RegionField(reference_, region_code));
  if (region.level < 3)
    return InvalidArgument("region", "region_too_coarse", "请选择到县（区）或乡镇（街道）",
                           "choose a county (district) or a town (street)");

  Submitted out;
  out.tracking_code = NewTrackingCode();
  auto now = Now();
  Status limited;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(TipRepository::LockClient(c, client_hash));
    ASSIGN_OR_RETURN(int64_t hour,
                     TipRepository::CountFromClient(c, client_hash,
                                                    FormatTimestamp(now - std::chrono::hours(1))));
    ASSIGN_OR_RETURN(int64_t day,
                     TipRepository::CountFromClient(c, client_hash,
                                                    FormatTimestamp(now - std::chrono::hours(24))));
    if (hour >= limits_.hourly || day >= limits_.daily) {
      limited =
          Status(ErrorKind::kTooManyRequests, "too_many_tips",
                 "提交过于频繁：同一网络每小时最多 " + std::to_string(limits_.hourly) +
                     " 条、每天最多 " + std::to_string(limits_.daily) + " 条举报，请稍后再试",
                 "too many tips from this network: at most " + std::to_string(limits_.hourly) +
                     " an hour and " + std::to_string(limits_.daily) + " a day; try again later");
      return limited;
    }
    ASSIGN_OR_RETURN(
        out.id, TipRepository::Insert(c, in, enterprise_id, region, TrackingHash(out.tracking_code),
                                      client_hash, cipher));
    for (const auto& p : photos) RETURN_IF_ERROR(TipRepository::InsertPhoto(c, out.id, p));
    RETURN_IF_ERROR(
        TipRepository::InsertEvent(c, out.id, "received", std::to_string(photos.size()), 0, ""));
    // The commanders over the tip's region learn of it (no personal data).
    ASSIGN_OR_RETURN(std::vector<int64_t> commanders,
                     notification::RegionUsers(c, "commander", region));
    notification::NewNotification note;
    note.user_ids = std::move(commanders);
    note.kind = "tip_received";
    note.title = "新举报：" + TypeZh(in.type);
    note.body = region.name + (in.enterprise_name.empty() ? "" : " · " + in.enterprise_name);
    note.link = "/tips/" + std::to_string(out.id);
    return notification::Enqueue(c, note);
  }));
  return out;
}

Result<PublicStatus> TipService::Track(const std::string& code) {
  std::string normal = NormaliseTrackingCode(code);
  if (normal.size() != kTrackingCodeLength ||
      normal.find_first_not_of(kCodeAlphabet) != std::string::npos)
    return Status(ErrorKind::kNotFound, "unknown_tracking_code", "查询码不存在，请核对后重试",
                  "no tip has this tracking code", "code");
  std::optional<PublicStatus> s;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(s, TipRepository::FindByTracking(c, TrackingHash(normal)));
    return Status::Ok();
  }));
  if (!s)
    return Status(ErrorKind::kNotFound, "unknown_tracking_code", "查询码不存在，请核对后重试",
                  "no tip has this tracking code", "code");
  return *s;
}

Result<Tip> TipService::Load(int64_t id, const system::Principal& by) {
  std::optional<Tip> t;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(t, TipRepository::Get(c, id, by.scope, by.user_id));
    return Status::Ok();
  }));
  if (!t) return TipNotFound();
  return *t;
}

Result<std::vector<Tip>> TipService::List(TipFilter f, const system::Principal& by,
                                          const system::Page& page, int64_t* total) {
  if (!f.state.empty() && f.state != "open" && f.state != "received" && f.state != "assigned" &&
      f.state != "substantiated" && f.state != "unsubstantiated")
    return InvalidArgument("state", "invalid_value",
                           "state 应为 open、received、assigned、substantiated 或 unsubstantiated",
                           "state must be open, received, assigned, substantiated or "
                           "unsubstantiated");
  if (!f.type.empty() &&
      std::find(std::begin(kTypes), std::end(kTypes), f.type) == std::end(kTypes))
    return InvalidArgument("type", "invalid_value", "未知的举报类型", "unknown tip type");
  if (!f.region.empty()) {
    ASSIGN_OR_RETURN(system::Region r, RegionField(reference_, f.region));
    f.region_level = r.level;
  }
  std::vector<Tip> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, TipRepository::List(c, f, by.scope, by.user_id, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Tip> TipService::Get(int64_t id, const system::Principal& by) { return Load(id, by); }

Result<Photo> TipService::GetPhoto(int64_t id, int64_t photo_id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Tip t, Load(id, by));
  std::optional<Photo> p;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(p, TipRepository::FindPhoto(c, t.id, photo_id));
    return Status::Ok();
  }));
  if (!p)
    return Status(ErrorKind::kNotFound, "unknown_photo", "照片不存在", "no such photo", "photo");
  return *p;
}

Result<std::vector<Officer>> TipService::Candidates(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Tip t, Load(id, by));
  ASSIGN_OR_RETURN(auto path, reference_.Path(t.region_code));
  std::vector<std::string> codes;
  for (const auto& r : path) codes.push_back(r.code);
  std::vector<Officer> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, TipRepository::OfficersOver(c, codes));
    return Status::Ok();
  }));
  return out;
}

Result<Tip> TipService::Assign(int64_t id, int64_t officer_id, const std::string& note_in,
                               const system::Principal& by) {
  std::string note = Trim(note_in);
  RETURN_IF_ERROR(TextField("note", note, 500, false));
  ASSIGN_OR_RETURN(Tip t, Load(id, by));
  if (t.state != "received" && t.state != "assigned")
    return Conflict("state", "already_verified", "该举报已核查完毕，不能再指派",
                    "the tip has been verified and cannot be reassigned");
  ASSIGN_OR_RETURN(auto path, reference_.Path(t.region_code));
  bool done = false;
  Status refused;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto officer, TipRepository::FindOfficer(c, officer_id));
    bool role = officer &&
                std::any_of(officer->roles.begin(), officer->roles.end(), [](const std::string& r) {
                  return r == "department" || r == "commander";
                });
    bool covers = officer && std::any_of(path.begin(), path.end(), [&](const system::Region& r) {
                    return r.code == officer->region_code;
                  });
    if (!officer || officer->disabled || !role || !covers) {
      refused = InvalidArgument("officer", "invalid_officer",
                                "核查人员须为管辖该地区的指挥部或职能部门用户",
                                "the officer must be a commander or department user whose region "
                                "covers the tip");
      return refused;
    }
    ASSIGN_OR_RETURN(done, TipRepository::Assign(c, id, officer_id, note, by.user_id));
    if (!done) return Status::Ok();
    RETURN_IF_ERROR(TipRepository::InsertEvent(
        c, id, "assigned", officer->display_name + (note.empty() ? "" : "：" + note), by.user_id,
        ActorName(by)));
    notification::NewNotification n;
    n.user_ids = {officer_id};
    n.kind = "tip_assigned";
    n.title = "举报核查任务：" + TypeZh(t.type);
    n.body = t.region_name + (t.enterprise_name.empty() ? "" : " · " + t.enterprise_name);
    n.link = "/tips/" + std::to_string(id);
    return notification::Enqueue(c, n);
  }));
  if (!done)
    return Conflict("state", "already_verified", "该举报已核查完毕，不能再指派",
                    "the tip has been verified and cannot be reassigned");
  return Load(id, by);
}

Result<Contact> TipService::ReadContact(int64_t id, const system::Principal& by,
                                        const std::string& ip) {
  ASSIGN_OR_RETURN(Tip t, Load(id, by));
  if (!t.assigned_to || *t.assigned_to != by.user_id) return NotAssignedOfficer();
  std::optional<std::string> sealed;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(sealed, TipRepository::ContactCipher(c, id));
    return Status::Ok();
  }));
  Contact out;
  if (sealed) {
    auto plain = crypto::Open(contact_key_, *sealed);
    if (!plain) return Internal("the contact of tip " + std::to_string(id) + " does not open");
    auto obj = ParseJsonObject(*plain);
    if (!obj.ok()) return Internal("the contact of tip " + std::to_string(id) + " is malformed");
    if (auto* v = obj->if_contains("name"); v && v->is_string()) out.name = v->as_string();
    if (auto* v = obj->if_contains("phone"); v && v->is_string()) out.phone = v->as_string();
  }
  // The audit record is written before anything is disclosed.
  RETURN_IF_ERROR(
      users_.Audit(&by, ip, "read_personal_data", "tip=" + std::to_string(id), "contact"));
  return out;
}

Result<Tip> TipService::Verify(int64_t id, const std::string& outcome,
                               const std::string& public_outcome_in,
                               const std::string& internal_note_in, double reward,
                               const system::Principal& by) {
  if (std::find(std::begin(kOutcomes), std::end(kOutcomes), outcome) == std::end(kOutcomes))
    return InvalidArgument("outcome", "invalid_value",
                           "outcome 应为 substantiated（属实）或 unsubstantiated（不属实）",
                           "outcome must be substantiated or unsubstantiated");
  std::string public_outcome = Trim(public_outcome_in);
  std::string internal_note = Trim(internal_note_in);
  RETURN_IF_ERROR(TextField("public_outcome", public_outcome, 500, true));
  RETURN_IF_ERROR(TextField("internal_note", internal_note, 2000, false));
  if (reward < 0 || reward > kMaxReward)
    return InvalidArgument("reward_amount", "out_of_range", "奖励金额应在 0 到 1000000 元之间",
                           "reward_amount must be between 0 and 1000000 yuan");
  if (reward > 0 && outcome != "substantiated")
    return InvalidArgument("reward_amount", "reward_not_allowed", "举报不属实时不能发放奖励",
                           "an unsubstantiated tip earns no reward");
  ASSIGN_OR_RETURN(Tip t, Load(id, by));
  if (!t.assigned_to || *t.assigned_to != by.user_id) return NotAssignedOfficer();
  bool done = false;
  if (t.state == "assigned")
    RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(done, TipRepository::Verify(c, id, by.user_id, outcome, public_outcome,
                                                   internal_note, reward, by.user_id));
      if (!done) return Status::Ok();
      return TipRepository::InsertEvent(c, id, "verified",
                                        outcome + (reward > 0 ? " · " + Money(reward) : ""),
                                        by.user_id, ActorName(by));
    }));
  if (!done)
    return Conflict("state", "not_assigned_state", "只有已指派、未核查的举报可以登记核查结果",
                    "only an assigned tip awaiting verification can be verified");
  return Load(id, by);
}

Result<Tip> TipService::Reward(int64_t id, const std::string& status, double amount,
                               const system::Principal& by) {
  if (status != "granted" && status != "paid")
    return InvalidArgument("status", "invalid_value",
                           "status 应为 granted（已认定）或 paid（已发放）",
                           "status must be granted or paid");
  if (amount <= 0 || amount > kMaxReward)
    return InvalidArgument("amount", "out_of_range", "奖励金额应大于 0 且不超过 1000000 元",
                           "amount must be above 0 and at most 1000000 yuan");
  ASSIGN_OR_RETURN(Tip t, Load(id, by));
  bool assigned = t.assigned_to && *t.assigned_to == by.user_id;
  if (!assigned && !system::HasPermission(by.roles, "tip:assign")) return NotAssignedOfficer();
  bool done = false;
  if (t.state == "substantiated" && t.reward_status != "paid")
    RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(done, TipRepository::SetReward(c, id, status, amount, by.user_id));
      if (!done) return Status::Ok();
      return TipRepository::InsertEvent(c, id, "reward", status + " · " + Money(amount), by.user_id,
                                        ActorName(by));
    }));
  if (!done)
    return Conflict("state", "reward_not_allowed", "只有属实且奖励未发放的举报可以登记奖励",
                    "a reward is recorded only for a substantiated tip not yet paid");
  return Load(id, by);
}

}  // namespace fugong::tip
