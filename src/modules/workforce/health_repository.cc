#include "modules/workforce/health_repository.h"

#include "core/clock.h"
#include "db/versions.h"
#include "modules/workforce/sql_util.h"

namespace fugong::workforce {
namespace {

constexpr const char* kHoldSelect =
    "SELECT id, employee_id, enterprise_id, kind, source, reasons, start_date, rule_end_date, "
    "end_date, extended, shortened, overridden, change_reason, changed_by, "
    "COALESCE(changed_at, '') FROM health_holds ";

Hold HoldFromRow(const db::Row& row) {
  Hold h;
  size_t k = 0;
  h.id = row.Int(k++);
  h.employee_id = row.Int(k++);
  h.enterprise_id = row.Int(k++);
  h.kind = row.Text(k++);
  h.source = row.Text(k++);
  h.reasons = SplitCodes(row.Text(k++));
  h.start_date = row.Text(k++);
  h.rule_end_date = row.Text(k++);
  h.end_date = row.Text(k++);
  h.extended = row.Bool(k++);
  h.shortened = row.Bool(k++);
  h.overridden = row.Bool(k++);
  h.change_reason = row.Text(k++);
  if (!row.IsNull(k)) h.changed_by = row.Int(k);
  ++k;
  h.changed_at = row.Text(k++);
  return h;
}

constexpr const char* kRiskSelect =
    "SELECT r.id, r.region_code, COALESCE(g.name, ''), r.level, r.start_date, "
    "COALESCE(r.end_date, ''), r.note, r.updated_at FROM risk_regions r "
    "LEFT JOIN regions g ON g.code = r.region_code ";

RiskRegion RiskFromRow(const db::Row& row) {
  RiskRegion r;
  r.id = row.Int(0);
  r.region_code = row.Text(1);
  r.region_name = row.Text(2);
  r.level = row.Text(3);
  r.start_date = row.Text(4);
  r.end_date = row.Text(5);
  r.note = row.Text(6);
  r.updated_at = row.Text(7);
  return r;
}

}  // namespace

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Status HealthRepository::MarkChanged(db::Connection& c, const std::string& kind,
                                     const std::vector<int64_t>& ids) {
  RETURN_IF_ERROR(db::BumpVersion(c, "workforce"));
  if (ids.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(int64_t version, db::ReadVersion(c, "workforce"));
  constexpr size_t kChunk = 300;
  for (size_t i = 0; i < ids.size(); i += kChunk) {
    size_t n = std::min(kChunk, ids.size() - i);
    std::string sql = "INSERT INTO workforce_changes (version, kind, ref_id) VALUES ";
    db::Params p;
    for (size_t j = 0; j < n; ++j) {
      sql += j ? ", (?, ?, ?)" : "(?, ?, ?)";
      p.push_back(db::Int(version));
      p.push_back(db::Text(kind));
      p.push_back(db::Int(ids[i + j]));
    }
    RETURN_IF_ERROR(c.Exec(sql, p));
  }
  return Status::Ok();
}

Result<std::optional<ReturnCard>> HealthRepository::GetCard(db::Connection& c,
                                                            int64_t employee_id) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT employee_id, COALESCE(arrival_date, ''), "
                                        "contact_with_cases, health, note, updated_at "
                                        "FROM return_cards WHERE employee_id = ?",
                                        {db::Int(employee_id)}));
  if (!row) return std::optional<ReturnCard>();
  ReturnCard card;
  card.employee_id = row->Int(0);
  card.arrival_date = row->Text(1);
  card.contact_with_cases = row->Bool(2);
  card.health = row->Text(3);
  card.note = row->Text(4);
  card.updated_at = row->Text(5);
  ASSIGN_OR_RETURN(auto travel,
                   c.Query("SELECT t.place_region_code, COALESCE(g.name, ''), t.place, "
                           "t.from_date, t.to_date FROM travel_records t "
                           "LEFT JOIN regions g ON g.code = t.place_region_code "
                           "WHERE t.employee_id = ? ORDER BY t.from_date, t.id",
                           {db::Int(employee_id)}));
  for (const auto& r : travel.rows)
    card.travel.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return std::optional<ReturnCard>(std::move(card));
}

