#include "modules/finance/finance_service.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/clock.h"
#include "core/validation.h"
#include "modules/finance/rules.h"
#include "modules/notification/notification.h"
#include "system/export.h"

namespace fugong::finance {
namespace {

constexpr int64_t kAllCap = 100000;

bool HasRole(const system::Principal& by, std::string_view role) {
  return std::find(by.roles.begin(), by.roles.end(), role) != by.roles.end();
}
bool IsAdmin(const system::Principal& by) { return by.scope.all || HasRole(by, "admin"); }

template <size_t N>
bool OneOf(const std::string_view (&list)[N], const std::string& v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

Status DemandNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_finance_demand", "融资需求不存在或无权访问",
                "no such financing demand in your scope", "demand");
}
Status BankNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_bank", "金融机构不存在", "no such bank", "bank");
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

Status Notify(db::Connection& c, std::vector<int64_t> users, const std::string& kind,
              const std::string& title, const std::string& body, int64_t id) {
  if (users.empty()) return Status::Ok();
  notification::NewNotification n;
  n.user_ids = std::move(users);
  n.kind = kind;
  n.title = title;
  n.body = body;
  n.link = "/finance/demands/" + std::to_string(id);
  return notification::Enqueue(c, n);
}

std::string Wan(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

const char* StateZh(const std::string& s) {
  if (s == "filed") return "待推送";
  if (s == "pushed") return "待银行审批";
  if (s == "granted") return "已放款";
  if (s == "declined") return "未获批";
  if (s == "withdrawn") return "已撤回";
  return "";
}

}  // namespace

Result<std::string> FinanceService::FinanceDepartment() const {
  ASSIGN_OR_RETURN(auto s, settings_.Get("finance_department", ""));
  if (s.value.is_string()) return std::string(s.value.as_string());
  return std::string("地方金融监督管理局");
}

Result<double> FinanceService::MaxAmount(const std::string& region_code) const {
  ASSIGN_OR_RETURN(auto s, settings_.Get("finance_max_amount", region_code));
  if (s.value.is_number()) return std::min(s.value.to_number<double>(), kAbsoluteMaxAmount);
  return kAbsoluteMaxAmount;
}

// A department user acts for financing only as the finance office (or with
// no department, like the review queues); commanders and admins view.
Status FinanceService::CheckOffice(const system::Principal& by) const {
  if (IsAdmin(by) || HasRole(by, "commander") || !HasRole(by, "department")) return Status::Ok();
  if (by.department.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(std::string dept, FinanceDepartment());
  if (by.department != dept)
    return PermissionDenied("融资对接由" + dept + "办理", "financing belongs to " + dept);
  return Status::Ok();
}

Result<Access> FinanceService::AccessOf(const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  Access a;
  a.scope = by.scope;
  if (HasRole(by, "bank") && by.scope.Empty()) {
    std::optional<int64_t> bank;
    RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(bank, FinanceRepository::BankOf(c, by.user_id));
      return Status::Ok();
    }));
    a.bank_id = bank.value_or(0);  // 0: a bank user of no bank sees nothing
  }
  return a;
}

Status FinanceService::PrepareFilter(DemandFilter& f, const system::Principal& by) const {
  if (!f.state.empty() && !OneOf(kStates, f.state))
    return InvalidArgument("state", "invalid_value",
                           "state 应为 filed、pushed、granted、declined 或 withdrawn",
                           "state must be filed, pushed, granted, declined or withdrawn");
  if (!f.urgency.empty() && !OneOf(kUrgencies, f.urgency))
    return InvalidArgument("urgency", "invalid_value", "urgency 应为 normal、urgent 或 critical",
                           "urgency must be normal, urgent or critical");
  if (!f.from.empty() && !ParseDate(f.from))
    return InvalidArgument("from", "invalid_date", "from 应为 YYYY-MM-DD",
                           "from must be YYYY-MM-DD");
  if (!f.to.empty() && !ParseDate(f.to))
    return InvalidArgument("to", "invalid_date", "to 应为 YYYY-MM-DD", "to must be YYYY-MM-DD");
  RETURN_IF_ERROR(TextField("q", f.q, 100, false));
  if (!f.region_code.empty()) {
    auto region = reference_.GetRegion(f.region_code, "region");
    if (!region.ok()) return region.status();
    f.region_level = region->level;
  }
  return Status::Ok();
}

