// Transport permits API (通行证, SPEC §3.9): application with plate, validity and ID checks (a rejected
// application creates nothing), review by the transport department only (another department 403, another
// district 404), the issued permit's Ed25519 signature checked here with node's crypto and the published
// public key (a one-byte change fails), online verification (valid / tampered / revoked / expired, the
// last from a second server process whose clock is 40 days later), revocation with a reason,
// notifications, the audited full ID number of a personal pass, counts per type, and the export.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { ADMIN_PASSWORD, BIN, freePort, keyFileEnv, startServer, uscc } from '../lib/harness.mjs';

const D = '2020-02-10';
const NOW = `${D}T10:30:00+08:00`;
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const a1 = uscc(A, 701), b1 = uscc(B, 702);
const PW = 'Permit-pass-1';

function idNumber(region, birth, serial) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = region + birth + String(serial).padStart(3, '0');
  const sum = [...s].reduce((acc, c, i) => acc + Number(c) * W[i], 0);
  return s + '10X98765432'[sum % 11];
}
const ID1 = idNumber('220202', '19880512', 321);

let s, admin, ent, transport, health, verifier, cmdB;
const later = [];

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

const vehicle = (over = {}) => ({ type: 'emergency_supplies', plate: '吉B12345', holder_name: '张伟', phone: '13904319810',
  origin: '吉林市昌邑区', destination: '长春市朝阳区', route: 'G12珲乌高速', cargo: '医用口罩 20 万只',
  valid_from: D, valid_to: '2020-03-10', ...over });

async function count(token = transport) {
  const r = await s.api('GET', '/api/v1/permits?size=1', { token });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}

async function notes(token) {
  const r = await s.api('GET', '/api/v1/notifications?size=50', { token });
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

// A second server process on the same database with its own clock.
async function serverAt(now) {
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', s.db, '--port', String(port), '--web', '/nonexistent'], {
    env: { ...process.env, FUGONG_LOG: 'warn', ...keyFileEnv(s.db), FUGONG_NOW: now }, stdio: 'ignore' });
  later.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(base + '/healthz')).ok) return base; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('second server did not start');
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[a1, A], [b1, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: { uscc: code,
      name: `通行测试物流${code.slice(-4)}有限公司`, region_code: region, industry_code: '54', size: 'small', employees: 40,
      work_status: 'work_resumed', status_date: '2020-02-03', contact: '王伟', phone: '043262010000' } });
    assert.equal(r.status, 201, r.text);
  }
  ent = await user('tp_ent', ['enterprise'], { enterprise_uscc: a1 });
  transport = await user('tp_transport', ['department'], { region_code: A, department: '交通运输局' });
  health = await user('tp_health', ['department'], { region_code: A, department: '卫生健康委员会' });
  verifier = await user('tp_check', ['verifier'], { enterprise_uscc: a1 });
  cmdB = await user('tp_cmd_b', ['commander'], { region_code: B });
});

after(async () => {
  for (const c of later) c.kill('SIGTERM');
  await s?.stop();
});

test('the public key is published without signing in', async () => {
  const r = await s.api('GET', '/api/v1/permits/public-key');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.algorithm, 'Ed25519');
  assert.equal(Buffer.from(r.body.public_key, 'base64url').length, 32);
});

