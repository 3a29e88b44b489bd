// Foundation in the browser: the real binary serving the built web UI (web/dist), driven through Debian's Chromium.
// Sign-in, the enterprise list, CSV import with progress and a row-by-row verdict, search, the detail page with a
// status change and its history, the English switch, and the phone layout.
// FUGONG_SCREENSHOTS=1 also saves the key pages to docs/screenshots/ (desktop 1366×800, phone 375×812).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_PASSWORD, WEB_DIST, startServer, uscc } from '../lib/harness.mjs';
import { PHONE, SCREENSHOTS, launch, screenshot } from '../lib/browser.mjs';
import en from '../../web/src/locales/en.js';
import zh from '../../web/src/locales/zh-CN.js';

const COUNTY = '220202'; // 吉林市昌邑区
const HEADER = '统一社会信用代码,企业名称,所属区划代码,行业代码,规模,职工总数,外省职工数,正常日产值万元,规上工业,限上商贸,重点企业,保供类别,季节性生产,连续生产,复工状态,状态日期,包保干部,联系人,联系电话';

// Two valid rows around an invalid one (a USCC whose check character is wrong): the bad one is row 3 of the file.
function importCsv(serials, names) {
  const bad = uscc(COUNTY, serials[2]);
  return [
    HEADER,
    `${uscc(COUNTY, serials[0])},${names[0]},220202001,13,小,86,4,15.5,是,否,否,生活保障必需,否,否,已复工,2020-02-14,张三,李四,13904319811`,
    `${bad.slice(0, 17)}${bad[17] === '0' ? '1' : '0'},校验码错误有限公司,220202001,13,小,10,0,1,否,否,否,,否,否,停工,2020-02-01,,,`,
    `${uscc(COUNTY, serials[1])},${names[1]},220202002,34,中,320,25,60,是,否,是,,否,是,已复产,2020-02-17,王五,赵六,13904319812`,
  ].join('\r\n') + '\r\n';
}

const DESK_NAMES = ['吉林市昌邑兴华粮油有限公司', '吉林市昌邑文庙机械制造有限公司'];
const PHONE_NAMES = ['吉林市昌邑东局子食品有限公司', '吉林市昌邑延安五金有限公司'];

// Some registry records already there, so the list looks like a working day and the search has something to filter.
const SEED = [
  ['吉林化纤集团有限责任公司', '220202', '28', 'large', 5600, 'full_capacity', { above_scale_industrial: true, key_enterprise: true }],
  ['吉林市龙潭热电有限公司', '220203', '44', 'large', 820, 'continuous', { essential_category: 'city_operation', continuous: true }],
  ['吉林市船营区惠民超市有限公司', '220204', '52', 'small', 45, 'work_resumed', { essential_category: 'daily_necessities', above_quota_trade: true }],
  ['吉林市丰满医疗器械有限公司', '220211', '35', 'medium', 260, 'production_resumed', { converted_ppe: true, key_enterprise: true }],
  ['吉林建兴建筑工程有限公司', '220202', '47', 'medium', 180, 'suspended', {}],
  ['吉林市高新区光电科技有限公司', '220271', '39', 'small', 95, 'work_resumed', { foreign_trade: true }],
];

