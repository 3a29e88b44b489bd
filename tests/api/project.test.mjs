// Key projects API (重点项目, SPEC §3.16): the registry with owner and contractors from the enterprise
// registry, bad input refused with the field named and nothing written, the department in charge, scope
// (a district sees its projects only; an enterprise the projects it owns or builds), the dated status
// history and the project rates at past dates from constructed histories (开复工率, investment and workers
// against plan, drill-down to child regions and to the projects), the owner's reports, demands linked to a
// project (「为N个项目解决M个问题」), bulletin placeholders, the dashboard block, import with row-level
// errors, export, and project sites. Runs against the real binary on SQLite or PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc } from '../lib/harness.mjs';

const NOW = '2020-03-01T10:00:00+08:00';
const A = '220202'; // 吉林市昌邑区
const B = '220203'; // 吉林市龙潭区
const CITY = '220200';
const o1 = uscc(A, 901), c1 = uscc(A, 902), x1 = uscc(A, 903), o2 = uscc(B, 904);
const PW = 'Pass-word-1';

let s, admin, fgj, hr, cmdA, cmdB, entO1, entC1, entX;
const ids = {};

function firm(code, region) {
  return { uscc: code, name: `项目测试企业${code.slice(-5)}有限公司`, region_code: region, industry_code: '48',
    size: 'medium', employees: 80, normal_output: 10, work_status: 'work_resumed', status_date: '2020-01-20',
    contact: '王伟', phone: '043262010000', cadre: '李干部' };
}

async function user(username, roles, extra) {
  const r = await s.api('POST', '/api/v1/users', { token: admin, body: { username, password: PW, roles, ...extra } });
  assert.equal(r.status, 201, r.text);
  return s.login(username, PW);
}

function project(code, extra = {}) {
  return { code, name: `测试项目${code}`, owner_uscc: o1, contractor_usccs: [c1], region_code: A, category: '市重点',
    total_investment: 2000, annual_plan: 400, planned_start: '2020-02-10', planned_end: '2020-12-31',
    workers_planned: 50, ...extra };
}

async function count(token = admin) {
  const r = await s.api('GET', '/api/v1/projects?size=200', { token });
  assert.equal(r.status, 200, r.text);
  return r.body.total;
}

