#include "modules/project/project_repository.h"

#include <map>

#include "core/clock.h"
#include "modules/project/rules.h"
#include "modules/stats/snapshot.h"
#include "system/scope_sql.h"

namespace fugong::project {
namespace {

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value ById(int64_t id) { return id ? db::Int(id) : db::Null(); }

void AppendPlace(const Place& p, db::Params* out) {
  out->push_back(db::Text(p.region_code));
  out->push_back(db::Text(p.province_code));
  out->push_back(OrNull(p.city_code));
  out->push_back(OrNull(p.county_code));
  out->push_back(OrNull(p.town_code));
}

// The caller's scope over projects `p`: a region subtree, or for an
// enterprise the projects it owns or builds.
std::string ProjectScope(const system::Scope& s, db::Params* p) {
  if (!s.all && s.region_code.empty() && s.enterprise_id) {
    p->push_back(db::Int(*s.enterprise_id));
    p->push_back(db::Int(*s.enterprise_id));
    return " AND (p.enterprise_id = ? OR EXISTS (SELECT 1 FROM project_contractors pc "
           "WHERE pc.project_id = p.id AND pc.enterprise_id = ?))";
  }
  return system::ScopeClause(s, "p", "p.enterprise_id", p);
}

constexpr const char* kSelect =
    "SELECT p.id, p.code, p.name, p.enterprise_id, e.uscc, e.name, p.region_code, "
    "p.province_code, p.city_code, p.county_code, p.town_code, p.category, p.total_investment, "
    "p.annual_plan, p.planned_start, p.actual_start, p.planned_end, p.workers_planned, p.status, "
    "p.status_date, p.note, p.created_at, p.updated_at, r.workers_on_site, "
    "r.investment_completed, r.day, g.name "
    "FROM projects p JOIN enterprises e ON e.id = p.enterprise_id "
    "LEFT JOIN regions g ON g.code = p.region_code "
    "LEFT JOIN project_reports r ON r.id = (SELECT r2.id FROM project_reports r2 "
    "WHERE r2.project_id = p.id ORDER BY r2.day DESC LIMIT 1) ";

Project From(const db::Row& r) {
  Project p;
  p.id = r.Int(0);
  p.code = r.Text(1);
  p.name = r.Text(2);
  p.owner = Party{r.Int(3), r.Text(4), r.Text(5)};
  p.region_code = r.Text(6);
  p.province_code = r.Text(7);
  p.city_code = r.Text(8);
  p.county_code = r.Text(9);
  p.town_code = r.Text(10);
  p.category = r.Text(11);
  p.total_investment = r.Real(12);
  p.annual_plan = r.Real(13);
  p.planned_start = r.Text(14);
  p.actual_start = r.Text(15);
  p.planned_end = r.Text(16);
  p.workers_planned = r.Int(17);
  p.status = r.Text(18);
  p.status_date = r.Text(19);
  p.note = r.Text(20);
  p.created_at = r.Text(21);
  p.updated_at = r.Text(22);
  if (!r.IsNull(25)) {
    p.workers_on_site = r.Int(23);
    p.investment_completed = r.Real(24);
    p.last_report_day = r.Text(25);
  }
  p.region_name = r.Text(26);
  return p;
}

std::string Where(const ProjectFilter& f, const system::Scope& scope, db::Params* p) {
  std::string where = " WHERE 1 = 1" + ProjectScope(scope, p);
  if (!f.region_code.empty() && f.region_level > 0) {
    system::Scope region{false, f.region_code, f.region_level, std::nullopt};
    where += system::ScopeClause(region, "p", "p.enterprise_id", p);
  }
  if (!f.q.empty()) {
    where += " AND (p.name LIKE ? OR p.code LIKE ?)";
    p->push_back(db::Text("%" + f.q + "%"));
    p->push_back(db::Text("%" + f.q + "%"));
  }
  if (!f.category.empty()) {
    where += " AND p.category = ?";
    p->push_back(db::Text(f.category));
  }
  if (!f.status.empty()) {
    where += " AND p.status = ?";
    p->push_back(db::Text(f.status));
  }
  return where;
}

}  // namespace

Result<std::optional<Party>> ProjectRepository::EnterpriseByUscc(db::Connection& c,
                                                                 const std::string& uscc) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id, uscc, name FROM enterprises WHERE uscc = ?",
                                      {db::Text(uscc)}));
  if (!r) return std::optional<Party>();
  return std::optional<Party>(Party{r->Int(0), r->Text(1), r->Text(2)});
}

