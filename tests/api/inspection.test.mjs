// Inspections and rectification (SPEC §3.7): checklists per kind, tasks for the
// acceptance and guidance groups (single and bulk), the life cycle of a task,
// both dispositions, a deadline in the past refused, photos (type and size),
// the enterprise's evidence, re-check fail and pass, closure clearing the
// resumption application's inspection_due, overdue escalation to the
// district's commanders with the clock pinned later, the seeds' figures from
// constructed data, and scope (another district's objects are 404).
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ADMIN_PASSWORD, BIN, ENGINE, freePort, keyFileEnv, startServer, uscc } from '../lib/harness.mjs';

const TODAY = '2020-02-14';
const NOW = `${TODAY}T10:00:00+08:00`;
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const PW = 'Pass-word-1';
const firmA = uscc(A, 51);
const firmA2 = uscc(A, 52);
const firmA3 = uscc(A, 53);
const firmB = uscc(B, 54);

// A 1×1 PNG and a small JPEG header: judged by content, not by name.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64, 1), Buffer.from('ffd9', 'hex')]);

let s;
let admin;
const tok = {};
const ids = {};

function enterprise(code, region, extra = {}) {
  return { uscc: code, name: `督导测试企业${code.slice(-4)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 60, work_status: 'work_resumed', status_date: '2020-02-05', contact: '王伟',
    phone: '13904319810', legal_representative: '王伟', ...extra };
}

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  ids[username] = r.body.id;
  tok[username] = await s.login(username, PW);
}

const api = (method, path, who, body) => s.api(method, path, { token: tok[who] ?? who, body });

async function upload(finding, who, filename, bytes, type = 'image/png') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  const r = await fetch(`${s.base}/api/v1/inspections/findings/${finding}/photos`, {
    method: 'POST', headers: { authorization: 'Bearer ' + (tok[who] ?? who) }, body: form });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, body, text };
}

async function notifications(who) {
  const r = await api('GET', '/api/v1/notifications?size=100', who);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function newTask(kind, firm, inspector = 'insp_a', extra = {}) {
  const r = await api('POST', '/api/v1/inspections/tasks', 'cmd_a',
    { kind, uscc: firm, inspector_id: ids[inspector], due_date: '2020-02-16', ...extra });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function answerAll(task, who = 'insp_a', answers = {}) {
  const d = (await api('GET', `/api/v1/inspections/tasks/${task}`, who)).body;
  const all = Object.fromEntries(d.checklist.map((i) => [i.code, true]));
  const r = await api('PUT', `/api/v1/inspections/tasks/${task}/answers`, who, { answers: { ...all, ...answers }, comment: '现场检查' });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  tok.admin = admin;
  for (const [code, region, extra] of [[firmA, A], [firmA2, A], [firmA3, A, { work_status: 'suspended' }], [firmB, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(code, region, extra) });
    assert.equal(r.status, 201, r.text);
  }
  await user('cmd_a', ['commander'], { region_code: A });
  await user('cmd_b', ['commander'], { region_code: B });
  await user('insp_a', ['inspector'], { region_code: A });
  await user('insp_a2', ['inspector'], { region_code: A });
  await user('insp_b', ['inspector'], { region_code: B });
  await user('ent_a', ['enterprise'], { enterprise_uscc: firmA });
  await user('ent_a3', ['enterprise'], { enterprise_uscc: firmA3 });
  await user('ent_b', ['enterprise'], { enterprise_uscc: firmB });
});

after(async () => { await s?.stop(); });

test(`checklists per kind: defaults, edit by commanders only, field errors on ${ENGINE}`, async () => {
  let r = await api('GET', '/api/v1/inspections/checklists/acceptance', 'insp_a');
  assert.equal(r.status, 200, r.text);
  const codes = r.body.items.map((i) => i.code);
  for (const c of ['disinfection_records', 'temperature_logs', 'isolation_room', 'masks', 'dining', 'leader_on_duty',
    'four_measures', 'safety_production']) assert.ok(codes.includes(c), c);
  r = await api('GET', '/api/v1/inspections/checklists/other', 'insp_a');
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'kind');
  const items = r.body.items;
  r = await api('PUT', '/api/v1/inspections/checklists/guidance', 'insp_a', { items: [{ code: 'x', label: 'x' }] });
  assert.equal(r.status, 403, 'an inspector does not configure');
  r = await api('PUT', '/api/v1/inspections/checklists/guidance', 'cmd_a', { items: [{ code: 'Bad Code', label: 'x' }] });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'items[0].code');
  r = await api('PUT', '/api/v1/inspections/checklists/guidance', 'cmd_a',
    { items: [{ code: 'masks', label: '口罩' }, { code: 'masks', label: '口罩2' }] });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'items[1].code');
  r = await api('GET', '/api/v1/inspections/checklists/guidance', 'cmd_a');
  const guidance = r.body.items;
  assert.ok(guidance.length >= 8, 'a refused edit changed nothing');
  r = await api('PUT', '/api/v1/inspections/checklists/guidance', 'cmd_a',
    { items: [...guidance.map(({ code, label }) => ({ code, label })), { code: 'ventilation', label: '通风换气' }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.items.at(-1).code, 'ventilation');
  assert.equal(r.body.items.length, guidance.length + 1);
  void items;
});

test(`tasks: validation, duplicates, notification to the inspector, scope on ${ENGINE}`, async () => {
  const count = async () => (await api('GET', '/api/v1/inspections/tasks?size=1', 'admin')).body.total;
  const before0 = await count();
  for (const [body, field] of [
    [{ kind: 'audit', uscc: firmA, inspector_id: ids.insp_a }, 'kind'],
    [{ kind: 'guidance', uscc: firmA, inspector_id: ids.insp_b }, 'inspector_id'],
    [{ kind: 'guidance', uscc: firmA, inspector_id: ids.ent_a }, 'inspector_id'],
    [{ kind: 'guidance', uscc: firmA, inspector_id: ids.insp_a, due_date: '2020-02-13' }, 'due_date'],
    [{ kind: 'guidance', uscc: firmA, inspector_id: ids.insp_a, due_date: '2020-02-30' }, 'due_date'],
    [{ kind: 'guidance', uscc: firmA, inspector_id: ids.insp_a, colour: 'red' }, 'colour'],
  ]) {
    const r = await api('POST', '/api/v1/inspections/tasks', 'cmd_a', body);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
  }
  let r = await api('POST', '/api/v1/inspections/tasks', 'cmd_a', { kind: 'guidance', uscc: firmB, inspector_id: ids.insp_a });
  assert.equal(r.status, 404, 'an enterprise of another district is not found');
  r = await api('POST', '/api/v1/inspections/tasks', 'insp_a', { kind: 'guidance', uscc: firmA, inspector_id: ids.insp_a });
  assert.equal(r.status, 403, 'inspectors do not assign');
  assert.equal(await count(), before0, 'refused requests created nothing');

  const t = await newTask('guidance', firmA2);
  assert.equal(t.state, 'assigned');
  assert.equal(t.enterprise_uscc, firmA2);
  assert.equal(t.inspector_id, ids.insp_a);
  r = await api('POST', '/api/v1/inspections/tasks', 'cmd_a', { kind: 'guidance', uscc: firmA2, inspector_id: ids.insp_a });
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'open_task_exists');
  const n = (await notifications('insp_a')).find((x) => x.kind === 'inspection_assigned' && x.link === `/inspection/tasks/${t.id}`);
  assert.ok(n, 'the inspector is told');
  // Listed for the inspector; not for the other district.
  r = await api('GET', '/api/v1/inspections/tasks?mine=1&state=open', 'insp_a');
  assert.ok(r.body.items.some((x) => x.id === t.id), r.text);
  r = await api('GET', '/api/v1/inspections/tasks?mine=1', 'insp_a2');
  assert.ok(!r.body.items.some((x) => x.id === t.id));
  for (const who of ['insp_b', 'cmd_b', 'ent_b']) {
    r = await api('GET', `/api/v1/inspections/tasks/${t.id}`, who);
    assert.equal(r.status, 404, who);
    r = await api('GET', '/api/v1/inspections/tasks?size=200', who);
    assert.ok(!r.body.items.some((x) => x.id === t.id), who);
  }
  // Another inspector of the district sees the task but cannot act on it.
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/start`, 'insp_a2');
  assert.equal(r.status, 403);
  assert.equal(r.body.code, 'not_assignee');
  // The commander cancels it.
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/cancel`, 'cmd_a');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'cancelled');
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/start`, 'insp_a');
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'invalid_transition');
});

