#!/usr/bin/env node
// bench/dates.js -- tally's date stage (`tally dates`) and chrono-node (npm) on the same text, in one run.
//
// Text: the TempEval-3 platinum documents (../shared/data/tempeval3) when they are there, each dated
// with its creation time; otherwise wire-style sentences made up here from templates (seeded), whose
// gold values are known by construction.
//
// Accuracy: both systems' mentions are scored against the gold DATE expressions with the same scorer
// (eval/tempeval.js: one-to-one overlap match; a value is right when it equals the gold value).
// value_acc = right values / gold DATE expressions; value_f1 also charges each system for mentions
// that match no gold.  chrono-node's results get a TIMEX3-style value from what it knows: a day when
// the day or weekday is known, else the month, else the year.
//
// Speed: the text is cut into sentences (the same list for both), repeated up to BENCH_DATE_SENTENCES
// (default 20000); chrono.parse runs on each in this process; tally reads them as JSON Lines in one
// `tally dates --count` process (start-up and JSON parsing included).  Best of 3 runs for each.
//
// Last lines, machine-readable: `name: value unit`.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const TALLY = path.join(ROOT, 'tally');
const { loadCorpus, runTallyDates, score } = require(path.join(ROOT, 'eval', 'tempeval.js'));

let chrono;
try {
  chrono = require('chrono-node');
} catch (e) {
  console.error('bench/dates: chrono-node is not installed (npm install)');
  process.exit(2);
}
if (!fs.existsSync(TALLY)) {
  console.error('bench/dates: ./tally is missing; run make first');
  process.exit(2);
}

// ---- text -------------------------------------------------------------------------------------

// Wire-style sentences with known values, relative to report dates (a made-up set, seeded).
function generated(seed, n) {
  let x = seed >>> 0 || 1;
  const rnd = (k) => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x % k; };
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
    'October', 'November', 'December'];
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const ACT = ['gunmen killed 12 villagers near Gao', 'a drone strike hit a market in Kidal',
    'rebels ambushed an army convoy outside Menaka', 'protesters clashed with police in Bamako',
    'jihadists attacked a checkpoint near Djibo', 'militiamen burned homes in Bankass'];
  const iso = (d) => d.toISOString().slice(0, 10);
  const add = (d, k) => new Date(d.getTime() + k * 864e5);
  const docs = [];
  for (let i = 0; i < n; i++) {
    const report = new Date(Date.UTC(2023 + rnd(2), rnd(12), 1 + rnd(28)));
    const act = ACT[rnd(ACT.length)];
    const back = 1 + rnd(6);
    const day = add(report, -back);
    const wd = DAYS[day.getUTCDay()];
    const forms = [
      [`On ${wd}, ${act}, officials said.`, `${wd}`, iso(day)],
      [`${act[0].toUpperCase() + act.slice(1)} on ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}.`,
        `${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`, iso(day)],
      [`Yesterday ${act}, witnesses said.`, 'Yesterday', iso(add(report, -1))],
      [`Police said ${act} on ${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}.`,
        `${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}`, iso(day)],
      [`Since March ${act} every week.`, 'March', null],
    ];
    const [text, span, value] = forms[rnd(forms.length)];
    const start = text.indexOf(span);
    const timexes = value ? [{ start, end: start + span.length, type: 'DATE', value, text: span }] : [];
    // "every week" is a TimeML SET: gold of a type the DATE-only score leaves out, as in TempEval
    const ev = text.indexOf('every week');
    if (ev >= 0) timexes.push({ start: ev, end: ev + 10, type: 'SET', value: 'XXXX-WXX', text: 'every week' });
    docs.push({ id: 'g' + i, dct: iso(report), text, timexes });
  }
  return docs;
}

