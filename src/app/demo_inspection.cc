// The demo's inspections (督导检查): four weeks of acceptance and guidance
// tasks assigned by the district commander to the demo user "inspector" for
// enterprises of the demo district, each inspected on site with 0–3 findings
// (立行立改 or 限期整改), the enterprises' evidence, re-checks that pass or
// fail, some rectifications left overdue (escalated), and a few tasks for
// today still to do. The clock is stepped through the weeks so every rule of
// the service holds (deadlines not in the past, the history in order). A
// fixed seed makes every run the same.
#include <algorithm>
#include <chrono>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "system/roles.h"

namespace fugong::app {
namespace {

struct Sample {
  const char* item;
  const char* description;
};

constexpr Sample kSamples[] = {
    {"disinfection_records", "消毒记录不全，卫生间、电梯未按一小时一消毒登记"},
    {"temperature_logs", "员工体温登记表缺少下午测温记录"},
    {"isolation_room", "临时隔离室堆放杂物，未保持独立通风"},
    {"masks", "口罩储备不足三天用量"},
    {"dining", "食堂未错峰就餐，餐桌未设隔板"},
    {"leader_on_duty", "带班领导值班表未公示"},
    {"four_measures", "门岗未落实扫码登记，外来人员未测温"},
    {"safety_production", "消防通道被原料堵塞"},
    {"safety_production", "配电箱未上锁，线路老化"},
    {"masks", "部分员工未规范佩戴口罩"},
};

// 1×1 PNG, the photo of a finding in the demo.
const std::string& DemoPhoto() {
  static const std::string png = [] {
    const unsigned char b[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
        0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
        0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
        0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x54, 0xa2, 0x4f, 0x5d, 0x00,
        0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    return std::string(reinterpret_cast<const char*>(b), sizeof b);
  }();
  return png;
}

}  // namespace

Status DemoInspections(App& app, const std::string& root_code) {
  using namespace std::chrono;
  (void)root_code;
  const auto real_now = Now();
  const Days today = Today();  // the clock is stepped below
  std::optional<system::Principal> inspector, commander;
  struct Firm {
    int64_t id;
    std::string uscc;
    bool resumed;
  };
  std::vector<Firm> firms;
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    for (auto [name, out] :
         {std::pair{"inspector", &inspector}, std::pair{"district", &commander}}) {
      ASSIGN_OR_RETURN(auto u,
                       c.Optional("SELECT id FROM users WHERE username = ?", {db::Text(name)}));
      if (!u) continue;
      ASSIGN_OR_RETURN(auto user, app.users->Get(u->Int(0)));
      ASSIGN_OR_RETURN(auto p, app.users->PrincipalOf(user));
      *out = p;
    }
    if (!inspector) return Status::Ok();
    ASSIGN_OR_RETURN(auto res,
                     c.Query("SELECT id, uscc, work_status FROM enterprises WHERE county_code = ? "
                             "AND work_status <> 'closed' ORDER BY id LIMIT 36",
                             {db::Text(inspector->region_code)}));
    for (const auto& r : res.rows) firms.push_back({r.Int(0), r.Text(1), r.Text(2) != "suspended"});
    return Status::Ok();
  }));
  if (!inspector || firms.empty()) return Status::Ok();
  const system::Principal boss = commander ? *commander : system::SystemPrincipal();

  std::mt19937_64 rng(20200217);
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
  // Day `days_ago` at hh:mm (Asia/Shanghai), never later than now.
  auto at = [&](int days_ago, int minute_of_day) {
    auto midnight = sys_days(today - days(days_ago)) - hours(8);
    auto t = system_clock::time_point(midnight + minutes(minute_of_day));
    return std::min(t, real_now - minutes(5));
  };
  auto date_of = [&](int days_ago) { return FormatDate(today - days(days_ago)); };

  auto& svc = *app.inspections;
  int tasks = 0, findings = 0;
  const int kTasks = 30;
  for (int i = 0; i < kTasks; ++i) {
    const Firm& firm = firms[size_t(i) % firms.size()];
    int day = 27 - int(i * 27 / kTasks);  // days ago, spread over four weeks
    SetNowForTesting(at(day, 8 * 60 + 30));
    inspection::NewTask nt;
    nt.kind = firm.resumed && chance(0.7) ? "guidance" : "acceptance";
    nt.uscc = firm.uscc;
    nt.inspector_id = inspector->user_id;
    nt.due_date = date_of(std::max(0, day - 2));
    nt.note = nt.kind == "guidance" ? "复工企业防疫措施督导" : "复工前现场验收";
    auto task = svc.CreateTask(nt, boss);
    if (!task.ok()) continue;
    ++tasks;
    int64_t tid = task->id;
    int inspect_day = std::max(0, day - int(uniform(0, 2)));
    SetNowForTesting(at(inspect_day, 9 * 60 + int(uniform(0, 300))));
    auto detail = svc.GetTask(tid, *inspector);
    if (!detail.ok()) continue;
    std::map<std::string, bool> answers;
    for (const auto& it : detail->checklist) answers[it.code] = true;
    int n = int(uniform(0, 3.6));
    std::vector<int64_t> open;
    for (int k = 0; k < n; ++k) {
      const Sample& s = kSamples[pick(std::size(kSamples))];
      if (!answers.count(s.item)) continue;
      inspection::NewFinding nf;
      nf.item_code = s.item;
      nf.description = s.description;
      nf.severity = chance(0.25) ? "major" : "general";
      bool spot = chance(0.45);
      nf.disposition = spot ? "fixed_on_spot" : "rectify_by_deadline";
      if (!spot) nf.deadline = date_of(std::max(0, inspect_day - int(uniform(2, 7))));
      auto f = svc.AddFinding(tid, nf, *inspector);
      if (!f.ok()) continue;
      ++findings;
      answers[s.item] = false;
      if (chance(0.5)) (void)svc.AddPhoto(f->id, "现场照片.png", DemoPhoto(), *inspector);
      if (!spot) open.push_back(f->id);
    }
    if (day == 0 && i % 3 == 0) continue;  // today's: still on site
    if (!svc.SaveAnswers(tid, answers, "现场检查，已当面反馈企业负责人", *inspector).ok()) continue;
    if (!svc.SubmitTask(tid, *inspector).ok()) continue;
    // Rectification: most enterprises send evidence before the deadline.
    for (int64_t fid : open) {
      auto f = svc.GetFinding(fid, *inspector);
      if (!f.ok() || f->deadline.empty()) continue;
      int deadline_ago = int((today - *ParseDate(f->deadline)).count());
      if (inspect_day == 0 || chance(0.2)) continue;  // no answer yet: overdue after the deadline
      int evidence_day = std::clamp(deadline_ago + int(uniform(0, 2)), 0, inspect_day - 1);
      SetNowForTesting(at(evidence_day, 14 * 60 + int(uniform(0, 180))));
      auto ent = enterprise_principal(f->enterprise_id);
      (void)svc.AddPhoto(fid, "整改照片.png", DemoPhoto(), ent);
      if (!svc.SubmitEvidence(fid, "已按要求完成整改，附整改照片", ent).ok()) continue;
      if (evidence_day == 0 || chance(0.2)) continue;  // awaiting re-check
      SetNowForTesting(at(evidence_day - 1, 10 * 60 + int(uniform(0, 240))));
      inspection::RecheckInput rc;
      rc.pass = chance(0.8);
      rc.comment = rc.pass ? "复查整改到位，予以销号" : "整改不到位，需重新整改";
      if (!rc.pass) rc.deadline = date_of(std::max(0, evidence_day - 1 - int(uniform(1, 4))));
      (void)svc.Recheck(fid, rc, *inspector);
    }
  }
  // Today's tasks, still to do on site.
  SetNowForTesting(at(0, 8 * 60));
  int todo = 0;
  for (size_t k = firms.size(); k-- > 0 && todo < 4;) {
    inspection::NewTask nt{firms[k].resumed ? "guidance" : "acceptance", firms[k].uscc,
                           inspector->user_id, date_of(0), "今日督导检查"};
    if (svc.CreateTask(nt, boss).ok()) ++todo, ++tasks;
  }
  SetNowForTesting(std::nullopt);
  if (const char* env = std::getenv("FUGONG_NOW"); env && *env)
    if (auto pinned = ParseTimestamp(env)) SetNowForTesting(*pinned);
  ASSIGN_OR_RETURN(int64_t escalated, svc.EscalateOverdue());
  std::printf("  %d inspection tasks, %d findings (%lld escalated as overdue)\n", tasks, findings,
              static_cast<long long>(escalated));
  return Status::Ok();
}

}  // namespace fugong::app
