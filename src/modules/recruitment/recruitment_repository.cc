#include "modules/recruitment/recruitment_repository.h"

#include "system/scope_sql.h"

namespace fugong::recruitment {
namespace {

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value ById(int64_t by) { return by ? db::Int(by) : db::Null(); }

constexpr const char* kJobSelect =
    "SELECT j.id, j.enterprise_id, e.uscc, e.name, j.region_code, j.province_code, j.city_code, "
    "j.county_code, j.town_code, j.title, j.requirements, j.headcount, j.hired, j.pay_min, "
    "j.pay_max, j.education, j.industry_code, j.industry_section, i.name, j.location_code, "
    "lr.name, j.location_province, j.location_city, j.location_county, j.location_town, "
    "j.address, j.contact_name, j.state, j.review_note, j.reviewed_at, j.published_at, "
    "j.closed_at, j.version, j.created_at, j.updated_at, "
    "(SELECT COUNT(*) FROM job_applications a WHERE a.job_id = j.id) "
    "FROM jobs j JOIN enterprises e ON e.id = j.enterprise_id "
    "LEFT JOIN industries i ON i.code = j.industry_code "
    "LEFT JOIN regions lr ON lr.code = j.location_code ";

Job JobFrom(const db::Row& r) {
  Job j;
  size_t k = 0;
  j.id = r.Int(k++);
  j.enterprise_id = r.Int(k++);
  j.enterprise_uscc = r.Text(k++);
  j.enterprise_name = r.Text(k++);
  j.region_code = r.Text(k++);
  j.province_code = r.Text(k++);
  j.city_code = r.Text(k++);
  j.county_code = r.Text(k++);
  j.town_code = r.Text(k++);
  j.title = r.Text(k++);
  j.requirements = r.Text(k++);
  j.headcount = r.Int(k++);
  j.hired = r.Int(k++);
  j.pay_min = r.Int(k++);
  j.pay_max = r.Int(k++);
  j.education = r.Text(k++);
  j.industry_code = r.Text(k++);
  j.industry_section = r.Text(k++);
  j.industry_name = r.Text(k++);
  j.location_code = r.Text(k++);
  j.location_name = r.Text(k++);
  j.location_province = r.Text(k++);
  j.location_city = r.Text(k++);
  j.location_county = r.Text(k++);
  j.location_town = r.Text(k++);
  j.address = r.Text(k++);
  j.contact_name = r.Text(k++);
  j.state = r.Text(k++);
  j.review_note = r.Text(k++);
  j.reviewed_at = r.Text(k++);
  j.published_at = r.Text(k++);
  j.closed_at = r.Text(k++);
  j.version = r.Int(k++);
  j.created_at = r.Text(k++);
  j.updated_at = r.Text(k++);
  j.applications = r.Int(k++);
  return j;
}

const char* LocationColumn(int level) {
  switch (level) {
    case 1:
      return "j.location_province";
    case 2:
      return "j.location_city";
    case 3:
      return "j.location_county";
    default:
      return "j.location_town";
  }
}

constexpr const char* kSeekerSelect =
    "SELECT s.id, s.user_id, u.username, s.name, s.mobile_cipher, s.mobile_masked, s.education, "
    "s.graduate, s.veteran, s.hard_to_employ, s.desired_industry, s.desired_region, r.name, "
    "s.desired_pay, s.experience, s.created_at, s.updated_at, r.level "
    "FROM jobseekers s JOIN users u ON u.id = s.user_id "
    "LEFT JOIN regions r ON r.code = s.desired_region ";

Seeker SeekerFrom(const db::Row& r, size_t k = 0) {
  Seeker s;
  s.id = r.Int(k++);
  s.user_id = r.Int(k++);
  s.username = r.Text(k++);
  s.name = r.Text(k++);
  s.mobile_cipher = r.Text(k++);
  s.mobile_masked = r.Text(k++);
  s.education = r.Text(k++);
  s.graduate = r.Bool(k++);
  s.veteran = r.Bool(k++);
  s.hard_to_employ = r.Bool(k++);
  s.desired_industry = r.Text(k++);
  s.desired_region = r.Text(k++);
  s.desired_region_name = r.Text(k++);
  s.desired_pay = r.Int(k++);
  s.experience = r.Text(k++);
  s.created_at = r.Text(k++);
  s.updated_at = r.Text(k++);
  return s;
}

constexpr const char* kApplicationSelect =
    "SELECT a.id, a.job_id, a.enterprise_id, e.name, a.province_code, a.city_code, "
    "a.county_code, a.town_code, j.title, a.seeker_id, a.message, a.state, a.note, "
    "a.created_at, a.updated_at, "
    "s.id, s.user_id, u.username, s.name, s.mobile_cipher, s.mobile_masked, s.education, "
    "s.graduate, s.veteran, s.hard_to_employ, s.desired_industry, s.desired_region, r.name, "
    "s.desired_pay, s.experience, s.created_at, s.updated_at "
    "FROM job_applications a JOIN jobs j ON j.id = a.job_id "
    "JOIN enterprises e ON e.id = a.enterprise_id JOIN jobseekers s ON s.id = a.seeker_id "
    "JOIN users u ON u.id = s.user_id LEFT JOIN regions r ON r.code = s.desired_region ";

Application ApplicationFrom(const db::Row& r) {
  Application a;
  size_t k = 0;
  a.id = r.Int(k++);
  a.job_id = r.Int(k++);
  a.enterprise_id = r.Int(k++);
  a.enterprise_name = r.Text(k++);
  a.province_code = r.Text(k++);
  a.city_code = r.Text(k++);
  a.county_code = r.Text(k++);
  a.town_code = r.Text(k++);
  a.job_title = r.Text(k++);
  a.seeker_id = r.Int(k++);
  a.message = r.Text(k++);
  a.state = r.Text(k++);
  a.note = r.Text(k++);
  a.created_at = r.Text(k++);
  a.updated_at = r.Text(k++);
  a.seeker = SeekerFrom(r, k);
  return a;
}

Result<std::vector<Application>> PagedApplications(db::Connection& c, const std::string& where,
                                                   db::Params p, const system::Page& page,
                                                   int64_t* total) {
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM job_applications a " + where, p));
  *total = count.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string(kApplicationSelect) + where + " ORDER BY a.id DESC LIMIT ? OFFSET ?", p));
  std::vector<Application> out;
  for (const auto& r : res.rows) out.push_back(ApplicationFrom(r));
  return out;
}

}  // namespace

