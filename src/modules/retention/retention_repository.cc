#include "modules/retention/retention_repository.h"

namespace fugong::retention {
namespace {

// The ids of one batch, oldest first: the same rows for every statement of
// the batch's transaction.
std::string BatchIds(const KindDef& k) {
  return std::string("SELECT id FROM ") + k.table + " WHERE " + k.date_column +
         " < ? ORDER BY id LIMIT ?";
}

std::string LogWhere(const PurgeFilter& f, db::Params* p) {
  std::string w = " WHERE dry_run = 0";
  if (!f.kind.empty()) {
    w += " AND kind = ?";
    p->push_back(db::Text(f.kind));
  }
  if (!f.from.empty()) {
    w += " AND at >= ?";
    p->push_back(db::Text(f.from));
  }
  if (!f.to.empty()) {
    w += " AND at < ?";
    p->push_back(db::Text(f.to + "T24"));
  }
  return w;
}

}  // namespace

Result<int64_t> RetentionRepository::CountDue(db::Connection& c, const KindDef& k,
                                              const std::string& cutoff) {
  ASSIGN_OR_RETURN(auto row, c.One(std::string("SELECT COUNT(*) FROM ") + k.table + " WHERE " +
                                       k.date_column + " < ?",
                                   {db::Text(cutoff)}));
  return row.Int(0);
}

Result<int64_t> RetentionRepository::DeleteBatch(db::Connection& c, const KindDef& k,
                                                 const std::string& cutoff, int64_t limit) {
  db::Params p{db::Text(cutoff), db::Int(limit)};
  if (std::string_view(k.kind) == "health_holds")
    RETURN_IF_ERROR(
        c.Exec("DELETE FROM health_hold_changes WHERE hold_id IN (" + BatchIds(k) + ")", p));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string("DELETE FROM ") + k.table + " WHERE id IN (" + BatchIds(k) + ")", p));
  return res.affected;
}

Result<int64_t> RetentionRepository::KeepOnDuty(db::Connection& c, const std::string& cutoff,
                                                const std::string& now) {
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("INSERT INTO onduty_kept (day, enterprise_id, region_code, province_code, city_code, "
              "county_code, town_code, on_duty, kept_at) "
              "SELECT day, enterprise_id, MIN(region_code), MIN(province_code), MIN(city_code), "
              "MIN(county_code), MIN(town_code), COUNT(DISTINCT employee_id), ? FROM entry_logs "
              "WHERE day < ? AND decision = 'admit' AND employee_id IS NOT NULL "
              "GROUP BY day, enterprise_id "
              "ON CONFLICT (day, enterprise_id) DO NOTHING",
              {db::Text(now), db::Text(cutoff)}));
  return res.affected;
}

Result<std::vector<std::pair<int64_t, int64_t>>> RetentionRepository::KeptOnDuty(
    db::Connection& c, const std::string& day) {
  std::vector<std::pair<int64_t, int64_t>> out;
  RETURN_IF_ERROR(c.ForEach("SELECT enterprise_id, on_duty FROM onduty_kept WHERE day = ?",
                            {db::Text(day)}, [&](const db::Row& r) {
                              out.emplace_back(r.Int(0), r.Int(1));
                              return Status::Ok();
                            }));
  return out;
}

Result<int64_t> RetentionRepository::InsertLog(db::Connection& c, const PurgeRecord& r) {
  ASSIGN_OR_RETURN(
      auto row,
      c.One("INSERT INTO purge_log (kind, cutoff, retention_days, rows_deleted, dry_run, at, "
            "by_user) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {db::Text(r.kind), db::Text(r.cutoff), db::Int(r.days), db::Int(r.rows),
             db::Bool(r.dry_run), db::Text(r.at), r.by_user ? db::Int(*r.by_user) : db::Null()}));
  return row.Int(0);
}

Status RetentionRepository::AddRows(db::Connection& c, int64_t log_id, int64_t rows) {
  return c.Exec("UPDATE purge_log SET rows_deleted = rows_deleted + ? WHERE id = ?",
                {db::Int(rows), db::Int(log_id)});
}

Status RetentionRepository::FinishLog(db::Connection& c, int64_t log_id, const std::string& at) {
  return c.Exec("UPDATE purge_log SET finished_at = ? WHERE id = ?",
                {db::Text(at), db::Int(log_id)});
}

Result<std::vector<PurgeRecord>> RetentionRepository::Log(db::Connection& c, const PurgeFilter& f,
                                                          const system::Page* page,
                                                          int64_t* total) {
  db::Params p;
  std::string where = LogWhere(f, &p);
  if (total) {
    ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(*) FROM purge_log" + where, p));
    *total = row.Int(0);
  }
  std::string sql =
      "SELECT id, kind, cutoff, retention_days, rows_deleted, dry_run, at, finished_at, by_user "
      "FROM purge_log" +
      where + " ORDER BY id DESC";
  if (page) {
    sql += " LIMIT ? OFFSET ?";
    p.push_back(db::Int(page->size));
    p.push_back(db::Int(page->Offset()));
  }
  std::vector<PurgeRecord> out;
  RETURN_IF_ERROR(c.ForEach(sql, p, [&](const db::Row& r) {
    PurgeRecord x;
    x.id = r.Int(0);
    x.kind = r.Text(1);
    x.cutoff = r.Text(2);
    x.days = int(r.Int(3));
    x.rows = r.Int(4);
    x.dry_run = r.Bool(5);
    x.at = r.Text(6);
    x.finished_at = r.Text(7);
    if (!r.IsNull(8)) x.by_user = r.Int(8);
    out.push_back(std::move(x));
    return Status::Ok();
  }));
  return out;
}

}  // namespace fugong::retention
