// The default theme in a real browser, on every page of a built site (the «Арай» site in CI):
// axe-core at the WCAG 2.1 AA tags in the normal look and in every colour scheme of the version
// for the visually impaired, no request to any other host, every page under 50 KB of
// HTML+CSS+JS, one h1, the skip link first on Tab and landing in <main>, no sideways scrolling of
// the page at 375 px and at 640 px (1280 px at 200 % zoom), the full text with JavaScript off,
// the visually impaired choice applied before first paint and kept, the print button and the
// print styles. Writes screenshots and PDFs for people to look at.
// Usage: node tests/browser/a11y.mjs SITE_DIR [SCREENSHOT_DIR]
// While working on the theme: ONLY=regex visits only the pages it matches; DEBUG=1 prints what
// axe could not decide, element by element.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative, resolve, sep } from 'node:path';

const [siteArg = 'target/ci-site', shotDir = 'target/screenshots'] = process.argv.slice(2);
const siteDir = resolve(siteArg);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BUDGET = 50 * 1024;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Each scheme once, with the text sizes and spacings spread over them, the largest included.
const MODES = [
  { name: 'normal', vi: null },
  { name: 'vi-bw', vi: { scheme: 'bw', size: '1', letters: '0', lines: '0' } },
  { name: 'vi-wb', vi: { scheme: 'wb', size: '2', letters: '1', lines: '1' } },
  { name: 'vi-yb', vi: { scheme: 'yb', size: '3', letters: '2', lines: '2' } },
  { name: 'vi-blue', vi: { scheme: 'blue', size: '3', letters: '1', lines: '2' } },
];

const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);

// --- a static server for the built site, under the path of its base_url ---------------------
const robots = readFileSync(join(siteDir, 'robots.txt'), 'utf8');
const base = new URL(robots.match(/^Sitemap: (\S+)/m)[1]).pathname.replace(/sitemap\.xml$/, '');
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.pdf': 'application/pdf', '.xml': 'application/xml', '.txt': 'text/plain' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.startsWith(base) ? join(siteDir, path.slice(base.length)) : null;
  if (file && path.endsWith('/')) file = join(file, 'index.html');
  let status = 200;
  if (!file || !file.startsWith(siteDir + sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    [file, status] = [join(siteDir, '404.html'), 404];
  }
  res.writeHead(status, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []);
const pages = walk(siteDir).map((f) => relative(siteDir, f).split(sep).join('/')).sort()
  .filter((rel) => rel !== 'index.html' && rel !== '404.html')
  .map((rel) => base + rel.replace(/index\.html$/, ''))
  // ONLY=regex narrows the visits while working on the theme; CI visits every page.
  .filter((p) => !process.env.ONLY || new RegExp(process.env.ONLY).test(p));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// A fresh context per visit: nothing cached, the visually impaired choice set before any script
// of the page runs, every request outside 127.0.0.1 recorded and refused.
async function open(path, { vi = null, width = 1280, height = 900, js = true, external, bytes, block } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    // A 204 answer cancels a navigation: the page that asked for it stays.
    if (url.pathname === block) return route.fulfill({ status: 204 });
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    external?.push(url.href);
    return route.abort();
  });
  await context.addInitScript(([key, value]) => {
    // Set once per visit, so that a reload shows what the page itself stored.
    if (value && !sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
    // What <html> carried when <body> was parsed, i.e. before the first paint.
    new MutationObserver((_, obs) => {
      if (document.body) {
        window.__atBody = document.documentElement.getAttribute('data-vi-scheme');
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
    window.print = () => { window.__printed = (window.__printed || 0) + 1; };
  }, ['vi-settings', vi ? JSON.stringify(vi) : null]);
  const page = await context.newPage();
  if (bytes) {
    page.on('response', async (r) => {
      if (['document', 'stylesheet', 'script'].includes(r.request().resourceType())) {
        const body = await r.body().catch(() => Buffer.alloc(0));
        bytes.total += body.length;
      }
    });
  }
  const response = await page.goto(origin + path, { waitUntil: 'load' });
  return { context, page, response };
}

async function axe(page, where) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'],
  }), TAGS);
  for (const v of result.violations) {
    for (const node of v.nodes) {
      fail(where, `axe ${v.id} (${v.impact}): ${v.help}\n    at ${node.target.join(' ')}\n    ${node.failureSummary.replace(/\n/g, '\n    ')}`);
    }
  }
  // axe leaves text it cannot measure as "incomplete" rather than failing it; text the same
  // colour as its background is one such case, and is invisible: it fails here.
  for (const v of result.incomplete) {
    for (const node of v.nodes) {
      const reasons = node.any.map((c) => c.data?.messageKey).filter(Boolean);
      if (process.env.DEBUG) console.log(where, v.id, reasons, node.target.join(" "));
      incomplete.set(`${v.id}:${reasons.join('+')}`, (incomplete.get(`${v.id}:${reasons.join('+')}`) || 0) + 1);
      if (v.id === 'color-contrast' && reasons.includes('equalRatio')) {
        fail(where, `axe color-contrast: text in the colour of its background\n    at ${node.target.join(' ')}`);
      }
    }
  }
  return result.violations.length;
}
const incomplete = new Map();

