// Transport permits (SPEC §3.9): applications by enterprises, review by the
// transport department (setting permit_department, default 交通运输局; a
// department user of another department is refused, one without a
// department acts for any), the issued permit's Ed25519-signed QR token,
// online verification (which also reports revocation), revocation with a
// reason, expiry, counts per type and period, exports. Notifications to the
// department on application and to the enterprise on issue, refusal and
// revocation are written in the change's transaction.
//
// The signing key is derived from the deployment's key file (the workforce
// seal key, BLAKE2b with the purpose "fugong/permit/sign/v1" as the Ed25519
// seed): every server process of one deployment signs with the same key, and
// the public key is published at GET /api/v1/permits/public-key.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/permit/permit.h"
#include "modules/permit/rules.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"
#include "system/user_service.h"

namespace fugong::permit {

class PermitService {
 public:
  PermitService(db::Database& db, const system::ReferenceService& reference,
                const system::SettingsService& settings, system::UserService& users,
                const std::string& seal_key);
  PermitService(const PermitService&) = delete;
  PermitService& operator=(const PermitService&) = delete;

  const std::string& public_key() const { return key_.public_key; }
  // A short id of the public key (first 8 hex digits of its BLAKE2b).
  std::string KeyId() const;

  Result<Permit> Apply(NewPermit in, const system::Principal& by);
  Result<Permit> Get(int64_t id, const system::Principal& by);
  Result<std::vector<Permit>> List(const PermitFilter& f, const system::Principal& by,
                                   const system::Page& page, int64_t* total);
  // The whole filtered list as XLSX/CSV (masked), its temporary path.
  Result<std::string> Export(const PermitFilter& f, io::TableFormat format,
                             const system::Principal& by);

  Result<Permit> Issue(int64_t id, const std::string& comment, const system::Principal& by);
  Result<Permit> Refuse(int64_t id, const std::string& reason, const system::Principal& by);
  Result<Permit> Revoke(int64_t id, const std::string& reason, const system::Principal& by);

  // Online check of a QR token: the offline result, then revoked (or
  // unknown) from the database. 400 `token` when it is not a permit token.
  Result<Verification> Verify(const std::string& token, std::optional<Permit>* permit);

  // The full ID number of a personal pass, after writing the audit record.
  Result<std::string> ReadIdNumber(int64_t id, const system::Principal& by, const std::string& ip);

  // Counts per type over [from, to] in `region` (inside the caller's scope).
  Result<std::vector<TypeCount>> Counts(const std::string& from, const std::string& to,
                                        const std::string& region, const system::Principal& by);

  // The QR code of an issued permit's token, as SVG.
  Result<std::string> QrSvg(const Permit& p) const;

  // Policy maximum validity in days of `type` in a region (setting permit_max_days).
  int MaxDays(const std::string& type, const std::string& region_code) const;

 private:
  Status CheckTransport(const system::Principal& by, const std::string& region_code) const;
  Result<system::Scope> NarrowScope(const std::string& region, const system::Principal& by) const;
  Result<Permit> Decide(int64_t id, const std::string& action, const std::string& text,
                        const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  system::UserService& users_;
  std::string seal_key_;
  SigningKey key_;
};

}  // namespace fugong::permit
