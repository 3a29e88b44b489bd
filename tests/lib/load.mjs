// Load for the crash test (tests/crash) and the soak (bench/soak.mjs): a few
// enterprises with rosters of green-pass employees, a gate each, and the
// requests of a working morning — check-ins (employees and visitors), daily
// reports, roster imports, dashboard reads — each remembering what a 2xx
// answer acknowledged, so that a check after a crash can find it again.
import { spawn } from 'node:child_process';
import { BIN, keyFileEnv, freePort } from './harness.mjs';

export const PW = 'Load-pass-2020';
export const COUNTY = '220202';

// A valid resident ID number (GB 11643).
export function idNumber(region, birth, serial) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = region + birth + String(serial).padStart(3, '0');
  const sum = [...s].reduce((acc, c, i) => acc + Number(c) * W[i], 0);
  return s + '10X98765432'[sum % 11];
}

// Starts `fugong serve` on an existing database; resolves once /healthz answers.
// web: the built UI to serve (browser tests); the API only by default.
export async function spawnServer(db, env = {}, { web = '/nonexistent' } = {}) {
  const port = await freePort();
  const logs = [];
  const child = spawn(BIN, ['serve', '--db', db, '--port', String(port), '--web', web], {
    env: { ...process.env, FUGONG_LOG: 'warn', ...keyFileEnv(db), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(base + '/healthz')).ok) break;
    } catch { /* not yet */ }
    if (child.exitCode !== null || i > 400) throw new Error('server did not start:\n' + logs.join(''));
    await new Promise((r) => setTimeout(r, 50));
  }
  return { base, child, logs };
}

export function client(base) {
  return async function api(method, path, { token, body, form } = {}) {
    const h = {};
    if (token) h.authorization = 'Bearer ' + token;
    let payload;
    if (form) payload = form;
    else if (body !== undefined) { h['content-type'] = 'application/json'; payload = JSON.stringify(body); }
    const r = await fetch(base + path, { method, headers: h, body: payload });
    const text = await r.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, body: parsed, text };
  };
}

function usccOf(county, serial) {
  const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const s = '91' + county + 'MA' + String(serial).padStart(7, '0');
  const sum = [...s].reduce((acc, c, i) => acc + A.indexOf(c) * W[i], 0);
  const c = 31 - (sum % 31);
  return s + A[c === 31 ? 0 : c];
}

async function must(r, what, status = [200, 201]) {
  if (!status.includes(r.status)) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.body;
}

// Creates `firms` enterprises of `perFirm` declared (green) employees, each
// with a site, an enterprise contact and a verifier. Returns the fixture.
export async function setup(api, adminToken, { firms = 3, perFirm = 20 } = {}) {
  const fx = { firms: [], admin: adminToken };
  const login = async (username) => (await must(await api('POST', '/api/v1/auth/login', { body: { username, password: PW } }), 'login')).token;
  for (let f = 0; f < firms; f++) {
    const uscc = usccOf(COUNTY, 700 + f);
    await must(await api('POST', '/api/v1/enterprises', { token: adminToken, body: {
      uscc, name: `负载测试企业${f}有限公司`, region_code: COUNTY, industry_code: '13', size: 'small', employees: 300,
      work_status: 'work_resumed', status_date: '2020-02-05', contact: '王伟', phone: '043262010000' } }), 'enterprise');
    for (const [u, roles] of [[`load_ent${f}`, ['enterprise']], [`load_gate${f}`, ['verifier']]])
      await must(await api('POST', '/api/v1/users', { token: adminToken, body: { username: u, password: PW, roles, enterprise_uscc: uscc } }), 'user');
    const ent = await login(`load_ent${f}`);
    const gate = await login(`load_gate${f}`);
    const site = (await must(await api('POST', `/api/v1/enterprises/${uscc}/sites`, { token: ent, body: { name: '正门' } }), 'site')).id;
    const passes = [];
    for (let i = 0; i < perFirm; i++) {
      const e = await must(await api('POST', `/api/v1/enterprises/${uscc}/employees`, { token: ent, body: {
        name: `员工${f}-${i}`, id_number: idNumber(COUNTY, '19900101', f * 100 + i), department: '车间' } }), 'employee');
      await must(await api('POST', `/api/v1/employees/${e.id}/declarations`, { token: ent, body: { temperature: 36.5 } }), 'declaration');
      const p = await must(await api('GET', `/api/v1/employees/${e.id}/pass`, { token: ent }), 'pass');
      passes.push({ employee: e.id, token: p.token });
    }
    fx.firms.push({ uscc, ent, gate, site, passes });
  }
  return fx;
}

