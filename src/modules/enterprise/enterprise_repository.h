// SQL for the enterprise registry, its status history and import reports.
// Every listing takes the caller's Scope and applies it in SQL, so no
// enterprise outside the scope is ever read.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "db/database.h"
#include "modules/enterprise/enterprise.h"
#include "system/principal.h"
#include "system/reference.h"

namespace fugong::enterprise {

class EnterpriseRepository {
 public:
  // `region` is the enterprise's region (for the per-level ancestor columns).
  static Result<int64_t> Insert(db::Connection& c, const Enterprise& e,
                                const system::Region& region, std::optional<int64_t> by);
  static Status Update(db::Connection& c, const Enterprise& e, const system::Region& region,
                       std::optional<int64_t> by);
  // Any enterprise by USCC (scope is checked by the caller with InScope).
  static Result<std::optional<Enterprise>> FindByUscc(db::Connection& c, const std::string& uscc);
  static Result<bool> InScope(db::Connection& c, int64_t id, const system::Scope& scope);

  static Result<std::vector<Enterprise>> List(db::Connection& c, const EnterpriseFilter& f,
                                              const system::Scope& scope, const system::Page& page,
                                              int64_t* total);
  // Streams the filtered list (exports), in the listing's order.
  static Status ForEach(db::Connection& c, const EnterpriseFilter& f, const system::Scope& scope,
                        const std::function<Status(const Enterprise&)>& fn);

  static Status InsertStatus(db::Connection& c, int64_t enterprise_id, const std::string& status,
                             const std::string& date, const std::string& note,
                             std::optional<int64_t> by);
  // Sets the enterprise's current status to its latest history entry.
  static Status RefreshCurrentStatus(db::Connection& c, int64_t enterprise_id);
  static Result<std::vector<StatusChange>> History(db::Connection& c, int64_t enterprise_id);
};

}  // namespace fugong::enterprise
