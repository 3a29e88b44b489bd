#include "modules/workforce/employee_repository.h"

#include "core/clock.h"
#include "modules/workforce/sql_util.h"

namespace fugong::workforce {
namespace {

constexpr const char* kSelect =
    "SELECT e.id, e.enterprise_id, ent.uscc, ent.name, e.region_code, e.name, e.id_masked, "
    "e.phone_masked, e.department, e.home_address, COALESCE(e.home_region_code, ''), "
    "e.out_of_province, e.shift, e.active, a.user_id, e.created_at, e.updated_at "
    "FROM employees e JOIN enterprises ent ON ent.id = e.enterprise_id "
    "LEFT JOIN employee_accounts a ON a.employee_id = e.id ";

Employee FromRow(const db::Row& row) {
  Employee e;
  size_t k = 0;
  e.id = row.Int(k++);
  e.enterprise_id = row.Int(k++);
  e.enterprise_uscc = row.Text(k++);
  e.enterprise_name = row.Text(k++);
  e.region_code = row.Text(k++);
  e.name = row.Text(k++);
  e.id_masked = row.Text(k++);
  e.phone_masked = row.Text(k++);
  e.department = row.Text(k++);
  e.home_address = row.Text(k++);
  e.home_region_code = row.Text(k++);
  e.out_of_province = row.Bool(k++);
  e.shift = row.Text(k++);
  e.active = row.Bool(k++);
  if (!row.IsNull(k)) e.user_id = row.Int(k);
  ++k;
  e.created_at = row.Text(k++);
  e.updated_at = row.Text(k++);
  return e;
}

db::Value MaybeBlob(const std::string& bytes) {
  return bytes.empty() ? db::Null() : db::Value(db::Blob{bytes});
}

}  // namespace

Result<int64_t> EmployeeRepository::Insert(db::Connection& c, int64_t enterprise_id,
                                           const system::Region& region, const SealedEmployee& e,
                                           int64_t by) {
  std::string now = NowTimestamp();
  db::Params p{db::Int(enterprise_id)};
  sql::AppendRegion(region, &p);
  for (db::Value v :
       {db::Text(e.name), db::Value(db::Blob{e.id_cipher}), db::Text(e.id_hash),
        db::Text(e.id_masked), MaybeBlob(e.phone_cipher), db::Text(e.phone_masked),
        db::Text(e.department), db::Text(e.home_address), sql::OrNull(e.home_region_code),
        db::Bool(e.out_of_province), db::Text(e.shift), db::Text(now), sql::ById(by), db::Text(now),
        sql::ById(by)})
    p.push_back(std::move(v));
  ASSIGN_OR_RETURN(
      auto row,
      c.One(std::string("INSERT INTO employees (enterprise_id, ") + sql::kRegionColumns +
                ", name, id_cipher, id_hash, id_masked, phone_cipher, phone_masked, department, "
                "home_address, home_region_code, out_of_province, shift, created_at, created_by, "
                "updated_at, updated_by) VALUES (" +
                sql::Marks(p.size()) + ") RETURNING id",
            p));
  return row.Int(0);
}

Status EmployeeRepository::Update(db::Connection& c, int64_t id, const SealedEmployee& e,
                                  int64_t by) {
  return c.Exec(
      "UPDATE employees SET name = ?, id_cipher = ?, id_masked = ?, phone_cipher = ?, "
      "phone_masked = ?, department = ?, home_address = ?, home_region_code = ?, "
      "out_of_province = ?, shift = ?, active = 1, updated_at = ?, updated_by = ? WHERE id = ?",
      {db::Text(e.name), db::Blob{e.id_cipher}, db::Text(e.id_masked), MaybeBlob(e.phone_cipher),
       db::Text(e.phone_masked), db::Text(e.department), db::Text(e.home_address),
       sql::OrNull(e.home_region_code), db::Bool(e.out_of_province), db::Text(e.shift),
       db::Text(NowTimestamp()), sql::ById(by), db::Int(id)});
}

Status EmployeeRepository::SetActive(db::Connection& c, int64_t id, bool active, int64_t by) {
  return c.Exec("UPDATE employees SET active = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                {db::Bool(active), db::Text(NowTimestamp()), sql::ById(by), db::Int(id)});
}

Result<std::optional<int64_t>> EmployeeRepository::FindByHash(db::Connection& c,
                                                              int64_t enterprise_id,
                                                              const std::string& id_hash) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT id FROM employees WHERE enterprise_id = ? AND "
                                        "id_hash = ?",
                                        {db::Int(enterprise_id), db::Text(id_hash)}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

Result<std::optional<Employee>> EmployeeRepository::Get(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto row, c.Optional(std::string(kSelect) + "WHERE e.id = ?", {db::Int(id)}));
  if (!row) return std::optional<Employee>();
  return std::optional<Employee>(FromRow(*row));
}

Result<bool> EmployeeRepository::InScope(db::Connection& c, int64_t id,
                                         const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string where = sql::ScopeClause(scope, "e", &p);
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT 1 FROM employees e WHERE e.id = ?" + where, p));
  return row.has_value();
}

Result<std::vector<Employee>> EmployeeRepository::List(db::Connection& c, int64_t enterprise_id,
                                                       const EmployeeFilter& f,
                                                       const std::string& id_hash,
                                                       const system::Page& page, int64_t* total) {
  std::string where = "WHERE e.enterprise_id = ?";
  db::Params p{db::Int(enterprise_id)};
  if (!f.include_inactive) where += " AND e.active = 1";
  if (!f.q.empty()) {
    where += " AND lower(e.name) LIKE lower(?)";
    p.push_back(db::Text("%" + f.q + "%"));
  }
  if (!f.department.empty()) {
    where += " AND e.department = ?";
    p.push_back(db::Text(f.department));
  }
  if (!id_hash.empty()) {
    where += " AND e.id_hash = ?";
    p.push_back(db::Text(id_hash));
  }
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM employees e " + where, p));
  *total = count.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kSelect) + where + " ORDER BY e.id LIMIT ? OFFSET ?", p));
  std::vector<Employee> out;
  out.reserve(res.rows.size());
  for (const auto& row : res.rows) out.push_back(FromRow(row));
  return out;
}

