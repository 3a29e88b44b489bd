// Issue 6 item 2 in the browser: an enterprise applies for an emergency-supplies permit (a bad plate is
// refused beside the field), the transport department issues it, its page shows the signed QR; at a
// checkpoint the verifier page, loaded once, checks the permit with the network off (every request
// blocked and counted): valid, a one-character change is 签名无效, and with the clock 30 days on it is
// 已过期; back online the signed-in checkpoint user sees the revocation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, PHONE, launch } from '../lib/browser.mjs';

const A = '220202'; // 吉林市昌邑区
const PW = 'Permit-pass-2020';
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const firm = uscc(A, 951);
let server, browser, admin;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], textarea[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

async function signIn(page, username) {
  await browser.context.clearCookies();
  await page.goto(`${server.base}/login`);
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(PW);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

before(async () => {
  server = await startServer({ web: WEB });
  admin = await server.login('admin', ADMIN_PASSWORD);
  await api('POST', '/api/v1/enterprises', admin, { uscc: firm, name: '通行页面物流有限公司', region_code: A, industry_code: '54',
    size: 'small', employees: 30, work_status: 'work_resumed', status_date: '2020-02-03', contact: '王伟', phone: '043262010000' });
  await api('POST', '/api/v1/users', admin, { username: 'pe_ent', password: PW, roles: ['enterprise'], enterprise_uscc: firm });
  await api('POST', '/api/v1/users', admin, { username: 'pe_transport', password: PW, roles: ['department'], region_code: A, department: '交通运输局' });
  await api('POST', '/api/v1/users', admin, { username: 'pe_check', password: PW, roles: ['verifier'], enterprise_uscc: firm });
  browser = await launch({ viewport: DESKTOP });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('apply, issue, and verify offline and online', async () => {
  const { page } = browser;
  // The enterprise applies; the plate is checked as on the server.
  await signIn(page, 'pe_ent');
  await page.goto(`${server.base}/permits`);
  await tid(page, 'permit-apply').click();
  await field(page, 'permit-form-plate').fill('吉B12O45');
  await field(page, 'permit-form-holder').fill('张伟');
  await field(page, 'permit-form-origin').fill('吉林市昌邑区');
  await field(page, 'permit-form-destination').fill('长春市朝阳区');
  await field(page, 'permit-form-cargo').fill('医用口罩 10 万只');
  await tid(page, 'permit-form-submit').click();
  await page.locator('.el-form-item__error', { hasText: '车牌号格式不正确' }).waitFor();
  await field(page, 'permit-form-plate').fill('吉BD12345');
  await tid(page, 'permit-form-submit').click();
  await tid(page, 'permit-state').filter({ hasText: '待审核' }).first().waitFor();
  const list = await api('GET', '/api/v1/permits', admin);
  assert.equal(list.total, 1);
  const id = list.items[0].id;
  assert.equal(list.items[0].plate, '吉BD12345');

  // The transport department issues it.
  await signIn(page, 'pe_transport');
  await page.goto(`${server.base}/permits`);
  await tid(page, `permit-issue-${id}`).click();
  await tid(page, 'permit-decision-submit').click();
  await tid(page, 'permit-state').filter({ hasText: '已签发' }).waitFor();
  await page.goto(`${server.base}/permits/${id}`);
  await tid(page, 'permit-qr').locator('svg').waitFor();
  const token = await field(page, 'permit-token').inputValue();
  assert.match(token, /^FGP1\./);

  // The checkpoint's verifier page: loaded once online (the key is cached), then the network is cut.
  const phone = await browser.newPage({ viewport: PHONE });
  await phone.goto(`${server.base}/m/permit-verify`);
  await tid(phone, 'permit-verify-key').and(phone.locator('[data-key="ready"]')).waitFor();
  let requests = 0;
  await phone.route('**/*', (route) => { requests += 1; return route.abort(); });
  await browser.context.setOffline(true);
  const check = async (text, pg = phone) => {
    await field(pg, 'scan-token-input').fill(text);
    await tid(pg, 'scan-token-submit').click();
    const result = tid(pg, 'permit-verify-result');
    await result.waitFor();
    const r = await result.getAttribute('data-result');
    const title = (await tid(pg, 'permit-verify-title').textContent()).trim();
    return { r, title, result };
  };
  let v = await check(token);
  assert.equal(v.r, 'valid');
  assert.equal(v.title, '有效');
  assert.equal((await tid(phone, 'permit-verify-plate').textContent()).includes('吉BD12345'), true);
  await v.result.click();
  const [p, body, sig] = token.split('.');
  const tampered = `${p}.${body.slice(0, 12)}${body[12] === 'A' ? 'B' : 'A'}${body.slice(13)}.${sig}`;
  v = await check(tampered);
  assert.equal(v.r, 'tampered');
  assert.match(v.title, /签名无效/);
  await v.result.click();
  // 30 days later the same permit (valid for 7 days) is expired.
  await phone.clock.setFixedTime(new Date(Date.now() + 30 * 86400000));
  v = await check(token);
  assert.equal(v.r, 'expired');
  assert.equal(v.title, '已过期');
  assert.equal(requests, 0, 'the offline checks made no request');
  await phone.close();

  // Online again: revoked by the department, and the signed-in checkpoint user checks it online.
  await browser.context.setOffline(false);
  await browser.context.clock.setFixedTime(new Date()); // the clock (shared by the session's pages) back to now
  const transport = await server.login('pe_transport', PW);
  await api('POST', `/api/v1/permits/${id}/revoke`, transport, { reason: '车辆未按核定路线行驶' });
  await signIn(page, 'pe_check');
  await page.setViewportSize(PHONE);
  await page.goto(`${server.base}/m/permit-verify`);
  v = await check(token, page);
  assert.equal(v.r, 'valid'); // offline: the signature alone cannot know of the revocation
  await tid(page, 'permit-verify-online').click();
  await tid(page, 'permit-verify-result').and(page.locator('[data-result="revoked"]')).waitFor();
  assert.match(await tid(page, 'permit-verify-mode').textContent(), /联网/);
});
