// The demo's resumption applications (复工申报): a few hundred enterprises of
// the demo region get an application in every state, consistent with their
// status history. The city sets a two-level review (街道 → 区县) and puts 规上
// and key enterprises on its negative list, so both routes appear:
//  - enterprises that resumed at date W: an approved application planned for
//    W — 承诺即复工 (approved on submission; recent ones still due for an
//    inspection) or the standard route (town review, county review, on-site
//    acceptance; some first returned with a deficiency list and resubmitted);
//  - enterprises still suspended: drafts, applications awaiting the town or
//    the county, awaiting acceptance, returned with deficiencies (by a
//    reviewer or a failed acceptance) and withdrawn ones, planned for late
//    March.
// The demo's reviewer, inspector and enterprise accounts find work in their
// queues; a town reviewer (reviewer_town) is added for the first level.
// Rows are written through the repository with 2020 timestamps; a fixed seed
// makes every run the same.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "modules/resumption/application_repository.h"

namespace fugong::app {
namespace {

using resumption::Application;
using resumption::ApplicationRepository;
using resumption::Deficiency;
using resumption::Transition;

constexpr const char* kPassword = "Fugong@2020";

struct Reason {
  const char* item;
  const char* text;
};
constexpr Reason kReasons[] = {
    {"isolation_room", "隔离观察室未设置或不具备独立通风条件"},
    {"thermometers", "体温计数量不足，无法满足门岗和车间测温"},
    {"masks_in_stock", "口罩储备不足"},
    {"masks_days_of_supply", "口罩储备不足 7 天用量"},
    {"disinfection_plan", "消毒方案未明确区域和频次"},
    {"disinfection_records", "缺少消毒记录台账"},
    {"staggered_dining", "食堂未实行错峰分餐"},
    {"leader_on_duty", "未落实领导带班制度"},
    {"emergency_plan", "缺少疫情应急处置预案"},
    {"four_measures", "门岗未落实扫码、登记、测温、戴口罩"},
    {"staff", "外省返岗人员未报备隔离情况"},
    {"attachments", "保供订单或合同材料不清晰"},
    {"commitment", "承诺书应由法定代表人签署"},
};
constexpr const char* kFindings[] = {"车间未张贴防控须知", "隔离室无独立通风", "消毒记录缺 2 天",
                                     "食堂座位间隔不足 1 米", "门岗测温登记不完整"};

class Rng {
 public:
  explicit Rng(uint64_t seed) : rng_(seed) {}
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  std::mt19937_64 rng_;
};

std::string At(Days d, int hour, int minute = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:00+08:00", hour, minute);
  return FormatDate(d) + buf;
}

bool Resumed(const std::string& s) {
  return s == "work_resumed" || s == "production_resumed" || s == "full_capacity";
}

// An actor of the demo: a real account when one works there, else a name.
struct Actor {
  std::optional<int64_t> id;
  std::string name;
};

struct DemoUsers {
  std::map<std::string, system::User> by_name;
  const system::User* Find(const std::string& name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &it->second;
  }
};

// Builds one application with its timeline and writes it.
class Writer {
 public:
  Writer(App& app, db::Connection& c, const DemoUsers& users, Rng& rng)
      : app_(app), c_(c), users_(users), rng_(rng) {}

  std::map<std::string, int> counts;

  Status Write(Application a, std::vector<Transition> timeline,
               std::optional<resumption::Acceptance> acceptance, bool evidence) {
    a.created_at = timeline.front().at;
    a.updated_at = timeline.back().at;
    ASSIGN_OR_RETURN(a.id, ApplicationRepository::Insert(c_, a, std::nullopt));
    for (const auto& t : timeline)
      RETURN_IF_ERROR(ApplicationRepository::InsertTransition(c_, a, t));
    if (acceptance)
      RETURN_IF_ERROR(
          ApplicationRepository::InsertAcceptance(c_, a, *acceptance, acceptance->inspector_id));
    if (evidence) {
      resumption::Attachment att;
      att.kind = rng_.Chance(0.5) ? "order" : "contract";
      att.filename = std::string(att.kind == "order" ? "保供订单" : "供货合同") + ".pdf";
      att.content = "%PDF-1.4\n% demo evidence of " + a.uscc + "\n%%EOF\n";
      att.content_type = "application/pdf";
      att.sha256 = resumption::Sha256Hex(att.content);
      att.created_at = timeline.front().at;
      ASSIGN_OR_RETURN(att.id, ApplicationRepository::InsertAttachment(c_, a, att, std::nullopt));
    }
    counts[a.route + " " + a.state]++;
    return Status::Ok();
  }

