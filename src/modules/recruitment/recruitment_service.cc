#include "modules/recruitment/recruitment_service.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "modules/notification/notification.h"
#include "modules/recruitment/recruitment_repository.h"
#include "modules/recruitment/rules.h"
#include "system/export.h"
#include "system/user_repository.h"

namespace fugong::recruitment {
namespace {

constexpr const char* kDefaultDepartment = "人力资源和社会保障局";

bool HasRole(const system::Principal& by, std::string_view role) {
  return std::find(by.roles.begin(), by.roles.end(), role) != by.roles.end();
}
bool IsAdmin(const system::Principal& by) { return by.scope.all || HasRole(by, "admin"); }

Status JobNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_job", "岗位不存在或无权访问",
                "no such job in your scope", "job");
}
Status ApplicationNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_application", "投递记录不存在或无权访问",
                "no such application in your scope", "application");
}
Status NotSeeker() {
  return PermissionDenied("仅求职者账号可以使用简历与投递",
                          "only job seekers keep a résumé and apply");
}
Status Concurrent() {
  return Conflict("version", "concurrent_change", "岗位已被他人修改，请刷新后重试",
                  "the job changed meanwhile; reload and retry");
}

const char* StateZh(const std::string& s) {
  if (s == "pending") return "待审核";
  if (s == "approved") return "已发布";
  if (s == "rejected") return "已退回";
  if (s == "closed") return "已关闭";
  if (s == "applied") return "已投递";
  if (s == "reviewing") return "筛选中";
  if (s == "interview") return "邀请面试";
  if (s == "hired") return "已录用";
  if (s == "withdrawn") return "已撤回";
  return "未知";
}

const char* EducationZh(const std::string& e) {
  if (e == "junior") return "初中";
  if (e == "senior") return "高中";
  if (e == "vocational") return "中专/技校";
  if (e == "college") return "大专";
  if (e == "bachelor") return "本科";
  if (e == "master") return "硕士及以上";
  return "不限";
}

Status InvalidTransition(const std::string& state, const std::string& zh, const std::string& en) {
  return Status(ErrorKind::kConflict, "invalid_transition",
                std::string("当前状态为「") + StateZh(state) + "」（" + state + "），不能" + zh,
                "cannot " + en + " in state " + state, "state");
}

std::string ActorName(const system::Principal& by) {
  return by.display_name.empty() ? by.username : by.display_name;
}

Status ValidateUsername(const std::string& name) {
  bool ok = name.size() >= 2 && name.size() <= 64;
  for (char c : name)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '.' || c == '-');
  if (!ok)
    return InvalidArgument("username", "invalid_username",
                           "用户名应为2–64位字母、数字、下划线、点或连字符",
                           "username must be 2–64 letters, digits, '_', '.' or '-'");
  return Status::Ok();
}

std::string JobLink(int64_t id) { return "/recruitment/jobs/" + std::to_string(id); }

Status Notify(db::Connection& c, std::vector<int64_t> users, const std::string& kind,
              const std::string& title, const std::string& body, const std::string& link) {
  if (users.empty()) return Status::Ok();
  notification::NewNotification n;
  n.user_ids = std::move(users);
  n.kind = kind;
  n.title = title;
  n.body = body;
  n.link = link;
  return notification::Enqueue(c, n);
}

std::string PayText(const Job& j) {
  return std::to_string(j.pay_min) + "–" + std::to_string(j.pay_max) + " 元/月";
}

}  // namespace

Limits LimitsFromEnvironment() {
  Limits l;
  if (const char* v = std::getenv("FUGONG_JOBSEEKER_HOURLY_LIMIT"); v && std::atoll(v) > 0)
    l.hourly = std::atoll(v);
  if (const char* v = std::getenv("FUGONG_JOBSEEKER_DAILY_LIMIT"); v && std::atoll(v) > 0)
    l.daily = std::atoll(v);
  return l;
}

RecruitmentService::RecruitmentService(db::Database& db, const system::ReferenceService& reference,
                                       const system::SettingsService& settings,
                                       system::UserService& users,
                                       enterprise::EnterpriseService& enterprises,
                                       const std::string& seal_key, Limits limits)
    : db_(db),
      reference_(reference),
      settings_(settings),
      users_(users),
      enterprises_(enterprises),
      mobile_key_(crypto::Blake2b("fugong recruitment mobile", seal_key)),
      hash_key_(crypto::Blake2b("fugong recruitment client", seal_key)),
      limits_(limits) {}

