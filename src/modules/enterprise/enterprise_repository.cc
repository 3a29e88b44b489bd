#include "modules/enterprise/enterprise_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::enterprise {
namespace {

// Column list shared by every SELECT; EnterpriseFromRow reads it in order.
constexpr const char* kSelect =
    "SELECT e.id, e.uscc, e.name, e.legal_representative, e.contact, e.phone, e.address, "
    "e.region_code, COALESCE(r.name, ''), e.industry_code, COALESCE(i.name, ''), "
    "e.industry_section, e.size, e.employees, e.employees_out_of_province, e.normal_output, "
    "e.normal_capacity, e.normal_capacity_unit, e.above_scale_industrial, e.above_quota_trade, "
    "e.key_enterprise, e.seasonal, e.continuous, e.foreign_trade, e.small_micro, "
    "e.converted_ppe, e.service_industry, e.mall, e.farmers_market, e.essential_category, "
    "e.work_status, e.status_date, e.cadre, e.cadre_rank, e.grid, e.responsible_leader, "
    "e.responsible_department, e.created_at, e.updated_at "
    "FROM enterprises e LEFT JOIN regions r ON r.code = e.region_code "
    "LEFT JOIN industries i ON i.code = e.industry_code ";

Enterprise EnterpriseFromRow(const db::Row& row) {
  Enterprise e;
  size_t k = 0;
  e.id = row.Int(k++);
  e.uscc = row.Text(k++);
  e.name = row.Text(k++);
  e.legal_representative = row.Text(k++);
  e.contact = row.Text(k++);
  e.phone = row.Text(k++);
  e.address = row.Text(k++);
  e.region_code = row.Text(k++);
  e.region_name = row.Text(k++);
  e.industry_code = row.Text(k++);
  e.industry_name = row.Text(k++);
  e.industry_section = row.Text(k++);
  e.size = row.Text(k++);
  e.employees = row.Int(k++);
  e.employees_out_of_province = row.Int(k++);
  e.normal_output = row.Real(k++);
  e.normal_capacity = row.Real(k++);
  e.normal_capacity_unit = row.Text(k++);
  e.above_scale_industrial = row.Bool(k++);
  e.above_quota_trade = row.Bool(k++);
  e.key_enterprise = row.Bool(k++);
  e.seasonal = row.Bool(k++);
  e.continuous = row.Bool(k++);
  e.foreign_trade = row.Bool(k++);
  e.small_micro = row.Bool(k++);
  e.converted_ppe = row.Bool(k++);
  e.service_industry = row.Bool(k++);
  e.mall = row.Bool(k++);
  e.farmers_market = row.Bool(k++);
  e.essential_category = row.Text(k++);
  e.work_status = row.Text(k++);
  e.status_date = row.Text(k++);
  e.cadre = row.Text(k++);
  e.cadre_rank = row.Text(k++);
  e.grid = row.Text(k++);
  e.responsible_leader = row.Text(k++);
  e.responsible_department = row.Text(k++);
  e.created_at = row.Text(k++);
  e.updated_at = row.Text(k++);
  return e;
}

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value OptId(std::optional<int64_t> v) { return v ? db::Int(*v) : db::Null(); }

// The values written by INSERT and UPDATE, in the order of kWriteColumns.
constexpr const char* kWriteColumns[] = {"uscc",
                                         "name",
                                         "legal_representative",
                                         "contact",
                                         "phone",
                                         "address",
                                         "region_code",
                                         "province_code",
                                         "city_code",
                                         "county_code",
                                         "town_code",
                                         "industry_code",
                                         "industry_section",
                                         "size",
                                         "employees",
                                         "employees_out_of_province",
                                         "normal_output",
                                         "normal_capacity",
                                         "normal_capacity_unit",
                                         "above_scale_industrial",
                                         "above_quota_trade",
                                         "key_enterprise",
                                         "seasonal",
                                         "continuous",
                                         "foreign_trade",
                                         "small_micro",
                                         "converted_ppe",
                                         "service_industry",
                                         "mall",
                                         "farmers_market",
                                         "essential_category",
                                         "work_status",
                                         "status_date",
                                         "cadre",
                                         "cadre_rank",
                                         "grid",
                                         "responsible_leader",
                                         "responsible_department"};

db::Params WriteValues(const Enterprise& e, const system::Region& r) {
  return {db::Text(e.uscc),
          db::Text(e.name),
          db::Text(e.legal_representative),
          db::Text(e.contact),
          db::Text(e.phone),
          db::Text(e.address),
          db::Text(e.region_code),
          db::Text(r.province_code),
          OrNull(r.city_code),
          OrNull(r.county_code),
          OrNull(r.town_code),
          db::Text(e.industry_code),
          db::Text(e.industry_section),
          db::Text(e.size),
          db::Int(e.employees),
          db::Int(e.employees_out_of_province),
          db::Real(e.normal_output),
          db::Real(e.normal_capacity),
          db::Text(e.normal_capacity_unit),
          db::Bool(e.above_scale_industrial),
          db::Bool(e.above_quota_trade),
          db::Bool(e.key_enterprise),
          db::Bool(e.seasonal),
          db::Bool(e.continuous),
          db::Bool(e.foreign_trade),
          db::Bool(e.small_micro),
          db::Bool(e.converted_ppe),
          db::Bool(e.service_industry),
          db::Bool(e.mall),
          db::Bool(e.farmers_market),
          db::Text(e.essential_category),
          db::Text(e.work_status),
          db::Text(e.status_date),
          db::Text(e.cadre),
          db::Text(e.cadre_rank),
          db::Text(e.grid),
          db::Text(e.responsible_leader),
          db::Text(e.responsible_department)};
}

// The ancestor column of each region level (1 province .. 4 town).
constexpr const char* kLevelColumn[] = {"", "e.province_code", "e.city_code", "e.county_code",
                                        "e.town_code"};

// Scope and filters as a WHERE clause. Column names come only from fixed
// tables (never from input), values are always bound.
void AppendScope(const system::Scope& scope, std::string* where, db::Params* params) {
  *where += system::ScopeClause(scope, "e", "e.id", params);
}

std::string BuildWhere(const EnterpriseFilter& f, const system::Scope& scope, db::Params* params) {
  std::string where = "WHERE 1 = 1";
  AppendScope(scope, &where, params);
  if (!f.region_code.empty() && f.region_level >= 1 && f.region_level <= 4) {
    where += std::string(" AND ") + kLevelColumn[f.region_level] + " = ?";
    params->push_back(db::Text(f.region_code));
  }
  if (!f.q.empty()) {
    where += " AND (lower(e.name) LIKE lower(?) OR e.uscc LIKE ?)";
    params->push_back(db::Text("%" + f.q + "%"));
    params->push_back(db::Text(f.q + "%"));
  }
  if (!f.status.empty()) {
    where += " AND e.work_status = ?";
    params->push_back(db::Text(f.status));
  }
  if (!f.industry.empty()) {
    where += f.industry.size() == 1 ? " AND e.industry_section = ?" : " AND e.industry_code = ?";
    params->push_back(db::Text(f.industry));
  }
  if (!f.size.empty()) {
    where += " AND e.size = ?";
    params->push_back(db::Text(f.size));
  }
  for (const auto& flag : f.flags) {
    if (flag == "essential") {
      where += " AND e.essential_category <> ''";
    } else if (const FlagInfo* info = FindFlag(flag)) {
      where += " AND e." + std::string(info->name) + " = 1";
    }
  }
  return where;
}

std::string OrderBy(const EnterpriseFilter& f) {
  static const char* kSorts[][2] = {{"name", "e.name"},
                                    {"uscc", "e.uscc"},
                                    {"employees", "e.employees"},
                                    {"status_date", "e.status_date"},
                                    {"updated_at", "e.updated_at"}};
  std::string col = "e.uscc";
  for (const auto& s : kSorts)
    if (f.sort == s[0]) col = s[1];
  std::string dir = f.descending ? " DESC" : " ASC";
  return " ORDER BY " + col + dir + ", e.id" + dir;
}

}  // namespace

