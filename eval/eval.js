#!/usr/bin/env node
// tally evaluation harness: `make eval` (or `sh eval/run.sh`).
//
// Runs `./tally extract -` on the external data sets in ../shared/data, joins the events to the gold
// by document, prints a table (metric, tally, published anchor, n), writes docs/evaluation.md and the
// full failure lists to eval/failures/<dataset>.jsonl.  Node 18+, no npm packages.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DATA = path.resolve(ROOT, '..', 'shared', 'data');
const TALLY = path.join(ROOT, 'tally');
const FAILDIR = path.join(__dirname, 'failures');
const DOC = path.join(ROOT, 'docs', 'evaluation.md');
const MAX_DOC_FAILURES = 10;

if (!fs.existsSync(DATA)) {
  console.log(`eval: ${path.relative(ROOT, DATA)} is absent; nothing to score (skipped).`);
  process.exit(0);
}
if (!fs.existsSync(TALLY)) {
  console.error('eval: ./tally is missing; run `make tally` first');
  process.exit(2);
}

// ---- helpers -------------------------------------------------------------------------------------

function readJsonl(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

// Feed records ({id,date,text}) to tally; return {events by id, skipped count, seconds}.
// Ids are replaced by the record's index so that duplicate ids in the source data cannot mix.
function runTally(records) {
  const input = records
    .map((r, i) => JSON.stringify({ id: 'd' + i, date: r.date, text: r.text || '' }))
    .join('\n') + '\n';
  const t0 = Date.now();
  const res = spawnSync(TALLY, ['extract', '-'], {
    cwd: ROOT, input, maxBuffer: 1 << 30, encoding: 'utf8',
  });
  const secs = (Date.now() - t0) / 1000;
  if (res.error) throw res.error;
  if (res.status !== 0 && res.status !== 1) {
    throw new Error(`tally extract exited ${res.status}: ${(res.stderr || '').slice(0, 500)}`);
  }
  const byDoc = records.map(() => []);
  for (const line of res.stdout.split('\n')) {
    if (!line.trim()) continue;
    let ev;
    try { ev = JSON.parse(line); } catch (e) { continue; }
    const m = /^d(\d+)$/.exec(ev.doc_id || '');
    if (m) byDoc[Number(m[1])].push(ev);
  }
  const skipped = (res.stderr || '').split('\n').filter((l) => l.trim()).length;
  return { byDoc, skipped, secs };
}

function haversineKm(lat1, lon1, lat2, lon2) {
  const R = 6371.0088, rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

const best = (x) => (x && typeof x.best === 'number' ? x.best : null);
const hasCoords = (e) => typeof e.latitude === 'number' && typeof e.longitude === 'number';
const norm = (s) => (s || '').toString().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  .toLowerCase().replace(/\b(city|county|parish|township|borough|village|town)\b/g, '')
  .replace(/[^a-z0-9]+/g, ' ').trim();

// The document's main event: the one with the largest fatalities.best (first on ties; the first
// event when no event has a figure).
function mainEvent(evs) {
  let m = null;
  for (const e of evs) {
    if (!m || (best(e.fatalities) ?? -1) > (best(m.fatalities) ?? -1)) m = e;
  }
  return m;
}
// A document's count: the largest best among its events; 0 when no event gives a figure.
function docCount(evs, field) {
  let v = 0;
  for (const e of evs) { const b = best(e[field]); if (b !== null && b > v) v = b; }
  return v;
}

// One line of text for a failure: around `at` (byte offsets are UTF-8; we use them approximately),
// whitespace collapsed, at most 150 characters.
function excerpt(text, at) {
  text = text || '';
  let start = 0;
  if (typeof at === 'number' && at > 60) start = at - 60;
  let s = text.slice(start, start + 400).replace(/\s+/g, ' ').trim();
  if (s.length > 150) s = s.slice(0, 147).replace(/\s+\S*$/, '') + '...';
  return (start > 0 ? '...' : '') + s;
}
// Where in the text to quote for a count failure: our first claim's evidence, else the first word of
// killing or wounding.
function countAnchor(text, evs) {
  for (const e of evs) {
    for (const c of e.claims || []) {
      if (c.evidence && typeof c.evidence.start === 'number') {
        return Buffer.from(text, 'utf8').subarray(0, c.evidence.start).toString('utf8').length;
      }
    }
  }
  const m = /\b(killed|dead|died|death|shot|wounded|injured|injuring|killing)\b/i.exec(text || '');
  return m ? m.index : 0;
}

// Count failures of one kind by shape: no event, an event without a figure, under, over.
function countShapes(fails, kind) {
  const out = { 'no event': 0, 'event but no figure (0)': 0, under: 0, over: 0 };
  for (const f of fails) {
    if (f.kind !== kind) continue;
    if (f.events === 0) out['no event']++;
    else if (f.ours === 0) out['event but no figure (0)']++;
    else if (f.ours < f.gold) out.under++;
    else out.over++;
  }
  return Object.entries(out).map(([k, v]) => `${k} ${v}`).join(', ');
}

function pct(num, den) { return den ? num / den : null; }
function fmt(v) {
  if (v === null || v === undefined) return 'n/a';
  if (typeof v !== 'number') return String(v);
  return Number.isInteger(v) ? String(v) : v.toFixed(3);
}

// Pick failures for the doc: round-robin over the failure kinds, at most MAX_DOC_FAILURES.
function pickFailures(fails) {
  const kinds = [...new Set(fails.map((f) => f.kind))];
  const queues = kinds.map((k) => fails.filter((f) => f.kind === k));
  const out = [];
  for (let i = 0; out.length < MAX_DOC_FAILURES; i++) {
    let any = false;
    for (const q of queues) {
      if (i < q.length && out.length < MAX_DOC_FAILURES) { out.push(q[i]); any = true; }
    }
    if (!any) break;
  }
  return out;
}

// ---- WAD -------------------------------------------------------------------------------------------

function evalWad() {
  const file = path.join(DATA, 'wad', 'dev.jsonl');
  if (!fs.existsSync(file)) return null;
  const recs = readJsonl(file);
  const { byDoc, skipped, secs } = runTally(recs);
  // Most WAD rows (the Syrian VDC daily tallies) have no narrative at all: "Daily death total reported in
  // URL".  No text-based system can count those; they are scored apart.
  const PLACEHOLDER = /^\s*Daily death total reported in\b/i;
  const mk = () => ({ n: 0, withEvent: 0, deathsExact: 0, deathsNear: 0, injN: 0, injExact: 0,
    isoOk: 0, geoN: 0, geoOk: 0, geoGoldN: 0, evN: 0, evDateOk: 0 });
  const narr = mk(), all = mk(), ph = mk();
  const fails = [];
  recs.forEach((r, i) => {
    const g = r.gold, evs = byDoc[i];
    const isPh = PLACEHOLDER.test(r.text);
    const cs = [all, isPh ? ph : narr];
    const fail = (f) => { if (!isPh) fails.push({ id: r.id, ...f }); };
    const inc = (k) => cs.forEach((c) => c[k]++);
    inc('n');
    if (evs.length) inc('withEvent');
    const main = mainEvent(evs);
    const deaths = docCount(evs, 'fatalities');
    if (deaths === g.deaths) inc('deathsExact');
    else fail({ kind: 'deaths', gold: g.deaths, ours: deaths, events: evs.length,
      excerpt: excerpt(r.text, countAnchor(r.text, evs)) });
    if (Math.abs(deaths - g.deaths) <= Math.max(1, 0.2 * g.deaths)) inc('deathsNear');
    if (g.injured !== null && g.injured !== undefined) {
      inc('injN');
      const inj = docCount(evs, 'injured');
      if (inj === g.injured) inc('injExact');
      else fail({ kind: 'injured', gold: g.injured, ours: inj, excerpt: excerpt(r.text, countAnchor(r.text, evs)) });
    }
    const iso = main ? main.iso : null;
    // WAD writes El Salvador as ELS; ISO 3166 (and tally) say SLV.
    const goldIso = { ELS: 'SLV' }[g.country_iso3] || g.country_iso3;
    if (iso && iso === goldIso) inc('isoOk');
    else if (main) fail({ kind: 'country', gold: g.country_iso3, ours: iso || '(none)', excerpt: excerpt(r.text, 0) });
    if (typeof g.latitude === 'number' && typeof g.longitude === 'number') {
      inc('geoGoldN');
      if (main && hasCoords(main)) {
        inc('geoN');
        const d = haversineKm(g.latitude, g.longitude, main.latitude, main.longitude);
        if (d <= 161) inc('geoOk');
        else fail({ kind: 'coordinates', gold: `${g.locality || g.district || g.region} (${g.latitude},${g.longitude})`,
          ours: `${main.location} (${main.latitude},${main.longitude}) precision ${main.geo_precision}, ${Math.round(d)} km`,
          precision: main.geo_precision, excerpt: excerpt(r.text, 0) });
      }
    }
    for (const e of evs) {
      inc('evN');
      if (e.event_date === r.date) inc('evDateOk');
      else fail({ kind: 'event_date', gold: r.date, ours: e.event_date,
        excerpt: excerpt(r.text, e.evidence && e.evidence.date ? e.evidence.date.start : 0) });
    }
  });
  const A = 'Zhong et al. 2023: regex 0.117, dep. rules 0.226, SRL 0.741, T5 0.813';
  const c = narr;
  return {
    name: 'WAD', key: 'wad', secs, skipped, fails,
    extra: { notes: [`Deaths misses by shape: ${countShapes(fails, 'deaths')}.`,
      `Coordinate misses at precision 3 (country or region point, often a gazetteer fallback): ${fails.filter((f) => f.kind === 'coordinates' && f.precision === 3).length} of ${fails.filter((f) => f.kind === 'coordinates').length}.`] },
    rows: [
      ['narrative documents (not "Daily death total reported in URL")', c.n, '', all.n],
      ['narrative docs with at least one event', pct(c.withEvent, c.n), '', c.n],
      ['deaths exact match (narrative docs)', pct(c.deathsExact, c.n), A, c.n],
      ['deaths exact match (all docs, incl. placeholders)', pct(all.deathsExact, all.n), '', all.n],
      ['deaths within ±20% or ±1 (narrative docs)', pct(c.deathsNear, c.n), '', c.n],
      ['injured exact match (narrative, gold injured given)', pct(c.injExact, c.injN), '', c.injN],
      ['country (iso3) accuracy (narrative docs; no event = miss)', pct(c.isoOk, c.n), '', c.n],
      ['country (iso3) accuracy (narrative docs with an event)', pct(c.isoOk, c.withEvent), '', c.withEvent],
      ['coordinates within 161 km (narrative, where we give coords)', pct(c.geoOk, c.geoN), '', c.geoN],
      ['narrative docs with gold coords where we give coords', pct(c.geoN, c.geoGoldN), '', c.geoGoldN],
      ['event_date = gold date (per event, all docs)', pct(all.evDateOk, all.evN), '', all.evN],
    ],
    how: `${ph.n} of the ${all.n} rows are placeholders whose whole text is "Daily death total reported in URL" (the ` +
      'Syrian VDC daily tallies): no text-based system can count them, so the headline figures are over the ' +
      'narrative documents and the all-rows exact match is shown apart; failure lists leave the placeholders out. ' +
      'Each description is fed as one report dated with the gold event date (so "on Sunday" resolves to it). ' +
      'Predicted deaths = the largest \`fatalities.best\` among the document\'s events, 0 when there is no event or no ' +
      'event gives a figure (WAD codes 0 deaths explicitly, so a silent 0 can be right). "Within ±20% or ±1" accepts ' +
      '|ours − gold| ≤ max(1, 0.2·gold). Injured is scored the same way on the documents whose gold injured is not ' +
      'null. Country, coordinates: the main event (largest \`fatalities.best\`, else the first); coordinates are ' +
      'scored only where both sides have them (coverage shown). Event date: every event, against the document date.',
  };
}

// ---- GVA -------------------------------------------------------------------------------------------

function evalGva() {
  const file = path.join(DATA, 'gva', 'dev.jsonl');
  if (!fs.existsSync(file)) return null;
  const recs = readJsonl(file);
  const { byDoc, skipped, secs } = runTally(recs);
  const c = { n: recs.length, withEvent: 0, killedExact: 0, injExact: 0, dateN: 0, dateOk: 0,
    stateOk: 0, cityOk: 0, eitherOk: 0, geoGoldN: 0, geoN: 0, geo161: 0, geo40: 0, empty: 0 };
  const fails = [];
  recs.forEach((r, i) => {
    const g = r.gold, evs = byDoc[i];
    if (!r.text || !r.text.trim()) c.empty++;
    if (evs.length) c.withEvent++;
    const main = mainEvent(evs);
    const killed = docCount(evs, 'fatalities'), inj = docCount(evs, 'injured');
    const base = { id: r.id, line: i + 1 };
    if (killed === g.killed) c.killedExact++;
    else fails.push({ ...base, kind: 'killed', gold: g.killed, ours: killed, events: evs.length,
      excerpt: excerpt(r.text, countAnchor(r.text, evs)) });
    if (inj === g.injured) c.injExact++;
    else fails.push({ ...base, kind: 'injured', gold: g.injured, ours: inj,
      excerpt: excerpt(r.text, countAnchor(r.text, evs)) });
    if (main) {
      c.dateN++;
      if (main.event_date === g.event_date) c.dateOk++;
      else fails.push({ ...base, kind: 'event_date', gold: g.event_date, ours: main.event_date,
        report_date: r.date, excerpt: excerpt(r.text, main.evidence && main.evidence.date ? main.evidence.date.start : 0) });
      const st = norm(main.admin1) === norm(g.state) && norm(g.state) !== '';
      const ci = norm(g.city_or_county) !== '' && [main.location, main.admin2].some((x) => norm(x) === norm(g.city_or_county));
      if (st) c.stateOk++;
      if (ci) c.cityOk++;
      if (st || ci) c.eitherOk++;
      else fails.push({ ...base, kind: 'place', gold: `${g.city_or_county}, ${g.state}`,
        ours: `${main.location || ''}, ${main.admin1 || ''} (${main.iso || ''})`,
        excerpt: excerpt(r.text, main.evidence && main.evidence.location ? main.evidence.location.start : 0) });
    }
    const ll = Array.isArray(g.lat_long) ? g.lat_long : null;
    if (ll && typeof ll[0] === 'number') {
      c.geoGoldN++;
      if (main && hasCoords(main)) {
        c.geoN++;
        const d = haversineKm(ll[0], ll[1], main.latitude, main.longitude);
        if (d <= 161) c.geo161++;
        if (d <= 40) c.geo40++;
      }
    }
  });
  return {
    name: 'GVA', key: 'gva', secs, skipped, fails,
    extra: { notes: [`Killed misses by shape: ${countShapes(fails, 'killed')}.`,
      `Event-date misses where our date is the publication date: ${fails.filter((f) => f.kind === 'event_date' && f.ours === f.report_date).length} of ${fails.filter((f) => f.kind === 'event_date').length}.`] },
    rows: [
      ['articles with at least one event', pct(c.withEvent, c.n), '', c.n],
      ['killed exact match', pct(c.killedExact, c.n), 'none per article (SemEval-2018 T5 is incident-level)', c.n],
      ['injured exact match', pct(c.injExact, c.n), '', c.n],
      ['event_date = gold (articles with an event)', pct(c.dateOk, c.dateN), '', c.dateN],
      ['state hit: our admin1 = gold state', pct(c.stateOk, c.dateN), '', c.dateN],
      ['city hit: our location/admin2 = gold city_or_county', pct(c.cityOk, c.dateN), '', c.dateN],
      ['state or city hit', pct(c.eitherOk, c.dateN), '', c.dateN],
      ['coordinates within 161 km (where we give coordinates)', pct(c.geo161, c.geoN), '', c.geoN],
      ['coordinates within 40 km (where we give coordinates)', pct(c.geo40, c.geoN), '', c.geoN],
      ['articles with gold lat_long where we give coordinates', pct(c.geoN, c.geoGoldN), '', c.geoGoldN],
    ],
    how: `Each article is fed as one report dated with its publication date (title not included; ${c.empty} articles ` +
      'have empty text and are skipped by tally, counted as no event). Killed / injured = the largest `best` among the ' +
      'article\'s events, 0 when none; gold is the Archive\'s final incident total, so an early article that gives ' +
      'fewer is scored a miss. Date, place and coordinates: the main event (largest `fatalities.best`, else the first), ' +
      'over articles where tally found an event. Places are compared after lower-casing, stripping accents and the ' +
      'words city/county/parish/township. gold `lat_long` is a [lat, lon] array. The source has duplicate article ids ' +
      '(one article linked to two incidents); the harness keys by line, and failure lists give both id and line.',
  };
}

// ---- CASE 2021 -------------------------------------------------------------------------------------

const ACLED_SUBTYPES = [
  'Government regains territory', 'Non-state actor overtakes territory', 'Armed clash',
  'Excessive force against protesters', 'Protest with intervention', 'Peaceful protest',
  'Violent demonstration', 'Mob violence', 'Chemical weapon', 'Air/drone strike', 'Suicide bomb',
  'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED', 'Grenade', 'Sexual violence',
  'Attack', 'Abduction/forced disappearance', 'Agreement', 'Arrests', 'Change to group/activity',
  'Disrupted weapons use', 'Headquarters or base established', 'Looting/property destruction',
  'Non-violent transfer of territory', 'Other',
];

function evalCase() {
  const file = path.join(DATA, 'case2021', 'dev.jsonl');
  if (!fs.existsSync(file)) return null;
  const recs = readJsonl(file);
  const { byDoc, skipped, secs } = runTally(recs);
  const tp = {}, fp = {}, fn = {}, sup = {};
  for (const k of ACLED_SUBTYPES) { tp[k] = fp[k] = fn[k] = sup[k] = 0; }
  let ok = 0, nullN = 0, nullCoded = 0, pvN = 0, pvOk = 0, pvNone = 0;
  const fails = [];
  const confusion = {};
  recs.forEach((r, i) => {
    const gold = r.gold.sub_event_type || null;
    const evs = byDoc[i];
    const pred = evs.length ? evs[0].sub_event_type || null : null;
    if (gold === pred) ok++;
    if (gold === null) { nullN++; if (pred !== null) nullCoded++; }
    else { pvN++; sup[gold]++; if (pred === gold) pvOk++; if (pred === null) pvNone++; }
    if (gold !== null) { if (pred === gold) tp[gold]++; else fn[gold]++; }
    if (pred !== null && pred !== gold && tp[pred] !== undefined) fp[pred]++;
    if (gold !== pred) {
      const key = `${gold || r.gold.case_label} -> ${pred || '(no event)'}`;
      confusion[key] = (confusion[key] || 0) + 1;
      fails.push({ id: r.id, kind: gold === null ? 'non-PV coded' : (pred === null ? 'missed' : 'wrong type'),
        gold: gold || `(none: ${r.gold.case_label})`, ours: pred || '(no event)', events: evs.length,
        excerpt: excerpt(r.text, 0) });
    }
  });
  let wf = 0, tot = 0, macro = 0, classes = 0;
  for (const k of ACLED_SUBTYPES) {
    const p = tp[k] + fp[k] ? tp[k] / (tp[k] + fp[k]) : 0;
    const rc = tp[k] + fn[k] ? tp[k] / (tp[k] + fn[k]) : 0;
    const f = p + rc ? (2 * p * rc) / (p + rc) : 0;
    wf += f * sup[k]; tot += sup[k];
    if (sup[k]) { macro += f; classes++; }
  }
  const topConf = Object.entries(confusion).sort((a, b) => b[1] - a[1]).slice(0, 8);
  return {
    name: 'CASE 2021', key: 'case2021', secs, skipped, fails, extra: { topConf, notes: require('./case.js').typeNotes(recs, byDoc) },
    rows: [
      ['sub_event_type accuracy (all snippets, no event = right for non-PV)', pct(ok, recs.length), '', recs.length],
      ['weighted F1, 25 ACLED classes (×100)', tot ? (100 * wf) / tot : null, 'best 83.9 (Haneczok et al. 2021)', pvN],
      ['macro F1 over ACLED classes present (×100)', classes ? (100 * macro) / classes : null, '', classes],
      ['accuracy on ACLED-labelled snippets', pct(pvOk, pvN), '', pvN],
      ['ACLED-labelled snippets where we code no event', pct(pvNone, pvN), '', pvN],
      ['non-PV snippets wrongly coded as an event', pct(nullCoded, nullN), '', nullN],
    ],
    how: 'Each snippet is fed as one report (placeholder date 2021-01-01). The document\'s prediction is the ' +
      '`sub_event_type` of its first event, or "no event". The five non-ACLED classes (gold `sub_event_type` null) ' +
      'count as right when we output no event. Weighted F1: per-class F1 over the 25 ACLED sub-event types, weighted ' +
      'by gold support; a "no event" prediction is a miss for the gold class, and a wrong ACLED prediction is also a ' +
      'false positive for the predicted class (including predictions on non-PV snippets).',
  };
}

// ---- Geo -------------------------------------------------------------------------------------------

function decodeXml(s) {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e) => {
    const t = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e.toLowerCase()];
    if (t) return t;
    const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(cp);
  });
}
function xmlText(s) {
  if (s === undefined || s === null) return '';
  const m = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(s);
  return m ? m[1] : decodeXml(s);
}
function tag(block, name) {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(block);
  return m ? m[1] : undefined;
}

