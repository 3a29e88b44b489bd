// Access matrix (issue 7 item 4), derived from the server's own route table
// (GET /api/v1/system/routes, admin only), so every endpoint is covered,
// including ones added later:
//  1. without a session every non-public route answers 401;
//  2. every role × every route whose permission the role lacks answers 403,
//     never 2xx, whatever the path parameters;
//  3. every GET a role may call answers without a 5xx;
//  4. foreign objects: side A's users (district A officials, enterprise A's
//     users) pointed at side B's objects — every route with {uscc} filled
//     with enterprise B, every route with {id} whose resource is a kind we
//     construct filled with B's object — get 403/404 on reads and a 4xx on
//     writes, with none of B's data in the answer and B's records unchanged.
// Prints the number of cells checked. Runs on SQLite or PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE } from '../lib/harness.mjs';
import { A, B, ROLES, TODAY, firmA, firmB, startWorld } from './world.mjs';

let w;
let routes;
const cells = { unauthenticated: 0, refused: 0, allowed_reads: 0, foreign: 0 };

before(async () => {
  w = await startWorld();
  routes = w.routes;
});

after(async () => {
  const total = Object.values(cells).reduce((a, b) => a + b, 0);
  console.log(`access matrix (${ENGINE}): ${routes?.length} routes, ${total} cells checked ` +
    `(${cells.unauthenticated} without session, ${cells.refused} role without permission, ` +
    `${cells.allowed_reads} permitted reads without 5xx, ${cells.foreign} foreign-object)`);
  await w?.s.stop();
});

// Plausible values for path parameters (side A's own objects).
function fill(pattern, values = {}) {
  return pattern.replace(/\{(\w+)\}/g, (_, name) => {
    if (name in values) return encodeURIComponent(values[name]);
    if (name === 'uscc') return firmA;
    if (name === 'date') return TODAY;
    if (name === 'code') return A;
    if (name === 'key') return 'session_ttl';
    return '1';
  });
}

