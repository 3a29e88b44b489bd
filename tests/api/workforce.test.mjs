// Workforce API: roster (masked, encrypted, audited full reads, import),
// return-to-work cards and the quarantine rules, holds and overrides,
// declarations, pass codes, sites, gate decisions, entry logs, alerts, scope,
// and that no ID number is stored or logged in clear.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { ADMIN_PASSWORD, BIN, ENGINE, freePort, keyFileEnv, runCli, startServer, uscc } from '../lib/harness.mjs';

const TODAY = '2020-02-10';
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const firmA = uscc(A, 11);
const firmB = uscc(B, 12);
const PW = 'Pass-word-1';

// A valid resident ID number (GB 11643) from a region, a birth date and a serial.
function idNumber(region, birth, serial) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = region + birth + String(serial).padStart(3, '0');
  const sum = [...s].reduce((acc, c, i) => acc + Number(c) * W[i], 0);
  return s + '10X98765432'[sum % 11];
}
const ID1 = idNumber('220202', '19900307', 123);
const ID2 = idNumber('420102', '19851111', 456); // from Wuhan
const ID3 = idNumber('220203', '19950101', 789);

let s;
let admin, entA, entB, verA, healthA, healthB, empUser;
let siteA, siteB;
const emp = {}; // name -> id

function enterprise(code, region) {
  return { uscc: code, name: `职工测试企业${code.slice(-4)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 300, work_status: 'work_resumed', status_date: '2020-02-05', contact: '王伟', phone: '043262010000' };
}

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

async function addEmployee(token, firm, body) {
  return s.api('POST', `/api/v1/enterprises/${firm}/employees`, { token, body });
}

async function checkin(token, body) {
  return s.api('POST', '/api/v1/checkins', { token, body });
}

async function pass(token, id) {
  const r = await s.api('GET', `/api/v1/employees/${id}/pass`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: `${TODAY}T07:50:00+08:00` } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[firmA, A], [firmB, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(code, region) });
    assert.equal(r.status, 201, r.text);
  }
  entA = await user('ent_a', ['enterprise'], { enterprise_uscc: firmA });
  entB = await user('ent_b', ['enterprise'], { enterprise_uscc: firmB });
  verA = await user('gate_a', ['verifier'], { enterprise_uscc: firmA });
  healthA = await user('health_a', ['department'], { region_code: A, department: '卫生健康委员会' });
  healthB = await user('health_b', ['department'], { region_code: B, department: '卫生健康委员会' });
});

after(async () => { await s?.stop(); });

test(`roster: create, masked everywhere, validated (${ENGINE})`, async () => {
  let r = await addEmployee(entA, firmA, { name: '张伟', id_number: ID1.toLowerCase(), phone: '13904319810', department: '一车间',
    home_address: '吉林市昌邑区解放北路1号', home_region_code: '220202', shift: '早班' });
  assert.equal(r.status, 201, r.text);
  emp.zhang = r.body.id;
  assert.equal(r.body.id_number, ID1.slice(0, 4) + '*'.repeat(10) + ID1.slice(-4));
  assert.equal(r.body.phone, '139****9810');
  assert.equal(r.body.out_of_province, false);
  assert.ok(!r.text.includes(ID1));

  r = await addEmployee(entA, firmA, { name: '李娜', id_number: ID2, phone: '13604320001', department: '二车间', home_region_code: '420102' });
  assert.equal(r.status, 201, r.text);
  emp.li = r.body.id;
  assert.equal(r.body.out_of_province, true, 'derived from the home region');
  r = await addEmployee(entA, firmA, { name: '王强', id_number: ID3, phone: '13704320002', department: '一车间' });
  assert.equal(r.status, 201, r.text);
  emp.wang = r.body.id;

  const bad = [
    [{ name: '甲', id_number: ID1.slice(0, 17) + (ID1[17] === '1' ? '2' : '1') }, 400, 'id_number', 'invalid_id_number'],
    [{ name: '乙', id_number: '12345' }, 400, 'id_number', 'invalid_id_number'],
    [{ name: '丙', id_number: idNumber('220202', '19900101', 1), phone: '12345' }, 400, 'phone', 'invalid_mobile'],
    [{ id_number: idNumber('220202', '19900101', 2) }, 400, 'name', 'required'],
    [{ name: '丁', id_number: idNumber('220202', '19900101', 3), home_region_code: '999999' }, 404, 'home_region_code', null],
    [{ name: '戊', id_number: idNumber('220202', '19900101', 4), colour: 'red' }, 400, 'colour', 'unknown_field'],
    [{ name: '重复', id_number: ID1 }, 409, 'id_number', 'duplicate_id_number'],
  ];
  for (const [body, status, field, code] of bad) {
    r = await addEmployee(entA, firmA, body);
    assert.equal(r.status, status, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    if (code) assert.equal(r.body.code, code, r.text);
  }
  r = await addEmployee(entA, firmA, { name: '重复', id_number: ID1 });
  assert.match(r.body.message, /身份证/);
  assert.ok(!r.text.includes(ID1), 'errors never echo the ID number');

  const list = await s.api('GET', `/api/v1/enterprises/${firmA}/employees?size=50`, { token: entA });
  assert.equal(list.status, 200);
  assert.equal(list.body.total, 3);
  assert.ok(!list.text.includes(ID1) && !list.text.includes(ID2) && !list.text.includes('13904319810'));
  // Found by the full number (through the keyed hash), shown masked.
  const found = await s.api('GET', `/api/v1/enterprises/${firmA}/employees?id_number=${ID2}`, { token: entA });
  assert.equal(found.body.total, 1);
  assert.equal(found.body.items[0].name, '李娜');
});

test('scope: an enterprise never reads another enterprise\'s employees', async () => {
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/employees`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/employees/${emp.zhang}`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/employees/${emp.zhang}/pass`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/employees/${emp.zhang}/card`, { token: entB })).status, 404);
  assert.equal((await addEmployee(entB, firmA, { name: '越权', id_number: idNumber('220203', '19900101', 9) })).status, 404);
  // The district health department sees its district only.
  assert.equal((await s.api('GET', `/api/v1/employees/${emp.zhang}`, { token: healthA })).status, 200);
  assert.equal((await s.api('GET', `/api/v1/employees/${emp.zhang}`, { token: healthB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/employees/${emp.zhang}/id-number`, { token: healthB })).status, 404);
});