let server;
let token;
const sessions = [];

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
// Element Plus puts data-test on the <input> of an el-input; accept it on a wrapper too.
const field = (page, id) => page.locator(`input[data-test="${id}"], textarea[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();
const links = (page) => tid(page, 'enterprise-link');

async function rowCount(page, n) {
  await page.waitForFunction((want) => document.querySelectorAll('[data-test="enterprise-link"]').length === want, n);
}

async function noHorizontalScroll(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `the page scrolls sideways: scrollWidth ${scrollWidth} > innerWidth ${innerWidth} at ${page.url()}`);
}

async function signIn(page, password = ADMIN_PASSWORD) {
  await field(page, 'login-username').fill('admin');
  await field(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
}

/** Opens the import dialog, uploads the CSV, checks the progress shows while the server works, returns the dialog. */
async function importFile(page, name, content) {
  await tid(page, 'import-button').click();
  const dialog = tid(page, 'import-dialog');
  await dialog.waitFor();
  await tid(page, 'import-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await tid(page, 'import-file-name').filter({ hasText: name }).waitFor();
  // Hold the upload at the network until the progress has been seen, so a fast server cannot skip it.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/api/v1/enterprises/import', async (route) => {
    await held;
    await route.continue();
  });
  try {
    await tid(page, 'import-submit').click();
    await tid(page, 'import-progress').waitFor();
    await tid(page, 'import-progress').locator('.el-progress').waitFor();
  } finally {
    release();
  }
  await tid(page, 'import-result').waitFor();
  await page.unroute('**/api/v1/enterprises/import');
  return dialog;
}

async function statistic(page, id) {
  return (await tid(page, id).locator('.el-statistic__content').innerText()).trim();
}

async function closeDialog(dialog) {
  await dialog.locator('.el-dialog__footer').getByRole('button', { name: zh.common.close, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

before(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST} is not built: cd web && npm run build`);
  server = await startServer({ web: WEB_DIST });
  token = await server.login('admin', ADMIN_PASSWORD);
  for (const [i, [name, region, industry, size, employees, status, extra]] of SEED.entries()) {
    const r = await server.api('POST', '/api/v1/enterprises', {
      token,
      body: { uscc: uscc(region, 900 + i), name, region_code: region, industry_code: industry, size, employees,
        work_status: status, status_date: `2020-02-${String(10 + i).padStart(2, '0')}`, contact: '刘洋', phone: '13904319820', ...extra },
    });
    assert.equal(r.status, 201, r.text);
  }
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

async function session(opts) {
  const s = await launch(opts);
  sessions.push(s);
  return s;
}

let desk; // the desktop session, shared by the tests below in order

test('sign-in: a wrong password shows the error; the right one opens the office', { timeout: 60000 }, async () => {
  desk = await session();
  const { page } = desk;
  await page.goto(server.base + '/enterprises');
  await page.waitForURL(/\/login\?redirect=/);
  await tid(page, 'login-submit').waitFor();
  await page.getByText(zh.login.title, { exact: true }).waitFor();
  await screenshot(page, 'login-desktop');

  await signIn(page, 'wrong-password-1');
  const error = tid(page, 'login-error');
  await error.waitFor();
  assert.match(await error.innerText(), /用户名或密码错误/);
  assert.equal(await field(page, 'login-password').inputValue(), '', 'the password is cleared after a failure');
  assert.match(page.url(), /\/login/);

  await signIn(page);
  await page.waitForURL((u) => u.pathname === '/enterprises');
  await tid(page, 'enterprise-table').waitFor();
  await rowCount(page, SEED.length);
});

test('import: a CSV with two good rows and a bad one shows progress, then the verdict row by row', { timeout: 60000 }, async () => {
  const { page } = desk;
  // Reach the list through the menu, as a user would.
  await page.goto(server.base + '/');
  await tid(page, 'menu-enterprise-list').click();
  await page.waitForURL((u) => u.pathname === '/enterprises');
  await rowCount(page, SEED.length);

  const dialog = await importFile(page, '企业名录.csv', importCsv([1, 2, 3], DESK_NAMES));
  assert.equal(await statistic(page, 'import-imported'), '2');
  assert.equal(await statistic(page, 'import-updated'), '0');
  assert.equal(await statistic(page, 'import-rejected'), '1');
  const rejected = tid(page, 'import-rejected-table').locator('tbody tr');
  assert.equal(await rejected.count(), 1);
  const cells = (await rejected.first().locator('td').allInnerTexts()).map((c) => c.trim());
  assert.equal(cells[0], '3', `row number of the bad row: ${cells}`);
  assert.equal(cells[1], '统一社会信用代码');
  assert.ok(cells[2].length > 0, 'a reason is given');
  await screenshot(page, 'import-result-desktop');

  await closeDialog(dialog);
  for (const name of DESK_NAMES) await links(page).filter({ hasText: name }).waitFor();
  await rowCount(page, SEED.length + 2);
});