Result<int64_t> JobRepository::Insert(db::Connection& c, int64_t enterprise_id,
                                      const system::Region& er, const system::Region& loc,
                                      const std::string& industry_section, const JobInput& in,
                                      const std::string& at, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO jobs (enterprise_id, region_code, province_code, city_code, county_code, "
            "town_code, title, requirements, headcount, pay_min, pay_max, education, "
            "industry_code, industry_section, location_code, location_province, location_city, "
            "location_county, location_town, address, contact_name, state, created_at, "
            "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?) RETURNING id",
            {db::Int(enterprise_id),
             db::Text(er.code),
             db::Text(er.province_code),
             OrNull(er.city_code),
             OrNull(er.county_code),
             OrNull(er.town_code),
             db::Text(in.title),
             db::Text(in.requirements),
             db::Int(in.headcount),
             db::Int(in.pay_min),
             db::Int(in.pay_max),
             db::Text(in.education),
             db::Text(in.industry_code),
             db::Text(industry_section),
             db::Text(loc.code),
             db::Text(loc.province_code),
             OrNull(loc.city_code),
             OrNull(loc.county_code),
             OrNull(loc.town_code),
             db::Text(in.address),
             db::Text(in.contact_name),
             db::Text(at),
             ById(by),
             db::Text(at),
             ById(by)}));
  return r.Int(0);
}

Result<std::optional<Job>> JobRepository::Get(db::Connection& c, int64_t id,
                                              const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kJobSelect) + "WHERE j.id = ?" +
                    system::ScopeClause(scope, "j", "j.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Job>();
  return std::optional<Job>(JobFrom(*r));
}