// Signs the fixture's users in again (after the clock moved past their sessions).
export async function relogin(api, fx) {
  const login = async (username) => (await must(await api('POST', '/api/v1/auth/login', { body: { username, password: PW } }), 'login')).token;
  for (const [f, firm] of fx.firms.entries()) {
    firm.ent = await login(`load_ent${f}`);
    firm.gate = await login(`load_gate${f}`);
  }
}

// What 2xx answers acknowledged.
export function newLedger() {
  return { visitors: new Map(), employees: [], reports: [], imports: [], reads: 0, errors: 0, other: 0, latencies: [] };
}

let serial = 0;
const pick = (a) => a[Math.floor(Math.random() * a.length)];

// One request of the mix; `weights` {visitor, employee, report, import, read}.
// `reportDate` is the day reports are filed for; `importSeq` numbers imports.
export async function oneRequest(api, fx, ledger, { weights, reportDate, importRows = 20, tag = 'x' }) {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let r = Math.random() * total;
  let kind;
  for (const [k, w] of Object.entries(weights)) { if ((r -= w) < 0) { kind = k; break; } }
  kind ||= 'visitor';
  const firm = pick(fx.firms);
  const n = ++serial;
  const t0 = performance.now();
  let res;
  try {
    if (kind === 'visitor') {
      const name = `访客${tag}${n}`;
      res = await api('POST', '/api/v1/checkins', { token: firm.gate, body: { site: firm.site, visitor: { name, phone: '13800000001' }, temperature: 36.4 } });
      if (res.status === 200) ledger.visitors.set(name, firm.site);
    } else if (kind === 'employee') {
      const p = pick(firm.passes);
      res = await api('POST', '/api/v1/checkins', { token: firm.gate, body: { site: firm.site, pass: p.token, temperature: 36.5 } });
      if (res.status === 200) ledger.employees.push({ site: firm.site, employee: p.employee, at: res.body.at });
    } else if (kind === 'report') {
      const q = n; // unique figure to find the version again
      res = await api('POST', `/api/v1/enterprises/${firm.uscc}/daily-reports`, { token: firm.ent, body: {
        date: reportDate, on_duty: 10, returned: 12, returned_out_of_province: 1, quarantined: 0, fever: 0,
        load_percent: 50, output_value: 10, output_quantity: q, masks: 100, disinfectant: 5 } });
      if (res.status === 201) ledger.reports.push({ uscc: firm.uscc, date: reportDate, quantity: q, version: res.body.version });
    } else if (kind === 'import') {
      const marker = `导入${tag}${n}`;
      const lines = ['姓名,身份证号,部门'];
      // A birth date per import: ID numbers never repeat across imports, so a
      // marker's employees are exactly the rows of its import.
      const birth = new Date(Date.UTC(1930, 0, 1) + (n % 25000) * 86400000).toISOString().slice(0, 10).replaceAll('-', '');
      const base = importRows * Math.floor(n / 25000); // serials 000-999: another round of birth dates
      for (let i = 0; i < importRows; i++) lines.push(`导入员工${i},${idNumber('220203', birth, (base + i) % 1000)},${marker}`);
      const form = new FormData();
      form.append('file', new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }), 'roster.csv');
      res = await api('POST', `/api/v1/enterprises/${firm.uscc}/employees/import`, { token: firm.ent, form });
      if (res.status === 200) ledger.imports.push({ uscc: firm.uscc, marker, rows: importRows, answer: res.body });
      else ledger.imports.push({ uscc: firm.uscc, marker, rows: importRows, unacknowledged: true });
    } else {
      res = await api('GET', `/api/v1/stats/rates?region=${COUNTY}&date=${reportDate}`, { token: fx.admin });
      if (res.status === 200) ledger.reads++;
    }
    if (res.status >= 500 || res.status === 400 || res.status === 404 || res.status === 409) ledger.errors++;
  } catch {
    ledger.other++; // connection refused or reset (the server was killed)
    if (kind === 'import') ledger.imports.push({ uscc: firm.uscc, marker: `导入${tag}${n}`, rows: importRows, unacknowledged: true });
  }
  ledger.latencies.push(performance.now() - t0);
  return kind;
}

// Removes what startServer made once its first server process is gone (killed
// or stopped); the harness's stop() would wait for an exit that already came.
export async function cleanup(s) {
  if (!s) return;
  if (s.child.exitCode === null && s.child.signalCode === null) return s.stop();
  const { rmSync } = await import('node:fs');
  rmSync(s.dir, { recursive: true, force: true });
  const key = keyFileEnv(s.db).FUGONG_KEY_FILE;
  if (key) rmSync(key, { force: true });
}

// Kills a server process and waits until it is gone.
export async function kill(child, signal = 'SIGKILL') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await gone;
}