Status HealthRepository::PutCard(db::Connection& c, int64_t enterprise_id,
                                 const system::Region& region, const ReturnCard& card, int64_t by) {
  std::string now = NowTimestamp();
  db::Params p{db::Int(enterprise_id)};
  sql::AppendRegion(region, &p);
  for (db::Value v : {db::Int(card.employee_id), sql::OrNull(card.arrival_date),
                      db::Bool(card.contact_with_cases), db::Text(card.health), db::Text(card.note),
                      db::Text(now), sql::ById(by), db::Text(now), sql::ById(by)})
    p.push_back(std::move(v));
  RETURN_IF_ERROR(
      c.Exec(std::string("INSERT INTO return_cards (enterprise_id, ") + sql::kRegionColumns +
                 ", employee_id, arrival_date, contact_with_cases, health, note, created_at, "
                 "created_by, updated_at, updated_by) VALUES (" +
                 sql::Marks(p.size()) +
                 ") ON CONFLICT (employee_id) DO UPDATE SET arrival_date = excluded.arrival_date, "
                 "contact_with_cases = excluded.contact_with_cases, health = excluded.health, "
                 "note = excluded.note, updated_at = excluded.updated_at, "
                 "updated_by = excluded.updated_by",
             p));
  RETURN_IF_ERROR(
      c.Exec("DELETE FROM travel_records WHERE employee_id = ?", {db::Int(card.employee_id)}));
  for (const TravelRecord& t : card.travel)
    RETURN_IF_ERROR(
        c.Exec("INSERT INTO travel_records (enterprise_id, employee_id, place_region_code, place, "
               "from_date, to_date) VALUES (?, ?, ?, ?, ?, ?)",
               {db::Int(enterprise_id), db::Int(card.employee_id), db::Text(t.region_code),
                db::Text(t.place), db::Text(t.from_date), db::Text(t.to_date)}));
  return Status::Ok();
}

Result<std::vector<std::pair<int64_t, std::string>>> HealthRepository::TravelPlaces(
    db::Connection& c) {
  std::vector<std::pair<int64_t, std::string>> out;
  RETURN_IF_ERROR(c.ForEach("SELECT employee_id, place_region_code FROM travel_records", {},
                            [&](const db::Row& r) {
                              out.emplace_back(r.Int(0), r.Text(1));
                              return Status::Ok();
                            }));
  return out;
}

Result<std::vector<RiskRegion>> HealthRepository::ListRiskRegions(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kRiskSelect) + "ORDER BY r.start_date DESC, r.id DESC"));
  std::vector<RiskRegion> out;
  for (const auto& row : res.rows) out.push_back(RiskFromRow(row));
  return out;
}

Result<std::optional<RiskRegion>> HealthRepository::GetRiskRegion(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto row,
                   c.Optional(std::string(kRiskSelect) + "WHERE r.id = ?", {db::Int(id)}));
  if (!row) return std::optional<RiskRegion>();
  return std::optional<RiskRegion>(RiskFromRow(*row));
}

Result<int64_t> HealthRepository::InsertRiskRegion(db::Connection& c, const RiskRegion& r,
                                                   int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto row,
      c.One("INSERT INTO risk_regions (region_code, level, start_date, end_date, note, "
            "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            {db::Text(r.region_code), db::Text(r.level), db::Text(r.start_date),
             sql::OrNull(r.end_date), db::Text(r.note), db::Text(now), sql::ById(by), db::Text(now),
             sql::ById(by)}));
  return row.Int(0);
}

Status HealthRepository::UpdateRiskRegion(db::Connection& c, const RiskRegion& r, int64_t by) {
  return c.Exec(
      "UPDATE risk_regions SET region_code = ?, level = ?, start_date = ?, end_date = ?, "
      "note = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      {db::Text(r.region_code), db::Text(r.level), db::Text(r.start_date), sql::OrNull(r.end_date),
       db::Text(r.note), db::Text(NowTimestamp()), sql::ById(by), db::Int(r.id)});
}

Status HealthRepository::DeleteRiskRegion(db::Connection& c, int64_t id) {
  return c.Exec("DELETE FROM risk_regions WHERE id = ?", {db::Int(id)});
}

