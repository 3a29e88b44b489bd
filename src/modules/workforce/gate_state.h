// GateState: what a gate check-in needs to know, in memory, so the hot path
// reads no database: the sites (with their enterprise, region and fever
// threshold), the red and yellow holds that end after the day of loading,
// and the employees taken off the roster.
//
// It follows the "workforce" data version: Refresh() reads that version (one
// cheap query) and, when it moved, reloads only the employees and sites that
// the change log (workforce_changes) names; a change of the "settings"
// version recomputes the fever thresholds. A background thread refreshes
// every `period`, so writes of other server processes show within it; a
// service of this process calls Refresh() right after its own commit, so its
// writes show at once.
// Thread-safety: all methods are thread-safe; lookups take a shared lock.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "db/database.h"
#include "modules/workforce/checkin.h"
#include "modules/workforce/rules.h"
#include "system/settings_service.h"

namespace fugong::workforce {

struct SiteState {
  Site site;
  system::Region region;
  double fever_threshold = 37.3;
};

class GateState {
 public:
  GateState(db::Database& db, const system::SettingsService& settings)
      : db_(db), settings_(settings) {}
  ~GateState();
  GateState(const GateState&) = delete;
  GateState& operator=(const GateState&) = delete;

  // Loads everything (start), then keeps following the versions.
  Status Load();
  // Applies what changed since the last load or refresh.
  Status Refresh();
  // Starts the background refresher (idempotent); the destructor stops it.
  void StartRefresher(std::chrono::milliseconds period);

  std::shared_ptr<const SiteState> FindSite(int64_t id) const;
  // The employee's red/yellow holds (copied; usually none) and roster state.
  void Employee(int64_t id, bool* on_roster, std::vector<HoldSpan>* holds) const;

 private:
  Status ReloadSites(db::Connection& c);
  Status RecomputeThresholds();

  db::Database& db_;
  const system::SettingsService& settings_;

  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, std::shared_ptr<const SiteState>> sites_;  // guarded by mu_
  std::unordered_map<int64_t, std::vector<HoldSpan>> holds_;             // guarded by mu_
  std::unordered_set<int64_t> inactive_;                                 // guarded by mu_

  std::mutex refresh_mu_;  // one refresh at a time
  int64_t version_ = -1;   // guarded by refresh_mu_
  int64_t settings_version_ = -1;

  std::mutex thread_mu_;
  std::condition_variable thread_cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace fugong::workforce
