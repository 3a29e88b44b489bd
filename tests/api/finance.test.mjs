// Financing API (融资对接, SPEC §3.12): banks and their users, demands filed
// by enterprises, pushed by the finance office, decided by banks; bad amounts
// refused with nothing changed; the bank role's scope on every list, detail,
// export and figure route; the finance office's department check; totals and
// the per-programme turnaround from constructed histories (servers on the
// same database with other pinned clocks). Runs on SQLite or PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN_PASSWORD, BIN, ENGINE, freePort, keyFileEnv, startServer, uscc } from '../lib/harness.mjs';

const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const CITY = '220200';
const PW = 'Pass-word-1';
const T_FILE = '2020-02-10T09:00:00+08:00';
const T_10H = '2020-02-10T19:00:00+08:00';
const NOW = '2020-02-11T15:00:00+08:00'; // 30 h after T_FILE
const e1 = uscc(A, 901), e2 = uscc(A, 902), e3 = uscc(A, 903), e4 = uscc(A, 904), eb = uscc(B, 905);

let s, early, later, admin, jrb, hrs, cmdA, bank1u, bank2u, lonely, ent1, ent2;
let bank1, bank2, loan, fund;
const ids = {};

function firm(code, region) {
  return { uscc: code, name: `融资企业${code.slice(-5)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 40, normal_output: 10, work_status: 'work_resumed', status_date: '2020-02-03',
    contact: '王伟', phone: '043262010000' };
}

async function user(username, roles, extra = {}) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

async function serverAt(now) {
  const port = await freePort();
  const logs = [];
  const child = spawn(BIN, ['serve', '--db', s.db, '--port', String(port), '--web', join(s.dir, 'no-web')], {
    env: { ...process.env, ...keyFileEnv(s.db), FUGONG_NOW: now }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (x) => logs.push(String(x)));
  child.stderr.on('data', (x) => logs.push(String(x)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { if ((await fetch(base + '/healthz')).ok) break; } catch { /* not yet */ }
    if (child.exitCode !== null || i > 200) throw new Error('server did not start:\n' + logs.join(''));
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    async api(method, path, { token, body } = {}) {
      const h = {};
      if (token) h.authorization = 'Bearer ' + token;
      if (body !== undefined) h['content-type'] = 'application/json';
      const r = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      let parsed = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      return { status: r.status, body: parsed, text };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
    },
  };
}

const demand = (extra = {}) => ({ amount: 500, purpose: '采购原材料', term_months: 12, collateral: 'credit',
  urgency: 'urgent', ...extra });

async function total(token, query = '') {
  const r = await s.api('GET', `/api/v1/finance/demands?size=1${query}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[e1, A], [e2, A], [e3, A], [e4, A], [eb, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: firm(code, region) });
    assert.equal(r.status, 201, r.text);
  }
  jrb = await user('fn_jrb', ['department'], { region_code: CITY, department: '地方金融监督管理局' });
  hrs = await user('fn_hrs', ['department'], { region_code: CITY, department: '人力资源和社会保障局' });
  cmdA = await user('fn_cmd_a', ['commander'], { region_code: A });
  bank1u = await user('fn_bank1', ['bank']);
  bank2u = await user('fn_bank2', ['bank']);
  lonely = await user('fn_bank3', ['bank']);
  ent1 = await user('fn_ent1', ['enterprise'], { enterprise_uscc: e1 });
  ent2 = await user('fn_ent2', ['enterprise'], { enterprise_uscc: e2 });
  const progs = await s.api('GET', '/api/v1/finance/programmes', { token: jrb });
  assert.equal(progs.status, 200, progs.text);
  loan = progs.body.items.find((p) => p.code === 'epidemic_loan');
  fund = progs.body.items.find((p) => p.code === 'stabilise_fund');
  assert.equal(loan.target_hours, 24);
  assert.equal(fund.target_hours, null);
  early = await serverAt(T_FILE);
  later = await serverAt(T_10H);
});

after(async () => {
  await early?.stop();
  await later?.stop();
  await s?.stop();
});

