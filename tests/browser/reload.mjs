// Opens a page of a running `ashyq serve` in headless Chromium, saves a change to the Markdown
// file behind it, and checks that the open page reloads by itself and shows the change.
// Usage: node tests/browser/reload.mjs URL FILE MARKER
import { chromium } from 'playwright-core';
import { appendFileSync } from 'node:fs';

const [url, file, marker] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  // The live reload script marks the page once its event stream is open.
  await page.waitForSelector('html[data-ashyq-live]', { state: 'attached', timeout: 10000 });
  if ((await page.content()).includes(marker)) throw new Error('the marker is there before the edit');
  await page.evaluate(() => { window.__notReloaded = true; });
  const loaded = page.waitForEvent('load', { timeout: 10000 });
  appendFileSync(file, `\n${marker}\n`);
  await loaded;
  const reloaded = await page.evaluate(() => window.__notReloaded === undefined);
  const shown = (await page.textContent('main')).includes(marker);
  if (!reloaded || !shown) throw new Error(`reloaded: ${reloaded}, change shown: ${shown}`);
  console.log('the open page reloaded and shows the change');
} finally {
  await browser.close();
}
