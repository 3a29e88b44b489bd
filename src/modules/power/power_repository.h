// SQL of the electricity cross-check: meters, readings, configuration and
// explanations. Every read a caller can reach takes its Scope.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "modules/power/power.h"
#include "system/principal.h"
#include "system/user.h"

namespace fugong::power {

// An enterprise as the readings need it: id and region columns.
struct Owner {
  int64_t id = 0;
  std::string uscc, name;
  std::string region_code, province_code, city_code, county_code, town_code;
};

class PowerRepository {
 public:
  static Result<std::optional<Owner>> OwnerByUscc(db::Connection& c, const std::string& uscc,
                                                  const system::Scope& scope);
  // The enterprise a meter is mapped to, if it lies in `scope`.
  static Result<std::optional<Owner>> OwnerByMeter(db::Connection& c, const std::string& meter_no,
                                                   const system::Scope& scope);

  // nullopt when the meter number is taken.
  static Result<std::optional<int64_t>> InsertMeter(db::Connection& c, const Owner& o,
                                                    const std::string& meter_no,
                                                    const std::string& note, int64_t by);
  static Result<std::vector<Meter>> Meters(db::Connection& c, const system::Scope& scope,
                                           std::optional<int64_t> enterprise_id,
                                           const system::Page& page, int64_t* total);
  // false when no such meter in scope.
  static Result<bool> DeleteMeter(db::Connection& c, int64_t id, const system::Scope& scope);

  // Writes the day's value of (enterprise, meter); true when it was new.
  static Result<bool> UpsertReading(db::Connection& c, const Owner& o, const std::string& meter_no,
                                    const std::string& day, double kwh, int64_t by);

  // Daily average per enterprise over [from, to] (days with readings), and
  // the day's use per enterprise (meters summed), in the region subtree.
  static Result<std::map<int64_t, double>> Averages(db::Connection& c, const std::string& from,
                                                    const std::string& to,
                                                    const system::Scope& region);
  static Result<std::map<int64_t, double>> DayUse(db::Connection& c, const std::string& day,
                                                  const system::Scope& region);
  // Per day in [from, to]: enterprise → use.
  static Result<std::map<std::string, std::map<int64_t, double>>> RangeUse(
      db::Connection& c, const std::string& from, const std::string& to,
      const system::Scope& region);

  // Stored configurations among `codes` ("" included), by region code.
  static Result<std::map<std::string, Config>> Configs(db::Connection& c,
                                                       const std::vector<std::string>& codes);
  static Status PutConfig(db::Connection& c, const Config& cfg, int64_t by);

  // (enterprise, kind) → (reason, note) on `day` in the region subtree.
  static Result<std::map<std::pair<int64_t, std::string>, std::pair<std::string, std::string>>>
  Explanations(db::Connection& c, const std::string& day, const system::Scope& region);
  static Status PutExplanation(db::Connection& c, const Owner& o, const Explanation& e, int64_t by);
};

}  // namespace fugong::power
