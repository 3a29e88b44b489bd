#include "modules/demand/demand_routes.h"

#include <filesystem>

#include "core/clock.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::demand {
namespace {

using system::IdParam;
using system::Perm;

using system::Caller;
using system::Fail;
using system::Ok;

constexpr size_t kUploadBodyLimit = kMaxAttachmentBytes + (size_t(64) << 10);

Status DemandNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_demand", "诉求不存在或无权访问",
                "no such demand in your scope", "demand");
}

json::value Opt(const std::string& s) { return s.empty() ? json::value() : json::value(s); }
json::value Opt(const std::optional<int64_t>& v) { return v ? json::value(*v) : json::value(); }
json::value OptTime(const std::optional<TimePoint>& t) {
  if (!t) return json::value();
  return json::value(FormatTimestamp(std::chrono::time_point_cast<std::chrono::seconds>(*t)));
}

json::object ClockJson(const ClockState& c) {
  return json::object{{"state", c.State()},
                      {"limit_minutes", c.limit_minutes},
                      {"elapsed_minutes", c.elapsed_minutes},
                      {"remaining_minutes", c.limit_minutes - c.elapsed_minutes},
                      {"due_at", c.running ? OptTime(c.due) : json::value()},
                      {"done_at", OptTime(c.done_at)}};
}

json::object DemandJson(const DemandView& v) {
  const Demand& d = v.demand;
  bool overdue = (v.clocks.first_response.running && v.clocks.first_response.overdue) ||
                 (v.clocks.resolution.running && v.clocks.resolution.overdue);
  bool soon = !overdue && (v.clocks.first_response.due_soon || v.clocks.resolution.due_soon);
  return json::object{
      {"id", d.id},
      {"enterprise_uscc", d.enterprise_uscc},
      {"enterprise_name", d.enterprise_name},
      {"region_code", d.region_code},
      {"category", d.category},
      {"source", d.source},
      {"finding_id", Opt(d.finding_id)},
      {"project_id", Opt(d.project_id)},
      {"title", d.title},
      {"description", d.description},
      {"contact_name", d.contact_name},
      {"contact_phone", d.contact_phone},
      {"state", d.state},
      {"cadre_id", Opt(d.cadre_id)},
      {"cadre_name", d.cadre_name},
      {"assignee_id", Opt(d.assignee_id)},
      {"assignee_name", d.assignee_name},
      {"department", d.department},
      {"level", d.level},
      {"first_response_at", Opt(d.first_response_at)},
      {"resolved_at", Opt(d.resolved_at)},
      {"resolution", d.resolution},
      {"rating", d.rating ? json::value(*d.rating) : json::value()},
      {"rating_comment", d.rating_comment},
      {"reopen_count", d.reopen_count},
      {"created_at", d.created_at},
      {"created_by_name", d.created_by_name},
      {"updated_at", d.updated_at},
      {"clock", overdue ? "overdue"
                : soon  ? "due_soon"
                        : "ok"},
      {"clocks", json::object{{"first_response", ClockJson(v.clocks.first_response)},
                              {"resolution", ClockJson(v.clocks.resolution)},
                              {"level", v.clocks.level}}}};
}

json::object AttachmentJson(const Attachment& a) {
  return json::object{{"id", a.id},
                      {"demand_id", a.demand_id},
                      {"filename", a.filename},
                      {"content_type", a.content_type},
                      {"size", a.size},
                      {"sha256", a.sha256},
                      {"created_at", a.created_at},
                      {"created_by_name", a.created_by_name}};
}

json::object DetailJson(const DemandDetail& d) {
  json::object o = DemandJson(d.view);
  json::array events, files;
  for (const auto& e : d.events)
    events.push_back(json::object{{"id", e.id},
                                  {"kind", e.kind},
                                  {"from_state", e.from_state},
                                  {"to_state", e.to_state},
                                  {"actor_id", Opt(e.actor_id)},
                                  {"actor_name", e.actor_name},
                                  {"assignee_id", Opt(e.assignee_id)},
                                  {"assignee_name", e.assignee_name},
                                  {"department", e.department},
                                  {"level", e.level},
                                  {"rating", e.rating ? json::value(*e.rating) : json::value()},
                                  {"note", e.note},
                                  {"at", e.at}});
  for (const auto& a : d.attachments) files.push_back(AttachmentJson(a));
  o["events"] = std::move(events);
  o["attachments"] = std::move(files);
  o["can_handle"] = d.can_handle;
  o["can_rate"] = d.can_rate;
  return o;
}

