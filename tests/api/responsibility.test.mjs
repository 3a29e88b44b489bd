// 包保 API: chains of responsibility with the rank rule (refusal, override
// with a reason), field errors that change nothing, bulk assignment (all or
// nothing, dry run, by filter), import with a row-level error report, cadre
// ranks, the coverage report from constructed data, visits (chain members
// only, validation), the 「调度企业N户次」 summary, the cadre's workbench,
// notifications of a new assignment, and scope (another district's objects
// are 404). Runs against the real binary on SQLite or PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ENGINE, startServer, uscc } from '../lib/harness.mjs';

const TODAY = '2020-02-20'; // a Thursday
const NOW = `${TODAY}T10:00:00+08:00`;
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const PW = 'Pass-word-1';

const kA1 = uscc(A, 501); // 规上
const kA2 = uscc(A, 502); // 重点
const sA1 = uscc(A, 503);
const sA2 = uscc(A, 504);
const sA3 = uscc(A, 505);
const sA4 = uscc(A, 506); // never assigned
const cA5 = uscc(A, 507); // closed: leaves the base
const xB = uscc(B, 508);

let s;
let admin, cmdA, cmdB, divA, secA, secB, noRank, entS1;
const ids = {};

function firm(code, region, extra = {}) {
  return { uscc: code, name: `包保测试企业${code.slice(-5, -1)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 50, work_status: 'work_resumed', status_date: '2020-02-10', ...extra };
}

async function user(username, display_name, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, display_name, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  ids[username] = r.body.id;
  return s.login(username, PW);
}

const chain = (token, code) => s.api('GET', `/api/v1/enterprises/${code}/responsibility`, { token });
const put = (token, code, body) => s.api('PUT', `/api/v1/enterprises/${code}/responsibility`, { token, body });
const visit = (token, code, body) => s.api('POST', `/api/v1/enterprises/${code}/visits`, { token, body });

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  const firms = [
    firm(kA1, A, { size: 'large', above_scale_industrial: true }),
    firm(kA2, A, { size: 'medium', key_enterprise: true }),
    firm(sA1, A), firm(sA2, A), firm(sA3, A, { size: 'micro' }), firm(sA4, A),
    firm(cA5, A, { work_status: 'closed' }),
    firm(xB, B),
  ];
  for (const f of firms) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: f });
    assert.equal(r.status, 201, r.text);
  }
  cmdA = await user('rs_cmd_a', '昌邑区指挥部', ['commander'], { region_code: A });
  cmdB = await user('rs_cmd_b', '龙潭区指挥部', ['commander'], { region_code: B });
  divA = await user('rs_div_a', '赵处长', ['cadre'], { region_code: A });
  secA = await user('rs_sec_a', '钱科长', ['cadre'], { region_code: A });
  secB = await user('rs_sec_b', '孙科长', ['cadre'], { region_code: B });
  noRank = await user('rs_norank', '李干部', ['cadre'], { region_code: A });
  entS1 = await user('rs_ent_s1', '企业联络员', ['enterprise'], { enterprise_uscc: sA1 });
  for (const [name, rank] of [['rs_div_a', '处级'], ['rs_sec_a', 'section'], ['rs_sec_b', 'section']]) {
    const r = await s.api('PUT', `/api/v1/responsibility/cadres/${ids[name]}`, { token: admin, body: { rank } });
    assert.equal(r.status, 200, r.text);
  }
});

after(async () => { await s?.stop(); });

test(`cadre ranks: listed per region, bad values refused, other districts 404 (${ENGINE})`, async () => {
  let r = await s.api('GET', `/api/v1/responsibility/cadres?region=${A}`, { token: cmdA });
  assert.equal(r.status, 200, r.text);
  const byName = Object.fromEntries(r.body.items.map((u) => [u.username, u]));
  assert.equal(byName.rs_div_a.rank, 'division');
  assert.equal(byName.rs_sec_a.rank, 'section');
  assert.equal(byName.rs_norank.rank, '');
  assert.equal(byName.rs_sec_b, undefined);
  r = await s.api('PUT', `/api/v1/responsibility/cadres/${ids.rs_norank}`, { token: cmdA, body: { rank: '副处' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'rank');
  r = await s.api('PUT', `/api/v1/responsibility/cadres/${ids.rs_sec_b}`, { token: cmdA, body: { rank: 'division' } });
  assert.equal(r.status, 404);
  r = await s.api('PUT', `/api/v1/responsibility/cadres/${ids.rs_sec_a}`, { token: secA, body: { rank: 'division' } });
  assert.equal(r.status, 403, 'a cadre does not assign');
});

test(`the rank rule: a 科级 cadre on a 规上 enterprise needs override and a reason (${ENGINE})`, async () => {
  let r = await put(cmdA, kA1, { cadre: { user_id: ids.rs_sec_a } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.code, 'rank_rule');
  assert.equal(r.body.field, 'cadre');
  assert.equal((await chain(cmdA, kA1)).body.links.cadre, undefined, 'nothing changed');
  r = await put(cmdA, kA1, { cadre: { user_id: ids.rs_sec_a }, override: true });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'override_reason');
  r = await put(cmdA, kA1, { cadre: { user_id: ids.rs_sec_a, phone: '13904320001' }, override: true,
    override_reason: '处级干部不足，临时由科级干部包保' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.links.cadre.rank, 'section');
  assert.equal(r.body.links.cadre.name, '钱科长');
  assert.equal(r.body.links.cadre.override_reason, '处级干部不足，临时由科级干部包保');
  assert.equal(r.body.coverage, 'no_division');
  assert.equal(r.body.required_rank, 'division');
  // The registry field mirrors the chain.
  const e = await s.api('GET', `/api/v1/enterprises/${kA1}`, { token: cmdA });
  assert.equal(e.body.cadre, '钱科长');
  assert.equal(e.body.cadre_rank, 'section');
  // A 处级 cadre on a 重点 enterprise passes the rule.
  r = await put(cmdA, kA2, { cadre: { user_id: ids.rs_div_a } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.coverage, 'covered');
});

test(`bad links are refused naming the field and change nothing (${ENGINE})`, async () => {
  const cases = [
    [{ cadre: { user_id: ids.rs_sec_b } }, 'cadre.user_id', 'user_out_of_region'],
    [{ cadre: { user_id: ids.rs_cmd_a } }, 'cadre.user_id', 'not_cadre'],
    [{ cadre: { user_id: ids.rs_norank } }, 'cadre.rank', 'rank_required'],
    [{ cadre: { user_id: 999999 } }, 'cadre.user_id', 'unknown_user'],
    [{ leader: { name: '周区长', phone: '12345' } }, 'leader.phone', 'invalid_phone'],
    [{ grid: { name: '王网格', rank: 'division' } }, 'grid.rank', 'invalid_value'],
    [{ town: {} }, 'town', 'required'],
    [{ cadre: { name: '吴干部', rank: '厅级' } }, 'cadre.rank', 'invalid_value'],
    [{ cadre: { user_id: 'x' } }, 'cadre.user_id', undefined],
    [{ mayor: { name: 'x' } }, 'mayor', 'unknown_field'],
  ];
  for (const [body, field, code] of cases) {
    const r = await put(cmdA, sA1, { leader: { name: '周区长', phone: '13904320002' }, ...body });
    assert.equal(r.status, 400, JSON.stringify(body) + ' ' + r.text);
    assert.equal(r.body.field, field, JSON.stringify(body));
    if (code) assert.equal(r.body.code, code);
    assert.deepEqual((await chain(cmdA, sA1)).body.links, {}, 'nothing changed');
  }
  // Another district's enterprise does not exist for the caller.
  assert.equal((await put(cmdB, sA1, { cadre: { user_id: ids.rs_sec_b } })).status, 404);
  assert.equal((await chain(cmdB, sA1)).status, 404);
  assert.equal((await chain(secB, kA1)).status, 404);
});

test(`a full chain (五方联动): detail shows phones, lists mask them, the cadre is notified (${ENGINE})`, async () => {
  const before = (await s.api('GET', '/api/v1/notifications?size=100', { token: secA })).body.items
    .filter((n) => n.kind === 'responsibility_assigned').length;
  const r = await put(cmdA, sA1, {
    leader: { name: '周区长', phone: '13904320002' },
    department: { unit: '工业和信息化局', name: '郑科员', phone: '0432-62345678' },
    town: { unit: '东局子街道', name: '冯主任' },
    grid: { unit: '第三网格', name: '陈网格员', phone: '13904320003' },
    cadre: { user_id: ids.rs_sec_a, phone: '13904320001' },
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.body.links).sort(), ['cadre', 'department', 'grid', 'leader', 'town']);
  assert.equal(r.body.links.department.phone, '0432-62345678');
  assert.equal(r.body.links.cadre.username, 'rs_sec_a');
  const list = await s.api('GET', `/api/v1/responsibility/chains?region=${A}&q=${sA1.slice(0, 14)}`, { token: cmdA });
  assert.equal(list.status, 200, list.text);
  const row = list.body.items.find((x) => x.uscc === sA1);
  assert.equal(row.links.leader.phone, '139****0002');
  assert.equal(row.links.grid.unit, '第三网格');
  const e = await s.api('GET', `/api/v1/enterprises/${sA1}`, { token: cmdA });
  assert.equal(e.body.grid, '第三网格');
  assert.equal(e.body.responsible_leader, '周区长');
  assert.equal(e.body.responsible_department, '工业和信息化局');
  const after = (await s.api('GET', '/api/v1/notifications?size=100', { token: secA })).body.items
    .filter((n) => n.kind === 'responsibility_assigned');
  assert.equal(after.length, before + 1);
  assert.match(after[0].title, /包保测试企业/);
  // The enterprise sees its own chain, not another's.
  assert.equal((await chain(entS1, sA1)).status, 200);
  assert.equal((await chain(entS1, kA1)).status, 404);
  // Removing a link with null.
  const removed = await put(cmdA, sA1, { town: null });
  assert.equal(removed.status, 200);
  assert.equal(removed.body.links.town, undefined);
});

test(`bulk assignment is all or nothing, with a dry run and a filter (${ENGINE})`, async () => {
  let r = await s.api('POST', '/api/v1/responsibility/assign', { token: cmdA,
    body: { usccs: [kA2, sA2], cadre: { user_id: ids.rs_sec_a } } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.code, 'rank_rule');
  assert.equal((await chain(cmdA, sA2)).body.links.cadre, undefined, 'nothing changed');
  assert.equal((await chain(cmdA, kA2)).body.links.cadre.username, 'rs_div_a');
  r = await s.api('POST', '/api/v1/responsibility/assign', { token: cmdA,
    body: { usccs: [kA2, sA2], cadre: { user_id: ids.rs_sec_a }, dry_run: true } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.assigned, 1);
  assert.deepEqual(r.body.refused.map((x) => x.uscc), [kA2]);
  assert.equal((await chain(cmdA, sA2)).body.links.cadre, undefined, 'a dry run changes nothing');
  r = await s.api('POST', '/api/v1/responsibility/assign', { token: cmdA,
    body: { usccs: [sA2, xB], cadre: { user_id: ids.rs_sec_a } } });
  assert.equal(r.status, 404, 'another district is unknown');
  assert.equal((await chain(cmdA, sA2)).body.links.cadre, undefined);
  r = await s.api('POST', '/api/v1/responsibility/assign', { token: cmdA, body: { cadre: { user_id: ids.rs_sec_a } } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'usccs');
  r = await s.api('POST', '/api/v1/responsibility/assign', { token: cmdA,
    body: { filter: { region: A, coverage: 'nobody' }, cadre: { user_id: ids.rs_sec_a } } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'coverage');
  // By filter: the uncovered small and micro enterprises of 昌邑区 except sA4.
  r = await s.api('POST', '/api/v1/responsibility/assign', { token: cmdA,
    body: { filter: { region: A, coverage: 'none', q: '包保测试企业' }, usccs: [sA2, sA3], cadre: { user_id: ids.rs_sec_a } } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.matched, 2);
  assert.equal(r.body.assigned, 2);
  assert.equal((await chain(cmdA, sA3)).body.links.cadre.username, 'rs_sec_a');
  const notes = (await s.api('GET', '/api/v1/notifications?size=100', { token: secA })).body.items;
  assert.ok(notes.some((n) => n.title === '新的包保企业 2 户'), JSON.stringify(notes.map((n) => n.title)));
});

test(`import applies valid rows and reports the others row by row (${ENGINE})`, async () => {
  const csv = [
    '统一社会信用代码,包保干部账号,干部级别,网格,网格员电话',
    `${kA2},rs_div_a,,第一网格,13904310001`,
    '91220202MA0000000X,rs_sec_a,,,',
    `${sA3},nobody,,,`,
    `${kA2},rs_div_a,,,`,
    `${xB},rs_sec_b,,,`,
    `${sA3},rs_sec_a,,第二网格,12345`,
    `${sA4},rs_sec_a,副科,,`,
  ].join('\n');
  const r = await s.upload('/api/v1/responsibility/import', cmdA, 'chains.csv', csv);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.applied, 1);
  assert.equal(r.body.rejected_rows, 6);
  assert.deepEqual(r.body.rejected.map((e) => [e.row, e.column]), [
    [3, '统一社会信用代码'], [4, '包保干部账号'], [5, '统一社会信用代码'], [6, '统一社会信用代码'],
    [7, '网格员电话'], [8, '干部级别']]);
  assert.ok(r.body.report_id);
  const report = await fetch(`${s.base}/api/v1/imports/${r.body.report_id}/report`, { headers: { authorization: 'Bearer ' + cmdA } });
  assert.equal(report.status, 200);
  assert.match(await report.text(), /网格员电话/);
  assert.equal((await chain(cmdA, kA2)).body.links.grid.unit, '第一网格');
  assert.equal((await chain(cmdA, sA3)).body.links.grid, undefined, 'a rejected row changes nothing');
  assert.equal((await chain(cmdA, sA4)).body.links.cadre, undefined);
  const missing = await s.upload('/api/v1/responsibility/import', cmdA, 'bad.csv', '企业名称,网格\n某公司,一网格\n');
  assert.equal(missing.status, 400);
  assert.equal(missing.body.code, 'missing_column');
  const tpl = await fetch(`${s.base}/api/v1/responsibility/import-template`, { headers: { authorization: 'Bearer ' + cmdA } });
  assert.equal(tpl.status, 200);
});

test(`coverage: uncovered, 规上/重点 without a 处级 cadre, per cadre, export (${ENGINE})`, async () => {
  let r = await s.api('GET', `/api/v1/responsibility/coverage?region=${A}`, { token: cmdA });
  assert.equal(r.status, 200, r.text);
  // kA1 kA2 sA1 sA2 sA3 sA4 (cA5 is closed).
  assert.equal(r.body.enterprises, 6);
  assert.equal(r.body.uncovered, 1);
  assert.equal(r.body.covered, 5);
  assert.equal(r.body.key_total, 2);
  assert.equal(r.body.key_without_division, 1);
  assert.deepEqual(r.body.items.map((x) => x.uscc), [sA4]);
  const load = Object.fromEntries(r.body.cadres.map((c) => [c.name, c]));
  assert.equal(load['钱科长'].enterprises, 4);
  assert.equal(load['钱科长'].key_enterprises, 1);
  assert.equal(load['赵处长'].enterprises, 1);
  assert.equal(load['李干部'].enterprises, 0, 'a cadre without enterprises is listed');
  r = await s.api('GET', `/api/v1/responsibility/coverage?region=${A}&list=no_division`, { token: cmdA });
  assert.deepEqual(r.body.items.map((x) => x.uscc), [kA1]);
  r = await s.api('GET', `/api/v1/responsibility/coverage?list=everything`, { token: cmdA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'list');
  r = await s.api('GET', `/api/v1/responsibility/coverage?region=999999`, { token: cmdA });
  assert.equal(r.status, 400);
  // Another district sees nothing of 昌邑区.
  r = await s.api('GET', `/api/v1/responsibility/coverage?region=${A}`, { token: cmdB });
  assert.equal(r.status, 200);
  assert.equal(r.body.enterprises, 0);
  r = await s.api('GET', `/api/v1/responsibility/coverage`, { token: cmdB });
  assert.equal(r.body.enterprises, 1);
  assert.equal(r.body.uncovered, 1);
  for (const list of ['none', 'no_division', 'cadres']) {
    const x = await fetch(`${s.base}/api/v1/responsibility/coverage?region=${A}&list=${list}&format=xlsx`, { headers: { authorization: 'Bearer ' + cmdA } });
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    const bytes = Buffer.from(await x.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  }
  // A rank change flows into the report: 钱科长 promoted, kA1 is covered by a 处级 cadre.
  r = await s.api('PUT', `/api/v1/responsibility/cadres/${ids.rs_sec_a}`, { token: cmdA, body: { rank: 'division' } });
  assert.equal(r.status, 200);
  assert.equal((await s.api('GET', `/api/v1/responsibility/coverage?region=${A}`, { token: cmdA })).body.key_without_division, 0);
  r = await s.api('PUT', `/api/v1/responsibility/cadres/${ids.rs_sec_a}`, { token: cmdA, body: { rank: 'section' } });
  assert.equal((await s.api('GET', `/api/v1/responsibility/coverage?region=${A}`, { token: cmdA })).body.key_without_division, 1);
});

test(`visits: chain members only, validation changes nothing (${ENGINE})`, async () => {
  const count = async () => (await s.api('GET', `/api/v1/visits?region=${A}&size=1`, { token: cmdA })).body.total;
  const n0 = await count();
  const bad = [
    [{ kind: 'dinner', summary: 'x' }, 'kind'],
    [{ kind: 'visit' }, 'summary'],
    [{ kind: 'visit', summary: '了解复工情况', next_visit_date: '2020-02-19' }, 'next_visit_date'],
    [{ kind: 'visit', summary: '了解复工情况', next_visit_date: '2020-02-30' }, 'next_visit_date'],
    [{ kind: 'visit', summary: '了解复工情况', at: '2020-02-20T11:00:00+08:00' }, 'at'],
    [{ kind: 'visit', summary: '了解复工情况', at: 'yesterday' }, 'at'],
    [{ kind: 'visit', summary: '了解复工情况', cost: 3 }, 'cost'],
  ];
  for (const [body, field] of bad) {
    const r = await visit(secA, sA1, body);
    assert.equal(r.status, 400, JSON.stringify(body) + r.text);
    assert.equal(r.body.field, field);
  }
  assert.equal(await count(), n0);
  assert.equal((await visit(secA, sA4, { kind: 'visit', summary: '路过' })).status, 403, 'not in the chain');
  assert.equal((await visit(divA, kA1, { kind: 'visit', summary: '路过' })).status, 403);
  assert.equal((await visit(secB, kA1, { kind: 'visit', summary: '路过' })).status, 404);
  assert.equal((await visit(entS1, sA1, { kind: 'visit', summary: '自报' })).status, 403);
  assert.equal(await count(), n0);

  const ok = [
    [secA, sA1, { kind: 'visit', at: '2020-02-20T09:00:00+08:00', summary: '实地查看复工防疫措施', problems: '口罩库存仅够 3 天' }],
    [secA, sA1, { kind: 'call', at: '2020-02-18T15:00:00+08:00', summary: '电话调度用工情况' }],
    [secA, sA2, { kind: 'visit', at: '2020-02-18T10:00:00+08:00', summary: '协调原料运输' }],
    [secA, kA1, { kind: 'call', at: '2020-02-10T10:00:00+08:00', summary: '电话了解产能', next_visit_date: '2020-02-25' }],
    [divA, kA2, { kind: 'online', at: '2020-02-19T16:00:00+08:00', summary: '视频调度' }],
  ];
  for (const [token, code, body] of ok) {
    const r = await visit(token, code, body);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.kind, body.kind);
    assert.equal(r.body.day, body.at.slice(0, 10));
  }
  assert.equal(await count(), n0 + 5);
  const mine = await s.api('GET', `/api/v1/enterprises/${sA1}/visits`, { token: entS1 });
  assert.equal(mine.status, 200);
  assert.equal(mine.body.total, 2);
  assert.equal(mine.body.items[0].problems, '口罩库存仅够 3 天');
  assert.equal((await s.api('GET', `/api/v1/enterprises/${sA1}/visits`, { token: cmdB })).status, 404);
  const calls = await s.api('GET', `/api/v1/visits?kind=call&user=${ids.rs_sec_a}`, { token: cmdA });
  assert.equal(calls.body.total, 2);
  const x = await fetch(`${s.base}/api/v1/visits?region=${A}&format=xlsx`, { headers: { authorization: 'Bearer ' + cmdA } });
  assert.equal(x.status, 200);
});

test(`the summary 「调度企业N户次」 per day, week and cadre (${ENGINE})`, async () => {
  let r = await s.api('GET', `/api/v1/visits/summary?region=${A}&from=2020-02-17&to=2020-02-20`, { token: cmdA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.enterprises, 3); // sA1, sA2, kA2
  assert.equal(r.body.visits, 4);
  assert.equal(r.body.text, '调度企业3户、4户次');
  assert.deepEqual(r.body.periods, [
    { enterprises: 2, visits: 2, period: '2020-02-18' },
    { enterprises: 1, visits: 1, period: '2020-02-19' },
    { enterprises: 1, visits: 1, period: '2020-02-20' }]);
  const byName = Object.fromEntries(r.body.cadres.map((c) => [c.name, c]));
  assert.deepEqual([byName['钱科长'].enterprises, byName['钱科长'].visits], [2, 3]);
  assert.deepEqual([byName['赵处长'].enterprises, byName['赵处长'].visits], [1, 1]);
  r = await s.api('GET', `/api/v1/visits/summary?region=${A}&from=2020-02-01&to=2020-02-29&period=week`, { token: cmdA });
  assert.deepEqual(r.body.periods, [
    { enterprises: 1, visits: 1, period: '2020-02-10' },
    { enterprises: 3, visits: 4, period: '2020-02-17' }]);
  assert.equal(r.body.text, '调度企业4户、5户次');
  r = await s.api('GET', `/api/v1/visits/summary?region=${A}&from=2020-02-20&to=2020-02-01`, { token: cmdA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'to');
  r = await s.api('GET', `/api/v1/visits/summary?period=year`, { token: cmdA });
  assert.equal(r.body.field, 'period');
  r = await s.api('GET', `/api/v1/visits/summary?from=2020-02-01&to=2020-02-29`, { token: cmdB });
  assert.equal(r.body.visits, 0, 'another district counts nothing of 昌邑区');
});

test(`the cadre's workbench: my enterprises, missing reports, visits due (${ENGINE})`, async () => {
  const rep = await s.api('POST', `/api/v1/enterprises/${sA1}/daily-reports`, { token: entS1, body: {
    date: TODAY, on_duty: 40, returned: 45, returned_out_of_province: 2, quarantined: 0, fever: 0,
    load_percent: 60, output_value: 3.5, output_quantity: 10, masks: 500, disinfectant: 10 } });
  assert.equal(rep.status, 201, rep.text);
  const r = await s.api('GET', '/api/v1/me/workbench', { token: secA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.date, TODAY);
  const items = Object.fromEntries(r.body.enterprises.map((x) => [x.uscc, x]));
  assert.deepEqual(Object.keys(items).sort(), [kA1, sA1, sA2, sA3].sort());
  assert.equal(items[sA1].reported_today, true);
  assert.equal(items[sA2].reported_today, false);
  assert.equal(r.body.missing_reports, 3);
  assert.equal(items[sA3].visit_due, true, 'never visited');
  assert.equal(items[kA1].visit_due, false, 'visited 10 days ago, next visit on the 25th');
  assert.equal(items[sA1].visit_due, false);
  assert.equal(r.body.visits_due, 1);
  assert.equal(items[kA1].key, true);
  assert.equal(r.body.recent_visits.length, 4);
  assert.equal(r.body.open_demands, 0, 'the demand module answers: none in the queue');
  // A demand of sA1 goes to its cadre (CadreOf) and counts on the cadre's workbench.
  const d = await s.api('POST', '/api/v1/demands', { token: entS1, body: { category: 'ppe', title: '口罩只够 3 天' } });
  assert.equal(d.status, 201, d.text);
  assert.equal((await s.api('GET', '/api/v1/me/workbench', { token: secA })).body.open_demands, 1);
  const other = await s.api('GET', '/api/v1/me/workbench', { token: noRank });
  assert.equal(other.body.enterprises.length, 0);
  assert.equal((await s.api('GET', '/api/v1/me/workbench', { token: cmdA })).status, 403);
});
