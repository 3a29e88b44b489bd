// Recruitment API (线上招聘): jobs posted by verified enterprises with field
// errors that change nothing, the HR department's review (approve / reject
// with reason, other departments refused, resubmission), the public board
// (approved jobs with places left only, search and filters), public
// self-registration of job seekers (mobile and password rules, duplicate
// names, rate limit per address), key-group pushes (job_match notifications
// and outbox rows for the matching seekers only), scope (a seeker sees only
// their résumé and applications; an enterprise only the applicants to its
// jobs, mobile masked, full mobile through an audited read), hires and the
// labour gap (用工缺口) by region and industry with exports.
// Runs against the real binary on SQLite or PostgreSQL (FUGONG_TEST_ENGINE).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc } from '../lib/harness.mjs';

const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const CITY = '220200';
const firmA = uscc(A, 51);
const firmB = uscc(B, 52);
const firmClosed = uscc(A, 53);
const PW = 'Pass-word-1';
const HR = '人力资源和社会保障局';

let s;
let admin;
const t = {}; // tokens
let addr = 0;
const ip = () => `203.0.113.${++addr}`;

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}
function register(body, from = ip()) {
  return s.api('POST', '/api/v1/jobseekers/register', { body, headers: { 'x-forwarded-for': from } });
}
async function seeker(username, resume) {
  const r = await register({ username, password: PW, name: resume.name || '求职者', mobile: resume.mobile });
  assert.equal(r.status, 201, r.text);
  const token = await s.login(username, PW);
  const u = await s.api('PUT', '/api/v1/resume', { token, body: { name: '求职者', ...resume } });
  assert.equal(u.status, 200, u.text);
  return token;
}
const post = (token, body) => s.api('POST', '/api/v1/jobs', { token, body });
const act = (token, id, action, body) => s.api('POST', `/api/v1/jobs/${id}/${action}`, { token, body });
async function jobCount() {
  const r = await s.api('GET', '/api/v1/jobs?size=1', { token: admin });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}
