// Gate check-in benchmark (issue 4, SPEC §6). Drives the real server with wrk
// on loopback, cycling through valid pass tokens of a large roster, and in the
// same run measures two ceilings: nginx answering `return 200` from memory
// (same requests, same wrk settings) and raw SQLite inserts batched in
// transactions (bench/sqlite_batch.cc). Rounds alternate nginx and fugong;
// the figures are medians. Prints durable check-ins per second (each answer
// is sent after its row is committed), the ratio to nginx and to SQLite,
// p50/p99 latency at full load and at half load, and the server's RSS.
//
//   node bench/checkin.mjs [--roster 20000] [--duration 10] [--rounds 3]
//                          [--connections 64] [--soak 0] [--perf FILE]
// --soak N adds an N-second run at full load sampling RSS every 10 s (the
// issue asks for 300). FUGONG_BIN picks the binary (default build/fugong).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const BIN = process.env.FUGONG_BIN || new URL('../build/fugong', import.meta.url).pathname;
const ROSTER = Number(args.roster || 20000);
const DURATION = Number(args.duration || 10);
const ROUNDS = Number(args.rounds || 3);
const CONNECTIONS = Number(args.connections || 64);
const SOAK = Number(args.soak || 0);
const NOW = '2020-02-10T07:45:00+08:00';
const dir = mkdtempSync(join(tmpdir(), 'fugong-bench-checkin-'));
const db = join(dir, 'bench.db');
const env = { ...process.env, FUGONG_NOW: NOW, FUGONG_LOG: 'warn' };
const log = (...a) => console.error(...a);
// The measured processes (server, nginx, wrk) run at a raised priority when
// we may (root), so other work on a shared machine disturbs all of them
// alike and less; `nice` execs, so the pids stay those of the programs.
const NICE = process.getuid?.() === 0 ? ['nice', '-n', '-10'] : [];
const run = (cmd, argv) => (NICE.length ? [NICE[0], [...NICE.slice(1), cmd, ...argv]] : [cmd, argv]);

function freePort() {
  return new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
}
function uscc(county, serial) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const s = '91' + county + 'MA' + String(serial).padStart(7, '0');
  const c = 31 - ([...s].reduce((acc, ch, i) => acc + A.indexOf(ch) * W[i], 0) % 31);
  return s + A[c === 31 ? 0 : c];
}
function idNumber(region, birth, serial) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = region + birth + String(serial).padStart(3, '0');
  return s + '10X98765432'[[...s].reduce((acc, c, i) => acc + Number(c) * W[i], 0) % 11];
}
async function waitFor(url) {
  for (let i = 0; i < 400; i++) {
    try { if ((await fetch(url)).status < 500) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no answer from ' + url);
}
function rssKiB(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return m ? Number(m[1]) : 0;
}
// CPU seconds (user + system) used so far by a process and its children
// threads; for nginx, by the master and its workers.
function cpuSeconds(pid) {
  const ticks = (p) => {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(f[11]) + Number(f[12]);
    } catch { return 0; }
  };
  let total = ticks(pid);
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
      total += ticks(child);
  } catch { /* no children */ }
  return total / 100;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// ---- the server and its data ------------------------------------------------
const add = spawnSync(BIN, ['user', 'add', 'admin', '--role', 'admin', '--db', db], { input: 'Admin-pass-2020\n', env });
if (add.status !== 0) throw new Error(String(add.stderr));
const port = await freePort();
const server = spawn(...run(BIN, ['serve', '--db', db, '--port', String(port), '--web', join(dir, 'no-web')]), { env, stdio: 'inherit' });
const base = `http://127.0.0.1:${port}`;
await waitFor(base + '/healthz');
async function api(method, path, token, body) {
  const r = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return JSON.parse(text);
}
async function login(username, password) {
  const r = await fetch(base + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return (await r.json()).token;
}
const admin = await login('admin', 'Admin-pass-2020');
const firm = uscc('220202', 4242);
await api('POST', '/api/v1/enterprises', admin, { uscc: firm, name: '吉林市压测机械有限公司', region_code: '220202', industry_code: '34',
  size: 'large', employees: ROSTER, work_status: 'work_resumed', status_date: '2020-02-05' });
await api('POST', '/api/v1/users', admin, { username: 'bench_ent', password: 'Bench-pass-1', roles: ['enterprise'], enterprise_uscc: firm });
await api('POST', '/api/v1/users', admin, { username: 'bench_gate', password: 'Bench-pass-1', roles: ['verifier'], enterprise_uscc: firm });
const ent = await login('bench_ent', 'Bench-pass-1');
const gate = await login('bench_gate', 'Bench-pass-1');
const site = (await api('POST', `/api/v1/enterprises/${firm}/sites`, ent, { name: '1号门' })).id;

log(`importing a roster of ${ROSTER} employees ...`);
let csv = '姓名,身份证号,手机号,部门,班次\n';
for (let i = 0; i < ROSTER; i++) {
  // A new birth date every 1000 employees, serials 000–999 within it: unique.
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 1000) * 86400000).toISOString().slice(0, 10).replaceAll('-', '');
  csv += `职工${i},${idNumber('220202', birth, i % 1000)},139${String(i).padStart(8, '0')},车间${i % 20},早班\n`;
}
const form = new FormData();
form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
let t0 = Date.now();
const imp = await (await fetch(`${base}/api/v1/enterprises/${firm}/employees/import`, { method: 'POST', headers: { authorization: `Bearer ${ent}` }, body: form })).json();
log(`  imported ${imp.imported} (rejected ${imp.rejected_rows}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

log('fetching today\'s pass tokens ...');
t0 = Date.now();
const ids = [];
for (let page = 1; ids.length < imp.imported; page++) {
  const r = await api('GET', `/api/v1/enterprises/${firm}/employees?size=200&page=${page}`, ent);
  if (!r.items.length) break;
  ids.push(...r.items.map((e) => e.id));
}
const tokens = new Array(ids.length);
let next = 0;
await Promise.all(Array.from({ length: 16 }, async () => {
  while (next < ids.length) {
    const i = next++;
    tokens[i] = (await api('GET', `/api/v1/employees/${ids[i]}/pass`, ent)).token;
  }
}));
log(`  ${tokens.length} tokens in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const tokenFile = join(dir, 'tokens.txt');
writeFileSync(tokenFile, tokens.join('\n') + '\n');

// ---- wrk --------------------------------------------------------------------
function luaScript(delayMs) {
  return `
local tokens = {}
for line in io.lines("${tokenFile}") do tokens[#tokens + 1] = line end
local i = math.random(#tokens)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer ${gate}"
request = function()
  i = i + 1
  if i > #tokens then i = 1 end
  return wrk.format(nil, "/api/v1/checkins", nil,
    '{"site":${site},"pass":"' .. tokens[i] .. '","temperature":36.5}')
end
${delayMs ? `delay = function() return ${delayMs} end` : ''}
`;
}
const fullLua = join(dir, 'full.lua');
writeFileSync(fullLua, luaScript(0));

function parseWrk(out) {
  const num = (re) => { const m = out.match(re); return m ? Number(m[1]) : NaN; };
  const ms = (re) => {
    const m = out.match(re);
    if (!m) return NaN;
    const v = Number(m[1]);
    return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
  };
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    requests: num(/(\d+) requests in/),
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/) || 0,
    errors: /Socket errors/.test(out) ? out.match(/Socket errors:.*/)[0] : '',
    p50: ms(/50%\s+([\d.]+)(us|ms|s)/),
    p99: ms(/99%\s+([\d.]+)(us|ms|s)/),
  };
}
function wrk(url, script, seconds, connections = CONNECTIONS) {
  const out = execFileSync(...run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url]), { encoding: 'utf8' });
  return parseWrk(out);
}

