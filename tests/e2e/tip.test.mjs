// Whistle-blower tips in the browser: an anonymous reporter sends a tip from the public phone page
// (/m/tip, no sign-in) with a contact, gets a tracking code and follows it on /m/tip/track (received);
// the district command assigns it to the health department's officer in 举报处理; the officer reveals
// the contact (audited) and records the outcome with a reward; the tracking page then shows the outcome.
// FUGONG_SCREENSHOTS=1 also saves docs/screenshots/tip-form.png, tip-track.png and tip-detail.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch, screenshot } from '../lib/browser.mjs';

const A = '220202'; // 吉林市昌邑区
const firm = uscc(A, 951);
const PW = 'Tip-pass-2020';
const PHONE_NO = '13904316655';
const PHONE = { width: 390, height: 844 };
// The built web UI; FUGONG_WEB_DIST points elsewhere (a private build while web/ is shared).
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
let server;
let admin;
let code = '';
const sessions = [];

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], textarea[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

async function session(viewport) {
  const s = await launch(viewport ? { viewport, phone: true } : {});
  sessions.push(s);
  return s;
}

async function openAs(page, path, username) {
  await page.goto(server.base + path);
  await page.waitForURL((url) => url.pathname === '/login');
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(PW);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
}

before(async () => {
  server = await startServer({ web: WEB });
  admin = await server.login('admin', ADMIN_PASSWORD);
  await api('POST', '/api/v1/enterprises', admin, {
    uscc: firm, name: '吉林市昌邑举报测试机械厂', region_code: A, industry_code: '34', size: 'small',
    employees: 40, work_status: 'suspended', status_date: '2020-02-01' });
  for (const body of [
    { username: 'district', password: PW, roles: ['commander'], region_code: A, display_name: '昌邑区指挥部' },
    { username: 'health', password: PW, roles: ['department'], region_code: A, department: '卫生健康委员会', display_name: '区卫健局核查员' },
  ]) await api('POST', '/api/v1/users', admin, body);
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

test('an anonymous reporter sends a tip on the phone and follows it with the tracking code', async () => {
  const { page, errors } = await session(PHONE);
  await page.goto(server.base + '/m/tip');
  await tid(page, 'm-tip').waitFor();
  assert.equal(new URL(page.url()).pathname, '/m/tip', 'no sign-in needed');
  // the page's own checks first
  await tid(page, 'm-tip-submit').click();
  await page.getByText('请选择举报类型').waitFor();
  await tid(page, 'm-tip-type-unapproved_opening').click();
  await field(page, 'm-tip-description').fill('该厂未经审批已开工三天，每天二十多名工人进出，没有测温登记。');
  await field(page, 'm-tip-enterprise').fill('昌邑举报测试机械厂');
  await field(page, 'm-tip-uscc').fill(firm);
  await field(page, 'm-tip-contact-name').fill('张先生');
  await field(page, 'm-tip-contact-phone').fill(PHONE_NO);
  await screenshot(page, 'tip-form');
  await tid(page, 'm-tip-submit').click();
  await tid(page, 'm-tip-done').waitFor();
  code = (await tid(page, 'm-tip-code').textContent()).replace(/-/g, '').trim();
  assert.match(code, /^[2-9A-HJ-NP-Z]{12}$/);
  await tid(page, 'm-tip-go-track').click();
  await page.waitForURL((url) => url.pathname === '/m/tip/track');
  const state = tid(page, 'm-tip-track-state');
  await state.waitFor();
  assert.equal(await state.getAttribute('data-state'), 'received');
  assert.ok(!(await page.content()).includes(PHONE_NO), 'the tracking page never shows the contact');
  // an unknown code
  await field(page, 'm-tip-track-code').fill('ABCDEFGHJKLM');
  await tid(page, 'm-tip-track-submit').click();
  await page.getByText('查询码不存在').waitFor();
  assert.deepEqual(errors, []);
});

test('the command assigns it, the officer reads the contact and records the outcome', async () => {
  assert.ok(code, 'the first test sent a tip');
  const { page: cmd } = await session();
  await openAs(cmd, '/tips', 'district');
  const link = cmd.locator('[data-test^="tip-link-"]').first();
  await link.waitFor();
  const id = (await link.getAttribute('data-test')).replace('tip-link-', '');
  await link.click();
  await cmd.waitForURL((url) => url.pathname === `/tips/${id}`);
  await tid(cmd, 'tip-contact-hidden').waitFor();
  await tid(cmd, 'tip-assign').click();
  await tid(cmd, 'tip-assign-officer').click();
  await tid(cmd, 'tip-officer-health').click();
  await tid(cmd, 'tip-assign-submit').click();
  await cmd.waitForFunction(() => document.querySelector('[data-test="tip-detail-state"]')?.dataset.state === 'assigned');
  assert.match(await tid(cmd, 'tip-officer').textContent(), /核查员/);
  assert.ok(!(await cmd.content()).includes(PHONE_NO), 'the command never sees the contact');

  const { page } = await session();
  await openAs(page, `/tips/${id}`, 'health');
  await tid(page, 'tip-contact-reveal').click();
  await page.waitForFunction((no) => document.querySelector('[data-test="tip-contact"]')?.textContent.includes(no), PHONE_NO);
  await tid(page, 'tip-outcome-substantiated').click();
  await field(page, 'tip-verify-public').fill('经核查属实，已责令该企业停工整改，并依法处理。');
  await field(page, 'tip-verify-internal').fill('现场 23 人在岗，无复工批准');
  await field(page, 'tip-verify-reward').fill('500');
  await screenshot(page, 'tip-detail');
  await tid(page, 'tip-verify-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-test="tip-detail-state"]')?.dataset.state === 'substantiated');
  assert.equal(await tid(page, 'tip-reward-status').getAttribute('data-status'), 'granted');
  const audit = await api('GET', '/api/v1/audit-logs?size=100', admin);
  assert.ok(audit.items.some((a) => a.action === 'read_personal_data' && a.object === `tip=${id}` && a.username === 'health'));
});

test('the tracking page shows the outcome and the reward', async () => {
  const { page } = await session(PHONE);
  await page.goto(`${server.base}/m/tip/track?code=${code}`);
  const state = tid(page, 'm-tip-track-state');
  await state.waitFor();
  assert.equal(await state.getAttribute('data-state'), 'substantiated');
  assert.match(await tid(page, 'm-tip-track-outcome').textContent(), /已责令该企业停工整改/);
  assert.equal(await tid(page, 'm-tip-track-reward').getAttribute('data-status'), 'granted');
  const html = await page.content();
  assert.ok(!html.includes('23 人在岗'), 'the internal note stays internal');
  assert.ok(!html.includes(PHONE_NO) && !html.includes('区卫健局'), 'neither the reporter nor the officer');
  await screenshot(page, 'tip-track');
});

test('a tip without a credit code takes its region from the phone picker', async () => {
  const { page, errors } = await session(PHONE);
  await page.goto(server.base + '/m/tip');
  await tid(page, 'm-tip-type-prevention_lacking').click();
  await field(page, 'm-tip-description').fill('菜市场门口没有测温，商户不戴口罩。');
  await field(page, 'm-tip-address').fill('昌邑区某菜市场');
  await tid(page, 'm-tip-region').click();
  const popup = tid(page, 'm-tip-region-popup');
  for (const name of ['吉林省', '吉林市']) await popup.locator('.van-cascader__option', { hasText: name }).first().click();
  assert.equal(await tid(page, 'm-tip-region-confirm').isDisabled(), true, 'a city is too coarse');
  await popup.locator('.van-cascader__option', { hasText: '昌邑区' }).first().click();
  await tid(page, 'm-tip-region-confirm').click();
  assert.match(await field(page, 'm-tip-region').inputValue(), /昌邑区/);
  await tid(page, 'm-tip-submit').click();
  await tid(page, 'm-tip-done').waitFor();
  const district = await server.login('district', PW);
  const r = await server.api('GET', '/api/v1/tips?type=prevention_lacking', { token: district });
  assert.equal(r.body.total, 1);
  assert.equal(r.body.items[0].region, A);
  assert.equal(r.body.items[0].has_contact, false);
  assert.deepEqual(errors, []);
});
