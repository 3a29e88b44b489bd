#include "modules/permit/permit_service.h"

#include <algorithm>
#include <cstdio>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "modules/notification/notification.h"
#include "modules/permit/permit_repository.h"
#include "modules/workforce/employee.h"
#include "modules/workforce/pass.h"
#include "system/export.h"

namespace fugong::permit {
namespace {

template <size_t N>
bool OneOf(const std::string& v, const char* const (&list)[N]) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

bool HasRole(const system::Principal& by, std::string_view role) {
  return std::find(by.roles.begin(), by.roles.end(), role) != by.roles.end();
}

Status PermitNotFound() {
  return NotFound("unknown_permit", "通行证不存在或无权访问", "no such permit in your scope");
}

Status EnterpriseNotFound() {
  return NotFound("unknown_enterprise", "企业不存在或无权访问", "no such enterprise in your scope");
}

Status TextField(const char* field, const std::string& v, long max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", "文本不是有效的 UTF-8", "text is not UTF-8");
  if (required && n == 0)
    return InvalidArgument(field, "required", std::string(field) + " 不能为空",
                           std::string(field) + " is required");
  if (n > max)
    return InvalidArgument(
        field, "too_long", std::string(field) + " 最多 " + std::to_string(max) + " 个字",
        std::string(field) + " must have at most " + std::to_string(max) + " characters");
  return Status::Ok();
}

const char* TypeZh(const std::string& t) {
  if (t == "emergency_supplies") return "应急物资运输车辆通行证";
  if (t == "production_materials") return "重点生产物资运输车辆通行证";
  if (t == "commute_vehicle") return "员工通勤车辆通行证";
  if (t == "personal") return "员工个人通行证";
  return "通行证";
}

const char* StateZh(const Permit& p) {
  if (p.state == "issued" && p.expired) return "已过期";
  if (p.state == "issued") return "有效";
  if (p.state == "pending") return "待审核";
  if (p.state == "refused") return "未通过";
  if (p.state == "revoked") return "已吊销";
  return "";
}

std::string RouteText(const Permit& p) {
  std::string r = p.origin + "→";
  if (!p.route.empty()) r += p.route + "→";
  return r + p.destination;
}

void Derive(Permit* p, const std::string& today) {
  p->expired = p->state == "issued" && !p->valid_to.empty() && p->valid_to < today;
}

bool InScope(const system::Region& r, const system::Scope& scope) {
  if (scope.all) return true;
  if (scope.region_code.empty()) return false;
  return r.level >= scope.region_level && r.CodeAtLevel(scope.region_level) == scope.region_code;
}

}  // namespace

PermitService::PermitService(db::Database& db, const system::ReferenceService& reference,
                             const system::SettingsService& settings, system::UserService& users,
                             const std::string& seal_key)
    : db_(db),
      reference_(reference),
      settings_(settings),
      users_(users),
      seal_key_(seal_key),
      key_(SigningKey::FromSeed(crypto::Blake2b("fugong/permit/sign/v1", seal_key))) {}

std::string PermitService::KeyId() const {
  return crypto::ToHex(crypto::Blake2b(key_.public_key)).substr(0, 8);
}

int PermitService::MaxDays(const std::string& type, const std::string& region_code) const {
  int days = type == "personal" ? 14 : 30;
  auto s = settings_.Get("permit_max_days", region_code);
  if (s.ok() && s->value.is_object()) {
    const auto& o = s->value.as_object();
    const json::value* v = o.if_contains(type);
    if (!v) v = o.if_contains("*");
    if (v && v->is_number()) days = int(v->to_number<double>());
  } else if (s.ok() && s->value.is_number()) {
    days = int(s->value.to_number<double>());
  }
  return days;
}

Status PermitService::CheckTransport(const system::Principal& by,
                                     const std::string& region_code) const {
  if (by.scope.all || HasRole(by, "admin") || HasRole(by, "commander")) return Status::Ok();
  if (!HasRole(by, "department") || by.department.empty()) return Status::Ok();
  std::string dept = settings_.Text("permit_department", region_code);
  if (by.department == dept) return Status::Ok();
  return PermissionDenied("通行证由" + dept + "审核", "permits are handled by " + dept);
}

Result<system::Scope> PermitService::NarrowScope(const std::string& region,
                                                 const system::Principal& by) const {
  if (region.empty() || by.scope.enterprise_id) return by.scope;
  ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(region, "region"));
  if (!InScope(r, by.scope))
    return NotFound("unknown_region", "区划不存在或无权访问", "no such region in your scope");
  return system::Scope{false, r.code, r.level, std::nullopt};
}

