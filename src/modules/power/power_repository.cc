#include "modules/power/power_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::power {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OptCode(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

constexpr const char* kOwnerSelect =
    "SELECT e.id, e.uscc, e.name, e.region_code, e.province_code, e.city_code, e.county_code, "
    "e.town_code FROM enterprises e ";

Owner OwnerFrom(const db::Row& r) {
  return Owner{r.Int(0),  r.Text(1), r.Text(2), r.Text(3),
               r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
}

void AppendRegion(const Owner& o, db::Params* p) {
  p->push_back(db::Text(o.region_code));
  p->push_back(db::Text(o.province_code));
  p->push_back(OptCode(o.city_code));
  p->push_back(OptCode(o.county_code));
  p->push_back(OptCode(o.town_code));
}

}  // namespace

Result<std::optional<Owner>> PowerRepository::OwnerByUscc(db::Connection& c,
                                                          const std::string& uscc,
                                                          const system::Scope& scope) {
  db::Params p{db::Text(uscc)};
  std::string sql =
      std::string(kOwnerSelect) + "WHERE e.uscc = ?" + system::ScopeClause(scope, "e", "e.id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Owner>();
  return std::optional<Owner>(OwnerFrom(*r));
}

Result<std::optional<Owner>> PowerRepository::OwnerByMeter(db::Connection& c,
                                                           const std::string& meter_no,
                                                           const system::Scope& scope) {
  db::Params p{db::Text(meter_no)};
  std::string sql = std::string(kOwnerSelect) +
                    "JOIN power_meters m ON m.enterprise_id = e.id WHERE m.meter_no = ?" +
                    system::ScopeClause(scope, "e", "e.id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Owner>();
  return std::optional<Owner>(OwnerFrom(*r));
}

Result<std::optional<int64_t>> PowerRepository::InsertMeter(db::Connection& c, const Owner& o,
                                                            const std::string& meter_no,
                                                            const std::string& note, int64_t by) {
  db::Params p{db::Text(meter_no), db::Int(o.id)};
  AppendRegion(o, &p);
  p.push_back(db::Text(note));
  p.push_back(db::Text(NowTimestamp()));
  p.push_back(ById(by));
  ASSIGN_OR_RETURN(auto r, c.Optional("INSERT INTO power_meters (meter_no, enterprise_id, "
                                      "region_code, province_code, city_code, county_code, "
                                      "town_code, note, created_at, created_by) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                      "ON CONFLICT (meter_no) DO NOTHING RETURNING id",
                                      p));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<std::vector<Meter>> PowerRepository::Meters(db::Connection& c, const system::Scope& scope,
                                                   std::optional<int64_t> enterprise_id,
                                                   const system::Page& page, int64_t* total) {
  db::Params p;
  std::string where = " WHERE 1 = 1" + system::ScopeClause(scope, "m", "m.enterprise_id", &p);
  if (enterprise_id) {
    where += " AND m.enterprise_id = ?";
    p.push_back(db::Int(*enterprise_id));
  }
  ASSIGN_OR_RETURN(auto n, c.One("SELECT COUNT(*) FROM power_meters m" + where, p));
  *total = n.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int((page.page - 1) * page.size));
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT m.id, m.meter_no, m.enterprise_id, e.uscc, e.name, "
                                     "m.region_code, m.note, m.created_at FROM power_meters m "
                                     "JOIN enterprises e ON e.id = m.enterprise_id" +
                                         where + " ORDER BY m.meter_no LIMIT ? OFFSET ?",
                                     p));
  std::vector<Meter> out;
  for (const auto& r : res.rows)
    out.push_back(Meter{r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                        r.Text(7)});
  return out;
}

Result<bool> PowerRepository::DeleteMeter(db::Connection& c, int64_t id,
                                          const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = "DELETE FROM power_meters WHERE id = ?" +
                    system::ScopeClause(scope, "power_meters", "power_meters.enterprise_id", &p) +
                    " RETURNING id";
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  return r.has_value();
}

Result<bool> PowerRepository::UpsertReading(db::Connection& c, const Owner& o,
                                            const std::string& meter_no, const std::string& day,
                                            double kwh, int64_t by) {
  ASSIGN_OR_RETURN(auto old, c.Optional("SELECT id FROM power_readings WHERE enterprise_id = ? "
                                        "AND meter_no = ? AND day = ?",
                                        {db::Int(o.id), db::Text(meter_no), db::Text(day)}));
  db::Params p{db::Int(o.id), db::Text(meter_no), db::Text(day), db::Real(kwh)};
  AppendRegion(o, &p);
  p.push_back(db::Text(NowTimestamp()));
  p.push_back(ById(by));
  RETURN_IF_ERROR(c.Exec(
      "INSERT INTO power_readings (enterprise_id, meter_no, day, kwh, region_code, province_code, "
      "city_code, county_code, town_code, imported_at, imported_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (enterprise_id, meter_no, day) "
      "DO UPDATE SET kwh = excluded.kwh, imported_at = excluded.imported_at, "
      "imported_by = excluded.imported_by",
      p));
  return !old.has_value();
}

