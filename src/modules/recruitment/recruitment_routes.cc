#include "modules/recruitment/recruitment_routes.h"

#include <charconv>

#include "modules/recruitment/rules.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::recruitment {
namespace {

using system::Caller;
using system::Fail;
using system::Ok;
using system::Perm;

http::RouteOptions Public(size_t max_body = 1 << 12) {
  http::RouteOptions o;
  o.public_route = true;
  o.max_body = max_body;
  return o;
}

json::value OrNull(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

json::object PublicJobJson(const Job& j) {
  return json::object{{"id", j.id},
                      {"title", j.title},
                      {"enterprise_name", j.enterprise_name},
                      {"requirements", j.requirements},
                      {"headcount", j.headcount},
                      {"hired", j.hired},
                      {"open_places", GapOf(j)},
                      {"pay_min", j.pay_min},
                      {"pay_max", j.pay_max},
                      {"education", j.education},
                      {"industry_code", j.industry_code},
                      {"industry_section", j.industry_section},
                      {"industry_name", j.industry_name},
                      {"region", j.location_code},
                      {"region_name", j.location_name},
                      {"address", j.address},
                      {"contact_name", j.contact_name},
                      {"published_at", OrNull(j.published_at)}};
}

json::object JobJson(const Job& j) {
  json::object o = PublicJobJson(j);
  o["enterprise_uscc"] = j.enterprise_uscc;
  o["enterprise_region"] = j.region_code;
  o["state"] = j.state;
  o["review_note"] = j.review_note;
  o["reviewed_at"] = OrNull(j.reviewed_at);
  o["closed_at"] = OrNull(j.closed_at);
  o["applications"] = j.applications;
  o["version"] = j.version;
  o["created_at"] = j.created_at;
  o["updated_at"] = j.updated_at;
  return o;
}

json::object DetailJson(const JobDetail& d) {
  json::object o = JobJson(d.job);
  json::array events;
  for (const auto& e : d.events)
    events.push_back(json::object{
        {"action", e.action}, {"note", e.note}, {"actor", e.actor_name}, {"at", e.at}});
  o["events"] = std::move(events);
  o["can_review"] = d.can_review;
  o["can_edit"] = d.can_edit;
  return o;
}

json::object SeekerJson(const Seeker& s, bool own) {
  json::object o{{"name", s.name},
                 {"mobile_masked", s.mobile_masked},
                 {"education", s.education},
                 {"graduate", s.graduate},
                 {"veteran", s.veteran},
                 {"hard_to_employ", s.hard_to_employ},
                 {"desired_industry", s.desired_industry},
                 {"desired_region", s.desired_region},
                 {"desired_region_name", s.desired_region_name},
                 {"desired_pay", s.desired_pay},
                 {"experience", s.experience}};
  if (own) {
    o["id"] = s.id;
    o["username"] = s.username;
    o["mobile"] = s.mobile;
    o["updated_at"] = s.updated_at;
  }
  return o;
}

json::object ApplicationJson(const Application& a, bool for_seeker) {
  json::object o{{"id", a.id},
                 {"job_id", a.job_id},
                 {"job_title", a.job_title},
                 {"enterprise_name", a.enterprise_name},
                 {"message", a.message},
                 {"state", a.state},
                 {"note", a.note},
                 {"created_at", a.created_at},
                 {"updated_at", a.updated_at}};
  if (!for_seeker) o["seeker"] = SeekerJson(a.seeker, false);
  return o;
}

json::object GapRowJson(const GapRow& r) {
  return json::object{{"key", r.key},     {"label", r.label},
                      {"jobs", r.jobs},   {"headcount", r.headcount},
                      {"hired", r.hired}, {"gap", r.gap}};
}

Status ReadJobInput(const json::object& body, JobInput* in) {
  JsonReader r(body);
  RETURN_IF_ERROR(
      r.RejectUnknown({"title", "headcount", "pay_min", "pay_max", "education", "requirements",
                       "industry", "region", "address", "contact_name"}));
  RETURN_IF_ERROR(r.String("title", &in->title, true, 100));
  in->has_headcount = r.Has("headcount") && !body.at("headcount").is_null();
  if (in->has_headcount) {
    const json::value& v = body.at("headcount");
    if (!v.is_int64() && !v.is_uint64())
      return InvalidArgument("headcount", "invalid_type", "招聘人数应为整数",
                             "headcount must be a whole number");
    in->headcount =
        v.is_int64() ? v.as_int64() : int64_t(std::min<uint64_t>(v.as_uint64(), 1ull << 62));
  }
  for (auto [key, out] : {std::pair{"pay_min", &in->pay_min}, std::pair{"pay_max", &in->pay_max}})
    if (r.Has(key)) {
      const json::value& v = body.at(key);
      if (!v.is_int64() && !v.is_uint64())
        return InvalidArgument(key, "invalid_type", std::string(key) + " 应为整数（元/月）",
                               std::string(key) + " must be whole yuan a month");
      *out = v.is_int64() ? v.as_int64() : int64_t(std::min<uint64_t>(v.as_uint64(), 1ull << 62));
    } else if (std::string_view(key) == "pay_max") {
      return InvalidArgument("pay_max", "required", "请填写最高月薪", "field pay_max is required");
    }
  RETURN_IF_ERROR(r.String("education", &in->education, false, 20));
  RETURN_IF_ERROR(r.String("requirements", &in->requirements, false, 2000));
  RETURN_IF_ERROR(r.String("industry", &in->industry_code, false, 10));
  RETURN_IF_ERROR(r.String("region", &in->location_code, false, 20));
  RETURN_IF_ERROR(r.String("address", &in->address, false, 200));
  RETURN_IF_ERROR(r.String("contact_name", &in->contact_name, false, 30));
  return Status::Ok();
}

Result<int64_t> PayQuery(const http::Request& req) {
  std::string v = req.Query("pay_min");
  if (v.empty()) return int64_t(0);
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < 0 || n > kMaxPay)
    return InvalidArgument("pay_min", "invalid_value", "pay_min 应为不小于 0 的整数（元/月）",
                           "pay_min must be a whole number of yuan ≥ 0");
  return n;
}

Result<JobFilter> ReadFilter(const http::Request& req) {
  JobFilter f;
  f.state = req.Query("state");
  f.q = req.Query("q");
  f.region_code = req.Query("region");
  f.industry = req.Query("industry");
  f.education = req.Query("education");
  ASSIGN_OR_RETURN(f.pay_min, PayQuery(req));
  return f;
}

Result<ApplicationFilter> ReadApplicationFilter(const http::Request& req) {
  ApplicationFilter f;
  f.state = req.Query("state");
  if (req.HasQuery("job")) {
    std::string v = req.Query("job");
    int64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < 1)
      return InvalidArgument("job", "invalid_value", "job 应为岗位编号", "job must be a job id");
    f.job_id = n;
  }
  return f;
}