// ---- nginx ------------------------------------------------------------------
const nginxPort = await freePort();
const nginxDir = join(dir, 'nginx');
execFileSync('mkdir', ['-p', nginxDir]);
writeFileSync(join(nginxDir, 'nginx.conf'), `
daemon off;
worker_processes auto;
pid ${nginxDir}/nginx.pid;
error_log ${nginxDir}/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${nginxDir}/body;
  proxy_temp_path ${nginxDir}/proxy;
  fastcgi_temp_path ${nginxDir}/fastcgi;
  uwsgi_temp_path ${nginxDir}/uwsgi;
  scgi_temp_path ${nginxDir}/scgi;
  server {
    listen 127.0.0.1:${nginxPort};
    location / { default_type application/json; return 200 '{"decision":"admit","reasons":[],"messages":[],"at":"2020-02-10T07:45:00+08:00"}'; }
  }
}
`);
const nginx = spawn(...run('nginx', ['-c', join(nginxDir, 'nginx.conf'), '-p', nginxDir]), { stdio: 'inherit' });
await waitFor(`http://127.0.0.1:${nginxPort}/`);

// ---- SQLite ceiling ---------------------------------------------------------
const sqliteBin = join(dir, 'sqlite_batch');
execFileSync('g++', ['-O2', '-std=c++20', new URL('./sqlite_batch.cc', import.meta.url).pathname, '-lsqlite3', '-o', sqliteBin]);

