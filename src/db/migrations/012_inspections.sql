-- Inspections and rectification (督导检查 / 隐患整改, SPEC §3.7): checklists
-- per kind of inspection, tasks of the acceptance group (验收组: enterprises to
-- be resumed, or approved on a commitment and inspected afterwards) and the
-- guidance group (督导组: resumed enterprises) assigned to inspectors, the
-- findings of a task (立行立改 / 限期整改 with a deadline), their history
-- (evidence, re-checks, escalation) and photos. Like every enterprise-owned
-- row, tasks, findings and photos carry enterprise_id and the enterprise's
-- region codes, so a district's figures are one equality on an index.

-- The checklist of a kind of inspection (acceptance | guidance), edited by
-- admins and commanders; `code` is stable, `label` is what the form shows.
CREATE TABLE inspection_checklist_items (
  id {{id}},
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE UNIQUE INDEX inspection_checklist_kind_code ON inspection_checklist_items(kind, code);

INSERT INTO inspection_checklist_items (kind, code, label, position, updated_at) VALUES
  ('acceptance', 'disinfection_records', '消毒记录（场所、区域按频次消杀并登记）', 1, '2020-01-01T00:00:00+08:00'),
  ('acceptance', 'temperature_logs', '体温检测登记（员工每日测温、异常上报）', 2, '2020-01-01T00:00:00+08:00'),
  ('acceptance', 'isolation_room', '设置临时隔离室（位置独立、通风）', 3, '2020-01-01T00:00:00+08:00'),
  ('acceptance', 'masks', '口罩等防护物资储备充足、员工佩戴', 4, '2020-01-01T00:00:00+08:00'),
  ('acceptance', 'dining', '错峰分餐、分散就餐', 5, '2020-01-01T00:00:00+08:00'),
  ('acceptance', 'leader_on_duty', '领导带班、防疫联络员在岗', 6, '2020-01-01T00:00:00+08:00'),
  ('acceptance', 'four_measures', '四个必须：扫码、登记、测温、戴口罩', 7, '2020-01-01T00:00:00+08:00'),
  ('acceptance', 'emergency_plan', '疫情防控应急预案', 8, '2020-01-01T00:00:00+08:00'),
  ('acceptance', 'safety_production', '安全生产（设备检修、消防通道、危化品管理）', 9, '2020-01-01T00:00:00+08:00'),
  ('guidance', 'disinfection_records', '消毒记录（场所、区域按频次消杀并登记）', 1, '2020-01-01T00:00:00+08:00'),
  ('guidance', 'temperature_logs', '体温检测登记（员工每日测温、异常上报）', 2, '2020-01-01T00:00:00+08:00'),
  ('guidance', 'isolation_room', '临时隔离室可用', 3, '2020-01-01T00:00:00+08:00'),
  ('guidance', 'masks', '口罩储备与佩戴', 4, '2020-01-01T00:00:00+08:00'),
  ('guidance', 'dining', '错峰分餐、分散就餐', 5, '2020-01-01T00:00:00+08:00'),
  ('guidance', 'leader_on_duty', '领导带班', 6, '2020-01-01T00:00:00+08:00'),
  ('guidance', 'four_measures', '四个必须：扫码、登记、测温、戴口罩', 7, '2020-01-01T00:00:00+08:00'),
  ('guidance', 'safety_production', '安全生产隐患排查', 8, '2020-01-01T00:00:00+08:00');

-- A task: one enterprise, one inspector, one kind. States:
-- assigned → in_progress → rectifying (findings still open) → closed;
-- assigned or in_progress → cancelled.
CREATE TABLE inspection_tasks (
  id {{id}},
  kind TEXT NOT NULL,
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  inspector_id BIGINT NOT NULL REFERENCES users(id),
  due_date TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'assigned',
  note TEXT NOT NULL DEFAULT '',
  answers TEXT NOT NULL DEFAULT '{}',         -- JSON {item code: true|false}
  comment TEXT NOT NULL DEFAULT '',
  started_at TEXT,
  inspected_at TEXT,                          -- submitted on site
  inspected_on TEXT,                          -- business date of inspected_at
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_tasks_enterprise ON inspection_tasks(enterprise_id);
CREATE INDEX inspection_tasks_inspector ON inspection_tasks(inspector_id, state);
CREATE INDEX inspection_tasks_province ON inspection_tasks(province_code);
CREATE INDEX inspection_tasks_city ON inspection_tasks(city_code);
CREATE INDEX inspection_tasks_county ON inspection_tasks(county_code);
CREATE INDEX inspection_tasks_town ON inspection_tasks(town_code);
CREATE INDEX inspection_tasks_inspected ON inspection_tasks(inspected_on);

-- A hazard found: fixed on the spot (closed at once) or to be rectified by
-- a deadline: open → submitted (evidence) → closed, or back to open with a
-- new deadline when the re-check fails. `escalated_at` is set once the
-- deadline passed and the commanders were told (reset by a new deadline).
CREATE TABLE inspection_findings (
  id {{id}},
  task_id BIGINT NOT NULL REFERENCES inspection_tasks(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  item_code TEXT NOT NULL,
  description TEXT NOT NULL,
  severity TEXT NOT NULL,                     -- general | major
  disposition TEXT NOT NULL,                  -- fixed_on_spot | rectify_by_deadline
  deadline TEXT,                              -- YYYY-MM-DD, rectify_by_deadline only
  state TEXT NOT NULL,                        -- open | submitted | closed
  rounds INTEGER NOT NULL DEFAULT 1,          -- deadlines given so far
  found_on TEXT NOT NULL,                     -- business date
  escalated_at TEXT,
  closed_at TEXT,
  closed_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL
);
CREATE INDEX inspection_findings_task ON inspection_findings(task_id);
CREATE INDEX inspection_findings_enterprise ON inspection_findings(enterprise_id);
CREATE INDEX inspection_findings_state ON inspection_findings(state, deadline);
CREATE INDEX inspection_findings_province ON inspection_findings(province_code);
CREATE INDEX inspection_findings_city ON inspection_findings(city_code);
CREATE INDEX inspection_findings_county ON inspection_findings(county_code);
CREATE INDEX inspection_findings_town ON inspection_findings(town_code);

-- What happened to a finding: created, evidence, recheck_pass, recheck_fail,
-- escalated (who, when, note, the deadline then in force).
CREATE TABLE inspection_finding_events (
  id {{id}},
  finding_id BIGINT NOT NULL REFERENCES inspection_findings(id),
  enterprise_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  deadline TEXT,
  at TEXT NOT NULL,
  by_user BIGINT
);
CREATE INDEX inspection_finding_events_finding ON inspection_finding_events(finding_id, id);

-- Photos of a finding (stage finding: by the inspector; evidence: by the
-- enterprise), JPEG or PNG checked by content, at most 10 MiB.
CREATE TABLE inspection_photos (
  id {{id}},
  finding_id BIGINT NOT NULL REFERENCES inspection_findings(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  stage TEXT NOT NULL,
  round INTEGER NOT NULL DEFAULT 1,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{blob}} NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX inspection_photos_finding ON inspection_photos(finding_id);