test(`bulk creation by filter skips enterprises with an open task on ${ENGINE}`, async () => {
  let r = await api('POST', '/api/v1/inspections/tasks/bulk', 'cmd_a',
    { kind: 'guidance', inspector_id: ids.insp_a2, region: A, due_date: '2020-02-20' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.created, 2, 'the two resumed enterprises of A (the suspended one is not a guidance target)');
  r = await api('POST', '/api/v1/inspections/tasks/bulk', 'cmd_a',
    { kind: 'guidance', inspector_id: ids.insp_a2, region: A, due_date: '2020-02-20' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.created, 0);
  assert.equal(r.body.skipped, 2);
  r = await api('POST', '/api/v1/inspections/tasks/bulk', 'cmd_a',
    { kind: 'guidance', inspector_id: ids.insp_a2, region: 'nowhere' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'region');
  // Cancel them again so the other tests start clean.
  r = await api('GET', `/api/v1/inspections/tasks?inspector=${ids.insp_a2}&state=assigned&size=50`, 'cmd_a');
  assert.equal(r.body.total, 2);
  for (const t of r.body.items) assert.equal((await api('POST', `/api/v1/inspections/tasks/${t.id}/cancel`, 'cmd_a')).status, 200);
});

test(`life cycle: findings both ways, photos, evidence, re-check fail and pass, closure on ${ENGINE}`, async () => {
  const t = await newTask('guidance', firmA);
  let r = await api('POST', `/api/v1/inspections/tasks/${t.id}/start`, 'insp_a');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'in_progress');
  const findingCount = async () => (await api('GET', `/api/v1/inspections/findings?task=${t.id}`, 'admin')).body.total;
  // Refused findings change nothing.
  for (const [body, field, code] of [
    [{ item_code: 'masks', description: '口罩储备不足', disposition: 'rectify_by_deadline', deadline: '2020-02-13' }, 'deadline', 'in_past'],
    [{ item_code: 'masks', description: '口罩储备不足', disposition: 'rectify_by_deadline' }, 'deadline', 'required'],
    [{ item_code: 'masks', description: '口罩储备不足', disposition: 'fixed_on_spot', deadline: '2020-02-20' }, 'deadline', 'not_allowed'],
    [{ item_code: 'masks', description: '口罩储备不足', disposition: 'later' }, 'disposition', 'invalid_value'],
    [{ item_code: 'nothing', description: '口罩储备不足', disposition: 'fixed_on_spot' }, 'item_code', 'unknown_item'],
    [{ item_code: 'masks', description: '', disposition: 'fixed_on_spot' }, 'description', undefined],
    [{ item_code: 'masks', description: 'x', disposition: 'fixed_on_spot', severity: 'huge' }, 'severity', 'invalid_value'],
  ]) {
    r = await api('POST', `/api/v1/inspections/tasks/${t.id}/findings`, 'insp_a', body);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    if (code) assert.equal(r.body.code, code);
  }
  assert.equal(await findingCount(), 0);
  // 立行立改: closed at once.
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/findings`, 'insp_a',
    { item_code: 'dining', description: '就餐未错峰，现场调整', disposition: 'fixed_on_spot' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.state, 'closed');
  assert.equal(r.body.deadline, null);
  const spot = r.body.id;
  // 限期整改: open with a deadline; the enterprise is told.
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/findings`, 'insp_a',
    { item_code: 'masks', description: '口罩储备不足三天用量', severity: 'major', disposition: 'rectify_by_deadline', deadline: '2020-02-16' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.state, 'open');
  assert.equal(r.body.deadline, '2020-02-16');
  assert.equal(r.body.days_left, 2);
  assert.equal(r.body.due_soon, true);
  const f = r.body.id;
  assert.ok((await notifications('ent_a')).some((n) => n.kind === 'inspection_finding' && n.link === `/inspection/findings/${f}`));
  assert.ok(!(await notifications('ent_a')).some((n) => n.link === `/inspection/findings/${spot}`), 'no notice for a finding fixed on the spot');

  // Photos: PNG and JPEG by content; other types 415, too large 413.
  r = await upload(f, 'insp_a', 'scene.png', PNG);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.stage, 'finding');
  const photo = r.body;
  r = await upload(f, 'insp_a', 'scene.jpg', JPEG, 'image/jpeg');
  assert.equal(r.status, 201, r.text);
  r = await upload(f, 'insp_a', 'fake.png', Buffer.from('not an image at all'));
  assert.equal(r.status, 415, r.text);
  assert.equal(r.body.field, 'file');
  r = await upload(f, 'insp_a', 'notes.pdf', Buffer.from('%PDF-1.4 tiny'), 'application/pdf');
  assert.equal(r.status, 415, 'a PDF is not a photo');
  r = await upload(f, 'insp_a', 'huge.png', Buffer.concat([PNG, Buffer.alloc((10 << 20) + 10)]));
  assert.equal(r.status, 413, r.text);
  r = await api('GET', `/api/v1/inspections/findings/${f}`, 'insp_a');
  assert.equal(r.body.photos.length, 2, 'refused uploads stored nothing');
  let raw = await fetch(s.base + photo.url, { headers: { authorization: 'Bearer ' + tok.ent_a } });
  assert.equal(raw.status, 200);
  assert.equal(raw.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await raw.arrayBuffer()), PNG);
  raw = await fetch(s.base + photo.url, { headers: { authorization: 'Bearer ' + tok.ent_b } });
  assert.equal(raw.status, 404, 'another enterprise does not see the photo');

  // Submit: every item answered, failed items need a finding.
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/submit`, 'insp_a');
  assert.equal(r.status, 400);
  assert.match(r.body.field, /^answers\./);
  await answerAll(t.id, 'insp_a', { masks: false, dining: false, leader_on_duty: false });
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/submit`, 'insp_a');
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'answers.leader_on_duty');
  assert.equal(r.body.code, 'finding_required');
  await answerAll(t.id, 'insp_a', { masks: false, dining: false });
  r = await api('PUT', `/api/v1/inspections/tasks/${t.id}/answers`, 'insp_a', { answers: { bogus: true } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'answers.bogus');
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/submit`, 'insp_a');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'rectifying');
  assert.equal(r.body.inspected_on, TODAY);
  assert.equal(r.body.open_findings, 1);
  r = await api('POST', `/api/v1/inspections/tasks/${t.id}/findings`, 'insp_a',
    { item_code: 'masks', description: 'x', disposition: 'fixed_on_spot' });
  assert.equal(r.status, 409, 'no findings after submission');

  // The enterprise sees its findings, the other one does not.
  r = await api('GET', '/api/v1/inspections/findings?state=open', 'ent_a');
  assert.deepEqual(r.body.items.map((x) => x.id), [f]);
  r = await api('GET', `/api/v1/inspections/findings/${f}`, 'ent_b');
  assert.equal(r.status, 404);
  r = await api('POST', `/api/v1/inspections/findings/${f}/evidence`, 'ent_b', { note: '已整改' });
  assert.equal(r.status, 404);
  // Re-check before evidence is refused.
  r = await api('POST', `/api/v1/inspections/findings/${f}/recheck`, 'insp_a', { result: 'pass' });
  assert.equal(r.status, 409);
  // Evidence: photos then the note.
  r = await upload(f, 'ent_a', 'bought.jpg', JPEG, 'image/jpeg');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.stage, 'evidence');
  r = await api('POST', `/api/v1/inspections/findings/${f}/evidence`, 'ent_a', { note: '' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'note');
  r = await api('POST', `/api/v1/inspections/findings/${f}/evidence`, 'ent_a', { note: '已采购口罩 5000 只' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'submitted');
  assert.ok((await notifications('insp_a')).some((n) => n.kind === 'inspection_evidence'));
  // Re-check fails: a new deadline, not in the past.
  for (const [body, field] of [[{ result: 'fail', comment: '仍不足' }, 'deadline'],
    [{ result: 'fail', comment: '仍不足', deadline: '2020-02-01' }, 'deadline'],
    [{ result: 'maybe' }, 'result'], [{ result: 'fail', deadline: '2020-02-18' }, 'comment']]) {
    r = await api('POST', `/api/v1/inspections/findings/${f}/recheck`, 'insp_a', body);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, field);
  }
  r = await api('POST', `/api/v1/inspections/findings/${f}/recheck`, 'insp_a2', { result: 'pass' });
  assert.equal(r.status, 403, 'only the task inspector re-checks');
  r = await api('POST', `/api/v1/inspections/findings/${f}/recheck`, 'insp_a',
    { result: 'fail', comment: '储备仍不足五天', deadline: '2020-02-18' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'open');
  assert.equal(r.body.rounds, 2);
  assert.equal(r.body.deadline, '2020-02-18');
  r = await api('POST', `/api/v1/inspections/findings/${f}/evidence`, 'ent_a', { note: '再采购 10000 只' });
  assert.equal(r.status, 200, r.text);
  r = await api('POST', `/api/v1/inspections/findings/${f}/recheck`, 'insp_a', { result: 'pass', comment: '已整改到位' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'closed');
  assert.equal(r.body.closed_on, TODAY);
  assert.deepEqual(r.body.events.map((e) => e.kind),
    ['created', 'evidence', 'recheck_fail', 'evidence', 'recheck_pass']);
  r = await api('GET', `/api/v1/inspections/tasks/${t.id}`, 'cmd_a');
  assert.equal(r.body.state, 'closed');
  assert.equal(r.body.open_findings, 0);
  assert.equal(r.body.finding_list.length, 2);
});

test(`closing the inspection clears the application's inspection_due on ${ENGINE}`, async () => {
  const checklist = { isolation_room: true, thermometers: 6, masks_in_stock: 3000, masks_days_of_supply: 10,
    disinfection_plan: true, disinfection_records: true, staggered_dining: true, leader_on_duty: true, emergency_plan: true,
    four_measures: { scan_code: true, registration: true, temperature_check: true, mask_wearing: true } };
  let r = await api('POST', `/api/v1/enterprises/${firmA3}/applications`, 'ent_a3', {
    planned_date: '2020-02-18', staff_total: 50, staff_local: 45, staff_out_of_province: 5, staff_from_risk_regions: 0,
    checklist, commitment: { signer: '王伟', accepted: true } });
  assert.equal(r.status, 201, r.text);
  const app = r.body.id;
  r = await api('POST', `/api/v1/applications/${app}/submit`, 'ent_a3', {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.inspection_due, true, 'commitment route: inspected afterwards');
  // Bulk acceptance tasks pick the enterprises awaiting inspection.
  r = await api('POST', '/api/v1/inspections/tasks/bulk', 'cmd_a', { kind: 'acceptance', inspector_id: ids.insp_a, region: A });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.created, 1);
  const task = r.body.task_ids[0];
  r = await api('GET', `/api/v1/inspections/tasks/${task}`, 'insp_a');
  assert.equal(r.body.enterprise_uscc, firmA3);
  assert.equal(r.body.kind, 'acceptance');
  assert.ok('hygiene' in r.body, 'the form carries the hygiene summary');
  await answerAll(task);
  r = await api('POST', `/api/v1/inspections/tasks/${task}/submit`, 'insp_a');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'closed', 'no findings: closed at once');
  r = await api('GET', `/api/v1/applications/${app}`, 'admin');
  assert.equal(r.body.inspection_due, false);
});

