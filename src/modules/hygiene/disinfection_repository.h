// SQL for areas, disinfection records and the site look-up of the hygiene
// module. Every read that a caller can reach takes its Scope.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/hygiene/hygiene.h"
#include "system/principal.h"
#include "system/user.h"

namespace fugong::hygiene {

// Which areas a query covers (all conditions combine).
struct AreaQuery {
  std::optional<int64_t> site_id;
  std::optional<int64_t> enterprise_id;
  std::optional<int64_t> area_id;
  const system::Scope* scope = nullptr;  // nullptr: no scope condition
  std::string region_code;               // subtree, with region_level
  int region_level = 0;
  bool active_only = false;
  bool scheduled_only = false;
};

// A record of a day, as the rounds need it.
struct DayRecord {
  int64_t area_id = 0;
  std::string at, agent, person;
};

class DisinfectionRepository {
 public:
  // The site if it lies in `scope`.
  static Result<std::optional<SiteRef>> GetSite(db::Connection& c, int64_t site_id,
                                                const system::Scope& scope);
  static Result<int> CountSites(db::Connection& c, int64_t enterprise_id);

  // nullopt when the site already has an area of that name.
  static Result<std::optional<int64_t>> InsertArea(db::Connection& c, int64_t site_id,
                                                   const std::string& name,
                                                   const std::optional<Schedule>& schedule,
                                                   int64_t by);
  static Result<bool> AreaNameTaken(db::Connection& c, int64_t site_id, const std::string& name,
                                    int64_t except_id);
  static Status UpdateArea(db::Connection& c, int64_t id, const Area& a, int64_t by);
  static Result<std::vector<Area>> Areas(db::Connection& c, const AreaQuery& q);
  static Result<std::optional<Area>> GetArea(db::Connection& c, int64_t id,
                                             const system::Scope& scope);

  static Result<int64_t> InsertDisinfection(db::Connection& c, const Area& area,
                                            const NewDisinfection& d, const std::string& day,
                                            int64_t by);
  static Result<std::vector<Disinfection>> List(db::Connection& c, int64_t site_id,
                                                const DisinfectionFilter& f,
                                                const system::Page& page, int64_t* total);
  static Status ForEach(db::Connection& c, int64_t site_id, const DisinfectionFilter& f,
                        const std::function<Status(const Disinfection&)>& fn);
  static Result<std::optional<Disinfection>> GetDisinfection(db::Connection& c, int64_t id);

  // The records of `day` of the areas `q` covers, by time.
  static Result<std::vector<DayRecord>> DayRecords(db::Connection& c, const AreaQuery& q,
                                                   const std::string& day);
  // Each covered area's last record on or before `day`.
  static Result<std::map<int64_t, LastRecord>> LastRecords(db::Connection& c, const AreaQuery& q,
                                                           const std::string& day);
};

}  // namespace fugong::hygiene
