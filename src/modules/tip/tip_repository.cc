#include "modules/tip/tip_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::tip {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

const char* LevelColumn(int level) {
  static const char* kColumns[] = {"province_code", "province_code", "city_code", "county_code",
                                   "town_code"};
  return kColumns[(level >= 1 && level <= 4) ? level : 1];
}

constexpr const char* kSelect =
    "SELECT t.id, t.type, t.enterprise_id, t.enterprise_name, t.uscc, t.address, t.description, "
    "t.region_code, rg.name, CASE WHEN t.contact_cipher IS NULL THEN 0 ELSE 1 END, t.state, "
    "t.assigned_to, COALESCE(u.display_name, ''), t.assigned_at, t.assign_note, "
    "t.public_outcome, t.internal_note, t.verified_at, t.reward_status, t.reward_amount, "
    "t.reward_paid_at, t.created_at, t.updated_at "
    "FROM tips t JOIN regions rg ON rg.code = t.region_code "
    "LEFT JOIN users u ON u.id = t.assigned_to ";

Tip TipFrom(const db::Row& r) {
  Tip t;
  t.id = r.Int(0);
  t.type = r.Text(1);
  if (!r.IsNull(2)) t.enterprise_id = r.Int(2);
  t.enterprise_name = r.Text(3);
  t.uscc = r.Text(4);
  t.address = r.Text(5);
  t.description = r.Text(6);
  t.region_code = r.Text(7);
  t.region_name = r.Text(8);
  t.has_contact = r.Bool(9);
  t.state = r.Text(10);
  if (!r.IsNull(11)) t.assigned_to = r.Int(11);
  t.assigned_name = r.Text(12);
  t.assigned_at = r.Text(13);
  t.assign_note = r.Text(14);
  t.public_outcome = r.Text(15);
  t.internal_note = r.Text(16);
  t.verified_at = r.Text(17);
  t.reward_status = r.Text(18);
  t.reward_amount = r.Real(19);
  t.reward_paid_at = r.Text(20);
  t.created_at = r.Text(21);
  t.updated_at = r.Text(22);
  return t;
}

// The scope, widened by the tips assigned to the caller.
std::string ScopeOrAssigned(const system::Scope& scope, int64_t user_id, db::Params* params) {
  if (scope.all) return "";
  std::string clause = system::ScopeClause(scope, "t", "t.enterprise_id", params);
  // " AND (...)" -> " AND ((...) OR t.assigned_to = ?)"
  clause = " AND (" + clause.substr(5) + " OR t.assigned_to = ?)";
  params->push_back(db::Int(user_id));
  return clause;
}

Officer OfficerFrom(const db::Row& r) {
  Officer o;
  o.id = r.Int(0);
  o.username = r.Text(1);
  o.display_name = r.Text(2);
  o.region_code = r.Text(3);
  o.department = r.Text(4);
  o.disabled = r.Bool(5);
  return o;
}

}  // namespace

Status TipRepository::LockClient(db::Connection& c, const std::string& client_hash) {
  if (c.engine() != db::Engine::kPostgres) return Status::Ok();
  // A 64-bit key from the (hex) hash of the address.
  uint64_t key = 0;
  for (size_t i = 0; i < 16 && i < client_hash.size(); ++i) {
    char h = client_hash[i];
    key = key << 4 | uint64_t(h >= 'a' ? h - 'a' + 10 : h >= 'A' ? h - 'A' + 10 : h - '0');
  }
  return c.Exec("SELECT pg_advisory_xact_lock(?)", {db::Int(int64_t(key))});
}

Result<int64_t> TipRepository::CountFromClient(db::Connection& c, const std::string& client_hash,
                                               const std::string& since) {
  ASSIGN_OR_RETURN(db::Row r,
                   c.One("SELECT COUNT(*) FROM tips WHERE client_hash = ? AND created_at >= ?",
                         {db::Text(client_hash), db::Text(since)}));
  return r.Int(0);
}

Result<std::optional<int64_t>> TipRepository::EnterpriseIdOf(db::Connection& c,
                                                             const std::string& uscc,
                                                             std::string* region_code) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT id, region_code FROM enterprises WHERE uscc = ?",
                                        {db::Text(uscc)}));
  if (!row) return std::optional<int64_t>();
  *region_code = row->Text(1);
  return std::optional<int64_t>(row->Int(0));
}