test(`overdue rectifications escalate to the district's commanders (clock pinned later) on ${ENGINE}`, async () => {
  const t = await newTask('acceptance', firmA, 'insp_a');
  let r = await api('POST', `/api/v1/inspections/tasks/${t.id}/findings`, 'insp_a',
    { item_code: 'isolation_room', description: '隔离室未设置', disposition: 'rectify_by_deadline', deadline: TODAY });
  assert.equal(r.status, 201, r.text);
  const f = r.body.id;
  r = await api('GET', '/api/v1/inspections/findings?state=overdue', 'cmd_a');
  assert.ok(!r.body.items.some((x) => x.id === f), 'due today is not overdue');
  // A second server on the same database three days later.
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', s.db, '--port', String(port), '--web', '/nonexistent'], {
    env: { ...process.env, FUGONG_LOG: 'warn', ...keyFileEnv(s.db), FUGONG_NOW: '2020-02-17T09:00:00+08:00' },
    stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try { if ((await fetch(base + '/healthz')).ok) break; } catch { /* not yet */ }
      if (i > 200) throw new Error('second server did not start');
      await new Promise((res) => setTimeout(res, 50));
    }
    // Sessions of the first server expired meanwhile (12 hours): sign in again.
    const later = {};
    for (const who of ['cmd_a', 'cmd_b']) {
      const res = await fetch(base + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: who, password: PW }) });
      assert.equal(res.status, 200);
      later[who] = (await res.json()).token;
    }
    const get = async (path, who) => {
      const res = await fetch(base + path, { headers: { authorization: 'Bearer ' + later[who] } });
      return { status: res.status, body: await res.json() };
    };
    r = await get('/api/v1/inspections/findings?state=overdue', 'cmd_a');
    assert.equal(r.status, 200);
    const item = r.body.items.find((x) => x.id === f);
    assert.ok(item, 'overdue three days later');
    assert.equal(item.overdue, true);
    assert.ok(item.escalated_at);
    r = await get('/api/v1/inspections/findings?state=overdue', 'cmd_b');
    assert.ok(!r.body.items.some((x) => x.id === f), 'not in another district');
    r = await get('/api/v1/notifications?size=100', 'cmd_a');
    assert.equal(r.body.items.filter((n) => n.kind === 'inspection_overdue' && n.link === `/inspection/findings/${f}`).length, 1);
    r = await get('/api/v1/notifications?size=100', 'cmd_b');
    assert.ok(!r.body.items.some((n) => n.kind === 'inspection_overdue'), 'the other district is not told');
    // Escalated once only.
    const esc = await fetch(base + '/api/v1/inspections/escalate', { method: 'POST', headers: { authorization: 'Bearer ' + later.cmd_a } });
    assert.equal((await esc.json()).escalated, 0);
    r = await get(`/api/v1/inspections/findings/${f}`, 'cmd_a');
    assert.equal(r.body.events.filter((e) => e.kind === 'escalated').length, 1);
    r = await get('/api/v1/inspections/summary?from=2020-02-01&to=2020-02-17', 'cmd_a');
    assert.equal(r.body.overdue, 1);
  } finally {
    child.kill('SIGTERM');
    await new Promise((res) => (child.exitCode !== null ? res() : child.on('exit', res)));
  }
});

