// Test harness: starts the real `fugong` binary on a free port with a fresh
// database (SQLite file, or a new PostgreSQL database on the cluster named by
// FUGONG_TEST_PG), and offers a small JSON client.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = process.env.FUGONG_BIN || new URL('../../build/fugong', import.meta.url).pathname;
export const ENGINE = process.env.FUGONG_TEST_ENGINE || 'sqlite';
export const ADMIN_PASSWORD = 'Admin-pass-2020';
// The built web UI (web/dist, from `cd web && npm run build`), for browser tests: startServer({ web: WEB_DIST }).
// FUGONG_WEB_DIST points elsewhere (e.g. one build per engineer working in the same tree).
export const WEB_DIST = process.env.FUGONG_WEB_DIST || fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// A new empty test database of ENGINE: a file in `dir` for SQLite, a fresh database on FUGONG_TEST_PG.
export function newDatabaseUrl(dir) {
  if (ENGINE === 'sqlite') return join(dir, 'fugong.db');
  const base = process.env.FUGONG_TEST_PG;
  if (!base) throw new Error('FUGONG_TEST_PG is not set for the PostgreSQL engine');
  const url = new URL(base);
  const name = `t_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const psql = ['/usr/bin/psql', '/usr/lib/postgresql/15/bin/psql'].find((p) => {
    try { execFileSync(p, ['--version']); return true; } catch { return false; }
  });
  execFileSync(psql, ['-X', '-q', '-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres',
    '-d', url.pathname.slice(1) || 'postgres', '-c', `CREATE DATABASE ${name}`]);
  url.pathname = '/' + name;
  return url.toString();
}

// The key file (personal-data and pass-code keys) of a test database: beside a
// SQLite file by default; for PostgreSQL one per database in the temp folder,
// shared by the server and the CLI (instead of the working directory).
export function keyFileEnv(db) {
  if (ENGINE === 'sqlite') return {};
  return { FUGONG_KEY_FILE: join(tmpdir(), `fugong-test-${new URL(db).pathname.slice(1)}.key`) };
}

// Runs a fugong command on the test database, returning {status, stdout, stderr}.
export function runCli(db, args, input = '') {
  const r = spawnSync(BIN, [...args, '--db', db], { input, encoding: 'utf8', env: { ...process.env, FUGONG_LOG: 'warn', ...keyFileEnv(db) } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// web: the folder of the web UI to serve; by default a missing folder, so only the API answers.
export async function startServer({ env = {}, web } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'fugong-api-'));
  const db = newDatabaseUrl(dir);
  const add = runCli(db, ['user', 'add', 'admin', '--role', 'admin'], ADMIN_PASSWORD + '\n');
  if (add.status !== 0) throw new Error('user add failed: ' + add.stderr);
  const port = await freePort();
  const logs = [];
  const child = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--web', web || join(dir, 'no-web')], {
    env: { ...process.env, FUGONG_LOG: 'info', ...keyFileEnv(db), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(base + '/healthz');
      if (r.ok) break;
    } catch { /* not yet */ }
    if (child.exitCode !== null || i > 200) throw new Error('server did not start:\n' + logs.join(''));
    await new Promise((r) => setTimeout(r, 50));
  }
  const server = {
    base, db, dir, logs, child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
      if (keyFileEnv(db).FUGONG_KEY_FILE) rmSync(keyFileEnv(db).FUGONG_KEY_FILE, { force: true });
    },
    // JSON request; returns {status, body, headers}.
    async api(method, path, { token, body, headers = {}, raw } = {}) {
      const h = { ...headers };
      if (token) h.authorization = 'Bearer ' + token;
      let payload = raw;
      if (body !== undefined && raw === undefined) {
        h['content-type'] = 'application/json';
        payload = typeof body === 'string' ? body : JSON.stringify(body);
      }
      const r = await fetch(base + path, { method, headers: h, body: payload });
      const text = await r.text();
      let parsed = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      return { status: r.status, body: parsed, headers: r.headers, text };
    },
    async login(username, password) {
      const r = await server.api('POST', '/api/v1/auth/login', { body: { username, password } });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
      return r.body.token;
    },
    async upload(path, token, filename, content, type = 'text/csv') {
      const form = new FormData();
      form.append('file', new Blob([content], { type }), filename);
      const r = await fetch(base + path, { method: 'POST', headers: { authorization: 'Bearer ' + token }, body: form });
      const text = await r.text();
      let parsed = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      return { status: r.status, body: parsed };
    },
  };
  return server;
}

// A valid USCC (GB 32100) from a county code and a serial number.
export function uscc(county, serial) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let s = '91' + county + 'MA' + String(serial).padStart(7, '0');
  const sum = [...s].reduce((acc, c, i) => acc + A.indexOf(c) * W[i], 0);
  const c = 31 - (sum % 31);
  return s + A[c === 31 ? 0 : c];
}
