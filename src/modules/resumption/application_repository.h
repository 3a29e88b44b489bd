// SQL for resumption applications, their transitions, attachments and
// acceptance records. Every read takes a Viewer (data scope + department) and
// applies it in SQL, so no application outside it is ever read. Writes of an
// application are optimistic: they name the version they read and change
// nothing when another writer came first. Stateless; callers pass the
// connection (and own the transaction).
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "db/database.h"
#include "modules/resumption/application.h"
#include "system/user.h"

namespace fugong::resumption {

class ApplicationRepository {
 public:
  static Result<int64_t> Insert(db::Connection& c, const Application& a, std::optional<int64_t> by);
  // Writes every column of `a` and increments its version, when the stored
  // version is still `expected_version`. Returns false when it was not.
  static Result<bool> Update(db::Connection& c, const Application& a, int64_t expected_version,
                             std::optional<int64_t> by);
  // The application when it exists and `viewer` may see it.
  static Result<std::optional<Application>> Find(db::Connection& c, int64_t id,
                                                 const Viewer& viewer);
  static Result<std::vector<Application>> List(db::Connection& c, const ApplicationFilter& f,
                                               const Viewer& viewer, const system::Page& page,
                                               int64_t* total);
  // Open applications (draft … rejected) of an enterprise.
  static Result<int64_t> CountOpen(db::Connection& c, int64_t enterprise_id);

  static Status InsertTransition(db::Connection& c, const Application& a, const Transition& t);
  static Result<std::vector<Transition>> ListTransitions(db::Connection& c, int64_t application_id);

  static Result<int64_t> InsertAttachment(db::Connection& c, const Application& a,
                                          const Attachment& att, std::optional<int64_t> by);
  // Without their content.
  static Result<std::vector<Attachment>> ListAttachments(db::Connection& c, int64_t application_id);
  static Result<std::optional<Attachment>> FindAttachment(db::Connection& c, int64_t application_id,
                                                          int64_t attachment_id, bool with_content);
  static Result<bool> DeleteAttachment(db::Connection& c, int64_t application_id,
                                       int64_t attachment_id);
  static Result<int64_t> CountAttachments(db::Connection& c, int64_t application_id);

  static Status InsertAcceptance(db::Connection& c, const Application& a, const Acceptance& acc,
                                 std::optional<int64_t> by);
  static Result<std::vector<Acceptance>> ListAcceptances(db::Connection& c, int64_t application_id);

  // Counts by state (every state present, zeros included), over the
  // applications `viewer` sees and `f` selects (state and queue ignored).
  static Result<std::map<std::string, int64_t>> CountByState(db::Connection& c,
                                                             const ApplicationFilter& f,
                                                             const Viewer& viewer);
  static Result<int64_t> CountInspectionDue(db::Connection& c, const ApplicationFilter& f,
                                            const Viewer& viewer);
  // Clears `inspection_due` on the enterprise's applications (the post-approval
  // inspection is closed); returns how many changed.
  static Result<int64_t> ClearInspectionDue(db::Connection& c, int64_t enterprise_id);
  // Applications in a planned state (submitted … approved), by enterprise.
  static Result<std::vector<PlannedResumption>> Planned(db::Connection& c, const Viewer& viewer);
};

}  // namespace fugong::resumption
