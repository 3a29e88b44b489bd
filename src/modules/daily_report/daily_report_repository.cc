#include "modules/daily_report/daily_report_repository.h"

#include <algorithm>

#include "system/scope_sql.h"

namespace fugong::daily_report {
namespace {

// Column list shared by every full SELECT; ReportFromRow reads it in order.
constexpr const char* kSelect =
    "SELECT d.id, d.enterprise_id, e.uscc, e.name, e.region_code, COALESCE(r.name, ''), "
    "d.report_date, d.version, d.is_current, d.late, d.received_late, d.is_zero, d.on_duty, "
    "d.returned, d.returned_out_of_province, d.quarantined, d.fever, d.load_percent, "
    "d.output_value, d.output_quantity, d.masks, d.disinfectant, d.problems, d.deadline_at, "
    "d.first_submitted_at, d.submitted_at, d.submitted_by, COALESCE(u.display_name, ''), "
    "d.province_code, d.city_code, d.county_code, d.town_code "
    "FROM daily_reports d JOIN enterprises e ON e.id = d.enterprise_id "
    "LEFT JOIN regions r ON r.code = e.region_code "
    "LEFT JOIN users u ON u.id = d.submitted_by ";

DailyReport ReportFromRow(const db::Row& row) {
  DailyReport d;
  size_t k = 0;
  d.id = row.Int(k++);
  d.enterprise_id = row.Int(k++);
  d.uscc = row.Text(k++);
  d.enterprise_name = row.Text(k++);
  d.region_code = row.Text(k++);
  d.region_name = row.Text(k++);
  d.date = row.Text(k++);
  d.version = row.Int(k++);
  d.current = row.Bool(k++);
  d.late = row.Bool(k++);
  d.received_late = row.Bool(k++);
  d.is_zero = row.Bool(k++);
  Figures& f = d.figures;
  f.on_duty = row.Int(k++);
  f.returned = row.Int(k++);
  f.returned_out_of_province = row.Int(k++);
  f.quarantined = row.Int(k++);
  f.fever = row.Int(k++);
  f.load_percent = row.Real(k++);
  f.output_value = row.Real(k++);
  f.output_quantity = row.Real(k++);
  f.masks = row.Int(k++);
  f.disinfectant = row.Real(k++);
  d.problems = row.Text(k++);
  d.deadline_at = row.Text(k++);
  d.first_submitted_at = row.Text(k++);
  d.submitted_at = row.Text(k++);
  if (!row.IsNull(k)) d.submitted_by = row.Int(k);
  ++k;
  d.submitted_by_name = row.Text(k++);
  d.province_code = row.Text(k++);
  d.city_code = row.Text(k++);
  d.county_code = row.Text(k++);
  d.town_code = row.Text(k++);
  return d;
}

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

constexpr const char* kInsertColumns =
    "enterprise_id, province_code, city_code, county_code, town_code, report_date, version, "
    "is_current, late, received_late, is_zero, on_duty, returned, returned_out_of_province, "
    "quarantined, fever, load_percent, output_value, output_quantity, masks, disinfectant, "
    "problems, deadline_at, first_submitted_at, submitted_at, submitted_by";
constexpr int kInsertArity = 26;

void AppendValues(const DailyReport& r, db::Params* p) {
  const Figures& f = r.figures;
  p->push_back(db::Int(r.enterprise_id));
  p->push_back(db::Text(r.province_code));
  p->push_back(OrNull(r.city_code));
  p->push_back(OrNull(r.county_code));
  p->push_back(OrNull(r.town_code));
  p->push_back(db::Text(r.date));
  p->push_back(db::Int(r.version));
  p->push_back(db::Bool(r.current));
  p->push_back(db::Bool(r.late));
  p->push_back(db::Bool(r.received_late));
  p->push_back(db::Bool(r.is_zero));
  p->push_back(db::Int(f.on_duty));
  p->push_back(db::Int(f.returned));
  p->push_back(db::Int(f.returned_out_of_province));
  p->push_back(db::Int(f.quarantined));
  p->push_back(db::Int(f.fever));
  p->push_back(db::Real(f.load_percent));
  p->push_back(db::Real(f.output_value));
  p->push_back(db::Real(f.output_quantity));
  p->push_back(db::Int(f.masks));
  p->push_back(db::Real(f.disinfectant));
  p->push_back(db::Text(r.problems));
  p->push_back(db::Text(r.deadline_at));
  p->push_back(db::Text(r.first_submitted_at));
  p->push_back(db::Text(r.submitted_at));
  p->push_back(r.submitted_by ? db::Int(*r.submitted_by) : db::Null());
}

std::string InsertSql(size_t rows) {
  std::string one = "(";
  for (int i = 0; i < kInsertArity; ++i) one += i ? ",?" : "?";
  one += ")";
  std::string sql = std::string("INSERT INTO daily_reports (") + kInsertColumns + ") VALUES ";
  for (size_t i = 0; i < rows; ++i) {
    if (i) sql += ",";
    sql += one;
  }
  return sql;
}

// The per-level region columns of daily_reports (1 province .. 4 town).
constexpr const char* kLevelColumn[] = {"", "d.province_code", "d.city_code", "d.county_code",
                                        "d.town_code"};

// `reach` as conditions. Column names come only from the fixed table above;
// values are always bound.
void AppendReach(const Reach& reach, std::string* where, db::Params* params) {
  for (int level = 1; level <= 4; ++level) {
    if (reach.path[size_t(level)].empty()) continue;
    *where += std::string(" AND ") + kLevelColumn[level] + " = ?";
    params->push_back(db::Text(reach.path[size_t(level)]));
  }
  *where += system::ScopeClause(reach.scope, "d", "d.enterprise_id", params);
}

// The literal `d.is_current = 1` lets both engines use the partial indexes.
std::string ListWhere(const ReportFilter& f, const Reach& reach, db::Params* params) {
  std::string where = "WHERE d.is_current = 1 AND d.report_date = ?";
  params->push_back(db::Text(f.date));
  AppendReach(reach, &where, params);
  if (f.late) {
    where += " AND d.late = ?";
    params->push_back(db::Bool(*f.late));
  }
  if (f.is_zero) {
    where += " AND d.is_zero = ?";
    params->push_back(db::Bool(*f.is_zero));
  }
  return where;
}

constexpr const char* kListOrder =
    " ORDER BY d.province_code, d.city_code, d.county_code, d.town_code, d.enterprise_id";

Result<std::vector<DailyReport>> Collect(db::Connection& c, const std::string& sql,
                                         const db::Params& params) {
  ASSIGN_OR_RETURN(auto res, c.Query(sql, params));
  std::vector<DailyReport> out;
  out.reserve(res.rows.size());
  for (const auto& row : res.rows) out.push_back(ReportFromRow(row));
  return out;
}

}  // namespace

Status DailyReportRepository::LockEnterprise(db::Connection& c, int64_t enterprise_id) {
  // A no-op update takes the row lock portably (SQLite has no FOR UPDATE);
  // updated_at is not indexed, so PostgreSQL keeps it a cheap HOT update.
  return c.Exec("UPDATE enterprises SET updated_at = updated_at WHERE id = ?",
                {db::Int(enterprise_id)});
}

Result<std::optional<Replaced>> DailyReportRepository::ClearCurrent(db::Connection& c,
                                                                    int64_t enterprise_id,
                                                                    const std::string& date) {
  ASSIGN_OR_RETURN(auto row,
                   c.Optional("UPDATE daily_reports SET is_current = 0 "
                              "WHERE enterprise_id = ? AND report_date = ? AND is_current = 1 "
                              "RETURNING version, late, is_zero, first_submitted_at, on_duty, "
                              "returned, fever, output_value, province_code, city_code, "
                              "county_code, town_code",
                              {db::Int(enterprise_id), db::Text(date)}));
  if (!row) return std::optional<Replaced>();
  Replaced r;
  r.version = row->Int(0);
  r.late = row->Bool(1);
  r.is_zero = row->Bool(2);
  r.first_submitted_at = row->Text(3);
  r.on_duty = row->Int(4);
  r.returned = row->Int(5);
  r.fever = row->Int(6);
  r.output_value = row->Real(7);
  r.province_code = row->Text(8);
  r.city_code = row->Text(9);
  r.county_code = row->Text(10);
  r.town_code = row->Text(11);
  return std::optional<Replaced>(std::move(r));
}

Result<int64_t> DailyReportRepository::Insert(db::Connection& c, const DailyReport& r) {
  db::Params params;
  AppendValues(r, &params);
  ASSIGN_OR_RETURN(auto row, c.One(InsertSql(1) + " RETURNING id", params));
  return row.Int(0);
}

Status DailyReportRepository::InsertMany(db::Connection& c,
                                         const std::vector<DailyReport>& reports) {
  // A fixed chunk keeps one cached statement for nearly every row; 500 rows of
  // 26 values stay below both engines' parameter limits (32766, 65535).
  constexpr size_t kChunk = 500;
  static const std::string kFull = InsertSql(kChunk);
  db::Params params;
  params.reserve(kChunk * kInsertArity);
  for (size_t start = 0; start < reports.size(); start += kChunk) {
    size_t n = std::min(kChunk, reports.size() - start);
    params.clear();
    for (size_t i = start; i < start + n; ++i) AppendValues(reports[i], &params);
    RETURN_IF_ERROR(c.Exec(n == kChunk ? kFull : InsertSql(n), params));
  }
  return Status::Ok();
}

Status DailyReportRepository::PrepareBulkLoad(db::Connection& c) {
  if (c.engine() != db::Engine::kSqlite) return Status::Ok();
  return c.Exec("PRAGMA cache_size = -1048576");  // KiB: up to 1 GiB, used as needed
}

Result<std::optional<DailyReport>> DailyReportRepository::Get(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto row, c.Optional(std::string(kSelect) + "WHERE d.id = ?", {db::Int(id)}));
  if (!row) return std::optional<DailyReport>();
  return std::optional<DailyReport>(ReportFromRow(*row));
}

