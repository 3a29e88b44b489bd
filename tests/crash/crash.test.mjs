// Crash safety (issue 7 item 2): check-ins, daily reports and roster imports
// run from concurrent clients while the server is killed with SIGKILL at
// random moments and restarted on the same database; afterwards every request
// that got a success answer must be in the database, and nothing
// half-written may be visible (an import is all its rows or none).
// Short form (scripts/test): FUGONG_CRASH_KILLS=3; long form: FUGONG_CRASH_KILLS=20
// (docs/benchmarks.md). Runs on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ENGINE, startServer } from '../lib/harness.mjs';
import { cleanup, kill, client, newLedger, oneRequest, setup, spawnServer } from '../lib/load.mjs';

const KILLS = Number(process.env.FUGONG_CRASH_KILLS || 3);
const CLIENTS = Number(process.env.FUGONG_CRASH_CLIENTS || 8);
const NOW = '2020-02-10T09:00:00+08:00';
const DAY = '2020-02-10';
const env = { FUGONG_NOW: NOW };

let s, current;
after(async () => {
  if (current) await kill(current.child);
  if (process.env.FUGONG_CRASH_KEEP) console.log(`# kept ${s?.db}`);
  else await cleanup(s);
});

async function allPages(api, path, token) {
  const out = [];
  for (let page = 1; ; page++) {
    const r = await api('GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}&size=1000`, { token });
    assert.equal(r.status, 200, r.text);
    out.push(...r.body.items);
    if (out.length >= r.body.total || r.body.items.length === 0) return out;
  }
}

test(`acknowledged writes survive ${KILLS} SIGKILLs, none is half-written (${ENGINE})`, { timeout: 180000 }, async () => {
  s = await startServer({ env });
  const admin = await s.login('admin', ADMIN_PASSWORD);
  const fx = await setup(client(s.base), admin, { firms: 3, perFirm: 15 });
  const ledger = newLedger();
  const weights = { visitor: 45, employee: 30, report: 15, import: 4, read: 6 };
  current = { child: s.child, base: s.base };
  let killedDuring = 0;
  for (let k = 0; k < KILLS; k++) {
    const api = client(current.base);
    let stop = false;
    const loops = Array.from({ length: CLIENTS }, async () => {
      while (!stop) await oneRequest(api, fx, ledger, { weights, reportDate: DAY, importRows: 20, tag: `k${k}-` });
    });
    // Kill at a random moment while the clients are busy.
    await new Promise((r) => setTimeout(r, 400 + Math.random() * 1600));
    const before = ledger.visitors.size + ledger.employees.length + ledger.reports.length;
    await kill(current.child);
    stop = true;
    await Promise.all(loops);
    killedDuring += ledger.visitors.size + ledger.employees.length + ledger.reports.length - before;
    current = await spawnServer(s.db, env);
  }
  const api = client(current.base);
  // Every acknowledged check-in is an entry row.
  const rows = [];
  for (const f of fx.firms) rows.push(...await allPages(api, `/api/v1/sites/${f.site}/entries?date=${DAY}`, f.ent));
  const visitorNames = new Set(rows.filter((e) => e.person_kind === 'visitor').map((e) => e.name));
  const missingVisitors = [...ledger.visitors.keys()].filter((n) => !visitorNames.has(n));
  assert.deepEqual(missingVisitors, [], 'acknowledged visitor check-ins lost');
  const present = new Map();
  for (const e of rows.filter((x) => x.person_kind === 'employee')) {
    const key = `${e.employee_id}@${e.at}`;
    present.set(key, (present.get(key) || 0) + 1);
  }
  const wanted = new Map();
  for (const e of ledger.employees) wanted.set(`${e.employee}@${e.at}`, (wanted.get(`${e.employee}@${e.at}`) || 0) + 1);
  for (const [key, n] of wanted) assert.ok((present.get(key) || 0) >= n, `employee check-ins lost at ${key}`);
  // Every acknowledged report version is there, whole.
  for (const f of fx.firms) {
    const r = await api('GET', `/api/v1/enterprises/${f.uscc}/daily-reports/${DAY}/versions`, { token: f.ent });
    const versions = r.status === 200 ? r.body.items : [];
    const quantities = new Set(versions.map((v) => v.output_quantity));
    for (const rep of ledger.reports.filter((x) => x.uscc === f.uscc))
      assert.ok(quantities.has(rep.quantity), `report ${rep.quantity} of ${f.uscc} lost`);
    for (const v of versions)
      assert.ok(v.on_duty === 10 && v.returned === 12 && v.masks === 100 && v.submitted_at, `partial report ${JSON.stringify(v)}`);
    assert.equal(versions.filter((v) => v.current).length, versions.length ? 1 : 0, 'exactly one current version');
    assert.deepEqual(versions.map((v) => v.version).sort((a, b) => a - b), versions.map((_, i) => i + 1), 'versions without gaps');
  }
  // Imports: all rows or none; all when acknowledged.
  let importsWhole = 0;
  for (const f of fx.firms) {
    const roster = await allPages(api, `/api/v1/enterprises/${f.uscc}/employees`, f.ent).catch(() => null)
      ?? await (async () => { // the roster list may cap the page size lower
        const out = [];
        for (let page = 1; ; page++) {
          const r = await api('GET', `/api/v1/enterprises/${f.uscc}/employees?page=${page}&size=200`, { token: f.ent });
          out.push(...r.body.items);
          if (out.length >= r.body.total || !r.body.items.length) return out;
        }
      })();
    const byMarker = new Map();
    for (const e of roster) byMarker.set(e.department, (byMarker.get(e.department) || 0) + 1);
    for (const imp of ledger.imports.filter((x) => x.uscc === f.uscc)) {
      const n = byMarker.get(imp.marker) || 0;
      if (!imp.unacknowledged) assert.equal(n, imp.rows, `acknowledged import ${imp.marker} has ${n} of ${imp.rows} rows: ${JSON.stringify(imp.answer)}`);
      else assert.ok(n === 0 || n === imp.rows, `import ${imp.marker} half-applied: ${n} of ${imp.rows}`);
      if (n === imp.rows) importsWhole++;
    }
  }
  const acknowledged = ledger.visitors.size + ledger.employees.length + ledger.reports.length +
    ledger.imports.filter((x) => !x.unacknowledged).length;
  console.log(`# crash (${ENGINE}): ${KILLS} kills, ${acknowledged} acknowledged writes all present ` +
    `(${ledger.visitors.size} visitor and ${ledger.employees.length} employee check-ins, ${ledger.reports.length} reports, ` +
    `${ledger.imports.filter((x) => !x.unacknowledged).length} imports; ${importsWhole} imports whole), ` +
    `${ledger.other} requests cut by the kills, ${rows.length} entry rows`);
  assert.ok(acknowledged > KILLS * 20, `the load ran (${acknowledged} acknowledged)`);
  assert.ok(ledger.other > 0 || killedDuring > 0, 'the kills hit running requests');
});
