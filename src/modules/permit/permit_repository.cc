#include "modules/permit/permit_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::permit {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OptCode(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value OptBlob(const std::string& s) { return s.empty() ? db::Null() : db::Value(db::Blob{s}); }

constexpr const char* kOwnerSelect =
    "SELECT e.id, e.uscc, e.name, e.region_code, e.province_code, e.city_code, e.county_code, "
    "e.town_code FROM enterprises e ";

Owner OwnerFrom(const db::Row& r) {
  return Owner{r.Int(0),  r.Text(1), r.Text(2), r.Text(3),
               r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
}

constexpr const char* kPermitSelect =
    "SELECT p.id, p.permit_no, p.enterprise_id, e.uscc, e.name, p.region_code, p.type, p.plate, "
    "p.holder_name, p.holder_masked, p.id_masked, p.phone_masked, p.origin, p.destination, "
    "p.route, p.cargo, p.valid_from, p.valid_to, p.state, p.token, p.review_comment, "
    "p.reviewed_at, p.revoke_reason, p.revoked_at, p.created_at "
    "FROM permits p JOIN enterprises e ON e.id = p.enterprise_id ";

Permit PermitFrom(const db::Row& r) {
  Permit p;
  p.id = r.Int(0);
  p.permit_no = r.Text(1);
  p.enterprise_id = r.Int(2);
  p.enterprise_uscc = r.Text(3);
  p.enterprise_name = r.Text(4);
  p.region_code = r.Text(5);
  p.type = r.Text(6);
  p.plate = r.Text(7);
  p.holder_name = r.Text(8);
  p.holder_masked = r.Text(9);
  p.id_masked = r.Text(10);
  p.phone_masked = r.Text(11);
  p.origin = r.Text(12);
  p.destination = r.Text(13);
  p.route = r.Text(14);
  p.cargo = r.Text(15);
  p.valid_from = r.Text(16);
  p.valid_to = r.Text(17);
  p.state = r.Text(18);
  p.token = r.Text(19);
  p.review_comment = r.Text(20);
  p.reviewed_at = r.Text(21);
  p.revoke_reason = r.Text(22);
  p.revoked_at = r.Text(23);
  p.created_at = r.Text(24);
  return p;
}

}  // namespace

Result<std::optional<Owner>> PermitRepository::OwnerByUscc(db::Connection& c,
                                                           const std::string& uscc,
                                                           const system::Scope& scope) {
  db::Params p{db::Text(uscc)};
  std::string sql =
      std::string(kOwnerSelect) + "WHERE e.uscc = ?" + system::ScopeClause(scope, "e", "e.id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Owner>();
  return std::optional<Owner>(OwnerFrom(*r));
}

Result<std::optional<Owner>> PermitRepository::OwnerById(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.Optional(std::string(kOwnerSelect) + "WHERE e.id = ?", {db::Int(id)}));
  if (!r) return std::optional<Owner>();
  return std::optional<Owner>(OwnerFrom(*r));
}

Result<int64_t> PermitRepository::Insert(db::Connection& c, const Owner& o, const SealedPermit& s,
                                         int64_t by) {
  db::Params p{db::Int(o.id),
               db::Text(o.region_code),
               db::Text(o.province_code),
               OptCode(o.city_code),
               OptCode(o.county_code),
               OptCode(o.town_code),
               db::Text(s.type),
               db::Text(s.plate),
               db::Text(s.holder_name),
               db::Text(s.holder_masked),
               OptBlob(s.id_cipher),
               db::Text(s.id_masked),
               OptBlob(s.phone_cipher),
               db::Text(s.phone_masked),
               db::Text(s.origin),
               db::Text(s.destination),
               db::Text(s.route),
               db::Text(s.cargo),
               db::Text(s.valid_from),
               db::Text(s.valid_to),
               db::Text(NowTimestamp()),
               ById(by)};
  ASSIGN_OR_RETURN(
      auto r, c.One("INSERT INTO permits (enterprise_id, region_code, province_code, city_code, "
                    "county_code, town_code, type, plate, holder_name, holder_masked, id_cipher, "
                    "id_masked, phone_cipher, phone_masked, origin, destination, route, cargo, "
                    "valid_from, valid_to, state, created_at, created_by) VALUES (?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
                    p));
  return r.Int(0);
}

Result<std::optional<Permit>> PermitRepository::Get(db::Connection& c, int64_t id,
                                                    const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kPermitSelect) + "WHERE p.id = ?" +
                    system::ScopeClause(scope, "p", "p.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Permit>();
  return std::optional<Permit>(PermitFrom(*r));
}

Result<std::optional<Permit>> PermitRepository::ByNumber(db::Connection& c,
                                                         const std::string& permit_no) {
  ASSIGN_OR_RETURN(auto r, c.Optional(std::string(kPermitSelect) + "WHERE p.permit_no = ?",
                                      {db::Text(permit_no)}));
  if (!r) return std::optional<Permit>();
  return std::optional<Permit>(PermitFrom(*r));
}

