// Issue 3 in the browser: an enterprise files its daily report and the
// district commander's dashboard figure (返岗率 numerator) moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch } from '../lib/browser.mjs';

const NOW = '2020-02-15T09:00:00+08:00';
const A = '220202';
const firm = uscc(A, 701);
let server;
const sessions = [];

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input`).first();

async function signIn(page, username, password) {
  await page.goto(server.base + '/login');
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

before(async () => {
  server = await startServer({ web: WEB_DIST, env: { FUGONG_NOW: NOW } });
  const admin = await server.login('admin', ADMIN_PASSWORD);
  let r = await server.api('POST', '/api/v1/enterprises', { token: admin, body: {
    uscc: firm, name: '吉林市昌邑浏览器测试机械有限公司', region_code: A + '001', industry_code: '34',
    employees: 120, normal_output: 20, work_status: 'work_resumed', status_date: '2020-02-10' } });
  assert.equal(r.status, 201, r.text);
  for (const body of [
    { username: 'firm', password: 'Firm-pass-2020', roles: ['enterprise'], enterprise_uscc: firm },
    { username: 'chief', password: 'Chief-pass-2020', roles: ['commander'], region_code: A },
  ]) {
    r = await server.api('POST', '/api/v1/users', { token: admin, body });
    assert.equal(r.status, 201, r.text);
  }
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

async function dashboardNumber(page, id) {
  await page.goto(`${server.base}/dashboard?region=${A}&date=2020-02-14`);
  const el = tid(page, id);
  await el.waitFor();
  await page.waitForFunction((sel) => /\d/.test(document.querySelector(sel)?.textContent || ''), `[data-test="${id}"]`);
  return Number((await el.textContent()).replace(/[^\d]/g, ''));
}

test('a filed daily report moves the dashboard figure', { timeout: 90000 }, async () => {
  const chief = await launch();
  sessions.push(chief);
  await signIn(chief.page, 'chief', 'Chief-pass-2020');
  const before = await dashboardNumber(chief.page, 'dashboard-rate-staff_returned-num');
  assert.equal(before, 0);

  const firmSession = await launch();
  sessions.push(firmSession);
  const page = firmSession.page;
  await signIn(page, 'firm', 'Firm-pass-2020');
  await page.goto(server.base + '/daily-report?date=2020-02-14');
  await tid(page, 'report-form').waitFor();
  await field(page, 'report-field-on_duty').fill('96');
  await field(page, 'report-field-returned').fill('100');
  await field(page, 'report-field-output_value').fill('15');
  await field(page, 'report-field-load_percent').fill('75');
  for (const [k, v] of [['returned_out_of_province', '0'], ['quarantined', '0'], ['fever', '0'],
    ['output_quantity', '0'], ['masks', '500'], ['disinfectant', '20']])
    await field(page, 'report-field-' + k).fill(v);
  await tid(page, 'report-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-test="report-status"]')?.dataset.status === 'filed'
    || document.querySelector('[data-test="report-status"]')?.dataset.status === 'late');

  const after = await dashboardNumber(chief.page, 'dashboard-rate-staff_returned-num');
  assert.equal(after, 96);
  assert.deepEqual(chief.errors, []);
});
