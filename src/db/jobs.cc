#include "db/jobs.h"

#include <unistd.h>

#include <ctime>
#include <random>

namespace fugong::db {
namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string UtcDaysAgo(int days) {
  std::time_t t = std::time(nullptr) - std::time_t(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

const std::string& InstanceId() {
  static const std::string id = [] {
    char host[64] = {};
    gethostname(host, sizeof host - 1);
    std::random_device rd;
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "%06x", unsigned(rd()) & 0xffffffu);
    return std::string(host) + ":" + std::to_string(getpid()) + ":" + suffix;
  }();
  return id;
}

Result<bool> HoldLease(Connection& c, const std::string& name, const std::string& holder,
                       std::chrono::milliseconds ttl) {
  int64_t now = NowMs();
  int64_t until = now + ttl.count();
  // Renew our own lease, or take over an expired one.
  ASSIGN_OR_RETURN(auto renewed,
                   c.Query("UPDATE job_leases SET holder = ?, expires_ms = ?, acquired_at = "
                           "CASE WHEN holder = ? THEN acquired_at ELSE ? END "
                           "WHERE name = ? AND (holder = ? OR expires_ms < ?)",
                           {Text(holder), Int(until), Text(holder), Text(UtcNow()), Text(name),
                            Text(holder), Int(now)}));
  if (renewed.affected > 0) return true;
  // Nobody has held it yet: the first insert wins.
  ASSIGN_OR_RETURN(auto inserted,
                   c.Query("INSERT INTO job_leases (name, holder, expires_ms, acquired_at) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                           {Text(name), Text(holder), Int(until), Text(UtcNow())}));
  return inserted.affected > 0;
}

std::function<Result<int64_t>()> RunOnceAcrossServers(Database& db, std::string name,
                                                      std::chrono::milliseconds ttl,
                                                      std::function<Result<int64_t>()> job) {
  return [&db, name = std::move(name), ttl, job = std::move(job)]() -> Result<int64_t> {
    bool held = false;
    RETURN_IF_ERROR(db.Transact([&](Connection& c) -> Status {
      ASSIGN_OR_RETURN(held, HoldLease(c, name, InstanceId(), ttl));
      return Status::Ok();
    }));
    if (!held) return int64_t(0);
    std::string started = UtcNow();
    Result<int64_t> result = job();
    std::string error = result.ok() ? "" : result.status().ToString();
    int64_t done = result.ok() ? *result : 0;
    Status recorded = db.Transact([&](Connection& c) -> Status {
      RETURN_IF_ERROR(c.Exec(
          "INSERT INTO job_runs (name, holder, started_at, finished_at, done, error) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {Text(name), Text(InstanceId()), Text(started), Text(UtcNow()), Int(done), Text(error)}));
      return c.Exec("DELETE FROM job_runs WHERE name = ? AND started_at < ?",
                    {Text(name), Text(UtcDaysAgo(7))});
    });
    if (!result.ok()) return result;
    if (!recorded.ok()) return recorded;
    return result;
  };
}

}  // namespace fugong::db
