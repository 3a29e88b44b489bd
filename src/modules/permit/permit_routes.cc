#include "modules/permit/permit_routes.h"

#include "core/crypto.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::permit {
namespace {

using system::Caller;
using system::Fail;
using system::IdParam;
using system::Ok;
using system::Perm;

Status PermitNotFound() {
  return NotFound("unknown_permit", "通行证不存在或无权访问", "no such permit in your scope");
}

json::object PayloadJson(const Payload& p) {
  return json::object{{"permit_no", p.permit_no}, {"type", p.type},
                      {"plate", p.plate},         {"holder", p.holder},
                      {"route", p.route},         {"valid_from", p.valid_from},
                      {"valid_to", p.valid_to},   {"enterprise", p.enterprise}};
}

json::object PermitJson(const Permit& p) {
  return json::object{{"id", p.id},
                      {"permit_no", p.permit_no},
                      {"enterprise_uscc", p.enterprise_uscc},
                      {"enterprise_name", p.enterprise_name},
                      {"region_code", p.region_code},
                      {"type", p.type},
                      {"plate", p.plate},
                      {"holder_name", p.holder_name},
                      {"holder_masked", p.holder_masked},
                      {"id_masked", p.id_masked},
                      {"phone_masked", p.phone_masked},
                      {"origin", p.origin},
                      {"destination", p.destination},
                      {"route", p.route},
                      {"cargo", p.cargo},
                      {"valid_from", p.valid_from},
                      {"valid_to", p.valid_to},
                      {"state", p.state},
                      {"expired", p.expired},
                      {"token", p.token},
                      {"review_comment", p.review_comment},
                      {"reviewed_at", p.reviewed_at},
                      {"revoke_reason", p.revoke_reason},
                      {"revoked_at", p.revoked_at},
                      {"created_at", p.created_at}};
}

PermitFilter FilterOf(const http::Request& req) {
  PermitFilter f;
  f.state = req.Query("state");
  f.type = req.Query("type");
  f.region = req.Query("region");
  f.q = req.Query("q");
  return f;
}

// A decision's text field: {"comment"} for issue, {"reason"} otherwise.
http::Response Decision(http::Request& req, PermitService& permits, const char* action) {
  auto id = IdParam(req);
  if (!id) return Fail(req, PermitNotFound());
  auto body = system::BodyObject(req);
  if (!body.ok()) return Fail(req, body.status());
  JsonReader r(*body);
  std::string text;
  bool issue = std::string_view(action) == "issue";
  const char* key = issue ? "comment" : "reason";
  for (Status st : {r.RejectUnknown({key}), r.String(key, &text, !issue, 200)})
    if (!st.ok()) return Fail(req, st);
  Result<Permit> p = issue ? permits.Issue(*id, text, Caller(req))
                     : std::string_view(action) == "refuse"
                         ? permits.Refuse(*id, text, Caller(req))
                         : permits.Revoke(*id, text, Caller(req));
  if (!p.ok()) return Fail(req, p.status());
  return Ok(PermitJson(*p));
}

}  // namespace