Result<std::vector<DailyReport>> DailyReportRepository::ListForEnterprise(db::Connection& c,
                                                                          int64_t enterprise_id,
                                                                          const std::string& from,
                                                                          const std::string& to,
                                                                          int limit) {
  std::string where = "WHERE d.enterprise_id = ? AND d.is_current = 1";
  db::Params params = {db::Int(enterprise_id)};
  if (!from.empty()) {
    where += " AND d.report_date >= ?";
    params.push_back(db::Text(from));
  }
  if (!to.empty()) {
    where += " AND d.report_date <= ?";
    params.push_back(db::Text(to));
  }
  params.push_back(db::Int(limit));
  return Collect(c, std::string(kSelect) + where + " ORDER BY d.report_date DESC LIMIT ?", params);
}

Result<std::vector<DailyReport>> DailyReportRepository::Versions(db::Connection& c,
                                                                 int64_t enterprise_id,
                                                                 const std::string& date) {
  return Collect(
      c,
      std::string(kSelect) + "WHERE d.enterprise_id = ? AND d.report_date = ? ORDER BY d.version",
      {db::Int(enterprise_id), db::Text(date)});
}

Result<std::vector<DailyReport>> DailyReportRepository::List(db::Connection& c,
                                                             const ReportFilter& f,
                                                             const Reach& reach,
                                                             const system::Page& page,
                                                             int64_t* total) {
  db::Params params;
  std::string where = ListWhere(f, reach, &params);
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM daily_reports d " + where, params));
  *total = count.Int(0);
  params.push_back(db::Int(page.size));
  params.push_back(db::Int(page.Offset()));
  return Collect(c, std::string(kSelect) + where + kListOrder + " LIMIT ? OFFSET ?", params);
}