function sentences(text) {
  return text.split(/(?<=[.!?]["')\]]?)\s+(?=[A-Z"'(])|\n\s*\n/).map((s) => s.trim()).filter(Boolean);
}

// ---- chrono -----------------------------------------------------------------------------------

const pad = (n, w = 2) => String(n).padStart(w, '0');
function chronoValue(c) {
  const y = c.get('year'), m = c.get('month'), d = c.get('day');
  if (c.isCertain('day') || c.isCertain('weekday')) return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (c.isCertain('month')) return `${pad(y, 4)}-${pad(m)}`;
  if (c.isCertain('year')) return pad(y, 4);
  return '';
}

function refDate(dct) { return new Date(`${dct}T12:00:00Z`); }

function runChrono(docs) {
  return docs.map((d) => chrono.parse(d.text, refDate(d.dct)).map((r) => (
    { start: r.index, end: r.index + r.text.length, text: r.text, value: chronoValue(r.start) })));
}

// ---- main -------------------------------------------------------------------------------------

function best3(fn) {
  let b = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    b = Math.min(b, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return b;
}

function main() {
  let docs = process.env.BENCH_DATES_GENERATED ? null : loadCorpus(); // BENCH_DATES_GENERATED=1: made-up set
  const source = docs ? 'TempEval-3 platinum (20 documents)' : 'generated wire-style sentences (seed 1)';
  if (!docs) docs = generated(1, 2000);

  // accuracy, on whole documents
  const tallySys = runTallyDates(TALLY, docs).mentions;
  const chronoSys = runChrono(docs);
  const ts = score(docs, tallySys, ['DATE'], null);
  const cs = score(docs, chronoSys, ['DATE'], null);
  const acc = (s) => (s.ngold ? s.value.r : 0);

  // speed, on sentences
  const want = Number(process.env.BENCH_DATE_SENTENCES || 20000);
  const base = [];
  for (const d of docs) for (const s of sentences(d.text)) base.push({ dct: d.dct, text: s });
  const units = [];
  while (units.length < want) for (const u of base) { if (units.length >= want) break; units.push(u); }
  const refs = units.map((u) => refDate(u.dct));
  let chronoFound = 0;
  const chronoSecs = best3(() => {
    chronoFound = 0;
    for (let i = 0; i < units.length; i++) chronoFound += chrono.parse(units[i].text, refs[i]).length;
  });
  const tmp = path.join(ROOT, 'build', 'bench');
  fs.mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, 'dates-sentences.jsonl');
  fs.writeFileSync(file, units.map((u, i) => JSON.stringify({ id: 's' + i, date: u.dct, text: u.text })).join('\n') + '\n');
  let tallyFound = 0;
  const tallySecs = best3(() => {
    const r = spawnSync(TALLY, ['dates', '--count', file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tally dates: ${r.stderr}`);
    tallyFound = Number(/mentions: (\d+)/.exec(r.stdout)[1]);
  });
  const bytes = fs.statSync(file).size;

  console.log(`bench/dates: ${source}; ${ts.ngold} gold DATE expressions; speed on ${units.length} sentences ` +
    `(${(bytes / 1e6).toFixed(1)} MB as JSON Lines), best of 3`);
  console.log('system        value_acc  value_F1  relaxed_F1  strict_F1  mentions  sentences/s');
  const row = (n, s, secs, found) => console.log(`${n.padEnd(13)} ${s.value.r.toFixed(3).padStart(9)} ` +
    `${s.value.f.toFixed(3).padStart(9)} ${s.relaxed.f.toFixed(3).padStart(11)} ${s.strict.f.toFixed(3).padStart(10)} ` +
    `${String(found).padStart(9)} ${Math.round(units.length / secs).toString().padStart(12)}`);
  row('tally', ts, tallySecs, tallyFound);
  row('chrono-node', cs, chronoSecs, chronoFound);
  console.log('');
  console.log(`dates_tally_sentences_s: ${Math.round(units.length / tallySecs)} sentences/s`);
  console.log(`dates_chrono_sentences_s: ${Math.round(units.length / chronoSecs)} sentences/s`);
  console.log(`dates_tally_value_acc: ${acc(ts).toFixed(2)}`);
  console.log(`dates_chrono_value_acc: ${acc(cs).toFixed(2)}`);
  console.log(`dates_tally_value_f1: ${ts.value.f.toFixed(2)}`);
  console.log(`dates_chrono_value_f1: ${cs.value.f.toFixed(2)}`);
}

main();