Result<std::optional<Official>> ProjectRepository::OfficialByUsername(db::Connection& c,
                                                                      const std::string& username) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id, username, display_name FROM users "
                                      "WHERE username = ? AND enterprise_id IS NULL",
                                      {db::Text(username)}));
  if (!r) return std::optional<Official>();
  return std::optional<Official>(Official{r->Int(0), r->Text(1), r->Text(2)});
}

Result<std::optional<std::pair<int64_t, bool>>> ProjectRepository::IdByCode(
    db::Connection& c, const std::string& code, const system::Scope& scope) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id FROM projects WHERE code = ?", {db::Text(code)}));
  if (!r) return std::optional<std::pair<int64_t, bool>>();
  db::Params p{db::Int(r->Int(0))};
  ASSIGN_OR_RETURN(
      auto in,
      c.Optional("SELECT p.id FROM projects p WHERE p.id = ?" + ProjectScope(scope, &p), p));
  return std::optional<std::pair<int64_t, bool>>({r->Int(0), in.has_value()});
}

Result<int64_t> ProjectRepository::Insert(db::Connection& c, const ProjectInput& in, int64_t owner,
                                          const Place& place, int64_t by) {
  std::string now = NowTimestamp();
  db::Params p{db::Text(in.code), db::Text(in.name), db::Int(owner)};
  AppendPlace(place, &p);
  for (db::Value v : {db::Text(in.category), db::Real(in.total_investment),
                      db::Real(in.annual_plan), OrNull(in.planned_start), OrNull(in.actual_start),
                      OrNull(in.planned_end), db::Int(in.workers_planned), db::Text(in.note),
                      db::Text(now), ById(by), db::Text(now), ById(by)})
    p.push_back(std::move(v));
  ASSIGN_OR_RETURN(
      auto r, c.One("INSERT INTO projects (code, name, enterprise_id, region_code, province_code, "
                    "city_code, county_code, town_code, category, total_investment, annual_plan, "
                    "planned_start, actual_start, planned_end, workers_planned, note, "
                    "created_at, created_by, updated_at, updated_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "RETURNING id",
                    p));
  return r.Int(0);
}

Status ProjectRepository::Update(db::Connection& c, int64_t id, const ProjectInput& in,
                                 int64_t owner, const Place& place, int64_t by) {
  db::Params p{db::Text(in.name), db::Int(owner)};
  AppendPlace(place, &p);
  for (db::Value v : {db::Text(in.category), db::Real(in.total_investment),
                      db::Real(in.annual_plan), OrNull(in.planned_start), OrNull(in.actual_start),
                      OrNull(in.planned_end), db::Int(in.workers_planned), db::Text(in.note),
                      db::Text(NowTimestamp()), ById(by), db::Int(id)})
    p.push_back(std::move(v));
  RETURN_IF_ERROR(
      c.Exec("UPDATE projects SET name = ?, enterprise_id = ?, region_code = ?, province_code = ?, "
             "city_code = ?, county_code = ?, town_code = ?, category = ?, total_investment = ?, "
             "annual_plan = ?, planned_start = ?, actual_start = ?, planned_end = ?, "
             "workers_planned = ?, note = ?, updated_at = ?, updated_by = ? WHERE id = ?",
             p));
  // The project's rows follow its owner and region.
  db::Params q{db::Int(owner)};
  AppendPlace(place, &q);
  q.push_back(db::Int(id));
  for (const char* table : {"project_status_history", "project_officials", "project_reports"})
    RETURN_IF_ERROR(c.Exec(std::string("UPDATE ") + table +
                               " SET enterprise_id = ?, region_code = ?, province_code = ?, "
                               "city_code = ?, county_code = ?, town_code = ? WHERE project_id = ?",
                           q));
  return Status::Ok();
}