test('full ID numbers: only for roles that need them, and every read is audited', async () => {
  assert.equal((await s.api('GET', `/api/v1/employees/${emp.zhang}/id-number`, { token: entA })).status, 403);
  const r = await s.api('GET', `/api/v1/employees/${emp.zhang}/id-number`, { token: healthA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.id_number, ID1);
  assert.equal(r.body.phone, '13904319810');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const audit = await s.api('GET', '/api/v1/audit-logs?size=100', { token: admin });
  const entry = audit.body.items.find((a) => a.action === 'read_personal_data');
  assert.ok(entry, JSON.stringify(audit.body.items.slice(0, 5)));
  assert.equal(entry.username, 'health_a');
  assert.match(entry.object, new RegExp(`employee=${emp.zhang}`));
  assert.ok(entry.at && entry.ip);
  assert.ok(!JSON.stringify(audit.body).includes(ID1));
});

test('import: valid rows import, bad rows are reported, re-import updates', async () => {
  const ids = [idNumber('220202', '19880808', 11), idNumber('220202', '19890909', 12)];
  const csv = ['姓名,身份证号,手机号,部门,住址区划代码,外省,班次',
    `赵敏,${ids[0]},13904310001,包装,220202,否,早班`,
    `钱亮,${ids[1]},13904310002,包装,,是,晚班`,
    `孙坏,${ids[1].slice(0, 17)}0,13904310003,包装,,否,早班`,
    `周差,${idNumber('220202', '19870707', 13)},123,包装,,否,早班`,
    `吴重,${ids[0]},13904310004,包装,,否,早班`].join('\n');
  let r = await s.upload(`/api/v1/enterprises/${firmA}/employees/import`, entA, 'roster.csv', csv);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.imported, 2);
  assert.equal(r.body.rejected_rows, 3);
  assert.deepEqual(r.body.rejected.map((e) => [e.row, e.column]), [[4, '身份证号'], [5, '手机号'], [6, '身份证号']]);
  assert.ok(!JSON.stringify(r.body).includes(ids[1].slice(0, 17)), 'the report never echoes ID numbers');
  const report = await s.api('GET', `/api/v1/imports/${r.body.report_id}/report`, { token: entA });
  assert.equal(report.status, 200);
  assert.match(report.text, /行号/);
  r = await s.upload(`/api/v1/enterprises/${firmA}/employees/import`, entA, 'roster.csv', csv.split('\n').slice(0, 3).join('\n'));
  assert.equal(r.body.imported, 0);
  assert.equal(r.body.updated, 2);
  const list = await s.api('GET', `/api/v1/enterprises/${firmA}/employees?q=${encodeURIComponent('钱')}`, { token: entA });
  assert.equal(list.body.items[0].out_of_province, true);
  // A file without the ID column changes nothing.
  r = await s.upload(`/api/v1/enterprises/${firmA}/employees/import`, entA, 'bad.csv', '姓名,部门\n某某,包装');
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'missing_column');
});

test('import from the command line: fugong import employees FILE --enterprise USCC', async () => {
  const file = join(s.dir, 'roster-b.csv');
  writeFileSync(file, `name,id_number,phone,department\n刘洋,${idNumber('220203', '19910101', 21)},13904310021,仓储\n坏行,123,13904310022,仓储\n`);
  const r = runCli(s.db, ['import', 'employees', file, '--enterprise', firmB]);
  assert.equal(r.status, 3, r.stderr + r.stdout);  // 3: some rows were rejected
  assert.match(r.stdout, /imported 1, updated 0, rejected rows 1/);
  const list = await s.api('GET', `/api/v1/enterprises/${firmB}/employees?q=${encodeURIComponent('刘')}`, { token: entB });
  assert.equal(list.body.total, 1);
  // Sealed with the server's key: the full number reads back.
  const full = await s.api('GET', `/api/v1/employees/${list.body.items[0].id}/id-number`, { token: healthB });
  assert.equal(full.body.id_number, idNumber('220203', '19910101', 21));
  assert.equal(runCli(s.db, ['import', 'employees', file]).status, 2, 'the enterprise is required');
});

