#!/usr/bin/env node
// Prints the Markdown table of docs/events.md: for every report under tests/events/, the expected main
// event beside what ./tally codes, then a summary per event type.  Usage: node tests/events/table.js
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const rows = [];
for (const f of fs.readdirSync(__dirname).filter((x) => x.endsWith('.txt')).sort()) {
  const lines = fs.readFileSync(path.join(__dirname, f), 'utf8').split('\n');
  const exp = {};
  let i = 0;
  for (; lines[i].startsWith('#'); i++) {
    const m = /^#\s*(\w+):\s?(.*)$/.exec(lines[i]);
    if (m) exp[m[1]] = m[2];
  }
  const date = lines[i].slice(5, 15), text = lines.slice(i + 1).join('\n');
  const res = spawnSync(path.join(ROOT, 'tally'), ['extract', '-'], {
    input: JSON.stringify({ id: f, date, text }) + '\n', encoding: 'utf8', cwd: ROOT });
  const first = res.stdout.split('\n').filter((l) => l.trim())[0];
  const e = first ? JSON.parse(first) : null;
  const want = exp.event_type === 'none' ? 'none'
    : [exp.event_type, exp.sub_event_type, exp.actor1, exp.actor2, exp.interaction].join(' / ');
  const got = e ? [e.event_type, e.sub_event_type, e.actor1, e.actor2, e.interaction].join(' / ') : 'none';
  rows.push({ f: f.replace(/\.txt$/, ''), type: exp.event_type, want, got, ok: want === got });
}
console.log('| report | expected: type / sub-type / actor1 / actor2 / interaction | tally | right |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.f} | ${r.want} | ${r.ok ? '(same)' : r.got} | ${r.ok ? 'yes' : 'NO'} |`);
console.log('\n| event type | reports | right |\n|---|---|---|');
const by = {};
for (const r of rows) { by[r.type] = by[r.type] || [0, 0]; by[r.type][0]++; if (r.ok) by[r.type][1]++; }
for (const [t, [n, ok]] of Object.entries(by)) console.log(`| ${t === 'none' ? 'no event (accident, disaster, threat, denial...)' : t} | ${n} | ${ok} |`);
console.log(`| all | ${rows.length} | ${rows.filter((r) => r.ok).length} |`);
