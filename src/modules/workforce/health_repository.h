// SQL for return-to-work cards, travel records, risk regions, holds and their
// changes, daily declarations, and the change log that in-memory state caches
// follow (workforce_changes under the "workforce" data version).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/workforce/health.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::workforce {

class HealthRepository {
 public:
  // Bumps the "workforce" data version (first, so its row lock orders
  // concurrent writers) and records `ids` of `kind` ("employee" | "site") as
  // changed under the new version. Call once per writing transaction.
  static Status MarkChanged(db::Connection& c, const std::string& kind,
                            const std::vector<int64_t>& ids);

  static Result<std::optional<ReturnCard>> GetCard(db::Connection& c, int64_t employee_id);
  // Replaces the card and its travel records.
  static Status PutCard(db::Connection& c, int64_t enterprise_id, const system::Region& region,
                        const ReturnCard& card, int64_t by);

  // (employee_id, place_region_code) of every travel record.
  static Result<std::vector<std::pair<int64_t, std::string>>> TravelPlaces(db::Connection& c);

  static Result<std::vector<RiskRegion>> ListRiskRegions(db::Connection& c);
  static Result<std::optional<RiskRegion>> GetRiskRegion(db::Connection& c, int64_t id);
  static Result<int64_t> InsertRiskRegion(db::Connection& c, const RiskRegion& r, int64_t by);
  static Status UpdateRiskRegion(db::Connection& c, const RiskRegion& r, int64_t by);
  static Status DeleteRiskRegion(db::Connection& c, int64_t id);

  static Result<std::vector<Hold>> HoldsOf(db::Connection& c, int64_t employee_id);
  // The holds of one enterprise; `kind` "" = any; `on_day` non-empty: only
  // those in force that day. Soonest end first.
  static Result<std::vector<BoardHold>> EnterpriseHolds(db::Connection& c, int64_t enterprise_id,
                                                        const std::string& kind,
                                                        const std::string& on_day,
                                                        const system::Page& page, int64_t* total);
  static Result<std::optional<Hold>> GetHold(db::Connection& c, int64_t hold_id);
  static Result<int64_t> InsertHold(db::Connection& c, const system::Region& region, const Hold& h,
                                    int64_t by);
  // A rule hold recomputed from a new card: start, rule end, reasons and
  // (when given) the end.
  static Status UpdateRuleHold(db::Connection& c, int64_t hold_id, const std::string& start,
                               const std::string& rule_end, const std::string& end,
                               const std::string& reasons, int64_t by);
  static Status DeleteHold(db::Connection& c, int64_t hold_id);
  // Moves the end date; `change` is extend | shorten | override.
  static Status ChangeHoldEnd(db::Connection& c, const Hold& h, const std::string& new_end,
                              const std::string& change, const std::string& reason, int64_t by,
                              const std::string& by_name);
  static Result<std::vector<HoldChange>> HoldChanges(db::Connection& c, int64_t employee_id);

  static Status PutDeclaration(db::Connection& c, int64_t enterprise_id,
                               const system::Region& region, const Declaration& d, int64_t by);
  static Result<std::optional<Declaration>> GetDeclaration(db::Connection& c, int64_t employee_id,
                                                           const std::string& day);
  static Result<std::vector<Declaration>> Declarations(db::Connection& c, int64_t employee_id,
                                                       int limit);
};

// Joins codes with ',' and splits them back.
std::string JoinCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitCodes(const std::string& text);

}  // namespace fugong::workforce
