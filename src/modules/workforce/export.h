// Writes a table (the workforce lists: entry logs, roster, alerts) to a new
// temporary XLSX or CSV file through io/table_writer (formula-like cells
// neutralised); `rows` writes the data rows after the header. Returns the
// file's path; on an error the file is removed.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "io/table_writer.h"
#include "modules/enterprise/enterprise_service.h"

namespace fugong::workforce {

Result<std::string> ExportTable(enterprise::ExportFormat format, const std::string& sheet,
                                const std::vector<io::Cell>& header,
                                const std::function<Status(io::TableWriter&)>& rows);

}  // namespace fugong::workforce