Result<Permit> PermitService::Apply(NewPermit in, const system::Principal& by) {
  if (!OneOf(in.type, kTypes))
    return InvalidArgument("type", "invalid", "未知的通行证类型：" + in.type,
                           "unknown permit type: " + in.type);
  in.plate = NormalizePlate(in.plate);
  if (in.type == "personal") {
    if (!in.plate.empty() && !IsValidPlate(in.plate))
      return InvalidArgument("plate", "invalid_plate", "车牌号格式不正确：" + in.plate,
                             "not a valid plate number: " + in.plate);
    if (in.id_number.empty())
      return InvalidArgument("id_number", "required", "个人通行证须填写身份证号",
                             "a personal pass needs the ID number");
  } else if (!IsValidPlate(in.plate)) {
    return InvalidArgument(
        "plate", "invalid_plate",
        "车牌号格式不正确（省份简称+字母+5位或6位字母数字，不含I、O）：" + in.plate,
        "not a valid plate number (province, a letter, then 5 or 6 letters or "
        "digits without I or O): " +
            in.plate);
  }
  RETURN_IF_ERROR(TextField("holder_name", in.holder_name, 30, true));
  if (!in.id_number.empty()) {
    for (auto& ch : in.id_number) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    RETURN_IF_ERROR(ValidateIdNumber("id_number", in.id_number));
  }
  if (!in.phone.empty()) RETURN_IF_ERROR(ValidateMobile("phone", in.phone));
  RETURN_IF_ERROR(TextField("origin", in.origin, 60, true));
  RETURN_IF_ERROR(TextField("destination", in.destination, 60, true));
  RETURN_IF_ERROR(TextField("route", in.route, 200, false));
  RETURN_IF_ERROR(TextField("cargo", in.cargo, 200,
                            in.type == "emergency_supplies" || in.type == "production_materials"));
  std::string uscc = NormalizeUscc(in.uscc);
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    std::optional<Owner> owner;
    if (uscc.empty()) {
      if (!by.enterprise_id)
        return InvalidArgument("uscc", "required", "请填写申请企业的信用代码", "uscc is required");
      ASSIGN_OR_RETURN(owner, PermitRepository::OwnerById(c, *by.enterprise_id));
    } else {
      ASSIGN_OR_RETURN(owner, PermitRepository::OwnerByUscc(c, uscc, by.scope));
    }
    if (!owner) return EnterpriseNotFound();
    int max_days = MaxDays(in.type, owner->region_code);
    RETURN_IF_ERROR(ValidatePeriod(in.valid_from, in.valid_to, FormatDate(Today()), max_days));
    SealedPermit s;
    s.type = in.type;
    s.plate = in.plate;
    s.holder_name = in.holder_name;
    s.holder_masked = MaskName(in.holder_name);
    if (!in.id_number.empty()) {
      s.id_cipher = crypto::Seal(seal_key_, in.id_number);
      s.id_masked = workforce::MaskIdNumber(in.id_number);
    }
    if (!in.phone.empty()) {
      s.phone_cipher = crypto::Seal(seal_key_, in.phone);
      s.phone_masked = workforce::MaskPhone(in.phone);
    }
    s.origin = in.origin;
    s.destination = in.destination;
    s.route = in.route;
    s.cargo = in.cargo;
    s.valid_from = in.valid_from;
    s.valid_to = in.valid_to;
    ASSIGN_OR_RETURN(id, PermitRepository::Insert(c, *owner, s, by.user_id));
    // The transport department of the enterprise's region learns of it.
    auto region = reference_.GetRegion(owner->region_code, "region");
    if (region.ok()) {
      std::string dept = settings_.Text("permit_department", owner->region_code);
      ASSIGN_OR_RETURN(auto users, notification::RegionUsers(c, "department", *region, dept));
      RETURN_IF_ERROR(notification::Enqueue(
          c, {users, "permit_applied", "通行证申请待审核：" + owner->name,
              std::string(TypeZh(in.type)) + " " + (in.plate.empty() ? in.holder_name : in.plate) +
                  "，" + in.valid_from + " 至 " + in.valid_to,
              "/permits/" + std::to_string(id)}));
    }
    return Status::Ok();
  }));
  return Get(id, by);
}