Result<std::vector<Bank>> FinanceService::Banks(const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  std::vector<Bank> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, FinanceRepository::Banks(c, false));
    return Status::Ok();
  }));
  return out;
}

Result<Bank> FinanceService::CreateBank(Bank b, const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  b.name = Trim(b.name);
  b.contact = Trim(b.contact);
  b.phone = Trim(b.phone);
  RETURN_IF_ERROR(TextField("name", b.name, 60, true));
  RETURN_IF_ERROR(TextField("contact", b.contact, 30, false));
  RETURN_IF_ERROR(TextField("phone", b.phone, 20, false));
  std::optional<int64_t> id;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, FinanceRepository::InsertBank(c, b, by.user_id, NowTimestamp()));
    if (!id)
      return Conflict("name", "duplicate_bank", "金融机构名称已存在", "a bank of that name exists");
    return Status::Ok();
  }));
  b.id = *id;
  return b;
}

Result<Bank> FinanceService::UpdateBank(Bank b, const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  b.name = Trim(b.name);
  RETURN_IF_ERROR(TextField("name", b.name, 60, true));
  RETURN_IF_ERROR(TextField("contact", b.contact, 30, false));
  RETURN_IF_ERROR(TextField("phone", b.phone, 20, false));
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto old, FinanceRepository::GetBank(c, b.id));
    if (!old) return BankNotFound();
    ASSIGN_OR_RETURN(bool ok, FinanceRepository::UpdateBank(c, b));
    if (!ok)
      return Conflict("name", "duplicate_bank", "金融机构名称已存在", "a bank of that name exists");
    return Status::Ok();
  }));
  return b;
}

Result<std::vector<BankUser>> FinanceService::BankUsers(int64_t bank_id,
                                                        const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  std::vector<BankUser> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto bank, FinanceRepository::GetBank(c, bank_id));
    if (!bank) return BankNotFound();
    ASSIGN_OR_RETURN(out, FinanceRepository::BankUsers(c, bank_id));
    return Status::Ok();
  }));
  return out;
}

Status FinanceService::AddBankUser(int64_t bank_id, const std::string& username,
                                   const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  RETURN_IF_ERROR(TextField("username", username, 64, true));
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto bank, FinanceRepository::GetBank(c, bank_id));
    if (!bank) return BankNotFound();
    ASSIGN_OR_RETURN(auto user, FinanceRepository::UserByName(c, username));
    if (!user)
      return InvalidArgument("username", "unknown_user", "用户不存在：" + username,
                             "no such user: " + username);
    if (std::find(user->second.begin(), user->second.end(), "bank") == user->second.end())
      return InvalidArgument("username", "not_bank_user", "该用户不是金融机构角色（bank）",
                             "the user does not hold the role bank");
    return FinanceRepository::PutBankUser(c, user->first, bank_id, by.user_id, NowTimestamp());
  });
}

Status FinanceService::RemoveBankUser(int64_t bank_id, int64_t user_id,
                                      const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool gone, FinanceRepository::RemoveBankUser(c, user_id, bank_id));
    if (!gone)
      return NotFound("unknown_bank_user", "该用户不属于此金融机构", "no such user of this bank");
    return Status::Ok();
  });
}

Result<std::vector<Programme>> FinanceService::Programmes(const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  std::vector<Programme> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, FinanceRepository::Programmes(c));
    return Status::Ok();
  }));
  return out;
}

Result<Programme> FinanceService::CreateProgramme(Programme p, const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  p.code = Trim(p.code);
  p.name = Trim(p.name);
  bool code_ok = !p.code.empty() && p.code.size() <= 40 &&
                 std::all_of(p.code.begin(), p.code.end(), [](char ch) {
                   return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
                 });
  if (!code_ok)
    return InvalidArgument("code", "invalid_code", "code 应为小写字母、数字和下划线（≤ 40）",
                           "code: lower-case letters, digits and _ (at most 40)");
  RETURN_IF_ERROR(TextField("name", p.name, 60, true));
  RETURN_IF_ERROR(TextField("note", p.note, 500, false));
  if (p.target_hours &&
      (!std::isfinite(*p.target_hours) || *p.target_hours <= 0 || *p.target_hours > 24 * 365))
    return InvalidArgument("target_hours", "invalid_value",
                           "target_hours 应为 0 到 8760 之间的小时数",
                           "target_hours must be hours between 0 and 8760");
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto id, FinanceRepository::InsertProgramme(c, p, NowTimestamp()));
    if (!id) return Conflict("code", "duplicate_programme", "项目代码已存在", "the code exists");
    p.id = *id;
    return Status::Ok();
  }));
  return p;
}

