#include "modules/notice/notice_routes.h"

#include <cctype>
#include <charconv>

#include "system/route_util.h"

namespace fugong::notice {
namespace {

using system::Perm;

using system::Caller;
using system::Fail;
using system::Ok;

constexpr size_t kUploadBodyLimit = kMaxAttachmentBytes + (size_t(1) << 20);

Result<int64_t> PathId(const http::Request& req, const char* name) {
  std::string v = req.PathParam(name);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 1)
    return Status(ErrorKind::kNotFound, "unknown_notice", "通知不存在或无权访问",
                  "no such notice in your scope", "notice");
  return n;
}

std::string ContentDisposition(const std::string& name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string encoded, ascii;
  for (unsigned char ch : name) {
    if (std::isalnum(ch) || ch == '.' || ch == '-' || ch == '_') {
      encoded += char(ch);
    } else {
      encoded += '%';
      encoded += kHex[ch >> 4];
      encoded += kHex[ch & 15];
    }
    ascii += (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\') ? char(ch) : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

json::array StringsJson(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

json::object AttachmentJson(const Attachment& a) {
  return json::object{{"id", a.id},     {"filename", a.filename}, {"content_type", a.content_type},
                      {"size", a.size}, {"sha256", a.sha256},     {"created_at", a.created_at}};
}

json::value OrNull(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

json::object NoticeJson(const Notice& n, bool inbox) {
  json::array attachments;
  for (const auto& a : n.attachments) attachments.push_back(AttachmentJson(a));
  json::object o{{"id", n.id},
                 {"kind", n.kind},
                 {"title", n.title},
                 {"body", n.body},
                 {"state", n.state},
                 {"publisher_name", n.publisher_name},
                 {"department", n.department},
                 {"region", n.target.region_code},
                 {"region_name", n.region_name},
                 {"published_at", OrNull(n.published_at)},
                 {"attachments", std::move(attachments)}};
  if (inbox) {
    o["read"] = !n.my_read_at.empty();
    o["read_at"] = OrNull(n.my_read_at);
    o["enterprise_read_at"] = OrNull(n.enterprise_read_at);
    return o;
  }
  o["flags"] = StringsJson(n.target.flags);
  o["usccs"] = StringsJson(n.target.usccs);
  o["recipients"] = n.recipients;
  o["read_count"] = n.read;
  o["unread_count"] = n.recipients - n.read;
  o["withdrawn_at"] = OrNull(n.withdrawn_at);
  o["created_at"] = n.created_at;
  o["updated_at"] = n.updated_at;
  return o;
}

Result<NoticeInput> ParseInput(const http::Request& req) {
  ASSIGN_OR_RETURN(json::object body, system::BodyObject(req));
  JsonReader r(body);
  NoticeInput in;
  RETURN_IF_ERROR(r.RejectUnknown({"kind", "title", "body", "region", "flags", "usccs"}));
  RETURN_IF_ERROR(r.String("kind", &in.kind, false, 20));
  RETURN_IF_ERROR(r.String("title", &in.title, true, kMaxTitleChars));
  RETURN_IF_ERROR(r.String("body", &in.body, false, kMaxBodyChars));
  RETURN_IF_ERROR(r.String("region", &in.target.region_code, true, 20));
  RETURN_IF_ERROR(r.StringArray("flags", &in.target.flags, false));
  RETURN_IF_ERROR(r.StringArray("usccs", &in.target.usccs, false));
  return in;
}

// ?read=0|1|false|true; absent: every recipient.
Result<std::optional<bool>> ReadParam(const http::Request& req) {
  if (!req.HasQuery("read") || req.Query("read").empty()) return std::optional<bool>();
  std::string v = req.Query("read");
  if (v == "1" || v == "true") return std::optional<bool>(true);
  if (v == "0" || v == "false") return std::optional<bool>(false);
  return InvalidArgument("read", "invalid_value", "read 应为 0 或 1", "read must be 0 or 1");
}

json::object RecipientJson(const Recipient& r) {
  return json::object{{"uscc", r.uscc},
                      {"name", r.name},
                      {"region_code", r.region_code},
                      {"region_name", r.region_name},
                      {"contact", r.contact},
                      {"phone", r.phone},
                      {"read", !r.first_read_at.empty()},
                      {"first_read_at", OrNull(r.first_read_at)},
                      {"first_reader", r.first_reader}};
}

template <typename Fn>
http::Response WithId(http::Request& req, Fn&& fn) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(req, id.status());
  return fn(*id);
}

}  // namespace

http::Response BytesDownload(std::string bytes, const std::string& content_type,
                             const std::string& filename) {
  http::Response resp = http::Response::Text(200, std::move(bytes), content_type);
  resp.headers.Set("content-disposition", ContentDisposition(filename));
  resp.headers.Set("x-content-type-options", "nosniff");
  resp.headers.Set("cache-control", "private, no-store");
  return resp;
}

void RegisterNoticeRoutes(http::Router& router, NoticeService& svc) {
  router.Post(
      "/api/v1/notices",
      [&svc](http::Request& req) {
        auto in = ParseInput(req);
        if (!in.ok()) return Fail(req, in.status());
        auto n = svc.Create(std::move(in).value(), Caller(req));
        if (!n.ok()) return Fail(req, n.status());
        return Ok(NoticeJson(*n, false), 201);
      },
      Perm("notice:publish", 1 << 20));

  router.Get(
      "/api/v1/notices",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        NoticeFilter f;
        f.state = req.Query("state");
        f.kind = req.Query("kind");
        f.q = req.Query("q");
        f.region = req.Query("region");
        int64_t total = 0;
        auto list = svc.List(f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& n : *list) {
          json::object o = NoticeJson(n, false);
          o.erase("body");
          items.push_back(std::move(o));
        }
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("notice:view"));

  router.Get(
      "/api/v1/notices/{id}",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto n = svc.Get(id, Caller(req));
          if (!n.ok()) return Fail(req, n.status());
          return Ok(NoticeJson(*n, false));
        });
      },
      Perm("notice:view"));

  router.Put(
      "/api/v1/notices/{id}",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto in = ParseInput(req);
          if (!in.ok()) return Fail(req, in.status());
          auto n = svc.Update(id, std::move(in).value(), Caller(req));
          if (!n.ok()) return Fail(req, n.status());
          return Ok(NoticeJson(*n, false));
        });
      },
      Perm("notice:publish", 1 << 20));

  router.Post(
      "/api/v1/notices/{id}/publish",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto n = svc.Publish(id, Caller(req));
          if (!n.ok()) return Fail(req, n.status());
          return Ok(NoticeJson(*n, false));
        });
      },
      Perm("notice:publish", 1 << 20));

  router.Post(
      "/api/v1/notices/{id}/withdraw",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto n = svc.Withdraw(id, Caller(req));
          if (!n.ok()) return Fail(req, n.status());
          return Ok(NoticeJson(*n, false));
        });
      },
      Perm("notice:publish", 1 << 20));

  router.Post(
      "/api/v1/notices/{id}/attachments",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto file = system::FormUpload(req);
          if (!file.ok()) return Fail(req, file.status());
          auto a = svc.AddAttachment(id, file->filename, std::move(file->data), Caller(req));
          if (!a.ok()) return Fail(req, a.status());
          return Ok(AttachmentJson(*a), 201);
        });
      },
      Perm("notice:publish", kUploadBodyLimit));

  router.Get(
      "/api/v1/notices/{id}/attachments/{aid}",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto aid = PathId(req, "aid");
          if (!aid.ok()) return Fail(req, aid.status());
          auto a = svc.GetAttachment(id, *aid, Caller(req));
          if (!a.ok()) return Fail(req, a.status());
          return BytesDownload(std::move(a->content), a->content_type, a->filename);
        });
      },
      Perm("notice:view"));

  router.Delete(
      "/api/v1/notices/{id}/attachments/{aid}",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto aid = PathId(req, "aid");
          if (!aid.ok()) return Fail(req, aid.status());
          Status st = svc.DeleteAttachment(id, *aid, Caller(req));
          if (!st.ok()) return Fail(req, st);
          return Ok(json::object{{"ok", true}});
        });
      },
      Perm("notice:publish"));

  router.Get(
      "/api/v1/notices/{id}/recipients",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto page = system::ParsePage(req);
          if (!page.ok()) return Fail(req, page.status());
          auto read = ReadParam(req);
          if (!read.ok()) return Fail(req, read.status());
          int64_t total = 0;
          auto list = svc.Recipients(id, *read, Caller(req), *page, &total);
          if (!list.ok()) return Fail(req, list.status());
          json::array items;
          for (const auto& r : *list) items.push_back(RecipientJson(r));
          return Ok(system::PageJson(total, *page, std::move(items)));
        });
      },
      Perm("notice:view"));

  router.Get(
      "/api/v1/notices/{id}/recipients/export",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto read = ReadParam(req);
          if (!read.ok()) return Fail(req, read.status());
          std::string fmt = req.Query("format", "xlsx");
          if (fmt != "xlsx" && fmt != "csv")
            return Fail(req, InvalidArgument("format", "invalid_value", "format 应为 xlsx 或 csv",
                                             "format must be xlsx or csv"));
          bool xlsx = fmt == "xlsx";
          auto path = svc.ExportRecipients(id, *read, xlsx, Caller(req));
          if (!path.ok()) return Fail(req, path.status());
          std::string what = !*read ? "recipients" : (**read ? "read" : "unread");
          return http::Response::File(
              *path,
              xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                   : "text/csv; charset=utf-8",
              "notice-" + std::to_string(id) + "-" + what + (xlsx ? ".xlsx" : ".csv"), true);
        });
      },
      Perm("notice:view"));

  // The enterprise's inbox.
  router.Get(
      "/api/v1/inbox/notices",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        std::string unread = req.Query("unread");
        int64_t total = 0;
        auto list = svc.Inbox(unread == "1" || unread == "true", Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        auto count = svc.UnreadCount(Caller(req));
        if (!count.ok()) return Fail(req, count.status());
        json::array items;
        for (const auto& n : *list) {
          json::object o = NoticeJson(n, true);
          o.erase("body");
          items.push_back(std::move(o));
        }
        json::object out = system::PageJson(total, *page, std::move(items));
        out["unread"] = *count;
        return Ok(out);
      },
      Perm("notice:read"));

  router.Get(
      "/api/v1/inbox/notices/unread-count",
      [&svc](http::Request& req) {
        auto count = svc.UnreadCount(Caller(req));
        if (!count.ok()) return Fail(req, count.status());
        return Ok(json::object{{"unread", *count}});
      },
      Perm("notice:read"));

  // Opening a notice is reading it: the first read of the user and of the
  // enterprise are recorded.
  router.Get(
      "/api/v1/inbox/notices/{id}",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto n = svc.Open(id, Caller(req));
          if (!n.ok()) return Fail(req, n.status());
          return Ok(NoticeJson(*n, true));
        });
      },
      Perm("notice:read"));

  router.Get(
      "/api/v1/inbox/notices/{id}/attachments/{aid}",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto aid = PathId(req, "aid");
          if (!aid.ok()) return Fail(req, aid.status());
          auto a = svc.InboxAttachment(id, *aid, Caller(req));
          if (!a.ok()) return Fail(req, a.status());
          return BytesDownload(std::move(a->content), a->content_type, a->filename);
        });
      },
      Perm("notice:read"));
}

}  // namespace fugong::notice