std::string RecruitmentService::ReviewDepartment(const std::string& region_code) const {
  std::string d = settings_.Text("recruitment_department", region_code);
  return d.empty() ? kDefaultDepartment : d;
}

std::string RecruitmentService::SealMobile(const std::string& mobile) const {
  return crypto::Base64UrlEncode(crypto::Seal(mobile_key_, mobile));
}

// ---------------------------------------------------------------- seekers

Result<Seeker> RecruitmentService::Register(Registration in, const std::string& client_address) {
  in.username = Trim(in.username);
  in.name = Trim(in.name);
  in.mobile = Trim(in.mobile);
  RETURN_IF_ERROR(ValidateUsername(in.username));
  RETURN_IF_ERROR(system::ValidatePassword(in.password));
  Seeker s;
  s.name = in.name;
  s.mobile = in.mobile;
  RETURN_IF_ERROR(ValidateResume(s));
  s.mobile_cipher = SealMobile(s.mobile);
  s.mobile_masked = MaskMobile(s.mobile);
  system::User u;
  u.username = in.username;
  u.display_name = in.name;
  u.roles = {"jobseeker"};
  ASSIGN_OR_RETURN(u.password_hash, crypto::HashPassword(in.password));
  std::string client_hash = crypto::ToHex(crypto::Blake2b("client:" + client_address, hash_key_));
  auto now = Now();
  std::string at = FormatTimestamp(now);
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(SeekerRepository::LockClient(c, client_hash));
    ASSIGN_OR_RETURN(int64_t hour,
                     SeekerRepository::CountFromClient(
                         c, client_hash, FormatTimestamp(now - std::chrono::hours(1))));
    ASSIGN_OR_RETURN(int64_t day,
                     SeekerRepository::CountFromClient(
                         c, client_hash, FormatTimestamp(now - std::chrono::hours(24))));
    if (hour >= limits_.hourly || day >= limits_.daily)
      return Status(ErrorKind::kTooManyRequests, "too_many_registrations",
                    "注册过于频繁：同一网络每小时最多 " + std::to_string(limits_.hourly) +
                        " 个、每天最多 " + std::to_string(limits_.daily) + " 个账号，请稍后再试",
                    "too many registrations from this network: at most " +
                        std::to_string(limits_.hourly) + " an hour and " +
                        std::to_string(limits_.daily) + " a day; try again later");
    ASSIGN_OR_RETURN(auto existing, system::UserRepository::FindByUsername(c, u.username));
    if (existing)
      return Conflict("username", "duplicate_username", "用户名已被使用：" + u.username,
                      "username already taken: " + u.username);
    ASSIGN_OR_RETURN(u.id, system::UserRepository::Insert(c, u, std::nullopt));
    RETURN_IF_ERROR(system::UserRepository::SetRoles(c, u.id, u.roles));
    s.user_id = u.id;
    ASSIGN_OR_RETURN(s.id, SeekerRepository::Insert(c, s, client_hash, at));
    return Status::Ok();
  }));
  s.username = u.username;
  s.created_at = s.updated_at = at;
  return s;
}

Result<Seeker> RecruitmentService::SeekerOf(const system::Principal& by) {
  if (!HasRole(by, "jobseeker") || !by.user_id) return NotSeeker();
  std::optional<Seeker> s;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(s, SeekerRepository::ByUser(c, by.user_id));
    return Status::Ok();
  }));
  if (!s) return NotFound("no_resume", "尚无简历", "this account has no résumé");
  return *s;
}

Result<Seeker> RecruitmentService::Resume(const system::Principal& by) {
  ASSIGN_OR_RETURN(Seeker s, SeekerOf(by));
  auto sealed = crypto::Base64UrlDecode(s.mobile_cipher);
  auto clear = sealed ? crypto::Open(mobile_key_, *sealed) : std::nullopt;
  if (!clear) return Internal("the résumé's mobile does not open with this key file");
  s.mobile = *clear;
  return s;
}

