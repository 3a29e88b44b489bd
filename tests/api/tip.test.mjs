// Whistle-blower tips API (有奖举报): the public form without sign-in (field
// errors, photo type and size, nothing written on a refusal), the rate limit
// per client address (429, nothing written), the tracking code (unknown →
// 404; the status and public outcome only), assignment to an officer whose
// region covers the tip, verification and reward by the assigned officer,
// and anonymity: for every role the API never returns the reporter's contact,
// except the assigned officer through the audited endpoint; neither the
// server log nor the database holds it in clear.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_PASSWORD, ENGINE, startServer, uscc } from '../lib/harness.mjs';

const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const CITY = '220200';
const firmA = uscc(A, 41);
const firmB = uscc(B, 42);
const PW = 'Pass-word-1';
const PHONE = '13904317788';
const NAME = '匿名举报人甲乙';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');
// The same picture carrying a text chunk with the reporter's phone, as a phone's camera app might write
// (author, GPS): the server strips it before storing, which the database grep below checks.
function pngWithText(text) {
  const data = Buffer.from('Comment\0' + text);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const chunk = Buffer.concat([len, Buffer.from('tEXt'), data, Buffer.alloc(4)]);
  return Buffer.concat([PNG.subarray(0, 33), chunk, PNG.subarray(33)]);
}

let s;
let admin;
const tokens = {}; // role name -> token
let deptA; // the officer who will be assigned (department, region A)
let deptAId;
let tipId, trackingCode;
let addr = 0;

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return { id: r.body.id, token: await s.login(username, PW) };
}

// A public submission from its own client address (the server trusts
// X-Forwarded-For from loopback, as behind nginx).
function submit(body, ip = `198.51.100.${++addr}`) {
  return s.api('POST', '/api/v1/public/tips', { body, headers: { 'x-forwarded-for': ip } });
}

async function submitMultipart(data, photos, ip = `198.51.100.${++addr}`) {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const p of photos) form.append('photo', new Blob([p], { type: 'image/png' }), 'p.png');
  const r = await fetch(s.base + '/api/v1/public/tips', { method: 'POST', headers: { 'x-forwarded-for': ip }, body: form });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, body, text };
}

async function tipCount() {
  const r = await s.api('GET', '/api/v1/tips?size=1', { token: admin });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}

const good = { type: 'unapproved_opening', enterprise_name: '某某机械厂', address: '昌邑区某路 1 号',
  description: '该厂未经审批擅自开工，每天有几十名工人进出。', region: A };

before(async () => {
  s = await startServer();
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[firmA, A], [firmB, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: {
      uscc: code, name: `举报测试企业${code.slice(-4)}`, region_code: region, industry_code: '13', size: 'small',
      employees: 20, work_status: 'suspended', status_date: '2020-02-01' } });
    assert.equal(r.status, 201, r.text);
  }
  tokens.admin = { token: admin };
  tokens.commander = await user('tp_commander', ['commander'], { region_code: CITY });
  tokens.district = await user('tp_district', ['commander'], { region_code: A });
  tokens.district2 = await user('tp_district_b', ['commander'], { region_code: B });
  tokens.reviewer = await user('tp_reviewer', ['reviewer'], { region_code: A });
  tokens.inspector = await user('tp_inspector', ['inspector'], { region_code: A });
  tokens.cadre = await user('tp_cadre', ['cadre'], { region_code: A });
  tokens.department = await user('tp_dept_other', ['department'], { region_code: A, department: '市场监督管理局' });
  tokens.enterprise = await user('tp_enterprise', ['enterprise'], { enterprise_uscc: firmA });
  tokens.verifier = await user('tp_verifier', ['verifier'], { enterprise_uscc: firmA });
  tokens.employee = await user('tp_employee', ['employee'], { enterprise_uscc: firmA });
  tokens.bank = await user('tp_bank', ['bank'], {});
  tokens.deptB = await user('tp_dept_b', ['department'], { region_code: B, department: '卫生健康委员会' });
  const officer = await user('tp_officer', ['department'], { region_code: A, department: '卫生健康委员会' });
  deptA = officer.token;
  deptAId = officer.id;
});

after(async () => { await s?.stop(); });