test('list: the imported rows are found by name, and the search is kept in the URL', { timeout: 60000 }, async () => {
  const { page } = desk;
  await field(page, 'filter-q').fill('吉林市昌邑');
  await tid(page, 'filter-search').click();
  await page.waitForURL((u) => u.searchParams.get('q') === '吉林市昌邑');
  await rowCount(page, 2);
  assert.deepEqual((await links(page).allInnerTexts()).map((s) => s.trim()).sort(), [...DESK_NAMES].sort());

  await field(page, 'filter-q').fill(DESK_NAMES[1]);
  await tid(page, 'filter-search').click();
  await rowCount(page, 1);
  assert.equal((await links(page).innerText()).trim(), DESK_NAMES[1]);
  const row = tid(page, 'enterprise-table').locator('tr', { has: links(page) });
  assert.match(await row.innerText(), new RegExp(uscc(COUNTY, 2)));
  assert.match(await row.innerText(), new RegExp(zh.dict.status.production_resumed));

  // The whole list, for the picture.
  await tid(page, 'filter-reset').click();
  await page.waitForURL((u) => !u.searchParams.has('q'));
  await rowCount(page, SEED.length + 2);
  await screenshot(page, 'enterprise-list-desktop');
});

test('detail: change the work status in the dialog and see it in the history', { timeout: 60000 }, async () => {
  const { page } = desk;
  const code = uscc(COUNTY, 1);
  await links(page).filter({ hasText: DESK_NAMES[0] }).click();
  await page.waitForURL((u) => u.pathname === `/enterprises/${code}`);
  await tid(page, 'enterprise-name').filter({ hasText: DESK_NAMES[0] }).waitFor();
  const history = tid(page, 'status-history').locator('.el-timeline-item');
  await history.first().waitFor();
  assert.equal(await history.count(), 1, 'the import recorded the first status');
  assert.match(await history.first().innerText(), /2020-02-14/);

  await tid(page, 'status-change').click();
  const dialog = tid(page, 'status-dialog');
  await dialog.waitFor();
  await tid(page, 'status-select').click();
  await tid(page, 'status-option-production_resumed').click();
  const date = field(page, 'status-date');
  await date.click();
  await date.fill('2020-02-20');
  await date.press('Enter');
  await field(page, 'status-note').fill('生产线恢复，日产值达七成');
  await tid(page, 'status-submit').click();
  await dialog.waitFor({ state: 'hidden' });

  await tid(page, 'enterprise-status').filter({ hasText: zh.dict.status.production_resumed }).waitFor();
  await history.nth(1).waitFor();
  assert.equal(await history.count(), 2);
  const newest = await history.first().innerText();
  assert.match(newest, /2020-02-20/);
  assert.match(newest, new RegExp(zh.dict.status.production_resumed));
  assert.match(newest, /生产线恢复/);
  assert.match(await history.nth(1).innerText(), /2020-02-14/);

  // The server agrees.
  const h = await server.api('GET', `/api/v1/enterprises/${code}/status-history`, { token });
  assert.deepEqual(h.body.items.map((i) => [i.status, i.date]), [['production_resumed', '2020-02-20'], ['work_resumed', '2020-02-14']]);
  if (SCREENSHOTS) await page.getByText(zh.enterprise.status.changed).waitFor({ state: 'hidden' }); // no toast in the picture
  await screenshot(page, 'enterprise-detail-desktop');
  if (SCREENSHOTS) {
    await tid(page, 'status-history').scrollIntoViewIfNeeded();
    await screenshot(page, 'enterprise-history-desktop');
  }
});

