// Issue 4 on the phone: the gate verifier scans a pass (from a photo of its QR code) and keys in the
// temperature; a quarantined employee's pasted token and a feverish visitor are denied; the employee sees
// their pass, checks in by themselves from a site's poster, declares health and fills the return-to-work
// card; the enterprise contact adds a site and prints its poster.
// FUGONG_SCREENSHOTS=1 also saves docs/screenshots/gate-admit.png, gate-deny.png and pass.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, launch, screenshot } from '../lib/browser.mjs';

const NOW = '2020-02-10T07:50:00+08:00';
const TODAY = '2020-02-10';
const A = '220202'; // 吉林市昌邑区
const firm = uscc(A, 804);
const PW = 'Gate-pass-2020';
const PHONE = { width: 390, height: 844 };
// The built web UI; FUGONG_WEB_DIST points elsewhere (a private build while web/ is shared).
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
let server;
let firmToken;
const sessions = [];
const emp = {}; // name -> id
let siteId;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

// A valid resident ID number (GB 11643) from a region, a birth date and a serial.
function idNumber(region, birth, serial) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = region + birth + String(serial).padStart(3, '0');
  const sum = [...s].reduce((acc, c, i) => acc + Number(c) * W[i], 0);
  return s + '10X98765432'[sum % 11];
}

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

async function session(viewport = PHONE) {
  const s = await launch({ viewport, phone: viewport === PHONE });
  sessions.push(s);
  return s;
}

/** Signs in on the login page the router sent the page to (keeping its redirect), else on a fresh one. */
async function signIn(page, username, password = PW) {
  await page.waitForURL((url) => url.pathname === '/login', { timeout: 3000 }).catch(() => page.goto(server.base + '/login'));
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(password);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function keyIn(page, prefix, digits) {
  for (const d of digits) await tid(page, `${prefix}-key-${d === '.' ? 'dot' : d}`).click();
}

/** Draws a pass's SVG onto a canvas in the page and returns it as a PNG (a "photo" of the QR code). */
async function svgToPng(page, svg) {
  const b64 = await page.evaluate(async (text) => {
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text.replace('<svg ', '<svg width="480" height="480" '));
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 560;
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 560, 560);
    g.drawImage(img, 40, 40, 480, 480);
    return canvas.toDataURL('image/png').split(',')[1];
  }, svg);
  return Buffer.from(b64, 'base64');
}

async function noHorizontalScroll(page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `horizontal scroll on ${page.url()}: ${scroll} > ${client}`);
}

before(async () => {
  server = await startServer({ web: WEB, env: { FUGONG_NOW: NOW } });
  const admin = await server.login('admin', ADMIN_PASSWORD);
  await api('POST', '/api/v1/enterprises', admin, {
    uscc: firm, name: '吉林市昌邑门岗测试食品有限公司', region_code: A, industry_code: '13', size: 'small',
    employees: 300, work_status: 'work_resumed', status_date: '2020-02-05', contact: '王伟', phone: '043262010000' });
  await api('POST', '/api/v1/users', admin, { username: 'firm', password: PW, roles: ['enterprise'], enterprise_uscc: firm });
  await api('POST', '/api/v1/users', admin, { username: 'guard', password: PW, roles: ['verifier'], enterprise_uscc: firm });
  firmToken = await server.login('firm', PW);
  emp.zhang = (await api('POST', `/api/v1/enterprises/${firm}/employees`, firmToken, {
    name: '张伟', id_number: idNumber(A, '19900307', 123), phone: '13904319810', department: '一车间' })).id;
  emp.li = (await api('POST', `/api/v1/enterprises/${firm}/employees`, firmToken, {
    name: '李娜', id_number: idNumber('420102', '19851111', 456), home_region_code: '420102' })).id;
  // Back from Wuhan two days ago: in quarantine.
  await api('PUT', `/api/v1/employees/${emp.li}/card`, firmToken, { arrival_date: '2020-02-08', contact_with_cases: false, health: 'healthy', travel: [] });
  siteId = (await api('POST', `/api/v1/enterprises/${firm}/sites`, firmToken, { name: '东门' })).id;
  await api('POST', `/api/v1/employees/${emp.zhang}/account`, firmToken, { username: 'zhangwei', password: PW });
  const zhang = await server.login('zhangwei', PW);
  await api('POST', `/api/v1/employees/${emp.zhang}/declarations`, zhang, { temperature: 36.5, symptoms: [] });
});