Status ProjectRepository::SetContractors(db::Connection& c, int64_t id,
                                         const std::vector<int64_t>& ids, const Place& place) {
  RETURN_IF_ERROR(c.Exec("DELETE FROM project_contractors WHERE project_id = ?", {db::Int(id)}));
  for (int64_t e : ids) {
    db::Params p{db::Int(id), db::Int(e)};
    AppendPlace(place, &p);
    RETURN_IF_ERROR(
        c.Exec("INSERT INTO project_contractors (project_id, enterprise_id, "
               "region_code, province_code, city_code, county_code, town_code) "
               "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, enterprise_id) "
               "DO NOTHING",
               p));
  }
  return Status::Ok();
}

Status ProjectRepository::SetOfficials(db::Connection& c, int64_t id, int64_t owner,
                                       const std::vector<int64_t>& user_ids, const Place& place) {
  RETURN_IF_ERROR(c.Exec("DELETE FROM project_officials WHERE project_id = ?", {db::Int(id)}));
  for (int64_t u : user_ids) {
    db::Params p{db::Int(id), db::Int(u), db::Int(owner)};
    AppendPlace(place, &p);
    RETURN_IF_ERROR(
        c.Exec("INSERT INTO project_officials (project_id, user_id, enterprise_id, "
               "region_code, province_code, city_code, county_code, town_code) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, user_id) "
               "DO NOTHING",
               p));
  }
  return Status::Ok();
}

Status ProjectRepository::AddStatus(db::Connection& c, int64_t id, int64_t owner,
                                    const Place& place, const std::string& status,
                                    const std::string& date, const std::string& note, int64_t by) {
  RETURN_IF_ERROR(
      c.Exec("DELETE FROM project_status_history WHERE project_id = ? AND effective_date = ?",
             {db::Int(id), db::Text(date)}));
  db::Params p{db::Int(id), db::Int(owner)};
  AppendPlace(place, &p);
  for (db::Value v :
       {db::Text(status), db::Text(date), db::Text(note), db::Text(NowTimestamp()), ById(by)})
    p.push_back(std::move(v));
  RETURN_IF_ERROR(
      c.Exec("INSERT INTO project_status_history (project_id, enterprise_id, "
             "region_code, province_code, city_code, county_code, town_code, status, "
             "effective_date, note, created_at, created_by) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             p));
  ASSIGN_OR_RETURN(auto last, c.One("SELECT status, effective_date FROM project_status_history "
                                    "WHERE project_id = ? ORDER BY effective_date DESC, id DESC "
                                    "LIMIT 1",
                                    {db::Int(id)}));
  RETURN_IF_ERROR(c.Exec("UPDATE projects SET status = ?, status_date = ? WHERE id = ?",
                         {db::Text(last.Text(0)), db::Text(last.Text(1)), db::Int(id)}));
  if (status == "resumed")
    RETURN_IF_ERROR(
        c.Exec("UPDATE projects SET actual_start = ? WHERE id = ? AND "
               "(actual_start IS NULL OR actual_start > ?)",
               {db::Text(date), db::Int(id), db::Text(date)}));
  return Status::Ok();
}

Result<std::optional<Project>> ProjectRepository::Get(db::Connection& c, int64_t id,
                                                      const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kSelect) + "WHERE p.id = ?" + ProjectScope(scope, &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Project>();
  return std::optional<Project>(From(*r));
}

Result<std::vector<Project>> ProjectRepository::List(db::Connection& c, const ProjectFilter& f,
                                                     const system::Scope& scope,
                                                     const system::Page& page, int64_t* total) {
  db::Params p;
  std::string where = Where(f, scope, &p);
  ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM projects p" + where, p));
  *total = n.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kSelect) + where + " ORDER BY p.code LIMIT ? OFFSET ?", p));
  std::vector<Project> out;
  for (const auto& r : res.rows) out.push_back(From(r));
  return out;
}

