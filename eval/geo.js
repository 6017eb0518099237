// Geo scoring for `make eval`: toponym-level detection and resolution on LGL, GeoVirus and TR-News
// (../shared/data/geo), through `tally places -`, and the event-level figure (the place of each event).
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

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

// Gold offsets are characters, but GeoVirus counts from 1 and some TR-News articles are one off: a
// toponym's span is where its phrase really is, within two characters of the given start.
function fixSpan(text, name, start, end) {
  if (text.slice(start, end) === name) return [start, end];
  for (const d of [-1, 1, -2, 2]) {
    if (text.slice(start + d, start + d + name.length) === name) return [start + d, start + d + name.length];
  }
  return [start, end];
}

function parseGeoCorpus(file) {
  const xml = fs.readFileSync(file, 'utf8');
  const docs = [];
  const artRe = /<article(\s[^>]*)?>([\s\S]*?)<\/article>/g;
  let m, k = 0;
  while ((m = artRe.exec(xml))) {
    const attrs = m[1] || '', body = m[2];
    k++;
    const idm = /docid="([^"]+)"/.exec(attrs);
    const text = xmlText(tag(body, 'text'));
    const dl = (tag(body, 'dltime') || '').trim();
    const date = /^\d{4}-\d{2}-\d{2}/.test(dl) ? dl.slice(0, 10) : '2020-01-01';
    const tops = [];
    const topRe = /<(toponym|location)>([\s\S]*?)<\/\1>/g;
    let t;
    while ((t = topRe.exec(body))) {
      const blk = t[2].replace(/<!--[\s\S]*?-->/g, '');
      const lat = parseFloat(tag(blk, 'lat')), lon = parseFloat(tag(blk, 'lon'));
      const name = xmlText(tag(blk, 'phrase') || tag(blk, 'name') || '').trim();
      const s = parseInt(tag(blk, 'start'), 10), e = parseInt(tag(blk, 'end'), 10);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const span = Number.isFinite(s) && Number.isFinite(e) ? fixSpan(text, name, s, e) : null;
      tops.push({ name, lat, lon, start: span ? span[0] : -1, end: span ? span[1] : -1 });
    }
    docs.push({ id: idm ? idm[1] : String(k), date, text, tops });
  }
  return docs;
}

// `tally places -` on the documents; mentions per document with character offsets.
function runPlaces(h, docs) {
  const input = docs.map((d, i) => JSON.stringify({ id: 'd' + i, date: d.date, text: d.text })).join('\n') + '\n';
  const t0 = Date.now();
  const res = spawnSync(h.TALLY, ['places', '-'], { cwd: h.ROOT, input, maxBuffer: 1 << 30, encoding: 'utf8' });
  const secs = (Date.now() - t0) / 1000;
  if (res.error) throw res.error;
  if (res.status !== 0 && res.status !== 1) throw new Error(`tally places exited ${res.status}: ${(res.stderr || '').slice(0, 500)}`);
  const byDoc = docs.map(() => []);
  const bytes = docs.map((d) => Buffer.from(d.text, 'utf8'));
  for (const line of res.stdout.split('\n')) {
    if (!line.trim()) continue;
    const p = JSON.parse(line);
    const i = Number(/^d(\d+)$/.exec(p.doc_id)[1]);
    p.cstart = bytes[i].subarray(0, p.start).toString('utf8').length;
    p.cend = bytes[i].subarray(0, p.end).toString('utf8').length;
    byDoc[i].push(p);
  }
  return { byDoc, secs, skipped: (res.stderr || '').split('\n').filter((l) => l.trim()).length };
}

const MAX_KM = 20039; // half the Earth's circumference: the error of a toponym we cannot place

