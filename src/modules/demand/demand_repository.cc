#include "modules/demand/demand_repository.h"

#include "system/scope_sql.h"

namespace fugong::demand {
namespace {

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value OptInt(const std::optional<int64_t>& v) { return v ? db::Int(*v) : db::Null(); }

constexpr const char* kSelect =
    "SELECT d.id, d.enterprise_id, e.uscc, e.name, d.region_code, d.province_code, d.city_code, "
    "d.county_code, d.town_code, d.category, d.source, d.finding_id, d.title, d.description, "
    "d.contact_name, d.contact_phone, d.state, d.cadre_id, cu.display_name, d.assignee_id, "
    "au.display_name, d.department, d.level, d.first_response_at, d.resolved_at, d.resolution, "
    "d.rating, d.rating_comment, d.reopen_count, d.version, d.created_at, bu.display_name, "
    "d.updated_at, d.project_id "
    "FROM demands d JOIN enterprises e ON e.id = d.enterprise_id "
    "LEFT JOIN users cu ON cu.id = d.cadre_id LEFT JOIN users au ON au.id = d.assignee_id "
    "LEFT JOIN users bu ON bu.id = d.created_by ";

Demand From(const db::Row& r) {
  Demand d;
  d.id = r.Int(0);
  d.enterprise_id = r.Int(1);
  d.enterprise_uscc = r.Text(2);
  d.enterprise_name = r.Text(3);
  d.region_code = r.Text(4);
  d.province_code = r.Text(5);
  d.city_code = r.Text(6);
  d.county_code = r.Text(7);
  d.town_code = r.Text(8);
  d.category = r.Text(9);
  d.source = r.Text(10);
  if (!r.IsNull(11)) d.finding_id = r.Int(11);
  d.title = r.Text(12);
  d.description = r.Text(13);
  d.contact_name = r.Text(14);
  d.contact_phone = r.Text(15);
  d.state = r.Text(16);
  if (!r.IsNull(17)) d.cadre_id = r.Int(17);
  d.cadre_name = r.Text(18);
  if (!r.IsNull(19)) d.assignee_id = r.Int(19);
  d.assignee_name = r.Text(20);
  d.department = r.Text(21);
  d.level = int(r.Int(22));
  d.first_response_at = r.Text(23);
  d.resolved_at = r.Text(24);
  d.resolution = r.Text(25);
  if (!r.IsNull(26)) d.rating = int(r.Int(26));
  d.rating_comment = r.Text(27);
  d.reopen_count = int(r.Int(28));
  d.version = r.Int(29);
  d.created_at = r.Text(30);
  d.created_by_name = r.Text(31);
  d.updated_at = r.Text(32);
  if (!r.IsNull(33)) d.project_id = r.Int(33);
  return d;
}

constexpr const char* kEventSelect =
    "SELECT v.id, v.demand_id, v.kind, v.from_state, v.to_state, v.actor_id, v.actor_name, "
    "v.handler, v.assignee_id, u.display_name, v.department, v.level, v.rating, v.note, v.at "
    "FROM demand_events v LEFT JOIN users u ON u.id = v.assignee_id ";

Event EventFrom(const db::Row& r) {
  Event e;
  e.id = r.Int(0);
  e.demand_id = r.Int(1);
  e.kind = r.Text(2);
  e.from_state = r.Text(3);
  e.to_state = r.Text(4);
  if (!r.IsNull(5)) e.actor_id = r.Int(5);
  e.actor_name = r.Text(6);
  e.handler = r.Bool(7);
  if (!r.IsNull(8)) e.assignee_id = r.Int(8);
  e.assignee_name = r.Text(9);
  e.department = r.Text(10);
  e.level = int(r.Int(11));
  if (!r.IsNull(12)) e.rating = int(r.Int(12));
  e.note = r.Text(13);
  e.at = r.Text(14);
  return e;
}

std::string RegionColumn(int level) {
  switch (level) {
    case 1:
      return "d.province_code";
    case 2:
      return "d.city_code";
    case 3:
      return "d.county_code";
    default:
      return "d.town_code";
  }
}

}  // namespace

Result<int64_t> DemandRepository::Insert(db::Connection& c, int64_t enterprise_id,
                                         const system::Region& region, const NewDemand& d,
                                         std::optional<int64_t> cadre_id,
                                         std::optional<int64_t> assignee_id, const std::string& at,
                                         int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO demands (enterprise_id, region_code, province_code, city_code, "
            "county_code, town_code, category, source, finding_id, title, description, "
            "contact_name, contact_phone, state, cadre_id, assignee_id, created_at, created_by, "
            "updated_at, updated_by, project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "'new', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Int(enterprise_id),
             db::Text(region.code),
             db::Text(region.province_code),
             OrNull(region.city_code),
             OrNull(region.county_code),
             OrNull(region.town_code),
             db::Text(d.category),
             db::Text(d.source),
             OptInt(d.finding_id),
             db::Text(d.title),
             db::Text(d.description),
             db::Text(d.contact_name),
             db::Text(d.contact_phone),
             OptInt(cadre_id),
             OptInt(assignee_id),
             db::Text(at),
             by ? db::Int(by) : db::Null(),
             db::Text(at),
             by ? db::Int(by) : db::Null(),
             OptInt(d.project_id)}));
  return r.Int(0);
}