Result<int64_t> TipRepository::Insert(db::Connection& c, const NewTip& t,
                                      std::optional<int64_t> enterprise_id,
                                      const system::Region& region,
                                      const std::string& tracking_hash,
                                      const std::string& client_hash,
                                      const std::optional<std::string>& contact_cipher) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      db::Row r,
      c.One("INSERT INTO tips (tracking_hash, type, enterprise_id, enterprise_name, uscc, "
            "address, description, region_code, province_code, city_code, county_code, "
            "town_code, contact_cipher, client_hash, state, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?) RETURNING id",
            {db::Text(tracking_hash), db::Text(t.type),
             enterprise_id ? db::Int(*enterprise_id) : db::Null(), db::Text(t.enterprise_name),
             db::Text(t.uscc), db::Text(t.address), db::Text(t.description), db::Text(region.code),
             db::Text(region.province_code), OrNull(region.city_code), OrNull(region.county_code),
             OrNull(region.town_code),
             contact_cipher ? db::Value(db::Blob{*contact_cipher}) : db::Null(),
             db::Text(client_hash), db::Text(now), db::Text(now)}));
  return r.Int(0);
}

Status TipRepository::InsertPhoto(db::Connection& c, int64_t tip_id, const Photo& p) {
  return c.Exec(
      "INSERT INTO tip_photos (tip_id, content_type, size, sha256, content, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {db::Int(tip_id), db::Text(p.content_type), db::Int(p.size), db::Text(p.sha256),
       db::Blob{p.content}, db::Text(NowTimestamp())});
}

Status TipRepository::InsertEvent(db::Connection& c, int64_t tip_id, const std::string& action,
                                  const std::string& detail, int64_t actor_id,
                                  const std::string& actor_name) {
  return c.Exec(
      "INSERT INTO tip_events (tip_id, action, detail, actor_id, actor_name, at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {db::Int(tip_id), db::Text(action), db::Text(detail), ById(actor_id), db::Text(actor_name),
       db::Text(NowTimestamp())});
}

Result<std::optional<PublicStatus>> TipRepository::FindByTracking(
    db::Connection& c, const std::string& tracking_hash) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT type, state, public_outcome, reward_status, "
                                        "reward_amount, created_at, updated_at FROM tips "
                                        "WHERE tracking_hash = ?",
                                        {db::Text(tracking_hash)}));
  if (!row) return std::optional<PublicStatus>();
  PublicStatus s;
  s.type = row->Text(0);
  s.state = row->Text(1);
  s.public_outcome = row->Text(2);
  s.reward_status = row->Text(3);
  s.reward_amount = row->Real(4);
  s.created_at = row->Text(5);
  s.updated_at = row->Text(6);
  return std::optional<PublicStatus>(std::move(s));
}

Result<std::optional<Tip>> TipRepository::Get(db::Connection& c, int64_t id,
                                              const system::Scope& scope, int64_t user_id) {
  db::Params params{db::Int(id)};
  std::string sql =
      std::string(kSelect) + "WHERE t.id = ?" + ScopeOrAssigned(scope, user_id, &params);
  ASSIGN_OR_RETURN(auto row, c.Optional(sql, params));
  if (!row) return std::optional<Tip>();
  Tip t = TipFrom(*row);
  ASSIGN_OR_RETURN(t.photos, Photos(c, id));
  ASSIGN_OR_RETURN(t.events, Events(c, id));
  return std::optional<Tip>(std::move(t));
}

Result<std::vector<Tip>> TipRepository::List(db::Connection& c, const TipFilter& f,
                                             const system::Scope& scope, int64_t user_id,
                                             const system::Page& page, int64_t* total) {
  db::Params params;
  std::string where = "WHERE 1 = 1" + ScopeOrAssigned(scope, user_id, &params);
  if (!f.state.empty()) {
    if (f.state == "open") {
      where += " AND t.state IN ('received', 'assigned')";
    } else {
      where += " AND t.state = ?";
      params.push_back(db::Text(f.state));
    }
  }
  if (!f.type.empty()) {
    where += " AND t.type = ?";
    params.push_back(db::Text(f.type));
  }
  if (!f.region.empty()) {
    where += std::string(" AND t.") + LevelColumn(f.region_level) + " = ?";
    params.push_back(db::Text(f.region));
  }
  if (f.assigned_to) {
    where += " AND t.assigned_to = ?";
    params.push_back(db::Int(*f.assigned_to));
  }
  ASSIGN_OR_RETURN(db::Row count, c.One("SELECT COUNT(*) FROM tips t " + where, params));
  *total = count.Int(0);
  params.push_back(db::Int(page.size));
  params.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kSelect) + where +
                                          " ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?",
                                      params));
  std::vector<Tip> out;
  for (const auto& r : rows.rows) out.push_back(TipFrom(r));
  return out;
}

