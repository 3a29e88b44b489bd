#include "modules/hygiene/disinfection_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::hygiene {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }

// " AND …" conditions over hygiene_areas `a`.
std::string AreaWhere(const AreaQuery& q, db::Params* p) {
  std::string w;
  if (q.site_id) {
    w += " AND a.site_id = ?";
    p->push_back(db::Int(*q.site_id));
  }
  if (q.enterprise_id) {
    w += " AND a.enterprise_id = ?";
    p->push_back(db::Int(*q.enterprise_id));
  }
  if (q.area_id) {
    w += " AND a.id = ?";
    p->push_back(db::Int(*q.area_id));
  }
  if (q.active_only) w += " AND a.active = 1";
  if (q.scheduled_only) w += " AND a.interval_minutes IS NOT NULL";
  if (q.scope) w += system::ScopeClause(*q.scope, "a", "a.enterprise_id", p);
  if (!q.region_code.empty()) {
    // A region filter is a scope of that region.
    system::Scope region{false, q.region_code, q.region_level, std::nullopt};
    w += system::ScopeClause(region, "a", "a.enterprise_id", p);
  }
  return w;
}

constexpr const char* kAreaSelect =
    "SELECT a.id, a.enterprise_id, e.uscc, e.name, a.site_id, s.name, a.region_code, a.name, "
    "a.interval_minutes, a.window_start, a.window_end, a.active, a.created_at, a.updated_at "
    "FROM hygiene_areas a JOIN sites s ON s.id = a.site_id "
    "JOIN enterprises e ON e.id = a.enterprise_id WHERE 1 = 1";

Area AreaFrom(const db::Row& r) {
  Area a;
  a.id = r.Int(0);
  a.enterprise_id = r.Int(1);
  a.enterprise_uscc = r.Text(2);
  a.enterprise_name = r.Text(3);
  a.site_id = r.Int(4);
  a.site_name = r.Text(5);
  a.region_code = r.Text(6);
  a.name = r.Text(7);
  if (!r.IsNull(8))
    a.schedule = Schedule{int(r.Int(8)), int(r.Int(9)), int(r.IsNull(10) ? 1440 : r.Int(10))};
  a.active = r.Bool(11);
  a.created_at = r.Text(12);
  a.updated_at = r.Text(13);
  return a;
}

constexpr const char* kRecordSelect =
    "SELECT d.id, d.enterprise_id, d.site_id, d.area_id, a.name, d.day, d.at, d.agent, d.method, "
    "d.concentration, d.person, d.note, d.created_at "
    "FROM disinfections d JOIN hygiene_areas a ON a.id = d.area_id ";

Disinfection RecordFrom(const db::Row& r) {
  return Disinfection{r.Int(0),  r.Int(1),  r.Int(2),  r.Int(3),   r.Text(4),  r.Text(5), r.Text(6),
                      r.Text(7), r.Text(8), r.Text(9), r.Text(10), r.Text(11), r.Text(12)};
}

std::string RecordWhere(int64_t site_id, const DisinfectionFilter& f, db::Params* p) {
  std::string w = "WHERE d.site_id = ? AND d.day = ?";
  p->push_back(db::Int(site_id));
  p->push_back(db::Text(f.day));
  if (f.area_id) {
    w += " AND d.area_id = ?";
    p->push_back(db::Int(*f.area_id));
  }
  return w;
}

void AppendSchedule(const std::optional<Schedule>& s, db::Params* p) {
  p->push_back(s ? db::Int(s->interval_minutes) : db::Null());
  p->push_back(s ? db::Int(s->window_start) : db::Null());
  p->push_back(s ? db::Int(s->window_end) : db::Null());
}

}  // namespace

Result<std::optional<SiteRef>> DisinfectionRepository::GetSite(db::Connection& c, int64_t site_id,
                                                               const system::Scope& scope) {
  db::Params p{db::Int(site_id)};
  std::string sql =
      "SELECT s.id, s.enterprise_id, e.uscc, e.name, s.name, s.region_code, s.active "
      "FROM sites s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.id = ?" +
      system::ScopeClause(scope, "s", "s.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<SiteRef>();
  return std::optional<SiteRef>(
      SiteRef{r->Int(0), r->Int(1), r->Text(2), r->Text(3), r->Text(4), r->Text(5), r->Bool(6)});
}

Result<int> DisinfectionRepository::CountSites(db::Connection& c, int64_t enterprise_id) {
  ASSIGN_OR_RETURN(auto r,
                   c.One("SELECT COUNT(*) FROM sites WHERE enterprise_id = ? AND active = 1",
                         {db::Int(enterprise_id)}));
  return int(r.Int(0));
}

Result<std::optional<int64_t>> DisinfectionRepository::InsertArea(
    db::Connection& c, int64_t site_id, const std::string& name,
    const std::optional<Schedule>& schedule, int64_t by) {
  // The site's enterprise and region columns, copied onto the area. (Not an
  // INSERT … SELECT: PostgreSQL would type its untyped parameters as text.)
  ASSIGN_OR_RETURN(auto site, c.One("SELECT enterprise_id, region_code, province_code, city_code, "
                                    "county_code, town_code FROM sites WHERE id = ?",
                                    {db::Int(site_id)}));
  std::string now = NowTimestamp();
  db::Params p{db::Int(site.Int(0)), db::Int(site_id)};
  for (size_t i = 1; i <= 5; ++i) p.push_back(site.IsNull(i) ? db::Null() : db::Text(site.Text(i)));
  p.push_back(db::Text(name));
  AppendSchedule(schedule, &p);
  for (db::Value v : {db::Text(now), ById(by), db::Text(now), ById(by)}) p.push_back(std::move(v));
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional("INSERT INTO hygiene_areas (enterprise_id, site_id, region_code, province_code, "
                 "city_code, county_code, town_code, name, interval_minutes, window_start, "
                 "window_end, created_at, created_by, updated_at, updated_by) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (site_id, name) DO NOTHING RETURNING id",
                 p));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<bool> DisinfectionRepository::AreaNameTaken(db::Connection& c, int64_t site_id,
                                                   const std::string& name, int64_t except_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id FROM hygiene_areas WHERE site_id = ? AND name = ? "
                                      "AND id <> ?",
                                      {db::Int(site_id), db::Text(name), db::Int(except_id)}));
  return r.has_value();
}

