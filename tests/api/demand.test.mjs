// Demands API (诉求台账, SPEC §3.6): routing to the enterprise's cadre or the
// district commanders' queue, transfer to a department (chosen handler or
// least loaded), transitions allowed and refused (409 naming the state),
// rating (only the raising enterprise, only when resolved, below 3 reopens),
// validation naming the field with nothing changed, scope (another
// enterprise's demand is 404), attachments (type by content, size), the SLA
// settings per category, escalation when overdue (a second server on the same
// database pinned three days later), and the assessment figures (反馈考核)
// from constructed histories with drill-down and XLSX export.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN_PASSWORD, BIN, ENGINE, freePort, keyFileEnv, startServer, uscc } from '../lib/harness.mjs';

const NOW = '2020-02-14T09:00:00+08:00'; // a Friday
const LATER = '2020-02-17T09:00:00+08:00'; // the Monday after: 540 service minutes later
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const CITY = '220200';
const firmA = uscc(A, 51);
const firmA2 = uscc(A, 52);
const firmB = uscc(B, 53);
const PW = 'Pass-word-1';
const HR = '人力资源和社会保障局';

let s, s2;
let admin, entA, entA2, entB, cadreA, cmdA, cmdB, cmdCity, hr1, hr2, inspA;
const ids = {};
const d = {};

function enterprise(code, region) {
  return { uscc: code, name: `诉求测试企业${code.slice(-4)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 50, work_status: 'work_resumed', status_date: '2020-02-05', contact: '王伟', phone: '043262010000' };
}

async function user(srv, username, roles, extra) {
  const r = await srv.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, display_name: username, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  ids[username] = r.body.id;
  return srv.login(username, PW);
}

const raise = (token, body, srv = s) => srv.api('POST', '/api/v1/demands', { token, body });
const act = (token, id, action, body = {}, srv = s) => srv.api('POST', `/api/v1/demands/${id}/${action}`, { token, body });
const get = (token, id, srv = s) => srv.api('GET', `/api/v1/demands/${id}`, { token });
async function total(token, query = '', srv = s) {
  const r = await srv.api('GET', `/api/v1/demands?size=1${query}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}
async function notes(srv, token, kind) {
  const r = await srv.api('GET', '/api/v1/notifications?size=100', { token });
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((n) => !kind || n.kind === kind);
}

// A second server on the same database with another pinned clock.
async function serverAt(now) {
  const port = await freePort();
  const logs = [];
  const child = spawn(BIN, ['serve', '--db', s.db, '--port', String(port), '--web', join(s.dir, 'no-web')], {
    env: { ...process.env, ...keyFileEnv(s.db), FUGONG_NOW: now }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (x) => logs.push(String(x)));
  child.stderr.on('data', (x) => logs.push(String(x)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(base + '/healthz')).ok) break; } catch { /* not yet */ }
    if (child.exitCode !== null || i > 200) throw new Error('second server did not start:\n' + logs.join(''));
    await new Promise((r) => setTimeout(r, 50));
  }
  const srv = { base, child };
  srv.api = async (method, path, { token, body } = {}) => {
    const h = {};
    if (token) h.authorization = 'Bearer ' + token;
    if (body !== undefined) h['content-type'] = 'application/json';
    const r = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, body: parsed, headers: r.headers, text };
  };
  srv.login = async (username, password) => {
    const r = await srv.api('POST', '/api/v1/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
    return r.body.token;
  };
  srv.stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
  };
  return srv;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW, FUGONG_DEMAND_ESCALATION_SECONDS: '3600' } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[firmA, A], [firmA2, A], [firmB, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(code, region) });
    assert.equal(r.status, 201, r.text);
  }
  entA = await user(s, 'dm_ent_a', ['enterprise'], { enterprise_uscc: firmA });
  entA2 = await user(s, 'dm_ent_a2', ['enterprise'], { enterprise_uscc: firmA2 });
  entB = await user(s, 'dm_ent_b', ['enterprise'], { enterprise_uscc: firmB });
  cadreA = await user(s, 'dm_cadre_a', ['cadre'], { region_code: A });
  cmdA = await user(s, 'dm_cmd_a', ['commander'], { region_code: A });
  cmdB = await user(s, 'dm_cmd_b', ['commander'], { region_code: B });
  cmdCity = await user(s, 'dm_cmd_city', ['commander'], { region_code: CITY });
  hr1 = await user(s, 'dm_hr_1', ['department'], { region_code: A, department: HR });
  hr2 = await user(s, 'dm_hr_2', ['department'], { region_code: A, department: HR });
  inspA = await user(s, 'dm_insp_a', ['inspector'], { region_code: A });
  let r = await s.api('PUT', `/api/v1/responsibility/cadres/${ids.dm_cadre_a}`, { token: admin, body: { rank: 'section' } });
  assert.equal(r.status, 200, r.text);
  r = await s.api('PUT', `/api/v1/enterprises/${firmA}/responsibility`, { token: admin, body: { cadre: { user_id: ids.dm_cadre_a } } });
  assert.equal(r.status, 200, r.text);
});

