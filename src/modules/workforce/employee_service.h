// Rules of the employee roster: validation (GB 11643 ID numbers, mobiles,
// regions), personal data sealed before it reaches the database (secretbox,
// keyed hash for look-ups, masked forms for every view), data scope on every
// read and write, the audited full read of an ID number, streaming import
// with a row-level error report, and employee accounts (users of role
// employee linked to their roster entry through employee_accounts).
// Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "modules/enterprise/enterprise.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/workforce/employee.h"
#include "modules/workforce/gate_state.h"
#include "modules/workforce/keys.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/user_service.h"

namespace fugong::workforce {

// The enterprise that owns an employee, with its region.
struct Owner {
  enterprise::Enterprise enterprise;
  system::Region region;
};

class EmployeeService {
 public:
  EmployeeService(db::Database& db, const system::ReferenceService& reference,
                  enterprise::EnterpriseService& enterprises, system::UserService& users,
                  const Keys& keys, GateState& state)
      : db_(db),
        reference_(reference),
        enterprises_(enterprises),
        users_(users),
        keys_(keys),
        state_(state) {}
  EmployeeService(const EmployeeService&) = delete;
  EmployeeService& operator=(const EmployeeService&) = delete;

  // Adds an employee to the roster of enterprise `uscc`. Conflict (409,
  // field id_number) when the enterprise already lists that ID number.
  Result<Employee> Create(const std::string& uscc, NewEmployee in, const system::Principal& by);
  // Lists the roster (masked). NotFound outside the caller's scope.
  Result<std::vector<Employee>> List(const std::string& uscc, const EmployeeFilter& filter,
                                     const system::Page& page, const system::Principal& by,
                                     int64_t* total);
  // The roster of the filter (masked, every page) as a new XLSX/CSV file.
  Result<std::string> ExportRoster(const std::string& uscc, const EmployeeFilter& filter,
                                   enterprise::ExportFormat format, const system::Principal& by);
  // One employee the caller may see: within the scope, and for callers who
  // only hold the employee role, their own record. NotFound otherwise.
  Result<Employee> Get(int64_t id, const system::Principal& by);
  // Takes an employee off the roster (or back on).
  Result<Employee> SetActive(int64_t id, bool active, const system::Principal& by);
  // The full ID number and phone, after writing the audit record (who,
  // what, when, from where). The route checks the employee:id_number
  // permission.
  Result<PersonalData> ReadPersonalData(int64_t id, const system::Principal& by,
                                        const std::string& ip);

  // Imports the roster of `uscc` from an XLSX/CSV file; re-import updates by
  // ID number. File-level problems change nothing; bad rows are reported.
  Result<enterprise::ImportResult> Import(const std::string& uscc, const std::string& path,
                                          const system::Principal& by);

  // Creates a user of role employee for employee `id` and links them.
  Result<system::User> CreateAccount(int64_t id, const std::string& username,
                                     const std::string& password, const system::Principal& by);
  // The employee record of the signed-in employee.
  Result<Employee> Self(const system::Principal& by);

  // The enterprise (and its region) of an employee already checked for scope.
  Result<Owner> OwnerOf(const Employee& e);
  // The enterprise `uscc` and its region, NotFound outside `scope`.
  Result<Owner> OwnerByUscc(const std::string& uscc, const system::Scope& scope);
  // Keyed hash of a (valid) ID number, for look-ups.
  std::string IdHash(const std::string& id_number) const;
  // Seals a clear value (ID number, phone) for storage.
  std::string Seal(const std::string& clear) const;

  // True when `by` sees whole rosters (employee:list); callers with only the
  // employee role see themselves.
  static bool SeesRoster(const system::Principal& by);

 private:
  Status Validate(NewEmployee& in, const system::Region& enterprise_region) const;

  db::Database& db_;
  const system::ReferenceService& reference_;
  enterprise::EnterpriseService& enterprises_;
  system::UserService& users_;
  const Keys& keys_;
  GateState& state_;
};

}  // namespace fugong::workforce
