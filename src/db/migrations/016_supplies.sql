-- Epidemic-prevention supplies (防疫物资, SPEC §3.8): items with units,
-- government warehouses and their stock, one ledger of every movement,
-- enterprise needs verified before allocation, allocations tracked through
-- committed → in transit → delivered → confirmed (hand-over), the
-- enterprises' own daily stock with a shortage flag, and the registry of
-- enterprises converted to PPE production (转产).
--
-- Quantities are integers in an item's smallest unit: an item shows in
-- `unit` with `decimals` decimal places, and stores 10^decimals base units
-- per shown unit (84 消毒液 in 吨 with 3 decimals stores kilograms; masks in
-- 个 with 0 decimals store pieces), so sums are exact on both engines.
--
-- Enterprise-owned rows (needs, allocations, daily stock, conversions) carry
-- enterprise_id and the enterprise's region codes; warehouses and ledger rows
-- carry the warehouse's region codes.

CREATE TABLE supply_items (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL,                         -- 个, 副, 套, 升, 吨, 支, 台, 顶
  unit_en TEXT NOT NULL DEFAULT '',
  decimals INTEGER NOT NULL DEFAULT 0,        -- 0..3
  category TEXT NOT NULL,                     -- mask | protective | disinfectant | thermometer | equipment | other
  sort INTEGER NOT NULL DEFAULT 100,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

INSERT INTO supply_items (code, name, name_en, unit, unit_en, decimals, category, sort, created_at) VALUES
  ('mask_ordinary', '一次性普通口罩', 'disposable mask', '个', 'pcs', 0, 'mask', 10, '2020-01-25T00:00:00+08:00'),
  ('mask_surgical', '医用外科口罩', 'surgical mask', '个', 'pcs', 0, 'mask', 11, '2020-01-25T00:00:00+08:00'),
  ('mask_n95', 'N95口罩', 'N95 respirator', '个', 'pcs', 0, 'mask', 12, '2020-01-25T00:00:00+08:00'),
  ('gloves', '医用手套', 'medical gloves', '副', 'pairs', 0, 'protective', 20, '2020-01-25T00:00:00+08:00'),
  ('protective_suit', '防护服', 'protective suit', '套', 'suits', 0, 'protective', 21, '2020-01-25T00:00:00+08:00'),
  ('goggles', '护目镜', 'goggles', '副', 'pairs', 0, 'protective', 22, '2020-01-25T00:00:00+08:00'),
  ('alcohol', '75%酒精', '75% alcohol', '升', 'L', 1, 'disinfectant', 30, '2020-01-25T00:00:00+08:00'),
  ('disinfectant_84', '84消毒液', '84 disinfectant', '吨', 't', 3, 'disinfectant', 31, '2020-01-25T00:00:00+08:00'),
  ('thermometer', '体温计', 'thermometer', '支', 'pcs', 0, 'thermometer', 40, '2020-01-25T00:00:00+08:00'),
  ('ir_thermometer', '红外测温仪', 'infrared thermometer', '台', 'units', 0, 'thermometer', 41, '2020-01-25T00:00:00+08:00'),
  ('sprayer', '喷雾器', 'sprayer', '台', 'units', 0, 'equipment', 50, '2020-01-25T00:00:00+08:00'),
  ('tent', '保暖帐篷', 'heated tent', '顶', 'tents', 0, 'equipment', 51, '2020-01-25T00:00:00+08:00');

CREATE TABLE supply_warehouses (
  id {{id}},
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  address TEXT NOT NULL DEFAULT '',
  keeper TEXT NOT NULL DEFAULT '',            -- 保管员
  phone TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE UNIQUE INDEX supply_warehouses_name ON supply_warehouses(region_code, name);
CREATE INDEX supply_warehouses_county ON supply_warehouses(county_code);
CREATE INDEX supply_warehouses_city ON supply_warehouses(city_code);

-- Available (uncommitted) stock of a warehouse: it moves only in the
-- statement that checks it (UPDATE … SET qty = qty - ? WHERE qty >= ?), in
-- the transaction that writes the ledger row, so it never goes negative and
-- always equals the sum of the ledger's qty for that warehouse and item.
CREATE TABLE supply_stock (
  warehouse_id BIGINT NOT NULL REFERENCES supply_warehouses(id),
  item_id BIGINT NOT NULL REFERENCES supply_items(id),
  qty BIGINT NOT NULL DEFAULT 0 CHECK (qty >= 0),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (warehouse_id, item_id)
);

-- Every movement: receipt (+), adjustment (±), allocation (−, the commit),
-- return (+, a committed allocation cancelled), and dispatch, delivery and
-- handover (qty 0: the goods left the available stock at the commit; `moved`
-- says how much moved on). `balance` is the available stock after the row.
CREATE TABLE supply_ledger (
  id {{id}},
  warehouse_id BIGINT NOT NULL REFERENCES supply_warehouses(id),
  item_id BIGINT NOT NULL REFERENCES supply_items(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  kind TEXT NOT NULL,
  qty BIGINT NOT NULL,
  moved BIGINT NOT NULL,
  balance BIGINT NOT NULL,
  allocation_id BIGINT,
  enterprise_id BIGINT,
  note TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL,
  by_user BIGINT
);
CREATE INDEX supply_ledger_stock ON supply_ledger(warehouse_id, item_id, id);
CREATE INDEX supply_ledger_county ON supply_ledger(county_code, id);
CREATE INDEX supply_ledger_allocation ON supply_ledger(allocation_id);

-- An enterprise's need: declared → verified (verified_qty ≤ quantity) or
-- rejected; cancelled by the enterprise while declared. allocated_qty moves
-- in the statement that checks it against verified_qty.
CREATE TABLE supply_needs (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  item_id BIGINT NOT NULL REFERENCES supply_items(id),
  quantity BIGINT NOT NULL,
  verified_qty BIGINT NOT NULL DEFAULT 0,
  allocated_qty BIGINT NOT NULL DEFAULT 0,
  needed_by TEXT NOT NULL DEFAULT '',
  purpose TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,                        -- declared | verified | rejected | cancelled
  verify_note TEXT NOT NULL DEFAULT '',
  verified_at TEXT,
  verified_by BIGINT,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  CHECK (allocated_qty <= verified_qty)
);
CREATE INDEX supply_needs_enterprise ON supply_needs(enterprise_id, id);
CREATE INDEX supply_needs_state ON supply_needs(state, id);
CREATE INDEX supply_needs_county ON supply_needs(county_code, id);
CREATE INDEX supply_needs_city ON supply_needs(city_code, id);

CREATE TABLE supply_allocations (
  id {{id}},
  need_id BIGINT NOT NULL REFERENCES supply_needs(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  item_id BIGINT NOT NULL REFERENCES supply_items(id),
  warehouse_id BIGINT NOT NULL REFERENCES supply_warehouses(id),
  quantity BIGINT NOT NULL,
  state TEXT NOT NULL,                        -- committed | in_transit | delivered | confirmed | cancelled
  note TEXT NOT NULL DEFAULT '',
  carrier TEXT NOT NULL DEFAULT '',           -- 承运车辆/人
  received_by TEXT NOT NULL DEFAULT '',       -- 签收人
  handover_note TEXT NOT NULL DEFAULT '',
  committed_at TEXT NOT NULL,
  committed_by BIGINT,
  dispatched_at TEXT,
  dispatched_by BIGINT,
  delivered_at TEXT,
  delivered_by BIGINT,
  confirmed_at TEXT,
  confirmed_by BIGINT,
  cancelled_at TEXT,
  cancelled_by BIGINT
);
CREATE INDEX supply_allocations_need ON supply_allocations(need_id);
CREATE INDEX supply_allocations_enterprise ON supply_allocations(enterprise_id, id);
CREATE INDEX supply_allocations_state ON supply_allocations(state, id);
CREATE INDEX supply_allocations_county ON supply_allocations(county_code, id);
CREATE INDEX supply_allocations_city ON supply_allocations(city_code, id);

-- The enterprise's own stock of an item on a day (在库, 消耗, 补充, 日需求);
-- shortage when the days of supply fall below the threshold of the day it
-- was recorded. Re-recording a day replaces it.
CREATE TABLE supply_enterprise_stock (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  item_id BIGINT NOT NULL REFERENCES supply_items(id),
  day TEXT NOT NULL,
  on_hand BIGINT NOT NULL,
  consumed BIGINT NOT NULL,
  resupplied BIGINT NOT NULL,
  needed BIGINT NOT NULL,                     -- per day
  shortage INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX supply_enterprise_stock_key ON supply_enterprise_stock(enterprise_id, item_id, day);
CREATE INDEX supply_enterprise_stock_day ON supply_enterprise_stock(day, county_code);

-- 转产: an enterprise converted to PPE production, per product.
CREATE TABLE supply_conversions (
  id {{id}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id),
  region_code TEXT NOT NULL,
  province_code TEXT NOT NULL,
  city_code TEXT,
  county_code TEXT,
  town_code TEXT,
  product TEXT NOT NULL,                      -- product code (medical_mask, protective_suit…)
  product_name TEXT NOT NULL DEFAULT '',
  daily_capacity BIGINT NOT NULL,
  capacity_unit TEXT NOT NULL,
  qualification TEXT NOT NULL DEFAULT '',     -- 医疗器械注册证, 卫生许可证…
  qualification_status TEXT NOT NULL,         -- applying | obtained | not_required | rejected | expired
  applied_on TEXT NOT NULL DEFAULT '',
  obtained_on TEXT NOT NULL DEFAULT '',
  started_on TEXT NOT NULL DEFAULT '',        -- 投产日期
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE UNIQUE INDEX supply_conversions_key ON supply_conversions(enterprise_id, product);
CREATE INDEX supply_conversions_county ON supply_conversions(county_code);
CREATE INDEX supply_conversions_city ON supply_conversions(city_code);
