// The double-click start's first screen in a real Chromium, with the keyboard alone: open it from
// the printed address, check it with axe-core (WCAG 2.1 AA) in Kazakh and Russian, at a phone's
// width and at 200 % zoom, send it with a wrong address and see the error at its field (what was
// typed kept), then correct it and arrive at the new site's workspace. Its HTML is kept for the
// Nu HTML Checker (scripts/test-all.sh).
// Usage: node tests/browser/welcome.mjs WORKSPACE_URL [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [address, shotDir = 'target/screenshots/workspace'] = process.argv.slice(2);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
mkdirSync(shotDir, { recursive: true });
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'kk-KZ' });
await context.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'about:') return route.continue();
  fail('requests', `a request to another host: ${url.href}`);
  return route.abort();
});
const page = await context.newPage();
page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) fail('policy', m.text()); });

async function check(where) {
  await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  for (const v of result.violations) for (const n of v.nodes) fail(where, `axe ${v.id}: ${v.help} at ${n.target.join(' ')}`);
  for (const width of [640, 375]) {
    await page.setViewportSize({ width, height: 800 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (wide > 1) fail(where, `at ${width}px the page scrolls sideways by ${wide}px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  writeFileSync(join(shotDir, `${where}.html`), await page.content());
  await page.screenshot({ path: join(shotDir, `${where}.png`), fullPage: true });
}

async function tabTo(selector, where) {
  for (let i = 0; i < 100; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
  }
  throw new Error(`${where}: Tab never reached ${selector}`);
}

async function fill(values, where) {
  for (const [name, value] of Object.entries(values)) {
    await tabTo(`#${name}`, where);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(value);
  }
}

try {
  await page.goto(address);
  if (!(await page.locator('form[action="/_ashyq/new-site"]').count())) throw new Error(`no first screen at ${page.url()}`);
  for (const lang of ['kk', 'ru']) {
    await tabTo('#ws-ui-lang', 'language');
    await page.selectOption('#ws-ui-lang', lang);
    await tabTo('.ws-lang button', 'language');
    // The choice reloads the page: wait for the new one, not the load state of the old.
    await Promise.all([page.waitForNavigation({ timeout: 15000 }).catch(() => {}), page.keyboard.press('Enter')]);
    await page.waitForLoadState();
    if ((await page.getAttribute('html', 'lang')) !== lang) fail('language', `the page did not turn to ${lang}`);
    await check(`welcome-${lang}`);
  }

  const values = {
    title_kk: '«Арай» балабақшасы', title_ru: 'Детский сад «Арай»',
    name_kk: '«Арай» бөбекжай-бақшасы МКҚК', name_ru: 'ГККП «Ясли-сад «Арай»»', base_url: 'https://арай.kz',
  };
  // The address without its https://, as she may well type it: refused at its field, nothing lost.
  await fill({ ...values, base_url: 'arai-bbaksha.kz' }, 'wrong address');
  await page.keyboard.press('Enter');
  await page.waitForLoadState();
  const error = await page.locator('#e-base_url').textContent().catch(() => null);
  if (!error) fail('wrong address', `no error at the address field (at ${page.url()})`);
  if ((await page.inputValue('#title_kk')) !== values.title_kk) fail('wrong address', 'what she typed is lost');
  if ((await page.getAttribute('#base_url', 'aria-invalid')) !== 'true') fail('wrong address', 'the field is not marked invalid');
  await check('welcome-errors');

  await fill({ base_url: 'https://arai-bbaksha.kz/anticorruption/' }, 'right address');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/_ashyq/', { timeout: 60000 });
  await page.waitForLoadState();
  if (await page.locator('form[action="/_ashyq/new-site"]').count()) fail('made', 'still the first screen');
  const title = await page.locator('.ws-site').textContent();
  if (!title.includes('Детский сад «Арай»')) fail('made', `the workspace does not name the new site: ${title}`);
} catch (e) {
  fail('run', e.stack || String(e));
}
await browser.close();
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('the first screen: 3 screens checked, the site made');
