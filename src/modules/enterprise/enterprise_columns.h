// The columns of the import template (SPEC §5.3) and of exports: Chinese and
// English headers, and how a cell's text becomes a field. One table serves
// import, export and the template, so the formats can never drift apart.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "modules/enterprise/enterprise.h"

namespace fugong::enterprise {

struct Column {
  std::string_view key;  // English header = the JSON field name
  std::string_view zh;   // Chinese header
  bool required;         // must be present in an import's header row
  bool import;           // read on import (false: export-only, e.g. region name)
};

// In template order: the 19 columns of SPEC §5.3, then the optional ones.
const std::vector<Column>& Columns();
// The column whose Chinese or English header is `header` (trimmed,
// case-insensitive for English), or nullptr.
const Column* FindColumn(std::string_view header);

// Sets the field of `column` from a cell's text; errors describe the value
// (the caller names the row and column).
Status SetFromCell(Enterprise& e, const Column& column, const std::string& cell);
// The text of a field for export (flags 是/否, statuses and sizes in Chinese).
std::string CellText(const Enterprise& e, const Column& column);
// True for numeric columns (written as number cells in XLSX).
bool IsNumeric(const Column& column);

// Parses 是/否, Y/N, 1/0, true/false (any case); empty is false.
bool ParseFlag(std::string_view text, bool* out);

}  // namespace fugong::enterprise
