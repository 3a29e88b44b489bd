// Issue 9 in the browser: the department in charge (发展和改革局) imports key projects from a spreadsheet,
// sees the imported and the rejected rows (row, column, reason), the registry lists the projects, and the
// command dashboard shows the projects' 开复工率 from the imported status, which opens the project
// statistics with the same figure. Constructed data with known answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, launch } from '../lib/browser.mjs';

const D = '2020-02-20';
const NOW = `${D}T10:30:00+08:00`;
const A = '220202'; // 吉林市昌邑区
const PW = 'Project-pass-2020';
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const owner = uscc(A, 951), builder = uscc(A, 952);
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
  for (const code of [owner, builder]) {
    await api('POST', '/api/v1/enterprises', admin, { uscc: code, name: `项目页面企业${code.slice(-4)}有限公司`, region_code: A,
      industry_code: '48', size: 'medium', employees: 60, work_status: 'work_resumed', status_date: '2020-01-20', contact: '王伟', phone: '043262010000' });
  }
  await api('POST', '/api/v1/users', admin, { username: 'pj_fgj_ui', password: PW, roles: ['department'], region_code: A, department: '发展和改革局' });
  browser = await launch({ viewport: DESKTOP });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('project import, its row-level errors, and the dashboard figure', async () => {
  const { page } = browser;
  await page.goto(`${server.base}/login`);
  await field(page, 'login-username').fill('pj_fgj_ui');
  await field(page, 'login-password').fill(PW);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${server.base}/projects`);
  await tid(page, 'project-table').waitFor();
  const csv = [
    '项目编号,项目名称,业主单位统一社会信用代码,施工单位统一社会信用代码,所属区划代码,项目类别,总投资（万元）,年度计划投资（万元）,计划开复工日期,实际开复工日期,计划竣工日期,计划用工人数',
    `UI-1,北环路改造工程,${owner},${builder},${A},市重点,5000,1200,2020-02-10,2020-02-12,2020-12-31,80`,
    `UI-2,第二水厂扩建,${owner},,${A},省重点,8000,2000,2020-02-25,,2021-06-30,120`,
    `UI-3,未知类别项目,${owner},,${A},区重点,100,50,2020-02-10,,2020-06-30,10`,
  ].join('\n') + '\n';
  await page.locator('[data-test="project-import-upload"] input[type=file]').setInputFiles({ name: 'projects.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await tid(page, 'project-import-summary').filter({ hasText: '新增 2 个，更新 0 个，拒绝 1 行' }).waitFor();
  const rejected = await tid(page, 'project-import-rejected').textContent();
  assert.match(rejected, /4/);
  assert.match(rejected, /项目类别/);
  assert.match(rejected, /未知的项目类别/);
  await tid(page, 'project-import-close').click();
  await tid(page, 'project-link-UI-1').waitFor();
  await tid(page, 'project-link-UI-2').waitFor();
  assert.equal(await tid(page, 'project-status').count(), 2);
  assert.equal(await page.locator('[data-test="project-status"][data-status="resumed"]').count(), 1);

  // The dashboard: 1 of 2 projects under way on D.
  await page.goto(`${server.base}/dashboard?date=${D}`);
  await tid(page, 'dashboard-project-rate').filter({ hasText: '50%' }).waitFor();
  assert.match(await tid(page, 'dashboard-project-count').textContent(), /1 \/ 2/);
  await tid(page, 'dashboard-projects-link').click();
  await page.waitForURL((url) => url.pathname === '/projects/stats');
  await tid(page, 'project-rate').filter({ hasText: '50%' }).waitFor();
  assert.equal((await tid(page, 'project-rate-den').textContent()).trim(), '2');
  // The count opens the project behind it.
  await tid(page, 'project-count-not_started').click();
  await tid(page, 'project-behind-table').filter({ hasText: '第二水厂扩建' }).waitFor();
});
