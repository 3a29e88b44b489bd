#include "modules/finance/finance_repository.h"

#include "system/scope_sql.h"

namespace fugong::finance {
namespace {

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value By(int64_t by) { return by ? db::Int(by) : db::Null(); }

constexpr const char* kDemandSelect =
    "SELECT d.id, d.enterprise_id, e.uscc, e.name, d.region_code, d.province_code, d.city_code, "
    "d.county_code, d.town_code, d.programme_id, pr.name, d.amount, d.purpose, d.term_months, "
    "d.collateral, d.urgency, d.contact_name, d.contact_phone, d.note, d.state, d.filed_at, "
    "d.first_pushed_at, d.decided_at, d.granted_amount, d.version, d.updated_at "
    "FROM finance_demands d JOIN enterprises e ON e.id = d.enterprise_id "
    "LEFT JOIN finance_programmes pr ON pr.id = d.programme_id ";

Demand DemandFrom(const db::Row& r) {
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
  if (!r.IsNull(9)) d.programme_id = r.Int(9);
  d.programme_name = r.Text(10);
  d.amount = r.Real(11);
  d.purpose = r.Text(12);
  d.term_months = r.Int(13);
  d.collateral = r.Text(14);
  d.urgency = r.Text(15);
  d.contact_name = r.Text(16);
  d.contact_phone = r.Text(17);
  d.note = r.Text(18);
  d.state = r.Text(19);
  d.filed_at = r.Text(20);
  d.first_pushed_at = r.Text(21);
  d.decided_at = r.Text(22);
  d.granted_amount = r.Real(23);
  d.version = r.Int(24);
  d.updated_at = r.Text(25);
  return d;
}

std::string AccessClause(const Access& a, db::Params* p) {
  if (a.bank_id && !a.scope.all && a.scope.region_code.empty() && !a.scope.enterprise_id) {
    p->push_back(db::Int(*a.bank_id));
    return " AND EXISTS (SELECT 1 FROM finance_pushes bp WHERE bp.demand_id = d.id AND "
           "bp.bank_id = ?)";
  }
  return system::ScopeClause(a.scope, "d", "d.enterprise_id", p);
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

Result<std::vector<Bank>> FinanceRepository::Banks(db::Connection& c, bool active_only) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string("SELECT b.id, b.name, b.contact, b.phone, "
                                       "b.active, b.created_at, (SELECT COUNT(*) FROM "
                                       "bank_users u WHERE u.bank_id = b.id) "
                                       "FROM banks b") +
                           (active_only ? " WHERE b.active = 1" : "") + " ORDER BY b.id"));
  std::vector<Bank> out;
  for (const auto& r : res.rows)
    out.push_back(Bank{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Bool(4), r.Int(6), r.Text(5)});
  return out;
}

Result<std::optional<Bank>> FinanceRepository::GetBank(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT b.id, b.name, b.contact, b.phone, b.active, "
                                      "b.created_at, (SELECT COUNT(*) FROM bank_users u WHERE "
                                      "u.bank_id = b.id) FROM banks b WHERE b.id = ?",
                                      {db::Int(id)}));
  if (!r) return std::optional<Bank>();
  return std::optional<Bank>(
      Bank{r->Int(0), r->Text(1), r->Text(2), r->Text(3), r->Bool(4), r->Int(6), r->Text(5)});
}

