#include "modules/responsibility/responsibility_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::responsibility {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

// A region filter is a scope over the same columns.
std::string RegionClause(const std::string& code, int level, const std::string& alias,
                         db::Params* p) {
  if (code.empty() || level < 1) return "";
  system::Scope s;
  s.region_code = code;
  s.region_level = level;
  return system::ScopeClause(s, alias, alias + ".enterprise_id", p);
}

constexpr const char* kChainSelect =
    "SELECT e.id, e.uscc, e.name, e.region_code, r.name, e.size, e.work_status, "
    "e.above_scale_industrial, e.key_enterprise, e.small_micro "
    "FROM enterprises e JOIN regions r ON r.code = e.region_code "
    "LEFT JOIN responsibility_links lc ON lc.enterprise_id = e.id AND lc.role = 'cadre' ";

Chain ChainFrom(const db::Row& r) {
  Chain ch;
  ch.enterprise_id = r.Int(0);
  ch.uscc = r.Text(1);
  ch.name = r.Text(2);
  ch.region_code = r.Text(3);
  ch.region_name = r.Text(4);
  ch.size = r.Text(5);
  ch.work_status = r.Text(6);
  ch.above_scale_industrial = r.Bool(7);
  ch.key_enterprise = r.Bool(8);
  ch.small_micro = r.Bool(9);
  return ch;
}

constexpr const char* kKey = "(e.above_scale_industrial = 1 OR e.key_enterprise = 1)";

// WHERE for chains: not closed, the scope, the filter.
std::string ChainWhere(const ChainFilter& f, const system::Scope& scope, db::Params* p) {
  // The scope clause over "e" uses e.id as the enterprise column.
  std::string where =
      " WHERE e.work_status <> 'closed'" + system::ScopeClause(scope, "e", "e.id", p);
  if (!f.region_code.empty() && f.region_level >= 1) {
    system::Scope s;
    s.region_code = f.region_code;
    s.region_level = f.region_level;
    where += system::ScopeClause(s, "e", "e.id", p);
  }
  if (!f.q.empty()) {
    where += " AND (e.name LIKE ? OR e.uscc LIKE ?)";
    p->push_back(db::Text("%" + f.q + "%"));
    p->push_back(db::Text(f.q + "%"));
  }
  if (f.coverage == "none") where += " AND lc.enterprise_id IS NULL";
  if (f.coverage == "covered") where += " AND lc.enterprise_id IS NOT NULL";
  if (f.coverage == "no_division")
    where += std::string(" AND ") + kKey +
             " AND (lc.enterprise_id IS NULL OR lc.cadre_rank <> 'division')";
  if (f.flag == "above_scale_industrial") where += " AND e.above_scale_industrial = 1";
  if (f.flag == "key_enterprise") where += " AND e.key_enterprise = 1";
  if (f.flag == "key") where += std::string(" AND ") + kKey;
  if (f.flag == "small_micro")
    where += " AND (e.small_micro = 1 OR e.size = 'small' OR e.size = 'micro')";
  if (f.user_id) {
    where +=
        " AND EXISTS (SELECT 1 FROM responsibility_links lu WHERE lu.enterprise_id = e.id "
        "AND lu.user_id = ?)";
    p->push_back(db::Int(*f.user_id));
  }
  if (!f.usccs.empty()) {
    where += " AND e.uscc IN (";
    for (size_t i = 0; i < f.usccs.size(); ++i) {
      where += i ? ", ?" : "?";
      p->push_back(db::Text(f.usccs[i]));
    }
    where += ")";
  }
  return where;
}

constexpr const char* kLinkSelect =
    "SELECT l.enterprise_id, l.role, l.user_id, u.username, l.name, l.phone, l.unit, "
    "l.cadre_rank, l.override_reason, l.updated_at "
    "FROM responsibility_links l LEFT JOIN users u ON u.id = l.user_id ";

Link LinkFrom(const db::Row& r) {
  Link l;
  l.role = r.Text(1);
  if (!r.IsNull(2)) l.user_id = r.Int(2);
  l.username = r.Text(3);
  l.name = r.Text(4);
  l.phone = r.Text(5);
  l.unit = r.Text(6);
  l.rank = r.Text(7);
  l.override_reason = r.Text(8);
  l.updated_at = r.Text(9);
  return l;
}

