// export_check.js -- reads tally's exports back with real parsers (npm
// csv-parse for CSV, JSON.parse for GeoJSON and JSON Lines) for
// tests/export.sh.  Exits 0 when the check holds, else 1 with a message.
//
//   node tests/export_check.js header FILE "col1,col2,..."   the CSV header, exactly
//   node tests/export_check.js rows FILE N                   N records, each as wide as the header
//   node tests/export_check.js field FILE KEYCOL KEY COL VALUE
//                                                            the record whose KEYCOL is KEY has COL === VALUE
//   node tests/export_check.js geojson FILE N ID LON LAT     a FeatureCollection of N points; feature ID at [LON, LAT]
//   node tests/export_check.js jsonl FILE N                  N lines, each a JSON object
'use strict';
const fs = require('fs');
const { parse } = require('csv-parse/sync');

const [mode, file, ...args] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');

function fail(msg) {
    console.log(msg);
    process.exit(1);
}

function csv() {
    // strict: a stray quote or a ragged record is an error, not a guess
    let recs;
    try {
        recs = parse(text, { relax_quotes: false, relax_column_count: false });
    } catch (e) {
        fail('csv-parse: ' + e.message);
    }
    return { header: recs[0], rows: recs.slice(1) };
}

switch (mode) {
case 'header': {
    const { header } = csv();
    if (header.join(',') !== args[0]) fail('header: ' + JSON.stringify(header));
    break;
}
case 'rows': {
    const { header, rows } = csv();
    if (rows.length !== Number(args[0])) fail('rows: ' + rows.length);
    for (const r of rows) if (r.length !== header.length) fail('ragged record: ' + JSON.stringify(r));
    break;
}
case 'field': {
    const { header, rows } = csv();
    const [keycol, key, col, value] = args;
    const k = header.indexOf(keycol), c = header.indexOf(col);
    if (k < 0 || c < 0) fail('no column ' + (k < 0 ? keycol : col));
    const r = rows.find((x) => x[k] === key);
    if (!r) fail('no record with ' + keycol + ' = ' + key);
    if (r[c] !== value) fail(col + ': ' + JSON.stringify(r[c]) + ' != ' + JSON.stringify(value));
    break;
}
case 'geojson': {
    let g;
    try {
        g = JSON.parse(text);
    } catch (e) {
        fail('JSON.parse: ' + e.message);
    }
    const [n, id, lon, lat] = args;
    if (g.type !== 'FeatureCollection' || !Array.isArray(g.features)) fail('not a FeatureCollection');
    if (g.features.length !== Number(n)) fail('features: ' + g.features.length);
    for (const f of g.features) {
        if (f.type !== 'Feature' || f.geometry.type !== 'Point' || f.geometry.coordinates.length !== 2)
            fail('not a point feature: ' + JSON.stringify(f).slice(0, 200));
        const [x, y] = f.geometry.coordinates;
        if (Math.abs(x) > 180 || Math.abs(y) > 90) fail('position out of range: ' + x + ',' + y);
    }
    const f = g.features.find((x) => x.properties.event_id_cnty === id);
    if (!f) fail('no feature ' + id);
    const [x, y] = f.geometry.coordinates;
    if (x !== Number(lon) || y !== Number(lat)) fail(id + ' at ' + x + ',' + y);
    break;
}
case 'jsonl': {
    const lines = text.split('\n');
    if (lines.pop() !== '') fail('no final newline');
    if (lines.length !== Number(args[0])) fail('lines: ' + lines.length);
    for (const l of lines) {
        let o;
        try {
            o = JSON.parse(l);
        } catch (e) {
            fail('JSON.parse: ' + e.message + ' in ' + l.slice(0, 200));
        }
        if (typeof o !== 'object' || !Array.isArray(o.claims) || !Array.isArray(o.sources)) fail('not an event: ' + l);
    }
    break;
}
default:
    fail('unknown check ' + mode);
}
