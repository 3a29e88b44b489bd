// 包保 in the browser: the district commander opens 包保责任, tries a 科级 cadre on a 规上 enterprise and is
// warned by the rank rule before saving, assigns a 处级 one instead and the 科级 cadre to a small
// enterprise; that cadre sees the enterprise on 我的工作台 as never visited, records a visit from the row
// and sees it there at once; then records a call on the phone page 走访登记 (/m/visit); 覆盖情况 shows the
// figures of the district. FUGONG_SCREENSHOTS=1 also saves docs/screenshots/responsibility-chains.png,
// responsibility-workbench.png and responsibility-phone.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch, screenshot } from '../lib/browser.mjs';

const NOW = '2020-02-20T10:00:00+08:00';
const A = '220202'; // 吉林市昌邑区
const big = uscc(A, 931);
const small = uscc(A, 932);
const other = uscc(A, 933);
const PW = 'Cadre-pass-2020';
const PHONE = { width: 390, height: 844 };
// The built web UI; FUGONG_WEB_DIST points elsewhere (a private build while web/ is shared).
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
let server;
let admin;
const ids = {};
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
  for (const [code, name, extra] of [
    [big, '吉林市昌邑化纤股份有限公司', { size: 'large', above_scale_industrial: true }],
    [small, '吉林市昌邑小微包装有限公司', { size: 'small' }],
    [other, '吉林市昌邑另一家小微公司', { size: 'micro' }],
  ]) {
    await api('POST', '/api/v1/enterprises', admin, { uscc: code, name, region_code: A, industry_code: '13',
      employees: 60, work_status: 'work_resumed', status_date: '2020-02-12', ...extra });
  }
  for (const [username, display_name, roles, rank] of [
    ['cmd', '昌邑区指挥部', ['commander']],
    ['qian', '钱科长', ['cadre'], 'section'],
    ['zhao', '赵处长', ['cadre'], 'division'],
  ]) {
    const u = await api('POST', '/api/v1/users', admin, { username, display_name, password: PW, roles, region_code: A });
    ids[username] = u.id;
    if (rank) await api('PUT', `/api/v1/responsibility/cadres/${u.id}`, admin, { rank });
  }
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

async function pickCadre(page, username) {
  await tid(page, 'chain-cadre-user').click();
  await tid(page, `chain-cadre-${username}`).click();
}

test('the commander assigns cadres under the rank rule', { timeout: 90000 }, async () => {
  const s = await session();
  const page = s.page;
  await openAs(page, '/responsibility/chains', 'cmd');
  await tid(page, `chain-edit-${big}`).waitFor();
  assert.equal(await tid(page, `chain-coverage-${big}`).getAttribute('data-coverage'), 'none');

  // A 科级 cadre on the 规上 enterprise: warned as the choice is made, refused without an override.
  await tid(page, `chain-edit-${big}`).click();
  await tid(page, 'chain-rule-hint').waitFor();
  await pickCadre(page, 'qian');
  await tid(page, 'chain-rule-broken').waitFor();
  await tid(page, 'chain-save').click();
  await page.waitForTimeout(300);
  assert.equal((await api('GET', `/api/v1/enterprises/${big}/responsibility`, admin)).links.cadre, undefined, 'nothing saved');
  // The 处级 one passes.
  await pickCadre(page, 'zhao');
  await tid(page, 'chain-rule-broken').waitFor({ state: 'detached' });
  await field(page, 'chain-grid-unit').fill('第三网格');
  await tid(page, 'chain-save').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.coverage === 'covered', `[data-test="chain-coverage-${big}"]`);

  await tid(page, `chain-edit-${small}`).click();
  await pickCadre(page, 'qian');
  await field(page, 'chain-cadre-phone').fill('13904320001');
  await tid(page, 'chain-save').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.coverage === 'covered', `[data-test="chain-coverage-${small}"]`);
  assert.match(await tid(page, 'chain-table').textContent(), /139\*\*\*\*0001/, 'phones are masked in the list');
  await screenshot(page, 'responsibility-chains');

  const chain = await api('GET', `/api/v1/enterprises/${small}/responsibility`, admin);
  assert.equal(chain.links.cadre.user_id, ids.qian);
  assert.equal((await api('GET', `/api/v1/enterprises/${big}/responsibility`, admin)).links.grid.unit, '第三网格');

  await page.goto(server.base + `/responsibility/coverage?region=${A}`);
  await tid(page, 'coverage-uncovered').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-test="coverage-enterprises"]')?.textContent.trim() === '3');
  assert.equal((await tid(page, 'coverage-uncovered').textContent()).trim(), '1');
  assert.equal((await tid(page, 'coverage-key-without-division').textContent()).trim(), '0');
  assert.match(await tid(page, 'coverage-table').textContent(), /另一家小微/);
  assert.deepEqual(s.errors, []);
});

test('the cadre records a visit from the workbench and on the phone', { timeout: 90000 }, async () => {
  const s = await session();
  const page = s.page;
  await openAs(page, '/workbench', 'qian');
  await tid(page, `workbench-due-${small}`).waitFor();
  assert.equal((await tid(page, 'workbench-enterprises').textContent()).trim(), '1');
  assert.equal((await tid(page, 'workbench-due').textContent()).trim(), '1');
  assert.equal((await tid(page, `workbench-last-${small}`).textContent()).trim(), '从未走访');
  assert.equal(await tid(page, `workbench-reported-${small}`).getAttribute('data-reported'), 'false');

  await tid(page, `workbench-visit-${small}`).click();
  await tid(page, 'visit-save').waitFor();
  await tid(page, 'visit-save').click();
  await tid(page, 'visit-dialog').getByText('请填写情况摘要').waitFor();
  await field(page, 'visit-summary').fill('实地查看复工防疫措施，测温登记到位');
  await field(page, 'visit-problems').fill('口罩库存仅够 3 天');
  await tid(page, 'visit-save').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('2020-02-20 10:00'), `[data-test="workbench-last-${small}"]`);
  await tid(page, `workbench-due-${small}`).waitFor({ state: 'detached' });
  assert.equal((await tid(page, 'workbench-due').textContent()).trim(), '0');
  assert.match(await tid(page, 'workbench-recent').textContent(), /实地查看复工防疫措施/);
  await screenshot(page, 'responsibility-workbench');

  const p = await session(PHONE);
  await openAs(p.page, '/m/visit', 'qian');
  await tid(p.page, `m-visit-enterprise-${small}`).click();
  await tid(p.page, 'm-visit-kind-call').click();
  await field(p.page, 'm-visit-summary').fill('电话调度用工情况，返岗 40 人');
  await tid(p.page, 'm-visit-next-7').click();
  await screenshot(p.page, 'responsibility-phone');
  await tid(p.page, 'm-visit-submit').click();
  await tid(p.page, 'm-visit-done').waitFor();

  const visits = await api('GET', `/api/v1/enterprises/${small}/visits`, admin);
  assert.equal(visits.total, 2);
  assert.equal(visits.items[0].kind, 'call');
  assert.equal(visits.items[0].next_visit_date, '2020-02-27');
  assert.equal(visits.items[1].problems, '口罩库存仅够 3 天');
  const summary = await api('GET', `/api/v1/visits/summary?region=${A}&from=2020-02-20&to=2020-02-20`, admin);
  assert.equal(summary.text, '调度企业1户、2户次');
  assert.deepEqual(s.errors, []);
  assert.deepEqual(p.errors, []);
});
