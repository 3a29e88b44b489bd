// Issue 5 in the browser: an enterprise raises a demand (诉求), its cadre
// accepts and resolves it, the enterprise rates it — the closed loop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch } from '../lib/browser.mjs';

const A = '220202';
const firm = uscc(A, 741);
let server;
const sessions = [];

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
// An el-input puts data-test on its native input or textarea.
const text = (page, id) => page.locator(`input[data-test="${id}"], textarea[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function signIn(username, password) {
  const s = await launch();
  sessions.push(s);
  await s.page.goto(server.base + '/login');
  await text(s.page, 'login-username').fill(username);
  await text(s.page, 'login-password').fill(password);
  await tid(s.page, 'login-submit').click();
  await s.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return s.page;
}

async function state(page) {
  const tag = tid(page, 'demand-state');
  await tag.waitFor();
  return tag.getAttribute('data-state');
}

before(async () => {
  // A Monday morning in service hours.
  server = await startServer({ web: WEB_DIST, env: { FUGONG_NOW: '2020-02-17T09:00:00+08:00' } });
  const admin = await server.login('admin', ADMIN_PASSWORD);
  let r = await server.api('POST', '/api/v1/enterprises', { token: admin, body: {
    uscc: firm, name: '吉林市昌邑诉求测试有限公司', region_code: A + '001', industry_code: '13', size: 'small',
    employees: 60, work_status: 'work_resumed', status_date: '2020-02-10', contact: '李娜', phone: '13904319810' } });
  assert.equal(r.status, 201, r.text);
  for (const body of [
    { username: 'firm', password: 'Firm-pass-2020', roles: ['enterprise'], enterprise_uscc: firm },
    { username: 'cadre1', password: 'Cadre-pass-2020', roles: ['cadre'], region_code: A, display_name: '张干部' },
  ]) {
    r = await server.api('POST', '/api/v1/users', { token: admin, body });
    assert.equal(r.status, 201, r.text);
  }
  const cadre = (await server.api('GET', '/api/v1/users?q=cadre1', { token: admin })).body.items.find((u) => u.username === 'cadre1');
  r = await server.api('PUT', `/api/v1/enterprises/${firm}/responsibility`, { token: admin, body: { cadre: { user_id: cadre.id, rank: 'section' } } });
  assert.equal(r.status, 200, r.text);
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

test('raised by the enterprise, accepted and resolved by its cadre, rated by the enterprise', { timeout: 120000 }, async () => {
  // The enterprise raises it.
  const ent = await signIn('firm', 'Firm-pass-2020');
  await ent.goto(server.base + '/demands/mine');
  await tid(ent, 'demand-raise').click();
  await tid(ent, 'demand-dialog').waitFor();
  await tid(ent, 'demand-form-category').click();
  await tid(ent, 'demand-category-ppe').click();
  await text(ent, 'demand-form-title').fill('口罩库存仅够三天');
  await text(ent, 'demand-form-description').fill('员工120人，每日消耗240只，请协调采购渠道。');
  await tid(ent, 'demand-form-submit').click();
  // Submitting opens the new demand, waiting for acceptance, its clocks running.
  await ent.waitForURL((url) => /^\/demands\/\d+$/.test(url.pathname));
  const id = Number(new URL(ent.url()).pathname.split('/').pop());
  assert.match(await tid(ent, 'demand-title').textContent(), /口罩库存仅够三天/);
  assert.equal(await state(ent), 'new');

  // Routed to the enterprise's cadre, who accepts and resolves it.
  const cadre = await signIn('cadre1', 'Cadre-pass-2020');
  await cadre.goto(server.base + '/demands?mine=1');
  await tid(cadre, 'demand-link').first().click();
  await cadre.waitForURL((url) => url.pathname === `/demands/${id}`);
  assert.equal(await state(cadre), 'new');
  await tid(cadre, 'demand-accept').click();
  await cadre.waitForFunction(() => document.querySelector('[data-test="demand-state"]')?.dataset.state === 'accepted');
  await tid(cadre, 'demand-resolve').click();
  await text(cadre, 'demand-action-resolution').fill('已对接市物资保障组，调拨口罩2000只，明日送达。');
  await tid(cadre, 'demand-action-submit').click();
  await cadre.waitForFunction(() => document.querySelector('[data-test="demand-state"]')?.dataset.state === 'resolved');

  // The enterprise rates it (5 stars): closed.
  await ent.goto(`${server.base}/demands/${id}`);
  assert.equal(await state(ent), 'resolved');
  await tid(ent, 'demand-rate').click();
  await tid(ent, 'demand-action-rating').locator('.el-rate__item').nth(4).click();
  await tid(ent, 'demand-action-submit').click();
  await ent.waitForFunction(() => document.querySelector('[data-test="demand-state"]')?.dataset.state === 'rated');
  const d = await server.api('GET', `/api/v1/demands/${id}`, { token: await server.login('firm', 'Firm-pass-2020') });
  assert.equal(d.body.state, 'rated');
  assert.equal(d.body.rating, 5);
});
