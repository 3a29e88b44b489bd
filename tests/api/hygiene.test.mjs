// Site hygiene API: areas with disinfection schedules, disinfection records
// (validation per field, nothing changed by a rejected request), the day's
// rounds with missing slots, the government's warning list, the enterprise
// summary for inspections, export, isolation and observation rooms with
// capacity and occupants, scope (another enterprise's objects are 404) and
// that no person's name is logged.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ENGINE, startServer, uscc } from '../lib/harness.mjs';

const TODAY = '2020-02-10';
const NOW = `${TODAY}T10:30:00+08:00`;
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const firmA = uscc(A, 21);
const firmB = uscc(B, 22);
const PW = 'Pass-word-1';

function idNumber(region, birth, serial) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = region + birth + String(serial).padStart(3, '0');
  const sum = [...s].reduce((acc, c, i) => acc + Number(c) * W[i], 0);
  return s + '10X98765432'[sum % 11];
}

let s;
let admin, entA, entB, verA, healthA, healthB, inspA;
let siteA, siteB, siteA2;
let lobby, lift, storeroom, areaB;
let empA, empA2, empB;

function enterprise(code, region) {
  return { uscc: code, name: `消杀测试企业${code.slice(-4)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 80, work_status: 'work_resumed', status_date: '2020-02-05', contact: '王伟', phone: '043262010000' };
}

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

const hourly = { interval_minutes: 60, window_start: '08:00', window_end: '22:00' };

async function record(token, area, body) {
  return s.api('POST', `/api/v1/areas/${area}/disinfections`, { token, body });
}

async function count(site, date = TODAY) {
  const r = await s.api('GET', `/api/v1/sites/${site}/disinfections?date=${date}&size=1`, { token: admin });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[firmA, A], [firmB, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(code, region) });
    assert.equal(r.status, 201, r.text);
  }
  entA = await user('hy_ent_a', ['enterprise'], { enterprise_uscc: firmA });
  entB = await user('hy_ent_b', ['enterprise'], { enterprise_uscc: firmB });
  verA = await user('hy_gate_a', ['verifier'], { enterprise_uscc: firmA });
  healthA = await user('hy_health_a', ['department'], { region_code: A, department: '卫生健康委员会' });
  healthB = await user('hy_health_b', ['department'], { region_code: B, department: '卫生健康委员会' });
  inspA = await user('hy_insp_a', ['inspector'], { region_code: A });
  let r = await s.api('POST', `/api/v1/enterprises/${firmA}/sites`, { token: entA, body: { name: '商场主楼' } });
  assert.equal(r.status, 201, r.text);
  siteA = r.body.id;
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/sites`, { token: entA, body: { name: '东门' } });
  siteA2 = r.body.id;
  r = await s.api('POST', `/api/v1/enterprises/${firmB}/sites`, { token: entB, body: { name: '正门' } });
  siteB = r.body.id;
  for (const [token, firm, body, set] of [
    [entA, firmA, { name: '张伟', id_number: idNumber(A, '19900307', 123) }, (id) => { empA = id; }],
    [entA, firmA, { name: '李娜', id_number: idNumber(A, '19910101', 124) }, (id) => { empA2 = id; }],
    [entB, firmB, { name: '王强', id_number: idNumber(B, '19920101', 125) }, (id) => { empB = id; }],
  ]) {
    r = await s.api('POST', `/api/v1/enterprises/${firm}/employees`, { token, body });
    assert.equal(r.status, 201, r.text);
    set(r.body.id);
  }
});

after(async () => { await s?.stop(); });