after(async () => {
  for (const s of sessions) await s.close();
  await server?.stop();
});

test('gate: a pass read from a photo is admitted, a quarantined token and a feverish visitor are denied', { timeout: 120000 }, async () => {
  const s = await session();
  const page = s.page;
  await page.goto(server.base + '/');
  await signIn(page, 'guard');
  // A verifier's home is the gate page; the only site is chosen by itself.
  await page.waitForURL((url) => url.pathname === '/m/gate');
  await tid(page, 'gate-site-name').waitFor();
  assert.equal(await tid(page, 'gate-site-name').textContent(), '东门');
  await page.waitForFunction(() => document.querySelector('[data-test="gate-count-admitted"]')?.textContent === '0');
  await noHorizontalScroll(page);
  // The guard also records disinfection rounds: one tap away.
  assert.equal(await tid(page, 'gate-disinfection-link').count(), 1);

  // (a) The QR code of 张伟's green pass, as a photo.
  const pass = await api('GET', `/api/v1/employees/${emp.zhang}/pass`, firmToken);
  assert.equal(pass.colour, 'green');
  await page.locator('input[data-test="scan-file-input"]').setInputFiles({ name: 'pass.png', mimeType: 'image/png', buffer: await svgToPng(page, pass.svg) });
  await tid(page, 'gate-token').waitFor();
  // The temperature must be keyed in.
  await tid(page, 'gate-submit').click();
  await tid(page, 'gate-temp-error').waitFor();
  assert.match(await tid(page, 'gate-temp-error').textContent(), /请输入体温/);
  await keyIn(page, 'gate-temp', '365');
  assert.equal(await tid(page, 'gate-temp-value').textContent(), '36.5');
  await tid(page, 'gate-submit').click();
  const result = tid(page, 'checkin-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-decision'), 'admit');
  assert.equal(await tid(page, 'checkin-result-title').textContent(), '通过');
  const box = await result.boundingBox();
  assert.ok(box.width >= PHONE.width - 1 && box.height >= PHONE.height - 1, 'the answer fills the screen');
  await screenshot(page, 'gate-admit');
  await result.click();
  await result.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('[data-test="gate-count-admitted"]')?.textContent === '1');

  // (b) 李娜's token pasted (no camera): in quarantine.
  const red = await api('GET', `/api/v1/employees/${emp.li}/pass`, firmToken);
  assert.equal(red.colour, 'red');
  await field(page, 'scan-token-input').fill(red.token);
  await tid(page, 'scan-token-submit').click();
  await tid(page, 'gate-token').waitFor();
  await keyIn(page, 'gate-temp', '364');
  await tid(page, 'gate-submit').click();
  await result.waitFor();
  assert.equal(await result.getAttribute('data-decision'), 'deny');
  assert.equal(await tid(page, 'checkin-result-title').textContent(), '禁止');
  assert.match(await tid(page, 'checkin-result-reasons').textContent(), /隔离期未满/);
  await screenshot(page, 'gate-deny');
  await result.click();
  await page.waitForFunction(() => document.querySelector('[data-test="gate-count-denied"]')?.textContent === '1');

  // A visitor: the phone is checked beside its field, then a fever is denied.
  await tid(page, 'gate-mode-visitor').click();
  await field(page, 'gate-visitor-name').fill('访客甲');
  await field(page, 'gate-visitor-phone').fill('1380000');
  await keyIn(page, 'gate-temp', '385');
  await tid(page, 'gate-submit').click();
  await page.locator('[data-test="gate-visitor-phone"] .van-field__error-message').waitFor();
  assert.equal(await tid(page, 'checkin-result').count(), 0);
  await field(page, 'gate-visitor-phone').fill('13800000001');
  await field(page, 'gate-visitor-host').fill('张伟');
  await tid(page, 'gate-submit').click();
  await result.waitFor();
  assert.equal(await result.getAttribute('data-decision'), 'deny');
  assert.equal(await tid(page, 'checkin-result-name').textContent(), '访客甲');
  assert.match(await tid(page, 'checkin-result-reasons').textContent(), /发热/);
  await result.click();
  await page.waitForFunction(() => document.querySelector('[data-test="gate-count-denied"]')?.textContent === '2');

  // The entry log holds the three answers.
  const log = await api('GET', `/api/v1/sites/${siteId}/entries?date=${TODAY}`, firmToken);
  assert.deepEqual(log.items.map((e) => [e.name, e.decision]).sort(), [['张伟', 'admit'], ['李娜', 'deny'], ['访客甲', 'deny']]);
  await page.setViewportSize({ width: 360, height: 740 });
  await noHorizontalScroll(page);
  assert.deepEqual(s.errors, []);
});