void RegisterPermitRoutes(http::Router& router, PermitService& permits) {
  http::RouteOptions open;
  open.public_route = true;
  router.Get(
      "/api/v1/permits/public-key",
      [&permits](http::Request&) {
        http::Response resp =
            Ok(json::object{{"algorithm", "Ed25519"},
                            {"key_id", permits.KeyId()},
                            {"public_key", crypto::Base64UrlEncode(permits.public_key())},
                            {"format", "FGP1.<base64url JSON>.<base64url signature>"}});
        resp.headers.Set("Cache-Control", "public, max-age=3600");
        return resp;
      },
      open);

  router.Post(
      "/api/v1/permits",
      [&permits](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewPermit in;
        for (Status st :
             {r.RejectUnknown({"uscc", "type", "plate", "holder_name", "id_number", "phone",
                               "origin", "destination", "route", "cargo", "valid_from",
                               "valid_to"}),
              r.String("uscc", &in.uscc, false, 18), r.String("type", &in.type, true, 30),
              r.String("plate", &in.plate, false, 20),
              r.String("holder_name", &in.holder_name, true, 30),
              r.String("id_number", &in.id_number, false, 18),
              r.String("phone", &in.phone, false, 11), r.String("origin", &in.origin, true, 60),
              r.String("destination", &in.destination, true, 60),
              r.String("route", &in.route, false, 200), r.String("cargo", &in.cargo, false, 200),
              r.String("valid_from", &in.valid_from, true, 10),
              r.String("valid_to", &in.valid_to, true, 10)})
          if (!st.ok()) return Fail(req, st);
        auto p = permits.Apply(in, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        return Ok(PermitJson(*p), 201);
      },
      Perm("permit:apply"));

  router.Get(
      "/api/v1/permits",
      [&permits](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = permits.List(FilterOf(req), Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& p : *list) items.push_back(PermitJson(p));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("permit:view"));

  router.Get(
      "/api/v1/permits/export",
      [&permits](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req, permits.Export(FilterOf(req), *format, Caller(req)), *format,
                                  "permits");
      },
      Perm("permit:view"));

  router.Get(
      "/api/v1/permits/stats",
      [&permits](http::Request& req) {
        auto counts =
            permits.Counts(req.Query("from"), req.Query("to"), req.Query("region"), Caller(req));
        if (!counts.ok()) return Fail(req, counts.status());
        json::array items;
        json::object total{{"applied", 0}, {"issued", 0},   {"refused", 0},
                           {"revoked", 0}, {"in_force", 0}, {"pending", 0}};
        int64_t sums[6] = {0, 0, 0, 0, 0, 0};
        for (const auto& c : *counts) {
          items.push_back(json::object{{"type", c.type},
                                       {"applied", c.applied},
                                       {"issued", c.issued},
                                       {"refused", c.refused},
                                       {"revoked", c.revoked},
                                       {"in_force", c.in_force},
                                       {"pending", c.pending}});
          int64_t v[6] = {c.applied, c.issued, c.refused, c.revoked, c.in_force, c.pending};
          for (int i = 0; i < 6; ++i) sums[i] += v[i];
        }
        const char* keys[6] = {"applied", "issued", "refused", "revoked", "in_force", "pending"};
        for (int i = 0; i < 6; ++i) total[keys[i]] = sums[i];
        return Ok(json::object{{"from", req.Query("from")},
                               {"to", req.Query("to")},
                               {"items", std::move(items)},
                               {"total", std::move(total)}});
      },
      Perm("permit:view"));

  router.Post(
      "/api/v1/permits/verify",
      [&permits](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string token;
        for (Status st : {r.RejectUnknown({"token"}), r.String("token", &token, true, 2000)})
          if (!st.ok()) return Fail(req, st);
        std::optional<Permit> p;
        auto v = permits.Verify(token, &p);
        if (!v.ok()) return Fail(req, v.status());
        json::object out{{"result", v->result}};
        out["payload"] = v->payload ? json::value(PayloadJson(*v->payload)) : json::value(nullptr);
        if (p) {
          out["state"] = p->state;
          out["revoke_reason"] = p->revoke_reason;
          out["revoked_at"] = p->revoked_at;
        }
        return Ok(out);
      },
      Perm("permit:verify"));

  router.Get(
      "/api/v1/permits/{id}",
      [&permits](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PermitNotFound());
        auto p = permits.Get(*id, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        json::object out = PermitJson(*p);
        auto svg = permits.QrSvg(*p);
        if (!svg.ok()) return Fail(req, svg.status());
        out["qr_svg"] = *svg;
        return Ok(out);
      },
      Perm("permit:view"));

  router.Get(
      "/api/v1/permits/{id}/id-number",
      [&permits](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PermitNotFound());
        auto n = permits.ReadIdNumber(*id, Caller(req), req.remote_addr);
        if (!n.ok()) return Fail(req, n.status());
        http::Response resp = Ok(json::object{{"id", *id}, {"id_number", *n}});
        resp.headers.Set("Cache-Control", "no-store");
        return resp;
      },
      Perm("permit:id_number"));

  router.Post(
      "/api/v1/permits/{id}/issue",
      [&permits](http::Request& req) { return Decision(req, permits, "issue"); },
      Perm("permit:review"));
  router.Post(
      "/api/v1/permits/{id}/refuse",
      [&permits](http::Request& req) { return Decision(req, permits, "refuse"); },
      Perm("permit:review"));
  router.Post(
      "/api/v1/permits/{id}/revoke",
      [&permits](http::Request& req) { return Decision(req, permits, "revoke"); },
      Perm("permit:review"));
}

}  // namespace fugong::permit
