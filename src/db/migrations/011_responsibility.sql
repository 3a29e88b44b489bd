-- 包保 (SPEC §3.1): each enterprise's chain of responsibility (逐级包保 / 五方联动:
-- district leader, industry department, town or street, grid, responsible
-- cadre), the cadres' rank, and the visit and contact logs (走访, 电话调度).
-- Like every enterprise-owned row, chain members and visits carry
-- enterprise_id and the enterprise's region codes, so a district's coverage
-- report is one equality on an index.

-- A cadre account's rank: '' | division (处级) | section (科级).
ALTER TABLE users ADD COLUMN cadre_rank TEXT NOT NULL DEFAULT '';

-- One row per link of an enterprise's chain. `role` is leader (区级领导),
-- department (行业部门), town (乡镇街道), grid (网格) or cadre (包保干部).
-- A link names a user account, or a name and phone, or both. The registry's
-- text fields enterprises.cadre / cadre_rank / grid / responsible_leader /
-- responsible_department mirror this table (written in the same transaction).
CREATE TABLE responsibility_links (
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  role TEXT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  user_id BIGINT REFERENCES users(id),
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',               -- 工信局, 某街道, 第三网格…
  cadre_rank TEXT NOT NULL DEFAULT '',         -- cadre only: division | section
  override_reason TEXT NOT NULL DEFAULT '',    -- a 科级 cadre on a 规上/重点 enterprise
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (enterprise_id, role)
);
CREATE INDEX responsibility_links_user ON responsibility_links(user_id, role);
CREATE INDEX responsibility_links_province ON responsibility_links(province_code, role);
CREATE INDEX responsibility_links_city ON responsibility_links(city_code, role);
CREATE INDEX responsibility_links_county ON responsibility_links(county_code, role);
CREATE INDEX responsibility_links_town ON responsibility_links(town_code, role);

-- Visits and contacts: kind visit (走访) | call (电话调度) | online (线上).
-- `day` is the business date of `at`.
CREATE TABLE visits (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  day TEXT NOT NULL,
  summary TEXT NOT NULL,
  problems TEXT NOT NULL DEFAULT '',
  next_visit_date TEXT,
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX visits_enterprise ON visits(enterprise_id, at);
CREATE INDEX visits_user_day ON visits(user_id, day);
CREATE INDEX visits_day ON visits(day);
CREATE INDEX visits_province ON visits(province_code, day);
CREATE INDEX visits_city ON visits(city_code, day);
CREATE INDEX visits_county ON visits(county_code, day);
CREATE INDEX visits_town ON visits(town_code, day);