Result<std::optional<int64_t>> FinanceRepository::InsertBank(db::Connection& c, const Bank& b,
                                                             int64_t by, const std::string& at) {
  ASSIGN_OR_RETURN(auto r, c.Optional("INSERT INTO banks (name, contact, phone, active, "
                                      "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?) "
                                      "ON CONFLICT (name) DO NOTHING RETURNING id",
                                      {db::Text(b.name), db::Text(b.contact), db::Text(b.phone),
                                       db::Bool(b.active), db::Text(at), By(by)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<bool> FinanceRepository::UpdateBank(db::Connection& c, const Bank& b) {
  ASSIGN_OR_RETURN(auto taken, c.Optional("SELECT 1 FROM banks WHERE name = ? AND id <> ?",
                                          {db::Text(b.name), db::Int(b.id)}));
  if (taken) return false;
  RETURN_IF_ERROR(
      c.Exec("UPDATE banks SET name = ?, contact = ?, phone = ?, active = ? WHERE id = ?",
             {db::Text(b.name), db::Text(b.contact), db::Text(b.phone), db::Bool(b.active),
              db::Int(b.id)}));
  return true;
}

Result<std::vector<BankUser>> FinanceRepository::BankUsers(db::Connection& c, int64_t bank_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT u.id, u.username, u.display_name, bu.bank_id FROM "
                                     "bank_users bu JOIN users u ON u.id = bu.user_id WHERE "
                                     "bu.bank_id = ? ORDER BY u.username",
                                     {db::Int(bank_id)}));
  std::vector<BankUser> out;
  for (const auto& r : res.rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3)});
  return out;
}

Status FinanceRepository::PutBankUser(db::Connection& c, int64_t user_id, int64_t bank_id,
                                      int64_t by, const std::string& at) {
  return c.Exec(
      "INSERT INTO bank_users (user_id, bank_id, created_at, created_by) VALUES "
      "(?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET bank_id = excluded.bank_id, "
      "created_at = excluded.created_at, created_by = excluded.created_by",
      {db::Int(user_id), db::Int(bank_id), db::Text(at), By(by)});
}

Result<bool> FinanceRepository::RemoveBankUser(db::Connection& c, int64_t user_id,
                                               int64_t bank_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("DELETE FROM bank_users WHERE user_id = ? AND bank_id = ? "
                                      "RETURNING user_id",
                                      {db::Int(user_id), db::Int(bank_id)}));
  return r.has_value();
}

