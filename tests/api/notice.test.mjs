// Notices API (通知公告): validation per field with nothing written on a
// refusal, the publisher's scope, targets (region subtree, flags, USCCs),
// attachments (type by content, 20 MiB), publication with a notification to
// the enterprises' accounts, the inbox and read receipts (per user and per
// enterprise, first read time kept), the unread list and its XLSX export,
// withdrawal, and scope (another district's notice is 404).
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc } from '../lib/harness.mjs';

const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const firmA1 = uscc(A, 31);
const firmA2 = uscc(A, 32);
const firmB = uscc(B, 33);
const PW = 'Pass-word-1';
const PDF = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';

let s;
let admin, commA, deptB, cadreA, entA1, entA1b, entA2, entB;

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

function enterprise(code, region, extra = {}) {
  return { uscc: code, name: `通知测试企业${code.slice(-4)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 50, work_status: 'work_resumed', status_date: '2020-02-05', contact: '李四',
    phone: '043262010000', ...extra };
}

async function total(token, query = '') {
  const r = await s.api('GET', `/api/v1/notices?size=100${query}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}

async function upload(path, token, filename, bytes, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), filename);
  const r = await fetch(s.base + path, { method: 'POST', headers: { authorization: 'Bearer ' + token }, body: form });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, body, text };
}

before(async () => {
  s = await startServer();
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region, extra] of [[firmA1, A, { key_enterprise: true }], [firmA2, A, {}], [firmB, B, {}]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(code, region, extra) });
    assert.equal(r.status, 201, r.text);
  }
  commA = await user('nt_comm_a', ['commander'], { region_code: A });
  deptB = await user('nt_dept_b', ['department'], { region_code: B, department: '商务局' });
  cadreA = await user('nt_cadre_a', ['cadre'], { region_code: A });
  entA1 = await user('nt_ent_a1', ['enterprise'], { enterprise_uscc: firmA1 });
  entA1b = await user('nt_ent_a1b', ['enterprise'], { enterprise_uscc: firmA1 });
  entA2 = await user('nt_ent_a2', ['enterprise'], { enterprise_uscc: firmA2 });
  entB = await user('nt_ent_b', ['enterprise'], { enterprise_uscc: firmB });
});

after(async () => { await s?.stop(); });

test('bad drafts answer 400 naming the field and write nothing', async () => {
  const good = { kind: 'notice', title: '关于复工复产的告知书', body: '正文', region: A };
  const cases = [
    [{ ...good, kind: 'memo' }, 'kind'],
    [{ ...good, title: '' }, 'title'],
    [{ ...good, title: undefined }, 'title'],
    [{ ...good, title: '长'.repeat(101) }, 'title'],
    [{ ...good, region: undefined }, 'region'],
    [{ ...good, region: '999999' }, 'region'],
    [{ ...good, region: B }, 'region'], // outside the commander's district
    [{ ...good, flags: ['rich'] }, 'flags[0]'],
    [{ ...good, usccs: [firmA1, 'NOT-A-USCC'] }, 'usccs[1]'],
    [{ ...good, usccs: [firmB] }, 'usccs[0]'], // exists, but not in the region
    [{ ...good, colour: 'red' }, 'colour'],
  ];
  for (const [body, field] of cases) {
    const r = await s.api('POST', '/api/v1/notices', { token: commA, body });
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
  }
  assert.equal(await total(commA), 0);
  assert.equal(await total(admin), 0);
});

test('only publishers publish; other roles are refused', async () => {
  const body = { kind: 'notice', title: 'x', region: A };
  for (const token of [cadreA, entA1]) {
    const r = await s.api('POST', '/api/v1/notices', { token, body });
    assert.equal(r.status, 403, r.text);
  }
  assert.equal((await s.api('GET', '/api/v1/notices', { token: cadreA })).status, 403);
  assert.equal((await s.api('GET', '/api/v1/inbox/notices', { token: commA })).status, 403);
  assert.equal((await s.api('GET', '/api/v1/notices', {})).status, 401);
});

