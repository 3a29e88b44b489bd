// Downloads of lists (docs/architecture.md "Exports"): a whole filtered list
// written to a temporary XLSX or CSV file through io/table_writer (formula-like
// cells neutralised, rows streamed), then sent and removed. Every module's
// export goes through these three functions.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/router.h"
#include "io/table_writer.h"

namespace fugong::system {

// Writes `header` and then the rows that `rows` writes to a new temporary file.
// Returns the file's path; on an error the file is removed.
Result<std::string> ExportTable(io::TableFormat format, const std::string& sheet,
                                const std::vector<io::Cell>& header,
                                const std::function<Status(io::TableWriter&)>& rows);

// The `format` query parameter: xlsx (default) or csv; 400 naming it otherwise.
Result<io::TableFormat> FormatParam(const http::Request& req);

// The exported file at `path` (removed after sending) as a download named
// `stem` plus the format's extension; an error answer when `path` is an error.
http::Response FileAnswer(const http::Request& req, const Result<std::string>& path,
                          io::TableFormat format, const std::string& stem);

}  // namespace fugong::system
