// Rules of whistle-blower tips (有奖举报, SPEC §3.14).
//
// Anonymity: the reporter has no account; the client address is kept only as
// a keyed hash (for the rate limit); the optional contact is sealed with a
// key derived from the workforce seal key and opened only for the officer
// the tip is assigned to, after the audit record is written; the tracking
// code is returned once and stored as a keyed hash. Nothing here logs the
// contact. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "modules/tip/tip.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/user.h"
#include "system/user_service.h"

namespace fugong::tip {

class TipService {
 public:
  // `seal_key`: the 32-byte workforce seal key (workforce::Keys::seal); the
  // tip keys are derived from it.
  TipService(db::Database& db, const system::ReferenceService& reference,
             system::UserService& users, const std::string& seal_key, Limits limits = {});
  TipService(const TipService&) = delete;
  TipService& operator=(const TipService&) = delete;

  // Public. 400 naming the field; 413/415 for photos; 429 too_many_tips when
  // the client address is over its limits (nothing is written).
  Result<Submitted> Submit(NewTip in, const std::string& client_address);
  // Public. 404 unknown_tracking_code.
  Result<PublicStatus> Track(const std::string& code);

  // Officers (tip:view): tips of their region scope and tips assigned to them.
  Result<std::vector<Tip>> List(TipFilter f, const system::Principal& by, const system::Page& page,
                                int64_t* total);
  Result<Tip> Get(int64_t id, const system::Principal& by);
  Result<Photo> GetPhoto(int64_t id, int64_t photo_id, const system::Principal& by);
  // The users who may verify the tip: commander or department accounts whose
  // region is the tip's region or one of its ancestors.
  Result<std::vector<Officer>> Candidates(int64_t id, const system::Principal& by);
  // tip:assign. 400 officer (not a commander/department user covering the
  // tip's region), 409 already_verified.
  Result<Tip> Assign(int64_t id, int64_t officer, const std::string& note,
                     const system::Principal& by);
  // Only the assigned officer; audited before disclosure. 403 not_assigned.
  Result<Contact> ReadContact(int64_t id, const system::Principal& by, const std::string& ip);
  // Only the assigned officer, from `assigned`. 409 not_assigned_state.
  Result<Tip> Verify(int64_t id, const std::string& outcome, const std::string& public_outcome,
                     const std::string& internal_note, double reward, const system::Principal& by);
  // The assigned officer or a tip:assign holder, for a substantiated tip.
  // status granted | paid.
  Result<Tip> Reward(int64_t id, const std::string& status, double amount,
                     const system::Principal& by);

  // The hash under which a tracking code is stored (also for the demo).
  std::string TrackingHash(const std::string& code) const;
  static std::string NewTrackingCode();
  static std::string NormaliseTrackingCode(const std::string& code);

 private:
  Result<Tip> Load(int64_t id, const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  system::UserService& users_;
  std::string contact_key_;  // secretbox key of contacts
  std::string hash_key_;     // keyed BLAKE2b of tracking codes and client addresses
  Limits limits_;
};

}  // namespace fugong::tip