test('bad submissions answer with the field and write nothing', async () => {
  const cases = [
    [{ ...good, type: 'gossip' }, 400, 'type'],
    [{ ...good, type: undefined }, 400, 'type'],
    [{ ...good, description: '' }, 400, 'description'],
    [{ ...good, description: '开工' }, 400, 'description'],
    [{ ...good, description: '长'.repeat(2001) }, 400, 'description'],
    [{ ...good, enterprise_name: '', address: '' }, 400, 'enterprise_name'],
    [{ ...good, uscc: '91220202MA0000000X' }, 400, 'uscc'],
    [{ ...good, contact_phone: '12345' }, 400, 'contact_phone'],
    [{ ...good, region: undefined }, 400, 'region'],
    [{ ...good, region: '999999' }, 400, 'region'],
    [{ ...good, region: CITY }, 400, 'region'],
    [{ ...good, secret: 1 }, 400, 'secret'],
  ];
  for (const [body, status, field] of cases) {
    const r = await submit(body);
    assert.equal(r.status, status, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
  }
  let r = await submitMultipart(good, [Buffer.from('%PDF-1.4 not a photo')]);
  assert.equal(r.status, 415, r.text);
  assert.equal(r.body.field, 'photos[0]');
  r = await submitMultipart(good, [PNG, PNG, PNG, PNG]);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'photos');
  r = await submitMultipart(good, [Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])]);
  assert.equal(r.status, 413, r.text);
  // Beyond the body limit the server answers 413 before reading the body (the client may see the
  // connection closed while it is still sending).
  try {
    r = await s.api('POST', '/api/v1/public/tips', { raw: 'x'.repeat(17 * 1024 * 1024), headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 413, 'the body limit');
  } catch (err) {
    assert.match(String(err.cause?.code || err.message), /EPIPE|ECONNRESET|fetch failed|UND_ERR/);
  }
  assert.equal(await tipCount(), 0);
});

test('the public flow: submit without sign-in, follow with the tracking code', async () => {
  const r = await submitMultipart({ ...good, contact_name: NAME, contact_phone: PHONE }, [pngWithText(PHONE)]);
  assert.equal(r.status, 201, r.text);
  trackingCode = r.body.tracking_code;
  assert.match(trackingCode, /^[2-9A-HJ-NP-Z]{12}$/);
  assert.deepEqual(Object.keys(r.body).sort(), ['state', 'tracking_code']);
  let t = await s.api('GET', `/api/v1/public/tips/${trackingCode}`);
  assert.equal(t.status, 200, t.text);
  assert.equal(t.body.state, 'received');
  assert.equal(t.body.type, 'unapproved_opening');
  assert.equal(t.body.public_outcome, '');
  // case and dashes do not matter
  const spaced = `${trackingCode.slice(0, 4)}-${trackingCode.slice(4, 8)}-${trackingCode.slice(8)}`.toLowerCase();
  assert.equal((await s.api('GET', `/api/v1/public/tips/${spaced}`)).status, 200);
  for (const bad of ['ABCDEFGHJKLM', 'short', trackingCode.slice(0, 11) + (trackingCode[11] === 'Z' ? 'Y' : 'Z')]) {
    t = await s.api('GET', `/api/v1/public/tips/${bad}`);
    assert.equal(t.status, 404, bad);
    assert.equal(t.body.code, 'unknown_tracking_code');
  }
  const list = await s.api('GET', '/api/v1/tips', { token: tokens.district.token });
  assert.equal(list.body.total, 1);
  tipId = list.body.items[0].id;
  assert.equal(list.body.items[0].has_contact, true);
  assert.equal(list.body.items[0].state, 'received');
  // a tip naming a registered enterprise takes its region
  const r2 = await submit({ ...good, uscc: firmB, region: A });
  assert.equal(r2.status, 201, r2.text);
  const inB = await s.api('GET', '/api/v1/tips', { token: tokens.district2.token });
  assert.equal(inB.body.total, 1);
  assert.equal(inB.body.items[0].region, B);
  assert.equal(inB.body.items[0].in_registry, true);
  // the district of A does not see the tip of B
  assert.equal((await s.api('GET', `/api/v1/tips/${inB.body.items[0].id}`, { token: tokens.district.token })).status, 404);
  // the commanders over the region were notified (no personal data)
  const n = await s.api('GET', '/api/v1/notifications', { token: tokens.district.token });
  assert.ok(n.body.items.some((x) => x.kind === 'tip_received' && x.link === `/tips/${tipId}`), n.text);
});

test('rate limit per client address: 429 and nothing written', async () => {
  const ip = '203.0.113.77';
  const before = await tipCount();
  for (let i = 0; i < 5; i++) {
    const r = await submit(good, ip);
    assert.equal(r.status, 201, `${i}: ${r.text}`);
  }
  const r = await submit(good, ip);
  assert.equal(r.status, 429, r.text);
  assert.equal(r.body.code, 'too_many_tips');
  assert.match(r.body.message, /5/);
  assert.equal(await tipCount(), before + 5);
  // another address is not affected
  assert.equal((await submit(good, '203.0.113.78')).status, 201);
  assert.equal(await tipCount(), before + 6);
});