Result<std::vector<Photo>> TipRepository::Photos(db::Connection& c, int64_t tip_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, content_type, size, sha256 FROM tip_photos "
                                      "WHERE tip_id = ? ORDER BY id",
                                      {db::Int(tip_id)}));
  std::vector<Photo> out;
  for (const auto& r : rows.rows) {
    Photo p;
    p.id = r.Int(0);
    p.content_type = r.Text(1);
    p.size = r.Int(2);
    p.sha256 = r.Text(3);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::optional<Photo>> TipRepository::FindPhoto(db::Connection& c, int64_t tip_id,
                                                      int64_t photo_id) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT id, content_type, size, sha256, content "
                                        "FROM tip_photos WHERE tip_id = ? AND id = ?",
                                        {db::Int(tip_id), db::Int(photo_id)}));
  if (!row) return std::optional<Photo>();
  Photo p;
  p.id = row->Int(0);
  p.content_type = row->Text(1);
  p.size = row->Int(2);
  p.sha256 = row->Text(3);
  p.content = row->Bytes(4);
  return std::optional<Photo>(std::move(p));
}

Result<std::vector<Event>> TipRepository::Events(db::Connection& c, int64_t tip_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT action, detail, actor_name, at FROM tip_events "
                                      "WHERE tip_id = ? ORDER BY id",
                                      {db::Int(tip_id)}));
  std::vector<Event> out;
  for (const auto& r : rows.rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

Result<std::optional<std::string>> TipRepository::ContactCipher(db::Connection& c, int64_t tip_id) {
  ASSIGN_OR_RETURN(auto row,
                   c.Optional("SELECT contact_cipher FROM tips WHERE id = ?", {db::Int(tip_id)}));
  if (!row || row->IsNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(row->Bytes(0));
}

Result<std::optional<Officer>> TipRepository::FindOfficer(db::Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT id, username, display_name, "
                                        "COALESCE(region_code, ''), department, disabled "
                                        "FROM users WHERE id = ?",
                                        {db::Int(user_id)}));
  if (!row) return std::optional<Officer>();
  Officer o = OfficerFrom(*row);
  ASSIGN_OR_RETURN(
      auto roles,
      c.Query("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {db::Int(user_id)}));
  for (const auto& r : roles.rows) o.roles.push_back(r.Text(0));
  return std::optional<Officer>(std::move(o));
}

Result<std::vector<Officer>> TipRepository::OfficersOver(
    db::Connection& c, const std::vector<std::string>& region_codes) {
  std::vector<Officer> out;
  if (region_codes.empty()) return out;
  db::Params params;
  std::string in;
  for (const auto& code : region_codes) {
    in += in.empty() ? "?" : ", ?";
    params.push_back(db::Text(code));
  }
  ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT DISTINCT u.id, u.username, u.display_name, COALESCE(u.region_code, ''), "
              "u.department, u.disabled FROM users u JOIN user_roles r ON r.user_id = u.id "
              "WHERE r.role IN ('department', 'commander') AND u.disabled = 0 "
              "AND u.region_code IN (" +
                  in + ") ORDER BY u.id",
              params));
  for (const auto& r : rows.rows) out.push_back(OfficerFrom(r));
  return out;
}

Result<bool> TipRepository::Assign(db::Connection& c, int64_t id, int64_t officer,
                                   const std::string& note, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(auto r, c.Query("UPDATE tips SET state = 'assigned', assigned_to = ?, "
                                   "assigned_by = ?, assigned_at = ?, assign_note = ?, "
                                   "updated_at = ?, updated_by = ? "
                                   "WHERE id = ? AND state IN ('received', 'assigned')",
                                   {db::Int(officer), ById(by), db::Text(now), db::Text(note),
                                    db::Text(now), ById(by), db::Int(id)}));
  return r.affected > 0;
}

Result<bool> TipRepository::Verify(db::Connection& c, int64_t id, int64_t officer,
                                   const std::string& outcome, const std::string& public_outcome,
                                   const std::string& internal_note, double reward, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto r,
      c.Query("UPDATE tips SET state = ?, public_outcome = ?, internal_note = ?, "
              "verified_at = ?, verified_by = ?, reward_amount = ?, reward_status = ?, "
              "updated_at = ?, updated_by = ? "
              "WHERE id = ? AND state = 'assigned' AND assigned_to = ?",
              {db::Text(outcome), db::Text(public_outcome), db::Text(internal_note), db::Text(now),
               ById(by), db::Real(reward), db::Text(reward > 0 ? "granted" : "none"), db::Text(now),
               ById(by), db::Int(id), db::Int(officer)}));
  return r.affected > 0;
}

Result<bool> TipRepository::SetReward(db::Connection& c, int64_t id, const std::string& status,
                                      double amount, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto r,
      c.Query("UPDATE tips SET reward_status = ?, reward_amount = ?, reward_paid_at = ?, "
              "updated_at = ?, updated_by = ? "
              "WHERE id = ? AND state = 'substantiated' AND reward_status <> 'paid'",
              {db::Text(status), db::Real(amount), status == "paid" ? db::Text(now) : db::Null(),
               db::Text(now), ById(by), db::Int(id)}));
  return r.affected > 0;
}

}  // namespace fugong::tip
