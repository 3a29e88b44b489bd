// Daily reports (SPEC §3.4): filing, zero reports, lateness against the
// region's deadline, correction versions, dates, scope, bad input naming the
// field, exports and copied runs. The server's clock is pinned to
// 2020-02-15 09:00 in Shanghai: the reports of 02-14 are due at 10:00 today,
// those of 02-13 were due yesterday.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ENGINE, startServer, uscc } from '../lib/harness.mjs';

let s;
let admin, entA, cadreA, commanderB;
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const firmA = uscc(A, 11);
const firmA2 = uscc(A, 12);
const firmB = uscc(B, 13);
const PASSWORD = 'Pass-word-1';

function enterprise(code, region) {
  return { uscc: code, name: `日报企业${code.slice(-5)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 120, employees_out_of_province: 10, normal_output: 30,
    work_status: 'work_resumed', status_date: '2020-02-10', contact: '王伟', phone: '13904319810', cadre: '李干部' };
}

function figures(extra = {}) {
  return { on_duty: 96, returned: 100, returned_out_of_province: 8, quarantined: 3, fever: 0,
    load_percent: 62.5, output_value: 18.75, output_quantity: 500, masks: 2000, disinfectant: 40.5,
    problems: '原材料供应紧张', ...extra };
}

const zeros = { on_duty: 0, returned: 0, returned_out_of_province: 0, quarantined: 0, fever: 0,
  load_percent: 0, output_value: 0, output_quantity: 0, masks: 0, disinfectant: 0 };

function file(token, firm, body) {
  return s.api('POST', `/api/v1/enterprises/${firm}/daily-reports`, { token, body });
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: '2020-02-15T09:00:00+08:00' } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [firm, region] of [[firmA, A + '001'], [firmA2, A], [firmB, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(firm, region) });
    assert.equal(r.status, 201, r.text);
  }
  const users = [
    { username: 'ent_a', display_name: '企业联络员甲', roles: ['enterprise'], enterprise_uscc: firmA },
    { username: 'cadre_a', display_name: '包保干部甲', roles: ['cadre'], region_code: A },
    { username: 'commander_b', display_name: '龙潭区指挥部', roles: ['commander'], region_code: B },
  ];
  for (const u of users) {
    const r = await s.api('POST', '/api/v1/users', { token: admin, body: { ...u, password: PASSWORD } });
    assert.equal(r.status, 201, r.text);
  }
  entA = await s.login('ent_a', PASSWORD);
  cadreA = await s.login('cadre_a', PASSWORD);
  commanderB = await s.login('commander_b', PASSWORD);
});

after(async () => { await s?.stop(); });

test(`an enterprise files its report of yesterday on time (${ENGINE})`, async () => {
  const r = await file(entA, firmA, { date: '2020-02-14', ...figures() });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.date, '2020-02-14');
  assert.equal(r.body.version, 1);
  assert.equal(r.body.current, true);
  assert.equal(r.body.late, false);
  assert.equal(r.body.is_zero, false);
  assert.equal(r.body.on_duty, 96);
  assert.equal(r.body.output_value, 18.75);
  assert.equal(r.body.problems, '原材料供应紧张');
  assert.equal(r.body.deadline, '2020-02-15T10:00:00+08:00');
  assert.equal(r.body.submitted_at, '2020-02-15T09:00:00+08:00');
  assert.equal(r.body.submitted_by, '企业联络员甲');
  assert.equal(r.body.uscc, firmA);
  // Today's report may be filed too; tomorrow's may not.
  assert.equal((await file(entA, firmA, { date: '2020-02-15', ...figures() })).status, 201);
});

test('a zero report is filed with zeros and never confused with a missing one', async () => {
  const r = await file(entA, firmA, { date: '2020-02-13', ...zeros });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.is_zero, true);
  assert.equal(r.body.on_duty, 0);
  // Due at 10:00 yesterday: accepted and marked late.
  assert.equal(r.body.late, true);
  assert.equal(r.body.deadline, '2020-02-14T10:00:00+08:00');
  const zero = await s.api('GET', '/api/v1/daily-reports?date=2020-02-13&zero=true', { token: admin });
  assert.equal(zero.status, 200, zero.text);
  assert.deepEqual(zero.body.items.map((i) => [i.uscc, i.is_zero]), [[firmA, true]]);
  const missing = await s.api('GET', '/api/v1/daily-reports?date=2020-02-12', { token: admin });
  assert.equal(missing.body.total, 0);
  const late = await s.api('GET', '/api/v1/daily-reports?date=2020-02-13&late=true', { token: admin });
  assert.equal(late.body.total, 1);
});

test('a correction is a new version; the last counts and the first decides lateness', async () => {
  const v2 = await file(entA, firmA, { date: '2020-02-14', ...figures({ on_duty: 98, problems: '' }) });
  assert.equal(v2.status, 201, v2.text);
  assert.equal(v2.body.version, 2);
  assert.equal(v2.body.late, false);
  const z2 = await file(entA, firmA, { date: '2020-02-13', ...zeros, masks: 100 });
  assert.equal(z2.body.version, 2);
  assert.equal(z2.body.late, true); // the first version was late
  assert.equal(z2.body.is_zero, false);

  const versions = await s.api('GET', `/api/v1/enterprises/${firmA}/daily-reports/2020-02-14/versions`, { token: entA });
  assert.equal(versions.status, 200, versions.text);
  assert.deepEqual(versions.body.items.map((v) => [v.version, v.current, v.on_duty]), [[1, false, 96], [2, true, 98]]);
  assert.ok(versions.body.items.every((v) => v.submitted_at && v.submitted_by === '企业联络员甲'));

  const list = await s.api('GET', `/api/v1/enterprises/${firmA}/daily-reports?from=2020-02-01&to=2020-02-14`, { token: entA });
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((i) => [i.date, i.version, i.on_duty]), [['2020-02-14', 2, 98], ['2020-02-13', 2, 0]]);
  const day = await s.api('GET', '/api/v1/daily-reports?date=2020-02-14', { token: admin });
  assert.equal(day.body.total, 1);
  assert.equal(day.body.items[0].on_duty, 98);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/daily-reports/2020-02-10/versions`, { token: entA })).status, 404);
});

