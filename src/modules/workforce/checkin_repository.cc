#include "modules/workforce/checkin_repository.h"

#include <map>

#include "core/clock.h"
#include "modules/workforce/health_repository.h"
#include "modules/workforce/sql_util.h"

namespace fugong::workforce {
namespace {

constexpr const char* kEntryColumns =
    "(enterprise_id, region_code, province_code, city_code, county_code, town_code, site_id, "
    "day, at, person_kind, employee_id, visitor_name, visitor_phone_cipher, "
    "visitor_phone_masked, visitor_id_cipher, visitor_id_masked, visitor_host, visitor_reason, "
    "temperature, decision, reasons, verifier_id)";
constexpr size_t kEntryParams = 22;

db::Value TextOrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }
db::Value BlobOrNull(const std::string& s) {
  return s.empty() ? db::Null() : db::Value(db::Blob{s});
}

void AppendEntry(const EntryRecord& r, db::Params* p) {
  p->push_back(db::Int(r.enterprise_id));
  sql::AppendRegion(r.region, p);
  p->push_back(db::Int(r.site_id));
  p->push_back(db::Text(r.day));
  p->push_back(db::Text(r.at));
  p->push_back(db::Text(r.person_kind));
  p->push_back(sql::OptId(r.employee_id));
  p->push_back(TextOrNull(r.visitor_name));
  p->push_back(BlobOrNull(r.visitor_phone_cipher));
  p->push_back(TextOrNull(r.visitor_phone_masked));
  p->push_back(BlobOrNull(r.visitor_id_cipher));
  p->push_back(TextOrNull(r.visitor_id_masked));
  p->push_back(TextOrNull(r.visitor_host));
  p->push_back(TextOrNull(r.visitor_reason));
  p->push_back(db::Real(r.temperature));
  p->push_back(db::Text(r.admit ? "admit" : "deny"));
  p->push_back(db::Text(JoinCodes(r.reasons)));
  p->push_back(sql::ById(r.verifier_id));
}

constexpr size_t kChunks[] = {256, 64, 16, 4, 1};

// "INSERT ... VALUES (...), (...)" for each chunk size, built once.
const std::string& EntryInsert(size_t n) {
  static const std::map<size_t, std::string> statements = [] {
    std::map<size_t, std::string> m;
    std::string row = "(" + sql::Marks(kEntryParams) + ")";
    for (size_t k : kChunks) {
      std::string s = std::string("INSERT INTO entry_logs ") + kEntryColumns + " VALUES ";
      for (size_t i = 0; i < k; ++i) s += (i ? ", " : "") + row;
      m[k] = std::move(s);
    }
    return m;
  }();
  return statements.at(n);
}

constexpr const char* kEntrySelect =
    "SELECT l.id, l.site_id, l.day, l.at, l.person_kind, l.employee_id, "
    "COALESCE(e.name, l.visitor_name, ''), COALESCE(e.department, ''), "
    "COALESCE(l.visitor_phone_masked, ''), COALESCE(l.visitor_id_masked, ''), "
    "COALESCE(l.visitor_host, ''), COALESCE(l.visitor_reason, ''), l.temperature, l.decision, "
    "l.reasons FROM entry_logs l LEFT JOIN employees e ON e.id = l.employee_id "
    "WHERE l.site_id = ? AND l.day = ? ";

Entry EntryFromRow(const db::Row& r) {
  Entry e;
  e.id = r.Int(0);
  e.site_id = r.Int(1);
  e.day = r.Text(2);
  e.at = r.Text(3);
  e.person_kind = r.Text(4);
  if (!r.IsNull(5)) e.employee_id = r.Int(5);
  e.name = r.Text(6);
  e.department = r.Text(7);
  e.visitor_phone_masked = r.Text(8);
  e.visitor_id_masked = r.Text(9);
  e.visitor_host = r.Text(10);
  e.visitor_reason = r.Text(11);
  e.temperature = r.Real(12);
  e.decision = r.Text(13);
  e.reasons = SplitCodes(r.Text(14));
  return e;
}

constexpr const char* kAlertSelect =
    "SELECT a.id, a.enterprise_id, ent.uscc, ent.name, a.region_code, a.site_id, "
    "COALESCE(s.name, ''), a.employee_id, COALESCE(emp.name, a.person_name), a.kind, a.reasons, "
    "a.temperature, a.at, "
    "a.acknowledged_at, COALESCE(a.acknowledged_by_name, ''), a.note FROM alerts a "
    "JOIN enterprises ent ON ent.id = a.enterprise_id LEFT JOIN sites s ON s.id = a.site_id "
    "LEFT JOIN employees emp ON emp.id = a.employee_id ";

Alert AlertFromRow(const db::Row& r) {
  Alert a;
  a.id = r.Int(0);
  a.enterprise_id = r.Int(1);
  a.enterprise_uscc = r.Text(2);
  a.enterprise_name = r.Text(3);
  a.region_code = r.Text(4);
  if (!r.IsNull(5)) a.site_id = r.Int(5);
  a.site_name = r.Text(6);
  if (!r.IsNull(7)) a.employee_id = r.Int(7);
  a.person_name = r.Text(8);
  a.kind = r.Text(9);
  a.reasons = SplitCodes(r.Text(10));
  if (!r.IsNull(11)) a.temperature = r.Real(11);
  a.at = r.Text(12);
  a.acknowledged = !r.IsNull(13);
  a.acknowledged_at = r.Text(13);
  a.acknowledged_by = r.Text(14);
  a.note = r.Text(15);
  return a;
}

std::string IdList(const std::vector<int64_t>& ids, size_t from, size_t n, db::Params* p) {
  for (size_t i = 0; i < n; ++i) p->push_back(db::Int(ids[from + i]));
  return "(" + sql::Marks(n) + ")";
}

}  // namespace

