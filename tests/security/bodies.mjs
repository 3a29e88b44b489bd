// Write endpoints with a valid body each, for the naughty-strings test: for
// every entry, `body(n)` builds the n-th valid body (unique keys where the
// endpoint needs them), `fields` are its free-text fields, `count()` counts
// the rows the endpoint writes (to prove a refused request wrote nothing),
// and `read(res)` reads the created object back (to prove an accepted value
// is stored exactly). Built on the world of world.mjs, side A.
import { A, TODAY, firmA, idNumber } from './world.mjs';
import { uscc } from '../lib/harness.mjs';

export function writeEndpoints(w) {
  const o = w.obj.A;
  const get = async (user, path) => {
    const r = await w.api('GET', path, user);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text}`);
    return r.body;
  };
  const total = async (user, path) => (await get(user, path)).total;
  let serial = 1000;
  return [
    {
      name: 'POST /enterprises', user: 'admin', path: () => '/api/v1/enterprises',
      body: () => ({ uscc: uscc(A, ++serial), name: '企业', region_code: A, industry_code: '13', size: 'small', employees: 10,
        work_status: 'work_resumed', status_date: '2020-02-10', contact: '王伟', phone: '13904319810', address: '某路' }),
      fields: ['name', 'contact', 'address'],
      count: () => total('admin', '/api/v1/enterprises?size=1'),
      read: (res) => get('admin', `/api/v1/enterprises/${res.body.uscc}`),
    },
    {
      name: 'POST /enterprises/{uscc}/employees', user: 'enterprise_a', path: () => `/api/v1/enterprises/${firmA}/employees`,
      body: () => ({ name: '张伟', id_number: idNumber('220202', '19900101', (++serial) % 1000), department: '一车间',
        home_address: '某路1号', shift: '早班' }),
      fields: ['name', 'department', 'home_address', 'shift'],
      count: () => total('enterprise_a', `/api/v1/enterprises/${firmA}/employees?size=1`),
      read: (res) => get('enterprise_a', `/api/v1/employees/${res.body.id}`),
    },
    {
      name: 'POST /enterprises/{uscc}/sites', user: 'enterprise_a', path: () => `/api/v1/enterprises/${firmA}/sites`,
      body: () => ({ name: '东门' }), fields: ['name'],
      count: async () => (await get('enterprise_a', `/api/v1/enterprises/${firmA}/sites`)).items.length,
      read: async (res) => (await get('enterprise_a', `/api/v1/enterprises/${firmA}/sites`)).items.find((x) => x.id === res.body.id),
    },
    {
      name: 'POST /sites/{id}/areas', user: 'enterprise_a', path: () => `/api/v1/sites/${o.site}/areas`,
      body: () => ({ name: '大厅' }), fields: ['name'],
      count: async () => (await get('enterprise_a', `/api/v1/sites/${o.site}/areas`)).items.length,
      read: async (res) => (await get('enterprise_a', `/api/v1/sites/${o.site}/areas`)).items.find((x) => x.id === res.body.id),
    },
    {
      name: 'POST /areas/{id}/disinfections', user: 'enterprise_a', path: () => `/api/v1/areas/${o.area}/disinfections`,
      body: () => ({ agent: '84消毒液', person: '李四', method: '喷洒', concentration: '500mg/L', note: '无' }),
      fields: ['agent', 'person', 'method', 'concentration', 'note'],
      count: async () => (await get('enterprise_a', `/api/v1/sites/${o.site}/disinfections?size=1`)).total,
      read: async (res) => (await get('enterprise_a', `/api/v1/sites/${o.site}/disinfections?size=100`)).items.find((x) => x.id === res.body.id),
    },
    {
      name: 'POST /demands', user: 'enterprise_a', path: () => '/api/v1/demands',
      body: () => ({ category: 'labour', title: '招工困难', description: '30 人' }), fields: ['title', 'description'],
      count: () => total('enterprise_a', '/api/v1/demands?size=1'),
      read: (res) => get('enterprise_a', `/api/v1/demands/${res.body.id}`),
    },
    {
      name: 'POST /notices', user: 'commander_a', path: () => '/api/v1/notices',
      body: () => ({ kind: 'notice', title: '通知', body: '正文', region: A }), fields: ['title', 'body'],
      count: () => total('commander_a', '/api/v1/notices?size=1'),
      read: (res) => get('commander_a', `/api/v1/notices/${res.body.id}`),
    },
    {
      name: 'POST /public/tips', user: null, path: () => '/api/v1/public/tips',
      headers: () => ({ 'x-forwarded-for': `198.18.${(serial >> 8) & 255}.${++serial & 255}` }),
      body: () => ({ type: 'unapproved_opening', enterprise_name: '某机械厂', address: '某路 1 号',
        description: '该厂未经审批擅自开工，每天有几十名工人进出。', region: A }),
      fields: ['enterprise_name', 'address', 'description'],
      count: () => total('commander_a', '/api/v1/tips?size=1'),
      read: async () => {
        const list = await get('commander_a', '/api/v1/tips?size=1');
        return get('commander_a', `/api/v1/tips/${list.items[0].id}`);
      },
    },
    {
      name: 'POST /inspections/tasks', user: 'commander_a', path: () => '/api/v1/inspections/tasks',
      body: () => ({ kind: 'guidance', uscc: firmA, inspector_id: w.userId.inspector_a, due_date: '2020-02-16', note: '备注' }),
      fields: ['note'],
      count: () => total('commander_a', '/api/v1/inspections/tasks?size=1'),
      read: (res) => get('commander_a', `/api/v1/inspections/tasks/${res.body.id}`),
    },
    {
      name: 'POST /enterprises/{uscc}/daily-reports', user: 'enterprise_a', path: () => `/api/v1/enterprises/${firmA}/daily-reports`,
      body: () => ({ date: TODAY, on_duty: 96, returned: 100, returned_out_of_province: 8, quarantined: 3, fever: 0,
        load_percent: 62.5, output_value: 18.75, output_quantity: 500, masks: 2000, disinfectant: 40.5, problems: '原材料供应紧张' }),
      fields: ['problems'],
      count: async () => (await get('enterprise_a', `/api/v1/enterprises/${firmA}/daily-reports/${TODAY}/versions`)).items.length,
      read: async () => (await get('enterprise_a', `/api/v1/enterprises/${firmA}/daily-reports/${TODAY}/versions`)).items
        .reduce((a, b) => (b.version > a.version ? b : a)),
    },
    {
      name: 'POST /users', user: 'admin', path: () => '/api/v1/users',
      body: () => ({ username: `u${++serial}`, password: 'Pass-word-1', roles: ['commander'], region_code: A,
        display_name: '王伟', department: '卫生健康委员会' }),
      fields: ['display_name', 'department'],
      count: () => total('admin', '/api/v1/users?size=1'),
      read: async (res) => (await get('admin', `/api/v1/users?q=${res.body.username}`)).items[0],
    },
  ];
}

// The server's trim (core/validation Trim): ASCII space, tab, CR, LF and U+3000.
export function serverTrim(s) {
  return s.replace(/^[ \t\r\n\u3000]+|[ \t\r\n\u3000]+$/g, '');
}