Result<std::optional<Demand>> DemandRepository::Get(db::Connection& c, int64_t id,
                                                    const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kSelect) + "WHERE d.id = ?" +
                    system::ScopeClause(scope, "d", "d.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Demand>();
  return std::optional<Demand>(From(*r));
}

Result<std::vector<Demand>> DemandRepository::List(db::Connection& c, const DemandFilter& f,
                                                   const system::Scope& scope, int64_t limit) {
  db::Params p;
  std::string where = "WHERE 1 = 1" + system::ScopeClause(scope, "d", "d.enterprise_id", &p);
  if (f.state == "open") {
    where += " AND d.state IN ('new', 'accepted', 'in_progress')";
  } else if (!f.state.empty()) {
    where += " AND d.state = ?";
    p.push_back(db::Text(f.state));
  }
  if (!f.category.empty()) {
    where += " AND d.category = ?";
    p.push_back(db::Text(f.category));
  }
  if (!f.source.empty()) {
    where += " AND d.source = ?";
    p.push_back(db::Text(f.source));
  }
  if (!f.region_code.empty() && f.region_level > 0) {
    where += " AND " + RegionColumn(f.region_level) + " = ?";
    p.push_back(db::Text(f.region_code));
  }
  if (!f.q.empty()) {
    where += " AND (d.title LIKE ? OR e.name LIKE ? OR e.uscc = ?)";
    std::string like = "%" + f.q + "%";
    p.push_back(db::Text(like));
    p.push_back(db::Text(like));
    p.push_back(db::Text(f.q));
  }
  if (!f.from.empty()) {
    where += " AND d.created_at >= ?";
    p.push_back(db::Text(f.from + "T00:00:00+08:00"));
  }
  if (!f.to.empty()) {
    where += " AND d.created_at <= ?";
    p.push_back(db::Text(f.to + "T23:59:59+08:00"));
  }
  if (f.cadre_id) {
    where += " AND d.cadre_id = ?";
    p.push_back(db::Int(*f.cadre_id));
  }
  if (f.by_department) {
    where += " AND d.department = ?";
    p.push_back(db::Text(f.department));
  }
  p.push_back(db::Int(limit));
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kSelect) + where + " ORDER BY d.id DESC LIMIT ?", p));
  std::vector<Demand> out;
  out.reserve(res.rows.size());
  for (const auto& r : res.rows) out.push_back(From(r));
  return out;
}

Result<bool> DemandRepository::Update(db::Connection& c, const Demand& d, int64_t by,
                                      const std::string& at) {
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional("UPDATE demands SET state = ?, assignee_id = ?, department = ?, level = ?, "
                 "first_response_at = ?, resolved_at = ?, resolution = ?, rating = ?, "
                 "rating_comment = ?, reopen_count = ?, version = version + 1, updated_at = ?, "
                 "updated_by = ? WHERE id = ? AND version = ? RETURNING version",
                 {db::Text(d.state), OptInt(d.assignee_id), db::Text(d.department),
                  db::Int(d.level), OrNull(d.first_response_at), OrNull(d.resolved_at),
                  db::Text(d.resolution), d.rating ? db::Int(*d.rating) : db::Null(),
                  db::Text(d.rating_comment), db::Int(d.reopen_count), db::Text(at),
                  by ? db::Int(by) : db::Null(), db::Int(d.id), db::Int(d.version)}));
  return r.has_value();
}

Status DemandRepository::InsertEvent(db::Connection& c, const Demand& d, const Event& e) {
  return c.Exec(
      "INSERT INTO demand_events (demand_id, enterprise_id, province_code, city_code, "
      "county_code, town_code, kind, from_state, to_state, actor_id, actor_name, handler, "
      "assignee_id, department, level, rating, note, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {db::Int(d.id), db::Int(d.enterprise_id), db::Text(d.province_code), OrNull(d.city_code),
       OrNull(d.county_code), OrNull(d.town_code), db::Text(e.kind), db::Text(e.from_state),
       db::Text(e.to_state), OptInt(e.actor_id), db::Text(e.actor_name), db::Bool(e.handler),
       OptInt(e.assignee_id), db::Text(e.department), db::Int(e.level),
       e.rating ? db::Int(*e.rating) : db::Null(), db::Text(e.note), db::Text(e.at)});
}

Result<std::vector<Event>> DemandRepository::Events(db::Connection& c, int64_t demand_id) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kEventSelect) + "WHERE v.demand_id = ? ORDER BY v.at, v.id",
                           {db::Int(demand_id)}));
  std::vector<Event> out;
  for (const auto& r : res.rows) out.push_back(EventFrom(r));
  return out;
}

