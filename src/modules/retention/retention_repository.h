// SQL of retention: the purge of each kind's expired rows in batches, the
// purge log and the kept gate headcounts. The tables purged belong to the
// workforce module; this repository is the one place that deletes from them
// by age (the kinds in rules.h name table and date column).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "db/database.h"
#include "modules/retention/retention.h"
#include "modules/retention/rules.h"
#include "system/user.h"

namespace fugong::retention {

class RetentionRepository {
 public:
  // Rows of `kind` dated before `cutoff`.
  static Result<int64_t> CountDue(db::Connection& c, const KindDef& kind,
                                  const std::string& cutoff);
  // Deletes at most `limit` of them (and what hangs off them); returns how many.
  static Result<int64_t> DeleteBatch(db::Connection& c, const KindDef& kind,
                                     const std::string& cutoff, int64_t limit);
  // Before entry logs go: the per-day on-duty headcounts of the days before
  // `cutoff` that are not kept yet. Returns the rows written.
  static Result<int64_t> KeepOnDuty(db::Connection& c, const std::string& cutoff,
                                    const std::string& now);
  // The kept headcounts of `day` (enterprise, on duty); empty when none.
  static Result<std::vector<std::pair<int64_t, int64_t>>> KeptOnDuty(db::Connection& c,
                                                                     const std::string& day);

  static Result<int64_t> InsertLog(db::Connection& c, const PurgeRecord& r);
  static Status AddRows(db::Connection& c, int64_t log_id, int64_t rows);
  static Status FinishLog(db::Connection& c, int64_t log_id, const std::string& at);
  static Result<std::vector<PurgeRecord>> Log(db::Connection& c, const PurgeFilter& f,
                                              const system::Page* page, int64_t* total);
};

}  // namespace fugong::retention
