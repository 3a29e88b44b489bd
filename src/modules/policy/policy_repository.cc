#include "modules/policy/policy_repository.h"

#include "modules/policy/rules.h"
#include "system/scope_sql.h"

namespace fugong::policy {
namespace {

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value By(int64_t by) { return by ? db::Int(by) : db::Null(); }
db::Value OptReal(const std::optional<double>& v) { return v ? db::Real(*v) : db::Null(); }

constexpr const char* kSelect =
    "SELECT p.id, p.title, p.issuer, p.doc_no, p.benefit, p.content, p.valid_from, p.valid_to, "
    "p.region_code, r.name, p.province_code, p.city_code, p.county_code, p.town_code, p.rule, "
    "p.created_at, p.updated_at FROM policies p LEFT JOIN regions r ON r.code = p.region_code ";

Policy From(const db::Row& r) {
  Policy p;
  p.id = r.Int(0);
  p.title = r.Text(1);
  p.issuer = r.Text(2);
  p.doc_no = r.Text(3);
  p.benefit = r.Text(4);
  p.content = r.Text(5);
  p.valid_from = r.Text(6);
  p.valid_to = r.Text(7);
  p.region_code = r.Text(8);
  p.region_name = r.Text(9);
  p.province_code = r.Text(10);
  p.city_code = r.Text(11);
  p.county_code = r.Text(12);
  p.town_code = r.Text(13);
  p.rule_json = r.Text(14);
  boost::system::error_code ec;
  auto v = json::parse(p.rule_json, ec);
  if (!ec)
    if (auto rule = ParseRule(v); rule.ok()) p.rule = *rule;
  p.created_at = r.Text(15);
  p.updated_at = r.Text(16);
  return p;
}

constexpr const char* kRecipientSelect =
    "SELECT x.id, x.policy_id, p.title, p.issuer, p.benefit, p.valid_to, x.enterprise_id, e.uscc, "
    "e.name, x.region_code, x.pushed_at, x.outcome, x.applied_at, x.application_note, "
    "x.requested_amount, x.approved_amount, x.outcome_note, x.decided_at "
    "FROM policy_recipients x JOIN policies p ON p.id = x.policy_id "
    "JOIN enterprises e ON e.id = x.enterprise_id ";

Recipient RecipientFrom(const db::Row& r) {
  Recipient x;
  x.id = r.Int(0);
  x.policy_id = r.Int(1);
  x.policy_title = r.Text(2);
  x.policy_issuer = r.Text(3);
  x.policy_benefit = r.Text(4);
  x.policy_valid_to = r.Text(5);
  x.enterprise_id = r.Int(6);
  x.uscc = r.Text(7);
  x.name = r.Text(8);
  x.region_code = r.Text(9);
  x.pushed_at = r.Text(10);
  x.outcome = r.Text(11);
  x.applied_at = r.Text(12);
  x.application_note = r.Text(13);
  if (!r.IsNull(14)) x.requested_amount = r.Real(14);
  if (!r.IsNull(15)) x.approved_amount = r.Real(15);
  x.outcome_note = r.Text(16);
  x.decided_at = r.Text(17);
  return x;
}

}  // namespace

Result<int64_t> PolicyRepository::Insert(db::Connection& c, const Policy& p,
                                         const system::Region& region, const std::string& at,
                                         int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO policies (title, issuer, doc_no, benefit, content, valid_from, valid_to, "
            "region_code, province_code, city_code, county_code, town_code, rule, created_at, "
            "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?) RETURNING id",
            {db::Text(p.title), db::Text(p.issuer), db::Text(p.doc_no), db::Text(p.benefit),
             db::Text(p.content), db::Text(p.valid_from), db::Text(p.valid_to),
             db::Text(region.code), db::Text(region.province_code), OrNull(region.city_code),
             OrNull(region.county_code), OrNull(region.town_code), db::Text(p.rule_json),
             db::Text(at), By(by), db::Text(at), By(by)}));
  return r.Int(0);
}

