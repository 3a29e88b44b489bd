// Statistics benchmark (issue 3): the rates query for a province, a city and
// a district, with and without a category, and the dashboard's full set of
// calls, over `fugong demo --scale province` (100,000 enterprises). Prints the
// median and p95 of each call beside the cost of a trivial request on the same
// server and database in the same run (GET /healthz runs SELECT 1).
//
//   node bench/stats.mjs [--db PATH] [--runs N]
// Creates the province demo in /tmp when --db is not given (about a minute).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const BIN = process.env.FUGONG_BIN || new URL('../build/fugong', import.meta.url).pathname;
const RUNS = Number(args.runs || 50);
const NOW = '2020-03-31T18:00:00+08:00';
const db = args.db || '/tmp/fugong-bench-province.db';
const env = { ...process.env, FUGONG_NOW: NOW, FUGONG_LOG: 'warn' };

if (!existsSync(db)) {
  console.error(`creating the province demo in ${db} ...`);
  const r = spawnSync(BIN, ['demo', '--db', db, '--scale', 'province'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(1);
}
const port = await new Promise((res) => { const s = createServer(); s.listen(0, () => { const p = s.address().port; s.close(() => res(p)); }); });
const server = spawn(BIN, ['serve', '--db', db, '--port', String(port)], { env, stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try { if ((await fetch(base + '/healthz')).ok) break; } catch {}
  if (i > 300) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 100));
}
const login = await (await fetch(base + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Fugong@2020' }) })).json();
const headers = { authorization: 'Bearer ' + login.token };

async function time(path) {
  const t0 = process.hrtime.bigint();
  const r = await fetch(base + path, { headers });
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] };
}

const date = '2020-02-14';
const calls = [
  ['trivial: GET /healthz (SELECT 1)', '/healthz'],
  ['rates, province 220000', `/api/v1/stats/rates?region=220000&date=${date}`],
  ['rates, province, key_enterprise', `/api/v1/stats/rates?region=220000&date=${date}&category=key_enterprise`],
  ['rates, city 220200', `/api/v1/stats/rates?region=220200&date=${date}`],
  ['rates, city, above_scale_industrial', `/api/v1/stats/rates?region=220200&date=${date}&category=above_scale_industrial`],
  ['rates, district 220202', `/api/v1/stats/rates?region=220202&date=${date}`],
  ['rates, district, essential', `/api/v1/stats/rates?region=220202&date=${date}&category=essential`],
  ['children of the province', `/api/v1/stats/rates/children?region=220000&date=${date}`],
  ['series, province, 30 days', `/api/v1/stats/series?region=220000&date=${date}`],
  ['reporting, province', `/api/v1/stats/reporting?region=220000&date=${date}`],
  ['forecast, province', `/api/v1/stats/forecast?region=220000&date=${date}`],
  ['dashboard (all its figures), province', `/api/v1/stats/dashboard?region=220000&date=${date}`],
  ['bulletin, province', `/api/v1/stats/bulletin?region=220000&date=${date}`],
];
for (const [, path] of calls) await time(path);  // warm-up: snapshot load
const results = [];
for (const [name, path] of calls) {
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push(await time(path));
  results.push([name, stats(xs)]);
}
const trivial = results[0][1].median;
console.log(`runs per call: ${RUNS}; database: ${db}; trivial request median ${trivial.toFixed(2)} ms`);
console.log('call | median ms | p95 ms | median ÷ trivial');
console.log('---|---|---|---');
for (const [name, s] of results)
  console.log(`${name} | ${s.median.toFixed(2)} | ${s.p95.toFixed(2)} | ${(s.median / trivial).toFixed(1)}`);
server.kill('SIGTERM');