Result<Seeker> RecruitmentService::UpdateResume(Seeker in, const system::Principal& by) {
  ASSIGN_OR_RETURN(Seeker s, SeekerOf(by));
  in.name = Trim(in.name);
  in.mobile = Trim(in.mobile);
  in.experience = Trim(in.experience);
  in.desired_industry = Trim(in.desired_industry);
  in.desired_region = Trim(in.desired_region);
  RETURN_IF_ERROR(ValidateResume(in));
  if (!in.desired_industry.empty()) {
    auto ind = reference_.GetIndustry(in.desired_industry, "desired_industry");
    if (!ind.ok())
      return InvalidArgument("desired_industry", "unknown_industry",
                             "未知行业代码：" + in.desired_industry,
                             "unknown industry code: " + in.desired_industry);
    in.desired_industry = ind->code;
  }
  if (!in.desired_region.empty()) {
    auto reg = reference_.GetRegion(in.desired_region, "desired_region");
    if (!reg.ok())
      return InvalidArgument("desired_region", "unknown_region",
                             "未知行政区划：" + in.desired_region,
                             "unknown region: " + in.desired_region);
    in.desired_region = reg->code;
  }
  s.name = in.name;
  s.mobile_cipher = SealMobile(in.mobile);
  s.mobile_masked = MaskMobile(in.mobile);
  s.education = in.education;
  s.graduate = in.graduate;
  s.veteran = in.veteran;
  s.hard_to_employ = in.hard_to_employ;
  s.desired_industry = in.desired_industry;
  s.desired_region = in.desired_region;
  s.desired_pay = in.desired_pay;
  s.experience = in.experience;
  RETURN_IF_ERROR(db_.Transact(
      [&](db::Connection& c) { return SeekerRepository::Update(c, s, NowTimestamp()); }));
  return Resume(by);
}

Result<std::vector<Application>> RecruitmentService::MyApplications(const system::Principal& by,
                                                                    const system::Page& page,
                                                                    int64_t* total) {
  ASSIGN_OR_RETURN(Seeker s, SeekerOf(by));
  std::vector<Application> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ApplicationRepository::ForSeeker(c, s.id, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Application> RecruitmentService::Apply(int64_t job_id, const std::string& message_in,
                                              const system::Principal& by) {
  ASSIGN_OR_RETURN(Seeker s, SeekerOf(by));
  std::string message = Trim(message_in);
  if (Utf8Length(message) < 0 || Utf8Length(message) > 500)
    return InvalidArgument("message", "too_long", "留言不超过 500 个字符",
                           "message is longer than 500 characters");
  std::optional<Application> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto job, JobRepository::Get(c, job_id, system::Scope::All()));
    if (!job || !IsOpen(*job)) return JobNotFound();
    ASSIGN_OR_RETURN(auto id,
                     ApplicationRepository::Insert(c, *job, s.id, message, NowTimestamp()));
    if (!id)
      return Conflict("job", "already_applied", "您已投递过该岗位",
                      "you already applied to this job");
    ASSIGN_OR_RETURN(out, ApplicationRepository::Get(c, *id));
    ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, job->enterprise_id));
    return Notify(c, users, "job_applied", "新投递：" + job->title,
                  s.name + " 投递了岗位「" + job->title + "」", "/recruitment/applications");
  }));
  if (!out) return ApplicationNotFound();
  return *out;
}

Result<Application> RecruitmentService::Withdraw(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Seeker s, SeekerOf(by));
  std::optional<Application> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto a, ApplicationRepository::Get(c, id));
    if (!a || a->seeker_id != s.id) return ApplicationNotFound();
    if (!SeekerMayWithdraw(a->state)) return InvalidTransition(a->state, "撤回", "withdraw");
    ASSIGN_OR_RETURN(bool moved, ApplicationRepository::Move(c, id, a->state, "withdrawn", a->note,
                                                             NowTimestamp()));
    if (!moved) return InvalidTransition(a->state, "撤回", "withdraw");
    ASSIGN_OR_RETURN(out, ApplicationRepository::Get(c, id));
    return Status::Ok();
  }));
  return *out;
}

// ---------------------------------------------------------------- jobs

Status RecruitmentService::PrepareFilter(JobFilter& f, const system::Scope& scope) const {
  (void)scope;
  f.q = Trim(f.q);
  if (Utf8Length(f.q) > 50)
    return InvalidArgument("q", "too_long", "关键词不超过 50 个字符",
                           "q is longer than 50 characters");
  if (!f.state.empty() && f.state != "open" && !ValidJobState(f.state))
    return InvalidArgument("state", "invalid_value",
                           "状态 state 应为 pending、approved、rejected、closed 或 open",
                           "state must be pending, approved, rejected, closed or open");
  if (!f.education.empty() && !ValidEducation(f.education))
    return InvalidArgument("education", "invalid_value", "学历 education 不正确",
                           "education is not a known value");
  if (!f.region_code.empty()) {
    auto r = reference_.GetRegion(f.region_code, "region");
    if (!r.ok())
      return InvalidArgument("region", "unknown_region", "未知行政区划：" + f.region_code,
                             "unknown region: " + f.region_code);
    f.region_code = r->code;
    f.region_level = r->level;
  }
  if (!f.industry.empty()) {
    auto i = reference_.GetIndustry(f.industry, "industry");
    if (!i.ok())
      return InvalidArgument("industry", "unknown_industry", "未知行业代码：" + f.industry,
                             "unknown industry code: " + f.industry);
    f.industry = i->code;
  }
  return Status::Ok();
}