Result<std::optional<int64_t>> FinanceRepository::BankOf(db::Connection& c, int64_t user_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT bu.bank_id FROM bank_users bu JOIN banks b ON "
                                      "b.id = bu.bank_id WHERE bu.user_id = ? AND b.active = 1",
                                      {db::Int(user_id)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<std::vector<int64_t>> FinanceRepository::UsersOfBanks(db::Connection& c,
                                                             const std::vector<int64_t>& ids) {
  std::vector<int64_t> out;
  for (int64_t id : ids) {
    ASSIGN_OR_RETURN(auto res, c.Query("SELECT u.id FROM bank_users bu JOIN users u ON u.id = "
                                       "bu.user_id WHERE bu.bank_id = ? AND u.disabled = 0",
                                       {db::Int(id)}));
    for (const auto& r : res.rows) out.push_back(r.Int(0));
  }
  return out;
}

Result<std::optional<std::pair<int64_t, std::vector<std::string>>>> FinanceRepository::UserByName(
    db::Connection& c, const std::string& username) {
  using Out = std::optional<std::pair<int64_t, std::vector<std::string>>>;
  ASSIGN_OR_RETURN(auto r,
                   c.Optional("SELECT id FROM users WHERE username = ?", {db::Text(username)}));
  if (!r) return Out();
  int64_t id = r->Int(0);
  ASSIGN_OR_RETURN(auto roles,
                   c.Query("SELECT role FROM user_roles WHERE user_id = ?", {db::Int(id)}));
  std::vector<std::string> list;
  for (const auto& row : roles.rows) list.push_back(row.Text(0));
  return Out(std::make_pair(id, std::move(list)));
}

Result<std::vector<Programme>> FinanceRepository::Programmes(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT id, code, name, note, target_hours FROM "
                                     "finance_programmes ORDER BY id"));
  std::vector<Programme> out;
  for (const auto& r : res.rows) {
    Programme p{r.Int(0), r.Text(1), r.Text(2), r.Text(3), std::nullopt};
    if (!r.IsNull(4)) p.target_hours = r.Real(4);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::optional<int64_t>> FinanceRepository::InsertProgramme(db::Connection& c,
                                                                  const Programme& p,
                                                                  const std::string& at) {
  ASSIGN_OR_RETURN(
      auto r, c.Optional("INSERT INTO finance_programmes (code, name, target_hours, note, "
                         "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING "
                         "RETURNING id",
                         {db::Text(p.code), db::Text(p.name),
                          p.target_hours ? db::Real(*p.target_hours) : db::Null(), db::Text(p.note),
                          db::Text(at)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<int64_t> FinanceRepository::InsertDemand(db::Connection& c, int64_t enterprise_id,
                                                const system::Region& region, const NewDemand& d,
                                                const std::string& at, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO finance_demands (enterprise_id, region_code, province_code, city_code, "
            "county_code, town_code, programme_id, amount, purpose, term_months, collateral, "
            "urgency, contact_name, contact_phone, note, state, filed_at, created_by, updated_at, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'filed', ?, ?, ?, ?) "
            "RETURNING id",
            {db::Int(enterprise_id), db::Text(region.code), db::Text(region.province_code),
             OrNull(region.city_code), OrNull(region.county_code), OrNull(region.town_code),
             d.programme_id ? db::Int(*d.programme_id) : db::Null(), db::Real(d.amount),
             db::Text(d.purpose), db::Int(d.term_months), db::Text(d.collateral),
             db::Text(d.urgency), db::Text(d.contact_name), db::Text(d.contact_phone),
             db::Text(d.note), db::Text(at), By(by), db::Text(at), By(by)}));
  return r.Int(0);
}

Result<std::optional<Demand>> FinanceRepository::GetDemand(db::Connection& c, int64_t id,
                                                           const Access& a) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kDemandSelect) + "WHERE d.id = ?" + AccessClause(a, &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Demand>();
  return std::optional<Demand>(DemandFrom(*r));
}

Result<std::vector<Demand>> FinanceRepository::ListDemands(db::Connection& c, const DemandFilter& f,
                                                           const Access& a, int64_t limit,
                                                           int64_t offset, int64_t* total) {
  db::Params p;
  std::string where = " WHERE 1 = 1" + AccessClause(a, &p);
  if (!f.state.empty()) {
    where += " AND d.state = ?";
    p.push_back(db::Text(f.state));
  }
  if (!f.urgency.empty()) {
    where += " AND d.urgency = ?";
    p.push_back(db::Text(f.urgency));
  }
  if (f.programme_id) {
    where += " AND d.programme_id = ?";
    p.push_back(db::Int(*f.programme_id));
  }
  if (f.bank_id) {
    where +=
        " AND EXISTS (SELECT 1 FROM finance_pushes fp WHERE fp.demand_id = d.id AND "
        "fp.bank_id = ?)";
    p.push_back(db::Int(*f.bank_id));
  }
  if (!f.region_code.empty() && f.region_level > 0) {
    where += " AND " + RegionColumn(f.region_level) + " = ?";
    p.push_back(db::Text(f.region_code));
  }
  if (!f.q.empty()) {
    where += " AND (e.name LIKE ? OR e.uscc = ? OR d.purpose LIKE ?)";
    std::string like = "%" + f.q + "%";
    p.push_back(db::Text(like));
    p.push_back(db::Text(f.q));
    p.push_back(db::Text(like));
  }
  if (!f.from.empty()) {
    where += " AND d.filed_at >= ?";
    p.push_back(db::Text(f.from + "T00:00:00+08:00"));
  }
  if (!f.to.empty()) {
    where += " AND d.filed_at <= ?";
    p.push_back(db::Text(f.to + "T23:59:59+08:00"));
  }
  if (total) {
    ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM finance_demands d JOIN enterprises e ON "
                                   "e.id = d.enterprise_id" +
                                       where,
                                   p));
    *total = n.Int(0);
  }
  p.push_back(db::Int(limit));
  p.push_back(db::Int(offset));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string(kDemandSelect) + where + " ORDER BY d.id DESC LIMIT ? OFFSET ?", p));
  std::vector<Demand> out;
  out.reserve(res.rows.size());
  for (const auto& r : res.rows) out.push_back(DemandFrom(r));
  return out;
}