Result<int64_t> CheckinRepository::InsertSite(db::Connection& c, int64_t enterprise_id,
                                              const system::Region& region, const std::string& name,
                                              int64_t by) {
  std::string now = NowTimestamp();
  db::Params p{db::Int(enterprise_id)};
  sql::AppendRegion(region, &p);
  for (db::Value v : {db::Text(name), db::Text(now), sql::ById(by), db::Text(now), sql::ById(by)})
    p.push_back(std::move(v));
  ASSIGN_OR_RETURN(auto row,
                   c.One(std::string("INSERT INTO sites (enterprise_id, ") + sql::kRegionColumns +
                             ", name, created_at, created_by, updated_at, updated_by) "
                             "VALUES (" +
                             sql::Marks(p.size()) + ") RETURNING id",
                         p));
  return row.Int(0);
}

Result<std::vector<Site>> CheckinRepository::ListSites(db::Connection& c, int64_t enterprise_id) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT s.id, s.enterprise_id, e.uscc, s.name, "
                                     "s.region_code, s.active, s.created_at FROM sites s "
                                     "JOIN enterprises e ON e.id = s.enterprise_id "
                                     "WHERE s.enterprise_id = ? ORDER BY s.id",
                                     {db::Int(enterprise_id)}));
  std::vector<Site> out;
  for (const auto& r : res.rows)
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Bool(5), r.Text(6)});
  return out;
}

Result<std::optional<Site>> CheckinRepository::GetSite(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT s.id, s.enterprise_id, e.uscc, s.name, "
                                      "s.region_code, s.active, s.created_at FROM sites s "
                                      "JOIN enterprises e ON e.id = s.enterprise_id "
                                      "WHERE s.id = ?",
                                      {db::Int(id)}));
  if (!r) return std::optional<Site>();
  return std::optional<Site>(
      Site{r->Int(0), r->Int(1), r->Text(2), r->Text(3), r->Text(4), r->Bool(5), r->Text(6)});
}

