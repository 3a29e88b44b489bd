-- Site hygiene (场所消杀, SPEC §3.3): areas of a site with an optional
-- disinfection schedule (一小时一消毒: every 60 minutes within a daily window),
-- the disinfection records, and isolation / observation rooms (隔离室/留观室)
-- with their occupants. Like every enterprise-owned row, areas and rooms carry
-- enterprise_id and the enterprise's region codes (copied from the site or
-- the enterprise), so a district's warnings are one equality on an index.

CREATE TABLE hygiene_areas (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  site_id BIGINT NOT NULL REFERENCES sites(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  name TEXT NOT NULL,                         -- 电梯, 卫生间, 大厅…
  interval_minutes INTEGER,                   -- NULL: no schedule
  window_start INTEGER,                       -- minutes after midnight (Asia/Shanghai)
  window_end INTEGER,                         -- minutes after midnight, up to 1440
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE UNIQUE INDEX hygiene_areas_site_name ON hygiene_areas(site_id, name);
CREATE INDEX hygiene_areas_enterprise ON hygiene_areas(enterprise_id);
CREATE INDEX hygiene_areas_province ON hygiene_areas(province_code);
CREATE INDEX hygiene_areas_city ON hygiene_areas(city_code);
CREATE INDEX hygiene_areas_county ON hygiene_areas(county_code);
CREATE INDEX hygiene_areas_town ON hygiene_areas(town_code);

-- One disinfection round (时间, 消毒剂, 消毒人). `day` is the business date
-- of `at` (ISO text with +08:00, which sorts as text).
CREATE TABLE disinfections (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  site_id BIGINT NOT NULL REFERENCES sites(id),
  area_id BIGINT NOT NULL REFERENCES hygiene_areas(id),
  day TEXT NOT NULL,
  at TEXT NOT NULL,
  agent TEXT NOT NULL,                        -- 消毒剂 (84 消毒液, 75% 酒精…)
  method TEXT NOT NULL DEFAULT '',            -- 喷洒, 擦拭…
  concentration TEXT NOT NULL DEFAULT '',     -- 500 mg/L…
  person TEXT NOT NULL,                       -- 消毒人
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX disinfections_site_day ON disinfections(site_id, day, at);
CREATE INDEX disinfections_area_day ON disinfections(area_id, day, at);
CREATE INDEX disinfections_day ON disinfections(day);

-- Isolation (隔离室) and observation (留观室) rooms. `occupied` counts the
-- current occupants; it moves in the same statement that checks the capacity
-- (UPDATE … WHERE occupied < capacity), so concurrent admissions never
-- overfill a room on either engine.
CREATE TABLE isolation_rooms (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  site_id BIGINT REFERENCES sites(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,                         -- isolation | observation
  capacity INTEGER NOT NULL,
  occupied INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE UNIQUE INDEX isolation_rooms_name ON isolation_rooms(enterprise_id, name);
CREATE INDEX isolation_rooms_county ON isolation_rooms(county_code);

CREATE TABLE isolation_occupants (
  id {{id}},
  room_id BIGINT NOT NULL REFERENCES isolation_rooms(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  employee_id BIGINT REFERENCES employees(id),
  person_name TEXT NOT NULL,
  reason TEXT NOT NULL,
  since TEXT NOT NULL,
  released_at TEXT,                           -- NULL while in the room
  release_note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT,
  released_by BIGINT
);
CREATE INDEX isolation_occupants_room ON isolation_occupants(room_id, released_at);
-- An employee is in at most one room at a time.
CREATE UNIQUE INDEX isolation_occupants_employee ON isolation_occupants(employee_id)
  WHERE released_at IS NULL;