Result<Demand> FinanceService::File(NewDemand in, const system::Principal& by) {
  RETURN_IF_ERROR(CheckOffice(by));
  in.uscc = Trim(in.uscc);
  in.purpose = Trim(in.purpose);
  in.contact_name = Trim(in.contact_name);
  in.contact_phone = Trim(in.contact_phone);
  in.note = Trim(in.note);
  if (in.collateral.empty()) in.collateral = "credit";
  if (in.urgency.empty()) in.urgency = "normal";
  RETURN_IF_ERROR(TextField("purpose", in.purpose, 500, true));
  if (in.term_months < 1 || in.term_months > 360)
    return InvalidArgument("term_months", "invalid_value", "期限 term_months 应为 1–360 个月",
                           "term_months must be 1 to 360 months");
  if (!OneOf(kCollaterals, in.collateral))
    return InvalidArgument("collateral", "invalid_value",
                           "担保方式 collateral 应为 credit、guarantee、mortgage、pledge 或 other",
                           "collateral must be credit, guarantee, mortgage, pledge or other");
  if (!OneOf(kUrgencies, in.urgency))
    return InvalidArgument("urgency", "invalid_value",
                           "紧急程度 urgency 应为 normal、urgent 或 critical",
                           "urgency must be normal, urgent or critical");
  RETURN_IF_ERROR(TextField("contact_name", in.contact_name, 30, false));
  if (!in.contact_phone.empty()) RETURN_IF_ERROR(ValidateMobile("contact_phone", in.contact_phone));
  RETURN_IF_ERROR(TextField("note", in.note, 1000, false));
  // The enterprise: the caller's own, or the named one in the caller's scope.
  enterprise::Enterprise e;
  if (by.enterprise_id) {
    enterprise::EnterpriseFilter ef;
    int64_t total = 0;
    ASSIGN_OR_RETURN(auto list, enterprises_.List(ef, by.scope, system::Page{1, 1}, &total));
    if (list.empty()) return DemandNotFound();
    e = list.front();
  } else {
    if (in.uscc.empty())
      return InvalidArgument("uscc", "required", "请指定企业 uscc", "field uscc is required");
    auto got = enterprises_.Get(in.uscc, by.scope);
    if (!got.ok())
      return Status(ErrorKind::kNotFound, "unknown_enterprise", "企业不存在或无权访问",
                    "no such enterprise in your scope", "uscc");
    e = *got;
  }
  ASSIGN_OR_RETURN(double max, MaxAmount(e.region_code));
  RETURN_IF_ERROR(CheckAmount("amount", in.amount, max));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  ASSIGN_OR_RETURN(std::string dept, FinanceDepartment());
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    if (in.programme_id) {
      ASSIGN_OR_RETURN(auto progs, FinanceRepository::Programmes(c));
      bool known = std::any_of(progs.begin(), progs.end(),
                               [&](const Programme& p) { return p.id == *in.programme_id; });
      if (!known)
        return InvalidArgument("programme_id", "unknown_programme", "融资项目不存在",
                               "no such programme");
    }
    ASSIGN_OR_RETURN(
        id, FinanceRepository::InsertDemand(c, e.id, region, in, NowTimestamp(), by.user_id));
    ASSIGN_OR_RETURN(auto office, notification::RegionUsers(c, "department", region, dept));
    return Notify(c, office, "finance_filed", "新融资需求：" + e.name,
                  e.name + " 申请融资 " + Wan(in.amount) + " 万元（" + in.purpose + "）", id);
  }));
  return Detail(id, by);
}