// Elements that stick out to the right of the viewport, other than inside a box that scrolls.
const overflow = (page) => page.evaluate(() => {
  const out = [];
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1) out.push(`page is ${document.documentElement.scrollWidth}px wide in ${vw}px`);
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1) continue;
    let p = el.parentElement;
    while (p && !['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) p = p.parentElement;
    if (!p) out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(r.right)}px`);
  }
  return out.slice(0, 5);
});

async function checkPage(path, mode) {
  const where = `${path} [${mode.name}]`;
  const external = [];
  const bytes = { total: 0 };
  const { context, page, response } = await open(path, { vi: mode.vi, external, bytes });
  const stats = { bytes: 0, violations: 0 };
  try {
    if (response.status() !== 200) fail(where, `status ${response.status()}`);
    const h1 = await page.locator('h1').count();
    if (h1 !== 1) fail(where, `${h1} h1 elements`);
    const lang = await page.getAttribute('html', 'lang');
    if (!path.startsWith(`${base}${lang}/`)) fail(where, `<html lang="${lang}">`);
    const tables = await page.evaluate(() => ({
      noScope: document.querySelectorAll('th:not([scope])').length,
      links: document.querySelectorAll('.links-table').length,
      captions: [...document.querySelectorAll('.links-table > caption')].filter((c) => c.textContent.trim()).length,
    }));
    if (tables.noScope) fail(where, `${tables.noScope} table header cells without scope`);
    if (tables.captions !== tables.links) fail(where, 'a links table without a caption');
    if (/\/\d{4}(-\d+)?\/$/.test(path) && !tables.links) fail(where, 'the analysis page has no links table');
    if (mode.vi) {
      const [atBody, now] = await page.evaluate(() => [window.__atBody, document.documentElement.getAttribute('data-vi-scheme')]);
      if (atBody !== mode.vi.scheme) fail(where, `before first paint the scheme was ${atBody}, not ${mode.vi.scheme}`);
      if (now !== mode.vi.scheme) fail(where, `the scheme is ${now}`);
      if (!(await page.isVisible('.vi-panel'))) fail(where, 'the settings panel is not shown');
    } else if (await page.isVisible('.vi-panel')) {
      fail(where, 'the settings panel is shown in the normal look');
    }
    if (!mode.vi) textWithJs.set(path, await mainText(page));
    stats.violations = await axe(page, where);
    stats.bytes = bytes.total;
    if (bytes.total > BUDGET) fail(where, `${bytes.total} bytes of HTML+CSS+JS (budget ${BUDGET})`);
    if (external.length) fail(where, `requests to other hosts: ${external.join(', ')}`);
    // Keyboard: the first Tab stop is the skip link, and it moves focus to <main>.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      return { href: a.getAttribute('href'), visible: r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth };
    });
    if (first.href !== '#main' || !first.visible) fail(where, `first Tab stop: ${JSON.stringify(first)}`);
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement.id);
    if (focused !== 'main') fail(where, `the skip link moved focus to "${focused}"`);
    // 200 % zoom of a 1280 px window, and a phone.
    for (const width of [640, 375]) {
      await page.setViewportSize({ width, height: 800 });
      for (const o of await overflow(page)) fail(where, `at ${width}px: ${o}`);
    }
  } finally {
    await context.close();
  }
  return stats;
}

// With JavaScript off the page is whole: the same text in <main>, and nothing that needs a script.
// The print button is the one thing only a script shows.
const mainText = (page) => page.evaluate(() => {
  const tools = [...document.querySelectorAll('.doc-tools')];
  tools.forEach((e) => { e.style.display = 'none'; });
  const text = document.querySelector('main').innerText;
  tools.forEach((e) => { e.style.display = ''; });
  return text;
});
const textWithJs = new Map();

async function checkWithoutJs(path) {
  const text = textWithJs.get(path);
  const { context, page } = await open(path, { js: false });
  try {
    for (const sel of ['.vi-toggle', '.vi-panel', '.print-btn']) {
      if (await page.isVisible(sel)) fail(`${path} [no JS]`, `${sel} is shown but needs JavaScript`);
    }
    if ((await mainText(page)) !== text) fail(`${path} [no JS]`, 'the text of <main> differs from the one with JavaScript');
  } finally {
    await context.close();
  }
}

// The version for the visually impaired by keyboard alone: switch on, choose, keep, switch off.
async function checkViToggle(path) {
  const where = `${path} [visually impaired switch]`;
  const { context, page } = await open(path);
  try {
    const toggle = page.locator('.vi-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') fail(where, 'the switch is not pressed after Enter');
    await page.locator('[data-vi-set="scheme=yb"]').focus();
    await page.keyboard.press('Space');
    await page.locator('[data-vi-set="size=3"]').focus();
    await page.keyboard.press('Enter');
    await page.reload();
    const kept = await page.evaluate(() => [window.__atBody, document.documentElement.getAttribute('data-vi-size')]);
    if (kept.join() !== 'yb,3') fail(where, `after a reload: scheme and size ${kept.join()}, not yb,3`);
    if ((await page.getAttribute('[data-vi-set="scheme=yb"]', 'aria-pressed')) !== 'true') fail(where, 'the chosen scheme is not marked pressed');
    await page.locator('.vi-off').focus();
    await page.keyboard.press('Enter');
    const off = await page.evaluate(() => [document.documentElement.hasAttribute('data-vi-scheme'), localStorage.getItem('vi-settings'), document.activeElement.className]);
    if (off[0] || off[1] !== null || off[2] !== 'vi-toggle') fail(where, `after "normal version": ${JSON.stringify(off)}`);
  } finally {
    await context.close();
  }
}

// The print button prints; the print styles make an A4 official document.
async function checkPrint(path, linksTable) {
  const where = `${path} [print]`;
  const { context, page } = await open(path);
  try {
    await page.locator('.print-btn').click();
    if ((await page.evaluate(() => window.__printed)) !== 1) fail(where, 'the print button did not print');
    // The width of A4 less its margins.
    await page.setViewportSize({ width: 660, height: 900 });
    await page.emulateMedia({ media: 'print' });
    const s = await page.evaluate(() => {
      const cs = (sel) => document.querySelector(sel) && getComputedStyle(document.querySelector(sel));
      const after = document.querySelector('.links-table a[data-url], .attachments a[data-url]');
      return {
        hidden: ['.topbar', '.breadcrumbs', '.site-footer', '.doc-tools', '.skip-link'].filter((x) => cs(x) && cs(x).display !== 'none'),
        org: cs('.org')?.display !== 'none' && cs('.org-other')?.display !== 'none',
        colour: [cs('body').color, cs('body').backgroundColor, cs('h1').color],
        // A row that fits in half a page is never cut; a longer one may be, or it would leave
        // most of a page blank when moved whole to the next. Heights depend on the fonts, so the
        // rows are measured with this machine's and again with the narrowest text any font can
        // make (every paragraph and item on one line): what readers' fonts give lies between.
        rows: [null, 'td, td * { letter-spacing: -1em !important; word-spacing: -1em !important; }'].every((narrow) => {
          const style = document.createElement('style');
          if (narrow) document.head.append(Object.assign(style, { textContent: narrow }));
          const ok = [...document.querySelectorAll('tr')].filter((tr) => tr.getBoundingClientRect().height < 480)
            .every((tr) => ['avoid', 'avoid-page'].includes(getComputedStyle(tr).breakInside));
          style.remove();
          return ok;
        }),
        borders: [...document.querySelectorAll('td, th')].every((c) => getComputedStyle(c).borderTopStyle === 'solid' && getComputedStyle(c).borderTopColor === 'rgb(0, 0, 0)'),
        tableLinks: [...document.querySelectorAll('.links-table td a')].map((a) => a.textContent + (getComputedStyle(a, '::after').content.replace(/^none$/, ''))),
        after: after ? getComputedStyle(after, '::after').content : null,
      };
    });
    if (s.hidden.length) fail(where, `shown on paper: ${s.hidden.join(', ')}`);
    if (!s.org) fail(where, 'the organisation is not in the printed header');
    if (s.colour.join() !== 'rgb(0, 0, 0),rgba(0, 0, 0, 0),rgb(0, 0, 0)' && s.colour.join() !== 'rgb(0, 0, 0),rgb(255, 255, 255),rgb(0, 0, 0)') fail(where, `colours on paper: ${s.colour.join(' / ')}`);
    if (!s.rows) fail(where, 'table rows shorter than half a page may be cut by a page break');
    if (!s.borders) fail(where, 'table cells have no black borders');
    if (linksTable) {
      const bad = s.tableLinks.filter((t) => !/https?:\/\//.test(t));
      if (!s.tableLinks.length || bad.length) fail(where, `links table addresses on paper: ${bad.join(', ') || 'no links'}`);
    }
  } finally {
    await context.close();
  }
}

async function screenshots(analysis, documentPath) {
  mkdirSync(shotDir, { recursive: true });
  for (const lang of ['kk', 'ru']) {
    const path = analysis.replace(`${base}kk/`, `${base}${lang}/`);
    for (const width of [375, 1280]) {
      const { context, page } = await open(path, { width, height: width === 375 ? 740 : 900 });
      await page.screenshot({ path: join(shotDir, `analysis-${lang}-${width}.png`), fullPage: true });
      await context.close();
    }
  }
  const vi = await open(analysis, { vi: MODES[3].vi, width: 1280 });
  await vi.page.screenshot({ path: join(shotDir, 'analysis-kk-1280-vi-yb.png') });
  await vi.context.close();
  const vi2 = await open(documentPath.replace(`${base}kk/`, `${base}ru/`), { vi: MODES[4].vi, width: 375, height: 740 });
  await vi2.page.screenshot({ path: join(shotDir, 'document-ru-375-vi-blue.png') });
  await vi2.context.close();
  for (const [name, path] of [['analysis-kk', analysis], ['document-kk', documentPath]]) {
    const { context, page } = await open(path);
    // The width of A4 less its margins.
    await page.setViewportSize({ width: 660, height: 900 });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(shotDir, `${name}.pdf`), format: 'A4', preferCSSPageSize: true });
    await context.close();
  }
}

// Two visits at a time: the machine has two cores.
async function pool(jobs, n = 2) {
  const results = [];
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }));
  return results;
}

try {
  const jobs = pages.flatMap((p) => MODES.map((m) => async () => ({ p, m: m.name, ...(await checkPage(p, m)) })));
  const results = await pool(jobs);
  await pool(pages.map((p) => () => checkWithoutJs(p)));
  const analyses = pages.filter((p) => /\/\d{4}(-\d+)?\/$/.test(p));
  const documents = pages.filter((p) => /\/\d{4}(-\d+)?\/[^/]+\/$/.test(p));
  if (!process.env.ONLY && (!analyses.length || !documents.length)) fail(siteDir, 'no analysis or no document page');
  await pool([...analyses.map((a) => () => checkPrint(a, true)), ...documents.map((d) => () => checkPrint(d, false))]);
  const analysis = analyses.find((p) => p.startsWith(`${base}kk/`)) ?? analyses[0];
  const documentPath = documents.find((p) => p.endsWith('/order/') && p.startsWith(`${base}kk/`)) ?? documents[0];
  if (documentPath) await checkViToggle(documentPath);

  // The root page sends visitors on without a script; the 404 page answers any other address.
  const target = readFileSync(join(siteDir, 'index.html'), 'utf8').match(/http-equiv="refresh" content="0; url=([^"]+)"/)?.[1];
  if (!target) fail(`${base} [root]`, 'no meta refresh');
  const root = await open(base, { js: false });
  await root.page.waitForURL(`${origin}${base}${target}`, { timeout: 5000 })
    .catch(() => fail(`${base} [root]`, `did not lead to ${target} but stayed at ${root.page.url()}`));
  await root.context.close();
  const stay = await open(base, { block: `${base}${target}` });
  await axe(stay.page, `${base} [root]`);
  await stay.context.close();
  for (const mode of [MODES[0], MODES[3]]) {
    const nf = await open(`${base}no/such/page/`, { vi: mode.vi });
    if (nf.response.status() !== 404) fail('404', `status ${nf.response.status()}`);
    if ((await nf.page.locator('h1').count()) !== 1) fail('404', 'not one h1');
    await axe(nf.page, `404 [${mode.name}]`);
    await nf.context.close();
  }
  if (analysis && documentPath) await screenshots(analysis, documentPath);

  const biggest = results.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  console.log(`${pages.length} pages × ${MODES.length} looks (${MODES.map((m) => m.name).join(', ')}): ${results.length} axe runs at ${TAGS.join(', ')}, ${results.reduce((n, r) => n + r.violations, 0)} rules violated`);
  console.log(`largest page: ${biggest.p} ${biggest.bytes} bytes of HTML+CSS+JS (budget ${BUDGET})`);
  for (const r of results.filter((r) => r.m === 'normal')) console.log(`  ${String(r.bytes).padStart(6)}  ${r.p}`);
  console.log(`axe could not decide (left to the screenshots): ${[...incomplete].map(([k, n]) => `${k} ×${n}`).join(', ') || 'nothing'}`);
  console.log(`screenshots and PDFs in ${shotDir}/`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.error(`\n${failures.length} problem(s):\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('accessibility, weight, keyboard, zoom, no-JS and print checks passed');
