// The demo's demands (诉求台账): four weeks of demands across the categories
// for enterprises of the root region, raised by enterprises, the demo cadre
// and the hotline; those of the demo district go to the demo user "cadre",
// some are transferred to departments; most are answered and resolved in
// time, some late, some still open and overdue, a few rated below 3 and
// reopened. Each action runs through DemandService with the clock pinned to
// its moment, so the history and the clocks are real. A fixed seed makes
// every run the same.
#include <chrono>
#include <cstdlib>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "system/roles.h"

namespace fugong::app {
namespace {

struct Sample {
  const char* category;
  const char* title;
  const char* description;
};

constexpr Sample kSamples[] = {
    {"raw_materials", "原材料供应中断，需协调上游企业复工",
     "主要原料供应商尚未复工，库存仅够 3 天。"},
    {"logistics", "货车通行证办理", "两辆货车需往返长春运输原料，申请办理通行证。"},
    {"funding", "流动资金紧张，申请贷款贴息", "复工后工资与原料支出集中，需流动资金 200 万元。"},
    {"labour", "外省员工返岗困难", "30 名外省员工无法返回，需协调包车。"},
    {"ppe", "口罩和消毒液缺口", "每日需口罩 400 只，现有库存仅 2 天。"},
    {"utilities", "用电增容", "复产后用电负荷增加，需供电公司现场核查。"},
    {"approvals", "环评批复延期", "新生产线环评批复受疫情影响延期，请协调。"},
    {"policy", "社保减免政策咨询", "咨询阶段性减免企业社会保险费的适用条件。"},
    {"other", "厂区周边道路封闭", "厂区南门道路封闭，员工通勤不便。"},
};

constexpr const char* kDepartments[] = {"人力资源和社会保障局", "工业和信息化局", "交通运输局",
                                        "商务局"};

}  // namespace

Status DemoDemands(App& app, const std::string& root_code, const std::string& district) {
  using namespace std::chrono;
  const auto real_now = Now();
  const Days today = Today();  // before the clock is pinned below
  const system::Principal admin = [] {
    system::Principal p = system::SystemPrincipal();
    p.display_name = "热线接线员";
    return p;
  }();
  // The demo cadre and up to 40 enterprises of the district, 20 elsewhere.
  std::optional<system::Principal> cadre;
  std::vector<std::pair<int64_t, std::string>> firms;  // id, uscc
  std::vector<bool> in_district;
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto u, c.Optional("SELECT id FROM users WHERE username = 'cadre'"));
    if (u) {
      ASSIGN_OR_RETURN(auto user, app.users->Get(u->Int(0)));
      ASSIGN_OR_RETURN(auto p, app.users->PrincipalOf(user));
      cadre = p;
    }
    ASSIGN_OR_RETURN(auto near, c.Query("SELECT id, uscc FROM enterprises WHERE county_code = ? "
                                        "AND work_status <> 'closed' ORDER BY id LIMIT 40",
                                        {db::Text(district)}));
    for (const auto& r : near.rows) {
      firms.emplace_back(r.Int(0), r.Text(1));
      in_district.push_back(true);
    }
    ASSIGN_OR_RETURN(auto far,
                     c.Query("SELECT id, uscc FROM enterprises WHERE county_code <> ? "
                             "AND (city_code = ? OR province_code = ?) AND "
                             "work_status <> 'closed' ORDER BY id LIMIT 20",
                             {db::Text(district), db::Text(root_code), db::Text(root_code)}));
    for (const auto& r : far.rows) {
      firms.emplace_back(r.Int(0), r.Text(1));
      in_district.push_back(false);
    }
    return Status::Ok();
  }));
  if (firms.empty()) return Status::Ok();

  std::mt19937_64 rng(20200214);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto chance = [&](double p) { return uniform(0, 1) < p; };
  auto pick = [&](size_t n) {
    return size_t(std::uniform_int_distribution<size_t>(0, n - 1)(rng));
  };
  auto enterprise_principal = [&](int64_t id) {
    system::Principal p;
    p.username = "contact";
    p.display_name = "企业联络员";
    p.roles = {"enterprise"};
    p.permissions = system::PermissionsOf(p.roles);
    p.enterprise_id = id;
    p.scope.enterprise_id = id;
    return p;
  };
  // Working-hours instant `days` days before today at a random time.
  auto at_day = [&](int days) {
    auto midnight = sys_days(today - std::chrono::days(days)) - hours(8);
    return system_clock::time_point(midnight + minutes(int(uniform(8 * 60 + 30, 17 * 60))));
  };

  int made = 0;
  const int kCount = 72;
  for (int i = 0; i < kCount; ++i) {
    size_t f = pick(firms.size());
    bool local = in_district[f] && cadre;
    const Sample& s = kSamples[size_t(i) % std::size(kSamples)];
    auto t = at_day(int(uniform(0, 28)));
    if (t > real_now) t = real_now - hours(1);
    SetNowForTesting(t);
    demand::NewDemand nd;
    nd.uscc = firms[f].second;
    nd.category = s.category;
    nd.title = s.title;
    nd.description = s.description;
    system::Principal raiser = chance(0.5) ? enterprise_principal(firms[f].first)
                               : local     ? *cadre
                                           : admin;
    if (raiser.enterprise_id) nd.uscc.clear();
    nd.source = raiser.enterprise_id ? "enterprise" : local && raiser.user_id ? "cadre" : "hotline";
    auto created = app.demands->Create(nd, raiser);
    if (!created.ok()) {
      spdlog::warn("demo demand: {}", created.status().ToString());
      continue;
    }
    ++made;
    int64_t id = created->view.demand.id;
    // The district's demands go to the demo cadre when no chain names one.
    if (local && !created->view.demand.assignee_id) {
      RETURN_IF_ERROR(app.db->Transact([&](db::Connection& c) {
        return c.Exec("UPDATE demands SET assignee_id = ?, cadre_id = ? WHERE id = ?",
                      {db::Int(cadre->user_id), db::Int(cadre->user_id), db::Int(id)});
      }));
    }
    // A cadre named by the 包保 chain acts through the admin principal (the demo cadre cannot).
    bool own = local && (!created->view.demand.assignee_id ||
                         *created->view.demand.assignee_id == cadre->user_id);
    const system::Principal& handler = own ? *cadre : admin;
    auto step = [&](double min_minutes, double max_minutes) {
      t += minutes(int(uniform(min_minutes, max_minutes)));
      if (t >= real_now) return false;
      SetNowForTesting(t);
      return true;
    };
    double fate = uniform(0, 1);
    if (fate < 0.12) continue;  // still new (the old ones are overdue)
    bool late = chance(0.2);
    if (!step(late ? 90 : 5, late ? 600 : 55)) continue;
    if (auto acc = app.demands->Accept(id, "", handler); !acc.ok()) {
      spdlog::warn("demo demand {}: {}", id, acc.status().ToString());
      continue;
    }
    bool transfer = chance(0.3);
    const system::Principal& worker = transfer ? admin : handler;
    if (transfer) {
      demand::TransferInput in;
      in.department = kDepartments[pick(std::size(kDepartments))];
      in.note = "请" + in.department + "协调办理";
      if (!step(10, 120) || !app.demands->Transfer(id, in, handler).ok()) continue;
    }
    if (!step(30, 300) || !app.demands->Respond(id, "已了解情况，正在协调相关单位。", worker).ok())
      continue;
    if (fate < 0.25) continue;  // in progress
    if (!step(60, chance(0.25) ? 6000 : 2000) ||
        !app.demands->Resolve(id, "已协调解决，请企业确认。", worker).ok())
      continue;
    if (fate < 0.32) continue;  // waiting for the rating
    if (!step(60, 1500)) continue;
    system::Principal ent = enterprise_principal(created->view.demand.enterprise_id);
    int rating = fate < 0.42 ? int(uniform(1, 2.99)) : fate < 0.55 ? 3 : fate < 0.8 ? 4 : 5;
    if (!app.demands->Rate(id, rating, rating < 3 ? "问题仍未解决" : "", ent).ok()) continue;
    if (rating >= 3) continue;
    if (!step(120, 1500) || !app.demands->Resolve(id, "已再次协调并现场确认解决。", worker).ok())
      continue;
    if (!step(60, 1500)) continue;
    (void)app.demands->Rate(id, 4, "", ent);
  }
  SetNowForTesting(std::nullopt);
  if (const char* env = std::getenv("FUGONG_NOW"); env && *env)
    if (auto pinned = ParseTimestamp(env)) SetNowForTesting(*pinned);
  ASSIGN_OR_RETURN(int escalated, app.demands->RunEscalation());
  std::printf("  %d demands (%d escalated as overdue)\n", made, escalated);
  return Status::Ok();
}

}  // namespace fugong::app