test(`areas: created with and without a schedule, listed, validated (${ENGINE})`, async () => {
  let r = await s.api('POST', `/api/v1/sites/${siteA}/areas`, { token: entA, body: { name: '大厅', schedule: hourly } });
  assert.equal(r.status, 201, r.text);
  lobby = r.body.id;
  assert.deepEqual(r.body.schedule, hourly);
  assert.equal(r.body.site_id, siteA);
  assert.equal(r.body.active, true);
  r = await s.api('POST', `/api/v1/sites/${siteA}/areas`, { token: entA, body: { name: '电梯', schedule: { interval_minutes: 120 } } });
  assert.equal(r.status, 201, r.text);
  lift = r.body.id;
  assert.deepEqual(r.body.schedule, { interval_minutes: 120, window_start: '00:00', window_end: '24:00' });
  r = await s.api('POST', `/api/v1/sites/${siteA}/areas`, { token: entA, body: { name: '库房' } });
  assert.equal(r.status, 201, r.text);
  storeroom = r.body.id;
  assert.equal(r.body.schedule, null);
  r = await s.api('POST', `/api/v1/sites/${siteB}/areas`, { token: entB, body: { name: '大厅', schedule: hourly } });
  assert.equal(r.status, 201, r.text);
  areaB = r.body.id;

  const bad = [
    [{}, 400, 'name', 'required'],
    [{ name: '   ' }, 400, 'name', 'required'],
    [{ name: '很长'.repeat(16) }, 400, 'name', 'too_long'],
    [{ name: 'x', schedule: 'hourly' }, 400, 'schedule', 'invalid_type'],
    [{ name: 'x', schedule: {} }, 400, 'schedule.interval_minutes', 'required'],
    [{ name: 'x', schedule: { interval_minutes: 5 } }, 400, 'schedule.interval_minutes', 'out_of_range'],
    [{ name: 'x', schedule: { interval_minutes: 60, window_start: '25:00' } }, 400, 'schedule.window_start', 'invalid_time'],
    [{ name: 'x', schedule: { interval_minutes: 60, window_start: '10:00', window_end: '09:00' } }, 400, 'schedule.window_end', 'invalid_range'],
    [{ name: 'x', schedule: { interval_minutes: 60, every: 1 } }, 400, 'schedule.every', 'unknown_field'],
    [{ name: 'x', colour: 'red' }, 400, 'colour', 'unknown_field'],
    [{ name: '大厅' }, 409, 'name', 'duplicate_area'],
  ];
  for (const [body, status, field, code] of bad) {
    r = await s.api('POST', `/api/v1/sites/${siteA}/areas`, { token: entA, body });
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    assert.equal(r.body.code, code, r.text);
  }
  r = await s.api('GET', `/api/v1/sites/${siteA}/areas`, { token: entA });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((a) => a.name), ['大厅', '电梯', '库房']);
  // Read by the district's department and inspector, and by the gate's verifier.
  for (const token of [healthA, inspA, verA]) assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/areas`, { token })).status, 200);
  // Nobody creates areas without hygiene:manage.
  assert.equal((await s.api('POST', `/api/v1/sites/${siteA}/areas`, { token: verA, body: { name: 'y' } })).status, 403);
  assert.equal((await s.api('POST', `/api/v1/sites/${siteA}/areas`, { token: healthA, body: { name: 'y' } })).status, 403);
});

test('areas: another enterprise\'s or district\'s site is 404', async () => {
  assert.equal((await s.api('POST', `/api/v1/sites/${siteA}/areas`, { token: entB, body: { name: '越权' } })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/areas`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/areas`, { token: healthB })).status, 404);
  assert.equal((await s.api('GET', '/api/v1/sites/999999/areas', { token: entA })).status, 404);
  assert.equal((await s.api('GET', '/api/v1/sites/abc/areas', { token: entA })).status, 404);
  assert.equal((await s.api('PUT', `/api/v1/areas/${lobby}`, { token: entB, body: { name: '越权' } })).status, 404);
  const r = await s.api('GET', `/api/v1/sites/${siteA}/areas`, { token: entA });
  assert.ok(!r.body.items.some((a) => a.name === '越权'));
});

test('areas: rename, change the schedule, deactivate and back', async () => {
  let r = await s.api('POST', `/api/v1/sites/${siteA}/areas`, { token: entA, body: { name: '卫生间' } });
  const wc = r.body.id;
  r = await s.api('PUT', `/api/v1/areas/${wc}`, { token: entA, body: { name: '一楼卫生间', schedule: { interval_minutes: 30, window_start: '09:00', window_end: '21:00' } } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, '一楼卫生间');
  assert.deepEqual(r.body.schedule, { interval_minutes: 30, window_start: '09:00', window_end: '21:00' });
  r = await s.api('PUT', `/api/v1/areas/${wc}`, { token: entA, body: { name: '大厅' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'duplicate_area');
  r = await s.api('PUT', `/api/v1/areas/${wc}`, { token: entA, body: { schedule: { interval_minutes: 0 } } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'schedule.interval_minutes');
  r = await s.api('PUT', `/api/v1/areas/${wc}`, { token: entA, body: { active: 'no' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'active');
  r = await s.api('PUT', `/api/v1/areas/${wc}`, { token: entA, body: { schedule: null, active: false } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.schedule, null);
  assert.equal(r.body.active, false);
  assert.equal(r.body.name, '一楼卫生间', 'a rejected change changed nothing');
  r = await s.api('GET', `/api/v1/sites/${siteA}/areas`, { token: entA });
  assert.ok(!r.body.items.some((a) => a.id === wc), 'inactive areas are left out');
  r = await s.api('GET', `/api/v1/sites/${siteA}/areas?inactive=1`, { token: entA });
  assert.ok(r.body.items.some((a) => a.id === wc && !a.active));
  // No rounds can be recorded in an inactive area.
  r = await record(entA, wc, { agent: '84消毒液', person: '王秀英' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'area_inactive');
});

test('disinfections: recorded, validated per field, rejected ones change nothing', async () => {
  let r = await record(entA, lobby, { at: `${TODAY}T08:10:00+08:00`, agent: '84消毒液', method: '擦拭', concentration: '500mg/L', person: '王秀英', note: '前台、扶手' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.at, `${TODAY}T08:10:00+08:00`);
  assert.equal(r.body.date, TODAY);
  assert.equal(r.body.area_name, '大厅');
  assert.equal(r.body.person, '王秀英');
  // Default time: now. Recorded by the gate's verifier.
  r = await record(verA, lobby, { agent: '75%酒精', person: '李桂兰' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.at, NOW);
  // A time in UTC is stored in Beijing time; exactly on a slot boundary.
  r = await record(entA, lift, { at: `${TODAY}T01:00:00Z`, agent: '84消毒液', person: '张建国' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.at, `${TODAY}T09:00:00+08:00`);
  // Yesterday's round, entered late.
  r = await record(entA, lobby, { at: '2020-02-09T12:15:00+08:00', agent: '84消毒液', person: '王秀英' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.date, '2020-02-09');

  const before = await count(siteA);
  const bad = [
    [{ person: '王秀英' }, 'agent', 'required'],
    [{ agent: '84消毒液' }, 'person', 'required'],
    [{ agent: '', person: '王秀英' }, 'agent', 'required'],
    [{ agent: 'x'.repeat(51), person: '王秀英' }, 'agent', 'too_long'],
    [{ agent: '84消毒液', person: '王秀英', note: 'x'.repeat(201) }, 'note', 'too_long'],
    [{ agent: '84消毒液', person: '王秀英', at: `${TODAY}T11:00:00+08:00` }, 'at', 'in_future'],
    [{ agent: '84消毒液', person: '王秀英', at: '2020-02-02T09:00:00+08:00' }, 'at', 'too_old'],
    [{ agent: '84消毒液', person: '王秀英', at: 'yesterday' }, 'at', 'invalid_timestamp'],
    [{ agent: '84消毒液', person: '王秀英', at: 5 }, 'at', 'invalid_type'],
    [{ agent: '84消毒液', person: '王秀英', colour: 'red' }, 'colour', 'unknown_field'],
  ];
  for (const [body, field, code] of bad) {
    r = await record(entA, lobby, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    assert.equal(r.body.code, code, r.text);
  }
  r = await s.api('POST', `/api/v1/areas/${lobby}/disinfections`, { token: entA, raw: '{', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  assert.equal(await count(siteA), before, 'rejected requests recorded nothing');
  // Scope and permissions.
  assert.equal((await record(entB, lobby, { agent: '84消毒液', person: '越权' })).status, 404);
  assert.equal((await record(healthA, lobby, { agent: '84消毒液', person: '越权' })).status, 403);
  assert.equal((await record(entA, areaB, { agent: '84消毒液', person: '越权' })).status, 404);
  assert.equal((await record(entA, 999999, { agent: '84消毒液', person: '越权' })).status, 404);
  assert.equal(await count(siteA), before);
});

test('disinfections: listed by date and area, exported', async () => {
  let r = await s.api('GET', `/api/v1/sites/${siteA}/disinfections?date=${TODAY}`, { token: entA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 3);
  assert.equal(r.body.date, TODAY);
  assert.deepEqual(r.body.items.map((d) => d.at), [NOW, `${TODAY}T09:00:00+08:00`, `${TODAY}T08:10:00+08:00`], 'latest first');
  r = await s.api('GET', `/api/v1/sites/${siteA}/disinfections?date=${TODAY}&area=${lift}`, { token: entA });
  assert.equal(r.body.total, 1);
  r = await s.api('GET', `/api/v1/sites/${siteA}/disinfections?date=2020-02-09`, { token: healthA });
  assert.equal(r.body.total, 1);
  r = await s.api('GET', `/api/v1/sites/${siteA}/disinfections?date=${TODAY}&size=1&page=2`, { token: entA });
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.items[0].at, `${TODAY}T09:00:00+08:00`);
  r = await s.api('GET', `/api/v1/sites/${siteA}/disinfections?date=2020-02-30`, { token: entA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'date');
  r = await s.api('GET', `/api/v1/sites/${siteA}/disinfections?area=x`, { token: entA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'area');
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/disinfections`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/disinfections`, { token: healthB })).status, 404);

  r = await s.api('GET', `/api/v1/sites/${siteA}/disinfections/export?date=${TODAY}&format=csv`, { token: entA });
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /text\/csv/);
  const lines = r.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.match(lines[0], /区域/);
  assert.equal(lines.length, 4);
  assert.ok(lines.some((l) => l.includes('王秀英') && l.includes('500mg/L')));
  const x = await fetch(`${s.base}/api/v1/sites/${siteA}/disinfections/export?date=${TODAY}`, { headers: { authorization: 'Bearer ' + entA } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const bytes = new Uint8Array(await x.arrayBuffer());
  assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK');
  r = await s.api('GET', `/api/v1/sites/${siteA}/disinfections/export?format=pdf`, { token: entA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'format');
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/disinfections/export`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/disinfections/export`, { token: verA })).status, 403);
});

test('rounds: expected so far, done, missing slots and the last record', async () => {
  let r = await s.api('GET', `/api/v1/sites/${siteA}/hygiene?date=${TODAY}`, { token: entA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.date, TODAY);
  const byName = Object.fromEntries(r.body.areas.map((a) => [a.name, a]));
  // 大厅 hourly 08-22, now 10:30: 08 done (08:10), 09 missing, 10 running and done (10:30).
  const l = byName['大厅'];
  assert.equal(l.expected, 3);
  assert.equal(l.done, 2);
  assert.equal(l.missing, 1);
  assert.deepEqual(l.missing_slots, [{ start: '09:00', end: '10:00' }]);
  assert.equal(l.slots.length, 14);
  assert.deepEqual(l.slots.slice(0, 4).map((x) => x.state), ['done', 'missing', 'done', 'upcoming']);
  assert.equal(l.records, 2);
  assert.deepEqual(l.last_record, { at: NOW, agent: '75%酒精', person: '李桂兰' });
  // 电梯 every 2 h all day: 00-02, 02-04, 04-06, 06-08 missing; 08-10 done at 09:00 exactly; 10-12 due.
  const lf = byName['电梯'];
  assert.equal(lf.slots.length, 12);
  assert.equal(lf.missing, 4);
  assert.equal(lf.done, 1);
  assert.equal(lf.slots[4].state, 'done');
  assert.equal(lf.slots[5].state, 'due');
  // 库房: no schedule, no rounds.
  assert.equal(byName['库房'].schedule, null);
  assert.equal(byName['库房'].expected, 0);
  assert.deepEqual(byName['库房'].slots, []);
  assert.equal(r.body.missing, 5);

  // Yesterday: the whole window has passed; one record at 12:15.
  r = await s.api('GET', `/api/v1/sites/${siteA}/hygiene?date=2020-02-09`, { token: entA });
  const y = r.body.areas.find((a) => a.name === '大厅');
  assert.equal(y.expected, 14);
  assert.equal(y.done, 1);
  assert.equal(y.missing, 13);
  // Tomorrow: nothing is due yet; the last record is today's.
  r = await s.api('GET', `/api/v1/sites/${siteA}/hygiene?date=2020-02-11`, { token: entA });
  const t = r.body.areas.find((a) => a.name === '大厅');
  assert.equal(t.expected, 0);
  assert.equal(t.missing, 0);
  assert.equal(t.last_record.at, NOW);

  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/hygiene?date=20200210`, { token: entA })).body.field, 'date');
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/hygiene`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/hygiene`, { token: healthA })).status, 200);
});

