-- Transport permits (通行证, SPEC §3.9) and commuter buses (定制公交, SPEC §3.10).
-- Permits and bus demands are enterprise-owned: they carry enterprise_id and
-- the enterprise's region codes, so a district's rows are one equality on an
-- index. Routes belong to the transit operator's region (its codes likewise).

-- A permit from application to expiry: pending → issued | refused; issued →
-- revoked. "Expired" is not stored: an issued permit whose valid_to is before
-- today. Personal data (ID number, phone) is sealed (secretbox) beside a
-- masked form; the permit number and the signed QR token are set on issue.
CREATE TABLE permits (
  id {{id}},
  permit_no TEXT UNIQUE,                      -- TX<yyyymmdd>-<id>, on issue
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  type TEXT NOT NULL,                         -- emergency_supplies | production_materials | commute_vehicle | personal
  plate TEXT NOT NULL DEFAULT '',             -- normalised plate; '' for a personal pass
  holder_name TEXT NOT NULL,                  -- the driver, or the person of a personal pass
  holder_masked TEXT NOT NULL,
  id_cipher {{blob}},                         -- sealed ID number (required for a personal pass)
  id_masked TEXT NOT NULL DEFAULT '',
  phone_cipher {{blob}},
  phone_masked TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL,
  destination TEXT NOT NULL,
  route TEXT NOT NULL DEFAULT '',             -- roads / places in between
  cargo TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL,                   -- YYYY-MM-DD
  valid_to TEXT NOT NULL,
  state TEXT NOT NULL,                        -- pending | issued | refused | revoked
  token TEXT,                                 -- the signed QR payload, on issue
  review_comment TEXT NOT NULL DEFAULT '',
  reviewed_at TEXT,
  reviewed_by BIGINT,
  revoke_reason TEXT NOT NULL DEFAULT '',
  revoked_at TEXT,
  revoked_by BIGINT,
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX permits_enterprise ON permits(enterprise_id, created_at);
CREATE INDEX permits_county ON permits(county_code, state);
CREATE INDEX permits_state ON permits(state, created_at);

-- An enterprise's commute demand: riders living in one home area for one
-- shift (its start time). One row per (enterprise, home area, shift).
CREATE TABLE bus_demands (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  home_region_code TEXT NOT NULL,             -- where the riders live (county or town code)
  home_area TEXT NOT NULL DEFAULT '',         -- neighbourhood, in words
  shift_start TEXT NOT NULL,                  -- HH:MM
  riders INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE UNIQUE INDEX bus_demands_key ON bus_demands(enterprise_id, home_region_code, home_area, shift_start);
CREATE INDEX bus_demands_county ON bus_demands(county_code);

-- A commuter route of the operator: stops with times, the shifts it serves,
-- daily trips and seats per trip.
CREATE TABLE bus_routes (
  id {{id}},
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,                  -- the operator's region (the route's scope)
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  daily_trips INTEGER NOT NULL,
  seats INTEGER NOT NULL,                     -- per trip
  shifts TEXT NOT NULL DEFAULT '',            -- shift starts served, "07:30,19:30"; '' any
  active INTEGER NOT NULL DEFAULT 1,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL
);
CREATE INDEX bus_routes_county ON bus_routes(county_code);

CREATE TABLE bus_route_stops (
  route_id BIGINT NOT NULL REFERENCES bus_routes(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  time TEXT NOT NULL,                         -- HH:MM of the first trip at this stop
  PRIMARY KEY (route_id, seq)
);

CREATE TABLE bus_route_enterprises (
  route_id BIGINT NOT NULL REFERENCES bus_routes(id) ON DELETE CASCADE,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  PRIMARY KEY (route_id, enterprise_id)
);
CREATE INDEX bus_route_enterprises_enterprise ON bus_route_enterprises(enterprise_id);
