// SQL of demands, their events and attachments. Every read of a demand takes
// the caller's scope (system/scope_sql.h); a region filter is a second scope
// over the same columns.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/demand/demand.h"
#include "system/principal.h"
#include "system/reference.h"

namespace fugong::demand {

class DemandRepository {
 public:
  static Result<int64_t> Insert(db::Connection& c, int64_t enterprise_id,
                                const system::Region& region, const NewDemand& d,
                                std::optional<int64_t> cadre_id, std::optional<int64_t> assignee_id,
                                const std::string& at, int64_t by);
  static Result<std::optional<Demand>> Get(db::Connection& c, int64_t id,
                                           const system::Scope& scope);
  // Demands matching the SQL part of the filter (state, category, source,
  // region, q, dates, cadre, department), newest first, at most `limit`.
  static Result<std::vector<Demand>> List(db::Connection& c, const DemandFilter& f,
                                          const system::Scope& scope, int64_t limit);
  // Writes the mutable columns of `d` when its version is still `d.version`
  // (then version + 1); false when another writer came first.
  static Result<bool> Update(db::Connection& c, const Demand& d, int64_t by, const std::string& at);
  static Status InsertEvent(db::Connection& c, const Demand& d, const Event& e);
  static Result<std::vector<Event>> Events(db::Connection& c, int64_t demand_id);
  // The events of many demands (clock computation of a list).
  static Result<std::map<int64_t, std::vector<Event>>> EventsOf(db::Connection& c,
                                                                const std::vector<int64_t>& ids);

  static Result<int64_t> CountAttachments(db::Connection& c, int64_t demand_id);
  static Result<int64_t> InsertAttachment(db::Connection& c, const Demand& d, const Attachment& a,
                                          int64_t by);
  static Result<std::vector<Attachment>> Attachments(db::Connection& c, int64_t demand_id);
  static Result<std::optional<Attachment>> GetAttachment(db::Connection& c, int64_t demand_id,
                                                         int64_t id);

  // Open demands (new, accepted, in_progress) per assignee among `users`.
  static Result<std::map<int64_t, int64_t>> OpenLoad(db::Connection& c,
                                                     const std::vector<int64_t>& users);
  // Every open demand, for the escalation pass.
  static Result<std::vector<Demand>> Open(db::Connection& c);
  static Result<std::string> UserName(db::Connection& c, int64_t user_id);
  // Whether the user holds `role`.
  static Result<bool> HasRole(db::Connection& c, int64_t user_id, const std::string& role);
  // Enabled commanders whose region is exactly `region_code`.
  static Result<std::vector<int64_t>> CommandersAt(db::Connection& c,
                                                   const std::string& region_code);
};

}  // namespace fugong::demand