test('risk regions, cards and the quarantine rules', async () => {
  // Only admins configure risk regions.
  assert.equal((await s.api('POST', '/api/v1/risk-regions', { token: entA, body: { region_code: '420100', level: 'high', start_date: '2020-01-01' } })).status, 403);
  let r = await s.api('POST', '/api/v1/risk-regions', { token: admin, body: { region_code: '420100', level: 'high', start_date: '2020-01-01' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.region_name, '武汉市');
  r = await s.api('POST', '/api/v1/risk-regions', { token: admin, body: { region_code: '220100', level: 'low', start_date: '2020-01-20', end_date: '2020-02-20' } });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', '/api/v1/risk-regions', { token: admin, body: { region_code: '220100', level: 'severe', start_date: '2020-01-20' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'level');

  // 李娜 came back from Wuhan (high risk) on Feb 3: quarantine until Feb 17.
  r = await s.api('PUT', `/api/v1/employees/${emp.li}/card`, { token: entA, body: {
    arrival_date: '2020-02-03', health: 'healthy',
    travel: [{ region_code: '420102', place: '江岸区', from_date: '2020-01-18', to_date: '2020-02-02' }] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.travel[0].region_code, '420102');
  const q = r.body.holds.find((h) => h.kind === 'quarantine');
  assert.ok(q, r.text);
  assert.equal(q.start_date, '2020-02-03');
  assert.equal(q.end_date, '2020-02-17');
  assert.equal(q.rule_end_date, '2020-02-17');
  assert.deepEqual(q.reasons.sort(), ['out_of_province', 'risk_region_high:420100']);

  // 王强 went to Changchun (low risk, same province): monitoring, yellow.
  r = await s.api('PUT', `/api/v1/employees/${emp.wang}/card`, { token: entA, body: {
    arrival_date: '2020-02-01', travel: [{ region_code: '220102', from_date: '2020-01-25', to_date: '2020-01-31' }] } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.holds.map((h) => h.kind), ['monitoring']);

  // Bad cards name the field and change nothing.
  const badCards = [
    [{ arrival_date: '2020-02-30' }, 'arrival_date'],
    [{ arrival_date: '2020-02-01', travel: [{ region_code: '420102', from_date: '2020-01-20', to_date: '2020-02-05' }] }, 'travel[0].to_date'],
    [{ arrival_date: '2020-02-01', travel: [{ region_code: '999999', from_date: '2020-01-20', to_date: '2020-01-21' }] }, 'travel[0].region_code'],
    [{ travel: [{ region_code: '420102', from_date: '2020-01-20', to_date: '2020-01-21' }] }, 'arrival_date'],
    [{ health: 'great' }, 'health'],
  ];
  for (const [body, field] of badCards) {
    r = await s.api('PUT', `/api/v1/employees/${emp.wang}/card`, { token: entA, body });
    assert.ok(r.status === 400 || r.status === 404, r.text);
    assert.equal(r.body.field, field, r.text);
  }
  r = await s.api('GET', `/api/v1/employees/${emp.wang}/holds`, { token: entA });
  assert.deepEqual(r.body.items.map((h) => h.kind), ['monitoring']);
});

test('holds: extension, shortening, and an earlier end only by an audited override', async () => {
  let r = await s.api('GET', `/api/v1/employees/${emp.li}/holds`, { token: entA });
  const hold = r.body.items.find((h) => h.kind === 'quarantine');
  r = await s.api('POST', `/api/v1/holds/${hold.id}/end`, { token: entA, body: { end_date: '2020-02-20', reason: '复查' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.end_date, '2020-02-20');
  assert.equal(r.body.extended, true);
  r = await s.api('POST', `/api/v1/holds/${hold.id}/end`, { token: entA, body: { end_date: '2020-02-18', reason: '复查正常' } });
  assert.equal(r.body.shortened, true);
  // Before the rule's end: refused without override, forbidden for the enterprise with it.
  r = await s.api('POST', `/api/v1/holds/${hold.id}/end`, { token: entA, body: { end_date: '2020-02-12', reason: '提前' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'earlier_than_rule');
  r = await s.api('POST', `/api/v1/holds/${hold.id}/end`, { token: entA, body: { end_date: '2020-02-12', reason: '提前', override: true } });
  assert.equal(r.status, 403);
  r = await s.api('POST', `/api/v1/holds/${hold.id}/end`, { token: entA, body: { end_date: '2020-02-18' } });
  assert.equal(r.body.field, 'reason');
  r = await s.api('POST', `/api/v1/holds/${hold.id}/end`, { token: healthB, body: { end_date: '2020-02-12', reason: 'x', override: true } });
  assert.equal(r.status, 404, 'another district cannot touch it');
  // Still in quarantine today: red pass.
  assert.equal((await pass(entA, emp.li)).colour, 'red');
  const changes = await s.api('GET', `/api/v1/employees/${emp.li}/holds`, { token: entA });
  assert.deepEqual(changes.body.changes.map((c) => c.change), ['extend', 'shorten']);
  assert.equal(changes.body.changes[0].changed_by, 'ent_a');
});

test('declarations and pass colours; tokens are compact and the QR is SVG', async () => {
  let p = await pass(entA, emp.zhang);
  assert.equal(p.colour, 'yellow');
  assert.deepEqual(p.reasons, ['no_declaration']);
  assert.equal(p.date, TODAY);
  assert.match(p.token, /^[A-Za-z0-9_-]{20,60}$/);
  assert.match(p.svg, /^<svg[^>]*>.*<\/svg>$/s);
  let r = await s.api('POST', `/api/v1/employees/${emp.zhang}/declarations`, { token: entA, body: { temperature: 36.5, symptoms: [] } });
  assert.equal(r.status, 201, r.text);
  p = await pass(entA, emp.zhang);
  assert.equal(p.colour, 'green');
  for (const [body, field] of [[{ temperature: 45 }, 'temperature'], [{ temperature: '36.5' }, 'temperature'], [{}, 'temperature'], [{ temperature: 36.5, symptoms: ['sneezing'] }, 'symptoms']]) {
    r = await s.api('POST', `/api/v1/employees/${emp.zhang}/declarations`, { token: entA, body });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, field);
  }
  assert.equal((await pass(entA, emp.wang)).colour, 'yellow'); // monitoring
});

test('employee accounts see their own pass only', async () => {
  let r = await s.api('POST', `/api/v1/employees/${emp.zhang}/account`, { token: entA, body: { username: 'zhangwei', password: PW } });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', `/api/v1/employees/${emp.zhang}/account`, { token: entA, body: { username: 'zhangwei2', password: PW } });
  assert.equal(r.status, 409);
  empUser = await s.login('zhangwei', PW);
  const me = await s.api('GET', '/api/v1/me/employee', { token: empUser });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.id, emp.zhang);
  assert.equal((await pass(empUser, emp.zhang)).colour, 'green');
  assert.equal((await s.api('GET', `/api/v1/employees/${emp.li}/pass`, { token: empUser })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/employees`, { token: empUser })).status, 403);
  r = await s.api('POST', `/api/v1/employees/${emp.zhang}/declarations`, { token: empUser, body: { temperature: 36.6 } });
  assert.equal(r.status, 201, r.text);
});

test('sites: created by the enterprise, listed, unknown ones are 404', async () => {
  let r = await s.api('POST', `/api/v1/enterprises/${firmA}/sites`, { token: entA, body: { name: '东门' } });
  assert.equal(r.status, 201, r.text);
  siteA = r.body.id;
  r = await s.api('POST', `/api/v1/enterprises/${firmB}/sites`, { token: entB, body: { name: '正门' } });
  siteB = r.body.id;
  assert.equal((await s.api('POST', `/api/v1/enterprises/${firmB}/sites`, { token: entA, body: { name: 'x' } })).status, 404);
  assert.equal((await s.api('POST', `/api/v1/enterprises/${firmA}/sites`, { token: entA, body: {} })).body.field, 'name');
  r = await s.api('GET', `/api/v1/enterprises/${firmA}/sites`, { token: verA });
  assert.deepEqual(r.body.items.map((x) => x.name), ['东门']);
});

test('gate: admit and deny with reasons', async () => {
  const green = (await pass(entA, emp.zhang)).token;
  let r = await checkin(verA, { site: siteA, pass: green, temperature: 36.5 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.decision, 'admit');
  assert.deepEqual(r.body.reasons, []);

  // Yellow (monitoring, no declaration): admitted with a note.
  r = await checkin(verA, { site: siteA, pass: (await pass(entA, emp.wang)).token, temperature: 36.4 });
  assert.equal(r.body.decision, 'admit');
  assert.deepEqual(r.body.reasons, ['yellow_code']);

  // Quarantine not lifted.
  r = await checkin(verA, { site: siteA, pass: (await pass(entA, emp.li)).token, temperature: 36.4 });
  assert.equal(r.body.decision, 'deny');
  assert.deepEqual(r.body.reasons, ['quarantine']);
  assert.match(r.body.messages[0], /隔离/);

  // Fever at the gate.
  r = await checkin(verA, { site: siteA, pass: green, temperature: 37.8 });
  assert.equal(r.body.decision, 'deny');
  assert.deepEqual(r.body.reasons, ['fever']);

  // Altered by one character, truncated, garbage.
  const i = 10;
  const altered = green.slice(0, i) + (green[i] === 'A' ? 'B' : 'A') + green.slice(i + 1);
  for (const [token, reason] of [[altered, /forged_pass|malformed_pass/], [green.slice(0, -3), /forged_pass|malformed_pass/], ['hello', /malformed_pass/]]) {
    r = await checkin(verA, { site: siteA, pass: token, temperature: 36.5 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.decision, 'deny');
    assert.match(r.body.reasons[0], reason);
  }

  // Another enterprise's employee at this gate.
  const pB = await s.api('POST', `/api/v1/enterprises/${firmB}/employees`, { token: entB, body: { name: '外企', id_number: idNumber('220203', '19920202', 5) } });
  assert.equal(pB.status, 201, pB.text);
  r = await checkin(verA, { site: siteA, pass: (await pass(entB, pB.body.id)).token, temperature: 36.5 });
  assert.equal(r.body.decision, 'deny');
  assert.deepEqual(r.body.reasons, ['other_enterprise']);

  // English messages on request.
  r = await s.api('POST', '/api/v1/checkins', { token: verA, body: { site: siteA, pass: green, temperature: 38.2 }, headers: { 'accept-language': 'en' } });
  assert.match(r.body.messages[0], /fever/);

  // Visitors: name and phone required; fever denied.
  r = await checkin(verA, { site: siteA, visitor: { name: '访客甲', phone: '13800000001', id_number: idNumber('220203', '19800101', 1), host: '张伟', reason: '送货' }, temperature: 36.3 });
  assert.equal(r.body.decision, 'admit', r.text);
  r = await checkin(verA, { site: siteA, visitor: { name: '访客乙', phone: '13800000002' }, temperature: 38.0 });
  assert.equal(r.body.decision, 'deny');
  assert.deepEqual(r.body.reasons, ['fever']);
});

test('gate: bad input is a 4xx and writes nothing', async () => {
  const green = (await pass(entA, emp.zhang)).token;
  const before = (await s.api('GET', `/api/v1/sites/${siteA}/entries?date=${TODAY}&size=1`, { token: entA })).body.total;
  const cases = [
    [{ site: siteA, pass: green, temperature: 33.9 }, 400, 'temperature'],
    [{ site: siteA, pass: green, temperature: 43.1 }, 400, 'temperature'],
    [{ site: siteA, pass: green, temperature: '36.5' }, 400, 'temperature'],
    [{ site: siteA, pass: green }, 400, 'temperature'],
    [{ site: siteA, temperature: 36.5 }, 400, 'pass'],
    [{ site: 999999, pass: green, temperature: 36.5 }, 404, 'site'],
    [{ site: 'east', pass: green, temperature: 36.5 }, 400, 'site'],
    [{ site: siteA, visitor: { phone: '13800000003' }, temperature: 36.5 }, 400, 'visitor.name'],
    [{ site: siteA, visitor: { name: '无电话' }, temperature: 36.5 }, 400, 'visitor.phone'],
    [{ site: siteA, visitor: { name: '坏电话', phone: '1380000' }, temperature: 36.5 }, 400, 'visitor.phone'],
    [{ site: siteA, visitor: { name: '坏证件', phone: '13800000004', id_number: '220203198001010000' }, temperature: 36.5 }, 400, 'visitor.id_number'],
  ];
  for (const [body, status, field] of cases) {
    const r = await checkin(verA, body);
    assert.equal(r.status, status, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
  }
  // Another enterprise's gate.
  const r = await checkin(verA, { site: siteB, pass: green, temperature: 36.5 });
  assert.equal(r.status, 403);
  // Only verifiers and enterprises check people in.
  assert.equal((await checkin(healthA, { site: siteA, pass: green, temperature: 36.5 })).status, 403);
  const after = (await s.api('GET', `/api/v1/sites/${siteA}/entries?date=${TODAY}&size=1`, { token: entA })).body.total;
  assert.equal(after, before);
});

test('gate: a token from yesterday is expired', async () => {
  const r = await checkin(verA, { site: siteA, pass: await yesterdayToken(), temperature: 36.5 });
  assert.equal(r.body.decision, 'deny');
  assert.deepEqual(r.body.reasons, ['expired_pass']);
});

// Yesterday's token for 张伟, from a second server on the same database and
// key file with its clock pinned to the day before.
async function yesterdayToken() {
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', s.db, '--port', String(port), '--web', join(s.dir, 'no-web')], {
    env: { ...process.env, FUGONG_LOG: 'warn', FUGONG_NOW: '2020-02-09T08:00:00+08:00', ...keyFileEnv(s.db) }, stdio: 'ignore' });
  try {
    for (let i = 0; i < 200; i++) {
      try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch { /* not yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ent_a', password: PW }) });
    const { token } = await login.json();
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/employees/${emp.zhang}/pass`, { headers: { authorization: 'Bearer ' + token } });
    const body = await r.json();
    assert.equal(body.date, '2020-02-09');
    return body.token;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
  }
}

test('quarantine lifted by an audited override: admitted at once', async () => {
  let r = await s.api('GET', `/api/v1/employees/${emp.li}/holds`, { token: healthA });
  const hold = r.body.items.find((h) => h.kind === 'quarantine');
  r = await s.api('POST', `/api/v1/holds/${hold.id}/end`, { token: healthA, body: { end_date: TODAY, reason: '核酸阴性，专家组评估解除', override: true } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.overridden, true);
  assert.equal(r.body.end_date, TODAY);
  const audit = await s.api('GET', '/api/v1/audit-logs?size=100', { token: admin });
  const entry = audit.body.items.find((a) => a.action === 'hold_override');
  assert.ok(entry);
  assert.equal(entry.username, 'health_a');
  assert.match(entry.detail, /rule_end=2020-02-17/);
  await s.api('POST', `/api/v1/employees/${emp.li}/declarations`, { token: entA, body: { temperature: 36.4 } });
  const p = await pass(entA, emp.li);
  assert.equal(p.colour, 'green', JSON.stringify(p.reasons));
  r = await checkin(verA, { site: siteA, pass: p.token, temperature: 36.4 });
  assert.equal(r.body.decision, 'admit');
  // An officer records medical observation: denied again immediately.
  r = await s.api('POST', `/api/v1/employees/${emp.li}/holds`, { token: healthA, body: { kind: 'medical_observation', start_date: TODAY, reason: '密切接触者' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.end_date, '2020-02-24');
  r = await checkin(verA, { site: siteA, pass: p.token, temperature: 36.4 });
  assert.equal(r.body.decision, 'deny');
  assert.deepEqual(r.body.reasons, ['medical_observation']);
});

test('alerts: fever and denied quarantined people, for the enterprise and the district health department', async () => {
  let r = await s.api('GET', '/api/v1/alerts?size=100', { token: entA });
  assert.equal(r.status, 200, r.text);
  const kinds = r.body.items.map((a) => a.kind);
  assert.ok(kinds.includes('fever') && kinds.includes('quarantine') && kinds.includes('medical_observation'), kinds.join());
  const fever = r.body.items.find((a) => a.kind === 'fever' && a.person_name === '张伟');
  assert.ok(fever);
  assert.equal(fever.site_name, '东门');
  assert.ok([37.8, 38.2].includes(fever.temperature), String(fever.temperature));
  const h = await s.api('GET', '/api/v1/alerts?open=1&size=100', { token: healthA });
  assert.ok(h.body.items.some((a) => a.id === fever.id));
  assert.equal((await s.api('GET', '/api/v1/alerts?size=100', { token: healthB })).body.items.filter((a) => a.enterprise_uscc === firmA).length, 0);
  assert.equal((await s.api('GET', '/api/v1/alerts?size=100', { token: entB })).body.items.filter((a) => a.enterprise_uscc === firmA).length, 0);
  assert.equal((await s.api('POST', `/api/v1/alerts/${fever.id}/ack`, { token: entB, body: {} })).status, 404);
  r = await s.api('POST', `/api/v1/alerts/${fever.id}/ack`, { token: healthA, body: { note: '已电话随访' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.acknowledged, true);
  assert.equal(r.body.acknowledged_by, 'health_a');
  assert.equal((await s.api('POST', `/api/v1/alerts/${fever.id}/ack`, { token: entA, body: {} })).status, 409);
  const open = await s.api('GET', '/api/v1/alerts?open=1&size=100', { token: entA });
  assert.ok(!open.body.items.some((a) => a.id === fever.id));
});

test('entry logs per site and day, masked, exportable', async () => {
  let r = await s.api('GET', `/api/v1/sites/${siteA}/entries?date=${TODAY}&size=100`, { token: entA });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.total >= 10);
  const admitted = r.body.items.filter((e) => e.decision === 'admit' && e.person_kind === 'employee');
  assert.ok(admitted.some((e) => e.name === '张伟' && e.department === '一车间'));
  const visitor = r.body.items.find((e) => e.person_kind === 'visitor' && e.name === '访客甲');
  assert.equal(visitor.visitor_phone, '138****0001');
  assert.match(visitor.visitor_id_number, /^2202\*{10}/);
  assert.ok(!r.text.includes('13800000001'));
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/entries?date=${TODAY}`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/entries?date=2020-02-31`, { token: entA })).status, 400);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/entries?date=2020-02-09`, { token: entA })).body.total, 0);
  r = await s.api('GET', `/api/v1/sites/${siteA}/entries/export?date=${TODAY}&format=csv`, { token: entA });
  assert.equal(r.status, 200);
  assert.match(r.text, /时间,类型,姓名/);
  assert.match(r.text, /访客甲/);
  assert.ok(!r.text.includes('13800000001'));
  r = await fetch(`${s.base}/api/v1/sites/${siteA}/entries/export?date=${TODAY}`, { headers: { authorization: 'Bearer ' + entA } });
  assert.equal(r.status, 200);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
});

test('concurrent check-ins are all committed (group commit)', async () => {
  const green = (await pass(entA, emp.zhang)).token;
  const before = (await s.api('GET', `/api/v1/sites/${siteA}/entries?date=${TODAY}&size=1`, { token: entA })).body.total;
  const results = await Promise.all(Array.from({ length: 200 }, () => checkin(verA, { site: siteA, pass: green, temperature: 36.5 })));
  assert.ok(results.every((r) => r.status === 200 && r.body.decision === 'admit'));
  const after = (await s.api('GET', `/api/v1/sites/${siteA}/entries?date=${TODAY}&size=1`, { token: entA })).body.total;
  assert.equal(after - before, 200);
});

test('taking an employee off the roster denies them at the gate', async () => {
  const p = await pass(entA, emp.wang);
  let r = await s.api('POST', `/api/v1/employees/${emp.wang}/active`, { token: entA, body: { active: false } });
  assert.equal(r.status, 200, r.text);
  r = await checkin(verA, { site: siteA, pass: p.token, temperature: 36.5 });
  assert.deepEqual(r.body.reasons, ['not_on_roster']);
  await s.api('POST', `/api/v1/employees/${emp.wang}/active`, { token: entA, body: { active: true } });
  r = await checkin(verA, { site: siteA, pass: p.token, temperature: 36.5 });
  assert.equal(r.body.decision, 'admit');
});

test('site summary: the verifier\'s count of the day', async () => {
  const r = await s.api('GET', `/api/v1/sites/${siteA}/summary?date=${TODAY}`, { token: verA });
  assert.equal(r.status, 200, r.text);
  const all = await s.api('GET', `/api/v1/sites/${siteA}/entries?date=${TODAY}&size=1000`, { token: entA });
  const items = all.body.items;
  assert.equal(r.body.admitted, items.filter((e) => e.decision === 'admit').length);
  assert.equal(r.body.denied, items.filter((e) => e.decision === 'deny').length);
  assert.equal(r.body.visitors, items.filter((e) => e.person_kind === 'visitor').length);
  assert.equal(r.body.employees, items.filter((e) => e.person_kind === 'employee').length);
  assert.equal(r.body.admitted + r.body.denied, all.body.total);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/summary`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/summary?date=2020-13-01`, { token: verA })).body.field, 'date');
});

test('posters and self check-in: the code authorises the site, the employee\'s own pass decides', async () => {
  let r = await s.api('GET', `/api/v1/sites/${siteA}/poster`, { token: entA });
  assert.equal(r.status, 200, r.text);
  const { code, url, svg } = r.body;
  assert.match(code, /^[A-Za-z0-9_-]{12}$/);
  assert.equal(url, `${s.base}/m/checkin?site=${siteA}&code=${code}`, 'this server as the browser reached it');
  assert.match(svg, /^<svg/);
  assert.equal(r.body.enterprise_name, enterprise(firmA, A).name);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/poster`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/poster`, { token: verA })).status, 403);

  // The page behind the poster.
  r = await s.api('GET', `/api/v1/sites/${siteA}/self?code=${code}`, { token: empUser });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, '东门');
  const wrong = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
  assert.equal((await s.api('GET', `/api/v1/sites/${siteA}/self?code=${wrong}`, { token: empUser })).status, 404);
  // Another enterprise's poster (with its valid code) is not this employee's site.
  const codeB = (await s.api('GET', `/api/v1/sites/${siteB}/poster`, { token: entB })).body.code;
  assert.equal((await s.api('GET', `/api/v1/sites/${siteB}/self?code=${codeB}`, { token: empUser })).status, 404);

  const before = (await s.api('GET', `/api/v1/sites/${siteA}/summary?date=${TODAY}`, { token: verA })).body;
  r = await s.api('POST', '/api/v1/checkins/self', { token: empUser, body: { site: siteA, code, temperature: 36.4 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.decision, 'admit', r.text);
  r = await s.api('POST', '/api/v1/checkins/self', { token: empUser, body: { site: siteA, code, temperature: 38.1 } });
  assert.equal(r.body.decision, 'deny');
  assert.deepEqual(r.body.reasons, ['fever']);
  // Bad input: 4xx naming the field, nothing written.
  for (const [body, status, field] of [
    [{ site: siteA, code: wrong, temperature: 36.5 }, 404, 'site'],
    [{ site: siteB, code: codeB, temperature: 36.5 }, 403, 'site'],
    [{ site: siteA, code, temperature: 44 }, 400, 'temperature'],
    [{ site: siteA, code, temperature: '36.5' }, 400, 'temperature'],
    [{ site: siteA, temperature: 36.5 }, 400, 'code'],
    [{ site: siteA, code, temperature: 36.5, pass: 'x' }, 400, 'pass'],
  ]) {
    r = await s.api('POST', '/api/v1/checkins/self', { token: empUser, body });
    assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
  }
  // Only employees check themselves in.
  assert.equal((await s.api('POST', '/api/v1/checkins/self', { token: verA, body: { site: siteA, code, temperature: 36.5 } })).status, 403);
  const after = (await s.api('GET', `/api/v1/sites/${siteA}/summary?date=${TODAY}`, { token: verA })).body;
  assert.equal(after.admitted - before.admitted, 1);
  assert.equal(after.denied - before.denied, 1);
});

test('live alerts: a waiting page gets a new alert at once, only in its scope', async () => {
  let r = await s.api('GET', '/api/v1/alerts/wait', { token: healthA });
  assert.equal(r.status, 200, r.text);
  const last = r.body.last_id;
  assert.ok(last > 0);
  assert.deepEqual(r.body.items, []);
  // Nothing new: answers empty after the timeout.
  const t0 = Date.now();
  r = await s.api('GET', `/api/v1/alerts/wait?after=${last}&timeout=1`, { token: healthA });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items, []);
  assert.equal(r.body.last_id, last);
  assert.ok(Date.now() - t0 >= 900, 'waited for the timeout');
  // Waiting in A's and B's districts; a fever at A's gate reaches only A.
  const waitA = s.api('GET', `/api/v1/alerts/wait?after=${last}&timeout=20`, { token: healthA });
  const lastB = (await s.api('GET', '/api/v1/alerts/wait', { token: healthB })).body.last_id;
  const waitB = s.api('GET', `/api/v1/alerts/wait?after=${lastB}&timeout=2`, { token: healthB });
  await new Promise((res) => setTimeout(res, 300));
  const t1 = Date.now();
  const green = (await pass(entA, emp.zhang)).token;
  r = await checkin(verA, { site: siteA, pass: green, temperature: 39.0 });
  assert.equal(r.body.decision, 'deny');
  const a = await waitA;
  assert.equal(a.status, 200, a.text);
  assert.equal(a.body.items.length, 1, a.text);
  assert.equal(a.body.items[0].kind, 'fever');
  assert.equal(a.body.items[0].temperature, 39);
  assert.equal(a.body.last_id, a.body.items[0].id);
  assert.ok(Date.now() - t1 < 3000, 'delivered promptly');
  assert.deepEqual((await waitB).body.items, []);
  for (const q of ['after=-1', 'after=x', `after=${last}&timeout=31`]) {
    r = await s.api('GET', `/api/v1/alerts/wait?${q}`, { token: healthA });
    assert.equal(r.status, 400, q);
  }
  assert.equal((await s.api('GET', '/api/v1/alerts/wait', { token: verA })).status, 403);
});

test('on-duty headcount from the gate feeds the enterprise figure and 返岗率', async () => {
  let r = await s.api('GET', `/api/v1/enterprises/${firmA}/on-duty?date=${TODAY}`, { token: entA });
  assert.equal(r.status, 200, r.text);
  // Distinct employees admitted today at firm A's gates, counted from the entry log.
  const entries = await s.api('GET', `/api/v1/sites/${siteA}/entries?date=${TODAY}&size=1000`, { token: entA });
  const admitted = new Set(entries.body.items.filter((e) => e.decision === 'admit' && e.employee_id).map((e) => e.employee_id));
  assert.ok(admitted.size >= 2);
  assert.equal(r.body.on_duty, admitted.size, r.text);
  assert.ok(r.body.roster >= 3);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/on-duty`, { token: entB })).status, 404);
  const rates = await s.api('GET', `/api/v1/stats/rates?region=${A}&date=${TODAY}`, { token: admin });
  assert.equal(rates.status, 200, rates.text);
  assert.equal(rates.body.rates.staff_returned.num, admitted.size, JSON.stringify(rates.body.rates));
  assert.equal(rates.body.rates.staff_returned.den, 300);
});

test('the quarantine board lists the enterprise\'s holds in force', async () => {
  // Put 王强 under medical observation from today: in force, on the board.
  let r = await s.api('POST', `/api/v1/employees/${emp.wang}/holds`, { token: entA, body: { kind: 'medical_observation', start_date: TODAY, reason: '同住人发热' } });
  assert.equal(r.status, 201, r.text);
  r = await s.api('GET', `/api/v1/enterprises/${firmA}/holds?active=1`, { token: entA });
  assert.equal(r.status, 200, r.text);
  const wang = r.body.items.find((h) => h.employee_id === emp.wang && h.kind === 'medical_observation');
  assert.ok(wang, r.text);
  assert.equal(wang.employee_name, '王强');
  assert.equal(wang.department, '一车间');
  assert.ok(r.body.items.every((h) => h.in_force && h.start_date <= TODAY && TODAY < h.end_date));
  // Every hold of every employee appears on the unfiltered board.
  const all = await s.api('GET', `/api/v1/enterprises/${firmA}/holds?size=1000`, { token: entA });
  let count = 0;
  for (const id of Object.values(emp)) count += (await s.api('GET', `/api/v1/employees/${id}/holds`, { token: entA })).body.items.length;
  assert.equal(all.body.total, count);
  r = await s.api('GET', `/api/v1/enterprises/${firmA}/holds?kind=medical_observation`, { token: healthA });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.length >= 1 && r.body.items.every((h) => h.kind === 'medical_observation'));
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/holds?kind=bogus`, { token: entA })).body.field, 'kind');
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/holds`, { token: entB })).status, 404);
  await s.api('POST', `/api/v1/holds/${wang.id}/end`, { token: healthA, body: { end_date: TODAY, reason: '排除', override: true } });
});

test('roster and alerts export the whole filtered list, masked', async () => {
  let r = await s.api('GET', `/api/v1/enterprises/${firmA}/employees/export?format=csv&department=${encodeURIComponent('一车间')}`, { token: entA });
  assert.equal(r.status, 200, r.text);
  const lines = r.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.match(lines[0], /姓名,身份证号,手机号,部门/);
  const listed = await s.api('GET', `/api/v1/enterprises/${firmA}/employees?size=200&department=${encodeURIComponent('一车间')}`, { token: entA });
  assert.equal(lines.length - 1, listed.body.total);
  assert.ok(lines.slice(1).every((l) => l.includes('一车间')));
  assert.ok(r.text.includes(ID1.slice(0, 4) + '*'.repeat(10)) && !r.text.includes(ID1) && !r.text.includes('13904319810'));
  r = await fetch(`${s.base}/api/v1/enterprises/${firmA}/employees/export`, { headers: { authorization: 'Bearer ' + entA } });
  assert.equal(Buffer.from(await r.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/employees/export`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/employees/export?format=pdf`, { token: entA })).body.field, 'format');

  r = await s.api('GET', '/api/v1/alerts/export?format=csv&kind=fever', { token: healthA });
  assert.equal(r.status, 200, r.text);
  const rows = r.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1);
  const fevers = await s.api('GET', '/api/v1/alerts?kind=fever&size=200', { token: healthA });
  assert.equal(rows.length, fevers.body.total);
  assert.ok(rows.every((l) => l.includes('fever')));
  assert.equal((await s.api('GET', '/api/v1/alerts/export?format=csv', { token: healthB })).text.includes(firmA), false);
  assert.equal((await s.api('GET', '/api/v1/alerts/export?from=2020-13-01', { token: healthA })).body.field, 'from');
});

