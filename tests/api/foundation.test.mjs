// Foundation API: sign-in, throttling, CSRF, scope, validation, import/export.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ADMIN_PASSWORD, ENGINE, runCli, startServer, uscc } from '../lib/harness.mjs';

let s;
let admin;
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const firmA = uscc(A, 1);
const firmB = uscc(B, 2);

function enterprise(code, region, extra = {}) {
  return { uscc: code, name: `测试企业${code.slice(-4)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 120, employees_out_of_province: 10, normal_output: 35.5,
    above_scale_industrial: true, work_status: 'work_resumed', status_date: '2020-02-12',
    contact: '王伟', phone: '13904319810', ...extra };
}

before(async () => {
  s = await startServer();
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [name, region] of [['commander_a', A], ['commander_b', B]]) {
    const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username: name, password: 'Pass-word-1', roles: ['commander'], region_code: region } });
    assert.equal(r.status, 201, r.text);
  }
  assert.equal((await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(firmA, A + '001') })).status, 201);
  assert.equal((await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(firmB, B) })).status, 201);
});

after(async () => { await s?.stop(); });

test(`healthz answers on ${ENGINE}`, async () => {
  const r = await s.api('GET', '/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.body.db, ENGINE);
});

test('sign-in: bad password is 401 with a message in the asked language', async () => {
  let r = await s.api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'wrong-password' } });
  assert.equal(r.status, 401);
  assert.equal(r.body.code, 'bad_credentials');
  assert.match(r.body.message, /用户名或密码错误/);
  r = await s.api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'nope-nope' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
  assert.match(r.body.message, /wrong username or password/);
});

test('sign-in: repeated failures are throttled with 429, even with the right password', async () => {
  const r0 = await s.api('POST', '/api/v1/users', { token: admin, body: { username: 'victim', password: 'Victim-pass-1', roles: ['admin'] } });
  assert.equal(r0.status, 201);
  for (let i = 0; i < 5; i++) {
    const r = await s.api('POST', '/api/v1/auth/login', { body: { username: 'victim', password: 'bad-' + i + '-xxxx' } });
    assert.equal(r.status, 401);
  }
  const r = await s.api('POST', '/api/v1/auth/login', { body: { username: 'victim', password: 'Victim-pass-1' } });
  assert.equal(r.status, 429);
  assert.equal(r.body.code, 'too_many_attempts');
  const logs = await s.api('GET', '/api/v1/login-logs?size=50', { token: admin });
  assert.ok(logs.body.items.some((l) => l.username === 'victim' && l.reason === 'throttled'));
});

test('no session is 401; a bad bearer token is 401', async () => {
  assert.equal((await s.api('GET', '/api/v1/enterprises')).status, 401);
  assert.equal((await s.api('GET', '/api/v1/enterprises', { token: 'forged' })).status, 401);
});

test('cookie sessions need the CSRF token for writes; logout ends the session', async () => {
  const r = await fetch(s.base + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'commander_a', password: 'Pass-word-1' }) });
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /fugong_session=.*HttpOnly.*SameSite=Strict/);
  const { csrf_token: csrf, token } = await r.json();
  const jar = cookie.split(';')[0];
  const me = await s.api('GET', '/api/v1/auth/me', { headers: { cookie: jar } });
  assert.equal(me.status, 200);
  assert.equal(me.body.user.username, 'commander_a');
  const noCsrf = await s.api('POST', '/api/v1/auth/logout', { headers: { cookie: jar } });
  assert.equal(noCsrf.status, 403);
  assert.equal(noCsrf.body.code, 'csrf');
  const out = await s.api('POST', '/api/v1/auth/logout', { headers: { cookie: jar, 'x-csrf-token': csrf } });
  assert.equal(out.status, 200);
  assert.equal((await s.api('GET', '/api/v1/auth/me', { token })).status, 401);
});

test('scope: a district official sees only their district, by list and by id', async () => {
  const ta = await s.login('commander_a', 'Pass-word-1');
  const list = await s.api('GET', '/api/v1/enterprises?size=100', { token: ta });
  assert.equal(list.status, 200);
  assert.ok(list.body.items.some((e) => e.uscc === firmA));
  assert.ok(!list.body.items.some((e) => e.uscc === firmB));
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmA}`, { token: ta })).status, 200);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmB}`, { token: ta })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/enterprises/${firmB}/status-history`, { token: ta })).status, 404);
  // Asking for the other district's region filter gives nothing, not their data.
  const other = await s.api('GET', `/api/v1/enterprises?region=${B}`, { token: ta });
  assert.equal(other.body.total, 0);
  // A commander may not import or change the registry.
  assert.equal((await s.api('PUT', `/api/v1/enterprises/${firmA}`, { token: ta, body: { name: 'x' } })).status, 403);
  assert.equal((await s.api('GET', '/api/v1/users', { token: ta })).status, 403);
});

