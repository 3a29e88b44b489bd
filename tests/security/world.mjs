// The constructed world of the security suite: two districts (A, B) of one
// city, one enterprise in each, and one user of every role on each side
// (region roles in their district; enterprise roles in their enterprise), plus
// objects of every kind owned by side B, so side A's users can be pointed at
// them. Each object kind is created as the API tests create it.
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, startServer, uscc } from '../lib/harness.mjs';

export const NOW = '2020-02-14T09:00:00+08:00';
export const TODAY = '2020-02-14';
export const A = '220202'; // 吉林市昌邑区
export const B = '220203'; // 吉林市龙潭区
export const firmA = uscc(A, 71);
export const firmB = uscc(B, 72);
export const PW = 'Pass-word-1';
// The roles of the server (filled by startWorld from the route table: a public
// route lists every role), so roles added later are covered too.
export const ROLES = [];
const REGION_ROLES = new Set(['commander', 'reviewer', 'inspector', 'cadre', 'department']);
const ENTERPRISE_ROLES = new Set(['enterprise', 'verifier', 'employee']);

// A valid resident ID number (GB 11643).
export function idNumber(region, birth, serial) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = region + birth + String(serial).padStart(3, '0');
  const sum = [...s].reduce((acc, c, i) => acc + Number(c) * W[i], 0);
  return s + '10X98765432'[sum % 11];
}

export function enterpriseBody(code, region, extra = {}) {
  return { uscc: code, name: `安全测试企业${code.slice(-5)}有限公司`, region_code: region, industry_code: '13',
    size: 'small', employees: 120, work_status: 'work_resumed', status_date: '2020-02-10', contact: '王伟',
    phone: '13904319810', ...extra };
}

// users: the user names to create (default: every role on both sides);
// objects: true (both sides), or the sides whose objects to construct (['A']).
export async function startWorld({ env = {}, objects = true, users } = {}) {
  const s = await startServer({ env: { FUGONG_NOW: NOW, ...env } });
  const w = { s, admin: await s.login('admin', ADMIN_PASSWORD), token: {}, userId: {}, obj: { A: {}, B: {} }, notMade: [] };
  const routes = await s.api('GET', '/api/v1/system/routes', { token: w.admin });
  assert.equal(routes.status, 200, routes.text);
  w.routes = routes.body.items;
  ROLES.splice(0, ROLES.length, ...w.routes.find((r) => r.pattern === '/api/v1/auth/login').roles);
  assert.ok(ROLES.includes('admin') && ROLES.length >= 10, ROLES.join());
  for (const [code, region] of [[firmA, A], [firmB, B]]) {
    const r = await s.api('POST', '/api/v1/enterprises', { token: w.admin, body: enterpriseBody(code, region) });
    assert.equal(r.status, 201, r.text);
  }
  for (const side of ['A', 'B']) {
    for (const role of ROLES) {
      if (role === 'admin') continue;
      const username = `${role}_${side.toLowerCase()}`;
      if (users && !users.includes(username)) continue;
      const extra = {};
      if (REGION_ROLES.has(role)) extra.region_code = side === 'A' ? A : B;
      // department: none, so the user acts for every department (the review queues).
      if (ENTERPRISE_ROLES.has(role)) extra.enterprise_uscc = side === 'A' ? firmA : firmB;
      const r = await s.api('POST', '/api/v1/users',
        { token: w.admin, body: { username, password: PW, display_name: username, roles: [role], ...extra } });
      assert.equal(r.status, 201, r.text);
      w.userId[username] = r.body.id;
      w.token[username] = await s.login(username, PW);
    }
  }
  w.api = (method, path, user, body) => s.api(method, path, { token: user === 'admin' ? w.admin : w.token[user], body });
  if (objects) {
    for (const side of objects === true ? ['A', 'B'] : objects) await makeObjects(w, side);
  }
  return w;
}

