// The demo's site hygiene (场所消杀): the demo enterprise and four other open
// enterprises of its county get a site or two with areas on an hourly round
// (一小时一消毒, 08:00–22:00) and one area without a schedule, the last seven
// days of disinfection records with about 6% of the rounds missing (and two
// missing rounds today at the demo enterprise, so the warning list has
// something to show), and an isolation room and an observation room, one
// occupied. A fixed seed makes every run the same.
#include <chrono>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "modules/hygiene/disinfection_repository.h"

namespace fugong::app {
namespace {

using hygiene::Area;
using hygiene::Schedule;

constexpr const char* kAgents[] = {"84消毒液", "75%酒精", "含氯消毒剂", "过氧乙酸"};
constexpr const char* kMethods[] = {"擦拭", "喷洒", "拖地"};
constexpr const char* kConcentrations[] = {"500mg/L", "75%", "1000mg/L", "0.2%"};
constexpr const char* kPeople[] = {"王秀英", "李桂兰", "张建国", "刘春梅", "陈志强"};

struct DemoSite {
  const char* name;
  std::vector<std::pair<const char*, bool>> areas;  // name, hourly schedule
};

const std::vector<DemoSite>& Sites() {
  static const std::vector<DemoSite> sites = {
      {"主楼", {{"大厅", true}, {"电梯", true}, {"卫生间", true}, {"食堂", false}}},
      {"东门", {{"门岗", true}, {"员工通道", false}}},
  };
  return sites;
}

}  // namespace

Status SeedHygieneDemo(App& app, const std::string& uscc) {
  const system::Principal sys = system::SystemPrincipal();
  // The demo enterprise first, then four open enterprises of its county.
  std::vector<std::string> firms{uscc};
  RETURN_IF_ERROR(app.db->WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto res,
                     c.Query("SELECT e.uscc FROM enterprises e WHERE e.county_code = "
                             "(SELECT county_code FROM enterprises WHERE uscc = ?) AND e.uscc <> ? "
                             "AND e.work_status IN ('work_resumed', 'production_resumed', "
                             "'full_capacity', 'continuous') ORDER BY e.id LIMIT 4",
                             {db::Text(uscc), db::Text(uscc)}));
    for (const auto& r : res.rows) firms.push_back(r.Text(0));
    return Status::Ok();
  }));

  std::mt19937_64 rng(20200331);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](size_t n) {
    return size_t(std::uniform_int_distribution<size_t>(0, n - 1)(rng));
  };
  const Schedule hourly{60, 8 * 60, 22 * 60};
  const auto now = Now();
  const Days today = Today();
  int records = 0;

  for (size_t f = 0; f < firms.size(); ++f) {
    std::vector<Area> areas;
    // The enterprise's gates when the workforce demo made some, else new sites.
    ASSIGN_OR_RETURN(auto existing, app.workforce->checkins().Sites(firms[f], sys));
    for (size_t s = 0; s < Sites().size() && (f == 0 || s == 0); ++s) {
      int64_t site_id = 0;
      if (s < existing.size()) {
        site_id = existing[s].id;
      } else {
        ASSIGN_OR_RETURN(auto site,
                         app.workforce->checkins().CreateSite(firms[f], Sites()[s].name, sys));
        site_id = site.id;
      }
      for (const auto& [name, scheduled] : Sites()[s].areas) {
        ASSIGN_OR_RETURN(
            Area a,
            app.disinfections->CreateArea(
                site_id, name, scheduled ? std::optional<Schedule>(hourly) : std::nullopt, sys));
        areas.push_back(std::move(a));
      }
    }
    // The rounds of the last seven days, written as they would have been.
    RETURN_IF_ERROR(app.db->Transact([&](db::Connection& c) -> Status {
      for (int back = 6; back >= 0; --back) {
        Days day = today - std::chrono::days(back);
        auto midnight = std::chrono::sys_seconds(day) - std::chrono::hours(8);
        for (const auto& a : areas) {
          const Schedule s = a.schedule.value_or(Schedule{240, 9 * 60, 21 * 60});
          for (int slot = s.window_start; slot < s.window_end; slot += s.interval_minutes) {
            // Today at the demo enterprise: the lobby misses two rounds.
            bool demo_gap = f == 0 && back == 0 && a.name == std::string("大厅") &&
                            (slot == 10 * 60 || slot == 14 * 60);
            if (demo_gap || chance(0.06)) continue;
            auto at = midnight + std::chrono::minutes(slot) +
                      std::chrono::minutes(std::uniform_int_distribution<int>(0, 40)(rng));
            if (at > now) break;
            hygiene::NewDisinfection d;
            d.at = FormatTimestamp(at);
            size_t agent = pick(std::size(kAgents));
            d.agent = kAgents[agent];
            d.concentration = kConcentrations[agent];
            d.method = kMethods[pick(std::size(kMethods))];
            d.person = kPeople[(size_t(slot / 60) + f) % std::size(kPeople)];
            RETURN_IF_ERROR(
                hygiene::DisinfectionRepository::InsertDisinfection(c, a, d, FormatDate(day), 0)
                    .status());
            ++records;
          }
        }
      }
      return Status::Ok();
    }));
    // Rooms: an isolation room and an observation room, one person under observation.
    if (f < 2) {
      hygiene::NewRoom iso{"隔离室1", "isolation", 2, std::nullopt, "独立卫生间，位于主楼一层西侧"};
      hygiene::NewRoom obs{"留观室", "observation", 3, std::nullopt, "门岗旁临时留观点"};
      ASSIGN_OR_RETURN(auto room1, app.isolation->CreateRoom(firms[f], iso, sys));
      ASSIGN_OR_RETURN(auto room2, app.isolation->CreateRoom(firms[f], obs, sys));
      (void)room1;
      if (f == 0) {
        hygiene::NewOccupant o;
        o.person_name = "来访人员 赵某";
        o.reason = "门岗测温 37.5℃，留观复测";
        RETURN_IF_ERROR(app.isolation->Admit(room2.id, o, sys).status());
      }
    }
  }
  spdlog::info("demo: hygiene for {} enterprises, {} disinfection records", firms.size(), records);
  return Status::Ok();
}

}  // namespace fugong::app
