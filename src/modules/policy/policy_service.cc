#include "modules/policy/policy_service.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/clock.h"
#include "core/validation.h"
#include "modules/notification/notification.h"
#include "modules/policy/policy_repository.h"
#include "modules/policy/rules.h"
#include "system/export.h"

namespace fugong::policy {
namespace {

constexpr double kMaxAmount = 1000000;  // 万元: 100 亿
constexpr int64_t kPageOfEnterprises = 2000;

template <size_t N>
bool OneOf(const std::string_view (&list)[N], const std::string& v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

Status PolicyNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_policy", "政策不存在或无权访问",
                "no such policy in your scope", "policy");
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

Status CheckAmount(const std::string& field, const std::optional<double>& v) {
  if (v && (!std::isfinite(*v) || *v < 0 || *v > kMaxAmount))
    return InvalidArgument(field, "invalid_amount", field + " 应为 0 到 1000000 万元之间的金额",
                           field + " must be an amount from 0 to 1000000 (10k yuan)");
  return Status::Ok();
}

// Whether `region` (of a policy) lies in the scope's subtree.
bool InScope(const system::Region& region, const system::Scope& scope) {
  if (scope.all) return true;
  if (scope.region_code.empty()) return false;
  return region.CodeAtLevel(scope.region_level) == scope.region_code;
}

const char* OutcomeZh(const std::string& o) {
  if (o == "pushed") return "已推送";
  if (o == "applied") return "已申请";
  if (o == "approved") return "已兑现";
  if (o == "rejected") return "未通过";
  return "未推送";
}

}  // namespace

Status PolicyService::ResolveRegions(Rule& r) const {
  for (size_t i = 0; i < r.conditions.size(); ++i) {
    auto& c = r.conditions[i];
    if (c.field != "region") continue;
    auto region =
        reference_.GetRegion(c.texts.at(0), "rule.conditions[" + std::to_string(i) + "].value");
    if (!region.ok())
      return InvalidArgument(region.status().field(), "unknown_region",
                             "条件中的区划代码不存在：" + c.texts.at(0),
                             "unknown region code in the rule: " + c.texts.at(0));
    c.region_level = region->level;
  }
  return Status::Ok();
}

Status PolicyService::Validate(Policy& p, const json::value& rule, system::Region* region) const {
  p.title = Trim(p.title);
  p.issuer = Trim(p.issuer);
  p.doc_no = Trim(p.doc_no);
  p.content = Trim(p.content);
  RETURN_IF_ERROR(TextField("title", p.title, 100, true));
  RETURN_IF_ERROR(TextField("issuer", p.issuer, 60, true));
  RETURN_IF_ERROR(TextField("doc_no", p.doc_no, 60, false));
  RETURN_IF_ERROR(TextField("content", p.content, 20000, false));
  if (!OneOf(kBenefits, p.benefit))
    return InvalidArgument("benefit", "invalid_value",
                           "benefit 应为 refund、tax、fee_relief、subsidy、interest 或 other",
                           "benefit must be refund, tax, fee_relief, subsidy, interest or other");
  auto from = ParseDate(p.valid_from);
  if (!from)
    return InvalidArgument("valid_from", "invalid_date", "valid_from 应为 YYYY-MM-DD",
                           "valid_from must be YYYY-MM-DD");
  auto to = ParseDate(p.valid_to);
  if (!to)
    return InvalidArgument("valid_to", "invalid_date", "valid_to 应为 YYYY-MM-DD",
                           "valid_to must be YYYY-MM-DD");
  if (*to < *from)
    return InvalidArgument("valid_to", "invalid_range", "有效期截止日期不能早于开始日期",
                           "valid_to cannot precede valid_from");
  ASSIGN_OR_RETURN(*region, reference_.GetRegion(p.region_code, "region_code"));
  ASSIGN_OR_RETURN(p.rule, ParseRule(rule));
  RETURN_IF_ERROR(ResolveRegions(p.rule));
  p.rule_json = ToJson(RuleToJson(p.rule));
  return Status::Ok();
}

Result<std::vector<std::string>> PolicyService::Ancestors(const system::Principal& by) const {
  std::vector<std::string> out;
  if (by.scope.region_code.empty()) return out;
  ASSIGN_OR_RETURN(auto region, reference_.GetRegion(by.scope.region_code));
  for (int lvl = 1; lvl < region.level; ++lvl)
    if (!region.CodeAtLevel(lvl).empty()) out.push_back(region.CodeAtLevel(lvl));
  return out;
}

Result<Policy> PolicyService::Create(Policy in, const json::value& rule,
                                     const system::Principal& by) {
  system::Region region;
  RETURN_IF_ERROR(Validate(in, rule, &region));
  if (!InScope(region, by.scope))
    return Status(ErrorKind::kNotFound, "unknown_region", "区划不在您的管辖范围内",
                  "the region is outside your scope", "region_code");
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, PolicyRepository::Insert(c, in, region, NowTimestamp(), by.user_id));
    return Status::Ok();
  }));
  return Detail(id, by);
}