Result<std::vector<Job>> JobRepository::List(db::Connection& c, const JobFilter& f,
                                             const system::Scope& scope, const system::Page& page,
                                             int64_t* total) {
  db::Params p;
  std::string where = "WHERE 1 = 1" + system::ScopeClause(scope, "j", "j.enterprise_id", &p);
  if (f.state == "open") {
    where += " AND j.state = 'approved' AND j.hired < j.headcount";
  } else if (!f.state.empty()) {
    where += " AND j.state = ?";
    p.push_back(db::Text(f.state));
  }
  if (!f.q.empty()) {
    where += " AND (j.title LIKE ? OR e.name LIKE ?)";
    std::string like = "%" + f.q + "%";
    p.push_back(db::Text(like));
    p.push_back(db::Text(like));
  }
  if (!f.region_code.empty() && f.region_level > 0) {
    where += std::string(" AND ") + LocationColumn(f.region_level) + " = ?";
    p.push_back(db::Text(f.region_code));
  }
  if (!f.industry.empty()) {
    where += f.industry.size() == 1 ? " AND j.industry_section = ?" : " AND j.industry_code = ?";
    p.push_back(db::Text(f.industry));
  }
  if (f.pay_min > 0) {
    where += " AND j.pay_max >= ?";
    p.push_back(db::Int(f.pay_min));
  }
  if (!f.education.empty()) {
    where += " AND j.education = ?";
    p.push_back(db::Text(f.education));
  }
  ASSIGN_OR_RETURN(
      auto count,
      c.One("SELECT COUNT(*) FROM jobs j JOIN enterprises e ON e.id = j.enterprise_id " + where,
            p));
  *total = count.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kJobSelect) + where +
                                         " ORDER BY COALESCE(j.published_at, j.created_at) DESC, "
                                         "j.id DESC LIMIT ? OFFSET ?",
                                     p));
  std::vector<Job> out;
  out.reserve(res.rows.size());
  for (const auto& r : res.rows) out.push_back(JobFrom(r));
  return out;
}

Result<bool> JobRepository::Update(db::Connection& c, const Job& j, const system::Region& loc,
                                   const std::string& at, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional(
          "UPDATE jobs SET title = ?, requirements = ?, headcount = ?, pay_min = ?, "
          "pay_max = ?, education = ?, industry_code = ?, industry_section = ?, "
          "location_code = ?, location_province = ?, location_city = ?, "
          "location_county = ?, location_town = ?, address = ?, contact_name = ?, "
          "state = ?, review_note = ?, reviewed_by = COALESCE(CAST(? AS BIGINT), reviewed_by), "
          "reviewed_at = ?, "
          "published_at = ?, closed_at = ?, version = version + 1, updated_at = ?, "
          "updated_by = ? WHERE id = ? AND version = ? RETURNING version",
          {db::Text(j.title),
           db::Text(j.requirements),
           db::Int(j.headcount),
           db::Int(j.pay_min),
           db::Int(j.pay_max),
           db::Text(j.education),
           db::Text(j.industry_code),
           db::Text(j.industry_section),
           db::Text(loc.code),
           db::Text(loc.province_code),
           OrNull(loc.city_code),
           OrNull(loc.county_code),
           OrNull(loc.town_code),
           db::Text(j.address),
           db::Text(j.contact_name),
           db::Text(j.state),
           db::Text(j.review_note),
           j.reviewed_at == at ? ById(by) : db::Null(),
           OrNull(j.reviewed_at),
           OrNull(j.published_at),
           OrNull(j.closed_at),
           db::Text(at),
           ById(by),
           db::Int(j.id),
           db::Int(j.version)}));
  return r.has_value();
}

Result<bool> JobRepository::AddHire(db::Connection& c, int64_t job_id, const std::string& at) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE jobs SET hired = hired + 1, version = version + 1, "
                                      "updated_at = ? WHERE id = ? AND hired < headcount "
                                      "RETURNING hired",
                                      {db::Text(at), db::Int(job_id)}));
  return r.has_value();
}

Status JobRepository::InsertEvent(db::Connection& c, const Job& j, const JobEvent& e,
                                  int64_t actor_id) {
  return c.Exec(
      "INSERT INTO job_events (job_id, enterprise_id, province_code, city_code, county_code, "
      "town_code, action, note, actor_id, actor_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {db::Int(j.id), db::Int(j.enterprise_id), db::Text(j.province_code), OrNull(j.city_code),
       OrNull(j.county_code), OrNull(j.town_code), db::Text(e.action), db::Text(e.note),
       ById(actor_id), db::Text(e.actor_name), db::Text(e.at)});
}

