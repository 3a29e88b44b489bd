// Routes of checklists, tasks, findings, photos, evidence, re-checks,
// escalation and the summary figures.
#include "modules/inspection/inspection_routes.h"

#include <charconv>

#include "core/clock.h"
#include "modules/hygiene/hygiene_routes.h"
#include "modules/workforce/workforce_routes.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::inspection {
namespace {

using system::Caller;
using system::Fail;
using system::Ok;
using workforce::route::IdParam;
using workforce::route::Perm;

constexpr size_t kUploadBodyLimit = kMaxPhotoBytes + (size_t(64) << 10);

Status TaskNotFound() {
  return NotFound("unknown_task", "检查任务不存在或无权访问",
                  "no such inspection task in your scope");
}
Status FindingNotFound() {
  return NotFound("unknown_finding", "问题不存在或无权访问", "no such finding in your scope");
}

json::value Nullable(const std::string& s) {
  if (s.empty()) return nullptr;
  return json::value(s);
}

json::object TaskJson(const Task& t) {
  json::object answers;
  for (const auto& [k, v] : t.answers) answers[k] = v;
  return json::object{{"id", t.id},
                      {"kind", t.kind},
                      {"enterprise_uscc", t.enterprise_uscc},
                      {"enterprise_name", t.enterprise_name},
                      {"work_status", t.work_status},
                      {"region_code", t.region_code},
                      {"region_name", t.region_name},
                      {"inspector_id", t.inspector_id},
                      {"inspector_name", t.inspector_name},
                      {"due_date", t.due_date},
                      {"state", t.state},
                      {"note", t.note},
                      {"answers", std::move(answers)},
                      {"comment", t.comment},
                      {"started_at", Nullable(t.started_at)},
                      {"inspected_at", Nullable(t.inspected_at)},
                      {"inspected_on", Nullable(t.inspected_on)},
                      {"closed_at", Nullable(t.closed_at)},
                      {"version", t.version},
                      {"created_at", t.created_at},
                      {"created_by_name", t.created_by_name},
                      {"findings", t.findings},
                      {"open_findings", t.open_findings},
                      {"overdue_findings", t.overdue_findings}};
}

json::object PhotoJson(const Photo& p) {
  return json::object{{"id", p.id},
                      {"stage", p.stage},
                      {"round", p.round},
                      {"filename", p.filename},
                      {"content_type", p.content_type},
                      {"size", p.size},
                      {"sha256", p.sha256},
                      {"created_at", p.created_at},
                      {"url", "/api/v1/inspections/findings/" + std::to_string(p.finding_id) +
                                  "/photos/" + std::to_string(p.id)}};
}

json::object FindingJson(const Finding& f) {
  std::string today = FormatDate(Today());
  bool overdue = f.state == "open" && !f.deadline.empty() && f.deadline < today;
  int64_t days_left = 0;
  if (!f.deadline.empty())
    if (auto d = ParseDate(f.deadline)) days_left = (*d - Today()).count();
  json::object o{{"id", f.id},
                 {"task_id", f.task_id},
                 {"kind", f.task_kind},
                 {"enterprise_uscc", f.enterprise_uscc},
                 {"enterprise_name", f.enterprise_name},
                 {"region_code", f.region_code},
                 {"item_code", f.item_code},
                 {"item_label", f.item_label},
                 {"description", f.description},
                 {"severity", f.severity},
                 {"disposition", f.disposition},
                 {"deadline", Nullable(f.deadline)},
                 {"state", f.state},
                 {"rounds", f.rounds},
                 {"found_on", f.found_on},
                 {"overdue", overdue},
                 {"due_soon", f.state == "open" && !overdue && !f.deadline.empty() &&
                                  days_left <= kDueSoonDays},
                 {"days_left", f.deadline.empty() ? json::value(nullptr) : json::value(days_left)},
                 {"escalated_at", Nullable(f.escalated_at)},
                 {"closed_at", Nullable(f.closed_at)},
                 {"closed_on", Nullable(f.closed_on)},
                 {"version", f.version},
                 {"created_at", f.created_at}};
  if (!f.events.empty() || !f.photos.empty()) {
    json::array events, photos;
    for (const auto& e : f.events)
      events.push_back(json::object{{"id", e.id},
                                    {"kind", e.kind},
                                    {"note", e.note},
                                    {"deadline", Nullable(e.deadline)},
                                    {"at", e.at},
                                    {"by_name", e.by_name}});
    for (const auto& p : f.photos) photos.push_back(PhotoJson(p));
    o["events"] = std::move(events);
    o["photos"] = std::move(photos);
  }
  return o;
}

json::array ChecklistJson(const std::vector<ChecklistItem>& items) {
  json::array a;
  for (const auto& i : items)
    a.push_back(json::object{{"code", i.code}, {"label", i.label}, {"position", i.position}});
  return a;
}

std::string SummaryText(const Summary& s) {
  std::string t = "截至" + s.to + "，";
  if (!s.region_name.empty()) t += s.region_name;
  t += "共检查企业" + std::to_string(s.inspected_enterprises) + "户，发现隐患" +
       std::to_string(s.hazards) + "处，其中立行立改" + std::to_string(s.fixed_on_spot) +
       "处、限期整改" + std::to_string(s.with_deadline) + "处，已整改销号" +
       std::to_string(s.closed) + "处";
  if (s.overdue > 0) t += "，逾期未整改" + std::to_string(s.overdue) + "处";
  return t + "。";
}

Result<int64_t> IdQuery(const http::Request& req, const char* name) {
  std::string v = req.Query(name);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 1)
    return InvalidArgument(name, "invalid_value", std::string(name) + " 应为正整数编号",
                           std::string(name) + " must be a positive id");
  return n;
}

