-- Background jobs shared by several server processes (docs/deploy.md): a job
-- runs in the one process that holds its lease; the lease expires when that
-- process stops renewing it (crash, stop), and another process takes over.
-- Every run is recorded (kept 7 days).
CREATE TABLE job_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,          -- the process: host:pid:random
  expires_ms BIGINT NOT NULL,    -- Unix milliseconds
  acquired_at TEXT NOT NULL
);

CREATE TABLE job_runs (
  id {{id}},
  name TEXT NOT NULL,
  holder TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  done BIGINT NOT NULL DEFAULT 0,  -- what the job did (escalated, purged…)
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX job_runs_name ON job_runs(name, id);