after(async () => {
  if (s2) await s2.stop();
  await s?.stop();
});

test(`routing: to the enterprise's cadre, else the district commanders' queue (${ENGINE})`, async () => {
  let r = await raise(entA, { category: 'labour', title: '外省员工返岗困难', description: '30 人' });
  assert.equal(r.status, 201, r.text);
  d.d1 = r.body.id;
  assert.equal(r.body.state, 'new');
  assert.equal(r.body.source, 'enterprise');
  assert.equal(r.body.assignee_id, ids.dm_cadre_a);
  assert.equal(r.body.cadre_id, ids.dm_cadre_a);
  assert.equal(r.body.clocks.first_response.state, 'running');
  assert.equal(r.body.clocks.first_response.limit_minutes, 60);
  assert.equal(r.body.clocks.first_response.due_at, '2020-02-14T10:00:00+08:00');
  assert.equal(r.body.clocks.resolution.limit_minutes, 72 * 60);
  assert.equal(r.body.events[0].kind, 'created');
  assert.equal((await notes(s, cadreA, 'demand_assigned')).length, 1, 'the cadre is told');

  r = await raise(entA2, { category: 'funding', title: '流动资金紧张' });
  assert.equal(r.status, 201, r.text);
  d.d3 = r.body.id;
  assert.equal(r.body.assignee_id, null, 'no cadre: unassigned');
  assert.equal(r.body.department, '');
  assert.equal((await notes(s, cmdA, 'demand_assigned')).length, 1, 'the district commanders are told');
  assert.equal((await notes(s, cmdCity, 'demand_assigned')).length, 0, 'not the city');
  r = await s.api('GET', '/api/v1/demands?mine=1', { token: cmdA });
  assert.deepEqual(r.body.items.map((x) => x.id), [d.d3], 'in the commander queue');
  r = await s.api('GET', '/api/v1/demands?mine=1', { token: cadreA });
  assert.deepEqual(r.body.items.map((x) => x.id), [d.d1], 'in the cadre queue');
  r = await act(cadreA, d.d3, 'accept');
  assert.equal(r.status, 403, 'another enterprise\'s cadre does not act on it');
});

