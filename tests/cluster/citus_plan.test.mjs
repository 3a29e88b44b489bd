// The Citus plan of docs/deploy.md §7 against the real schema: every table of
// the migrated PostgreSQL schema has a line in the plan and every line names a
// table; a distributed table has its distribution column; a reference table
// carries no enterprise_id. Prints the foreign keys that Citus cannot keep
// (distributed → coordinator, or between distributed tables not joined on the
// distribution column), which the application must enforce under Citus.
// PostgreSQL only: skipped without FUGONG_TEST_PG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newDatabaseUrl, runCli } from '../lib/harness.mjs';

const skip = !process.env.FUGONG_TEST_PG && 'needs FUGONG_TEST_PG (PostgreSQL)';

function plan() {
  const doc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
  const block = doc.split('<!-- citus-plan:start -->')[1]?.split('<!-- citus-plan:end -->')[0];
  assert.ok(block, 'docs/deploy.md has no citus-plan block');
  const rows = new Map();
  for (const line of block.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
    if (cells.length !== 3 || cells[0] === 'table' || /^-+$/.test(cells[0])) continue;
    assert.ok(!rows.has(cells[0]), `${cells[0]} listed twice`);
    assert.ok(['distributed', 'reference', 'coordinator'].includes(cells[1]), `${cells[0]}: unknown kind ${cells[1]}`);
    rows.set(cells[0], { kind: cells[1], column: cells[2] });
  }
  return rows;
}

test('every table of the schema is in the Citus plan, consistently', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'fugong-citus-'));
  try {
    const db = newDatabaseUrl(dir);
    const m = runCli(db, ['migrate']);
    assert.equal(m.status, 0, m.stderr);
    const url = new URL(db);
    const q = (sql) => execFileSync('psql', ['-X', '-q', '-tA', '-F', '\t', '-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres',
      '-d', url.pathname.slice(1), '-c', sql], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
    const columns = new Map();
    for (const [t, c] of q("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'")) {
      if (!columns.has(t)) columns.set(t, new Set());
      columns.get(t).add(c);
    }
    const rows = plan();
    const missing = [...columns.keys()].filter((t) => !rows.has(t)).sort();
    assert.deepEqual(missing, [], `tables without a line in docs/deploy.md's Citus plan: ${missing.join(', ')}`);
    const unknown = [...rows.keys()].filter((t) => !columns.has(t)).sort();
    assert.deepEqual(unknown, [], `plan lines naming no table: ${unknown.join(', ')}`);
    for (const [t, { kind, column }] of rows) {
      if (kind === 'distributed') {
        assert.ok(columns.get(t).has(column), `${t}: distribution column ${column} does not exist`);
      } else {
        assert.equal(column, '—', `${t}: a ${kind} table has no distribution column`);
        if (kind === 'reference') assert.ok(!columns.get(t).has('enterprise_id'), `${t}: a reference table carrying enterprise_id should be distributed`);
      }
    }
    // Foreign keys that Citus cannot keep.
    const fks = q(`SELECT tc.table_name, kcu.column_name, ccu.table_name, ccu.column_name
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' ORDER BY 1, 2`);
    const kept = [], dropped = [];
    for (const [from, col, to, toCol] of fks) {
      const a = rows.get(from), b = rows.get(to);
      const ok = b.kind === 'reference' || (a.kind === 'coordinator' && b.kind === 'coordinator') ||
        (a.kind === 'distributed' && b.kind === 'distributed' && col === a.column && toCol === b.column);
      (ok ? kept : dropped).push(`${from}.${col} → ${to}.${toCol}`);
    }
    const kinds = [...rows.values()].reduce((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] || 0) + 1 }), {});
    console.log(`citus plan: ${rows.size} tables (${JSON.stringify(kinds)}); ${kept.length} foreign keys kept, ` +
      `${dropped.length} enforced by the application under Citus:\n  ${dropped.join('\n  ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
