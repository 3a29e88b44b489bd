// Notices in the browser: the district command finishes a draft (attachment, publish), the enterprise sees
// the unread badge in its inbox and opens the notice (the read receipt), and the command sees one read and
// one unread enterprise in the notice's recipients. A body with HTML shows it as text.
// FUGONG_SCREENSHOTS=1 also saves docs/screenshots/notice-detail.png and notice-inbox.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch, screenshot } from '../lib/browser.mjs';

const A = '220202'; // 吉林市昌邑区
const firm1 = uscc(A, 961);
const firm2 = uscc(A, 962);
const PW = 'Notice-pass-2020';
const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
// The built web UI; FUGONG_WEB_DIST points elsewhere (a private build while web/ is shared).
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
let server;
let noticeId;
const sessions = [];

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], textarea[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
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
  const admin = await server.login('admin', ADMIN_PASSWORD);
  for (const [code, name] of [[firm1, '吉林市昌邑通知测试一厂'], [firm2, '吉林市昌邑通知测试二厂']])
    await api('POST', '/api/v1/enterprises', admin, { uscc: code, name, region_code: A, industry_code: '34', size: 'small',
      employees: 30, work_status: 'work_resumed', status_date: '2020-02-05', contact: '刘芳', phone: '043262011111' });
  for (const body of [
    { username: 'district', password: PW, roles: ['commander'], region_code: A, display_name: '昌邑区指挥部' },
    { username: 'firm1', password: PW, roles: ['enterprise'], enterprise_uscc: firm1, display_name: '一厂联络员' },
  ]) await api('POST', '/api/v1/users', admin, body);
  const district = await server.login('district', PW);
  const n = await api('POST', '/api/v1/notices', district, { kind: 'guide', title: '企业复工复产防疫指导手册',
    body: '## 一、复工前\n\n- 设置隔离室\n- **备足口罩**\n\n<b>not bold</b>', region: A });
  noticeId = n.id;
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

test('the command adds an attachment and publishes the draft', async () => {
  const s = await launch();
  sessions.push(s);
  const { page } = s;
  await openAs(page, `/notices/${noticeId}/edit`, 'district');
  await field(page, 'notice-form-title').waitFor();
  assert.equal(await field(page, 'notice-form-title').inputValue(), '企业复工复产防疫指导手册');
  await tid(page, 'notice-file-input').setInputFiles({ name: '指导手册.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
  await page.waitForFunction(() => document.querySelectorAll('[data-test="notice-attachments"] .el-table__body tr').length === 1);
  await tid(page, 'notice-publish').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForURL((url) => url.pathname === `/notices/${noticeId}`);
  await page.waitForFunction(() => document.querySelector('[data-test="notice-detail-state"]')?.dataset.state === 'published');
  assert.equal((await tid(page, 'notice-count-recipients').textContent()).trim(), '2');
  assert.equal((await tid(page, 'notice-count-unread').textContent()).trim(), '2');
  // HTML in the body is text
  assert.equal(await page.locator('[data-test="notice-body"] b').count(), 0);
  assert.match(await tid(page, 'notice-body').textContent(), /<b>not bold<\/b>/);
  assert.equal(await page.locator('[data-test="notice-body"] strong').count(), 1);
});

test('the enterprise reads it from its inbox; the command sees who has not', async () => {
  const s = await launch();
  sessions.push(s);
  const { page } = s;
  await openAs(page, '/notice-inbox', 'firm1');
  const badge = tid(page, 'inbox-unread-badge');
  await page.waitForFunction(() => document.querySelector('[data-test="inbox-unread-badge"]')?.dataset.count === '1');
  await screenshot(page, 'notice-inbox');
  await tid(page, `inbox-link-${noticeId}`).click();
  await page.waitForURL((url) => url.pathname === `/notice-inbox/${noticeId}`);
  await tid(page, 'inbox-title').waitFor();
  assert.match(await tid(page, 'inbox-read-at').textContent(), /\d{4}-\d{2}-\d{2}/);
  await tid(page, 'inbox-back').click();
  await page.waitForFunction(() => document.querySelector('[data-test="inbox-unread-badge"]')?.dataset.count === '0');
  assert.ok(badge);

  const c = await launch();
  sessions.push(c);
  await openAs(c.page, `/notices/${noticeId}`, 'district');
  await c.page.waitForFunction(() => document.querySelector('[data-test="notice-count-read"]')?.textContent.trim() === '1');
  await c.page.locator(`[data-test="recipient-unread"][data-uscc="${firm2}"]`).waitFor();
  assert.equal(await c.page.locator('[data-test="recipient-unread"]').count(), 1, 'the unread list by default');
  await tid(c.page, 'recipient-filter-read').click();
  await c.page.locator(`[data-test="recipient-read"][data-uscc="${firm1}"]`).waitFor();
  assert.match(new URL(c.page.url()).search, /read=1/);
  await tid(c.page, 'recipient-filter-unread').click();
  await c.page.locator(`[data-test="recipient-unread"][data-uscc="${firm2}"]`).waitFor();
  await screenshot(c.page, 'notice-detail');
});