async function notes(token, kind) {
  const r = await s.api('GET', '/api/v1/notifications?size=100', { token });
  assert.equal(r.status, 200, r.text);
  return r.body.items.filter((n) => n.kind === kind);
}
async function outboxTotal() {
  const r = await s.api('GET', '/api/v1/notifications/outbox', { token: admin });
  assert.equal(r.status, 200, r.text);
  return Object.values(r.body.counts).reduce((a, b) => a + b, 0);
}
async function board(query = '') {
  const r = await s.api('GET', `/api/v1/jobs/public?size=100${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}
const job = (extra = {}) => ({ title: '普工', headcount: 3, pay_min: 3000, pay_max: 4500, education: 'none',
  industry: '13', region: A, requirements: '身体健康', ...extra });
async function published(token, extra) {
  const r = await post(token, job(extra));
  assert.equal(r.status, 201, r.text);
  const a = await act(t.hr, r.body.id, 'approve', {});
  assert.equal(a.status, 200, a.text);
  return r.body.id;
}

before(async () => {
  s = await startServer({ env: { FUGONG_JOBSEEKER_HOURLY_LIMIT: '3' } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region, status] of [[firmA, A, 'work_resumed'], [firmB, B, 'suspended'], [firmClosed, A, 'closed']]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: {
      uscc: code, name: `招聘测试企业${code.slice(-4)}`, region_code: region, industry_code: '13', size: 'small',
      employees: 20, work_status: status, status_date: '2020-02-01' } });
    assert.equal(r.status, 201, r.text);
  }
  t.entA = await user('rc_ent_a', ['enterprise'], { enterprise_uscc: firmA });
  t.entB = await user('rc_ent_b', ['enterprise'], { enterprise_uscc: firmB });
  t.entClosed = await user('rc_ent_closed', ['enterprise'], { enterprise_uscc: firmClosed });
  t.hr = await user('rc_hr', ['department'], { region_code: CITY, department: HR });
  t.other = await user('rc_gxj', ['department'], { region_code: CITY, department: '工业和信息化局' });
  t.hrB = await user('rc_dept_b', ['department'], { region_code: B });
  t.commander = await user('rc_commander', ['commander'], { region_code: A });
});

after(async () => { await s?.stop(); });

test('a job without headcount, with an inverted pay range or unknown codes is refused, naming the field, and nothing is written', async () => {
  const before = await jobCount();
  const cases = [
    [job({ headcount: undefined }), 'headcount'],
    [job({ headcount: 0 }), 'headcount'],
    [job({ headcount: -2 }), 'headcount'],
    [job({ headcount: 1.5 }), 'headcount'],
    [job({ pay_min: 6000, pay_max: 5000 }), 'pay_max'],
    [job({ pay_max: undefined }), 'pay_max'],
    [job({ region: '999999' }), 'region'],
    [job({ region: CITY }), 'region'],
    [job({ industry: '99' }), 'industry'],
    [job({ industry: '', region: '1' }), 'region'],
    [job({ title: '' }), 'title'],
    [job({ education: 'phd' }), 'education'],
    [job({ salary: 1 }), 'salary'],
  ];
  for (const [body, field] of cases) {
    const r = await post(t.entA, body);
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
  }
  const inverted = await post(t.entA, job({ pay_min: 6000, pay_max: 5000 }));
  assert.equal(inverted.body.code, 'pay_range_inverted');
  // Not a verified enterprise (停业 in the registry), not an enterprise account.
  const closed = await post(t.entClosed, job());
  assert.equal(closed.status, 403, closed.text);
  assert.equal(closed.body.code, 'enterprise_not_verified');
  assert.equal((await post(t.hr, job())).status, 403);
  assert.equal(await jobCount(), before);
});

test('review: pending jobs are not public; only the HR department approves or rejects with a reason; a corrected job goes back to review', async () => {
  const r = await post(t.entA, job({ title: '质检员', headcount: 2 }));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.state, 'pending');
  const id = r.body.id;
  assert.ok((await notes(t.hr, 'job_review')).some((n) => n.link.endsWith(`/${id}`)), 'HR hears of the job');
  assert.ok(!(await board()).items.some((j) => j.id === id));
  assert.equal((await s.api('GET', `/api/v1/jobs/public/${id}`)).status, 404);

  const wrong = await act(t.other, id, 'approve', {});
  assert.equal(wrong.status, 403, wrong.text);
  assert.equal(wrong.body.code, 'wrong_department');
  assert.equal((await act(t.entA, id, 'approve', {})).status, 403);
  assert.equal((await act(t.hrB, id, 'approve', {})).status, 404, 'outside the district: unknown');
  const noReason = await act(t.hr, id, 'reject', {});
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.field, 'reason');
  assert.equal((await s.api('GET', `/api/v1/jobs/${id}`, { token: t.hr })).body.state, 'pending');

  const rej = await act(t.hr, id, 'reject', { reason: '请注明是否包食宿' });
  assert.equal(rej.status, 200, rej.text);
  assert.equal(rej.body.state, 'rejected');
  assert.equal(rej.body.review_note, '请注明是否包食宿');
  assert.ok((await notes(t.entA, 'job_rejected')).length >= 1);
  assert.equal((await act(t.hr, id, 'approve', {})).status, 409);

  const fixed = await s.api('PUT', `/api/v1/jobs/${id}`, { token: t.entA, body: job({ title: '质检员', headcount: 2, requirements: '包食宿' }) });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.body.state, 'pending');
  assert.deepEqual(fixed.body.events.map((e) => e.action), ['submitted', 'rejected', 'resubmitted']);
  assert.equal((await s.api('PUT', `/api/v1/jobs/${id}`, { token: t.entB, body: job() })).status, 404);

  const ok = await act(t.hr, id, 'approve', { note: '同意' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.state, 'approved');
  assert.ok((await notes(t.entA, 'job_approved')).length >= 1);
  const pub = await s.api('GET', `/api/v1/jobs/public/${id}`);
  assert.equal(pub.status, 200);
  assert.equal(pub.body.requirements, '包食宿');
  assert.equal(pub.body.state, undefined, 'the board shows no workflow fields');
  // A department user without a department acts for any (like the review queues).
  const other = await post(t.entB, job({ region: B }));
  assert.equal((await act(t.hrB, other.body.id, 'approve', {})).status, 200);
});

test('registration: public, mobile and password rules, unique names, limited per address', async () => {
  const cases = [
    [{ username: 'rc_bad1', password: PW, name: '甲', mobile: '12345678901' }, 'mobile'],
    [{ username: 'rc_bad2', password: 'short', name: '甲', mobile: '13904310001' }, 'password'],
    [{ username: 'x', password: PW, name: '甲', mobile: '13904310001' }, 'username'],
    [{ username: 'rc_bad3', password: PW, name: '', mobile: '13904310001' }, 'name'],
    [{ username: 'rc_bad4', password: PW, name: '甲', mobile: '13904310001', role: 'admin' }, 'role'],
  ];
  for (const [body, field] of cases) {
    const r = await register(body);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, field);
  }
  const ok = await register({ username: 'rc_seeker_x', password: PW, name: '张三', mobile: '13904310001' });
  assert.equal(ok.status, 201, ok.text);
  const dup = await register({ username: 'rc_seeker_x', password: PW, name: '李四', mobile: '13904310002' });
  assert.equal(dup.status, 409);
  const token = await s.login('rc_seeker_x', PW);
  const me = await s.api('GET', '/api/v1/resume', { token });
  assert.equal(me.status, 200);
  assert.equal(me.body.mobile, '13904310001');
  assert.equal(me.body.mobile_masked, '139****0001');
  // Three an hour from one address (FUGONG_JOBSEEKER_HOURLY_LIMIT=3 here), then 429 and nothing written.
  const from = '198.51.100.77';
  for (let i = 0; i < 3; i++)
    assert.equal((await register({ username: `rc_burst${i}`, password: PW, name: '甲', mobile: '13904310003' }, from)).status, 201);
  const limited = await register({ username: 'rc_burst3', password: PW, name: '甲', mobile: '13904310003' }, from);
  assert.equal(limited.status, 429, limited.text);
  const login = await s.api('POST', '/api/v1/auth/login', { body: { username: 'rc_burst3', password: PW } });
  assert.equal(login.status, 401);
  assert.equal((await register({ username: 'rc_burst3', password: PW, name: '甲', mobile: '13904310003' })).status, 201);
});

test('key groups: an approved job is pushed to the matching seekers only (notification and outbox row)', async () => {
  const match1 = await seeker('rc_grad', { mobile: '13904311001', graduate: true, desired_industry: 'C', desired_region: A });
  const match2 = await seeker('rc_vet', { mobile: '13904311002', veteran: true, desired_region: CITY });
  const wrongIndustry = await seeker('rc_grad_f', { mobile: '13904311003', graduate: true, desired_industry: 'F' });
  const wrongRegion = await seeker('rc_hard_b', { mobile: '13904311004', hard_to_employ: true, desired_region: B });
  const noGroup = await seeker('rc_plain', { mobile: '13904311005', desired_industry: 'C', desired_region: A });
  const bad = await s.api('PUT', '/api/v1/resume', { token: noGroup, body: { name: '甲', mobile: '13904311005', desired_region: '999999' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'desired_region');

  const r = await post(t.entA, job({ title: '数控车工', industry: '34' }));
  assert.equal(r.status, 201, r.text);
  const before = await outboxTotal();
  assert.equal((await act(t.hr, r.body.id, 'approve', {})).status, 200);
  // The enterprise's account and the two matching seekers.
  assert.equal(await outboxTotal(), before + 3);
  for (const tok of [match1, match2]) {
    const n = await notes(tok, 'job_match');
    assert.equal(n.length, 1, JSON.stringify(n));
    assert.match(n[0].title, /数控车工/);
  }
  for (const tok of [wrongIndustry, wrongRegion, noGroup])
    assert.equal((await notes(tok, 'job_match')).length, 0);
});

test('scope: seekers see their own résumé and applications; enterprises only their applicants, masked, with an audited contact read', async () => {
  const jobA = await published(t.entA, { title: '包装工', headcount: 1 });
  const jobB = await published(t.entB, { title: '叉车司机', region: B, industry: '59' });
  const pending = await post(t.entA, job({ title: '待审岗位' }));
  const s1 = await seeker('rc_s1', { name: '王一', mobile: '13904312001' });
  const s2 = await seeker('rc_s2', { name: '王二', mobile: '13904312002' });

  const app1 = await s.api('POST', `/api/v1/jobs/${jobA}/apply`, { token: s1, body: { message: '想试试' } });
  assert.equal(app1.status, 201, app1.text);
  assert.equal((await s.api('POST', `/api/v1/jobs/${jobA}/apply`, { token: s1, body: {} })).status, 409);
  assert.equal((await s.api('POST', `/api/v1/jobs/${pending.body.id}/apply`, { token: s1, body: {} })).status, 404);
  assert.equal((await s.api('POST', `/api/v1/jobs/${jobB}/apply`, { token: s2, body: {} })).status, 201);
  assert.equal((await s.api('POST', `/api/v1/jobs/${jobA}/apply`, { token: t.entA, body: {} })).status, 403);

  const mine1 = await s.api('GET', '/api/v1/resume/applications', { token: s1 });
  assert.deepEqual(mine1.body.items.map((a) => a.job_id), [jobA]);
  const mine2 = await s.api('GET', '/api/v1/resume/applications', { token: s2 });
  assert.deepEqual(mine2.body.items.map((a) => a.job_id), [jobB]);
  assert.equal((await s.api('GET', '/api/v1/resume', { token: s2 })).body.name, '王二');
  assert.equal((await s.api('POST', `/api/v1/resume/applications/${app1.body.id}/withdraw`, { token: s2 })).status, 404);
  for (const path of ['/api/v1/job-applications', '/api/v1/jobs', `/api/v1/jobs/${jobA}`, '/api/v1/jobs/labour-gap'])
    assert.equal((await s.api('GET', path, { token: s1 })).status, 403, path);
  assert.equal((await s.api('GET', '/api/v1/resume', { token: t.entA })).status, 403);

  const listA = await s.api('GET', '/api/v1/job-applications', { token: t.entA });
  assert.equal(listA.status, 200);
  assert.ok(listA.body.items.every((a) => a.job_id !== jobB));
  const mine = listA.body.items.find((a) => a.id === app1.body.id);
  assert.ok(mine, JSON.stringify(listA.body) + JSON.stringify(app1.body));
  assert.equal(mine.seeker.name, '王一');
  assert.equal(mine.seeker.mobile_masked, '139****2001');
  assert.ok(!JSON.stringify(listA.body).includes('13904312001'), 'no clear mobile in the list');
  assert.ok((await notes(t.entA, 'job_applied')).length >= 1);
  const listB = await s.api('GET', `/api/v1/job-applications?job=${jobA}`, { token: t.entB });
  assert.equal(listB.body.total, 0);
  assert.equal((await s.api('GET', `/api/v1/job-applications/${app1.body.id}/contact`, { token: t.entB })).status, 404);
  assert.equal((await s.api('POST', `/api/v1/job-applications/${app1.body.id}/state`, { token: t.entB, body: { state: 'hired' } })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/job-applications/${app1.body.id}/contact`, { token: t.hr })).status, 403);

  const contact = await s.api('GET', `/api/v1/job-applications/${app1.body.id}/contact`, { token: t.entA });
  assert.equal(contact.status, 200, contact.text);
  assert.equal(contact.body.mobile, '13904312001');
  const audit = await s.api('GET', '/api/v1/audit-logs?size=100', { token: admin });
  assert.ok(audit.body.items.some((a) => a.action === 'read_personal_data' && a.object.includes(`job_application=${app1.body.id}`)));

  // Hiring fills the only place: the job leaves the board; a second hire is refused.
  const bad = await s.api('POST', `/api/v1/job-applications/${app1.body.id}/state`, { token: t.entA, body: { state: 'withdrawn' } });
  assert.equal(bad.status, 400);
  const hired = await s.api('POST', `/api/v1/job-applications/${app1.body.id}/state`, { token: t.entA, body: { state: 'hired', note: '下周一报到' } });
  assert.equal(hired.status, 200, hired.text);
  assert.equal((await notes(s1, 'job_application')).length, 1);
  assert.ok(!(await board()).items.some((j) => j.id === jobA));
  assert.equal((await s.api('POST', `/api/v1/resume/applications/${app1.body.id}/withdraw`, { token: s1 })).status, 409);
  const s3 = await seeker('rc_s3', { mobile: '13904312003' });
  assert.equal((await s.api('POST', `/api/v1/jobs/${jobA}/apply`, { token: s3, body: {} })).status, 404);
});