Result<std::vector<Demand>> FinanceService::List(DemandFilter f, const system::Principal& by,
                                                 const system::Page& page, int64_t* total) {
  RETURN_IF_ERROR(PrepareFilter(f, by));
  ASSIGN_OR_RETURN(Access a, AccessOf(by));
  std::vector<Demand> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, FinanceRepository::ListDemands(c, f, a, page.size, page.Offset(), total));
    std::vector<int64_t> ids;
    for (const auto& d : out) ids.push_back(d.id);
    ASSIGN_OR_RETURN(auto pushes, FinanceRepository::PushesOf(c, ids, a.bank_id));
    for (auto& d : out) d.pushes = std::move(pushes[d.id]);
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Demand>> FinanceService::All(const DemandFilter& f, const Access& a) {
  std::vector<Demand> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, FinanceRepository::ListDemands(c, f, a, kAllCap, 0, nullptr));
    std::vector<int64_t> ids;
    for (const auto& d : out) ids.push_back(d.id);
    ASSIGN_OR_RETURN(auto pushes, FinanceRepository::PushesOf(c, ids, a.bank_id));
    for (auto& d : out) {
      d.pushes = std::move(pushes[d.id]);
      if (a.bank_id) {  // the demand as seen from the bank: its own push only
        auto s = DeriveState(d.pushes, d.state == "withdrawn");
        d.state = s.state;
        d.decided_at = s.decided_at;
        d.granted_amount = s.granted_amount;
        d.first_pushed_at = d.pushes.empty() ? "" : d.pushes.front().pushed_at;
      }
    }
    return Status::Ok();
  }));
  return out;
}

Result<Demand> FinanceService::Load(int64_t id, const Access& a) {
  std::optional<Demand> d;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(d, FinanceRepository::GetDemand(c, id, a));
    if (!d) return Status::Ok();
    ASSIGN_OR_RETURN(auto pushes, FinanceRepository::PushesOf(c, {id}, a.bank_id));
    d->pushes = std::move(pushes[id]);
    return Status::Ok();
  }));
  if (!d) return DemandNotFound();
  return *d;
}

Result<Demand> FinanceService::Detail(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Access a, AccessOf(by));
  return Load(id, a);
}

Status FinanceService::Refresh(db::Connection& c, int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(auto d, FinanceRepository::GetDemand(c, id, Access{system::Scope::All(), {}}));
  if (!d) return DemandNotFound();
  ASSIGN_OR_RETURN(auto pushes, FinanceRepository::PushesOf(c, {id}, std::nullopt));
  auto& list = pushes[id];
  auto s = DeriveState(list, d->state == "withdrawn");
  std::string first;
  for (const auto& p : list)
    if (first.empty() || p.pushed_at < first) first = p.pushed_at;
  ASSIGN_OR_RETURN(
      bool ok, FinanceRepository::UpdateDemandState(c, id, d->version, s.state, first, s.decided_at,
                                                    s.granted_amount, NowTimestamp(), by.user_id));
  if (!ok)
    return Conflict("version", "concurrent_change", "融资需求已被他人修改，请刷新后重试",
                    "the demand changed meanwhile; reload and retry");
  return Status::Ok();
}

Result<Demand> FinanceService::Push(int64_t id, std::vector<int64_t> bank_ids,
                                    const std::string& note, const system::Principal& by) {
  ASSIGN_OR_RETURN(Access a, AccessOf(by));
  if (!IsAdmin(by) && !HasRole(by, "department"))
    return PermissionDenied("只有金融办可以推送融资需求",
                            "only the finance office pushes financing demands");
  ASSIGN_OR_RETURN(Demand d, Load(id, a));
  if (bank_ids.empty())
    return InvalidArgument("bank_ids", "required", "请选择至少一家金融机构",
                           "choose at least one bank");
  RETURN_IF_ERROR(TextField("note", note, 500, false));
  if (d.state == "withdrawn" || d.state == "granted")
    return Status(ErrorKind::kConflict, "invalid_transition",
                  std::string("融资需求当前状态为「") + StateZh(d.state) + "」，不能推送",
                  "cannot push a demand in state " + d.state, "state");
  std::sort(bank_ids.begin(), bank_ids.end());
  bank_ids.erase(std::unique(bank_ids.begin(), bank_ids.end()), bank_ids.end());
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    std::vector<int64_t> fresh;
    std::string names;
    for (size_t i = 0; i < bank_ids.size(); ++i) {
      ASSIGN_OR_RETURN(auto bank, FinanceRepository::GetBank(c, bank_ids[i]));
      if (!bank || !bank->active)
        return InvalidArgument("bank_ids", "unknown_bank",
                               "金融机构不存在或已停用：" + std::to_string(bank_ids[i]),
                               "no such active bank: " + std::to_string(bank_ids[i]));
      ASSIGN_OR_RETURN(bool added, FinanceRepository::InsertPush(c, d, bank_ids[i], note,
                                                                 NowTimestamp(), by.user_id));
      if (added) {
        fresh.push_back(bank_ids[i]);
        names += (names.empty() ? "" : "、") + bank->name;
      }
    }
    if (fresh.empty())
      return Conflict("bank_ids", "already_pushed", "已推送给这些金融机构",
                      "already pushed to these banks");
    RETURN_IF_ERROR(Refresh(c, id, by));
    ASSIGN_OR_RETURN(auto bankers, FinanceRepository::UsersOfBanks(c, fresh));
    RETURN_IF_ERROR(Notify(
        c, bankers, "finance_pushed", "融资需求待审批：" + d.enterprise_name,
        d.enterprise_name + " 申请融资 " + Wan(d.amount) + " 万元（" + d.purpose + "）", id));
    ASSIGN_OR_RETURN(auto owners, notification::EnterpriseUsers(c, d.enterprise_id));
    return Notify(c, owners, "finance_pushed_enterprise", "融资需求已推送至金融机构",
                  "您的融资需求已推送至：" + names, id);
  }));
  return Load(id, a);
}