test('warnings: missing rounds in the government user\'s scope only', async () => {
  let r = await s.api('GET', `/api/v1/hygiene/warnings?date=${TODAY}`, { token: healthA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 2);
  assert.deepEqual(r.body.items.map((w) => w.name), ['电梯', '大厅'], 'most missing first');
  const w = r.body.items[1];
  assert.equal(w.enterprise_uscc, firmA);
  assert.equal(w.site_id, siteA);
  assert.equal(w.site_name, '商场主楼');
  assert.equal(w.missing, 1);
  assert.equal(w.last_record.at, NOW);
  assert.equal(r.body.scheduled_areas, 2);
  assert.equal(r.body.areas_missing, 2);
  assert.equal(r.body.missing_rounds, 5);
  assert.equal(r.body.enterprises_missing, 1);
  // District B: its own lobby has missed 08 and 09.
  r = await s.api('GET', `/api/v1/hygiene/warnings?date=${TODAY}`, { token: healthB });
  assert.equal(r.body.total, 1);
  assert.equal(r.body.items[0].enterprise_uscc, firmB);
  assert.equal(r.body.items[0].missing, 2);
  // The inspector of A reads A; the admin narrows by region.
  r = await s.api('GET', `/api/v1/hygiene/warnings?date=${TODAY}`, { token: inspA });
  assert.equal(r.body.total, 2);
  r = await s.api('GET', `/api/v1/hygiene/warnings?date=${TODAY}&region=${B}`, { token: admin });
  assert.equal(r.body.total, 1);
  r = await s.api('GET', `/api/v1/hygiene/warnings?date=${TODAY}&region=220200`, { token: admin });
  assert.equal(r.body.total, 3);
  r = await s.api('GET', `/api/v1/hygiene/warnings?date=${TODAY}&region=${B}`, { token: healthA });
  assert.equal(r.body.total, 0, 'a region outside the scope adds nothing');
  r = await s.api('GET', `/api/v1/hygiene/warnings?date=${TODAY}&size=1&page=2`, { token: healthA });
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.items[0].name, '大厅');
  // Before 08:00 nothing is missing at the lobby.
  r = await s.api('GET', '/api/v1/hygiene/warnings?date=2020-02-11', { token: healthA });
  assert.equal(r.body.total, 0);
  r = await s.api('GET', '/api/v1/hygiene/warnings?region=999999', { token: admin });
  assert.equal(r.status, 404);
  assert.equal(r.body.field, 'region');
  r = await s.api('GET', '/api/v1/hygiene/warnings?date=x', { token: healthA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'date');
  assert.equal((await s.api('GET', '/api/v1/hygiene/warnings', { token: entA })).status, 403);
  assert.equal((await s.api('GET', '/api/v1/hygiene/warnings', { token: verA })).status, 403);
});

let room, obs;

test('rooms: created, validated, listed with occupancy; scope', async () => {
  let r = await s.api('POST', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: entA, body: { name: '隔离室1', kind: 'isolation', capacity: 1, site: siteA, note: '一层西侧' } });
  assert.equal(r.status, 201, r.text);
  room = r.body.id;
  assert.equal(r.body.kind, 'isolation');
  assert.equal(r.body.capacity, 1);
  assert.equal(r.body.occupied, 0);
  assert.equal(r.body.site_name, '商场主楼');
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: entA, body: { name: '留观室', kind: 'observation', capacity: 3 } });
  assert.equal(r.status, 201, r.text);
  obs = r.body.id;
  assert.equal(r.body.site_id, null);

  const bad = [
    [{ kind: 'isolation', capacity: 1 }, 400, 'name', 'required'],
    [{ name: 'x', kind: 'ward', capacity: 1 }, 400, 'kind', 'invalid_value'],
    [{ name: 'x', capacity: 1 }, 400, 'kind', 'required'],
    [{ name: 'x', kind: 'isolation' }, 400, 'capacity', 'required'],
    [{ name: 'x', kind: 'isolation', capacity: 0 }, 400, 'capacity', 'out_of_range'],
    [{ name: 'x', kind: 'isolation', capacity: 501 }, 400, 'capacity', 'out_of_range'],
    [{ name: 'x', kind: 'isolation', capacity: 1.5 }, 400, 'capacity', 'invalid_type'],
    [{ name: 'x', kind: 'isolation', capacity: 1, site: siteB }, 404, 'site', 'unknown_site'],
    [{ name: 'x', kind: 'isolation', capacity: 1, beds: 2 }, 400, 'beds', 'unknown_field'],
    [{ name: '隔离室1', kind: 'isolation', capacity: 2 }, 409, 'name', 'duplicate_room'],
  ];
  for (const [body, status, field, code] of bad) {
    r = await s.api('POST', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: entA, body });
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    assert.equal(r.body.code, code, r.text);
  }
  r = await s.api('GET', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: entA });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((x) => x.name), ['隔离室1', '留观室']);
  assert.equal(r.body.capacity, 4);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: healthA })).status, 200);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: healthB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: verA })).status, 403);
  assert.equal((await s.api('POST', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: entB, body: { name: 'y', kind: 'isolation', capacity: 1 } })).status, 404);
  assert.equal((await s.api('POST', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: healthA, body: { name: 'y', kind: 'isolation', capacity: 1 } })).status, 403);
  assert.equal((await s.api('GET', `/api/v1/isolation-rooms/${room}`, { token: entB })).status, 404);
});