Result<Permit> PermitService::Get(int64_t id, const system::Principal& by) {
  std::optional<Permit> p;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(p, PermitRepository::Get(c, id, by.scope));
    return Status::Ok();
  }));
  if (!p) return PermitNotFound();
  RETURN_IF_ERROR(CheckTransport(by, p->region_code));
  Derive(&*p, FormatDate(Today()));
  return *p;
}

Result<std::vector<Permit>> PermitService::List(const PermitFilter& f, const system::Principal& by,
                                                const system::Page& page, int64_t* total) {
  if (!f.state.empty() && !OneOf(f.state, kStates) && f.state != "expired" && f.state != "active")
    return InvalidArgument("state", "invalid", "未知的状态：" + f.state, "unknown state");
  if (!f.type.empty() && !OneOf(f.type, kTypes))
    return InvalidArgument("type", "invalid", "未知的通行证类型：" + f.type, "unknown type");
  RETURN_IF_ERROR(TextField("q", f.q, 50, false));
  RETURN_IF_ERROR(CheckTransport(by, by.region_code));
  ASSIGN_OR_RETURN(system::Scope scope, NarrowScope(f.region, by));
  std::string today = FormatDate(Today());
  PermitFilter norm = f;
  if (!norm.q.empty()) {
    std::string plate = NormalizePlate(norm.q);
    if (IsValidPlate(plate)) norm.q = plate;
  }
  std::vector<Permit> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, PermitRepository::List(c, scope, norm, today, page, total));
    return Status::Ok();
  }));
  for (auto& p : out) Derive(&p, today);
  return out;
}

Result<std::string> PermitService::Export(const PermitFilter& f, io::TableFormat format,
                                          const system::Principal& by) {
  system::Page page;
  page.size = 1000;
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto first, List(f, by, page, &total));
  return system::ExportTable(
      format, "通行证",
      {std::string("通行证编号"), std::string("类型"), std::string("状态"), std::string("企业"),
       std::string("信用代码"), std::string("车牌号"), std::string("驾驶人/持证人"),
       std::string("身份证号"), std::string("起点"), std::string("途经"), std::string("终点"),
       std::string("货物"), std::string("有效期起"), std::string("有效期止"),
       std::string("申请时间")},
      [&](io::TableWriter& writer) -> Status {
        std::vector<Permit> items = std::move(first);
        for (;;) {
          for (const auto& p : items)
            RETURN_IF_ERROR(
                writer.WriteRow({p.permit_no, std::string(TypeZh(p.type)), std::string(StateZh(p)),
                                 p.enterprise_name, p.enterprise_uscc, p.plate, p.holder_masked,
                                 p.id_masked, p.origin, p.route, p.destination, p.cargo,
                                 p.valid_from, p.valid_to, p.created_at}));
          if (int64_t(page.page) * page.size >= total) return Status::Ok();
          ++page.page;
          ASSIGN_OR_RETURN(items, List(f, by, page, &total));
        }
      });
}

Result<Permit> PermitService::Decide(int64_t id, const std::string& action, const std::string& text,
                                     const system::Principal& by) {
  if (action != "issue") {
    RETURN_IF_ERROR(TextField("reason", text, 200, true));
  } else {
    RETURN_IF_ERROR(TextField("comment", text, 200, false));
  }
  std::string today = FormatDate(Today());
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto p, PermitRepository::Get(c, id, by.scope));
    if (!p) return PermitNotFound();
    RETURN_IF_ERROR(CheckTransport(by, p->region_code));
    bool done = false;
    std::string title, kind;
    if (action == "issue") {
      if (p->state != "pending")
        return Conflict("state", "not_pending", "该申请已处理", "the application is not pending");
      if (p->valid_to < today)
        return Conflict("valid_to", "expired", "申请的有效期已过，请企业重新申请",
                        "the requested period is over");
      char no[40];
      std::snprintf(no, sizeof no, "TX%s-%06lld",
                    (today.substr(0, 4) + today.substr(5, 2) + today.substr(8, 2)).c_str(),
                    static_cast<long long>(p->id));
      Payload payload{
          no,
          p->type,
          p->plate,
          p->type == "personal" ? p->holder_masked + " " + p->id_masked : p->holder_masked,
          RouteText(*p),
          p->valid_from,
          p->valid_to,
          p->enterprise_name};
      ASSIGN_OR_RETURN(
          done, PermitRepository::Issue(c, id, no, SignToken(payload, key_), text, by.user_id));
      kind = "permit_issued";
      title = std::string("通行证已签发：") + no;
    } else if (action == "refuse") {
      if (p->state != "pending")
        return Conflict("state", "not_pending", "该申请已处理", "the application is not pending");
      ASSIGN_OR_RETURN(done, PermitRepository::Refuse(c, id, text, by.user_id));
      kind = "permit_refused";
      title = "通行证申请未通过";
    } else {
      if (p->state != "issued")
        return Conflict("state", "not_issued", "只能吊销已签发的通行证",
                        "only an issued permit can be revoked");
      ASSIGN_OR_RETURN(done, PermitRepository::Revoke(c, id, text, by.user_id));
      kind = "permit_revoked";
      title = "通行证已吊销：" + p->permit_no;
    }
    if (!done) return Conflict("state", "changed", "通行证状态已变化，请刷新", "state changed");
    ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, p->enterprise_id));
    std::string body = std::string(TypeZh(p->type)) + " " +
                       (p->plate.empty() ? p->holder_masked : p->plate) +
                       (text.empty() ? "" : "。" + text);
    return notification::Enqueue(c, {users, kind, title, body, "/permits/" + std::to_string(id)});
  }));
  return Get(id, by);
}

