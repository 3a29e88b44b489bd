#!/usr/bin/env node
// Soak (issue 7 item 6): a mixed load against the real server for 10 minutes
// (--minutes N to change) — gate check-ins (employees and visitors), daily
// reports, dashboard reads (the rates API), and a roster import every minute —
// recording the server's resident memory every 10 s, the errors, and the
// p50/p99 latency per kind. Prints a Markdown block for docs/benchmarks.md.
//
//   node bench/soak.mjs [--minutes 10] [--clients 8] [--think 20] [--engine sqlite|postgresql]
//   (FUGONG_BIN picks the binary; PostgreSQL needs FUGONG_TEST_PG, see scripts/lib/pg.sh)
import { readFileSync } from 'node:fs';
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
if (args.engine) process.env.FUGONG_TEST_ENGINE = args.engine;
const { ADMIN_PASSWORD, BIN, ENGINE, startServer } = await import('../tests/lib/harness.mjs');
const { client, newLedger, oneRequest, setup } = await import('../tests/lib/load.mjs');

const minutes = Number(args.minutes || 10);
const clients = Number(args.clients || 8);
const think = Number(args.think || 20);
const DAY = '2020-02-10';

function rssKb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}
const pct = (a, p) => (a.length ? a[Math.min(a.length - 1, Math.floor((p / 100) * a.length))] : 0);

const s = await startServer({ env: { FUGONG_NOW: `${DAY}T09:00:00+08:00`, FUGONG_LOG: 'warn' } });
try {
  const admin = await s.login('admin', ADMIN_PASSWORD);
  const api = client(s.base);
  const fx = await setup(api, admin, { firms: 4, perFirm: 25 });
  const ledger = newLedger();
  const byKind = {};
  const errorsByKind = {};
  const memory = [];
  const t0 = Date.now();
  const end = t0 + minutes * 60000;
  memory.push([0, rssKb(s.child.pid)]);
  const sampler = setInterval(() => memory.push([Math.round((Date.now() - t0) / 1000), rssKb(s.child.pid)]), 10000);
  // One import per minute, beside the loops.
  const importer = setInterval(async () => {
    const before = ledger.errors + ledger.other;
    const t = performance.now();
    await oneRequest(api, fx, ledger, { weights: { import: 1 }, reportDate: DAY, importRows: 200, tag: 'soak' });
    (byKind.import ||= []).push(performance.now() - t);
    if (ledger.errors + ledger.other > before) errorsByKind.import = (errorsByKind.import || 0) + 1;
  }, 60000);
  const weights = { visitor: 35, employee: 35, report: 10, read: 20 };
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < end) {
      const before = ledger.errors + ledger.other;
      const t = performance.now();
      const kind = await oneRequest(api, fx, ledger, { weights, reportDate: DAY, tag: 'soak' });
      (byKind[kind] ||= []).push(performance.now() - t);
      if (ledger.errors + ledger.other > before) errorsByKind[kind] = (errorsByKind[kind] || 0) + 1;
      if (think) await new Promise((r) => setTimeout(r, think));
    }
  }));
  clearInterval(sampler);
  clearInterval(importer);
  memory.push([Math.round((Date.now() - t0) / 1000), rssKb(s.child.pid)]);
  const seconds = (Date.now() - t0) / 1000;
  const total = Object.values(byKind).reduce((a, v) => a + v.length, 0);
  const lines = [];
  lines.push(`Soak on ${ENGINE}, ${minutes} min, ${clients} clients (think ${think} ms), ${new Date().toISOString().slice(0, 16)}Z, binary ${BIN}`);
  lines.push('');
  lines.push(`| kind | requests | errors | p50 ms | p99 ms |`);
  lines.push(`|---|---:|---:|---:|---:|`);
  for (const [k, v] of Object.entries(byKind)) {
    const sorted = [...v].sort((a, b) => a - b);
    lines.push(`| ${k} | ${v.length} | ${errorsByKind[k] || 0} | ${pct(sorted, 50).toFixed(1)} | ${pct(sorted, 99).toFixed(1)} |`);
  }
  lines.push(`| all | ${total} (${(total / seconds).toFixed(0)}/s) | ${ledger.errors + ledger.other} | | |`);
  lines.push('');
  const mb = (kb) => (kb / 1024).toFixed(1);
  lines.push(`RSS (MB) every 10 s: ${memory.map(([t, kb]) => `${t}s ${mb(kb)}`).join(', ')}`);
  lines.push(`RSS at start ${mb(memory[0][1])} MB, after the first minute ${mb((memory.find(([t]) => t >= 60) || memory.at(-1))[1])} MB, at the end ${mb(memory.at(-1)[1])} MB`);
  console.log(lines.join('\n'));
  if (ledger.errors + ledger.other > 0) process.exitCode = 1;
} finally {
  await s.stop();
}