test('employee: the pass with its QR code and colour', { timeout: 60000 }, async () => {
  const s = await session();
  const page = s.page;
  await page.goto(server.base + '/');
  await signIn(page, 'zhangwei');
  await page.waitForURL((url) => url.pathname === '/m/pass');
  await tid(page, 'pass-qr').locator('svg').waitFor();
  assert.equal(await tid(page, 'pass-colour').getAttribute('data-colour'), 'green');
  assert.match(await tid(page, 'pass-colour').textContent(), /绿码/);
  assert.equal(await tid(page, 'pass-name').textContent(), '张伟');
  assert.match(await tid(page, 'pass-date').textContent(), new RegExp(TODAY));
  const qr = await tid(page, 'pass-qr').boundingBox();
  assert.ok(qr.width >= 280, `a large QR code (${qr.width} px)`);
  await screenshot(page, 'pass');
  await page.setViewportSize({ width: 360, height: 740 });
  await noHorizontalScroll(page);
  // The English switch.
  await tid(page, 'phone-lang-switch').click();
  await page.waitForFunction(() => /Green/.test(document.querySelector('[data-test="pass-colour"]')?.textContent || ''));
  await tid(page, 'phone-lang-switch').click();
  assert.deepEqual(s.errors, []);
});

test('poster: the enterprise adds a site and prints its poster; the employee checks in from it', { timeout: 120000 }, async () => {
  const office = await session(DESKTOP);
  let page = office.page;
  await page.goto(server.base + '/workforce/sites');
  await signIn(page, 'firm');
  await page.waitForURL((url) => url.pathname === '/workforce/sites');
  await tid(page, 'site-table').locator('text=东门').waitFor();
  await tid(page, 'site-add').click();
  await page.locator('.el-form-item__error').waitFor(); // the name is required
  await field(page, 'site-name').fill('北门');
  await tid(page, 'site-add').click();
  await tid(page, 'site-table').locator('text=北门').waitFor();
  const sites = await api('GET', `/api/v1/enterprises/${firm}/sites`, firmToken);
  const north = sites.items.find((x) => x.name === '北门').id;

  const [popup] = await Promise.all([page.waitForEvent('popup'), tid(page, `site-poster-${north}`).click()]);
  await popup.waitForURL((url) => url.pathname === `/print/site-poster/${north}`);
  await tid(popup, 'poster-qr').locator('svg').waitFor();
  assert.equal(await tid(popup, 'poster-site').textContent(), '北门');
  assert.match(await tid(popup, 'poster-enterprise').textContent(), /门岗测试/);
  const url = new URL(await tid(popup, 'poster-url').textContent());
  assert.equal(url.pathname, '/m/checkin');
  assert.equal(url.searchParams.get('site'), String(north));
  // The print button is not printed.
  await popup.emulateMedia({ media: 'print' });
  assert.equal(await tid(popup, 'poster-print').isVisible(), false);
  assert.equal(await tid(popup, 'poster-qr').isVisible(), true);

  // The employee scans the poster: signs in first, then comes back to the check-in page.
  const phone = await session();
  page = phone.page;
  await page.goto(server.base + url.pathname + url.search);
  await page.waitForURL((u) => u.pathname === '/login');
  await signIn(page, 'zhangwei');
  await page.waitForURL((u) => u.pathname === '/m/checkin');
  await tid(page, 'self-site-name').waitFor();
  assert.equal(await tid(page, 'self-site-name').textContent(), '北门');
  await keyIn(page, 'self-temp', '366');
  await tid(page, 'self-submit').click();
  const result = tid(page, 'checkin-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-decision'), 'admit');
  await result.click();
  await tid(page, 'self-last').waitFor();
  const summary = await api('GET', `/api/v1/sites/${north}/summary?date=${TODAY}`, firmToken);
  assert.equal(summary.admitted, 1);

  // A wrong code says so.
  await page.goto(`${server.base}/m/checkin?site=${north}&code=wrongcode123`);
  await tid(page, 'self-error').waitFor();
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(office.errors, []);
});