Status CheckinRepository::InsertEntries(db::Connection& c,
                                        const std::vector<const EntryRecord*>& records) {
  // Chunks of 256, 64, 16, 4 and 1 rows: a handful of distinct statements,
  // each prepared once and reused from the statement cache.
  size_t i = 0;
  db::Params p;
  for (size_t chunk : kChunks) {
    while (records.size() - i >= chunk) {
      p.clear();
      p.reserve(chunk * kEntryParams);
      for (size_t j = 0; j < chunk; ++j) AppendEntry(*records[i + j], &p);
      RETURN_IF_ERROR(c.Exec(EntryInsert(chunk), p));
      i += chunk;
    }
  }
  for (const EntryRecord* r : records)
    if (!r->alert.empty()) RETURN_IF_ERROR(InsertAlert(c, *r));
  return Status::Ok();
}

Status CheckinRepository::InsertAlert(db::Connection& c, const EntryRecord& r) {
  db::Params p{db::Int(r.enterprise_id)};
  sql::AppendRegion(r.region, &p);
  for (db::Value v : {r.site_id ? db::Int(r.site_id) : db::Null(), sql::OptId(r.employee_id),
                      db::Text(r.person_name), db::Text(r.alert), db::Text(JoinCodes(r.reasons)),
                      r.temperature > 0 ? db::Real(r.temperature) : db::Null(), db::Text(r.at)})
    p.push_back(std::move(v));
  return c.Exec(std::string("INSERT INTO alerts (enterprise_id, ") + sql::kRegionColumns +
                    ", site_id, employee_id, person_name, kind, reasons, temperature, at) "
                    "VALUES (" +
                    sql::Marks(p.size()) + ")",
                p);
}

Result<std::vector<Entry>> CheckinRepository::ListEntries(db::Connection& c, int64_t site_id,
                                                          const std::string& day,
                                                          const system::Page& page,
                                                          int64_t* total) {
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM entry_logs WHERE site_id = ? AND "
                                     "day = ?",
                                     {db::Int(site_id), db::Text(day)}));
  *total = count.Int(0);
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kEntrySelect) + "ORDER BY l.id LIMIT ? OFFSET ?",
                                     {db::Int(site_id), db::Text(day), db::Int(page.size),
                                      db::Int(page.Offset())}));
  std::vector<Entry> out;
  for (const auto& r : res.rows) out.push_back(EntryFromRow(r));
  return out;
}

Status CheckinRepository::ForEachEntry(db::Connection& c, int64_t site_id, const std::string& day,
                                       const std::function<Status(const Entry&)>& fn) {
  return c.ForEach(std::string(kEntrySelect) + "ORDER BY l.id", {db::Int(site_id), db::Text(day)},
                   [&](const db::Row& r) { return fn(EntryFromRow(r)); });
}

Result<std::vector<Alert>> CheckinRepository::ListAlerts(db::Connection& c, const AlertFilter& f,
                                                         const system::Scope& scope,
                                                         const system::Page& page, int64_t* total) {
  db::Params p;
  std::string where = "WHERE 1 = 1" + sql::ScopeClause(scope, "a", &p);
  static const char* kLevelColumn[] = {"", "a.province_code", "a.city_code", "a.county_code",
                                       "a.town_code"};
  if (!f.region_code.empty() && f.region_level >= 1 && f.region_level <= 4) {
    where += std::string(" AND ") + kLevelColumn[f.region_level] + " = ?";
    p.push_back(db::Text(f.region_code));
  }
  if (f.open_only) where += " AND a.acknowledged_at IS NULL";
  if (!f.kind.empty()) {
    where += " AND a.kind = ?";
    p.push_back(db::Text(f.kind));
  }
  if (!f.from.empty()) {
    where += " AND a.at >= ?";
    p.push_back(db::Text(f.from));
  }
  if (!f.to.empty()) {
    where += " AND a.at < ?";
    p.push_back(db::Text(f.to));
  }
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM alerts a " + where, p));
  *total = count.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kAlertSelect) + where +
                                         " ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
                                     p));
  std::vector<Alert> out;
  for (const auto& r : res.rows) out.push_back(AlertFromRow(r));
  return out;
}

