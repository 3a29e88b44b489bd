// Rules of workforce health: return-to-work cards (validated travel history)
// and the holds the rules derive from them (rules.h), risk regions (admins;
// a change re-derives the holds of every employee who travelled there),
// medical observation recorded by an officer, end-date changes (extend,
// shorten, and the audited override below the rule's end), daily health
// declarations (a declared fever raises an alert), and the personal pass
// code. Every write that changes a hold or the roster bumps the "workforce"
// data version and refreshes the gate state. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "modules/workforce/employee_service.h"
#include "modules/workforce/gate_state.h"
#include "modules/workforce/health.h"
#include "modules/workforce/keys.h"
#include "modules/workforce/rules.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user_service.h"

namespace fugong::workforce {

struct PassView {
  std::string token;
  Colour colour = Colour::kGreen;
  std::vector<std::string> reasons;
  std::string svg;
  std::string date;
  Employee employee;
};

struct NewHold {
  std::string kind;  // medical_observation | quarantine
  std::string start_date;
  std::string end_date;  // "" = start + quarantine_days
  std::string reason;
};

struct EndDateChange {
  std::string end_date;
  std::string reason;
  bool override_rule = false;
};

class HealthService {
 public:
  HealthService(db::Database& db, const system::ReferenceService& reference,
                const system::SettingsService& settings, system::UserService& users,
                EmployeeService& employees, const Keys& keys, GateState& state)
      : db_(db),
        reference_(reference),
        settings_(settings),
        users_(users),
        employees_(employees),
        keys_(keys),
        state_(state) {}
  HealthService(const HealthService&) = delete;
  HealthService& operator=(const HealthService&) = delete;

  // Stores the card of employee `id` and re-derives its rule holds. Errors
  // name the field ("travel[1].to_date").
  Result<ReturnCard> PutCard(int64_t id, ReturnCard card, const system::Principal& by);
  Result<ReturnCard> GetCard(int64_t id, const system::Principal& by);

  Result<std::vector<Hold>> Holds(int64_t id, const system::Principal& by);
  // The enterprise's holds (the quarantine board): `kind` "" or a hold kind,
  // `active` only those in force today. NotFound outside the scope.
  Result<std::vector<BoardHold>> Board(const std::string& uscc, const std::string& kind,
                                       bool active, const system::Page& page,
                                       const system::Principal& by, int64_t* total);
  Result<std::vector<HoldChange>> HoldChanges(int64_t id, const system::Principal& by);
  // Records a hold by an officer (medical observation, or quarantine).
  Result<Hold> AddHold(int64_t id, const NewHold& in, const system::Principal& by);
  // Moves a hold's end. Earlier than the rule's end needs `override_rule`
  // and the hold:override permission, and is written to the audit log.
  Result<Hold> ChangeEnd(int64_t hold_id, const EndDateChange& change, const system::Principal& by,
                         const std::string& ip);

  Result<Declaration> Declare(int64_t id, double temperature, std::vector<std::string> symptoms,
                              const system::Principal& by);
  Result<std::vector<Declaration>> Declarations(int64_t id, const system::Principal& by);

  // Today's pass of employee `id`: colour by the rules, the signed token and
  // its QR code.
  Result<PassView> Pass(int64_t id, const system::Principal& by);

  Result<std::vector<RiskRegion>> RiskRegions();
  Result<RiskRegion> SaveRiskRegion(RiskRegion r, const system::Principal& by);
  Status DeleteRiskRegion(int64_t id, const system::Principal& by);

 private:
  Status ValidateRisk(RiskRegion& r) const;
  Result<std::vector<RuleRisk>> LoadRisks(db::Connection& c) const;
  // Re-derives the rule holds of one employee from their card, inside `c`'s
  // transaction.
  Status ApplyRules(db::Connection& c, const Employee& e, const system::Region& region,
                    const ReturnCard& card, const std::vector<RuleRisk>& risks, int quarantine_days,
                    int64_t by);
  // Re-derives the rule holds of every employee whose travel lies in
  // `region_code` (after a risk region change).
  Status Rederive(const std::string& region_code, const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  system::UserService& users_;
  EmployeeService& employees_;
  const Keys& keys_;
  GateState& state_;
};

}  // namespace fugong::workforce