test('occupants: capacity, employees of the room\'s enterprise only, release', async () => {
  let r = await s.api('POST', `/api/v1/isolation-rooms/${room}/occupants`, { token: entA, body: { employee_id: empA, reason: '外省返岗，集中观察' } });
  assert.equal(r.status, 201, r.text);
  const first = r.body.id;
  assert.equal(r.body.person_name, '张伟');
  assert.equal(r.body.since, NOW);
  assert.equal(r.body.current, true);
  // Full at capacity: 409, nothing changed.
  r = await s.api('POST', `/api/v1/isolation-rooms/${room}/occupants`, { token: entA, body: { person_name: '访客甲', reason: '发热' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'room_full');
  // The same employee cannot be in two rooms.
  r = await s.api('POST', `/api/v1/isolation-rooms/${obs}/occupants`, { token: entA, body: { employee_id: empA, reason: '重复' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'already_in_room');
  // Another enterprise's employee, or an unknown one: 404.
  r = await s.api('POST', `/api/v1/isolation-rooms/${obs}/occupants`, { token: entA, body: { employee_id: empB, reason: '越权' } });
  assert.equal(r.status, 404, r.text);
  assert.equal(r.body.field, 'employee_id');
  r = await s.api('POST', `/api/v1/isolation-rooms/${obs}/occupants`, { token: entA, body: { employee_id: 999999, reason: 'x' } });
  assert.equal(r.status, 404);
  const bad = [
    [{ reason: '发热' }, 'person_name', 'employee_or_name'],
    [{ employee_id: empA2, person_name: '李娜', reason: '发热' }, 'person_name', 'employee_or_name'],
    [{ person_name: '访客乙' }, 'reason', 'required'],
    [{ person_name: '访客乙', reason: '发热', since: 'now' }, 'since', 'invalid_timestamp'],
    [{ person_name: '访客乙', reason: '发热', since: `${TODAY}T12:00:00+08:00` }, 'since', 'in_future'],
    [{ person_name: '访客乙', reason: '发热', bed: 1 }, 'bed', 'unknown_field'],
    [{ employee_id: 'x', reason: '发热' }, 'employee_id', 'invalid_type'],
  ];
  for (const [body, field, code] of bad) {
    r = await s.api('POST', `/api/v1/isolation-rooms/${obs}/occupants`, { token: entA, body });
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    assert.equal(r.body.code, code, r.text);
  }
  r = await s.api('POST', `/api/v1/isolation-rooms/${obs}/occupants`, { token: entA, body: { person_name: '访客乙', reason: '门岗测温37.6℃', since: `${TODAY}T09:40:00+08:00` } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.employee_id, null);
  assert.equal((await s.api('POST', `/api/v1/isolation-rooms/${obs}/occupants`, { token: entB, body: { person_name: '越权', reason: 'x' } })).status, 404);
  assert.equal((await s.api('POST', `/api/v1/isolation-rooms/${obs}/occupants`, { token: healthA, body: { person_name: '越权', reason: 'x' } })).status, 403);

  r = await s.api('GET', `/api/v1/enterprises/${firmA}/isolation-rooms`, { token: entA });
  assert.deepEqual(r.body.items.map((x) => [x.occupied, x.available]), [[1, 0], [1, 2]]);
  assert.equal(r.body.occupied, 2);
  // Capacity cannot drop below the occupants; an occupied room stays active.
  r = await s.api('PUT', `/api/v1/isolation-rooms/${room}`, { token: entA, body: { capacity: 0 } });
  assert.equal(r.status, 400);
  r = await s.api('PUT', `/api/v1/isolation-rooms/${obs}`, { token: entA, body: { capacity: 2, name: '留观室A' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, '留观室A');
  r = await s.api('PUT', `/api/v1/isolation-rooms/${room}`, { token: entA, body: { active: false, name: '改名' } });
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'occupied');
  assert.equal((await s.api('GET', `/api/v1/isolation-rooms/${room}`, { token: entA })).body.name, '隔离室1', 'the refused change changed nothing');

  r = await s.api('GET', `/api/v1/isolation-rooms/${room}/occupants?current=1`, { token: healthA });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((o) => o.person_name), ['张伟']);
  assert.equal((await s.api('GET', `/api/v1/isolation-rooms/${room}/occupants`, { token: entB })).status, 404);
  // Release: the place is free again; twice is a conflict.
  assert.equal((await s.api('POST', `/api/v1/occupants/${first}/release`, { token: entB, body: {} })).status, 404);
  r = await s.api('POST', `/api/v1/occupants/${first}/release`, { token: entA, body: { note: '复测正常，解除' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.current, false);
  assert.equal(r.body.released_at, NOW);
  r = await s.api('POST', `/api/v1/occupants/${first}/release`, { token: entA });
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'already_released');
  r = await s.api('GET', `/api/v1/isolation-rooms/${room}`, { token: entA });
  assert.equal(r.body.occupied, 0);
  r = await s.api('GET', `/api/v1/isolation-rooms/${room}/occupants`, { token: entA });
  assert.equal(r.body.items.length, 1);
  r = await s.api('GET', `/api/v1/isolation-rooms/${room}/occupants?current=1`, { token: entA });
  assert.equal(r.body.items.length, 0);
  // The released employee can be admitted again.
  r = await s.api('POST', `/api/v1/isolation-rooms/${room}/occupants`, { token: entA, body: { employee_id: empA, reason: '再次观察' } });
  assert.equal(r.status, 201, r.text);
});

test('rooms: concurrent admissions never overfill a room', async () => {
  let r = await s.api('POST', `/api/v1/enterprises/${firmB}/isolation-rooms`, { token: entB, body: { name: '并发室', kind: 'observation', capacity: 3 } });
  const id = r.body.id;
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    s.api('POST', `/api/v1/isolation-rooms/${id}/occupants`, { token: entB, body: { person_name: `访客${i}`, reason: '留观' } })));
  assert.equal(results.filter((x) => x.status === 201).length, 3, results.map((x) => x.status).join(','));
  assert.ok(results.every((x) => x.status === 201 || (x.status === 409 && x.body.code === 'room_full')));
  r = await s.api('GET', `/api/v1/isolation-rooms/${id}`, { token: entB });
  assert.equal(r.body.occupied, 3);
});

test('enterprise summary for inspections', async () => {
  let r = await s.api('GET', `/api/v1/enterprises/${firmA}/hygiene?date=${TODAY}`, { token: inspA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.enterprise_uscc, firmA);
  assert.equal(r.body.sites, 2);
  assert.equal(r.body.areas, 3);
  assert.equal(r.body.scheduled_areas, 2);
  assert.equal(r.body.missing, 5);
  assert.equal(r.body.records, 3);
  assert.equal(r.body.last_record_at, NOW);
  assert.equal(r.body.rooms.length, 2);
  assert.equal(r.body.room_capacity, 3);
  assert.equal(r.body.room_occupied, 2);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/hygiene`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/hygiene`, { token: healthB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/hygiene?date=bad`, { token: entA })).status, 400);
});

test('writes are audited and no person\'s name reaches the log', async () => {
  const r = await s.api('GET', '/api/v1/audit-logs?size=200', { token: admin });
  if (r.status === 200) {
    const paths = JSON.stringify(r.body.items);
    assert.match(paths, /disinfections/);
    assert.match(paths, /occupants/);
  }
  const logs = s.logs.join('');
  for (const name of ['王秀英', '李桂兰', '张伟', '访客乙']) assert.ok(!logs.includes(name), `${name} logged`);
});
