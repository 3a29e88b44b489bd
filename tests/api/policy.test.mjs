// Policies API (惠企政策, SPEC §3.13): the library with validity, eligibility
// rules validated on save (unknown field or operator → 400 naming it, nothing
// stored), matching over constructed enterprises with known answers (小微,
// 保供, no lay-offs from the daily reports' returned staff), scope, push with
// notifications, the enterprise's inbox and application, the office's
// outcome, the totals and the exports. Runs on SQLite or PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, ENGINE, startServer, uscc } from '../lib/harness.mjs';

const A = '220202';
const B = '220203';
const PW = 'Pass-word-1';
const NOW = '2020-02-11T15:00:00+08:00';
const p1 = uscc(A, 911), p2 = uscc(A, 912), p3 = uscc(A, 913), p4 = uscc(A, 914), p5 = uscc(A, 915);
const pb = uscc(B, 916);

let s, admin, cmdA, ent1, ent3, entB;

function firm(code, region, extra) {
  return { uscc: code, name: `政策企业${code.slice(-5)}有限公司`, region_code: region, industry_code: '13',
    size: 'medium', employees: 60, normal_output: 10, work_status: 'work_resumed', status_date: '2020-02-03',
    contact: '王伟', phone: '043262010000', ...extra };
}

async function user(username, roles, extra = {}) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

function report(code, date, returned) {
  return s.api('POST', `/api/v1/enterprises/${code}/daily-reports`, { token: admin, body: {
    date, on_duty: returned, returned, returned_out_of_province: 0, quarantined: 0, fever: 0, load_percent: 50,
    output_value: 5, output_quantity: 10, masks: 100, disinfectant: 5 } });
}

const policy = (rule, extra = {}) => ({ title: '小微企业房租减免', issuer: '吉林市人民政府', doc_no: '吉市政发〔2020〕3号',
  benefit: 'fee_relief', content: '对小微企业减免两个月房租。', valid_from: '2020-02-01', valid_to: '2020-06-30',
  region_code: A, rule, ...extra });