Result<Policy> PolicyService::Update(int64_t id, Policy in, const json::value& rule,
                                     const system::Principal& by) {
  ASSIGN_OR_RETURN(Policy old, Visible(id, by));
  ASSIGN_OR_RETURN(auto old_region, reference_.GetRegion(old.region_code));
  if (!InScope(old_region, by.scope))
    return PermissionDenied("上级发布的政策不能修改",
                            "a policy of a higher level cannot be changed");
  system::Region region;
  RETURN_IF_ERROR(Validate(in, rule, &region));
  if (!InScope(region, by.scope))
    return Status(ErrorKind::kNotFound, "unknown_region", "区划不在您的管辖范围内",
                  "the region is outside your scope", "region_code");
  in.id = id;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    return PolicyRepository::Update(c, in, region, NowTimestamp(), by.user_id);
  }));
  return Detail(id, by);
}

Result<std::vector<Policy>> PolicyService::List(PolicyFilter f, const system::Principal& by,
                                                const system::Page& page, int64_t* total) {
  RETURN_IF_ERROR(TextField("q", f.q, 100, false));
  ASSIGN_OR_RETURN(auto ancestors, Ancestors(by));
  std::vector<Policy> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, PolicyRepository::List(c, f, by.scope, ancestors, FormatDate(Today()),
                                                 page.size, page.Offset(), total));
    std::vector<int64_t> ids;
    for (const auto& p : out) ids.push_back(p.id);
    ASSIGN_OR_RETURN(auto totals, PolicyRepository::TotalsOf(c, ids, by.scope));
    for (auto& p : out) p.totals = totals[p.id];
    return Status::Ok();
  }));
  return out;
}

Result<Policy> PolicyService::Visible(int64_t id, const system::Principal& by) {
  std::optional<Policy> p;
  bool pushed_to_caller = false;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(p, PolicyRepository::Get(c, id));
    if (p && by.enterprise_id) {
      ASSIGN_OR_RETURN(auto outcomes, PolicyRepository::Outcomes(c, id));
      pushed_to_caller = outcomes.count(*by.enterprise_id) > 0;
    }
    if (p) {
      ASSIGN_OR_RETURN(auto totals, PolicyRepository::TotalsOf(c, {id}, by.scope));
      p->totals = totals[id];
    }
    return Status::Ok();
  }));
  if (!p) return PolicyNotFound();
  if (by.scope.all || pushed_to_caller) return *p;
  ASSIGN_OR_RETURN(auto region, reference_.GetRegion(p->region_code));
  if (InScope(region, by.scope)) return *p;
  ASSIGN_OR_RETURN(auto ancestors, Ancestors(by));
  if (std::find(ancestors.begin(), ancestors.end(), p->region_code) != ancestors.end()) return *p;
  return PolicyNotFound();
}

Result<Policy> PolicyService::Detail(int64_t id, const system::Principal& by) {
  return Visible(id, by);
}

