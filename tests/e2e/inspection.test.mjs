// Inspections in the browser: the inspector on a phone opens the task, passes the checklist item by item,
// fails 口罩 and records the finding (限期整改) with a photo from the camera input, and submits; the
// enterprise contact opens the finding on the desktop, uploads a rectification photo and submits the
// evidence; the inspector re-checks it and closes it, which closes the task.
// FUGONG_SCREENSHOTS=1 also saves docs/screenshots/inspection-phone.png and inspection-findings.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch, screenshot } from '../lib/browser.mjs';

const NOW = '2020-02-14T10:00:00+08:00';
const A = '220202'; // 吉林市昌邑区
const firm = uscc(A, 915);
const PW = 'Inspect-pass-2020';
const PHONE = { width: 390, height: 844 };
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

let server, admin, taskId;
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
  server = await startServer({ web: WEB, env: { FUGONG_NOW: NOW } });
  admin = await server.login('admin', ADMIN_PASSWORD);
  await api('POST', '/api/v1/enterprises', admin, {
    uscc: firm, name: '吉林市昌邑督导测试机械有限公司', region_code: A, industry_code: '34', size: 'medium',
    employees: 120, work_status: 'work_resumed', status_date: '2020-02-05' });
  const users = {};
  for (const body of [
    { username: 'insp', password: PW, roles: ['inspector'], region_code: A, display_name: '督导组张强' },
    { username: 'ent', password: PW, roles: ['enterprise'], enterprise_uscc: firm, display_name: '企业防疫联络员' },
    { username: 'cmd', password: PW, roles: ['commander'], region_code: A, display_name: '区指挥部' },
  ]) users[body.username] = (await api('POST', '/api/v1/users', admin, body)).id;
  const cmd = await server.login('cmd', PW);
  taskId = (await api('POST', '/api/v1/inspections/tasks', cmd, { kind: 'guidance', uscc: firm, inspector_id: users.insp, due_date: '2020-02-15' })).id;
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

test('from a finding on the phone to its closure after the evidence', { timeout: 120000 }, async () => {
  // ---- The inspector on a phone ----
  const phone = await session(PHONE);
  const page = phone.page;
  await openAs(page, `/m/inspection/${taskId}`, 'insp');
  await tid(page, 'm-insp-header').waitFor();
  assert.equal(await tid(page, 'm-insp-state').getAttribute('data-state'), 'in_progress', 'opening the form starts the task');
  const checklist = (await api('GET', `/api/v1/inspections/tasks/${taskId}`, admin)).checklist.map((i) => i.code);
  for (const code of checklist) {
    if (code === 'masks') continue;
    await tid(page, `m-insp-item-${code}-yes`).click();
    await page.waitForFunction((c) => document.querySelector(`[data-test="m-insp-item-${c}"]`)?.dataset.answer === 'true', code);
  }
  // Submitting early names the missing item.
  await tid(page, 'm-insp-submit').click();
  await tid(page, 'm-insp-item-error-masks').waitFor();
  // 不合格 asks for the finding, with the item chosen.
  await tid(page, 'm-insp-item-masks-no').click();
  await tid(page, 'm-insp-finding-description').waitFor();
  await field(page, 'm-insp-finding-description').fill('口罩储备不足三天用量');
  await tid(page, 'm-insp-finding-disposition-rectify_by_deadline').click();
  // A deadline in the past is refused beside the field.
  await field(page, 'm-insp-finding-deadline').fill('2020-02-10');
  await tid(page, 'm-insp-finding-save').click();
  await page.locator('[data-test="m-insp-finding-deadline"] .van-field__error-message').waitFor();
  await field(page, 'm-insp-finding-deadline').fill('2020-02-18');
  await tid(page, 'm-insp-finding-save').click();
  const findings = (await api('GET', `/api/v1/inspections/findings?task=${taskId}`, admin)).items;
  assert.equal(findings.length, 1);
  const finding = findings[0];
  assert.equal(finding.deadline, '2020-02-18');
  // A photo from the camera input.
  await tid(page, `m-insp-photo-input-${finding.id}`).setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
  await page.locator(`[data-test="m-insp-finding-${finding.id}"] img`).first().waitFor();
  if (process.env.FUGONG_SCREENSHOTS === '1') {
    await page.locator('.van-toast').waitFor({ state: 'hidden' }).catch(() => {});
    await tid(page, `m-insp-finding-${finding.id}`).scrollIntoViewIfNeeded();
    await screenshot(page, 'inspection-phone');
  }
  await tid(page, 'm-insp-submit').click();
  await tid(page, 'm-insp-done').waitFor();
  assert.equal((await api('GET', `/api/v1/inspections/tasks/${taskId}`, admin)).state, 'rectifying');

  // ---- The enterprise uploads its evidence ----
  const desk = await session();
  const epage = desk.page;
  await openAs(epage, `/inspection/findings/${finding.id}`, 'ent');
  await tid(epage, 'evidence-form').waitFor();
  assert.equal(await tid(epage, 'finding-detail-state').getAttribute('data-state'), 'open');
  assert.equal(await tid(epage, 'finding-detail-clock').getAttribute('data-level'), 'ok');
  await tid(epage, 'evidence-file-input').setInputFiles({ name: 'bought.png', mimeType: 'image/png', buffer: PNG });
  await epage.locator('[data-test^="finding-photo-"][data-stage="evidence"]').first().waitFor();
  await tid(epage, 'evidence-submit').click();
  await epage.locator('[data-test="evidence-form"] .field-error').waitFor(); // the note is required
  await field(epage, 'evidence-note').fill('已采购口罩 5000 只，可用 10 天');
  await tid(epage, 'evidence-submit').click();
  await epage.locator('[data-test="finding-detail-state"][data-state="submitted"]').waitFor();

  // ---- The inspector re-checks and closes ----
  const ipage = await phone.newPage({ viewport: { width: 1366, height: 800 } });
  await ipage.goto(`${server.base}/inspection/findings/${finding.id}`);
  await tid(ipage, 'recheck-form').waitFor();
  await field(ipage, 'recheck-comment').fill('复查整改到位');
  await tid(ipage, 'recheck-pass').click();
  await ipage.locator('[data-test="finding-detail-state"][data-state="closed"]').waitFor();
  await tid(ipage, 'finding-event-recheck_pass').waitFor();
  assert.equal((await api('GET', `/api/v1/inspections/tasks/${taskId}`, admin)).state, 'closed');
  // 整改跟踪 lists it as closed.
  await ipage.goto(`${server.base}/inspection/findings?state=closed`);
  await tid(ipage, `finding-open-${finding.id}`).waitFor();
  if (process.env.FUGONG_SCREENSHOTS === '1') await screenshot(ipage, 'inspection-findings');
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(desk.errors, []);
});