test('public board: approved jobs with places left, searchable; closed jobs leave it', async () => {
  // Without an industry the job takes its enterprise's (13, section C).
  const id = await published(t.entA, { title: '电焊工', pay_min: 6000, pay_max: 8000, industry: undefined });
  const all = await board();
  assert.equal(all.items.find((j) => j.id === id)?.industry_code, '13');
  assert.ok(all.items.length >= 1);
  const states = await s.api('GET', '/api/v1/jobs?size=200', { token: admin });
  const approvedOpen = new Set(states.body.items.filter((j) => j.state === 'approved' && j.hired < j.headcount).map((j) => j.id));
  assert.deepEqual(new Set(all.items.map((j) => j.id)), approvedOpen);
  assert.deepEqual((await board('&q=' + encodeURIComponent('电焊'))).items.map((j) => j.id), [id]);
  assert.ok((await board('&pay_min=7000')).items.every((j) => j.pay_max >= 7000));
  assert.ok((await board('&pay_min=7000')).items.some((j) => j.id === id));
  assert.ok((await board(`&region=${B}`)).items.every((j) => j.region.startsWith('220203')));
  assert.ok(!(await board(`&region=${B}`)).items.some((j) => j.id === id));
  assert.ok((await board('&industry=C')).items.some((j) => j.id === id));
  assert.ok(!(await board('&industry=G')).items.some((j) => j.id === id));
  assert.equal((await s.api('GET', '/api/v1/jobs/public?region=999999')).status, 400);
  assert.equal((await s.api('GET', '/api/v1/jobs/public?pay_min=abc')).body.field, 'pay_min');
  assert.equal((await act(t.entB, id, 'close')).status, 404);
  assert.equal((await act(t.entA, id, 'close')).status, 200);
  assert.ok(!(await board()).items.some((j) => j.id === id));
});

