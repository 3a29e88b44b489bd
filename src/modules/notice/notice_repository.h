// SQL for notices, their attachments, recipients and read receipts.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/notice/notice.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::notice {

class NoticeRepository {
 public:
  // `region` is the target's root region.
  static Result<int64_t> Insert(db::Connection& c, const NoticeInput& in,
                                const system::Region& region, const std::string& publisher_name,
                                const std::string& department, int64_t by);
  // Replaces a draft's content; false when the notice is no longer a draft.
  static Result<bool> UpdateDraft(db::Connection& c, int64_t id, const NoticeInput& in,
                                  const system::Region& region, int64_t by);
  // A notice whose target region lies in `scope` (government readers).
  static Result<std::optional<Notice>> Get(db::Connection& c, int64_t id,
                                           const system::Scope& scope);
  static Result<std::vector<Notice>> List(db::Connection& c, const NoticeFilter& f,
                                          const system::Scope& scope, const system::Page& page,
                                          int64_t* total);

  static Result<int64_t> InsertAttachment(db::Connection& c, const Attachment& a, int64_t by);
  static Result<std::vector<Attachment>> Attachments(db::Connection& c, int64_t notice_id);
  static Result<std::optional<Attachment>> FindAttachment(db::Connection& c, int64_t notice_id,
                                                          int64_t attachment_id);
  static Result<bool> DeleteAttachment(db::Connection& c, int64_t notice_id, int64_t attachment_id);
  static Result<int64_t> CountAttachments(db::Connection& c, int64_t notice_id);
  // Touches a draft (serialises attachment changes with publication); false
  // when it is no longer a draft.
  static Result<bool> TouchDraft(db::Connection& c, int64_t id, int64_t by);

  // The USCCs of `usccs` that are not enterprises of the region's subtree.
  static Result<std::vector<std::string>> MissingUsccs(db::Connection& c,
                                                       const std::vector<std::string>& usccs,
                                                       const system::Region& region);
  // How many enterprises the target addresses now.
  static Result<int64_t> CountTargets(db::Connection& c, const Target& t,
                                      const system::Region& region);
  // Fixes the recipients and marks the notice published; nullopt when it
  // was not a draft, else the number of recipients.
  static Result<std::optional<int64_t>> Publish(db::Connection& c, int64_t id, const Target& t,
                                                const system::Region& region, int64_t by);
  // False when it was not published.
  static Result<bool> Withdraw(db::Connection& c, int64_t id, int64_t by);
  // The enabled enterprise accounts of the recipients, ordered.
  static Result<std::vector<int64_t>> RecipientUsers(db::Connection& c, int64_t notice_id);

  // Recipients, optionally only read (true) or unread (false) ones.
  static Result<std::vector<Recipient>> Recipients(db::Connection& c, int64_t notice_id,
                                                   std::optional<bool> read,
                                                   const system::Page& page, int64_t* total);
  static Status ForEachRecipient(db::Connection& c, int64_t notice_id, std::optional<bool> read,
                                 const std::function<Status(const Recipient&)>& fn);

  // Published notices addressed to an enterprise, with the caller's read.
  static Result<std::vector<Notice>> Inbox(db::Connection& c, int64_t enterprise_id,
                                           int64_t user_id, bool unread_only,
                                           const system::Page& page, int64_t* total);
  static Result<std::optional<Notice>> InboxGet(db::Connection& c, int64_t id,
                                                int64_t enterprise_id, int64_t user_id);
  static Result<int64_t> UnreadCount(db::Connection& c, int64_t enterprise_id, int64_t user_id);
  // Records the user's and the enterprise's first read (idempotent).
  static Status MarkRead(db::Connection& c, int64_t id, int64_t enterprise_id, int64_t user_id);
};

}  // namespace fugong::notice