Result<std::vector<Alert>> CheckinRepository::AlertsAfter(db::Connection& c,
                                                          const system::Scope& scope,
                                                          int64_t after_id, int64_t limit) {
  db::Params p{db::Int(after_id)};
  std::string where = "WHERE a.id > ?" + sql::ScopeClause(scope, "a", &p);
  p.push_back(db::Int(limit));
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kAlertSelect) + where + " ORDER BY a.id LIMIT ?", p));
  std::vector<Alert> out;
  for (const auto& r : res.rows) out.push_back(AlertFromRow(r));
  return out;
}

Result<int64_t> CheckinRepository::LastAlertId(db::Connection& c, const system::Scope& scope) {
  db::Params p;
  std::string where = "WHERE 1 = 1" + sql::ScopeClause(scope, "a", &p);
  ASSIGN_OR_RETURN(auto row, c.One("SELECT COALESCE(MAX(a.id), 0) FROM alerts a " + where, p));
  return row.Int(0);
}

Result<SiteSummary> CheckinRepository::Summarize(db::Connection& c, int64_t site_id,
                                                 const std::string& day) {
  SiteSummary s;
  s.day = day;
  RETURN_IF_ERROR(c.ForEach(
      "SELECT decision, person_kind, COUNT(*) FROM entry_logs WHERE site_id = ? AND day = ? "
      "GROUP BY decision, person_kind",
      {db::Int(site_id), db::Text(day)}, [&](const db::Row& r) {
        int64_t n = r.Int(2);
        (r.Text(0) == "admit" ? s.admitted : s.denied) += n;
        if (r.Text(1) == "employee") s.employees += n;
        if (r.Text(1) == "visitor") s.visitors += n;
        return Status::Ok();
      }));
  return s;
}

// Both read the partial index entry_logs_on_duty (admitted employees by day).
Result<std::vector<std::pair<int64_t, int64_t>>> CheckinRepository::OnDuty(db::Connection& c,
                                                                           const std::string& day) {
  std::vector<std::pair<int64_t, int64_t>> out;
  RETURN_IF_ERROR(c.ForEach(
      "SELECT enterprise_id, COUNT(DISTINCT employee_id) FROM entry_logs "
      "WHERE day = ? AND decision = 'admit' AND employee_id IS NOT NULL GROUP BY enterprise_id",
      {db::Text(day)}, [&](const db::Row& r) {
        out.emplace_back(r.Int(0), r.Int(1));
        return Status::Ok();
      }));
  return out;
}

Result<int64_t> CheckinRepository::OnDutyOf(db::Connection& c, int64_t enterprise_id,
                                            const std::string& day) {
  ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(DISTINCT employee_id) FROM entry_logs "
                                   "WHERE day = ? AND decision = 'admit' AND employee_id IS NOT "
                                   "NULL AND enterprise_id = ?",
                                   {db::Text(day), db::Int(enterprise_id)}));
  return row.Int(0);
}

Result<std::optional<Alert>> CheckinRepository::GetAlert(db::Connection& c, int64_t id,
                                                         const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string where = "WHERE a.id = ?" + sql::ScopeClause(scope, "a", &p);
  ASSIGN_OR_RETURN(auto row, c.Optional(std::string(kAlertSelect) + where, p));
  if (!row) return std::optional<Alert>();
  return std::optional<Alert>(AlertFromRow(*row));
}

