-- Notices (通知公告, SPEC §3.15) and whistle-blower tips (有奖举报, SPEC §3.14).
--
-- A notice is published by a government user to the enterprises of a scope: a
-- region subtree, optionally narrowed to enterprises with any of some flags
-- and/or to a list of USCCs. The region codes on `notices` are those of the
-- scope's root, so a publisher's list is one equality on an index. At
-- publication the addressed enterprises are fixed in `notice_recipients`
-- (enterprise-owned rows: enterprise_id and the enterprise's region codes),
-- which also hold the enterprise's first read; `notice_reads` keeps each
-- user's first read.

CREATE TABLE notices (
  id {{id}},
  kind TEXT NOT NULL,                          -- notice | guide | template
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',               -- Markdown text, shown escaped (never HTML)
  region_code TEXT NOT NULL REFERENCES regions(code),
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  target_flags TEXT NOT NULL DEFAULT '',       -- comma-separated flag names ('' = all)
  target_usccs TEXT NOT NULL DEFAULT '',       -- comma-separated USCCs ('' = all)
  state TEXT NOT NULL,                         -- draft | published | withdrawn
  recipients INTEGER NOT NULL DEFAULT 0,       -- enterprises addressed at publication
  publisher_name TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  published_at TEXT,
  published_by BIGINT,
  withdrawn_at TEXT,
  withdrawn_by BIGINT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX notices_province ON notices(province_code);
CREATE INDEX notices_city ON notices(city_code);
CREATE INDEX notices_county ON notices(county_code);
CREATE INDEX notices_town ON notices(town_code);

-- Attachments (pdf, docx, xlsx, jpg, png; type judged by content; ≤ 20 MiB).
CREATE TABLE notice_attachments (
  id {{id}},
  notice_id BIGINT NOT NULL REFERENCES notices(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{blob}} NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX notice_attachments_notice ON notice_attachments(notice_id);

CREATE TABLE notice_recipients (
  notice_id BIGINT NOT NULL REFERENCES notices(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  first_read_at TEXT,                          -- first read by any user of the enterprise
  first_read_by BIGINT,
  PRIMARY KEY (notice_id, enterprise_id)
);
CREATE INDEX notice_recipients_enterprise ON notice_recipients(enterprise_id, notice_id);

CREATE TABLE notice_reads (
  notice_id BIGINT NOT NULL REFERENCES notices(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  first_read_at TEXT NOT NULL,
  PRIMARY KEY (notice_id, user_id)
);

-- Whistle-blower tips. The reporter is anonymous: no account, the client
-- address is kept only as a keyed hash (rate limits), the optional contact
-- (name, phone) only as secretbox ciphertext that the assigned verifying
-- officer opens through an audited endpoint. The tracking code given to the
-- reporter is stored as a keyed hash. Region codes: the enterprise's when the
-- USCC is in the registry, else the region the reporter chose.
CREATE TABLE tips (
  id {{id}},
  tracking_hash TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,                          -- unapproved_opening | hidden_returnees | quarantine_breach | prevention_lacking
  enterprise_id BIGINT REFERENCES enterprises(id),
  enterprise_name TEXT NOT NULL DEFAULT '',
  uscc TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  contact_cipher {{blob}},                     -- sealed {"name","phone"}, NULL when none given
  client_hash TEXT NOT NULL,                   -- keyed hash of the client address
  state TEXT NOT NULL,                         -- received | assigned | substantiated | unsubstantiated
  assigned_to BIGINT REFERENCES users(id),
  assigned_by BIGINT,
  assigned_at TEXT,
  assign_note TEXT NOT NULL DEFAULT '',
  public_outcome TEXT NOT NULL DEFAULT '',     -- shown on the tracking page
  internal_note TEXT NOT NULL DEFAULT '',
  verified_at TEXT,
  verified_by BIGINT,
  reward_status TEXT NOT NULL DEFAULT 'none',  -- none | granted | paid
  reward_amount {{real}} NOT NULL DEFAULT 0,   -- yuan
  reward_paid_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX tips_client ON tips(client_hash, created_at);
CREATE INDEX tips_province ON tips(province_code, created_at);
CREATE INDEX tips_city ON tips(city_code, created_at);
CREATE INDEX tips_county ON tips(county_code, created_at);
CREATE INDEX tips_town ON tips(town_code, created_at);
CREATE INDEX tips_assigned ON tips(assigned_to);

CREATE TABLE tip_photos (
  id {{id}},
  tip_id BIGINT NOT NULL REFERENCES tips(id),
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  content {{blob}} NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX tip_photos_tip ON tip_photos(tip_id);

-- What happened to a tip, for the officers (never shown to the public).
CREATE TABLE tip_events (
  id {{id}},
  tip_id BIGINT NOT NULL REFERENCES tips(id),
  action TEXT NOT NULL,                        -- received | assigned | verified | reward
  detail TEXT NOT NULL DEFAULT '',
  actor_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);
CREATE INDEX tip_events_tip ON tip_events(tip_id, id);