Result<std::vector<EligibleRow>> PolicyService::Match(const Policy& p,
                                                      const system::Principal& by) {
  if (by.enterprise_id) return PermissionDenied();
  ASSIGN_OR_RETURN(auto policy_region, reference_.GetRegion(p.region_code));
  enterprise::EnterpriseFilter ef;
  ef.region_code = InScope(policy_region, by.scope) ? p.region_code : by.scope.region_code;
  // No-layoffs facts only when the rule reads them.
  bool layoffs = std::any_of(p.rule.conditions.begin(), p.rule.conditions.end(),
                             [](const Condition& c) { return c.field == "no_layoffs"; });
  std::map<int64_t, std::pair<int64_t, int64_t>> heads;
  if (layoffs && headcounts_) {
    ASSIGN_OR_RETURN(auto days, settings_.Get("policy_layoff_window_days", p.region_code));
    int64_t n = days.value.is_int64() ? days.value.as_int64() : 30;
    auto today = Today();
    ASSIGN_OR_RETURN(heads,
                     headcounts_(FormatDate(today - std::chrono::days(n)), FormatDate(today)));
  }
  std::map<int64_t, std::string> outcomes;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(outcomes, PolicyRepository::Outcomes(c, p.id));
    return Status::Ok();
  }));
  std::map<std::string, system::Region> regions;
  std::vector<EligibleRow> out;
  system::Page page{1, int(kPageOfEnterprises)};
  int64_t total = 0;
  for (;;) {
    ASSIGN_OR_RETURN(auto list, enterprises_.List(ef, by.scope, page, &total));
    for (const auto& e : list) {
      Facts f;
      f.enterprise_id = e.id;
      f.uscc = e.uscc;
      f.name = e.name;
      f.region_code = e.region_code;
      auto it = regions.find(e.region_code);
      if (it == regions.end()) {
        ASSIGN_OR_RETURN(auto r, reference_.GetRegion(e.region_code));
        it = regions.emplace(e.region_code, r).first;
      }
      f.province_code = it->second.province_code;
      f.city_code = it->second.city_code;
      f.county_code = it->second.county_code;
      f.town_code = it->second.town_code;
      f.size = e.size;
      f.industry_code = e.industry_code;
      f.industry_section = e.industry_section;
      f.essential_category = e.essential_category;
      f.work_status = e.work_status;
      f.employees = e.employees;
      for (const auto& flag : enterprise::Flags())
        if (e.*(flag.member)) f.flags.push_back(std::string(flag.name));
      if (auto h = heads.find(e.id); h != heads.end())
        f.no_layoffs = h->second.second >= h->second.first;
      if (!policy::Eligible(p.rule, f)) continue;
      auto o = outcomes.find(e.id);
      out.push_back({std::move(f), o == outcomes.end() ? "" : o->second});
    }
    if (int64_t(page.page) * page.size >= total || list.empty()) break;
    ++page.page;
  }
  return out;
}

Result<std::vector<EligibleRow>> PolicyService::Eligible(int64_t id, const std::string& state,
                                                         const system::Principal& by,
                                                         const system::Page& page, int64_t* total) {
  if (!state.empty() && state != "pushed" && state != "not_pushed")
    return InvalidArgument("state", "invalid_value", "state 应为 pushed 或 not_pushed",
                           "state must be pushed or not_pushed");
  ASSIGN_OR_RETURN(Policy p, Visible(id, by));
  ASSIGN_OR_RETURN(auto all, Match(p, by));
  std::vector<EligibleRow> rows;
  for (auto& r : all)
    if (state.empty() || (state == "pushed") == !r.outcome.empty()) rows.push_back(std::move(r));
  *total = int64_t(rows.size());
  std::vector<EligibleRow> out;
  for (int64_t i = page.Offset(); i < *total && int64_t(out.size()) < page.size; ++i)
    out.push_back(std::move(rows[size_t(i)]));
  return out;
}

Result<std::string> PolicyService::ExportEligible(int64_t id, const std::string& state,
                                                  io::TableFormat format,
                                                  const system::Principal& by) {
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto rows, Eligible(id, state, by, system::Page{1, 1000000}, &total));
  return system::ExportTable(
      format, "符合条件企业",
      {std::string("统一社会信用代码"), std::string("企业名称"), std::string("区划代码"),
       std::string("规模"), std::string("行业代码"), std::string("职工总数"),
       std::string("推送状态")},
      [&](io::TableWriter& w) -> Status {
        for (const auto& r : rows)
          RETURN_IF_ERROR(w.WriteRow({r.facts.uscc, r.facts.name, r.facts.region_code, r.facts.size,
                                      r.facts.industry_code, double(r.facts.employees),
                                      std::string(OutcomeZh(r.outcome))}));
        return Status::Ok();
      });
}