Result<std::vector<Job>> RecruitmentService::PublicJobs(JobFilter f, const system::Page& page,
                                                        int64_t* total) {
  f.state = "open";
  RETURN_IF_ERROR(PrepareFilter(f, system::Scope::All()));
  std::vector<Job> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, JobRepository::List(c, f, system::Scope::All(), page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Job> RecruitmentService::PublicJob(int64_t id) {
  std::optional<Job> j;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(j, JobRepository::Get(c, id, system::Scope::All()));
    return Status::Ok();
  }));
  if (!j || !IsOpen(*j)) return JobNotFound();
  return *j;
}

Result<std::vector<Job>> RecruitmentService::Jobs(JobFilter f, const system::Principal& by,
                                                  const system::Page& page, int64_t* total) {
  RETURN_IF_ERROR(PrepareFilter(f, by.scope));
  std::vector<Job> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, JobRepository::List(c, f, by.scope, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Job> RecruitmentService::LoadJob(int64_t id, const system::Principal& by) {
  std::optional<Job> j;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(j, JobRepository::Get(c, id, by.scope));
    return Status::Ok();
  }));
  if (!j) return JobNotFound();
  return *j;
}

Status RecruitmentService::CheckReviewer(const Job& j, const system::Principal& by) const {
  if (IsAdmin(by)) return Status::Ok();
  if (!HasRole(by, "department") || by.enterprise_id)
    return PermissionDenied("只有人社部门可以审核招聘岗位",
                            "only the human-resources department reviews jobs");
  std::string dept = ReviewDepartment(j.region_code);
  if (!by.department.empty() && by.department != dept)
    return Status(ErrorKind::kPermissionDenied, "wrong_department",
                  "招聘岗位由「" + dept + "」审核，您所在部门为「" + by.department + "」",
                  "jobs are reviewed by " + dept + ", not by " + by.department);
  return Status::Ok();
}

Result<JobDetail> RecruitmentService::Detail(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Job j, LoadJob(id, by));
  JobDetail out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out.events, JobRepository::Events(c, id));
    return Status::Ok();
  }));
  out.can_review = j.state == "pending" && CheckReviewer(j, by).ok();
  out.can_edit = by.enterprise_id && *by.enterprise_id == j.enterprise_id &&
                 (j.state == "pending" || j.state == "rejected");
  out.job = std::move(j);
  return out;
}

Result<JobDetail> RecruitmentService::GetJob(int64_t id, const system::Principal& by) {
  return Detail(id, by);
}

Status RecruitmentService::ResolveInput(JobInput& in, const std::string& default_region,
                                        const std::string& default_industry,
                                        system::Region* location, std::string* section) const {
  in.title = Trim(in.title);
  in.requirements = Trim(in.requirements);
  in.address = Trim(in.address);
  in.contact_name = Trim(in.contact_name);
  in.industry_code = Trim(in.industry_code);
  in.location_code = Trim(in.location_code);
  if (in.education.empty()) in.education = "none";
  RETURN_IF_ERROR(ValidateJob(in));
  if (in.industry_code.empty()) in.industry_code = default_industry;
  auto ind = reference_.GetIndustry(in.industry_code, "industry");
  if (!ind.ok())
    return InvalidArgument("industry", "unknown_industry", "未知行业代码：" + in.industry_code,
                           "unknown industry code: " + in.industry_code);
  in.industry_code = ind->code;
  *section = ind->level == "section" ? ind->code : ind->parent;
  std::string code = in.location_code.empty() ? default_region : in.location_code;
  auto reg = reference_.GetRegion(code, "region");
  if (!reg.ok())
    return InvalidArgument("region", "unknown_region", "未知行政区划：" + code,
                           "unknown region: " + code);
  if (reg->level < 3)
    return InvalidArgument("region", "region_too_coarse", "工作地点请选择到县（区）或乡镇（街道）",
                           "choose a county (district) or a town (street) as the work location");
  *location = *reg;
  in.location_code = reg->code;
  return Status::Ok();
}

