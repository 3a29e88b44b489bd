// SQL of transport permits. Every read a caller can reach takes its Scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/permit/permit.h"
#include "system/principal.h"
#include "system/user.h"

namespace fugong::permit {

// An enterprise as a permit needs it: id, names and region columns.
struct Owner {
  int64_t id = 0;
  std::string uscc, name;
  std::string region_code, province_code, city_code, county_code, town_code;
};

// A new application with its personal data already sealed.
struct SealedPermit {
  std::string type, plate, holder_name, holder_masked;
  std::string id_cipher, id_masked, phone_cipher, phone_masked;
  std::string origin, destination, route, cargo, valid_from, valid_to;
};

class PermitRepository {
 public:
  static Result<std::optional<Owner>> OwnerByUscc(db::Connection& c, const std::string& uscc,
                                                  const system::Scope& scope);
  static Result<std::optional<Owner>> OwnerById(db::Connection& c, int64_t id);

  static Result<int64_t> Insert(db::Connection& c, const Owner& o, const SealedPermit& p,
                                int64_t by);
  // The permit if it lies in `scope`.
  static Result<std::optional<Permit>> Get(db::Connection& c, int64_t id,
                                           const system::Scope& scope);
  static Result<std::optional<Permit>> ByNumber(db::Connection& c, const std::string& permit_no);
  static Result<std::vector<Permit>> List(db::Connection& c, const system::Scope& scope,
                                          const PermitFilter& f, const std::string& today,
                                          const system::Page& page, int64_t* total);

  // State changes guarded by the expected state; false when it was not.
  static Result<bool> Issue(db::Connection& c, int64_t id, const std::string& permit_no,
                            const std::string& token, const std::string& comment, int64_t by);
  static Result<bool> Refuse(db::Connection& c, int64_t id, const std::string& comment, int64_t by);
  static Result<bool> Revoke(db::Connection& c, int64_t id, const std::string& reason, int64_t by);

  static Result<std::string> IdCipher(db::Connection& c, int64_t id);

  // Counts per type over [from, to] (dates) in `scope`.
  static Result<std::vector<TypeCount>> Counts(db::Connection& c, const system::Scope& scope,
                                               const std::string& from, const std::string& to);
};

}  // namespace fugong::permit