int RoleOrder(const std::string& role) {
  for (size_t i = 0; i < std::size(kLinkRoles); ++i)
    if (kLinkRoles[i] == role) return static_cast<int>(i);
  return 99;
}

Status FillLinks(db::Connection& c, std::vector<Chain>* chains) {
  if (chains->empty()) return Status::Ok();
  std::map<int64_t, Chain*> by_id;
  db::Params p;
  std::string sql = std::string(kLinkSelect) + "WHERE l.enterprise_id IN (";
  for (auto& ch : *chains) {
    sql += by_id.empty() ? "?" : ", ?";
    by_id[ch.enterprise_id] = &ch;
    p.push_back(db::Int(ch.enterprise_id));
  }
  sql += ")";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  for (const auto& r : res.rows) {
    auto it = by_id.find(r.Int(0));
    if (it != by_id.end()) it->second->links.push_back(LinkFrom(r));
  }
  for (auto& ch : *chains)
    std::sort(ch.links.begin(), ch.links.end(),
              [](const Link& a, const Link& b) { return RoleOrder(a.role) < RoleOrder(b.role); });
  return Status::Ok();
}

constexpr const char* kUserSelect =
    "SELECT u.id, u.username, u.display_name, COALESCE(u.region_code, ''), u.cadre_rank, "
    "u.disabled, (SELECT COUNT(*) FROM user_roles ur WHERE ur.user_id = u.id AND ur.role = "
    "'cadre') FROM users u ";

LinkUser UserFrom(const db::Row& r) {
  LinkUser u;
  u.id = r.Int(0);
  u.username = r.Text(1);
  u.display_name = r.Text(2);
  u.region_code = r.Text(3);
  u.rank = r.Text(4);
  u.disabled = r.Bool(5);
  u.is_cadre = r.Int(6) > 0;
  return u;
}

constexpr const char* kVisitSelect =
    "SELECT v.id, v.enterprise_id, e.uscc, e.name, v.user_id, u.display_name, v.kind, v.at, "
    "v.day, v.summary, v.problems, v.next_visit_date, v.created_at "
    "FROM visits v JOIN enterprises e ON e.id = v.enterprise_id "
    "JOIN users u ON u.id = v.user_id ";

Visit VisitFrom(const db::Row& r) {
  Visit v;
  v.id = r.Int(0);
  v.enterprise_id = r.Int(1);
  v.uscc = r.Text(2);
  v.enterprise_name = r.Text(3);
  v.user_id = r.Int(4);
  v.user_name = r.Text(5);
  v.kind = r.Text(6);
  v.at = r.Text(7);
  v.day = r.Text(8);
  v.summary = r.Text(9);
  v.problems = r.Text(10);
  v.next_visit_date = r.Text(11);
  v.created_at = r.Text(12);
  return v;
}

std::string VisitWhere(const VisitFilter& f, const system::Scope& scope, db::Params* p) {
  std::string where = " WHERE 1 = 1" + system::ScopeClause(scope, "v", "v.enterprise_id", p);
  where += RegionClause(f.region_code, f.region_level, "v", p);
  if (!f.from.empty()) {
    where += " AND v.day >= ?";
    p->push_back(db::Text(f.from));
  }
  if (!f.to.empty()) {
    where += " AND v.day <= ?";
    p->push_back(db::Text(f.to));
  }
  if (!f.kind.empty()) {
    where += " AND v.kind = ?";
    p->push_back(db::Text(f.kind));
  }
  if (f.user_id) {
    where += " AND v.user_id = ?";
    p->push_back(db::Int(*f.user_id));
  }
  if (f.enterprise_id) {
    where += " AND v.enterprise_id = ?";
    p->push_back(db::Int(*f.enterprise_id));
  }
  return where;
}

}  // namespace

