// Background jobs that run once across several server processes sharing one
// database (docs/deploy.md "Several servers"). A job's lease (table
// job_leases) names the process that runs it; the holder renews it at every
// run, and when it stops renewing (crash, stop) the lease expires after
// `ttl` and the next process to try takes it over. Every run of the holder is
// recorded in job_runs. Lease times use the machine clock, never the business
// clock (FUGONG_NOW), so a pinned test clock cannot freeze a lease.
// Thread-safety: the returned function may run on any one thread at a time.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "db/database.h"

namespace fugong::db {

// This process's name among the servers: host:pid:random.
const std::string& InstanceId();

// Takes or renews the lease `name` for `holder` until now + ttl. True when
// `holder` holds it afterwards.
Result<bool> HoldLease(Connection& c, const std::string& name, const std::string& holder,
                       std::chrono::milliseconds ttl);

// Wraps `job` so that it runs only while this process holds the lease `name`
// (ttl: how long a silent holder keeps it, e.g. 3 periods) and records each
// run. When another process holds it, the wrapper does nothing and answers 0.
std::function<Result<int64_t>()> RunOnceAcrossServers(Database& db, std::string name,
                                                      std::chrono::milliseconds ttl,
                                                      std::function<Result<int64_t>()> job);

}  // namespace fugong::db
