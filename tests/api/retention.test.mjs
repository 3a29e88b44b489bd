// Retention API (issue 7 item 5): the per-kind retention setting, the
// scheduled deletion date on entry logs and declarations, the purge (dry run
// changes nothing, batches, log, export, CLI) and the gate headcounts kept so
// that a past day's 返岗率 does not change when its entry logs go.
// The records are written on 2020-02-10; the server then restarts with its
// clock on 2020-03-31, when everything older than 28 days is due.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ENGINE, runCli, startServer } from '../lib/harness.mjs';
import { cleanup, kill, client, relogin, setup, spawnServer } from '../lib/load.mjs';

const OLD = '2020-02-10';
const LATER = '2020-03-31T18:00:00+08:00';
let s, srv, api, admin, fx, rateBefore;

async function restart(now) {
  if (srv) await kill(srv.child);
  return spawnServer(s.db, { FUGONG_NOW: now });
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: `${OLD}T08:00:00+08:00` } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  api = client(s.base);
  fx = await setup(api, admin, { firms: 2, perFirm: 4 });
  // Employees 0..2 of firm 0 and 0..1 of firm 1 pass the gate (one twice), a visitor too, and a fever alert.
  const admitted = [[0, 0], [0, 1], [0, 2], [0, 0], [1, 0], [1, 1]];
  for (const [f, i] of admitted) {
    const r = await api('POST', '/api/v1/checkins', { token: fx.firms[f].gate, body: { site: fx.firms[f].site, pass: fx.firms[f].passes[i].token, temperature: 36.5 } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.decision, 'admit');
  }
  let r = await api('POST', '/api/v1/checkins', { token: fx.firms[0].gate, body: { site: fx.firms[0].site, visitor: { name: '访客甲', phone: '13800000001' }, temperature: 36.4 } });
  assert.equal(r.status, 200, r.text);
  r = await api('POST', '/api/v1/checkins', { token: fx.firms[0].gate, body: { site: fx.firms[0].site, pass: fx.firms[0].passes[3].token, temperature: 38.2 } });
  assert.equal(r.body.decision, 'deny');
  r = await api('GET', `/api/v1/stats/rates?region=220202&date=${OLD}`, { token: admin });
  assert.equal(r.status, 200, r.text);
  rateBefore = r.body.rates.staff_returned;
  assert.equal(rateBefore.num, 5, 'five distinct employees admitted that day');
  await kill(s.child);
  srv = await restart(LATER);
  api = client(srv.base);
  admin = (await api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
  await relogin(api, fx);
});

after(async () => {
  if (srv) await kill(srv.child);
  await cleanup(s);
});

test(`records show their scheduled deletion date (${ENGINE})`, async () => {
  const f = fx.firms[0];
  const r = await api('GET', `/api/v1/sites/${f.site}/entries?date=${OLD}`, { token: f.ent });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.length >= 5);
  assert.ok(r.body.items.every((e) => e.delete_after === '2020-03-09'), r.text);
  const d = await api('GET', `/api/v1/employees/${f.passes[0].employee}/declarations`, { token: f.ent });
  assert.equal(d.status, 200, d.text);
  assert.equal(d.body.items[0].delete_after, '2020-03-09');
});

