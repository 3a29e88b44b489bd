// Format detection and dispatch for table_reader.h (the readers themselves
// are csv_reader.cc and xlsx_reader.cc).
#include "io/table_reader.h"

#include <cstdio>
#include <cstring>

namespace fugong::io {

TableFormat DetectFormat(const std::string& path) {
  unsigned char head[8] = {};
  size_t n = 0;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
  }
  // A zip: local file header, or the end record of an empty archive.
  if (n >= 4 &&
      (std::memcmp(head, "PK\x03\x04", 4) == 0 || std::memcmp(head, "PK\x05\x06", 4) == 0)) {
    return TableFormat::kXlsx;
  }
  // An OLE2 compound file: a legacy .xls or a password-protected .xlsx. Sent
  // to the XLSX reader so the user is told it is not a readable XLSX rather
  // than shown binary garbage as CSV.
  if (n == 8 && std::memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
    return TableFormat::kXlsx;
  }
  return TableFormat::kCsv;
}

Status ReadTable(const std::string& path, const RowCallback& on_row) {
  return DetectFormat(path) == TableFormat::kXlsx ? ReadXlsx(path, on_row) : ReadCsv(path, on_row);
}

}  // namespace fugong::io
