// The workspace in a real Chromium, as the methodologist goes through it, with the keyboard
// alone: open it from the printed address, see what the «Арай» analysis lacks, fix a field of the
// protocol, save, see the page change beside the form and the finding go, reopen a document that
// changed on disk meanwhile and see the conflict (nothing lost), start the 2027 analysis from its
// dates after seeing its schedule. axe-core (WCAG 2.1 AA) on every screen in Kazakh and Russian,
// no Content-Security-Policy violation, no request to another host, no sideways scrolling at a
// phone's width and at 200 % zoom.
// Usage: node tests/browser/workspace.mjs WORKSPACE_URL SITE_ROOT [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [address, root, shotDir = 'target/screenshots/workspace'] = process.argv.slice(2);
const origin = new URL(address).origin;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
mkdirSync(shotDir, { recursive: true });

const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const content = (rel) => join(root, 'content', rel);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
// Her computer speaks Russian: date fields read day, month, year.
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
const external = [];
await context.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'about:') return route.continue();
  external.push(url.href);
  return route.abort();
});
const page = await context.newPage();
const csp = [];
page.on('console', (m) => {
  if (/Content Security Policy|Refused to/i.test(m.text()) && !m.location().url.includes('/kk/') && !m.location().url.includes('/ru/')) csp.push(m.text());
});
page.on('dialog', (d) => d.accept());

async function axe(where) {
  // Through the browser's own evaluation, which the page's policy does not govern: the policy
  // itself is under test.
  await page.evaluate(axeSource);
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  for (const v of result.violations) {
    for (const node of v.nodes) fail(where, `axe ${v.id}: ${v.help} at ${node.target.join(' ')}`);
  }
}

