#include "system/settings_repository.h"

#include "core/clock.h"

namespace fugong::system {

Result<std::vector<std::pair<std::string, std::string>>> SettingsRepository::Find(
    db::Connection& c, const std::string& key, const std::vector<std::string>& regions) {
  std::string marks;
  db::Params params = {db::Text(key)};
  for (const auto& r : regions) {
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(db::Text(r));
  }
  ASSIGN_OR_RETURN(auto res, c.Query("SELECT region_code, value FROM settings WHERE key = ? AND "
                                     "region_code IN (" +
                                         marks + ")",
                                     params));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& row : res.rows) out.emplace_back(row.Text(0), row.Text(1));
  return out;
}

Status SettingsRepository::Upsert(db::Connection& c, const std::string& region,
                                  const std::string& key, const std::string& value,
                                  std::optional<int64_t> by) {
  return c.Exec(
      "INSERT INTO settings (region_code, key, value, updated_at, updated_by) VALUES (?,?,?,?,?) "
      "ON CONFLICT (region_code, key) DO UPDATE SET value = excluded.value, "
      "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      {db::Text(region), db::Text(key), db::Text(value), db::Text(NowTimestamp()),
       by ? db::Int(*by) : db::Null()});
}

Status SettingsRepository::Delete(db::Connection& c, const std::string& region,
                                  const std::string& key) {
  return c.Exec("DELETE FROM settings WHERE region_code = ? AND key = ?",
                {db::Text(region), db::Text(key)});
}

}  // namespace fugong::system
