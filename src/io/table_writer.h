// Streaming writers for exports: CSV (UTF-8 with BOM so Excel opens it right)
// and XLSX (libxlsxwriter in constant-memory mode). Rows are written one at a
// time, so 10^5 rows never sit in memory.
//
// Every text cell that a spreadsheet would run as a formula (starting with
// = + - @, or a tab or carriage return) is neutralised by a leading apostrophe
// (CSV) or written as a plain string (XLSX, where it also gets the apostrophe
// so it reads the same in both formats).
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"
#include "io/table_format.h"

namespace fugong::io {

// A cell: text, or a number written as a number cell.
using Cell = std::variant<std::string, double>;

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  virtual Status WriteRow(const std::vector<Cell>& cells) = 0;
  // Flushes and closes the file; must be called once at the end.
  virtual Status Close() = 0;
};

// `sheet_name` is used by XLSX only.
Result<std::unique_ptr<TableWriter>> OpenCsvWriter(const std::string& path);
Result<std::unique_ptr<TableWriter>> OpenXlsxWriter(const std::string& path,
                                                    const std::string& sheet_name);

// "=cmd" -> "'=cmd"; other text unchanged.
std::string NeutraliseFormula(const std::string& text);

}  // namespace fugong::io