test('no ID number or phone in clear in the database file or the server log', async () => {
  const secrets = [ID1, ID2, ID3, '13904319810', '13800000001', idNumber('220203', '19800101', 1)];
  const log = s.logs.join('');
  for (const x of secrets) assert.ok(!log.includes(x), 'server log contains personal data');
  if (ENGINE !== 'sqlite') {
    // PostgreSQL: no clear ID number in any text column of the workforce tables.
    const { execFileSync } = await import('node:child_process');
    const url = new URL(s.db);
    const dump = execFileSync('/usr/lib/postgresql/15/bin/pg_dump', ['-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres', '-a', url.pathname.slice(1)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const x of secrets) assert.ok(!dump.includes(x), 'database dump contains personal data');
    return;
  }
  const files = readdirSync(s.dir).filter((f) => f.startsWith('fugong.db'));
  assert.ok(files.includes('fugong.db'));
  for (const f of files) {
    if (f.endsWith('.key')) continue;
    const bytes = readFileSync(join(s.dir, f));
    for (const x of secrets) assert.ok(!bytes.includes(Buffer.from(x)), `${f} contains personal data (${secrets.indexOf(x)})`);
  }
  // The key file is private.
  const { statSync } = await import('node:fs');
  assert.equal(statSync(join(s.dir, 'fugong.db.key')).mode & 0o777, 0o600);
});
