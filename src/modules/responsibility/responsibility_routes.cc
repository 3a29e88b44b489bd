// Routes of chains of responsibility, assignment, import, cadres, coverage.
#include "modules/responsibility/responsibility_routes.h"

#include <filesystem>

#include "core/validation.h"
#include "system/import_report.h"
#include "system/route_util.h"

namespace fugong::responsibility {

namespace {

using route::Perm;
using system::Caller;
using system::Fail;
using system::Ok;

Status Nested(const std::string& prefix, const Status& st) {
  if (st.ok()) return st;
  std::string field = st.field().empty() ? prefix : prefix + "." + st.field();
  return Status(st.kind(), st.code(), st.message_zh(), st.message_en(), field);
}

json::object LinkJson(const Link& l, bool mask) {
  return json::object{{"role", l.role},
                      {"user_id", l.user_id ? json::value(*l.user_id) : json::value()},
                      {"username", l.username},
                      {"name", l.name},
                      {"phone", mask ? MaskPhone(l.phone) : l.phone},
                      {"unit", l.unit},
                      {"rank", l.rank},
                      {"override_reason", l.override_reason},
                      {"updated_at", l.updated_at}};
}

json::object ChainJson(const Chain& ch, bool mask) {
  json::object links;
  for (const auto& l : ch.links) links[l.role] = LinkJson(l, mask);
  const Link* cadre = ch.Find("cadre");
  std::string coverage = !cadre                                    ? "none"
                         : (ch.Key() && cadre->rank != "division") ? "no_division"
                                                                   : "covered";
  return json::object{{"uscc", ch.uscc},
                      {"name", ch.name},
                      {"region_code", ch.region_code},
                      {"region_name", ch.region_name},
                      {"size", ch.size},
                      {"work_status", ch.work_status},
                      {"above_scale_industrial", ch.above_scale_industrial},
                      {"key_enterprise", ch.key_enterprise},
                      {"small_micro", ch.small_micro},
                      {"key", ch.Key()},
                      {"required_rank", ch.Key() ? "division" : "section"},
                      {"coverage", coverage},
                      {"links", std::move(links)}};
}

Result<ChainFilter> ParseFilter(const http::Request& req) {
  ChainFilter f;
  f.region_code = req.Query("region");
  f.q = req.Query("q");
  f.coverage = req.Query("coverage");
  f.flag = req.Query("flag");
  if (req.HasQuery("user")) {
    int64_t id = 0;
    RETURN_IF_ERROR(system::IntQuery(req, "user", &id, 1, INT64_MAX));
    f.user_id = id;
  }
  return f;
}

// A link object of a body: {"user_id"?, "name"?, "phone"?, "unit"?, "rank"?}
// or null (remove).
Result<LinkChange> ParseLink(const std::string& role, const json::value& v) {
  LinkChange l;
  if (v.is_null()) {
    l.remove = true;
    return l;
  }
  if (!v.is_object())
    return InvalidArgument(role, "invalid_type", role + " 应为对象或 null",
                           role + " must be an object or null");
  JsonReader r(v.as_object());
  int64_t user_id = 0;
  Status st = r.RejectUnknown({"user_id", "name", "phone", "unit", "rank"});
  if (st.ok()) st = r.Int("user_id", &user_id, false, 1, INT64_MAX);
  if (st.ok()) st = r.String("name", &l.name, false, 30);
  if (st.ok()) st = r.String("phone", &l.phone, false, 20);
  if (st.ok()) st = r.String("unit", &l.unit, false, 50);
  if (st.ok()) st = r.String("rank", &l.rank, false, 10);
  if (!st.ok()) return Nested(role, st);
  if (user_id) l.user_id = user_id;
  return l;
}

http::Response SendXlsx(const Result<std::string>& path, const http::Request& req,
                        const std::string& name) {
  if (!path.ok()) return Fail(req, path.status());
  return http::Response::File(*path, route::kXlsx, name + ".xlsx", true);
}

}  // namespace

void RegisterChainRoutes(http::Router& router, ResponsibilityService& svc) {
  router.Get(
      "/api/v1/responsibility/chains",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        if (req.HasQuery("format")) {
          if (req.Query("format") != "xlsx")
            return Fail(req, InvalidArgument("format", "invalid_value", "format 应为 xlsx",
                                             "format must be xlsx"));
          return SendXlsx(svc.Export(*f, Caller(req)), req, "responsibility");
        }
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = svc.List(*f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& ch : *list) items.push_back(ChainJson(ch, true));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("responsibility:view"));

  router.Get(
      "/api/v1/enterprises/{uscc}/responsibility",
      [&svc](http::Request& req) {
        auto ch = svc.Get(req.PathParam("uscc"), Caller(req));
        if (!ch.ok()) return Fail(req, ch.status());
        return Ok(ChainJson(*ch, false));
      },
      Perm("responsibility:view"));

  router.Put(
      "/api/v1/enterprises/{uscc}/responsibility",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        ChainChange change;
        Status st = r.RejectUnknown(
            {"leader", "department", "town", "grid", "cadre", "override", "override_reason"});
        if (st.ok()) st = r.Bool("override", &change.override_rule, false);
        if (st.ok()) st = r.String("override_reason", &change.override_reason, false, 200);
        for (std::string_view role : kLinkRoles) {
          if (!st.ok()) break;
          auto it = body->find(role);
          if (it == body->end()) continue;
          auto l = ParseLink(std::string(role), it->value());
          if (!l.ok()) {
            st = l.status();
            break;
          }
          *change.Of(role) = *l;
        }
        if (!st.ok()) return Fail(req, st);
        auto ch = svc.Update(req.PathParam("uscc"), std::move(change), Caller(req));
        if (!ch.ok()) return Fail(req, ch.status());
        return Ok(ChainJson(*ch, false));
      },
      Perm("responsibility:assign"));

