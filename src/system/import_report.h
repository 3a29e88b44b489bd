// Import error reports: the rejected rows of an import (enterprises,
// employees, responsibility chains, meter readings…) kept as a CSV (UTF-8
// with BOM: 行号, 列, 原因) that the importing user downloads at
// GET /api/v1/imports/{id}/report. Every import of every module uses this.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json_util.h"
#include "db/database.h"

namespace fugong::system {

// One rejected cell or row of an imported file (row: the file's row number).
struct ImportError {
  int row = 0;
  std::string column;
  std::string reason;
};

// The first `limit` errors for an import's answer (the whole list is in the report).
json::array RejectedJson(const std::vector<ImportError>& errors, size_t limit = 1000);

class ImportReportRepository {
 public:
  // Stores the report of `errors` for `user_id`; returns its id (random, unguessable).
  static Result<std::string> Save(db::Connection& c, int64_t user_id, const std::string& kind,
                                  const std::vector<ImportError>& errors);
  // The report's CSV, if it exists and belongs to `user_id`.
  static Result<std::optional<std::string>> Find(db::Connection& c, const std::string& id,
                                                 int64_t user_id);
};

}  // namespace fugong::system