Result<std::vector<JobEvent>> JobRepository::Events(db::Connection& c, int64_t job_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT action, note, actor_name, at FROM job_events "
                                     "WHERE job_id = ? ORDER BY id",
                                     {db::Int(job_id)}));
  std::vector<JobEvent> out;
  for (const auto& r : res.rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

Result<std::vector<GapRow>> JobRepository::Gap(db::Connection& c, const system::Scope& scope,
                                               const std::string& region_code, int region_level,
                                               const std::string& by, int group_level) {
  db::Params p;
  std::string where = "WHERE j.state = 'approved' AND j.hired < j.headcount" +
                      system::ScopeClause(scope, "j", "j.enterprise_id", &p);
  if (!region_code.empty() && region_level > 0) {
    where += std::string(" AND ") + LocationColumn(region_level) + " = ?";
    p.push_back(db::Text(region_code));
  }
  std::string key = by == "industry" ? "j.industry_section" : LocationColumn(group_level);
  std::string label_join = by == "industry" ? "LEFT JOIN industries n ON n.code = g.k "
                                            : "LEFT JOIN regions n ON n.code = g.k ";
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("SELECT g.k, n.name, g.jobs, g.headcount, g.hired FROM (SELECT " + key +
                  " AS k, COUNT(*) AS jobs, CAST(SUM(j.headcount) AS BIGINT) AS headcount, "
                  "CAST(SUM(j.hired) AS BIGINT) AS hired "
                  "FROM jobs j " +
                  where + " GROUP BY " + key + ") g " + label_join + "ORDER BY g.k",
              p));
  std::vector<GapRow> out;
  for (const auto& r : res.rows) {
    GapRow g;
    g.key = r.Text(0);
    g.label = r.Text(1);
    g.jobs = r.Int(2);
    g.headcount = r.Int(3);
    g.hired = r.Int(4);
    g.gap = g.headcount - g.hired;
    out.push_back(std::move(g));
  }
  return out;
}

Result<int64_t> SeekerRepository::Insert(db::Connection& c, const Seeker& s,
                                         const std::string& client_hash, const std::string& at) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO jobseekers (user_id, name, mobile_cipher, mobile_masked, education, "
            "graduate, veteran, hard_to_employ, desired_industry, desired_region, desired_pay, "
            "experience, client_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Int(s.user_id), db::Text(s.name), db::Text(s.mobile_cipher),
             db::Text(s.mobile_masked), db::Text(s.education), db::Bool(s.graduate),
             db::Bool(s.veteran), db::Bool(s.hard_to_employ), db::Text(s.desired_industry),
             db::Text(s.desired_region), db::Int(s.desired_pay), db::Text(s.experience),
             db::Text(client_hash), db::Text(at), db::Text(at)}));
  return r.Int(0);
}

Result<std::optional<Seeker>> SeekerRepository::ByUser(db::Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(
      auto r, c.Optional(std::string(kSeekerSelect) + "WHERE s.user_id = ?", {db::Int(user_id)}));
  if (!r) return std::optional<Seeker>();
  return std::optional<Seeker>(SeekerFrom(*r));
}

Result<std::optional<Seeker>> SeekerRepository::ById(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional(std::string(kSeekerSelect) + "WHERE s.id = ?", {db::Int(id)}));
  if (!r) return std::optional<Seeker>();
  return std::optional<Seeker>(SeekerFrom(*r));
}

Status SeekerRepository::Update(db::Connection& c, const Seeker& s, const std::string& at) {
  return c.Exec(
      "UPDATE jobseekers SET name = ?, mobile_cipher = ?, mobile_masked = ?, education = ?, "
      "graduate = ?, veteran = ?, hard_to_employ = ?, desired_industry = ?, desired_region = ?, "
      "desired_pay = ?, experience = ?, updated_at = ? WHERE id = ?",
      {db::Text(s.name), db::Text(s.mobile_cipher), db::Text(s.mobile_masked),
       db::Text(s.education), db::Bool(s.graduate), db::Bool(s.veteran), db::Bool(s.hard_to_employ),
       db::Text(s.desired_industry), db::Text(s.desired_region), db::Int(s.desired_pay),
       db::Text(s.experience), db::Text(at), db::Int(s.id)});
}

