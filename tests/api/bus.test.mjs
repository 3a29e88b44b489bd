// Commuter buses API (定制公交, SPEC §3.10): enterprises declare riders by home area and shift (bad input
// refused naming the field, re-declaring replaces); the operator (交通运输局; another department 403)
// defines routes with stops, shifts and served enterprises; which demand a route serves and the totals
// (routes, daily trips, seats, riders declared / served / unserved) with known answers; scope; exports.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc } from '../lib/harness.mjs';

const NOW = '2020-02-10T10:30:00+08:00';
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const e1 = uscc(A, 601), e2 = uscc(A, 602), eb = uscc(B, 603);
const PW = 'Bus-pass-2020';
let s, admin, ent1, ent2, operator, health, cmdB, townA1, townA2, townB1;

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

async function totals(token = operator, region = '') {
  const r = await s.api('GET', `/api/v1/bus/totals${region ? `?region=${region}` : ''}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[e1, A], [e2, A], [eb, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: { uscc: code,
      name: `公交测试制造${code.slice(-4)}有限公司`, region_code: region, industry_code: '13', size: 'medium', employees: 300,
      work_status: 'work_resumed', status_date: '2020-02-03', contact: '王伟', phone: '043262010000' } });
    assert.equal(r.status, 201, r.text);
  }
  const towns = async (code) => (await s.api('GET', `/api/v1/regions?parent=${code}`, { token: admin })).body;
  const ta = await towns(A), tb = await towns(B);
  const list = (x) => (Array.isArray(x) ? x : x.items);
  [townA1, townA2] = list(ta).map((r) => r.code);
  [townB1] = list(tb).map((r) => r.code);
  assert.ok(townA1 && townA2 && townB1, JSON.stringify(ta).slice(0, 200));
  ent1 = await user('bus_ent1', ['enterprise'], { enterprise_uscc: e1 });
  ent2 = await user('bus_ent2', ['enterprise'], { enterprise_uscc: e2 });
  operator = await user('bus_operator', ['department'], { region_code: A, department: '交通运输局' });
  health = await user('bus_health', ['department'], { region_code: A, department: '卫生健康委员会' });
  cmdB = await user('bus_cmd_b', ['commander'], { region_code: B });
});

after(async () => { await s?.stop(); });

test('enterprises declare riders by home area and shift; bad input names the field', async () => {
  const bad = [
    [{ home_region_code: townA1, shift_start: '7:30', riders: 10 }, 'shift_start'],
    [{ home_region_code: townA1, shift_start: '07:30', riders: 0 }, 'riders'],
    [{ home_region_code: '220000', shift_start: '07:30', riders: 5 }, 'home_region_code'],
    [{ home_region_code: '999999', shift_start: '07:30', riders: 5 }, 'home_region_code'],
    [{ shift_start: '07:30', riders: 5 }, 'home_region_code'],
  ];
  for (const [body, field] of bad) {
    const r = await s.api('POST', '/api/v1/bus/demands', { token: ent1, body });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, field, r.text);
  }
  assert.equal((await s.api('GET', '/api/v1/bus/demands', { token: ent1 })).body.total, 0);
  for (const [token, body] of [
    [ent1, { home_region_code: townA1, home_area: '东山小区', shift_start: '07:30', riders: 40 }],
    [ent1, { home_region_code: townA2, shift_start: '07:30', riders: 25 }],
    [ent1, { home_region_code: townA1, home_area: '东山小区', shift_start: '19:30', riders: 15 }],
    [ent2, { home_region_code: townB1, shift_start: '08:00', riders: 30 }],
  ]) {
    const r = await s.api('POST', '/api/v1/bus/demands', { token, body });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.served, false);
  }
  // The same area and shift again replaces the riders.
  const again = await s.api('POST', '/api/v1/bus/demands', { token: ent1, body: { home_region_code: townA1, home_area: '东山小区', shift_start: '07:30', riders: 45 } });
  assert.equal(again.body.riders, 45);
  assert.equal((await s.api('GET', '/api/v1/bus/demands', { token: ent1 })).body.total, 3);
  assert.equal((await s.api('GET', '/api/v1/bus/demands', { token: ent2 })).body.total, 1);
  assert.equal((await s.api('GET', '/api/v1/bus/demands', { token: cmdB })).body.total, 0);
});

let route;
test('the operator defines a route; other departments and bad routes are refused', async () => {
  const good = { name: '昌邑1号线', daily_trips: 4, seats: 45, shifts: ['07:30'], enterprises: [e1, e2],
    stops: [{ name: '东山小区', region_code: townA1, time: '06:40' }, { name: '工业园区', region_code: A, time: '07:15' }] };
  assert.equal((await s.api('POST', '/api/v1/bus/routes', { token: health, body: good })).status, 403);
  assert.equal((await s.api('POST', '/api/v1/bus/routes', { token: ent1, body: good })).status, 403);
  const cases = [
    [{ stops: good.stops.slice(0, 1) }, 'stops'],
    [{ stops: [good.stops[0], { ...good.stops[1], time: '06:00' }] }, 'stops[1].time'],
    [{ stops: [good.stops[0], { ...good.stops[1], region_code: '1' }] }, 'stops[1].region_code'],
    [{ enterprises: [eb] }, 'enterprises[0]'], // another district's enterprise
    [{ shifts: ['7:3'] }, 'shifts[0]'],
    [{ seats: 0 }, 'seats'],
  ];
  for (const [over, field] of cases) {
    const r = await s.api('POST', '/api/v1/bus/routes', { token: operator, body: { ...good, ...over } });
    assert.equal(r.status, 400, `${JSON.stringify(over)}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
  }
  assert.equal((await s.api('GET', '/api/v1/bus/routes', { token: operator })).body.total, 0);
  const r = await s.api('POST', '/api/v1/bus/routes', { token: operator, body: good });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.capacity, 180);
  route = r.body;
});

