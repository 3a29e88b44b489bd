// Statistics API: rates with numerator and denominator from the dated history,
// drill-down, series, bulletin and templates, forecast, report forms, scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc } from '../lib/harness.mjs';

let s;
let admin;
const A = '220202'; // 昌邑区
const B = '220203'; // 龙潭区

async function firm(code, region, status, date, extra = {}) {
  const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: {
    uscc: code, name: `统计测试${code.slice(-5)}有限公司`, region_code: region, industry_code: '13',
    employees: 100, normal_output: 10, work_status: status, status_date: date, ...extra } });
  assert.equal(r.status, 201, r.text);
}
async function status(code, st, date) {
  const r = await s.api('POST', `/api/v1/enterprises/${code}/status`, { token: admin, body: { status: st, date } });
  assert.equal(r.status, 200, r.text);
}

before(async () => {
  s = await startServer();
  admin = await s.login('admin', ADMIN_PASSWORD);
  await firm(uscc(A, 1), A + '001', 'suspended', '2020-01-24', { key_enterprise: true, above_scale_industrial: true });
  await status(uscc(A, 1), 'work_resumed', '2020-02-10');
  await status(uscc(A, 1), 'production_resumed', '2020-02-14');
  await firm(uscc(A, 2), A, 'work_resumed', '2020-02-10', { seasonal: true });
  await firm(uscc(A, 3), A, 'continuous', '2020-01-24');
  await firm(uscc(A, 4), A, 'work_resumed', '2020-02-01');
  await status(uscc(A, 4), 'closed', '2020-02-12');
  await firm(uscc(A, 5), A, 'work_resumed', '2020-02-20', { key_enterprise: true });
  await firm(uscc(B, 6), B, 'full_capacity', '2020-02-14', { above_quota_trade: true });
  const u = await s.api('POST', '/api/v1/users', { token: admin, body: { username: 'longtan', password: 'Pass-word-1', roles: ['commander'], region_code: B } });
  assert.equal(u.status, 201);
});
after(async () => { await s?.stop(); });

test('rates follow SPEC §4 with numerators and denominators', async () => {
  const r = await s.api('GET', `/api/v1/stats/rates?region=${A}&date=2020-02-14`, { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.region, A);
  assert.equal(r.body.base, 3);
  assert.equal(r.body.seasonal_excluded, 1);
  assert.deepEqual(r.body.rates.work_resumed, { num: 2, den: 3, rate: 2 / 3, text: '66.7%' });
  assert.equal(r.body.rates.production_resumed.num, 2);
  assert.equal(r.body.rates.full_capacity.num, 1);
  for (const k of ['work_resumed', 'production_resumed', 'full_capacity', 'business_reopened', 'staff_returned', 'capacity_recovered'])
    assert.ok('num' in r.body.rates[k] && 'den' in r.body.rates[k] && 'rate' in r.body.rates[k], k);
  // The day before, A1 had not yet resumed production.
  const before = await s.api('GET', `/api/v1/stats/rates?region=${A}&date=2020-02-13`, { token: admin });
  assert.equal(before.body.rates.production_resumed.num, 1);
  // Subtree: the city includes 龙潭区; a category narrows the base.
  const city = await s.api('GET', '/api/v1/stats/rates?region=220200&date=2020-02-14', { token: admin });
  assert.equal(city.body.base, 4);
  const key = await s.api('GET', '/api/v1/stats/rates?region=220200&date=2020-02-14&category=key_enterprise', { token: admin });
  assert.equal(key.body.base, 2);
  assert.equal(key.body.rates.work_resumed.num, 1);
  const trade = await s.api('GET', '/api/v1/stats/rates?region=220200&date=2020-02-14&category=above_quota_trade', { token: admin });
  assert.equal(trade.body.rates.business_reopened.num, 1);
  const empty = await s.api('GET', '/api/v1/stats/rates?region=220204&date=2020-02-14', { token: admin });
  assert.equal(empty.body.base, 0);
  assert.equal(empty.body.rates.work_resumed.rate, 0);
});

test('a status change moves the figure', async () => {
  const q = `/api/v1/stats/rates?region=${A}&date=2020-02-21`;
  const r1 = await s.api('GET', q, { token: admin });
  await status(uscc(A, 5), 'production_resumed', '2020-02-21');
  const r2 = await s.api('GET', q, { token: admin });
  assert.equal(r2.body.rates.production_resumed.num, r1.body.rates.production_resumed.num + 1);
});

test('drill-down to child regions and to the enterprises behind a count', async () => {
  const kids = await s.api('GET', '/api/v1/stats/rates/children?region=220200&date=2020-02-14', { token: admin });
  const byCode = Object.fromEntries(kids.body.items.map((k) => [k.region, k]));
  assert.equal(byCode[A].base, 3);
  assert.equal(byCode[B].base, 1);
  const list = await s.api('GET', `/api/v1/stats/enterprises?region=${A}&date=2020-02-14&measure=not_work_resumed`, { token: admin });
  assert.equal(list.body.total, 1);
  assert.equal(list.body.items[0].uscc, uscc(A, 5));
  const closed = await s.api('GET', `/api/v1/stats/enterprises?region=${A}&date=2020-02-14&measure=closed`, { token: admin });
  assert.equal(closed.body.items[0].uscc, uscc(A, 4));
  const bad = await s.api('GET', `/api/v1/stats/enterprises?region=${A}&measure=bogus`, { token: admin });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'measure');
});