test(`transitions: allowed and refused with the state named; nothing changes (${ENGINE})`, async () => {
  let r = await act(cadreA, d.d1, 'resolve', { resolution: '已解决' });
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'invalid_transition');
  assert.equal(r.body.field, 'state');
  assert.match(r.body.message, /new|待受理/);
  r = await act(entA, d.d1, 'accept');
  assert.equal(r.status, 403, 'an enterprise does not handle');
  r = await act(cadreA, d.d1, 'accept', { note: '收到' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'accepted');
  assert.equal(r.body.first_response_at, NOW);
  assert.equal(r.body.clocks.first_response.state, 'on_time');
  r = await act(cadreA, d.d1, 'accept');
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'invalid_transition');
  r = await act(entA, d.d1, 'rate', { rating: 5 });
  assert.equal(r.status, 409, 'rating a demand that is not resolved');
  assert.equal(r.body.code, 'not_resolved');
  r = await act(cadreA, d.d1, 'respond', { message: '' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'message');
  r = await act(cadreA, d.d1, 'respond', { message: '已联系人社局协调包车' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'in_progress');
  assert.ok((await notes(s, entA, 'demand_reply')).length >= 1, 'the enterprise hears the reply');
  const before = (await get(cadreA, d.d1)).body;
  r = await act(cadreA, d.d1, 'transfer', { department: HR, handler_id: ids.dm_cmd_a });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'handler_id');
  r = await act(cadreA, d.d1, 'transfer', { department: HR, handler_id: ids.dm_hr_1, least_loaded: true });
  assert.equal(r.status, 400);
  r = await act(cadreA, d.d1, 'transfer', { department: '不存在的局', least_loaded: true });
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'no_handler');
  const after = (await get(cadreA, d.d1)).body;
  assert.deepEqual(after.events, before.events, 'refused transfers change nothing');
  assert.equal(after.department, '');
  r = await act(cadreA, d.d1, 'transfer', { department: HR, handler_id: ids.dm_hr_1, note: '请协调' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.assignee_id, ids.dm_hr_1);
  assert.equal(r.body.department, HR);
  assert.equal((await notes(s, hr1, 'demand_assigned')).length, 1);
});