test('riders served: the demands whose area, shift and enterprise a route serves', async () => {
  // Served: e1 townA1 07:30 (45) via the stop in townA1; e1 townA2 07:30 (25) via the stop for the whole
  // district. Not served: e1 19:30 (another shift), e2 townB1 (no stop in 龙潭区).
  let t = await totals();
  assert.deepEqual([t.routes, t.daily_trips, t.seats, t.declared, t.served, t.unserved], [1, 4, 180, 115, 70, 45]);
  const list = await s.api('GET', '/api/v1/bus/demands', { token: operator });
  const served = list.body.items.filter((d) => d.served).map((d) => d.riders).sort();
  assert.deepEqual(served, [25, 45]);
  assert.equal(list.body.items.find((d) => d.served).route_name, '昌邑1号线');
  const routes = await s.api('GET', '/api/v1/bus/routes', { token: operator });
  assert.equal(routes.body.items[0].riders, 70);
  // Any shift and a stop in 龙潭区: everything is served.
  const upd = await s.api('PUT', `/api/v1/bus/routes/${route.id}`, { token: operator, body: { name: '昌邑1号线',
    daily_trips: 6, seats: 45, shifts: [], enterprises: [e1, e2], stops: [...route.stops.map(({ name, region_code, time }) => ({ name, region_code, time })),
      { name: '龙潭站', region_code: townB1, time: '07:40' }] } });
  assert.equal(upd.status, 200, upd.text);
  t = await totals();
  assert.deepEqual([t.daily_trips, t.seats, t.served, t.unserved], [6, 270, 115, 0]);
  // The enterprise sees the route serving it; a district that it does not serve sees nothing.
  assert.equal((await s.api('GET', '/api/v1/bus/routes', { token: ent2 })).body.total, 1);
  assert.equal((await s.api('GET', '/api/v1/bus/routes', { token: cmdB })).body.total, 0);
  assert.equal((await s.api('GET', `/api/v1/bus/routes/${route.id}`, { token: cmdB })).status, 404);
  assert.equal((await s.api('GET', '/api/v1/bus/totals', { token: health })).status, 403);
});

test('exports of demands and routes', async () => {
  for (const [path, header] of [['/api/v1/bus/demands/export?format=csv', '乘车人数'], ['/api/v1/bus/routes/export?format=csv', '日运力']]) {
    const r = await fetch(s.base + path, { headers: { authorization: 'Bearer ' + operator } });
    assert.equal(r.status, 200);
    const text = await r.text();
    assert.match(text, new RegExp(header));
    assert.match(text, /昌邑1号线/);
  }
  const bad = await s.api('GET', '/api/v1/bus/routes/export?format=pdf', { token: operator });
  assert.equal(bad.status, 400);
});