test('validation names the field and writes nothing', async () => {
  const bad = [
    [{ ...enterprise(uscc(A, 3), A), uscc: uscc(A, 3).slice(0, 17) + '0' }, 400, 'uscc'],
    [{ ...enterprise(uscc(A, 4), A), phone: '12345' }, 400, 'phone'],
    [enterprise(uscc(A, 5), '229999'), 404, 'region_code'],
    [{ ...enterprise(uscc(A, 6), A), industry_code: '99' }, 400, 'industry_code'],
    [{ ...enterprise(uscc(A, 7), A), employees: -1 }, 400, 'employees'],
    [{ ...enterprise(uscc(A, 8), A), employees: 'many' }, 400, 'employees'],
    [{ ...enterprise(uscc(A, 9), A), colour: 'red' }, 400, 'colour'],
    [{ ...enterprise(uscc(A, 10), A), status_date: '2999-01-01' }, 400, 'status_date'],
    [enterprise(firmA, A), 409, 'uscc'],
  ];
  for (const [body, status, field] of bad) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body });
    assert.equal(r.status, status, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    assert.ok(r.body.message.length > 0);
  }
  const after = await s.api('GET', '/api/v1/enterprises?size=200', { token: admin });
  assert.equal(after.body.total, 2);
  const malformed = await s.api('POST', '/api/v1/enterprises', { token: admin, body: '{"uscc": ' });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.code, 'bad_json');
  const huge = await s.api('POST', '/api/v1/enterprises', { token: admin, body: JSON.stringify({ name: 'x'.repeat(200000) }) });
  assert.equal(huge.status, 413);
});