test(`summary figures in the seeds' form from constructed data on ${ENGINE}`, async () => {
  // Constructed so far in A: task 1 (firmA, guidance) 1 on the spot + 1 deadline closed;
  // task 2 (firmA3, acceptance) no finding; task 3 (firmA, acceptance) 1 deadline open, not submitted.
  let r = await api('GET', `/api/v1/inspections/summary?region=${A}&from=2020-02-01&to=${TODAY}`, 'cmd_a');
  assert.equal(r.status, 200, r.text);
  const s1 = r.body;
  assert.equal(s1.tasks, 2, 'two inspections submitted');
  assert.equal(s1.inspected_enterprises, 2);
  assert.equal(s1.hazards, 3);
  assert.equal(s1.fixed_on_spot, 1);
  assert.equal(s1.with_deadline, 2);
  assert.equal(s1.closed, 2);
  assert.equal(s1.open, 1);
  assert.equal(s1.overdue, 0);
  assert.equal(s1.by_item.masks, 1);
  assert.match(s1.text, /检查企业2户，发现隐患3处，其中立行立改1处、限期整改2处，已整改销号2处/);
  r = await api('GET', `/api/v1/inspections/summary?region=${A}&from=2020-02-15&to=2020-02-20`, 'cmd_a');
  assert.equal(r.body.hazards, 0, 'the period bounds the figures');
  // The other district sees none of it; a foreign region filter does not widen its scope.
  r = await api('GET', `/api/v1/inspections/summary?region=${A}&from=2020-02-01&to=${TODAY}`, 'cmd_b');
  assert.equal(r.body.hazards, 0);
  assert.equal(r.body.tasks, 0);
  r = await api('GET', '/api/v1/inspections/summary?from=2020-02-10&to=2020-02-01', 'cmd_a');
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'from');
  // Drill-down lists match the figures.
  r = await api('GET', `/api/v1/inspections/findings?region=${A}&from=2020-02-01&to=${TODAY}&disposition=fixed_on_spot`, 'cmd_a');
  assert.equal(r.body.total, 1);
  r = await api('GET', `/api/v1/inspections/tasks?region=${A}&from=2020-02-01&to=${TODAY}`, 'cmd_a');
  assert.equal(r.body.total, 2);
  // XLSX export.
  const res = await fetch(`${s.base}/api/v1/inspections/findings/export?region=${A}`, { headers: { authorization: 'Bearer ' + tok.cmd_a } });
  assert.equal(res.status, 200);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
  const csv = await fetch(`${s.base}/api/v1/inspections/findings/export?region=${A}&format=csv`, { headers: { authorization: 'Bearer ' + tok.cmd_a } });
  assert.equal(csv.status, 200);
  assert.match(await csv.text(), /^\uFEFF?编号,企业名称,/);
  r = await api('GET', '/api/v1/inspections/findings/export', 'ent_a');
  assert.equal(r.status, 403, 'enterprises do not export');
});