Result<std::optional<int64_t>> ResponsibilityRepository::CadreOf(db::Connection& c,
                                                                 int64_t enterprise_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT user_id FROM responsibility_links "
                                      "WHERE enterprise_id = ? AND role = 'cadre'",
                                      {db::Int(enterprise_id)}));
  if (!r || r->IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<std::optional<Chain>> ResponsibilityRepository::FindByUscc(db::Connection& c,
                                                                  const std::string& uscc,
                                                                  const system::Scope& scope) {
  db::Params p{db::Text(uscc)};
  std::string sql =
      std::string(kChainSelect) + "WHERE e.uscc = ?" + system::ScopeClause(scope, "e", "e.id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Chain>();
  std::vector<Chain> one{ChainFrom(*r)};
  RETURN_IF_ERROR(FillLinks(c, &one));
  return std::optional<Chain>(std::move(one[0]));
}

Result<std::vector<Chain>> ResponsibilityRepository::List(db::Connection& c, const ChainFilter& f,
                                                          const system::Scope& scope,
                                                          std::optional<system::Page> page,
                                                          int64_t limit, int64_t* total) {
  db::Params p;
  std::string where = ChainWhere(f, scope, &p);
  if (total) {
    ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM enterprises e "
                                   "LEFT JOIN responsibility_links lc ON lc.enterprise_id = e.id "
                                   "AND lc.role = 'cadre'" +
                                       where,
                                   p));
    *total = n.Int(0);
  }
  std::string sql = std::string(kChainSelect) + where + " ORDER BY e.uscc LIMIT ? OFFSET ?";
  if (page) {
    p.push_back(db::Int(page->size));
    p.push_back(db::Int(page->Offset()));
  } else {
    p.push_back(db::Int(limit));
    p.push_back(db::Int(0));
  }
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<Chain> out;
  for (const auto& r : res.rows) out.push_back(ChainFrom(r));
  RETURN_IF_ERROR(FillLinks(c, &out));
  return out;
}

Result<std::optional<LinkUser>> ResponsibilityRepository::UserById(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.Optional(std::string(kUserSelect) + "WHERE u.id = ?", {db::Int(id)}));
  if (!r) return std::optional<LinkUser>();
  return std::optional<LinkUser>(UserFrom(*r));
}

Result<std::optional<LinkUser>> ResponsibilityRepository::UserByUsername(
    db::Connection& c, const std::string& username) {
  ASSIGN_OR_RETURN(
      auto r, c.Optional(std::string(kUserSelect) + "WHERE u.username = ?", {db::Text(username)}));
  if (!r) return std::optional<LinkUser>();
  return std::optional<LinkUser>(UserFrom(*r));
}

Status ResponsibilityRepository::UpsertLink(db::Connection& c, int64_t enterprise_id, const Link& l,
                                            int64_t by) {
  std::string now = NowTimestamp();
  return c.Exec(
      "INSERT INTO responsibility_links (enterprise_id, role, region_code, province_code, "
      "city_code, county_code, town_code, user_id, name, phone, unit, cadre_rank, "
      "override_reason, created_at, created_by, updated_at, updated_by) "
      "SELECT e.id, ?, e.region_code, e.province_code, e.city_code, e.county_code, e.town_code, "
      "?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM enterprises e WHERE e.id = ? "
      "ON CONFLICT (enterprise_id, role) DO UPDATE SET user_id = excluded.user_id, "
      "name = excluded.name, phone = excluded.phone, unit = excluded.unit, "
      "cadre_rank = excluded.cadre_rank, override_reason = excluded.override_reason, "
      "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      {db::Text(l.role), l.user_id ? db::Int(*l.user_id) : db::Null(), db::Text(l.name),
       db::Text(l.phone), db::Text(l.unit), db::Text(l.rank), db::Text(l.override_reason),
       db::Text(now), ById(by), db::Text(now), ById(by), db::Int(enterprise_id)});
}

Status ResponsibilityRepository::DeleteLink(db::Connection& c, int64_t enterprise_id,
                                            const std::string& role) {
  return c.Exec("DELETE FROM responsibility_links WHERE enterprise_id = ? AND role = ?",
                {db::Int(enterprise_id), db::Text(role)});
}

