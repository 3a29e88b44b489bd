#include "modules/tip/tip_routes.h"

#include <cctype>
#include <charconv>

#include "system/route_util.h"

namespace fugong::tip {
namespace {

using system::Perm;

using system::Caller;
using system::Fail;
using system::Ok;

constexpr size_t kSubmitBodyLimit = kMaxPhotos * kMaxPhotoBytes + (size_t(1) << 20);

http::RouteOptions Public(size_t max_body = 1 << 12) {
  http::RouteOptions o;
  o.public_route = true;
  o.max_body = max_body;
  // The reporter is anonymous: no audit row with the client address.
  o.audit = false;
  return o;
}

Result<int64_t> PathId(const http::Request& req, const char* name) {
  std::string v = req.PathParam(name);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 1)
    return Status(ErrorKind::kNotFound, "unknown_tip", "举报不存在或无权访问",
                  "no such tip in your scope", "tip");
  return n;
}

json::value OrNull(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

json::object TipJson(const Tip& t, bool detail) {
  json::object o{
      {"id", t.id},
      {"type", t.type},
      {"enterprise_name", t.enterprise_name},
      {"uscc", t.uscc},
      {"in_registry", t.enterprise_id.has_value()},
      {"address", t.address},
      {"region", t.region_code},
      {"region_name", t.region_name},
      {"has_contact", t.has_contact},
      {"state", t.state},
      {"assigned_to",
       t.assigned_to ? json::value(json::object{{"id", *t.assigned_to}, {"name", t.assigned_name}})
                     : json::value()},
      {"assigned_at", OrNull(t.assigned_at)},
      {"reward_status", t.reward_status},
      {"reward_amount", t.reward_amount},
      {"created_at", t.created_at},
      {"updated_at", t.updated_at}};
  if (!detail) return o;
  o["description"] = t.description;
  o["assign_note"] = t.assign_note;
  o["public_outcome"] = t.public_outcome;
  o["internal_note"] = t.internal_note;
  o["verified_at"] = OrNull(t.verified_at);
  o["reward_paid_at"] = OrNull(t.reward_paid_at);
  json::array photos;
  for (const auto& p : t.photos)
    photos.push_back(
        json::object{{"id", p.id}, {"content_type", p.content_type}, {"size", p.size}});
  o["photos"] = std::move(photos);
  o["photo_count"] = int64_t(t.photos.size());
  json::array events;
  for (const auto& e : t.events)
    events.push_back(json::object{
        {"action", e.action}, {"detail", e.detail}, {"actor", e.actor_name}, {"at", e.at}});
  o["events"] = std::move(events);
  return o;
}

Status ReadNewTip(const json::object& body, NewTip* t) {
  JsonReader r(body);
  RETURN_IF_ERROR(r.RejectUnknown({"type", "enterprise_name", "uscc", "address", "description",
                                   "region", "contact_name", "contact_phone"}));
  RETURN_IF_ERROR(r.String("type", &t->type, true, 40));
  RETURN_IF_ERROR(r.String("enterprise_name", &t->enterprise_name, false, 100));
  RETURN_IF_ERROR(r.String("uscc", &t->uscc, false, 30));
  RETURN_IF_ERROR(r.String("address", &t->address, false, 200));
  RETURN_IF_ERROR(r.String("description", &t->description, true, kMaxDescriptionChars));
  RETURN_IF_ERROR(r.String("region", &t->region_code, false, 20));
  RETURN_IF_ERROR(r.String("contact_name", &t->contact_name, false, 30));
  RETURN_IF_ERROR(r.String("contact_phone", &t->contact_phone, false, 20));
  return Status::Ok();
}

// JSON body, or multipart with a JSON part "data" and up to three "photo" files.
Result<NewTip> ParseSubmission(const http::Request& req) {
  NewTip t;
  std::string type = req.headers.Get("content-type");
  for (char& ch : type) ch = char(std::tolower(static_cast<unsigned char>(ch)));
  if (type.rfind("multipart/form-data", 0) == 0) {
    auto parts = http::ParseMultipart(req.headers.Get("content-type"), req.body);
    if (!parts)
      return InvalidArgument("data", "bad_multipart", "请以 multipart/form-data 提交",
                             "send the form as multipart/form-data");
    const http::FormPart* data = nullptr;
    for (const auto& p : *parts) {
      if (p.name == "data" && !data) data = &p;
      if (p.name == "photo" || p.name == "photos") {
        if (t.photos.size() >= kMaxPhotos)
          return InvalidArgument("photos", "too_many_files",
                                 "最多上传 " + std::to_string(kMaxPhotos) + " 张照片",
                                 "at most " + std::to_string(kMaxPhotos) + " photos");
        t.photos.emplace_back(p.data);
      }
    }
    if (!data)
      return InvalidArgument("data", "required", "缺少举报内容 data",
                             "the multipart field 'data' is missing");
    ASSIGN_OR_RETURN(json::object body, ParseJsonObject(data->data));
    RETURN_IF_ERROR(ReadNewTip(body, &t));
    return t;
  }
  ASSIGN_OR_RETURN(json::object body, system::BodyObject(req));
  RETURN_IF_ERROR(ReadNewTip(body, &t));
  return t;
}

json::object PublicJson(const PublicStatus& s) {
  return json::object{{"type", s.type},
                      {"state", s.state},
                      {"public_outcome", s.public_outcome},
                      {"reward_status", s.reward_status},
                      {"reward_amount", s.reward_status == "none" ? 0.0 : s.reward_amount},
                      {"created_at", s.created_at},
                      {"updated_at", s.updated_at}};
}

template <typename Fn>
http::Response WithId(http::Request& req, Fn&& fn) {
  auto id = PathId(req, "id");
  if (!id.ok()) return Fail(req, id.status());
  return fn(*id);
}

}  // namespace

void RegisterTipRoutes(http::Router& router, TipService& svc,
                       const system::ReferenceService& reference) {
  router.Post(
      "/api/v1/public/tips",
      [&svc](http::Request& req) {
        auto t = ParseSubmission(req);
        if (!t.ok()) return Fail(req, t.status());
        auto s = svc.Submit(std::move(t).value(), req.remote_addr);
        if (!s.ok()) return Fail(req, s.status());
        return Ok(json::object{{"tracking_code", s->tracking_code}, {"state", "received"}}, 201);
      },
      Public(kSubmitBodyLimit));

  router.Get(
      "/api/v1/public/tips/{code}",
      [&svc](http::Request& req) {
        auto s = svc.Track(req.PathParam("code"));
        if (!s.ok()) return Fail(req, s.status());
        return Ok(PublicJson(*s));
      },
      Public());

  // Regions for the public form's picker (the signed-in /regions needs a session).
  router.Get(
      "/api/v1/public/regions",
      [&reference](http::Request& req) {
        auto list = req.HasQuery("parent") ? reference.Children(req.Query("parent"))
                                           : reference.Roots(system::Scope::All());
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& r : *list)
          items.push_back(json::object{{"code", r.code},
                                       {"name", r.name},
                                       {"level", r.level},
                                       {"has_children", r.has_children}});
        return Ok(json::object{{"items", std::move(items)}});
      },
      Public());

