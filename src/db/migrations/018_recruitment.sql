-- Online recruitment (线上招聘, SPEC §3.11): jobs posted by verified
-- enterprises and reviewed by the human-resources department (人社) before
-- they are public; job seekers with a résumé; applications.
--
-- Like every enterprise-owned row, jobs, their events and applications carry
-- enterprise_id and the enterprise's region codes (province_code …
-- town_code: the caller's scope). A job's work location is a second set of
-- codes (location_*), used by the public board's region filter, the key-group
-- push and the labour gap (用工缺口).

CREATE TABLE jobs (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  title TEXT NOT NULL,
  requirements TEXT NOT NULL DEFAULT '',
  headcount INTEGER NOT NULL,
  hired INTEGER NOT NULL DEFAULT 0,             -- applications in state hired
  pay_min INTEGER NOT NULL,                     -- yuan a month
  pay_max INTEGER NOT NULL,
  education TEXT NOT NULL DEFAULT 'none',       -- none | junior | senior | vocational | college | bachelor | master
  industry_code TEXT NOT NULL REFERENCES industries(code),
  industry_section TEXT NOT NULL,
  location_code TEXT NOT NULL REFERENCES regions(code),
  location_province TEXT NOT NULL,
  location_city TEXT,
  location_county TEXT,
  location_town TEXT,
  address TEXT NOT NULL DEFAULT '',
  contact_name TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,                          -- pending | approved | rejected | closed
  review_note TEXT NOT NULL DEFAULT '',         -- the reason of a rejection, or the approval's note
  reviewed_by BIGINT,
  reviewed_at TEXT,
  published_at TEXT,
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX jobs_enterprise ON jobs(enterprise_id, id);
CREATE INDEX jobs_province ON jobs(province_code, state);
CREATE INDEX jobs_city ON jobs(city_code, state);
CREATE INDEX jobs_county ON jobs(county_code, state);
CREATE INDEX jobs_town ON jobs(town_code, state);
CREATE INDEX jobs_state ON jobs(state, id);
CREATE INDEX jobs_location_county ON jobs(location_county, state);

-- The history of a job: submitted, resubmitted, approved, rejected, closed.
CREATE TABLE job_events (
  id {{id}},
  job_id BIGINT NOT NULL REFERENCES jobs(id),
  enterprise_id BIGINT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  action TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  actor_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
);
CREATE INDEX job_events_job ON job_events(job_id, id);

-- Job seekers (求职者): one per user of role jobseeker, created by public
-- self-registration. The mobile number is sealed (secretbox) beside its
-- masked form; client_hash is a keyed hash of the registering address (rate
-- limit). Key groups: 高校毕业生 graduate, 退役军人 veteran, 就业困难人员
-- hard_to_employ.
CREATE TABLE jobseekers (
  id {{id}},
  user_id BIGINT NOT NULL UNIQUE REFERENCES users(id),
  name TEXT NOT NULL,
  mobile_cipher TEXT NOT NULL,
  mobile_masked TEXT NOT NULL,
  education TEXT NOT NULL DEFAULT 'none',
  graduate INTEGER NOT NULL DEFAULT 0,
  veteran INTEGER NOT NULL DEFAULT 0,
  hard_to_employ INTEGER NOT NULL DEFAULT 0,
  desired_industry TEXT NOT NULL DEFAULT '',    -- section letter or division code, '' any
  desired_region TEXT NOT NULL DEFAULT '',      -- region code, '' any
  desired_pay INTEGER NOT NULL DEFAULT 0,       -- yuan a month, 0 any
  experience TEXT NOT NULL DEFAULT '',
  client_hash TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX jobseekers_client ON jobseekers(client_hash, created_at);

-- Applications (投递): a seeker applies once to a job.
CREATE TABLE job_applications (
  id {{id}},
  job_id BIGINT NOT NULL REFERENCES jobs(id),
  enterprise_id BIGINT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  seeker_id BIGINT NOT NULL REFERENCES jobseekers(id),
  message TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,                          -- applied | reviewing | interview | hired | rejected | withdrawn
  note TEXT NOT NULL DEFAULT '',                -- the enterprise's note to the seeker
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (job_id, seeker_id)
);
CREATE INDEX job_applications_enterprise ON job_applications(enterprise_id, id);
CREATE INDEX job_applications_seeker ON job_applications(seeker_id, id);
