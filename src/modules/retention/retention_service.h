// Retention service (SPEC §3.17, issue 7): the retention of each kind of
// personal record (setting `retention_days`, global level), the scheduled
// deletion date shown beside records, the purge (daily Periodic job owned by
// `fugong serve`, `POST /retention/purge`, `fugong purge [--dry-run]`) and
// its log. Entry logs keep their per-day on-duty headcounts (onduty_kept)
// before they go, so past days' 返岗率 do not change.
// Thread-safety: thread-safe; purges of one process run one at a time.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/retention/retention.h"
#include "system/principal.h"
#include "system/settings_service.h"
#include "system/user.h"

namespace fugong::retention {

class RetentionService {
 public:
  RetentionService(db::Database& db, const system::SettingsService& settings)
      : db_(db), settings_(settings) {}
  RetentionService(const RetentionService&) = delete;
  RetentionService& operator=(const RetentionService&) = delete;

  // Days per kind (cached for a few seconds).
  std::map<std::string, int> Days() const;
  // The last day a record of `kind` dated `date` is kept; nullopt: kept for ever.
  std::optional<std::string> DeleteAfter(std::string_view kind, std::string_view date) const;

  // Every kind with its days, today's cutoff and the records due.
  Result<std::vector<Policy>> Policies();
  // Deletes every kind's expired records in batches of `batch` rows (one
  // transaction each, logged in the same transaction); with dry_run counts
  // them and changes nothing. Returns one record per kind with a cutoff.
  Result<std::vector<PurgeRecord>> Purge(bool dry_run, const system::Principal& by,
                                         int64_t batch = 5000);
  // The daily job (`fugong serve`, checked every hour): nothing on its first
  // call, so that a server just started (after a restore, in a test) shows the
  // data as it is; then one purge per business date. Returns the rows deleted.
  Result<int64_t> DailyPurge();
  // The purge log, newest first (page == nullptr: every row).
  Result<std::vector<PurgeRecord>> Log(const PurgeFilter& filter, const system::Page* page,
                                       int64_t* total);
  // The whole filtered log as a new XLSX/CSV file; its path.
  Result<std::string> ExportLog(const PurgeFilter& filter, io::TableFormat format);
  // The on-duty headcounts kept for `day` before its entry logs were purged;
  // nullopt when none were kept (the day is read from the entry logs).
  Result<std::optional<std::vector<std::pair<int64_t, int64_t>>>> KeptOnDuty(
      const std::string& day);

 private:
  db::Database& db_;
  const system::SettingsService& settings_;
  std::mutex purge_mu_;
  bool job_started_ = false;  // guarded by purge_mu_ (DailyPurge)
  std::string job_last_day_;  // guarded by purge_mu_
  mutable std::mutex cache_mu_;
  mutable std::chrono::steady_clock::time_point cached_at_{};
  mutable std::map<std::string, int> cached_;
};

// The process's service, for the `delete_after` of other modules' answers
// (installed by app.cc); without one, DeleteAfterOf answers with the defaults.
void InstallService(const RetentionService* service);
std::optional<std::string> DeleteAfterOf(std::string_view kind, std::string_view date);

}  // namespace fugong::retention
