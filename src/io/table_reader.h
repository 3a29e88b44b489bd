// Streaming readers for the spreadsheets users send: CSV (UTF-8, UTF-8 with
// BOM, or GBK as saved by Excel on Chinese Windows) and XLSX (OOXML read with
// libzip and a streaming XML parser, never the whole sheet in memory).
//
// Both deliver rows one at a time as UTF-8 strings; row numbers are 1-based as
// a spreadsheet shows them (the header is row 1). XLSX number cells come back
// as their shortest exact text (222401, 13904319810, 36.5); cells with a date
// number format come back as "YYYY-MM-DD" (or "YYYY-MM-DD HH:MM:SS" when they
// carry a time); shared strings and inline strings are resolved; absent cells
// are "". Trailing empty cells are trimmed; fully empty rows are skipped.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/table_format.h"

namespace fugong::io {

using RowCallback = std::function<Status(int row_number, const std::vector<std::string>& cells)>;

// Guesses the format from the file's first bytes ("PK\x03\x04" -> XLSX), else CSV.
TableFormat DetectFormat(const std::string& path);

// Reads a CSV file (RFC 4180 quoting, "," separator, CRLF or LF). The encoding
// is detected: a UTF-8 BOM, valid UTF-8, else GBK (converted with iconv); any
// other undecodable bytes give InvalidArgument naming the row.
Status ReadCsv(const std::string& path, const RowCallback& on_row);

// Reads the first worksheet of an XLSX file. A file that is not a valid XLSX
// (not a zip, no workbook, corrupt XML) gives InvalidArgument with code
// "bad_xlsx".
Status ReadXlsx(const std::string& path, const RowCallback& on_row);

// Dispatches on DetectFormat.
Status ReadTable(const std::string& path, const RowCallback& on_row);

}  // namespace fugong::io