Result<std::vector<Permit>> PermitRepository::List(db::Connection& c, const system::Scope& scope,
                                                   const PermitFilter& f, const std::string& today,
                                                   const system::Page& page, int64_t* total) {
  db::Params p;
  std::string where = "WHERE 1 = 1" + system::ScopeClause(scope, "p", "p.enterprise_id", &p);
  if (f.state == "expired") {
    where += " AND p.state = 'issued' AND p.valid_to < ?";
    p.push_back(db::Text(today));
  } else if (f.state == "active") {
    where += " AND p.state = 'issued' AND p.valid_to >= ?";
    p.push_back(db::Text(today));
  } else if (!f.state.empty()) {
    where += " AND p.state = ?";
    p.push_back(db::Text(f.state));
  }
  if (!f.type.empty()) {
    where += " AND p.type = ?";
    p.push_back(db::Text(f.type));
  }
  if (!f.q.empty()) {
    where += " AND (p.permit_no = ? OR p.plate LIKE ? OR e.name LIKE ? OR e.uscc = ?)";
    p.push_back(db::Text(f.q));
    p.push_back(db::Text("%" + f.q + "%"));
    p.push_back(db::Text("%" + f.q + "%"));
    p.push_back(db::Text(f.q));
  }
  ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM permits p JOIN enterprises e ON "
                                 "e.id = p.enterprise_id " +
                                     where,
                                 p));
  *total = n.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int((page.page - 1) * page.size));
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kPermitSelect) + where +
                                         " ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?",
                                     p));
  std::vector<Permit> out;
  for (const auto& r : res.rows) out.push_back(PermitFrom(r));
  return out;
}

Result<bool> PermitRepository::Issue(db::Connection& c, int64_t id, const std::string& permit_no,
                                     const std::string& token, const std::string& comment,
                                     int64_t by) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE permits SET state = 'issued', permit_no = ?, "
                                      "token = ?, review_comment = ?, reviewed_at = ?, "
                                      "reviewed_by = ? WHERE id = ? AND state = 'pending' "
                                      "RETURNING id",
                                      {db::Text(permit_no), db::Text(token), db::Text(comment),
                                       db::Text(NowTimestamp()), ById(by), db::Int(id)}));
  return r.has_value();
}

Result<bool> PermitRepository::Refuse(db::Connection& c, int64_t id, const std::string& comment,
                                      int64_t by) {
  ASSIGN_OR_RETURN(
      auto r, c.Optional("UPDATE permits SET state = 'refused', review_comment = ?, "
                         "reviewed_at = ?, reviewed_by = ? "
                         "WHERE id = ? AND state = 'pending' RETURNING id",
                         {db::Text(comment), db::Text(NowTimestamp()), ById(by), db::Int(id)}));
  return r.has_value();
}

Result<bool> PermitRepository::Revoke(db::Connection& c, int64_t id, const std::string& reason,
                                      int64_t by) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional("UPDATE permits SET state = 'revoked', revoke_reason = ?, "
                              "revoked_at = ?, revoked_by = ? "
                              "WHERE id = ? AND state = 'issued' RETURNING id",
                              {db::Text(reason), db::Text(NowTimestamp()), ById(by), db::Int(id)}));
  return r.has_value();
}

Result<std::string> PermitRepository::IdCipher(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.One("SELECT id_cipher FROM permits WHERE id = ?", {db::Int(id)}));
  return r.IsNull(0) ? std::string() : r.Bytes(0);
}

Result<std::vector<TypeCount>> PermitRepository::Counts(db::Connection& c,
                                                        const system::Scope& scope,
                                                        const std::string& from,
                                                        const std::string& to) {
  // Timestamps sort as text: a date D covers [D, D + "T99").
  std::string lo = from, hi = to + "T99";
  db::Params p{db::Text(lo), db::Text(hi), db::Text(lo), db::Text(hi), db::Text(lo), db::Text(hi),
               db::Text(lo), db::Text(hi), db::Text(to), db::Text(to), db::Text(hi)};
  std::string sql =
      "SELECT p.type, "
      "SUM(CASE WHEN p.created_at >= ? AND p.created_at < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.state IN ('issued', 'revoked') AND p.reviewed_at >= ? AND "
      "p.reviewed_at < ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.state = 'refused' AND p.reviewed_at >= ? AND p.reviewed_at < ? "
      "THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.state = 'revoked' AND p.revoked_at >= ? AND p.revoked_at < ? "
      "THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.state IN ('issued', 'revoked') AND p.valid_from <= ? AND p.valid_to >= ? "
      "AND (p.revoked_at IS NULL OR p.revoked_at >= ?) THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.state = 'pending' THEN 1 ELSE 0 END) "
      "FROM permits p WHERE 1 = 1" +
      system::ScopeClause(scope, "p", "p.enterprise_id", &p) + " GROUP BY p.type";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<TypeCount> out;
  for (const char* t : kTypes) {
    TypeCount tc;
    tc.type = t;
    for (const auto& r : res.rows)
      if (r.Text(0) == t)
        tc = TypeCount{t, r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5), r.Int(6)};
    out.push_back(tc);
  }
  return out;
}

}  // namespace fugong::permit
