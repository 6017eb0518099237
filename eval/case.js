#!/usr/bin/env node
// CASE 2021 per ACLED event type: precision and recall for each of the six event types (and each
// sub-event type), so a change in the trigger lexicon shows where it helps or hurts.
//
//   node eval/case.js            runs ./tally on ../shared/data/case2021/dev.jsonl, prints the tables
//   require('./case.js').typeNotes(recs, byDoc)   the same figures as Markdown lines (eval.js)
//
// Scoring as in eval.js's evalCase(): a snippet's prediction is the sub_event_type of its first event, or
// "no event"; the five non-ACLED CASE classes (gold sub_event_type null) have no event type.  Per event
// type T: TP = gold type T and predicted type T; FP = predicted T, gold another type or none; FN = gold T,
// predicted another type or none.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const TYPE_OF = {
  'Armed clash': 'Battles', 'Government regains territory': 'Battles',
  'Non-state actor overtakes territory': 'Battles',
  'Air/drone strike': 'Explosions/Remote violence', 'Shelling/artillery/missile attack': 'Explosions/Remote violence',
  'Remote explosive/landmine/IED': 'Explosions/Remote violence', 'Suicide bomb': 'Explosions/Remote violence',
  Grenade: 'Explosions/Remote violence', 'Chemical weapon': 'Explosions/Remote violence',
  Attack: 'Violence against civilians', 'Abduction/forced disappearance': 'Violence against civilians',
  'Sexual violence': 'Violence against civilians',
  'Peaceful protest': 'Protests', 'Protest with intervention': 'Protests',
  'Excessive force against protesters': 'Protests',
  'Violent demonstration': 'Riots', 'Mob violence': 'Riots',
  Agreement: 'Strategic developments', Arrests: 'Strategic developments',
  'Change to group/activity': 'Strategic developments', 'Disrupted weapons use': 'Strategic developments',
  'Headquarters or base established': 'Strategic developments',
  'Looting/property destruction': 'Strategic developments',
  'Non-violent transfer of territory': 'Strategic developments', Other: 'Strategic developments',
};
const TYPES = ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots',
  'Strategic developments'];

function prf(tp, fp, fn) {
  const p = tp + fp ? tp / (tp + fp) : 0, r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0, n: tp + fn };
}

// Per-class scores of (gold, predicted) pairs, null meaning "none".
function score(pairs, classes) {
  const out = {};
  for (const k of classes) {
    let tp = 0, fp = 0, fn = 0;
    for (const [g, p] of pairs) {
      if (g === k && p === k) tp++;
      else {
        if (g === k) fn++;
        if (p === k) fp++;
      }
    }
    out[k] = prf(tp, fp, fn);
  }
  return out;
}

function pairsOf(recs, byDoc) {
  return recs.map((r, i) => {
    const g = r.gold.sub_event_type || null;
    const e = byDoc[i] && byDoc[i][0];
    const p = e ? e.sub_event_type || null : null;
    return { sub: [g, p], type: [g && TYPE_OF[g], p && (TYPE_OF[p] || e.event_type)] };
  });
}

const f3 = (x) => x.toFixed(3);

function typeNotes(recs, byDoc) {
  const pairs = pairsOf(recs, byDoc);
  const s = score(pairs.map((x) => x.type), TYPES);
  return ['Per ACLED event type (eval/case.js): ' +
    TYPES.map((t) => `${t} P ${f3(s[t].p)} R ${f3(s[t].r)} (n ${s[t].n})`).join('; ') + '.'];
}

function table(title, s, keys) {
  const lines = [`| ${title} | precision | recall | F1 | gold n |`, '|---|---|---|---|---|'];
  for (const k of keys) lines.push(`| ${k} | ${f3(s[k].p)} | ${f3(s[k].r)} | ${f3(s[k].f)} | ${s[k].n} |`);
  return lines.join('\n');
}

function main() {
  const root = path.resolve(__dirname, '..');
  const file = path.resolve(root, '..', 'shared', 'data', 'case2021', 'dev.jsonl');
  if (!fs.existsSync(file)) {
    console.log('case: ../shared/data/case2021 is absent (skipped)');
    return;
  }
  const recs = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const input = recs.map((r, i) => JSON.stringify({ id: 'd' + i, date: r.date, text: r.text || '' })).join('\n') + '\n';
  const res = spawnSync(path.join(root, 'tally'), ['extract', '-'], { cwd: root, input, maxBuffer: 1 << 30, encoding: 'utf8' });
  const byDoc = recs.map(() => []);
  for (const line of (res.stdout || '').split('\n')) {
    if (!line.trim()) continue;
    const ev = JSON.parse(line);
    const m = /^d(\d+)$/.exec(ev.doc_id || '');
    if (m) byDoc[Number(m[1])].push(ev);
  }
  const pairs = pairsOf(recs, byDoc);
  const subs = Object.keys(TYPE_OF);
  const ss = score(pairs.map((x) => x.sub), subs);
  let wf = 0, tot = 0;
  for (const k of subs) { wf += ss[k].f * ss[k].n; tot += ss[k].n; }
  console.log(`weighted F1 (25 sub-event types, x100): ${(100 * wf / tot).toFixed(1)}`);
  console.log(table('event type', score(pairs.map((x) => x.type), TYPES), TYPES));
  console.log();
  console.log(table('sub-event type', ss, subs));
  if (process.argv.includes('--fails')) {
    pairs.forEach((x, i) => {
      if (x.sub[0] !== x.sub[1]) console.log(`${recs[i].id}\t${x.sub[0] || recs[i].gold.case_label}\t${x.sub[1] || '-'}\t${recs[i].text.slice(0, 200).replace(/\s+/g, ' ')}`);
    });
  }
}

module.exports = { typeNotes, TYPE_OF, TYPES };
if (require.main === module) main();
