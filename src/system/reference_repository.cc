#include "system/reference_repository.h"

#include "core/clock.h"

namespace fugong::system {
namespace {

constexpr const char* kRegionColumns =
    "r.code, r.name, r.level, r.parent_code, r.province_code, r.city_code, r.county_code, "
    "r.town_code, r.custom";

Region RegionFromRow(const db::Row& row) {
  Region r;
  r.code = row.Text(0);
  r.name = row.Text(1);
  r.level = int(row.Int(2));
  r.parent_code = row.Text(3);
  r.province_code = row.Text(4);
  r.city_code = row.Text(5);
  r.county_code = row.Text(6);
  r.town_code = row.Text(7);
  r.custom = row.Bool(8);
  return r;
}

db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

}  // namespace

Result<int64_t> ReferenceRepository::CountRegions(db::Connection& c) {
  ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(*) FROM regions"));
  return row.Int(0);
}

Status ReferenceRepository::InsertRegion(db::Connection& c, const Region& r,
                                         std::optional<int64_t> created_by) {
  return c.Exec(
      "INSERT INTO regions (code, name, level, parent_code, province_code, city_code, "
      "county_code, town_code, custom, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
      {db::Text(r.code), db::Text(r.name), db::Int(r.level), OrNull(r.parent_code),
       db::Text(r.province_code), OrNull(r.city_code), OrNull(r.county_code), OrNull(r.town_code),
       db::Bool(r.custom), db::Text(NowTimestamp()),
       created_by ? db::Int(*created_by) : db::Null()});
}

Result<std::optional<Region>> ReferenceRepository::FindRegion(db::Connection& c,
                                                              const std::string& code) {
  ASSIGN_OR_RETURN(auto row, c.Optional(std::string("SELECT ") + kRegionColumns +
                                            " FROM regions r WHERE r.code = ?",
                                        {db::Text(code)}));
  if (!row) return std::optional<Region>();
  return std::optional<Region>(RegionFromRow(*row));
}

Result<std::vector<Region>> ReferenceRepository::Children(db::Connection& c,
                                                          const std::string& parent_code) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string("SELECT ") + kRegionColumns +
                               ", EXISTS (SELECT 1 FROM regions k WHERE k.parent_code = r.code) "
                               "FROM regions r WHERE r.parent_code = ? ORDER BY r.code",
                           {db::Text(parent_code)}));
  std::vector<Region> out;
  for (const auto& row : res.rows) {
    out.push_back(RegionFromRow(row));
    out.back().has_children = row.Bool(9);
  }
  return out;
}

Result<std::vector<Region>> ReferenceRepository::ByLevel(db::Connection& c, int level) {
  ASSIGN_OR_RETURN(auto res, c.Query(std::string("SELECT ") + kRegionColumns +
                                         ", 1 FROM regions r WHERE r.level = ? ORDER BY r.code",
                                     {db::Int(level)}));
  std::vector<Region> out;
  for (const auto& row : res.rows) {
    out.push_back(RegionFromRow(row));
    out.back().has_children = true;
  }
  return out;
}

Result<std::vector<Region>> ReferenceRepository::AllRegions(db::Connection& c) {
  std::vector<Region> out;
  RETURN_IF_ERROR(c.ForEach(std::string("SELECT ") + kRegionColumns + " FROM regions r", {},
                            [&](const db::Row& row) {
                              out.push_back(RegionFromRow(row));
                              return Status::Ok();
                            }));
  return out;
}

Result<int64_t> ReferenceRepository::CountIndustries(db::Connection& c) {
  ASSIGN_OR_RETURN(auto row, c.One("SELECT COUNT(*) FROM industries"));
  return row.Int(0);
}

Status ReferenceRepository::InsertIndustry(db::Connection& c, const Industry& i) {
  return c.Exec("INSERT INTO industries (code, name, name_en, level, parent) VALUES (?,?,?,?,?)",
                {db::Text(i.code), db::Text(i.name), db::Text(i.name_en), db::Text(i.level),
                 db::Text(i.parent)});
}

Result<std::vector<Industry>> ReferenceRepository::AllIndustries(db::Connection& c) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query("SELECT code, name, name_en, level, parent FROM industries "
                           "ORDER BY CASE WHEN level = 'section' THEN code ELSE parent END, "
                           "level DESC, code"));
  std::vector<Industry> out;
  for (const auto& row : res.rows)
    out.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
  return out;
}

}  // namespace fugong::system