Status DailyReportRepository::ForEach(db::Connection& c, const ReportFilter& f, const Reach& reach,
                                      const std::function<Status(const DailyReport&)>& fn) {
  db::Params params;
  std::string where = ListWhere(f, reach, &params);
  return c.ForEach(std::string(kSelect) + where + kListOrder, params,
                   [&](const db::Row& row) { return fn(ReportFromRow(row)); });
}

Status DailyReportRepository::ForEachFigures(
    db::Connection& c, const Reach& reach, const std::string& from, const std::string& to,
    const std::function<void(int64_t, const std::string&, const Figures&)>& fn) {
  db::Params params = {db::Text(from), db::Text(to)};
  std::string where = "WHERE d.is_current = 1 AND d.report_date >= ? AND d.report_date <= ?";
  AppendReach(reach, &where, &params);
  return c.ForEach(
      "SELECT d.enterprise_id, d.report_date, d.on_duty, d.returned, d.returned_out_of_province, "
      "d.quarantined, d.fever, d.load_percent, d.output_value, d.output_quantity, d.masks, "
      "d.disinfectant FROM daily_reports d " +
          where + " ORDER BY d.report_date",
      params, [&](const db::Row& row) {
        Figures f;
        f.on_duty = row.Int(2);
        f.returned = row.Int(3);
        f.returned_out_of_province = row.Int(4);
        f.quarantined = row.Int(5);
        f.fever = row.Int(6);
        f.load_percent = row.Real(7);
        f.output_value = row.Real(8);
        f.output_quantity = row.Real(9);
        f.masks = row.Int(10);
        f.disinfectant = row.Real(11);
        fn(row.Int(0), row.Text(1), f);
        return Status::Ok();
      });
}

