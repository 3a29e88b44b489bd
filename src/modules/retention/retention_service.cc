#include "modules/retention/retention_service.h"

#include <atomic>
#include <utility>

#include "core/clock.h"
#include "core/log.h"
#include "modules/retention/retention_repository.h"
#include "modules/retention/rules.h"
#include "system/export.h"

namespace fugong::retention {
namespace {

std::atomic<const RetentionService*> g_service{nullptr};

}  // namespace

void InstallService(const RetentionService* service) { g_service = service; }

std::optional<std::string> DeleteAfterOf(std::string_view kind, std::string_view date) {
  if (const RetentionService* s = g_service.load()) return s->DeleteAfter(kind, date);
  return DeleteAfter(date, kDefaultDays);
}

std::map<std::string, int> RetentionService::Days() const {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(cache_mu_);
  if (cached_.empty() || now - cached_at_ > std::chrono::seconds(5)) {
    auto s = settings_.Get("retention_days", "");
    cached_ = RetentionDays(s.ok() ? s->value : json::value(nullptr));
    cached_at_ = now;
  }
  return cached_;
}

std::optional<std::string> RetentionService::DeleteAfter(std::string_view kind,
                                                         std::string_view date) const {
  auto days = Days();
  auto it = days.find(std::string(kind));
  return retention::DeleteAfter(date, it == days.end() ? kDefaultDays : it->second);
}

Result<std::vector<Policy>> RetentionService::Policies() {
  auto days = Days();
  fugong::Days today = Today();
  std::vector<Policy> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    for (const auto& k : Kinds()) {
      Policy p{k.kind, k.zh, k.en, days[k.kind], Cutoff(today, days[k.kind]), 0};
      if (p.cutoff) {
        ASSIGN_OR_RETURN(p.due, RetentionRepository::CountDue(c, k, *p.cutoff));
      }
      out.push_back(std::move(p));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<PurgeRecord>> RetentionService::Purge(bool dry_run, const system::Principal& by,
                                                         int64_t batch) {
  std::lock_guard lock(purge_mu_);
  auto days = Days();
  fugong::Days today = Today();
  std::vector<PurgeRecord> out;
  for (const auto& k : Kinds()) {
    auto cutoff = Cutoff(today, days[k.kind]);
    if (!cutoff) continue;
    PurgeRecord rec;
    rec.kind = k.kind;
    rec.cutoff = *cutoff;
    rec.days = days[k.kind];
    rec.dry_run = dry_run;
    rec.at = NowTimestamp();
    if (by.user_id > 0) rec.by_user = by.user_id;
    if (dry_run) {
      RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
        ASSIGN_OR_RETURN(rec.rows, RetentionRepository::CountDue(c, k, *cutoff));
        return Status::Ok();
      }));
      out.push_back(std::move(rec));
      continue;
    }
    // Entry logs: the headcounts first, in their own transaction, so that a
    // day's figure is complete before any of its rows goes.
    if (std::string_view(k.kind) == "entry_logs")
      RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
        return RetentionRepository::KeepOnDuty(c, *cutoff, rec.at).status();
      }));
    int64_t log_id = 0;
    for (;;) {
      int64_t n = 0;
      RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
        ASSIGN_OR_RETURN(n, RetentionRepository::DeleteBatch(c, k, *cutoff, batch));
        if (n == 0) return Status::Ok();
        if (log_id == 0) {
          PurgeRecord first = rec;
          first.rows = n;
          ASSIGN_OR_RETURN(log_id, RetentionRepository::InsertLog(c, first));
        } else {
          RETURN_IF_ERROR(RetentionRepository::AddRows(c, log_id, n));
        }
        return Status::Ok();
      }));
      rec.rows += n;
      if (n < batch) break;
    }
    if (log_id > 0) {
      rec.id = log_id;
      rec.finished_at = NowTimestamp();
      RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) {
        return RetentionRepository::FinishLog(c, log_id, rec.finished_at);
      }));
      spdlog::info("retention: purged {} {} dated before {}", rec.rows, rec.kind, rec.cutoff);
    }
    out.push_back(std::move(rec));
  }
  return out;
}

Result<int64_t> RetentionService::DailyPurge() {
  std::string today = FormatDate(Today());
  {
    std::lock_guard lock(purge_mu_);
    if (!std::exchange(job_started_, true) || job_last_day_ == today) return int64_t(0);
  }
  ASSIGN_OR_RETURN(auto done, Purge(false, system::SystemPrincipal()));
  int64_t rows = 0;
  for (const auto& r : done) rows += r.rows;
  std::lock_guard lock(purge_mu_);
  job_last_day_ = today;
  return rows;
}

Result<std::vector<PurgeRecord>> RetentionService::Log(const PurgeFilter& filter,
                                                       const system::Page* page, int64_t* total) {
  std::vector<PurgeRecord> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, RetentionRepository::Log(c, filter, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> RetentionService::ExportLog(const PurgeFilter& filter, io::TableFormat format) {
  ASSIGN_OR_RETURN(auto rows, Log(filter, nullptr, nullptr));
  return system::ExportTable(
      format, "数据清理记录",
      {std::string("时间"), std::string("数据类别"), std::string("保存天数"),
       std::string("清理此日期之前的记录"), std::string("删除条数"), std::string("完成时间")},
      [&](io::TableWriter& writer) -> Status {
        for (const auto& r : rows) {
          const KindDef* k = FindKind(r.kind);
          RETURN_IF_ERROR(
              writer.WriteRow({r.at, std::string(k ? k->zh : r.kind.c_str()), double(r.days),
                               r.cutoff, double(r.rows), r.finished_at}));
        }
        return Status::Ok();
      });
}

Result<std::optional<std::vector<std::pair<int64_t, int64_t>>>> RetentionService::KeptOnDuty(
    const std::string& day) {
  std::vector<std::pair<int64_t, int64_t>> kept;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(kept, RetentionRepository::KeptOnDuty(c, day));
    return Status::Ok();
  }));
  if (kept.empty()) return std::optional<std::vector<std::pair<int64_t, int64_t>>>();
  return std::optional<std::vector<std::pair<int64_t, int64_t>>>(std::move(kept));
}

}  // namespace fugong::retention
