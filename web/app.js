/* app.js -- the tally serve page: a map of the stored events, a timeline of
 * weekly deaths that filters the map when brushed, and a panel with every
 * claim behind an event and the report text with its evidence marked.
 *
 * Everything comes from this server: the API (docs/serve.md) and the
 * vendored Leaflet, topojson-client and Natural Earth outlines.  Text from
 * the store is only ever put in the page with textContent, never as HTML. */
(function () {
  'use strict';

  // ACLED event types, one colour each (and a grey for anything else).
  var TYPE_COLOURS = {
    'Battles': '#c0392b',
    'Explosions/Remote violence': '#e67e22',
    'Violence against civilians': '#8e44ad',
    'Protests': '#27ae60',
    'Riots': '#a0522d',
    'Strategic developments': '#2c7fb8'
  };
  var OTHER_COLOUR = '#7f8c8d';
  var KIND_LABELS = { party: 'party to the conflict', official: 'official', ngo: 'NGO', local: 'local',
                      media: 'media', unknown: 'unattributed' };
  var MARK_LABELS = { figure: 'figure', source: 'source', event: 'event', date: 'date', location: 'place',
                      actor1: 'actor 1', actor2: 'actor 2', other: 'other' };

  var state = { meta: null, events: [], weeks: [], brush: null, selected: null, seq: 0 };
  var map, markerLayer, countryLayer;

  // ---- small DOM helpers -------------------------------------------------------
  function $(id) { return document.getElementById(id); }
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c == null) continue;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function fmt(n) { return n == null ? '–' : Number(n).toLocaleString('en-GB'); }
  function colour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }

  function showError(msg) {
    var e = $('error');
    e.textContent = msg;
    e.classList.remove('hidden');
    clearTimeout(showError.t);
    showError.t = setTimeout(function () { e.classList.add('hidden'); }, 6000);
  }

  function api(path, params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== '' && params[k] != null) q.set(k, params[k]);
    });
    var url = path + (q.toString() ? '?' + q.toString() : '');
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body && body.error) || ('HTTP ' + r.status));
        return body;
      });
    });
  }

  // ---- filters -------------------------------------------------------------------
  function filterParams(withDates) {
    var p = {
      type: $('f-type').value,
      country: $('f-country').value,
      min_fatalities: $('f-minf').value
    };
    if (withDates) {
      p.since = $('f-since').value;
      p.until = $('f-until').value;
    }
    return p;
  }

  function fillFilters(meta) {
    var t = $('f-type');
    meta.event_types.forEach(function (x) {
      t.appendChild(el('option', { value: x.type, text: x.type + ' (' + x.events + ')' }));
    });
    var c = $('f-country');
    meta.countries.forEach(function (x) {
      c.appendChild(el('option', { value: x.iso3, text: x.name + ' (' + x.events + ')' }));
    });
    if (meta.first) { $('f-since').min = $('f-until').min = meta.first; }
    if (meta.last) { $('f-since').max = $('f-until').max = meta.last; }
    $('store-line').textContent = fmt(meta.events) + ' events in the store' +
      (meta.first ? ', ' + meta.first + ' to ' + meta.last : '');
  }

  // ---- the map ---------------------------------------------------------------------
  function initMap() {
    map = L.map('map', { zoomSnap: 0.5, minZoom: 2, maxZoom: 11, worldCopyJump: false,
                         maxBounds: [[-85, -200], [85, 200]], preferCanvas: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Outlines: Natural Earth (world-atlas)');
    map.setView([14, 5], 4);
    markerLayer = L.layerGroup().addTo(map);
    return fetch('vendor/countries-110m.json').then(function (r) { return r.json(); }).then(function (topo) {
      var shapes = topojson.feature(topo, topo.objects.countries);
      var borders = topojson.mesh(topo, topo.objects.countries, function (a, b) { return a !== b; });
      var withEvents = {};
      (state.meta ? state.meta.countries : []).forEach(function (c) { if (c.numeric) withEvents[c.numeric] = true; });
      countryLayer = L.geoJSON(shapes, {
        interactive: false,
        style: function (f) {
          return { stroke: false, fillOpacity: 1, fillColor: withEvents[f.id] ? '#f7f5f0' : '#e4e2dc',
                   className: 'country' + (withEvents[f.id] ? ' with-events' : '') };
        }
      }).addTo(map);
      L.geoJSON(borders, { interactive: false, style: { color: '#b9b5aa', weight: 0.7, fill: false } }).addTo(map);
    });
  }

  function radius(e) {
    var best = e.fatalities ? e.fatalities.best : 0;
    return Math.min(34, 5 + 3.2 * Math.sqrt(best || 0));
  }

  function drawEvents() {
    markerLayer.clearLayers();
    var placed = state.events.filter(function (e) { return e.latitude != null && e.longitude != null; });
    // large circles first, so that a small one is never hidden under a large one
    placed.sort(function (a, b) { return radius(b) - radius(a); });
    placed.forEach(function (e) {
      var m = L.circleMarker([e.latitude, e.longitude], {
        radius: radius(e), color: '#ffffff', weight: 1.2, opacity: 0.95,
        fillColor: colour(e.event_type), fillOpacity: e.fatalities ? 0.78 : 0.45,
        className: 'event-marker ev-' + e.id + (state.selected === e.id ? ' selected' : '')
      });
      m.bindTooltip(tooltip(e), { direction: 'top', offset: [0, -radius(e)], className: 'ev-tip' });
      m.on('click', function () { openEvent(e.id); });
      m.addTo(markerLayer);
    });
    if (!state.fitted && placed.length) {
      state.fitted = true;
      fitToEvents();
    }
    var deaths = state.totalBest;
    $('count').textContent = fmt(state.total);
    $('count').setAttribute('data-count', String(state.total));
    $('count').setAttribute('data-placed', String(placed.length));
    $('deaths').textContent = fmt(deaths);
    var un = state.events.length - placed.length, box = $('unplaced');
    box.textContent = un ? un + ' event' + (un > 1 ? 's' : '') + ' without coordinates (not on the map)' : '';
    box.classList.toggle('hidden', !un);
    if (state.truncated) showError('Only the first ' + fmt(state.events.length) + ' of ' + fmt(state.total) +
                                   ' events are drawn: narrow the filters.');
    drawLegend();
  }

  // every placed event in view, clear of the legend
  function fitToEvents() {
    var pts = state.events.filter(function (e) { return e.latitude != null; })
      .map(function (e) { return [e.latitude, e.longitude]; });
    if (!pts.length) return;
    map.fitBounds(L.latLngBounds(pts).pad(0.15), { paddingTopLeft: [270, 30], paddingBottomRight: [40, 30], maxZoom: 7 });
  }

  function tooltip(e) {
    var d = el('div');
    d.appendChild(el('strong', { text: e.location || e.country || 'unplaced' }));
    d.appendChild(el('div', { cls: 'tip-sub', text: e.date + ' · ' + e.sub_event_type }));
    var f = e.fatalities;
    d.appendChild(el('div', { text: f ? fmt(f.best) + ' killed (' + fmt(f.low) + '–' + fmt(f.high) + ')' : 'no death toll' }));
    return d;
  }

  function drawLegend() {
    var counts = {};
    state.events.forEach(function (e) { counts[e.event_type] = (counts[e.event_type] || 0) + 1; });
    var box = $('legend');
    box.textContent = '';
    box.appendChild(el('h3', { text: 'Event type' }));
    Object.keys(TYPE_COLOURS).forEach(function (t) {
      var row = el('div', { cls: 'lg-row' + (counts[t] ? '' : ' empty') },
        el('i', { style: 'background:' + TYPE_COLOURS[t] }), el('span', { text: t }),
        el('b', { text: String(counts[t] || 0) }));
      box.appendChild(row);
    });
    box.appendChild(el('p', { cls: 'lg-note', text: 'Circle area grows with the best death estimate; ' +
                                                    'pale circles have no toll.' }));
  }

  // ---- loading -------------------------------------------------------------------
  function effectiveDates() {
    var since = $('f-since').value, until = $('f-until').value;
    if (state.brush) {
      if (!since || state.brush[0] > since) since = state.brush[0];
      if (!until || state.brush[1] < until) until = state.brush[1];
    }
    return { since: since, until: until };
  }

  function loadEvents(fit) {
    var p = filterParams(false), d = effectiveDates(), seq = ++state.seq;
    p.since = d.since; p.until = d.until; p.limit = 5000;
    if (p.since && p.until && p.since > p.until) { state.events = []; state.total = 0; state.totalBest = 0; drawEvents(); return Promise.resolve(); }
    document.body.classList.add('loading');
    return api('api/events', p).then(function (r) {
      if (seq !== state.seq) return;   // a later request has been made
      state.events = r.events; state.total = r.total; state.truncated = r.truncated; state.totalBest = r.total_best;
      if (!r.truncated) $('error').classList.add('hidden');
      drawEvents();
      if (fit) fitToEvents();
    }).catch(function (e) { showError('Events: ' + e.message); })
      .then(function () { if (seq === state.seq) document.body.classList.remove('loading'); });
  }

  function loadWeeks() {
    // the timeline keeps its context: every filter but the dates
    var p = filterParams(false);
    return api('api/weekly', p).then(function (r) { state.weeks = r.weeks; drawTimeline(); })
      .catch(function (e) { showError('Timeline: ' + e.message); });
  }

  function reload(fit) { return Promise.all([loadEvents(fit), loadWeeks()]); }

  // ---- the timeline ----------------------------------------------------------------
  var DAY = 86400000;
  function toTime(s) { return Date.parse(s + 'T00:00:00Z'); }
  function toDay(t) { return new Date(t).toISOString().slice(0, 10); }
  function monday(s) { var t = toTime(s), w = (new Date(t).getUTCDay() + 6) % 7; return t - w * DAY; }

  var tl = {};
  function drawTimeline() {
    var box = $('tl-svg');
    var W = box.clientWidth || 900, H = box.clientHeight || 120;
    var M = { l: 46, r: 18, t: 10, b: 24 };
    box.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    while (box.firstChild) box.removeChild(box.firstChild);
    var meta = state.meta;
    if (!meta || !meta.first) {
      box.appendChild(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'tl-empty' })).textContent = 'no events';
      return;
    }
    // every week from the store's first to its last, empty ones at 0
    var t0 = monday(meta.first), t1 = monday(meta.last);
    var byWeek = {};
    state.weeks.forEach(function (w) { byWeek[w.monday] = w; });
    var weeks = [];
    for (var t = t0; t <= t1; t += 7 * DAY) {
      var k = toDay(t), w = byWeek[k];
      weeks.push({ t: t, monday: k, low: w ? w.low : 0, best: w ? w.best : 0, high: w ? w.high : 0, events: w ? w.events : 0 });
    }
    var maxY = Math.max(1, Math.max.apply(null, weeks.map(function (w) { return w.high; })));
    var niceMax = niceCeil(maxY);
    var x0 = t0, x1 = t1 + 7 * DAY;
    function x(t) { return M.l + (t - x0) / (x1 - x0) * (W - M.l - M.r); }
    function y(v) { return H - M.b - v / niceMax * (H - M.t - M.b); }
    tl = { x: x, x0: x0, x1: x1, M: M, W: W, H: H, weeks: weeks };

    // grid and y axis
    var g = svg('g', { class: 'tl-axis' });
    [0, niceMax / 2, niceMax].forEach(function (v) {
      g.appendChild(svg('line', { x1: M.l, x2: W - M.r, y1: y(v), y2: y(v), class: 'grid' }));
      var lab = svg('text', { x: M.l - 6, y: y(v) + 4, 'text-anchor': 'end' });
      lab.textContent = fmt(v);
      g.appendChild(lab);
    });
    // month ticks
    var d = new Date(x0), step = (x1 - x0) / DAY > 400 ? 3 : 1;
    d = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    var first = true;
    var names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    while (d < x1) {
      var dd = new Date(d);
      if (dd.getUTCMonth() % step === 0) {
        g.appendChild(svg('line', { x1: x(d), x2: x(d), y1: H - M.b, y2: H - M.b + 4, class: 'tick' }));
        var tx = svg('text', { x: x(d) + 3, y: H - 6 });
        tx.textContent = names[dd.getUTCMonth()] + (dd.getUTCMonth() === 0 || first ? ' ' + dd.getUTCFullYear() : '');
        first = false;
        g.appendChild(tx);
      }
      d = Date.UTC(dd.getUTCFullYear(), dd.getUTCMonth() + 1, 1);
    }
    box.appendChild(g);

    // the band (low..high) and the best line, a step per week
    var top = [], bottom = [], line = [];
    weeks.forEach(function (w) {
      var a = x(w.t), b = x(w.t + 7 * DAY);
      top.push([a, y(w.high)], [b, y(w.high)]);
      bottom.push([a, y(w.low)], [b, y(w.low)]);
      line.push([a, y(w.best)], [b, y(w.best)]);
    });
    function path(pts) { return pts.map(function (p, i) { return (i ? 'L' : 'M') + p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join(''); }
    box.appendChild(svg('path', { d: path(top) + path(bottom.reverse()).replace(/^M/, 'L') + 'Z', class: 'tl-band' }));
    box.appendChild(svg('path', { d: path(line), class: 'tl-best' }));

    // weeks as hover targets
    var hov = svg('g', { class: 'tl-weeks' });
    weeks.forEach(function (w) {
      var r = svg('rect', { x: x(w.t), y: M.t, width: Math.max(1, x(w.t + 7 * DAY) - x(w.t)), height: H - M.t - M.b });
      var title = svg('title', {});
      title.textContent = 'week of ' + w.monday + ': ' + w.events + ' events, ' + fmt(w.best) + ' deaths (' + fmt(w.low) + '–' + fmt(w.high) + ')';
      r.appendChild(title);
      hov.appendChild(r);
    });
    box.appendChild(hov);

    // the brushed range
    var sel = svg('rect', { class: 'tl-brush', y: M.t, height: H - M.t - M.b, x: 0, width: 0 });
    box.appendChild(sel);
    tl.sel = sel;
    showBrush();
  }

  function niceCeil(v) {
    var p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  function showBrush() {
    if (!tl.sel) return;
    if (!state.brush) { tl.sel.setAttribute('width', 0); tl.sel.style.display = 'none'; return; }
    var a = tl.x(toTime(state.brush[0])), b = tl.x(toTime(state.brush[1]) + DAY);
    tl.sel.style.display = '';
    tl.sel.setAttribute('x', Math.min(a, b));
    tl.sel.setAttribute('width', Math.max(2, Math.abs(b - a)));
  }

  function initBrush() {
    var box = $('tl-svg'), start = null;
    function weekAt(ev) {
      var r = box.getBoundingClientRect(), px = (ev.clientX - r.left) * (tl.W / r.width);
      var t = tl.x0 + (px - tl.M.l) / (tl.W - tl.M.l - tl.M.r) * (tl.x1 - tl.x0);
      t = Math.max(tl.x0, Math.min(tl.x1 - DAY, t));
      return monday(toDay(t));
    }
    function range(a, b) { var lo = Math.min(a, b), hi = Math.max(a, b); return [toDay(lo), toDay(hi + 6 * DAY)]; }
    box.addEventListener('pointerdown', function (ev) {
      if (!tl.x) return;
      start = weekAt(ev);
      box.setPointerCapture(ev.pointerId);
      state.brush = range(start, start);
      showBrush();
    });
    box.addEventListener('pointermove', function (ev) {
      if (start == null) return;
      state.brush = range(start, weekAt(ev));
      showBrush();
    });
    function end(ev) {
      if (start == null) return;
      state.brush = range(start, weekAt(ev));
      start = null;
      showBrush();
      $('tl-clear').classList.remove('hidden');
      $('tl-hint').textContent = 'weeks of ' + state.brush[0] + ' to ' + state.brush[1];
      loadEvents();
    }
    box.addEventListener('pointerup', end);
    box.addEventListener('pointercancel', function () { start = null; });
    $('tl-clear').addEventListener('click', clearBrush);
  }

  function clearBrush() {
    state.brush = null;
    showBrush();
    $('tl-clear').classList.add('hidden');
    $('tl-hint').textContent = 'drag across the weeks to filter the map';
    loadEvents();
  }

  // ---- the event panel ----------------------------------------------------------------
  function figure(c) {
    var n = c.min, q = c.qualifier;
    if (c.vague) return c.vague + (c.max == null ? ' (' + n + '+)' : ' (' + n + (c.max !== n ? '–' + c.max : '') + ')');
    if (q === 'range' && c.max != null && c.max !== n) return n + '–' + c.max;
    if (q === 'at_least') return 'at least ' + n;
    if (q === 'at_most') return 'at most ' + (c.max != null ? c.max : n);
    if (q === 'about') return 'about ' + n;
    return String(n);
  }

  function openEvent(id) {
    state.selected = id;
    document.querySelectorAll('.event-marker.selected').forEach(function (p) { p.classList.remove('selected'); });
    document.querySelectorAll('.event-marker.ev-' + id).forEach(function (p) { p.classList.add('selected'); });
    var body = $('panel-body');
    body.textContent = '';
    body.appendChild(el('p', { cls: 'muted', text: 'Loading event ' + id + '…' }));
    $('panel').classList.remove('hidden');
    api('api/events/' + encodeURIComponent(id)).then(function (e) {
      if (state.selected !== id) return;
      renderEvent(e);
    }).catch(function (err) {
      body.textContent = '';
      body.appendChild(el('p', { cls: 'muted', text: 'Cannot load the event: ' + err.message }));
    });
  }

  function renderEvent(e) {
    var body = $('panel-body');
    body.textContent = '';
    body.scrollTop = 0;
    var head = el('div', { cls: 'ev-head' },
      el('span', { cls: 'chip', style: 'background:' + colour(e.event_type), text: e.event_type }),
      el('span', { cls: 'chip light', text: e.sub_event_type }),
      el('span', { cls: 'ev-id', text: e.event_id_cnty }));
    body.appendChild(head);
    var place = [e.location, e.admin1 !== e.location ? e.admin1 : '', e.country].filter(Boolean).join(', ');
    body.appendChild(el('h2', { cls: 'ev-title', text: place || 'Place not resolved' }));
    var date = e.date_start === e.date_end ? e.date : e.date_start + ' to ' + e.date_end;
    body.appendChild(el('p', { cls: 'ev-meta', text: date + ' · ' + e.sources + ' source document' + (e.sources === 1 ? '' : 's') +
      (e.geo_precision ? ' · geo precision ' + e.geo_precision : '') }));

    var f = e.fatalities, inj = e.injured;
    body.appendChild(el('div', { cls: 'tolls' },
      toll('Killed', f), toll('Injured', inj)));

    var actors = el('dl', { cls: 'actors' });
    [['Actor 1', e.actor1, e.assoc_actor_1], ['Actor 2', e.actor2, e.assoc_actor_2]].forEach(function (a) {
      if (!a[1]) return;
      actors.appendChild(el('dt', { text: a[0] }));
      actors.appendChild(el('dd', { text: a[1] + (a[2] ? ' (with ' + a[2] + ')' : '') }));
    });
    if (actors.childNodes.length) body.appendChild(actors);

    body.appendChild(el('h3', { text: 'Claims (' + e.claims.length + ')' }));
    var list = el('ol', { cls: 'claims', id: 'claims' });
    e.claims.forEach(function (c) {
      var flags = [];
      if (c.part_of != null) flags.push(['part', 'part of claim #' + c.part_of + ', not added']);
      if (c.superseded) flags.push(['superseded', 'superseded by a later figure']);
      if (c.context) flags.push(['context', 'context, not this event']);
      if (c.denial) flags.push(['denial', 'denied']);
      var li = el('li', { cls: 'claim' + (c.part_of != null ? ' part' : ''), 'data-claim': String(c.id) },
        el('div', { cls: 'c-fig' }, el('span', { cls: 'c-num', text: figure(c) }),
          el('span', { cls: 'c-what', text: c.outcome + (c.victims ? ' ' + c.victims : '') })),
        el('div', { cls: 'c-src' },
          el('span', { cls: 'c-source', text: c.source === 'unknown' ? 'no source named' : c.source }),
          el('span', { cls: 'kind k-' + c.source_kind, text: KIND_LABELS[c.source_kind] || c.source_kind }),
          el('span', { cls: 'c-doc', text: (c.outlet || c.doc_key) + ' · ' + c.report_date })));
      flags.forEach(function (fl) { li.appendChild(el('span', { cls: 'flag f-' + fl[0], text: fl[1] })); });
      li.addEventListener('mouseenter', function () { hiliteClaim(c.id, true); });
      li.addEventListener('mouseleave', function () { hiliteClaim(c.id, false); });
      list.appendChild(li);
    });
    if (!e.claims.length) list.appendChild(el('li', { cls: 'muted', text: 'No casualty claim in the reports.' }));
    body.appendChild(list);

    body.appendChild(el('h3', { text: e.reports.length === 1 ? 'Report' : 'Reports (' + e.reports.length + ')' }));
    var key = el('div', { cls: 'mark-key' });
    ['figure', 'source', 'event', 'date', 'location', 'actor1'].forEach(function (k) {
      key.appendChild(el('span', { cls: 'm m-' + k, text: MARK_LABELS[k] }));
    });
    body.appendChild(key);
    e.reports.forEach(function (r) {
      var art = el('article', { cls: 'report' });
      art.appendChild(el('div', { cls: 'r-head' },
        el('strong', { text: r.title || r.doc_key }),
        el('span', { cls: 'muted', text: [r.outlet, r.report_date].filter(Boolean).join(' · ') })));
      var text = el('div', { cls: 'r-text' });
      r.segments.forEach(function (s) {
        if (!s.marks) { text.appendChild(document.createTextNode(s.text)); return; }
        var m = el('mark', { cls: s.marks.map(function (k) { return 'm-' + k; }).join(' '), text: s.text,
                             title: s.marks.map(function (k) { return MARK_LABELS[k] || k; }).join(', ') });
        if (s.claims) m.setAttribute('data-claims', ' ' + s.claims.join(' ') + ' ');
        text.appendChild(m);
      });
      art.appendChild(text);
      body.appendChild(art);
    });
  }

  function toll(label, t) {
    return el('div', { cls: 'toll' }, el('span', { cls: 'lbl', text: label }),
      t ? el('span', { cls: 'big', text: fmt(t.best) }) : el('span', { cls: 'big none', text: '–' }),
      el('span', { cls: 'range', text: t ? 'low ' + fmt(t.low) + ' · high ' + fmt(t.high) : 'none reported' }));
  }

  function hiliteClaim(id, on) {
    document.querySelectorAll('mark[data-claims~="' + id + '"]').forEach(function (m) { m.classList.toggle('hot', on); });
  }

  function closePanel() {
    $('panel').classList.add('hidden');
    state.selected = null;
    document.querySelectorAll('.event-marker.selected').forEach(function (p) { p.classList.remove('selected'); });
  }

  // ---- start ------------------------------------------------------------------------
  function start() {
    api('api/meta').then(function (meta) {
      state.meta = meta;
      fillFilters(meta);
      return initMap();
    }).then(function () {
      initBrush();
      var debounce;
      ['f-type', 'f-country', 'f-since', 'f-until', 'f-minf'].forEach(function (id) {
        $(id).addEventListener('change', function () {
          clearTimeout(debounce);
          // a country chosen: go there
          var fit = id === 'f-country' && $('f-country').value !== '';
          debounce = setTimeout(function () { reload(fit); }, 60);
        });
      });
      $('f-reset').addEventListener('click', function () {
        $('filters').reset();
        state.brush = null;
        $('tl-clear').classList.add('hidden');
        $('tl-hint').textContent = 'drag across the weeks to filter the map';
        reload();
      });
      $('panel-close').addEventListener('click', closePanel);
      document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') closePanel(); });
      var rt;
      window.addEventListener('resize', function () { clearTimeout(rt); rt = setTimeout(drawTimeline, 100); });
      return reload();
    }).then(function () {
      document.body.setAttribute('data-ready', '1');
    }).catch(function (e) {
      showError('Cannot start: ' + e.message);
    });
  }
  start();
})();