Status DailyReportRepository::FillEnterprises(db::Connection& c, std::vector<CopiedRun>* runs) {
  std::map<int64_t, CopiedRun*> by_id;
  for (auto& r : *runs) by_id[r.enterprise_id] = &r;
  constexpr size_t kChunk = 200;  // ids per IN list
  auto it = by_id.begin();
  while (it != by_id.end()) {
    std::string marks;
    db::Params params;
    for (size_t n = 0; n < kChunk && it != by_id.end(); ++n, ++it) {
      marks += n ? ",?" : "?";
      params.push_back(db::Int(it->first));
    }
    ASSIGN_OR_RETURN(auto res,
                     c.Query("SELECT e.id, e.uscc, e.name, e.region_code, COALESCE(r.name, ''), "
                             "e.contact, e.phone, e.cadre, e.cadre_rank, e.grid FROM enterprises e "
                             "LEFT JOIN regions r ON r.code = e.region_code WHERE e.id IN (" +
                                 marks + ")",
                             params));
    for (const auto& row : res.rows) {
      CopiedRun* run = by_id.at(row.Int(0));
      run->uscc = row.Text(1);
      run->name = row.Text(2);
      run->region_code = row.Text(3);
      run->region_name = row.Text(4);
      run->contact = row.Text(5);
      run->phone = row.Text(6);
      run->cadre = row.Text(7);
      run->cadre_rank = row.Text(8);
      run->grid = row.Text(9);
    }
  }
  return Status::Ok();
}

Result<std::vector<ReportFact>> DailyReportRepository::Facts(db::Connection& c,
                                                             const std::string& date,
                                                             const Reach& reach) {
  std::string where = "WHERE d.is_current = 1 AND d.report_date = ?";
  db::Params params = {db::Text(date)};
  AppendReach(reach, &where, &params);
  std::vector<ReportFact> out;
  RETURN_IF_ERROR(
      c.ForEach("SELECT d.enterprise_id, d.late, d.is_zero, d.on_duty, d.returned, d.output_value, "
                "d.load_percent, d.fever FROM daily_reports d " +
                    where,
                params, [&](const db::Row& row) {
                  out.push_back(ReportFact{row.Int(0), row.Bool(1), row.Bool(2), row.Int(3),
                                           row.Int(4), row.Real(5), row.Real(6), row.Int(7)});
                  return Status::Ok();
                }));
  return out;
}

