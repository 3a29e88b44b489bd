-- Retention of personal data (SPEC §3.17, issue 7): what the daily purge
-- deleted, and the gate's per-day headcounts kept before entry logs go.

-- One row per kind and run: rows with a date before `cutoff` were deleted
-- (or, with dry_run = 1, would have been). `rows` grows in the transaction of
-- each batch, so a purge stopped half-way still records what it deleted.
CREATE TABLE purge_log (
  id {{id}},
  kind TEXT NOT NULL,
  cutoff TEXT NOT NULL,
  retention_days BIGINT NOT NULL,
  rows_deleted BIGINT NOT NULL DEFAULT 0,
  dry_run INTEGER NOT NULL DEFAULT 0,
  at TEXT NOT NULL,
  finished_at TEXT,
  by_user BIGINT
);
CREATE INDEX purge_log_at ON purge_log(at);

-- The on-duty headcount from the gate (SPEC §4 返岗率) of a day whose entry
-- logs were purged: distinct admitted employees per enterprise, written in
-- the purge's transaction before the first entry row of that day is deleted.
CREATE TABLE onduty_kept (
  day TEXT NOT NULL,
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  on_duty BIGINT NOT NULL,
  kept_at TEXT NOT NULL,
  PRIMARY KEY (day, enterprise_id)
);
