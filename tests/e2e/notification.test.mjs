// The notification centre in the browser: an enterprise's application is
// approved (commitment route), the bell in the top bar counts it, the
// popover lists it, a click opens the application and marks it read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch } from '../lib/browser.mjs';

const A = '220202';
const firm = uscc(A, 731);
let server, session, appId;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input`).first();

before(async () => {
  server = await startServer({ web: WEB_DIST, env: { FUGONG_NOW: '2020-02-14T10:00:00+08:00' } });
  const admin = await server.login('admin', ADMIN_PASSWORD);
  let r = await server.api('POST', '/api/v1/enterprises', { token: admin, body: {
    uscc: firm, name: '吉林市昌邑通知测试有限公司', region_code: A + '001', industry_code: '13', size: 'small',
    employees: 80, work_status: 'suspended', status_date: '2020-02-01', contact: '李娜', phone: '13904319810' } });
  assert.equal(r.status, 201, r.text);
  r = await server.api('POST', '/api/v1/users', { token: admin, body: { username: 'firm', password: 'Firm-pass-2020', roles: ['enterprise'], enterprise_uscc: firm } });
  assert.equal(r.status, 201, r.text);
  const ent = await server.login('firm', 'Firm-pass-2020');
  const checklist = { isolation_room: true, thermometers: 4, masks_in_stock: 2000, masks_days_of_supply: 10,
    disinfection_plan: true, disinfection_records: true, staggered_dining: true, leader_on_duty: true, emergency_plan: true,
    four_measures: { scan_code: true, registration: true, temperature_check: true, mask_wearing: true } };
  r = await server.api('POST', `/api/v1/enterprises/${firm}/applications`, { token: ent, body: {
    planned_date: '2020-02-18', staff_total: 60, staff_local: 55, staff_out_of_province: 5, staff_from_risk_regions: 0,
    checklist, commitment: { signer: '王伟', accepted: true } } });
  assert.equal(r.status, 201, r.text);
  appId = r.body.id;
  r = await server.api('POST', `/api/v1/applications/${appId}/submit`, { token: ent, body: {} });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'approved');
});

after(async () => {
  await session?.close();
  await server?.stop();
});

test('the bell counts a new notification; opening it goes to the application and marks it read', { timeout: 60000 }, async () => {
  session = await launch();
  const { page } = session;
  await page.goto(server.base + '/login');
  await field(page, 'login-username').fill('firm');
  await field(page, 'login-password').fill('Firm-pass-2020');
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const bell = tid(page, 'notification-bell');
  await page.waitForFunction(() => document.querySelector('[data-test="notification-bell"]')?.dataset.count === '1');
  await bell.locator('button').click();
  const item = tid(page, 'notification-item').first();
  await item.waitFor();
  assert.match(await item.textContent(), /复工申请已批准/);
  await item.click();
  await page.waitForURL((url) => url.pathname === `/resumption/applications/${appId}`);
  await page.waitForFunction(() => document.querySelector('[data-test="notification-bell"]')?.dataset.count === '0');
  // The full list shows it read.
  await page.goto(server.base + '/notifications');
  const table = tid(page, 'notification-table');
  await table.waitFor();
  await page.waitForFunction(() => /复工申请已批准/.test(document.querySelector('[data-test="notification-table"]')?.textContent || ''));
  assert.match(await table.textContent(), /已读/);
});
