#!/usr/bin/env node
// check_industry.mjs — validates data/industry_gbt4754_2017.csv (GB/T 4754-2017 sections
// and divisions). Plain Node 20 ESM, no dependencies.
//
// Usage: node tools/check_industry.mjs [FILE]   (default: ../data/industry_gbt4754_2017.csv)
// Prints "N passed, N failed" and exits non-zero when any check fails.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const file = resolve(process.argv[2] ?? join(here, '..', 'data', 'industry_gbt4754_2017.csv'));

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else { failed++; process.stderr.write(`FAIL: ${what}\n`); }
  return ok;
}

// RFC 4180 parser (quoted fields, "" escapes); returns rows of fields.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') {
      if (field !== '') throw new Error(`stray quote in line ${rows.length + 1}`);
      quoted = true;
    } else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const buf = readFileSync(file);
const text = buf.toString('utf8');
check(Buffer.from(text, 'utf8').equals(buf), 'file is valid UTF-8');
check(!text.startsWith('\ufeff'), 'no byte-order mark');
check(!text.includes('\r'), 'LF line ends only');
check(text.endsWith('\n'), 'ends with a newline');

const rows = parseCsv(text);
const header = rows.shift();
check(header.join(',') === 'code,name,name_en,level,parent', `header is code,name,name_en,level,parent (got ${header})`);

const byCode = new Map();
const sections = [];
const divisions = [];
rows.forEach((r, k) => {
  const line = k + 2;
  if (!check(r.length === 5, `line ${line}: 5 fields (got ${r.length})`)) return;
  const [code, name, nameEn, level, parent] = r;
  check(!byCode.has(code), `line ${line}: code ${code} is unique`);
  byCode.set(code, { code, name, nameEn, level, parent, line });
  check(name !== '' && name.trim() === name && !/[,\s]/.test(name), `line ${line}: Chinese name "${name}" non-empty, no ASCII comma or space`);
  check(/\p{Script=Han}/u.test(name), `line ${line}: Chinese name has Han characters`);
  check(nameEn !== '' && nameEn.trim() === nameEn && /^[A-Za-z][A-Za-z ,\-]*$/.test(nameEn), `line ${line}: English name "${nameEn}" plain ASCII`);
  if (level === 'section') {
    check(/^[A-T]$/.test(code), `line ${line}: section code ${code} is one letter A–T`);
    check(parent === '', `line ${line}: section ${code} has no parent`);
    sections.push(code);
  } else if (level === 'division') {
    check(/^\d{2}$/.test(code), `line ${line}: division code ${code} is two digits`);
    divisions.push(code);
  } else {
    check(false, `line ${line}: level "${level}" is section or division`);
  }
});

// Every division's parent exists and is a section.
for (const d of divisions) {
  const r = byCode.get(d);
  const p = byCode.get(r.parent);
  check(p !== undefined && p.level === 'section', `division ${d}: parent "${r.parent}" is an existing section`);
}

check(sections.length === 20, `20 sections (got ${sections.length})`);
check(divisions.length === 97, `97 divisions (got ${divisions.length})`);
check(sections.join('') === 'ABCDEFGHIJKLMNOPQRST', `sections are A–T in order (got ${sections.join('')})`);

// GB/T 4754-2017 division ranges per section: 01–97 without gaps.
const RANGES = {
  A: [1, 5], B: [6, 12], C: [13, 43], D: [44, 46], E: [47, 50], F: [51, 52], G: [53, 60],
  H: [61, 62], I: [63, 65], J: [66, 69], K: [70, 70], L: [71, 72], M: [73, 75], N: [76, 79],
  O: [80, 82], P: [83, 83], Q: [84, 85], R: [86, 90], S: [91, 96], T: [97, 97],
};
for (const [sec, [lo, hi]] of Object.entries(RANGES)) {
  const want = [];
  for (let n = lo; n <= hi; n++) want.push(String(n).padStart(2, '0'));
  const got = divisions.filter((d) => byCode.get(d).parent === sec);
  check(got.join(' ') === want.join(' '), `section ${sec}: divisions ${want[0]}–${want.at(-1)} (got ${got.join(' ') || 'none'})`);
}

// File order: each section line followed by its divisions, divisions ascending.
{
  let current = null;
  let last = 0;
  let ok = true;
  for (const r of byCode.values()) {
    if (r.level === 'section') current = r.code;
    else {
      if (r.parent !== current || Number(r.code) <= last) ok = false;
      last = Number(r.code);
    }
  }
  check(ok, 'each section is followed by its own divisions in ascending order');
}

// Spot checks of official names.
const SPOT = {
  C: '制造业', F: '批发和零售业', I: '信息传输、软件和信息技术服务业', S: '公共管理、社会保障和社会组织',
  '13': '农副食品加工业', '39': '计算机、通信和其他电子设备制造业', '51': '批发业', '52': '零售业',
  '61': '住宿业', '62': '餐饮业', '79': '土地管理业', '97': '国际组织',
};
for (const [code, name] of Object.entries(SPOT)) {
  check(byCode.get(code)?.name === name, `${code} is named ${name} (got ${byCode.get(code)?.name})`);
}

process.stdout.write(`${file}: ${sections.length} sections, ${divisions.length} divisions\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