Result<JobDetail> RecruitmentService::CreateJob(JobInput in, const system::Principal& by) {
  if (!by.enterprise_id)
    return PermissionDenied("只有企业账号可以发布岗位", "only enterprise accounts post jobs");
  enterprise::EnterpriseFilter ef;
  int64_t total = 0;
  system::Scope own;
  own.enterprise_id = by.enterprise_id;
  ASSIGN_OR_RETURN(auto list, enterprises_.List(ef, own, system::Page{1, 1}, &total));
  if (list.empty()) return JobNotFound();
  const enterprise::Enterprise& e = list.front();
  if (e.work_status == "closed")
    return Status(ErrorKind::kPermissionDenied, "enterprise_not_verified",
                  "企业「" + e.name + "」在企业台账中为停业状态，不能发布招聘岗位",
                  "the enterprise is closed (停业) in the registry and may not post jobs");
  system::Region location;
  std::string section;
  RETURN_IF_ERROR(ResolveInput(in, e.region_code, e.industry_code, &location, &section));
  ASSIGN_OR_RETURN(system::Region er, reference_.GetRegion(e.region_code));
  std::string at = NowTimestamp();
  std::string dept = ReviewDepartment(e.region_code);
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, JobRepository::Insert(c, e.id, er, location, section, in, at, by.user_id));
    ASSIGN_OR_RETURN(auto job, JobRepository::Get(c, id, system::Scope::All()));
    if (!job) return JobNotFound();
    RETURN_IF_ERROR(
        JobRepository::InsertEvent(c, *job, {"submitted", "", ActorName(by), at}, by.user_id));
    ASSIGN_OR_RETURN(auto reviewers, notification::RegionUsers(c, "department", er, dept));
    return Notify(c, reviewers, "job_review", "招聘岗位待审核：" + in.title,
                  e.name + " 发布岗位「" + in.title + "」" + std::to_string(in.headcount) + " 人",
                  JobLink(id));
  }));
  return Detail(id, by);
}

Status RecruitmentService::CommitJob(const Job& after, const system::Region& location,
                                     const JobEvent& event, const system::Principal& by,
                                     const std::function<Status(db::Connection&)>& extra) {
  bool lost = false;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool written, JobRepository::Update(c, after, location, event.at, by.user_id));
    if (!written) {
      lost = true;
      return Concurrent();
    }
    RETURN_IF_ERROR(JobRepository::InsertEvent(c, after, event, by.user_id));
    if (extra) RETURN_IF_ERROR(extra(c));
    return Status::Ok();
  });
  if (lost) return Concurrent();
  return st;
}

Result<JobDetail> RecruitmentService::UpdateJob(int64_t id, JobInput in,
                                                const system::Principal& by) {
  ASSIGN_OR_RETURN(Job before, LoadJob(id, by));
  if (!by.enterprise_id || *by.enterprise_id != before.enterprise_id)
    return PermissionDenied("只有发布岗位的企业可以修改岗位",
                            "only the posting enterprise edits a job");
  if (before.state != "pending" && before.state != "rejected")
    return InvalidTransition(before.state, "修改岗位", "edit a job");
  system::Region location;
  std::string section;
  RETURN_IF_ERROR(
      ResolveInput(in, before.location_code, before.industry_code, &location, &section));
  Job after = before;
  after.title = in.title;
  after.requirements = in.requirements;
  after.headcount = in.headcount;
  after.pay_min = in.pay_min;
  after.pay_max = in.pay_max;
  after.education = in.education;
  after.industry_code = in.industry_code;
  after.industry_section = section;
  after.address = in.address;
  after.contact_name = in.contact_name;
  bool resubmit = before.state == "rejected";
  after.state = "pending";
  std::string at = NowTimestamp();
  std::string dept = ReviewDepartment(before.region_code);
  RETURN_IF_ERROR(CommitJob(
      after, location, {resubmit ? "resubmitted" : "edited", "", ActorName(by), at}, by,
      [&](db::Connection& c) -> Status {
        if (!resubmit) return Status::Ok();
        ASSIGN_OR_RETURN(system::Region er, reference_.GetRegion(before.region_code));
        ASSIGN_OR_RETURN(auto reviewers, notification::RegionUsers(c, "department", er, dept));
        return Notify(c, reviewers, "job_review", "招聘岗位重新提交：" + after.title,
                      before.enterprise_name + " 修改后重新提交了岗位「" + after.title + "」",
                      JobLink(id));
      }));
  return Detail(id, by);
}