async function eligible(id, token = cmdA, query = '') {
  const r = await s.api('GET', `/api/v1/policies/${id}/eligible?size=100${query}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body.items.map((x) => x.uscc).sort();
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region, extra] of [
    [p1, A, { size: 'micro', small_micro: true }],
    [p2, A, { size: 'large', essential_category: 'epidemic_control', key_enterprise: true }],
    [p3, A, { size: 'small', essential_category: 'city_operation' }],
    [p4, A, {}],
    [p5, A, { employees: 40 }],
    [pb, B, { size: 'micro', small_micro: true }],
  ]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: firm(code, region, extra) });
    assert.equal(r.status, 201, r.text);
  }
  // p4 laid staff off (100 → 80 returned); p5 did not (50 → 60).
  for (const [code, date, n] of [[p4, '2020-02-05', 100], [p4, '2020-02-10', 80], [p5, '2020-02-05', 50], [p5, '2020-02-10', 60]]) {
    const r = await report(code, date, n);
    assert.equal(r.status, 201, r.text);
  }
  cmdA = await user('po_cmd_a', ['commander'], { region_code: A });
  ent1 = await user('po_ent1', ['enterprise'], { enterprise_uscc: p1 });
  ent3 = await user('po_ent3', ['enterprise'], { enterprise_uscc: p3 });
  entB = await user('po_entb', ['enterprise'], { enterprise_uscc: pb });
});

after(async () => { await s?.stop(); });

test(`rules naming an unknown field or operator are refused, nothing stored (${ENGINE})`, async () => {
  const cases = [
    [{ conditions: [{ field: 'profit', op: 'gt', value: 1 }] }, 'rule.conditions[0].field', 'unknown_rule_field'],
    [{ conditions: [{ field: 'size', op: 'eq', value: 'small' }, { field: 'employees', op: 'like', value: 3 }] },
      'rule.conditions[1].op', 'unknown_rule_op'],
    [{ conditions: [{ field: 'size', op: 'eq', value: 'huge' }] }, 'rule.conditions[0].value', 'invalid_value'],
    [{ combine: 'some', conditions: [{ field: 'essential', op: 'is', value: true }] }, 'rule.combine', 'invalid_value'],
    [{ conditions: [{ field: 'region', op: 'within', value: '999999' }] }, 'rule.conditions[0].value', undefined],
  ];
  for (const [rule, field, code] of cases) {
    const r = await s.api('POST', '/api/v1/policies', { token: cmdA, body: policy(rule) });
    assert.equal(r.status, 400, JSON.stringify(rule) + r.text);
    assert.equal(r.body.field, field);
    if (code) assert.equal(r.body.code, code);
  }
  let r = await s.api('POST', '/api/v1/policies', { token: cmdA, body: policy({ conditions: [{ field: 'essential', op: 'is', value: true }] }, { valid_to: '2020-01-01' }) });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'valid_to');
  r = await s.api('POST', '/api/v1/policies', { token: cmdA, body: policy({ conditions: [{ field: 'essential', op: 'is', value: true }] }, { region_code: B }) });
  assert.equal(r.status, 404, 'a region outside the scope');
  r = await s.api('GET', '/api/v1/policies', { token: admin });
  assert.equal(r.body.total, 0);
  r = await s.api('GET', '/api/v1/policies/fields', { token: cmdA });
  assert.ok(r.body.items.some((f) => f.field === 'no_layoffs' && f.ops.includes('is')));
});

let relief, tax, refund;

test(`matching lists the eligible enterprises in scope, with known answers (${ENGINE})`, async () => {
  let r = await s.api('POST', '/api/v1/policies', { token: cmdA, body: policy({ combine: 'any', conditions: [
    { field: 'small_micro', op: 'is', value: true }, { field: 'size', op: 'in', value: ['small', 'micro'] }] }) });
  assert.equal(r.status, 201, r.text);
  relief = r.body.id;
  r = await s.api('POST', '/api/v1/policies', { token: admin, body: policy({ conditions: [
    { field: 'essential', op: 'is', value: true }] }, { title: '保供企业税收抵扣', benefit: 'tax', region_code: '220200' }) });
  assert.equal(r.status, 201, r.text);
  tax = r.body.id;
  r = await s.api('POST', '/api/v1/policies', { token: cmdA, body: policy({ conditions: [
    { field: 'no_layoffs', op: 'is', value: true }, { field: 'employees', op: 'ge', value: 20 }] },
  { title: '失业保险稳岗返还', benefit: 'refund' }) });
  assert.equal(r.status, 201, r.text);
  refund = r.body.id;

  assert.deepEqual(await eligible(relief), [p1, p3].sort());
  assert.deepEqual(await eligible(relief, admin), [p1, p3].sort(), 'the policy of district A stays in A');
  assert.deepEqual(await eligible(tax), [p2, p3].sort(), 'a city policy seen from the district: its enterprises');
  assert.deepEqual(await eligible(refund), [p5], 'p4 laid off, the others have no reports');
  // The city's policy is visible to the district commander; editing it is not theirs.
  r = await s.api('PUT', `/api/v1/policies/${tax}`, { token: cmdA, body: policy({ conditions: [{ field: 'essential', op: 'is', value: true }] }, { region_code: A }) });
  assert.equal(r.status, 403);
  // An update with a bad rule changes nothing.
  r = await s.api('PUT', `/api/v1/policies/${relief}`, { token: cmdA, body: policy({ conditions: [{ field: 'size', op: 'gt', value: 'small' }] }) });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'rule.conditions[0].op');
  r = await s.api('GET', `/api/v1/policies/${relief}`, { token: cmdA });
  assert.equal(r.body.rule.combine, 'any');
  r = await s.api('GET', `/api/v1/policies/${relief}/eligible/export?format=csv`, { token: cmdA });
  assert.equal(r.status, 200);
  assert.equal(r.text.trim().split('\n').length, 3);
});

test(`push, inbox, application, outcome and totals (${ENGINE})`, async () => {
  let r = await s.api('POST', `/api/v1/policies/${relief}/push`, { token: cmdA, body: { usccs: [p2] } });
  assert.equal(r.status, 400, 'p2 is not eligible');
  assert.equal(r.body.field, 'usccs');
  r = await s.api('POST', `/api/v1/policies/${relief}/push`, { token: cmdA, body: {} });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.pushed, 2);
  r = await s.api('POST', `/api/v1/policies/${relief}/push`, { token: cmdA, body: {} });
  assert.equal(r.body.pushed, 0, 'nobody twice');
  assert.deepEqual(await eligible(relief, cmdA, '&state=not_pushed'), []);

  r = await s.api('GET', '/api/v1/policies/inbox', { token: ent1 });
  assert.deepEqual(r.body.items.map((x) => x.policy_id), [relief]);
  r = await s.api('GET', '/api/v1/notifications?size=20', { token: ent1 });
  assert.ok(r.body.items.some((n) => n.kind === 'policy_pushed'));
  r = await s.api('GET', '/api/v1/policies/inbox', { token: entB });
  assert.deepEqual(r.body.items, []);
  r = await s.api('GET', `/api/v1/policies/${relief}`, { token: entB });
  assert.equal(r.status, 403, 'enterprises reach policies through their inbox only');
  r = await s.api('POST', `/api/v1/policies/${relief}/apply`, { token: entB, body: {} });
  assert.equal(r.status, 404);
  r = await s.api('POST', `/api/v1/policies/${relief}/apply`, { token: ent1, body: { note: '两个月房租 3.5 万元', requested_amount: 3.5 } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.outcome, 'applied');
  r = await s.api('POST', `/api/v1/policies/${relief}/apply`, { token: ent1, body: {} });
  assert.equal(r.status, 409);

  r = await s.api('GET', `/api/v1/policies/${relief}/recipients?outcome=applied`, { token: cmdA });
  assert.equal(r.body.total, 1);
  const applied = r.body.items[0];
  r = await s.api('GET', `/api/v1/policies/${relief}/recipients?outcome=pushed`, { token: cmdA });
  const waiting = r.body.items[0];
  assert.equal(waiting.uscc, p3);
  r = await s.api('POST', `/api/v1/policies/${relief}/recipients/${waiting.id}/decision`, { token: cmdA, body: { outcome: 'approved', amount: 1 } });
  assert.equal(r.status, 409, 'p3 has not applied');
  r = await s.api('POST', `/api/v1/policies/${relief}/recipients/${applied.id}/decision`, { token: cmdA, body: { outcome: 'approved', amount: -1 } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'amount');
  r = await s.api('POST', `/api/v1/policies/${relief}/recipients/${applied.id}/decision`, { token: cmdA, body: { outcome: 'approved', amount: 3.5, note: '已减免' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.outcome, 'approved');

  r = await s.api('GET', '/api/v1/policies/summary', { token: cmdA });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual({ pushed: r.body.pushed, applied: r.body.applied, approved: r.body.approved, amount: r.body.amount },
    { pushed: 2, applied: 1, approved: 1, amount: 3.5 });
  r = await s.api('GET', `/api/v1/policies/${relief}/recipients/export?format=csv`, { token: cmdA });
  assert.equal(r.status, 200);
  assert.match(r.text, /已兑现/);
  r = await s.api('GET', '/api/v1/policies/export?format=csv', { token: cmdA });
  assert.equal(r.status, 200);
  assert.equal(r.text.trim().split('\n').length, 4);
});
