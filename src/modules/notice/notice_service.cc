#include "modules/notice/notice_service.h"

#include <algorithm>
#include <filesystem>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "io/table_writer.h"
#include "modules/enterprise/enterprise.h"
#include "modules/notice/notice_repository.h"
#include "modules/notification/notification.h"
#include "modules/resumption/application.h"

namespace fugong::notice {
namespace {

constexpr size_t kNotifyChunk = 500;

Status NoticeNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_notice", "通知不存在或无权访问",
                "no such notice in your scope", "notice");
}

Status AttachmentNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_attachment", "附件不存在",
                "no such attachment of this notice", "attachment");
}

Status NotDraft() {
  return Conflict("state", "not_draft", "通知已发布，不能再修改",
                  "the notice is no longer a draft and cannot be changed");
}

Status TextField(const std::string& field, const std::string& v, size_t max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (required && n == 0)
    return InvalidArgument(field, "required", "缺少必填字段 " + field,
                           "field " + field + " is required");
  if (size_t(n) > max)
    return InvalidArgument(field, "too_long", field + " 超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

std::string TempPath(const std::string& ext) {
  return (std::filesystem::temp_directory_path() /
          ("fugong-" + crypto::ToHex(crypto::RandomBytes(12)) + ext))
      .string();
}

std::string KindZh(const std::string& kind) {
  if (kind == "guide") return "指导手册";
  if (kind == "template") return "通用模板";
  return "通知";
}

// A region named in a request: an unknown code is bad input (400), not a missing object.
Result<system::Region> RegionField(const system::ReferenceService& reference,
                                   const std::string& code) {
  auto r = reference.GetRegion(code, "region");
  if (!r.ok() && r.status().kind() == ErrorKind::kNotFound)
    return InvalidArgument("region", r.status().code(), r.status().message_zh(),
                           r.status().message_en());
  return r;
}

}  // namespace

std::string CleanFilename(const std::string& name, const std::string& extension) {
  std::string base = name;
  size_t slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  std::string out;
  for (unsigned char ch : base)
    if (ch >= 0x20 && ch != 0x7f && ch != '"') out += char(ch);
  out = Trim(out);
  if (Utf8Length(out) < 0) out.clear();
  while (Utf8Length(out) > 100) {
    out.pop_back();
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  }
  if (out.empty() || out == "." || out == "..") out = "attachment" + extension;
  return out;
}

Status NoticeService::Validate(NoticeInput& in, const system::Principal& by,
                               system::Region* region) {
  if (std::find(std::begin(kKinds), std::end(kKinds), in.kind) == std::end(kKinds))
    return InvalidArgument("kind", "invalid_value",
                           "kind 应为 notice（通知）、guide（指导手册）或 template（模板）",
                           "kind must be notice, guide or template");
  in.title = Trim(in.title);
  RETURN_IF_ERROR(TextField("title", in.title, kMaxTitleChars, true));
  RETURN_IF_ERROR(TextField("body", in.body, kMaxBodyChars, false));
  if (in.target.region_code.empty())
    return InvalidArgument("region", "required", "请选择发布范围（区划）",
                           "region (the scope of the notice) is required");
  ASSIGN_OR_RETURN(*region, RegionField(reference_, in.target.region_code));
  if (!by.scope.all) {
    bool inside = false;
    if (!by.scope.region_code.empty()) {
      auto root = reference_.GetRegion(by.scope.region_code);
      inside = root.ok() && reference_.InSubtree(*region, *root);
    }
    if (!inside)
      return InvalidArgument("region", "region_out_of_scope", "发布范围超出您的管辖区域",
                             "the region is outside your scope");
  }
  std::vector<std::string> flags;
  for (size_t i = 0; i < in.target.flags.size(); ++i) {
    const std::string& f = in.target.flags[i];
    if (f != "essential" && !enterprise::FindFlag(f))
      return InvalidArgument("flags[" + std::to_string(i) + "]", "invalid_value",
                             "未知的企业类别 " + f, "unknown enterprise flag " + f);
    if (std::find(flags.begin(), flags.end(), f) == flags.end()) flags.push_back(f);
  }
  in.target.flags = std::move(flags);
  if (in.target.usccs.size() > kMaxUsccs)
    return InvalidArgument("usccs", "too_many", "最多指定 " + std::to_string(kMaxUsccs) + " 家企业",
                           "at most " + std::to_string(kMaxUsccs) + " enterprises");
  std::vector<std::string> usccs;
  for (size_t i = 0; i < in.target.usccs.size(); ++i) {
    std::string u = NormalizeUscc(in.target.usccs[i]);
    RETURN_IF_ERROR(ValidateUscc("usccs[" + std::to_string(i) + "]", u));
    if (std::find(usccs.begin(), usccs.end(), u) == usccs.end()) usccs.push_back(u);
  }
  in.target.usccs = std::move(usccs);
  if (!in.target.usccs.empty()) {
    std::vector<std::string> missing;
    RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(missing, NoticeRepository::MissingUsccs(c, in.target.usccs, *region));
      return Status::Ok();
    }));
    if (!missing.empty()) {
      size_t i = size_t(std::find(in.target.usccs.begin(), in.target.usccs.end(), missing[0]) -
                        in.target.usccs.begin());
      return InvalidArgument("usccs[" + std::to_string(i) + "]", "unknown_enterprise",
                             "发布范围内没有统一社会信用代码为 " + missing[0] + " 的企业",
                             "no enterprise " + missing[0] + " in the chosen region");
    }
  }
  return Status::Ok();
}

