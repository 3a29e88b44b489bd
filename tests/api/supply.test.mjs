// Supplies API (防疫物资): items with units, warehouses and stock, the one
// ledger (every movement, sum = stock), needs verified before allocation,
// allocations committed → in transit → delivered → confirmed with the
// enterprise's notification, refusals that change nothing (more than the
// stock, more than the verified need, wrong state), 20 parallel allocations
// against a stock that covers 7, enterprises' own stock with the shortage
// warning to the supplies department, the 转产 registry, totals, exports,
// the department rule (403) and scope (404).
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc } from '../lib/harness.mjs';

const NOW = '2020-02-14T10:00:00+08:00';
const CITY = '220200'; // 吉林市
const A = '220202'; // 昌邑区
const B = '220203'; // 龙潭区
const firmA = uscc(A, 61);
const firmB = uscc(B, 62);
const PW = 'Pass-word-1';
const GXJ = '工业和信息化局';

let s;
let admin, supA, supB, commerceA, commander, entA, entB;
let whA;

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

async function ledger(token, warehouse, item) {
  const r = await s.api('GET', `/api/v1/supplies/ledger?warehouse=${warehouse}&item=${item}&size=200`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function available(token, warehouse, item) {
  const r = await s.api('GET', `/api/v1/supplies/stock?warehouse=${warehouse}&item=${item}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body.items.length ? r.body.items[0].available : 0;
}

async function notes(token, kind) {
  const r = await s.api('GET', '/api/v1/notifications?size=100', { token });
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((n) => n.kind === kind);
}

async function need(token, firm, body) {
  return s.api('POST', `/api/v1/enterprises/${firm}/supply-needs`, { token, body });
}

async function verifiedNeed(firm, item, quantity) {
  let r = await need(entA, firm, { item, quantity, needed_by: '2020-02-20', purpose: '复工防护' });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', `/api/v1/supplies/needs/${r.body.id}/verify`, { token: supA, body: {} });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[firmA, A], [firmB, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: {
      uscc: code, name: `物资测试企业${code.slice(-4)}有限公司`, region_code: region, industry_code: '13',
      size: 'small', employees: 80, work_status: 'work_resumed', status_date: '2020-02-05' } });
    assert.equal(r.status, 201, r.text);
  }
  supA = await user('sp_gxj_a', ['department'], { region_code: A, department: GXJ });
  supB = await user('sp_gxj_b', ['department'], { region_code: B, department: GXJ });
  commerceA = await user('sp_sw_a', ['department'], { region_code: A, department: '商务局' });
  commander = await user('sp_cmd', ['commander'], { region_code: CITY });
  entA = await user('sp_ent_a', ['enterprise'], { enterprise_uscc: firmA });
  entB = await user('sp_ent_b', ['enterprise'], { enterprise_uscc: firmB });
});

after(async () => { await s?.stop(); });

test('items carry their unit and decimal places', async () => {
  const r = await s.api('GET', '/api/v1/supplies/items', { token: entA });
  assert.equal(r.status, 200, r.text);
  const d84 = r.body.items.find((i) => i.code === 'disinfectant_84');
  assert.equal(d84.unit, '吨');
  assert.equal(d84.decimals, 3);
  assert.equal(r.body.items.find((i) => i.code === 'mask_ordinary').decimals, 0);
});

test('warehouses: created in scope, named once; other departments are refused', async () => {
  let r = await s.api('POST', '/api/v1/supplies/warehouses', { token: supA, body: { name: '昌邑区防疫物资储备库', region_code: A, keeper: '刘洋', phone: '0432-62010000' } });
  assert.equal(r.status, 201, r.text);
  whA = r.body.id;
  r = await s.api('POST', '/api/v1/supplies/warehouses', { token: supA, body: { name: '昌邑区防疫物资储备库', region_code: A } });
  assert.equal(r.status, 409, r.text);
  r = await s.api('POST', '/api/v1/supplies/warehouses', { token: supA, body: { name: '越界仓库', region_code: B } });
  assert.equal(r.status, 404, r.text);
  assert.equal(r.body.field, 'region_code');
  r = await s.api('POST', '/api/v1/supplies/warehouses', { token: commerceA, body: { name: '商务仓库', region_code: A } });
  assert.equal(r.status, 403, r.text);
  r = await s.api('GET', '/api/v1/supplies/warehouses', { token: commerceA });
  assert.equal(r.status, 403, r.text);
  r = await s.api('GET', `/api/v1/supplies/warehouses/${whA}`, { token: supB });
  assert.equal(r.status, 404, r.text);
  r = await s.api('GET', '/api/v1/supplies/warehouses', { token: entA });
  assert.equal(r.status, 403, r.text);
});

test('receipts and adjustments keep stock = the sum of the ledger; bad input changes nothing', async () => {
  let r = await s.api('POST', `/api/v1/supplies/warehouses/${whA}/receipts`, { token: supA, body: { item: 'mask_ordinary', quantity: 1000, note: '省工信厅调拨' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.available, 1000);
  r = await s.api('POST', `/api/v1/supplies/warehouses/${whA}/receipts`, { token: supA, body: { item: 'mask_ordinary', quantity: 1.5 } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'quantity');
  r = await s.api('POST', `/api/v1/supplies/warehouses/${whA}/receipts`, { token: supA, body: { item: 'no_such', quantity: 5 } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'item');
  r = await s.api('POST', `/api/v1/supplies/warehouses/${whA}/adjustments`, { token: supA, body: { item: 'mask_ordinary', quantity: -2000, note: '盘亏' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'insufficient_stock');
  r = await s.api('POST', `/api/v1/supplies/warehouses/${whA}/adjustments`, { token: supA, body: { item: 'mask_ordinary', quantity: -10 } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'note');
  r = await s.api('POST', `/api/v1/supplies/warehouses/${whA}/adjustments`, { token: supA, body: { item: 'mask_ordinary', quantity: -10, note: '破损' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(await available(supA, whA, 'mask_ordinary'), 990);
  const l = await ledger(supA, whA, 'mask_ordinary');
  assert.equal(l.total, 2);
  assert.equal(l.items.reduce((a, e) => a + e.qty, 0), 990);
  // 8.4 t of 84 disinfectant, kept exactly (kg), 3 decimals at most.
  r = await s.api('POST', `/api/v1/supplies/warehouses/${whA}/receipts`, { token: supA, body: { item: 'disinfectant_84', quantity: 8.4 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.available, 8.4);
  r = await s.api('POST', `/api/v1/supplies/warehouses/${whA}/receipts`, { token: supA, body: { item: 'disinfectant_84', quantity: 0.0001 } });
  assert.equal(r.status, 400, r.text);
});

test('main path: declared → verified → allocated → dispatched → delivered → confirmed', async () => {
  let r = await need(entA, firmA, { item: 'mask_ordinary', quantity: 0 });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'quantity');
  r = await need(entA, firmA, { item: 'mask_ordinary', quantity: 500, needed_by: '2020-02-3' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'needed_by');
  r = await need(entA, firmB, { item: 'mask_ordinary', quantity: 500 });
  assert.equal(r.status, 404, r.text);
  r = await need(entA, firmA, { item: 'mask_ordinary', quantity: 500, purpose: '复工首日' });
  assert.equal(r.status, 201, r.text);
  const n = r.body;
  assert.equal(n.state, 'declared');
  r = await s.api('GET', `/api/v1/supplies/needs/${n.id}`, { token: entB });
  assert.equal(r.status, 404, r.text);
  r = await s.api('GET', `/api/v1/supplies/needs/${n.id}`, { token: supB });
  assert.equal(r.status, 404, r.text);
  // Not verified yet: no allocation, nothing changes.
  r = await s.api('POST', `/api/v1/supplies/needs/${n.id}/allocations`, { token: supA, body: { warehouse: whA, quantity: 100 } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'need_not_verified');
  r = await s.api('POST', `/api/v1/supplies/needs/${n.id}/verify`, { token: commerceA, body: {} });
  assert.equal(r.status, 403, r.text);
  r = await s.api('POST', `/api/v1/supplies/needs/${n.id}/verify`, { token: supA, body: { quantity: 600 } });
  assert.equal(r.status, 400, r.text);
  r = await s.api('POST', `/api/v1/supplies/needs/${n.id}/verify`, { token: supA, body: { quantity: 400, note: '按在岗人数核减' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'verified');
  assert.equal(r.body.verified_quantity, 400);
  r = await s.api('POST', `/api/v1/supplies/needs/${n.id}/verify`, { token: supA, body: {} });
  assert.equal(r.status, 409, r.text);

  r = await s.api('POST', `/api/v1/supplies/needs/${n.id}/allocations`, { token: supA, body: { warehouse: whA, quantity: 300 } });
  assert.equal(r.status, 201, r.text);
  const a = r.body;
  assert.equal(a.state, 'committed');
  assert.equal(await available(supA, whA, 'mask_ordinary'), 690);
  // More than the verified quantity left (100): refused, nothing changed.
  r = await s.api('POST', `/api/v1/supplies/needs/${n.id}/allocations`, { token: supA, body: { warehouse: whA, quantity: 200 } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'exceeds_need');
  // More than the stock: clear error, nothing changed (stock, need, ledger).
  const big = await verifiedNeed(firmA, 'mask_ordinary', 5000);
  const before = await ledger(supA, whA, 'mask_ordinary');
  r = await s.api('POST', `/api/v1/supplies/needs/${big.id}/allocations`, { token: supA, body: { warehouse: whA, quantity: 800 } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'insufficient_stock');
  assert.equal(r.body.field, 'quantity');
  assert.match(r.body.message, /库存不足|insufficient/);
  assert.equal(await available(supA, whA, 'mask_ordinary'), 690);
  assert.equal((await ledger(supA, whA, 'mask_ordinary')).total, before.total);
  r = await s.api('GET', `/api/v1/supplies/needs/${big.id}`, { token: supA });
  assert.equal(r.body.allocated_quantity, 0);

  // Hand-over before delivery is refused; another enterprise sees nothing.
  r = await s.api('POST', `/api/v1/supplies/allocations/${a.id}/confirm`, { token: entA, body: { received_by: '王伟' } });
  assert.equal(r.status, 409, r.text);
  r = await s.api('POST', `/api/v1/supplies/allocations/${a.id}/dispatch`, { token: supA, body: { carrier: '吉B·12345' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'in_transit');
  const dispatched = await notes(entA, 'supply_dispatched');
  assert.equal(dispatched.length, 1);
  assert.match(dispatched[0].body, /300个/);
  assert.equal((await notes(entB, 'supply_dispatched')).length, 0);
  r = await s.api('POST', `/api/v1/supplies/allocations/${a.id}/cancel`, { token: supA, body: {} });
  assert.equal(r.status, 409, r.text);
  r = await s.api('POST', `/api/v1/supplies/allocations/${a.id}/deliver`, { token: supA, body: {} });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'delivered');
  r = await s.api('POST', `/api/v1/supplies/allocations/${a.id}/confirm`, { token: entB, body: { received_by: '李娜' } });
  assert.equal(r.status, 404, r.text);
  r = await s.api('POST', `/api/v1/supplies/allocations/${a.id}/confirm`, { token: entA, body: {} });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'received_by');
  r = await s.api('POST', `/api/v1/supplies/allocations/${a.id}/confirm`, { token: entA, body: { received_by: '王伟', note: '数量无误' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'confirmed');
  assert.equal(r.body.received_by, '王伟');
  // Every movement of the allocation is in the ledger.
  r = await s.api('GET', `/api/v1/supplies/ledger?allocation=${a.id}`, { token: supA });
  assert.deepEqual(r.body.items.map((e) => e.kind).reverse(), ['allocation', 'dispatch', 'delivery', 'handover']);
  assert.ok(r.body.items.every((e) => e.moved === 300));
  r = await s.api('GET', `/api/v1/supplies/allocations?uscc=${firmA}`, { token: entA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 1);
  r = await s.api('GET', '/api/v1/supplies/allocations', { token: entB });
  assert.equal(r.body.total, 0);

  // A cancelled commit returns its stock and its need.
  r = await s.api('POST', `/api/v1/supplies/needs/${n.id}/allocations`, { token: supA, body: { warehouse: whA, quantity: 100 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(await available(supA, whA, 'mask_ordinary'), 590);
  r = await s.api('POST', `/api/v1/supplies/allocations/${r.body.id}/cancel`, { token: supA, body: { note: '企业自行采购' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'cancelled');
  assert.equal(await available(supA, whA, 'mask_ordinary'), 690);
  r = await s.api('GET', `/api/v1/supplies/needs/${n.id}`, { token: entA });
  assert.equal(r.body.allocated_quantity, 300);
  const l = await ledger(supA, whA, 'mask_ordinary');
  assert.equal(l.items.reduce((acc, e) => acc + e.qty, 0), 690);
});

test('20 parallel allocations against a stock that covers 7: no negative stock, no lost movement', async () => {
  let r = await s.api('POST', '/api/v1/supplies/warehouses', { token: supA, body: { name: '并发测试库', region_code: A } });
  assert.equal(r.status, 201, r.text);
  const wh = r.body.id;
  r = await s.api('POST', `/api/v1/supplies/warehouses/${wh}/receipts`, { token: supA, body: { item: 'thermometer', quantity: 70 } });
  assert.equal(r.status, 201, r.text);
  const nd = await verifiedNeed(firmA, 'thermometer', 1000);
  const answers = await Promise.all(Array.from({ length: 20 }, () =>
    s.api('POST', `/api/v1/supplies/needs/${nd.id}/allocations`, { token: supA, body: { warehouse: wh, quantity: 10 } })));
  const ok = answers.filter((x) => x.status === 201);
  const refused = answers.filter((x) => x.status === 409);
  assert.equal(ok.length, 7, answers.map((x) => x.status + ' ' + x.text).join('\n'));
  assert.equal(refused.length, 13);
  assert.ok(refused.every((x) => x.body.code === 'insufficient_stock'));
  assert.equal(await available(supA, wh, 'thermometer'), 0);
  const l = await ledger(supA, wh, 'thermometer');
  assert.equal(l.total, 8); // one receipt, seven commits
  assert.equal(l.items.reduce((acc, e) => acc + e.qty, 0), 0);
  assert.equal(l.items.filter((e) => e.kind === 'allocation').length, 7);
  r = await s.api('GET', `/api/v1/supplies/needs/${nd.id}`, { token: supA });
  assert.equal(r.body.allocated_quantity, 70);
  r = await s.api('GET', `/api/v1/supplies/allocations?need=${nd.id}`, { token: supA });
  assert.equal(r.body.total, 7);
});

test('own stock: days of supply, a shortage warns the supplies department once', async () => {
  let r = await s.api('POST', `/api/v1/enterprises/${firmA}/supply-stock`, { token: entA, body: {
    date: '2020-02-13', items: [{ item: 'mask_ordinary', on_hand: 400, consumed: 80, resupplied: 0, needed: 80 }] } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.items[0].days_of_supply, 5);
  assert.equal(r.body.items[0].shortage, false);
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/supply-stock`, { token: entA, body: {
    date: '2020-02-14', items: [{ item: 'mask_ordinary', on_hand: 150, consumed: 250, resupplied: 0, needed: 80 }, { item: 'mask_ordinary', on_hand: 1, needed: 1 }] } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'items[1].item');
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/supply-stock`, { token: entA, body: {
    date: '2020-02-14', items: [{ item: 'mask_ordinary', on_hand: 150, consumed: 250, needed: -1 }] } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'items[0].needed');
  assert.equal((await notes(supA, 'supply_shortage')).length, 0);
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/supply-stock`, { token: entA, body: {
    date: '2020-02-14', items: [{ item: 'mask_ordinary', on_hand: 150, consumed: 250, resupplied: 0, needed: 80 }] } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.items[0].shortage, true);
  assert.equal(r.body.items[0].days_of_supply, 1.9);
  const warned = await notes(supA, 'supply_shortage');
  assert.equal(warned.length, 1);
  assert.match(warned[0].body, /一次性普通口罩/);
  assert.equal((await notes(commerceA, 'supply_shortage')).length, 0);
  assert.equal((await notes(supB, 'supply_shortage')).length, 0);
  // Still short on a re-record: no second warning.
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/supply-stock`, { token: entA, body: {
    date: '2020-02-14', items: [{ item: 'mask_ordinary', on_hand: 140, consumed: 260, needed: 80 }] } });
  assert.equal(r.status, 201, r.text);
  assert.equal((await notes(supA, 'supply_shortage')).length, 1);
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/supply-stock`, { token: entA, body: { date: '2020-02-15', items: [{ item: 'mask_ordinary', on_hand: 1, needed: 1 }] } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'date');
  r = await s.api('GET', '/api/v1/supplies/enterprise-stock?shortage=1&latest=1', { token: supA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 1);
  assert.equal(r.body.items[0].enterprise_uscc, firmA);
  r = await s.api('GET', '/api/v1/supplies/enterprise-stock?shortage=1&latest=1', { token: supB });
  assert.equal(r.body.total, 0);
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/supply-stock`, { token: entB, body: { items: [{ item: 'mask_ordinary', on_hand: 1, needed: 1 }] } });
  assert.equal(r.status, 404, r.text);
});

test('转产 registry: product, capacity, qualification with dates; list and export', async () => {
  let r = await s.api('POST', '/api/v1/supplies/conversions', { token: supA, body: { uscc: firmA, product: 'protective_suit', daily_capacity: 1700, qualification: '医疗器械注册证', qualification_status: 'obtained' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'obtained_on');
  r = await s.api('POST', '/api/v1/supplies/conversions', { token: supA, body: { uscc: firmA, product: 'spaceship', daily_capacity: 1, qualification_status: 'applying' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'product');
  r = await s.api('POST', '/api/v1/supplies/conversions', { token: supA, body: { uscc: firmA, product: 'protective_suit', daily_capacity: 1700, qualification: '医疗器械注册证', qualification_status: 'applying', applied_on: '2020-02-08' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.capacity_unit, '套');
  const id = r.body.id;
  r = await s.api('POST', '/api/v1/supplies/conversions', { token: supA, body: { uscc: firmA, product: 'protective_suit', daily_capacity: 1, qualification_status: 'applying' } });
  assert.equal(r.status, 409, r.text);
  r = await s.api('POST', '/api/v1/supplies/conversions', { token: supA, body: { uscc: firmB, product: 'ordinary_mask', daily_capacity: 80000, qualification_status: 'not_required' } });
  assert.equal(r.status, 404, r.text);
  r = await s.api('PUT', `/api/v1/supplies/conversions/${id}`, { token: supA, body: { daily_capacity: 1700, qualification: '医疗器械注册证', qualification_status: 'obtained', applied_on: '2020-02-08', obtained_on: '2020-02-12', started_on: '2020-02-13' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.qualification_status, 'obtained');
  r = await s.api('GET', '/api/v1/supplies/conversions?status=obtained', { token: commander });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 1);
  r = await s.api('GET', '/api/v1/supplies/conversions', { token: supB });
  assert.equal(r.body.total, 0);
  r = await s.api('GET', '/api/v1/supplies/conversions/export?format=csv', { token: commander });
  assert.equal(r.status, 200);
  assert.match(r.text, /医用防护服/);
  assert.match(r.text, /已取得/);
});

test('totals by item and region in the seeds\' form; exports of the lists', async () => {
  let r = await s.api('GET', '/api/v1/supplies/totals', { token: commander });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.region, CITY);
  const masks = r.body.items.find((x) => x.item.code === 'mask_ordinary');
  assert.equal(masks.confirmed, 300);
  assert.equal(masks.warehouse_stock, 690);
  const thermo = r.body.items.find((x) => x.item.code === 'thermometer');
  assert.equal(thermo.committed, 70);
  assert.ok(r.body.children.some((c) => c.region_code === A));
  assert.ok(!r.body.children.some((c) => c.region_code === B));
  assert.match(r.body.text, /已为1户企业送达防疫物资一次性普通口罩300个/);
  assert.match(r.body.text, /84消毒液8\.4吨/);
  assert.match(r.body.text, /医用防护服1700套/);
  r = await s.api('GET', '/api/v1/supplies/totals', { token: supB });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items.length, 0);
  r = await s.api('GET', `/api/v1/supplies/totals?region=${A}`, { token: supB });
  assert.equal(r.status, 404, r.text);
  r = await s.api('GET', '/api/v1/supplies/totals', { token: entA });
  assert.equal(r.status, 403, r.text);
  r = await s.api('GET', '/api/v1/supplies/needs/export?format=csv&state=verified', { token: supA });
  assert.equal(r.status, 200);
  assert.match(r.text, /统一社会信用代码/);
  assert.match(r.text, new RegExp(firmA));
  r = await s.api('GET', '/api/v1/supplies/needs/export?format=pdf', { token: supA });
  assert.equal(r.status, 400);
  r = await s.api('GET', '/api/v1/supplies/allocations/export?format=xlsx', { token: entA });
  assert.equal(r.status, 200);
  r = await s.api('GET', `/api/v1/supplies/ledger/export?format=csv&warehouse=${whA}`, { token: supA });
  assert.equal(r.status, 200);
  assert.match(r.text, /交接签收/);
  r = await s.api('GET', '/api/v1/supplies/enterprise-stock/export?format=csv', { token: entA });
  assert.equal(r.status, 200);
  assert.match(r.text, /短缺预警/);
});
