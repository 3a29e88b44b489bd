// SQL for the chains of responsibility (responsibility_links), the cadres'
// rank (users.cadre_rank), the coverage report, the visit logs (visits) and
// the cadre's workbench. Every read of an enterprise-owned row takes the
// caller's scope; region filters are a second scope over the same columns.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/responsibility/responsibility.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::responsibility {

// A user account as a chain link sees it.
struct LinkUser {
  int64_t id = 0;
  std::string username, display_name, region_code, rank;
  bool disabled = false;
  bool is_cadre = false;
};

class ResponsibilityRepository {
 public:
  // The user id of the enterprise's responsible cadre (包保干部), if the
  // chain names a cadre account.
  static Result<std::optional<int64_t>> CadreOf(db::Connection& c, int64_t enterprise_id);

  // The enterprise with its chain, within the scope.
  static Result<std::optional<Chain>> FindByUscc(db::Connection& c, const std::string& uscc,
                                                 const system::Scope& scope);
  // Enterprises (not closed) matching the filter within the scope, with their
  // chains; paged when `page` is given, else at most `limit`.
  static Result<std::vector<Chain>> List(db::Connection& c, const ChainFilter& f,
                                         const system::Scope& scope,
                                         std::optional<system::Page> page, int64_t limit,
                                         int64_t* total);

  static Result<std::optional<LinkUser>> UserById(db::Connection& c, int64_t id);
  static Result<std::optional<LinkUser>> UserByUsername(db::Connection& c,
                                                        const std::string& username);

  static Status UpsertLink(db::Connection& c, int64_t enterprise_id, const Link& l, int64_t by);
  static Status DeleteLink(db::Connection& c, int64_t enterprise_id, const std::string& role);
  // Copies the chain into the registry's text fields (cadre, cadre_rank,
  // grid, responsible_leader, responsible_department).
  static Status MirrorRegistry(db::Connection& c, int64_t enterprise_id);
  static Result<bool> IsLink(db::Connection& c, int64_t enterprise_id, int64_t user_id);
  // Creates name-only links from the registry's text fields (cadre and its
  // rank, grid, leader, department) where the chain lacks them: data imported
  // into the registry before chains existed, and the demo. Returns the links made.
  static Result<int64_t> AdoptRegistry(db::Connection& c);

  // Cadre accounts whose region lies in the filter's region (and the scope).
  static Result<std::vector<CadreUser>> CadreUsers(db::Connection& c, const ChainFilter& f,
                                                   const system::Scope& scope);
  // Sets a cadre's rank on the account, its cadre links and their registry mirror.
  static Status SetRank(db::Connection& c, int64_t user_id, const std::string& rank, int64_t by);

  static Result<Coverage> CoverageCounts(db::Connection& c, const ChainFilter& f,
                                         const system::Scope& scope);

  static Result<int64_t> InsertVisit(db::Connection& c, const Chain& e,
                                     const system::Region& region, int64_t user_id,
                                     const NewVisit& v, const std::string& day);
  static Result<std::vector<Visit>> ListVisits(db::Connection& c, const VisitFilter& f,
                                               const system::Scope& scope,
                                               std::optional<system::Page> page, int64_t* total);
  static Status ForEachVisit(db::Connection& c, const VisitFilter& f, const system::Scope& scope,
                             const std::function<Status(const Visit&)>& fn);
  static Result<std::vector<VisitCell>> VisitCells(db::Connection& c, const VisitFilter& f,
                                                   const system::Scope& scope);

  // The enterprises where `user_id` is a link, with their last visit.
  static Result<std::vector<WorkbenchItem>> UserEnterprises(db::Connection& c, int64_t user_id);
};

}  // namespace fugong::responsibility