Result<std::pair<std::string, std::string>> EmployeeRepository::Sealed(db::Connection& c,
                                                                       int64_t id) {
  ASSIGN_OR_RETURN(
      auto row, c.One("SELECT id_cipher, phone_cipher FROM employees WHERE id = ?", {db::Int(id)}));
  return std::pair(row.Bytes(0), row.IsNull(1) ? std::string() : row.Bytes(1));
}

Status EmployeeRepository::LinkAccount(db::Connection& c, int64_t user_id, int64_t employee_id,
                                       int64_t enterprise_id, int64_t by) {
  return c.Exec(
      "INSERT INTO employee_accounts (user_id, employee_id, enterprise_id, created_at, "
      "created_by) VALUES (?, ?, ?, ?, ?)",
      {db::Int(user_id), db::Int(employee_id), db::Int(enterprise_id), db::Text(NowTimestamp()),
       sql::ById(by)});
}

Result<std::optional<int64_t>> EmployeeRepository::EmployeeOfUser(db::Connection& c,
                                                                  int64_t user_id) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT employee_id FROM employee_accounts WHERE "
                                        "user_id = ?",
                                        {db::Int(user_id)}));
  if (!row) return std::optional<int64_t>();
  return std::optional<int64_t>(row->Int(0));
}

Result<int64_t> EmployeeRepository::CountActive(db::Connection& c, int64_t enterprise_id) {
  ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(*) FROM employees WHERE enterprise_id = ? AND "
                                   "active = 1",
                                   {db::Int(enterprise_id)}));
  return row.Int(0);
}

}  // namespace fugong::workforce
