// Online recruitment in the browser, the main path: an enterprise posts a job in 招聘岗位; the HR
// department (人社) approves it on the job's page; a job seeker finds it on the public board on a phone,
// registers there (no account before), comes back to the job and applies; the enterprise sees the
// applicant in 应聘人员 with the mobile masked, reveals it (audited) and invites them to an interview;
// the seeker sees the answer in 我的投递.
// FUGONG_SCREENSHOTS=1 also saves docs/screenshots/recruitment-board.png and recruitment-applicants.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch, screenshot } from '../lib/browser.mjs';

const A = '220202'; // 吉林市昌邑区
const firm = uscc(A, 961);
const PW = 'Job-pass-2020';
const MOBILE = '13904318866';
const PHONE = { width: 390, height: 844 };
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const TITLE = '数控车床操作工';
let server;
let admin;
let jobId = '';
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
    uscc: firm, name: '吉林市昌邑精密机械厂', region_code: A, industry_code: '34', size: 'small',
    employees: 40, work_status: 'work_resumed', status_date: '2020-02-10' });
  for (const body of [
    { username: 'firm', password: PW, roles: ['enterprise'], enterprise_uscc: firm, display_name: '机械厂人事' },
    { username: 'hr', password: PW, roles: ['department'], region_code: '220200', department: '人力资源和社会保障局', display_name: '市人社局' },
  ]) await api('POST', '/api/v1/users', admin, body);
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

test('the enterprise posts a job and the HR department approves it', async () => {
  const { page, errors } = await session();
  await openAs(page, '/recruitment/jobs', 'firm');
  await tid(page, 'job-add').click();
  await tid(page, 'job-form-submit').click();
  await page.getByText('请填写岗位名称').waitFor();
  await field(page, 'job-form-title').fill(TITLE);
  await field(page, 'job-form-headcount').fill('6');
  await field(page, 'job-form-pay-min').fill('4500');
  await field(page, 'job-form-pay-max').fill('6500');
  await field(page, 'job-form-requirements').fill('有数控车床操作经验，能看懂图纸。');
  await tid(page, 'job-form-submit').click();
  const link = page.locator('[data-test^="job-link-"]').first();
  await link.waitFor();
  jobId = (await link.getAttribute('data-test')).replace('job-link-', '');
  assert.equal(await tid(page, 'job-state').first().getAttribute('data-state'), 'pending');
  assert.deepEqual(errors, []);

  const { page: hr } = await session();
  await openAs(hr, `/recruitment/jobs/${jobId}`, 'hr');
  await tid(hr, 'job-title').waitFor();
  assert.equal(await tid(hr, 'job-detail-state').getAttribute('data-state'), 'pending');
  await field(hr, 'job-review-note-input').fill('材料齐全，同意发布');
  await tid(hr, 'job-approve').click();
  await hr.waitForFunction(() => document.querySelector('[data-test="job-detail-state"]')?.dataset.state === 'approved');
  await tid(hr, 'job-event-approved').waitFor();
});

test('a job seeker finds the job on the public board, registers on the phone and applies', async () => {
  assert.ok(jobId, 'the first test posted a job');
  const { page, errors } = await session(PHONE);
  await page.goto(server.base + '/jobs');
  await tid(page, `board-job-${jobId}`).waitFor();
  assert.equal(new URL(page.url()).pathname, '/jobs', 'no sign-in needed');
  await field(page, 'board-q').fill('数控');
  await field(page, 'board-q').press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === '数控');
  await tid(page, `board-job-${jobId}`).waitFor();
  await screenshot(page, 'recruitment-board');
  await tid(page, `board-job-${jobId}`).click();
  await page.waitForURL((url) => url.pathname === `/jobs/${jobId}`);
  await tid(page, 'board-detail-title').waitFor();
  await tid(page, 'board-register-apply').click();
  await page.waitForURL((url) => url.pathname === '/m/register');
  await field(page, 'm-register-username').fill('zhangsan2020');
  await field(page, 'm-register-name').fill('张三');
  await field(page, 'm-register-mobile').fill('1390431');
  await field(page, 'm-register-password').fill(PW);
  await tid(page, 'm-register-submit').click();
  await page.getByText('请输入 11 位手机号').waitFor();
  await field(page, 'm-register-mobile').fill(MOBILE);
  await tid(page, 'm-register-submit').click();
  await page.waitForURL((url) => url.pathname === `/jobs/${jobId}`);
  await field(page, 'board-message').fill('本人有三年数控车床经验。');
  await tid(page, 'board-apply').click();
  await tid(page, 'board-applied').waitFor();
  await tid(page, 'board-go-applications').click();
  await page.waitForURL((url) => url.pathname === '/m/applications');
  const state = tid(page, 'm-application-state').first();
  await state.waitFor();
  assert.equal(await state.getAttribute('data-state'), 'applied');
  assert.deepEqual(errors, []);
});

test('the enterprise sees the applicant, masked, reveals the mobile and invites to an interview', async () => {
  const { page } = await session();
  await openAs(page, '/recruitment/applications', 'firm');
  const name = tid(page, 'applicant-name').first();
  await name.waitFor();
  assert.equal((await name.textContent()).trim(), '张三');
  const mobile = page.locator('[data-test^="applicant-mobile-"]').first();
  const appId = (await mobile.getAttribute('data-test')).replace('applicant-mobile-', '');
  assert.equal((await mobile.textContent()).trim(), '139****8866');
  assert.ok(!(await page.content()).includes(MOBILE), 'masked until revealed');
  await screenshot(page, 'recruitment-applicants');
  await tid(page, `applicant-reveal-${appId}`).click();
  await page.waitForFunction(([id, no]) => document.querySelector(`[data-test="applicant-mobile-${id}"]`)?.textContent.includes(no), [appId, MOBILE]);
  await tid(page, `applicant-move-${appId}`).click();
  await tid(page, 'applicant-to-interview').click();
  await page.locator('.el-message-box input').fill('请于周一上午九点到厂面试');
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForFunction(() => document.querySelector('[data-test="applicant-state"]')?.dataset.state === 'interview');
  const audit = await api('GET', '/api/v1/audit-logs?size=100', admin);
  assert.ok(audit.items.some((a) => a.action === 'read_personal_data' && a.object.startsWith(`job_application=${appId}`) && a.username === 'firm'));
  const seeker = await server.login('zhangsan2020', PW);
  const mine = await api('GET', '/api/v1/resume/applications', seeker);
  assert.equal(mine.items[0].state, 'interview');
  assert.equal(mine.items[0].note, '请于周一上午九点到厂面试');
});
