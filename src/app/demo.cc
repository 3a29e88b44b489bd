// `fugong demo`: a living synthetic region on the real division data, so a
// new user sees a working system at once. City scale: 吉林市 (220200) with
// about 10,000 enterprises; province scale: 吉林省 (220000) with about
// 100,000. Names, USCCs, industries, sizes, flags and a February–March 2020
// resumption curve are generated from a fixed seed, so every run is the same.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string_view>
#include <unordered_set>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/validation.h"
#include "db/versions.h"
#include "modules/enterprise/enterprise_repository.h"

extern "C" const char fugong_demo_names[];
extern "C" const char fugong_demo_names_end[];
extern "C" const char fugong_demo_people[];
extern "C" const char fugong_demo_people_end[];

namespace fugong::app {
namespace {

constexpr const char* kDemoPassword = "Fugong@2020";

struct Words {
  std::vector<std::string> prefixes;
  std::vector<std::pair<std::string, std::string>> suffixes;  // word, sections ("" = any)
  std::map<std::string, std::vector<std::string>> by_section;
  std::vector<std::string> surnames, given;
};

Words LoadWords() {
  Words w;
  auto parse = [&](std::string_view text) {
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      start = end + 1;
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> f;
      size_t p = 0;
      while (true) {
        size_t t = line.find('\t', p);
        f.emplace_back(line.substr(p, t == std::string_view::npos ? t : t - p));
        if (t == std::string_view::npos) break;
        p = t + 1;
      }
      if (f.size() < 2) continue;
      if (f[0] == "prefix")
        w.prefixes.push_back(f[1]);
      else if (f[0] == "suffix")
        w.suffixes.emplace_back(f[1], f.size() > 2 ? f[2] : "");
      else if (f[0] == "surname")
        w.surnames.push_back(f[1]);
      else if (f[0] == "given")
        w.given.push_back(f[1]);
      else
        w.by_section[f[0]].push_back(f[1]);
    }
  };
  parse({fugong_demo_names, size_t(fugong_demo_names_end - fugong_demo_names)});
  parse({fugong_demo_people, size_t(fugong_demo_people_end - fugong_demo_people)});
  return w;
}

class Generator {
 public:
  explicit Generator(const Words& words) : words_(words), rng_(20200210) {}

  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool Chance(double p) { return Uniform() < p; }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[size_t(Between(0, int(v.size()) - 1))];
  }

  std::string PersonName() {
    std::string n = Pick(words_.surnames) + Pick(words_.given);
    if (Chance(0.6)) n += Pick(words_.given);
    return n;
  }
  std::string Mobile() {
    static const char* kPrefixes[] = {"139", "138", "137", "135", "186",
                                      "187", "150", "158", "131", "177"};
    std::string p = kPrefixes[Between(0, 9)];
    for (int i = 0; i < 8; ++i) p += char('0' + Between(0, 9));
    return p;
  }
  // 91 (enterprise, company) + county code + 9-character organisation code + check.
  std::string Uscc(const std::string& county_code, int serial) {
    static const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    std::string s = "91" + county_code.substr(0, 6);
    std::string org = "MA";
    int n = serial;
    for (int i = 0; i < 6; ++i) {
      org += kAlphabet[size_t(n % 31)];
      n /= 31;
    }
    org += char('0' + Between(0, 9));
    s += org;
    return s + UsccCheckChar(s);
  }
  std::string EnterpriseName(const std::string& place, const std::string& section) {
    const auto& words = words_.by_section.count(section) ? words_.by_section.at(section)
                                                         : words_.by_section.begin()->second;
    std::vector<std::string> suffixes;
    for (const auto& [word, secs] : words_.suffixes)
      if (secs.empty() || secs.find(section) != std::string::npos) suffixes.push_back(word);
    return place + Pick(words_.prefixes) + Pick(words) + Pick(suffixes);
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  const Words& words_;
  std::mt19937_64 rng_;
};

struct SectionShare {
  const char* section;
  double share;
};
// Shares of enterprises by section in a northern industrial city.
constexpr SectionShare kSections[] = {
    {"C", 0.34}, {"F", 0.24}, {"H", 0.07}, {"E", 0.06}, {"G", 0.05}, {"A", 0.05}, {"L", 0.04},
    {"I", 0.03}, {"M", 0.03}, {"O", 0.03}, {"D", 0.02}, {"K", 0.02}, {"B", 0.01}, {"N", 0.01}};

std::string PickSection(Generator& g) {
  double r = g.Uniform(), acc = 0;
  for (const auto& s : kSections) {
    acc += s.share;
    if (r < acc) return s.section;
  }
  return "C";
}

Days Date(const char* s) { return *ParseDate(s); }

// Enterprises the demo keeps for its own users (enterprise, verifier, employee).
struct Created {
  std::string uscc;
  std::string county;
};

}  // namespace

