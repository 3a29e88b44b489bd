// Issue 4 in the browser, office pages of workforce health: an enterprise keeps its roster (add with the
// ID number checked beside the field, import with the rejected rows), records a medical observation and
// sees it on the quarantine board; an admin adds a risk region; a fever at the gate shows up in the alert
// list, and a second one arrives while the page is open, without a reload (long poll).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch, screenshot } from '../lib/browser.mjs';

const NOW = '2020-02-10T09:00:00+08:00';
const A = '220202'; // 吉林市昌邑区
const firm = uscc(A, 811);
const FIRM_PW = 'Firm-pass-2020';
let server, admin, firmToken, siteId;
const sessions = [];
const emp = {};

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input, textarea[data-test="${id}"], [data-test="${id}"] textarea`).first();

// A valid resident ID number (GB 11643) from a region, a birth date and a serial.
function idNumber(region, birth, serial) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = region + birth + String(serial).padStart(3, '0');
  const sum = [...s].reduce((acc, c, i) => acc + Number(c) * W[i], 0);
  return s + '10X98765432'[sum % 11];
}
const wrongCheck = (id) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

async function signIn(page, username, password) {
  await page.goto(server.base + '/login');
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function newSession(username, password) {
  const s = await launch();
  sessions.push(s);
  await signIn(s.page, username, password);
  return s;
}

const tableRows = (page, id) => tid(page, id).locator('.el-table__body-wrapper tbody tr');

async function feverAtGate(employeeId, temperature) {
  const pass = await server.api('GET', `/api/v1/employees/${employeeId}/pass`, { token: firmToken });
  assert.equal(pass.status, 200, pass.text);
  const r = await server.api('POST', '/api/v1/checkins', { token: firmToken, body: { site: siteId, pass: pass.body.token, temperature } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.decision, 'deny', r.text);
}

before(async () => {
  server = await startServer({ web: WEB_DIST, env: { FUGONG_NOW: NOW } });
  admin = await server.login('admin', ADMIN_PASSWORD);
  let r = await server.api('POST', '/api/v1/enterprises', { token: admin, body: {
    uscc: firm, name: '吉林市昌邑员工测试制造有限公司', region_code: A, industry_code: '13', size: 'small',
    employees: 300, work_status: 'work_resumed', status_date: '2020-02-05', contact: '王伟', phone: '043262010000' } });
  assert.equal(r.status, 201, r.text);
  r = await server.api('POST', '/api/v1/users', { token: admin, body: { username: 'firm', password: FIRM_PW, roles: ['enterprise'], enterprise_uscc: firm } });
  assert.equal(r.status, 201, r.text);
  firmToken = await server.login('firm', FIRM_PW);
  for (const [key, body] of [
    ['zhang', { name: '张伟', id_number: idNumber(A, '19900307', 123), phone: '13904319810', department: '一车间', shift: '早班' }],
    ['wang', { name: '王强', id_number: idNumber('220203', '19950101', 789), phone: '13704320002', department: '一车间' }],
  ]) {
    r = await server.api('POST', `/api/v1/enterprises/${firm}/employees`, { token: firmToken, body });
    assert.equal(r.status, 201, r.text);
    emp[key] = r.body.id;
  }
  r = await server.api('POST', `/api/v1/enterprises/${firm}/sites`, { token: firmToken, body: { name: '东门' } });
  assert.equal(r.status, 201, r.text);
  siteId = r.body.id;
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

test('roster: add with the ID check digit beside the field, import with a rejected row', { timeout: 120000 }, async () => {
  const { page, errors } = await newSession('firm', FIRM_PW);
  await page.goto(server.base + '/workforce/employees');
  await tid(page, 'menu-workforce-employees').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-test="employee-table"] tbody tr').length === 2);
  // Masked as the server sends them.
  assert.match(await tableRows(page, 'employee-table').first().innerText(), /\*{10}/);

  // Add: a wrong check digit is refused beside the field before anything is sent.
  await tid(page, 'employee-add').click();
  const dialog = tid(page, 'employee-dialog');
  await dialog.waitFor();
  await field(page, 'employee-name').fill('赵敏');
  const good = idNumber(A, '19880808', 31);
  await field(page, 'employee-id-number').fill(wrongCheck(good));
  await field(page, 'employee-phone').click();
  const idError = dialog.locator('.el-form-item', { has: page.locator('[data-test="employee-id-number"]') }).locator('.el-form-item__error');
  await idError.waitFor();
  assert.match(await idError.innerText(), /校验位/);
  await field(page, 'employee-phone').fill('123');
  await field(page, 'employee-department').click();
  const phoneError = dialog.locator('.el-form-item', { has: page.locator('[data-test="employee-phone"]') }).locator('.el-form-item__error');
  await phoneError.waitFor();
  await field(page, 'employee-id-number').fill(good.toLowerCase());
  await field(page, 'employee-phone').fill('13904310001');
  await field(page, 'employee-department').fill('包装');
  await idError.waitFor({ state: 'detached' });
  await tid(page, 'employee-save').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.querySelectorAll('[data-test="employee-table"] tbody tr').length === 3);

  // Import: two good rows, one with a wrong check digit.
  const csv = ['姓名,身份证号,手机号,部门,住址区划代码,外省,班次',
    `钱亮,${idNumber(A, '19890909', 41)},13904310002,包装,220202,否,早班`,
    `孙丽,${idNumber('420102', '19920202', 42)},13904310003,仓储,420102,是,晚班`,
    `周差,${wrongCheck(idNumber(A, '19870707', 43))},13904310004,包装,,否,早班`].join('\n');
  await tid(page, 'employee-import').click();
  const importDialog = tid(page, 'import-dialog');
  await importDialog.waitFor();
  await tid(page, 'import-file-input').setInputFiles({ name: '员工名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await tid(page, 'import-file-name').filter({ hasText: '员工名单.csv' }).waitFor();
  await tid(page, 'import-submit').click();
  await tid(page, 'import-result').waitFor();
  const statistic = async (id) => (await tid(page, id).locator('.el-statistic__content').innerText()).trim();
  assert.equal(await statistic('import-imported'), '2');
  assert.equal(await statistic('import-rejected'), '1');
  const rejected = tid(page, 'import-rejected-table').locator('tbody tr');
  assert.equal(await rejected.count(), 1);
  const cells = (await rejected.first().locator('td').allInnerTexts()).map((c) => c.trim());
  assert.equal(cells[0], '4');
  assert.equal(cells[1], '身份证号');
  await tid(page, 'import-report').waitFor();
  await importDialog.locator('.el-dialog__footer').getByRole('button', { name: '关闭', exact: true }).click();
  await importDialog.waitFor({ state: 'hidden' });
  await page.waitForFunction(() => document.querySelectorAll('[data-test="employee-table"] tbody tr').length === 5);

  // Filters live in the URL.
  await field(page, 'employee-filter-department').fill('仓储');
  await tid(page, 'employee-search').click();
  await page.waitForURL((url) => url.searchParams.get('department') === '仓储');
  await page.waitForFunction(() => document.querySelectorAll('[data-test="employee-table"] tbody tr').length === 1);
  await tid(page, 'employee-reset').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-test="employee-table"] tbody tr').length === 5);
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 10000 });
  await screenshot(page, 'workforce-roster');
  assert.deepEqual(errors, []);
});

test('detail: record a medical observation; the pass turns red and the board lists it', { timeout: 90000 }, async () => {
  const { page, errors } = await newSession('firm', FIRM_PW);
  await page.goto(server.base + '/workforce/employees');
  await tableRows(page, 'employee-table').first().waitFor();
  await tid(page, 'employee-link').filter({ hasText: '张伟' }).click();
  await page.waitForURL(new RegExp(`/workforce/employees/${emp.zhang}$`));
  await tid(page, 'employee-name').filter({ hasText: '张伟' }).waitFor();
  assert.equal(await tid(page, 'reveal-id').count(), 0, 'an enterprise cannot read full ID numbers');
  // No declaration today yet: yellow.
  await page.waitForFunction(() => document.querySelector('[data-test="pass-colour"]')?.dataset.colour === 'yellow');
  assert.match(await tid(page, 'pass-qr').innerHTML(), /<svg/);

  await tid(page, 'hold-record').click();
  const dialog = tid(page, 'hold-dialog');
  await dialog.waitFor();
  await tid(page, 'hold-save').click();
  await dialog.locator('.el-form-item__error').first().waitFor(); // the reason is required
  await field(page, 'hold-reason').fill('发热门诊建议居家医学观察');
  await tid(page, 'hold-save').click();
  await dialog.waitFor({ state: 'hidden' });
  await tid(page, 'hold-table').locator('[data-kind="medical_observation"]').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-test="pass-colour"]')?.dataset.colour === 'red');
  assert.match(await tid(page, 'pass-reasons').innerText(), /医学观察/);

  // Extend it by two days: the change is kept with its reason.
  const holdId = (await server.api('GET', `/api/v1/employees/${emp.zhang}/holds`, { token: firmToken })).body.items[0].id;
  await tid(page, `hold-change-${holdId}`).click();
  await dialog.waitFor();
  const end = await field(page, 'hold-end').inputValue();
  const later = new Date(Date.parse(end + 'T00:00:00Z') + 2 * 86400000).toISOString().slice(0, 10);
  await field(page, 'hold-end').fill(later);
  await field(page, 'hold-end').press('Enter');
  await field(page, 'hold-reason').fill('复查');
  await tid(page, 'hold-save').click();
  await dialog.waitFor({ state: 'hidden' });
  await tableRows(page, 'hold-changes').filter({ hasText: '复查' }).waitFor();

  await page.goto(server.base + '/workforce/holds');
  const board = tid(page, 'board-table');
  const missing = tid(page, 'board-missing');
  await Promise.race([board.locator('tbody tr').first().waitFor(), missing.waitFor()]);
  if (await missing.count()) {
    console.log('# GET /enterprises/{uscc}/holds is not served by this binary: the board shows its notice');
  } else {
    await board.locator('tbody tr', { hasText: '张伟' }).waitFor();
    assert.equal((await tid(page, 'board-total').innerText()).trim(), '1');
  }
  assert.deepEqual(errors, []);
});

test('admin: add a risk region with the region cascader', { timeout: 90000 }, async () => {
  const { page, errors } = await newSession('admin', ADMIN_PASSWORD);
  await page.goto(server.base + '/workforce/risk-regions');
  await tid(page, 'risk-table').waitFor();
  await tid(page, 'risk-add').click();
  const dialog = tid(page, 'risk-dialog');
  await dialog.waitFor();
  await tid(page, 'risk-region').locator('.el-cascader').click();
  const panel = page.locator('.el-cascader__dropdown:visible');
  await panel.locator('.el-cascader-node', { hasText: '湖北省' }).click();
  await panel.locator('.el-cascader-node', { hasText: '武汉市' }).locator('.el-radio').click();
  await page.keyboard.press('Escape');
  await tid(page, 'risk-level-high').click();
  await field(page, 'risk-note').fill('浏览器测试');
  await tid(page, 'risk-save').click();
  await dialog.waitFor({ state: 'hidden' });
  const row = tableRows(page, 'risk-table').filter({ hasText: '武汉市' });
  await row.waitFor();
  assert.equal(await row.locator('[data-test="risk-level"]').getAttribute('data-level'), 'high');
  const list = await server.api('GET', '/api/v1/risk-regions', { token: admin });
  assert.ok(list.body.items.some((r) => r.region_code === '420100' && r.level === 'high'), JSON.stringify(list.body));
  assert.deepEqual(errors, []);
});

test('alerts: a fever at the gate is listed, a new one arrives without a reload, and is acknowledged', { timeout: 120000 }, async () => {
  await feverAtGate(emp.wang, 38.6);
  const { page, errors } = await newSession('firm', FIRM_PW);
  await page.goto(server.base + '/workforce/alerts');
  const rows = tableRows(page, 'alert-table');
  await rows.filter({ hasText: '王强' }).waitFor();
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().locator('[data-test="alert-kind"]').getAttribute('data-kind'), 'fever');
  await page.waitForFunction(() => Number(document.querySelector('[data-test="alert-bell"]')?.dataset.count) === 1);
  // The export is the server's file of the whole filtered list.
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="alert-export-xlsx"]').click()]);
  assert.match(file.suggestedFilename(), /\.xlsx$/);

  const wait = await server.api('GET', '/api/v1/alerts/wait', { token: firmToken });
  if (wait.status === 200) {
    // The feed is live once the page has its starting point; then a second fever comes in.
    await page.waitForFunction(() => document.querySelector('[data-test="alert-live"]')?.dataset.state === 'live');
    const reloads = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && reloads.push(f.url()));
    const byName = (n) => rows.filter({ hasText: n });
    const r = await server.api('GET', `/api/v1/enterprises/${firm}/employees?q=${encodeURIComponent('钱亮')}`, { token: firmToken });
    await feverAtGate(r.body.items[0].id, 38.9);
    await byName('钱亮').waitFor({ timeout: 30000 });
    assert.equal(await rows.count(), 2);
    assert.match((await rows.first().innerText()), /钱亮/, 'the new alert is on top');
    assert.match(await rows.first().getAttribute('class'), /row-fresh/);
    await page.locator('.el-notification').filter({ hasText: '钱亮' }).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-test="alert-bell"]')?.dataset.count) === 2);
    assert.deepEqual(reloads, []);
    await screenshot(page, 'workforce-alerts');
  } else {
    console.log(`# /alerts/wait answers ${wait.status}: live arrival not checked`);
    await screenshot(page, 'workforce-alerts');
  }

  // Acknowledge the first (王强's) with a note.
  const alerts = await server.api('GET', '/api/v1/alerts', { token: firmToken });
  const wang = alerts.body.items.find((a) => a.person_name === '王强');
  await tid(page, `alert-ack-${wang.id}`).click();
  await tid(page, 'ack-dialog').waitFor();
  await field(page, 'ack-note').fill('已送发热门诊');
  await tid(page, 'ack-submit').click();
  await tid(page, 'ack-dialog').waitFor({ state: 'hidden' });
  await rows.filter({ hasText: '已送发热门诊' }).waitFor();
  const after = await server.api('GET', '/api/v1/alerts?open=1', { token: firmToken });
  assert.ok(!after.body.items.some((a) => a.id === wang.id));
  assert.deepEqual(errors, []);
});
