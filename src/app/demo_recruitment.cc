// The demo's online recruitment (线上招聘): jobs posted through February and
// March 2020 by enterprises under the root region, most approved by the demo
// user "department" (人社局), some sent back, some waiting; a hundred job
// seekers (the demo user "jobseeker", a 高校毕业生, among them) with résumés,
// key groups and wishes, their applications, and the enterprises' answers
// (reviewing, interviews, hires). Every step runs through
// RecruitmentService with the clock pinned to its moment, so histories,
// pushes and labour gaps are real. A fixed seed makes every run the same.
#include <chrono>
#include <cstdlib>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "system/roles.h"

namespace fugong::app {
namespace {

using recruitment::JobInput;
using recruitment::Registration;
using recruitment::Seeker;

struct Opening {
  const char* section;  // "" any
  const char* title;
  const char* requirements;
  int pay_min, pay_max;
  const char* education;
};

constexpr Opening kOpenings[] = {
    {"C", "普工（生产线操作）", "身体健康，能适应倒班；返岗前须完成 14 天健康监测。", 3200, 4500,
     "none"},
    {"C", "质检员", "熟悉来料与成品检验，有质检经验优先。", 3800, 5200, "senior"},
    {"C", "设备维修工", "持电工证，会 PLC 者优先。", 4500, 6500, "vocational"},
    {"C", "口罩机操作工", "转产防疫物资，经培训上岗，包食宿。", 4000, 6000, "none"},
    {"F", "超市理货员", "负责商品上架、盘点，保障居民生活物资供应。", 2800, 3600, "none"},
    {"F", "仓库管理员", "会使用办公软件，熟悉进销存。", 3200, 4200, "senior"},
    {"G", "货运司机（B2）", "持 B2 驾照，两年以上驾龄，配合办理通行证。", 5000, 7000, "none"},
    {"G", "快递分拣员", "夜班，计件工资。", 3500, 5500, "none"},
    {"H", "厨师", "有团餐经验，熟悉分餐制。", 4000, 6000, "vocational"},
    {"E", "钢筋工", "持证上岗，项目在建，包吃住。", 6000, 9000, "none"},
    {"", "行政文员", "熟练使用办公软件，负责防疫台账与报表。", 3000, 4000, "college"},
    {"", "保安（测温岗）", "负责门岗测温、扫码登记，年龄 55 岁以下。", 2600, 3200, "none"},
    {"", "财务会计", "持初级会计证，熟悉税务申报。", 4000, 6000, "bachelor"},
};

constexpr const char* kEducation[] = {"junior",  "senior",   "vocational",
                                      "college", "bachelor", "master"};
constexpr const char* kSections[] = {"C", "F", "G", "H", "E"};

}  // namespace

Status SeedRecruitmentDemo(App& app, const std::string& root_code) {
  using namespace std::chrono;
  std::mt19937 rng(20200220);
  auto pick = [&](int n) { return int(rng() % uint32_t(n)); };
  auto& svc = *app.recruitment;

  // Enterprises that recruit: the demo enterprise and up to 60 others in the root region.
  struct Firm {
    int64_t id;
    std::string section, region;
  };
  std::vector<Firm> firms;
  std::optional<system::Principal> hr;
  std::vector<std::string> counties;
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto list,
                     c.Query("SELECT e.id, e.industry_section, e.region_code FROM enterprises e "
                             "LEFT JOIN users u ON u.enterprise_id = e.id AND u.username = "
                             "'enterprise' WHERE e.work_status <> 'closed' AND "
                             "(e.city_code = ? OR e.province_code = ? OR e.county_code = ?) "
                             "ORDER BY CASE WHEN u.id IS NULL THEN 1 ELSE 0 END, e.id LIMIT 60",
                             {db::Text(root_code), db::Text(root_code), db::Text(root_code)}));
    for (const auto& r : list.rows) firms.push_back({r.Int(0), r.Text(1), r.Text(2)});
    ASSIGN_OR_RETURN(auto u, c.Optional("SELECT id FROM users WHERE username = 'department'"));
    if (u) {
      ASSIGN_OR_RETURN(auto user, app.users->Get(u->Int(0)));
      ASSIGN_OR_RETURN(auto p, app.users->PrincipalOf(user));
      hr = p;
    }
    ASSIGN_OR_RETURN(auto cs, c.Query("SELECT DISTINCT county_code FROM enterprises WHERE "
                                      "county_code IS NOT NULL AND (city_code = ? OR "
                                      "province_code = ?) ORDER BY county_code LIMIT 8",
                                      {db::Text(root_code), db::Text(root_code)}));
    for (const auto& r : cs.rows) counties.push_back(r.Text(0));
    return Status::Ok();
  }));
  if (firms.empty() || !hr) return Status::Ok();
  // The demo user "department" (人社局 of the district) reviews its district's jobs; the city's
  // bureau the rest.
  system::Principal city = system::SystemPrincipal();
  city.display_name = "市人社局";
  auto approve = [&](int64_t id, const std::string& note) {
    auto r = svc.Approve(id, note, *hr);
    return r.ok() ||
           (r.status().kind() == ErrorKind::kNotFound && svc.Approve(id, note, city).ok());
  };
  auto reject = [&](int64_t id, const std::string& reason) {
    auto r = svc.Reject(id, reason, *hr);
    return r.ok() ||
           (r.status().kind() == ErrorKind::kNotFound && svc.Reject(id, reason, city).ok());
  };

  const auto start = sys_days(year(2020) / 2 / 20) + hours(1);  // 09:00 +08:00
  auto at = [&](int day, int minute) { SetNowForTesting(start + days(day) + minutes(minute)); };

  // Job seekers first, so approvals push to the key groups among them.
  const auto& names = DemoPersonNames();
  std::vector<system::Principal> seekers;
  int key_groups = 0;
  for (int i = 0; i < 100; ++i) {
    at(pick(10), pick(600));
    Registration reg;
    reg.username = i == 0 ? "jobseeker" : "seeker" + std::to_string(i);
    reg.password = DemoPassword();
    reg.name = names[size_t(i * 7 + 3) % names.size()];
    reg.mobile = "13" + std::to_string(5 + i % 5) + std::to_string(10000000 + i * 7919 % 89999999);
    auto s = svc.Register(reg, "demo-" + std::to_string(i / 4));
    if (!s.ok()) continue;
    ASSIGN_OR_RETURN(auto user, app.users->Get(s->user_id));
    ASSIGN_OR_RETURN(auto p, app.users->PrincipalOf(user));
    Seeker r;
    r.name = reg.name;
    r.mobile = reg.mobile;
    r.education = i == 0 ? "bachelor" : kEducation[pick(6)];
    r.graduate = i == 0 || pick(4) == 0;
    r.veteran = i != 0 && pick(8) == 0;
    r.hard_to_employ = i != 0 && pick(7) == 0;
    key_groups += r.KeyGroup();
    if (i == 0 || pick(3) != 0) r.desired_industry = kSections[i == 0 ? 0 : pick(5)];
    if (!counties.empty() && pick(2) == 0)
      r.desired_region = counties[size_t(pick(int(counties.size())))];
    r.desired_pay = 3000 + 500 * pick(6);
    r.experience = i == 0 ? "2020 届机械设计制造及其自动化专业本科毕业生，有生产实习经历。"
                          : "有 " + std::to_string(1 + pick(10)) + " 年相关工作经验。";
    RETURN_IF_ERROR(svc.UpdateResume(r, p).status());
    seekers.push_back(p);
  }

  // Jobs: posted over five weeks; most approved a day later, some sent back and corrected.
  std::vector<int64_t> open;
  int posted = 0, approved = 0, rejected = 0, pending = 0;
  for (size_t f = 0; f < firms.size(); ++f) {
    system::Principal ent;
    ent.display_name = "企业招聘专员";
    ent.roles = {"enterprise"};
    ent.permissions = system::PermissionsOf(ent.roles);
    ent.enterprise_id = firms[f].id;
    ent.scope.enterprise_id = firms[f].id;
    int n = 1 + pick(3);
    for (int k = 0; k < n; ++k) {
      std::vector<const Opening*> fit;
      for (const auto& o : kOpenings)
        if (*o.section == 0 || firms[f].section == o.section) fit.push_back(&o);
      const Opening& o = *fit[size_t(pick(int(fit.size())))];
      JobInput in;
      in.title = o.title;
      in.requirements = o.requirements;
      in.headcount = 1 + pick(30);
      in.has_headcount = true;
      in.pay_min = o.pay_min;
      in.pay_max = o.pay_max;
      in.education = o.education;
      in.industry_code = firms[f].section.empty() ? "C" : firms[f].section;
      in.location_code = firms[f].region;
      in.contact_name = "人事部";
      int day = pick(36);
      at(day, pick(480));
      auto job = svc.CreateJob(in, ent);
      if (!job.ok()) continue;
      ++posted;
      int64_t id = job->job.id;
      int fate = pick(10);
      if (day >= 34 && fate < 5) {
        ++pending;
        continue;
      }
      at(day + 1, 60 + pick(300));
      if (fate == 0) {
        if (!reject(id, "薪资待遇描述不清，请注明是否包食宿及试用期工资。")) continue;
        ++rejected;
        if (day < 30 && pick(2) == 0) {
          at(day + 2, pick(300));
          in.requirements += " 包食宿，试用期工资不低于 3000 元。";
          if (svc.UpdateJob(id, in, ent).ok()) {
            at(day + 3, pick(300));
            if (approve(id, "已补充，同意发布。")) ++approved, open.push_back(id);
          }
        }
        continue;
      }
      if (approve(id, "")) {
        ++approved;
        open.push_back(id);
      }
    }
  }

  // Applications and the enterprises' answers.
  int applications = 0, hires = 0;
  for (size_t s = 0; s < seekers.size() && !open.empty(); ++s) {
    int n = s == 0 ? 3 : pick(4);
    for (int k = 0; k < n; ++k) {
      at(39, pick(300));
      auto a =
          svc.Apply(open[size_t(pick(int(open.size())))], "您好，我对该岗位很感兴趣。", seekers[s]);
      if (!a.ok()) continue;
      ++applications;
      if (s == 0 && k == 0) continue;  // the demo seeker keeps one fresh application
      system::Principal admin = system::SystemPrincipal();
      int fate = pick(10);
      at(39, 300 + pick(200));
      const char* to = fate < 3   ? "reviewing"
                       : fate < 5 ? "interview"
                       : fate < 7 ? "hired"
                       : fate < 8 ? "rejected"
                                  : nullptr;
      if (!to) continue;
      auto moved = svc.MoveApplication(
          a->id, to, std::string(to) == "interview" ? "请于下周一上午到厂面试。" : "", admin);
      if (moved.ok() && std::string(to) == "hired") ++hires;
    }
  }
  SetNowForTesting(std::nullopt);
  if (const char* env = std::getenv("FUGONG_NOW"); env && *env)
    if (auto pinned = ParseTimestamp(env)) SetNowForTesting(*pinned);
  std::printf(
      "  %d jobs (%d published, %d sent back, %d waiting), %zu job seekers (%d in key groups), "
      "%d applications, %d hires\n",
      posted, approved, rejected, pending, seekers.size(), key_groups, applications, hires);
  return Status::Ok();
}

}  // namespace fugong::app
