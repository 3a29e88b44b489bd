-- Resumption applications (复工申报 → 审核 → 验收 → 批准, SPEC §3.2): the
-- applications, their recorded transitions (the timeline), evidence
-- attachments (stored as blobs with their SHA-256) and acceptance records.
-- Every row carries enterprise_id (the shard key) and the enterprise's
-- per-level region codes, so a district's queue or counts are an indexed
-- equality. Portable SQL; {{id}} and {{blob}} are expanded per engine.

CREATE TABLE applications (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  industry_section TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,                          -- draft | submitted | in_review | acceptance_pending | approved | rejected | withdrawn
  route TEXT NOT NULL DEFAULT '',               -- '' until submitted | commitment | standard
  route_reasons TEXT NOT NULL DEFAULT '[]',     -- JSON: the negative-list entries matched
  department TEXT NOT NULL DEFAULT '',          -- reviewing department ('' = any)
  review_levels TEXT NOT NULL DEFAULT '[]',     -- JSON: region levels, bottom-up
  review_step INTEGER NOT NULL DEFAULT 0,       -- index into review_levels
  review_level INTEGER NOT NULL DEFAULT 0,      -- level awaiting review, 0 when none
  review_region_code TEXT NOT NULL DEFAULT '',  -- region at review_level, '' when none
  planned_date TEXT NOT NULL DEFAULT '',
  approved_date TEXT NOT NULL DEFAULT '',
  staff_total INTEGER NOT NULL DEFAULT 0,
  staff_local INTEGER NOT NULL DEFAULT 0,
  staff_out_of_province INTEGER NOT NULL DEFAULT 0,
  staff_from_risk_regions INTEGER NOT NULL DEFAULT 0,
  isolation_room INTEGER NOT NULL DEFAULT 0,
  thermometers INTEGER NOT NULL DEFAULT 0,
  masks_in_stock INTEGER NOT NULL DEFAULT 0,
  masks_days_of_supply INTEGER NOT NULL DEFAULT 0,
  disinfection_plan INTEGER NOT NULL DEFAULT 0,
  disinfection_records INTEGER NOT NULL DEFAULT 0,
  staggered_dining INTEGER NOT NULL DEFAULT 0,
  leader_on_duty INTEGER NOT NULL DEFAULT 0,
  emergency_plan INTEGER NOT NULL DEFAULT 0,
  scan_code INTEGER NOT NULL DEFAULT 0,
  registration INTEGER NOT NULL DEFAULT 0,
  temperature_check INTEGER NOT NULL DEFAULT 0,
  mask_wearing INTEGER NOT NULL DEFAULT 0,
  essential_category TEXT NOT NULL DEFAULT '',
  commitment_signer TEXT NOT NULL DEFAULT '',
  commitment_accepted INTEGER NOT NULL DEFAULT 0,
  commitment_signed_at TEXT NOT NULL DEFAULT '',
  inspection_due INTEGER NOT NULL DEFAULT 0,    -- commitment route: on-site inspection to do
  submitted_at TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,           -- optimistic lock of every write
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX applications_enterprise ON applications(enterprise_id, state);
CREATE INDEX applications_province ON applications(province_code, state);
CREATE INDEX applications_city ON applications(city_code, state);
CREATE INDEX applications_county ON applications(county_code, state);
CREATE INDEX applications_town ON applications(town_code, state);
-- A reviewer's queue: their region at their level.
CREATE INDEX applications_review ON applications(review_region_code, review_level, state);
-- At most one open application per enterprise.
CREATE UNIQUE INDEX applications_one_open ON applications(enterprise_id)
  WHERE state IN ('draft', 'submitted', 'in_review', 'acceptance_pending', 'rejected');

-- Every transition (the timeline): who, when, comment, and the deficiency
-- list of a return (一次性告知) as JSON [{item, reason}].
CREATE TABLE application_transitions (
  id {{id}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  enterprise_id BIGINT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  actor_id BIGINT,                              -- NULL: the system (commitment approval)
  actor_name TEXT NOT NULL,
  at TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  deficiencies TEXT NOT NULL DEFAULT '[]',
  review_level INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX application_transitions_app ON application_transitions(application_id, id);
CREATE INDEX application_transitions_actor ON application_transitions(actor_id);

-- Evidence (orders, contracts): type checked by content, at most 10 MiB.
CREATE TABLE application_attachments (
  id {{id}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  enterprise_id BIGINT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  kind TEXT NOT NULL,                           -- order | contract | other
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{blob}} NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX application_attachments_app ON application_attachments(application_id);

-- On-site (or video) acceptance: the checklist item by item, the findings.
CREATE TABLE application_acceptances (
  id {{id}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  enterprise_id BIGINT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  mode TEXT NOT NULL,                           -- on_site | video
  result TEXT NOT NULL,                         -- pass | fail
  checklist TEXT NOT NULL,                      -- JSON {item: true|false}
  findings TEXT NOT NULL DEFAULT '[]',          -- JSON [text]
  comment TEXT NOT NULL DEFAULT '',
  inspector_id BIGINT,
  inspector_name TEXT NOT NULL,
  at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX application_acceptances_app ON application_acceptances(application_id);