Status SeekerRepository::LockClient(db::Connection& c, const std::string& client_hash) {
  if (c.engine() != db::Engine::kPostgres) return Status::Ok();
  uint64_t key = 0x5265637275697400ull;  // "Recruit" namespace, mixed with the hash
  for (size_t i = 0; i < 16 && i < client_hash.size(); ++i) {
    char h = client_hash[i];
    key = key << 4 ^ uint64_t(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
  }
  return c.Exec("SELECT pg_advisory_xact_lock(?)", {db::Int(int64_t(key))});
}

Result<int64_t> SeekerRepository::CountFromClient(db::Connection& c, const std::string& client_hash,
                                                  const std::string& since) {
  ASSIGN_OR_RETURN(auto r, c.One("SELECT COUNT(*) FROM jobseekers WHERE client_hash = ? AND "
                                 "created_at >= ?",
                                 {db::Text(client_hash), db::Text(since)}));
  return r.Int(0);
}

Result<std::vector<std::pair<Seeker, int>>> SeekerRepository::KeyGroupSeekers(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kSeekerSelect) +
                                     "WHERE u.disabled = 0 AND (s.graduate = 1 OR s.veteran = 1 "
                                     "OR s.hard_to_employ = 1) ORDER BY s.id"));
  std::vector<std::pair<Seeker, int>> out;
  for (const auto& r : res.rows) out.emplace_back(SeekerFrom(r), int(r.Int(17)));
  return out;
}

Result<std::optional<int64_t>> ApplicationRepository::Insert(db::Connection& c, const Job& j,
                                                             int64_t seeker_id,
                                                             const std::string& message,
                                                             const std::string& at) {
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional("INSERT INTO job_applications (job_id, enterprise_id, province_code, city_code, "
                 "county_code, town_code, seeker_id, message, state, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'applied', ?, ?) "
                 "ON CONFLICT (job_id, seeker_id) DO NOTHING RETURNING id",
                 {db::Int(j.id), db::Int(j.enterprise_id), db::Text(j.province_code),
                  OrNull(j.city_code), OrNull(j.county_code), OrNull(j.town_code),
                  db::Int(seeker_id), db::Text(message), db::Text(at), db::Text(at)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<std::optional<Application>> ApplicationRepository::Get(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional(std::string(kApplicationSelect) + "WHERE a.id = ?", {db::Int(id)}));
  if (!r) return std::optional<Application>();
  return std::optional<Application>(ApplicationFrom(*r));
}

Result<std::vector<Application>> ApplicationRepository::ForScope(db::Connection& c,
                                                                 const ApplicationFilter& f,
                                                                 const system::Scope& scope,
                                                                 const system::Page& page,
                                                                 int64_t* total) {
  db::Params p;
  std::string where = "WHERE 1 = 1" + system::ScopeClause(scope, "a", "a.enterprise_id", &p);
  if (f.job_id) {
    where += " AND a.job_id = ?";
    p.push_back(db::Int(*f.job_id));
  }
  if (!f.state.empty()) {
    where += " AND a.state = ?";
    p.push_back(db::Text(f.state));
  }
  return PagedApplications(c, where, std::move(p), page, total);
}

Result<std::vector<Application>> ApplicationRepository::ForSeeker(db::Connection& c,
                                                                  int64_t seeker_id,
                                                                  const system::Page& page,
                                                                  int64_t* total) {
  return PagedApplications(c, "WHERE a.seeker_id = ?", {db::Int(seeker_id)}, page, total);
}

Result<bool> ApplicationRepository::Move(db::Connection& c, int64_t id, const std::string& from,
                                         const std::string& to, const std::string& note,
                                         const std::string& at) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE job_applications SET state = ?, note = ?, "
                                      "updated_at = ? WHERE id = ? AND state = ? RETURNING id",
                                      {db::Text(to), db::Text(note), db::Text(at), db::Int(id),
                                       db::Text(from)}));
  return r.has_value();
}

}  // namespace fugong::recruitment
