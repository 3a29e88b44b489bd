-- Daily reports (日报告 / 零报告, SPEC §3.4). One row per version: filing again
-- for the same enterprise and business date adds a version and moves the
-- is_current flag to it, so history is kept and exactly one version counts.
-- Each row carries enterprise_id (the shard key) and the enterprise's region
-- codes at filing time, so a region's reports of a date are one index range.
CREATE TABLE daily_reports (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  report_date TEXT NOT NULL,                     -- business date YYYY-MM-DD (Asia/Shanghai)
  version INTEGER NOT NULL,                      -- 1, 2, ... per (enterprise, date)
  is_current INTEGER NOT NULL,                   -- 1 on the version that counts
  late INTEGER NOT NULL,                         -- the date's first version came after the deadline
  received_late INTEGER NOT NULL,                -- this version came after the deadline
  is_zero INTEGER NOT NULL,                      -- every figure is zero (零报告)
  on_duty BIGINT NOT NULL,                       -- 在岗
  returned BIGINT NOT NULL,                      -- 返岗
  returned_out_of_province BIGINT NOT NULL,      -- of whom from outside the province
  quarantined BIGINT NOT NULL,
  fever BIGINT NOT NULL,
  load_percent {{real}} NOT NULL,                -- production load, % of normal
  output_value {{real}} NOT NULL,                -- 万元
  output_quantity {{real}} NOT NULL,
  masks BIGINT NOT NULL,                         -- in stock
  disinfectant {{real}} NOT NULL,                -- kg in stock
  problems TEXT NOT NULL DEFAULT '',
  deadline_at TEXT NOT NULL,                     -- the deadline in force when received
  first_submitted_at TEXT NOT NULL,              -- when version 1 arrived
  submitted_at TEXT NOT NULL,                    -- rows are immutable apart from is_current:
  submitted_by BIGINT,                           -- submitted_at/by are their audit columns
  UNIQUE (enterprise_id, report_date, version)
);
-- Exactly one current version per enterprise and date.
CREATE UNIQUE INDEX daily_reports_current ON daily_reports(enterprise_id, report_date)
  WHERE is_current = 1;
-- Region queries of a date or a date range: the query names the ancestors of
-- its region from the province down, so any level is a prefix of this index.
-- The trailing columns are what the statistics read of each report (FactsOn),
-- so a province's day (~10^5 reports) is read from the index alone.
CREATE INDEX daily_reports_date_region
  ON daily_reports(report_date, province_code, city_code, county_code, town_code,
                   enterprise_id, late, is_zero, on_duty, returned, output_value, load_percent,
                   fever)
  WHERE is_current = 1;

-- Running sums of the current reports per business date and smallest region
-- (town, or the deepest unit the enterprise has), kept in the filing's
-- transaction (a correction subtracts the version it replaces). A province's
-- daily trend over 90 days reads ~10^5 of these rows instead of ~10^7 reports.
-- Codes are '' where the region has no such level, so the key is unique.
CREATE TABLE daily_report_totals (
  report_date TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT NOT NULL DEFAULT '',
  county_code TEXT NOT NULL DEFAULT '',
  town_code TEXT NOT NULL DEFAULT '',
  reports BIGINT NOT NULL,
  late_reports BIGINT NOT NULL,
  zero_reports BIGINT NOT NULL,
  on_duty BIGINT NOT NULL,
  returned BIGINT NOT NULL,
  fever BIGINT NOT NULL,
  output_value {{real}} NOT NULL,
  PRIMARY KEY (report_date, province_code, city_code, county_code, town_code)
);