  router.Get(
      "/api/v1/tips",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        TipFilter f;
        f.state = req.Query("state");
        f.type = req.Query("type");
        f.region = req.Query("region");
        std::string mine = req.Query("mine");
        if (mine == "1" || mine == "true") f.assigned_to = Caller(req).user_id;
        int64_t total = 0;
        auto list = svc.List(f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& t : *list) items.push_back(TipJson(t, false));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("tip:view"));

  router.Get(
      "/api/v1/tips/{id}",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto t = svc.Get(id, Caller(req));
          if (!t.ok()) return Fail(req, t.status());
          json::object o = TipJson(*t, true);
          o["can_read_contact"] = t->assigned_to && *t->assigned_to == Caller(req).user_id;
          return Ok(o);
        });
      },
      Perm("tip:view"));

  router.Get(
      "/api/v1/tips/{id}/photos/{pid}",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto pid = PathId(req, "pid");
          if (!pid.ok()) return Fail(req, pid.status());
          auto p = svc.GetPhoto(id, *pid, Caller(req));
          if (!p.ok()) return Fail(req, p.status());
          http::Response resp = http::Response::Text(200, std::move(p->content), p->content_type);
          resp.headers.Set("x-content-type-options", "nosniff");
          resp.headers.Set("cache-control", "private, no-store");
          return resp;
        });
      },
      Perm("tip:view"));

  router.Get(
      "/api/v1/tips/{id}/officers",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto list = svc.Candidates(id, Caller(req));
          if (!list.ok()) return Fail(req, list.status());
          json::array items;
          for (const auto& o : *list)
            items.push_back(json::object{{"id", o.id},
                                         {"username", o.username},
                                         {"display_name", o.display_name},
                                         {"region_code", o.region_code},
                                         {"department", o.department}});
          return Ok(json::object{{"items", std::move(items)}});
        });
      },
      Perm("tip:assign"));

  router.Post(
      "/api/v1/tips/{id}/assign",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          int64_t officer = 0;
          std::string note;
          Status st = r.RejectUnknown({"officer", "note"});
          if (st.ok()) st = r.Int("officer", &officer, true, 1, INT64_MAX);
          if (st.ok()) st = r.String("note", &note, false, 500);
          if (!st.ok()) return Fail(req, st);
          auto t = svc.Assign(id, officer, note, Caller(req));
          if (!t.ok()) return Fail(req, t.status());
          return Ok(TipJson(*t, true));
        });
      },
      Perm("tip:assign"));

  // The reporter's contact: the assigned officer only, every read audited.
  router.Get(
      "/api/v1/tips/{id}/contact",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto c = svc.ReadContact(id, Caller(req), req.remote_addr);
          if (!c.ok()) return Fail(req, c.status());
          http::Response resp = Ok(json::object{{"name", c->name}, {"phone", c->phone}});
          resp.headers.Set("cache-control", "private, no-store");
          return resp;
        });
      },
      Perm("tip:verify"));

  router.Post(
      "/api/v1/tips/{id}/verify",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          std::string outcome, public_outcome, internal_note;
          double reward = 0;
          Status st =
              r.RejectUnknown({"outcome", "public_outcome", "internal_note", "reward_amount"});
          if (st.ok()) st = r.String("outcome", &outcome, true, 40);
          if (st.ok()) st = r.String("public_outcome", &public_outcome, true, 500);
          if (st.ok()) st = r.String("internal_note", &internal_note, false, 2000);
          if (st.ok()) st = r.Number("reward_amount", &reward, false, 0, kMaxReward);
          if (!st.ok()) return Fail(req, st);
          auto t = svc.Verify(id, outcome, public_outcome, internal_note, reward, Caller(req));
          if (!t.ok()) return Fail(req, t.status());
          return Ok(TipJson(*t, true));
        });
      },
      Perm("tip:verify"));

  router.Post(
      "/api/v1/tips/{id}/reward",
      [&svc](http::Request& req) {
        return WithId(req, [&](int64_t id) {
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          std::string status;
          double amount = 0;
          Status st = r.RejectUnknown({"status", "amount"});
          if (st.ok()) st = r.String("status", &status, true, 20);
          if (st.ok()) st = r.Number("amount", &amount, true, 0, kMaxReward);
          if (!st.ok()) return Fail(req, st);
          auto t = svc.Reward(id, status, amount, Caller(req));
          if (!t.ok()) return Fail(req, t.status());
          return Ok(TipJson(*t, true));
        });
      },
      Perm("tip:view"));
}

}  // namespace fugong::tip
