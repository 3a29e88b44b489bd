// Issue 7 in the browser: the admin opens 数据保存与清理, sees the entry logs of a day more than 28 days ago
// due, runs a dry run (nothing deleted), purges with the confirmation, and finds the purge in the log; the
// entry log of that day is empty afterwards, while a fresh day's entries show their 保存至 date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, launch, screenshot, SCREENSHOTS } from '../lib/browser.mjs';
import { cleanup, kill, client, relogin, setup, spawnServer } from '../lib/load.mjs';

const OLD = '2020-02-10';
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
let s, srv, browser, fx;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input`).first();

before(async () => {
  s = await startServer({ web: WEB, env: { FUGONG_NOW: `${OLD}T08:00:00+08:00` } });
  const admin = await s.login('admin', ADMIN_PASSWORD);
  const api = client(s.base);
  fx = await setup(api, admin, { firms: 1, perFirm: 3 });
  for (const p of fx.firms[0].passes) {
    const r = await api('POST', '/api/v1/checkins', { token: fx.firms[0].gate, body: { site: fx.firms[0].site, pass: p.token, temperature: 36.5 } });
    assert.equal(r.status, 200, r.text);
  }
  await kill(s.child);
  // Five weeks later (the purge job does nothing at start: the page purges).
  srv = await spawnServer(s.db, { FUGONG_NOW: '2020-03-20T10:00:00+08:00' }, { web: WEB });
  browser = await launch({ viewport: DESKTOP });
});

after(async () => {
  await browser?.close();
  if (srv) await kill(srv.child);
  await cleanup(s);
});

test('dry run, purge with confirmation, the log', async () => {
  const { page } = browser;
  await page.goto(`${srv.base}/login`);
  await field(page, 'login-username').fill('admin');
  await field(page, 'login-password').fill(ADMIN_PASSWORD);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${srv.base}/system/retention`);
  await tid(page, 'retention-due-entry_logs').filter({ hasText: '3' }).waitFor();
  assert.equal((await tid(page, 'retention-days-entry_logs').textContent()).trim(), '28');
  await tid(page, 'retention-dry-run').click();
  await tid(page, 'retention-message').filter({ hasText: '试运行' }).waitFor();
  assert.equal((await tid(page, 'retention-due-entry_logs').textContent()).trim(), '3', 'a dry run deletes nothing');
  await tid(page, 'retention-purge').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await tid(page, 'retention-message').filter({ hasText: '已删除' }).waitFor();
  await tid(page, 'retention-due-entry_logs').filter({ hasText: /^0$/ }).waitFor();
  await tid(page, 'retention-log').locator('tbody tr', { hasText: '出入登记' }).waitFor();
  assert.match(await tid(page, 'retention-log').textContent(), /2020-02-21/); // cutoff: 03-20 − 28 days
  if (SCREENSHOTS) await screenshot(page, 'retention');
  // The filter lives in the URL.
  await page.goto(`${srv.base}/system/retention?kind=alerts`);
  await tid(page, 'retention-log').locator('.el-table__empty-text').waitFor();
  await relogin(client(srv.base), fx);
  const r = await client(srv.base)('GET', `/api/v1/sites/${fx.firms[0].site}/entries?date=${OLD}`, { token: fx.firms[0].ent });
  assert.equal(r.body.total, 0);
});