Result<std::map<int64_t, double>> PowerRepository::Averages(db::Connection& c,
                                                            const std::string& from,
                                                            const std::string& to,
                                                            const system::Scope& region) {
  db::Params p{db::Text(from), db::Text(to)};
  std::string sql =
      "SELECT r.enterprise_id, SUM(r.kwh), COUNT(DISTINCT r.day) FROM power_readings r "
      "WHERE r.day >= ? AND r.day <= ?" +
      system::ScopeClause(region, "r", "r.enterprise_id", &p) + " GROUP BY r.enterprise_id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::map<int64_t, double> out;
  for (const auto& r : res.rows)
    if (r.Int(2) > 0) out[r.Int(0)] = r.Real(1) / double(r.Int(2));
  return out;
}

Result<std::map<int64_t, double>> PowerRepository::DayUse(db::Connection& c, const std::string& day,
                                                          const system::Scope& region) {
  db::Params p{db::Text(day)};
  std::string sql = "SELECT r.enterprise_id, SUM(r.kwh) FROM power_readings r WHERE r.day = ?" +
                    system::ScopeClause(region, "r", "r.enterprise_id", &p) +
                    " GROUP BY r.enterprise_id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::map<int64_t, double> out;
  for (const auto& r : res.rows) out[r.Int(0)] = r.Real(1);
  return out;
}

Result<std::map<std::string, std::map<int64_t, double>>> PowerRepository::RangeUse(
    db::Connection& c, const std::string& from, const std::string& to,
    const system::Scope& region) {
  db::Params p{db::Text(from), db::Text(to)};
  std::string sql =
      "SELECT r.day, r.enterprise_id, SUM(r.kwh) FROM power_readings r "
      "WHERE r.day >= ? AND r.day <= ?" +
      system::ScopeClause(region, "r", "r.enterprise_id", &p) + " GROUP BY r.day, r.enterprise_id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::map<std::string, std::map<int64_t, double>> out;
  for (const auto& r : res.rows) out[r.Text(0)][r.Int(1)] = r.Real(2);
  return out;
}

Result<std::map<std::string, Config>> PowerRepository::Configs(
    db::Connection& c, const std::vector<std::string>& codes) {
  std::map<std::string, Config> out;
  for (const auto& code : codes) {
    ASSIGN_OR_RETURN(auto r, c.Optional("SELECT threshold, baseline_method, reference_month, "
                                        "margin, suppressed_below, stable_from "
                                        "FROM power_settings WHERE region_code = ?",
                                        {db::Text(code)}));
    if (!r) continue;
    out[code] =
        Config{code, r->Real(0), r->Text(1), r->Text(2), r->Real(3), r->Real(4), r->Real(5)};
  }
  return out;
}

Status PowerRepository::PutConfig(db::Connection& c, const Config& cfg, int64_t by) {
  return c.Exec(
      "INSERT INTO power_settings (region_code, threshold, baseline_method, reference_month, "
      "margin, suppressed_below, stable_from, updated_at, updated_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region_code) DO UPDATE SET "
      "threshold = excluded.threshold, baseline_method = excluded.baseline_method, "
      "reference_month = excluded.reference_month, margin = excluded.margin, "
      "suppressed_below = excluded.suppressed_below, stable_from = excluded.stable_from, "
      "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      {db::Text(cfg.region_code), db::Real(cfg.threshold), db::Text(cfg.baseline_method),
       db::Text(cfg.reference_month), db::Real(cfg.margin), db::Real(cfg.suppressed_below),
       db::Real(cfg.stable_from), db::Text(NowTimestamp()), ById(by)});
}

Result<std::map<std::pair<int64_t, std::string>, std::pair<std::string, std::string>>>
PowerRepository::Explanations(db::Connection& c, const std::string& day,
                              const system::Scope& region) {
  db::Params p{db::Text(day)};
  std::string sql =
      "SELECT x.enterprise_id, x.kind, x.reason, x.note FROM power_explanations x "
      "WHERE x.day = ?" +
      system::ScopeClause(region, "x", "x.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::map<std::pair<int64_t, std::string>, std::pair<std::string, std::string>> out;
  for (const auto& r : res.rows) out[{r.Int(0), r.Text(1)}] = {r.Text(2), r.Text(3)};
  return out;
}

Status PowerRepository::PutExplanation(db::Connection& c, const Owner& o, const Explanation& e,
                                       int64_t by) {
  db::Params p{db::Int(o.id)};
  AppendRegion(o, &p);
  for (db::Value v : {db::Text(e.date), db::Text(e.kind), db::Text(e.reason), db::Text(e.note),
                      db::Text(NowTimestamp()), ById(by)})
    p.push_back(std::move(v));
  return c.Exec(
      "INSERT INTO power_explanations (enterprise_id, region_code, province_code, city_code, "
      "county_code, town_code, day, kind, reason, note, created_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (enterprise_id, day, kind) "
      "DO UPDATE SET reason = excluded.reason, note = excluded.note, "
      "created_at = excluded.created_at, created_by = excluded.created_by",
      p);
}

}  // namespace fugong::power
