// Notices (通知公告, SPEC §3.15): notices, guides and templates (告知书,
// 指导手册, 通用模板) published by government users to the enterprises of a
// scope, with attachments, read receipts per enterprise and per user, and the
// list of enterprises that have not read. Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fugong::notice {

inline constexpr std::string_view kKinds[] = {"notice", "guide", "template"};
inline constexpr size_t kMaxAttachmentBytes = size_t(20) << 20;  // 20 MiB
inline constexpr int kMaxAttachments = 10;
inline constexpr size_t kMaxTitleChars = 100;
inline constexpr size_t kMaxBodyChars = 20000;
inline constexpr size_t kMaxUsccs = 2000;

// Who a notice is addressed to: the enterprises of the region's subtree,
// narrowed to those with any of `flags` when given, and to `usccs` when given.
struct Target {
  std::string region_code;
  std::vector<std::string> flags;  // enterprise flag names, or "essential" (any 保供 category)
  std::vector<std::string> usccs;
};

struct NoticeInput {
  std::string kind = "notice";
  std::string title;
  std::string body;  // Markdown text; clients show it escaped, never as HTML
  Target target;
};

struct Attachment {
  int64_t id = 0;
  int64_t notice_id = 0;
  std::string filename;
  std::string content_type;
  int64_t size = 0;
  std::string sha256;
  std::string content;  // only when downloading
  std::string created_at;
};

struct Notice {
  int64_t id = 0;
  std::string kind, title, body;
  Target target;
  std::string region_name;  // read only
  int region_level = 0;     // read only
  std::string state;        // draft | published | withdrawn
  int64_t recipients = 0;   // enterprises addressed (fixed at publication)
  int64_t read = 0;         // of which read by at least one user (read only)
  std::string publisher_name, department;
  std::string published_at, withdrawn_at;
  std::string created_at, updated_at;
  std::vector<Attachment> attachments;  // without content
  // Inbox only: the caller's enterprise's first read, and the caller's own.
  std::string enterprise_read_at, my_read_at;
};

struct NoticeFilter {
  std::string state;   // '' = every state
  std::string kind;    // '' = every kind
  std::string q;       // title contains
  std::string region;  // target region in this subtree
  int region_level = 0;
};

// An addressed enterprise and its first read.
struct Recipient {
  int64_t enterprise_id = 0;
  std::string uscc, name, region_code, region_name, contact, phone;
  std::string first_read_at;  // '' = not read
  std::string first_reader;   // display name of the first reader
};

}  // namespace fugong::notice
