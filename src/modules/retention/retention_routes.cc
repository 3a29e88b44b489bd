#include "modules/retention/retention_routes.h"

#include "core/clock.h"
#include "modules/retention/rules.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::retention {
namespace {

using system::Caller;
using system::Fail;
using system::Ok;
using system::Perm;

json::value OptText(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object RecordJson(const PurgeRecord& r) {
  const KindDef* k = FindKind(r.kind);
  return json::object{
      {"id", r.id},
      {"kind", r.kind},
      {"kind_zh", k ? k->zh : r.kind.c_str()},
      {"kind_en", k ? k->en : r.kind.c_str()},
      {"cutoff", r.cutoff},
      {"retention_days", r.days},
      {"rows", r.rows},
      {"dry_run", r.dry_run},
      {"at", r.at},
      {"finished_at", r.finished_at.empty() ? json::value(nullptr) : json::value(r.finished_at)},
      {"by_user", r.by_user ? json::value(*r.by_user) : json::value(nullptr)}};
}

Status BadDate(const char* field) {
  return InvalidArgument(field, "invalid_date", "日期应为 YYYY-MM-DD", "date must be YYYY-MM-DD");
}

Result<PurgeFilter> FilterOf(const http::Request& req) {
  PurgeFilter f;
  f.kind = req.Query("kind");
  f.from = req.Query("from");
  f.to = req.Query("to");
  if (!f.kind.empty() && !FindKind(f.kind))
    return InvalidArgument("kind", "unknown_kind", "未知的数据类别", "unknown record kind");
  if (!f.from.empty() && !ParseDate(f.from)) return BadDate("from");
  if (!f.to.empty() && !ParseDate(f.to)) return BadDate("to");
  return f;
}

}  // namespace

void RegisterRetentionRoutes(http::Router& router, RetentionService& retention) {
  router.Get(
      "/api/v1/retention/policies",
      [&retention](http::Request& req) {
        auto list = retention.Policies();
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& p : *list)
          items.push_back(json::object{{"kind", p.kind},
                                       {"kind_zh", p.name_zh},
                                       {"kind_en", p.name_en},
                                       {"retention_days", p.days},
                                       {"cutoff", OptText(p.cutoff)},
                                       {"due", p.due}});
        return Ok(json::object{{"date", FormatDate(Today())}, {"items", std::move(items)}});
      },
      Perm("retention:view"));

  router.Post(
      "/api/v1/retention/purge",
      [&retention](http::Request& req) {
        bool dry_run = false;
        if (!req.body.empty()) {
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          if (Status st = r.RejectUnknown({"dry_run"}); !st.ok()) return Fail(req, st);
          if (Status st = r.Bool("dry_run", &dry_run, false); !st.ok()) return Fail(req, st);
        }
        auto list = retention.Purge(dry_run, Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        int64_t rows = 0;
        for (const auto& p : *list) {
          items.push_back(RecordJson(p));
          rows += p.rows;
        }
        return Ok(json::object{{"dry_run", dry_run}, {"rows", rows}, {"items", std::move(items)}});
      },
      Perm("retention:purge"));

  router.Get(
      "/api/v1/retention/purges",
      [&retention](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto filter = FilterOf(req);
        if (!filter.ok()) return Fail(req, filter.status());
        int64_t total = 0;
        auto list = retention.Log(*filter, &*page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& p : *list) items.push_back(RecordJson(p));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("retention:view"));

  router.Get(
      "/api/v1/retention/purges/export",
      [&retention](http::Request& req) {
        auto filter = FilterOf(req);
        if (!filter.ok()) return Fail(req, filter.status());
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req, retention.ExportLog(*filter, *format), *format, "purges");
      },
      Perm("retention:view"));
}

}  // namespace fugong::retention
