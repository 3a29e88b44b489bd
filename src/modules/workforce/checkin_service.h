// Gate check-in, sites, entry logs and alerts.
//
// Check-in is the hot path (SPEC §6: a city's workforce in half an hour).
// It reads no database: the pass token is verified with the server key
// (pure CPU), the site and the employee's holds come from GateState, and the
// decision (rules.h) is written through EntryWriter, which group-commits
// concurrent check-ins; the answer goes out only after the commit.
// Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/workforce/alert_hub.h"
#include "modules/workforce/checkin.h"
#include "modules/workforce/employee_service.h"
#include "modules/workforce/entry_writer.h"
#include "modules/workforce/gate_state.h"
#include "modules/workforce/health_service.h"
#include "modules/workforce/keys.h"
#include "system/principal.h"
#include "system/reference_service.h"

namespace fugong::workforce {

struct CheckinRequest {
  int64_t site_id = 0;
  std::optional<std::string> pass;  // an employee's token, or
  std::optional<Visitor> visitor;   // a visitor
  double temperature = 0;
};

struct CheckinResult {
  bool admit = false;
  std::vector<std::string> reasons;
  std::string at;
};

// A decided check-in and the entry row that records it.
struct PreparedCheckin {
  CheckinResult result;
  EntryRecord record;
};

class CheckinService {
 public:
  CheckinService(db::Database& db, const system::ReferenceService& reference,
                 enterprise::EnterpriseService& enterprises, EmployeeService& employees,
                 HealthService& health, const Keys& keys, GateState& state, EntryWriter& writer,
                 AlertHub& alerts)
      : db_(db),
        reference_(reference),
        enterprises_(enterprises),
        employees_(employees),
        health_(health),
        keys_(keys),
        state_(state),
        writer_(writer),
        alerts_(alerts) {}
  CheckinService(const CheckinService&) = delete;
  CheckinService& operator=(const CheckinService&) = delete;

  Result<Site> CreateSite(const std::string& uscc, const std::string& name,
                          const system::Principal& by);
  Result<std::vector<Site>> Sites(const std::string& uscc, const system::Principal& by);

  // The site's poster (its self check-in code), within the caller's scope.
  Result<SitePoster> Poster(int64_t site_id, const system::Principal& by);
  // The site behind a poster, for an employee about to check in there:
  // NotFound unless the code matches and the site is their enterprise's.
  Result<SitePoster> PosterSite(int64_t site_id, const std::string& code,
                                const system::Principal& by);
  // Self check-in of the calling employee at a poster's site: their pass of
  // today is issued and decided exactly as at a verifier's gate.
  Result<PreparedCheckin> DecideSelf(int64_t site_id, const std::string& code, double temperature,
                                     const system::Principal& by);
  // The site's counts of `day` (admitted, denied, employees, visitors).
  Result<SiteSummary> Summary(int64_t site_id, const std::string& day, const system::Principal& by);
  // Distinct employees admitted at the gates of each enterprise on `day`
  // (every enterprise; statistics, SPEC §4 返岗率).
  Result<std::vector<std::pair<int64_t, int64_t>>> OnDutyAll(const std::string& day);
  // One enterprise's on-duty headcount of `day` and its active roster.
  Result<std::pair<int64_t, int64_t>> OnDuty(const std::string& uscc, const std::string& day,
                                             const system::Principal& by);

  // Decides one check-in, reading nothing but memory. NotFound (field
  // "site") for an unknown site, PermissionDenied for a site of another
  // enterprise than the caller's, InvalidArgument naming the field for bad
  // input; a refused person is a decision with admit = false.
  Result<PreparedCheckin> Decide(const CheckinRequest& req, const system::Principal& by);
  // Queues the entry row for the next group commit; `done` runs (on the
  // writer thread) once it is durable, or with the error.
  void Commit(PreparedCheckin checkin, std::function<void(Result<CheckinResult>)> done);
  // Decide and Commit, waiting for the commit.
  Result<CheckinResult> Checkin(const CheckinRequest& req, const system::Principal& by);

  // The entry log of a site on `day` (masked), within the caller's scope.
  Result<std::vector<Entry>> Entries(int64_t site_id, const std::string& day,
                                     const system::Page& page, const system::Principal& by,
                                     int64_t* total);
  // The same, written to a new temporary file (XLSX or CSV); returns its path.
  Result<std::string> ExportEntries(int64_t site_id, const std::string& day,
                                    enterprise::ExportFormat format, const system::Principal& by);

  Result<std::vector<Alert>> Alerts(AlertFilter filter, const system::Page& page,
                                    const system::Principal& by, int64_t* total);
  // The alerts of the filter (all pages) as a new XLSX/CSV file; its path.
  Result<std::string> ExportAlerts(AlertFilter filter, enterprise::ExportFormat format,
                                   const system::Principal& by);
  Result<Alert> Acknowledge(int64_t id, const std::string& note, const system::Principal& by);

 private:
  // The site if it lies in the caller's scope (NotFound otherwise).
  Result<Site> SiteInScope(int64_t site_id, const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  enterprise::EnterpriseService& enterprises_;
  EmployeeService& employees_;
  HealthService& health_;
  const Keys& keys_;
  GateState& state_;
  EntryWriter& writer_;
  AlertHub& alerts_;
};

// Validates a visitor record; errors name "visitor.name" and so on.
Status ValidateVisitor(Visitor& v);

}  // namespace fugong::workforce