function evalGeo(h) {
  const dir = path.join(h.DATA, 'geo');
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();
  // Published toponym-level accuracy within 161 km (resolution of gold toponyms); orientation only.
  const anchors = {
    lgl: 'Mordecai 3 82.7; CamCoder 76; Edinburgh 76; population 70',
    geovirus: 'CamCoder 82; Edinburgh 78; population 80',
    'tr-news': 'Mordecai 3 87.3',
  };
  const rows = [], fails = [];
  let secs = 0, skipped = 0;
  for (const f of files) {
    const corpus = f.replace(/\.xml$/, '');
    const docs = parseGeoCorpus(path.join(dir, f)).filter((d) => d.text.trim());
    const run = runPlaces(h, docs);
    secs += run.secs; skipped += run.skipped;
    let nGold = 0, nPred = 0, tp = 0, placed = 0, ok = 0, okAll = 0;
    const errs = [];
    docs.forEach((d, i) => {
      const preds = run.byDoc[i];
      const gold = d.tops.filter((t) => t.start >= 0);
      nGold += gold.length; nPred += preds.length;
      const taken = new Set();
      for (const g of gold) {
        // The first of our mentions overlapping the gold span, each used once.
        let hit = -1;
        preds.forEach((p, k) => { if (hit < 0 && !taken.has(k) && p.cstart < g.end && g.start < p.cend) hit = k; });
        if (hit < 0) continue;
        taken.add(hit);
        tp++;
        const p = preds[hit];
        const km = typeof p.latitude === 'number' ? h.haversineKm(g.lat, g.lon, p.latitude, p.longitude) : MAX_KM;
        if (typeof p.latitude === 'number') placed++;
        errs.push(km);
        if (km <= 161) { ok++; okAll++; } else {
          fails.push({ id: `${corpus}:${d.id}`, kind: corpus,
            gold: `${g.name} (${g.lat},${g.lon})`,
            ours: p.kind ? `${p.name}, ${p.admin1 || ''} ${p.iso} (${p.latitude},${p.longitude}) ${p.role}, ${Math.round(km)} km` : `${p.text}: not in the gazetteer`,
            excerpt: h.excerpt(d.text, g.start) });
        }
      }
    });
    errs.sort((a, b) => a - b);
    const median = errs.length ? errs[Math.floor(errs.length / 2)] : null;
    const mean = errs.length ? errs.reduce((a, b) => a + b, 0) / errs.length : null;
    const P = h.pct(tp, nPred), R = h.pct(tp, nGold);
    const an = anchors[corpus.toLowerCase()] || '';
    rows.push([`${corpus}: toponym detection precision`, P, '', nPred]);
    rows.push([`${corpus}: toponym detection recall`, R, '', nGold]);
    rows.push([`${corpus}: detection F1`, P && R ? 2 * P * R / (P + R) : null, '', nGold]);
    rows.push([`${corpus}: acc@161 km, detected gold toponyms`, h.pct(ok, tp), an ? `acc@161 on gold toponyms: ${an}` : '', tp]);
    rows.push([`${corpus}: acc@161 km over all gold toponyms (end to end)`, h.pct(okAll, nGold), '', nGold]);
    rows.push([`${corpus}: mean / median error km, detected`, mean === null ? null : `${Math.round(mean)} / ${Math.round(median)}`, '', tp]);
  }

  // Event level: the place of each event against the nearest gold toponym of its article.
  for (const f of files) {
    const corpus = f.replace(/\.xml$/, '');
    const docs = parseGeoCorpus(path.join(dir, f)).filter((d) => d.text.trim());
    const run = h.runTally(docs);
    secs += run.secs;
    let evN = 0, evOk = 0;
    docs.forEach((d, i) => {
      for (const e of run.byDoc[i]) {
        if (!h.hasCoords(e) || !d.tops.length) continue;
        evN++;
        const nd = Math.min(...d.tops.map((t) => h.haversineKm(t.lat, t.lon, e.latitude, e.longitude)));
        if (nd <= 161) evOk++;
      }
    });
    rows.push([`${corpus}: event place within 161 km of some gold toponym`, h.pct(evOk, evN), '', evN]);
  }
  return {
    name: 'Geo (LGL, GeoVirus, TR-News)', key: 'geo', secs, skipped, fails, rows,
    how: 'Each article is fed as one report (dated with its download time when the corpus gives one, else ' +
      '2020-01-01) to `tally places -`, which writes every place mention with its offsets and resolution (demonyms ' +
      'included, as their country: TR-News annotates them). Gold spans are characters; GeoVirus counts from 1 and a ' +
      'few TR-News spans are one off, so a gold span is moved to where its phrase is, within two characters. A gold ' +
      'toponym is detected when one of our mentions overlaps it (each mention used once). Precision: detected / our ' +
      'mentions; recall: detected / gold toponyms. Resolution: distance from the gold coordinates to ours for each ' +
      'detected toponym (a mention the gazetteer lacks counts as 20,039 km); acc@161 is the share within 161 km. The ' +
      'published figures resolve gold toponyms (given spans), so they compare with "detected" accuracy, not with the ' +
      'end-to-end line. The event-level line is the place of each event `tally extract` writes, against the nearest ' +
      'gold toponym of its article.',
  };
}

module.exports = { evalGeo, parseGeoCorpus };
