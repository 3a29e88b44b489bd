#include "system/export.h"

#include <filesystem>

#include "core/crypto.h"
#include "system/route_util.h"

namespace fugong::system {

Result<std::string> ExportTable(io::TableFormat format, const std::string& sheet,
                                const std::vector<io::Cell>& header,
                                const std::function<Status(io::TableWriter&)>& rows) {
  bool xlsx = format == io::TableFormat::kXlsx;
  std::string path =
      (std::filesystem::temp_directory_path() /
       ("fugong-" + crypto::ToHex(crypto::RandomBytes(12)) + (xlsx ? ".xlsx" : ".csv")))
          .string();
  ASSIGN_OR_RETURN(auto writer, xlsx ? io::OpenXlsxWriter(path, sheet) : io::OpenCsvWriter(path));
  Status st = writer->WriteRow(header);
  if (st.ok()) st = rows(*writer);
  Status closed = writer->Close();
  if (st.ok()) st = closed;
  if (!st.ok()) {
    std::filesystem::remove(path);
    return st;
  }
  return path;
}

Result<io::TableFormat> FormatParam(const http::Request& req) {
  std::string f = req.Query("format", "xlsx");
  if (f != "xlsx" && f != "csv")
    return InvalidArgument("format", "invalid_value", "format 应为 xlsx 或 csv",
                           "format must be xlsx or csv");
  return f == "csv" ? io::TableFormat::kCsv : io::TableFormat::kXlsx;
}

http::Response FileAnswer(const http::Request& req, const Result<std::string>& path,
                          io::TableFormat format, const std::string& stem) {
  if (!path.ok()) return Fail(req, path.status());
  bool xlsx = format == io::TableFormat::kXlsx;
  return http::Response::File(
      *path,
      xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
           : "text/csv; charset=utf-8",
      stem + (xlsx ? ".xlsx" : ".csv"), true);
}

}  // namespace fugong::system