Result<DemandFilter> ParseFilter(const http::Request& req) {
  DemandFilter f;
  f.state = req.Query("state");
  f.category = req.Query("category");
  f.source = req.Query("source");
  f.region_code = req.Query("region");
  f.q = req.Query("q");
  if (f.q.size() > 100)
    return InvalidArgument("q", "too_long", "搜索词过长", "the search text is too long");
  f.from = req.Query("from");
  f.to = req.Query("to");
  std::string mine = req.Query("mine");
  f.mine = mine == "1" || mine == "true";
  f.clock = req.Query("clock");
  return f;
}

// Runs a workflow action with the parsed body.
template <typename Fn>
http::Response Act(http::Request& req, std::initializer_list<std::string_view> known, Fn fn) {
  auto id = IdParam(req);
  if (!id) return Fail(req, DemandNotFound());
  json::object empty;
  Result<json::object> body = empty;
  if (!req.body.empty()) body = system::BodyObject(req);
  if (!body.ok()) return Fail(req, body.status());
  JsonReader r(*body);
  Status st = r.RejectUnknown(known);
  if (!st.ok()) return Fail(req, st);
  Result<DemandDetail> out = fn(*id, r);
  if (!out.ok()) return Fail(req, out.status());
  return Ok(DetailJson(*out));
}

}  // namespace

