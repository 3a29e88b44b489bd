-- Financing (融资对接, SPEC §3.12) and policies (惠企政策, SPEC §3.13).
--
-- Financing: banks and the users who act for them, programmes (稳企稳岗基金,
-- 抗疫贷 with its 24-hour target), enterprises' financing demands, and the
-- pushes of a demand to banks with each bank's decision. Policies: the
-- library with its eligibility rule (JSON, validated by the service) and one
-- row per enterprise the policy was pushed to, with its application and
-- outcome. Demands, pushes and policy recipients are enterprise-owned rows:
-- they carry enterprise_id and the enterprise's region codes.

CREATE TABLE banks (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  contact TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT
);

-- The bank a user of role `bank` acts for (one bank per user).
CREATE TABLE bank_users (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  bank_id BIGINT NOT NULL REFERENCES banks(id),
  created_at TEXT NOT NULL,
  created_by BIGINT
);
CREATE INDEX bank_users_bank ON bank_users(bank_id);

-- Special programmes; target_hours is the push → decision target (抗疫贷: 24).
CREATE TABLE finance_programmes (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  target_hours {{real}},
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
INSERT INTO finance_programmes (code, name, target_hours, note, created_at)
  VALUES ('stabilise_fund', '稳企稳岗基金', NULL, '', '2020-02-01T00:00:00+08:00');
INSERT INTO finance_programmes (code, name, target_hours, note, created_at)
  VALUES ('epidemic_loan', '抗疫贷', 24, '24 小时内完成审批', '2020-02-01T00:00:00+08:00');

-- A financing demand; amounts in 万元. state: filed (not pushed yet) |
-- pushed (waiting for a bank) | granted (a bank granted) | declined (every
-- bank declined) | withdrawn. decided_at: the first grant, or the last
-- decline that declined it.
CREATE TABLE finance_demands (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  programme_id BIGINT REFERENCES finance_programmes(id),
  amount {{real}} NOT NULL,
  purpose TEXT NOT NULL,
  term_months INTEGER NOT NULL,
  collateral TEXT NOT NULL,
  urgency TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  first_pushed_at TEXT,
  decided_at TEXT,
  granted_amount {{real}} NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX finance_demands_enterprise ON finance_demands(enterprise_id);
CREATE INDEX finance_demands_county ON finance_demands(county_code);
CREATE INDEX finance_demands_city ON finance_demands(city_code);

-- A demand pushed to a bank, and the bank's decision (rate: annual %).
CREATE TABLE finance_pushes (
  id {{id}},
  demand_id BIGINT NOT NULL REFERENCES finance_demands(id),
  bank_id BIGINT NOT NULL REFERENCES banks(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  pushed_at TEXT NOT NULL,
  pushed_by BIGINT,
  push_note TEXT NOT NULL DEFAULT '',
  decision TEXT NOT NULL DEFAULT 'pending',
  granted_amount {{real}},
  rate {{real}},
  grant_date TEXT,
  decision_note TEXT NOT NULL DEFAULT '',
  decided_at TEXT,
  decided_by BIGINT,
  UNIQUE (demand_id, bank_id)
);
CREATE INDEX finance_pushes_bank ON finance_pushes(bank_id, demand_id);

-- A policy (惠企政策) of a region's subtree with its eligibility rule
-- {"combine":"all"|"any","conditions":[{"field","op","value"}]}.
CREATE TABLE policies (
  id {{id}},
  title TEXT NOT NULL,
  issuer TEXT NOT NULL,
  doc_no TEXT NOT NULL DEFAULT '',
  benefit TEXT NOT NULL,
  content TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  rule TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

-- One enterprise a policy was pushed to. outcome: pushed | applied |
-- approved | rejected; amount: 万元 approved (refund, relief, subsidy).
CREATE TABLE policy_recipients (
  id {{id}},
  policy_id BIGINT NOT NULL REFERENCES policies(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  pushed_at TEXT NOT NULL,
  pushed_by BIGINT,
  outcome TEXT NOT NULL DEFAULT 'pushed',
  applied_at TEXT,
  application_note TEXT NOT NULL DEFAULT '',
  requested_amount {{real}},
  approved_amount {{real}},
  outcome_note TEXT NOT NULL DEFAULT '',
  decided_at TEXT,
  decided_by BIGINT,
  UNIQUE (policy_id, enterprise_id)
);
CREATE INDEX policy_recipients_enterprise ON policy_recipients(enterprise_id);