// Objects of each kind owned by one side; ids in w.obj[side].
async function makeObjects(w, side) {
  const o = w.obj[side];
  const firm = side === 'A' ? firmA : firmB;
  const region = side === 'A' ? A : B;
  const l = side.toLowerCase();
  const ok = (r, what) => { assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text}`); return r.body; };
  o.uscc = firm;
  o.employee = ok(await w.api('POST', `/api/v1/enterprises/${firm}/employees`, `enterprise_${l}`,
    { name: `职工${side}`, id_number: idNumber(region, '19900307', side === 'A' ? 101 : 202), phone: side === 'A' ? '13904310001' : '13904310002' }), 'employee').id;
  o.site = ok(await w.api('POST', `/api/v1/enterprises/${firm}/sites`, `enterprise_${l}`, { name: `${side}门` }), 'site').id;
  o.area = ok(await w.api('POST', `/api/v1/sites/${o.site}/areas`, `enterprise_${l}`, { name: `${side}大厅` }), 'area').id;
  o.report = ok(await w.api('POST', `/api/v1/enterprises/${firm}/daily-reports`, `enterprise_${l}`,
    { date: TODAY, on_duty: 96, returned: 100, returned_out_of_province: 8, quarantined: 3, fever: 0, load_percent: 62.5,
      output_value: 18.75, output_quantity: 500, masks: 2000, disinfectant: 40.5, problems: '原材料供应紧张' }), 'daily report');
  o.application = ok(await w.api('POST', `/api/v1/enterprises/${firm}/applications`, `enterprise_${l}`, {
    planned_date: '2020-02-18', staff_total: 50, staff_local: 45, staff_out_of_province: 5, staff_from_risk_regions: 0,
    checklist: { isolation_room: true, thermometers: 6, masks_in_stock: 3000, masks_days_of_supply: 10,
      disinfection_plan: true, disinfection_records: true, staggered_dining: true, leader_on_duty: true, emergency_plan: true,
      four_measures: { scan_code: true, registration: true, temperature_check: true, mask_wearing: true } },
    commitment: { signer: '王伟', accepted: true } }), 'application').id;
  o.demand = ok(await w.api('POST', '/api/v1/demands', `enterprise_${l}`, { category: 'labour', title: `${side}招工困难` }), 'demand').id;
  o.notice = ok(await w.api('POST', '/api/v1/notices', `commander_${l}`, { kind: 'notice', title: `${side}通知`, body: '正文', region }), 'notice').id;
  o.task = ok(await w.api('POST', '/api/v1/inspections/tasks', `commander_${l}`,
    { kind: 'guidance', uscc: firm, inspector_id: w.userId[`inspector_${l}`], due_date: '2020-02-16' }), 'inspection task').id;
  const tip = await w.s.api('POST', '/api/v1/public/tips', { body: { type: 'unapproved_opening', enterprise_name: `${side}机械厂`,
    address: '某路 1 号', description: '该厂未经审批擅自开工，每天有几十名工人进出。', region, contact_name: '举报人', contact_phone: side === 'A' ? '13800000001' : '13800000002' },
  headers: { 'x-forwarded-for': side === 'A' ? '198.51.100.1' : '198.51.100.2' } });
  ok(tip, 'tip');
  const tips = ok(await w.api('GET', '/api/v1/tips?size=100', `commander_${l}`), 'tip list');
  o.tip = tips.items.find((t) => t.enterprise_name === `${side}机械厂`)?.id;
  assert.ok(o.tip, 'tip listed for its district');
  // Objects of later modules, best effort: a kind that cannot be made is
  // reported (and its routes then show as uncovered in the matrix).
  const optional = async (kind, fn) => {
    try {
      const id = await fn();
      if (id != null) o[kind] = id;
      else w.notMade.push(`${side}:${kind}`);
    } catch (err) { w.notMade.push(`${side}:${kind} (${err.message.slice(0, 80)})`); }
  };
  await optional('room', async () => {
    const r = await w.api('POST', `/api/v1/enterprises/${firm}/isolation-rooms`, `enterprise_${l}`,
      { name: `${side}隔离室`, kind: 'observation', capacity: 2 });
    if (r.status !== 201) throw new Error(`room ${r.status} ${r.text}`);
    return r.body.id;
  });
  await optional('notification', async () => {
    // The demand raised above notified someone on this side.
    for (const user of [`commander_${l}`, `cadre_${l}`, `department_${l}`]) {
      const r = await w.api('GET', '/api/v1/notifications?size=10', user);
      if (r.status === 200 && r.body.items?.length) return r.body.items[0].id;
    }
    return null;
  });
  await optional('finance_demand', async () => {
    // A bank per side with its user; the demand is pushed to this side's bank only.
    const bank = await w.api('POST', '/api/v1/finance/banks', 'admin', { name: `${side}银行`, contact: '王', phone: '043288880000' });
    if (bank.status !== 201) throw new Error(`bank ${bank.status} ${bank.text}`);
    o.bank = bank.body.id;
    const member = await w.api('POST', `/api/v1/finance/banks/${o.bank}/users`, 'admin', { username: `bank_${l}` });
    if (member.status !== 201) throw new Error(`bank user ${member.status} ${member.text}`);
    const d = await w.api('POST', '/api/v1/finance/demands', `enterprise_${l}`,
      { amount: 200, purpose: `${side}流动资金`, term_months: 12, contact_name: '王伟', contact_phone: '13904319810' });
    if (d.status !== 201) throw new Error(`demand ${d.status} ${d.text}`);
    const push = await w.api('POST', `/api/v1/finance/demands/${d.body.id}/push`, `department_${l}`, { bank_ids: [o.bank] });
    if (push.status !== 200) throw new Error(`push ${push.status} ${push.text}`);
    return d.body.id;
  });
  await optional('permit', async () => {
    const p = await w.api('POST', '/api/v1/permits', `enterprise_${l}`, { type: 'production_materials', plate: side === 'A' ? '吉B12345' : '吉B54321',
      holder_name: `${side}司机`, phone: '13904319810', origin: '吉林', destination: '长春', cargo: '钢材', valid_from: TODAY, valid_to: '2020-02-20' });
    if (p.status !== 201) throw new Error(`permit ${p.status} ${p.text}`);
    return p.body.id;
  });
}