test('status changes are dated history; a future date is refused', async () => {
  let r = await s.api('POST', `/api/v1/enterprises/${firmA}/status`, { token: admin, body: { status: 'production_resumed', date: '2020-02-20', note: '产线恢复' } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.work_status, 'production_resumed');
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/status`, { token: admin, body: { status: 'full_capacity', date: '2999-02-20' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'date');
  // A back-dated entry does not replace the latest status.
  r = await s.api('POST', `/api/v1/enterprises/${firmA}/status`, { token: admin, body: { status: 'suspended', date: '2020-01-24' } });
  assert.equal(r.body.work_status, 'production_resumed');
  const h = await s.api('GET', `/api/v1/enterprises/${firmA}/status-history`, { token: admin });
  assert.deepEqual(h.body.items.map((i) => i.status), ['production_resumed', 'work_resumed', 'suspended']);
});

const header = '统一社会信用代码,企业名称,所属区划代码,行业代码,规模,职工总数,外省职工数,正常日产值万元,规上工业,限上商贸,重点企业,保供类别,季节性生产,连续生产,复工状态,状态日期,包保干部,联系人,联系电话';

test('import: valid rows import, bad rows are reported by row and column, re-import updates', async () => {
  const rows = [
    header,
    `${uscc(A, 100)},吉林市宏达机械有限公司,220202001,34,中,450,20,80,是,否,是,,否,否,已复工,2020-02-14,张三,李四,13904319811`,
    `${uscc(A, 101)},吉林市鑫源食品有限公司,2202,13,小,60,0,12.5,Y,N,N,生活保障必需,0,0,已复产,2020/2/18,赵六,钱七,0432-62012345`,
    `${uscc(A, 102).slice(0, 17)}X,坏代码有限公司,220202,13,小,10,0,1,否,否,否,,否,否,停工,2020-02-01,,,`,
    `${uscc(A, 103)},坏区划有限公司,229999,13,小,10,0,1,否,否,否,,否,否,停工,2020-02-01,,,`,
    `${uscc(A, 104)},坏标记有限公司,220202,13,小,10,0,1,也许,否,否,,否,否,停工,2020-02-01,,,`,
    `${uscc(A, 100)},重复代码有限公司,220202,13,小,10,0,1,否,否,否,,否,否,停工,2020-02-01,,,`,
  ].join('\r\n');
  const r = await s.upload('/api/v1/enterprises/import', admin, 'firms.csv', rows);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.imported, 2);
  assert.equal(r.body.updated, 0);
  assert.deepEqual(r.body.rejected.map((e) => [e.row, e.column]), [[4, '统一社会信用代码'], [5, '所属区划代码'], [6, '规上工业'], [7, '统一社会信用代码']]);
  const report = await s.api('GET', `/api/v1/imports/${r.body.report_id}/report`, { token: admin });
  assert.equal(report.status, 200);
  assert.match(report.text, /行号,列,原因/);
  assert.match(report.text, /^4,统一社会信用代码,/m);
  const got = await s.api('GET', `/api/v1/enterprises/${uscc(A, 101)}`, { token: admin });
  assert.equal(got.body.region_code, '220200');
  assert.equal(got.body.essential_category, 'daily_necessities');
  assert.equal(got.body.status_date, '2020-02-18');
  assert.equal(got.body.phone, '0432-62012345');
  // Re-importing the same rows changes nothing new: all updates, no new history.
  const again = await s.upload('/api/v1/enterprises/import', admin, 'firms.csv', rows);
  assert.equal(again.body.imported, 0);
  assert.equal(again.body.updated, 2);
  const h = await s.api('GET', `/api/v1/enterprises/${uscc(A, 100)}/status-history`, { token: admin });
  assert.equal(h.body.items.length, 1);
});

test('import: English headers, GBK encoding, and file-level errors', async () => {
  const en = 'uscc,name,region_code,industry_code,size,employees\n' + `${uscc(B, 200)},Longtan Trading Co,${B},51,micro,5\n`;
  let r = await s.upload('/api/v1/enterprises/import', admin, 'en.csv', en);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.imported, 1);
  // GBK bytes for: header + one row with a Chinese name.
  const gbk = readFileSync(new URL('../fixtures/enterprises-gbk.csv', import.meta.url));
  r = await s.upload('/api/v1/enterprises/import', admin, 'gbk.csv', gbk);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.imported, 1);
  const got = await s.api('GET', '/api/v1/enterprises?q=' + encodeURIComponent('松江'), { token: admin });
  assert.equal(got.body.total, 1);
  r = await s.upload('/api/v1/enterprises/import', admin, 'missing.csv', '企业名称,行业代码\n某公司,13\n');
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'missing_column');
  r = await s.upload('/api/v1/enterprises/import', admin, 'empty.csv', '');
  assert.equal(r.status, 400);
  r = await s.upload('/api/v1/enterprises/import', admin, 'broken.xlsx', Buffer.from('PK\x03\x04 this is not a zip'), 'application/octet-stream');
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'bad_xlsx');
  r = await s.upload('/api/v1/enterprises/import', admin, 'virus.exe', 'MZ');
  assert.equal(r.status, 415);
});

test('export: XLSX and CSV with the filters, formula cells neutralised, and a round trip', async () => {
  const evil = uscc(A, 300);
  assert.equal((await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(evil, A, { name: '=HYPERLINK("http://x")公司', contact: '@SUM(1)' }) })).status, 201);
  const csv = await fetch(s.base + `/api/v1/enterprises/export?format=csv&region=${A}`, { headers: { authorization: 'Bearer ' + admin } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /attachment/);
  const text = await csv.text();
  assert.ok(text.startsWith('\uFEFF') || text.startsWith('统一'));
  assert.match(text, /'=HYPERLINK/);
  assert.match(text, /'@SUM/);
  assert.ok(!text.includes(firmB), 'the region filter applies to exports');
  const xlsx = await fetch(s.base + `/api/v1/enterprises/export?format=xlsx&region=${A}`, { headers: { authorization: 'Bearer ' + admin } });
  assert.equal(xlsx.status, 200);
  const bytes = Buffer.from(await xlsx.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const before = (await s.api('GET', `/api/v1/enterprises?region=${A}&size=1`, { token: admin })).body.total;
  const back = await s.upload('/api/v1/enterprises/import', admin, 'export.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.imported, 0);
  assert.equal(back.body.rejected_rows, 0, JSON.stringify(back.body.rejected));
  assert.equal(back.body.updated, before);
});

test('regions: children, path, custom development zones', async () => {
  const kids = await s.api('GET', '/api/v1/regions?parent=220200', { token: admin });
  assert.ok(kids.body.items.some((r) => r.code === A && r.name === '昌邑区'));
  const path = await s.api('GET', '/api/v1/regions/220202001', { token: admin });
  assert.deepEqual(path.body.path.map((p) => p.code), ['220000', '220200', '220202', '220202001']);
  let r = await s.api('POST', '/api/v1/regions', { token: admin, body: { parent_code: '220200', code: '220298', name: '吉林测试开发区' } });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', '/api/v1/regions', { token: admin, body: { parent_code: '220200', code: '330298', name: '错位开发区' } });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'code');
  const ta = await s.login('commander_a', 'Pass-word-1');
  r = await s.api('POST', '/api/v1/regions', { token: ta, body: { parent_code: '220200', code: '220297', name: 'x' } });
  assert.equal(r.status, 403);
  const ind = await s.api('GET', '/api/v1/industries', { token: admin });
  assert.equal(ind.body.items.filter((i) => i.level === 'section').length, 20);
  assert.equal(ind.body.items.filter((i) => i.level === 'division').length, 97);
});

test('every write is in the audit log', async () => {
  const r = await s.api('GET', '/api/v1/audit-logs?size=200', { token: admin });
  assert.equal(r.status, 200);
  assert.ok(r.body.items.some((e) => e.action === 'POST /api/v1/enterprises/import' && e.username === 'admin'));
  assert.ok(r.body.items.some((e) => e.action === 'POST /api/v1/enterprises/{uscc}/status' && e.object.includes(firmA)));
});

test('command line: import and export enterprises, user add validates', async () => {
  const bad = runCli(s.db, ['user', 'add', 'wizard1', '--role', 'wizard'], 'Password-1\n');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /unknown role/);
  const out = s.dir + '/cli.csv';
  const ex = runCli(s.db, ['export', 'enterprises', out]);
  assert.equal(ex.status, 0, ex.stderr);
  const text = readFileSync(out, 'utf8');
  assert.match(text, new RegExp(firmB));
  const im = runCli(s.db, ['import', 'enterprises', out]);
  assert.equal(im.status, 0, im.stdout + im.stderr);
  assert.match(im.stdout, /imported 0, updated \d+, rejected rows 0/);
});
