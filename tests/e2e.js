// e2e.js -- the tally serve page as an analyst uses it, in Debian's Chromium
// driven by playwright-core: the markers appear, clicking the Kidal strike
// opens the panel with its four claims and the evidence marked in the text,
// a type filter and a brushed week range change what the map shows, and the
// page fetches nothing from outside.  Prints TAP lines "ok N - ..." from
// N = FIRST; saves a screenshot.
//
//   node tests/e2e.js http://127.0.0.1:PORT/ build/serve-e2e.png FIRST
'use strict';
const { chromium } = require('playwright-core');

const base = process.argv[2];
const shot = process.argv[3] || 'build/serve-e2e.png';
let n = Number(process.argv[4] || 1) - 1;
let failed = 0;
function check(what, ok, detail) {
  n++;
  if (ok) console.log(`ok ${n} - ${what}`);
  else {
    failed++;
    console.log(`not ok ${n} - ${what}`);
    if (detail !== undefined) console.log('#   ' + String(detail).replace(/\n/g, '\n#   '));
  }
}

async function api(path) {
  const r = await fetch(new URL(path, base));
  return r.json();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const outside = [], errors = [];
    // anything not from this server is refused and counted
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(base) || u.startsWith('data:')) return route.continue();
      outside.push(u);
      return route.abort();
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

    const all = await api('api/events?limit=5000');
    const placed = all.events.filter((e) => e.latitude != null);
    await page.goto(base);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30000 });
    const markers = await page.locator('path.event-marker').count();
    check(`markers appear, one per placed event (${markers} of ${placed.length})`, markers === placed.length && markers > 0,
          `markers ${markers}, placed events ${placed.length}`);
    // world-atlas 110m has 177 countries; the store's own are drawn lighter
    const countries = await page.locator('#map path.country').count();
    const withEvents = await page.locator('#map path.country.with-events').count();
    check(`the offline base map draws the countries (${countries}, ${withEvents} with events)`,
          countries >= 170 && withEvents === (await api('api/meta')).countries.length, `${countries} / ${withEvents}`);
    check('the header counts every event', (await page.locator('#count').getAttribute('data-count')) === String(all.total));
    const deaths = all.events.reduce((s, e) => s + (e.fatalities ? e.fatalities.best : 0), 0);
    const shown = (await page.locator('#deaths').textContent()).replace(/,/g, '');
    check(`the header adds up the best figures (${shown})`, shown === String(deaths), `${shown} vs ${deaths}`);

    // the Kidal drone strike: four sources, four figures
    const kidal = all.events.find((e) => e.location === 'Kidal');
    check('the fixture store holds the Kidal strike', !!kidal);
    if (kidal) {
      await page.locator(`path.ev-${kidal.id}`).click();
      await page.waitForSelector('#panel:not(.hidden) .claim', { timeout: 30000 });
      const sources = await page.locator('#panel .claim:not(.part) .c-source').allTextContents();
      const want = ['separatists', 'local politician', 'local NGO official', 'retired local official'];
      check('clicking the marker opens the panel with its four claims',
            sources.length === 4 && want.every((s) => sources.includes(s)), JSON.stringify(sources));
      const figs = await page.locator('#panel .claim:not(.part) .c-num').allTextContents();
      check('each claim shows its figure', ['19', 'at least 12', 'at least 16'].every((f) => figs.includes(f)), JSON.stringify(figs));
      const kinds = await page.locator('#panel .claim .kind').allTextContents();
      check('each claim shows its source kind', kinds.includes('party to the conflict') && kinds.includes('NGO'), JSON.stringify(kinds));
      const marked = await page.locator('#panel .r-text mark.m-figure').allTextContents();
      check('the report text marks the figures as evidence', marked.some((m) => m.includes('19')) && marked.length >= 4,
            JSON.stringify(marked));
      const srcMarks = await page.locator('#panel .r-text mark.m-source').count();
      check('the report text marks the sources', srcMarks >= 3, `source marks ${srcMarks}`);
      const toll = await page.locator('#panel .toll .big').first().textContent();
      check('the panel shows the reconciled best figure', toll === String(kidal.fatalities.best), toll);
      // the picture an analyst checks: the claims and the marked text beside the map
      await page.evaluate(() => {
        const b = document.getElementById('panel-body'), h = document.querySelector('#panel h3');
        b.scrollTop = h.offsetTop - 12;
      });
      await page.locator('#panel .claim:not(.part)').first().hover();
      const hot = await page.locator('#panel .r-text mark.hot').allTextContents();
      check('hovering a claim outlines its evidence in the text', hot.includes('toll of 19 civilians'), JSON.stringify(hot));
      await page.screenshot({ path: shot });
      check(`screenshot saved to ${shot}`, true);
    }

    // a filter changes the count
    const protests = all.events.filter((e) => e.event_type === 'Protests' && e.latitude != null).length;
    await page.selectOption('#f-type', 'Protests');
    await page.waitForFunction((k) => document.querySelectorAll('path.event-marker').length === k, protests, { timeout: 30000 })
      .catch(() => {});
    const afterType = await page.locator('path.event-marker').count();
    check(`the type filter changes the count (${markers} -> ${afterType})`, afterType === protests && afterType < markers,
          `after ${afterType}, expected ${protests}`);
    await page.click('#f-reset');
    await page.waitForFunction((k) => document.querySelectorAll('path.event-marker').length === k, markers, { timeout: 30000 })
      .catch(() => {});
    check('reset brings every marker back', (await page.locator('path.event-marker').count()) === markers);

    // brushing the timeline: the first few weeks only
    const box = await page.locator('#tl-svg').boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 50, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 50 + (box.width - 70) * 0.25, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction((k) => document.querySelectorAll('path.event-marker').length !== k, markers, { timeout: 30000 })
      .catch(() => {});
    const brushed = await page.locator('path.event-marker').count();
    const hint = await page.locator('#tl-hint').textContent();
    const m = /weeks of (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)/.exec(hint || '');
    const inRange = m ? placed.filter((e) => e.date >= m[1] && e.date <= m[2]).length : -1;
    check(`brushing the timeline filters the map (${markers} -> ${brushed}, ${hint})`,
          m && brushed === inRange && brushed < markers, `brushed ${brushed}, in range ${inRange}`);
    await page.click('#tl-clear');

    check('the page fetched nothing from outside', outside.length === 0, outside.join('\n'));
    check('no script error in the page', errors.length === 0, errors.join('\n'));
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  n++;
  console.log(`not ok ${n} - the browser test ran to its end`);
  console.log('#   ' + String(e && e.stack || e).replace(/\n/g, '\n#   '));
  process.exit(1);
});