test(`banks and their users are managed by the finance office only (${ENGINE})`, async () => {
  let r = await s.api('POST', '/api/v1/finance/banks', { token: jrb, body: { name: '吉林银行昌邑支行', contact: '赵行长' } });
  assert.equal(r.status, 201, r.text);
  bank1 = r.body.id;
  r = await s.api('POST', '/api/v1/finance/banks', { token: jrb, body: { name: '农商银行龙潭支行' } });
  assert.equal(r.status, 201, r.text);
  bank2 = r.body.id;
  r = await s.api('POST', '/api/v1/finance/banks', { token: jrb, body: { name: '吉林银行昌邑支行' } });
  assert.equal(r.status, 409);
  r = await s.api('POST', '/api/v1/finance/banks', { token: hrs, body: { name: '另一家银行' } });
  assert.equal(r.status, 403, 'a department user of another department is refused');
  r = await s.api('POST', '/api/v1/finance/banks', { token: cmdA, body: { name: '另一家银行' } });
  assert.equal(r.status, 403, 'commanders view only');
  r = await s.api('POST', `/api/v1/finance/banks/${bank1}/users`, { token: jrb, body: { username: 'fn_bank1' } });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', `/api/v1/finance/banks/${bank2}/users`, { token: jrb, body: { username: 'fn_bank2' } });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', `/api/v1/finance/banks/${bank2}/users`, { token: jrb, body: { username: 'fn_ent1' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'username');
  r = await s.api('GET', `/api/v1/finance/banks/${bank1}/users`, { token: jrb });
  assert.deepEqual(r.body.items.map((u) => u.username), ['fn_bank1']);
  const list = await s.api('GET', '/api/v1/finance/banks', { token: jrb });
  assert.equal(list.body.items.find((b) => b.id === bank1).users, 1);
});

test(`bad amounts and fields are refused with nothing changed (${ENGINE})`, async () => {
  const before = await total(admin);
  for (const [body, field, code] of [
    [demand({ amount: -5 }), 'amount', 'invalid_amount'],
    [demand({ amount: 0 }), 'amount', 'invalid_amount'],
    [demand({ amount: 2000000 }), 'amount', 'amount_too_large'], // 200 亿
    [demand({ term_months: 0 }), 'term_months', 'invalid_value'],
    [demand({ collateral: 'house' }), 'collateral', 'invalid_value'],
    [demand({ programme_id: 999 }), 'programme_id', 'unknown_programme'],
    [demand({ colour: 'red' }), 'colour', undefined],
  ]) {
    const r = await s.api('POST', '/api/v1/finance/demands', { token: ent1, body });
    assert.equal(r.status, 400, JSON.stringify(body) + r.text);
    assert.equal(r.body.field, field);
    if (code) assert.equal(r.body.code, code);
  }
  // The ceiling of the settings narrows it further.
  let r = await s.api('PUT', '/api/v1/settings/finance_max_amount', { token: admin, body: { value: 5000 } });
  assert.equal(r.status, 200, r.text);
  r = await s.api('POST', '/api/v1/finance/demands', { token: ent1, body: demand({ amount: 6000 }) });
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'amount_too_large');
  r = await s.api('PUT', '/api/v1/settings/finance_max_amount', { token: admin, body: { value: 1e7 } });
  assert.equal(r.status, 400, 'the setting itself cannot exceed 100 亿');
  assert.equal(await total(admin), before);
});