Result<JobDetail> RecruitmentService::CloseJob(int64_t id, const system::Principal& by) {
  ASSIGN_OR_RETURN(Job before, LoadJob(id, by));
  if (!IsAdmin(by) && (!by.enterprise_id || *by.enterprise_id != before.enterprise_id))
    return PermissionDenied("只有发布岗位的企业可以关闭岗位",
                            "only the posting enterprise closes a job");
  if (before.state == "closed") return InvalidTransition(before.state, "关闭岗位", "close a job");
  ASSIGN_OR_RETURN(system::Region location, reference_.GetRegion(before.location_code));
  Job after = before;
  after.state = "closed";
  std::string at = NowTimestamp();
  after.closed_at = at;
  RETURN_IF_ERROR(CommitJob(after, location, {"closed", "", ActorName(by), at}, by, nullptr));
  return Detail(id, by);
}

Result<JobDetail> RecruitmentService::Approve(int64_t id, const std::string& note_in,
                                              const system::Principal& by) {
  std::string note = Trim(note_in);
  if (Utf8Length(note) > 500)
    return InvalidArgument("note", "too_long", "审核意见不超过 500 个字符",
                           "note is longer than 500 characters");
  ASSIGN_OR_RETURN(Job before, LoadJob(id, by));
  RETURN_IF_ERROR(CheckReviewer(before, by));
  if (before.state != "pending")
    return InvalidTransition(before.state, "审核通过", "approve a job");
  ASSIGN_OR_RETURN(system::Region location, reference_.GetRegion(before.location_code));
  Job after = before;
  std::string at = NowTimestamp();
  after.state = "approved";
  after.review_note = note;
  after.reviewed_at = at;
  after.published_at = at;
  RETURN_IF_ERROR(CommitJob(
      after, location, {"approved", note, ActorName(by), at}, by, [&](db::Connection& c) -> Status {
        ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, after.enterprise_id));
        RETURN_IF_ERROR(Notify(c, users, "job_approved", "岗位已发布：" + after.title,
                               "人社部门审核通过，岗位已在招聘信息中公开", JobLink(id)));
        // The key groups whose wishes match hear of it.
        ASSIGN_OR_RETURN(auto seekers, SeekerRepository::KeyGroupSeekers(c));
        std::vector<int64_t> matched;
        for (const auto& [s, level] : seekers)
          if (Matches(s, level, after)) matched.push_back(s.user_id);
        return Notify(c, matched, "job_match", "为您推荐岗位：" + after.title,
                      after.enterprise_name + " · " + after.location_name + " · " + PayText(after) +
                          " · 招 " + std::to_string(after.headcount) + " 人",
                      "/jobs/" + std::to_string(id));
      }));
  return Detail(id, by);
}

Result<JobDetail> RecruitmentService::Reject(int64_t id, const std::string& reason_in,
                                             const system::Principal& by) {
  std::string reason = Trim(reason_in);
  if (reason.empty())
    return InvalidArgument("reason", "required", "请填写退回原因", "field reason is required");
  if (Utf8Length(reason) > 500)
    return InvalidArgument("reason", "too_long", "退回原因不超过 500 个字符",
                           "reason is longer than 500 characters");
  ASSIGN_OR_RETURN(Job before, LoadJob(id, by));
  RETURN_IF_ERROR(CheckReviewer(before, by));
  if (before.state != "pending") return InvalidTransition(before.state, "退回", "reject a job");
  ASSIGN_OR_RETURN(system::Region location, reference_.GetRegion(before.location_code));
  Job after = before;
  std::string at = NowTimestamp();
  after.state = "rejected";
  after.review_note = reason;
  after.reviewed_at = at;
  RETURN_IF_ERROR(CommitJob(after, location, {"rejected", reason, ActorName(by), at}, by,
                            [&](db::Connection& c) -> Status {
                              ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(
                                                               c, after.enterprise_id));
                              return Notify(c, users, "job_rejected", "岗位被退回：" + after.title,
                                            "退回原因：" + reason, JobLink(id));
                            }));
  return Detail(id, by);
}

// ---------------------------------------------------------------- applications