Status ProjectRepository::ForEach(db::Connection& c, const ProjectFilter& f,
                                  const system::Scope& scope,
                                  const std::function<Status(const Project&)>& fn) {
  db::Params p;
  std::string where = Where(f, scope, &p);
  return c.ForEach(std::string(kSelect) + where + " ORDER BY p.code", p,
                   [&](const db::Row& r) { return fn(From(r)); });
}

Result<std::vector<Party>> ProjectRepository::Contractors(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT e.id, e.uscc, e.name FROM project_contractors pc "
                                     "JOIN enterprises e ON e.id = pc.enterprise_id "
                                     "WHERE pc.project_id = ? ORDER BY e.uscc",
                                     {db::Int(id)}));
  std::vector<Party> out;
  for (const auto& r : res.rows) out.push_back(Party{r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

Result<std::vector<Official>> ProjectRepository::Officials(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT u.id, u.username, u.display_name FROM "
                                     "project_officials o JOIN users u ON u.id = o.user_id "
                                     "WHERE o.project_id = ? ORDER BY u.username",
                                     {db::Int(id)}));
  std::vector<Official> out;
  for (const auto& r : res.rows) out.push_back(Official{r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

Result<std::vector<StatusEntry>> ProjectRepository::History(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT status, effective_date, note, created_at FROM "
                                     "project_status_history WHERE project_id = ? "
                                     "ORDER BY effective_date, id",
                                     {db::Int(id)}));
  std::vector<StatusEntry> out;
  for (const auto& r : res.rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

Result<bool> ProjectRepository::UpsertReport(db::Connection& c, const Project& pr,
                                             const Report& rep, int64_t by) {
  ASSIGN_OR_RETURN(auto old, c.Optional("SELECT id FROM project_reports WHERE project_id = ? "
                                        "AND day = ?",
                                        {db::Int(pr.id), db::Text(rep.day)}));
  db::Params p{db::Int(pr.id), db::Int(pr.owner.enterprise_id)};
  AppendPlace(Place{pr.region_code, pr.province_code, pr.city_code, pr.county_code, pr.town_code},
              &p);
  for (db::Value v :
       {db::Text(rep.day), db::Int(rep.workers_on_site), db::Real(rep.investment_completed),
        db::Text(rep.note), db::Text(NowTimestamp()), ById(by)})
    p.push_back(std::move(v));
  RETURN_IF_ERROR(c.Exec(
      "INSERT INTO project_reports (project_id, enterprise_id, region_code, province_code, "
      "city_code, county_code, town_code, day, workers_on_site, investment_completed, note, "
      "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (project_id, day) DO UPDATE SET workers_on_site = excluded.workers_on_site, "
      "investment_completed = excluded.investment_completed, note = excluded.note, "
      "version = project_reports.version + 1, created_at = excluded.created_at, "
      "created_by = excluded.created_by",
      p));
  return !old.has_value();
}

Result<std::vector<Report>> ProjectRepository::Reports(db::Connection& c, int64_t id, int limit) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query("SELECT id, project_id, day, workers_on_site, investment_completed, "
                           "note, version, created_at FROM project_reports WHERE project_id = ? "
                           "ORDER BY day DESC LIMIT ?",
                           {db::Int(id), db::Int(limit)}));
  std::vector<Report> out;
  for (const auto& r : res.rows) {
    Report rep;
    rep.id = r.Int(0);
    rep.project_id = r.Int(1);
    rep.day = r.Text(2);
    rep.workers_on_site = r.Int(3);
    rep.investment_completed = r.Real(4);
    rep.note = r.Text(5);
    rep.version = r.Int(6);
    rep.created_at = r.Text(7);
    out.push_back(std::move(rep));
  }
  return out;
}

Result<bool> ProjectRepository::IsParty(db::Connection& c, int64_t project_id,
                                        int64_t enterprise_id) {
  ASSIGN_OR_RETURN(
      auto r, c.Optional("SELECT p.id FROM projects p WHERE p.id = ? AND "
                         "(p.enterprise_id = ? OR EXISTS (SELECT 1 FROM "
                         "project_contractors pc WHERE pc.project_id = p.id AND "
                         "pc.enterprise_id = ?))",
                         {db::Int(project_id), db::Int(enterprise_id), db::Int(enterprise_id)}));
  return r.has_value();
}

Result<bool> ProjectRepository::LinkSite(db::Connection& c, int64_t project_id, int64_t site_id,
                                         const std::vector<int64_t>& enterprises) {
  ASSIGN_OR_RETURN(auto s,
                   c.Optional("SELECT enterprise_id FROM sites WHERE id = ?", {db::Int(site_id)}));
  if (!s) return false;
  bool party = false;
  for (int64_t e : enterprises) party = party || e == s->Int(0);
  if (!party) return false;
  RETURN_IF_ERROR(c.Exec("UPDATE sites SET project_id = ? WHERE id = ?",
                         {db::Int(project_id), db::Int(site_id)}));
  return true;
}

Result<bool> ProjectRepository::UnlinkSite(db::Connection& c, int64_t project_id, int64_t site_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE sites SET project_id = NULL WHERE id = ? AND "
                                      "project_id = ? RETURNING id",
                                      {db::Int(site_id), db::Int(project_id)}));
  return r.has_value();
}