test(`filed, pushed, decided: turnaround from constructed histories (${ENGINE})`, async () => {
  // 09:00 on 10 Feb: four 抗疫贷 demands and one 稳企稳岗基金 demand are filed.
  for (const [key, token, extra] of [['d1', ent1, { amount: 300 }], ['d2', ent2, { amount: 200 }],
    ['d3', ent1, { amount: 100 }], ['d4', ent2, { amount: 50 }]]) {
    const r = await early.api('POST', '/api/v1/finance/demands', { token, body: demand({ programme_id: loan.id, ...extra }) });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.state, 'filed');
    ids[key] = r.body.id;
  }
  let r = await early.api('POST', '/api/v1/finance/demands', { token: jrb, body: demand({ uscc: eb, programme_id: fund.id, amount: 1000 }) });
  assert.equal(r.status, 201, r.text);
  ids.db = r.body.id;
  // Pushed at once: d1, d2 to bank 1; d3 to both banks; the 稳企稳岗 demand to bank 2.
  for (const [key, banks] of [['d1', [bank1]], ['d2', [bank1]], ['d3', [bank1, bank2]], ['db', [bank2]]]) {
    r = await early.api('POST', `/api/v1/finance/demands/${ids[key]}/push`, { token: jrb, body: { bank_ids: banks } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.state, 'pushed');
  }
  r = await early.api('POST', `/api/v1/finance/demands/${ids.d1}/push`, { token: jrb, body: { bank_ids: [bank1] } });
  assert.equal(r.status, 409, 'already pushed');
  r = await early.api('POST', `/api/v1/finance/demands/${ids.d1}/push`, { token: jrb, body: { bank_ids: [9999] } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'bank_ids');
  r = await early.api('POST', `/api/v1/finance/demands/${ids.d1}/push`, { token: hrs, body: { bank_ids: [bank2] } });
  assert.equal(r.status, 403);
  // 19:00 (10 h): bank 1 grants d1.
  r = await later.api('POST', `/api/v1/finance/demands/${ids.d1}/decision`, { token: bank1u,
    body: { decision: 'granted', granted_amount: 300, rate: 3.85, grant_date: '2020-02-10' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'granted');
  assert.equal(r.body.granted_amount, 300);
  // A grant needs its figures; a bank decides once.
  r = await later.api('POST', `/api/v1/finance/demands/${ids.d2}/decision`, { token: bank1u,
    body: { decision: 'granted', granted_amount: -1, rate: 3.85, grant_date: '2020-02-10' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'granted_amount');
  r = await later.api('POST', `/api/v1/finance/demands/${ids.d2}/decision`, { token: bank1u,
    body: { decision: 'granted', granted_amount: 100, rate: 3.85, grant_date: '2020-02-12' } });
  assert.equal(r.status, 400, 'grant date in the future');
  assert.equal(r.body.field, 'grant_date');
  r = await later.api('POST', `/api/v1/finance/demands/${ids.d1}/decision`, { token: bank1u, body: { decision: 'declined' } });
  assert.equal(r.status, 409);
  // 15:00 next day (30 h): bank 1 declines d2; d4 is pushed only now.
  r = await s.api('POST', `/api/v1/finance/demands/${ids.d2}/decision`, { token: bank1u, body: { decision: 'declined', note: '抵押不足' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'declined');
  r = await s.api('POST', `/api/v1/finance/demands/${ids.d4}/push`, { token: jrb, body: { bank_ids: [bank2] } });
  assert.equal(r.status, 200, r.text);

  const t = await s.api('GET', `/api/v1/finance/turnaround`, { token: jrb });
  assert.equal(t.status, 200, t.text);
  const row = t.body.items.find((x) => x.code === 'epidemic_loan');
  assert.equal(row.demands, 4);
  assert.equal(row.pushes, 5);
  assert.equal(row.decided_pushes, 2);
  assert.deepEqual(row.push_hours, { avg: 20, median: 20, max: 30 });
  assert.equal(row.filing_hours.avg, 20);
  // d1 met (10 h), d2 missed (30 h), d3 undecided after 30 h missed; d4 pushed just now: pending.
  assert.deepEqual(row.target_met, { num: 1, den: 3, rate: 1 / 3 });
  assert.equal(row.target_pending, 1);
  assert.equal(row.amount_granted, 300);
  const fundRow = t.body.items.find((x) => x.code === 'stabilise_fund');
  assert.equal(fundRow.demands, 1);
  assert.equal(fundRow.target_met.den, 0);

  const sum = await s.api('GET', '/api/v1/finance/summary', { token: jrb });
  assert.equal(sum.body.demands, 5);
  assert.equal(sum.body.enterprises, 3);
  assert.equal(sum.body.granted, 1);
  assert.equal(sum.body.enterprises_granted, 1);
  assert.equal(sum.body.amount_granted, 300);
  assert.equal(sum.body.amount_requested, 1650);
  assert.equal(sum.body.text, '已为1户企业发放贷款0.03亿元');
});

test(`a bank sees only the demands pushed to it, on every route (${ENGINE})`, async () => {
  // Bank 2: d3, d4 and the 稳企稳岗 demand; never d1 or d2.
  let r = await s.api('GET', '/api/v1/finance/demands?size=50', { token: bank2u });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((d) => d.id).sort(), [ids.d3, ids.d4, ids.db].sort());
  for (const d of r.body.items) assert.deepEqual(d.pushes.map((p) => p.bank_id), [bank2], 'its own push only');
  for (const key of ['d1', 'd2']) {
    r = await s.api('GET', `/api/v1/finance/demands/${ids[key]}`, { token: bank2u });
    assert.equal(r.status, 404);
    r = await s.api('POST', `/api/v1/finance/demands/${ids[key]}/decision`, { token: bank2u, body: { decision: 'declined' } });
    assert.equal(r.status, 404);
  }
  r = await s.api('GET', `/api/v1/finance/demands/${ids.d3}`, { token: bank2u });
  assert.equal(r.status, 200);
  assert.equal(r.body.pushes.length, 1);
  r = await s.api('GET', `/api/v1/finance/demands/${ids.d3}`, { token: jrb });
  assert.equal(r.body.pushes.length, 2, 'the office sees every push');
  r = await s.api('GET', '/api/v1/finance/demands/export?format=csv', { token: bank2u });
  assert.equal(r.status, 200);
  const lines = r.text.trim().split('\n');
  assert.equal(lines.length, 4, r.text);
  assert.ok(!lines.some((l) => l.startsWith(String(ids.d1) + ',')));
  r = await s.api('GET', '/api/v1/finance/summary', { token: bank2u });
  assert.equal(r.body.demands, 3);
  assert.equal(r.body.granted, 0);
  r = await s.api('GET', '/api/v1/finance/turnaround', { token: bank2u });
  assert.equal(r.body.items.find((x) => x.code === 'all').demands, 3);
  r = await s.api('GET', `/api/v1/finance/demands?bank=${bank1}`, { token: bank2u });
  assert.equal(r.body.total, 1, 'another bank filter narrows within its own demands (d3)');
  // Bank 1 sees d1, d2, d3.
  assert.equal(await total(bank1u), 3);
  // A bank user of no bank sees nothing.
  assert.equal(await total(lonely), 0);
  r = await s.api('GET', `/api/v1/finance/demands/${ids.d3}`, { token: lonely });
  assert.equal(r.status, 404);
  // Bank 2 declines d3: bank 1 still pending, so d3 stays pushed.
  r = await s.api('POST', `/api/v1/finance/demands/${ids.d3}/decision`, { token: bank2u, body: { decision: 'declined' } });
  assert.equal(r.status, 200, r.text);
  r = await s.api('GET', `/api/v1/finance/demands/${ids.d3}`, { token: jrb });
  assert.equal(r.body.state, 'pushed');
});

test(`scope of the office, commanders and enterprises (${ENGINE})`, async () => {
  assert.equal(await total(jrb), 5);
  assert.equal(await total(cmdA), 4, 'district A only');
  let r = await s.api('GET', `/api/v1/finance/demands/${ids.db}`, { token: cmdA });
  assert.equal(r.status, 404);
  r = await s.api('GET', '/api/v1/finance/demands', { token: hrs });
  assert.equal(r.status, 403);
  assert.equal(await total(ent1), 2);
  r = await s.api('GET', `/api/v1/finance/demands/${ids.d2}`, { token: ent1 });
  assert.equal(r.status, 404);
  r = await s.api('POST', `/api/v1/finance/demands/${ids.d2}/push`, { token: cmdA, body: { bank_ids: [bank1] } });
  assert.equal(r.status, 403);
  // The enterprise withdraws a pending demand; a decided one cannot be withdrawn.
  r = await s.api('POST', `/api/v1/finance/demands/${ids.d1}/withdraw`, { token: ent1 });
  assert.equal(r.status, 409);
  r = await s.api('POST', `/api/v1/finance/demands/${ids.d3}/withdraw`, { token: ent1 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'withdrawn');
  r = await s.api('POST', `/api/v1/finance/demands/${ids.d3}/decision`, { token: bank1u, body: { decision: 'declined' } });
  assert.equal(r.status, 409);
  // Notifications: the enterprise heard of the push and of the grant.
  r = await s.api('GET', '/api/v1/notifications?size=50', { token: ent1 });
  const kinds = r.body.items.map((n) => n.kind);
  assert.ok(kinds.includes('finance_pushed_enterprise'));
  assert.ok(kinds.includes('finance_decided'));
  r = await s.api('GET', '/api/v1/notifications?size=50', { token: bank2u });
  assert.ok(r.body.items.some((n) => n.kind === 'finance_pushed'));
});
