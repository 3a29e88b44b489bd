// Areas of a site with their disinfection schedules, disinfection records,
// the day's rounds against the schedule (missing rounds), the government's
// warning list, and one enterprise's hygiene summary (for inspections).
// Every read and write is limited to the caller's scope; anything outside it
// answers NotFound.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/hygiene/hygiene.h"
#include "modules/hygiene/isolation_service.h"
#include "system/principal.h"
#include "system/reference_service.h"

namespace fugong::hygiene {

// Records may be entered up to this many days late.
inline constexpr int kMaxRecordAgeDays = 7;

// One site's rounds on a date.
struct SiteHygiene {
  SiteRef site;
  std::string date;
  std::vector<AreaRounds> areas;  // active areas
  int expected = 0, done = 0, missing = 0;
};

class DisinfectionService {
 public:
  DisinfectionService(db::Database& db, const system::ReferenceService& reference,
                      enterprise::EnterpriseService& enterprises, IsolationService& isolation)
      : db_(db), reference_(reference), enterprises_(enterprises), isolation_(isolation) {}
  DisinfectionService(const DisinfectionService&) = delete;
  DisinfectionService& operator=(const DisinfectionService&) = delete;

  // 400 naming the field (name, schedule.*), 404 unknown_site, 409 duplicate_area.
  Result<Area> CreateArea(int64_t site_id, std::string name, std::optional<Schedule> schedule,
                          const system::Principal& by);
  Result<std::vector<Area>> Areas(int64_t site_id, bool include_inactive,
                                  const system::Principal& by);
  Result<Area> UpdateArea(int64_t area_id, AreaUpdate u, const system::Principal& by);

  // 400 naming the field (at: invalid_timestamp, in_future, too_old; agent,
  // person required), 404 unknown_area, 409 area_inactive.
  Result<Disinfection> Record(int64_t area_id, NewDisinfection in, const system::Principal& by);
  Result<std::vector<Disinfection>> Records(int64_t site_id, const DisinfectionFilter& f,
                                            const system::Page& page, const system::Principal& by,
                                            int64_t* total);
  // The records of the filter, written to a new temporary file; returns its path.
  Result<std::string> Export(int64_t site_id, const DisinfectionFilter& f,
                             enterprise::ExportFormat format, const system::Principal& by);

  // The rounds of every active area of a site on `date` (YYYY-MM-DD).
  Result<SiteHygiene> SiteRounds(int64_t site_id, const std::string& date,
                                 const system::Principal& by);
  // Scheduled areas with missing rounds on `f.day` in the caller's scope
  // (and `f.region_code`'s subtree), most missing first.
  Result<std::vector<Warning>> Warnings(WarningFilter f, const system::Page& page,
                                        const system::Principal& by, int64_t* total,
                                        WarningTotals* totals);
  // One enterprise's hygiene on `date`: rounds of every active area, records,
  // rooms and their occupancy. Inspections (SPEC §3.7) read this.
  Result<EnterpriseHygiene> EnterpriseSummary(const std::string& uscc, const std::string& date,
                                              const system::Principal& by);

 private:
  Result<SiteRef> SiteInScope(int64_t site_id, const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  enterprise::EnterpriseService& enterprises_;
  IsolationService& isolation_;
};

// Validates a date parameter ("date", YYYY-MM-DD).
Status ValidateDate(const std::string& date, const char* field = "date");

}  // namespace fugong::hygiene