test('rate limit holds for simultaneous submissions from one address', async () => {
  const ip = '203.0.113.90';
  const before = await tipCount();
  const answers = await Promise.all(Array.from({ length: 12 }, () => submit(good, ip)));
  const statuses = answers.map((r) => r.status).sort();
  assert.deepEqual(statuses, [...Array(5).fill(201), ...Array(7).fill(429)], statuses.join());
  assert.equal(await tipCount(), before + 5);
});

test('assignment: only a commander or department user covering the region', async () => {
  const assign = (token, officer) => s.api('POST', `/api/v1/tips/${tipId}/assign`, { token, body: { officer, note: '请核查' } });
  for (const [who, id] of [['deptB', tokens.deptB.id], ['cadre', tokens.cadre.id], ['enterprise', tokens.enterprise.id], ['nobody', 999999]]) {
    const r = await assign(tokens.district.token, id);
    assert.equal(r.status, 400, `${who}: ${r.text}`);
    assert.equal(r.body.field, 'officer');
  }
  for (const role of ['reviewer', 'inspector', 'cadre', 'enterprise', 'verifier', 'employee', 'bank']) {
    const r = await assign(tokens[role].token, deptAId);
    assert.equal(r.status, 403, `${role}: ${r.text}`);
  }
  assert.equal((await assign(tokens.district2.token, deptAId)).status, 404, 'another district');
  const cands = await s.api('GET', `/api/v1/tips/${tipId}/officers`, { token: tokens.district.token });
  assert.ok(cands.body.items.some((o) => o.id === deptAId));
  assert.ok(!cands.body.items.some((o) => o.id === tokens.deptB.id));
  const r = await assign(tokens.district.token, deptAId);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'assigned');
  assert.equal(r.body.assigned_to.id, deptAId);
  const n = await s.api('GET', '/api/v1/notifications', { token: deptA });
  assert.ok(n.body.items.some((x) => x.kind === 'tip_assigned' && x.link === `/tips/${tipId}`), n.text);
  const t = await s.api('GET', `/api/v1/public/tips/${trackingCode}`);
  assert.equal(t.body.state, 'assigned');
});

test('anonymity: no role but the assigned officer reads the contact, and that read is audited', async () => {
  const roles = ['admin', 'commander', 'district', 'reviewer', 'inspector', 'cadre', 'department', 'enterprise', 'verifier', 'employee', 'bank'];
  for (const role of roles) {
    const token = tokens[role].token;
    const c = await s.api('GET', `/api/v1/tips/${tipId}/contact`, { token });
    assert.ok([403, 404].includes(c.status), `${role} reads the contact: ${c.status}`);
    assert.ok(!c.text.includes(PHONE) && !c.text.includes(NAME), role);
    for (const path of ['/api/v1/tips?size=100', `/api/v1/tips/${tipId}`, '/api/v1/notifications?size=100',
      '/api/v1/audit-logs?size=200', `/api/v1/tips/${tipId}/officers`]) {
      const r = await s.api('GET', path, { token });
      assert.ok(!r.text.includes(PHONE) && !r.text.includes(NAME), `${role} ${path}`);
    }
  }
  // anonymous
  for (const path of [`/api/v1/tips/${tipId}/contact`, `/api/v1/tips/${tipId}`, '/api/v1/tips']) {
    const r = await s.api('GET', path);
    assert.equal(r.status, 401, path);
  }
  const pub = await s.api('GET', `/api/v1/public/tips/${trackingCode}`);
  assert.ok(!pub.text.includes(PHONE) && !pub.text.includes(NAME));
  // no contact read has been audited yet
  let audit = await s.api('GET', '/api/v1/audit-logs?size=200', { token: admin });
  assert.ok(!audit.body.items.some((a) => a.action === 'read_personal_data'));

  // the assigned officer
  let r = await s.api('GET', `/api/v1/tips/${tipId}`, { token: deptA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.can_read_contact, true);
  assert.ok(!r.text.includes(PHONE));
  r = await s.api('GET', `/api/v1/tips/${tipId}/contact`, { token: deptA });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { name: NAME, phone: PHONE });
  assert.match(r.headers.get('cache-control'), /no-store/);
  await s.api('GET', `/api/v1/tips/${tipId}/contact`, { token: deptA });
  audit = await s.api('GET', '/api/v1/audit-logs?size=200', { token: admin });
  const reads = audit.body.items.filter((a) => a.action === 'read_personal_data' && a.object === `tip=${tipId}`);
  assert.equal(reads.length, 2, 'every read is audited');
  assert.equal(reads[0].username, 'tp_officer');
  assert.ok(reads[0].ip);
  assert.ok(!JSON.stringify(audit.body).includes(PHONE));
});