Result<std::vector<ProjectSite>> ProjectRepository::Sites(db::Connection& c, int64_t project_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT s.id, s.name, e.uscc, e.name, s.active FROM sites s "
                                     "JOIN enterprises e ON e.id = s.enterprise_id "
                                     "WHERE s.project_id = ? ORDER BY s.id",
                                     {db::Int(project_id)}));
  std::vector<ProjectSite> out;
  for (const auto& r : res.rows)
    out.push_back(ProjectSite{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0});
  return out;
}

Result<std::vector<LinkedDemand>> ProjectRepository::Demands(db::Connection& c,
                                                             int64_t project_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT d.id, d.title, d.category, d.state, d.created_at, "
                                     "d.resolved_at, e.name FROM demands d JOIN enterprises e "
                                     "ON e.id = d.enterprise_id WHERE d.project_id = ? "
                                     "ORDER BY d.id DESC",
                                     {db::Int(project_id)}));
  std::vector<LinkedDemand> out;
  for (const auto& r : res.rows)
    out.push_back(
        LinkedDemand{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)});
  return out;
}

Result<ProblemFigures> ProjectRepository::Problems(db::Connection& c, const system::Scope& region,
                                                   const std::string& from, const std::string& to) {
  ProblemFigures f;
  f.from = from;
  f.to = to;
  // Timestamps are ISO text with +08:00: the business date is the first 10 characters.
  std::string lo = from, hi = to + "T99";
  db::Params p{db::Text(lo), db::Text(hi)};
  std::string scope = system::ScopeClause(region, "p", "p.enterprise_id", &p);
  std::string join = " FROM demands d JOIN projects p ON p.id = d.project_id ";
  ASSIGN_OR_RETURN(auto solved,
                   c.One("SELECT COUNT(DISTINCT d.project_id), COUNT(*)" + join +
                             "WHERE d.resolved_at IS NOT NULL AND d.resolved_at >= ? AND "
                             "d.resolved_at < ? AND d.state IN ('resolved', 'rated')" +
                             scope,
                         p));
  f.projects_helped = solved.Int(0);
  f.solved = solved.Int(1);
  ASSIGN_OR_RETURN(auto by_cat,
                   c.Query("SELECT d.category, COUNT(*)" + join +
                               "WHERE d.resolved_at IS NOT NULL AND d.resolved_at >= ? AND "
                               "d.resolved_at < ? AND d.state IN ('resolved', 'rated')" +
                               scope + " GROUP BY d.category ORDER BY COUNT(*) DESC, d.category",
                           p));
  for (const auto& r : by_cat.rows) f.by_category.push_back({r.Text(0), r.Int(1)});
  ASSIGN_OR_RETURN(
      auto raised,
      c.One("SELECT COUNT(*)" + join + "WHERE d.created_at >= ? AND d.created_at < ?" + scope, p));
  f.raised = raised.Int(0);
  db::Params q;
  std::string scope2 = system::ScopeClause(region, "p", "p.enterprise_id", &q);
  ASSIGN_OR_RETURN(
      auto open,
      c.One("SELECT COUNT(*)" + join + "WHERE d.state NOT IN ('resolved', 'rated')" + scope2, q));
  f.open = open.Int(0);
  return f;
}

