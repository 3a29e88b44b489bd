// The demo's transport permits and commuter buses (通行证, 定制公交): the demo
// user "transport" (交通运输局 of the demo district) and, over the last five
// weeks, permits of every type for up to 40 enterprises of the district —
// applied on working hours, most issued within a day (signed), some refused,
// a few revoked, the newest still pending, so some are in force today and
// some expired; commute demand of 20 enterprises by town and shift, and six
// routes of the operator serving most of it. A fixed seed makes every run the
// same; the clock is stepped through the applications and restored.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/validation.h"

namespace fugong::app {
namespace {

constexpr const char* kPlateChars = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
constexpr const char* kPlaces[] = {"吉林市昌邑区", "吉林市船营区", "吉林市龙潭区",
                                   "长春市朝阳区", "长春市绿园区", "四平市铁西区",
                                   "延吉市",       "沈阳市铁西区", "哈尔滨市道里区"};
constexpr const char* kRoads[] = {"G12珲乌高速", "G1京哈高速", "S1长吉北线", "G302国道", ""};
constexpr const char* kCargo[] = {"医用口罩 10 万只", "84消毒液 5 吨", "医用酒精 2 吨",
                                  "防护服 3000 套",   "钢材 30 吨",    "汽车零部件 12 吨",
                                  "玉米 20 吨",       "化工原料 15 吨"};

std::string FormatTime(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 24, minute % 60);
  return buf;
}

}  // namespace

