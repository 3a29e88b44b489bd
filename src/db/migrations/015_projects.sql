-- Key projects (重点项目 / 在建项目, SPEC §3.16): construction and investment
-- projects with an owner enterprise and contractors (by USCC), a region, a
-- configurable category (省重点, 市重点, 三早 …), investment and annual plan
-- (万元), planned and actual (re)start dates, workers planned and on site, a
-- dated status history, responsible officials (users), and the owner's daily
-- project reports. Like every enterprise-owned row, each row carries
-- enterprise_id (the owner, the shard key) and the region codes of the
-- project's own region (where it is built), so a district's projects are one
-- equality on an index.

CREATE TABLE projects (
  id {{id}},
  code TEXT NOT NULL UNIQUE,                 -- 项目编号
  name TEXT NOT NULL,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),  -- the owner (业主单位)
  region_code TEXT NOT NULL REFERENCES regions(code),
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  category TEXT NOT NULL,                    -- one of the setting project_categories
  total_investment {{real}} NOT NULL DEFAULT 0,  -- 万元
  annual_plan {{real}} NOT NULL DEFAULT 0,       -- 万元, this year's planned investment
  planned_start TEXT,                        -- YYYY-MM-DD
  actual_start TEXT,
  planned_end TEXT,
  workers_planned INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'not_started',  -- the latest of the history: not_started | resumed | suspended | completed
  status_date TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX projects_enterprise ON projects(enterprise_id);
CREATE INDEX projects_province ON projects(province_code);
CREATE INDEX projects_city ON projects(city_code);
CREATE INDEX projects_county ON projects(county_code);
CREATE INDEX projects_town ON projects(town_code);

-- Contractors (施工单位 and others) of a project; enterprise_id is the
-- contractor, the region codes are the project's.
CREATE TABLE project_contractors (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  UNIQUE (project_id, enterprise_id)
);
CREATE INDEX project_contractors_enterprise ON project_contractors(enterprise_id);

-- The dated status history (the rates of any past date read it).
CREATE TABLE project_status_history (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  status TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX project_status_history_project ON project_status_history(project_id, effective_date);

-- Responsible officials (责任领导 / 包保干部): users named on the project.
CREATE TABLE project_officials (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  UNIQUE (project_id, user_id)
);

-- The owner's daily project report: workers on site, investment completed
-- this year so far (万元, cumulative), the day's status. One per project and
-- day; a correction replaces it (version counts them).
CREATE TABLE project_reports (
  id {{id}},
  project_id BIGINT NOT NULL REFERENCES projects(id),
  enterprise_id BIGINT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  day TEXT NOT NULL,
  workers_on_site INTEGER NOT NULL DEFAULT 0,
  investment_completed {{real}} NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  UNIQUE (project_id, day)
);

-- Demands linked to a project (问题台账 of the project), and gate sites of a
-- project (a site of the owner or a contractor; check-in works unchanged).
ALTER TABLE demands ADD COLUMN project_id BIGINT;
CREATE INDEX demands_project ON demands(project_id);
ALTER TABLE sites ADD COLUMN project_id BIGINT;
CREATE INDEX sites_project ON sites(project_id);