Result<Demand> FinanceService::Decide(int64_t id, Decision dec, const system::Principal& by) {
  ASSIGN_OR_RETURN(Access a, AccessOf(by));
  if (!a.bank_id)
    return PermissionDenied("只有金融机构用户可以登记审批结果",
                            "only a bank's user records decisions");
  ASSIGN_OR_RETURN(Demand d, Load(id, a));
  if (!OneOf(kDecisions, dec.decision))
    return InvalidArgument("decision", "invalid_value", "decision 应为 granted 或 declined",
                           "decision must be granted or declined");
  RETURN_IF_ERROR(TextField("note", dec.note, 500, false));
  if (dec.decision == "granted") {
    ASSIGN_OR_RETURN(double max, MaxAmount(d.region_code));
    RETURN_IF_ERROR(CheckAmount("granted_amount", dec.granted_amount, max));
    if (!std::isfinite(dec.rate) || dec.rate <= 0 || dec.rate > 36)
      return InvalidArgument("rate", "invalid_rate", "年利率 rate 应在 0 到 36（%）之间",
                             "rate must be an annual percentage above 0 and at most 36");
    auto day = ParseDate(dec.grant_date);
    if (!day)
      return InvalidArgument("grant_date", "invalid_date", "放款日期 grant_date 应为 YYYY-MM-DD",
                             "grant_date must be YYYY-MM-DD");
    if (*day > Today())
      return InvalidArgument("grant_date", "future_date", "放款日期不能晚于今天",
                             "grant_date cannot be in the future");
    auto filed = ParseTimestamp(d.filed_at);
    if (filed && *day < BusinessDate(*filed))
      return InvalidArgument("grant_date", "before_filing", "放款日期不能早于需求登记日期",
                             "grant_date cannot precede the filing");
  }
  if (d.state == "withdrawn")
    return Status(ErrorKind::kConflict, "invalid_transition", "融资需求已撤回",
                  "the demand was withdrawn", "state");
  if (d.pushes.empty()) return DemandNotFound();
  if (d.pushes.front().decision != "pending")
    return Conflict("decision", "already_decided", "本机构已登记审批结果",
                    "your bank already recorded a decision");
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(
        bool ok, FinanceRepository::DecidePush(c, id, *a.bank_id, dec, NowTimestamp(), by.user_id));
    if (!ok)
      return Conflict("decision", "already_decided", "本机构已登记审批结果",
                      "your bank already recorded a decision");
    RETURN_IF_ERROR(Refresh(c, id, by));
    const std::string& bank = d.pushes.front().bank_name;
    ASSIGN_OR_RETURN(auto owners, notification::EnterpriseUsers(c, d.enterprise_id));
    std::string body =
        dec.decision == "granted"
            ? bank + " 已批准 " + Wan(dec.granted_amount) + " 万元，年利率 " + Wan(dec.rate) +
                  "%，放款日期 " + dec.grant_date
            : bank + " 未批准本次融资需求" + (dec.note.empty() ? "" : "：" + dec.note);
    RETURN_IF_ERROR(Notify(c, owners, "finance_decided", "融资需求审批结果", body, id));
    ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(d.region_code));
    ASSIGN_OR_RETURN(std::string dept, FinanceDepartment());
    ASSIGN_OR_RETURN(auto office, notification::RegionUsers(c, "department", region, dept));
    return Notify(c, office, "finance_decided", "银行审批结果：" + d.enterprise_name, body, id);
  }));
  return Load(id, a);
}

