// Policies in the browser (issue 6 item 6): the district office writes a policy whose rule first names an
// operator its field does not take (the server's error shows beside the condition), then a 小微 rule; the
// eligible list has the known answer; the office pushes; the enterprise applies from its inbox; the office
// approves with an amount; the totals show it. Constructed data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc, WEB_DIST } from '../lib/harness.mjs';
import { DESKTOP, launch } from '../lib/browser.mjs';

const NOW = '2020-02-10T10:30:00+08:00';
const A = '220202';
const PW = 'Policy-pass-2020';
const WEB = process.env.FUGONG_WEB_DIST || WEB_DIST;
const small = uscc(A, 941), big = uscc(A, 942);
let server, browser;

const tid = (page, id) => page.locator(`[data-test="${id}"]`);
const field = (page, id) => page.locator(`input[data-test="${id}"], [data-test="${id}"] input, [data-test="${id}"] textarea`).first();

async function api(method, path, token, body) {
  const r = await server.api(method, path, { token, body });
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.body;
}

async function signIn(page, username) {
  await page.context().clearCookies();
  await page.goto(`${server.base}/login`);
  await field(page, 'login-username').fill(username);
  await field(page, 'login-password').fill(PW);
  await tid(page, 'login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

before(async () => {
  server = await startServer({ web: WEB, env: { FUGONG_NOW: NOW } });
  const admin = await server.login('admin', ADMIN_PASSWORD);
  for (const [code, size, name] of [[small, 'micro', '小微政策测试有限公司'], [big, 'large', '大型政策测试有限公司']]) {
    await api('POST', '/api/v1/enterprises', admin, { uscc: code, name, region_code: A, industry_code: '13', size,
      employees: 30, work_status: 'work_resumed', status_date: '2020-02-03', contact: '王伟', phone: '043262010000' });
  }
  await api('POST', '/api/v1/users', admin, { username: 'pe_cmd', password: PW, roles: ['commander'], region_code: A });
  await api('POST', '/api/v1/users', admin, { username: 'pe_ent', password: PW, roles: ['enterprise'], enterprise_uscc: small });
  browser = await launch({ viewport: DESKTOP });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a 小微 policy: rule, eligible list, push, application, approval', async () => {
  const { page } = browser;
  await signIn(page, 'pe_cmd');
  await page.goto(`${server.base}/policies/new`);
  await field(page, 'policy-form-title').fill('小微企业房租减免');
  await field(page, 'policy-form-issuer').fill('昌邑区人民政府');
  await field(page, 'policy-form-valid-from').fill('2020-02-01');
  await page.keyboard.press('Enter');
  await field(page, 'policy-form-valid-to').fill('2020-06-30');
  await page.keyboard.press('Enter');
  // The region defaults to the commander's district. First a value the field does not take: an
  // unknown industry code; the server's error shows beside the condition.
  await tid(page, 'policy-cond-field-0').click();
  await tid(page, 'policy-cond-field-0-industry').click();
  await field(page, 'policy-cond-value-0').fill('ZZ');
  await tid(page, 'policy-save').click();
  await tid(page, 'policy-cond-error-0').first().waitFor();
  await tid(page, 'policy-cond-field-0').click();
  await tid(page, 'policy-cond-field-0-size').click();
  await tid(page, 'policy-cond-op-0').click();
  await tid(page, 'policy-cond-op-0-in').click();
  await tid(page, 'policy-cond-value-0').click();
  await tid(page, 'policy-cond-value-0-small').click();
  await tid(page, 'policy-cond-value-0-micro').click();
  await page.keyboard.press('Escape');
  await tid(page, 'policy-save').click();
  await page.waitForURL(/\/policies\/\d+$/);
  const id = page.url().split('/').pop();
  await tid(page, `policy-eligible-${small}`).waitFor();
  assert.equal(await tid(page, `policy-eligible-${big}`).count(), 0, 'the large enterprise is not eligible');
  await tid(page, 'policy-push').click();
  await page.locator(`[data-test="policy-eligible-${small}"][data-outcome="pushed"]`).waitFor();

  await signIn(page, 'pe_ent');
  await page.goto(`${server.base}/policy-inbox`);
  await tid(page, `policy-apply-${id}`).click();
  await field(page, 'policy-apply-amount').fill('3.5');
  await tid(page, 'policy-apply-submit').click();
  await page.locator(`[data-test="policy-inbox-outcome-${id}"][data-outcome="applied"]`).waitFor();

  await signIn(page, 'pe_cmd');
  await page.goto(`${server.base}/policies/${id}?tab=recipients`);
  await tid(page, `policy-decide-${small}`).click();
  await tid(page, 'policy-decide-approve').click();
  await page.locator(`[data-test="policy-recipient-${small}"][data-outcome="approved"]`).waitFor();
  assert.match(await tid(page, 'policy-total-amount').textContent(), /3\.5/);
  await page.goto(`${server.base}/policies`);
  await tid(page, 'policy-sum-approved').filter({ hasText: '1' }).waitFor();
});
