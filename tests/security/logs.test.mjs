// No personal data in logs (issue 7 item 4): the server runs with its log
// captured at the most verbose level; the flows that carry ID numbers,
// mobiles, temperatures and tip contacts run, including refused requests that
// echo nothing and the audited full ID-number read; then neither the server
// log nor the audit log's details may contain any of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE } from '../lib/harness.mjs';
import { A, firmA, idNumber, startWorld } from './world.mjs';

let w;
const ID = idNumber('220202', '19870419', 517);
const ID2 = idNumber('220202', '19870420', 518);
const MOBILE = '13987654321';
const TIP_CONTACT = '13712345678';
const TEMPERATURE = '37.35';

before(async () => { w = await startWorld({ objects: false, users: ['enterprise_a', 'department_a'], env: { FUGONG_LOG: 'debug' } }); });
after(async () => { await w?.s.stop(); });

test(`personal data never reaches the server log or the audit log (${ENGINE})`, async () => {
  let r = await w.api('POST', `/api/v1/enterprises/${firmA}/employees`, 'enterprise_a', { name: '赵敏', id_number: ID, phone: MOBILE });
  assert.equal(r.status, 201, r.text);
  const emp = r.body.id;
  // Refused requests carrying the numbers (duplicate, malformed, wrong scope).
  r = await w.api('POST', `/api/v1/enterprises/${firmA}/employees`, 'enterprise_a', { name: '赵敏', id_number: ID, phone: MOBILE });
  assert.equal(r.status, 409);
  assert.ok(!r.text.includes(ID));
  r = await w.api('POST', `/api/v1/enterprises/${firmA}/employees`, 'enterprise_a', { name: '赵敏', id_number: ID2, phone: MOBILE + '9' });
  assert.equal(r.status, 400);
  assert.ok(!r.text.includes(MOBILE));
  r = await w.s.api('POST', `/api/v1/enterprises/${firmA}/employees`, { token: w.token.enterprise_a, raw: `{"id_number":"${ID2}",`,
    headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 400);
  // Look-ups by the full number (query string), the audited read, the health declaration.
  r = await w.api('GET', `/api/v1/enterprises/${firmA}/employees?id_number=${ID}`, 'enterprise_a');
  assert.equal(r.body.total, 1);
  r = await w.api('GET', `/api/v1/employees/${emp}/id-number`, 'department_a');
  assert.equal(r.status, 200, r.text);
  assert.ok(r.text.includes(ID));
  r = await w.api('POST', `/api/v1/employees/${emp}/declarations`, 'enterprise_a', { temperature: Number(TEMPERATURE), symptoms: [] });
  assert.equal(r.status, 201, r.text);
  // A tip with its contact, read by the commander.
  r = await w.s.api('POST', '/api/v1/public/tips', { body: { type: 'unapproved_opening', enterprise_name: '某机械厂', address: '某路',
    description: '该厂未经审批擅自开工，每天有几十名工人进出。', region: A, contact_name: '李举报', contact_phone: TIP_CONTACT }, headers: { 'x-forwarded-for': '198.51.100.77' } });
  assert.ok(r.status < 300, r.text);
  // A failed sign-in whose "user name" is a mobile number (people type them).
  r = await w.s.api('POST', '/api/v1/auth/login', { body: { username: MOBILE, password: 'x' } });
  assert.equal(r.status, 401);
  await new Promise((res) => setTimeout(res, 300)); // the log is flushed
  const log = w.s.logs.join('');
  assert.ok(log.length > 200, 'the log was captured');
  for (const secret of [ID, ID2, MOBILE, TIP_CONTACT, ID.slice(0, 14)]) {
    assert.ok(!log.includes(secret), `server log contains ${secret}`);
  }
  assert.ok(!new RegExp(`temperature[^\\n]{0,20}${TEMPERATURE}`).test(log), 'server log contains a temperature');
  const audit = await w.api('GET', '/api/v1/audit-logs?size=200', 'admin');
  assert.equal(audit.status, 200);
  assert.ok(audit.body.total > 5, 'writes were audited');
  assert.ok(audit.text.includes('id-number') || audit.text.includes('id_number'), 'the ID-number read is audited');
  for (const secret of [ID, ID2, MOBILE, TIP_CONTACT, TEMPERATURE]) {
    assert.ok(!audit.text.includes(secret), `audit log contains ${secret}`);
  }
  console.log(`logs (${ENGINE}): ${log.length} bytes of server log and ${audit.body.total} audit rows checked for 5 kinds of personal data`);
});