test('labour gap: open places of published jobs minus hires, by region and industry, with drill-down and exports', async () => {
  const id = await published(t.entA, { title: '缝纫工', headcount: 10, industry: '18' });
  const gapOf = async (token, q) => {
    const r = await s.api('GET', `/api/v1/jobs/labour-gap?${q}`, { token });
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  const before = await gapOf(t.hr, `region=${CITY}&by=region`);
  const s9 = await seeker('rc_s9', { mobile: '13904319009' });
  const a = await s.api('POST', `/api/v1/jobs/${id}/apply`, { token: s9, body: {} });
  assert.equal((await s.api('POST', `/api/v1/job-applications/${a.body.id}/state`, { token: t.entA, body: { state: 'hired' } })).status, 200);
  const after = await gapOf(t.hr, `region=${CITY}&by=region`);
  assert.equal(after.total.gap, before.total.gap - 1);
  const rowA = after.rows.find((r) => r.key === A);
  assert.ok(rowA && rowA.gap >= 9, JSON.stringify(after));
  assert.equal(rowA.gap, rowA.headcount - rowA.hired);
  // The sum over the published open jobs of the list equals the total.
  const open = await s.api('GET', `/api/v1/jobs?state=open&region=${CITY}&size=200`, { token: t.hr });
  assert.equal(open.body.items.reduce((n, j) => n + j.headcount - j.hired, 0), after.total.gap);
  const drill = await s.api('GET', `/api/v1/jobs?state=open&region=${A}&size=200`, { token: t.hr });
  assert.equal(drill.body.items.reduce((n, j) => n + j.headcount - j.hired, 0), rowA.gap);
  const byIndustry = await gapOf(t.hr, `region=${CITY}&by=industry`);
  assert.equal(byIndustry.total.gap, after.total.gap);
  assert.ok(byIndustry.rows.some((r) => r.key === 'C' && r.label));
  // A district commander sees its district only; a region outside the scope is unknown.
  const district = await gapOf(t.commander, 'by=region');
  assert.equal(district.region, A);
  assert.equal((await s.api('GET', `/api/v1/jobs/labour-gap?region=${B}`, { token: t.commander })).status, 404);
  assert.equal((await s.api('GET', '/api/v1/jobs/labour-gap?by=colour', { token: t.hr })).status, 400);
  assert.equal((await s.api('GET', '/api/v1/jobs/labour-gap', { token: t.entA })).status, 403);

  const csv = await fetch(`${s.base}/api/v1/jobs/labour-gap/export?region=${CITY}&format=csv`, { headers: { authorization: 'Bearer ' + t.hr } });
  assert.equal(csv.status, 200);
  const text = await csv.text();
  assert.match(text, /用工缺口/);
  assert.match(text, new RegExp(`合计.*,${after.total.gap}\\b`));
  const jobs = await fetch(`${s.base}/api/v1/jobs/export?format=csv&q=${encodeURIComponent('缝纫')}`, { headers: { authorization: 'Bearer ' + t.entA } });
  assert.equal(jobs.status, 200);
  assert.match(await jobs.text(), /缝纫工/);
  const apps = await fetch(`${s.base}/api/v1/job-applications/export?format=xlsx`, { headers: { authorization: 'Bearer ' + t.entA } });
  assert.equal(apps.status, 200);
  assert.equal((await s.api('GET', '/api/v1/jobs/export?format=pdf', { token: t.hr })).status, 400);
});
