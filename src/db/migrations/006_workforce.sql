-- Workforce health (SPEC §3.3): employee rosters, return-to-work cards with
-- travel history, risk regions, quarantine and medical observation (holds),
-- daily health declarations, sites (gates), entry logs, alerts.
-- Every enterprise-owned row carries enterprise_id (the future shard key) and
-- the enterprise's region code with its per-level ancestors, so a district's
-- counts are one equality on an indexed column.
-- ID numbers and phones are never stored in clear: *_cipher is libsodium
-- secretbox (nonce || ciphertext), id_hash a keyed BLAKE2b for look-ups,
-- *_masked the form shown everywhere (2201**********123X, 139****9810).

CREATE TABLE employees (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  name TEXT NOT NULL,
  id_cipher {{blob}} NOT NULL,
  id_hash TEXT NOT NULL,
  id_masked TEXT NOT NULL,
  phone_cipher {{blob}},
  phone_masked TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  home_address TEXT NOT NULL DEFAULT '',
  home_region_code TEXT,
  out_of_province INTEGER NOT NULL DEFAULT 0,
  shift TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE UNIQUE INDEX employees_enterprise_id_hash ON employees(enterprise_id, id_hash);
CREATE INDEX employees_county ON employees(county_code);
CREATE INDEX employees_city ON employees(city_code);

-- The user account of an employee (role employee) and the roster entry it is.
CREATE TABLE employee_accounts (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  employee_id BIGINT NOT NULL UNIQUE REFERENCES employees(id),
  enterprise_id BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT
);

-- Return-to-work card (返岗员工信息卡), one per employee (the latest counts).
CREATE TABLE return_cards (
  id {{id}},
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  employee_id BIGINT NOT NULL UNIQUE REFERENCES employees(id),
  arrival_date TEXT,
  contact_with_cases INTEGER NOT NULL DEFAULT 0,
  health TEXT NOT NULL DEFAULT 'healthy',   -- healthy | symptoms | fever
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

CREATE TABLE travel_records (
  id {{id}},
  enterprise_id BIGINT NOT NULL,
  employee_id BIGINT NOT NULL REFERENCES employees(id),
  place_region_code TEXT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL
);
CREATE INDEX travel_records_employee ON travel_records(employee_id);

-- Risk regions (风险地区), configured by admins: a region subtree, a level and
-- the dates it was at risk (end_date NULL: still at risk).
CREATE TABLE risk_regions (
  id {{id}},
  region_code TEXT NOT NULL REFERENCES regions(code),
  level TEXT NOT NULL,                       -- high | medium | low
  start_date TEXT NOT NULL,
  end_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

-- Quarantine (隔离), medical observation (医学观察) and health monitoring
-- (健康监测, the yellow observation period). In force on start_date <= d <
-- end_date; rule_end_date is the end the rules gave (or the end first
-- recorded), below which only an audited override may go.
CREATE TABLE health_holds (
  id {{id}},
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  employee_id BIGINT NOT NULL REFERENCES employees(id),
  kind TEXT NOT NULL,                        -- quarantine | medical_observation | monitoring
  source TEXT NOT NULL,                      -- rule | manual
  reasons TEXT NOT NULL DEFAULT '',          -- codes, comma separated
  start_date TEXT NOT NULL,
  rule_end_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  extended INTEGER NOT NULL DEFAULT 0,
  shortened INTEGER NOT NULL DEFAULT 0,
  overridden INTEGER NOT NULL DEFAULT 0,
  change_reason TEXT NOT NULL DEFAULT '',
  changed_by BIGINT,
  changed_at TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX health_holds_employee ON health_holds(employee_id);
CREATE INDEX health_holds_end ON health_holds(end_date);

CREATE TABLE health_hold_changes (
  id {{id}},
  enterprise_id BIGINT NOT NULL,
  hold_id BIGINT NOT NULL REFERENCES health_holds(id),
  old_end_date TEXT NOT NULL,
  new_end_date TEXT NOT NULL,
  change TEXT NOT NULL,                      -- extend | shorten | override
  reason TEXT NOT NULL,
  changed_by BIGINT,
  changed_by_name TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX health_hold_changes_hold ON health_hold_changes(hold_id);

-- Daily health declaration (健康申报); a second one on the same day replaces it.
CREATE TABLE health_declarations (
  id {{id}},
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  employee_id BIGINT NOT NULL REFERENCES employees(id),
  day TEXT NOT NULL,
  temperature {{real}} NOT NULL,
  symptoms TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT,
  UNIQUE (employee_id, day)
);

-- Sites (gates, 卡口) of an enterprise.
CREATE TABLE sites (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX sites_enterprise ON sites(enterprise_id);

-- Entry logs (出入登记): every gate decision, admitted or denied. Written in
-- group-committed batches; no foreign keys, so an insert costs one row and
-- two index entries (and the table shards by enterprise_id as it is).
CREATE TABLE entry_logs (
  id {{id}},
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  site_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  at TEXT NOT NULL,
  person_kind TEXT NOT NULL,                 -- employee | visitor | unknown
  employee_id BIGINT,
  visitor_name TEXT,
  visitor_phone_cipher {{blob}},
  visitor_phone_masked TEXT,
  visitor_id_cipher {{blob}},
  visitor_id_masked TEXT,
  visitor_host TEXT,
  visitor_reason TEXT,
  temperature {{real}} NOT NULL,
  decision TEXT NOT NULL,                    -- admit | deny
  reasons TEXT NOT NULL DEFAULT '',
  verifier_id BIGINT
);
CREATE INDEX entry_logs_site_day ON entry_logs(site_id, day);

-- Alerts (预警): a fever or a denied quarantined person, for the enterprise
-- contact and the district health department.
CREATE TABLE alerts (
  id {{id}},
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  site_id BIGINT,
  employee_id BIGINT,
  person_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,                        -- fever | quarantine | medical_observation | declared_fever
  reasons TEXT NOT NULL DEFAULT '',
  temperature {{real}},
  at TEXT NOT NULL,
  acknowledged_by BIGINT,
  acknowledged_by_name TEXT,
  acknowledged_at TEXT,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_enterprise ON alerts(enterprise_id, at);
CREATE INDEX alerts_county ON alerts(county_code, at);

-- What changed, for the in-memory state caches of every server process: each
-- writing transaction bumps the "workforce" data version first (its row lock
-- orders concurrent writers) and records the employees and sites it touched
-- under that version.
CREATE TABLE workforce_changes (
  version BIGINT NOT NULL,
  kind TEXT NOT NULL,                        -- employee | site
  ref_id BIGINT NOT NULL
);
CREATE INDEX workforce_changes_version ON workforce_changes(version);
INSERT INTO data_versions (name, version) VALUES ('workforce', 1);
