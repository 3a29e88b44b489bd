// SQL for the employee roster and employee accounts. Personal data arrives
// here already sealed (ciphertext, keyed hash, masked form); this file never
// sees an ID number in clear.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/workforce/employee.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::workforce {

// An employee row as stored: the sealed fields beside the plain ones.
struct SealedEmployee {
  std::string name;
  std::string id_cipher, id_hash, id_masked;
  std::string phone_cipher, phone_masked;  // empty when no phone
  std::string department, home_address, home_region_code, shift;
  bool out_of_province = false;
};

class EmployeeRepository {
 public:
  static Result<int64_t> Insert(db::Connection& c, int64_t enterprise_id,
                                const system::Region& region, const SealedEmployee& e, int64_t by);
  // Updates the roster fields of employee `id` (re-import, edit).
  static Status Update(db::Connection& c, int64_t id, const SealedEmployee& e, int64_t by);
  static Status SetActive(db::Connection& c, int64_t id, bool active, int64_t by);
  // Employees on the roster of one enterprise.
  static Result<int64_t> CountActive(db::Connection& c, int64_t enterprise_id);
  static Result<std::optional<int64_t>> FindByHash(db::Connection& c, int64_t enterprise_id,
                                                   const std::string& id_hash);
  // Any employee by id (the caller checks the scope with InScope).
  static Result<std::optional<Employee>> Get(db::Connection& c, int64_t id);
  static Result<bool> InScope(db::Connection& c, int64_t id, const system::Scope& scope);
  static Result<std::vector<Employee>> List(db::Connection& c, int64_t enterprise_id,
                                            const EmployeeFilter& f, const std::string& id_hash,
                                            const system::Page& page, int64_t* total);
  // (id_cipher, phone_cipher) of employee `id`.
  static Result<std::pair<std::string, std::string>> Sealed(db::Connection& c, int64_t id);

  static Status LinkAccount(db::Connection& c, int64_t user_id, int64_t employee_id,
                            int64_t enterprise_id, int64_t by);
  // The employee linked to user `user_id`, if any.
  static Result<std::optional<int64_t>> EmployeeOfUser(db::Connection& c, int64_t user_id);

  // A row-level error report of an import, downloadable from
  // /api/v1/imports/{id}/report by the user who imported.
};

}  // namespace fugong::workforce
