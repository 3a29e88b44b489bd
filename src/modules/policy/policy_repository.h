// SQL of policies and their recipients. Reads of recipients take the
// caller's Scope (system/scope_sql.h); policies are visible in their region's
// subtree and to the users of its ancestors (the service decides which).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/policy/policy.h"
#include "system/principal.h"
#include "system/reference.h"

namespace fugong::policy {

class PolicyRepository {
 public:
  static Result<int64_t> Insert(db::Connection& c, const Policy& p, const system::Region& region,
                                const std::string& at, int64_t by);
  static Status Update(db::Connection& c, const Policy& p, const system::Region& region,
                       const std::string& at, int64_t by);
  static Result<std::optional<Policy>> Get(db::Connection& c, int64_t id);
  // Policies whose region lies in `scope` or is one of `ancestors`.
  static Result<std::vector<Policy>> List(db::Connection& c, const PolicyFilter& f,
                                          const system::Scope& scope,
                                          const std::vector<std::string>& ancestors,
                                          const std::string& today, int64_t limit, int64_t offset,
                                          int64_t* total);
  // Totals per policy over the recipients in `scope`.
  static Result<std::map<int64_t, Totals>> TotalsOf(db::Connection& c,
                                                    const std::vector<int64_t>& ids,
                                                    const system::Scope& scope);
  // enterprise id → outcome of the recipients of a policy.
  static Result<std::map<int64_t, std::string>> Outcomes(db::Connection& c, int64_t policy_id);
  // false when already pushed.
  static Result<bool> InsertRecipient(db::Connection& c, int64_t policy_id, const Facts& f,
                                      const std::string& region_code, const std::string& at,
                                      int64_t by);
  static Result<std::vector<Recipient>> Recipients(db::Connection& c, int64_t policy_id,
                                                   const std::string& outcome,
                                                   const system::Scope& scope, int64_t limit,
                                                   int64_t offset, int64_t* total);
  static Result<std::optional<Recipient>> GetRecipient(db::Connection& c, int64_t policy_id,
                                                       int64_t id, const system::Scope& scope);
  // The recipients of one enterprise (its inbox), newest first.
  static Result<std::vector<Recipient>> Inbox(db::Connection& c, int64_t enterprise_id);
  // false when the recipient is not in `from` any more.
  static Result<bool> Apply(db::Connection& c, int64_t id, const std::string& note,
                            std::optional<double> amount, const std::string& at);
  static Result<bool> Decide(db::Connection& c, int64_t id, const std::string& outcome,
                             std::optional<double> amount, const std::string& note,
                             const std::string& at, int64_t by);
};

}  // namespace fugong::policy