test('series, forecast and reporting', async () => {
  const series = await s.api('GET', `/api/v1/stats/series?region=${A}&date=2020-02-14&from=2020-02-08`, { token: admin });
  assert.equal(series.body.items.length, 7);
  assert.equal(series.body.items.at(-1).production_resumed.num, 2);
  assert.equal(series.body.items[0].production_resumed.num, 1);
  assert.equal(series.body.items[0].work_resumed.num, 2); // A3 and A4, before A4 closed
  const fc = await s.api('GET', `/api/v1/stats/forecast?region=${A}&date=2020-02-14`, { token: admin });
  assert.equal(fc.status, 200);
  assert.equal(fc.body.points.length, 14);
  const rep = await s.api('GET', `/api/v1/stats/reporting?region=${A}&date=2020-02-14`, { token: admin });
  assert.equal(rep.status, 200);
  assert.equal(rep.body.expected, 2); // open and not seasonal: A1 and A3
});

test('bulletin with the seeds rounding, templates with checked placeholders', async () => {
  const b = await s.api('GET', `/api/v1/stats/bulletin?region=${A}&date=2020-02-14`, { token: admin });
  assert.equal(b.status, 200, b.text);
  assert.match(b.body.text, /^截至2月14日，全区/);
  assert.match(b.body.text, /复产率达到66.7%/);
  const p = await s.api('POST', '/api/v1/stats/bulletin/preview', { token: admin, body: { region: A, date: '2020-02-14', body: '{base}户中{production_resumed}户复产，复产率{production_resumed.pct}' } });
  assert.equal(p.body.text, '3户中2户复产，复产率66.7%');
  const bad = await s.api('POST', '/api/v1/stats/bulletin-templates', { token: admin, body: { name: '坏模板', body: '复工率{no_such_thing}' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'unknown_placeholder');
  assert.equal(bad.body.field, 'body');
  const list0 = await s.api('GET', '/api/v1/stats/bulletin-templates', { token: admin });
  const ok = await s.api('POST', '/api/v1/stats/bulletin-templates', { token: admin, body: { name: '简版', body: '{scope}复工率{work_resumed.pct}' } });
  assert.equal(ok.status, 201, ok.text);
  const list1 = await s.api('GET', '/api/v1/stats/bulletin-templates', { token: admin });
  assert.equal(list1.body.items.length, list0.body.items.length + 1);
  const t = await s.api('GET', `/api/v1/stats/bulletin?region=${A}&date=2020-02-14&template=${ok.body.id}`, { token: admin });
  assert.equal(t.body.text, '全区复工率66.7%');
  const txt = await fetch(s.base + `/api/v1/stats/bulletin?region=${A}&date=2020-02-14&format=txt`, { headers: { authorization: 'Bearer ' + admin } });
  assert.match(txt.headers.get('content-disposition'), /attachment/);
});

test('report forms download as XLSX', async () => {
  for (const form of ['regions', 'not_resumed']) {
    const r = await fetch(s.base + `/api/v1/stats/report-forms?form=${form}&region=220200&date=2020-02-14`, { headers: { authorization: 'Bearer ' + admin } });
    assert.equal(r.status, 200);
    assert.equal(Buffer.from(await r.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  }
});

test('bad input and scope: clear 4xx', async () => {
  const cases = [
    [`/api/v1/stats/rates?region=${A}&date=2020-13-01`, 400, 'date'],
    [`/api/v1/stats/rates?region=${A}&date=2999-01-01`, 400, 'date'],
    [`/api/v1/stats/rates?region=${A}&date=2019-01-01`, 400, 'date'],
    [`/api/v1/stats/rates?region=${A}&category=unicorns`, 400, 'category'],
    ['/api/v1/stats/rates?region=999999', 404, 'region'],
  ];
  for (const [path, status, field] of cases) {
    const r = await s.api('GET', path, { token: admin });
    assert.equal(r.status, status, path + ' ' + r.text);
    assert.equal(r.body.field, field, path);
  }
  const lt = await s.login('longtan', 'Pass-word-1');
  const own = await s.api('GET', '/api/v1/stats/rates?date=2020-02-14', { token: lt });
  assert.equal(own.status, 200);
  assert.equal(own.body.region, B);
  const other = await s.api('GET', `/api/v1/stats/rates?region=${A}&date=2020-02-14`, { token: lt });
  assert.equal(other.status, 403);
  const kids = await s.api('GET', `/api/v1/stats/enterprises?region=220200&measure=base`, { token: lt });
  assert.equal(kids.status, 403);
});