test('publish to a district: attachments, inbox, receipts, unread list and export', async () => {
  let r = await s.api('POST', '/api/v1/notices', {
    token: commA, body: { kind: 'guide', title: '企业复工防疫指导手册', body: '# 标题\n\n<script>alert(1)</script> 正文', region: A } });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.equal(r.body.state, 'draft');
  assert.equal(r.body.kind, 'guide');
  assert.equal(r.body.body, '# 标题\n\n<script>alert(1)</script> 正文', 'the body is kept as text');

  // attachments: type by content, not by name; size limit
  r = await upload(`/api/v1/notices/${id}/attachments`, commA, 'fake.pdf', 'just text, not a pdf');
  assert.equal(r.status, 415, r.text);
  assert.equal(r.body.field, 'file');
  r = await upload(`/api/v1/notices/${id}/attachments`, commA, 'huge.pdf', new Uint8Array(20 * 1024 * 1024 + 10).fill(37));
  assert.equal(r.status, 413, r.text);
  r = await s.api('GET', `/api/v1/notices/${id}`, { token: commA });
  assert.equal(r.body.attachments.length, 0, 'refused uploads store nothing');
  r = await upload(`/api/v1/notices/${id}/attachments`, commA, '../手册.pdf', PDF);
  assert.equal(r.status, 201, r.text);
  const att = r.body.id;
  assert.equal(r.body.filename, '手册.pdf');
  assert.equal(r.body.content_type, 'application/pdf');

  // enterprises see nothing before publication
  r = await s.api('GET', '/api/v1/inbox/notices', { token: entA1 });
  assert.equal(r.body.total, 0);
  assert.equal((await s.api('GET', `/api/v1/inbox/notices/${id}`, { token: entA1 })).status, 404);

  r = await s.api('POST', `/api/v1/notices/${id}/publish`, { token: commA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'published');
  assert.equal(r.body.recipients, 2);
  assert.equal(r.body.read_count, 0);
  assert.equal(r.body.unread_count, 2);
  assert.ok(r.body.published_at);

  // published: no more changes
  assert.equal((await s.api('POST', `/api/v1/notices/${id}/publish`, { token: commA })).status, 409);
  r = await s.api('PUT', `/api/v1/notices/${id}`, { token: commA, body: { kind: 'guide', title: '改', region: A } });
  assert.equal(r.status, 409, r.text);
  r = await upload(`/api/v1/notices/${id}/attachments`, commA, 'b.pdf', PDF);
  assert.equal(r.status, 409, r.text);

  // the enterprises' accounts were notified
  r = await s.api('GET', '/api/v1/notifications', { token: entA2 });
  assert.equal(r.status, 200, r.text);
  assert.ok(r.body.items.some((n) => n.kind === 'notice_published' && n.link === `/notice-inbox/${id}`), r.text);
  r = await s.api('GET', '/api/v1/notifications', { token: entB });
  assert.ok(!r.body.items.some((n) => n.kind === 'notice_published'), 'not addressed to district B');

  // another district's enterprise and officials do not see it
  assert.equal((await s.api('GET', `/api/v1/inbox/notices/${id}`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/inbox/notices/${id}/attachments/${att}`, { token: entB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/notices/${id}`, { token: deptB })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/notices/${id}/recipients`, { token: deptB })).status, 404);
  assert.equal(await total(deptB), 0);

  // inbox with the unread badge
  r = await s.api('GET', '/api/v1/inbox/notices?unread=1', { token: entA1 });
  assert.equal(r.body.total, 1);
  assert.equal(r.body.unread, 1);
  assert.equal(r.body.items[0].read, false);
  r = await s.api('GET', '/api/v1/inbox/notices/unread-count', { token: entA1b });
  assert.equal(r.body.unread, 1);

  // opening is reading
  r = await s.api('GET', `/api/v1/inbox/notices/${id}`, { token: entA1 });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.read, true);
  assert.equal(r.body.attachments.length, 1);
  const firstRead = r.body.enterprise_read_at;
  assert.ok(firstRead);
  r = await fetch(`${s.base}/api/v1/inbox/notices/${id}/attachments/${att}`, { headers: { authorization: 'Bearer ' + entA1 } });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), PDF);
  assert.equal((await s.api('GET', '/api/v1/inbox/notices/unread-count', { token: entA1 })).body.unread, 0);
  // the other user of the same enterprise has not read it yet, but the enterprise has
  assert.equal((await s.api('GET', '/api/v1/inbox/notices/unread-count', { token: entA1b })).body.unread, 1);
  await new Promise((res) => setTimeout(res, 1100));
  r = await s.api('GET', `/api/v1/inbox/notices/${id}`, { token: entA1b });
  assert.equal(r.body.enterprise_read_at, firstRead, 'the enterprise keeps its first read time');

  r = await s.api('GET', `/api/v1/notices/${id}`, { token: commA });
  assert.equal(r.body.read_count, 1);
  assert.equal(r.body.unread_count, 1);
  r = await s.api('GET', `/api/v1/notices/${id}/recipients?read=0`, { token: commA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.total, 1);
  assert.equal(r.body.items[0].uscc, firmA2);
  assert.equal(r.body.items[0].read, false);
  r = await s.api('GET', `/api/v1/notices/${id}/recipients?read=1`, { token: commA });
  assert.equal(r.body.total, 1);
  assert.equal(r.body.items[0].uscc, firmA1);
  assert.equal(r.body.items[0].first_read_at, firstRead);
  assert.equal(r.body.items[0].first_reader, 'nt_ent_a1');
  r = await s.api('GET', `/api/v1/notices/${id}/recipients?read=maybe`, { token: commA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'read');

  r = await fetch(`${s.base}/api/v1/notices/${id}/recipients/export?read=0&format=xlsx`, { headers: { authorization: 'Bearer ' + commA } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.match(r.headers.get('content-disposition'), /unread\.xlsx/);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  r = await fetch(`${s.base}/api/v1/notices/${id}/recipients/export?read=0&format=csv`, { headers: { authorization: 'Bearer ' + commA } });
  const csv = await r.text();
  assert.match(csv, new RegExp(firmA2));
  assert.doesNotMatch(csv, new RegExp(firmA1));

  // withdrawal takes it out of the inbox
  r = await s.api('POST', `/api/v1/notices/${id}/withdraw`, { token: commA });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'withdrawn');
  assert.equal((await s.api('POST', `/api/v1/notices/${id}/withdraw`, { token: commA })).status, 409);
  assert.equal((await s.api('GET', `/api/v1/inbox/notices/${id}`, { token: entA2 })).status, 404);
  assert.equal((await s.api('GET', '/api/v1/inbox/notices', { token: entA2 })).body.total, 0);
});

test('targets: flags and USCC lists narrow the recipients; none matching is refused', async () => {
  let r = await s.api('POST', '/api/v1/notices', { token: commA, body: { kind: 'notice', title: '重点企业通知', region: A, flags: ['key_enterprise'] } });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', `/api/v1/notices/${r.body.id}/publish`, { token: commA });
  assert.equal(r.body.recipients, 1);
  r = await s.api('GET', `/api/v1/notices/${r.body.id}/recipients`, { token: commA });
  assert.deepEqual(r.body.items.map((x) => x.uscc), [firmA1]);

  r = await s.api('POST', '/api/v1/notices', { token: commA, body: { kind: 'template', title: '承诺书模板', region: A, usccs: [firmA2.toLowerCase()] } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.body.usccs, [firmA2]);
  r = await s.api('POST', `/api/v1/notices/${r.body.id}/publish`, { token: commA });
  assert.equal(r.body.recipients, 1);

  r = await s.api('POST', '/api/v1/notices', { token: commA, body: { kind: 'notice', title: '商场通知', region: A, flags: ['mall'] } });
  const id = r.body.id;
  r = await s.api('POST', `/api/v1/notices/${id}/publish`, { token: commA });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'no_recipients');
  r = await s.api('GET', `/api/v1/notices/${id}`, { token: commA });
  assert.equal(r.body.state, 'draft', 'a refused publication changes nothing');
  assert.equal(r.body.recipients, 0);
  // a draft can be edited, then published
  r = await s.api('PUT', `/api/v1/notices/${id}`, { token: commA, body: { kind: 'notice', title: '全区通知', region: A } });
  assert.equal(r.status, 200, r.text);
  r = await s.api('POST', `/api/v1/notices/${id}/publish`, { token: commA });
  assert.equal(r.body.recipients, 2);
  // list filters
  assert.equal(await total(commA, '&state=published'), 3);
  assert.equal(await total(commA, '&kind=template'), 1);
  assert.equal(await total(commA, '&q=' + encodeURIComponent('承诺书')), 1);
  r = await s.api('GET', '/api/v1/notices?state=bogus', { token: commA });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'state');
  r = await s.api('GET', '/api/v1/inbox/notices', { token: entA1 });
  assert.equal(r.body.total, 2);
});
