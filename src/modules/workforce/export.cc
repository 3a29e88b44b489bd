#include "modules/workforce/export.h"

#include <filesystem>

#include "core/crypto.h"

namespace fugong::workforce {

Result<std::string> ExportTable(enterprise::ExportFormat format, const std::string& sheet,
                                const std::vector<io::Cell>& header,
                                const std::function<Status(io::TableWriter&)>& rows) {
  bool xlsx = format == enterprise::ExportFormat::kXlsx;
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

}  // namespace fugong::workforce
