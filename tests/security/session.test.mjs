// Sessions and the edges of the HTTP surface (issue 7 item 4): CSRF on cookie
// sessions, session expiry (a second server on the same database pinned 13
// hours later) and logout invalidating the session server-side, login
// throttling (429 with Retry-After, kept in the database so another server
// process refuses too), security headers on API, error and static answers,
// and upload type and size checks on every upload route.
// Runs on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_PASSWORD, BIN, ENGINE, freePort, keyFileEnv, startServer } from '../lib/harness.mjs';
import { A, NOW, PW, enterpriseBody, firmA } from './world.mjs';

let s, admin;

// A second server on the same database (another process), with its own clock.
async function serverAt(now, web) {
  const port = await freePort();
  const logs = [];
  const child = spawn(BIN, ['serve', '--db', s.db, '--port', String(port), '--web', web || join(s.dir, 'no-web')], {
    env: { ...process.env, ...keyFileEnv(s.db), FUGONG_NOW: now }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (x) => logs.push(String(x)));
  child.stderr.on('data', (x) => logs.push(String(x)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(base + '/healthz')).ok) break; } catch { /* not yet */ }
    if (child.exitCode !== null || i > 200) throw new Error('second server did not start:\n' + logs.join(''));
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    async api(method, path, { token, body, headers = {} } = {}) {
      const h = { ...headers };
      if (token) h.authorization = 'Bearer ' + token;
      if (body !== undefined) h['content-type'] = 'application/json';
      const r = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      let parsed = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      return { status: r.status, body: parsed, headers: r.headers, text };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
    },
  };
}

async function addUser(username, roles, extra = {}) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterpriseBody(firmA, A) });
  assert.equal(r.status, 201, r.text);
  await addUser('cmd', ['commander'], { region_code: A });
  await addUser('ent', ['enterprise'], { enterprise_uscc: firmA });
});

after(async () => { await s?.stop(); });

test(`CSRF: cookie sessions need the X-CSRF-Token header on writes (${ENGINE})`, async () => {
  const login = await s.api('POST', '/api/v1/auth/login', { body: { username: 'cmd', password: PW } });
  assert.equal(login.status, 200);
  const setCookie = login.headers.get('set-cookie');
  assert.match(setCookie, /fugong_session=[^;]+;/);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  const cookie = setCookie.split(';')[0];
  const csrf = login.body.csrf_token;
  const body = { kind: 'notice', title: 'CSRF 测试', body: '正文', region: A };
  const before = (await s.api('GET', '/api/v1/notices?size=1', { token: admin })).body.total;
  // A cross-site form post: the cookie, no token (and the Origin of another site).
  for (const headers of [{ cookie, origin: 'https://evil.example' }, { cookie, 'x-csrf-token': 'wrong' },
    { cookie, 'x-csrf-token': '' }]) {
    const r = await s.api('POST', '/api/v1/notices', { body, headers });
    assert.equal(r.status, 403, r.text);
    assert.equal(r.body.code, 'csrf');
  }
  // A cross-site form (text/plain body) is refused the same way.
  const form = await fetch(s.base + '/api/v1/auth/logout', { method: 'POST', headers: { cookie, 'content-type': 'text/plain' }, body: 'x' });
  assert.equal(form.status, 403);
  assert.equal((await s.api('GET', '/api/v1/notices?size=1', { token: admin })).body.total, before, 'nothing written');
  // Reads with the cookie work; writes with the right token work.
  assert.equal((await s.api('GET', '/api/v1/auth/me', { headers: { cookie } })).status, 200);
  const ok = await s.api('POST', '/api/v1/notices', { body, headers: { cookie, 'x-csrf-token': csrf } });
  assert.equal(ok.status, 201, ok.text);
  // Another session's token does not fit this session.
  const other = await s.api('POST', '/api/v1/auth/login', { body: { username: 'cmd', password: PW } });
  const r = await s.api('POST', '/api/v1/notices', { body, headers: { cookie, 'x-csrf-token': other.body.csrf_token } });
  assert.equal(r.status, 403);
});

