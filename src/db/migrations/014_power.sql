-- Electricity cross-check (复工电力指数, SPEC §3.5): the utility's meters
-- mapped to enterprises, daily readings per enterprise and meter (several
-- meters of an enterprise are summed at read time), the configuration per
-- region (threshold, baseline method, label bands, disagreement margin) and
-- the cadres' explanations of disagreements. Like every enterprise-owned row,
-- meters, readings and explanations carry enterprise_id and the enterprise's
-- region codes, so a district's figures are one equality on an index.

CREATE TABLE power_meters (
  id {{id}},
  meter_no TEXT NOT NULL UNIQUE,              -- the utility's 户号 / 电表号
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX power_meters_enterprise ON power_meters(enterprise_id);

-- One day's use (kWh) of one meter of an enterprise; meter_no '' when the
-- utility's file named the enterprise by USCC only. Re-importing a day
-- replaces its value (idempotent per enterprise, meter and day).
CREATE TABLE power_readings (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  meter_no TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL,
  kwh {{real}} NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  imported_at TEXT NOT NULL,
  imported_by BIGINT
);
CREATE UNIQUE INDEX power_readings_key ON power_readings(enterprise_id, meter_no, day);
CREATE INDEX power_readings_day ON power_readings(day, enterprise_id);

-- Configuration of a region's subtree (the nearest ancestor's row applies;
-- region_code '' is the default for everywhere).
CREATE TABLE power_settings (
  region_code TEXT PRIMARY KEY,
  threshold {{real}} NOT NULL,                -- share of the baseline (0.3)
  baseline_method TEXT NOT NULL,              -- reference_month | same_period
  reference_month TEXT NOT NULL,              -- YYYY-MM for reference_month
  margin {{real}} NOT NULL,                   -- load vs power rate, percentage points
  suppressed_below {{real}} NOT NULL,         -- 抑制 below this production rate
  stable_from {{real}} NOT NULL,              -- 企稳 from this production rate; 恢复 between
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

-- A cadre's explanation of a disagreement (发电机, 季节性, 共用电表…).
CREATE TABLE power_explanations (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  day TEXT NOT NULL,
  kind TEXT NOT NULL,                         -- resumed_no_power | power_not_reported | load_mismatch
  reason TEXT NOT NULL,                       -- generator | seasonal | meter_shared | late_report | other
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE UNIQUE INDEX power_explanations_key ON power_explanations(enterprise_id, day, kind);
