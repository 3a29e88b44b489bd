// Issue 6 item 3 in the browser: enterprises have declared commute demand (one served by the new route's
// area and shift, one for a night shift it does not run); the operator (交通运输局) adds a route on the
// 定制公交 page — a bad stop time is refused beside the stop — and the totals and the demand list show
// which riders it serves. Constructed data with known answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, launch } from '../lib/browser.mjs';

const A = '220202'; // 吉林市昌邑区
const PW = 'Bus-pass-2020';
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const firm = uscc(A, 961);
let server, browser;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], textarea[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

before(async () => {
  server = await startServer({ web: WEB });
  const admin = await server.login('admin', ADMIN_PASSWORD);
  await api('POST', '/api/v1/enterprises', admin, { uscc: firm, name: '公交页面制造有限公司', region_code: A, industry_code: '13',
    size: 'medium', employees: 200, work_status: 'work_resumed', status_date: '2020-02-03', contact: '王伟', phone: '043262010000' });
  await api('POST', '/api/v1/users', admin, { username: 'be_ent', password: PW, roles: ['enterprise'], enterprise_uscc: firm });
  await api('POST', '/api/v1/users', admin, { username: 'be_operator', password: PW, roles: ['department'], region_code: A, department: '交通运输局' });
  const ent = await server.login('be_ent', PW);
  await api('POST', '/api/v1/bus/demands', ent, { home_region_code: A, home_area: '东山小区', shift_start: '07:30', riders: 40 });
  await api('POST', '/api/v1/bus/demands', ent, { home_region_code: A, shift_start: '19:30', riders: 12 });
  browser = await launch({ viewport: DESKTOP });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the operator adds a route and the riders it serves are counted', async () => {
  const { page } = browser;
  await page.goto(`${server.base}/login`);
  await field(page, 'login-username').fill('be_operator');
  await field(page, 'login-password').fill(PW);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${server.base}/bus`);
  await tid(page, 'bus-total-declared').filter({ hasText: '52' }).waitFor();
  assert.equal((await tid(page, 'bus-total-routes').textContent()).trim(), '0');
  await tid(page, 'bus-route-add').click();
  await field(page, 'bus-route-name').fill('昌邑复工专线');
  await field(page, 'bus-route-shifts').fill('07:30');
  await field(page, 'bus-stop-name-0').fill('东山小区站');
  await field(page, 'bus-stop-time-0').fill('06:50');
  await field(page, 'bus-stop-name-1').fill('工业园区站');
  await field(page, 'bus-stop-time-1').fill('06:10'); // before the first stop: refused
  await field(page, 'bus-route-enterprises').fill(firm);
  await tid(page, 'bus-route-save').click();
  await tid(page, 'bus-route-dialog').locator('.error', { hasText: '站点时间应按先后顺序' }).waitFor();
  await field(page, 'bus-stop-time-1').fill('07:15');
  await tid(page, 'bus-route-save').click();
  await tid(page, 'bus-total-routes').filter({ hasText: '1' }).waitFor();
  assert.equal((await tid(page, 'bus-total-daily_trips').textContent()).trim(), '4');
  assert.equal((await tid(page, 'bus-total-served').textContent()).trim(), '40');
  assert.equal((await tid(page, 'bus-total-unserved').textContent()).trim(), '12');
  await page.locator('.el-tabs__item', { hasText: '企业通勤需求' }).click();
  await page.waitForURL((url) => url.searchParams.get('tab') === 'demands');
  await tid(page, 'bus-demand-served').first().waitFor();
  const served = await tid(page, 'bus-demand-served').evaluateAll((els) => els.map((e) => e.getAttribute('data-served')).sort());
  assert.deepEqual(served, ['0', '1']);
});
