// Several servers on one PostgreSQL behind nginx (scripts/cluster, issue 7):
// requests spread over both servers and a session works on either; logging
// out on one ends the session there at once and on the others within the
// session cache time (2 s); a live-alert wait on one server answers
// when the alert is written through the other; the tip rate limit counts
// across servers; a background job runs in one process at a time and another
// takes it over when that process dies.
// PostgreSQL only (SQLite is one process): skipped without FUGONG_TEST_PG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { ADMIN_PASSWORD, BIN, freePort, keyFileEnv, newDatabaseUrl, runCli, uscc } from '../lib/harness.mjs';

const skip = !process.env.FUGONG_TEST_PG && 'needs FUGONG_TEST_PG (PostgreSQL)';
const SCRIPT = new URL('../../scripts/cluster', import.meta.url).pathname;
const A = '220202';
const firm = uscc(A, 77);
const PW = 'Pass-word-1';

let dir, db, port, cluster, output = '';
const base = (i) => `http://127.0.0.1:${port + i}`; // 0: nginx, 1 and 2: the servers

async function api(i, method, path, { token, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = 'Bearer ' + token;
  if (body !== undefined) h['content-type'] = 'application/json';
  const r = await fetch(base(i) + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, body: parsed, text, instance: r.headers.get('x-fugong-instance') };
}

async function login(i, username, password) {
  const r = await api(i, 'POST', '/api/v1/auth/login', { body: { username, password } });
  assert.equal(r.status, 200, r.text);
  return r.body.token;
}

function psql(sql) {
  const url = new URL(db);
  return execFileSync('psql', ['-X', '-q', '-tA', '-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres',
    '-d', url.pathname.slice(1), '-c', sql], { encoding: 'utf8' }).trim();
}

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'fugong-cluster-'));
  db = newDatabaseUrl(dir);
  const add = runCli(db, ['user', 'add', 'admin', '--role', 'admin'], ADMIN_PASSWORD + '\n');
  assert.equal(add.status, 0, add.stderr);
  // nginx on `port`, the servers on port+1 and port+2: find three free ports in a row
  const free = (p) => new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
  for (;;) {
    port = await freePort();
    if (port < 60000 && (await free(port + 1)) && (await free(port + 2))) break;
  }
  cluster = spawn('bash', [SCRIPT, '--db', db, '--servers', '2', '--port', String(port), '--web', join(dir, 'no-web')], {
    env: { ...process.env, FUGONG_BIN: BIN, FUGONG_CLUSTER_DIR: join(dir, 'cluster'), FUGONG_LOG: 'info', ...keyFileEnv(db),
      FUGONG_DEMAND_ESCALATION_SECONDS: '1', FUGONG_INSPECTION_ESCALATION_SECONDS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cluster.stdout.on('data', (d) => { output += d; });
  cluster.stderr.on('data', (d) => { output += d; });
  for (let i = 0; !output.includes('servers behind'); i++) {
    if (cluster.exitCode !== null || i > 600) throw new Error('cluster did not start:\n' + output);
    await new Promise((r) => setTimeout(r, 50));
  }
});

after(async () => {
  if (skip) return;
  if (cluster && cluster.exitCode === null) {
    cluster.kill('SIGTERM');
    await new Promise((r) => (cluster.exitCode !== null ? r() : cluster.on('exit', r)));
  }
  rmSync(dir, { recursive: true, force: true });
});

test('requests spread over both servers; a session works on either; logout ends it everywhere', { skip }, async () => {
  const token = await login(0, 'admin', ADMIN_PASSWORD);
  const seen = new Set();
  for (let i = 0; i < 30; i++) {
    const r = await api(0, 'GET', '/api/v1/auth/me', { token });
    assert.equal(r.status, 200, r.text);
    seen.add(r.instance);
  }
  assert.deepEqual([...seen].sort(), ['s1', 's2']);
  for (const i of [1, 2]) assert.equal((await api(i, 'GET', '/api/v1/auth/me', { token })).status, 200);
  assert.equal((await api(1, 'POST', '/api/v1/auth/logout', { token })).status, 200);
  // at once on the server that logged out; on the others once their session cache (2 s) lapses
  assert.equal((await api(1, 'GET', '/api/v1/auth/me', { token })).status, 401);
  await new Promise((r) => setTimeout(r, 2100));
  for (const i of [0, 0, 0, 1, 2]) assert.equal((await api(i, 'GET', '/api/v1/auth/me', { token })).status, 401);
});

test('a live-alert wait on one server answers when the alert is written through the other', { skip }, async () => {
  const admin = await login(0, 'admin', ADMIN_PASSWORD);
  let r = await api(0, 'POST', '/api/v1/enterprises', { token: admin, body: { uscc: firm, name: '集群测试企业有限公司', region_code: A,
    industry_code: '13', size: 'small', employees: 30, work_status: 'work_resumed', status_date: '2020-02-05' } });
  assert.equal(r.status, 201, r.text);
  for (const [username, roles, extra] of [['c_ent', ['enterprise'], { enterprise_uscc: firm }], ['c_gate', ['verifier'], { enterprise_uscc: firm }],
    ['c_health', ['department'], { region_code: A, department: '卫生健康委员会' }]]) {
    r = await api(0, 'POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
    assert.equal(r.status, 201, r.text);
  }
  const ent = await login(0, 'c_ent', PW);
  const gate = await login(0, 'c_gate', PW);
  const health = await login(0, 'c_health', PW);
  r = await api(0, 'POST', `/api/v1/enterprises/${firm}/sites`, { token: ent, body: { name: '北门' } });
  assert.equal(r.status, 201, r.text);
  const site = r.body.id;
  const last = (await api(1, 'GET', '/api/v1/alerts/wait', { token: health })).body.last_id;
  const started = Date.now();
  const waiting = api(1, 'GET', `/api/v1/alerts/wait?after=${last}&timeout=20`, { token: health });
  await new Promise((res) => setTimeout(res, 300));
  r = await api(2, 'POST', '/api/v1/checkins', { token: gate, body: { site, visitor: { name: '发热访客', phone: '13800000009' }, temperature: 38.4 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.decision, 'deny');
  const answer = await waiting;
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.instance, 's1');
  assert.ok(answer.body.items.some((a) => a.kind === 'fever'), answer.text);
  assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`);
});

test('the tip rate limit counts submissions through both servers', { skip }, async () => {
  const tip = { type: 'unapproved_opening', enterprise_name: '某某机械厂', address: '昌邑区某路 1 号',
    description: '该厂未经审批擅自开工，每天有几十名工人进出。', region: A };
  const statuses = [];
  for (let i = 0; i < 8; i++) {
    const r = await api(1 + (i % 2), 'POST', '/api/v1/public/tips', { body: tip, headers: { 'x-forwarded-for': '203.0.113.44' } });
    statuses.push(r.status);
  }
  assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429, 429], statuses.join());
});

test('a background job runs in one server at a time; another takes over when it dies', { skip }, async () => {
  const runs = () => psql("SELECT holder || '|' || started_at FROM job_runs WHERE name = 'demand escalation' ORDER BY id")
    .split('\n').filter(Boolean).map((l) => l.split('|'));
  await new Promise((r) => setTimeout(r, 3500));
  let list = runs();
  assert.ok(list.length >= 2, `runs: ${list.length}`);
  const holders = new Set(list.map(([h]) => h));
  assert.equal(holders.size, 1, [...holders].join());
  // once per period, not once per process: at most one run per second (period 1 s) since the first
  const seconds = (Date.parse(list.at(-1)[1]) - Date.parse(list[0][1])) / 1000;
  assert.ok(list.length <= seconds + 2, `${list.length} runs in ${seconds} s`);
  // kill the holder (SIGKILL: no goodbye); the other server takes over after the lease (3 periods)
  const holderPid = Number([...holders][0].split(':')[1]);
  process.kill(holderPid, 'SIGKILL');
  const count = list.length;
  await new Promise((r) => setTimeout(r, 6000));
  list = runs();
  const after = list.slice(count).map(([h]) => h);
  assert.ok(after.length >= 1, 'no run after the holder died');
  assert.ok(after.every((h) => Number(h.split(':')[1]) !== holderPid), after.join());
  const alive = async (i) => { try { return (await api(i, 'GET', '/healthz')).status === 200; } catch { return false; } };
  const up = [await alive(1), await alive(2)];
  assert.equal(up.filter(Boolean).length, 1, up.join());
  const survivor = up[0] ? 1 : 2;
  // nginx sends requests to the survivor
  for (let i = 0; i < 6; i++) assert.equal((await api(0, 'GET', '/healthz')).instance, `s${survivor}`);
});
