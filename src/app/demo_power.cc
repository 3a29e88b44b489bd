// The demo's electricity (复工电力指数): for the enterprises of the demo
// district, the daily use of December 2019 (the default baseline) and from
// 2020-01-20 to 2020-03-31, following each enterprise's status history
// (stopped: standby load; work resumed: 35–60% of the baseline; production
// resumed: 60–90%; full or continuous: 90–110%; closed: nothing). Every third
// enterprise is metered by two meters (户号) mapped to it, the others by USCC;
// every 25th has no meter data at all. A few deliberate disagreements: three
// enterprises reported resumed draw standby power, three reported stopped draw
// production power. A fixed seed makes every run the same.
#include <algorithm>
#include <cmath>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"
#include "modules/power/power_repository.h"

namespace fugong::app {

Status SeedPowerDemo(App& app, const std::string& county_code) {
  ASSIGN_OR_RETURN(auto snap, app.stats->Snapshot());
  int64_t county = stats::CodeNumber(county_code);
  std::vector<const stats::Fact*> facts;
  for (const auto& f : snap->facts)
    if (f.codes[3] == county) facts.push_back(&f);
  std::mt19937_64 rng(20200210);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  Days end = std::min(Today(), *ParseDate("2020-03-31"));
  Days dec = *ParseDate("2019-12-01"), jan20 = *ParseDate("2020-01-20");
  int64_t rows = 0, resumed_no_power = 0, power_not_reported = 0;
  Status st = app.db->Transact([&](db::Connection& c) -> Status {
    for (size_t i = 0; i < facts.size(); ++i) {
      const stats::Fact& f = *facts[i];
      if (i % 25 == 24) continue;  // no meter data
      ASSIGN_OR_RETURN(auto owner,
                       power::PowerRepository::OwnerByUscc(c, f.uscc, system::Scope::All()));
      if (!owner) continue;
      std::vector<std::string> meters{""};
      if (i % 3 == 0) {
        meters = {"DB" + std::to_string(f.id) + "-1", "DB" + std::to_string(f.id) + "-2"};
        for (const auto& m : meters)
          RETURN_IF_ERROR(
              power::PowerRepository::InsertMeter(c, *owner, m, "演示电表", 0).status());
      }
      double baseline = std::max(50.0, double(f.employees) * uniform(8, 20));
      // Deliberate disagreements among the first enterprises of the district.
      bool fake_resumed = false, hidden_production = false;
      auto write = [&](Days d, double share) -> Status {
        double total = baseline * share * uniform(0.95, 1.05);
        for (const auto& m : meters) {
          double part = meters.size() > 1 ? (&m == &meters.front() ? 0.6 : 0.4) : 1.0;
          RETURN_IF_ERROR(power::PowerRepository::UpsertReading(
                              c, *owner, m, FormatDate(d), std::round(total * part * 10) / 10, 0)
                              .status());
          ++rows;
        }
        return Status::Ok();
      };
      for (Days d = dec; d <= *ParseDate("2019-12-31"); d += std::chrono::days(1))
        RETURN_IF_ERROR(write(d, uniform(0.9, 1.1)));
      uint8_t today = snap->StatusAt(f, int32_t(end.time_since_epoch().count()));
      if (today != stats::kSuspended && today != stats::kClosed && resumed_no_power < 3) {
        fake_resumed = true;
        ++resumed_no_power;
      } else if (today == stats::kSuspended && power_not_reported < 3) {
        hidden_production = true;
        ++power_not_reported;
      }
      for (Days d = jan20; d <= end; d += std::chrono::days(1)) {
        uint8_t s = snap->StatusAt(f, int32_t(d.time_since_epoch().count()));
        double share = s == stats::kSuspended           ? uniform(0.05, 0.15)
                       : s == stats::kWorkResumed       ? uniform(0.35, 0.6)
                       : s == stats::kProductionResumed ? uniform(0.6, 0.9)
                       : s == stats::kClosed            ? 0.0
                                                        : uniform(0.9, 1.1);
        if (fake_resumed && end - d < std::chrono::days(7)) share = uniform(0.05, 0.12);
        if (hidden_production && end - d < std::chrono::days(7)) share = uniform(0.6, 0.8);
        RETURN_IF_ERROR(write(d, share));
      }
    }
    return Status::Ok();
  });
  RETURN_IF_ERROR(st);
  spdlog::info("demo: {} meter readings for {} enterprises of {}", rows, facts.size(), county_code);
  return Status::Ok();
}

}  // namespace fugong::app