  router.Post(
      "/api/v1/responsibility/assign",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        ChainFilter f;
        bool override_rule = false, dry_run = false;
        std::string reason;
        Status st =
            r.RejectUnknown({"usccs", "filter", "cadre", "override", "override_reason", "dry_run"});
        if (st.ok()) st = r.StringArray("usccs", &f.usccs, false);
        if (st.ok()) st = r.Bool("override", &override_rule, false);
        if (st.ok()) st = r.Bool("dry_run", &dry_run, false);
        if (st.ok()) st = r.String("override_reason", &reason, false, 200);
        if (st.ok() && r.Has("filter")) {
          const auto& fv = body->at("filter");
          if (!fv.is_object()) {
            st = InvalidArgument("filter", "invalid_type", "filter 应为对象",
                                 "filter must be an object");
          } else {
            JsonReader fr(fv.as_object());
            st = fr.RejectUnknown({"region", "q", "coverage", "flag"});
            if (st.ok()) st = fr.String("region", &f.region_code, false, 20);
            if (st.ok()) st = fr.String("q", &f.q, false, 100);
            if (st.ok()) st = fr.String("coverage", &f.coverage, false, 20);
            if (st.ok()) st = fr.String("flag", &f.flag, false, 30);
            st = Nested("filter", st);
          }
        }
        LinkChange cadre;
        if (st.ok()) {
          if (!r.Has("cadre") || body->at("cadre").is_null()) {
            st = InvalidArgument("cadre", "required", "缺少必填字段 cadre",
                                 "field cadre is required");
          } else {
            auto l = ParseLink("cadre", body->at("cadre"));
            if (l.ok())
              cadre = *l;
            else
              st = l.status();
          }
        }
        if (!st.ok()) return Fail(req, st);
        auto res = svc.Assign(std::move(f), cadre, override_rule, reason, dry_run, Caller(req));
        if (!res.ok()) return Fail(req, res.status());
        json::array refused;
        for (const auto& x : res->refused)
          refused.push_back(json::object{{"uscc", x.uscc}, {"name", x.name}, {"reason", x.reason}});
        return Ok(json::object{{"matched", res->matched},
                               {"assigned", res->assigned},
                               {"unchanged", res->unchanged},
                               {"refused", std::move(refused)},
                               {"dry_run", res->dry_run}});
      },
      Perm("responsibility:assign"));

  router.Get(
      "/api/v1/responsibility/import-template",
      [&svc](http::Request& req) { return SendXlsx(svc.Template(), req, "responsibility-import"); },
      Perm("responsibility:assign"));

  router.Post(
      "/api/v1/responsibility/import",
      [&svc](http::Request& req) {
        auto upload = system::SaveTableUpload(req);
        if (!upload.ok()) return Fail(req, upload.status());
        auto result = svc.Import(*upload, Caller(req));
        std::filesystem::remove(*upload);
        if (!result.ok()) return Fail(req, result.status());
        return Ok(json::object{{"applied", result->applied},
                               {"rejected_rows", result->rejected_rows},
                               {"rejected", system::RejectedJson(result->rejected)},
                               {"report_id", result->report_id}});
      },
      Perm("responsibility:assign", size_t(50) << 20));

  router.Get(
      "/api/v1/responsibility/cadres",
      [&svc](http::Request& req) {
        ChainFilter f;
        f.region_code = req.Query("region");
        f.q = req.Query("q");
        auto list = svc.Cadres(f, Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& u : *list)
          items.push_back(json::object{{"id", u.id},
                                       {"username", u.username},
                                       {"display_name", u.display_name},
                                       {"region_code", u.region_code},
                                       {"region_name", u.region_name},
                                       {"rank", u.rank},
                                       {"enterprises", u.enterprises},
                                       {"disabled", u.disabled}});
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("responsibility:view"));

  router.Put(
      "/api/v1/responsibility/cadres/{id}",
      [&svc](http::Request& req) {
        int64_t id = 0;
        try {
          id = std::stoll(req.PathParam("id"));
        } catch (...) {
        }
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string rank;
        Status st = r.RejectUnknown({"rank"});
        if (st.ok()) st = r.String("rank", &rank, true, 10);
        if (!st.ok()) return Fail(req, st);
        auto u = svc.SetRank(id, rank, Caller(req));
        if (!u.ok()) return Fail(req, u.status());
        return Ok(json::object{{"id", u->id},
                               {"display_name", u->display_name},
                               {"rank", u->rank},
                               {"enterprises", u->enterprises}});
      },
      Perm("responsibility:assign"));

  router.Get(
      "/api/v1/responsibility/coverage",
      [&svc](http::Request& req) {
        ChainFilter f;
        f.region_code = req.Query("region");
        std::string list = req.Query("list");
        if (list.empty()) list = "none";
        if (req.HasQuery("format")) {
          if (req.Query("format") != "xlsx")
            return Fail(req, InvalidArgument("format", "invalid_value", "format 应为 xlsx",
                                             "format must be xlsx"));
          return SendXlsx(svc.ExportCoverage(f, list, Caller(req)), req, "coverage-" + list);
        }
        if (list != "none" && list != "no_division")
          return Fail(req, InvalidArgument("list", "invalid_value", "list 应为 none 或 no_division",
                                           "list must be none or no_division"));
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto cov = svc.GetCoverage(f, Caller(req));
        if (!cov.ok()) return Fail(req, cov.status());
        ChainFilter lf = f;
        lf.coverage = list;
        int64_t total = 0;
        auto items = svc.List(lf, Caller(req), *page, &total);
        if (!items.ok()) return Fail(req, items.status());
        json::array arr;
        for (const auto& ch : *items) arr.push_back(ChainJson(ch, true));
        json::array cadres;
        for (const auto& l : cov->cadres)
          cadres.push_back(
              json::object{{"user_id", l.user_id ? json::value(*l.user_id) : json::value()},
                           {"name", l.name},
                           {"rank", l.rank},
                           {"enterprises", l.enterprises},
                           {"key_enterprises", l.key_enterprises}});
        json::object out = system::PageJson(total, *page, std::move(arr));
        out["list"] = list;
        out["region"] = f.region_code;
        out["enterprises"] = cov->enterprises;
        out["covered"] = cov->covered;
        out["uncovered"] = cov->uncovered;
        out["key_total"] = cov->key_total;
        out["key_without_division"] = cov->key_without_division;
        out["cadres"] = std::move(cadres);
        return Ok(out);
      },
      Perm("responsibility:view"));
}

void RegisterResponsibilityRoutes(http::Router& router, ResponsibilityService& chains,
                                  VisitService& visits) {
  RegisterChainRoutes(router, chains);
  RegisterVisitRoutes(router, visits);
}

}  // namespace fugong::responsibility