Result<FindingFilter> ParseFindingFilter(const http::Request& req) {
  FindingFilter f;
  f.state = req.Query("state");
  f.disposition = req.Query("disposition");
  f.kind = req.Query("kind");
  f.region_code = req.Query("region");
  f.from = req.Query("from");
  f.to = req.Query("to");
  if (!req.Query("task").empty()) {
    ASSIGN_OR_RETURN(int64_t id, IdQuery(req, "task"));
    f.task_id = id;
  }
  if (req.Query("mine") == "1") {
    const auto& p = Caller(req);
    f.inspector_id = p.user_id;
  }
  return f;
}

// Runs a service call answering a task.
template <typename Fn>
http::Response TaskAnswer(http::Request& req, Fn fn) {
  auto id = IdParam(req);
  if (!id) return Fail(req, TaskNotFound());
  Result<Task> t = fn(*id);
  if (!t.ok()) return Fail(req, t.status());
  return Ok(TaskJson(*t));
}

}  // namespace

void RegisterInspectionRoutes(http::Router& router, InspectionService& svc) {
  router.Get(
      "/api/v1/inspections/checklists/{kind}",
      [&svc](http::Request& req) {
        auto items = svc.Checklist(req.PathParam("kind"));
        if (!items.ok()) return Fail(req, items.status());
        return Ok(json::object{{"kind", req.PathParam("kind")}, {"items", ChecklistJson(*items)}});
      },
      Perm("inspection:view"));

  router.Put(
      "/api/v1/inspections/checklists/{kind}",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        Status st = r.RejectUnknown({"items"});
        if (!st.ok()) return Fail(req, st);
        if (!body->contains("items") || !body->at("items").is_array())
          return Fail(req, InvalidArgument("items", "invalid_type", "items 应为数组",
                                           "items must be an array"));
        std::vector<ChecklistItem> items;
        const auto& arr = body->at("items").as_array();
        for (size_t i = 0; i < arr.size(); ++i) {
          std::string prefix = "items[" + std::to_string(i) + "]";
          if (!arr[i].is_object())
            return Fail(req, InvalidArgument(prefix, "invalid_type", prefix + " 应为对象",
                                             prefix + " must be an object"));
          JsonReader ir(arr[i].as_object());
          ChecklistItem it;
          Status s = ir.RejectUnknown({"code", "label", "position"});
          if (s.ok()) s = ir.String("code", &it.code, true, 40);
          if (s.ok()) s = ir.String("label", &it.label, true, 100);
          if (!s.ok())
            return Fail(req, Status(s.kind(), s.code(), s.message_zh(), s.message_en(),
                                    prefix + "." + s.field()));
          items.push_back(std::move(it));
        }
        auto out = svc.ReplaceChecklist(req.PathParam("kind"), std::move(items), Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        return Ok(json::object{{"kind", req.PathParam("kind")}, {"items", ChecklistJson(*out)}});
      },
      Perm("inspection:configure"));

  router.Get(
      "/api/v1/inspections/inspectors",
      [&svc](http::Request& req) {
        auto list = svc.Inspectors(Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& i : *list)
          items.push_back(json::object{{"id", i.id},
                                       {"username", i.username},
                                       {"display_name", i.display_name},
                                       {"region_code", i.region_code}});
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("inspection:assign"));

  router.Post(
      "/api/v1/inspections/tasks",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewTask t;
        Status st = r.RejectUnknown({"kind", "uscc", "inspector_id", "due_date", "note"});
        if (st.ok()) st = r.String("kind", &t.kind, true, 20);
        if (st.ok()) st = r.String("uscc", &t.uscc, true, 18);
        if (st.ok()) st = r.Int("inspector_id", &t.inspector_id, true, 1, INT64_MAX);
        if (st.ok()) st = r.String("due_date", &t.due_date, false, 10);
        if (st.ok()) st = r.String("note", &t.note, false, 200);
        if (!st.ok()) return Fail(req, st);
        auto task = svc.CreateTask(t, Caller(req));
        if (!task.ok()) return Fail(req, task.status());
        return Ok(TaskJson(*task), 201);
      },
      Perm("inspection:assign"));

  router.Post(
      "/api/v1/inspections/tasks/bulk",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        BulkTasks b;
        int64_t limit = 500;
        Status st = r.RejectUnknown(
            {"kind", "inspector_id", "due_date", "note", "region", "usccs", "only_due", "limit"});
        if (st.ok()) st = r.String("kind", &b.kind, true, 20);
        if (st.ok()) st = r.Int("inspector_id", &b.inspector_id, true, 1, INT64_MAX);
        if (st.ok()) st = r.String("due_date", &b.due_date, false, 10);
        if (st.ok()) st = r.String("note", &b.note, false, 200);
        if (st.ok()) st = r.String("region", &b.region_code, false, 20);
        if (st.ok()) st = r.StringArray("usccs", &b.usccs, false);
        if (st.ok()) st = r.Bool("only_due", &b.only_due, false);
        if (st.ok()) st = r.Int("limit", &limit, false, 1, 500);
        if (!st.ok()) return Fail(req, st);
        b.limit = int(limit);
        auto out = svc.CreateTasks(b, Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        json::array ids;
        for (auto id : out->task_ids) ids.push_back(id);
        return Ok(
            json::object{{"created", out->created}, {"skipped", out->skipped}, {"task_ids", ids}},
            201);
      },
      Perm("inspection:assign"));

  router.Get(
      "/api/v1/inspections/tasks",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        TaskFilter f;
        f.kind = req.Query("kind");
        f.state = req.Query("state");
        f.region_code = req.Query("region");
        f.q = req.Query("q");
        f.from = req.Query("from");
        f.to = req.Query("to");
        if (req.Query("mine") == "1") f.inspector_id = Caller(req).user_id;
        if (!req.Query("inspector").empty()) {
          auto id = IdQuery(req, "inspector");
          if (!id.ok()) return Fail(req, id.status());
          f.inspector_id = *id;
        }
        int64_t total = 0;
        auto list = svc.ListTasks(f, *page, Caller(req), &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& t : *list) items.push_back(TaskJson(t));
        json::object o = system::PageJson(total, *page, std::move(items));
        o["today"] = FormatDate(Today());
        return Ok(o);
      },
      Perm("inspection:view"));

  router.Get(
      "/api/v1/inspections/tasks/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, TaskNotFound());
        auto d = svc.GetTask(*id, Caller(req));
        if (!d.ok()) return Fail(req, d.status());
        json::object o = TaskJson(d->task);
        o["checklist"] = ChecklistJson(d->checklist);
        json::array findings;
        for (const auto& f : d->findings) findings.push_back(FindingJson(f));
        o["finding_list"] = std::move(findings);
        json::object suggestions;
        for (const auto& [k, v] : d->suggestions) suggestions[k] = v;
        o["suggestions"] = std::move(suggestions);
        if (d->hygiene) {
          const auto& h = *d->hygiene;
          json::array rooms;
          for (const auto& r : h.rooms) rooms.push_back(hygiene::RoomJson(r));
          o["hygiene"] = json::object{{"date", h.date},
                                      {"sites", h.sites},
                                      {"areas", h.areas},
                                      {"scheduled_areas", h.scheduled_areas},
                                      {"expected", h.expected},
                                      {"done", h.done},
                                      {"missing", h.missing},
                                      {"records", h.records},
                                      {"last_record_at", h.last_record_at},
                                      {"rooms", std::move(rooms)},
                                      {"room_capacity", h.room_capacity},
                                      {"room_occupied", h.room_occupied}};
        } else {
          o["hygiene"] = nullptr;
        }
        o["today"] = FormatDate(Today());
        return Ok(o);
      },
      Perm("inspection:view"));

  router.Post(
      "/api/v1/inspections/tasks/{id}/start",
      [&svc](http::Request& req) {
        return TaskAnswer(req, [&](int64_t id) { return svc.StartTask(id, Caller(req)); });
      },
      Perm("inspection:inspect"));

  router.Put(
      "/api/v1/inspections/tasks/{id}/answers",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        Status st = r.RejectUnknown({"answers", "comment"});
        std::string comment;
        if (st.ok()) st = r.String("comment", &comment, false, 500);
        if (!st.ok()) return Fail(req, st);
        std::map<std::string, bool> answers;
        if (body->contains("answers")) {
          const auto& a = body->at("answers");
          if (!a.is_object())
            return Fail(req, InvalidArgument("answers", "invalid_type",
                                             "answers 应为对象 {项目代码: true|false}",
                                             "answers must be an object {item code: true|false}"));
          for (const auto& kv : a.as_object()) {
            if (!kv.value().is_bool())
              return Fail(
                  req, InvalidArgument("answers." + std::string(kv.key()), "invalid_type",
                                       "检查结果应为 true 或 false", "an answer is true or false"));
            answers[std::string(kv.key())] = kv.value().as_bool();
          }
        }
        return TaskAnswer(
            req, [&](int64_t id) { return svc.SaveAnswers(id, answers, comment, Caller(req)); });
      },
      Perm("inspection:inspect"));

  router.Post(
      "/api/v1/inspections/tasks/{id}/submit",
      [&svc](http::Request& req) {
        return TaskAnswer(req, [&](int64_t id) { return svc.SubmitTask(id, Caller(req)); });
      },
      Perm("inspection:inspect"));

  router.Post(
      "/api/v1/inspections/tasks/{id}/cancel",
      [&svc](http::Request& req) {
        return TaskAnswer(req, [&](int64_t id) { return svc.CancelTask(id, Caller(req)); });
      },
      Perm("inspection:assign"));

  router.Post(
      "/api/v1/inspections/tasks/{id}/findings",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, TaskNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewFinding f;
        Status st =
            r.RejectUnknown({"item_code", "description", "severity", "disposition", "deadline"});
        if (st.ok()) st = r.String("item_code", &f.item_code, true, 40);
        if (st.ok()) st = r.String("description", &f.description, true, 500);
        if (st.ok()) st = r.String("severity", &f.severity, false, 20);
        if (st.ok()) st = r.String("disposition", &f.disposition, true, 30);
        if (st.ok()) st = r.String("deadline", &f.deadline, false, 10);
        if (!st.ok()) return Fail(req, st);
        auto out = svc.AddFinding(*id, f, Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        return Ok(FindingJson(*out), 201);
      },
      Perm("inspection:inspect"));

  router.Get(
      "/api/v1/inspections/findings",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto f = ParseFindingFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        int64_t total = 0;
        auto list = svc.ListFindings(*f, *page, Caller(req), &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& x : *list) items.push_back(FindingJson(x));
        json::object o = system::PageJson(total, *page, std::move(items));
        o["today"] = FormatDate(Today());
        return Ok(o);
      },
      Perm("inspection:view"));

  router.Get(
      "/api/v1/inspections/findings/export",
      [&svc](http::Request& req) {
        auto f = ParseFindingFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req, svc.ExportFindings(*f, *format, Caller(req)), *format,
                                  "inspection-findings-" + FormatDate(Today()));
      },
      Perm("inspection:export"));

  router.Get(
      "/api/v1/inspections/findings/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, FindingNotFound());
        auto f = svc.GetFinding(*id, Caller(req));
        if (!f.ok()) return Fail(req, f.status());
        json::object o = FindingJson(*f);
        if (!o.contains("events")) {
          o["events"] = json::array();
          o["photos"] = json::array();
        }
        return Ok(o);
      },
      Perm("inspection:view"));

  router.Post(
      "/api/v1/inspections/findings/{id}/photos",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, FindingNotFound());
        auto file = system::FormUpload(req);
        if (!file.ok()) return Fail(req, file.status());
        auto photo = svc.AddPhoto(*id, file->filename, std::move(file->data), Caller(req));
        if (!photo.ok()) return Fail(req, photo.status());
        return Ok(PhotoJson(*photo), 201);
      },
      Perm("inspection:photo", kUploadBodyLimit));

  router.Get(
      "/api/v1/inspections/findings/{id}/photos/{pid}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, FindingNotFound());
        auto pid = IdParam(req, "pid");
        if (!pid) return Fail(req, NotFound("unknown_photo", "照片不存在", "no such photo"));
        auto p = svc.GetPhoto(*id, *pid, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        http::Response resp = http::Response::Text(200, std::move(p->content), p->content_type);
        resp.headers.Set("x-content-type-options", "nosniff");
        resp.headers.Set("cache-control", "private, max-age=3600");
        resp.headers.Set("x-sha256", p->sha256);
        return resp;
      },
      Perm("inspection:view"));

  router.Post(
      "/api/v1/inspections/findings/{id}/evidence",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, FindingNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string note;
        Status st = r.RejectUnknown({"note"});
        if (st.ok()) st = r.String("note", &note, true, 500);
        if (!st.ok()) return Fail(req, st);
        auto f = svc.SubmitEvidence(*id, note, Caller(req));
        if (!f.ok()) return Fail(req, f.status());
        return Ok(FindingJson(*f));
      },
      Perm("inspection:rectify"));

  router.Post(
      "/api/v1/inspections/findings/{id}/recheck",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, FindingNotFound());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        RecheckInput in;
        std::string result;
        Status st = r.RejectUnknown({"result", "comment", "deadline"});
        if (st.ok()) st = r.String("result", &result, true, 10);
        if (st.ok() && result != "pass" && result != "fail")
          st = InvalidArgument("result", "invalid_value",
                               "result 应为 pass（通过）或 fail（不通过）",
                               "result must be pass or fail");
        if (st.ok()) st = r.String("comment", &in.comment, false, 500);
        if (st.ok()) st = r.String("deadline", &in.deadline, false, 10);
        if (!st.ok()) return Fail(req, st);
        in.pass = result == "pass";
        auto f = svc.Recheck(*id, in, Caller(req));
        if (!f.ok()) return Fail(req, f.status());
        return Ok(FindingJson(*f));
      },
      Perm("inspection:inspect"));

  router.Post(
      "/api/v1/inspections/escalate",
      [&svc](http::Request& req) {
        auto n = svc.EscalateOverdue();
        if (!n.ok()) return Fail(req, n.status());
        return Ok(json::object{{"escalated", *n}});
      },
      Perm("inspection:assign"));

  router.Get(
      "/api/v1/inspections/summary",
      [&svc](http::Request& req) {
        auto s =
            svc.GetSummary(req.Query("region"), req.Query("from"), req.Query("to"), Caller(req));
        if (!s.ok()) return Fail(req, s.status());
        json::object by_item;
        for (const auto& [k, v] : s->by_item) by_item[k] = v;
        return Ok(json::object{{"region", s->region_code},
                               {"region_name", s->region_name},
                               {"from", s->from},
                               {"to", s->to},
                               {"today", FormatDate(Today())},
                               {"tasks", s->tasks},
                               {"inspected_enterprises", s->inspected_enterprises},
                               {"hazards", s->hazards},
                               {"fixed_on_spot", s->fixed_on_spot},
                               {"with_deadline", s->with_deadline},
                               {"closed", s->closed},
                               {"open", s->open},
                               {"overdue", s->overdue},
                               {"pending_tasks", s->pending_tasks},
                               {"by_item", std::move(by_item)},
                               {"text", SummaryText(*s)}});
      },
      Perm("inspection:view"));
}

}  // namespace fugong::inspection
