// Issue 8 in the browser: a district commander opens 电力复工指数 and sees the reported work-resumption rate
// beside the rate by electricity (with the enterprises without meter data counted), switches to the list of
// enterprises drawing power while reported stopped, and records the explanation (自备发电), which the list
// then shows. Constructed data with known answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, launch } from '../lib/browser.mjs';

const D = '2020-02-10';
const NOW = `${D}T10:30:00+08:00`;
const A = '220202'; // 吉林市昌邑区
const PW = 'Power-pass-2020';
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const on = uscc(A, 901), off = uscc(A, 902), blind = uscc(A, 903);
let server, browser;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

before(async () => {
  server = await startServer({ web: WEB, env: { FUGONG_NOW: NOW } });
  const admin = await server.login('admin', ADMIN_PASSWORD);
  for (const [code, status] of [[on, 'work_resumed'], [off, 'suspended'], [blind, 'work_resumed']]) {
    await api('POST', '/api/v1/enterprises', admin, { uscc: code, name: `电力页面企业${code.slice(-4)}有限公司`, region_code: A,
      industry_code: '13', size: 'small', employees: 30, work_status: status, status_date: '2020-02-03', contact: '王伟', phone: '043262010000' });
  }
  await api('POST', '/api/v1/users', admin, { username: 'pw_district', password: PW, roles: ['commander'], region_code: A });
  const csv = `统一社会信用代码,日期,用电量\n${on},2019-12-01,100\n${off},2019-12-01,100\n${on},${D},80\n${off},${D},70\n`;
  const r = await server.upload('/api/v1/power/readings/import', admin, 'p.csv', csv);
  assert.equal(r.body.imported, 4, JSON.stringify(r.body));
  browser = await launch({ viewport: DESKTOP });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the side-by-side view and an explanation of a disagreement', async () => {
  const { page } = browser;
  await page.goto(`${server.base}/login`);
  await field(page, 'login-username').fill('pw_district');
  await field(page, 'login-password').fill(PW);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${server.base}/power?date=${D}`);
  // Reported: 2 of 3 resumed; by power: 2 of the 2 with data (the third has none, and is counted).
  await tid(page, 'power-reported-rate').filter({ hasText: '66.7%' }).waitFor();
  await tid(page, 'power-resumed-rate').filter({ hasText: '100.0%' }).waitFor();
  assert.equal((await tid(page, 'power-without-data').textContent()).trim(), '1');
  assert.match(await tid(page, 'power-by-power').textContent(), /电力复工率 2 \/ 2/);
  assert.match(await tid(page, 'power-label').textContent(), /抑制|恢复|企稳/);
  // Drawing power while reported stopped: the suspended enterprise.
  await page.locator('.el-tabs__item', { hasText: '有电但报停工' }).click();
  await page.waitForURL((url) => url.searchParams.get('kind') === 'power_not_reported');
  await tid(page, `power-explain-${off}`).click();
  await tid(page, 'power-explain-reason').click();
  await page.locator('.el-select-dropdown__item', { hasText: '自备发电' }).click();
  await field(page, 'power-explain-note').fill('设备调试');
  await tid(page, 'power-explain-save').click();
  await tid(page, `power-reason-${off}`).filter({ hasText: '自备发电 设备调试' }).waitFor();
  // The dashboard shows the same figures beside the reported rates.
  await page.goto(`${server.base}/dashboard?date=${D}`);
  await tid(page, 'dashboard-power-resumed').filter({ hasText: '100' }).waitFor();
  assert.match(await tid(page, 'dashboard-power').textContent(), /\(2\/2\)/);
  assert.match(await tid(page, 'dashboard-power-missing').textContent(), /无电量数据 1/);
  const r = await server.api('GET', `/api/v1/power/disagreements?region=${A}&date=${D}&kind=power_not_reported`,
    { token: await server.login('pw_district', PW) });
  assert.equal(r.body.items[0].reason, 'generator');
});