Status ResponsibilityRepository::MirrorRegistry(db::Connection& c, int64_t enterprise_id) {
  auto field = [](const char* role, const char* expr) {
    return std::string("COALESCE((SELECT ") + expr +
           " FROM responsibility_links l WHERE l.enterprise_id = enterprises.id AND l.role = '" +
           role + "'), '')";
  };
  std::string sql =
      "UPDATE enterprises SET cadre = " + field("cadre", "l.name") +
      ", cadre_rank = " + field("cadre", "l.cadre_rank") +
      ", grid = " + field("grid", "CASE WHEN l.unit <> '' THEN l.unit ELSE l.name END") +
      ", responsible_leader = " + field("leader", "l.name") + ", responsible_department = " +
      field("department", "CASE WHEN l.unit <> '' THEN l.unit ELSE l.name END") + " WHERE id = ?";
  return c.Exec(sql, {db::Int(enterprise_id)});
}

Result<bool> ResponsibilityRepository::IsLink(db::Connection& c, int64_t enterprise_id,
                                              int64_t user_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT 1 FROM responsibility_links WHERE enterprise_id = ? "
                                      "AND user_id = ?",
                                      {db::Int(enterprise_id), db::Int(user_id)}));
  return r.has_value();
}

Result<int64_t> ResponsibilityRepository::AdoptRegistry(db::Connection& c) {
  std::string now = NowTimestamp();
  struct From {
    const char* role;
    const char* column;
    const char* into;  // name | unit
    const char* rank;
  };
  const From kFrom[] = {{"cadre", "cadre", "name", "e.cadre_rank"},
                        {"grid", "grid", "unit", "''"},
                        {"leader", "responsible_leader", "name", "''"},
                        {"department", "responsible_department", "unit", "''"}};
  int64_t made = 0;
  for (const auto& f : kFrom) {
    bool name = std::string(f.into) == "name";
    ASSIGN_OR_RETURN(
        auto r,
        c.Query(std::string("INSERT INTO responsibility_links (enterprise_id, role, region_code, "
                            "province_code, city_code, county_code, town_code, user_id, name, "
                            "phone, unit, cadre_rank, override_reason, created_at, updated_at) "
                            "SELECT e.id, '") +
                    f.role +
                    "', e.region_code, e.province_code, e.city_code, e.county_code, e.town_code, "
                    "NULL, " +
                    (name ? std::string("e.") + f.column : std::string("''")) + ", '', " +
                    (name ? std::string("''") : std::string("e.") + f.column) + ", " + f.rank +
                    ", '', ?, ? FROM enterprises e WHERE e." + f.column +
                    " <> '' ON CONFLICT (enterprise_id, role) DO NOTHING",
                {db::Text(now), db::Text(now)}));
    made += r.affected;
  }
  return made;
}

Result<std::vector<CadreUser>> ResponsibilityRepository::CadreUsers(db::Connection& c,
                                                                    const ChainFilter& f,
                                                                    const system::Scope& scope) {
  // A user's region sits in the regions table, whose level columns give the
  // subtree test; enterprise scopes see no cadres.
  db::Params p;
  std::string sql =
      "SELECT u.id, u.username, u.display_name, u.region_code, r.name, u.cadre_rank, u.disabled, "
      "(SELECT COUNT(*) FROM responsibility_links l JOIN enterprises e ON e.id = l.enterprise_id "
      "WHERE l.user_id = u.id AND l.role = 'cadre' AND e.work_status <> 'closed') "
      "FROM users u JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'cadre' "
      "JOIN regions r ON r.code = u.region_code WHERE 1 = 1";
  if (!scope.all) {
    if (scope.region_code.empty() || scope.region_level < 1) return std::vector<CadreUser>();
    system::Scope s = scope;
    s.enterprise_id.reset();
    sql += system::ScopeClause(s, "r", "r.code", &p);
  }
  if (!f.region_code.empty() && f.region_level >= 1) {
    system::Scope s;
    s.region_code = f.region_code;
    s.region_level = f.region_level;
    sql += system::ScopeClause(s, "r", "r.code", &p);
  }
  if (!f.q.empty()) {
    sql += " AND (u.display_name LIKE ? OR u.username LIKE ?)";
    p.push_back(db::Text("%" + f.q + "%"));
    p.push_back(db::Text("%" + f.q + "%"));
  }
  sql += " ORDER BY u.display_name, u.id LIMIT 2000";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<CadreUser> out;
  for (const auto& r : res.rows) {
    CadreUser u;
    u.id = r.Int(0);
    u.username = r.Text(1);
    u.display_name = r.Text(2);
    u.region_code = r.Text(3);
    u.region_name = r.Text(4);
    u.rank = r.Text(5);
    u.disabled = r.Bool(6);
    u.enterprises = r.Int(7);
    out.push_back(std::move(u));
  }
  return out;
}

