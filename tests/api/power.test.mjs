// Electricity cross-check API (复工电力指数, SPEC §3.5): meter mapping, the
// utility file import (by USCC or meter, meters summed, idempotent per
// enterprise/meter/day, row-level errors while valid rows import), the
// baseline (reference month, same period of the previous year), the
// threshold rule at its edge, subtree aggregation, enterprises without meter
// data counted, the disagreement lists with explanations, scope, and the
// `fugong import power` command. Constructed data with known answers.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_PASSWORD, runCli, startServer, uscc } from '../lib/harness.mjs';

const D = '2020-02-10';
const NOW = `${D}T10:30:00+08:00`;
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const CITY = '220200';
const a1 = uscc(A, 801), a2 = uscc(A, 802), a3 = uscc(A, 803), a4 = uscc(A, 804), a5 = uscc(A, 805);
const b1 = uscc(B, 806);
const PW = 'Pass-word-1';

let s, admin, cmdA, cadreB, entA1;

function firm(code, region, status, cadre = '李干部') {
  return { uscc: code, name: `电力测试企业${code.slice(-5)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 50, normal_output: 10, work_status: status, status_date: '2020-02-03',
    contact: '王伟', phone: '043262010000', cadre };
}

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

async function rates(region, token = admin, date = D) {
  const r = await s.api('GET', `/api/v1/power/rates?region=${region}&date=${date}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function list(kind, region = A, token = admin, extra = '') {
  const r = await s.api('GET', `/api/v1/power/disagreements?region=${region}&date=${D}&kind=${kind}${extra}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

const GOOD = [
  '户号,统一社会信用代码,日期,用电量',
  'M-A1-1,,2019-12-01,50', 'M-A1-2,,2019-12-01,50', 'M-A1-1,,2019-12-02,50', 'M-A1-2,,2019-12-02,50',
  `,${a2},2019-12-01,200`, `,${a2},2019-12-31,200`,
  `,${a3},2019-12-15,100`,
  `,${a5},2019-12-15,100`,
  `,${b1},2019-12-10,1000`, `,${b1},2019-02-05,450`,
  'M-A1-1,,2020-02-10,20', `M-A1-2,${a1},2020-02-10,11`,
  `,${a2},2020-02-10,60`, `,${a3},2020-02-10,90`, `,${b1},2020-02-10,900`,
].join('\n') + '\n';

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region, st, cadre] of [[a1, A, 'work_resumed'], [a2, A, 'production_resumed'],
    [a3, A, 'suspended', '赵干部'], [a4, A, 'work_resumed'], [a5, A, 'work_resumed'], [b1, B, 'work_resumed']]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: firm(code, region, st, cadre) });
    assert.equal(r.status, 201, r.text);
  }
  cmdA = await user('pw_cmd_a', ['commander'], { region_code: A });
  cadreB = await user('pw_cadre_b', ['cadre'], { region_code: B });
  entA1 = await user('pw_ent_a1', ['enterprise'], { enterprise_uscc: a1 });
});

after(async () => { await s?.stop(); });

test('meters map to enterprises; duplicates, unknown and foreign enterprises are refused', async () => {
  for (const m of ['M-A1-1', 'M-A1-2']) {
    const r = await s.api('POST', '/api/v1/power/meters', { token: cmdA, body: { meter_no: m, uscc: a1 } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.enterprise_uscc, a1);
  }
  let r = await s.api('POST', '/api/v1/power/meters', { token: cmdA, body: { meter_no: 'M-A1-1', uscc: a2 } });
  assert.equal(r.status, 409);
  assert.equal(r.body.field, 'meter_no');
  r = await s.api('POST', '/api/v1/power/meters', { token: cmdA, body: { meter_no: 'M-B1', uscc: b1 } });
  assert.equal(r.status, 404, 'an enterprise outside the scope is unknown');
  r = await s.api('POST', '/api/v1/power/meters', { token: cmdA, body: { uscc: a1 } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'meter_no');
  r = await s.api('POST', '/api/v1/power/meters', { token: entA1, body: { meter_no: 'X', uscc: a1 } });
  assert.equal(r.status, 403);
  r = await s.api('GET', `/api/v1/power/meters?uscc=${a1}`, { token: cmdA });
  assert.equal(r.body.total, 2);
  r = await s.api('GET', '/api/v1/power/meters', { token: cadreB });
  assert.equal(r.body.total, 0, 'another region sees no meters of A');
});

test('import: bad rows are reported row by row, valid rows import, re-import is idempotent', async () => {
  const bad = [
    '户号,统一社会信用代码,日期,用电量',
    `,${a2},2019-12-05,-3`,          // 2 negative
    `,${a2},2019-12-06,500000000`,   // 3 absurd
    'M-NONE,,2019-12-07,10',          // 4 unmapped meter
    `,${a4},2020-02-11,10`,           // 5 future date
    `,${a4},2019-13-01,10`,           // 6 bad date
    `,${a4},2019-12-01,abc`,          // 7 not a number
    `,${uscc(A, 999)},2019-12-01,10`, // 8 unknown enterprise
    `M-A1-1,${a2},2019-12-01,10`,     // 9 meter of another enterprise
  ].join('\n') + '\n';
  let r = await s.upload('/api/v1/power/readings/import', admin, 'bad.csv', bad);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.imported, 0);
  assert.equal(r.body.rejected_rows, 8);
  assert.deepEqual(r.body.rejected.map((e) => [e.row, e.column]),
    [[2, '用电量'], [3, '用电量'], [4, '户号'], [5, '日期'], [6, '日期'], [7, '用电量'], [8, '统一社会信用代码'], [9, '统一社会信用代码']]);

  r = await s.upload('/api/v1/power/readings/import', admin, 'good.csv', GOOD + `,${a3},2020-02-10,95\n`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.imported, 15);
  assert.equal(r.body.rejected_rows, 1, 'the duplicate day of a3 is rejected');
  assert.equal(r.body.rejected[0].row, 17);
  assert.match(r.body.rejected[0].reason, /重复/);
  // The same file again replaces the values: nothing new.
  r = await s.upload('/api/v1/power/readings/import', admin, 'good.csv', GOOD);
  assert.equal(r.body.imported, 0);
  assert.equal(r.body.updated, 15);
  // A file without the use column changes nothing.
  r = await s.upload('/api/v1/power/readings/import', admin, 'x.csv', `统一社会信用代码,日期\n${a4},2020-02-10\n`);
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'missing_column');
  // A region's commander imports only its own enterprises.
  r = await s.upload('/api/v1/power/readings/import', cmdA, 'b.csv', `统一社会信用代码,日期,用电量\n${b1},2020-02-09,1\n`);
  assert.equal(r.body.rejected_rows, 1);
});

test('rates by power: baseline, the threshold edge, missing data counted, subtree sums', async () => {
  const a = await rates(A);
  // a1: baseline 100 (two meters, two days), use 31 > 30 → resumed;
  // a2: baseline 200, use 60 = 30% → not resumed (strictly above);
  // a3: baseline 100, use 90 → resumed; a4: no baseline; a5: no reading.
  assert.equal(a.base, 5);
  assert.equal(a.with_data, 3);
  assert.equal(a.without_data, 2);
  assert.equal(a.no_baseline, 1);
  assert.equal(a.no_reading, 1);
  assert.deepEqual([a.resumed.num, a.resumed.den], [2, 3]);
  assert.deepEqual([a.production.num, a.production.den], [181, 400]);
  assert.equal(a.reported_resumed.num, 2);
  assert.equal(a.label, 'suppressed');
  assert.equal(a.label_zh, '抑制');
  const city = await rates(CITY);
  assert.equal(city.base, 6);
  assert.deepEqual([city.resumed.num, city.resumed.den], [3, 4]);
  assert.deepEqual([city.production.num, city.production.den], [1081, 1400]);
  assert.equal(city.label, 'recovering');
  // A threshold of 29% resumes a2 (60 > 58).
  let r = await s.api('PUT', '/api/v1/power/config', { token: cmdA, body: { region_code: A, threshold: 0.29 } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await rates(A)).resumed.num, 3);
  r = await s.api('PUT', '/api/v1/power/config', { token: cmdA, body: { region_code: A, threshold: 0.3, suppressed_below: 0.4, stable_from: 0.45 } });
  assert.equal(r.status, 200, r.text);
  const relabelled = await rates(A);
  assert.equal(relabelled.resumed.num, 2);
  assert.equal(relabelled.label, 'stable');
  // Bad configuration is refused and changes nothing.
  for (const [body, field] of [[{ region_code: A, threshold: 0 }, 'threshold'], [{ region_code: A, threshold: 0.3, baseline_method: 'x' }, 'baseline_method'],
    [{ region_code: A, threshold: 0.3, reference_month: '2019-13' }, 'reference_month'], [{ region_code: A, threshold: 0.3, suppressed_below: 0.9, stable_from: 0.5 }, 'stable_from']]) {
    r = await s.api('PUT', '/api/v1/power/config', { token: cmdA, body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.field, field);
  }
  r = await s.api('PUT', '/api/v1/power/config', { token: cmdA, body: { region_code: B, threshold: 0.5 } });
  assert.equal(r.status, 404, 'another region');
  r = await s.api('GET', `/api/v1/power/config?region=${A}`, { token: cmdA });
  assert.equal(r.body.threshold, 0.3);
  assert.equal(r.body.stable_from, 0.45);
  // Same period of the previous year: b1's February 2019 (450).
  r = await s.api('PUT', '/api/v1/power/config', { token: admin, body: { region_code: B, threshold: 0.3, baseline_method: 'same_period' } });
  assert.equal(r.status, 200, r.text);
  const b = await rates(B);
  assert.deepEqual([b.production.num, b.production.den], [900, 450]);
  // The daily series: no readings on the 9th.
  r = await s.api('GET', `/api/v1/power/series?region=${A}&date=${D}&from=2020-02-09`, { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((p) => [p.date, p.with_data, p.without_data, p.resumed.num]),
    [['2020-02-09', 0, 5, 0], ['2020-02-10', 3, 2, 2]]);
  r = await s.api('GET', `/api/v1/power/series?region=${A}&date=${D}&from=2019-01-01`, { token: admin });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'from');
  // Another region's figures are not the caller's.
  r = await s.api('GET', `/api/v1/power/rates?region=${A}&date=${D}`, { token: cadreB });
  assert.notEqual(r.status, 200);
});

test('disagreements per cadre, with explanations', async () => {
  let l = await list('resumed_no_power');
  assert.deepEqual(l.items.map((e) => e.uscc), [a2]);
  l = await list('power_not_reported');
  assert.deepEqual(l.items.map((e) => e.uscc), [a3]);
  assert.equal(l.items[0].cadre, '赵干部');
  l = await list('power_not_reported', A, admin, `&cadre=${encodeURIComponent('李干部')}`);
  assert.equal(l.total, 0);
  l = await list('no_data');
  assert.deepEqual(l.items.map((e) => e.uscc).sort(), [a4, a5].sort());
  // Load reported 90% against a power rate of 31%: beyond the 30-point margin.
  let r = await s.api('POST', `/api/v1/enterprises/${a1}/daily-reports`, { token: entA1, body: { date: D, on_duty: 40, returned: 40,
    returned_out_of_province: 0, quarantined: 0, fever: 0, load_percent: 90, output_value: 5, output_quantity: 1, masks: 1, disinfectant: 1 } });
  assert.equal(r.status, 201, r.text);
  l = await list('load_mismatch');
  assert.deepEqual(l.items.map((e) => [e.uscc, e.load_percent]), [[a1, 90]]);
  r = await s.api('GET', `/api/v1/power/disagreements?region=${A}&date=${D}&kind=nope`, { token: admin });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'kind');
  // The explanation is recorded and shown.
  r = await s.api('POST', '/api/v1/power/explanations', { token: cmdA, body: { uscc: a3, date: D, kind: 'power_not_reported', reason: 'generator', note: '自备发电机调试' } });
  assert.equal(r.status, 201, r.text);
  l = await list('power_not_reported');
  assert.equal(l.items[0].reason, 'generator');
  assert.equal(l.items[0].note, '自备发电机调试');
  for (const [body, field] of [[{ uscc: a3, date: D, kind: 'x', reason: 'generator' }, 'kind'], [{ uscc: a3, date: D, kind: 'load_mismatch', reason: 'x' }, 'reason'],
    [{ uscc: a3, date: '2020-02-11', kind: 'load_mismatch', reason: 'other' }, 'date'], [{ uscc: a3, kind: 'load_mismatch', reason: 'other' }, 'date']]) {
    r = await s.api('POST', '/api/v1/power/explanations', { token: cmdA, body });
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.field, field);
  }
  r = await s.api('POST', '/api/v1/power/explanations', { token: cadreB, body: { uscc: a3, date: D, kind: 'power_not_reported', reason: 'other' } });
  assert.equal(r.status, 404, 'an enterprise outside the scope is unknown');
  assert.equal((await list('power_not_reported')).items[0].reason, 'generator', 'the refused request changed nothing');
});

test('fugong import power FILE', async () => {
  const file = join(s.dir, 'power.csv');
  writeFileSync(file, `统一社会信用代码,日期,用电量\n${a4},2019-12-01,40\n${a4},2020-02-10,13\n${a4},2020-02-10,14\n`);
  const r = runCli(s.db, ['import', 'power', file]);
  assert.equal(r.status, 3, r.stderr + r.stdout);
  assert.match(r.stdout, /imported 2, updated 0, rejected rows 1/);
  const a = await rates(A);
  assert.equal(a.no_baseline, 0);
  assert.equal(a.with_data, 4);
  assert.equal(a.resumed.num, 3, 'a4: 13 > 30% of 40');
});

test('the statistics rates answer carries the power block beside the reported rates', async () => {
  const r = await s.api('GET', `/api/v1/stats/rates?region=${A}&date=${D}`, { token: cmdA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.base, 5, 'the reported base');
  assert.equal(r.body.power.base, r.body.base, 'the same base by power');
  assert.equal(r.body.power.with_data + r.body.power.without_data, r.body.base);
  assert.deepEqual([r.body.power.resumed.num, r.body.power.resumed.den], [3, 4]);
  assert.equal(r.body.power.threshold, 0.3);
  assert.ok(r.body.rates.work_resumed);
});

test('the bulletin can say the interval label and the figures by power', async () => {
  const p = await s.api('POST', '/api/v1/stats/bulletin/preview', { token: admin, body: { region: A, date: D,
    body: '电力复工指数处于{power.label}区间，{power.with_data}户有电量数据中{power.resumed}户用电复工，无数据{power.without_data}户，电力复产指数{power.production}' } });
  assert.equal(p.status, 200, p.text);
  // a1 31, a2 60, a3 90, a4 13 over baselines 100, 200, 100, 40: 194 / 440 = 44.1%, below the 45% stable line.
  assert.equal(p.body.text, '电力复工指数处于恢复区间，4户有电量数据中3户用电复工，无数据1户，电力复产指数44.1%');
});

test('an XLSX utility file imports like a CSV; its rejected rows can be downloaded as a report', async () => {
  const { xlsx } = await import('../lib/xlsx.mjs');
  const file = xlsx([['统一社会信用代码', '日期', '用电量'], [a2, '2020-02-09', 12], [a3, '2020-02-09', -5], [a3, '2020-02-09', '许多']]);
  let r = await s.upload('/api/v1/power/readings/import', admin, 'meters.xlsx', file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.imported, r.body.rejected_rows], [1, 2]);
  assert.equal(r.body.latest_date, '2020-02-09');
  assert.deepEqual(r.body.rejected.map((e) => [e.row, e.column]), [[3, '用电量'], [4, '用电量']]);
  assert.match(r.body.report_id, /^[A-Za-z0-9_-]{10,}$/);
  const report = await s.api('GET', `/api/v1/imports/${r.body.report_id}/report`, { token: admin });
  assert.equal(report.status, 200);
  assert.match(report.text, /^\uFEFF?行号,列,原因\r\n3,用电量,用电量不能为负数\r\n4,用电量,用电量应为数字\r\n$/);
  // the report is the importer's own
  assert.equal((await s.api('GET', `/api/v1/imports/${r.body.report_id}/report`, { token: cmdA })).status, 404);
  // a clean file has no report
  r = await s.upload('/api/v1/power/readings/import', admin, 'ok.xlsx', xlsx([['统一社会信用代码', '日期', '用电量'], [a2, '2020-02-09', 12]]));
  assert.deepEqual([r.body.imported, r.body.updated, r.body.rejected_rows, r.body.report_id], [0, 1, 0, '']);
});

test('after an import the responsible cadre is told how many of their enterprises disagree', async () => {
  const cadreA = await user('pw_cadre_a', ['cadre'], { region_code: A });
  const me = await s.api('GET', '/api/v1/auth/me', { token: cadreA });
  let r = await s.api('PUT', `/api/v1/enterprises/${a2}/responsibility`, { token: admin, body: { cadre: { user_id: me.body.user.id, rank: 'section' } } });
  assert.equal(r.status, 200, r.text);
  // a2 reported resumed, uses 12 of a 200 baseline on the 9th: resumed with no power
  r = await s.upload('/api/v1/power/readings/import', admin, 'again.csv', `统一社会信用代码,日期,用电量\n${a2},2020-02-09,12\n`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.cadres_notified, 1);
  const n = await s.api('GET', '/api/v1/notifications', { token: cadreA });
  const note = n.body.items.find((x) => x.kind === 'power_disagreement');
  assert.ok(note, n.text);
  assert.match(note.body, /1 家企业 2020-02-09/);
  assert.equal(note.link, '/power/disagreements?date=2020-02-09');
  // once explained, the next import tells nobody
  r = await s.api('POST', '/api/v1/power/explanations', { token: cadreA, body: { uscc: a2, date: '2020-02-09', kind: 'resumed_no_power', reason: 'late_report' } });
  assert.equal(r.status, 201, r.text);
  r = await s.upload('/api/v1/power/readings/import', admin, 'again.csv', `统一社会信用代码,日期,用电量\n${a2},2020-02-09,12\n`);
  assert.equal(r.body.cadres_notified, 0);
});

test('the disagreement lists and the meters export as XLSX and CSV', async () => {
  let r = await fetch(`${s.base}/api/v1/power/disagreements/export?region=${A}&date=${D}&kind=power_not_reported&format=csv`, { headers: { authorization: 'Bearer ' + admin } });
  assert.equal(r.status, 200);
  const csv = await r.text();
  assert.ok(csv.includes(a3) && csv.includes('自备发电机调试'), csv);
  assert.ok(!csv.includes(a2), 'only the kind asked for');
  r = await fetch(`${s.base}/api/v1/power/disagreements/export?region=${A}&date=${D}&kind=power_not_reported`, { headers: { authorization: 'Bearer ' + admin } });
  assert.equal(r.status, 200);
  assert.equal(Buffer.from(await r.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  r = await fetch(`${s.base}/api/v1/power/disagreements/export?region=${A}&date=${D}&format=pdf`, { headers: { authorization: 'Bearer ' + admin } });
  assert.equal(r.status, 400);
  r = await fetch(`${s.base}/api/v1/power/meters/export?format=csv`, { headers: { authorization: 'Bearer ' + admin } });
  const meters = await r.text();
  assert.ok(meters.includes('M-A1-1') && meters.includes(a1), meters);
  // scope: district B's cadre sees none of district A's meters
  r = await fetch(`${s.base}/api/v1/power/meters/export?format=csv`, { headers: { authorization: 'Bearer ' + cadreB } });
  assert.ok(!(await r.text()).includes('M-A1-1'));
});

test('a configuration change keeps the fields it does not name; a bad one changes nothing', async () => {
  const before = (await s.api('GET', `/api/v1/power/config?region=${A}`, { token: admin })).body;
  let r = await s.api('PUT', '/api/v1/power/config', { token: admin, body: { region_code: A, margin: 20 } });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual({ ...r.body, margin: before.margin }, { ...before, region_code: A });
  assert.equal(r.body.margin, 20);
  r = await s.api('PUT', '/api/v1/power/config', { token: admin, body: { region_code: A, threshold: 5 } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'threshold');
  r = await s.api('GET', `/api/v1/power/config?region=${A}`, { token: admin });
  assert.deepEqual([r.body.threshold, r.body.margin], [before.threshold, 20]);
});