// The routes a request can reach: the first registration of each method and
// path shape (a later duplicate is reported by its own test).
function reachable() {
  const seen = new Set();
  return routes.filter((r) => {
    const key = `${r.method} ${r.pattern.replace(/\{\w+\}/g, '{}')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const unsafe = (m) => m !== 'GET' && m !== 'HEAD';
const call = (method, path, user) => w.s.api(method, path, { token: user ? w.token[user] ?? w.admin : undefined, body: unsafe(method) ? {} : undefined });

test(`the route table lists every module's routes and is admin only (${ENGINE})`, async () => {
  assert.ok(routes.length > 100, `only ${routes.length} routes`);
  const has = (m, p) => routes.some((r) => r.method === m && r.pattern === p);
  for (const [m, p] of [['POST', '/api/v1/auth/login'], ['GET', '/api/v1/enterprises/{uscc}'], ['POST', '/api/v1/checkins'],
    ['GET', '/api/v1/demands/{id}'], ['GET', '/api/v1/system/routes']]) assert.ok(has(m, p), `${m} ${p} missing`);
  const self = routes.find((r) => r.pattern === '/api/v1/system/routes');
  assert.deepEqual(self.roles, ['admin']);
  for (const role of ROLES.filter((x) => x !== 'admin')) {
    const r = await w.api('GET', '/api/v1/system/routes', `${role}_a`);
    assert.equal(r.status, 403, role);
  }
});

test(`no two routes share a method and a pattern (the later one is unreachable) (${ENGINE})`, () => {
  const seen = new Map();
  const dup = [];
  for (const r of routes) {
    const key = `${r.method} ${r.pattern.replace(/\{\w+\}/g, '{}')}`;
    if (seen.has(key)) dup.push(`${key} (permissions ${seen.get(key).permission || '-'} and ${r.permission || '-'})`);
    else seen.set(key, r);
  }
  assert.deepEqual(dup, [], `shadowed routes: ${dup.join('; ')}`);
});

test(`no session: every non-public route answers 401 (${ENGINE})`, async () => {
  for (const r of routes) {
    if (r.public) continue;
    const res = await call(r.method, fill(r.pattern));
    assert.equal(res.status, 401, `${r.method} ${r.pattern}: ${res.status} ${res.text.slice(0, 200)}`);
    cells.unauthenticated++;
  }
});

test(`every role × every route it lacks the permission of answers 403 (${ENGINE})`, async () => {
  for (const role of ROLES) {
    if (role === 'admin') continue;
    for (const side of ['a', 'b']) {
      const user = `${role}_${side}`;
      for (const r of reachable()) {
        if (r.public || r.roles.includes(role)) continue;
        const res = await call(r.method, fill(r.pattern), user);
        assert.equal(res.status, 403, `${user} ${r.method} ${r.pattern}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.ok(res.body && res.body.code, `${user} ${r.method} ${r.pattern}: an error body`);
        cells.refused++;
      }
    }
  }
});

test(`every permitted read answers without a server error (${ENGINE})`, async () => {
  for (const role of ROLES) {
    const user = role === 'admin' ? 'admin' : `${role}_a`;
    for (const r of routes) {
      if (r.method !== 'GET' || !r.roles.includes(role) || r.pattern.includes('/events')) continue;
      const res = await call('GET', fill(r.pattern, { id: w.obj.A.employee }), user);
      assert.ok(res.status < 500, `${user} GET ${r.pattern}: ${res.status} ${res.text.slice(0, 300)}`);
      cells.allowed_reads++;
    }
  }
});

// The resource before "{id}" → the kind of object constructed in world.mjs.
const KIND = { employees: 'employee', sites: 'site', areas: 'area', demands: 'demand', notices: 'notice', tasks: 'task',
  tips: 'tip', applications: 'application', permits: 'permit', 'isolation-rooms': 'room', notifications: 'notification' };

function foreignTarget(pattern) {
  const o = w.obj.B;
  if (pattern.startsWith('/api/v1/finance/demands/{id}')) return o.finance_demand ? { id: o.finance_demand } : null;
  if (pattern.startsWith('/api/v1/finance/')) return null;
  if (pattern.includes('{uscc}')) return { uscc: firmB, id: o.employee };
  const m = pattern.match(/\/([\w-]+)\/\{id\}/);
  if (m && KIND[m[1]] && o[KIND[m[1]]] != null) return { id: o[KIND[m[1]]] };
  return null;
}

async function snapshotB() {
  const o = w.obj.B;
  const paths = [`/api/v1/enterprises/${firmB}`, `/api/v1/employees/${o.employee}`, `/api/v1/demands/${o.demand}`,
    `/api/v1/notices/${o.notice}`, `/api/v1/inspections/tasks/${o.task}`, `/api/v1/enterprises/${firmB}/sites`,
    `/api/v1/applications/${o.application}`, `/api/v1/enterprises/${firmB}/employees`, `/api/v1/tips/${o.tip}`];
  const out = {};
  for (const p of paths) {
    const r = await w.api('GET', p, 'admin');
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    out[p] = r.text;
  }
  return out;
}

test(`foreign objects: side A's users get nothing of side B (${ENGINE})`, async () => {
  const before = await snapshotB();
  const markers = ['职工B', 'B招工困难', 'B通知', 'B机械厂', 'B门', 'B大厅', '13800000002', firmB.slice(-5) + '有限公司',
    'B流动资金', 'B司机', '吉B54321', 'B隔离室'];
  const uncovered = new Set();
  const users = ROLES.filter((r) => r !== 'admin').map((r) => `${r}_a`);
  for (const r of routes) {
    if (r.public || r.pattern.includes('/events')) continue;
    const target = foreignTarget(r.pattern);
    if (!target) {
      if (/\{(id|uscc)\}/.test(r.pattern)) uncovered.add(`${r.method} ${r.pattern}`);
      continue;
    }
    for (const user of users) {
      const role = user.slice(0, -2);
      if (!r.roles.includes(role)) continue; // a 403 cell of the matrix above
      const path = fill(r.pattern, target);
      const res = await call(r.method, path, user);
      const what = `${user} ${r.method} ${path}: ${res.status} ${res.text.slice(0, 300)}`;
      if (r.method === 'GET') assert.ok(res.status === 403 || res.status === 404, what);
      else assert.ok(res.status >= 400 && res.status < 500, what);
      for (const m of markers) assert.ok(!res.text.includes(m), `${what} leaks ${m}`);
      cells.foreign++;
    }
  }
  assert.deepEqual(await snapshotB(), before, 'side B unchanged');
  // Lists scoped to side A never show B's objects.
  for (const [user, path] of [['commander_a', '/api/v1/enterprises?size=100'], ['commander_a', '/api/v1/demands?size=100'],
    ['inspector_a', '/api/v1/inspections/tasks?size=100'], ['commander_a', '/api/v1/tips?size=100'],
    ['department_a', '/api/v1/demands?size=100'], ['enterprise_a', '/api/v1/demands?size=100'],
    ['enterprise_a', '/api/v1/inbox/notices?size=100'], ['cadre_a', '/api/v1/enterprises?size=100'],
    ['bank_a', '/api/v1/finance/demands?size=100'], ['enterprise_a', '/api/v1/finance/demands?size=100'],
    ['enterprise_a', '/api/v1/permits?size=100'], ['department_a', '/api/v1/permits?size=100']]) {
    if (!routes.some((r) => r.method === 'GET' && r.pattern === path.split('?')[0])) continue; // module not in this build
    const res = await w.api('GET', path, user);
    assert.equal(res.status, 200, `${user} ${path}: ${res.text}`);
    for (const m of markers) assert.ok(!res.text.includes(m), `${user} ${path} leaks ${m}`);
    cells.foreign++;
  }
  if (uncovered.size) console.log(`foreign-object routes without a constructed object: ${[...uncovered].join(', ')}`);
  if (w.notMade.length) console.log(`objects not constructed: ${w.notMade.join(', ')}`);
});