Result<std::map<int64_t, std::vector<Push>>> FinanceRepository::PushesOf(
    db::Connection& c, const std::vector<int64_t>& ids, std::optional<int64_t> bank_id) {
  std::map<int64_t, std::vector<Push>> out;
  for (size_t i = 0; i < ids.size(); i += 500) {
    db::Params p;
    std::string in;
    for (size_t j = i; j < ids.size() && j < i + 500; ++j) {
      in += in.empty() ? "?" : ", ?";
      p.push_back(db::Int(ids[j]));
    }
    std::string sql =
        "SELECT p.id, p.demand_id, p.bank_id, b.name, p.pushed_at, p.push_note, p.decision, "
        "p.granted_amount, p.rate, p.grant_date, p.decision_note, p.decided_at, u.display_name "
        "FROM finance_pushes p JOIN banks b ON b.id = p.bank_id LEFT JOIN users u ON u.id = "
        "p.decided_by WHERE p.demand_id IN (" +
        in + ")";
    if (bank_id) {
      sql += " AND p.bank_id = ?";
      p.push_back(db::Int(*bank_id));
    }
    ASSIGN_OR_RETURN(auto res, c.Query(sql + " ORDER BY p.id", p));
    for (const auto& r : res.rows) {
      Push x;
      x.id = r.Int(0);
      x.demand_id = r.Int(1);
      x.bank_id = r.Int(2);
      x.bank_name = r.Text(3);
      x.pushed_at = r.Text(4);
      x.push_note = r.Text(5);
      x.decision = r.Text(6);
      if (!r.IsNull(7)) x.granted_amount = r.Real(7);
      if (!r.IsNull(8)) x.rate = r.Real(8);
      x.grant_date = r.Text(9);
      x.decision_note = r.Text(10);
      x.decided_at = r.Text(11);
      x.decided_by_name = r.Text(12);
      out[x.demand_id].push_back(std::move(x));
    }
  }
  return out;
}

Result<bool> FinanceRepository::InsertPush(db::Connection& c, const Demand& d, int64_t bank_id,
                                           const std::string& note, const std::string& at,
                                           int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional(
          "INSERT INTO finance_pushes (demand_id, bank_id, enterprise_id, region_code, "
          "province_code, city_code, county_code, town_code, pushed_at, pushed_by, "
          "push_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (demand_id, "
          "bank_id) DO NOTHING RETURNING id",
          {db::Int(d.id), db::Int(bank_id), db::Int(d.enterprise_id), db::Text(d.region_code),
           db::Text(d.province_code), OrNull(d.city_code), OrNull(d.county_code),
           OrNull(d.town_code), db::Text(at), By(by), db::Text(note)}));
  return r.has_value();
}

Result<bool> FinanceRepository::DecidePush(db::Connection& c, int64_t demand_id, int64_t bank_id,
                                           const Decision& dec, const std::string& at, int64_t by) {
  bool granted = dec.decision == "granted";
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional("UPDATE finance_pushes SET decision = ?, granted_amount = ?, rate = ?, "
                 "grant_date = ?, decision_note = ?, decided_at = ?, decided_by = ? "
                 "WHERE demand_id = ? AND bank_id = ? AND decision = 'pending' "
                 "RETURNING id",
                 {db::Text(dec.decision), granted ? db::Real(dec.granted_amount) : db::Null(),
                  granted ? db::Real(dec.rate) : db::Null(),
                  granted ? db::Text(dec.grant_date) : db::Null(), db::Text(dec.note), db::Text(at),
                  By(by), db::Int(demand_id), db::Int(bank_id)}));
  return r.has_value();
}

Result<bool> FinanceRepository::UpdateDemandState(db::Connection& c, int64_t id, int64_t version,
                                                  const std::string& state,
                                                  const std::string& first_pushed,
                                                  const std::string& decided_at, double granted,
                                                  const std::string& at, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r, c.Optional("UPDATE finance_demands SET state = ?, first_pushed_at = ?, "
                         "decided_at = ?, granted_amount = ?, version = version + 1, "
                         "updated_at = ?, updated_by = ? WHERE id = ? AND version = ? "
                         "RETURNING version",
                         {db::Text(state), OrNull(first_pushed), OrNull(decided_at),
                          db::Real(granted), db::Text(at), By(by), db::Int(id), db::Int(version)}));
  return r.has_value();
}

}  // namespace fugong::finance
