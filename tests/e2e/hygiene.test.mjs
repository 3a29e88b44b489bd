// Site hygiene in the browser: the enterprise contact sees today's rounds of a mall's lobby (一小时一消毒)
// with the missed 09:00 round in red and records the 10:00 round; the district health department sees the
// missing round in 消毒预警 and opens the site's records from it; the guard records a round on the phone
// in two taps; the contact adds an observation room and admits a visitor.
// FUGONG_SCREENSHOTS=1 also saves docs/screenshots/hygiene-rounds.png, hygiene-warnings.png, hygiene-phone.png
// and hygiene-rooms.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { launch, screenshot } from '../lib/browser.mjs';

const NOW = '2020-02-10T10:30:00+08:00';
const TODAY = '2020-02-10';
const A = '220202'; // 吉林市昌邑区
const firm = uscc(A, 905);
const PW = 'Hygiene-pass-2020';
const PHONE = { width: 390, height: 844 };
// The built web UI; FUGONG_WEB_DIST points elsewhere (a private build while web/ is shared).
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
let server;
let firmToken;
let siteId, lobby;
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

/** Opens `path`, signing in on the login page the router sends the page to. */
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
  const admin = await server.login('admin', ADMIN_PASSWORD);
  await api('POST', '/api/v1/enterprises', admin, {
    uscc: firm, name: '吉林市昌邑消杀测试商场有限公司', region_code: A, industry_code: '52', size: 'medium',
    employees: 150, work_status: 'work_resumed', status_date: '2020-02-05' });
  for (const body of [
    { username: 'mall', password: PW, roles: ['enterprise'], enterprise_uscc: firm, display_name: '商场防疫联络员' },
    { username: 'guard', password: PW, roles: ['verifier'], enterprise_uscc: firm, display_name: '门岗保安' },
    { username: 'health', password: PW, roles: ['department'], region_code: A, department: '卫生健康委员会' },
  ]) await api('POST', '/api/v1/users', admin, body);
  firmToken = await server.login('mall', PW);
  siteId = (await api('POST', `/api/v1/enterprises/${firm}/sites`, firmToken, { name: '商场主楼' })).id;
  lobby = (await api('POST', `/api/v1/sites/${siteId}/areas`, firmToken, {
    name: '大厅', schedule: { interval_minutes: 60, window_start: '08:00', window_end: '22:00' } })).id;
  await api('POST', `/api/v1/areas/${lobby}/disinfections`, firmToken, { at: `${TODAY}T08:10:00+08:00`, agent: '84消毒液', person: '王秀英' });
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

test('the contact sees the missed round in red and records the current one', { timeout: 90000 }, async () => {
  const s = await session();
  const page = s.page;
  await openAs(page, '/hygiene/disinfection', 'mall');
  // The only site is chosen at once; 08:00 done, 09:00 missed, 10:00 running.
  const slot = (hhmm) => tid(page, `hygiene-slot-${lobby}-${hhmm}`);
  await slot('0900').waitFor();
  assert.equal(await slot('0800').getAttribute('data-state'), 'done');
  assert.equal(await slot('0900').getAttribute('data-state'), 'missing');
  assert.equal(await slot('1000').getAttribute('data-state'), 'due');
  assert.match(await tid(page, `hygiene-missing-${lobby}`).textContent(), /09:00–10:00/);
  assert.equal(await slot('0900').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(198, 40, 40)');
  await screenshot(page, 'hygiene-rounds');

  await tid(page, `hygiene-record-${lobby}`).click();
  await field(page, 'hygiene-record-agent').fill('75%酒精');
  await field(page, 'hygiene-record-person').fill('李桂兰');
  await field(page, 'hygiene-record-note').fill('前台、扶手、电梯按钮');
  await tid(page, 'hygiene-record-save').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.state === 'done', `[data-test="hygiene-slot-${lobby}-1000"]`);
  assert.equal(await slot('0900').getAttribute('data-state'), 'missing', 'a later round does not fill a missed one');
  await page.waitForFunction(() => document.querySelectorAll('[data-test="hygiene-record-table"] .el-table__body tr').length === 2);
  assert.match(await tid(page, 'hygiene-record-table').textContent(), /李桂兰/);
  assert.match(await tid(page, 'hygiene-rounds-summary').textContent(), /缺失 1/);
  const r = await server.api('GET', `/api/v1/sites/${siteId}/disinfections?date=${TODAY}`, { token: firmToken });
  assert.equal(r.body.total, 2);
  assert.equal(r.body.items[0].at, NOW);
  assert.deepEqual(s.errors, []);
});

