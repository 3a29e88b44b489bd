// Routes of sites, gate check-in, entry logs and alerts.
#include <algorithm>
#include <chrono>

#include "core/clock.h"
#include "modules/retention/retention_service.h"
#include "modules/workforce/pass.h"
#include "modules/workforce/workforce_routes.h"
#include "system/route_util.h"

namespace fugong::workforce {
namespace {

using route::IdParam;
using route::Perm;
using system::Caller;
using system::Fail;
using system::Ok;

struct ReasonText {
  const char* code;
  const char* zh;
  const char* en;
};

// The gate's reasons in words, for the verifier's screen.
constexpr ReasonText kReasons[] = {
    {"malformed_pass", "通行码无效", "not a valid pass code"},
    {"forged_pass", "通行码校验失败（伪造或被篡改）", "pass code forged or altered"},
    {"expired_pass", "通行码已过期（非今日）", "pass code expired (not today's)"},
    {"other_enterprise", "非本企业员工", "not an employee of this enterprise"},
    {"not_on_roster", "已不在本企业员工名册中", "no longer on this enterprise's roster"},
    {"quarantine", "隔离期未满", "in quarantine"},
    {"medical_observation", "医学观察未解除", "under medical observation"},
    {"fever", "体温异常（发热）", "fever"},
    {"red_code", "通行码为红码", "red pass code"},
    {"yellow_code", "黄码：请当日完成健康申报", "yellow code: file today's health declaration"},
};

json::array Messages(const std::vector<std::string>& reasons, const std::string& lang) {
  json::array out;
  for (const auto& r : reasons) {
    const char* text = r.c_str();
    for (const auto& t : kReasons)
      if (r == t.code) text = lang == "en" ? t.en : t.zh;
    out.emplace_back(text);
  }
  return out;
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object SiteJson(const Site& s) {
  return json::object{{"id", s.id},         {"enterprise_uscc", s.enterprise_uscc},
                      {"name", s.name},     {"region_code", s.region_code},
                      {"active", s.active}, {"created_at", s.created_at}};
}

json::object EntryJson(const Entry& e) {
  json::object o{{"id", e.id},
                 {"site_id", e.site_id},
                 {"date", e.day},
                 {"at", e.at},
                 {"person_kind", e.person_kind},
                 {"employee_id", e.employee_id ? json::value(*e.employee_id) : json::value()},
                 {"name", e.name},
                 {"department", e.department},
                 {"temperature", e.temperature},
                 {"decision", e.decision},
                 {"reasons", Strings(e.reasons)}};
  // The day the retention purge deletes it after (null: kept).
  auto delete_after = retention::DeleteAfterOf("entry_logs", e.day);
  o["delete_after"] = delete_after ? json::value(*delete_after) : json::value(nullptr);
  if (e.person_kind == "visitor") {
    o["visitor_phone"] = e.visitor_phone_masked;
    o["visitor_id_number"] = e.visitor_id_masked;
    o["visitor_host"] = e.visitor_host;
    o["visitor_reason"] = e.visitor_reason;
  }
  return o;
}

json::object AlertJson(const Alert& a) {
  return json::object{{"id", a.id},
                      {"enterprise_uscc", a.enterprise_uscc},
                      {"enterprise_name", a.enterprise_name},
                      {"region_code", a.region_code},
                      {"site_id", a.site_id ? json::value(*a.site_id) : json::value()},
                      {"site_name", a.site_name},
                      {"employee_id", a.employee_id ? json::value(*a.employee_id) : json::value()},
                      {"person_name", a.person_name},
                      {"kind", a.kind},
                      {"reasons", Strings(a.reasons)},
                      {"temperature", a.temperature ? json::value(*a.temperature) : json::value()},
                      {"at", a.at},
                      {"acknowledged", a.acknowledged},
                      {"acknowledged_by", a.acknowledged_by},
                      {"acknowledged_at", a.acknowledged_at},
                      {"note", a.note}};
}

AlertFilter AlertFilterOf(const http::Request& req) {
  AlertFilter f;
  f.open_only = req.Query("open") == "1" || req.Query("open") == "true";
  f.kind = req.Query("kind");
  f.region_code = req.Query("region");
  f.from = req.Query("from");
  f.to = req.Query("to");
  return f;
}

Status SiteNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_site", "查验点不存在", "no such site", "site");
}

Result<CheckinRequest> ParseCheckin(const json::object& o) {
  JsonReader r(o);
  RETURN_IF_ERROR(r.RejectUnknown({"site", "pass", "visitor", "temperature"}));
  CheckinRequest req;
  RETURN_IF_ERROR(r.Int("site", &req.site_id, true, 1, INT64_MAX));
  RETURN_IF_ERROR(
      r.Number("temperature", &req.temperature, true, kMinTemperature, kMaxTemperature));
  bool has_pass = r.Has("pass"), has_visitor = r.Has("visitor");
  if (has_pass == has_visitor)
    return InvalidArgument("pass", "pass_or_visitor", "须提供通行码 pass 或来访人员 visitor 之一",
                           "give exactly one of pass and visitor");
  if (has_pass) {
    std::string token;
    RETURN_IF_ERROR(r.String("pass", &token, true, 200));
    req.pass = std::move(token);
    return req;
  }
  const json::value& v = o.at("visitor");
  if (!v.is_object())
    return InvalidArgument("visitor", "invalid_type", "visitor 应为对象",
                           "visitor must be an object");
  JsonReader vr(v.as_object());
  auto named = [](Status st) {
    if (st.ok()) return st;
    return Status(st.kind(), st.code(), st.message_zh(), st.message_en(), "visitor." + st.field());
  };
  RETURN_IF_ERROR(named(vr.RejectUnknown({"name", "phone", "id_number", "host", "reason"})));
  Visitor visitor;
  RETURN_IF_ERROR(named(vr.String("name", &visitor.name, true, 50)));
  RETURN_IF_ERROR(named(vr.String("phone", &visitor.phone, true, 11)));
  RETURN_IF_ERROR(named(vr.String("id_number", &visitor.id_number, false, 18)));
  RETURN_IF_ERROR(named(vr.String("host", &visitor.host, false, 50)));
  RETURN_IF_ERROR(named(vr.String("reason", &visitor.reason, false, 200)));
  RETURN_IF_ERROR(ValidateVisitor(visitor));
  req.visitor = std::move(visitor);
  return req;
}

std::string DayParam(const http::Request& req, Status* st) {
  std::string day = req.Query("date", FormatDate(Today()));
  if (!ParseDate(day))
    *st = InvalidArgument("date", "invalid_date", "date 应为 YYYY-MM-DD 格式的有效日期",
                          "date must be a real date YYYY-MM-DD");
  return day;
}

// The answer of a decided check-in, sent once its entry row is committed
// (a deferred response: no thread waits for the group commit).
http::Response AnswerAfterCommit(CheckinService& checkins, const http::Request& req,
                                 PreparedCheckin prepared) {
  // What the answer needs of the request, copied: it is written later, from
  // the writer thread.
  auto echo = std::make_shared<http::Request>();
  echo->method = req.method;
  echo->path = req.path;
  echo->query = req.query;
  echo->headers.Set("accept-language", req.headers.Get("accept-language"));
  http::Response later;
  later.later = [&checkins, p = std::move(prepared), echo](http::Respond respond) mutable {
    checkins.Commit(std::move(p), [echo, respond](Result<CheckinResult> result) {
      if (!result.ok()) return respond(Fail(*echo, result.status()));
      respond(Ok(json::object{{"decision", result->admit ? "admit" : "deny"},
                              {"reasons", Strings(result->reasons)},
                              {"messages", Messages(result->reasons, echo->Language())},
                              {"at", result->at}}));
    });
  };
  return later;
}

json::object PosterJson(const SitePoster& p) {
  return json::object{{"site_id", p.site.id},
                      {"name", p.site.name},
                      {"enterprise_uscc", p.site.enterprise_uscc},
                      {"enterprise_name", p.enterprise_name}};
}

// The address printed on a site's poster: this server as the browser reached
// it (Host header; X-Forwarded-Proto behind a TLS proxy).
std::string PosterUrl(const http::Request& req, const SitePoster& p) {
  std::string host = req.headers.Get("host");
  std::string proto = req.headers.Get("x-forwarded-proto");
  if (proto != "https") proto = "http";
  return proto + "://" + host + "/m/checkin?site=" + std::to_string(p.site.id) + "&code=" + p.code;
}

}  // namespace

void RegisterCheckinRoutes(http::Router& router, CheckinService& checkins, AlertHub& alerts) {
  router.Post(
      "/api/v1/enterprises/{uscc}/sites",
      [&checkins](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string name;
        Status st = r.RejectUnknown({"name"});
        if (st.ok()) st = r.String("name", &name, true, 50);
        if (!st.ok()) return Fail(req, st);
        auto site = checkins.CreateSite(req.PathParam("uscc"), name, Caller(req));
        if (!site.ok()) return Fail(req, site.status());
        return Ok(SiteJson(*site), 201);
      },
      Perm("site:create"));

  router.Get(
      "/api/v1/enterprises/{uscc}/sites",
      [&checkins](http::Request& req) {
        auto list = checkins.Sites(req.PathParam("uscc"), Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& s : *list) items.push_back(SiteJson(s));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("site:list"));

  // The hot path. It runs on the I/O thread (the decision reads only
  // memory; the session comes from the auth cache) and answers once the
  // group commit holding its entry row is done, without a thread waiting
  // for it. The entry row is the record of this write, so the generic
  // per-request audit row is skipped (it would cost a transaction each).
  http::RouteOptions checkin = Perm("checkin:create", 4096);
  checkin.audit = false;
  checkin.run_inline = true;
  router.Post(
      "/api/v1/checkins",
      [&checkins](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        auto parsed = ParseCheckin(*body);
        if (!parsed.ok()) return Fail(req, parsed.status());
        auto prepared = checkins.Decide(*parsed, Caller(req));
        if (!prepared.ok()) return Fail(req, prepared.status());
        return AnswerAfterCommit(checkins, req, std::move(*prepared));
      },
      checkin);

  // Self check-in behind a site's poster: the employee's own pass of today,
  // decided as at a verifier's gate. Not inline: issuing the pass reads the
  // employee's records.
  router.Post(
      "/api/v1/checkins/self",
      [&checkins](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        int64_t site = 0;
        std::string code;
        double temperature = 0;
        Status st = r.RejectUnknown({"site", "code", "temperature"});
        if (st.ok()) st = r.Int("site", &site, true, 1, INT64_MAX);
        if (st.ok()) st = r.String("code", &code, true, 64);
        if (st.ok())
          st = r.Number("temperature", &temperature, true, kMinTemperature, kMaxTemperature);
        if (!st.ok()) return Fail(req, st);
        auto prepared = checkins.DecideSelf(site, code, temperature, Caller(req));
        if (!prepared.ok()) return Fail(req, prepared.status());
        return AnswerAfterCommit(checkins, req, std::move(*prepared));
      },
      Perm("checkin:self", 4096));

  router.Get(
      "/api/v1/sites/{id}/self",
      [&checkins](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        auto poster = checkins.PosterSite(*id, req.Query("code"), Caller(req));
        if (!poster.ok()) return Fail(req, poster.status());
        return Ok(PosterJson(*poster));
      },
      Perm("checkin:self"));

  router.Get(
      "/api/v1/sites/{id}/poster",
      [&checkins](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        auto poster = checkins.Poster(*id, Caller(req));
        if (!poster.ok()) return Fail(req, poster.status());
        std::string url = PosterUrl(req, *poster);
        auto svg = QrSvg(url, "#000");
        if (!svg.ok()) return Fail(req, svg.status());
        json::object o = PosterJson(*poster);
        o["code"] = poster->code;
        o["url"] = url;
        o["svg"] = *svg;
        return Ok(o);
      },
      Perm("site:create"));

  router.Get(
      "/api/v1/sites/{id}/summary",
      [&checkins](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        Status st;
        std::string day = DayParam(req, &st);
        if (!st.ok()) return Fail(req, st);
        auto s = checkins.Summary(*id, day, Caller(req));
        if (!s.ok()) return Fail(req, s.status());
        return Ok(json::object{{"site_id", *id},
                               {"date", s->day},
                               {"admitted", s->admitted},
                               {"denied", s->denied},
                               {"employees", s->employees},
                               {"visitors", s->visitors}});
      },
      Perm("site:list"));

  router.Get(
      "/api/v1/enterprises/{uscc}/on-duty",
      [&checkins](http::Request& req) {
        Status st;
        std::string day = DayParam(req, &st);
        if (!st.ok()) return Fail(req, st);
        auto n = checkins.OnDuty(req.PathParam("uscc"), day, Caller(req));
        if (!n.ok()) return Fail(req, n.status());
        return Ok(json::object{{"date", day}, {"on_duty", n->first}, {"roster", n->second}});
      },
      Perm("entry:list"));

  router.Get(
      "/api/v1/sites/{id}/entries",
      [&checkins](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        auto page = system::ParsePage(req, 1000);
        if (!page.ok()) return Fail(req, page.status());
        Status st;
        std::string day = DayParam(req, &st);
        if (!st.ok()) return Fail(req, st);
        int64_t total = 0;
        auto list = checkins.Entries(*id, day, *page, Caller(req), &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& e : *list) items.push_back(EntryJson(e));
        json::object o = system::PageJson(total, *page, std::move(items));
        o["date"] = day;
        return Ok(o);
      },
      Perm("entry:list"));

  router.Get(
      "/api/v1/sites/{id}/entries/export",
      [&checkins](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, SiteNotFound());
        Status st;
        std::string day = DayParam(req, &st);
        if (!st.ok()) return Fail(req, st);
        auto format = route::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return route::FileAnswer(req, checkins.ExportEntries(*id, day, *format, Caller(req)),
                                 *format, "entries-" + std::to_string(*id) + "-" + day);
      },
      Perm("entry:export"));

  router.Get(
      "/api/v1/alerts",
      [&checkins](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = checkins.Alerts(AlertFilterOf(req), *page, Caller(req), &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& a : *list) items.push_back(AlertJson(a));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("alert:list"));

  // Live alerts (long polling): answers as soon as alerts above `after`
  // exist in the caller's scope, or with none after `timeout` seconds.
  router.Get(
      "/api/v1/alerts/wait",
      [&alerts](http::Request& req) {
        system::Scope scope = Caller(req).scope;
        std::string after_text = req.Query("after");
        if (after_text.empty()) {
          auto last = alerts.LastId(scope);
          if (!last.ok()) return Fail(req, last.status());
          return Ok(json::object{{"items", json::array()}, {"last_id", *last}});
        }
        int64_t after = 0, timeout = 25;
        Status st = system::IntQuery(req, "after", &after, 0, INT64_MAX);
        if (st.ok()) st = system::IntQuery(req, "timeout", &timeout, 0, 30);
        if (!st.ok()) return Fail(req, st);
        auto echo = std::make_shared<http::Request>();
        echo->headers.Set("accept-language", req.headers.Get("accept-language"));
        http::Response later;
        later.later = [&alerts, scope, after, timeout, echo](http::Respond respond) {
          alerts.Wait(scope, after, std::chrono::seconds(timeout),
                      [after, echo, respond](Result<std::vector<Alert>> found) {
                        if (!found.ok()) return respond(Fail(*echo, found.status()));
                        json::array items;
                        int64_t last = after;
                        for (const auto& a : *found) {
                          items.push_back(AlertJson(a));
                          last = std::max(last, a.id);
                        }
                        respond(Ok(json::object{{"items", std::move(items)}, {"last_id", last}}));
                      });
        };
        return later;
      },
      Perm("alert:list"));

  router.Get(
      "/api/v1/alerts/export",
      [&checkins](http::Request& req) {
        auto format = route::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return route::FileAnswer(req,
                                 checkins.ExportAlerts(AlertFilterOf(req), *format, Caller(req)),
                                 *format, "alerts");
      },
      Perm("alert:list"));

  router.Post(
      "/api/v1/alerts/{id}/ack",
      [&checkins](http::Request& req) {
        auto id = IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_alert", "预警不存在或无权访问", "no such alert"));
        std::string note;
        if (!req.body.empty()) {
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          Status st = r.RejectUnknown({"note"});
          if (st.ok()) st = r.String("note", &note, false, 200);
          if (!st.ok()) return Fail(req, st);
        }
        auto a = checkins.Acknowledge(*id, note, Caller(req));
        if (!a.ok()) return Fail(req, a.status());
        return Ok(AlertJson(*a));
      },
      Perm("alert:ack"));
}

}  // namespace fugong::workforce