Status SeedPermitBusDemo(App& app, const std::string& county_code) {
  using namespace std::chrono;
  const auto real_now = Now();
  const Days today = Today();
  std::mt19937_64 rng(20200214);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto pick = [&](size_t n) {
    return size_t(std::uniform_int_distribution<size_t>(0, n - 1)(rng));
  };
  auto chance = [&](double p) { return uniform(0, 1) < p; };

  system::NewUser transport;
  transport.username = "transport";
  transport.password = DemoPassword();
  transport.display_name = "交通运输局";
  transport.roles = {"department"};
  transport.region_code = county_code;
  transport.department = "交通运输局";
  if (auto made = app.users->Create(transport, system::SystemPrincipal()); !made.ok())
    return made.status();

  std::vector<std::string> firms;
  std::vector<std::string> towns;
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto res, c.Query("SELECT uscc FROM enterprises WHERE county_code = ? "
                                       "ORDER BY id LIMIT 40",
                                       {db::Text(county_code)}));
    for (const auto& r : res.rows) firms.push_back(r.Text(0));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto children, app.reference->Children(county_code));
  for (const auto& t : children) towns.push_back(t.code);
  if (firms.empty() || towns.empty()) return Status::Ok();

  const auto& names = DemoPersonNames();
  system::Principal by = system::SystemPrincipal();
  auto at = [&](Days d, int minute) {
    return system_clock::time_point(sys_days(d) - hours(8) + minutes(minute));
  };
  int applied = 0, issued = 0, refused = 0, revoked = 0;
  for (int back = 34; back >= 0; --back) {
    Days day = today - days(back);
    int n = 2 + int(pick(4));
    for (int k = 0; k < n; ++k) {
      auto t = at(day, int(uniform(8 * 60 + 30, 17 * 60)));
      if (t > real_now) t = real_now - minutes(30);
      SetNowForTesting(t);
      permit::NewPermit in;
      in.uscc = firms[pick(firms.size())];
      double r = uniform(0, 1);
      in.type = r < 0.3   ? "emergency_supplies"
                : r < 0.6 ? "production_materials"
                : r < 0.8 ? "commute_vehicle"
                          : "personal";
      in.holder_name = names[pick(names.size())];
      in.phone = "139" + std::to_string(10000000 + pick(89999999));
      if (in.type != "personal" || chance(0.3)) {
        in.plate = std::string(chance(0.85) ? "吉B" : "吉A");
        bool green = chance(0.2);
        if (green) in.plate += chance(0.5) ? "D" : "F";
        for (int i = 0; i < 5; ++i) in.plate += kPlateChars[pick(34)];
      }
      if (in.type == "personal") {
        char id[19];
        std::snprintf(id, sizeof id, "%s19%02d%02d%02d%03d", county_code.c_str(),
                      int(70 + pick(30)), int(1 + pick(12)), int(1 + pick(28)), int(pick(999)));
        std::string s(id, 17);
        in.id_number = s + IdNumberCheckChar(s);
      }
      size_t o = pick(3);
      in.origin = kPlaces[o];
      in.destination = kPlaces[3 + pick(std::size(kPlaces) - 3)];
      in.route = kRoads[pick(std::size(kRoads))];
      if (in.type == "emergency_supplies" || in.type == "production_materials")
        in.cargo = kCargo[pick(std::size(kCargo))];
      in.valid_from = FormatDate(day);
      int len = in.type == "personal" ? 7 + int(pick(8)) : 10 + int(pick(21));
      in.valid_to = FormatDate(day + days(len - 1));
      auto p = app.permits->Apply(in, by);
      if (!p.ok()) continue;
      ++applied;
      if (back == 0 && chance(0.6)) continue;  // today's: waiting for review
      auto decided = t + minutes(int(uniform(30, 20 * 60)));
      if (decided > real_now) continue;
      SetNowForTesting(decided);
      if (chance(0.1)) {
        if (app.permits->Refuse(p->id, "非应急保障必需，请按常规办理", by).ok()) ++refused;
        continue;
      }
      if (!app.permits->Issue(p->id, "", by).ok()) continue;
      ++issued;
      if (chance(0.06)) {
        auto later = decided + hours(24 * int(1 + pick(5)));
        if (later > real_now) continue;
        SetNowForTesting(later);
        if (app.permits->Revoke(p->id, "车辆未按核定路线行驶", by).ok()) ++revoked;
      }
    }
  }
  SetNowForTesting(std::nullopt);
  if (const char* env = std::getenv("FUGONG_NOW"); env && *env)
    if (auto pinned = ParseTimestamp(env)) SetNowForTesting(*pinned);

  // Commute demand: 20 enterprises, 2–4 (town, shift) rows each.
  constexpr const char* kShifts[] = {"07:30", "08:00", "19:30"};
  constexpr const char* kAreas[] = {"东山小区", "江城花园", "北华家园", "临江社区", "龙华小区", ""};
  int demands = 0;
  size_t declaring = std::min<size_t>(20, firms.size());
  for (size_t f = 0; f < declaring; ++f) {
    int rows = 2 + int(pick(3));
    for (int k = 0; k < rows; ++k) {
      bus::NewDemand d;
      d.uscc = firms[f];
      d.home_region_code = towns[pick(std::min<size_t>(towns.size(), 6))];
      d.home_area = kAreas[pick(std::size(kAreas))];
      d.shift_start = kShifts[pick(f % 3 == 0 ? 3 : 2)];
      d.riders = 5 + int64_t(pick(50));
      if (app.buses->Declare(d, by).ok()) ++demands;
    }
  }
  // Six routes, each through three of the first towns to the district's industrial park and
  // serving three enterprises: the two last declaring ones have none, and the even routes run the
  // day shifts only, so most of the demand is served and some is not.
  int routes = 0;
  for (int i = 0; i < 6; ++i) {
    bus::NewRoute r;
    r.name = "复工专线" + std::to_string(i + 1) + "号";
    r.region_code = county_code;
    r.daily_trips = 2 + int64_t(pick(5));
    r.seats = chance(0.5) ? 45 : 33;
    if (i % 2 == 0) r.shifts = {"07:30", "08:00"};
    int minute = 6 * 60 + int(pick(40));
    for (size_t k = 0; k < 3; ++k) {
      size_t town = (size_t(i) + k * 2) % std::min<size_t>(towns.size(), 6);
      r.stops.push_back(bus::Stop{std::string(kAreas[(size_t(i) + k) % 5]) + "站", towns[town], "",
                                  FormatTime(minute)});
      minute += 10 + int(pick(15));
    }
    r.stops.push_back(bus::Stop{"工业园区站", county_code, "", FormatTime(minute)});
    for (size_t f = size_t(i) * 3; f < size_t(i) * 3 + 3 && f < declaring; ++f)
      r.usccs.push_back(firms[f]);
    if (r.usccs.empty()) r.usccs.push_back(firms.front());
    if (app.buses->CreateRoute(r, by).ok()) ++routes;
  }
  std::printf(
      "  %d permits (%d issued, %d refused, %d revoked), %d commute demands, %d bus routes\n",
      applied, issued, refused, revoked, demands, routes);
  return Status::Ok();
}

}  // namespace fugong::app
