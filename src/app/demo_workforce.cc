// The demo's workforce (SPEC §3.3): rosters for resumed enterprises of the
// demo (about 30,000 employees in the city, 300,000 in the province), one or
// two gates each, risk regions (Wuhan high, the rest of Hubei medium until
// 2020-03-24), return-to-work cards for the employees from outside the
// province (those who arrived in the last 14 days are still in quarantine,
// a few contacts under medical observation), and the morning check-ins of
// the last weeks: on a day with a daily report the gate admits as many
// distinct employees as the report says were on duty (so 返岗率 from the gate
// and from the reports agree), otherwise 85% of the roster; people under a
// hold who come anyway are denied, one check-in in 4,000 has a fever, and a
// few visitors come each day. The first demo enterprise's employees declared
// their health today, and the demo user "employee" is its first employee.
// A fixed seed makes every run the same.
#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <random>
#include <unordered_map>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "modules/workforce/checkin_repository.h"
#include "modules/workforce/employee_repository.h"
#include "system/principal.h"

namespace fugong::app {
namespace {

using std::chrono::days;
using workforce::EntryRecord;

constexpr const char* kDepartments[] = {"生产一车间", "生产二车间", "仓储物流部", "质检部",
                                        "行政部",     "销售部",     "设备维修部"};
constexpr const char* kShifts[] = {"早班", "中班", "夜班", "常白班"};
// Home regions outside Jilin: Wuhan districts, Hubei cities, and elsewhere.
constexpr const char* kOutside[] = {"420102", "420103", "420106", "420111", "420502",
                                    "420602", "230102", "210102", "110105", "370102"};
constexpr const char* kVisitorReasons[] = {"送货", "设备维修", "业务洽谈", "送检样品"};

class Rng {
 public:
  explicit Rng(uint64_t seed) : rng_(seed) {}
  double U() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool Chance(double p) { return U() < p; }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) {
    return a[size_t(Between(0, int(N) - 1))];
  }
  std::mt19937_64& engine() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

// A resident ID number (GB 11643) with its check character.
std::string IdNumber(const std::string& region, Days birth, int serial) {
  static const int kW[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  std::string date = FormatDate(birth);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", serial % 1000);
  std::string s = region + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + buf;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (s[i] - '0') * kW[i];
  return s + "10X98765432"[sum % 11];
}

std::string Mobile(Rng& r) {
  static const char* kPrefixes[] = {"139", "138", "137", "135", "186", "187", "150", "158"};
  std::string p = r.Pick(kPrefixes);
  for (int i = 0; i < 8; ++i) p += char('0' + r.Between(0, 9));
  return p;
}

std::string At(Days day, int seconds_after_midnight) {
  char buf[32];
  int s = seconds_after_midnight;
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d+08:00", s / 3600, s / 60 % 60, s % 60);
  return FormatDate(day) + buf;
}

struct Person {
  int64_t id = 0;
  std::string name;
  // Days of a red hold (quarantine or medical observation) [from, to).
  std::vector<std::pair<Days, Days>> holds;
  bool HeldOn(Days d) const {
    for (const auto& [from, to] : holds)
      if (from <= d && d < to) return true;
    return false;
  }
};

struct Firm {
  const stats::Fact* fact = nullptr;
  system::Region region;
  std::vector<int64_t> sites;
  std::vector<Person> people;
};

}  // namespace

Status DemoWorkforce(App& app, const std::string& first_uscc, bool province) {
  const auto start = std::chrono::steady_clock::now();
  Rng rng(20200131);
  system::Principal sys = system::SystemPrincipal();
  workforce::Workforce& wf = *app.workforce;
  const Days today = Today();
  const Days last_day = std::min(today, *ParseDate("2020-03-31"));
  const Days first_day = last_day - days(province ? 13 : 20);
  const int64_t target = province ? 300000 : 30000;

  // Risk regions.
  for (auto [code, level, from, to] :
       {std::tuple{"420100", "high", "2020-01-23", ""},
        std::tuple{"420000", "medium", "2020-01-23", "2020-03-24"}}) {
    workforce::RiskRegion r;
    r.region_code = code;
    r.level = level;
    r.start_date = from;
    r.end_date = to;
    r.note = "演示数据";
    ASSIGN_OR_RETURN(auto saved, wf.health().SaveRiskRegion(r, sys));
    (void)saved;
  }

  // Which enterprises: the first demo enterprise, then resumed ones of 10 to
  // 400 employees, spread over the registry, until the target headcount.
  ASSIGN_OR_RETURN(auto snap, app.stats->Snapshot());
  const int32_t last_n = int32_t(last_day.time_since_epoch().count());
  std::vector<const stats::Fact*> candidates;
  const stats::Fact* first = nullptr;
  for (const auto& f : snap->facts) {
    if (f.uscc == first_uscc) first = &f;
    uint8_t s = snap->StatusAt(f, last_n);
    if (f.uscc != first_uscc && s >= stats::kWorkResumed && s <= stats::kContinuous &&
        f.employees >= 10 && f.employees <= 400)
      candidates.push_back(&f);
  }
  std::shuffle(candidates.begin(), candidates.end(), rng.engine());
  if (first) candidates.insert(candidates.begin(), first);
  std::vector<Firm> firms;
  int64_t headcount = 0;
  for (const stats::Fact* f : candidates) {
    if (headcount >= target) break;
    Firm firm;
    firm.fact = f;
    ASSIGN_OR_RETURN(firm.region, app.reference->GetRegion(f->region_code));
    headcount += std::min<int64_t>(std::max<int64_t>(f->employees, 5), 400);
    firms.push_back(std::move(firm));
  }

  // Rosters and gates, in large transactions.
  const auto& names = DemoPersonNames();
  int serial = 0;
  int64_t employees = 0;
  std::vector<std::pair<Firm*, size_t>> travellers;  // (firm, person index)
  std::vector<std::string> outside_home;             // their home region
  for (size_t begin = 0; begin < firms.size(); begin += 200) {
    size_t end = std::min(firms.size(), begin + 200);
    RETURN_IF_ERROR(app.db->Transact([&](db::Connection& c) -> Status {
      for (size_t k = begin; k < end; ++k) {
        Firm& firm = firms[k];
        const stats::Fact& f = *firm.fact;
        std::vector<std::string> gates = {"正门"};
        if (f.employees > 100) gates.push_back("东门");
        for (const auto& g : gates) {
          ASSIGN_OR_RETURN(int64_t site, workforce::CheckinRepository::InsertSite(
                                             c, f.id, firm.region, g, sys.user_id));
          firm.sites.push_back(site);
        }
        int64_t n = std::min<int64_t>(std::max<int64_t>(f.employees, 5), 400);
        for (int64_t i = 0; i < n; ++i) {
          bool outside = rng.Chance(0.05);
          std::string home = outside ? rng.Pick(kOutside) : firm.region.code.substr(0, 6);
          if (home.size() < 6) home = "220202";
          Days birth = *ParseDate("1965-01-01") + days(rng.Between(0, 365 * 38));
          std::string id = IdNumber(home, birth, ++serial);
          std::string phone = Mobile(rng);
          workforce::SealedEmployee e;
          e.name = names[size_t(rng.Between(0, int(names.size()) - 1))];
          e.id_cipher = wf.employees().Seal(id);
          e.id_hash = wf.employees().IdHash(id);
          e.id_masked = workforce::MaskIdNumber(id);
          e.phone_cipher = wf.employees().Seal(phone);
          e.phone_masked = workforce::MaskPhone(phone);
          e.department = rng.Pick(kDepartments);
          e.home_region_code = home;
          e.shift = rng.Pick(kShifts);
          e.out_of_province = outside;
          ASSIGN_OR_RETURN(int64_t eid, workforce::EmployeeRepository::Insert(c, f.id, firm.region,
                                                                              e, sys.user_id));
          firm.people.push_back(Person{eid, e.name, {}});
          if (outside) {
            travellers.emplace_back(&firm, firm.people.size() - 1);
            outside_home.push_back(home);
          }
        }
        employees += n;
      }
      return Status::Ok();
    }));
    spdlog::info("demo: rosters {} / {} enterprises", end, firms.size());
  }

  // Return-to-work cards of the employees from outside the province (at
  // most 4,000; the rules derive their quarantine), and a few contacts.
  size_t cards = 0;
  for (size_t i = 0; i < travellers.size() && cards < 4000; ++i) {
    auto& [firm, index] = travellers[i];
    Person& p = firm->people[index];
    workforce::ReturnCard card;
    Days arrival = *ParseDate("2020-02-02") + days(rng.Between(0, 56));
    if (arrival > last_day) arrival = last_day;
    card.arrival_date = FormatDate(arrival);
    card.contact_with_cases = rng.Chance(0.02);
    workforce::TravelRecord t;
    t.region_code = outside_home[i];
    t.place = "探亲";
    t.from_date = FormatDate(arrival - days(rng.Between(8, 20)));
    t.to_date = FormatDate(arrival - days(1));
    card.travel.push_back(t);
    ASSIGN_OR_RETURN(auto saved, wf.health().PutCard(p.id, card, sys));
    (void)saved;
    ASSIGN_OR_RETURN(auto holds, wf.health().Holds(p.id, sys));
    for (const auto& h : holds)
      if (h.kind != "monitoring")
        p.holds.emplace_back(*ParseDate(h.start_date), *ParseDate(h.end_date));
    ++cards;
  }

  // Check-ins, day by day.
  int64_t entries = 0, alerts = 0;
  std::vector<EntryRecord> batch;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    std::vector<const EntryRecord*> ptrs;
    ptrs.reserve(batch.size());
    for (const auto& r : batch) ptrs.push_back(&r);
    RETURN_IF_ERROR(app.db->Transact(
        [&](db::Connection& c) { return workforce::CheckinRepository::InsertEntries(c, ptrs); }));
    entries += int64_t(batch.size());
    batch.clear();
    return Status::Ok();
  };
  for (Days day = first_day; day <= last_day; day += days(1)) {
    ASSIGN_OR_RETURN(auto facts,
                     app.daily_reports->FactsOn(FormatDate(day), system::Scope::All(), "", 0));
    std::unordered_map<int64_t, int64_t> on_duty;
    for (const auto& f : facts) on_duty.emplace(f.enterprise_id, f.on_duty);
    const int32_t n = int32_t(day.time_since_epoch().count());
    for (Firm& firm : firms) {
      uint8_t s = snap->StatusAt(*firm.fact, n);
      if (s < stats::kWorkResumed || s > stats::kContinuous) continue;
      auto it = on_duty.find(firm.fact->id);
      int64_t roster = int64_t(firm.people.size());
      int64_t want =
          it != on_duty.end() ? std::min(it->second, roster) : int64_t(double(roster) * 0.85);
      std::vector<size_t> order(firm.people.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::shuffle(order.begin(), order.end(), rng.engine());
      auto record = [&](int64_t site) {
        EntryRecord r;
        r.enterprise_id = firm.fact->id;
        r.region = firm.region;
        r.site_id = site;
        r.day = FormatDate(day);
        r.at = At(day, 7 * 3600 + 1200 + rng.Between(0, 4800));
        r.temperature = 36.0 + 0.1 * rng.Between(0, 9);
        return r;
      };
      int64_t admitted = 0;
      for (size_t i : order) {
        if (admitted >= want) break;
        const Person& p = firm.people[i];
        EntryRecord r = record(firm.sites[i % firm.sites.size()]);
        r.person_kind = "employee";
        r.employee_id = p.id;
        r.person_name = p.name;
        if (p.HeldOn(day)) {
          if (!rng.Chance(0.1)) continue;  // most stay at home
          r.admit = false;
          r.reasons = {"quarantine"};
          r.alert = "quarantine";
        } else if (rng.Chance(1.0 / 4000)) {
          r.temperature = 37.4 + 0.1 * rng.Between(0, 12);
          r.admit = false;
          r.reasons = {"fever"};
          r.alert = "fever";
        } else {
          r.admit = true;
          ++admitted;
        }
        if (!r.alert.empty()) ++alerts;
        batch.push_back(std::move(r));
      }
      for (int v = rng.Between(0, 2); v > 0; --v) {
        EntryRecord r = record(firm.sites.front());
        r.person_kind = "visitor";
        r.visitor_name = names[size_t(rng.Between(0, int(names.size()) - 1))];
        r.person_name = r.visitor_name;
        std::string phone = Mobile(rng);
        r.visitor_phone_cipher = wf.employees().Seal(phone);
        r.visitor_phone_masked = workforce::MaskPhone(phone);
        r.visitor_host = firm.people.front().name;
        r.visitor_reason = rng.Pick(kVisitorReasons);
        r.at = At(day, 9 * 3600 + rng.Between(0, 7 * 3600));
        r.admit = true;
        batch.push_back(std::move(r));
      }
      if (batch.size() >= 100000) RETURN_IF_ERROR(flush());
    }
    RETURN_IF_ERROR(flush());
    spdlog::info("demo: check-ins of {} ({} so far)", FormatDate(day), entries);
  }

  // The first enterprise's employees declared their health today; the demo
  // user "employee" is its first employee.
  if (!firms.empty() && firms.front().fact == first) {
    for (const Person& p : firms.front().people) {
      ASSIGN_OR_RETURN(auto d, wf.health().Declare(p.id, 36.2 + 0.1 * rng.Between(0, 6), {}, sys));
      (void)d;
    }
    ASSIGN_OR_RETURN(auto user, wf.employees().CreateAccount(firms.front().people.front().id,
                                                             "employee", DemoPassword(), sys));
    (void)user;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "Workforce: %lld employees of %zu enterprises, %zu return-to-work cards, %lld gate "
      "entries (%lld alerts) from %s to %s, in %.0f s.\n",
      (long long)employees, firms.size(), cards, (long long)entries, (long long)alerts,
      FormatDate(first_day).c_str(), FormatDate(last_day).c_str(), seconds);
  return Status::Ok();
}

}  // namespace fugong::app
