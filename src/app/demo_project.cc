// The demo's key projects (重点项目): twenty projects under the root region,
// sixteen of them in the demo district, of the categories 省重点 / 市重点 /
// 三早, owned by enterprises of the registry (construction firms first) with
// one or two contractors, the demo cadres as responsible officials. Their
// restart curve follows the seeds: planned (re)starts from 2020-02-10 over
// four weeks, most restarting within days of the plan, a few late, two
// suspended for a week, one completed, two still not started at the end of
// March. The owners file project reports every third day (workers ramping up,
// investment completed accumulating), and the projects' problems (procedures,
// land, utilities, infrastructure, materials, labour) are raised as demands
// linked to the project, most resolved within days. The first project has a
// gate site of its owner. Every action runs through the services with the
// clock pinned to its moment; a fixed seed makes every run the same. The demo
// user "fgj" (发展和改革局, department role) manages them.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"

namespace fugong::app {
namespace {

constexpr const char* kNames[] = {
    "北环路快速化改造工程", "经开区标准化厂房（二期）", "城区供热管网改造", "第二水厂扩建",
    "中心医院门急诊综合楼", "化工园区污水处理厂",       "高新区人才公寓",   "江北棚户区改造",
    "物流产业园一期",       "汽车零部件产业园",         "城市综合管廊",     "第三中学新校区",
    "农产品冷链物流中心",   "新能源电池生产线",         "全民健身中心",     "老旧小区改造（三批）",
    "市域快速路西延",       "生物医药产业园",           "机场连接线",       "智慧园区数据中心",
};

struct ProblemSample {
  const char* category;
  const char* title;
};
constexpr ProblemSample kProblems[] = {
    {"approvals", "施工许可证办理需并联审批"},
    {"land", "项目用地红线调整"},
    {"utilities", "施工临时用电增容"},
    {"infrastructure", "进场道路及配套管网未完工"},
    {"raw_materials", "商品混凝土供应不足"},
    {"labour", "外地务工人员返岗困难"},
    {"approvals", "环评批复办理"},
    {"utilities", "施工用水接入"},
};

std::chrono::system_clock::time_point At(Days d, int hour) {
  return std::chrono::system_clock::time_point(std::chrono::sys_days(d) + std::chrono::hours(hour) -
                                               std::chrono::hours(8));
}

}  // namespace

Status SeedProjectDemo(App& app, const std::string& root_code, const std::string& county_code) {
  system::Principal admin = system::SystemPrincipal();
  system::NewUser nu;
  nu.username = "fgj";
  nu.password = DemoPassword();
  nu.display_name = "发改局项目科";
  nu.roles = {"department"};
  nu.region_code = county_code;
  nu.department = app.projects->Department();
  RETURN_IF_ERROR(app.users->Create(nu, admin).status());

  ASSIGN_OR_RETURN(auto snap, app.stats->Snapshot());
  int64_t county = stats::CodeNumber(county_code);
  int64_t root = stats::CodeNumber(root_code);
  std::vector<const stats::Fact*> builders, local, far;
  for (const auto& f : snap->facts) {
    bool in_root = f.codes[1] == root || f.codes[2] == root || f.codes[3] == root;
    if (f.codes[3] == county) {
      local.push_back(&f);
      std::string section = f.industry_code.substr(0, 2);
      if (section >= "47" && section <= "50") builders.push_back(&f);
    } else if (in_root) {
      far.push_back(&f);
    }
  }
  if (local.size() < 4) return Status::Ok();
  // Owners: local enterprises; contractors: construction firms where there are some.
  if (builders.size() < 3) builders = local;
  std::vector<std::string> officials;
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto res, c.Query("SELECT u.username FROM users u JOIN user_roles r ON "
                                       "r.user_id = u.id WHERE r.role = 'cadre' AND "
                                       "u.region_code = ? ORDER BY u.id LIMIT 5",
                                       {db::Text(county_code)}));
    for (const auto& r : res.rows) officials.push_back(r.Text(0));
    return Status::Ok();
  }));

  std::mt19937_64 rng(20200216);
  auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* kCategories[] = {"省重点", "市重点", "三早"};
  Days plan0 = *ParseDate("2020-02-10");
  Days end = std::min(Today(), *ParseDate("2020-03-31"));
  int made = 0, restarted = 0, problems = 0, solved = 0;
  std::optional<int64_t> first_project;
  std::string first_owner;
  for (int i = 0; i < 20; ++i) {
    const stats::Fact* owner = i < 16 || far.empty() ? local[size_t(i * 7) % local.size()]
                                                     : far[size_t(i * 5) % far.size()];
    project::ProjectInput in;
    char code[32];
    std::snprintf(code, sizeof code, "XM2020-%03d", i + 1);
    in.code = code;
    in.name = kNames[i];
    in.owner_uscc = owner->uscc;
    for (int k = 0; k < 1 + i % 2; ++k) {
      const stats::Fact* c = builders[size_t(i * 3 + k * 11) % builders.size()];
      if (c->uscc != owner->uscc) in.contractor_usccs.push_back(c->uscc);
    }
    in.region_code = owner->region_code;
    in.category = kCategories[i % 3];
    in.total_investment = 2000.0 * between(3, 60);
    in.annual_plan = std::round(in.total_investment * between(25, 60) / 100.0);
    Days planned = plan0 + std::chrono::days(between(0, 28));
    in.planned_start = FormatDate(planned);
    in.planned_end = FormatDate(planned + std::chrono::days(between(200, 700)));
    in.workers_planned = between(4, 40) * 10;
    if (!officials.empty()) in.officials = {officials[size_t(i) % officials.size()]};
    SetNowForTesting(At(*ParseDate("2020-01-20"), 10));
    auto p = app.projects->Create(in, admin);
    if (!p.ok()) {
      spdlog::warn("demo project: {}", p.status().ToString());
      continue;
    }
    ++made;
    int64_t id = p->id;
    if (!first_project) {
      first_project = id;
      first_owner = owner->uscc;
    }
    // The restart curve: most within days of the plan, a few late, two never (yet).
    if (i % 10 == 7) continue;
    Days resumed = planned + std::chrono::days(between(-2, i % 4 == 3 ? 25 : 8));
    if (resumed > end) continue;
    SetNowForTesting(At(resumed, 9));
    if (!app.projects->ChangeStatus(id, "resumed", FormatDate(resumed), "开复工", admin).ok())
      continue;
    ++restarted;
    std::optional<Days> stop, again, done;
    if (i % 9 == 4 && resumed + std::chrono::days(12) < end) {
      stop = resumed + std::chrono::days(5);
      again = *stop + std::chrono::days(7);
    }
    if (i == 5 && resumed + std::chrono::days(20) < end) done = resumed + std::chrono::days(20);
    // The owner's reports every third day.
    system::Principal owner_p;
    owner_p.username = "owner";
    owner_p.roles = {"enterprise"};
    owner_p.enterprise_id = owner->id;
    owner_p.scope.enterprise_id = owner->id;
    double invested = 0;
    for (Days d = resumed; d <= end; d += std::chrono::days(3)) {
      if (done && d > *done) break;
      bool stopped = stop && d >= *stop && d < *again;
      double share = std::min(1.0, 0.4 + 0.03 * double((d - resumed).count()));
      project::Report r;
      r.day = FormatDate(d);
      r.workers_on_site = stopped ? 0 : int64_t(double(in.workers_planned) * share);
      invested += stopped ? 0 : in.annual_plan * 0.012 * double(between(5, 15)) / 10.0;
      r.investment_completed = std::round(invested * 10) / 10;
      if (stop && d >= *stop && d < *stop + std::chrono::days(3)) r.status = "suspended";
      if (again && d >= *again && d < *again + std::chrono::days(3)) r.status = "resumed";
      SetNowForTesting(At(d, 17));
      (void)app.projects->SubmitReport(id, r, owner_p);
    }
    if (done) {
      SetNowForTesting(At(*done, 16));
      (void)app.projects->ChangeStatus(id, "completed", FormatDate(*done), "竣工验收", admin);
    }
    // Problems: demands linked to the project, raised before or just after the restart.
    if (i % 4 == 2) continue;
    int n = 1 + i % 3;
    for (int k = 0; k < n; ++k) {
      const ProblemSample& s = kProblems[size_t(i + k * 3) % std::size(kProblems)];
      Days raised = planned - std::chrono::days(between(1, 6)) + std::chrono::days(k * 4);
      if (raised > end) break;
      SetNowForTesting(At(raised, 10));
      demand::NewDemand nd;
      nd.uscc = owner->uscc;
      nd.category = s.category;
      nd.title = std::string(s.title) + "（" + kNames[i] + "）";
      nd.source = "hotline";
      nd.project_id = id;
      auto d = app.demands->Create(nd, admin);
      if (!d.ok()) {
        spdlog::warn("demo project demand: {}", d.status().ToString());
        continue;
      }
      ++problems;
      int64_t did = d->view.demand.id;
      SetNowForTesting(At(raised, 11));
      if (!app.demands->Accept(did, "", admin).ok()) continue;
      if ((i + k) % 5 == 4) continue;  // still open
      Days fixed = raised + std::chrono::days(between(1, 5));
      if (fixed > end) continue;
      SetNowForTesting(At(fixed, 15));
      if (app.demands->Resolve(did, "已协调解决。", admin).ok()) ++solved;
    }
  }
  SetNowForTesting(std::nullopt);
  if (const char* env = std::getenv("FUGONG_NOW"); env && *env)
    if (auto pinned = ParseTimestamp(env)) SetNowForTesting(*pinned);
  // A gate site of the first project's owner, linked to the project.
  if (first_project)
    (void)app.projects->AddSite(*first_project, std::nullopt, first_owner, "项目部大门", admin);
  std::printf("  %d key projects (%d restarted), %d project problems (%d solved); user fgj\n", made,
              restarted, problems, solved);
  return Status::Ok();
}

}  // namespace fugong::app