Result<Permit> PermitService::Issue(int64_t id, const std::string& comment,
                                    const system::Principal& by) {
  return Decide(id, "issue", comment, by);
}
Result<Permit> PermitService::Refuse(int64_t id, const std::string& reason,
                                     const system::Principal& by) {
  return Decide(id, "refuse", reason, by);
}
Result<Permit> PermitService::Revoke(int64_t id, const std::string& reason,
                                     const system::Principal& by) {
  return Decide(id, "revoke", reason, by);
}

Result<Verification> PermitService::Verify(const std::string& token,
                                           std::optional<Permit>* permit) {
  std::string today = FormatDate(Today());
  Verification v = VerifyToken(token, key_.public_key, today);
  if (v.result == "malformed")
    return InvalidArgument("token", "malformed_token", "这不是通行证二维码",
                           "this is not a permit QR code");
  if (!v.payload) return v;
  std::optional<Permit> p;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(p, PermitRepository::ByNumber(c, v.payload->permit_no));
    return Status::Ok();
  }));
  if (!p) {
    v.result = "unknown";
    return v;
  }
  Derive(&*p, today);
  if (p->state == "revoked") v.result = "revoked";
  *permit = p;
  return v;
}

Result<std::string> PermitService::ReadIdNumber(int64_t id, const system::Principal& by,
                                                const std::string& ip) {
  ASSIGN_OR_RETURN(Permit p, Get(id, by));
  std::string sealed;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(sealed, PermitRepository::IdCipher(c, id));
    return Status::Ok();
  }));
  if (sealed.empty())
    return NotFound("no_id_number", "该通行证没有身份证号", "this permit has no ID number");
  auto clear = crypto::Open(seal_key_, sealed);
  if (!clear) return Internal("ID number of permit " + std::to_string(id) + " does not open");
  // The audit record is written before anything is disclosed.
  RETURN_IF_ERROR(users_.Audit(&by, ip, "read_personal_data",
                               "permit=" + std::to_string(id) + "&enterprise=" + p.enterprise_uscc,
                               "id_number"));
  return *clear;
}

Result<std::vector<TypeCount>> PermitService::Counts(const std::string& from, const std::string& to,
                                                     const std::string& region,
                                                     const system::Principal& by) {
  auto f = ParseDate(from);
  if (!f)
    return InvalidArgument("from", "invalid_date", "日期格式应为 YYYY-MM-DD", "from: YYYY-MM-DD");
  auto t = ParseDate(to);
  if (!t) return InvalidArgument("to", "invalid_date", "日期格式应为 YYYY-MM-DD", "to: YYYY-MM-DD");
  if (*t < *f) return InvalidArgument("to", "invalid_range", "截止日期早于起始日期", "to < from");
  RETURN_IF_ERROR(CheckTransport(by, by.region_code));
  ASSIGN_OR_RETURN(system::Scope scope, NarrowScope(region, by));
  std::vector<TypeCount> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, PermitRepository::Counts(c, scope, from, to));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> PermitService::QrSvg(const Permit& p) const {
  if (p.token.empty()) return std::string();
  return workforce::QrSvg(p.token, std::string_view("#000"));
}

}  // namespace fugong::permit
