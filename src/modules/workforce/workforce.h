// The workforce module assembled (SPEC §3.3): keys, the in-memory gate state,
// the group-committing entry writer and the three services, in the order
// they depend on each other. app/ holds one of these.
// Thread-safety: the services are thread-safe; construct and destroy from one
// thread.
#pragma once

#include <memory>
#include <string>

#include "db/database.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/workforce/alert_hub.h"
#include "modules/workforce/checkin_service.h"
#include "modules/workforce/employee_service.h"
#include "modules/workforce/entry_writer.h"
#include "modules/workforce/gate_state.h"
#include "modules/workforce/health_service.h"
#include "modules/workforce/keys.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user_service.h"

namespace fugong::workforce {

class Workforce {
 public:
  // Loads (or creates) the key file at `key_file` and the gate state.
  static Result<std::unique_ptr<Workforce>> Open(db::Database& db,
                                                 const system::ReferenceService& reference,
                                                 const system::SettingsService& settings,
                                                 enterprise::EnterpriseService& enterprises,
                                                 system::UserService& users,
                                                 const std::string& key_file);
  Workforce(const Workforce&) = delete;
  Workforce& operator=(const Workforce&) = delete;
  ~Workforce();

  // Follows writes of other server processes (`fugong serve` only).
  void StartRefresher();

  EmployeeService& employees() { return *employees_; }
  HealthService& health() { return *health_; }
  CheckinService& checkins() { return *checkins_; }
  GateState& state() { return *state_; }
  AlertHub& alerts() { return *alerts_; }
  const Keys& keys() const { return keys_; }

 private:
  Workforce() = default;

  Keys keys_;
  std::unique_ptr<GateState> state_;
  std::unique_ptr<EntryWriter> writer_;
  std::unique_ptr<AlertHub> alerts_;
  std::unique_ptr<EmployeeService> employees_;
  std::unique_ptr<HealthService> health_;
  std::unique_ptr<CheckinService> checkins_;
};

}  // namespace fugong::workforce