const char* DemoPassword() { return kDemoPassword; }

const std::vector<std::string>& DemoPersonNames() {
  static const std::vector<std::string> names = [] {
    Words words = LoadWords();
    Generator g(words);
    std::vector<std::string> out;
    for (int i = 0; i < 5000; ++i) out.push_back(g.PersonName());
    return out;
  }();
  return names;
}

int Demo(App& app, const std::string& scale) {
  if (scale != "city" && scale != "province") {
    std::fprintf(stderr, "error: --scale must be city or province\n");
    return 2;
  }
  const bool province = scale == "province";
  const std::string root_code = province ? "220000" : "220200";
  const int target = province ? 100000 : 10000;

  // Every town below the root, with its county.
  std::vector<system::Region> towns;
  std::vector<system::Region> frontier = {*app.reference->GetRegion(root_code)};
  while (!frontier.empty()) {
    system::Region r = frontier.back();
    frontier.pop_back();
    auto children = app.reference->Children(r.code);
    if (!children.ok())
      return std::fprintf(stderr, "error: %s\n", children.status().ToString().c_str()), 1;
    for (auto& c : *children) {
      if (c.level == 4)
        towns.push_back(c);
      else
        frontier.push_back(c);
    }
  }
  std::sort(towns.begin(), towns.end(),
            [](const system::Region& a, const system::Region& b) { return a.code < b.code; });
  if (towns.empty())
    return std::fprintf(stderr, "error: no towns under %s\n", root_code.c_str()), 1;

  bool has_data = false;
  Status st = app.db->WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(*) FROM enterprises"));
    has_data = row.Int(0) > 0;
    return Status::Ok();
  });
  if (!st.ok()) return std::fprintf(stderr, "error: %s\n", st.ToString().c_str()), 1;
  if (has_data) {
    std::fprintf(stderr, "error: the database already holds enterprises; use a new --db\n");
    return 1;
  }

  Words words = LoadWords();
  Generator g(words);
  std::unordered_set<std::string> names;
  std::vector<Created> created;
  const Days spring_festival = Date("2020-01-24");
  const Days resume_day = Date("2020-02-10");
  std::map<std::string, int> by_status;

  spdlog::info("demo: generating {} enterprises under {} ({} towns)", target, root_code,
               towns.size());
  const int kBatch = 2000;
  for (int start = 0; start < target; start += kBatch) {
    st = app.db->Transact([&](db::Connection& c) -> Status {
      RETURN_IF_ERROR(db::BumpVersion(c, "registry"));
      for (int i = start; i < std::min(target, start + kBatch); ++i) {
        const system::Region& town = towns[size_t(g.Between(0, int(towns.size()) - 1))];
        auto county = app.reference->GetRegion(town.county_code.empty() ? town.parent_code
                                                                        : town.county_code);
        std::string place = county.ok() ? county->name : "";
        if (place.size() > 9 && g.Chance(0.5)) place = "";  // long names: drop the place at times
        enterprise::Enterprise e;
        std::string section = PickSection(g);
        e.uscc = g.Uscc(town.county_code.empty() ? town.parent_code : town.county_code, i + 1);
        for (int attempt = 0; attempt < 20; ++attempt) {
          e.name = g.EnterpriseName(place, section);
          if (names.insert(e.name).second) break;
          if (attempt == 19) e.name += "（" + std::to_string(i) + "）";
        }
        // Division: any division of the section.
        std::vector<std::string> divisions;
        for (const auto& ind : app.reference->Industries())
          if (ind.level == "division" && ind.parent == section) divisions.push_back(ind.code);
        e.industry_code = g.Pick(divisions);
        e.region_code = town.code;
        double r = g.Uniform();
        e.size = r < 0.02 ? "large" : r < 0.10 ? "medium" : r < 0.45 ? "small" : "micro";
        e.employees = e.size == "large"    ? g.Between(1000, 6000)
                      : e.size == "medium" ? g.Between(300, 999)
                      : e.size == "small"  ? g.Between(20, 299)
                                           : g.Between(1, 19);
        e.employees_out_of_province = int64_t(double(e.employees) * g.Uniform() * 0.12);
        e.normal_output = std::round(double(e.employees) * (0.05 + g.Uniform() * 0.25) * 10) / 10;
        bool industrial = section == "B" || section == "C" || section == "D";
        e.above_scale_industrial =
            industrial && (e.size != "micro") && g.Chance(e.size == "small" ? 0.35 : 0.95);
        e.above_quota_trade =
            (section == "F" || section == "H") && e.size != "micro" && g.Chance(0.5);
        e.key_enterprise =
            (e.size == "large" || e.size == "medium") ? g.Chance(0.4) : g.Chance(0.02);
        if (g.Chance(0.08)) {
          static const char* kEss[] = {"epidemic_control", "city_operation", "daily_necessities"};
          e.essential_category = kEss[g.Between(0, 2)];
        }
        e.seasonal = (section == "A" || section == "E" || (section == "C" && g.Chance(0.1))) &&
                     g.Chance(0.25);
        e.continuous = (section == "D" || (industrial && e.size == "large")) && g.Chance(0.3);
        e.foreign_trade = industrial && g.Chance(0.06);
        e.small_micro = e.size == "small" || e.size == "micro";
        e.converted_ppe = industrial && g.Chance(0.004);
        e.service_industry = section >= "G" && section != "K";
        e.mall = section == "F" && e.size != "micro" && g.Chance(0.04);
        e.farmers_market = section == "F" && g.Chance(0.02);
        e.legal_representative = g.PersonName();
        e.contact = g.PersonName();
        e.phone = g.Mobile();
        e.address = town.name + std::to_string(g.Between(1, 999)) + "号";
        e.grid = town.name + "第" + std::to_string(g.Between(1, 12)) + "网格";
        if (g.Chance(0.96)) {
          e.cadre = g.PersonName();
          e.cadre_rank = (e.above_scale_industrial || e.key_enterprise) && g.Chance(0.93)
                             ? "division"
                             : "section";
        }
        e.responsible_leader = g.PersonName();
        e.responsible_department = industrial                         ? "工业和信息化局"
                                   : section == "F" || section == "H" ? "商务局"
                                                                      : "发展和改革局";

        // Status history: stopped for the Spring Festival, then a rising curve.
        std::vector<std::pair<std::string, Days>> history;
        if (e.continuous) {
          history.push_back({"continuous", spring_festival});
        } else {
          history.push_back({"suspended", spring_festival});
          double earliness = e.essential_category.empty() ? 0 : 10;
          if (e.key_enterprise) earliness += 6;
          if (e.above_scale_industrial) earliness += 4;
          // Days after 2020-02-10 until people are back: mostly within 5 weeks.
          double delay = std::max(
              0.0, std::exp(std::normal_distribution<double>(2.1, 0.7)(g.rng())) - earliness);
          bool never = e.seasonal ? g.Chance(0.8) : g.Chance(0.06);
          if (!never && delay <= 50) {
            Days work = resume_day + std::chrono::days(int(delay));
            history.push_back({"work_resumed", work});
            Days prod = work + std::chrono::days(g.Between(0, 9));
            if (prod <= Date("2020-03-31")) history.push_back({"production_resumed", prod});
            Days full = prod + std::chrono::days(g.Between(7, 40));
            if (prod <= Date("2020-03-31") && full <= Date("2020-03-31") && g.Chance(0.6))
              history.push_back({"full_capacity", full});
          }
          if (g.Chance(0.006))
            history.push_back({"closed", Date("2020-03-01") + std::chrono::days(g.Between(0, 25))});
        }
        e.work_status = history.back().first;
        e.status_date = FormatDate(history.back().second);
        RETURN_IF_ERROR(app.enterprises->Validate(e));
        auto region = app.reference->GetRegion(e.region_code);
        if (!region.ok()) return region.status();
        ASSIGN_OR_RETURN(e.id,
                         enterprise::EnterpriseRepository::Insert(c, e, *region, std::nullopt));
        for (const auto& [status, date] : history)
          RETURN_IF_ERROR(enterprise::EnterpriseRepository::InsertStatus(
              c, e.id, status, FormatDate(date), "", std::nullopt));
        by_status[e.work_status]++;
        if (created.size() < 50 && e.size != "micro" && e.work_status != "closed")
          created.push_back({e.uscc, region->county_code});
      }
      return Status::Ok();
    });
    if (!st.ok()) return std::fprintf(stderr, "error: %s\n", st.ToString().c_str()), 1;
    spdlog::info("demo: {} / {} enterprises", std::min(target, start + kBatch), target);
  }

  // One user per role; the district roles work in the first demo enterprise's county.
  const Created& firm = created.front();
  std::string district = firm.county;
  std::string other_district;
  for (const auto& t : towns)
    if (!t.county_code.empty() && t.county_code != district) other_district = t.county_code;
  struct DemoUser {
    const char* username;
    const char* name;
    std::vector<std::string> roles;
    std::string region;
    std::string uscc;
  };
  std::vector<DemoUser> users = {
      {"admin", "系统管理员", {"admin"}, "", ""},
      {"commander", "市指挥部", {"commander"}, root_code, ""},
      {"district", "区指挥部", {"commander"}, district, ""},
      {"district2", "另一区指挥部", {"commander"}, other_district, ""},
      {"reviewer", "工信局审核员", {"reviewer"}, district, ""},
      {"inspector", "督导组", {"inspector"}, district, ""},
      {"cadre", "包保干部", {"cadre"}, district, ""},
      {"department", "人社局", {"department"}, district, ""},
      {"enterprise", "企业防疫联络员", {"enterprise"}, "", firm.uscc},
      {"verifier", "门岗查验员", {"verifier"}, "", firm.uscc},
      {"bank", "银行", {"bank"}, "", ""},
  };
  std::printf("\nDemo %s ready: %d enterprises under %s.\n", scale.c_str(), target,
              root_code.c_str());
  for (const auto& [status, n] : by_status) std::printf("  %-20s %d\n", status.c_str(), n);
  std::printf("\nSign in at http://localhost:8080 with any of these (password %s):\n",
              kDemoPassword);
  for (const auto& u : users) {
    system::NewUser nu;
    nu.username = u.username;
    nu.password = kDemoPassword;
    nu.display_name = u.name;
    nu.roles = u.roles;
    nu.region_code = u.region;
    nu.enterprise_uscc = u.uscc;
    if (nu.username == std::string("reviewer")) nu.department = "工业和信息化局";
    if (nu.username == std::string("department")) nu.department = "人力资源和社会保障局";
    auto made = app.users->Create(nu, system::SystemPrincipal());
    if (!made.ok()) return std::fprintf(stderr, "error: %s\n", made.status().ToString().c_str()), 1;
    std::string scope = !made->region_name.empty() ? made->region_name + " " + made->region_code
                        : !made->enterprise_name.empty() ? made->enterprise_name
                        : u.roles.front() == "admin"     ? "全部"
                                                         : "—";
    std::printf("  %-11s %-10s %s\n", u.username, u.roles.front().c_str(), scope.c_str());
  }
  if (Status reports = DemoDailyReports(app); !reports.ok())
    return std::fprintf(stderr, "error: %s\n", reports.ToString().c_str()), 1;
  if (Status apps = DemoApplications(app, root_code); !apps.ok())
    return std::fprintf(stderr, "error: %s\n", apps.ToString().c_str()), 1;
  if (Status wf = DemoWorkforce(app, firm.uscc, province); !wf.ok())
    return std::fprintf(stderr, "error: %s\n", wf.ToString().c_str()), 1;
  std::printf("  %-11s %-10s %s\n", "employee", "employee",
              "(linked to an employee of the first enterprise)");
  if (Status h = SeedHygieneDemo(app, firm.uscc); !h.ok())
    return std::fprintf(stderr, "error: %s\n", h.ToString().c_str()), 1;
  if (Status rs = SeedResponsibilityDemo(app, district); !rs.ok())
    return std::fprintf(stderr, "error: %s\n", rs.ToString().c_str()), 1;
  if (Status d = DemoDemands(app, root_code, district); !d.ok())
    return std::fprintf(stderr, "error: %s\n", d.ToString().c_str()), 1;
  if (Status n = SeedNoticeDemo(app, district); !n.ok())
    return std::fprintf(stderr, "error: %s\n", n.ToString().c_str()), 1;
  if (Status in = DemoInspections(app, root_code); !in.ok())
    return std::fprintf(stderr, "error: %s\n", in.ToString().c_str()), 1;
  if (Status pw = SeedPowerDemo(app, district); !pw.ok())
    return std::fprintf(stderr, "error: %s\n", pw.ToString().c_str()), 1;
  if (Status sp = SeedSupplyDemo(app, district); !sp.ok())
    return std::fprintf(stderr, "error: %s\n", sp.ToString().c_str()), 1;
  if (Status fp = SeedFinancePolicyDemo(app, district); !fp.ok())
    return std::fprintf(stderr, "error: %s\n", fp.ToString().c_str()), 1;
  if (Status pj = SeedProjectDemo(app, root_code, district); !pj.ok())
    return std::fprintf(stderr, "error: %s\n", pj.ToString().c_str()), 1;
  if (Status rc = SeedRecruitmentDemo(app, root_code); !rc.ok())
    return std::fprintf(stderr, "error: %s\n", rc.ToString().c_str()), 1;
  if (Status tp = SeedPermitBusDemo(app, district); !tp.ok())
    return std::fprintf(stderr, "error: %s\n", tp.ToString().c_str()), 1;
  return 0;
}

}  // namespace fugong::app