Result<Demand> FinanceService::Withdraw(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Access a, AccessOf(by));
  if (!by.enterprise_id && !IsAdmin(by))
    return PermissionDenied("只有提出需求的企业可以撤回", "only the enterprise withdraws");
  ASSIGN_OR_RETURN(Demand d, Load(id, a));
  if (d.state != "filed" && d.state != "pushed")
    return Status(ErrorKind::kConflict, "invalid_transition",
                  std::string("融资需求当前状态为「") + StateZh(d.state) + "」，不能撤回",
                  "cannot withdraw a demand in state " + d.state, "state");
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool ok, FinanceRepository::UpdateDemandState(c, id, d.version, "withdrawn",
                                                                   d.first_pushed_at, "", 0,
                                                                   NowTimestamp(), by.user_id));
    if (!ok)
      return Conflict("version", "concurrent_change", "融资需求已被他人修改，请刷新后重试",
                      "the demand changed meanwhile; reload and retry");
    std::vector<int64_t> banks;
    for (const auto& p : d.pushes)
      if (p.decision == "pending") banks.push_back(p.bank_id);
    ASSIGN_OR_RETURN(auto bankers, FinanceRepository::UsersOfBanks(c, banks));
    return Notify(c, bankers, "finance_withdrawn", "融资需求已撤回：" + d.enterprise_name,
                  d.enterprise_name + " 撤回了融资需求", id);
  }));
  return Load(id, a);
}

Result<std::string> FinanceService::Export(DemandFilter f, io::TableFormat format,
                                           const system::Principal& by) {
  RETURN_IF_ERROR(PrepareFilter(f, by));
  ASSIGN_OR_RETURN(Access a, AccessOf(by));
  ASSIGN_OR_RETURN(auto list, All(f, a));
  return system::ExportTable(
      format, "融资需求",
      {std::string("编号"), std::string("统一社会信用代码"), std::string("企业名称"),
       std::string("区划代码"), std::string("融资项目"), std::string("金额（万元）"),
       std::string("用途"), std::string("期限（月）"), std::string("担保方式"),
       std::string("紧急程度"), std::string("状态"), std::string("登记时间"),
       std::string("推送机构"), std::string("获批金额（万元）"), std::string("决定时间")},
      [&](io::TableWriter& w) -> Status {
        for (const auto& d : list) {
          std::string banks;
          for (const auto& p : d.pushes) banks += (banks.empty() ? "" : "、") + p.bank_name;
          RETURN_IF_ERROR(w.WriteRow(
              {double(d.id), d.enterprise_uscc, d.enterprise_name, d.region_code, d.programme_name,
               d.amount, d.purpose, double(d.term_months), d.collateral, d.urgency,
               std::string(StateZh(d.state)), d.filed_at, banks, d.granted_amount, d.decided_at}));
        }
        return Status::Ok();
      });
}

Result<Summary> FinanceService::Totals(DemandFilter f, const system::Principal& by) {
  RETURN_IF_ERROR(PrepareFilter(f, by));
  ASSIGN_OR_RETURN(Access a, AccessOf(by));
  ASSIGN_OR_RETURN(auto list, All(f, a));
  return Summarise(list);
}

Result<std::vector<Turnaround>> FinanceService::Turnarounds(DemandFilter f,
                                                            const system::Principal& by) {
  RETURN_IF_ERROR(PrepareFilter(f, by));
  ASSIGN_OR_RETURN(Access a, AccessOf(by));
  std::vector<Programme> programmes;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(programmes, FinanceRepository::Programmes(c));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto list, All(f, a));
  auto now = Now();
  std::vector<Turnaround> out;
  for (const auto& p : programmes) {
    if (f.programme_id && *f.programme_id != p.id) continue;
    std::vector<Demand> of;
    for (const auto& d : list)
      if (d.programme_id && *d.programme_id == p.id) of.push_back(d);
    Turnaround t = ComputeTurnaround(of, p.target_hours, now);
    t.programme_id = p.id;
    t.code = p.code;
    t.name = p.name;
    out.push_back(std::move(t));
  }
  Turnaround all = ComputeTurnaround(list, std::nullopt, now);
  all.code = "all";
  all.name = "全部";
  out.push_back(std::move(all));
  return out;
}

}  // namespace fugong::finance