Status JobMissing() {
  return Status(ErrorKind::kNotFound, "unknown_job", "岗位不存在或无权访问",
                "no such job in your scope", "job");
}
Status ApplicationMissing() {
  return Status(ErrorKind::kNotFound, "unknown_application", "投递记录不存在或无权访问",
                "no such application in your scope", "application");
}

http::Response JobAnswer(const http::Request& req, const Result<JobDetail>& d, int status = 200) {
  if (!d.ok()) return Fail(req, d.status());
  return Ok(DetailJson(*d), status);
}

}  // namespace

void RegisterRecruitmentRoutes(http::Router& router, RecruitmentService& svc,
                               const system::ReferenceService& reference) {
  // ---------------------------------------------------------------- public
  router.Post(
      "/api/v1/jobseekers/register",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        Registration in;
        for (Status st :
             {r.RejectUnknown({"username", "password", "name", "mobile"}),
              r.String("username", &in.username, true, 64), r.String("name", &in.name, true, 30),
              r.String("mobile", &in.mobile, true, 20)})
          if (!st.ok()) return Fail(req, st);
        if (!body->contains("password") || !body->at("password").is_string())
          return Fail(req, InvalidArgument("password", "required", "请设置密码",
                                           "field password is required"));
        in.password = std::string(body->at("password").as_string());
        auto s = svc.Register(std::move(in), req.remote_addr);
        if (!s.ok()) return Fail(req, s.status());
        return Ok(json::object{{"id", s->id}, {"username", s->username}, {"name", s->name}}, 201);
      },
      [] {
        auto o = Public();
        o.audit = false;  // no audit row with the client address; the account is the record
        return o;
      }());

  router.Get(
      "/api/v1/jobs/public",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req, 100);
        if (!page.ok()) return Fail(req, page.status());
        auto f = ReadFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        int64_t total = 0;
        auto list = svc.PublicJobs(*f, *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& j : *list) items.push_back(PublicJobJson(j));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Public());

  router.Get(
      "/api/v1/jobs/public/industries",
      [&reference](http::Request& req) {
        json::array items;
        for (const auto& i : reference.Industries())
          if (i.level == "section")
            items.push_back(
                json::object{{"code", i.code}, {"name", i.name}, {"name_en", i.name_en}});
        return Ok(json::object{{"items", std::move(items)}});
      },
      Public());

  router.Get(
      "/api/v1/jobs/public/{id}",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id) return Fail(req, JobMissing());
        auto j = svc.PublicJob(*id);
        if (!j.ok()) return Fail(req, j.status());
        return Ok(PublicJobJson(*j));
      },
      Public());

  // ---------------------------------------------------------------- seekers
  router.Get(
      "/api/v1/resume",
      [&svc](http::Request& req) {
        auto s = svc.Resume(Caller(req));
        if (!s.ok()) return Fail(req, s.status());
        http::Response resp = Ok(SeekerJson(*s, true));
        resp.headers.Set("Cache-Control", "no-store");
        return resp;
      },
      Perm("resume:edit"));

  router.Put(
      "/api/v1/resume",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        Seeker s;
        for (Status st :
             {r.RejectUnknown({"name", "mobile", "education", "graduate", "veteran",
                               "hard_to_employ", "desired_industry", "desired_region",
                               "desired_pay", "experience"}),
              r.String("name", &s.name, true, 30), r.String("mobile", &s.mobile, true, 20),
              r.String("education", &s.education, false, 20),
              r.Bool("graduate", &s.graduate, false), r.Bool("veteran", &s.veteran, false),
              r.Bool("hard_to_employ", &s.hard_to_employ, false),
              r.String("desired_industry", &s.desired_industry, false, 10),
              r.String("desired_region", &s.desired_region, false, 20),
              r.Int("desired_pay", &s.desired_pay, false, 0, kMaxPay),
              r.String("experience", &s.experience, false, 2000)})
          if (!st.ok()) return Fail(req, st);
        auto out = svc.UpdateResume(std::move(s), Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        return Ok(SeekerJson(*out, true));
      },
      Perm("resume:edit"));

  router.Get(
      "/api/v1/resume/applications",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto list = svc.MyApplications(Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& a : *list) items.push_back(ApplicationJson(a, true));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("resume:edit"));

  router.Post(
      "/api/v1/resume/applications/{id}/withdraw",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id) return Fail(req, ApplicationMissing());
        auto a = svc.Withdraw(*id, Caller(req));
        if (!a.ok()) return Fail(req, a.status());
        return Ok(ApplicationJson(*a, true));
      },
      Perm("resume:edit"));

  router.Post(
      "/api/v1/jobs/{id}/apply",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id) return Fail(req, JobMissing());
        std::string message;
        if (!req.body.empty()) {
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          for (Status st :
               {r.RejectUnknown({"message"}), r.String("message", &message, false, 500)})
            if (!st.ok()) return Fail(req, st);
        }
        auto a = svc.Apply(*id, message, Caller(req));
        if (!a.ok()) return Fail(req, a.status());
        return Ok(ApplicationJson(*a, true), 201);
      },
      Perm("job:apply"));

  // ---------------------------------------------------------------- jobs
  router.Get(
      "/api/v1/jobs",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto f = ReadFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        int64_t total = 0;
        auto list = svc.Jobs(*f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& j : *list) items.push_back(JobJson(j));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("job:view"));

  router.Get(
      "/api/v1/jobs/export",
      [&svc](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        auto f = ReadFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        return system::FileAnswer(req, svc.ExportJobs(*f, *format, Caller(req)), *format, "jobs");
      },
      Perm("job:view"));

  router.Post(
      "/api/v1/jobs",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JobInput in;
        if (Status st = ReadJobInput(*body, &in); !st.ok()) return Fail(req, st);
        return JobAnswer(req, svc.CreateJob(std::move(in), Caller(req)), 201);
      },
      Perm("job:post"));

  router.Get(
      "/api/v1/jobs/labour-gap",
      [&svc](http::Request& req) {
        auto g = svc.Gap(req.Query("region"), req.Query("by", "region"), Caller(req));
        if (!g.ok()) return Fail(req, g.status());
        json::array rows;
        for (const auto& r : g->rows) rows.push_back(GapRowJson(r));
        return Ok(json::object{{"region", g->region_code},
                               {"region_name", g->region_name},
                               {"by", g->by},
                               {"rows", std::move(rows)},
                               {"total", GapRowJson(g->total)}});
      },
      Perm("labour:view"));

  router.Get(
      "/api/v1/jobs/labour-gap/export",
      [&svc](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(
            req,
            svc.ExportGap(req.Query("region"), req.Query("by", "region"), *format, Caller(req)),
            *format, "labour-gap");
      },
      Perm("labour:view"));

  router.Get(
      "/api/v1/jobs/{id}",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id) return Fail(req, JobMissing());
        return JobAnswer(req, svc.GetJob(*id, Caller(req)));
      },
      Perm("job:view"));

  router.Put(
      "/api/v1/jobs/{id}",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id) return Fail(req, JobMissing());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JobInput in;
        if (Status st = ReadJobInput(*body, &in); !st.ok()) return Fail(req, st);
        return JobAnswer(req, svc.UpdateJob(*id, std::move(in), Caller(req)));
      },
      Perm("job:post"));

  router.Post(
      "/api/v1/jobs/{id}/close",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id) return Fail(req, JobMissing());
        return JobAnswer(req, svc.CloseJob(*id, Caller(req)));
      },
      Perm("job:post"));

  for (bool approve : {true, false})
    router.Post(
        approve ? "/api/v1/jobs/{id}/approve" : "/api/v1/jobs/{id}/reject",
        [&svc, approve](http::Request& req) {
          auto id = system::IdParam(req);
          if (!id) return Fail(req, JobMissing());
          std::string text;
          const char* key = approve ? "note" : "reason";
          if (!req.body.empty()) {
            auto body = system::BodyObject(req);
            if (!body.ok()) return Fail(req, body.status());
            JsonReader r(*body);
            for (Status st : {r.RejectUnknown({key}), r.String(key, &text, false, 500)})
              if (!st.ok()) return Fail(req, st);
          }
          return JobAnswer(req, approve ? svc.Approve(*id, text, Caller(req))
                                        : svc.Reject(*id, text, Caller(req)));
        },
        Perm("job:review"));

  // ---------------------------------------------------------------- applications
  router.Get(
      "/api/v1/job-applications",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto f = ReadApplicationFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        int64_t total = 0;
        auto list = svc.Applications(*f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& a : *list) items.push_back(ApplicationJson(a, false));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("applicant:manage"));

  router.Get(
      "/api/v1/job-applications/export",
      [&svc](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        auto f = ReadApplicationFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        return system::FileAnswer(req, svc.ExportApplications(*f, *format, Caller(req)), *format,
                                  "applications");
      },
      Perm("applicant:manage"));

  router.Post(
      "/api/v1/job-applications/{id}/state",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id) return Fail(req, ApplicationMissing());
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string state, note;
        for (Status st : {r.RejectUnknown({"state", "note"}), r.String("state", &state, true, 20),
                          r.String("note", &note, false, 500)})
          if (!st.ok()) return Fail(req, st);
        auto a = svc.MoveApplication(*id, state, note, Caller(req));
        if (!a.ok()) return Fail(req, a.status());
        return Ok(ApplicationJson(*a, false));
      },
      Perm("applicant:manage"));

  router.Get(
      "/api/v1/job-applications/{id}/contact",
      [&svc](http::Request& req) {
        auto id = system::IdParam(req);
        if (!id) return Fail(req, ApplicationMissing());
        auto m = svc.ApplicantMobile(*id, Caller(req), req.remote_addr);
        if (!m.ok()) return Fail(req, m.status());
        http::Response resp = Ok(json::object{{"id", *id}, {"mobile", *m}});
        resp.headers.Set("Cache-Control", "no-store");
        return resp;
      },
      Perm("applicant:manage"));
}

}  // namespace fugong::recruitment
