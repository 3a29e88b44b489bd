// Rules of 包保 (SPEC §3.1): each enterprise's chain of responsibility
// (区级领导, 行业部门, 乡镇街道, 网格, 包保干部), the rank rule (处级 cadres for
// 规上/重点 enterprises, 科级 for 小微; a 科级 cadre on a 规上/重点 enterprise
// only with an explicit override and its reason), bulk assignment and import,
// cadre ranks, and the coverage report. Every change of a chain writes the
// registry's mirror fields and notifies a newly assigned cadre in its own
// transaction. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "modules/responsibility/responsibility.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/user.h"

namespace fugong::responsibility {

class ResponsibilityService {
 public:
  ResponsibilityService(db::Database& db, const system::ReferenceService& reference)
      : db_(db), reference_(reference) {}
  ResponsibilityService(const ResponsibilityService&) = delete;
  ResponsibilityService& operator=(const ResponsibilityService&) = delete;

  // NotFound outside the scope.
  Result<Chain> Get(const std::string& uscc, const system::Principal& by);
  Result<std::vector<Chain>> List(ChainFilter f, const system::Principal& by,
                                  const system::Page& page, int64_t* total);
  // The filtered chains as XLSX in a new temporary file; returns its path.
  Result<std::string> Export(ChainFilter f, const system::Principal& by);

  // Applies a change to one chain; 400 naming the field (rank_rule for a
  // 科级 cadre on a 规上/重点 enterprise without override), 404 outside the scope.
  Result<Chain> Update(const std::string& uscc, ChainChange change, const system::Principal& by);

  // Assigns one cadre to every enterprise the filter matches (a list of
  // USCCs or a region/q/coverage/flag filter), all or nothing: when any
  // enterprise breaks the rank rule without override, 400 and nothing changes
  // (dry_run reports the refusals without changing anything).
  Result<BulkResult> Assign(ChainFilter f, LinkChange cadre, bool override_rule,
                            const std::string& reason, bool dry_run, const system::Principal& by);

  // Imports assignments from an XLSX/CSV file: valid rows apply, invalid rows
  // change nothing and are reported (row, column, reason).
  Result<ImportResult> Import(const std::string& path, const system::Principal& by);
  // The import template (XLSX) in a new temporary file.
  Result<std::string> Template();

  Result<std::vector<CadreUser>> Cadres(ChainFilter f, const system::Principal& by);
  // Sets a cadre account's rank (division | section, or 处级 | 科级).
  Result<CadreUser> SetRank(int64_t user_id, const std::string& rank, const system::Principal& by);

  Result<Coverage> GetCoverage(ChainFilter f, const system::Principal& by);
  // XLSX of one coverage list: none | no_division | cadres.
  Result<std::string> ExportCoverage(ChainFilter f, const std::string& list,
                                     const system::Principal& by);

  // Resolves the filter's region (400 naming "region" when unknown).
  Status ResolveRegion(std::string& code, int* level) const;

 private:
  // Checks a change against the stored chain (reads only); fills user names
  // and ranks into `change`.
  Status Check(db::Connection& c, const Chain& e, ChainChange& change) const;
  // Writes a checked change; `notify` collects newly assigned cadre accounts.
  Status Apply(db::Connection& c, const Chain& e, const ChainChange& change,
               const system::Principal& by, std::vector<int64_t>* notify) const;

  db::Database& db_;
  const system::ReferenceService& reference_;
};

// Validates a link's own fields (no database); errors name "<role>.<field>".
Status ValidateLinkChange(const std::string& role, LinkChange& l);
// "division" | "section" from either the code or 处级 / 科级; "" when unknown.
std::string CanonicalRank(const std::string& rank);
// 139****1234: the first three and the last four digits.
std::string MaskPhone(const std::string& phone);

}  // namespace fugong::responsibility
