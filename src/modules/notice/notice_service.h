// Rules of notices (通知公告, SPEC §3.15): validation, the publisher's scope
// (the target region must lie in it), draft → published → withdrawn, the
// attachments of a draft (type judged by content, ≤ 20 MiB), recipients fixed
// at publication with a notification to their enterprise accounts in the same
// transaction, read receipts when an enterprise user opens a notice, and the
// unread list with its export. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/notice/notice.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/user.h"

namespace fugong::notice {

class NoticeService {
 public:
  NoticeService(db::Database& db, const system::ReferenceService& reference)
      : db_(db), reference_(reference) {}
  NoticeService(const NoticeService&) = delete;
  NoticeService& operator=(const NoticeService&) = delete;

  // Government side (notice:view, notice:publish). A notice outside the
  // caller's scope answers 404.
  Result<Notice> Create(NoticeInput in, const system::Principal& by);
  // 409 not_draft once published.
  Result<Notice> Update(int64_t id, NoticeInput in, const system::Principal& by);
  Result<Notice> Get(int64_t id, const system::Principal& by);
  Result<std::vector<Notice>> List(NoticeFilter f, const system::Principal& by,
                                   const system::Page& page, int64_t* total);
  // 413 file_too_large, 415 unsupported_file, 409 not_draft / too_many_files.
  Result<Attachment> AddAttachment(int64_t id, const std::string& filename, std::string bytes,
                                   const system::Principal& by);
  Status DeleteAttachment(int64_t id, int64_t attachment_id, const system::Principal& by);
  Result<Attachment> GetAttachment(int64_t id, int64_t attachment_id, const system::Principal& by);
  // 409 not_draft, no_recipients.
  Result<Notice> Publish(int64_t id, const system::Principal& by);
  // 409 not_published.
  Result<Notice> Withdraw(int64_t id, const system::Principal& by);
  Result<std::vector<Recipient>> Recipients(int64_t id, std::optional<bool> read,
                                            const system::Principal& by, const system::Page& page,
                                            int64_t* total);
  // Writes the recipients to a new temporary XLSX (or CSV) file; the caller removes it.
  Result<std::string> ExportRecipients(int64_t id, std::optional<bool> read, bool xlsx,
                                       const system::Principal& by);

  // Enterprise side (notice:read): published notices addressed to the
  // caller's enterprise. Opening one records the read receipt.
  Result<std::vector<Notice>> Inbox(bool unread_only, const system::Principal& by,
                                    const system::Page& page, int64_t* total);
  Result<Notice> Open(int64_t id, const system::Principal& by);
  Result<Attachment> InboxAttachment(int64_t id, int64_t attachment_id,
                                     const system::Principal& by);
  Result<int64_t> UnreadCount(const system::Principal& by);

 private:
  Status Validate(NoticeInput& in, const system::Principal& by, system::Region* region);
  Result<Notice> Load(int64_t id, const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
};

// "file.pdf" from an uploaded name: no path, no control characters, ≤ 100 characters.
std::string CleanFilename(const std::string& name, const std::string& extension);

}  // namespace fugong::notice