test('language: the switch turns the menu and the table into English', { timeout: 60000 }, async () => {
  const { page } = desk;
  await tid(page, 'menu-enterprise-list').click();
  await page.waitForURL((u) => u.pathname === '/enterprises');
  await rowCount(page, SEED.length + 2);
  assert.equal((await tid(page, 'menu-enterprise-list').innerText()).trim(), zh.menu.enterprises);

  await tid(page, 'lang-switch').click();
  await tid(page, 'menu-enterprise-list').filter({ hasText: en.menu.enterprises }).waitFor();
  await tid(page, 'lang-switch').filter({ hasText: en.lang.switchTo }).waitFor();
  const headers = (await tid(page, 'enterprise-table').locator('thead th').allInnerTexts()).map((s) => s.trim());
  for (const label of [en.enterprise.field.uscc, en.enterprise.field.name, en.enterprise.field.work_status, en.enterprise.field.employees]) {
    assert.ok(headers.includes(label), `table header "${label}" in ${JSON.stringify(headers)}`);
  }
  await tid(page, 'import-button').filter({ hasText: en.enterprise.list.import }).waitFor();
  await tid(page, 'enterprise-table').getByText(en.dict.status.production_resumed).first().waitFor();
  await screenshot(page, 'enterprise-list-en-desktop');

  // The choice survives a reload.
  await page.reload();
  await tid(page, 'menu-enterprise-list').filter({ hasText: en.menu.enterprises }).waitFor();
  assert.deepEqual(desk.errors.map(String), [], 'no uncaught errors in the page');
});

test('phone: no sideways scrolling, the menu opens from the toggle, import and detail fit', { timeout: 90000 }, async () => {
  const phone = await session({ viewport: PHONE, phone: true });
  const { page } = phone;
  await page.goto(server.base + '/login');
  await tid(page, 'login-submit').waitFor();
  await noHorizontalScroll(page);
  await screenshot(page, 'login-phone');

  await signIn(page);
  await page.waitForURL((u) => u.pathname === '/');
  // On a phone the menu is a drawer behind the toggle.
  assert.equal(await tid(page, 'menu-enterprise-list').count(), 0, 'no side menu on a phone until it is opened');
  await tid(page, 'menu-toggle').click();
  await tid(page, 'menu-enterprise-list').waitFor();
  await tid(page, 'menu-enterprise-list').click();
  await page.waitForURL((u) => u.pathname === '/enterprises');
  await tid(page, 'menu-enterprise-list').waitFor({ state: 'hidden' }); // the drawer closes on navigation
  await rowCount(page, SEED.length + 2);
  await noHorizontalScroll(page);

  const dialog = await importFile(page, 'phone.csv', importCsv([11, 12, 13], PHONE_NAMES));
  assert.equal(await statistic(page, 'import-imported'), '2');
  assert.equal(await statistic(page, 'import-rejected'), '1');
  await noHorizontalScroll(page);
  await screenshot(page, 'import-result-phone');
  await closeDialog(dialog);
  for (const name of PHONE_NAMES) await links(page).filter({ hasText: name }).waitFor();
  await rowCount(page, SEED.length + 4);
  await noHorizontalScroll(page);
  await screenshot(page, 'enterprise-list-phone');

  // The menu opens from the toggle on the list page too.
  await tid(page, 'menu-toggle').click();
  await tid(page, 'menu-enterprise-list').waitFor();
  await page.keyboard.press('Escape');
  await tid(page, 'menu-enterprise-list').waitFor({ state: 'hidden' });

  await links(page).filter({ hasText: DESK_NAMES[0] }).click();
  await tid(page, 'enterprise-name').filter({ hasText: DESK_NAMES[0] }).waitFor();
  await tid(page, 'status-history').locator('.el-timeline-item').nth(1).waitFor();
  await noHorizontalScroll(page);
  await screenshot(page, 'enterprise-detail-phone');

  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/enterprises');
  await rowCount(page, SEED.length + 4);
  await tid(page, 'lang-switch').click();
  await tid(page, 'enterprise-table').locator('thead').getByText(en.enterprise.field.work_status).waitFor();
  await noHorizontalScroll(page);
  await screenshot(page, 'enterprise-list-en-phone');
  assert.deepEqual(phone.errors.map(String), [], 'no uncaught errors in the page');
});
