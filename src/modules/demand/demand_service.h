// Rules and workflow of demands (诉求台账, SPEC §3.6): raising (by the
// enterprise, a cadre, a hotline operator, an inspection finding), routing
// to the enterprise's responsible cadre (else the district commanders'
// queue), accept / respond / transfer (to a department's queue, a chosen
// handler or the least-loaded one) / resolve / rate (below 3 reopens),
// comments and attachments, the SLA clocks computed from the demand's own
// events, the escalation pass and the assessment (反馈考核). Every read and
// write applies the caller's scope; a demand outside it answers 404; a
// refused request changes nothing. Notifications are written in the same
// transaction as the change that causes them.
// Thread-safe (state lives in the database; writes are optimistic on the
// demand's version).
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/demand/demand.h"
#include "modules/enterprise/enterprise_service.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"

namespace fugong::demand {

struct TransferInput {
  std::string department;
  std::optional<int64_t> handler_id;
  bool least_loaded = false;
  std::string note;
};

// Figures of one demand for the assessment.
struct DemandFigures {
  bool first_response_decided = false, first_response_on_time = false;
  bool resolution_decided = false, resolution_on_time = false;
  bool rated = false, reopened = false, open = false, overdue = false;
};

class DemandService {
 public:
  DemandService(db::Database& db, const system::ReferenceService& reference,
                const system::SettingsService& settings, enterprise::EnterpriseService& enterprises)
      : db_(db), reference_(reference), settings_(settings), enterprises_(enterprises) {}
  DemandService(const DemandService&) = delete;
  DemandService& operator=(const DemandService&) = delete;

  // A demand's project (SPEC §3.16) exists with the enterprise as owner or
  // contractor; wired in app.cc (the project module), checked in the creating transaction.
  using ProjectCheck =
      std::function<Status(db::Connection& c, int64_t project_id, int64_t enterprise_id)>;
  void SetProjectCheck(ProjectCheck check) { project_check_ = std::move(check); }

  // 400 naming the field; 404 for an enterprise outside the scope; 403 for a
  // source the caller may not use.
  Result<DemandDetail> Create(NewDemand in, const system::Principal& by);
  Result<std::vector<DemandView>> List(DemandFilter f, const system::Principal& by,
                                       const system::Page& page, int64_t* total);
  Result<DemandDetail> Detail(int64_t id, const system::Principal& by);

  // 409 invalid_transition naming the state; 403 not_handler.
  Result<DemandDetail> Accept(int64_t id, const std::string& note, const system::Principal& by);
  Result<DemandDetail> Respond(int64_t id, const std::string& message, const system::Principal& by);
  Result<DemandDetail> Transfer(int64_t id, TransferInput in, const system::Principal& by);
  Result<DemandDetail> Resolve(int64_t id, const std::string& resolution,
                               const system::Principal& by);
  // Only the raising enterprise; 409 not_resolved unless resolved.
  Result<DemandDetail> Rate(int64_t id, int rating, const std::string& comment,
                            const system::Principal& by);
  Result<DemandDetail> Comment(int64_t id, const std::string& text, const system::Principal& by);

  // Type by content (415), ≤ 10 MiB (413), by the enterprise or a handler.
  Result<Attachment> AddAttachment(int64_t id, const std::string& filename, std::string bytes,
                                   const system::Principal& by);
  Result<Attachment> GetAttachment(int64_t id, int64_t attachment_id, const system::Principal& by);

  // by: department | cadre.
  Result<std::vector<AssessmentRow>> Assessment(const std::string& by_kind, DemandFilter f,
                                                const system::Principal& by);
  Result<std::vector<DemandView>> AssessmentDemands(const std::string& by_kind,
                                                    const std::string& key,
                                                    const std::string& figure, DemandFilter f,
                                                    const system::Principal& by);
  // XLSX file path (the caller removes it).
  Result<std::string> ExportAssessment(const std::string& by_kind, DemandFilter f,
                                       io::TableFormat format, const system::Principal& by);

  // Escalates every open demand whose clocks call for a higher level, and
  // reminds the handler once per clock when it is due soon. Returns the
  // number of escalations.
  Result<int> RunEscalation();

  static DemandFigures FiguresOf(const DemandView& v, const std::vector<Event>& events);

 private:
  struct Rules {
    Calendar calendar;
    json::value first_response, resolution;
  };
  Result<Rules> RulesFor(const std::string& region_code) const;
  Result<Clocks> ClocksOf(const Demand& d, const std::vector<Event>& events,
                          std::map<std::string, Rules>* cache) const;
  Result<Demand> Load(int64_t id, const system::Principal& by);
  // Writes `after` (read at before.version) and its events; 409 when another
  // writer came first. `extra` runs in the same transaction (notifications).
  Status Commit(const Demand& after, const std::vector<Event>& events, const system::Principal& by,
                const std::function<Status(db::Connection&)>& extra);
  Status Validate(const Demand& before, const system::Principal& by);
  Result<std::vector<DemandView>> Views(std::vector<Demand> list,
                                        std::map<int64_t, std::vector<Event>>* events);
  Status CheckAssessKind(const std::string& by_kind) const;
  Status PrepareFilter(DemandFilter& f, const system::Principal& by) const;

  ProjectCheck project_check_;
  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  enterprise::EnterpriseService& enterprises_;
};

// Whether `by` may act on `d` now (assignee, queue member, commander, admin).
bool CanHandle(const Demand& d, const system::Principal& by);
// Whether the demand is in the caller's queue ("mine").
bool InQueueOf(const Demand& d, const system::Principal& by);

}  // namespace fugong::demand