Result<std::vector<Application>> RecruitmentService::Applications(ApplicationFilter f,
                                                                  const system::Principal& by,
                                                                  const system::Page& page,
                                                                  int64_t* total) {
  if (!f.state.empty() && !ValidApplicationState(f.state))
    return InvalidArgument("state", "invalid_value",
                           "状态 state 应为 applied、reviewing、interview、hired、rejected 或 "
                           "withdrawn",
                           "state must be applied, reviewing, interview, hired, rejected or "
                           "withdrawn");
  std::vector<Application> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ApplicationRepository::ForScope(c, f, by.scope, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Application> RecruitmentService::MoveApplication(int64_t id, const std::string& to,
                                                        const std::string& note_in,
                                                        const system::Principal& by) {
  std::string note = Trim(note_in);
  if (!ValidApplicationState(to) || to == "applied" || to == "withdrawn")
    return InvalidArgument("state", "invalid_value",
                           "状态 state 应为 reviewing、interview、hired 或 rejected",
                           "state must be reviewing, interview, hired or rejected");
  if (Utf8Length(note) > 500)
    return InvalidArgument("note", "too_long", "备注不超过 500 个字符",
                           "note is longer than 500 characters");
  std::optional<Application> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto a, ApplicationRepository::Get(c, id));
    if (!a) return ApplicationNotFound();
    // Within the scope: the enterprise's own (or an admin).
    ASSIGN_OR_RETURN(auto job, JobRepository::Get(c, a->job_id, by.scope));
    if (!job || (!IsAdmin(by) && (!by.enterprise_id || *by.enterprise_id != a->enterprise_id)))
      return ApplicationNotFound();
    if (!EnterpriseMayMove(a->state, to)) return InvalidTransition(a->state, "变更为" + to, to);
    std::string at = NowTimestamp();
    if (to == "hired") {
      ASSIGN_OR_RETURN(bool room, JobRepository::AddHire(c, job->id, at));
      if (!room)
        return Conflict("state", "headcount_filled", "该岗位已招满，不能再录用",
                        "the job's headcount is already filled");
    }
    ASSIGN_OR_RETURN(bool moved, ApplicationRepository::Move(c, id, a->state, to, note, at));
    if (!moved) return InvalidTransition(a->state, "变更为" + to, to);
    ASSIGN_OR_RETURN(out, ApplicationRepository::Get(c, id));
    return Notify(c, {a->seeker.user_id}, "job_application",
                  "投递进展：" + job->title + " · " + StateZh(to),
                  job->enterprise_name + (note.empty() ? "" : "：" + note), "/m/applications");
  }));
  return *out;
}

Result<std::string> RecruitmentService::ApplicantMobile(int64_t id, const system::Principal& by,
                                                        const std::string& ip) {
  std::optional<Application> a;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(a, ApplicationRepository::Get(c, id));
    return Status::Ok();
  }));
  // Only the enterprise the seeker applied to (or an admin).
  if (!a || (!IsAdmin(by) && (!by.enterprise_id || *by.enterprise_id != a->enterprise_id)))
    return ApplicationNotFound();
  auto sealed = crypto::Base64UrlDecode(a->seeker.mobile_cipher);
  auto clear = sealed ? crypto::Open(mobile_key_, *sealed) : std::nullopt;
  if (!clear) return Internal("an applicant's mobile does not open with this key file");
  // The audit record is written before anything is disclosed.
  RETURN_IF_ERROR(users_.Audit(
      &by, ip, "read_personal_data",
      "job_application=" + std::to_string(id) + "&jobseeker=" + std::to_string(a->seeker_id),
      "mobile"));
  return *clear;
}

// ---------------------------------------------------------------- labour gap

Result<LabourGap> RecruitmentService::Gap(const std::string& region_in, const std::string& by_kind,
                                          const system::Principal& by) {
  LabourGap out;
  out.by = by_kind.empty() ? "region" : by_kind;
  if (out.by != "region" && out.by != "industry")
    return InvalidArgument("by", "invalid_value", "by 应为 region 或 industry",
                           "by must be region or industry");
  std::string code = region_in.empty() ? by.scope.region_code : region_in;
  system::Region region;
  if (!code.empty()) {
    auto r = reference_.GetRegion(code, "region");
    if (!r.ok())
      return InvalidArgument("region", "unknown_region", "未知行政区划：" + code,
                             "unknown region: " + code);
    region = *r;
    // A region outside the caller's scope answers as unknown.
    if (!by.scope.all && !by.scope.region_code.empty()) {
      auto root = reference_.GetRegion(by.scope.region_code);
      if (!root.ok() || !reference_.InSubtree(region, *root))
        return Status(ErrorKind::kNotFound, "unknown_region", "区划不在您的管辖范围内",
                      "the region is outside your scope", "region");
    }
  }
  out.region_code = region.code;
  out.region_name = region.name;
  int group_level = std::min(4, region.level + 1);
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out.rows, JobRepository::Gap(c, by.scope, region.code, region.level, out.by,
                                                  region.level >= 4 ? 4 : group_level));
    return Status::Ok();
  }));
  for (const auto& r : out.rows) {
    out.total.jobs += r.jobs;
    out.total.headcount += r.headcount;
    out.total.hired += r.hired;
    out.total.gap += r.gap;
  }
  for (auto& r : out.rows)
    if (r.key.empty()) r.label = out.by == "region" ? "（未细分到该级）" : "（未知）";
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [](const GapRow& a, const GapRow& b) { return a.gap > b.gap; });
  return out;
}