// No sideways scrolling of the page at a phone's width and at 200 % zoom of 1280 px.
async function reflows(where) {
  for (const width of [640, 375]) {
    await page.setViewportSize({ width, height: 800 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (wide > 1) fail(where, `at ${width}px the page scrolls sideways by ${wide}px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Tab until `selector` has focus (at most 400 presses): the keyboard is the only way around.
async function tabTo(selector, where) {
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
  }
  const at = await page.evaluate(() => document.activeElement && (document.activeElement.tagName + '#' + document.activeElement.id));
  throw new Error(`${where}: Tab never reached ${selector} (focus is on ${at}, at ${page.url()})`);
}

async function typeInto(selector, text, where) {
  await tabTo(selector, where);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

// A screenshot for people, and the page's HTML for the Nu HTML Checker (scripts/test-all.sh).
async function screen(name) {
  await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: true });
  writeFileSync(join(shotDir, `${name}.html`), await page.content());
}

// Both languages of one screen: axe, reflow, a screenshot each.
async function bothLanguages(name, check) {
  for (const lang of ['kk', 'ru']) {
    await switchLanguage(lang);
    const where = `${name} [${lang}]`;
    if ((await page.getAttribute('html', 'lang')) !== lang) fail(where, 'the page is not in that language');
    await axe(where);
    await reflows(where);
    if (check) await check(where);
    await screen(`${name}-${lang}`);
  }
}

async function switchLanguage(lang) {
  if ((await page.getAttribute('html', 'lang')) === lang) return;
  await page.focus('body');
  await tabTo('#ws-ui-lang', 'language');
  await page.selectOption('#ws-ui-lang', lang);
  await tabTo('.ws-lang button', 'language');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

// 1. The printed address: the key is traded for the cookie and leaves the address bar.
await page.goto(address);
if (page.url() !== `${origin}/_ashyq/`) fail('open', `the address bar shows ${page.url()}`);
if ((await context.cookies()).some((c) => c.name.startsWith('ashyq_key') && !c.httpOnly)) fail('open', 'the cookie is readable by scripts');

// 2. What is due: the «Арай» findings and the documents' states.
await bothLanguages('status', async (where) => {
  if (!(await page.locator('li[data-rule="order-mismatch"]').count())) fail(where, 'the order-number finding is not shown');
  if ((await page.locator('td[data-kind="announcement"][data-state="record"]').count()) !== 2) fail(where, 'the announcement is not shown as known from a record in both languages');
});

// 3. A small correction: the protocol's order number and date, by keyboard, then saved.
await switchLanguage('kk');
await page.focus('body');
await tabTo('td[data-kind="protocol"][data-lang="kk"] a', 'status');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
if (!page.url().includes('/_ashyq/edit?path=2026%2Fprotocol.kk.md')) fail('edit', `opened ${page.url()}`);
await bothLanguages('edit');
await switchLanguage('kk');
const before = readFileSync(content('2026/protocol.kk.md'), 'utf8');
await page.focus('body');
// A date field is the browser's own control, its segments in the order of the system's locale:
// it is reached by Tab, and its value set whole.
await tabTo('#date', 'edit');
await page.fill('#date', '2026-04-02');
await typeInto('#order\\.number', '14', 'edit');
await tabTo('#order\\.date', 'edit');
await page.fill('#order\\.date', '2026-03-31');
// The live preview shows the new date before anything is saved.
await page.waitForFunction(() => document.getElementById('ws-frame').src.includes('/_ashyq/draft/'), null, { timeout: 10000 })
  .catch(() => fail('edit', 'the live preview never showed the text being typed'));
// The frame is sandboxed away from the workspace; the test reads it through the browser.
const frameShows = async (part, text) => {
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((fr) => fr.url().includes(part));
    if (f && (await f.content().catch(() => '')).includes(text)) return true;
    await page.waitForTimeout(100);
  }
  return false;
};
if (!(await frameShows('/_ashyq/draft/', '2026 жылғы 2 сәуір'))) fail('edit', 'the live preview does not show the new date');
if (readFileSync(content('2026/protocol.kk.md'), 'utf8') !== before) fail('edit', 'the file changed before it was saved');
await tabTo('button.ws-primary', 'edit');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
if (!(await page.isVisible('#ws-saved'))) fail('save', 'no "saved" notice');
const after = readFileSync(content('2026/protocol.kk.md'), 'utf8');
const changed = before.split('\n').map((l, i) => [l, after.split('\n')[i]]).filter(([a, b]) => a !== b);
if (changed.length !== 2 || !after.includes('order: {number: "14", date: 2026-03-31}') || !after.includes('date: 2026-04-02  # "1.04.2026 жыл"')) {
  fail('save', `the file changed in more than the two fields: ${JSON.stringify(changed)}`);
}
// The page beside the form, as saved (the preview rebuilds and the frame follows).
await screen('after-save');
await page.waitForFunction(() => {
  const f = document.getElementById('ws-frame');
  return f && !f.src.includes('/_ashyq/draft/');
}, null, { timeout: 10000 }).catch(() => fail('save', `no page beside the form after saving (${page.url()})`));
if (!(await frameShows('/kk/2026/protocol/', '2026 жылғы 2 сәуір'))) fail('save', 'the page beside the form does not show the saved date');
await screen('saved-kk');
// The finding about the protocol's order is gone from the first screen.
await page.goto(`${origin}/_ashyq/`);
// (The Russian protocol still cites order No 4-9: the finding stays, at that file alone.)
const stillThere = await page.locator('li[data-rule="order-mismatch"] a[href*="protocol.kk.md"]').count();
if (stillThere) fail('status', 'the Kazakh protocol\'s order finding is still shown after the fix');
if (!(await page.locator('li[data-rule="order-mismatch"] a[href*="protocol.ru.md"]').count())) fail('status', 'the Russian protocol\'s finding is gone too');

// 4. The first screen follows files changed by anyone: a place to fill in appears by itself.
const plan = content('2026/action-plan.ru.md');
writeFileSync(plan, readFileSync(plan, 'utf8') + '\n[[ЗАПОЛНИТЕ: подпись]]\n');
await page.waitForSelector('td[data-kind="action-plan"][data-lang="ru"][data-state="to-fill"]', { timeout: 10000 })
  .catch(() => fail('status', 'the first screen did not follow a file changed on disk'));

// 5. A conflict: the report changes on disk while its form is open; nothing is lost.
await page.goto(`${origin}/_ashyq/edit?path=2026%2Freport.ru.md`);
await page.focus('body');
await typeInto('#order\\.number', '1-ОД', 'conflict');
const report = content('2026/report.ru.md');
const disk = readFileSync(report, 'utf8').replace('\n---\n', '\n---\nДобавлено на диске.\n');
writeFileSync(report, disk);
await tabTo('button.ws-primary', 'conflict');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
if (!(await page.isVisible('.ws-conflict'))) fail('conflict', 'no conflict shown');
if ((await page.inputValue('#order\\.number')) !== '1-ОД') fail('conflict', 'what she typed is gone');
if (readFileSync(report, 'utf8') !== disk) fail('conflict', 'the file on disk was overwritten');
if (!(await page.inputValue('#body')).includes('Добавлено на диске.')) fail('conflict', 'the change on disk is not in the form');
await bothLanguages('conflict');
await switchLanguage('kk');
// After a language switch the page is the file's again; the conflict screen itself is what was checked.

// 6. The signed scan, dropped onto the order's page: listed on both languages' pages.
await page.goto(`${origin}/_ashyq/edit?path=2026%2Forder.kk.md`);
await Promise.all([page.waitForNavigation(), page.evaluate(() => {
  const pdf = new File(['%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'], 'Бұйрық №14 (қол қойылған).pdf', { type: 'application/pdf' });
  const data = new DataTransfer();
  data.items.add(pdf);
  document.getElementById('ws-attach-title-kk').value = 'Қол қойылған бұйрық';
  document.getElementById('ws-attach-title-ru').value = 'Подписанный приказ';
  document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
})]);
if (!(await page.isVisible('#ws-notice'))) fail('attach', 'no notice that the file was attached');
if (!existsSync(content('2026/files/Бұйрық №14 (қол қойылған).pdf'))) fail('attach', 'the file is not in files/');
await bothLanguages('attached');
for (const [lang, title] of [['kk', 'Қол қойылған бұйрық'], ['ru', 'Подписанный приказ']]) {
  let listed = false;
  for (let i = 0; i < 50 && !listed; i++) {
    const html = await (await page.request.get(`${origin}/${lang}/2026/order/`)).text();
    listed = html.includes(`>${title}</a>`);
    if (!listed) await page.waitForTimeout(100);
  }
  if (!listed) fail('attach', `the ${lang} page does not list the signed order`);
}

// 7. The order from Word, dropped onto the analysis: its form and page, then saved.
await page.goto(`${origin}/_ashyq/`);
const docx = readFileSync(new URL('../fixtures/docx/order.docx', import.meta.url)).toString('base64');
await Promise.all([page.waitForNavigation(), page.evaluate((b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const file = new File([bytes], 'Бұйрық №14.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  const data = new DataTransfer();
  data.items.add(file);
  const target = document.querySelector('.ws-analysis h2');
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
}, docx)]);
if (!(await page.isVisible('#ws-notice'))) fail('import', 'no notice that the text comes from the Word file');
if ((await page.inputValue('#number')) !== '14') fail('import', 'the order\'s number was not recognised into its field');
if (!(await frameShows('/_ashyq/draft/kk/2026/order/', 'БҰЙРЫҚ'))) fail('import', 'the page as it will look is not shown');
// …in the site's theme: the sandboxed draft takes its stylesheet from the preview.
const themed = await page.frames().find((f) => f.url().includes('/_ashyq/draft/'))
  ?.evaluate(() => getComputedStyle(document.querySelector('.topbar')).backgroundColor).catch(() => '');
if (!themed || themed === 'rgba(0, 0, 0, 0)') fail('import', `the page beside the form is not in the site's theme (${themed})`);
await axe('import [kk]');
await reflows('import [kk]');
await screen('import-kk');
await page.focus('body');
await tabTo('button.ws-primary', 'import');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
if (!(await page.isVisible('#ws-saved'))) fail('import', 'the imported order was not saved');

// 8. Publish. A place still to fill in (step 4 left one) stops it, with a link to its place.
await page.goto(`${origin}/_ashyq/`);
await page.focus('body');
await tabTo('a[href="/_ashyq/publish"]', 'publish');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
if (!(await page.locator('#ws-errors li[data-rule="fill-in"] a[href*="action-plan.ru.md"]').count())) fail('publish', 'a place to fill in does not stop publishing, or has no link to it');
await bothLanguages('publish-refused');
writeFileSync(plan, readFileSync(plan, 'utf8').replace('\n[[ЗАПОЛНИТЕ: подпись]]\n', ''));
await page.goto(`${origin}/_ashyq/publish`);
const password = process.env.ASHYQ_TEST_PUBLISH_PASSWORD;
if (password) {
  if (!(await page.isVisible('.ws-plan'))) fail('publish', 'no plan of what will change');
  await bothLanguages('publish');
  // A wrong password: said plainly, nothing published.
  await page.focus('body');
  await tabTo('#password', 'publish');
  await page.keyboard.type('not-the-password');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.waitForSelector('#ws-publish-failed', { timeout: 60000 }).catch(() => fail('publish', 'a wrong password gave no clear failure'));
  await screen('publish-wrong-password');
  await page.goto(`${origin}/_ashyq/publish`);
  await page.focus('body');
  await tabTo('#password', 'publish');
  await page.keyboard.type(password);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.waitForSelector('#ws-published', { timeout: 120000 }).catch(() => fail('publish', 'publishing did not end with the site\'s address'));
  const lines = await page.locator('#ws-progress li').count();
  if (lines < 5) fail('publish', `only ${lines} lines of progress`);
  if (!(await page.locator('#ws-published').textContent()).includes('arai-bbaksha.kz')) fail('publish', 'the end does not give the site\'s address');
  await axe('published');
  await screen('published');
} else {
  if (!(await page.isVisible('a[href="/_ashyq/package"]'))) fail('publish', 'without a hosting address the zip is not offered');
}
// The zip, as a download.
await page.goto(`${origin}/_ashyq/publish`);
const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/_ashyq/package"]')]);
const zipPath = join(shotDir, 'site.zip');
await download.saveAs(zipPath);
const zip = readFileSync(zipPath);
if (zip.subarray(0, 4).toString('binary') !== 'PK\x03\x04' || !zip.includes(Buffer.from('kk/2026/order/index.html'))) fail('zip', 'the download is not the site\'s zip');
if (!/\.zip$/.test(download.suggestedFilename())) fail('zip', `named ${download.suggestedFilename()}`);

// 9. Next year: the schedule first, then the documents.
await page.goto(`${origin}/_ashyq/`);
await page.focus('body');
await tabTo('a[href="/_ashyq/new-analysis"]', 'next');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
await typeInto('#year', '2027', 'next');
await tabTo('#start', 'next');
await page.fill('#start', '2027-01-11');
await tabTo('#end', 'next');
await page.fill('#end', '2027-02-19');
await tabTo('button[name="show"]', 'next');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
const schedule = await page.locator('.ws-schedule').textContent().catch(() => '');
if (!schedule.includes('18.12.2026')) fail('next', `the schedule does not show the announcement's date: ${schedule}`);
if (existsSync(content('2027'))) fail('next', 'something was written before the schedule was confirmed');
await bothLanguages('new-analysis', async (where) => {
  if (!(await page.isVisible('.ws-schedule'))) fail(where, 'no schedule');
});
await switchLanguage('kk');
if (!(await page.isVisible('.ws-schedule'))) fail('next', 'the schedule is gone after a change of language');
await page.focus('body');
await tabTo('button[name="make"]', 'next');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
if (!existsSync(content('2027/order.kk.md'))) fail('next', 'the 2027 analysis was not made');
if (!page.url().startsWith(`${origin}/_ashyq/`)) fail('next', `ended at ${page.url()}`);
await page.waitForSelector('#ws-status h2', { timeout: 10000 });
if (!(await page.locator('#ws-status h2').first().textContent()).includes('2027')) fail('next', 'the 2027 analysis is not listed first');
await bothLanguages('status-2027');

if (external.length) fail('all', `requests to other hosts: ${external.join(', ')}`);
if (csp.length) fail('all', `Content-Security-Policy violations: ${csp.join(' | ')}`);
// The event streams the pages keep open can hold a closing browser up: it is given five seconds.
await Promise.race([browser.close(), new Promise((done) => setTimeout(done, 5000))]);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log('workspace: the whole flow by keyboard, axe 0 violations on every screen in kk and ru');
appendFileSync(join(shotDir, 'done.txt'), `${new Date().toISOString()}\n`);
process.exit(0);