Result<std::vector<Fact>> ProjectRepository::Facts(db::Connection& c, const system::Scope& region,
                                                   const std::string& category,
                                                   const std::string& date) {
  db::Params p;
  std::string where = " WHERE 1 = 1" + system::ScopeClause(region, "p", "p.enterprise_id", &p);
  if (!category.empty() && category != "all") {
    where += " AND p.category = ?";
    p.push_back(db::Text(category));
  }
  std::vector<Fact> out;
  std::map<int64_t, size_t> index;
  ASSIGN_OR_RETURN(auto res,
                   c.Query("SELECT p.id, p.province_code, p.city_code, p.county_code, "
                           "p.town_code, p.category, p.annual_plan, p.workers_planned, p.code, "
                           "p.name, p.region_code, e.name FROM projects p JOIN enterprises e ON "
                           "e.id = p.enterprise_id" +
                               where + " ORDER BY p.code",
                           p));
  for (const auto& r : res.rows) {
    Fact f;
    f.id = r.Int(0);
    for (int lvl = 1; lvl <= 4; ++lvl) f.codes[lvl] = stats::CodeNumber(r.Text(lvl));
    f.category = r.Text(5);
    f.annual_plan = r.Real(6);
    f.workers_planned = r.Int(7);
    f.code = r.Text(8);
    f.name = r.Text(9);
    f.region_code = r.Text(10);
    f.owner_name = r.Text(11);
    index[f.id] = out.size();
    out.push_back(std::move(f));
  }
  if (out.empty()) return out;
  // The history of those projects.
  ASSIGN_OR_RETURN(auto hist, c.Query("SELECT h.project_id, h.status, h.effective_date FROM "
                                      "project_status_history h JOIN projects p ON p.id = "
                                      "h.project_id" +
                                          where + " ORDER BY h.project_id, h.effective_date, h.id",
                                      p));
  for (const auto& r : hist.rows) {
    auto it = index.find(r.Int(0));
    auto d = ParseDate(r.Text(2));
    int s = StatusIndex(r.Text(1));
    if (it == index.end() || !d || s < 0) continue;
    out[it->second].history.push_back({int32_t(d->time_since_epoch().count()), uint8_t(s)});
    out[it->second].status_date = r.Text(2);
  }
  // The year's latest report on or before the date, and that day's headcount.
  db::Params rp{db::Text(date.substr(0, 4) + "-01-01"), db::Text(date)};
  std::string rscope = system::ScopeClause(region, "r", "r.enterprise_id", &rp);
  ASSIGN_OR_RETURN(auto reps, c.Query("SELECT r.project_id, r.day, r.investment_completed, "
                                      "r.workers_on_site FROM project_reports r WHERE r.day >= ? "
                                      "AND r.day <= ?" +
                                          rscope + " ORDER BY r.project_id, r.day",
                                      rp));
  for (const auto& r : reps.rows) {
    auto it = index.find(r.Int(0));
    if (it == index.end()) continue;
    Fact& f = out[it->second];
    f.investment_completed = r.Real(2);
    f.reported_workers = r.Text(1) == date ? r.Int(3) : -1;
  }
  // Employees admitted at the project's sites that day (the gate's headcount).
  db::Params gp{db::Text(date)};
  std::string gscope = system::ScopeClause(region, "p", "p.enterprise_id", &gp);
  ASSIGN_OR_RETURN(auto gates,
                   c.Query("SELECT s.project_id, COUNT(DISTINCT l.employee_id) FROM entry_logs l "
                           "JOIN sites s ON s.id = l.site_id JOIN projects p ON p.id = "
                           "s.project_id WHERE l.day = ? AND l.decision = 'admit' AND "
                           "l.person_kind = 'employee'" +
                               gscope + " GROUP BY s.project_id",
                           gp));
  for (const auto& r : gates.rows) {
    auto it = index.find(r.Int(0));
    if (it != index.end() && r.Int(1) > 0) out[it->second].gate_workers = r.Int(1);
  }
  return out;
}

}  // namespace fugong::project