Result<std::map<int64_t, std::vector<Event>>> DemandRepository::EventsOf(
    db::Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::vector<Event>> out;
  for (size_t i = 0; i < ids.size(); i += 500) {
    db::Params p;
    std::string in;
    for (size_t j = i; j < std::min(ids.size(), i + 500); ++j) {
      in += in.empty() ? "?" : ", ?";
      p.push_back(db::Int(ids[j]));
    }
    ASSIGN_OR_RETURN(auto res, c.Query(std::string(kEventSelect) + "WHERE v.demand_id IN (" + in +
                                           ") ORDER BY v.demand_id, v.at, v.id",
                                       p));
    for (const auto& r : res.rows) {
      Event e = EventFrom(r);
      out[e.demand_id].push_back(std::move(e));
    }
  }
  return out;
}

Result<int64_t> DemandRepository::CountAttachments(db::Connection& c, int64_t demand_id) {
  ASSIGN_OR_RETURN(auto r, c.One("SELECT COUNT(*) FROM demand_attachments WHERE demand_id = ?",
                                 {db::Int(demand_id)}));
  return r.Int(0);
}

Result<int64_t> DemandRepository::InsertAttachment(db::Connection& c, const Demand& d,
                                                   const Attachment& a, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO demand_attachments (demand_id, enterprise_id, province_code, city_code, "
            "county_code, town_code, filename, content_type, size, sha256, content, created_at, "
            "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Int(d.id), db::Int(d.enterprise_id), db::Text(d.province_code),
             OrNull(d.city_code), OrNull(d.county_code), OrNull(d.town_code), db::Text(a.filename),
             db::Text(a.content_type), db::Int(a.size), db::Text(a.sha256), db::Blob{a.content},
             db::Text(a.created_at), by ? db::Int(by) : db::Null()}));
  return r.Int(0);
}

Result<std::vector<Attachment>> DemandRepository::Attachments(db::Connection& c,
                                                              int64_t demand_id) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query("SELECT a.id, a.demand_id, a.filename, a.content_type, a.size, "
                           "a.sha256, a.created_at, u.display_name FROM demand_attachments a "
                           "LEFT JOIN users u ON u.id = a.created_by WHERE a.demand_id = ? "
                           "ORDER BY a.id",
                           {db::Int(demand_id)}));
  std::vector<Attachment> out;
  for (const auto& r : res.rows) {
    Attachment a;
    a.id = r.Int(0);
    a.demand_id = r.Int(1);
    a.filename = r.Text(2);
    a.content_type = r.Text(3);
    a.size = r.Int(4);
    a.sha256 = r.Text(5);
    a.created_at = r.Text(6);
    a.created_by_name = r.Text(7);
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::optional<Attachment>> DemandRepository::GetAttachment(db::Connection& c,
                                                                  int64_t demand_id, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id, demand_id, filename, content_type, size, "
                                      "sha256, created_at, content FROM demand_attachments "
                                      "WHERE demand_id = ? AND id = ?",
                                      {db::Int(demand_id), db::Int(id)}));
  if (!r) return std::optional<Attachment>();
  Attachment a;
  a.id = r->Int(0);
  a.demand_id = r->Int(1);
  a.filename = r->Text(2);
  a.content_type = r->Text(3);
  a.size = r->Int(4);
  a.sha256 = r->Text(5);
  a.created_at = r->Text(6);
  a.content = r->Bytes(7);
  return std::optional<Attachment>(std::move(a));
}

Result<std::map<int64_t, int64_t>> DemandRepository::OpenLoad(db::Connection& c,
                                                              const std::vector<int64_t>& users) {
  std::map<int64_t, int64_t> out;
  if (users.empty()) return out;
  db::Params p;
  std::string in;
  for (int64_t u : users) {
    out[u] = 0;
    in += in.empty() ? "?" : ", ?";
    p.push_back(db::Int(u));
  }
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT assignee_id, COUNT(*) FROM demands WHERE "
                                     "state IN ('new', 'accepted', 'in_progress') AND "
                                     "assignee_id IN (" +
                                         in + ") GROUP BY assignee_id",
                                     p));
  for (const auto& r : res.rows) out[r.Int(0)] = r.Int(1);
  return out;
}

Result<std::vector<Demand>> DemandRepository::Open(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kSelect) +
                                     "WHERE d.state IN ('new', 'accepted', 'in_progress') "
                                     "ORDER BY d.id"));
  std::vector<Demand> out;
  for (const auto& r : res.rows) out.push_back(From(r));
  return out;
}

Result<std::string> DemandRepository::UserName(db::Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional("SELECT display_name FROM users WHERE id = ?", {db::Int(user_id)}));
  return r ? r->Text(0) : std::string();
}

Result<bool> DemandRepository::HasRole(db::Connection& c, int64_t user_id,
                                       const std::string& role) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT 1 FROM user_roles WHERE user_id = ? AND role = ?",
                                      {db::Int(user_id), db::Text(role)}));
  return r.has_value();
}

Result<std::vector<int64_t>> DemandRepository::CommandersAt(db::Connection& c,
                                                            const std::string& region_code) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = "
                                     "u.id AND r.role = 'commander' WHERE u.disabled = 0 AND "
                                     "u.region_code = ? ORDER BY u.id",
                                     {db::Text(region_code)}));
  std::vector<int64_t> out;
  for (const auto& r : res.rows) out.push_back(r.Int(0));
  return out;
}

}  // namespace fugong::demand