Status PolicyRepository::Update(db::Connection& c, const Policy& p, const system::Region& region,
                                const std::string& at, int64_t by) {
  return c.Exec(
      "UPDATE policies SET title = ?, issuer = ?, doc_no = ?, benefit = ?, content = ?, "
      "valid_from = ?, valid_to = ?, region_code = ?, province_code = ?, city_code = ?, "
      "county_code = ?, town_code = ?, rule = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      {db::Text(p.title), db::Text(p.issuer), db::Text(p.doc_no), db::Text(p.benefit),
       db::Text(p.content), db::Text(p.valid_from), db::Text(p.valid_to), db::Text(region.code),
       db::Text(region.province_code), OrNull(region.city_code), OrNull(region.county_code),
       OrNull(region.town_code), db::Text(p.rule_json), db::Text(at), By(by), db::Int(p.id)});
}

Result<std::optional<Policy>> PolicyRepository::Get(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.Optional(std::string(kSelect) + "WHERE p.id = ?", {db::Int(id)}));
  if (!r) return std::optional<Policy>();
  return std::optional<Policy>(From(*r));
}

Result<std::vector<Policy>> PolicyRepository::List(db::Connection& c, const PolicyFilter& f,
                                                   const system::Scope& scope,
                                                   const std::vector<std::string>& ancestors,
                                                   const std::string& today, int64_t limit,
                                                   int64_t offset, int64_t* total) {
  db::Params p;
  std::string where = " WHERE 1 = 1";
  if (!scope.all) {
    db::Params sp;
    std::string clause = system::ScopeClause(scope, "p", "-1", &sp);  // " AND (...)"
    std::string inner = clause.substr(5);                             // "(...)"
    for (auto& v : sp) p.push_back(std::move(v));
    std::string anc;
    for (const auto& a : ancestors) {
      anc += anc.empty() ? "?" : ", ?";
      p.push_back(db::Text(a));
    }
    where += " AND (" + inner + (anc.empty() ? "" : " OR p.region_code IN (" + anc + ")") + ")";
  }
  if (!f.q.empty()) {
    where += " AND (p.title LIKE ? OR p.issuer LIKE ? OR p.doc_no = ?)";
    std::string like = "%" + f.q + "%";
    p.push_back(db::Text(like));
    p.push_back(db::Text(like));
    p.push_back(db::Text(f.q));
  }
  if (f.valid_only) {
    where += " AND p.valid_from <= ? AND p.valid_to >= ?";
    p.push_back(db::Text(today));
    p.push_back(db::Text(today));
  }
  if (total) {
    ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM policies p" + where, p));
    *total = n.Int(0);
  }
  p.push_back(db::Int(limit));
  p.push_back(db::Int(offset));
  ASSIGN_OR_RETURN(
      auto res, c.Query(std::string(kSelect) + where + " ORDER BY p.id DESC LIMIT ? OFFSET ?", p));
  std::vector<Policy> out;
  for (const auto& r : res.rows) out.push_back(From(r));
  return out;
}

Result<std::map<int64_t, Totals>> PolicyRepository::TotalsOf(db::Connection& c,
                                                             const std::vector<int64_t>& ids,
                                                             const system::Scope& scope) {
  std::map<int64_t, Totals> out;
  if (ids.empty()) return out;
  db::Params p;
  std::string in;
  for (int64_t id : ids) {
    in += in.empty() ? "?" : ", ?";
    p.push_back(db::Int(id));
  }
  std::string sql =
      "SELECT x.policy_id, COUNT(*), "
      "SUM(CASE WHEN x.outcome <> 'pushed' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN x.outcome = 'approved' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN x.outcome = 'rejected' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN x.outcome = 'approved' THEN COALESCE(x.approved_amount, 0) ELSE 0 END) "
      "FROM policy_recipients x WHERE x.policy_id IN (" +
      in + ")" + system::ScopeClause(scope, "x", "x.enterprise_id", &p) + " GROUP BY x.policy_id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  for (const auto& r : res.rows)
    out[r.Int(0)] = Totals{r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Real(5)};
  return out;
}