Status DailyReportRepository::AddToTotals(db::Connection& c,
                                          const std::vector<TotalsDelta>& deltas) {
  // PostgreSQL refuses one statement that upserts the same key twice.
  std::map<std::array<std::string, 5>, TotalsDelta> merged;
  for (const auto& d : deltas) {
    auto [it, fresh] =
        merged.try_emplace({d.date, d.province_code, d.city_code, d.county_code, d.town_code}, d);
    if (fresh) continue;
    TotalsDelta& m = it->second;
    m.reports += d.reports;
    m.late += d.late;
    m.zero += d.zero;
    m.on_duty += d.on_duty;
    m.returned += d.returned;
    m.fever += d.fever;
    m.output_value += d.output_value;
  }
  constexpr size_t kChunk = 100;
  auto sql = [](size_t rows) {
    std::string s =
        "INSERT INTO daily_report_totals (report_date, province_code, city_code, county_code, "
        "town_code, reports, late_reports, zero_reports, on_duty, returned, fever, output_value) "
        "VALUES ";
    for (size_t i = 0; i < rows; ++i)
      s += i ? ",(?,?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?,?)";
    return s +
           " ON CONFLICT (report_date, province_code, city_code, county_code, town_code) DO UPDATE "
           "SET reports = daily_report_totals.reports + excluded.reports, "
           "late_reports = daily_report_totals.late_reports + excluded.late_reports, "
           "zero_reports = daily_report_totals.zero_reports + excluded.zero_reports, "
           "on_duty = daily_report_totals.on_duty + excluded.on_duty, "
           "returned = daily_report_totals.returned + excluded.returned, "
           "fever = daily_report_totals.fever + excluded.fever, "
           "output_value = daily_report_totals.output_value + excluded.output_value";
  };
  db::Params params;
  size_t n = 0;
  auto flush = [&]() -> Status {
    if (n == 0) return Status::Ok();
    Status st = c.Exec(sql(n), params);
    params.clear();
    n = 0;
    return st;
  };
  for (const auto& [key, d] : merged) {
    for (const auto& code : key) params.push_back(db::Text(code));
    for (int64_t v : {d.reports, d.late, d.zero, d.on_duty, d.returned, d.fever})
      params.push_back(db::Int(v));
    params.push_back(db::Real(d.output_value));
    if (++n == kChunk) RETURN_IF_ERROR(flush());
  }
  return flush();
}

Result<std::map<std::string, std::pair<int64_t, double>>> DailyReportRepository::Totals(
    db::Connection& c, const std::string& from, const std::string& to, const Reach& reach) {
  // The running sums know regions, not enterprises: a scope naming an
  // enterprise sums that enterprise's reports themselves.
  bool by_enterprise = !reach.scope.all && reach.scope.enterprise_id.has_value();
  std::string where = by_enterprise ? "WHERE d.is_current = 1 AND " : "WHERE ";
  where += "d.report_date >= ? AND d.report_date <= ?";
  db::Params params = {db::Text(from), db::Text(to)};
  AppendReach(reach, &where, &params);
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT d.report_date, SUM(d.on_duty), SUM(d.output_value) "
                                     "FROM " +
                                         std::string(by_enterprise ? "daily_reports d "
                                                                   : "daily_report_totals d ") +
                                         where + " GROUP BY d.report_date",
                                     params));
  std::map<std::string, std::pair<int64_t, double>> out;
  for (const auto& row : res.rows) out[row.Text(0)] = {row.Int(1), row.Real(2)};
  return out;
}

Result<std::vector<EnterpriseTimeline>> DailyReportRepository::Timelines(db::Connection& c) {
  std::vector<EnterpriseTimeline> out;
  RETURN_IF_ERROR(c.ForEach(
      "SELECT e.id, e.employees, e.employees_out_of_province, e.normal_output, e.region_code, "
      "e.province_code, e.city_code, e.county_code, e.town_code, h.status, h.effective_date "
      "FROM enterprises e JOIN enterprise_status_history h ON h.enterprise_id = e.id "
      "ORDER BY e.id, h.effective_date, h.id",
      {}, [&](const db::Row& row) {
        int64_t id = row.Int(0);
        if (out.empty() || out.back().id != id) {
          EnterpriseTimeline t;
          t.id = id;
          t.employees = row.Int(1);
          t.employees_out_of_province = row.Int(2);
          t.normal_output = row.Real(3);
          t.region_code = row.Text(4);
          t.province_code = row.Text(5);
          t.city_code = row.Text(6);
          t.county_code = row.Text(7);
          t.town_code = row.Text(8);
          out.push_back(std::move(t));
        }
        out.back().history.emplace_back(row.Text(9), row.Text(10));
        return Status::Ok();
      }));
  return out;
}

}  // namespace fugong::daily_report
