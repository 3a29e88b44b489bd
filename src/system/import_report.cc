#include "system/import_report.h"

#include "core/clock.h"
#include "core/crypto.h"
#include "io/table_writer.h"

namespace fugong::system {
namespace {

std::string CsvField(const std::string& s) {
  std::string safe = io::NeutraliseFormula(s);
  if (safe.find_first_of(",\"\r\n") == std::string::npos) return safe;
  std::string out = "\"";
  for (char c : safe) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

json::array RejectedJson(const std::vector<ImportError>& errors, size_t limit) {
  json::array out;
  for (const auto& e : errors) {
    if (out.size() >= limit) break;
    out.push_back(json::object{{"row", e.row}, {"column", e.column}, {"reason", e.reason}});
  }
  return out;
}

Result<std::string> ImportReportRepository::Save(db::Connection& c, int64_t user_id,
                                                 const std::string& kind,
                                                 const std::vector<ImportError>& errors) {
  std::string csv = "\xEF\xBB\xBF行号,列,原因\r\n";
  for (const auto& e : errors)
    csv += std::to_string(e.row) + "," + CsvField(e.column) + "," + CsvField(e.reason) + "\r\n";
  std::string id = crypto::RandomToken(18);
  RETURN_IF_ERROR(c.Exec(
      "INSERT INTO import_reports (id, user_id, kind, created_at, content) VALUES (?,?,?,?,?)",
      {db::Text(id), db::Int(user_id), db::Text(kind), db::Text(NowTimestamp()), db::Text(csv)}));
  return id;
}

Result<std::optional<std::string>> ImportReportRepository::Find(db::Connection& c,
                                                                const std::string& id,
                                                                int64_t user_id) {
  ASSIGN_OR_RETURN(auto row,
                   c.Optional("SELECT content FROM import_reports WHERE id = ? AND user_id = ?",
                              {db::Text(id), db::Int(user_id)}));
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(row->Text(0));
}

}  // namespace fugong::system
