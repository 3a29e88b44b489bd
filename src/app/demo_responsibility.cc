// The demo's 包保 (chains of responsibility and visits): every enterprise gets
// the chain its registry fields name (cadre and rank, grid, leader,
// department: the generator leaves about 4% without a cadre and gives a few
// 规上/重点 enterprises only a 科级 one, so the coverage report has work to
// show); in the demo district, cadre accounts take over enterprises — the demo
// user `cadre` (处级) about 24 of them, three more accounts the next ones, one
// 规上 enterprise by override — and weeks of visits and calls (走访, 电话调度)
// from 2020-02-10 to the demo's last day, some with a next visit date. A
// fixed seed makes every run the same.
#include <algorithm>
#include <chrono>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "modules/responsibility/responsibility_repository.h"

namespace fugong::app {
namespace {

using responsibility::ChainChange;
using responsibility::ChainFilter;
using responsibility::LinkChange;
using responsibility::ResponsibilityRepository;
using std::chrono::days;

constexpr const char* kSummaries[] = {
    "实地查看复工防疫措施，测温登记到位", "电话调度用工和返岗情况",
    "协调原材料运输车辆通行证",           "了解产能恢复情况，督促每日填报",
    "宣讲惠企政策，指导申报稳岗补贴",     "检查消杀记录和隔离室设置",
    "协调银行对接流动资金贷款",           "了解防疫物资库存，口罩可用 5 天"};
constexpr const char* kProblems[] = {
    "", "", "", "口罩储备不足", "外省员工返岗受阻", "原材料供应紧张", "物流运输不畅", ""};

struct DemoCadre {
  const char* username;
  const char* name;
  const char* rank;
  int enterprises;
};

}  // namespace

Status SeedResponsibilityDemo(App& app, const std::string& county_code) {
  std::mt19937 rng(20200210);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto sys = system::SystemPrincipal();

  // Chains from the registry's fields.
  RETURN_IF_ERROR(app.db->Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(int64_t made, ResponsibilityRepository::AdoptRegistry(c));
    spdlog::info("demo: {} chain links from the registry", made);
    return Status::Ok();
  }));

  // Cadre accounts of the district; the demo user `cadre` is 处级.
  const DemoCadre kCadres[] = {{"cadre", "", "division", 24},
                               {"cadre_qian", "钱建华", "section", 12},
                               {"cadre_sun", "孙丽萍", "section", 10},
                               {"cadre_li", "李振国", "division", 8}};
  std::vector<std::pair<int64_t, const DemoCadre*>> accounts;
  for (const auto& dc : kCadres) {
    std::optional<responsibility::LinkUser> u;
    RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(u, ResponsibilityRepository::UserByUsername(c, dc.username));
      return Status::Ok();
    }));
    int64_t id = 0;
    if (u) {
      id = u->id;
    } else {
      system::NewUser nu;
      nu.username = dc.username;
      nu.password = DemoPassword();
      nu.display_name = dc.name;
      nu.roles = {"cadre"};
      nu.region_code = county_code;
      ASSIGN_OR_RETURN(auto made, app.users->Create(nu, sys));
      id = made.id;
    }
    RETURN_IF_ERROR(app.responsibility->SetRank(id, dc.rank, sys).status());
    accounts.push_back({id, &dc});
  }

  // Enterprises of the district, in a fixed order.
  ChainFilter f;
  f.region_code = county_code;
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto chains, app.responsibility->List(f, sys, system::Page{1, 200}, &total));
  std::vector<std::string> mine;                         // the demo cadre's enterprises
  std::vector<std::pair<std::string, int64_t>> visited;  // uscc, cadre account
  size_t next = 0;
  bool overridden = false;
  for (const auto& [id, dc] : accounts) {
    int given = 0;
    while (given < dc->enterprises && next < chains.size()) {
      const auto& ch = chains[next++];
      ChainChange change;
      change.cadre = LinkChange{};
      change.cadre->user_id = id;
      change.cadre->phone = "1390432" + std::to_string(1000 + pick(0, 8999));
      if (ch.Key() && std::string(dc->rank) == "section") {
        if (overridden) continue;  // leave it to a 处级 cadre
        change.override_rule = true;
        change.override_reason = "处级干部不足，临时由科级干部包保";
        overridden = true;
      }
      RETURN_IF_ERROR(app.responsibility->Update(ch.uscc, change, sys).status());
      if (std::string(dc->username) == "cadre") mine.push_back(ch.uscc);
      visited.push_back({ch.uscc, id});
      ++given;
    }
  }

  // Weeks of visits and calls.
  const Days first = *ParseDate("2020-02-10");
  const Days last = std::min(*ParseDate("2020-03-31"), Today());
  int64_t count = 0;
  RETURN_IF_ERROR(app.db->Transact([&](db::Connection& c) -> Status {
    for (const auto& [uscc, user_id] : visited) {
      ASSIGN_OR_RETURN(auto ch,
                       ResponsibilityRepository::FindByUscc(c, uscc, system::Scope::All()));
      if (!ch) continue;
      ASSIGN_OR_RETURN(system::Region region, app.reference->GetRegion(ch->region_code));
      // Every 3 to 9 days; a few enterprises were last seen long ago (visits due).
      Days stop = pick(0, 5) == 0 ? last - days(pick(15, 25)) : last;
      for (Days d = first + days(pick(0, 4)); d <= stop; d += days(pick(3, 9))) {
        responsibility::NewVisit v;
        int k = pick(0, 9);
        v.kind = k < 5 ? "visit" : k < 9 ? "call" : "online";
        v.at = FormatDate(d) + "T" + (pick(0, 1) ? "09:" : "15:") +
               std::to_string(10 + pick(0, 49)) + ":00+08:00";
        v.summary = kSummaries[pick(0, std::size(kSummaries) - 1)];
        v.problems = kProblems[pick(0, std::size(kProblems) - 1)];
        if (d + days(9) > stop && pick(0, 2) == 0) v.next_visit_date = FormatDate(d + days(7));
        RETURN_IF_ERROR(
            ResponsibilityRepository::InsertVisit(c, *ch, region, user_id, v, FormatDate(d))
                .status());
        ++count;
      }
    }
    return Status::Ok();
  }));
  spdlog::info("demo: {} enterprises for the demo cadre, {} visits", mine.size(), count);
  return Status::Ok();
}

}  // namespace fugong::app