Result<Notice> NoticeService::Load(int64_t id, const system::Principal& by) {
  std::optional<Notice> n;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(n, NoticeRepository::Get(c, id, by.scope));
    return Status::Ok();
  }));
  if (!n) return NoticeNotFound();
  return *n;
}

Result<Notice> NoticeService::Create(NoticeInput in, const system::Principal& by) {
  system::Region region;
  RETURN_IF_ERROR(Validate(in, by, &region));
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, NoticeRepository::Insert(
                             c, in, region, by.display_name.empty() ? by.username : by.display_name,
                             by.department, by.user_id));
    return Status::Ok();
  }));
  return Load(id, by);
}

Result<Notice> NoticeService::Update(int64_t id, NoticeInput in, const system::Principal& by) {
  ASSIGN_OR_RETURN(Notice before, Load(id, by));
  if (before.state != "draft") return NotDraft();
  system::Region region;
  RETURN_IF_ERROR(Validate(in, by, &region));
  bool written = false;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(written, NoticeRepository::UpdateDraft(c, id, in, region, by.user_id));
    return Status::Ok();
  }));
  if (!written) return NotDraft();
  return Load(id, by);
}

Result<Notice> NoticeService::Get(int64_t id, const system::Principal& by) { return Load(id, by); }

Result<std::vector<Notice>> NoticeService::List(NoticeFilter f, const system::Principal& by,
                                                const system::Page& page, int64_t* total) {
  if (!f.state.empty() && f.state != "draft" && f.state != "published" && f.state != "withdrawn")
    return InvalidArgument("state", "invalid_value", "state 应为 draft、published 或 withdrawn",
                           "state must be draft, published or withdrawn");
  if (!f.kind.empty() &&
      std::find(std::begin(kKinds), std::end(kKinds), f.kind) == std::end(kKinds))
    return InvalidArgument("kind", "invalid_value", "kind 应为 notice、guide 或 template",
                           "kind must be notice, guide or template");
  if (!f.region.empty()) {
    ASSIGN_OR_RETURN(system::Region r, RegionField(reference_, f.region));
    f.region_level = r.level;
  }
  std::vector<Notice> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, NoticeRepository::List(c, f, by.scope, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Attachment> NoticeService::AddAttachment(int64_t id, const std::string& filename,
                                                std::string bytes, const system::Principal& by) {
  if (bytes.empty())
    return InvalidArgument("file", "required", "上传的文件为空", "the uploaded file is empty");
  if (bytes.size() > kMaxAttachmentBytes)
    return Status(ErrorKind::kTooLarge, "file_too_large", "文件超过 20 MiB 上限",
                  "the file is larger than 20 MiB", "file");
  auto type = resumption::DetectFileType(bytes);
  if (!type)
    return Status(ErrorKind::kUnsupportedMedia, "unsupported_file",
                  "只接受 PDF、DOCX、XLSX、JPG 或 PNG 文件（按文件内容识别）",
                  "only PDF, DOCX, XLSX, JPG or PNG files are accepted (judged by content)",
                  "file");
  ASSIGN_OR_RETURN(Notice n, Load(id, by));
  if (n.state != "draft") return NotDraft();
  Attachment a;
  a.notice_id = id;
  a.filename = CleanFilename(filename, type->extension);
  a.content_type = type->content_type;
  a.size = int64_t(bytes.size());
  a.sha256 = resumption::Sha256Hex(bytes);
  a.content = std::move(bytes);
  bool draft = true;
  Status refused;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(draft, NoticeRepository::TouchDraft(c, id, by.user_id));
    if (!draft) return Status::Ok();
    ASSIGN_OR_RETURN(int64_t count, NoticeRepository::CountAttachments(c, id));
    if (count >= kMaxAttachments) {
      refused = Conflict("file", "too_many_files",
                         "每条通知最多 " + std::to_string(kMaxAttachments) + " 个附件",
                         "at most " + std::to_string(kMaxAttachments) + " files per notice");
      return refused;
    }
    ASSIGN_OR_RETURN(a.id, NoticeRepository::InsertAttachment(c, a, by.user_id));
    return Status::Ok();
  }));
  if (!draft) return NotDraft();
  a.created_at = NowTimestamp();
  a.content.clear();
  return a;
}