  // The reviewer of `level` for an application: the demo account when it
  // works there, else a named officer of that region's department.
  Actor Reviewer(const Application& a, int level) {
    const std::string& code = CodeAt(a, level);
    for (const char* name : {"reviewer", "reviewer_town"}) {
      const system::User* u = users_.Find(name);
      if (u && u->region_code == code && (u->department.empty() || u->department == a.department))
        return {u->id, u->display_name};
    }
    auto r = app_.reference->GetRegion(code);
    return {std::nullopt, (r.ok() ? r->name : code) + a.department + "审核员"};
  }
  Actor Inspector(const Application& a) {
    const system::User* u = users_.Find("inspector");
    if (u && u->region_code == a.county_code) return {u->id, u->display_name};
    auto r = app_.reference->GetRegion(a.county_code.empty() ? a.region_code : a.county_code);
    return {std::nullopt, (r.ok() ? r->name : std::string()) + "验收组"};
  }

  std::vector<Deficiency> SomeDeficiencies() {
    std::vector<Deficiency> out;
    int n = rng_.Between(2, 4);
    int start = rng_.Between(0, int(std::size(kReasons)) - 1);
    for (int i = 0; i < n; ++i) {
      const Reason& r = kReasons[size_t((start + i * 3) % int(std::size(kReasons)))];
      out.push_back({r.item, r.text});
    }
    return out;
  }

  static const std::string& CodeAt(const Application& a, int level) {
    static const std::string kEmpty;
    return level == 1   ? a.province_code
           : level == 2 ? a.city_code
           : level == 3 ? a.county_code
           : level == 4 ? a.town_code
                        : kEmpty;
  }