const entriesBefore = (await api('GET', `/api/v1/sites/${site}/entries?size=1`, ent)).total;
const rounds = { fugong: [], nginx: [], sqlite: [] };
let wrkRequests = 0;
const rssStart = rssKiB(server.pid);
for (let round = 0; round < ROUNDS; round++) {
  let cpu0 = cpuSeconds(nginx.pid);
  const n = wrk(`http://127.0.0.1:${nginxPort}/api/v1/checkins`, fullLua, DURATION);
  n.cpu_us = ((cpuSeconds(nginx.pid) - cpu0) * 1e6) / n.requests;
  cpu0 = cpuSeconds(server.pid);
  // --perf FILE records a CPU profile of the server during the first round.
  const perf = args.perf && round === 0 &&
    spawn('perf', ['record', '-F', '1999', '-g', '-p', String(server.pid), '-o', args.perf], { stdio: 'ignore' });
  const f = wrk(`${base}/api/v1/checkins`, fullLua, DURATION);
  if (perf) { perf.kill('SIGINT'); await new Promise((r) => perf.on('exit', r)); }
  f.cpu_us = ((cpuSeconds(server.pid) - cpu0) * 1e6) / f.requests;
  wrkRequests += f.requests;
  const q = Number(execFileSync(sqliteBin, [join(dir, `ceiling-${round}.db`), '1000000', '1000'], { encoding: 'utf8' }).trim());
  rounds.nginx.push(n);
  rounds.fugong.push(f);
  rounds.sqlite.push(q);
  log(`round ${round + 1}: fugong ${f.rps.toFixed(0)}/s (p50 ${f.p50} ms, p99 ${f.p99} ms, non-2xx ${f.non2xx}${f.errors ? ', ' + f.errors : ''}), ` +
    `nginx ${n.rps.toFixed(0)}/s, sqlite ${q} rows/s, RSS ${(rssKiB(server.pid) / 1024).toFixed(0)} MiB; ` +
    `CPU per request: fugong ${f.cpu_us.toFixed(1)} µs, nginx ${n.cpu_us.toFixed(1)} µs`);
}
const full = {
  rps: median(rounds.fugong.map((r) => r.rps)),
  p50: median(rounds.fugong.map((r) => r.p50)),
  p99: median(rounds.fugong.map((r) => r.p99)),
  non2xx: rounds.fugong.reduce((a, r) => a + r.non2xx, 0),
};
const nginxRps = median(rounds.nginx.map((r) => r.rps));
const sqliteRps = median(rounds.sqlite);

// Half load: each connection waits between requests so that the offered rate
// is about half the full-load figure (wrk's delay() is in whole milliseconds,
// so more connections give a finer rate).
const halfConnections = 256;
const delayMs = Math.max(1, Math.round((halfConnections / (full.rps / 2)) * 1000 - full.p50));
const halfLua = join(dir, 'half.lua');
writeFileSync(halfLua, luaScript(delayMs));
const half = wrk(`${base}/api/v1/checkins`, halfLua, DURATION, halfConnections);
wrkRequests += half.requests;
log(`half load: ${half.rps.toFixed(0)}/s offered by ${halfConnections} connections with ${delayMs} ms pauses, p50 ${half.p50} ms, p99 ${half.p99} ms`);

const rssSamples = [];
if (SOAK > 0) {
  log(`soak: ${SOAK} s at full load, RSS every 10 s ...`);
  const soak = spawn(...run('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${SOAK}s`, '--latency', '-s', fullLua, `${base}/api/v1/checkins`]), { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  soak.stdout.on('data', (d) => { out += d; });
  const timer = setInterval(() => rssSamples.push(rssKiB(server.pid)), 10000);
  await new Promise((r) => soak.on('exit', r));
  clearInterval(timer);
  const s = parseWrk(out);
  wrkRequests += s.requests;
  log(`soak: ${s.rps.toFixed(0)}/s, p99 ${s.p99} ms; RSS MiB ${rssSamples.map((k) => (k / 1024).toFixed(0)).join(' ')}`);
}
const rssEnd = rssKiB(server.pid);

// Every answered check-in is a committed row.
const entriesAfter = (await api('GET', `/api/v1/sites/${site}/entries?size=1`, ent)).total;

nginx.kill('SIGTERM');
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));

const result = {
  roster: tokens.length,
  connections: CONNECTIONS,
  duration_s: DURATION,
  rounds: ROUNDS,
  checkins_per_s: Math.round(full.rps),
  nginx_per_s: Math.round(nginxRps),
  ratio_to_nginx: Number((full.rps / nginxRps).toFixed(2)),
  sqlite_rows_per_s: Math.round(sqliteRps),
  ratio_to_sqlite: Number((full.rps / sqliteRps).toFixed(3)),
  full_load: { p50_ms: full.p50, p99_ms: full.p99, non2xx: full.non2xx },
  half_load: { per_s: Math.round(half.rps), p50_ms: half.p50, p99_ms: half.p99, connections: halfConnections, pause_ms: delayMs },
  rss_mib: { start: Math.round(rssStart / 1024), end: Math.round(rssEnd / 1024), soak: rssSamples.map((k) => Math.round(k / 1024)) },
  rows_committed: entriesAfter - entriesBefore,
  requests_sent: wrkRequests,
};
console.log(JSON.stringify(result, null, 2));
console.log(`\ncheck-ins/s ${result.checkins_per_s} = ${result.ratio_to_nginx} × nginx (${result.nginx_per_s}/s) = ` +
  `${result.ratio_to_sqlite} × raw SQLite batched inserts (${result.sqlite_rows_per_s} rows/s); ` +
  `p50/p99 full ${full.p50}/${full.p99} ms, half ${half.p50}/${half.p99} ms; RSS ${result.rss_mib.start} → ${result.rss_mib.end} MiB`);
rmSync(dir, { recursive: true, force: true });