Status NoticeService::DeleteAttachment(int64_t id, int64_t attachment_id,
                                       const system::Principal& by) {
  ASSIGN_OR_RETURN(Notice n, Load(id, by));
  if (n.state != "draft") return NotDraft();
  bool draft = true, deleted = false;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(draft, NoticeRepository::TouchDraft(c, id, by.user_id));
    if (!draft) return Status::Ok();
    ASSIGN_OR_RETURN(deleted, NoticeRepository::DeleteAttachment(c, id, attachment_id));
    return Status::Ok();
  }));
  if (!draft) return NotDraft();
  if (!deleted) return AttachmentNotFound();
  return Status::Ok();
}

Result<Attachment> NoticeService::GetAttachment(int64_t id, int64_t attachment_id,
                                                const system::Principal& by) {
  ASSIGN_OR_RETURN(Notice n, Load(id, by));
  std::optional<Attachment> a;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(a, NoticeRepository::FindAttachment(c, n.id, attachment_id));
    return Status::Ok();
  }));
  if (!a) return AttachmentNotFound();
  return *a;
}

Result<Notice> NoticeService::Publish(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Notice n, Load(id, by));
  if (n.state != "draft") return NotDraft();
  ASSIGN_OR_RETURN(system::Region region, RegionField(reference_, n.target.region_code));
  std::optional<int64_t> count;
  Status refused;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(int64_t targets, NoticeRepository::CountTargets(c, n.target, region));
    if (targets == 0) {
      refused = Conflict("region", "no_recipients", "发布范围内没有符合条件的企业",
                         "no enterprise matches the scope of the notice");
      return refused;
    }
    ASSIGN_OR_RETURN(count, NoticeRepository::Publish(c, id, n.target, region, by.user_id));
    if (!count) return Status::Ok();
    ASSIGN_OR_RETURN(std::vector<int64_t> users, NoticeRepository::RecipientUsers(c, id));
    std::string body = (n.department.empty() ? n.publisher_name : n.department) + " 发布了" +
                       KindZh(n.kind) + "《" + n.title + "》";
    for (size_t i = 0; i < users.size(); i += kNotifyChunk) {
      notification::NewNotification note;
      note.user_ids.assign(users.begin() + long(i),
                           users.begin() + long(std::min(users.size(), i + kNotifyChunk)));
      note.kind = "notice_published";
      note.title = "新" + KindZh(n.kind) + "：" + n.title;
      note.body = body;
      note.link = "/notice-inbox/" + std::to_string(id);
      RETURN_IF_ERROR(notification::Enqueue(c, note));
    }
    return Status::Ok();
  }));
  if (!count) return NotDraft();
  return Load(id, by);
}