Result<int64_t> PolicyService::Push(int64_t id, const std::vector<std::string>& usccs,
                                    const system::Principal& by) {
  ASSIGN_OR_RETURN(Policy p, Visible(id, by));
  if (by.enterprise_id) return PermissionDenied();
  std::string today = FormatDate(Today());
  if (p.valid_to < today || p.valid_from > today)
    return Status(ErrorKind::kConflict, "not_valid", "政策不在有效期内，不能推送",
                  "the policy is not valid today", "valid_to");
  ASSIGN_OR_RETURN(auto rows, Match(p, by));
  std::vector<const Facts*> targets;
  if (usccs.empty()) {
    for (const auto& r : rows)
      if (r.outcome.empty()) targets.push_back(&r.facts);
  } else {
    for (const auto& u : usccs) {
      auto it = std::find_if(rows.begin(), rows.end(),
                             [&](const EligibleRow& r) { return r.facts.uscc == u; });
      if (it == rows.end())
        return InvalidArgument("usccs", "not_eligible", "企业不符合该政策条件或不在管辖范围：" + u,
                               "not an eligible enterprise in your scope: " + u);
      if (it->outcome.empty()) targets.push_back(&it->facts);
    }
  }
  int64_t pushed = 0;
  std::string at = NowTimestamp();
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    for (const Facts* f : targets) {
      ASSIGN_OR_RETURN(bool added, PolicyRepository::InsertRecipient(c, p.id, *f, f->region_code,
                                                                     at, by.user_id));
      if (!added) continue;
      ++pushed;
      ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, f->enterprise_id));
      if (users.empty()) continue;
      notification::NewNotification n;
      n.user_ids = std::move(users);
      n.kind = "policy_pushed";
      n.title = "惠企政策：" + p.title;
      n.body = p.issuer + " 发布的政策，贵企业符合申报条件，有效期至 " + p.valid_to;
      n.link = "/policy-inbox/" + std::to_string(p.id);
      RETURN_IF_ERROR(notification::Enqueue(c, n));
    }
    return Status::Ok();
  }));
  return pushed;
}

Result<std::vector<Recipient>> PolicyService::Recipients(int64_t id, const std::string& outcome,
                                                         const system::Principal& by,
                                                         const system::Page& page, int64_t* total) {
  if (!outcome.empty() && !OneOf(kOutcomes, outcome))
    return InvalidArgument("outcome", "invalid_value",
                           "outcome 应为 pushed、applied、approved 或 rejected",
                           "outcome must be pushed, applied, approved or rejected");
  ASSIGN_OR_RETURN(Policy p, Visible(id, by));
  if (by.enterprise_id) return PermissionDenied();
  std::vector<Recipient> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, PolicyRepository::Recipients(c, p.id, outcome, by.scope, page.size,
                                                       page.Offset(), total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> PolicyService::ExportRecipients(int64_t id, const std::string& outcome,
                                                    io::TableFormat format,
                                                    const system::Principal& by) {
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto rows, Recipients(id, outcome, by, system::Page{1, 1000000}, &total));
  return system::ExportTable(
      format, "政策推送与兑现",
      {std::string("统一社会信用代码"), std::string("企业名称"), std::string("区划代码"),
       std::string("推送时间"), std::string("状态"), std::string("申请时间"),
       std::string("申请金额（万元）"), std::string("兑现金额（万元）"), std::string("办理意见")},
      [&](io::TableWriter& w) -> Status {
        for (const auto& r : rows)
          RETURN_IF_ERROR(w.WriteRow(
              {r.uscc, r.name, r.region_code, r.pushed_at, std::string(OutcomeZh(r.outcome)),
               r.applied_at,
               r.requested_amount ? io::Cell(*r.requested_amount) : io::Cell(std::string()),
               r.approved_amount ? io::Cell(*r.approved_amount) : io::Cell(std::string()),
               r.outcome_note}));
        return Status::Ok();
      });
}

Result<std::vector<Recipient>> PolicyService::Inbox(const system::Principal& by) {
  if (!by.enterprise_id) return std::vector<Recipient>{};
  std::vector<Recipient> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, PolicyRepository::Inbox(c, *by.enterprise_id));
    return Status::Ok();
  }));
  return out;
}

