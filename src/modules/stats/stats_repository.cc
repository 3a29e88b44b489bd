#include "modules/stats/stats_repository.h"

#include <unordered_map>

#include "core/clock.h"
#include "modules/enterprise/enterprise.h"

namespace fugong::stats {

Status StatsRepository::LoadSnapshot(db::Connection& c, RegistrySnapshot* out) {
  const auto& flags = enterprise::Flags();
  std::string cols;
  for (const auto& f : flags) cols += ", e." + std::string(f.name);
  std::unordered_map<int64_t, size_t> index;
  out->facts.clear();
  RETURN_IF_ERROR(c.ForEach(
      "SELECT e.id, e.province_code, e.city_code, e.county_code, e.town_code, e.employees, "
      "e.normal_output, e.uscc, e.name, e.region_code, e.industry_code, e.cadre, "
      "e.essential_category" +
          cols + " FROM enterprises e ORDER BY e.id",
      {}, [&](const db::Row& r) {
        Fact f;
        f.id = r.Int(0);
        for (int l = 1; l <= 4; ++l) f.codes[l] = CodeNumber(r.Text(size_t(l)));
        f.employees = r.Int(5);
        f.normal_output = r.Real(6);
        f.uscc = r.Text(7);
        f.name = r.Text(8);
        f.region_code = r.Text(9);
        f.industry_code = r.Text(10);
        f.cadre = r.Text(11);
        if (!r.Text(12).empty()) f.flags |= 1u << FactFlags::BitOf("essential");
        for (size_t i = 0; i < flags.size(); ++i)
          if (r.Bool(13 + i)) f.flags |= 1u << i;
        if (f.flags &
            ((1u << FactFlags::BitOf("above_quota_trade")) | (1u << FactFlags::BitOf("mall")) |
             (1u << FactFlags::BitOf("farmers_market")) |
             (1u << FactFlags::BitOf("service_industry"))))
          f.flags |= 1u << FactFlags::CommerceBit();
        index.emplace(f.id, out->facts.size());
        out->facts.push_back(std::move(f));
        return Status::Ok();
      }));
  // History grouped per enterprise (ordered by enterprise, date, id).
  out->hist_day.clear();
  out->hist_status.clear();
  out->first_day = 0;
  int64_t current = -1;
  Fact* fact = nullptr;
  RETURN_IF_ERROR(
      c.ForEach("SELECT enterprise_id, status, effective_date FROM enterprise_status_history "
                "ORDER BY enterprise_id, effective_date, id",
                {}, [&](const db::Row& r) {
                  int64_t id = r.Int(0);
                  if (id != current) {
                    current = id;
                    auto it = index.find(id);
                    fact = it == index.end() ? nullptr : &out->facts[it->second];
                    if (fact) fact->hist_begin = uint32_t(out->hist_day.size());
                  }
                  if (!fact) return Status::Ok();
                  auto day = ParseDate(r.Text(2));
                  int code = StatusCodeOf(r.Text(1));
                  if (!day || code < 0) return Status::Ok();
                  int32_t d = int32_t(day->time_since_epoch().count());
                  out->hist_day.push_back(d);
                  out->hist_status.push_back(uint8_t(code));
                  fact->hist_len++;
                  if (out->first_day == 0 || d < out->first_day) out->first_day = d;
                  return Status::Ok();
                }));
  return Status::Ok();
}

Result<std::vector<BulletinTemplate>> StatsRepository::Templates(
    db::Connection& c, const std::vector<std::string>& regions) {
  std::string marks;
  db::Params params;
  for (const auto& r : regions) {
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(db::Text(r));
  }
  if (marks.empty()) return std::vector<BulletinTemplate>{};
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT id, region_code, name, body, updated_at FROM "
                                     "bulletin_templates WHERE region_code IN (" +
                                         marks + ") ORDER BY id",
                                     params));
  std::vector<BulletinTemplate> out;
  for (const auto& r : res.rows)
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

Result<std::vector<BulletinTemplate>> StatsRepository::AllTemplates(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT id, region_code, name, body, updated_at FROM "
                                     "bulletin_templates ORDER BY id"));
  std::vector<BulletinTemplate> out;
  for (const auto& r : res.rows)
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

Result<std::optional<BulletinTemplate>> StatsRepository::Template(db::Connection& c, int64_t id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT id, region_code, name, body, updated_at FROM "
                                      "bulletin_templates WHERE id = ?",
                                      {db::Int(id)}));
  if (!r) return std::optional<BulletinTemplate>();
  return std::optional<BulletinTemplate>(
      BulletinTemplate{r->Int(0), r->Text(1), r->Text(2), r->Text(3), r->Text(4)});
}

Result<int64_t> StatsRepository::InsertTemplate(db::Connection& c, const BulletinTemplate& t,
                                                int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(auto row, c.One("INSERT INTO bulletin_templates (region_code, name, body, "
                                   "created_at, created_by, updated_at, updated_by) VALUES "
                                   "(?,?,?,?,?,?,?) RETURNING id",
                                   {db::Text(t.region_code), db::Text(t.name), db::Text(t.body),
                                    db::Text(now), db::Int(by), db::Text(now), db::Int(by)}));
  return row.Int(0);
}

Status StatsRepository::UpdateTemplate(db::Connection& c, const BulletinTemplate& t, int64_t by) {
  return c.Exec(
      "UPDATE bulletin_templates SET name = ?, body = ?, updated_at = ?, updated_by = ? WHERE id = "
      "?",
      {db::Text(t.name), db::Text(t.body), db::Text(NowTimestamp()), db::Int(by), db::Int(t.id)});
}

Status StatsRepository::DeleteTemplate(db::Connection& c, int64_t id) {
  return c.Exec("DELETE FROM bulletin_templates WHERE id = ?", {db::Int(id)});
}

}  // namespace fugong::stats
