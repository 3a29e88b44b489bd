// Supplies in the browser, the main path: the enterprise declares a need for masks (物资需求), the district's
// 工信局 verifies it for less and allocates it from its warehouse, dispatches it with the vehicle and records
// the delivery (物资调拨); the enterprise confirms the hand-over with its signer. The API then shows the
// confirmed allocation, the ledger's four movements and the stock left. Constructed data with known answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, launch } from '../lib/browser.mjs';

const NOW = '2020-02-14T10:30:00+08:00';
const A = '220202'; // 吉林市昌邑区
const PW = 'Supply-pass-2020';
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const firm = uscc(A, 951);
let server, admin, ent, dept, warehouse;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

async function signIn(username) {
  const b = await launch({ viewport: DESKTOP });
  await b.page.goto(`${server.base}/login`);
  await field(b.page, 'login-username').fill(username);
  await field(b.page, 'login-password').fill(PW);
  await tid(b.page, 'login-submit').click();
  await b.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return b;
}

// Picks an option of an el-select whose outer element carries data-test.
async function choose(page, selectId, optionText) {
  await tid(page, selectId).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first().click();
}

before(async () => {
  server = await startServer({ web: WEB, env: { FUGONG_NOW: NOW } });
  admin = await server.login('admin', ADMIN_PASSWORD);
  await api('POST', '/api/v1/enterprises', admin, { uscc: firm, name: '物资页面测试有限公司', region_code: A, industry_code: '13',
    size: 'small', employees: 40, work_status: 'work_resumed', status_date: '2020-02-05' });
  await api('POST', '/api/v1/users', admin, { username: 'sp_firm', password: PW, roles: ['enterprise'], enterprise_uscc: firm, display_name: '王伟' });
  await api('POST', '/api/v1/users', admin, { username: 'sp_gxj', password: PW, roles: ['department'], region_code: A, department: '工业和信息化局' });
  const token = await server.login('sp_gxj', PW);
  warehouse = (await api('POST', '/api/v1/supplies/warehouses', token, { name: '昌邑区物资周转库', region_code: A })).id;
  await api('POST', `/api/v1/supplies/warehouses/${warehouse}/receipts`, token, { item: 'mask_ordinary', quantity: 5000 });
});

after(async () => {
  await ent?.close();
  await dept?.close();
  await server?.stop();
});

test('need declared → verified → allocated → dispatched → delivered → confirmed', async () => {
  // The enterprise declares 1,200 masks.
  ent = await signIn('sp_firm');
  await ent.page.goto(`${server.base}/supplies/needs`);
  await tid(ent.page, 'supply-declare').click();
  await choose(ent.page, 'supply-need-item', '一次性普通口罩');
  await field(ent.page, 'supply-need-quantity').fill('1200');
  await field(ent.page, 'supply-need-purpose').fill('复工首周员工防护');
  await tid(ent.page, 'supply-need-submit').click();
  await tid(ent.page, 'supply-need-state').filter({ hasText: '待核实' }).waitFor();
  const id = await tid(ent.page, 'supply-need-state').first().getAttribute('data-id');

  // The department verifies 1,000 and allocates them from its warehouse.
  dept = await signIn('sp_gxj');
  await dept.page.goto(`${server.base}/supplies/needs?state=declared`);
  await tid(dept.page, `supply-verify-${id}`).click();
  await field(dept.page, 'supply-verify-quantity').fill('1000');
  await field(dept.page, 'supply-verify-note').fill('按在岗人数核减');
  await tid(dept.page, 'supply-verify-submit').click();
  await dept.page.goto(`${server.base}/supplies/needs?open=1`);
  await tid(dept.page, `supply-allocate-${id}`).click();
  await tid(dept.page, 'supply-allocate-warehouse').filter({ hasText: '昌邑区物资周转库' }).waitFor();
  assert.equal(await field(dept.page, 'supply-allocate-quantity').inputValue(), '1000');
  await tid(dept.page, 'supply-allocate-submit').click();
  await dept.page.locator('.el-message--success').first().waitFor();

  // Dispatch with the vehicle, then delivery.
  await dept.page.goto(`${server.base}/supplies/allocations`);
  const row = tid(dept.page, 'supply-allocation-state').first();
  await row.filter({ hasText: '已调拨' }).waitFor();
  const alloc = await row.getAttribute('data-id');
  await tid(dept.page, `supply-dispatch-${alloc}`).click();
  await field(dept.page, 'supply-act-text').fill('吉B·12345');
  await tid(dept.page, 'supply-act-submit').click();
  await tid(dept.page, 'supply-allocation-state').filter({ hasText: '运输中' }).waitFor();
  await tid(dept.page, `supply-deliver-${alloc}`).click();
  await tid(dept.page, 'supply-allocation-state').filter({ hasText: '已送达' }).waitFor();

  // The enterprise confirms the hand-over.
  await ent.page.goto(`${server.base}/supplies/allocations`);
  await tid(ent.page, `supply-confirm-${alloc}`).click();
  await field(ent.page, 'supply-act-text').fill('王伟');
  await field(ent.page, 'supply-act-note').fill('数量无误');
  await tid(ent.page, 'supply-act-submit').click();
  await tid(ent.page, 'supply-allocation-state').filter({ hasText: '已签收' }).waitFor();

  // What the server keeps.
  const token = await server.login('sp_gxj', PW);
  const a = await api('GET', `/api/v1/supplies/allocations/${alloc}`, token);
  assert.equal(a.state, 'confirmed');
  assert.equal(a.quantity, 1000);
  assert.equal(a.carrier, '吉B·12345');
  assert.equal(a.received_by, '王伟');
  const ledger = await api('GET', `/api/v1/supplies/ledger?allocation=${alloc}`, token);
  assert.deepEqual(ledger.items.map((e) => e.kind).reverse(), ['allocation', 'dispatch', 'delivery', 'handover']);
  const stock = await api('GET', `/api/v1/supplies/stock?warehouse=${warehouse}&item=mask_ordinary`, token);
  assert.equal(stock.items[0].available, 4000);
  const notes = await api('GET', '/api/v1/notifications?size=50', await server.login('sp_firm', PW));
  assert.ok(notes.items.some((n) => n.kind === 'supply_dispatched'));
  assert.deepEqual(ent.errors, []);
  assert.deepEqual(dept.errors, []);
});