Result<Recipient> PolicyService::Apply(int64_t id, const std::string& note,
                                       std::optional<double> amount, const system::Principal& by) {
  if (!by.enterprise_id) return PermissionDenied("只有企业可以申请政策", "only enterprises apply");
  RETURN_IF_ERROR(TextField("note", note, 1000, false));
  RETURN_IF_ERROR(CheckAmount("requested_amount", amount));
  ASSIGN_OR_RETURN(Policy p, Visible(id, by));
  std::string today = FormatDate(Today());
  if (p.valid_to < today)
    return Status(ErrorKind::kConflict, "not_valid", "政策已过有效期", "the policy has expired",
                  "valid_to");
  std::optional<Recipient> mine;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto inbox, PolicyRepository::Inbox(c, *by.enterprise_id));
    for (auto& r : inbox)
      if (r.policy_id == id) mine = r;
    if (!mine) return PolicyNotFound();
    ASSIGN_OR_RETURN(bool ok, PolicyRepository::Apply(c, mine->id, note, amount, NowTimestamp()));
    if (!ok)
      return Status(ErrorKind::kConflict, "already_applied", "已申请过该政策",
                    "you already applied for this policy", "outcome");
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto inbox, Inbox(by));
  for (auto& r : inbox)
    if (r.policy_id == id) return r;
  return PolicyNotFound();
}

Result<Recipient> PolicyService::Decide(int64_t id, int64_t recipient_id,
                                        const std::string& outcome, std::optional<double> amount,
                                        const std::string& note, const system::Principal& by) {
  if (by.enterprise_id) return PermissionDenied();
  if (outcome != "approved" && outcome != "rejected")
    return InvalidArgument("outcome", "invalid_value", "outcome 应为 approved 或 rejected",
                           "outcome must be approved or rejected");
  RETURN_IF_ERROR(CheckAmount("amount", amount));
  if (outcome == "rejected") amount.reset();
  RETURN_IF_ERROR(TextField("note", note, 1000, false));
  ASSIGN_OR_RETURN(Policy p, Visible(id, by));
  std::optional<Recipient> r;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(r, PolicyRepository::GetRecipient(c, p.id, recipient_id, by.scope));
    if (!r)
      return Status(ErrorKind::kNotFound, "unknown_recipient", "该企业未收到此政策或无权访问",
                    "no such recipient in your scope", "recipient");
    ASSIGN_OR_RETURN(bool ok, PolicyRepository::Decide(c, r->id, outcome, amount, note,
                                                       NowTimestamp(), by.user_id));
    if (!ok)
      return Status(
          ErrorKind::kConflict, "invalid_transition",
          std::string("当前状态为「") + OutcomeZh(r->outcome) + "」，只能办理已申请的企业",
          "only an application (outcome applied) can be decided; it is " + r->outcome, "outcome");
    ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, r->enterprise_id));
    if (users.empty()) return Status::Ok();
    notification::NewNotification n;
    n.user_ids = std::move(users);
    n.kind = "policy_decided";
    n.title = "政策申请结果：" + p.title;
    n.body = outcome == "approved" ? std::string("您的申请已通过")
                                   : "您的申请未通过" + (note.empty() ? "" : "：" + note);
    n.link = "/policy-inbox/" + std::to_string(p.id);
    return notification::Enqueue(c, n);
  }));
  std::optional<Recipient> after;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(after, PolicyRepository::GetRecipient(c, p.id, recipient_id, by.scope));
    return Status::Ok();
  }));
  if (!after) return PolicyNotFound();
  return *after;
}

Result<std::pair<Totals, std::vector<Policy>>> PolicyService::Summary(PolicyFilter f,
                                                                      const system::Principal& by) {
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto list, List(f, by, system::Page{1, 100000}, &total));
  Totals all;
  for (const auto& p : list) {
    all.pushed += p.totals.pushed;
    all.applied += p.totals.applied;
    all.approved += p.totals.approved;
    all.rejected += p.totals.rejected;
    all.amount += p.totals.amount;
  }
  return std::make_pair(all, std::move(list));
}

}  // namespace fugong::policy