async function rates(region, date, token = admin, category = '') {
  const r = await s.api('GET', `/api/v1/projects/rates?region=${region}&date=${date}${category ? `&category=${encodeURIComponent(category)}` : ''}`, { token });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

before(async () => {
  s = await startServer({ env: { FUGONG_NOW: NOW } });
  admin = await s.login('admin', ADMIN_PASSWORD);
  for (const [code, region] of [[o1, A], [c1, A], [x1, A], [o2, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: admin, body: firm(code, region) });
    assert.equal(r.status, 201, r.text);
  }
  fgj = await user('pj_fgj', ['department'], { region_code: A, department: '发展和改革局' });
  hr = await user('pj_hr', ['department'], { region_code: A, department: '人力资源和社会保障局' });
  cmdA = await user('pj_cmd_a', ['commander'], { region_code: A });
  cmdB = await user('pj_cmd_b', ['commander'], { region_code: B });
  entO1 = await user('pj_ent_o1', ['enterprise'], { enterprise_uscc: o1 });
  entC1 = await user('pj_ent_c1', ['enterprise'], { enterprise_uscc: c1 });
  entX = await user('pj_ent_x', ['enterprise'], { enterprise_uscc: x1 });
});

after(async () => { await s?.stop(); });

test('the department in charge registers projects; bad input names the field and writes nothing', async () => {
  let r = await s.api('POST', '/api/v1/projects', { token: fgj, body: project('P1', { actual_start: '2020-02-12', officials: ['pj_cmd_a'] }) });
  assert.equal(r.status, 201, r.text);
  ids.P1 = r.body.id;
  assert.equal(r.body.owner.uscc, o1);
  assert.deepEqual(r.body.contractors.map((c) => c.uscc), [c1]);
  assert.equal(r.body.status, 'resumed');
  assert.equal(r.body.status_date, '2020-02-12');
  assert.equal(r.body.officials[0].username, 'pj_cmd_a');
  r = await s.api('POST', '/api/v1/projects', { token: fgj, body: project('P2', { category: '省重点', annual_plan: 600, workers_planned: 40, contractor_usccs: [] }) });
  assert.equal(r.status, 201, r.text);
  ids.P2 = r.body.id;
  assert.equal(r.body.status, 'not_started');
  r = await s.api('POST', '/api/v1/projects', { token: admin, body: project('P3', { owner_uscc: o2, contractor_usccs: [], region_code: B, category: '三早' }) });
  assert.equal(r.status, 201, r.text);
  ids.P3 = r.body.id;
  r = await s.api('POST', '/api/v1/projects', { token: cmdA, body: project('P4', { category: '三早', contractor_usccs: [], actual_start: '2020-02-05', planned_start: '2020-02-01' }) });
  assert.equal(r.status, 201, r.text);
  ids.P4 = r.body.id;

  const before = await count();
  const cases = [
    [{ owner_uscc: uscc(A, 999) }, 'owner_uscc'],
    [{ contractor_usccs: [uscc(A, 998)] }, 'contractor_usccs'],
    [{ planned_end: '2020-01-01' }, 'planned_end'],
    [{ total_investment: -5 }, 'total_investment'],
    [{ annual_plan: -1 }, 'annual_plan'],
    [{ category: '区重点' }, 'category'],
    [{ actual_start: '2020-03-05' }, 'actual_start'],
    [{ status: 'flying' }, 'status'],
    [{ officials: ['nobody_here'] }, 'officials'],
    [{ planned_start: '2020-02-31' }, 'planned_start'],
    [{ extra: 1 }, 'extra'],
  ];
  for (const [change, field] of cases) {
    r = await s.api('POST', '/api/v1/projects', { token: fgj, body: project('BAD', change) });
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.equal(r.body.field, field, r.text);
  }
  r = await s.api('POST', '/api/v1/projects', { token: fgj, body: project('P1') });
  assert.equal(r.status, 409, r.text);
  // Another department, another district, an enterprise: refused.
  r = await s.api('POST', '/api/v1/projects', { token: hr, body: project('HR1') });
  assert.equal(r.status, 403, r.text);
  r = await s.api('POST', '/api/v1/projects', { token: cmdA, body: project('XB', { region_code: B }) });
  assert.equal(r.status, 403, r.text);
  r = await s.api('POST', '/api/v1/projects', { token: entO1, body: project('E1') });
  assert.equal(r.status, 403, r.text);
  assert.equal(await count(), before);
});

test('scope: a district sees its projects only; an enterprise the ones it owns or builds', async () => {
  let r = await s.api('GET', '/api/v1/projects', { token: cmdB });
  assert.deepEqual(r.body.items.map((p) => p.code), ['P3']);
  r = await s.api('GET', `/api/v1/projects/${ids.P1}`, { token: cmdB });
  assert.equal(r.status, 404, r.text);
  r = await s.api('GET', '/api/v1/projects', { token: cmdA });
  assert.deepEqual(r.body.items.map((p) => p.code), ['P1', 'P2', 'P4']);
  r = await s.api('GET', '/api/v1/projects', { token: entC1 });
  assert.deepEqual(r.body.items.map((p) => p.code), ['P1']);
  r = await s.api('GET', '/api/v1/projects', { token: entX });
  assert.equal(r.body.total, 0);
  r = await s.api('GET', `/api/v1/projects/${ids.P1}`, { token: entX });
  assert.equal(r.status, 404, r.text);
  r = await s.api('PUT', `/api/v1/projects/${ids.P3}`, { token: cmdA, body: project('P3', { region_code: A }) });
  assert.equal(r.status, 404, r.text);
  r = await s.api('GET', `/api/v1/projects/rates?region=${B}&date=2020-02-27`, { token: cmdA });
  assert.equal(r.status, 403, r.text);
});

test('rates follow the dated history at past dates, with drill-down', async () => {
  for (const [id, status, date] of [[ids.P2, 'resumed', '2020-02-20'], [ids.P2, 'suspended', '2020-02-25'],
    [ids.P3, '已开复工', '2020-02-15'], [ids.P4, 'completed', '2020-02-26']]) {
    const r = await s.api('POST', `/api/v1/projects/${id}/status`, { token: admin, body: { status, date } });
    assert.equal(r.status, 200, r.text);
  }
  let r = await s.api('POST', `/api/v1/projects/${ids.P1}/status`, { token: fgj, body: { status: 'resumed', date: '2020-03-02' } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'date');

  let x = await rates(CITY, '2020-02-14');
  assert.deepEqual([x.base, x.resumed, x.completed, x.not_started], [4, 2, 0, 2]);
  assert.equal(x.resumed_rate.text, '50%');
  x = await rates(CITY, '2020-02-21');
  assert.deepEqual([x.base, x.resumed], [4, 4]);
  x = await rates(CITY, '2020-02-27');
  assert.deepEqual([x.base, x.resumed, x.suspended, x.completed], [3, 2, 1, 1]);
  assert.equal(x.resumed_rate.num, 2);
  assert.equal(x.resumed_rate.den, 3);
  assert.equal(x.resumed_rate.text, '66.7%');
  x = await rates(A, '2020-02-27', cmdA);
  assert.deepEqual([x.base, x.resumed], [2, 1]);
  x = await rates(CITY, '2020-02-27', admin, '市重点');
  assert.deepEqual([x.base, x.resumed], [1, 1]);
  r = await s.api('GET', `/api/v1/projects/rates?region=${CITY}&date=2020-02-27&category=nope`, { token: admin });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'category');

  r = await s.api('GET', `/api/v1/projects/rates/children?region=${CITY}&date=2020-02-27`, { token: admin });
  assert.equal(r.status, 200, r.text);
  const byRegion = Object.fromEntries(r.body.items.map((i) => [i.region, [i.resumed, i.base]]));
  assert.deepEqual(byRegion, { [A]: [1, 2], [B]: [1, 1] });
  r = await s.api('GET', `/api/v1/projects/rates/projects?region=${A}&date=2020-02-27&measure=not_resumed`, { token: cmdA });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((p) => [p.code, p.status]), [['P2', 'suspended']]);
  r = await s.api('GET', `/api/v1/projects/${ids.P2}`, { token: cmdA });
  assert.deepEqual(r.body.history.map((h) => [h.status, h.date]), [['resumed', '2020-02-20'], ['suspended', '2020-02-25']]);
});

