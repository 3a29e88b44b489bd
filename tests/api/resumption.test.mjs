// Resumption applications (SPEC §3.2): both routes, every transition allowed
// and refused, the one-shot deficiency list and resubmission, scope by region
// and department, evidence uploads, and the enterprise's status on approval.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE),
// with the clock pinned to 2020-02-14 so February dates are "not in the past".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ADMIN_PASSWORD, ENGINE, startServer, uscc } from '../lib/harness.mjs';

const TODAY = '2020-02-14';
const CITY = '220200';       // 吉林市
const A = '220202';          // 昌邑区
const A1 = '220202001';      // 兴华街道 (in A)
const A2 = '220202002';      // 文庙街道 (in A): its own negative list
const B = '220203';          // 龙潭区
const PASSWORD = 'Pass-word-1';
const INDUSTRY = '工业和信息化局';
const TRADE = '商务局';

let s;
let admin;
const tok = {};
const firms = {};

function enterprise(code, region, extra = {}) {
  return { uscc: code, name: `复工测试企业${code.slice(-5)}有限公司`, region_code: region, industry_code: '13',
    size: 'medium', employees: 300, employees_out_of_province: 20, normal_output: 50,
    work_status: 'suspended', status_date: '2020-02-01', contact: '李娜', phone: '13904319810',
    legal_representative: '王伟', ...extra };
}

function checklist(extra = {}) {
  return { isolation_room: true, thermometers: 6, masks_in_stock: 3000, masks_days_of_supply: 10,
    disinfection_plan: true, disinfection_records: true, staggered_dining: true, leader_on_duty: true,
    emergency_plan: true,
    four_measures: { scan_code: true, registration: true, temperature_check: true, mask_wearing: true }, ...extra };
}

function content(extra = {}) {
  return { planned_date: '2020-02-20', staff_total: 120, staff_local: 100, staff_out_of_province: 15,
    staff_from_risk_regions: 2, checklist: checklist(), commitment: { signer: '王伟', accepted: true }, ...extra };
}

const ITEMS = ['isolation_room', 'thermometers', 'masks_in_stock', 'masks_days_of_supply', 'disinfection_plan',
  'disinfection_records', 'staggered_dining', 'leader_on_duty', 'emergency_plan', 'four_measures'];
function allPass(extra = {}) {
  return { ...Object.fromEntries(ITEMS.map((i) => [i, 'pass'])), ...extra };
}

const api = (...args) => s.api(...args);
const get = (id, who) => api('GET', `/api/v1/applications/${id}`, { token: tok[who] ?? who });
const act = (id, action, who, body = {}) =>
  api('POST', `/api/v1/applications/${id}/${action}`, { token: tok[who] ?? who, body });
const create = (firm, who, body = content()) =>
  api('POST', `/api/v1/enterprises/${firms[firm]}/applications`, { token: tok[who] ?? who, body });
const list = (who, query = '') => api('GET', `/api/v1/applications?size=200${query}`, { token: tok[who] ?? who });

// A refused call answers `status` (and `code`) and changes nothing.
async function refused(id, call, status, code) {
  const before = (await get(id, admin)).body;
  const r = await call();
  assert.equal(r.status, status, r.text);
  if (code) assert.equal(r.body.code, code, r.text);
  const after = (await get(id, admin)).body;
  assert.equal(after.state, before.state);
  assert.equal(after.version, before.version);
  assert.equal(after.timeline.length, before.timeline.length);
  assert.equal(after.review_level, before.review_level);
  return r;
}

async function upload(id, who, filename, bytes, { kind, type = 'application/octet-stream' } = {}) {
  const form = new FormData();
  if (kind) form.append('kind', kind);
  form.append('file', new Blob([bytes], { type }), filename);
  const r = await fetch(`${s.base}/api/v1/applications/${id}/attachments`, {
    method: 'POST', headers: { authorization: 'Bearer ' + (tok[who] ?? who) }, body: form });
  const text = await r.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, body, text };
}