Result<std::vector<Hold>> HealthRepository::HoldsOf(db::Connection& c, int64_t employee_id) {
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kHoldSelect) +
                                         "WHERE employee_id = ? ORDER BY start_date DESC, id DESC",
                                     {db::Int(employee_id)}));
  std::vector<Hold> out;
  for (const auto& row : res.rows) out.push_back(HoldFromRow(row));
  return out;
}

Result<std::vector<BoardHold>> HealthRepository::EnterpriseHolds(
    db::Connection& c, int64_t enterprise_id, const std::string& kind, const std::string& on_day,
    const system::Page& page, int64_t* total) {
  std::string where = "WHERE h.enterprise_id = ?";
  db::Params p{db::Int(enterprise_id)};
  if (!kind.empty()) {
    where += " AND h.kind = ?";
    p.push_back(db::Text(kind));
  }
  if (!on_day.empty()) {
    where += " AND h.start_date <= ? AND h.end_date > ?";
    p.push_back(db::Text(on_day));
    p.push_back(db::Text(on_day));
  }
  ASSIGN_OR_RETURN(auto count, c.One("SELECT COUNT(*) FROM health_holds h " + where, p));
  *total = count.Int(0);
  p.push_back(db::Int(page.size));
  p.push_back(db::Int(page.Offset()));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("SELECT h.id, h.employee_id, h.enterprise_id, h.kind, h.source, h.reasons, "
              "h.start_date, h.rule_end_date, h.end_date, h.extended, h.shortened, h.overridden, "
              "h.change_reason, h.changed_by, COALESCE(h.changed_at, ''), e.name, "
              "COALESCE(e.department, '') FROM health_holds h JOIN employees e ON e.id = "
              "h.employee_id " +
                  where + " ORDER BY h.end_date, h.id LIMIT ? OFFSET ?",
              p));
  std::vector<BoardHold> out;
  for (const auto& row : res.rows) {
    BoardHold b{HoldFromRow(row), row.Text(15), row.Text(16)};
    out.push_back(std::move(b));
  }
  return out;
}

Result<std::optional<Hold>> HealthRepository::GetHold(db::Connection& c, int64_t hold_id) {
  ASSIGN_OR_RETURN(auto row,
                   c.Optional(std::string(kHoldSelect) + "WHERE id = ?", {db::Int(hold_id)}));
  if (!row) return std::optional<Hold>();
  return std::optional<Hold>(HoldFromRow(*row));
}

Result<int64_t> HealthRepository::InsertHold(db::Connection& c, const system::Region& region,
                                             const Hold& h, int64_t by) {
  std::string now = NowTimestamp();
  db::Params p{db::Int(h.enterprise_id)};
  sql::AppendRegion(region, &p);
  for (db::Value v : {db::Int(h.employee_id), db::Text(h.kind), db::Text(h.source),
                      db::Text(JoinCodes(h.reasons)), db::Text(h.start_date),
                      db::Text(h.rule_end_date), db::Text(h.end_date), db::Text(h.change_reason),
                      db::Text(now), sql::ById(by), db::Text(now), sql::ById(by)})
    p.push_back(std::move(v));
  ASSIGN_OR_RETURN(
      auto row,
      c.One(std::string("INSERT INTO health_holds (enterprise_id, ") + sql::kRegionColumns +
                ", employee_id, kind, source, reasons, start_date, rule_end_date, "
                "end_date, change_reason, created_at, created_by, updated_at, "
                "updated_by) VALUES (" +
                sql::Marks(p.size()) + ") RETURNING id",
            p));
  return row.Int(0);
}

Status HealthRepository::UpdateRuleHold(db::Connection& c, int64_t hold_id,
                                        const std::string& start, const std::string& rule_end,
                                        const std::string& end, const std::string& reasons,
                                        int64_t by) {
  return c.Exec(
      "UPDATE health_holds SET start_date = ?, rule_end_date = ?, end_date = ?, reasons = ?, "
      "updated_at = ?, updated_by = ? WHERE id = ?",
      {db::Text(start), db::Text(rule_end), db::Text(end), db::Text(reasons),
       db::Text(NowTimestamp()), sql::ById(by), db::Int(hold_id)});
}

Status HealthRepository::DeleteHold(db::Connection& c, int64_t hold_id) {
  RETURN_IF_ERROR(c.Exec("DELETE FROM health_hold_changes WHERE hold_id = ?", {db::Int(hold_id)}));
  return c.Exec("DELETE FROM health_holds WHERE id = ?", {db::Int(hold_id)});
}