Result<Notice> NoticeService::Withdraw(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Notice n, Load(id, by));
  bool done = false;
  if (n.state == "published")
    RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(done, NoticeRepository::Withdraw(c, id, by.user_id));
      return Status::Ok();
    }));
  if (!done)
    return Conflict("state", "not_published", "只有已发布的通知可以撤回",
                    "only a published notice can be withdrawn");
  return Load(id, by);
}

Result<std::vector<Recipient>> NoticeService::Recipients(int64_t id, std::optional<bool> read,
                                                         const system::Principal& by,
                                                         const system::Page& page, int64_t* total) {
  ASSIGN_OR_RETURN(Notice n, Load(id, by));
  std::vector<Recipient> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, NoticeRepository::Recipients(c, n.id, read, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> NoticeService::ExportRecipients(int64_t id, std::optional<bool> read, bool xlsx,
                                                    const system::Principal& by) {
  ASSIGN_OR_RETURN(Notice n, Load(id, by));
  std::string path = TempPath(xlsx ? ".xlsx" : ".csv");
  ASSIGN_OR_RETURN(auto writer,
                   xlsx ? io::OpenXlsxWriter(path, read && !*read ? "未读企业" : "阅读情况")
                        : io::OpenCsvWriter(path));
  Status st =
      writer->WriteRow({std::string("统一社会信用代码"), std::string("企业名称"),
                        std::string("所属区划"), std::string("联系人"), std::string("联系电话"),
                        std::string("首次阅读时间"), std::string("阅读人")});
  if (st.ok())
    st = db_.WithConnection([&](db::Connection& c) {
      return NoticeRepository::ForEachRecipient(c, n.id, read, [&](const Recipient& r) {
        return writer->WriteRow({r.uscc, r.name, r.region_name, r.contact, r.phone,
                                 r.first_read_at.empty() ? std::string("未读") : r.first_read_at,
                                 r.first_reader});
      });
    });
  Status closed = writer->Close();
  if (st.ok()) st = closed;
  if (!st.ok()) {
    std::filesystem::remove(path);
    return st;
  }
  return path;
}

Result<std::vector<Notice>> NoticeService::Inbox(bool unread_only, const system::Principal& by,
                                                 const system::Page& page, int64_t* total) {
  std::vector<Notice> out;
  *total = 0;
  if (!by.enterprise_id) return out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(
        out, NoticeRepository::Inbox(c, *by.enterprise_id, by.user_id, unread_only, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Notice> NoticeService::Open(int64_t id, const system::Principal& by) {
  if (!by.enterprise_id) return NoticeNotFound();
  std::optional<Notice> n;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(n, NoticeRepository::InboxGet(c, id, *by.enterprise_id, by.user_id));
    if (!n) return Status::Ok();
    if (n->my_read_at.empty() || n->enterprise_read_at.empty()) {
      RETURN_IF_ERROR(NoticeRepository::MarkRead(c, id, *by.enterprise_id, by.user_id));
      ASSIGN_OR_RETURN(n, NoticeRepository::InboxGet(c, id, *by.enterprise_id, by.user_id));
    }
    return Status::Ok();
  }));
  if (!n) return NoticeNotFound();
  return *n;
}

Result<Attachment> NoticeService::InboxAttachment(int64_t id, int64_t attachment_id,
                                                  const system::Principal& by) {
  if (!by.enterprise_id) return NoticeNotFound();
  std::optional<Notice> n;
  std::optional<Attachment> a;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(n, NoticeRepository::InboxGet(c, id, *by.enterprise_id, by.user_id));
    if (!n) return Status::Ok();
    ASSIGN_OR_RETURN(a, NoticeRepository::FindAttachment(c, id, attachment_id));
    return Status::Ok();
  }));
  if (!n) return NoticeNotFound();
  if (!a) return AttachmentNotFound();
  return *a;
}

Result<int64_t> NoticeService::UnreadCount(const system::Principal& by) {
  if (!by.enterprise_id) return int64_t(0);
  int64_t n = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(n, NoticeRepository::UnreadCount(c, *by.enterprise_id, by.user_id));
    return Status::Ok();
  }));
  return n;
}

}  // namespace fugong::notice
