-- Demands (诉求台账, SPEC §3.6): problems an enterprise needs solved, raised by
-- the enterprise, a cadre on its behalf, a hotline operator or from an
-- inspection finding; routed to the enterprise's cadre, transferable to a
-- department, escalated when overdue, rated by the enterprise. Like every
-- enterprise-owned row, demands and their events and attachments carry
-- enterprise_id and the enterprise's region codes.
--
-- The SLA clocks are not stored: they are computed from the demand's own
-- events (demand_events) against the service-hours calendar at read time.
-- `level`, `first_response_at`, `resolved_at` and `reopen_count` are
-- summaries written in the same transaction as the event that changes them.

CREATE TABLE demands (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  category TEXT NOT NULL,                 -- raw_materials | logistics | funding | labour | ppe | utilities | approvals | policy | other
  source TEXT NOT NULL,                   -- enterprise | cadre | hotline | inspection
  finding_id BIGINT,                      -- the inspection finding, when source = inspection
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,                    -- new | accepted | in_progress | resolved | rated
  cadre_id BIGINT REFERENCES users(id),   -- the responsible cadre at creation (assessment per cadre)
  assignee_id BIGINT REFERENCES users(id),-- who acts now; NULL: the queue of `department`, or the district's commanders
  department TEXT NOT NULL DEFAULT '',    -- after a transfer: the department it went to
  level INTEGER NOT NULL DEFAULT 0,       -- escalation: 0 handler, 1 district commander, 2 city commander
  first_response_at TEXT,
  resolved_at TEXT,
  resolution TEXT NOT NULL DEFAULT '',
  rating INTEGER,
  rating_comment TEXT NOT NULL DEFAULT '',
  reopen_count INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX demands_enterprise ON demands(enterprise_id, id);
CREATE INDEX demands_province ON demands(province_code, state);
CREATE INDEX demands_city ON demands(city_code, state);
CREATE INDEX demands_county ON demands(county_code, state);
CREATE INDEX demands_town ON demands(town_code, state);
CREATE INDEX demands_assignee ON demands(assignee_id, state);
CREATE INDEX demands_state ON demands(state);
CREATE INDEX demands_created ON demands(created_at);

-- The history of a demand: created, assigned, accepted, responded,
-- transferred, resolved, rated, reopened, escalated, reminded, comment.
-- `at` is an ISO timestamp (+08:00).
CREATE TABLE demand_events (
  id {{id}},
  demand_id BIGINT NOT NULL REFERENCES demands(id),
  enterprise_id BIGINT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  kind TEXT NOT NULL,
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL DEFAULT '',
  actor_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  handler INTEGER NOT NULL DEFAULT 0,
  assignee_id BIGINT,
  department TEXT NOT NULL DEFAULT '',
  level INTEGER NOT NULL DEFAULT 0,
  rating INTEGER,
  note TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);
CREATE INDEX demand_events_demand ON demand_events(demand_id, id);

-- Attachments: type checked by content (pdf, jpg, png, docx, xlsx), at most
-- 10 MiB, stored as blobs like the resumption evidence.
CREATE TABLE demand_attachments (
  id {{id}},
  demand_id BIGINT NOT NULL REFERENCES demands(id),
  enterprise_id BIGINT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{blob}} NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX demand_attachments_demand ON demand_attachments(demand_id);
