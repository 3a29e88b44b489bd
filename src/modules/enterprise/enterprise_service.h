// Rules of the enterprise registry: validation of every field, data scope on
// every read and write, the dated status history, streaming import (XLSX/CSV,
// row-level errors, upsert by USCC, all-or-nothing for the valid rows) and
// streaming export. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_writer.h"
#include "modules/enterprise/enterprise.h"
#include "system/principal.h"
#include "system/reference_service.h"

namespace fugong::enterprise {

using ExportFormat = io::TableFormat;

class EnterpriseService {
 public:
  EnterpriseService(db::Database& db, const system::ReferenceService& reference)
      : db_(db), reference_(reference) {}
  EnterpriseService(const EnterpriseService&) = delete;
  EnterpriseService& operator=(const EnterpriseService&) = delete;

  // NotFound (never Forbidden, so existence does not leak) outside the scope.
  Result<Enterprise> Get(const std::string& uscc, const system::Scope& scope);
  Result<std::vector<Enterprise>> List(EnterpriseFilter filter, const system::Scope& scope,
                                       const system::Page& page, int64_t* total);
  Result<Enterprise> Create(Enterprise e, const system::Principal& by);
  // Replaces the stored enterprise (found by `uscc`) with `e`. Enterprise
  // accounts may change only their contact details.
  Result<Enterprise> Update(const std::string& uscc, Enterprise e, const system::Principal& by);
  Result<Enterprise> ChangeStatus(const std::string& uscc, const std::string& status,
                                  const std::string& date, const std::string& note,
                                  const system::Principal& by);
  // Records a status from `date` on; with `allow_future`, a planned date
  // (an approval's start date) is accepted too.
  Result<Enterprise> RecordStatus(const std::string& uscc, const std::string& status,
                                  const std::string& date, const std::string& note,
                                  const system::Principal& by, bool allow_future);
  Result<std::vector<StatusChange>> History(const std::string& uscc, const system::Scope& scope);

  // Imports the file at `path`. File-level problems (not a table, missing
  // required columns, unreadable encoding) are errors and change nothing;
  // row-level problems are reported and only those rows are skipped.
  Result<ImportResult> Import(const std::string& path, const system::Principal& by);
  Result<std::string> ImportReport(const std::string& id, const system::Principal& by);

  // Writes the filtered list to a new temporary file and returns its path.
  Result<std::string> Export(EnterpriseFilter filter, ExportFormat format,
                             const system::Scope& scope);
  // An empty template with the column headers (and one example row).
  Result<std::string> Template(ExportFormat format);

  // Checks and canonicalises every field (codes, vocabularies, ranges);
  // errors name the field.
  Status Validate(Enterprise& e) const;
  // Validates a filter's vocabulary and resolves its region level.
  Status ValidateFilter(EnterpriseFilter& f) const;

 private:
  Status CheckWritableRegion(const system::Region& region, const system::Scope& scope) const;

  db::Database& db_;
  const system::ReferenceService& reference_;
};

}  // namespace fugong::enterprise
