// SQL for sites, the entry log (batched inserts for the group-committing
// writer), alerts, and the loaders of the in-memory gate state (sites,
// holds in force, employees off the roster, the change log).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/workforce/checkin.h"
#include "system/principal.h"
#include "system/user.h"

namespace fugong::workforce {

// A site with its region, as the gate state holds it.
struct SiteRow {
  Site site;
  system::Region region;
};

// A red or yellow hold, as the gate state holds it.
struct HoldRow {
  int64_t employee_id = 0;
  std::string kind, start_date, end_date;
};

class CheckinRepository {
 public:
  static Result<int64_t> InsertSite(db::Connection& c, int64_t enterprise_id,
                                    const system::Region& region, const std::string& name,
                                    int64_t by);
  static Result<std::vector<Site>> ListSites(db::Connection& c, int64_t enterprise_id);
  static Result<std::optional<Site>> GetSite(db::Connection& c, int64_t id);

  // Inserts every record (and the alerts they carry) with a few multi-row
  // statements; the caller owns the transaction.
  static Status InsertEntries(db::Connection& c, const std::vector<const EntryRecord*>& records);
  static Status InsertAlert(db::Connection& c, const EntryRecord& r);

  static Result<std::vector<Entry>> ListEntries(db::Connection& c, int64_t site_id,
                                                const std::string& day, const system::Page& page,
                                                int64_t* total);
  static Status ForEachEntry(db::Connection& c, int64_t site_id, const std::string& day,
                             const std::function<Status(const Entry&)>& fn);

  static Result<SiteSummary> Summarize(db::Connection& c, int64_t site_id, const std::string& day);
  // (enterprise id, distinct employees admitted) of `day`, every enterprise.
  static Result<std::vector<std::pair<int64_t, int64_t>>> OnDuty(db::Connection& c,
                                                                 const std::string& day);
  // Distinct employees of one enterprise admitted on `day`.
  static Result<int64_t> OnDutyOf(db::Connection& c, int64_t enterprise_id, const std::string& day);

  static Result<std::vector<Alert>> ListAlerts(db::Connection& c, const AlertFilter& f,
                                               const system::Scope& scope, const system::Page& page,
                                               int64_t* total);
  // Alerts in the scope with an id above `after_id`, oldest first.
  static Result<std::vector<Alert>> AlertsAfter(db::Connection& c, const system::Scope& scope,
                                                int64_t after_id, int64_t limit);
  // The newest alert id in the scope (0 when none); `scope` all: overall.
  static Result<int64_t> LastAlertId(db::Connection& c, const system::Scope& scope);
  static Result<std::optional<Alert>> GetAlert(db::Connection& c, int64_t id,
                                               const system::Scope& scope);
  // False when it was acknowledged already.
  static Result<bool> AckAlert(db::Connection& c, int64_t id, int64_t by,
                               const std::string& by_name, const std::string& note);

  // Gate state loaders. `employee_ids` empty: all.
  static Result<std::vector<SiteRow>> LoadSites(db::Connection& c);
  static Result<std::vector<HoldRow>> LoadHolds(db::Connection& c, const std::string& ending_after,
                                                const std::vector<int64_t>& employee_ids);
  static Result<std::vector<int64_t>> LoadInactive(db::Connection& c,
                                                   const std::vector<int64_t>& employee_ids);
  // (kind, ref_id) recorded under versions in (after, upto].
  static Result<std::vector<std::pair<std::string, int64_t>>> Changes(db::Connection& c,
                                                                      int64_t after, int64_t upto);
};

}  // namespace fugong::workforce
