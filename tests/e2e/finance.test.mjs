// Financing in the browser (issue 6 item 5): an enterprise files a 抗疫贷 demand in the dialog (a negative
// amount first: the server's error shows beside the field), the finance office pushes it to a bank, the
// bank's user grants it, and the office's page shows the totals and the 24-hour target met. Constructed
// data with known answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, launch } from '../lib/browser.mjs';

const NOW = '2020-02-10T10:30:00+08:00';
const A = '220202';
const PW = 'Finance-pass-2020';
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const firm = uscc(A, 931);
let server, browser, bankId;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

async function signIn(page, username) {
  await page.context().clearCookies();
  await page.goto(`${server.base}/login`);
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(PW);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

before(async () => {
  server = await startServer({ web: WEB, env: { FUGONG_NOW: NOW } });
  const admin = await server.login('admin', ADMIN_PASSWORD);
  await api('POST', '/api/v1/enterprises', admin, { uscc: firm, name: '融资页面测试有限公司', region_code: A, industry_code: '13',
    size: 'small', employees: 30, work_status: 'work_resumed', status_date: '2020-02-03', contact: '王伟', phone: '043262010000' });
  await api('POST', '/api/v1/users', admin, { username: 'fe_ent', password: PW, roles: ['enterprise'], enterprise_uscc: firm });
  await api('POST', '/api/v1/users', admin, { username: 'fe_jrb', password: PW, roles: ['department'], region_code: '220200', department: '地方金融监督管理局' });
  await api('POST', '/api/v1/users', admin, { username: 'fe_bank', password: PW, roles: ['bank'] });
  const jrb = await server.login('fe_jrb', PW);
  bankId = (await api('POST', '/api/v1/finance/banks', jrb, { name: '吉林银行' })).id;
  await api('POST', '/api/v1/finance/banks', jrb, { name: '中国农业银行' });
  await api('POST', `/api/v1/finance/banks/${bankId}/users`, jrb, { username: 'fe_bank' });
  browser = await launch({ viewport: DESKTOP });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('filed by the enterprise, pushed by the office, granted by the bank', async () => {
  const { page } = browser;
  await signIn(page, 'fe_ent');
  await page.goto(`${server.base}/finance/demands`);
  await tid(page, 'finance-add').click();
  await tid(page, 'finance-form-programme').click();
  await tid(page, 'finance-form-programme-epidemic_loan').click();
  await field(page, 'finance-form-amount').fill('-5');
  await field(page, 'finance-form-purpose').fill('采购原材料');
  await tid(page, 'finance-form-save').click();
  await page.getByText('amount 应为大于 0 的金额').waitFor();
  await field(page, 'finance-form-amount').fill('300');
  await tid(page, 'finance-form-save').click();
  await page.waitForURL(/\/finance\/demands\/\d+$/);
  const id = page.url().split('/').pop();
  assert.equal(await tid(page, 'finance-detail-state').getAttribute('data-state'), 'filed');

  await signIn(page, 'fe_jrb');
  await page.goto(`${server.base}/finance/demands/${id}`);
  await tid(page, 'finance-push-banks').click();
  await tid(page, `finance-bank-option-${bankId}`).click();
  await page.keyboard.press('Escape');
  await tid(page, 'finance-push-submit').click();
  await page.locator('[data-test="finance-detail-state"][data-state="pushed"]').waitFor();

  await signIn(page, 'fe_bank');
  await page.goto(`${server.base}/finance/demands`);
  await tid(page, `finance-link-${id}`).click();
  await field(page, 'finance-decision-amount').fill('280');
  await field(page, 'finance-decision-rate').fill('3.85');
  await field(page, 'finance-decision-date').fill('2020-02-10');
  await page.keyboard.press('Enter');
  await tid(page, 'finance-decision-submit').click();
  await page.locator('[data-test="finance-detail-state"][data-state="granted"]').waitFor();
  assert.equal((await tid(page, 'finance-detail-granted').textContent()).trim(), '280');

  await signIn(page, 'fe_jrb');
  await page.goto(`${server.base}/finance/demands`);
  await tid(page, 'finance-sum-amount_granted').filter({ hasText: '280' }).waitFor();
  assert.equal((await tid(page, 'finance-sum-enterprises_granted').textContent()).trim(), '1');
  assert.match(await tid(page, 'finance-summary-text').textContent(), /已为1户企业发放贷款0\.03亿元/);
  assert.match(await tid(page, 'finance-target-epidemic_loan').textContent(), /1 \/ 1/);
  assert.equal(await page.locator('[data-test="finance-state"][data-state="granted"]').count(), 1);
});