test(`least-loaded transfer picks the handler with the fewest open demands (${ENGINE})`, async () => {
  let r = await raise(entA, { category: 'labour', title: '招工困难' });
  d.d2 = r.body.id;
  r = await act(cadreA, d.d2, 'transfer', { department: HR, least_loaded: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'accepted', 'a transfer from new answers the enterprise');
  assert.equal(r.body.assignee_id, ids.dm_hr_2, 'hr1 holds one open demand, hr2 none');
  r = await act(cadreA, d.d2, 'respond', { message: '已转人社局' });
  assert.equal(r.status, 403, 'the cadre no longer holds it');
  r = await act(hr2, d.d2, 'respond', { message: '本周内安排招聘会' });
  assert.equal(r.status, 200, r.text);
});

test(`rating: only the raising enterprise, 1–5, below 3 reopens (${ENGINE})`, async () => {
  let r = await act(hr1, d.d1, 'resolve', { resolution: '已安排包车接回' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'resolved');
  assert.equal(r.body.clocks.resolution.state, 'on_time');
  assert.equal((await get(entA, d.d1)).body.can_rate, true);
  r = await act(cadreA, d.d1, 'rate', { rating: 5 });
  assert.equal(r.status, 403, 'a cadre has no rate permission');
  r = await act(entA, d.d1, 'rate', { rating: 6 });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'rating');
  r = await act(entA, d.d1, 'rate', { rating: 2, comment: '只接回一半' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'in_progress', 'reopened');
  assert.equal(r.body.reopen_count, 1);
  assert.equal(r.body.rating, 2);
  assert.deepEqual(r.body.events.slice(-2).map((e) => e.kind), ['rated', 'reopened']);
  assert.equal(r.body.clocks.resolution.state, 'running');
  assert.equal((await notes(s, hr1, 'demand_reopened')).length, 1);
  r = await act(hr1, d.d1, 'resolve', { resolution: '剩余人员已接回' });
  assert.equal(r.status, 200, r.text);
  r = await act(entA, d.d1, 'rate', { rating: 5, comment: '满意' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'rated');
  assert.equal(r.body.reopen_count, 1);
  r = await act(entA, d.d1, 'rate', { rating: 5 });
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'not_resolved');
  r = await act(hr1, d.d1, 'respond', { message: 'x' });
  assert.equal(r.status, 409, 'a rated demand is closed');
});

test(`raising: sources by role, validation naming the field, nothing created (${ENGINE})`, async () => {
  const count = await total(admin);
  const bad = [
    [entA, { category: 'weather', title: 'x' }, 400, 'category'],
    [entA, { category: 'ppe' }, 400, 'title'],
    [entA, { category: 'ppe', title: 'x', contact_phone: '12345' }, 400, 'contact_phone'],
    [entA, { category: 'ppe', title: 'x', source: 'hotline' }, 400, 'source'],
    [entA, { category: 'ppe', title: 'x', color: 'red' }, 400, 'color'],
    [entA, { category: 'ppe', title: 'x', uscc: firmB }, 404, 'uscc'],
    [cadreA, { category: 'ppe', title: 'x' }, 400, 'uscc'],
    [cadreA, { category: 'ppe', title: 'x', uscc: firmB }, 404, 'uscc'],
    [cadreA, { category: 'ppe', title: 'x', uscc: firmA, source: 'hotline' }, 403, undefined],
    [cadreA, { category: 'ppe', title: 'x', uscc: firmA, source: 'cadre', finding_id: 3 }, 400, 'finding_id'],
  ];
  for (const [token, body, status, field] of bad) {
    const r = await raise(token, body);
    assert.equal(r.status, status, JSON.stringify(body) + ' ' + r.text);
    if (field) assert.equal(r.body.field, field, JSON.stringify(body));
  }
  assert.equal(await total(admin), count, 'nothing created');
  let r = await raise(cmdA, { uscc: firmA, category: 'logistics', title: '货车通行', source: 'hotline', contact_phone: '13904320001' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.source, 'hotline');
  r = await raise(inspA, { uscc: firmA, category: 'ppe', title: '口罩储备不足', finding_id: 17 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.source, 'inspection');
  assert.equal(r.body.finding_id, 17);
  r = await raise(cadreA, { uscc: firmA, category: 'utilities', title: '用电增容' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.source, 'cadre');
  d.d4 = r.body.id;
  r = await act(cadreA, d.d4, 'accept');
  assert.equal(r.status, 200, r.text);
  r = await act(cadreA, d.d4, 'resolve', { resolution: '供电公司已增容' });
  assert.equal(r.status, 200, r.text);
  r = await act(entA, d.d4, 'rate', { rating: 4 });
  assert.equal(r.status, 200, r.text);
  // The hotline and inspection demands are closed so the assessment below is exact.
  for (const id of [d.d4 - 2, d.d4 - 1]) {
    r = await act(admin, id, 'accept');
    assert.equal(r.status, 200, r.text);
    r = await act(admin, id, 'resolve', { resolution: '已处理' });
    assert.equal(r.status, 200, r.text);
  }
});

test(`scope: another enterprise or district never sees a demand (${ENGINE})`, async () => {
  let r = await get(entB, d.d1);
  assert.equal(r.status, 404);
  assert.equal(r.body.code, 'unknown_demand');
  r = await get(cmdB, d.d1);
  assert.equal(r.status, 404);
  r = await act(cmdB, d.d3, 'accept');
  assert.equal(r.status, 404, 'acting outside the scope is 404 too');
  assert.equal(await total(entB), 0);
  assert.equal(await total(entA2), 1);
  assert.equal(await total(cmdB), 0);
  r = await s.api('GET', '/api/v1/demands?state=weird', { token: cmdA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'state');
  r = await s.api('GET', '/api/v1/demands/assessment?by=department', { token: entA });
  assert.equal(r.status, 403);
});

test(`attachments: type by content, at most 10 MiB, comments (${ENGINE})`, async () => {
  let r = await s.upload(`/api/v1/demands/${d.d2}/attachments`, entA, 'list.txt', 'hello', 'text/plain');
  assert.equal(r.status, 415);
  assert.equal(r.body.field, 'file');
  const big = new Uint8Array(10 * 1024 * 1024 + 10);
  big.set(new TextEncoder().encode('%PDF-1.4\n'));
  r = await s.upload(`/api/v1/demands/${d.d2}/attachments`, entA, 'big.pdf', big, 'application/pdf');
  assert.equal(r.status, 413);
  r = await s.upload(`/api/v1/demands/${d.d2}/attachments`, entB, 'a.pdf', '%PDF-1.4\nx', 'application/pdf');
  assert.equal(r.status, 404, 'another enterprise');
  assert.equal((await get(entA, d.d2)).body.attachments.length, 0, 'nothing stored');
  r = await s.upload(`/api/v1/demands/${d.d2}/attachments`, entA, '名单.pdf', '%PDF-1.4\nhello', 'application/pdf');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.content_type, 'application/pdf');
  const got = await fetch(`${s.base}/api/v1/demands/${d.d2}/attachments/${r.body.id}`, { headers: { authorization: 'Bearer ' + hr2 } });
  assert.equal(got.status, 200);
  assert.equal(await got.text(), '%PDF-1.4\nhello');
  r = await act(entA, d.d2, 'comments', { text: '名单见附件' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.events.at(-1).kind, 'comment');
  assert.equal(r.body.state, 'in_progress', 'a comment changes no state');
  r = await act(entB, d.d2, 'comments', { text: 'x' });
  assert.equal(r.status, 404);
});

test(`SLA per category from the settings (${ENGINE})`, async () => {
  let r = await s.api('PUT', '/api/v1/settings/sla_first_response_minutes', { token: admin, body: { value: { '*': 60, weather: 5 } } });
  assert.equal(r.status, 400);
  r = await s.api('PUT', '/api/v1/settings/service_calendar', { token: admin, body: { value: { start: '18:00', end: '08:00' } } });
  assert.equal(r.status, 400);
  r = await s.api('PUT', '/api/v1/settings/sla_first_response_minutes', { token: admin, body: { value: { '*': 60, approvals: 30 } } });
  assert.equal(r.status, 200, r.text);
  r = await raise(entA2, { category: 'approvals', title: '环评批复' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.clocks.first_response.limit_minutes, 30);
  assert.equal(r.body.clocks.first_response.due_at, '2020-02-14T09:30:00+08:00');
  d.d5 = r.body.id;
  r = await act(cmdA, d.d5, 'accept');
  assert.equal(r.status, 200, r.text);
  r = await act(cmdA, d.d5, 'resolve', { resolution: '已协调' });
  assert.equal(r.status, 200, r.text);
  r = await act(entA2, d.d5, 'rate', { rating: 3 });
  assert.equal(r.body.state, 'rated', 'a 3 does not reopen');
});

test(`escalation: overdue demands go up a level, are recorded and notified (${ENGINE})`, async () => {
  // 90 minutes later on Friday: the unanswered demand is overdue, level 1.
  s2 = await serverAt('2020-02-14T10:30:00+08:00');
  const cmd = await s2.login('dm_cmd_a', PW);
  let r = await s2.api('POST', '/api/v1/demands/escalation/run', { token: await s2.login('admin', ADMIN_PASSWORD) });
  assert.equal(r.status, 200, r.text);
  r = await get(cmd, d.d3, s2);
  assert.equal(r.body.level, 1);
  assert.equal(r.body.clock, 'overdue');
  assert.equal(r.body.clocks.first_response.state, 'overdue');
  assert.equal(r.body.events.filter((e) => e.kind === 'escalated').length, 1);
  assert.equal((await notes(s2, cmd, 'demand_escalated')).length, 1);
  assert.equal((await notes(s2, cmdCity, 'demand_escalated')).length, 0);
  r = await s2.api('GET', '/api/v1/demands?clock=overdue', { token: cmd });
  assert.deepEqual(r.body.items.map((x) => x.id), [d.d3]);
  r = await s2.api('POST', '/api/v1/demands/escalation/run', { token: cmd });
  assert.equal(r.status, 403, 'only the system runs the pass on demand');
  await s2.stop();
  // Monday 09:00: 540 service minutes ≥ 2 × 60 → level 2, the city commanders are told.
  s2 = await serverAt(LATER);
  r = await s2.api('POST', '/api/v1/demands/escalation/run', { token: await s2.login('admin', ADMIN_PASSWORD) });
  assert.equal(r.status, 200, r.text);
  r = await get(await s2.login('dm_cmd_a', PW), d.d3, s2);
  assert.equal(r.body.level, 2);
  assert.equal(r.body.clocks.first_response.elapsed_minutes, 540, 'Friday 09:00–17:30 and Monday 08:30–09:00; the weekend does not count');
  assert.equal(r.body.events.filter((e) => e.kind === 'escalated').length, 2);
  assert.equal((await notes(s2, await s2.login('dm_cmd_city', PW), 'demand_escalated')).length, 1);
  r = await s2.api('POST', '/api/v1/demands/escalation/run', { token: await s2.login('admin', ADMIN_PASSWORD) });
  assert.equal(r.body.escalated, 0, 'once per level');
  // The commander answers late.
  r = await act(await s2.login('dm_cmd_a', PW), d.d3, 'accept', {}, s2);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.clocks.first_response.state, 'late');
});

test(`assessment: figures per department and cadre, drill-down and export (${ENGINE})`, async () => {
  const cmd = await s2.login('dm_cmd_a', PW);
  let r = await s2.api('GET', `/api/v1/demands/assessment?by=department&region=${A}`, { token: cmd });
  assert.equal(r.status, 200, r.text);
  const row = (key) => r.body.items.find((x) => x.key === key);
  const hr = row(HR);
  assert.equal(hr.count, 2); // d1 (reopened, rated 2 then 5), d2 (open)
  assert.deepEqual([hr.first_response_on_time.num, hr.first_response_on_time.den], [2, 2]);
  assert.deepEqual([hr.resolution_on_time.num, hr.resolution_on_time.den], [1, 1]);
  assert.equal(hr.ratings, 2);
  assert.equal(hr.satisfaction, 3.5);
  assert.deepEqual([hr.reopen.num, hr.reopen.den], [1, 1]);
  assert.equal(hr.open, 1);
  const direct = row('');
  // d3 (answered late), d4 (cadre, rated 4), the hotline and inspection ones, d5 (30-minute SLA, rated 3)
  assert.equal(direct.count, 5);
  assert.deepEqual([direct.first_response_on_time.num, direct.first_response_on_time.den], [4, 5]);
  assert.deepEqual([direct.resolution_on_time.num, direct.resolution_on_time.den], [4, 4]);
  assert.equal(direct.satisfaction, 3.5);
  assert.deepEqual([direct.reopen.num, direct.reopen.den], [0, 2]);
  r = await s2.api('GET', `/api/v1/demands/assessment/demands?by=department&key=&figure=first_response_late&region=${A}`, { token: cmd });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((x) => x.id), [d.d3]);
  r = await s2.api('GET', `/api/v1/demands/assessment/demands?by=department&key=${encodeURIComponent(HR)}&figure=reopened`, { token: cmd });
  assert.deepEqual(r.body.items.map((x) => x.id), [d.d1]);
  r = await s2.api('GET', `/api/v1/demands/assessment?by=cadre&region=${A}`, { token: cmd });
  const cadreRow = r.body.items.find((x) => x.key === String(ids.dm_cadre_a));
  assert.equal(cadreRow.label, 'dm_cadre_a');
  assert.equal(cadreRow.count, 5, 'every demand of the cadre\'s enterprise, transferred or not');
  r = await s2.api('GET', '/api/v1/demands/assessment?by=grid', { token: cmd });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'by');
  r = await s2.api('GET', `/api/v1/demands/assessment?by=department&from=2020-02-15&to=2020-02-14`, { token: cmd });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'to');
  r = await s2.api('GET', '/api/v1/demands/assessment?by=department', { token: await s2.login('dm_cmd_b', PW) });
  assert.deepEqual(r.body.items, [], 'another district sees nothing');
  const x = await fetch(`${s2.base}/api/v1/demands/assessment/export?by=department&region=${A}`, { headers: { authorization: 'Bearer ' + cmd } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const bytes = new Uint8Array(await x.arrayBuffer());
  assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK');
  const csv = await fetch(`${s2.base}/api/v1/demands/assessment/export?by=department&region=${A}&format=csv`, { headers: { authorization: 'Bearer ' + cmd } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(await csv.text(), /^\uFEFF?部门,诉求数,/);
});