Status HealthRepository::ChangeHoldEnd(db::Connection& c, const Hold& h, const std::string& new_end,
                                       const std::string& change, const std::string& reason,
                                       int64_t by, const std::string& by_name) {
  std::string now = NowTimestamp();
  RETURN_IF_ERROR(c.Exec(
      "UPDATE health_holds SET end_date = ?, extended = CASE WHEN ? = 'extend' THEN 1 ELSE "
      "extended END, shortened = CASE WHEN ? = 'extend' THEN shortened ELSE 1 END, "
      "overridden = CASE WHEN ? = 'override' THEN 1 ELSE overridden END, change_reason = ?, "
      "changed_by = ?, changed_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      {db::Text(new_end), db::Text(change), db::Text(change), db::Text(change), db::Text(reason),
       sql::ById(by), db::Text(now), db::Text(now), sql::ById(by), db::Int(h.id)}));
  return c.Exec(
      "INSERT INTO health_hold_changes (enterprise_id, hold_id, old_end_date, new_end_date, "
      "change, reason, changed_by, changed_by_name, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "?)",
      {db::Int(h.enterprise_id), db::Int(h.id), db::Text(h.end_date), db::Text(new_end),
       db::Text(change), db::Text(reason), sql::ById(by), db::Text(by_name), db::Text(now)});
}

Result<std::vector<HoldChange>> HealthRepository::HoldChanges(db::Connection& c,
                                                              int64_t employee_id) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query("SELECT x.hold_id, x.old_end_date, x.new_end_date, x.change, x.reason, "
                           "x.changed_by_name, x.changed_at FROM health_hold_changes x "
                           "JOIN health_holds h ON h.id = x.hold_id WHERE h.employee_id = ? "
                           "ORDER BY x.id",
                           {db::Int(employee_id)}));
  std::vector<HoldChange> out;
  for (const auto& r : res.rows)
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)});
  return out;
}

Status HealthRepository::PutDeclaration(db::Connection& c, int64_t enterprise_id,
                                        const system::Region& region, const Declaration& d,
                                        int64_t by) {
  db::Params p{db::Int(enterprise_id)};
  sql::AppendRegion(region, &p);
  for (db::Value v : {db::Int(d.employee_id), db::Text(d.day), db::Real(d.temperature),
                      db::Text(JoinCodes(d.symptoms)), db::Text(NowTimestamp()), sql::ById(by)})
    p.push_back(std::move(v));
  return c.Exec(std::string("INSERT INTO health_declarations (enterprise_id, ") +
                    sql::kRegionColumns +
                    ", employee_id, day, temperature, symptoms, created_at, created_by) VALUES (" +
                    sql::Marks(p.size()) +
                    ") ON CONFLICT (employee_id, day) DO UPDATE SET temperature = "
                    "excluded.temperature, symptoms = excluded.symptoms, created_at = "
                    "excluded.created_at, created_by = excluded.created_by",
                p);
}

Result<std::optional<Declaration>> HealthRepository::GetDeclaration(db::Connection& c,
                                                                    int64_t employee_id,
                                                                    const std::string& day) {
  ASSIGN_OR_RETURN(auto row, c.Optional("SELECT employee_id, day, temperature, symptoms, "
                                        "created_at FROM health_declarations WHERE "
                                        "employee_id = ? AND day = ?",
                                        {db::Int(employee_id), db::Text(day)}));
  if (!row) return std::optional<Declaration>();
  return std::optional<Declaration>(
      Declaration{row->Int(0), row->Text(1), row->Real(2), SplitCodes(row->Text(3)), row->Text(4)});
}

Result<std::vector<Declaration>> HealthRepository::Declarations(db::Connection& c,
                                                                int64_t employee_id, int limit) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT employee_id, day, temperature, symptoms, created_at "
                                     "FROM health_declarations WHERE employee_id = ? "
                                     "ORDER BY day DESC LIMIT ?",
                                     {db::Int(employee_id), db::Int(limit)}));
  std::vector<Declaration> out;
  for (const auto& r : res.rows)
    out.push_back({r.Int(0), r.Text(1), r.Real(2), SplitCodes(r.Text(3)), r.Text(4)});
  return out;
}

}  // namespace fugong::workforce