test('verification and reward by the assigned officer; the tracking page shows the outcome', async () => {
  const verify = (token, body) => s.api('POST', `/api/v1/tips/${tipId}/verify`, { token, body });
  const body = { outcome: 'substantiated', public_outcome: '经核查属实，已责令停工整改。', internal_note: '现场 26 人在岗', reward_amount: 300 };
  for (const role of ['district', 'department', 'commander']) {
    const r = await verify(tokens[role].token, body);
    assert.equal(r.status, 403, `${role}: ${r.text}`);
  }
  let r = await verify(deptA, { ...body, outcome: 'maybe' });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'outcome');
  r = await verify(deptA, { ...body, public_outcome: '' });
  assert.equal(r.body.field, 'public_outcome');
  r = await verify(deptA, { ...body, outcome: 'unsubstantiated' });
  assert.equal(r.status, 400, 'no reward for an unsubstantiated tip');
  assert.equal(r.body.field, 'reward_amount');
  r = await verify(deptA, { ...body, reward_amount: -1 });
  assert.equal(r.body.field, 'reward_amount');
  let t = await s.api('GET', `/api/v1/public/tips/${trackingCode}`);
  assert.equal(t.body.state, 'assigned', 'refusals change nothing');

  r = await verify(deptA, body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'substantiated');
  assert.equal(r.body.reward_status, 'granted');
  assert.equal((await verify(deptA, body)).status, 409, 'verified once');
  assert.equal((await s.api('POST', `/api/v1/tips/${tipId}/assign`, { token: tokens.district.token, body: { officer: deptAId } })).status, 409);

  t = await s.api('GET', `/api/v1/public/tips/${trackingCode}`);
  assert.equal(t.body.state, 'substantiated');
  assert.equal(t.body.public_outcome, body.public_outcome);
  assert.equal(t.body.reward_status, 'granted');
  assert.equal(t.body.reward_amount, 300);
  assert.ok(!t.text.includes('26 人'), 'the internal note stays internal');
  assert.ok(!('assigned_to' in t.body));

  r = await s.api('POST', `/api/v1/tips/${tipId}/reward`, { token: tokens.cadre.token, body: { status: 'paid', amount: 300 } });
  assert.equal(r.status, 403);
  r = await s.api('POST', `/api/v1/tips/${tipId}/reward`, { token: deptA, body: { status: 'spent', amount: 300 } });
  assert.equal(r.body.field, 'status');
  r = await s.api('POST', `/api/v1/tips/${tipId}/reward`, { token: deptA, body: { status: 'paid', amount: 300 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.reward_status, 'paid');
  assert.ok(r.body.reward_paid_at);
  assert.equal((await s.api('POST', `/api/v1/tips/${tipId}/reward`, { token: deptA, body: { status: 'paid', amount: 300 } })).status, 409);
  t = await s.api('GET', `/api/v1/public/tips/${trackingCode}`);
  assert.equal(t.body.reward_status, 'paid');
  r = await s.api('GET', `/api/v1/tips/${tipId}`, { token: tokens.district.token });
  assert.deepEqual(r.body.events.map((e) => e.action), ['received', 'assigned', 'verified', 'reward']);
  r = await s.api('GET', `/api/v1/tips/${tipId}/photos/${r.body.photos[0].id}`, { token: tokens.district.token });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/png');
  assert.ok(!r.text.includes(PHONE), 'the text chunk with the phone was stripped');
  assert.ok(r.text.includes('IDAT') && r.text.includes('IEND'), 'the picture itself is kept');
});

test('the contact is never in clear in the server log or the database', async () => {
  const secrets = [PHONE, NAME];
  const log = s.logs.join('');
  for (const x of secrets) assert.ok(!log.includes(x), 'server log contains the contact');
  if (ENGINE !== 'sqlite') {
    const { execFileSync } = await import('node:child_process');
    const url = new URL(s.db);
    const dump = execFileSync('/usr/lib/postgresql/15/bin/pg_dump', ['-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres', '-a', url.pathname.slice(1)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const x of secrets) assert.ok(!dump.includes(x), 'database dump contains the contact');
    assert.ok(dump.includes('该厂未经审批擅自开工'), 'the dump is readable (sanity)');
    return;
  }
  const files = readdirSync(s.dir).filter((f) => f.startsWith('fugong.db') && !f.endsWith('.key'));
  let seen = false;
  for (const f of files) {
    const bytes = readFileSync(join(s.dir, f));
    if (bytes.includes(Buffer.from('该厂未经审批擅自开工'))) seen = true;
    for (const x of secrets) assert.ok(!bytes.includes(Buffer.from(x)), `${f} contains the contact`);
  }
  assert.ok(seen, 'the database files are readable (sanity)');
});