test('dates: the future and before 2020 are refused, naming the field', async () => {
  for (const [date, code] of [['2020-02-16', 'future_date'], ['2019-12-31', 'date_too_early'], ['2020-02-30', 'invalid_date'], ['14/02/2020', 'invalid_date']]) {
    const r = await file(entA, firmA, { date, ...figures() });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'date');
    assert.equal(r.body.code, code);
  }
});

test('bad input is a 400 naming the field, in Chinese and English, and changes nothing', async () => {
  const before = await s.api('GET', `/api/v1/enterprises/${firmA}/daily-reports`, { token: admin });
  const cases = [
    [{ on_duty: -1 }, 'on_duty', 'out_of_range'],
    [{ on_duty: 'many' }, 'on_duty', 'invalid_type'],
    [{ on_duty: 2.5 }, 'on_duty', 'invalid_type'],
    [{ on_duty: 241 }, 'on_duty', 'exceeds_employees'], // 120 employees
    [{ fever: undefined }, 'fever', 'required'],
    [{ returned: 5, returned_out_of_province: 6 }, 'returned_out_of_province', 'exceeds_total'],
    [{ load_percent: 300.1 }, 'load_percent', 'out_of_range'],
    [{ output_value: -0.01 }, 'output_value', 'out_of_range'],
    [{ masks: -5 }, 'masks', 'out_of_range'],
    [{ disinfectant: 'lots' }, 'disinfectant', 'invalid_type'],
    [{ problems: '缺'.repeat(501) }, 'problems', 'too_long'],
    [{ colour: 'red' }, 'colour', 'unknown_field'],
  ];
  for (const [extra, field, code] of cases) {
    const body = { date: '2020-02-14', ...figures(), ...extra };
    for (const k of Object.keys(extra)) if (extra[k] === undefined) delete body[k];
    const r = await file(entA, firmA, body);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    assert.equal(r.body.code, code, r.text);
    assert.ok(r.body.message.length > 0);
  }
  const en = await s.api('POST', `/api/v1/enterprises/${firmA}/daily-reports`,
    { token: entA, body: { date: '2020-02-14', ...figures({ on_duty: 241 }) }, headers: { 'accept-language': 'en' } });
  assert.match(en.body.message, /on_duty/);
  assert.match(en.body.message, /twice/);
  const zh = await file(entA, firmA, { date: '2020-02-14', ...figures({ on_duty: 241 }) });
  assert.match(zh.body.message, /在岗人数/);
  const malformed = await s.api('POST', `/api/v1/enterprises/${firmA}/daily-reports`, { token: entA, body: '{"date": ' });
  assert.equal(malformed.status, 400);
  const afterList = await s.api('GET', `/api/v1/enterprises/${firmA}/daily-reports`, { token: admin });
  assert.deepEqual(afterList.body, before.body);
  const versions = await s.api('GET', `/api/v1/enterprises/${firmA}/daily-reports/2020-02-14/versions`, { token: admin });
  assert.equal(versions.body.items.length, 2);
});