 private:
  App& app_;
  db::Connection& c_;
  const DemoUsers& users_;
  Rng& rng_;
};

Transition Step(const std::string& from, const std::string& to, const Actor& who,
                const std::string& at, const std::string& comment = "", int level = 0) {
  Transition t;
  t.from = from;
  t.to = to;
  t.actor_id = who.id;
  t.actor_name = who.name;
  t.at = at;
  t.comment = comment;
  t.review_level = level;
  return t;
}

// The content an enterprise of `employees` staff files.
resumption::ApplicationContent Content(const enterprise::Enterprise& e, Days planned, Rng& rng,
                                       bool complete) {
  resumption::ApplicationContent c;
  c.planned_date = FormatDate(planned);
  int64_t staff = std::max<int64_t>(1, e.employees * rng.Between(50, 100) / 100);
  c.staff_total = staff;
  c.staff_out_of_province = std::min(staff, e.employees_out_of_province);
  c.staff_local = staff - c.staff_out_of_province;
  c.staff_from_risk_regions = c.staff_out_of_province > 0 && rng.Chance(0.2) ? 1 : 0;
  auto& k = c.checklist;
  k.isolation_room = complete || rng.Chance(0.6);
  k.thermometers = std::max<int64_t>(2, staff / 50);
  k.masks_in_stock = staff * 2 * rng.Between(complete ? 7 : 2, 20);
  k.masks_days_of_supply = k.masks_in_stock / std::max<int64_t>(1, staff * 2);
  k.disinfection_plan = true;
  k.disinfection_records = complete || rng.Chance(0.5);
  k.staggered_dining = complete || rng.Chance(0.7);
  k.leader_on_duty = true;
  k.emergency_plan = complete || rng.Chance(0.7);
  k.four_measures = {true, true, true, complete || rng.Chance(0.8)};
  c.essential_category = e.essential_category;
  c.commitment.signer = e.legal_representative.empty() ? e.contact : e.legal_representative;
  c.commitment.accepted = true;
  return c;
}

}  // namespace

Status DemoApplications(App& app, const std::string& root_code) {
  bool has_data = false;
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(*) FROM applications"));
    has_data = row.Int(0) > 0;
    return Status::Ok();
  }));
  if (has_data) return Status::Ok();
  system::Principal system = system::SystemPrincipal();

  // The city's rules: town then county review; 规上 and key enterprises,
  // malls and markets, hotels and restaurants, health and culture need it.
  RETURN_IF_ERROR(
      app.settings->Set("review_levels", root_code, json::value(json::array{4, 3}), system));
  RETURN_IF_ERROR(app.settings->Set(
      "negative_list", root_code,
      json::value(json::object{{"industries", json::array{"H", "P", "R"}},
                               {"flags", json::array{"mall", "farmers_market",
                                                     "above_scale_industrial", "key_enterprise"}}}),
      system));

  DemoUsers users;
  {
    system::Page page{1, 200};
    int64_t total = 0;
    ASSIGN_OR_RETURN(auto list, app.users->List("", page, &total));
    for (auto& u : list) users.by_name[u.username] = u;
  }
  std::string firm_uscc, district;
  if (const auto* u = users.Find("enterprise")) firm_uscc = u->enterprise_uscc;
  if (const auto* u = users.Find("reviewer")) district = u->region_code;

  // Candidates: every suspended enterprise, and a spread sample of resumed ones.
  std::vector<enterprise::Enterprise> suspended, resumed;
  {
    enterprise::EnterpriseFilter f;
    f.region_code = root_code;
    int64_t total = 0;
    ASSIGN_OR_RETURN(auto first, app.enterprises->List(f, system::Scope::All(), {1, 1}, &total));
    (void)first;
    const int64_t stride = std::max<int64_t>(1, total / 500);
    int64_t index = 0;
    for (int p = 1; int64_t(p - 1) * 500 < total; ++p) {
      ASSIGN_OR_RETURN(auto list, app.enterprises->List(f, system::Scope::All(), {p, 500}, &total));
      for (auto& e : list) {
        bool firm = e.uscc == firm_uscc;
        if (e.work_status == "suspended" && !e.seasonal)
          suspended.push_back(e);
        else if (Resumed(e.work_status) && (firm || index % stride == 0))
          resumed.push_back(e);
        ++index;
      }
    }
  }
  // The demo accounts' district first, so their queues have work.
  auto district_first = [&](const enterprise::Enterprise& a, const enterprise::Enterprise& b) {
    auto key = [&](const enterprise::Enterprise& e) {
      return std::tuple(e.uscc != firm_uscc, e.region_code.rfind(district, 0) != 0, e.uscc);
    };
    return key(a) < key(b);
  };
  std::sort(suspended.begin(), suspended.end(), district_first);
  std::sort(resumed.begin(), resumed.end(), district_first);

  Rng rng(20200214);
  std::map<std::string, int> counts;
  RETURN_IF_ERROR(app.db->Transact([&](db::Connection& c) -> Status {
    Writer w(app, c, users, rng);
    auto base = [&](const enterprise::Enterprise& e,
                    const resumption::RoutePlan& plan) -> Application {
      Application a;
      a.enterprise_id = e.id;
      a.uscc = e.uscc;
      a.region_code = plan.region.code;
      a.province_code = plan.region.province_code;
      a.city_code = plan.region.city_code;
      a.county_code = plan.region.county_code;
      a.town_code = plan.region.town_code;
      a.industry_section = e.industry_section;
      a.route = plan.route;
      a.route_reasons = plan.reasons;
      a.department = plan.department;
      a.review_levels = plan.review_levels;
      return a;
    };
    auto set_step = [&](Application& a, int step) {
      a.review_step = step;
      a.review_level = a.review_levels[size_t(step)];
      a.review_region_code = Writer::CodeAt(a, a.review_level);
    };

    // Resumed enterprises: approved applications planned for the day they resumed.
    int approved = 0;
    for (const auto& e : resumed) {
      if (approved >= 260) break;
      ASSIGN_OR_RETURN(auto history, app.enterprises->History(e.uscc, system::Scope::All()));
      std::optional<Days> resumed_on;
      for (const auto& h : history)
        if (Resumed(h.status)) {
          resumed_on = ParseDate(h.date);
          break;
        }
      if (!resumed_on) continue;
      const Days on = *resumed_on;
      ASSIGN_OR_RETURN(auto plan, app.applications->PlanRoute(e, e.essential_category));
      Application a = base(e, plan);
      a.content = Content(e, on, rng, true);
      Actor firm{std::nullopt, e.contact.empty() ? "企业联系人" : e.contact};
      if (const auto* u = users.Find("enterprise"); u && e.uscc == firm_uscc)
        firm = {u->id, u->display_name};
      a.state = "approved";
      a.approved_date = FormatDate(on);
      std::vector<Transition> tl;
      std::optional<resumption::Acceptance> acceptance;
      if (plan.route == "commitment") {
        Days submitted = on - std::chrono::days(rng.Between(1, 3));
        tl.push_back(Step("", "draft", firm, At(submitted, 9)));
        tl.push_back(Step("draft", "submitted", firm, At(submitted, 10)));
        tl.push_back(Step("submitted", "approved", {std::nullopt, "系统"}, At(submitted, 10),
                          "承诺即复工：不在负面清单内，提交即批准，待事后检查"));
        a.submitted_at = a.decided_at = At(submitted, 10);
        a.inspection_due = on >= *ParseDate("2020-03-10");
      } else {
        const int levels = int(a.review_levels.size());
        Days day = on - std::chrono::days(levels + 3);
        bool returned_first = rng.Chance(0.25);
        if (returned_first) day -= std::chrono::days(3);
        tl.push_back(Step("", "draft", firm, At(day, 9)));
        tl.push_back(Step("draft", "submitted", firm, At(day, 10)));
        if (returned_first) {
          Actor r = w.Reviewer(a, a.review_levels[0]);
          Transition t = Step("submitted", "rejected", r, At(day + std::chrono::days(1), 15),
                              "请一次性整改以下问题后重新提交", a.review_levels[0]);
          t.deficiencies = w.SomeDeficiencies();
          tl.push_back(t);
          day += std::chrono::days(3);
          tl.push_back(Step("rejected", "submitted", firm, At(day, 9), "整改后重新提交"));
        }
        a.submitted_at = tl.back().at;
        std::string state = "submitted";
        for (int i = 0; i < levels; ++i) {
          day += std::chrono::days(1);
          std::string next = i + 1 < levels ? "in_review" : "acceptance_pending";
          tl.push_back(Step(state, next, w.Reviewer(a, a.review_levels[size_t(i)]), At(day, 10 + i),
                            "同意", a.review_levels[size_t(i)]));
          state = next;
        }
        Actor inspector = w.Inspector(a);
        Days accepted = on - std::chrono::days(1);
        tl.push_back(
            Step("acceptance_pending", "approved", inspector, At(accepted, 15), "现场验收合格"));
        resumption::Acceptance acc;
        acc.mode = rng.Chance(0.7) ? "on_site" : "video";
        acc.result = "pass";
        for (auto item : resumption::kChecklistItems) acc.checklist[std::string(item)] = true;
        acc.inspector_id = inspector.id;
        acc.inspector_name = inspector.name;
        acc.at = At(accepted, 15);
        acceptance = acc;
        a.decided_at = acc.at;
      }
      RETURN_IF_ERROR(w.Write(a, tl, acceptance, !e.essential_category.empty()));
      ++approved;
    }

    // Suspended enterprises: every other state, planned for late March.
    static const char* kStandardStates[] = {
        "submitted", "in_review", "acceptance_pending", "rejected", "submitted", "in_review",
        "withdrawn", "draft",     "acceptance_pending", "rejected"};
    int standard = 0, commitment = 0;
    for (const auto& e : suspended) {
      if (standard >= 150 && commitment >= 40) break;
      ASSIGN_OR_RETURN(auto plan, app.applications->PlanRoute(e, e.essential_category));
      bool is_standard = plan.route == "standard";
      if (is_standard ? standard >= 150 : commitment >= 40) continue;
      Application a = base(e, plan);
      Days start = *ParseDate("2020-03-10") + std::chrono::days(rng.Between(0, 12));
      Days planned =
          std::min(start + std::chrono::days(rng.Between(4, 9)), *ParseDate("2020-03-31"));
      a.content = Content(e, planned, rng, false);
      Actor firm{std::nullopt, e.contact.empty() ? "企业联系人" : e.contact};
      if (const auto* u = users.Find("enterprise"); u && e.uscc == firm_uscc)
        firm = {u->id, u->display_name};
      std::vector<Transition> tl = {Step("", "draft", firm, At(start, 9))};
      std::optional<resumption::Acceptance> acceptance;
      std::string target = is_standard ? kStandardStates[standard % std::size(kStandardStates)]
                                       : (commitment % 3 == 2 ? "withdrawn" : "draft");
      is_standard ? ++standard : ++commitment;
      if (a.review_levels.size() < 2 && target == std::string("in_review"))
        target = "acceptance_pending";
      a.state = "draft";
      Days day = start;
      if (target != "draft" && is_standard) {
        tl.push_back(Step("draft", "submitted", firm, At(day, 10)));
        a.submitted_at = tl.back().at;
        a.state = "submitted";
        set_step(a, 0);
        // Levels passed: in_review passes the first, acceptance_pending all.
        int pass = target == "in_review" ? 1
                   : target == "acceptance_pending" || (target == "rejected" && standard % 2 == 0)
                       ? int(a.review_levels.size())
                       : 0;
        for (int i = 0; i < pass; ++i) {
          day += std::chrono::days(1);
          std::string next =
              i + 1 < int(a.review_levels.size()) ? "in_review" : "acceptance_pending";
          tl.push_back(Step(a.state, next, w.Reviewer(a, a.review_level), At(day, 10 + i), "同意",
                            a.review_level));
          a.state = next;
          if (next == "in_review")
            set_step(a, i + 1);
          else
            a.review_level = 0, a.review_region_code.clear();
        }
        if (target == "rejected") {
          day += std::chrono::days(1);
          Transition t;
          if (a.state == "acceptance_pending") {
            Actor inspector = w.Inspector(a);
            t = Step(a.state, "rejected", inspector, At(day, 16), "现场验收不合格，请整改");
            resumption::Acceptance acc;
            acc.mode = "on_site";
            acc.result = "fail";
            for (auto item : resumption::kChecklistItems) acc.checklist[std::string(item)] = true;
            acc.checklist["staggered_dining"] = false;
            acc.checklist["disinfection_records"] = false;
            acc.findings = {kFindings[size_t(rng.Between(0, int(std::size(kFindings)) - 1))]};
            acc.inspector_id = inspector.id;
            acc.inspector_name = inspector.name;
            acc.at = At(day, 16);
            t.deficiencies = {{"staggered_dining", "验收不合格"},
                              {"disinfection_records", "验收不合格"},
                              {"other", acc.findings.front()}};
            acceptance = acc;
          } else {
            t = Step(a.state, "rejected", w.Reviewer(a, a.review_level), At(day, 15),
                     "请一次性整改以下问题后重新提交", a.review_level);
            t.deficiencies = w.SomeDeficiencies();
          }
          tl.push_back(t);
          a.state = "rejected";
          a.review_level = 0;
          a.review_region_code.clear();
          a.decided_at = t.at;
        } else if (target == "withdrawn") {
          day += std::chrono::days(1);
          tl.push_back(Step(a.state, "withdrawn", firm, At(day, 11), "订单推迟，暂缓复工"));
          a.state = "withdrawn";
          a.review_level = 0;
          a.review_region_code.clear();
          a.decided_at = tl.back().at;
        }
      } else if (target == std::string("withdrawn")) {
        tl.push_back(Step("draft", "withdrawn", firm, At(day + std::chrono::days(1), 11),
                          "订单推迟，暂缓复工"));
        a.state = "withdrawn";
        a.decided_at = tl.back().at;
      }
      RETURN_IF_ERROR(w.Write(a, tl, acceptance, !e.essential_category.empty()));
    }
    counts = w.counts;
    return Status::Ok();
  }));

  // A town reviewer for the first level, where the district's queue is longest.
  std::map<std::string, int> town_queue;
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    resumption::ApplicationFilter f;
    f.state = "submitted";
    int64_t total = 0;
    ASSIGN_OR_RETURN(auto list, ApplicationRepository::List(c, f, {system::Scope::All(), ""},
                                                            {1, 1000}, &total));
    for (const auto& a : list)
      if (a.review_level == 4 && a.county_code == district) town_queue[a.review_region_code]++;
    return Status::Ok();
  }));
  std::string town;
  for (const auto& [code, n] : town_queue)
    if (town.empty() || n > town_queue[town]) town = code;
  if (!town.empty() && !users.Find("reviewer_town")) {
    system::NewUser nu;
    nu.username = "reviewer_town";
    nu.password = kPassword;
    nu.display_name = "街道审核员";
    nu.roles = {"reviewer"};
    nu.region_code = town;
    auto made = app.users->Create(nu, system);
    if (!made.ok()) return made.status();
    std::printf("  %-11s %-10s %s %s\n", "reviewer_town", "reviewer", made->region_name.c_str(),
                made->region_code.c_str());
  }

  std::printf("\nResumption applications:\n");
  for (const auto& [key, n] : counts) std::printf("  %-32s %d\n", key.c_str(), n);
  return Status::Ok();
}

}  // namespace fugong::app