Status ResponsibilityRepository::SetRank(db::Connection& c, int64_t user_id,
                                         const std::string& rank, int64_t by) {
  std::string now = NowTimestamp();
  RETURN_IF_ERROR(
      c.Exec("UPDATE users SET cadre_rank = ?, updated_at = ?, updated_by = ? "
             "WHERE id = ?",
             {db::Text(rank), db::Text(now), ById(by), db::Int(user_id)}));
  RETURN_IF_ERROR(
      c.Exec("UPDATE responsibility_links SET cadre_rank = ?, updated_at = ?, "
             "updated_by = ? WHERE user_id = ? AND role = 'cadre'",
             {db::Text(rank), db::Text(now), ById(by), db::Int(user_id)}));
  return c.Exec(
      "UPDATE enterprises SET cadre_rank = ? WHERE id IN (SELECT enterprise_id FROM "
      "responsibility_links WHERE user_id = ? AND role = 'cadre')",
      {db::Text(rank), db::Int(user_id)});
}

Result<Coverage> ResponsibilityRepository::CoverageCounts(db::Connection& c, const ChainFilter& f,
                                                          const system::Scope& scope) {
  ChainFilter base;
  base.region_code = f.region_code;
  base.region_level = f.region_level;
  db::Params p;
  std::string where = ChainWhere(base, scope, &p);
  std::string key = kKey;
  ASSIGN_OR_RETURN(
      auto r,
      c.One("SELECT COUNT(*), "
            "COALESCE(SUM(CASE WHEN lc.enterprise_id IS NULL THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN " +
                key +
                " THEN 1 ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN " +
                key +
                " AND (lc.enterprise_id IS NULL OR "
                "lc.cadre_rank <> 'division') THEN 1 ELSE 0 END), 0) "
                "FROM enterprises e LEFT JOIN responsibility_links lc ON lc.enterprise_id = e.id "
                "AND lc.role = 'cadre'" +
                where,
            p));
  Coverage cov;
  cov.enterprises = r.Int(0);
  cov.uncovered = r.Int(1);
  cov.covered = cov.enterprises - cov.uncovered;
  cov.key_total = r.Int(2);
  cov.key_without_division = r.Int(3);
  db::Params q;
  std::string w2 = ChainWhere(base, scope, &q);
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("SELECT lc.user_id, lc.name, lc.cadre_rank, COUNT(*), "
              "COALESCE(SUM(CASE WHEN " +
                  key +
                  " THEN 1 ELSE 0 END), 0) "
                  "FROM enterprises e JOIN responsibility_links lc ON lc.enterprise_id = e.id "
                  "AND lc.role = 'cadre'" +
                  w2 +
                  " GROUP BY lc.user_id, lc.name, lc.cadre_rank ORDER BY COUNT(*) DESC, lc.name",
              q));
  for (const auto& row : res.rows) {
    CadreLoad l;
    if (!row.IsNull(0)) l.user_id = row.Int(0);
    l.name = row.Text(1);
    l.rank = row.Text(2);
    l.enterprises = row.Int(3);
    l.key_enterprises = row.Int(4);
    cov.cadres.push_back(std::move(l));
  }
  return cov;
}

