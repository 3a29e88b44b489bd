// The demo's financing and policies (SeedFinancePolicyDemo in app.h): five
// banks, the bank accounts "bank" (吉林银行) and "bank2" (中国农业银行), the
// finance office account "jrb" (地方金融监督管理局); about sixty financing
// demands of the demo district's enterprises over the last four weeks, filed,
// pushed within hours to one or two banks and mostly decided (抗疫贷 within
// and beyond its 24 hours, a few still waiting, a few withdrawn); four
// policies with rules (小微 fee relief, 保供 tax deduction, no lay-offs
// refund, 外贸 interest subsidy) pushed to their eligible enterprises, with
// applications and outcomes. The services do the work under a pinned clock,
// so every state and figure comes from the same code as in production.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "system/roles.h"

namespace fugong::app {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::system_clock;

Result<system::Principal> MakeUser(App& app, const std::string& username, const std::string& name,
                                   const std::string& role, const std::string& region,
                                   const std::string& department) {
  system::NewUser nu;
  nu.username = username;
  nu.password = DemoPassword();
  nu.display_name = name;
  nu.roles = {role};
  nu.region_code = region;
  nu.department = department;
  auto made = app.users->Create(nu, system::SystemPrincipal());
  if (!made.ok()) return made.status();
  return app.users->PrincipalOf(*made);
}

Result<system::Principal> ExistingUser(App& app, const std::string& username) {
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto list, app.users->List(username, system::Page{1, 20}, &total));
  for (const auto& u : list)
    if (u.username == username) return app.users->PrincipalOf(u);
  return NotFound("unknown_user", "用户不存在", "no such user");
}

}  // namespace

