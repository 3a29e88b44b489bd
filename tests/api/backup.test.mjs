// Backup and restore (issue 7 item 5): `fugong backup` while the server runs
// (SQLite online backup API / pg_dump), `fugong restore` refusing a database
// in use or an existing one without --force and a file that is no backup,
// and the round trip: written → backup → wiped → restored → same rows, and
// the ID numbers still decrypt (the key file travels in the archive).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, ENGINE, keyFileEnv, runCli, startServer } from '../lib/harness.mjs';
import { cleanup, kill, client, idNumber, setup, spawnServer } from '../lib/load.mjs';

let s, srv, fx, admin, dir, archive;
const ids = [];

async function snapshot(api, token) {
  const out = {};
  for (const f of fx.firms) {
    const r = await api('GET', `/api/v1/enterprises/${f.uscc}/employees?size=200`, { token: f.ent });
    assert.equal(r.status, 200, r.text);
    out[f.uscc] = r.body.items.map((e) => [e.id, e.name, e.id_number, e.department]);
    const e = await api('GET', `/api/v1/sites/${f.site}/entries?date=2020-02-10`, { token: f.ent });
    out[f.uscc + '/entries'] = e.body.items.map((x) => [x.id, x.name, x.at, x.decision]);
  }
  out.enterprises = (await api('GET', '/api/v1/enterprises?size=50', { token })).body.total;
  return out;
}

function psql(url, sql) {
  const u = new URL(url);
  execFileSync('psql', ['-X', '-q', '-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', '-d', u.pathname.slice(1), '-c', sql]);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fugong-backup-'));
  archive = join(dir, 'backup.zip');
  s = await startServer({ env: { FUGONG_NOW: '2020-02-10T08:00:00+08:00' } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  fx = await setup(client(s.base), admin, { firms: 2, perFirm: 3 });
  for (const f of fx.firms) {
    const r = await client(s.base)('POST', '/api/v1/checkins', { token: f.gate, body: { site: f.site, pass: f.passes[0].token, temperature: 36.5 } });
    assert.equal(r.status, 200, r.text);
    ids.push(f.passes[0].employee);
  }
});

after(async () => {
  if (srv) await kill(srv.child);
  await cleanup(s);
  rmSync(dir, { recursive: true, force: true });
});

test(`round trip: backup online, wipe, restore, same rows and ID numbers (${ENGINE})`, async () => {
  const api = client(s.base);
  const before = await snapshot(api, admin);
  const clear = (await api('GET', `/api/v1/employees/${ids[0]}/id-number`, { token: admin })).body.id_number;
  assert.equal(clear, idNumber('220202', '19900101', 0));

  // Online: the server keeps running and writing during the backup.
  const writing = (async () => {
    for (let i = 0; i < 20; i++)
      await api('POST', '/api/v1/checkins', { token: fx.firms[1].gate, body: { site: fx.firms[1].site, visitor: { name: `访客${i}`, phone: '13800000001' }, temperature: 36.4 } });
  })();
  const b = runCli(s.db, ['backup', archive]);
  await writing;
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stdout, new RegExp(`backed up to .* \\(${ENGINE === 'sqlite' ? 'sqlite' : 'postgresql'}, schema \\d+`));
  assert.equal(statSync(archive).mode & 0o777, 0o600, 'the archive holds the key: owner only');
  const unzipped = execFileSync('unzip', ['-l', archive], { encoding: 'utf8' });
  assert.match(unzipped, /manifest\.json/);
  assert.match(unzipped, /fugong\.key/);

  // Refusals: the database is in use, and then it exists; a file that is no backup.
  let r = runCli(s.db, ['restore', archive]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /in use|exists|not empty/);
  const junk = join(dir, 'junk.zip');
  writeFileSync(junk, 'not a zip');
  r = runCli(s.db, ['restore', junk, '--force']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /cannot open/);

  // Wipe: stop the server, drop the database and the key.
  await kill(s.child, 'SIGTERM');
  const keyFile = keyFileEnv(s.db).FUGONG_KEY_FILE || s.db + '.key';
  const key = readFileSync(keyFile);
  if (ENGINE === 'sqlite') {
    r = runCli(s.db, ['restore', archive]);
    assert.notEqual(r.status, 0, 'an existing database needs --force');
    assert.match(r.stderr, /exists/);
    for (const f of [s.db, s.db + '-wal', s.db + '-shm']) rmSync(f, { force: true });
  } else {
    psql(s.db, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  }
  rmSync(keyFile);

  r = runCli(s.db, ['restore', archive]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /restored from/);
  assert.ok(existsSync(keyFile));
  assert.deepEqual(readFileSync(keyFile), key, 'the key file comes back');
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);

  srv = await spawnServer(s.db, { FUGONG_NOW: '2020-02-10T08:00:00+08:00' });
  const api2 = client(srv.base);
  const admin2 = (await api2('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
  const after = await snapshot(api2, admin2);
  // Everything written before the backup is there (visitors written during it may or may not be).
  for (const k of Object.keys(before)) {
    if (k.endsWith('/entries')) {
      const have = new Set(after[k].map((x) => JSON.stringify(x)));
      for (const e of before[k]) assert.ok(have.has(JSON.stringify(e)), `entry ${e} restored`);
    } else {
      assert.deepEqual(after[k], before[k], k);
    }
  }
  const again = await api2('GET', `/api/v1/employees/${ids[0]}/id-number`, { token: admin2 });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.id_number, clear, 'ID numbers decrypt with the restored key');
  // A restore over a different key file is refused without --force.
  await kill(srv.child, 'SIGTERM');
  writeFileSync(keyFile, Buffer.alloc(32, 7), { mode: 0o600 });
  r = runCli(s.db, ['restore', archive, ...(ENGINE === 'sqlite' ? [] : [])]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /key file|exists|not empty/);
  r = runCli(s.db, ['restore', archive, '--force']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readFileSync(keyFile), key, 'replaced by the archive\'s key');
});
