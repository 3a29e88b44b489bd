// SQL for whistle-blower tips, their photos and events.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/tip/tip.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::tip {

class TipRepository {
 public:
  // Tips from a client since a timestamp.
  // Serialises the tips of one client address until the transaction ends, so
  // concurrent submissions count each other (PostgreSQL: a transaction-scoped
  // advisory lock; SQLite's write transactions are serial already).
  static Status LockClient(db::Connection& c, const std::string& client_hash);
  static Result<int64_t> CountFromClient(db::Connection& c, const std::string& client_hash,
                                         const std::string& since);
  static Result<std::optional<int64_t>> EnterpriseIdOf(db::Connection& c, const std::string& uscc,
                                                       std::string* region_code);
  static Result<int64_t> Insert(db::Connection& c, const NewTip& t,
                                std::optional<int64_t> enterprise_id, const system::Region& region,
                                const std::string& tracking_hash, const std::string& client_hash,
                                const std::optional<std::string>& contact_cipher);
  static Status InsertPhoto(db::Connection& c, int64_t tip_id, const Photo& p);
  static Status InsertEvent(db::Connection& c, int64_t tip_id, const std::string& action,
                            const std::string& detail, int64_t actor_id,
                            const std::string& actor_name);

  static Result<std::optional<PublicStatus>> FindByTracking(db::Connection& c,
                                                            const std::string& tracking_hash);
  // A tip in the scope (region), or assigned to `user_id`.
  static Result<std::optional<Tip>> Get(db::Connection& c, int64_t id, const system::Scope& scope,
                                        int64_t user_id);
  static Result<std::vector<Tip>> List(db::Connection& c, const TipFilter& f,
                                       const system::Scope& scope, int64_t user_id,
                                       const system::Page& page, int64_t* total);
  static Result<std::vector<Photo>> Photos(db::Connection& c, int64_t tip_id);
  static Result<std::optional<Photo>> FindPhoto(db::Connection& c, int64_t tip_id,
                                                int64_t photo_id);
  static Result<std::vector<Event>> Events(db::Connection& c, int64_t tip_id);
  static Result<std::optional<std::string>> ContactCipher(db::Connection& c, int64_t tip_id);

  static Result<std::optional<Officer>> FindOfficer(db::Connection& c, int64_t user_id);
  // Enabled commander/department users whose region is one of `region_codes`.
  static Result<std::vector<Officer>> OfficersOver(db::Connection& c,
                                                   const std::vector<std::string>& region_codes);

  // State changes guarded by the expected state; false when it moved.
  static Result<bool> Assign(db::Connection& c, int64_t id, int64_t officer,
                             const std::string& note, int64_t by);
  static Result<bool> Verify(db::Connection& c, int64_t id, int64_t officer,
                             const std::string& outcome, const std::string& public_outcome,
                             const std::string& internal_note, double reward, int64_t by);
  static Result<bool> SetReward(db::Connection& c, int64_t id, const std::string& status,
                                double amount, int64_t by);
};

}  // namespace fugong::tip