test(`sessions expire, and logout ends the session on the server (${ENGINE})`, async () => {
  const token = await s.login('ent', PW);
  assert.equal((await s.api('GET', '/api/v1/auth/me', { token })).status, 200);
  // 13 hours later (session lifetime 12 h), in another server process.
  const later = await serverAt('2020-02-14T22:00:00+08:00');
  try {
    const r = await later.api('GET', '/api/v1/auth/me', { token });
    assert.equal(r.status, 401, r.text);
    const w = await later.api('POST', `/api/v1/enterprises/${firmA}/sites`, { token, body: { name: '过期' } });
    assert.equal(w.status, 401);
  } finally { await later.stop(); }
  // 11 hours later the session still holds.
  const soon = await serverAt('2020-02-14T20:00:00+08:00');
  try { assert.equal((await soon.api('GET', '/api/v1/auth/me', { token })).status, 200); } finally { await soon.stop(); }

  // Logout: the token is dead here and in another process (no client-side trust).
  const t2 = await s.login('ent', PW);
  const other = await serverAt(NOW);
  try {
    assert.equal((await other.api('GET', '/api/v1/auth/me', { token: t2 })).status, 200);
    const out = await s.api('POST', '/api/v1/auth/logout', { token: t2 });
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
    assert.equal((await s.api('GET', '/api/v1/auth/me', { token: t2 })).status, 401);
    await new Promise((r) => setTimeout(r, 2100)); // the other process's 2-second session cache
    assert.equal((await other.api('GET', '/api/v1/auth/me', { token: t2 })).status, 401);
    assert.equal((await s.api('GET', '/api/v1/auth/me', { token })).status, 200, 'other sessions stay');
  } finally { await other.stop(); }
  // A made-up or altered token is 401.
  assert.equal((await s.api('GET', '/api/v1/auth/me', { token: token.slice(0, -2) + 'xx' })).status, 401);
  assert.equal((await s.api('GET', '/api/v1/auth/me', { token: 'x'.repeat(5000) })).status, 401);
});

test(`login throttling: failures answer 429 with Retry-After, in every process (${ENGINE})`, async () => {
  await addUser('victim', ['enterprise'], { enterprise_uscc: firmA });
  const fail = (srv, ip) => srv.api('POST', '/api/v1/auth/login',
    { body: { username: 'victim', password: 'wrong-guess' }, headers: ip ? { 'x-forwarded-for': ip } : {} });
  for (let i = 0; i < 5; i++) assert.equal((await fail(s, `203.0.113.${i + 1}`)).status, 401);
  let r = await fail(s, '203.0.113.9');
  assert.equal(r.status, 429, r.text);
  assert.equal(r.body.code, 'too_many_attempts');
  assert.ok(Number(r.headers.get('retry-after')) > 0, `Retry-After: ${r.headers.get('retry-after')}`);
  // Even the right password is refused while throttled, and by another process too.
  r = await s.api('POST', '/api/v1/auth/login', { body: { username: 'victim', password: PW } });
  assert.equal(r.status, 429);
  const other = await serverAt(NOW);
  try {
    r = await other.api('POST', '/api/v1/auth/login', { body: { username: 'victim', password: PW } });
    assert.equal(r.status, 429, 'the attempts live in the database');
  } finally { await other.stop(); }
  // After the window (15 minutes) the user signs in again.
  const later = await serverAt('2020-02-14T09:20:00+08:00');
  try {
    r = await later.api('POST', '/api/v1/auth/login', { body: { username: 'victim', password: PW } });
    assert.equal(r.status, 200, r.text);
  } finally { await later.stop(); }
  // Other users are not locked out by one user's failures.
  assert.ok(await s.login('ent', PW));
  // The log shows every attempt, throttled ones included.
  const logins = await s.api('GET', '/api/v1/login-logs?size=100', { token: admin });
  assert.ok(logins.body.items.filter((l) => l.username === 'victim' && l.reason === 'throttled').length >= 2);
});

function expectSecurityHeaders(h, what) {
  assert.equal(h.get('x-content-type-options'), 'nosniff', what);
  assert.ok(h.get('x-frame-options') === 'DENY' || /frame-ancestors 'none'/.test(h.get('content-security-policy') || ''), what);
  assert.match(h.get('content-security-policy') || '', /default-src 'self'/, what);
  assert.match(h.get('content-security-policy') || '', /frame-ancestors 'none'/, what);
  assert.ok(h.get('referrer-policy'), what);
  assert.ok(!/unsafe-eval/.test(h.get('content-security-policy')), what);
}

test(`security headers on API, error, static and download answers (${ENGINE})`, async () => {
  const web = join(s.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(web, 'assets', 'a.js'), 'console.log(1)');
  const srv = await serverAt(NOW, web);
  try {
    for (const [method, path, status] of [['GET', '/api/v1/auth/me', 401], ['GET', '/healthz', 200], ['GET', '/', 200],
      ['GET', '/assets/a.js', 200], ['GET', '/m/checkin', 200], ['GET', '/api/v1/nothing-here', 404],
      ['POST', '/api/v1/auth/login', 400], ['DELETE', '/api/v1/auth/me', 405]]) {
      const r = await fetch(srv.base + path, { method });
      assert.equal(r.status, status, `${method} ${path}`);
      expectSecurityHeaders(r.headers, `${method} ${path}`);
    }
    const token = (await srv.api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
    const r = await fetch(srv.base + '/api/v1/enterprises/export?format=csv', { headers: { authorization: 'Bearer ' + token } });
    assert.equal(r.status, 200);
    expectSecurityHeaders(r.headers, 'export');
    assert.match(r.headers.get('content-disposition') || '', /attachment/);
    const json = await fetch(srv.base + '/api/v1/auth/me', { headers: { authorization: 'Bearer ' + token } });
    assert.match(json.headers.get('content-type'), /application\/json/);
    assert.match(json.headers.get('cache-control') || 'no-store', /no-store|private|no-cache/);
  } finally { await srv.stop(); }
});

async function upload(path, token, filename, content, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), filename);
  try {
    const r = await fetch(s.base + path, { method: 'POST', headers: { authorization: 'Bearer ' + token }, body: form });
    const text = await r.text();
    let body = text;
    try { body = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, body, text };
  } catch (err) {
    // Beyond the body limit the server answers 413 before reading the body; the client may
    // see the connection closed while still sending.
    assert.match(String(err.cause?.code || err.message), /EPIPE|ECONNRESET|fetch failed|UND_ERR/);
    return { status: 413, body: {}, text: 'closed' };
  }
}