test('bad applications are refused naming the field, and create nothing', async () => {
  const before = await count();
  const cases = [
    [{ plate: '吉B1234' }, 'plate', 'invalid_plate'],
    [{ plate: '吉BI2345' }, 'plate', 'invalid_plate'],
    [{ plate: 'XB12345' }, 'plate', 'invalid_plate'],
    [{ valid_to: '2020-03-11' }, 'valid_to', 'too_long'], // 31 days > 30
    [{ valid_to: '2020-02-09' }, 'valid_to', 'invalid_range'],
    [{ type: 'tank' }, 'type', 'invalid'],
    [{ cargo: '' }, 'cargo', 'required'],
    [{ phone: '1234' }, 'phone', undefined],
    [{ type: 'personal', plate: '', valid_to: '2020-02-24' }, 'id_number', 'required'],
    [{ type: 'personal', plate: '', id_number: ID1.slice(0, 17) + (ID1[17] === '1' ? '2' : '1'), valid_to: '2020-02-20' }, 'id_number', undefined],
    [{ type: 'personal', plate: '', id_number: ID1, valid_to: '2020-02-24' }, 'valid_to', 'too_long'], // 15 > 14
  ];
  for (const [over, field, code] of cases) {
    const r = await s.api('POST', '/api/v1/permits', { token: ent, body: vehicle(over) });
    assert.equal(r.status, 400, `${JSON.stringify(over)}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    if (code) assert.equal(r.body.code, code, r.text);
  }
  const unknown = await s.api('POST', '/api/v1/permits', { token: ent, body: { ...vehicle(), colour: 'red' } });
  assert.equal(unknown.status, 400);
  assert.equal(await count(), before);
});

let issued, commute;
test('the transport department issues a signed permit; others cannot', async () => {
  const r = await s.api('POST', '/api/v1/permits', { token: ent, body: vehicle({ plate: '吉b·d12345' }) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.plate, '吉BD12345'); // new-energy plate, normalised
  assert.equal(r.body.state, 'pending');
  assert.equal(r.body.token, '');
  const id = r.body.id;
  assert.ok((await notes(transport)).some((n) => n.kind === 'permit_applied' && n.link === `/permits/${id}`));
  assert.ok(!(await notes(health)).some((n) => n.kind === 'permit_applied'));
  assert.equal((await s.api('POST', `/api/v1/permits/${id}/issue`, { token: health, body: {} })).status, 403);
  assert.equal((await s.api('POST', `/api/v1/permits/${id}/issue`, { token: ent, body: {} })).status, 403);
  assert.equal((await s.api('GET', `/api/v1/permits/${id}`, { token: cmdB })).status, 404);
  const ok = await s.api('POST', `/api/v1/permits/${id}/issue`, { token: transport, body: { comment: '同意' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.state, 'issued');
  assert.match(ok.body.permit_no, /^TX20200210-\d{6}$/);
  assert.match(ok.body.token, /^FGP1\./);
  const again = await s.api('POST', `/api/v1/permits/${id}/issue`, { token: transport, body: {} });
  assert.equal(again.status, 409);
  assert.ok((await notes(ent)).some((n) => n.kind === 'permit_issued'));
  const got = await s.api('GET', `/api/v1/permits/${id}`, { token: ent });
  assert.match(got.body.qr_svg, /^<\?xml|<svg/);
  issued = ok.body;
});

test('the signature verifies with the published key, and a one-byte change does not', async () => {
  const pk = (await s.api('GET', '/api/v1/permits/public-key')).body.public_key;
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pk }, format: 'jwk' });
  const [, body, sig] = issued.token.split('.');
  const bytes = Buffer.from(body, 'base64url');
  assert.ok(verify(null, bytes, key, Buffer.from(sig, 'base64url')));
  const payload = JSON.parse(bytes.toString('utf8'));
  assert.equal(payload.n, issued.permit_no);
  assert.equal(payload.p, '吉BD12345');
  assert.equal(payload.h, '张*'); // the driver masked
  assert.equal(payload.u, '2020-03-10');
  const changed = Buffer.from(bytes);
  changed[changed.length - 3] ^= 1;
  assert.ok(!verify(null, changed, key, Buffer.from(sig, 'base64url')));
});

test('online verification: valid, tampered, not a token', async () => {
  const r = await s.api('POST', '/api/v1/permits/verify', { token: verifier, body: { token: issued.token } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.result, 'valid');
  assert.equal(r.body.payload.permit_no, issued.permit_no);
  assert.equal(r.body.payload.plate, '吉BD12345');
  assert.equal(r.body.state, 'issued');
  // One character of the signed body changed.
  const [p, body, sig] = issued.token.split('.');
  const i = 10;
  const t = `${p}.${body.slice(0, i)}${body[i] === 'A' ? 'B' : 'A'}${body.slice(i + 1)}.${sig}`;
  const bad = await s.api('POST', '/api/v1/permits/verify', { token: verifier, body: { token: t } });
  assert.equal(bad.status, 200, bad.text);
  assert.equal(bad.body.result, 'tampered');
  assert.equal(bad.body.payload, null);
  const junk = await s.api('POST', '/api/v1/permits/verify', { token: verifier, body: { token: 'hello' } });
  assert.equal(junk.status, 400);
  assert.equal(junk.body.field, 'token');
  assert.equal((await s.api('POST', '/api/v1/permits/verify', { token: ent, body: { token: issued.token } })).status, 403);
});

test('revocation needs a reason, notifies the enterprise, and the checkpoint sees it', async () => {
  const none = await s.api('POST', `/api/v1/permits/${issued.id}/revoke`, { token: transport, body: {} });
  assert.equal(none.status, 400);
  assert.equal(none.body.field, 'reason');
  assert.equal((await s.api('GET', `/api/v1/permits/${issued.id}`, { token: ent })).body.state, 'issued');
  const r = await s.api('POST', `/api/v1/permits/${issued.id}/revoke`, { token: transport, body: { reason: '车辆违规绕行' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'revoked');
  const v = await s.api('POST', '/api/v1/permits/verify', { token: verifier, body: { token: issued.token } });
  assert.equal(v.body.result, 'revoked');
  assert.equal(v.body.revoke_reason, '车辆违规绕行');
  assert.ok((await notes(ent)).some((n) => n.kind === 'permit_revoked'));
});

test('a personal pass: ID masked everywhere, the full number audited for the department only', async () => {
  const r = await s.api('POST', '/api/v1/permits', { token: ent, body: vehicle({ type: 'personal', plate: '', cargo: '',
    holder_name: '李娜', id_number: ID1, valid_to: '2020-02-23' }) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.id_masked, ID1.slice(0, 4) + '**********' + ID1.slice(14));
  assert.ok(!r.text.includes(ID1));
  assert.equal((await s.api('GET', `/api/v1/permits/${r.body.id}/id-number`, { token: ent })).status, 403);
  const full = await s.api('GET', `/api/v1/permits/${r.body.id}/id-number`, { token: transport });
  assert.equal(full.status, 200, full.text);
  assert.equal(full.body.id_number, ID1);
  const audit = await s.api('GET', '/api/v1/audit-logs?size=100', { token: admin });
  assert.equal(audit.status, 200, audit.text);
  const entry = audit.body.items.find((a) => a.action === 'read_personal_data' && /permit=/.test(a.object));
  assert.ok(entry, JSON.stringify(audit.body.items.slice(0, 3)));
  assert.equal(entry.username, 'tp_transport');
  const refuse = await s.api('POST', `/api/v1/permits/${r.body.id}/refuse`, { token: transport, body: { reason: '非必要出行' } });
  assert.equal(refuse.body.state, 'refused');
  assert.ok((await notes(ent)).some((n) => n.kind === 'permit_refused'));
});

test('counts per type and period, lists by state, and the export', async () => {
  const more = await s.api('POST', '/api/v1/permits', { token: ent, body: vehicle({ type: 'commute_vehicle', plate: '吉B6666A', cargo: '' }) });
  assert.equal(more.status, 201, more.text);
  commute = (await s.api('POST', `/api/v1/permits/${more.body.id}/issue`, { token: transport, body: {} })).body;
  assert.equal(commute.state, 'issued');
  const st = await s.api('GET', `/api/v1/permits/stats?from=${D}&to=${D}`, { token: transport });
  assert.equal(st.status, 200, st.text);
  const by = Object.fromEntries(st.body.items.map((i) => [i.type, i]));
  assert.deepEqual([by.emergency_supplies.applied, by.emergency_supplies.issued, by.emergency_supplies.revoked,
    by.emergency_supplies.in_force], [1, 1, 1, 0]);
  assert.deepEqual([by.personal.applied, by.personal.refused], [1, 1]);
  assert.deepEqual([by.commute_vehicle.issued, by.commute_vehicle.in_force], [1, 1]);
  assert.equal(st.body.total.applied, 3);
  const bad = await s.api('GET', `/api/v1/permits/stats?from=${D}&to=2020-02-01`, { token: transport });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'to');
  const revoked = await s.api('GET', '/api/v1/permits?state=revoked', { token: transport });
  assert.equal(revoked.body.total, 1);
  assert.equal((await s.api('GET', '/api/v1/permits', { token: cmdB })).body.total, 0);
  const csv = await fetch(`${s.base}/api/v1/permits/export?format=csv`, { headers: { authorization: 'Bearer ' + transport } });
  assert.equal(csv.status, 200);
  const text = await csv.text();
  assert.match(text, /通行证编号/);
  assert.match(text, new RegExp(issued.permit_no));
  assert.ok(!text.includes(ID1));
});

// Last: the second server's own background jobs run on its later clock (sessions of the first one expire).
test('an issued permit is expired for a checkpoint after its last day', async () => {
  const base = await serverAt('2020-03-20T09:00:00+08:00');
  const login = await (await fetch(base + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tp_check', password: PW }) })).json();
  const r = await fetch(base + '/api/v1/permits/verify', { method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + login.token }, body: JSON.stringify({ token: commute.token }) });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  assert.equal(body.result, 'expired');
  assert.equal(body.payload.permit_no, commute.permit_no);
});