void RegisterDemandRoutes(http::Router& router, DemandService& svc) {
  router.Post(
      "/api/v1/demands",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewDemand d;
        int64_t finding = 0, project = 0;
        Status st = r.RejectUnknown({"uscc", "category", "source", "finding_id", "title",
                                     "description", "contact_name", "contact_phone", "project"});
        if (st.ok()) st = r.String("uscc", &d.uscc, false, 18);
        if (st.ok()) st = r.String("category", &d.category, true, 30);
        if (st.ok()) st = r.String("source", &d.source, false, 20);
        if (st.ok()) st = r.Int("finding_id", &finding, false, 1, INT64_MAX);
        if (st.ok()) st = r.Int("project", &project, false, 1, INT64_MAX);
        if (st.ok()) st = r.String("title", &d.title, true, 100);
        if (st.ok()) st = r.String("description", &d.description, false, 2000);
        if (st.ok()) st = r.String("contact_name", &d.contact_name, false, 30);
        if (st.ok()) st = r.String("contact_phone", &d.contact_phone, false, 20);
        if (!st.ok()) return Fail(req, st);
        if (finding) d.finding_id = finding;
        if (project) d.project_id = project;
        auto made = svc.Create(d, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(DetailJson(*made), 201);
      },
      Perm("demand:create"));

  router.Get(
      "/api/v1/demands",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        int64_t total = 0;
        auto list = svc.List(*f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& v : *list) items.push_back(DemandJson(v));
        json::object out = system::PageJson(total, *page, std::move(items));
        out["now"] = NowTimestamp();
        return Ok(out);
      },
      Perm("demand:view"));

  // Assessment before /demands/{id} so the literal path wins.
  router.Get(
      "/api/v1/demands/assessment",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        std::string by = req.Query("by", "department");
        auto rows = svc.Assessment(by, *f, Caller(req));
        if (!rows.ok()) return Fail(req, rows.status());
        auto ratio = [](const Ratio& r) {
          return json::object{
              {"num", r.num},
              {"den", r.den},
              {"rate", r.den ? json::value(double(r.num) / double(r.den)) : json::value()}};
        };
        json::array items;
        for (const auto& r : *rows)
          items.push_back(json::object{
              {"key", r.key},
              {"label", r.label},
              {"count", r.count},
              {"first_response_on_time", ratio(r.first_response)},
              {"resolution_on_time", ratio(r.resolution)},
              {"satisfaction",
               r.ratings ? json::value(r.rating_sum / double(r.ratings)) : json::value()},
              {"ratings", r.ratings},
              {"reopen", ratio(r.reopen)},
              {"open", r.open},
              {"overdue", r.overdue}});
        return Ok(json::object{{"by", by},
                               {"region", f->region_code},
                               {"from", f->from},
                               {"to", f->to},
                               {"items", std::move(items)}});
      },
      Perm("demand:assess"));

  router.Get(
      "/api/v1/demands/assessment/demands",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto list = svc.AssessmentDemands(req.Query("by", "department"), req.Query("key"),
                                          req.Query("figure", "all"), *f, Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        int64_t total = int64_t(list->size());
        for (int64_t i = page->Offset(); i < total && int64_t(items.size()) < page->size; ++i)
          items.push_back(DemandJson((*list)[size_t(i)]));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("demand:assess"));

  router.Get(
      "/api/v1/demands/assessment/export",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        std::string by = req.Query("by", "department");
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req, svc.ExportAssessment(by, *f, *format, Caller(req)), *format,
                                  "demand-assessment-" + by);
      },
      Perm("demand:assess"));

  router.Post(
      "/api/v1/demands/escalation/run",
      [&svc](http::Request& req) {
        auto n = svc.RunEscalation();
        if (!n.ok()) return Fail(req, n.status());
        return Ok(json::object{{"escalated", *n}});
      },
      Perm("demand:escalate"));

  router.Get(
      "/api/v1/demands/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, DemandNotFound());
        auto d = svc.Detail(*id, Caller(req));
        if (!d.ok()) return Fail(req, d.status());
        return Ok(DetailJson(*d));
      },
      Perm("demand:view"));

  router.Post(
      "/api/v1/demands/{id}/accept",
      [&svc](http::Request& req) {
        return Act(req, {"note"}, [&](int64_t id, const JsonReader& r) -> Result<DemandDetail> {
          std::string note;
          RETURN_IF_ERROR(r.String("note", &note, false, 500));
          return svc.Accept(id, note, Caller(req));
        });
      },
      Perm("demand:handle"));

  router.Post(
      "/api/v1/demands/{id}/respond",
      [&svc](http::Request& req) {
        return Act(req, {"message"}, [&](int64_t id, const JsonReader& r) -> Result<DemandDetail> {
          std::string message;
          RETURN_IF_ERROR(r.String("message", &message, true, 2000));
          return svc.Respond(id, message, Caller(req));
        });
      },
      Perm("demand:handle"));

  router.Post(
      "/api/v1/demands/{id}/transfer",
      [&svc](http::Request& req) {
        return Act(req, {"department", "handler_id", "least_loaded", "note"},
                   [&](int64_t id, const JsonReader& r) -> Result<DemandDetail> {
                     TransferInput in;
                     int64_t handler = 0;
                     RETURN_IF_ERROR(r.String("department", &in.department, true, 50));
                     RETURN_IF_ERROR(r.Int("handler_id", &handler, false, 1, INT64_MAX));
                     RETURN_IF_ERROR(r.Bool("least_loaded", &in.least_loaded, false));
                     RETURN_IF_ERROR(r.String("note", &in.note, false, 500));
                     if (handler) in.handler_id = handler;
                     return svc.Transfer(id, in, Caller(req));
                   });
      },
      Perm("demand:handle"));

  router.Post(
      "/api/v1/demands/{id}/resolve",
      [&svc](http::Request& req) {
        return Act(req, {"resolution"},
                   [&](int64_t id, const JsonReader& r) -> Result<DemandDetail> {
                     std::string resolution;
                     RETURN_IF_ERROR(r.String("resolution", &resolution, true, 2000));
                     return svc.Resolve(id, resolution, Caller(req));
                   });
      },
      Perm("demand:handle"));

  router.Post(
      "/api/v1/demands/{id}/rate",
      [&svc](http::Request& req) {
        return Act(req, {"rating", "comment"},
                   [&](int64_t id, const JsonReader& r) -> Result<DemandDetail> {
                     int64_t rating = 0;
                     std::string comment;
                     RETURN_IF_ERROR(r.Int("rating", &rating, true, 1, 5));
                     RETURN_IF_ERROR(r.String("comment", &comment, false, 500));
                     return svc.Rate(id, int(rating), comment, Caller(req));
                   });
      },
      Perm("demand:rate"));

  router.Post(
      "/api/v1/demands/{id}/comments",
      [&svc](http::Request& req) {
        return Act(req, {"text"}, [&](int64_t id, const JsonReader& r) -> Result<DemandDetail> {
          std::string text;
          RETURN_IF_ERROR(r.String("text", &text, true, 2000));
          return svc.Comment(id, text, Caller(req));
        });
      },
      Perm("demand:view"));

  router.Post(
      "/api/v1/demands/{id}/attachments",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, DemandNotFound());
        auto file = system::FormUpload(req);
        if (!file.ok()) return Fail(req, file.status());
        auto att = svc.AddAttachment(*id, file->filename, std::move(file->data), Caller(req));
        if (!att.ok()) return Fail(req, att.status());
        return Ok(AttachmentJson(*att), 201);
      },
      Perm("demand:view", kUploadBodyLimit));

  router.Get(
      "/api/v1/demands/{id}/attachments/{aid}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        auto aid = IdParam(req, "aid");
        if (!id || !aid) return Fail(req, DemandNotFound());
        auto att = svc.GetAttachment(*id, *aid, Caller(req));
        if (!att.ok()) return Fail(req, att.status());
        http::Response resp = http::Response::Text(200, std::move(att->content), att->content_type);
        resp.headers.Set("content-disposition", "attachment; filename=\"demand-" +
                                                    std::to_string(*id) + "-" +
                                                    std::to_string(*aid) + "\"");
        resp.headers.Set("x-content-type-options", "nosniff");
        resp.headers.Set("cache-control", "private, no-store");
        return resp;
      },
      Perm("demand:view"));
}

}  // namespace fugong::demand