test('scope: an enterprise cannot file for another; another district sees nothing', async () => {
  const other = await file(entA, firmB, { date: '2020-02-14', ...figures() });
  assert.equal(other.status, 404, other.text);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmB}/daily-reports`, { token: entA })).status, 404);
  // A cadre files on behalf of an enterprise of their district, not of another.
  const onBehalf = await file(cadreA, firmA2, { date: '2020-02-14', ...figures() });
  assert.equal(onBehalf.status, 201, onBehalf.text);
  assert.equal(onBehalf.body.submitted_by, '包保干部甲');
  assert.equal((await file(cadreA, firmB, { date: '2020-02-14', ...figures() })).status, 404);
  // A commander reads but does not file.
  assert.equal((await file(commanderB, firmB, { date: '2020-02-14', ...figures() })).status, 403);

  const mine = await s.api('GET', '/api/v1/daily-reports?date=2020-02-14', { token: cadreA });
  assert.deepEqual(mine.body.items.map((i) => i.uscc).sort(), [firmA, firmA2].sort());
  const theirs = await s.api('GET', '/api/v1/daily-reports?date=2020-02-14', { token: commanderB });
  assert.equal(theirs.status, 200);
  assert.equal(theirs.body.total, 0);
  const asked = await s.api('GET', `/api/v1/daily-reports?date=2020-02-14&region=${A}`, { token: commanderB });
  assert.equal(asked.body.total, 0);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/daily-reports`, { token: commanderB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}/daily-reports/2020-02-14/versions`, { token: commanderB })).status, 404);
  const csv = await s.api('GET', '/api/v1/daily-reports?date=2020-02-14&format=csv', { token: commanderB });
  assert.equal(csv.status, 200);
  assert.ok(!csv.text.includes(firmA));
  // The enterprise sees its own report only.
  const own = await s.api('GET', '/api/v1/daily-reports?date=2020-02-14', { token: entA });
  assert.deepEqual(own.body.items.map((i) => i.uscc), [firmA]);
});

test("a region's own deadline applies to its enterprises", async () => {
  const set = await s.api('PUT', '/api/v1/settings/report_deadline', { token: admin, body: { region_code: B, value: '08:00' } });
  assert.equal(set.status, 200, set.text);
  const r = await file(admin, firmB, { date: '2020-02-14', ...figures() });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.deadline, '2020-02-15T08:00:00+08:00');
  assert.equal(r.body.late, true);
  const theirs = await s.api('GET', '/api/v1/daily-reports?date=2020-02-14&late=true', { token: commanderB });
  assert.deepEqual(theirs.body.items.map((i) => i.uscc), [firmB]);
});

test('the region list pages and exports to CSV and XLSX', async () => {
  const page = await s.api('GET', '/api/v1/daily-reports?date=2020-02-14&size=1&page=2', { token: admin });
  assert.equal(page.status, 200);
  assert.equal(page.body.total, 3);
  assert.equal(page.body.items.length, 1);
  assert.equal((await s.api('GET', '/api/v1/daily-reports', { token: admin })).body.field, 'date');
  assert.equal((await s.api('GET', '/api/v1/daily-reports?date=2020-02-14&late=maybe', { token: admin })).body.field, 'late');
  const csv = await s.api('GET', '/api/v1/daily-reports?date=2020-02-14&format=csv', { token: admin });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.text, /统一社会信用代码/);
  assert.equal(csv.text.trim().split(/\r?\n/).length, 4);
  assert.ok(csv.text.includes(firmA) && csv.text.includes(firmB));
  const xlsx = await fetch(s.base + '/api/v1/daily-reports?date=2020-02-14&format=xlsx', { headers: { authorization: 'Bearer ' + admin } });
  assert.equal(xlsx.status, 200);
  const bytes = Buffer.from(await xlsx.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  assert.equal((await s.api('GET', '/api/v1/daily-reports?date=2020-02-14&format=pdf', { token: admin })).body.field, 'format');
});

test('copied answers: identical reports day after day are flagged for the cadre', async () => {
  for (let day = 8; day <= 14; day++) {
    const date = `2020-02-${String(day).padStart(2, '0')}`;
    const r = await file(admin, firmA2, { date, ...figures({ on_duty: 77, problems: '' }) });
    assert.equal(r.status, 201, r.text);
  }
  const r = await s.api('GET', '/api/v1/daily-reports/copied?to=2020-02-14', { token: cadreA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.days, 7);
  assert.equal(r.body.total, 1);
  const run = r.body.items[0];
  assert.equal(run.uscc, firmA2);
  assert.equal(run.reports, 7);
  assert.equal(run.from, '2020-02-08');
  assert.equal(run.to, '2020-02-14');
  assert.equal(run.contact, '王伟');
  assert.equal(run.phone, '13904319810');
  assert.equal(run.cadre, '李干部');
  assert.equal(run.figures.on_duty, 77);
  assert.equal((await s.api('GET', '/api/v1/daily-reports/copied?to=2020-02-14&days=8', { token: cadreA })).body.total, 0);
  assert.equal((await s.api('GET', '/api/v1/daily-reports/copied?to=2020-02-14', { token: commanderB })).body.total, 0);
  const bad = await s.api('GET', '/api/v1/daily-reports/copied?days=2', { token: cadreA });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'days');
});