// ---------------------------------------------------------------- exports

Result<std::string> RecruitmentService::ExportJobs(JobFilter f, io::TableFormat format,
                                                   const system::Principal& by) {
  system::Page page{1, 500};
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto first, Jobs(f, by, page, &total));
  return system::ExportTable(
      format, "招聘岗位",
      {std::string("编号"), std::string("岗位"), std::string("企业"),
       std::string("统一社会信用代码"), std::string("工作地点"), std::string("行业"),
       std::string("招聘人数"), std::string("已录用"), std::string("缺口"), std::string("最低月薪"),
       std::string("最高月薪"), std::string("学历"), std::string("状态"), std::string("投递数"),
       std::string("发布时间")},
      [&](io::TableWriter& w) -> Status {
        std::vector<Job> items = std::move(first);
        for (;;) {
          for (const auto& j : items)
            RETURN_IF_ERROR(w.WriteRow(
                {double(j.id), j.title, j.enterprise_name, j.enterprise_uscc, j.location_name,
                 j.industry_name, double(j.headcount), double(j.hired), double(GapOf(j)),
                 double(j.pay_min), double(j.pay_max), std::string(EducationZh(j.education)),
                 std::string(StateZh(j.state)), double(j.applications), j.published_at}));
          if (int64_t(page.page) * page.size >= total) return Status::Ok();
          ++page.page;
          ASSIGN_OR_RETURN(items, Jobs(f, by, page, &total));
        }
      });
}

Result<std::string> RecruitmentService::ExportApplications(ApplicationFilter f,
                                                           io::TableFormat format,
                                                           const system::Principal& by) {
  system::Page page{1, 500};
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto first, Applications(f, by, page, &total));
  return system::ExportTable(
      format, "应聘人员",
      {std::string("编号"), std::string("岗位"), std::string("姓名"), std::string("手机号"),
       std::string("学历"), std::string("重点群体"), std::string("状态"), std::string("投递时间")},
      [&](io::TableWriter& w) -> Status {
        std::vector<Application> items = std::move(first);
        for (;;) {
          for (const auto& a : items) {
            std::string groups;
            if (a.seeker.graduate) groups += "高校毕业生 ";
            if (a.seeker.veteran) groups += "退役军人 ";
            if (a.seeker.hard_to_employ) groups += "就业困难人员 ";
            RETURN_IF_ERROR(
                w.WriteRow({double(a.id), a.job_title, a.seeker.name, a.seeker.mobile_masked,
                            std::string(EducationZh(a.seeker.education)), Trim(groups),
                            std::string(StateZh(a.state)), a.created_at}));
          }
          if (int64_t(page.page) * page.size >= total) return Status::Ok();
          ++page.page;
          ASSIGN_OR_RETURN(items, Applications(f, by, page, &total));
        }
      });
}

Result<std::string> RecruitmentService::ExportGap(const std::string& region,
                                                  const std::string& by_kind,
                                                  io::TableFormat format,
                                                  const system::Principal& by) {
  ASSIGN_OR_RETURN(LabourGap g, Gap(region, by_kind, by));
  return system::ExportTable(
      format, "用工缺口",
      {std::string(g.by == "industry" ? "行业门类" : "区划代码"), std::string("名称"),
       std::string("在招岗位"), std::string("招聘人数"), std::string("已录用"),
       std::string("用工缺口")},
      [&](io::TableWriter& w) -> Status {
        for (const auto& r : g.rows)
          RETURN_IF_ERROR(w.WriteRow({r.key, r.label, double(r.jobs), double(r.headcount),
                                      double(r.hired), double(r.gap)}));
        return w.WriteRow({std::string("合计"), g.region_name, double(g.total.jobs),
                           double(g.total.headcount), double(g.total.hired), double(g.total.gap)});
      });
}

}  // namespace fugong::recruitment
