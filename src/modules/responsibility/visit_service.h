// Visits and contacts (走访, 电话调度) by the members of an enterprise's
// chain, the seeds' figure 「调度企业N户次」 per period and per cadre, and the
// cadre's workbench (my enterprises, missing reports today, visits due, open
// demands when a source is wired). Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/responsibility/responsibility.h"
#include "modules/responsibility/responsibility_service.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/user.h"

namespace fugong::responsibility {

// The enterprises (ids) that filed the daily report of `date` within the
// scope; wired in app.cc to the daily_report module.
using ReportedSource =
    std::function<Result<std::vector<int64_t>>(const std::string& date, const system::Scope&)>;
// Open demands assigned to a user; absent until the demand module is wired.
using OpenDemandsSource = std::function<Result<int64_t>(const system::Principal&)>;

inline constexpr int kMaxVisitAgeDays = 60;
inline constexpr int kMaxSummaryDays = 400;

class VisitService {
 public:
  VisitService(db::Database& db, const system::ReferenceService& reference,
               ResponsibilityService& chains, ReportedSource reported,
               OpenDemandsSource open_demands = nullptr)
      : db_(db),
        reference_(reference),
        chains_(chains),
        reported_(std::move(reported)),
        open_demands_(std::move(open_demands)) {}
  VisitService(const VisitService&) = delete;
  VisitService& operator=(const VisitService&) = delete;

  // Records a visit by `by`, who must be a member of the enterprise's chain
  // (admins may record for anyone). 400 naming the field; 404 outside the
  // scope; 403 not_chain_member.
  Result<Visit> Record(const std::string& uscc, NewVisit v, const system::Principal& by);
  Result<std::vector<Visit>> List(VisitFilter f, const system::Principal& by,
                                  const system::Page& page, int64_t* total);
  Result<std::vector<Visit>> ForEnterprise(const std::string& uscc, const system::Principal& by,
                                           const system::Page& page, int64_t* total);
  Result<std::string> Export(VisitFilter f, const system::Principal& by);
  // period: day | week | month.
  Result<VisitSummary> Summary(VisitFilter f, const std::string& period,
                               const system::Principal& by);

  Result<Workbench> WorkbenchOf(const system::Principal& by);

  void SetOpenDemandsSource(OpenDemandsSource s) { open_demands_ = std::move(s); }

  Status CheckFilter(VisitFilter& f) const;

 private:
  db::Database& db_;
  const system::ReferenceService& reference_;
  ResponsibilityService& chains_;
  ReportedSource reported_;
  OpenDemandsSource open_demands_;
};

}  // namespace fugong::responsibility