Result<int64_t> ResponsibilityRepository::InsertVisit(db::Connection& c, const Chain& e,
                                                      const system::Region& region, int64_t user_id,
                                                      const NewVisit& v, const std::string& day) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO visits (enterprise_id, region_code, province_code, city_code, "
            "county_code, town_code, user_id, kind, at, day, summary, problems, next_visit_date, "
            "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            {db::Int(e.enterprise_id), db::Text(region.code), db::Text(region.province_code),
             OrNull(region.city_code), OrNull(region.county_code), OrNull(region.town_code),
             db::Int(user_id), db::Text(v.kind), db::Text(v.at), db::Text(day), db::Text(v.summary),
             db::Text(v.problems), OrNull(v.next_visit_date), db::Text(NowTimestamp()),
             db::Int(user_id)}));
  return r.Int(0);
}

Result<std::vector<Visit>> ResponsibilityRepository::ListVisits(db::Connection& c,
                                                                const VisitFilter& f,
                                                                const system::Scope& scope,
                                                                std::optional<system::Page> page,
                                                                int64_t* total) {
  db::Params p;
  std::string where = VisitWhere(f, scope, &p);
  if (total) {
    ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM visits v" + where, p));
    *total = n.Int(0);
  }
  std::string sql = std::string(kVisitSelect) + where + " ORDER BY v.at DESC, v.id DESC";
  if (page) {
    sql += " LIMIT ? OFFSET ?";
    p.push_back(db::Int(page->size));
    p.push_back(db::Int(page->Offset()));
  }
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<Visit> out;
  for (const auto& r : res.rows) out.push_back(VisitFrom(r));
  return out;
}

Status ResponsibilityRepository::ForEachVisit(db::Connection& c, const VisitFilter& f,
                                              const system::Scope& scope,
                                              const std::function<Status(const Visit&)>& fn) {
  db::Params p;
  std::string sql =
      std::string(kVisitSelect) + VisitWhere(f, scope, &p) + " ORDER BY v.at DESC, v.id DESC";
  return c.ForEach(sql, p, [&](const db::Row& r) { return fn(VisitFrom(r)); });
}

Result<std::vector<VisitCell>> ResponsibilityRepository::VisitCells(db::Connection& c,
                                                                    const VisitFilter& f,
                                                                    const system::Scope& scope) {
  db::Params p;
  std::string sql =
      "SELECT v.day, v.user_id, u.display_name, v.enterprise_id, COUNT(*) FROM visits v "
      "JOIN users u ON u.id = v.user_id" +
      VisitWhere(f, scope, &p) + " GROUP BY v.day, v.user_id, u.display_name, v.enterprise_id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<VisitCell> out;
  out.reserve(res.rows.size());
  for (const auto& r : res.rows)
    out.push_back(VisitCell{r.Text(0), r.Int(1), r.Text(2), r.Int(3), r.Int(4)});
  return out;
}

Result<std::vector<WorkbenchItem>> ResponsibilityRepository::UserEnterprises(db::Connection& c,
                                                                             int64_t user_id) {
  ASSIGN_OR_RETURN(
      auto res, c.Query("SELECT e.id, e.uscc, e.name, e.region_code, e.work_status, e.status_date, "
                        "e.above_scale_industrial, e.key_enterprise, l.role, "
                        "(SELECT MAX(v.at) FROM visits v WHERE v.enterprise_id = e.id), "
                        "(SELECT v.next_visit_date FROM visits v WHERE v.enterprise_id = e.id "
                        "ORDER BY v.at DESC, v.id DESC LIMIT 1) "
                        "FROM responsibility_links l JOIN enterprises e ON e.id = l.enterprise_id "
                        "WHERE l.user_id = ? AND e.work_status <> 'closed' ORDER BY e.uscc, l.role",
                        {db::Int(user_id)}));
  std::vector<WorkbenchItem> out;
  for (const auto& r : res.rows) {
    if (!out.empty() && out.back().enterprise_id == r.Int(0)) {
      out.back().roles += "," + r.Text(8);
      continue;
    }
    WorkbenchItem w;
    w.enterprise_id = r.Int(0);
    w.uscc = r.Text(1);
    w.name = r.Text(2);
    w.region_code = r.Text(3);
    w.work_status = r.Text(4);
    w.status_date = r.Text(5);
    w.key = r.Bool(6) || r.Bool(7);
    w.roles = r.Text(8);
    w.last_visit_at = r.Text(9);
    w.next_visit_date = r.Text(10);
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace fugong::responsibility