test(`upload routes check the type and the size (${ENGINE})`, async () => {
  const routes = (await s.api('GET', '/api/v1/system/routes', { token: admin })).body.items;
  const ent = await s.login('ent', PW);
  const cmd = await s.login('cmd', PW);
  // Objects with attachment routes.
  const demand = (await s.api('POST', '/api/v1/demands', { token: ent, body: { category: 'labour', title: '附件测试' } })).body.id;
  const notice = (await s.api('POST', '/api/v1/notices', { token: cmd, body: { kind: 'notice', title: '附件', body: '正文', region: A } })).body.id;
  const checklist = { isolation_room: true, thermometers: 6, masks_in_stock: 3000, masks_days_of_supply: 10, disinfection_plan: true,
    disinfection_records: true, staggered_dining: true, leader_on_duty: true, emergency_plan: true,
    four_measures: { scan_code: true, registration: true, temperature_check: true, mask_wearing: true } };
  const app = (await s.api('POST', `/api/v1/enterprises/${firmA}/applications`, { token: ent, body: { planned_date: '2020-02-18',
    staff_total: 50, staff_local: 45, staff_out_of_province: 5, staff_from_risk_regions: 0, checklist, commitment: { signer: '王伟', accepted: true } } })).body.id;
  const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
  const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');
  const cases = [
    // [route pattern, path, token, is table import]: every spreadsheet import of the route table (as
    // admin), and the attachment routes of objects made above.
    ...routes.filter((r) => r.method === 'POST' && /\/import$/.test(r.pattern) && !/\{(?!uscc\})/.test(r.pattern))
      .map((r) => [r.pattern, r.pattern.replace('{uscc}', firmA), admin, true]),
    ['/api/v1/demands/{id}/attachments', `/api/v1/demands/${demand}/attachments`, ent, false],
    ['/api/v1/notices/{id}/attachments', `/api/v1/notices/${notice}/attachments`, cmd, false],
    ['/api/v1/applications/{id}/attachments', `/api/v1/applications/${app}/attachments`, ent, false],
  ];
  let checked = 0;
  for (const [pattern, path, token, table] of cases) {
    const route = routes.find((r) => r.method === 'POST' && r.pattern === pattern);
    assert.ok(route, `${pattern} is registered`);
    // Executables and HTML are refused whatever the name says.
    for (const [name, content] of [['setup.exe', EXE], ['page.html', HTML], ...(table ? [] : [['scan.pdf', EXE], ['photo.png', HTML]])]) {
      const r = await upload(path, token, name, content);
      assert.ok(r.status === 415 || r.status === 400, `${pattern} ${name}: ${r.status} ${r.text}`);
      assert.equal(r.body.field, 'file', `${pattern} ${name}: ${r.text}`);
      checked++;
    }
    // Beyond the route's body limit: 413.
    const big = Buffer.alloc(route.max_body + 1024, 0x41);
    const r = await upload(path, token, table ? 'big.csv' : 'big.pdf', big);
    assert.equal(r.status, 413, `${pattern} size: ${r.text.slice(0, 200)}`);
    checked++;
  }
  // Every upload route of the table is one of the cases above or listed as checked elsewhere.
  const known = new Set([...cases.map((c) => c[0]), '/api/v1/inspections/findings/{id}/photos', '/api/v1/public/tips']);
  const uploads = routes.filter((r) => /import$|attachments$|photos$/.test(r.pattern) && r.method === 'POST');
  for (const r of uploads) assert.ok(known.has(r.pattern), `upload route ${r.pattern} is not covered by the security suite`);
  console.log(`upload checks: ${checked} cells over ${cases.length} upload routes`);
  // Nothing was stored from the refused uploads.
  const d = await s.api('GET', `/api/v1/demands/${demand}`, { token: ent });
  assert.equal((d.body.attachments || []).length, 0, JSON.stringify(d.body.attachments));
});