// The toponym- and event-level geo scoring lives in eval/geo.js.
function evalGeo() {
  return require('./geo').evalGeo({ DATA, TALLY, ROOT, runTally, haversineKm, pct, excerpt, hasCoords });
}

// ---- report ----------------------------------------------------------------------------------------

function mdEscape(s) { return String(s).replace(/\|/g, '\\|').replace(/\n/g, ' '); }

function main() {
  const t0 = Date.now();
  const results = [];
  const evalTempeval = () => require('./tempeval.js').evalTempeval(TALLY);
  for (const fn of [evalWad, evalGva, evalCase, evalGeo, evalTempeval]) {
    const r = fn();
    if (r) results.push(r); else console.log(`eval: ${fn.name.replace('eval', '')} data absent, skipped`);
  }
  fs.mkdirSync(FAILDIR, { recursive: true });
  for (const r of results) {
    fs.writeFileSync(path.join(FAILDIR, r.key + '.jsonl'), r.fails.map((f) => JSON.stringify(f)).join('\n') + (r.fails.length ? '\n' : ''));
  }

  // console table
  const lines = [];
  const w = [64, 8, 72, 6];
  const row = (a) => a.map((x, i) => String(x).slice(0, w[i]).padEnd(w[i])).join('  ');
  for (const r of results) {
    lines.push('', `== ${r.name}  (tally ${r.secs.toFixed(1)} s, ${r.skipped} docs skipped by tally)`);
    lines.push(row(['metric', 'tally', 'published anchor', 'n']));
    for (const x of r.rows) lines.push(row([x[0], fmt(x[1]), x[2], x[3]]));
  }
  console.log(lines.join('\n'));
  console.log(`\nfailure lists: ${path.relative(ROOT, FAILDIR)}/*.jsonl; report: ${path.relative(ROOT, DOC)}`);

  // docs/evaluation.md
  const ver = spawnSync(TALLY, ['version'], { encoding: 'utf8' });
  const when = new Date().toISOString().slice(0, 10);
  const md = [];
  md.push('# Evaluation', '');
  md.push(`Generated by \`make eval\` (\`eval/run.sh\` → \`eval/eval.js\`) on ${when}` +
    (ver.stdout ? `, \`${ver.stdout.trim()}\`` : '') + `; total ${((Date.now() - t0) / 1000).toFixed(1)} s. ` +
    'Do not edit by hand: re-run `make eval`. Data: `../shared/data` (external; see its README for sources and ' +
    'licences). Published figures come from other systems and, where noted, other metrics: read them as ' +
    'orientation, not as a like-for-like comparison. Full failure lists: `eval/failures/*.jsonl` (not committed).');
  md.push('');
  for (const r of results) {
    md.push(`## ${r.name}`, '');
    md.push('| metric | tally | published anchor | n |', '|---|---|---|---|');
    for (const x of r.rows) md.push(`| ${mdEscape(x[0])} | ${fmt(x[1])} | ${mdEscape(x[2])} | ${x[3]} |`);
    md.push('', `**How scored.** ${r.how}` + (r.skipped ? ` (${r.skipped} documents were rejected by tally's reader.)` : ''), '');
    if (r.extra && r.extra.notes) md.push(r.extra.notes.join(' '), '');
    if (r.extra && r.extra.topConf) {
      md.push('Most frequent confusions (gold → ours): ' +
        r.extra.topConf.map(([k, v]) => `${k} (${v})`).join('; ') + '.', '');
    }
  }
  md.push('## Where tally fails', '');
  md.push(`Up to ${MAX_DOC_FAILURES} examples per data set, taken in file order and alternating between kinds of ` +
    'failure; excerpts are short quotes for diagnosis only.', '');
  for (const r of results) {
    const kinds = {};
    r.fails.forEach((f) => { kinds[f.kind] = (kinds[f.kind] || 0) + 1; });
    md.push(`### ${r.name}`, '');
    md.push(`${r.fails.length} failures (` + Object.entries(kinds).map(([k, v]) => `${k}: ${v}`).join(', ') + ').', '');
    md.push('| id | kind | gold | ours | excerpt |', '|---|---|---|---|---|');
    for (const f of pickFailures(r.fails)) {
      md.push(`| ${mdEscape(f.id)} | ${f.kind} | ${mdEscape(f.gold)} | ${mdEscape(f.ours)} | ${mdEscape(f.excerpt)} |`);
    }
    md.push('');
  }
  fs.writeFileSync(DOC, md.join('\n'));
}

main();