Status DisinfectionRepository::UpdateArea(db::Connection& c, int64_t id, const Area& a,
                                          int64_t by) {
  db::Params p{db::Text(a.name)};
  AppendSchedule(a.schedule, &p);
  for (db::Value v : {db::Bool(a.active), db::Text(NowTimestamp()), ById(by), db::Int(id)})
    p.push_back(std::move(v));
  return c.Exec(
      "UPDATE hygiene_areas SET name = ?, interval_minutes = ?, window_start = ?, window_end = ?, "
      "active = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      p);
}

Result<std::vector<Area>> DisinfectionRepository::Areas(db::Connection& c, const AreaQuery& q) {
  db::Params p;
  std::string sql = std::string(kAreaSelect) + AreaWhere(q, &p) + " ORDER BY a.site_id, a.id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<Area> out;
  out.reserve(res.rows.size());
  for (const auto& r : res.rows) out.push_back(AreaFrom(r));
  return out;
}

Result<std::optional<Area>> DisinfectionRepository::GetArea(db::Connection& c, int64_t id,
                                                            const system::Scope& scope) {
  AreaQuery q;
  q.area_id = id;
  q.scope = &scope;
  ASSIGN_OR_RETURN(auto list, Areas(c, q));
  if (list.empty()) return std::optional<Area>();
  return std::optional<Area>(std::move(list.front()));
}

Result<int64_t> DisinfectionRepository::InsertDisinfection(db::Connection& c, const Area& area,
                                                           const NewDisinfection& d,
                                                           const std::string& day, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO disinfections (enterprise_id, site_id, area_id, day, at, agent, "
            "method, concentration, person, note, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Int(area.enterprise_id), db::Int(area.site_id), db::Int(area.id), db::Text(day),
             db::Text(d.at), db::Text(d.agent), db::Text(d.method), db::Text(d.concentration),
             db::Text(d.person), db::Text(d.note), db::Text(NowTimestamp()), ById(by)}));
  return r.Int(0);
}

Result<std::vector<Disinfection>> DisinfectionRepository::List(db::Connection& c, int64_t site_id,
                                                               const DisinfectionFilter& f,
                                                               const system::Page& page,
                                                               int64_t* total) {
  db::Params p;
  std::string where = RecordWhere(site_id, f, &p);
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM disinfections d " + where, p));
  if (total) *total = count.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kRecordSelect) + where +
                                         " ORDER BY d.at DESC, d.id DESC LIMIT ? OFFSET ?",
                                     p));
  std::vector<Disinfection> out;
  for (const auto& r : res.rows) out.push_back(RecordFrom(r));
  return out;
}

Status DisinfectionRepository::ForEach(db::Connection& c, int64_t site_id,
                                       const DisinfectionFilter& f,
                                       const std::function<Status(const Disinfection&)>& fn) {
  db::Params p;
  std::string where = RecordWhere(site_id, f, &p);
  return c.ForEach(std::string(kRecordSelect) + where + " ORDER BY d.at, d.id", p,
                   [&](const db::Row& r) { return fn(RecordFrom(r)); });
}

Result<std::optional<Disinfection>> DisinfectionRepository::GetDisinfection(db::Connection& c,
                                                                            int64_t id) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional(std::string(kRecordSelect) + "WHERE d.id = ?", {db::Int(id)}));
  if (!r) return std::optional<Disinfection>();
  return std::optional<Disinfection>(RecordFrom(*r));
}

Result<std::vector<DayRecord>> DisinfectionRepository::DayRecords(db::Connection& c,
                                                                  const AreaQuery& q,
                                                                  const std::string& day) {
  db::Params p{db::Text(day)};
  std::string sql =
      "SELECT d.area_id, d.at, d.agent, d.person FROM disinfections d "
      "JOIN hygiene_areas a ON a.id = d.area_id WHERE d.day = ?" +
      AreaWhere(q, &p) + " ORDER BY d.at, d.id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<DayRecord> out;
  out.reserve(res.rows.size());
  for (const auto& r : res.rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

Result<std::map<int64_t, LastRecord>> DisinfectionRepository::LastRecords(db::Connection& c,
                                                                          const AreaQuery& q,
                                                                          const std::string& day) {
  db::Params p{db::Text(day)};
  std::string sql =
      "SELECT d.area_id, d.at, d.agent, d.person FROM disinfections d JOIN ("
      "SELECT d2.area_id, MAX(d2.at) AS last_at FROM disinfections d2 "
      "JOIN hygiene_areas a ON a.id = d2.area_id WHERE d2.day <= ?" +
      AreaWhere(q, &p) +
      " GROUP BY d2.area_id) m ON m.area_id = d.area_id AND m.last_at = d.at ORDER BY d.id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::map<int64_t, LastRecord> out;
  // Two records at the same second: the later entry wins.
  for (const auto& r : res.rows) out[r.Int(0)] = LastRecord{r.Text(1), r.Text(2), r.Text(3)};
  return out;
}

}  // namespace fugong::hygiene