Result<std::map<int64_t, std::string>> PolicyRepository::Outcomes(db::Connection& c,
                                                                  int64_t policy_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT enterprise_id, outcome FROM policy_recipients "
                                     "WHERE policy_id = ?",
                                     {db::Int(policy_id)}));
  std::map<int64_t, std::string> out;
  for (const auto& r : res.rows) out[r.Int(0)] = r.Text(1);
  return out;
}

Result<bool> PolicyRepository::InsertRecipient(db::Connection& c, int64_t policy_id, const Facts& f,
                                               const std::string& region_code,
                                               const std::string& at, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r, c.Optional("INSERT INTO policy_recipients (policy_id, enterprise_id, region_code, "
                         "province_code, city_code, county_code, town_code, pushed_at, pushed_by) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (policy_id, "
                         "enterprise_id) DO NOTHING RETURNING id",
                         {db::Int(policy_id), db::Int(f.enterprise_id), db::Text(region_code),
                          db::Text(f.province_code), OrNull(f.city_code), OrNull(f.county_code),
                          OrNull(f.town_code), db::Text(at), By(by)}));
  return r.has_value();
}

Result<std::vector<Recipient>> PolicyRepository::Recipients(db::Connection& c, int64_t policy_id,
                                                            const std::string& outcome,
                                                            const system::Scope& scope,
                                                            int64_t limit, int64_t offset,
                                                            int64_t* total) {
  db::Params p{db::Int(policy_id)};
  std::string where =
      " WHERE x.policy_id = ?" + system::ScopeClause(scope, "x", "x.enterprise_id", &p);
  if (!outcome.empty()) {
    where += " AND x.outcome = ?";
    p.push_back(db::Text(outcome));
  }
  if (total) {
    ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM policy_recipients x" + where, p));
    *total = n.Int(0);
  }
  p.push_back(db::Int(limit));
  p.push_back(db::Int(offset));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string(kRecipientSelect) + where + " ORDER BY x.id LIMIT ? OFFSET ?", p));
  std::vector<Recipient> out;
  for (const auto& r : res.rows) out.push_back(RecipientFrom(r));
  return out;
}

Result<std::optional<Recipient>> PolicyRepository::GetRecipient(db::Connection& c,
                                                                int64_t policy_id, int64_t id,
                                                                const system::Scope& scope) {
  db::Params p{db::Int(id), db::Int(policy_id)};
  std::string sql = std::string(kRecipientSelect) + "WHERE x.id = ? AND x.policy_id = ?" +
                    system::ScopeClause(scope, "x", "x.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Recipient>();
  return std::optional<Recipient>(RecipientFrom(*r));
}

Result<std::vector<Recipient>> PolicyRepository::Inbox(db::Connection& c, int64_t enterprise_id) {
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kRecipientSelect) +
                                         "WHERE x.enterprise_id = ? ORDER BY x.id DESC LIMIT 500",
                                     {db::Int(enterprise_id)}));
  std::vector<Recipient> out;
  for (const auto& r : res.rows) out.push_back(RecipientFrom(r));
  return out;
}

Result<bool> PolicyRepository::Apply(db::Connection& c, int64_t id, const std::string& note,
                                     std::optional<double> amount, const std::string& at) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional("UPDATE policy_recipients SET outcome = 'applied', "
                              "applied_at = ?, application_note = ?, requested_amount = ? "
                              "WHERE id = ? AND outcome = 'pushed' RETURNING id",
                              {db::Text(at), db::Text(note), OptReal(amount), db::Int(id)}));
  return r.has_value();
}

Result<bool> PolicyRepository::Decide(db::Connection& c, int64_t id, const std::string& outcome,
                                      std::optional<double> amount, const std::string& note,
                                      const std::string& at, int64_t by) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE policy_recipients SET outcome = ?, "
                                      "approved_amount = ?, outcome_note = ?, decided_at = ?, "
                                      "decided_by = ? WHERE id = ? AND outcome = 'applied' "
                                      "RETURNING id",
                                      {db::Text(outcome), OptReal(amount), db::Text(note),
                                       db::Text(at), By(by), db::Int(id)}));
  return r.has_value();
}

}  // namespace fugong::policy