async function history(firm) {
  const r = await api('GET', `/api/v1/enterprises/${firms[firm]}/status-history`, { token: admin });
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

// A stored (uncompressed) zip of the given entries: an OOXML skeleton.
function crc32(buf) {
  let crc = 0xffffffff;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function zip(names) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const d = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><x/>');
    const crc = crc32(d);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x21, 12);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(d.length, 18); lh.writeUInt32LE(d.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x21, 14);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(d.length, 20); ch.writeUInt32LE(d.length, 24);
    ch.writeUInt16LE(n.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, d);
    centrals.push(ch, n);
    offset += 30 + n.length + d.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(names.length, 8); end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: `${TODAY}T09:00:00+08:00` } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  // Town then county review across the city; the city's negative list; town A2
  // puts only essential (保供) enterprises on its own list.
  for (const [key, region, value] of [
    ['review_levels', CITY, [4, 3]],
    ['negative_list', CITY, { industries: ['H', 'P', 'R'], flags: ['mall', 'farmers_market', 'key_enterprise'] }],
    ['negative_list', A2, { industries: [], flags: ['essential'] }],
  ]) {
    const r = await api('PUT', `/api/v1/settings/${key}`, { token: admin, body: { region_code: region, value } });
    assert.equal(r.status, 200, `${key}@${region}: ${r.text}`);
  }
  const defs = {
    commit: [A1, {}],                                          // manufacturing, no flag: 承诺即复工
    std: [A1, { key_enterprise: true }],                       // key enterprise: standard, 工信局
    ret: [A1, { key_enterprise: true }],                       // returned and resubmitted
    wd: [A1, { key_enterprise: true }],                        // withdrawals
    hotel: [A1, { industry_code: '61' }],                      // H: standard, 商务局
    county: [A, { key_enterprise: true }],                     // registered at county level: no town review
    resumed: [A1, { key_enterprise: true, work_status: 'work_resumed', status_date: '2020-02-10' }],
    plain2: [A2, {}],                                          // A2 list: essential only
    ess2: [A2, {}],                                            // declares 保供 in its application
    other: [B, { key_enterprise: true }],                      // another district
  };
  let serial = 100;
  for (const [name, [region, extra]] of Object.entries(defs)) {
    firms[name] = uscc(region.slice(0, 6), serial++);
    const r = await api('POST', '/api/v1/enterprises', { token: admin, body: enterprise(firms[name], region, extra) });
    assert.equal(r.status, 201, r.text);
  }
  const users = [
    ...Object.keys(defs).map((f) => [`ent_${f}`, ['enterprise'], '', '', firms[f]]),
    ['rev_town', ['reviewer'], A1, INDUSTRY],
    ['rev_town_any', ['reviewer'], A1, ''],
    ['rev_county', ['reviewer'], A, INDUSTRY],
    ['rev_county_trade', ['reviewer'], A, TRADE],
    ['rev_b', ['reviewer'], B, INDUSTRY],
    ['insp_a', ['inspector'], A, ''],
    ['insp_b', ['inspector'], B, ''],
    ['cmd_a', ['commander'], A, ''],
    ['cmd_b', ['commander'], B, ''],
    ['cadre_a', ['cadre'], A, ''],
  ];
  for (const [username, roles, region, department, firm] of users) {
    const body = { username, password: PASSWORD, roles, display_name: username };
    if (region) body.region_code = region;
    if (department) body.department = department;
    if (firm) body.enterprise_uscc = firm;
    const r = await api('POST', '/api/v1/users', { token: admin, body });
    assert.equal(r.status, 201, r.text);
    tok[username] = await s.login(username, PASSWORD);
  }
});

after(async () => { await s?.stop(); });

test(`commitment route (承诺即复工) is approved on submission on ${ENGINE}`, async () => {
  let r = await create('commit', 'ent_commit', content({ planned_date: '2020-02-18', checklist: { thermometers: 2 } }));
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  assert.equal(r.body.state, 'draft');
  assert.equal(r.body.uscc, firms.commit);
  assert.equal(r.body.checklist.thermometers, 2);
  assert.equal(r.body.checklist.isolation_room, false);
  assert.match(r.body.commitment.signed_at, /^2020-02-14T/);
  // A second open application is refused.
  r = await create('commit', 'ent_commit');
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'open_application_exists');
  // Drafts are edited in place.
  r = await api('PUT', `/api/v1/applications/${id}`, { token: tok.ent_commit, body: { checklist: checklist() } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.checklist.isolation_room, true);
  assert.equal(r.body.version, 2);
  r = await act(id, 'submit', 'ent_commit');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'approved');
  assert.equal(r.body.route, 'commitment');
  assert.deepEqual(r.body.route_reasons, []);
  assert.equal(r.body.approved_date, '2020-02-18');
  assert.equal(r.body.inspection_due, true);
  const d = (await get(id, 'ent_commit')).body;
  assert.deepEqual(d.timeline.map((t) => [t.from, t.to]),
    [['', 'draft'], ['draft', 'submitted'], ['submitted', 'approved']]);
  assert.equal(d.timeline[1].actor_name, 'ent_commit');
  assert.ok(d.timeline.every((t) => /^2020-02-14T/.test(t.at)));
  // The enterprise is 已复工 from the approved date.
  const h = await history('commit');
  assert.ok(h.some((x) => x.status === 'work_resumed' && x.date === '2020-02-18'), JSON.stringify(h));
  // Nothing more may happen to an approved application.
  await refused(id, () => act(id, 'submit', 'ent_commit'), 409, 'invalid_transition');
  await refused(id, () => act(id, 'withdraw', 'ent_commit'), 409, 'invalid_transition');
  await refused(id, () => api('PUT', `/api/v1/applications/${id}`, { token: tok.ent_commit, body: { staff_total: 1 } }), 409, 'invalid_transition');
  await refused(id, () => act(id, 'review', 'rev_town', { decision: 'approve' }), 409, 'invalid_transition');
  await refused(id, () => act(id, 'acceptance', 'insp_a', { result: 'pass', mode: 'on_site', checklist: allPass() }), 409, 'invalid_transition');
  await refused(id, () => upload(id, 'ent_commit', 'order.pdf', PDF), 409, 'invalid_transition');
  // A closed application leaves room for a new one.
  r = await create('commit', 'ent_commit');
  assert.equal(r.status, 201, r.text);
  assert.equal((await act(r.body.id, 'withdraw', 'ent_commit', { comment: '不再需要' })).body.state, 'withdrawn');
});