Result<bool> CheckinRepository::AckAlert(db::Connection& c, int64_t id, int64_t by,
                                         const std::string& by_name, const std::string& note) {
  ASSIGN_OR_RETURN(auto res, c.Query("UPDATE alerts SET acknowledged_by = ?, "
                                     "acknowledged_by_name = ?, acknowledged_at = ?, note = ? "
                                     "WHERE id = ? AND acknowledged_at IS NULL",
                                     {sql::ById(by), db::Text(by_name), db::Text(NowTimestamp()),
                                      db::Text(note), db::Int(id)}));
  return res.affected > 0;
}

Result<std::vector<SiteRow>> CheckinRepository::LoadSites(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT s.id, s.enterprise_id, s.name, s.region_code, "
                                     "s.active, s.province_code, COALESCE(s.city_code, ''), "
                                     "COALESCE(s.county_code, ''), COALESCE(s.town_code, '') "
                                     "FROM sites s"));
  std::vector<SiteRow> out;
  for (const auto& r : res.rows) {
    SiteRow s;
    s.site.id = r.Int(0);
    s.site.enterprise_id = r.Int(1);
    s.site.name = r.Text(2);
    s.site.region_code = r.Text(3);
    s.site.active = r.Bool(4);
    s.region.code = r.Text(3);
    s.region.province_code = r.Text(5);
    s.region.city_code = r.Text(6);
    s.region.county_code = r.Text(7);
    s.region.town_code = r.Text(8);
    s.region.level = !s.region.town_code.empty()     ? 4
                     : !s.region.county_code.empty() ? 3
                     : !s.region.city_code.empty()   ? 2
                                                     : 1;
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<HoldRow>> CheckinRepository::LoadHolds(db::Connection& c,
                                                          const std::string& ending_after,
                                                          const std::vector<int64_t>& ids) {
  std::vector<HoldRow> out;
  auto run = [&](const std::string& extra, db::Params p) -> Status {
    return c.ForEach(
        "SELECT employee_id, kind, start_date, end_date FROM health_holds "
        "WHERE end_date > ?" +
            extra,
        p, [&](const db::Row& r) {
          out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
          return Status::Ok();
        });
  };
  if (ids.empty()) {
    RETURN_IF_ERROR(run("", {db::Text(ending_after)}));
    return out;
  }
  constexpr size_t kChunk = 500;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    db::Params p{db::Text(ending_after)};
    size_t n = std::min(kChunk, ids.size() - i);
    std::string in = IdList(ids, i, n, &p);
    RETURN_IF_ERROR(run(" AND employee_id IN " + in, std::move(p)));
  }
  return out;
}

Result<std::vector<int64_t>> CheckinRepository::LoadInactive(db::Connection& c,
                                                             const std::vector<int64_t>& ids) {
  std::vector<int64_t> out;
  auto run = [&](const std::string& extra, const db::Params& p) -> Status {
    return c.ForEach("SELECT id FROM employees WHERE active = 0" + extra, p, [&](const db::Row& r) {
      out.push_back(r.Int(0));
      return Status::Ok();
    });
  };
  if (ids.empty()) {
    RETURN_IF_ERROR(run("", {}));
    return out;
  }
  constexpr size_t kChunk = 500;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    db::Params p;
    size_t n = std::min(kChunk, ids.size() - i);
    std::string in = IdList(ids, i, n, &p);
    RETURN_IF_ERROR(run(" AND id IN " + in, p));
  }
  return out;
}

Result<std::vector<std::pair<std::string, int64_t>>> CheckinRepository::Changes(db::Connection& c,
                                                                                int64_t after,
                                                                                int64_t upto) {
  std::vector<std::pair<std::string, int64_t>> out;
  RETURN_IF_ERROR(
      c.ForEach("SELECT kind, ref_id FROM workforce_changes WHERE version > ? AND version <= ?",
                {db::Int(after), db::Int(upto)}, [&](const db::Row& r) {
                  out.emplace_back(r.Text(0), r.Int(1));
                  return Status::Ok();
                }));
  return out;
}

}  // namespace fugong::workforce