Status SeedFinancePolicyDemo(App& app, const std::string& county_code) {
  ASSIGN_OR_RETURN(auto county, app.reference->GetRegion(county_code));
  std::string city = county.city_code.empty() ? county.code : county.city_code;
  ASSIGN_OR_RETURN(auto jrb,
                   MakeUser(app, "jrb", "金融办", "department", city, "地方金融监督管理局"));
  system::Principal admin = system::SystemPrincipal();

  // Banks and their users.
  const char* kBanks[] = {"吉林银行", "中国农业银行", "中国工商银行", "中国建设银行",
                          "吉林农村商业银行"};
  std::vector<int64_t> banks;
  for (const char* name : kBanks) {
    finance::Bank b;
    b.name = name;
    b.contact = "信贷部";
    ASSIGN_OR_RETURN(auto made, app.finance->CreateBank(b, jrb));
    banks.push_back(made.id);
  }
  ASSIGN_OR_RETURN(auto bank1, ExistingUser(app, "bank"));
  ASSIGN_OR_RETURN(auto bank2, MakeUser(app, "bank2", "农业银行信贷员", "bank", "", ""));
  RETURN_IF_ERROR(app.finance->AddBankUser(banks[0], "bank", jrb));
  RETURN_IF_ERROR(app.finance->AddBankUser(banks[1], "bank2", jrb));
  // Users acting for the other banks, so every push has someone to decide it.
  std::vector<system::Principal> bankers = {bank1, bank2};
  for (size_t i = 2; i < banks.size(); ++i) {
    std::string username = "bank" + std::to_string(i + 1);
    ASSIGN_OR_RETURN(auto u,
                     MakeUser(app, username, std::string(kBanks[i]) + "信贷员", "bank", "", ""));
    RETURN_IF_ERROR(app.finance->AddBankUser(banks[i], username, jrb));
    bankers.push_back(u);
  }
  ASSIGN_OR_RETURN(auto programmes, app.finance->Programmes(admin));

  enterprise::EnterpriseFilter ef;
  ef.region_code = county_code;
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto firms,
                   app.enterprises->List(ef, system::Scope::All(), system::Page{1, 400}, &total));
  if (firms.empty()) return Status::Ok();

  std::mt19937_64 rng(20200301);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto pick = [&](size_t n) {
    return size_t(std::uniform_int_distribution<size_t>(0, n - 1)(rng));
  };
  auto real_now = Now();
  Days today = Today();
  auto at_day = [&](int days_ago) {
    auto midnight = system_clock::time_point(today - std::chrono::days(days_ago)) - hours(8);
    return midnight + minutes(int(uniform(8 * 60 + 30, 17 * 60)));
  };
  auto pin = [&](system_clock::time_point t) { SetNowForTesting(std::min(t, real_now)); };
  auto enterprise_principal = [](int64_t id) {
    system::Principal p;
    p.username = "contact";
    p.display_name = "企业联络员";
    p.roles = {"enterprise"};
    p.permissions = system::PermissionsOf(p.roles);
    p.enterprise_id = id;
    p.scope.enterprise_id = id;
    return p;
  };
  const char* kPurposes[] = {"采购原材料",   "支付员工工资", "购置防疫物资",
                             "扩大口罩产能", "偿还到期贷款", "支付房租水电"};
  const char* kCollaterals[] = {"credit", "guarantee", "mortgage", "pledge"};

  Status st = [&]() -> Status {
    for (int i = 0; i < 60; ++i) {
      const auto& e = firms[pick(firms.size())];
      auto filed = at_day(int(uniform(0, 28)));
      if (filed > real_now) filed = real_now - hours(2);
      pin(filed);
      finance::NewDemand nd;
      int kind = i % 3;
      for (const auto& p : programmes)
        if ((kind == 0 && p.code == "epidemic_loan") || (kind == 1 && p.code == "stabilise_fund"))
          nd.programme_id = p.id;
      nd.amount = std::round(uniform(5, 300)) * 10;
      nd.purpose = kPurposes[pick(std::size(kPurposes))];
      nd.term_months = int64_t(6 * (1 + pick(6)));
      nd.collateral = kCollaterals[pick(std::size(kCollaterals))];
      nd.urgency = kind == 0 ? "critical" : (i % 2 ? "urgent" : "normal");
      nd.contact_name = "王伟";
      auto made = app.finance->File(nd, enterprise_principal(e.id));
      if (!made.ok()) continue;
      int64_t id = made->id;
      if (i % 17 == 5) continue;  // not pushed yet
      auto pushed = filed + minutes(int(uniform(20, 240)));
      if (pushed > real_now) continue;
      pin(pushed);
      std::vector<int64_t> to = {banks[pick(banks.size())]};
      if (i % 4 == 0) to.push_back(banks[(to[0] % banks.size())]);
      auto pushed_ok = app.finance->Push(id, to, "请优先办理", jrb);
      if (!pushed_ok.ok()) continue;
      if (i % 19 == 7) {
        pin(pushed + hours(3));
        (void)app.finance->Withdraw(id, enterprise_principal(e.id));
        continue;
      }
      for (int64_t b : to) {
        size_t idx = size_t(std::find(banks.begin(), banks.end(), b) - banks.begin());
        double wait = kind == 0 ? uniform(2, 36) : uniform(4, 120);
        auto decided = pushed + minutes(int(wait * 60));
        if (decided > real_now) continue;  // still waiting
        pin(decided);
        finance::Decision d;
        double r = uniform(0, 1);
        if (r < 0.75) {
          d.decision = "granted";
          d.granted_amount = std::round(nd.amount * uniform(0.6, 1.0));
          d.rate = std::round(uniform(3.05, 4.35) * 100) / 100;
          d.grant_date = FormatDate(BusinessDate(decided));
        } else {
          d.decision = "declined";
          d.note = "抵押物不足";
        }
        (void)app.finance->Decide(id, d, bankers[idx]);
      }
    }

    // Policies of the city, pushed from the demo's clock three weeks ago.
    struct DemoPolicy {
      const char* title;
      const char* issuer;
      const char* doc_no;
      const char* benefit;
      const char* content;
      const char* rule;
    };
    const DemoPolicy kPolicies[] = {
        {"小微企业房租减免", "市人民政府", "政发〔2020〕3号", "fee_relief",
         "承租国有资产类经营用房的小微企业，免收2月、3月两个月房租。",
         R"({"combine":"any","conditions":[{"field":"small_micro","op":"is","value":true},{"field":"size","op":"in","value":["small","micro"]}]})"},
        {"保供企业增值税抵扣", "市税务局", "税发〔2020〕12号", "tax",
         "列入保供名单的企业，疫情期间新增进项税额允许全额抵扣。",
         R"({"conditions":[{"field":"essential","op":"is","value":true}]})"},
        {"不裁员企业失业保险稳岗返还", "市人力资源和社会保障局", "人社发〔2020〕8号", "refund",
         "不裁员或少裁员的参保企业，返还上年度实际缴纳失业保险费的50%。",
         R"({"conditions":[{"field":"no_layoffs","op":"is","value":true},{"field":"employees","op":"ge","value":10}]})"},
        {"外贸企业贷款贴息", "市商务局", "商发〔2020〕5号", "interest",
         "受疫情影响的外贸企业，新增贷款给予50%贴息。",
         R"({"conditions":[{"field":"foreign_trade","op":"is","value":true},{"field":"work_status","op":"ne","value":"closed"}]})"},
    };
    for (size_t k = 0; k < std::size(kPolicies); ++k) {
      const auto& dp = kPolicies[k];
      pin(at_day(int(24 - 4 * k)));
      policy::Policy p;
      p.title = dp.title;
      p.issuer = dp.issuer;
      p.doc_no = dp.doc_no;
      p.benefit = dp.benefit;
      p.content = dp.content;
      p.valid_from = "2020-02-01";
      p.valid_to = std::max(std::string("2020-12-31"), FormatDate(today + std::chrono::days(180)));
      p.region_code = city;
      ASSIGN_OR_RETURN(auto made, app.policies->Create(p, json::parse(dp.rule), admin));
      auto pushed = app.policies->Push(made.id, {}, admin);
      if (!pushed.ok()) continue;
      int64_t n = 0;
      ASSIGN_OR_RETURN(auto rows,
                       app.policies->Recipients(made.id, "", admin, system::Page{1, 5000}, &n));
      for (size_t j = 0; j < rows.size(); ++j) {
        if (uniform(0, 1) > 0.5) continue;
        pin(at_day(int(20 - 4 * k - uniform(0, 3))));
        auto applied = app.policies->Apply(made.id, "申请享受该政策", std::round(uniform(1, 30)),
                                           enterprise_principal(rows[j].enterprise_id));
        if (!applied.ok() || uniform(0, 1) > 0.7) continue;
        pin(at_day(int(16 - 4 * k - uniform(0, 3))));
        bool ok = uniform(0, 1) < 0.8;
        (void)app.policies->Decide(
            made.id, rows[j].id, ok ? "approved" : "rejected",
            ok ? std::optional<double>(std::round(uniform(1, 30))) : std::nullopt,
            ok ? "已兑现" : "不符合参保条件", admin);
      }
    }
    return Status::Ok();
  }();
  SetNowForTesting(std::nullopt);
  if (const char* env = std::getenv("FUGONG_NOW"); env && *env)
    if (auto pinned = ParseTimestamp(env)) SetNowForTesting(*pinned);
  return st;
}

}  // namespace fugong::app