let stdId;
test('standard route: town review, county review, on-site acceptance, approval', async () => {
  let r = await create('std', 'ent_std');
  assert.equal(r.status, 201, r.text);
  stdId = r.body.id;
  const id = stdId;
  r = await act(id, 'submit', 'ent_std');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'submitted');
  assert.equal(r.body.route, 'standard');
  assert.deepEqual(r.body.route_reasons, ['flag:key_enterprise']);
  assert.equal(r.body.department, INDUSTRY);
  assert.deepEqual(r.body.review_levels, [4, 3]);
  assert.equal(r.body.review_level, 4);
  assert.equal(r.body.review_region_code, A1);

  // Queues: the town reviewer of the department (or of any department) acts now.
  const inQueue = async (who) => (await list(who, '&queue=1')).body.items.some((a) => a.id === id);
  assert.equal(await inQueue('rev_town'), true);
  assert.equal(await inQueue('rev_town_any'), true);
  assert.equal(await inQueue('rev_county'), false);
  assert.equal(await inQueue('insp_a'), false);
  assert.equal(await inQueue('ent_std'), false);
  assert.equal(await inQueue('cmd_a'), false);
  // The county reviewer sees it (subtree, department) but it is not their turn.
  assert.ok((await list('rev_county')).body.items.some((a) => a.id === id));
  await refused(id, () => act(id, 'review', 'rev_county', { decision: 'approve' }), 403, 'not_your_turn');
  // Another department, another district: nothing, and 404 by id.
  for (const who of ['rev_county_trade', 'rev_b', 'cmd_b', 'insp_b', 'ent_hotel']) {
    assert.equal((await get(id, who)).status, 404, who);
    assert.ok(!(await list(who)).body.items.some((a) => a.id === id), who);
  }
  await refused(id, () => act(id, 'review', 'rev_county_trade', { decision: 'approve' }), 404);
  await refused(id, () => act(id, 'review', 'rev_b', { decision: 'approve' }), 404);
  // Roles without the permission.
  await refused(id, () => act(id, 'review', 'cmd_a', { decision: 'approve' }), 403);
  await refused(id, () => act(id, 'review', 'ent_std', { decision: 'approve' }), 403);
  await refused(id, () => act(id, 'submit', 'rev_town'), 403);
  // Not yet at acceptance.
  await refused(id, () => act(id, 'acceptance', 'insp_a', { result: 'pass', mode: 'on_site', checklist: allPass() }), 409, 'invalid_transition');
  // Review is closed for edits.
  await refused(id, () => api('PUT', `/api/v1/applications/${id}`, { token: tok.ent_std, body: { staff_total: 5 } }), 409, 'invalid_transition');

  r = await act(id, 'review', 'rev_town', { decision: 'approve', comment: '街道同意' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'in_review');
  assert.equal(r.body.review_level, 3);
  assert.equal(r.body.review_region_code, A);
  await refused(id, () => act(id, 'review', 'rev_town', { decision: 'approve' }), 403, 'not_your_turn');
  assert.equal(await inQueue('rev_county'), true);
  assert.equal(await inQueue('rev_town'), false);
  r = await act(id, 'review', 'rev_county', { decision: 'approve', comment: '区工信局同意' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'acceptance_pending');
  assert.equal(r.body.review_level, 0);
  assert.equal(await inQueue('insp_a'), true);
  await refused(id, () => act(id, 'review', 'rev_county', { decision: 'approve' }), 409, 'invalid_transition');
  await refused(id, () => act(id, 'acceptance', 'insp_b', { result: 'pass', mode: 'on_site', checklist: allPass() }), 404);
  // Acceptance input is checked before anything changes.
  await refused(id, () => act(id, 'acceptance', 'insp_a', { result: 'pass', mode: 'on_site', checklist: allPass({ staggered_dining: 'fail' }) }), 400, 'failed_item');
  await refused(id, () => act(id, 'acceptance', 'insp_a', { result: 'fail', mode: 'on_site', checklist: allPass() }), 400, 'findings_required');
  await refused(id, () => act(id, 'acceptance', 'insp_a', { result: 'pass', mode: 'drone', checklist: allPass() }), 400);
  const partial = allPass();
  delete partial.emergency_plan;
  r = await refused(id, () => act(id, 'acceptance', 'insp_a', { result: 'pass', mode: 'video', checklist: partial }), 400);
  assert.equal(r.body.field, 'checklist.emergency_plan');

  r = await act(id, 'acceptance', 'insp_a', { result: 'pass', mode: 'on_site', checklist: allPass(), findings: ['消毒记录建议按小时填写'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'approved');
  assert.equal(r.body.approved_date, '2020-02-20');
  assert.equal(r.body.inspection_due, false);
  const d = (await get(id, 'cmd_a')).body;
  assert.deepEqual(d.timeline.map((t) => t.to), ['draft', 'submitted', 'in_review', 'acceptance_pending', 'approved']);
  assert.deepEqual(d.timeline.map((t) => t.actor_name), ['ent_std', 'ent_std', 'rev_town', 'rev_county', 'insp_a']);
  assert.equal(d.timeline[2].comment, '街道同意');
  assert.equal(d.timeline[2].review_level, 4);
  assert.equal(d.acceptances.length, 1);
  assert.equal(d.acceptances[0].mode, 'on_site');
  assert.equal(d.acceptances[0].checklist.four_measures, 'pass');
  const h = await history('std');
  assert.ok(h.some((x) => x.status === 'work_resumed' && x.date === '2020-02-20'), JSON.stringify(h));
  await refused(id, () => act(id, 'withdraw', 'ent_std'), 409, 'invalid_transition');
  // The actors find it with mine=1.
  assert.ok((await list('rev_town', '&mine=1')).body.items.some((a) => a.id === id));
  assert.ok(!(await list('rev_town_any', '&mine=1')).body.items.some((a) => a.id === id));

  // Who had to act next was notified, with a link to the application; nobody else.
  const link = `/resumption/applications/${id}`;
  const notified = async (who) => (await api('GET', '/api/v1/notifications?size=100', { token: tok[who] })).body.items
    .filter((n) => n.link === link).map((n) => n.kind);
  assert.deepEqual(await notified('rev_town'), ['application_to_review']);
  assert.deepEqual(await notified('rev_town_any'), ['application_to_review']);
  assert.deepEqual(await notified('rev_county'), ['application_to_review']);
  assert.deepEqual(await notified('insp_a'), ['application_to_accept']);
  assert.deepEqual(await notified('ent_std'), ['application_approved']);
  for (const who of ['rev_county_trade', 'rev_b', 'insp_b', 'cmd_a']) assert.deepEqual(await notified(who), [], who);
  const mine = await api('GET', '/api/v1/notifications?unread=1', { token: tok.ent_std });
  const n = mine.body.items.find((x) => x.link === link);
  assert.match(n.title, /批准/);
  assert.equal(n.read, false);
  const before = (await api('GET', '/api/v1/notifications/unread-count', { token: tok.ent_std })).body.unread;
  assert.equal((await api('POST', `/api/v1/notifications/${n.id}/read`, { token: tok.rev_town })).status, 404);
  assert.equal((await api('POST', `/api/v1/notifications/${n.id}/read`, { token: tok.ent_std })).status, 200);
  assert.equal((await api('GET', '/api/v1/notifications/unread-count', { token: tok.ent_std })).body.unread, before - 1);
  assert.equal((await api('POST', '/api/v1/notifications/read-all', { token: tok.rev_county })).status, 200);
  assert.equal((await api('GET', '/api/v1/notifications/unread-count', { token: tok.rev_county })).body.unread, 0);
  assert.equal((await api('GET', '/api/v1/notifications/outbox', { token: tok.ent_std })).status, 403);
  assert.ok((await api('GET', '/api/v1/notifications/outbox', { token: admin })).body.counts.pending >= 5);
});

test('a return lists every deficiency at once; the enterprise corrects and resubmits', async () => {
  let r = await create('ret', 'ent_ret', content({ checklist: checklist({ isolation_room: false, staggered_dining: false }) }));
  const id = r.body.id;
  assert.equal((await act(id, 'submit', 'ent_ret')).body.state, 'submitted');
  await refused(id, () => act(id, 'review', 'rev_town', { decision: 'return', comment: '请整改' }), 400, 'deficiencies_required');
  await refused(id, () => act(id, 'review', 'rev_town', { decision: 'return', deficiencies: [] }), 400, 'deficiencies_required');
  r = await refused(id, () => act(id, 'review', 'rev_town', { decision: 'return', deficiencies: [{ item: 'isolation_room', reason: '无隔离室' }, { item: 'swimming_pool', reason: 'x' }] }), 400, 'invalid_item');
  assert.equal(r.body.field, 'deficiencies');
  await refused(id, () => act(id, 'review', 'rev_town', { decision: 'return', deficiencies: [{ item: 'other', reason: '' }] }), 400, 'reason_required');
  await refused(id, () => act(id, 'review', 'rev_town', { decision: 'approve', deficiencies: [{ item: 'other', reason: 'x' }] }), 400);
  await refused(id, () => act(id, 'review', 'rev_town', { decision: 'maybe' }), 400);
  const deficiencies = [
    { item: 'isolation_room', reason: '未设置隔离观察室' },
    { item: 'staggered_dining', reason: '食堂未错峰分餐' },
    { item: 'staff', reason: '外省返岗人员未报备' },
  ];
  r = await act(id, 'review', 'rev_town', { decision: 'return', comment: '请一次性整改', deficiencies });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'rejected');
  let d = (await get(id, 'ent_ret')).body;
  assert.deepEqual(d.deficiencies, deficiencies);
  assert.deepEqual(d.timeline.at(-1).deficiencies, deficiencies);
  assert.equal(d.timeline.at(-1).from, 'submitted');
  assert.equal(d.timeline.at(-1).to, 'rejected');
  // The enterprise sees it in its queue, corrects everything and resubmits.
  assert.ok((await list('ent_ret', '&queue=1')).body.items.some((a) => a.id === id));
  // A stale version is refused.
  await refused(id, () => api('PUT', `/api/v1/applications/${id}`, { token: tok.ent_ret, body: { version: 1, staff_total: 130 } }), 409, 'concurrent_change');
  r = await api('PUT', `/api/v1/applications/${id}`, { token: tok.ent_ret, body: { checklist: checklist(), staff_out_of_province: 10 } });
  assert.equal(r.status, 200, r.text);
  r = await act(id, 'submit', 'ent_ret');
  assert.equal(r.body.state, 'submitted');
  assert.equal(r.body.review_level, 4, 'the review starts again at the first level');
  d = (await get(id, 'ent_ret')).body;
  assert.deepEqual(d.deficiencies, []);
  assert.deepEqual(d.timeline.at(-1).from, 'rejected');
  assert.deepEqual(d.timeline.at(-1).to, 'submitted');
  // Through both levels again, then a failed acceptance: its findings are the list.
  assert.equal((await act(id, 'review', 'rev_town_any', { decision: 'approve' })).body.state, 'in_review');
  assert.equal((await act(id, 'review', 'rev_county', { decision: 'approve' })).body.state, 'acceptance_pending');
  r = await act(id, 'acceptance', 'insp_a', { result: 'fail', mode: 'video', checklist: allPass({ disinfection_records: 'fail' }), findings: ['消毒记录缺 2 天'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.state, 'rejected');
  d = (await get(id, 'ent_ret')).body;
  assert.deepEqual(d.deficiencies, [{ item: 'disinfection_records', reason: '验收不合格' }, { item: 'other', reason: '消毒记录缺 2 天' }]);
  assert.equal(d.acceptances.at(-1).result, 'fail');
  assert.ok(!(await history('ret')).some((x) => x.status === 'work_resumed'));
  r = await act(id, 'submit', 'ent_ret');
  assert.equal(r.body.state, 'submitted');
  assert.equal(r.body.review_level, 4);
  // The enterprise may also give up a returned application.
  assert.equal((await act(id, 'review', 'rev_town', { decision: 'return', deficiencies: [{ item: 'other', reason: '材料不全' }] })).body.state, 'rejected');
  assert.equal((await act(id, 'withdraw', 'ent_ret')).body.state, 'withdrawn');
});

test('withdrawal before a decision; refused afterwards', async () => {
  let r = await create('wd', 'ent_wd');
  let id = r.body.id;
  assert.equal((await act(id, 'withdraw', 'ent_wd', { comment: '草稿作废' })).body.state, 'withdrawn');
  for (const [state, steps] of [
    ['submitted', []],
    ['in_review', [['review', 'rev_town']]],
    ['acceptance_pending', [['review', 'rev_town'], ['review', 'rev_county']]],
  ]) {
    r = await create('wd', 'ent_wd');
    id = r.body.id;
    await act(id, 'submit', 'ent_wd');
    for (const [action, who] of steps) assert.equal((await act(id, action, who, { decision: 'approve' })).status, 200);
    assert.equal((await get(id, 'ent_wd')).body.state, state);
    // Only the enterprise itself withdraws.
    await refused(id, () => act(id, 'withdraw', 'rev_county'), 403);
    await refused(id, () => act(id, 'withdraw', 'ent_std'), 404);
    r = await act(id, 'withdraw', 'ent_wd', { comment: '订单推迟' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.state, 'withdrawn');
    const d = (await get(id, 'ent_wd')).body;
    assert.deepEqual([d.timeline.at(-1).from, d.timeline.at(-1).to, d.timeline.at(-1).comment], [state, 'withdrawn', '订单推迟']);
    await refused(id, () => act(id, 'withdraw', 'ent_wd'), 409, 'invalid_transition');
    await refused(id, () => act(id, 'submit', 'ent_wd'), 409, 'invalid_transition');
    await refused(id, () => act(id, 'review', 'rev_county', { decision: 'approve' }), 409, 'invalid_transition');
    await refused(id, () => api('PUT', `/api/v1/applications/${id}`, { token: tok.ent_wd, body: { staff_total: 3 } }), 409, 'invalid_transition');
  }
});

test('validation names the field and writes nothing', async () => {
  const bad = [
    [content({ staff_local: 200 }), 'staff_local'],
    [content({ staff_from_risk_regions: 500 }), 'staff_from_risk_regions'],
    [content({ staff_local: 110 }), 'staff_out_of_province'],
    [content({ staff_total: -1 }), 'staff_total'],
    [content({ planned_date: '2020-02-30' }), 'planned_date'],
    [content({ essential_category: 'snacks' }), 'essential_category'],
    [content({ checklist: { sauna: true } }), 'checklist.sauna'],
    [content({ checklist: { thermometers: 'many' } }), 'checklist.thermometers'],
    [content({ checklist: { four_measures: { scan_code: 'yes' } } }), 'checklist.four_measures.scan_code'],
    [content({ commitment: { signer: '', accepted: true } }), 'commitment.signer'],
    [content({ colour: 'red' }), 'colour'],
  ];
  for (const [body, field] of bad) {
    const r = await create('wd', 'ent_wd', body);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
    assert.ok(r.body.message.length > 0);
  }
  assert.equal((await list('ent_wd', '&state=draft')).body.total, 0);
  // A draft may be incomplete; submission lists everything missing at once.
  let r = await create('wd', 'ent_wd', { staff_total: 0 });
  assert.equal(r.status, 201, r.text);
  const id = r.body.id;
  r = await refused(id, () => act(id, 'submit', 'ent_wd'), 400, 'incomplete');
  assert.equal(r.body.field, 'planned_date');
  for (const what of ['计划复工日期', '返岗人数', '承诺书签署人']) assert.match(r.body.message, new RegExp(what));
  r = await api('POST', `/api/v1/applications/${id}/submit`, { token: tok.ent_wd, body: {}, headers: { 'accept-language': 'en' } });
  assert.match(r.body.message, /planned_date.*staff_total.*commitment\.signer/);
  // A planned date in the past is refused at submission.
  await api('PUT', `/api/v1/applications/${id}`, { token: tok.ent_wd, body: content({ planned_date: '2020-02-13' }) });
  r = await refused(id, () => act(id, 'submit', 'ent_wd'), 400);
  assert.equal(r.body.field, 'planned_date');
  await api('PUT', `/api/v1/applications/${id}`, { token: tok.ent_wd, body: { planned_date: TODAY } });
  assert.equal((await act(id, 'submit', 'ent_wd')).body.state, 'submitted');
  assert.equal((await act(id, 'withdraw', 'ent_wd')).body.state, 'withdrawn');
  // Unknown ids and foreign enterprises.
  assert.equal((await get(999999, admin)).status, 404);
  assert.equal((await get('abc', admin)).status, 404);
  assert.equal((await create('std', 'ent_wd')).status, 404);
  assert.equal((await list('ent_wd', '&state=bogus')).status, 400);
});

test('evidence: type by content, size limit, download by whoever may view', async () => {
  let r = await create('hotel', 'ent_hotel', content({ essential_category: 'daily_necessities' }));
  const id = r.body.id;
  // 保供 needs evidence before submission.
  r = await refused(id, () => act(id, 'submit', 'ent_hotel'), 400, 'incomplete');
  assert.equal(r.body.field, 'attachments');
  await refused(id, () => upload(id, 'ent_hotel', 'order.txt', Buffer.from('just text')), 415, 'unsupported_file');
  await refused(id, () => upload(id, 'ent_hotel', 'order.pdf', Buffer.from('MZ\x90\x00 not a pdf at all')), 415);
  await refused(id, () => upload(id, 'ent_hotel', 'fake.xlsx', zip(['readme.txt'])), 415);
  const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
  r = await refused(id, () => upload(id, 'ent_hotel', 'big.pdf', big), 413);
  assert.equal(r.body.field, 'file');
  await refused(id, () => upload(id, 'ent_hotel', 'order.pdf', PDF, { kind: 'invoice' }), 400);
  await refused(id, () => upload(id, 'ent_b_not_theirs', 'order.pdf', PDF), 401);
  await refused(id, () => upload(id, 'ent_commit', 'order.pdf', PDF), 404);
  // Exactly 10 MiB is accepted.
  const max = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 - PDF.length, 0x20)]);
  r = await upload(id, 'ent_hotel', '保供订单.pdf', max, { kind: 'order' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.content_type, 'application/pdf');
  assert.equal(r.body.size, max.length);
  assert.equal(r.body.sha256, createHash('sha256').update(max).digest('hex'));
  const pdfId = r.body.id;
  r = await upload(id, 'ent_hotel', 'photo.png', PNG);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.content_type, 'image/png');
  r = await upload(id, 'ent_hotel', 'contract.xlsx', zip(['[Content_Types].xml', 'xl/workbook.xml']), { kind: 'contract' });
  assert.equal(r.status, 201, r.text);
  assert.match(r.body.content_type, /spreadsheetml/);
  r = await upload(id, 'ent_hotel', 'contract.docx', zip(['[Content_Types].xml', 'word/document.xml']), { kind: 'contract' });
  assert.equal(r.status, 201, r.text);
  const docxId = r.body.id;
  assert.match(r.body.content_type, /wordprocessingml/);
  r = await api('DELETE', `/api/v1/applications/${id}/attachments/${docxId}`, { token: tok.ent_hotel });
  assert.equal(r.status, 200, r.text);
  const d = (await get(id, 'ent_hotel')).body;
  assert.deepEqual(d.attachments.map((a) => a.kind), ['order', 'other', 'contract']);
  assert.equal(d.attachments[0].filename, '保供订单.pdf');
  // Submission routes H (住宿) to 商务局; the town reviewer of any department takes it.
  r = await act(id, 'submit', 'ent_hotel');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.department, TRADE);
  assert.deepEqual(r.body.route_reasons, ['industry:H']);
  await refused(id, () => upload(id, 'ent_hotel', 'late.pdf', PDF), 409, 'invalid_transition');
  await refused(id, () => api('DELETE', `/api/v1/applications/${id}/attachments/${pdfId}`, { token: tok.ent_hotel }), 409, 'invalid_transition');
  assert.equal((await get(id, 'rev_town')).status, 404, '工信局 does not see 商务局 applications');
  assert.equal((await get(id, 'rev_town_any')).status, 200);
  assert.equal((await get(id, 'rev_county_trade')).status, 200);
  // Downloads: the same bytes, for whoever may view the application.
  for (const who of ['ent_hotel', 'cmd_a', 'rev_county_trade', 'cadre_a', 'insp_a']) {
    const res = await fetch(`${s.base}/api/v1/applications/${id}/attachments/${pdfId}`, { headers: { authorization: 'Bearer ' + tok[who] } });
    assert.equal(res.status, 200, who);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(res.headers.get('content-disposition'), /attachment; .*filename\*=UTF-8''%E4%BF%9D/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(createHash('sha256').update(bytes).digest('hex'), createHash('sha256').update(max).digest('hex'));
  }
  for (const who of ['cmd_b', 'ent_commit', 'rev_county', 'rev_b']) {
    const res = await fetch(`${s.base}/api/v1/applications/${id}/attachments/${pdfId}`, { headers: { authorization: 'Bearer ' + tok[who] } });
    assert.equal(res.status, 404, who);
  }
  assert.equal((await api('GET', `/api/v1/applications/${id}/attachments/99999`, { token: tok.ent_hotel })).status, 404);
});

test('review levels the region lacks are skipped; a region\'s own negative list applies', async () => {
  let r = await create('county', 'ent_county');
  let id = r.body.id;
  r = await act(id, 'submit', 'ent_county');
  assert.deepEqual(r.body.review_levels, [3]);
  assert.equal(r.body.review_level, 3);
  assert.equal((await get(id, 'rev_town')).status, 404, 'a county-level enterprise is outside the town');
  assert.ok((await list('rev_county', '&queue=1')).body.items.some((a) => a.id === id));
  assert.equal((await act(id, 'review', 'rev_county', { decision: 'approve' })).body.state, 'acceptance_pending');

  // Town A2 lists only essential enterprises: a plain one reopens on commitment...
  r = await create('plain2', 'ent_plain2');
  r = await act(r.body.id, 'submit', 'ent_plain2');
  assert.equal(r.body.route, 'commitment');
  assert.equal(r.body.state, 'approved');
  // ...while one declaring a 保供 category goes the standard route.
  r = await create('ess2', 'ent_ess2', content({ essential_category: 'epidemic_control' }));
  id = r.body.id;
  assert.equal((await upload(id, 'ent_ess2', 'contract.pdf', PDF, { kind: 'contract' })).status, 201);
  r = await act(id, 'submit', 'ent_ess2');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.route, 'standard');
  assert.deepEqual(r.body.route_reasons, ['flag:essential']);
  assert.equal(r.body.review_region_code, A2);
});

test('approval keeps a status the enterprise already reports', async () => {
  let r = await create('resumed', 'ent_resumed');
  const id = r.body.id;
  await act(id, 'submit', 'ent_resumed');
  await act(id, 'review', 'rev_town', { decision: 'approve' });
  await act(id, 'review', 'rev_county', { decision: 'approve' });
  const before = await history('resumed');
  r = await act(id, 'acceptance', 'insp_a', { result: 'pass', mode: 'video', checklist: allPass() });
  assert.equal(r.body.state, 'approved');
  assert.deepEqual(await history('resumed'), before);
  const e = await api('GET', `/api/v1/enterprises/${firms.resumed}`, { token: admin });
  assert.equal(e.body.work_status, 'work_resumed');
  assert.equal(e.body.status_date, '2020-02-10');
});

test('another district: its own queue and counts only', async () => {
  let r = await create('other', 'ent_other');
  const id = r.body.id;
  r = await act(id, 'submit', 'ent_other');
  assert.deepEqual(r.body.review_levels, [3], 'registered at county level');
  for (const who of ['rev_county', 'insp_a', 'cmd_a', 'ent_std']) assert.equal((await get(id, who)).status, 404, who);
  assert.ok((await list('rev_b', '&queue=1')).body.items.some((a) => a.id === id));
  assert.equal((await act(id, 'review', 'rev_b', { decision: 'approve' })).body.state, 'acceptance_pending');
  assert.ok((await list('insp_b', '&queue=1')).body.items.some((a) => a.id === id));
  assert.ok(!(await list('insp_a', '&queue=1')).body.items.some((a) => a.id === id));
  // Admin's queue holds every review and acceptance.
  assert.ok((await list(admin, '&queue=1')).body.items.some((a) => a.id === id));
});

test('lists filter by state and region; stats count by state within scope', async () => {
  const all = (await list(admin)).body;
  const stats = (await api('GET', '/api/v1/applications/stats', { token: admin })).body;
  assert.equal(stats.total, all.total);
  assert.deepEqual(Object.keys(stats.by_state).sort(),
    ['acceptance_pending', 'approved', 'draft', 'in_review', 'rejected', 'submitted', 'withdrawn']);
  const count = (items, state) => items.filter((a) => a.state === state).length;
  for (const state of Object.keys(stats.by_state)) assert.equal(stats.by_state[state], count(all.items, state), state);
  assert.equal(stats.inspection_due, all.items.filter((a) => a.inspection_due).length);

  const a = (await api('GET', '/api/v1/applications/stats', { token: tok.cmd_a })).body;
  const b = (await api('GET', '/api/v1/applications/stats', { token: tok.cmd_b })).body;
  assert.equal(a.total + b.total, stats.total);
  assert.equal(b.total, 1);
  assert.equal(b.by_state.acceptance_pending, 1);
  // A commander of B asking for A's region gets nothing of A.
  assert.equal((await api('GET', `/api/v1/applications/stats?region=${A}`, { token: tok.cmd_b })).body.total, 0);
  assert.equal((await list('cmd_b', `&region=${A}`)).body.total, 0);
  const town = (await api('GET', `/api/v1/applications/stats?region=${A2}`, { token: tok.cmd_a })).body;
  assert.equal(town.total, 2);
  const approved = (await list('cmd_a', '&state=approved')).body;
  assert.ok(approved.items.length > 0 && approved.items.every((x) => x.state === 'approved'));
  // An enterprise sees its own applications only.
  const own = (await list('ent_commit')).body;
  assert.ok(own.items.length === 2 && own.items.every((x) => x.uscc === firms.commit));
  assert.equal((await api('GET', '/api/v1/applications/stats?region=bogus', { token: admin })).status, 400);
  assert.equal((await api('GET', '/api/v1/applications/stats?region=229999', { token: admin })).status, 404);
  assert.equal((await list(admin, '&page=0')).status, 400);
});