Result<int64_t> EnterpriseRepository::Insert(db::Connection& c, const Enterprise& e,
                                             const system::Region& region,
                                             std::optional<int64_t> by) {
  std::string cols, marks;
  for (const char* col : kWriteColumns) {
    cols += std::string(col) + ", ";
    marks += "?, ";
  }
  db::Params params = WriteValues(e, region);
  std::string now = NowTimestamp();
  for (auto v : {db::Text(now), OptId(by), db::Text(now), OptId(by)}) params.push_back(v);
  ASSIGN_OR_RETURN(auto row, c.One("INSERT INTO enterprises (" + cols +
                                       "created_at, created_by, updated_at, updated_by) VALUES (" +
                                       marks + "?, ?, ?, ?) RETURNING id",
                                   params));
  return row.Int(0);
}

Status EnterpriseRepository::Update(db::Connection& c, const Enterprise& e,
                                    const system::Region& region, std::optional<int64_t> by) {
  std::string sets;
  for (const char* col : kWriteColumns) sets += std::string(col) + " = ?, ";
  db::Params params = WriteValues(e, region);
  params.push_back(db::Text(NowTimestamp()));
  params.push_back(OptId(by));
  params.push_back(db::Int(e.id));
  return c.Exec("UPDATE enterprises SET " + sets + "updated_at = ?, updated_by = ? WHERE id = ?",
                params);
}