test('the owner files daily reports; investment and workers against plan', async () => {
  let r = await s.api('POST', `/api/v1/projects/${ids.P1}/reports`, { token: entO1, body: { day: '2020-02-27', workers_on_site: 30, investment_completed: 120 } });
  assert.equal(r.status, 201, r.text);
  r = await s.api('POST', `/api/v1/projects/${ids.P1}/reports`, { token: entO1, body: { day: '2020-02-27', workers_on_site: 35, investment_completed: 150 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.version, 2);
  for (const [token, body, status, field] of [
    [entC1, { day: '2020-02-27', workers_on_site: 1 }, 403, undefined],
    [entO1, { day: '2020-03-02', workers_on_site: 1 }, 400, 'day'],
    [entO1, { day: '2020-02-27', workers_on_site: -1 }, 400, 'workers_on_site'],
    [entO1, { day: '2020-02-27', workers_on_site: 1, investment_completed: -3 }, 400, 'investment_completed'],
    [entX, { day: '2020-02-27', workers_on_site: 1 }, 404, undefined],
  ]) {
    r = await s.api('POST', `/api/v1/projects/${ids.P1}/reports`, { token, body });
    assert.equal(r.status, status, r.text);
    if (field) assert.equal(r.body.field, field);
  }
  const x = await rates(A, '2020-02-27', cmdA);
  assert.equal(x.investment.num, 150);
  assert.equal(x.investment.den, 1000);
  assert.equal(x.investment.text, '15%');
  assert.deepEqual([x.workers.num, x.workers.den], [35, 90]);
  // A report with a status adds the history entry of that day.
  r = await s.api('POST', `/api/v1/projects/${ids.P2}/reports`, { token: entO1, body: { day: '2020-02-28', workers_on_site: 20, status: 'resumed' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual([(await rates(A, '2020-02-28', cmdA)).resumed, (await rates(A, '2020-02-27', cmdA)).resumed], [2, 1]);
});

test('demands link to a project of their enterprise; problems solved per period', async () => {
  let r = await s.api('POST', '/api/v1/demands', { token: entO1, body: { category: 'land', title: '项目用地红线调整', project: ids.P1 } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.project_id, ids.P1);
  const d1 = r.body.id;
  r = await s.api('POST', '/api/v1/demands', { token: entC1, body: { category: 'infrastructure', title: '进场道路未完工', project: ids.P1 } });
  assert.equal(r.status, 201, r.text);
  for (const [token, project] of [[entX, ids.P1], [entO1, ids.P3], [entO1, 999999]]) {
    r = await s.api('POST', '/api/v1/demands', { token, body: { category: 'approvals', title: '手续', project } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.field, 'project');
  }
  r = await s.api('POST', `/api/v1/demands/${d1}/accept`, { token: admin, body: {} });
  assert.equal(r.status, 200, r.text);
  r = await s.api('POST', `/api/v1/demands/${d1}/resolve`, { token: admin, body: { resolution: '已调整' } });
  assert.equal(r.status, 200, r.text);
  r = await s.api('GET', `/api/v1/projects/${ids.P1}/demands`, { token: cmdA });
  assert.equal(r.body.items.length, 2);
  r = await s.api('GET', `/api/v1/projects/problems?region=${CITY}&from=2020-03-01&to=2020-03-01`, { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.projects_helped, r.body.solved, r.body.raised, r.body.open], [1, 1, 2, 1]);
  assert.equal(r.body.text, '为1个项目解决1个问题');
  r = await s.api('GET', `/api/v1/projects/problems?region=${B}&from=2020-03-01&to=2020-03-01`, { token: cmdB });
  assert.equal(r.body.solved, 0);
  r = await s.api('GET', `/api/v1/projects/problems?region=${CITY}&from=2020-02-01&to=2020-02-28`, { token: admin });
  assert.equal(r.body.solved, 0);
});

test('bulletin placeholders and the dashboard carry the project figures', async () => {
  const body = '全市{project.total}个重点项目中已开复工{project.resumed}个，开复工率{project.rate}，{project.problem_sentence}。市重点{project.市重点.total}个。';
  let r = await s.api('POST', '/api/v1/stats/bulletin/preview', { token: admin, body: { region: CITY, date: '2020-03-01', body } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.text, '全市3个重点项目中已开复工3个，开复工率100%，为1个项目解决1个问题。市重点1个。');
  r = await s.api('POST', '/api/v1/stats/bulletin/preview', { token: admin, body: { region: CITY, date: '2020-03-01', body: '{project.nope}' } });
  assert.equal(r.status, 400, r.text);
  r = await s.api('GET', `/api/v1/stats/dashboard?region=${CITY}&date=2020-02-27`, { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.extras.projects.resumed, r.body.extras.projects.base], [2, 3]);
});

test('import: rows in scope import, bad rows are reported by row and column', async () => {
  const header = '项目编号,项目名称,业主单位统一社会信用代码,施工单位统一社会信用代码,所属区划代码,项目类别,总投资（万元）,年度计划投资（万元）,计划开复工日期,实际开复工日期,计划竣工日期,计划用工人数,项目状态,状态日期';
  const rows = [
    `I1,=1+2,${o1},${c1},${A},三早,500,100,2020-02-10,2020-02-11,2020-08-01,20,,`,
    `I2,未知业主,${uscc(A, 997)},,${A},三早,500,100,2020-02-10,,2020-08-01,20,,`,
    `I3,日期颠倒,${o1},,${A},三早,500,100,2020-02-10,,2020-01-01,20,,`,
    `I4,负投资,${o1},,${A},三早,-1,0,2020-02-10,,2020-08-01,20,,`,
    `I5,未知类别,${o1},,${A},区重点,500,100,2020-02-10,,2020-08-01,20,,`,
    `I6,外区项目,${o2},,${B},省重点,800,200,2020-02-10,,2020-12-01,30,停工,2020-02-20`,
    `I7,停工项目,${o1},,${A},省重点,800,200,2020-02-10,,2020-12-01,30,停工,2020-02-20`,
  ];
  const before = await count();
  let r = await s.upload('/api/v1/projects/import', fgj, 'p.csv', [header, ...rows].join('\n') + '\n');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.imported, r.body.updated, r.body.rejected_rows], [2, 0, 5]);
  const byRow = Object.fromEntries(r.body.rejected.map((e) => [e.row, e.column]));
  assert.deepEqual(byRow, { 3: '业主单位统一社会信用代码', 4: '计划竣工日期', 5: '总投资（万元）', 6: '项目类别', 7: '所属区划代码' });
  assert.equal(await count(), before + 2);
  // the whole error report, for the importer only
  const report = await s.api('GET', `/api/v1/imports/${r.body.report_id}/report`, { token: fgj });
  assert.equal(report.status, 200);
  assert.equal(report.text.trim().split('\r\n').length, 1 + 5, report.text);
  assert.match(report.text, /\r\n6,项目类别,/);
  assert.equal((await s.api('GET', `/api/v1/imports/${r.body.report_id}/report`, { token: cmdA })).status, 404);
  r = await s.upload('/api/v1/projects/import', fgj, 'p.csv', [header, rows[0].replace(',500,100,', ',600,150,')].join('\n') + '\n');
  assert.deepEqual([r.body.imported, r.body.updated], [0, 1]);
  r = await s.api('GET', '/api/v1/projects?q=I7', { token: fgj });
  assert.equal(r.body.items[0].status, 'suspended');
  // A file without a required column fails as a whole.
  r = await s.upload('/api/v1/projects/import', fgj, 'x.csv', '项目编号,项目名称\nZ1,缺列\n');
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(await count(), before + 2);
  // Export: every project of the scope, formula-like cells neutralised.
  r = await s.api('GET', '/api/v1/projects/export?format=csv', { token: cmdA });
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /^I1,/m);
  assert.match(r.text, /^P1,/m);
  assert.doesNotMatch(r.text, /^P3,/m);
  assert.doesNotMatch(r.text, /(^|,)=1\+2/m);
  r = await s.api('GET', '/api/v1/projects/export?format=pdf', { token: cmdA });
  assert.equal(r.status, 400, r.text);
});

test('project sites: a site of the owner or a contractor, linked to the project', async () => {
  let r = await s.api('POST', `/api/v1/projects/${ids.P1}/sites`, { token: entO1, body: { name: '项目部东门' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.items.length, 1);
  assert.equal(r.body.items[0].enterprise_uscc, o1);
  const site = r.body.items[0].id;
  r = await s.api('POST', `/api/v1/projects/${ids.P1}/sites`, { token: entC1, body: { name: '施工方北门' } });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.items.length, 2);
  r = await s.api('POST', `/api/v1/projects/${ids.P1}/sites`, { token: entX, body: { name: '外人' } });
  assert.equal(r.status, 404, r.text);
  r = await s.api('POST', `/api/v1/projects/${ids.P1}/sites`, { token: admin, body: { name: '外人', uscc: x1 } });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.field, 'uscc');
  // The site is an ordinary gate site of its enterprise.
  r = await s.api('GET', `/api/v1/enterprises/${o1}/sites`, { token: entO1 });
  assert.equal(r.status, 200, r.text);
  assert.ok(JSON.stringify(r.body).includes('项目部东门'));
  r = await s.api('DELETE', `/api/v1/projects/${ids.P1}/sites/${site}`, { token: entO1 });
  assert.equal(r.status, 200, r.text);
  r = await s.api('GET', `/api/v1/projects/${ids.P1}/sites`, { token: cmdA });
  assert.equal(r.body.items.length, 1);
});
