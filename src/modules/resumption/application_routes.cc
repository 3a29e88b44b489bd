#include "modules/resumption/application_routes.h"

#include <cctype>

#include "system/route_util.h"

namespace fugong::resumption {
namespace {

using system::Perm;

using system::Caller;
using system::Fail;
using system::Ok;

constexpr size_t kUploadBodyLimit = kMaxAttachmentBytes + (size_t(64) << 10);

// The same error naming `prefix.field` (nested objects of a request).
Status Prefixed(const Status& s, const std::string& prefix) {
  if (s.ok()) return s;
  return Status(s.kind(), s.code(), s.message_zh(), s.message_en(),
                s.field().empty() ? prefix : prefix + "." + s.field());
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object ApplicationJson(const Application& a) {
  const ApplicationContent& c = a.content;
  json::array levels;
  for (int l : a.review_levels) levels.emplace_back(l);
  return json::object{{"id", a.id},
                      {"uscc", a.uscc},
                      {"enterprise_name", a.enterprise_name},
                      {"region_code", a.region_code},
                      {"region_name", a.region_name},
                      {"state", a.state},
                      {"state_name", std::string(StateZh(a.state))},
                      {"route", a.route},
                      {"route_reasons", Strings(a.route_reasons)},
                      {"department", a.department},
                      {"review_levels", std::move(levels)},
                      {"review_step", a.review_step},
                      {"review_level", a.review_level},
                      {"review_region_code", a.review_region_code},
                      {"planned_date", c.planned_date},
                      {"approved_date", a.approved_date},
                      {"staff_total", c.staff_total},
                      {"staff_local", c.staff_local},
                      {"staff_out_of_province", c.staff_out_of_province},
                      {"staff_from_risk_regions", c.staff_from_risk_regions},
                      {"checklist", ChecklistJson(c.checklist)},
                      {"essential_category", c.essential_category},
                      {"commitment", json::object{{"signer", c.commitment.signer},
                                                  {"accepted", c.commitment.accepted},
                                                  {"signed_at", c.commitment.signed_at}}},
                      {"inspection_due", a.inspection_due},
                      {"submitted_at", a.submitted_at},
                      {"decided_at", a.decided_at},
                      {"version", a.version},
                      {"created_at", a.created_at},
                      {"updated_at", a.updated_at}};
}

json::object AttachmentJson(const Attachment& t) {
  return json::object{{"id", t.id},
                      {"kind", t.kind},
                      {"filename", t.filename},
                      {"content_type", t.content_type},
                      {"size", t.size},
                      {"sha256", t.sha256},
                      {"created_at", t.created_at},
                      {"created_by", t.created_by_name},
                      {"url", "/api/v1/applications/" + std::to_string(t.application_id) +
                                  "/attachments/" + std::to_string(t.id)}};
}

json::object DetailJson(const ApplicationDetail& d) {
  json::object o = ApplicationJson(d.application);
  json::array timeline;
  for (const auto& t : d.timeline)
    timeline.push_back(
        json::object{{"id", t.id},
                     {"from", t.from},
                     {"to", t.to},
                     {"actor_id", t.actor_id ? json::value(*t.actor_id) : json::value(nullptr)},
                     {"actor_name", t.actor_name},
                     {"at", t.at},
                     {"comment", t.comment},
                     {"deficiencies", DeficienciesJson(t.deficiencies)},
                     {"review_level", t.review_level}});
  // The deficiencies to correct: those of the return that is in force.
  json::array open;
  if (d.application.state == "rejected")
    for (auto it = d.timeline.rbegin(); it != d.timeline.rend(); ++it)
      if (it->to == "rejected") {
        open = DeficienciesJson(it->deficiencies);
        break;
      }
  json::array attachments;
  for (const auto& t : d.attachments) attachments.push_back(AttachmentJson(t));
  json::array acceptances;
  for (const auto& a : d.acceptances) {
    json::object checklist;
    for (const auto& [item, passed] : a.checklist) checklist[item] = passed ? "pass" : "fail";
    acceptances.push_back(json::object{
        {"id", a.id},
        {"mode", a.mode},
        {"result", a.result},
        {"checklist", std::move(checklist)},
        {"findings", Strings(a.findings)},
        {"comment", a.comment},
        {"inspector_id", a.inspector_id ? json::value(*a.inspector_id) : json::value(nullptr)},
        {"inspector_name", a.inspector_name},
        {"at", a.at}});
  }
  o["timeline"] = std::move(timeline);
  o["deficiencies"] = std::move(open);
  o["attachments"] = std::move(attachments);
  o["acceptances"] = std::move(acceptances);
  return o;
}

Status ApplyChecklist(const json::value& v, Checklist* c) {
  // Fields are named inside the checklist; the caller prefixes "checklist.".
  if (!v.is_object())
    return Status(ErrorKind::kInvalidArgument, "invalid_type", "checklist 应为对象",
                  "checklist must be an object");
  const json::object& o = v.as_object();
  JsonReader r(o);
  for (const auto& kv : o)
    if (!IsChecklistItem(kv.key()))
      return InvalidArgument(std::string(kv.key()), "unknown_field",
                             "未知的防控清单项目 " + std::string(kv.key()),
                             "unknown checklist item " + std::string(kv.key()));
  RETURN_IF_ERROR(r.Bool("isolation_room", &c->isolation_room, false));
  RETURN_IF_ERROR(r.Int("thermometers", &c->thermometers, false, 0, 1'000'000));
  RETURN_IF_ERROR(r.Int("masks_in_stock", &c->masks_in_stock, false, 0, 100'000'000));
  RETURN_IF_ERROR(r.Int("masks_days_of_supply", &c->masks_days_of_supply, false, 0, 3650));
  RETURN_IF_ERROR(r.Bool("disinfection_plan", &c->disinfection_plan, false));
  RETURN_IF_ERROR(r.Bool("disinfection_records", &c->disinfection_records, false));
  RETURN_IF_ERROR(r.Bool("staggered_dining", &c->staggered_dining, false));
  RETURN_IF_ERROR(r.Bool("leader_on_duty", &c->leader_on_duty, false));
  RETURN_IF_ERROR(r.Bool("emergency_plan", &c->emergency_plan, false));
  if (r.Has("four_measures")) {
    const json::value& f = o.at("four_measures");
    if (!f.is_object())
      return InvalidArgument("four_measures", "invalid_type",
                             "four_measures 应为对象 {scan_code, registration, temperature_check, "
                             "mask_wearing}",
                             "four_measures must be an object {scan_code, registration, "
                             "temperature_check, mask_wearing}");
    JsonReader fr(f.as_object());
    Status st =
        fr.RejectUnknown({"scan_code", "registration", "temperature_check", "mask_wearing"});
    if (st.ok()) st = fr.Bool("scan_code", &c->four_measures.scan_code, false);
    if (st.ok()) st = fr.Bool("registration", &c->four_measures.registration, false);
    if (st.ok()) st = fr.Bool("temperature_check", &c->four_measures.temperature_check, false);
    if (st.ok()) st = fr.Bool("mask_wearing", &c->four_measures.mask_wearing, false);
    RETURN_IF_ERROR(Prefixed(st, "four_measures"));
  }
  return Status::Ok();
}

// Applies the fields present in `o` onto `c`; unknown fields are refused,
// read-only fields a client may echo back are ignored. `version` (when sent)
// is the version the client edited.
Status ApplyContentJson(const json::object& o, ApplicationContent* c,
                        std::optional<int64_t>* version) {
  static const char* kKnown[] = {"planned_date",
                                 "staff_total",
                                 "staff_local",
                                 "staff_out_of_province",
                                 "staff_from_risk_regions",
                                 "checklist",
                                 "essential_category",
                                 "commitment",
                                 "version"};
  static const char* kReadOnly[] = {"id",
                                    "uscc",
                                    "enterprise_name",
                                    "region_code",
                                    "region_name",
                                    "state",
                                    "state_name",
                                    "route",
                                    "route_reasons",
                                    "department",
                                    "review_levels",
                                    "review_step",
                                    "review_level",
                                    "review_region_code",
                                    "approved_date",
                                    "inspection_due",
                                    "submitted_at",
                                    "decided_at",
                                    "created_at",
                                    "updated_at",
                                    "timeline",
                                    "deficiencies",
                                    "attachments",
                                    "acceptances"};
  for (const auto& kv : o) {
    bool known = false;
    for (const char* k : kKnown) known = known || kv.key() == k;
    for (const char* k : kReadOnly) known = known || kv.key() == k;
    if (!known)
      return InvalidArgument(std::string(kv.key()), "unknown_field",
                             "未知字段 " + std::string(kv.key()),
                             "unknown field " + std::string(kv.key()));
  }
  JsonReader r(o);
  RETURN_IF_ERROR(r.String("planned_date", &c->planned_date, false, 10));
  const int64_t kMax = 1'000'000;
  RETURN_IF_ERROR(r.Int("staff_total", &c->staff_total, false, 0, kMax));
  RETURN_IF_ERROR(r.Int("staff_local", &c->staff_local, false, 0, kMax));
  RETURN_IF_ERROR(r.Int("staff_out_of_province", &c->staff_out_of_province, false, 0, kMax));
  RETURN_IF_ERROR(r.Int("staff_from_risk_regions", &c->staff_from_risk_regions, false, 0, kMax));
  if (r.Has("checklist"))
    RETURN_IF_ERROR(Prefixed(ApplyChecklist(o.at("checklist"), &c->checklist), "checklist"));
  RETURN_IF_ERROR(r.String("essential_category", &c->essential_category, false, 30));
  if (r.Has("commitment")) {
    const json::value& v = o.at("commitment");
    if (!v.is_object())
      return InvalidArgument("commitment", "invalid_type", "commitment 应为对象 {signer, accepted}",
                             "commitment must be an object {signer, accepted}");
    JsonReader cr(v.as_object());
    Status st = cr.RejectUnknown({"signer", "accepted", "signed_at"});
    if (st.ok()) st = cr.String("signer", &c->commitment.signer, false, 50);
    if (st.ok()) st = cr.Bool("accepted", &c->commitment.accepted, false);
    RETURN_IF_ERROR(Prefixed(st, "commitment"));
  }
  if (r.Has("version")) {
    int64_t v = 0;
    RETURN_IF_ERROR(r.Int("version", &v, true, 1, INT64_MAX));
    *version = v;
  }
  return Status::Ok();
}

Result<ReviewDecision> ParseReview(const json::object& o) {
  JsonReader r(o);
  RETURN_IF_ERROR(r.RejectUnknown({"decision", "comment", "deficiencies"}));
  ReviewDecision d;
  RETURN_IF_ERROR(r.String("decision", &d.decision, true, 10));
  RETURN_IF_ERROR(r.String("comment", &d.comment, false, 500));
  if (r.Has("deficiencies")) {
    const json::value& v = o.at("deficiencies");
    Status bad =
        InvalidArgument("deficiencies", "invalid_type", "deficiencies 应为 [{item, reason}] 数组",
                        "deficiencies must be an array of {item, reason}");
    if (!v.is_array()) return bad;
    for (const auto& e : v.as_array()) {
      if (!e.is_object()) return bad;
      JsonReader er(e.as_object());
      Deficiency d2;
      Status st = er.RejectUnknown({"item", "reason"});
      if (st.ok()) st = er.String("item", &d2.item, true, 50);
      if (st.ok()) st = er.String("reason", &d2.reason, false, 1000);
      if (!st.ok())
        return InvalidArgument("deficiencies", st.code(), "deficiencies: " + st.message_zh(),
                               "deficiencies: " + st.message_en());
      d.deficiencies.push_back(std::move(d2));
    }
  }
  return d;
}

Result<AcceptanceInput> ParseAcceptance(const json::object& o) {
  JsonReader r(o);
  RETURN_IF_ERROR(r.RejectUnknown({"result", "mode", "checklist", "findings", "comment"}));
  AcceptanceInput in;
  RETURN_IF_ERROR(r.String("result", &in.result, true, 10));
  RETURN_IF_ERROR(r.String("mode", &in.mode, true, 10));
  RETURN_IF_ERROR(r.String("comment", &in.comment, false, 500));
  RETURN_IF_ERROR(r.StringArray("findings", &in.findings, false));
  if (!r.Has("checklist"))
    return InvalidArgument("checklist", "required", "缺少验收清单 checklist",
                           "field checklist is required");
  const json::value& v = o.at("checklist");
  if (!v.is_object())
    return InvalidArgument("checklist", "invalid_type", "checklist 应为对象 {项目: pass|fail}",
                           "checklist must be an object {item: pass|fail}");
  for (const auto& kv : v.as_object()) {
    std::string field = "checklist." + std::string(kv.key());
    const json::value& x = kv.value();
    if (x.is_bool()) {
      in.checklist[std::string(kv.key())] = x.as_bool();
    } else if (x.is_string() && (x.as_string() == "pass" || x.as_string() == "fail")) {
      in.checklist[std::string(kv.key())] = x.as_string() == "pass";
    } else {
      return InvalidArgument(field, "invalid_value", field + " 应为 pass 或 fail",
                             field + " must be pass or fail");
    }
  }
  return in;
}

Result<int64_t> PathId(const http::Request& req, const std::string& name) {
  std::string v = req.PathParam(name);
  int64_t id = 0;
  if (v.empty() || v.size() > 15) return NotFound("not_found", "对象不存在", "not found");
  for (char c : v) {
    if (c < '0' || c > '9') return NotFound("not_found", "对象不存在", "not found");
    id = id * 10 + (c - '0');
  }
  return id;
}

// An optional JSON body: empty means {}.
Result<json::object> OptionalBody(const http::Request& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  return system::BodyObject(req);
}

bool TrueFlag(const http::Request& req, std::string_view name) {
  std::string v = req.Query(name);
  return v == "1" || v == "true";
}

// Percent-encodes a UTF-8 filename for filename*= (RFC 5987); `ascii` gets a
// plain fallback with anything else replaced by '_'.
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

// Runs a workflow action on /applications/{id}/ACTION and answers the application.
template <typename Fn>
http::Response Act(http::Request& req, Fn&& fn) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(req, id.status());
  auto body = OptionalBody(req);
  if (!body.ok()) return Fail(req, body.status());
  Result<Application> a = fn(*id, *body);
  if (!a.ok()) return Fail(req, a.status());
  return Ok(ApplicationJson(*a));
}

}  // namespace

void RegisterResumptionRoutes(http::Router& router, ApplicationService& service) {
  router.Post(
      "/api/v1/enterprises/{uscc}/applications",
      [&service](http::Request& req) {
        auto body = OptionalBody(req);
        if (!body.ok()) return Fail(req, body.status());
        ApplicationContent content;
        std::optional<int64_t> version;
        Status st = ApplyContentJson(*body, &content, &version);
        if (!st.ok()) return Fail(req, st);
        auto a = service.Create(req.PathParam("uscc"), content, Caller(req));
        if (!a.ok()) return Fail(req, a.status());
        return Ok(ApplicationJson(*a), 201);
      },
      Perm("resumption:apply"));

  router.Get(
      "/api/v1/applications",
      [&service](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        ApplicationFilter f;
        f.state = req.Query("state");
        f.region_code = req.Query("region");
        if (TrueFlag(req, "mine")) f.mine_user_id = Caller(req).user_id;
        f.queue = TrueFlag(req, "queue");
        f.inspection_due = TrueFlag(req, "inspection_due");
        int64_t total = 0;
        auto list = service.List(f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& a : *list) items.push_back(ApplicationJson(a));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("resumption:view"));

  router.Get(
      "/api/v1/applications/stats",
      [&service](http::Request& req) {
        auto s = service.Stats(req.Query("region"), Caller(req));
        if (!s.ok()) return Fail(req, s.status());
        json::object by_state;
        for (const auto& [state, n] : s->by_state) by_state[state] = n;
        return Ok(json::object{{"region", req.Query("region")},
                               {"total", s->total},
                               {"by_state", std::move(by_state)},
                               {"inspection_due", s->inspection_due}});
      },
      Perm("resumption:view"));

  router.Get(
      "/api/v1/applications/{id}",
      [&service](http::Request& req) {
        auto id = PathId(req, "id");
        if (!id.ok()) return Fail(req, id.status());
        auto d = service.Detail(*id, Caller(req));
        if (!d.ok()) return Fail(req, d.status());
        return Ok(DetailJson(*d));
      },
      Perm("resumption:view"));

  router.Put(
      "/api/v1/applications/{id}",
      [&service](http::Request& req) {
        auto id = PathId(req, "id");
        if (!id.ok()) return Fail(req, id.status());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        auto current = service.Get(*id, Caller(req));
        if (!current.ok()) return Fail(req, current.status());
        ApplicationContent content = current->content;
        std::optional<int64_t> version;
        Status st = ApplyContentJson(*body, &content, &version);
        if (!st.ok()) return Fail(req, st);
        auto a = service.Update(*id, version.value_or(current->version), content, Caller(req));
        if (!a.ok()) return Fail(req, a.status());
        return Ok(ApplicationJson(*a));
      },
      Perm("resumption:apply"));

  router.Post(
      "/api/v1/applications/{id}/submit",
      [&service](http::Request& req) {
        return Act(req, [&](int64_t id, const json::object& o) -> Result<Application> {
          RETURN_IF_ERROR(JsonReader(o).RejectUnknown({}));
          return service.Submit(id, Caller(req));
        });
      },
      Perm("resumption:apply"));

  router.Post(
      "/api/v1/applications/{id}/withdraw",
      [&service](http::Request& req) {
        return Act(req, [&](int64_t id, const json::object& o) -> Result<Application> {
          JsonReader r(o);
          RETURN_IF_ERROR(r.RejectUnknown({"comment"}));
          std::string comment;
          RETURN_IF_ERROR(r.String("comment", &comment, false, 500));
          return service.Withdraw(id, comment, Caller(req));
        });
      },
      Perm("resumption:apply"));

  router.Post(
      "/api/v1/applications/{id}/review",
      [&service](http::Request& req) {
        return Act(req, [&](int64_t id, const json::object& o) -> Result<Application> {
          ASSIGN_OR_RETURN(ReviewDecision d, ParseReview(o));
          return service.Review(id, d, Caller(req));
        });
      },
      Perm("resumption:review"));

  router.Post(
      "/api/v1/applications/{id}/acceptance",
      [&service](http::Request& req) {
        return Act(req, [&](int64_t id, const json::object& o) -> Result<Application> {
          ASSIGN_OR_RETURN(AcceptanceInput in, ParseAcceptance(o));
          return service.Accept(id, in, Caller(req));
        });
      },
      Perm("resumption:accept"));

  router.Post(
      "/api/v1/applications/{id}/attachments",
      [&service](http::Request& req) {
        auto id = PathId(req, "id");
        if (!id.ok()) return Fail(req, id.status());
        auto file = system::FormUpload(req);
        if (!file.ok()) return Fail(req, file.status());
        auto kind = file->fields.find("kind");
        auto att = service.AddAttachment(
            *id, kind == file->fields.end() ? std::string("other") : kind->second, file->filename,
            std::move(file->data), Caller(req));
        if (!att.ok()) return Fail(req, att.status());
        return Ok(AttachmentJson(*att), 201);
      },
      Perm("resumption:apply", kUploadBodyLimit));

  router.Get(
      "/api/v1/applications/{id}/attachments/{aid}",
      [&service](http::Request& req) {
        auto id = PathId(req, "id");
        if (!id.ok()) return Fail(req, id.status());
        auto aid = PathId(req, "aid");
        if (!aid.ok()) return Fail(req, aid.status());
        auto att = service.GetAttachment(*id, *aid, Caller(req));
        if (!att.ok()) return Fail(req, att.status());
        http::Response resp = http::Response::Text(200, std::move(att->content), att->content_type);
        resp.headers.Set("content-disposition", ContentDisposition(att->filename));
        resp.headers.Set("x-content-type-options", "nosniff");
        resp.headers.Set("cache-control", "private, no-store");
        resp.headers.Set("x-sha256", att->sha256);
        return resp;
      },
      Perm("resumption:view"));

  router.Delete(
      "/api/v1/applications/{id}/attachments/{aid}",
      [&service](http::Request& req) {
        auto id = PathId(req, "id");
        if (!id.ok()) return Fail(req, id.status());
        auto aid = PathId(req, "aid");
        if (!aid.ok()) return Fail(req, aid.status());
        Status st = service.DeleteAttachment(*id, *aid, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"ok", true}});
      },
      Perm("resumption:apply"));
}

}  // namespace fugong::resumption