Result<std::optional<Enterprise>> EnterpriseRepository::FindByUscc(db::Connection& c,
                                                                   const std::string& uscc) {
  ASSIGN_OR_RETURN(auto row,
                   c.Optional(std::string(kSelect) + "WHERE e.uscc = ?", {db::Text(uscc)}));
  if (!row) return std::optional<Enterprise>();
  return std::optional<Enterprise>(EnterpriseFromRow(*row));
}

Result<bool> EnterpriseRepository::InScope(db::Connection& c, int64_t id,
                                           const system::Scope& scope) {
  if (scope.all) return true;
  std::string where = "WHERE e.id = ?";
  db::Params params = {db::Int(id)};
  AppendScope(scope, &where, &params);
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT 1 FROM enterprises e " + where, params));
  return row.has_value();
}

Result<std::vector<Enterprise>> EnterpriseRepository::List(db::Connection& c,
                                                           const EnterpriseFilter& f,
                                                           const system::Scope& scope,
                                                           const system::Page& page,
                                                           int64_t* total) {
  db::Params params;
  std::string where = BuildWhere(f, scope, &params);
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM enterprises e " + where, params));
  *total = count.Int(0);
  params.push_back(db::Int(page.size));
  params.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(
      auto res, c.Query(std::string(kSelect) + where + OrderBy(f) + " LIMIT ? OFFSET ?", params));
  std::vector<Enterprise> out;
  out.reserve(res.rows.size());
  for (const auto& row : res.rows) out.push_back(EnterpriseFromRow(row));
  return out;
}

Status EnterpriseRepository::ForEach(db::Connection& c, const EnterpriseFilter& f,
                                     const system::Scope& scope,
                                     const std::function<Status(const Enterprise&)>& fn) {
  db::Params params;
  std::string where = BuildWhere(f, scope, &params);
  return c.ForEach(std::string(kSelect) + where + OrderBy(f), params,
                   [&](const db::Row& row) { return fn(EnterpriseFromRow(row)); });
}

Status EnterpriseRepository::InsertStatus(db::Connection& c, int64_t enterprise_id,
                                          const std::string& status, const std::string& date,
                                          const std::string& note, std::optional<int64_t> by) {
  return c.Exec(
      "INSERT INTO enterprise_status_history (enterprise_id, status, effective_date, note, "
      "created_at, created_by) VALUES (?,?,?,?,?,?)",
      {db::Int(enterprise_id), db::Text(status), db::Text(date), db::Text(note),
       db::Text(NowTimestamp()), OptId(by)});
}

Status EnterpriseRepository::RefreshCurrentStatus(db::Connection& c, int64_t enterprise_id) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT status, effective_date FROM "
                                        "enterprise_status_history WHERE enterprise_id = ? "
                                        "ORDER BY effective_date DESC, id DESC LIMIT 1",
                                        {db::Int(enterprise_id)}));
  if (!row) return Status::Ok();
  return c.Exec("UPDATE enterprises SET work_status = ?, status_date = ? WHERE id = ?",
                {db::Text(row->Text(0)), db::Text(row->Text(1)), db::Int(enterprise_id)});
}

Result<std::vector<StatusChange>> EnterpriseRepository::History(db::Connection& c,
                                                                int64_t enterprise_id) {
  ASSIGN_OR_RETURN(
      auto res, c.Query("SELECT h.status, h.effective_date, h.note, COALESCE(u.display_name, ''), "
                        "h.created_at FROM enterprise_status_history h "
                        "LEFT JOIN users u ON u.id = h.created_by WHERE h.enterprise_id = ? "
                        "ORDER BY h.effective_date DESC, h.id DESC",
                        {db::Int(enterprise_id)}));
  std::vector<StatusChange> out;
  for (const auto& r : res.rows)
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

}  // namespace fugong::enterprise
