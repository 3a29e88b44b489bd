#include "modules/workforce/gate_state.h"

#include <algorithm>

#include "core/clock.h"
#include "core/log.h"
#include "db/versions.h"
#include "modules/workforce/checkin_repository.h"

namespace fugong::workforce {
namespace {

// Beyond this many changed employees a full reload is cheaper.
constexpr size_t kFullReloadThreshold = 20000;

HoldSpan SpanOf(const HoldRow& h) {
  return HoldSpan{h.kind, ParseDate(h.start_date).value_or(Days()),
                  ParseDate(h.end_date).value_or(Days())};
}

}  // namespace

GateState::~GateState() {
  {
    std::lock_guard lock(thread_mu_);
    stop_ = true;
  }
  thread_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void GateState::StartRefresher(std::chrono::milliseconds period) {
  std::lock_guard lock(thread_mu_);
  if (thread_.joinable()) return;
  thread_ = std::thread([this, period] {
    std::unique_lock lock(thread_mu_);
    while (!thread_cv_.wait_for(lock, period, [this] { return stop_; })) {
      lock.unlock();
      Status st = Refresh();
      if (!st.ok()) spdlog::warn("gate state refresh failed: {}", st.ToString());
      lock.lock();
    }
  });
}

Status GateState::Load() {
  std::lock_guard refresh(refresh_mu_);
  int64_t version = 0, settings_version = 0;
  std::vector<HoldRow> holds;
  std::vector<int64_t> inactive;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    // Versions first: anything committed after them is reloaded next time.
    ASSIGN_OR_RETURN(version, db::ReadVersion(c, "workforce"));
    ASSIGN_OR_RETURN(settings_version, db::ReadVersion(c, "settings"));
    ASSIGN_OR_RETURN(holds, CheckinRepository::LoadHolds(c, FormatDate(Today()), {}));
    ASSIGN_OR_RETURN(inactive, CheckinRepository::LoadInactive(c, {}));
    return ReloadSites(c);
  }));
  {
    std::unique_lock lock(mu_);
    holds_.clear();
    for (const auto& h : holds) holds_[h.employee_id].push_back(SpanOf(h));
    inactive_ = std::unordered_set<int64_t>(inactive.begin(), inactive.end());
  }
  version_ = version;
  settings_version_ = settings_version;
  return RecomputeThresholds();
}

Status GateState::Refresh() {
  std::lock_guard refresh(refresh_mu_);
  if (version_ < 0) return Status::Ok();  // not loaded yet
  int64_t version = 0, settings_version = 0;
  bool full = false, sites_changed = false;
  std::vector<int64_t> ids;
  std::vector<HoldRow> holds;
  std::vector<int64_t> inactive;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(version, db::ReadVersion(c, "workforce"));
    ASSIGN_OR_RETURN(settings_version, db::ReadVersion(c, "settings"));
    if (version == version_) return Status::Ok();
    ASSIGN_OR_RETURN(auto changes, CheckinRepository::Changes(c, version_, version));
    for (const auto& [kind, id] : changes) {
      if (kind == "site")
        sites_changed = true;
      else
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    full = ids.size() > kFullReloadThreshold;
    if (!ids.empty()) {
      ASSIGN_OR_RETURN(holds, CheckinRepository::LoadHolds(c, FormatDate(Today()),
                                                           full ? std::vector<int64_t>{} : ids));
      ASSIGN_OR_RETURN(inactive,
                       CheckinRepository::LoadInactive(c, full ? std::vector<int64_t>{} : ids));
    }
    if (sites_changed) RETURN_IF_ERROR(ReloadSites(c));
    return Status::Ok();
  }));
  if (!ids.empty()) {
    std::unique_lock lock(mu_);
    if (full) {
      holds_.clear();
      inactive_.clear();
    } else {
      for (int64_t id : ids) {
        holds_.erase(id);
        inactive_.erase(id);
      }
    }
    for (const auto& h : holds) holds_[h.employee_id].push_back(SpanOf(h));
    inactive_.insert(inactive.begin(), inactive.end());
  }
  version_ = version;
  if (sites_changed || settings_version != settings_version_) {
    settings_version_ = settings_version;
    return RecomputeThresholds();
  }
  return Status::Ok();
}

Status GateState::ReloadSites(db::Connection& c) {
  ASSIGN_OR_RETURN(auto rows, CheckinRepository::LoadSites(c));
  std::unordered_map<int64_t, std::shared_ptr<const SiteState>> sites;
  {
    std::shared_lock lock(mu_);
    for (auto& r : rows) {
      auto s = std::make_shared<SiteState>();
      s->site = std::move(r.site);
      s->region = std::move(r.region);
      // Keep the known threshold until RecomputeThresholds runs.
      if (auto it = sites_.find(s->site.id); it != sites_.end())
        s->fever_threshold = it->second->fever_threshold;
      sites[s->site.id] = std::move(s);
    }
  }
  std::unique_lock lock(mu_);
  sites_ = std::move(sites);
  return Status::Ok();
}

Status GateState::RecomputeThresholds() {
  std::vector<std::shared_ptr<const SiteState>> current;
  {
    std::shared_lock lock(mu_);
    for (const auto& [id, s] : sites_) current.push_back(s);
  }
  std::unordered_map<std::string, double> by_region;
  std::unordered_map<int64_t, std::shared_ptr<const SiteState>> updated;
  for (const auto& s : current) {
    auto [it, fresh] = by_region.emplace(s->region.code, 0.0);
    if (fresh) it->second = settings_.Number("fever_threshold", s->region.code);
    if (it->second == s->fever_threshold) continue;
    auto copy = std::make_shared<SiteState>(*s);
    copy->fever_threshold = it->second;
    updated[copy->site.id] = std::move(copy);
  }
  if (updated.empty()) return Status::Ok();
  std::unique_lock lock(mu_);
  for (auto& [id, s] : updated)
    if (sites_.count(id)) sites_[id] = std::move(s);
  return Status::Ok();
}

std::shared_ptr<const SiteState> GateState::FindSite(int64_t id) const {
  std::shared_lock lock(mu_);
  auto it = sites_.find(id);
  return it == sites_.end() ? nullptr : it->second;
}

void GateState::Employee(int64_t id, bool* on_roster, std::vector<HoldSpan>* holds) const {
  std::shared_lock lock(mu_);
  *on_roster = !inactive_.count(id);
  auto it = holds_.find(id);
  if (it != holds_.end()) *holds = it->second;
}

}  // namespace fugong::workforce