test('policies list every kind with its cutoff and the records due; the setting is validated', async () => {
  let r = await api('GET', '/api/v1/retention/policies', { token: admin });
  assert.equal(r.status, 200, r.text);
  const by = Object.fromEntries(r.body.items.map((p) => [p.kind, p]));
  assert.deepEqual(Object.keys(by).sort(), ['alerts', 'entry_logs', 'health_declarations', 'health_holds', 'travel_records']);
  assert.equal(by.entry_logs.retention_days, 28);
  assert.equal(by.entry_logs.cutoff, '2020-03-03');
  assert.equal(by.entry_logs.due, 8);
  assert.equal(by.health_declarations.due, 8);
  assert.ok(by.alerts.due >= 1);
  for (const [value, field] of [[{ entry_logs: -1 }, 'value'], [{ bogus: 3 }, 'value'], [28, 'value']]) {
    r = await api('PUT', '/api/v1/settings/retention_days', { token: admin, body: { value } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, field);
  }
  // Alerts kept for ever: not due, no deletion date.
  r = await api('PUT', '/api/v1/settings/retention_days', { token: admin, body: { value: { alerts: 0 } } });
  assert.equal(r.status, 200, r.text);
  await new Promise((res) => setTimeout(res, 5200)); // the service caches the setting for 5 s
  r = await api('GET', '/api/v1/retention/policies', { token: admin });
  const alerts = r.body.items.find((p) => p.kind === 'alerts');
  assert.equal(alerts.retention_days, 0);
  assert.equal(alerts.cutoff, null);
  assert.equal(r.body.items.find((p) => p.kind === 'entry_logs').retention_days, 28, 'others keep the default');
});

test('a dry run and bad requests change nothing; only admins purge', async () => {
  let r = await api('POST', '/api/v1/retention/purge', { token: admin, body: { dry_run: true } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.dry_run, true);
  assert.equal(r.body.items.find((i) => i.kind === 'entry_logs').rows, 8);
  assert.equal(r.body.items.find((i) => i.kind === 'alerts'), undefined, 'kept for ever');
  for (const body of [{ dry_run: 'yes' }, { dryrun: true }]) {
    r = await api('POST', '/api/v1/retention/purge', { token: admin, body });
    assert.equal(r.status, 400, r.text);
  }
  assert.equal((await api('POST', '/api/v1/retention/purge', { token: fx.firms[0].ent, body: {} })).status, 403);
  assert.equal((await api('GET', '/api/v1/retention/purges', { token: fx.firms[0].ent })).status, 403);
  process.env.FUGONG_NOW = LATER; // the command line on the server's clock
  const cli = runCli(s.db, ['purge', '--dry-run']);
  delete process.env.FUGONG_NOW;
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /entry_logs\s+would delete 8 dated before 2020-03-03/);
  r = await api('GET', '/api/v1/retention/purges', { token: admin });
  assert.equal(r.body.total, 0, 'dry runs log nothing');
  const f = fx.firms[0];
  assert.equal((await api('GET', `/api/v1/sites/${f.site}/entries?date=${OLD}`, { token: f.ent })).body.total, 6);
});

test('the purge deletes expired personal data, logs it, and past rates stay the same', async () => {
  let r = await api('POST', '/api/v1/retention/purge', { token: admin, body: {} });
  assert.equal(r.status, 200, r.text);
  const rows = Object.fromEntries(r.body.items.map((i) => [i.kind, i.rows]));
  assert.equal(rows.entry_logs, 8);
  assert.equal(rows.health_declarations, 8);
  for (const f of fx.firms) {
    assert.equal((await api('GET', `/api/v1/sites/${f.site}/entries?date=${OLD}`, { token: f.ent })).body.total, 0);
    const d = await api('GET', `/api/v1/employees/${f.passes[0].employee}/declarations`, { token: f.ent });
    assert.equal(d.body.items.length, 0);
  }
  const alerts = await api('GET', '/api/v1/alerts', { token: admin });
  assert.ok(alerts.body.total >= 1, 'alerts are kept (0 days)');
  // Again: nothing more to do, nothing more logged.
  r = await api('POST', '/api/v1/retention/purge', { token: admin });
  assert.equal(r.body.rows, 0);
  r = await api('GET', '/api/v1/retention/purges?kind=entry_logs', { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 1);
  assert.deepEqual([r.body.items[0].rows, r.body.items[0].cutoff, r.body.items[0].retention_days], [8, '2020-03-03', 28]);
  assert.ok(r.body.items[0].finished_at);
  assert.equal((await api('GET', '/api/v1/retention/purges?kind=nope', { token: admin })).body.field, 'kind');
  assert.equal((await api('GET', '/api/v1/retention/purges?from=2020-13-01', { token: admin })).body.field, 'from');
  const csv = await fetch(srv.base + '/api/v1/retention/purges/export?format=csv', { headers: { authorization: 'Bearer ' + admin } });
  assert.equal(csv.status, 200);
  const text = await csv.text();
  assert.match(text, /出入登记/);
  assert.match(text, /健康申报/);
  // A fresh process (no cached figures): the day's gate headcount is the one kept before the purge.
  srv = await restart(LATER);
  api = client(srv.base);
  admin = (await api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } })).body.token;
  r = await api('GET', `/api/v1/stats/rates?region=220202&date=${OLD}`, { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.rates.staff_returned, rateBefore);
});
