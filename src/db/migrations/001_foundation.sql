-- Foundation schema: reference data, users and sessions, logs, the enterprise registry.
-- Portable SQL; {{id}}, {{real}} and {{blob}} are expanded per engine by the migrator.
-- Business tables carry audit columns (created_by/at, updated_by/at). Timestamps are
-- ISO 8601 text with the +08:00 offset; dates are YYYY-MM-DD text; booleans 0/1.

-- Administrative divisions (GB/T 2260 codes) with per-level code columns, so a
-- region's subtree is a single equality on one indexed column.
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  level INTEGER NOT NULL,              -- 1 province, 2 city, 3 county, 4 town
  parent_code TEXT,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  custom INTEGER NOT NULL DEFAULT 0,   -- development zones added by an admin
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX regions_parent ON regions(parent_code);

-- GB/T 4754-2017 sections (A–T) and divisions (01–97).
CREATE TABLE industries (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL,
  level TEXT NOT NULL,                 -- section | division
  parent TEXT NOT NULL
);

CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  region_code TEXT REFERENCES regions(code),
  enterprise_id BIGINT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- Sessions are looked up by a BLAKE2b digest of the token: a leaked table
-- does not give working tokens.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_log (
  id {{id}},
  at TEXT NOT NULL,
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  success INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX login_log_user_at ON login_log(username, at);
CREATE INDEX login_log_ip_at ON login_log(ip, at);

CREATE TABLE audit_log (
  id {{id}},
  at TEXT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL,
  ip TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);

-- The enterprise registry (企业台账). region_code is the enterprise's own unit;
-- province/city/county/town codes are its ancestors, copied for subtree counts.
CREATE TABLE enterprises (
  id {{id}},
  uscc TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  legal_representative TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL REFERENCES regions(code),
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  industry_code TEXT NOT NULL REFERENCES industries(code),
  industry_section TEXT NOT NULL,
  size TEXT NOT NULL,                              -- large | medium | small | micro
  employees INTEGER NOT NULL DEFAULT 0,
  employees_out_of_province INTEGER NOT NULL DEFAULT 0,
  normal_output {{real}} NOT NULL DEFAULT 0,       -- 万元 per day
  normal_capacity {{real}} NOT NULL DEFAULT 0,
  normal_capacity_unit TEXT NOT NULL DEFAULT '',
  above_scale_industrial INTEGER NOT NULL DEFAULT 0,
  above_quota_trade INTEGER NOT NULL DEFAULT 0,
  key_enterprise INTEGER NOT NULL DEFAULT 0,
  essential_category TEXT NOT NULL DEFAULT '',     -- '' | epidemic_control | city_operation | daily_necessities
  seasonal INTEGER NOT NULL DEFAULT 0,
  continuous INTEGER NOT NULL DEFAULT 0,
  foreign_trade INTEGER NOT NULL DEFAULT 0,
  small_micro INTEGER NOT NULL DEFAULT 0,
  converted_ppe INTEGER NOT NULL DEFAULT 0,
  service_industry INTEGER NOT NULL DEFAULT 0,
  mall INTEGER NOT NULL DEFAULT 0,
  farmers_market INTEGER NOT NULL DEFAULT 0,
  work_status TEXT NOT NULL,                       -- latest status, mirrors the history
  status_date TEXT NOT NULL,
  cadre TEXT NOT NULL DEFAULT '',
  cadre_rank TEXT NOT NULL DEFAULT '',             -- '' | division (处级) | section (科级)
  grid TEXT NOT NULL DEFAULT '',
  responsible_leader TEXT NOT NULL DEFAULT '',
  responsible_department TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX enterprises_province ON enterprises(province_code);
CREATE INDEX enterprises_city ON enterprises(city_code);
CREATE INDEX enterprises_county ON enterprises(county_code);
CREATE INDEX enterprises_town ON enterprises(town_code);
CREATE INDEX enterprises_name ON enterprises(name);
CREATE INDEX enterprises_industry ON enterprises(industry_code);

-- Dated work-status history: the status in force at date D is the row with the
-- latest effective_date <= D (ties: the latest id).
CREATE TABLE enterprise_status_history (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  status TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX status_history_enterprise ON enterprise_status_history(enterprise_id, effective_date);

-- Row-level error reports of imports, downloadable for a while.
CREATE TABLE import_reports (
  id TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  content TEXT NOT NULL
);