test('the district health department sees the warning and opens the records', { timeout: 90000 }, async () => {
  const s = await session();
  const page = s.page;
  await openAs(page, '/hygiene/warnings', 'health');
  const missing = tid(page, `warning-missing-${lobby}`);
  await missing.waitFor();
  assert.equal((await missing.textContent()).trim(), '1');
  assert.match(await tid(page, 'warning-table').textContent(), /吉林市昌邑消杀测试商场有限公司/);
  assert.equal((await tid(page, 'warning-missing-rounds').textContent()).trim(), '1');
  await screenshot(page, 'hygiene-warnings');
  await tid(page, `warning-link-${lobby}`).click();
  await page.waitForURL((url) => url.pathname === '/hygiene/disinfection');
  await tid(page, `hygiene-slot-${lobby}-0900`).waitFor();
  assert.equal(await tid(page, `hygiene-slot-${lobby}-0900`).getAttribute('data-state'), 'missing');
  assert.equal(await tid(page, 'hygiene-record-add').count(), 0, 'the department reads only');
  assert.deepEqual(s.errors, []);
});

test('the guard records a round on the phone in two taps', { timeout: 90000 }, async () => {
  const s = await session(PHONE);
  const page = s.page;
  await openAs(page, '/m/disinfection', 'guard');
  const area = tid(page, `m-dis-area-${lobby}`);
  await area.waitFor();
  assert.equal(await area.getAttribute('data-state'), 'done');
  await page.evaluate(() => {
    localStorage.setItem('fugong.hygiene.agent', '84消毒液');
    localStorage.setItem('fugong.hygiene.person', '门岗保安');
  });
  await page.reload();
  await area.waitFor();
  await screenshot(page, 'hygiene-phone');
  // Two taps: the area, then 确认登记 (the disinfectant and the person are remembered).
  await area.click();
  await tid(page, 'm-dis-confirm').click();
  await page.waitForFunction(() => !document.querySelector('[data-test="m-dis-confirm"]')?.offsetParent);
  const r = await server.api('GET', `/api/v1/sites/${siteId}/disinfections?date=${TODAY}`, { token: firmToken });
  assert.equal(r.body.total, 3);
  assert.equal(r.body.items[0].person, '门岗保安');
  assert.equal(r.body.items[0].agent, '84消毒液');
  assert.deepEqual(s.errors, []);
});

test('the contact adds an observation room and admits a visitor', { timeout: 90000 }, async () => {
  const s = await session();
  const page = s.page;
  await openAs(page, '/hygiene/rooms', 'mall');
  await tid(page, 'room-add').click();
  await field(page, 'room-name').fill('留观室');
  await tid(page, 'room-kind-observation').click();
  await tid(page, 'room-save').click();
  await page.locator('[data-test^="room-card-"]').first().waitFor();
  const rooms = await api('GET', `/api/v1/enterprises/${firm}/isolation-rooms`, firmToken);
  assert.equal(rooms.items.length, 1);
  const room = rooms.items[0];
  assert.equal(room.kind, 'observation');
  await tid(page, `room-admit-${room.id}`).click();
  await tid(page, 'occupant-type-person').click();
  await field(page, 'occupant-name').fill('访客 赵某');
  await field(page, 'occupant-reason').fill('门岗测温 37.5℃，留观复测');
  await tid(page, 'occupant-save').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.occupied === '1', `[data-test="room-capacity-${room.id}"]`);
  assert.match(await tid(page, `room-occupants-${room.id}`).textContent(), /访客 赵某/);
  // Capacity 1: full, admitting is disabled.
  assert.equal(await tid(page, `room-admit-${room.id}`).isDisabled(), true);
  await screenshot(page, 'hygiene-rooms');
  assert.deepEqual(s.errors, []);
});