test('employee: declaration and return-to-work card', { timeout: 90000 }, async () => {
  const s = await session();
  const page = s.page;
  await page.goto(server.base + '/m/declare');
  await signIn(page, 'zhangwei');
  await page.waitForURL((url) => url.pathname === '/m/declare');
  await keyIn(page, 'declare-temp', '368');
  await tid(page, 'declare-symptom-cough').click();
  await tid(page, 'declare-submit').click();
  await page.waitForURL((url) => url.pathname === '/m/pass');
  await page.waitForFunction(() => document.querySelector('[data-test="pass-colour"]')?.dataset.colour === 'yellow');
  await tid(page, 'pass-reason-symptoms').waitFor();
  const decl = await api('GET', `/api/v1/employees/${emp.zhang}/declarations`, firmToken);
  assert.deepEqual([decl.items[0].temperature, decl.items[0].symptoms], [36.8, ['cough']]);

  // The card: a trip to Wuhan (another province) means quarantine from the arrival date.
  await tid(page, 'pass-link-card').click();
  await page.waitForURL((url) => url.pathname === '/m/card');
  await tid(page, 'card-travel-add').waitFor();
  await tid(page, 'card-arrival_date').click();
  await page.locator('[data-test="card-date-popup"] .van-picker__confirm').click();
  await tid(page, 'card-travel-add').click();
  // The region is required.
  await tid(page, 'card-submit').click();
  await page.locator('[data-test="card-travel-region-0"] .van-field__error-message').waitFor();
  await tid(page, 'card-travel-region-0').click();
  const picker = tid(page, 'region-picker');
  await picker.locator('.van-cascader__option', { hasText: '湖北省' }).click();
  await picker.locator('.van-cascader__option', { hasText: '武汉市' }).click();
  await tid(page, 'region-picker-confirm').click();
  assert.match(await field(page, 'card-travel-region-0').inputValue(), /湖北省 \/ 武汉市/);
  await tid(page, 'card-travel-from-0').click();
  await page.locator('[data-test="card-date-popup"] .van-picker__confirm').click();
  await tid(page, 'card-travel-to-0').click();
  await page.locator('[data-test="card-date-popup"] .van-picker__confirm').click();
  await tid(page, 'card-submit').click();
  await tid(page, 'card-hold-quarantine').waitFor();
  assert.match(await tid(page, 'card-hold-quarantine').textContent(), /2020-02-24/);
  const card = await api('GET', `/api/v1/employees/${emp.zhang}/card`, firmToken);
  assert.equal(card.travel[0].region_code, '420100');
  await page.setViewportSize({ width: 360, height: 740 });
  await noHorizontalScroll(page);
  assert.deepEqual(s.errors, []);
});
