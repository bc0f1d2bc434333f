#!/usr/bin/env node
// The README's screenshots, from the production build: serves `dist/`, loads the
// example in a fresh headless Chromium, merges a second analyst's scores of it (so
// the pictures show a team: the spread bands, the Analysts and Spread columns, the
// agreement), and captures the Dashboard, Signals, Compare and the signal form, in
// the light and the dark theme, and the Compare view's mirror cropped to where each
// gap comes from (light).
// Usage: `npm run screenshots` (builds first), or after a build:
//   node scripts/screenshot.mjs [outDir] [--width=1400] [--height=900]
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const args = process.argv.slice(2);
/** @param {string} name @param {number} fallback */
const option = (name, fallback) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
};
const outDir = args.find((a) => !a.startsWith('--')) ?? join('docs', 'screenshots');
const viewport = { width: option('width', 1400), height: option('height', 900) };
mkdirSync(outDir, { recursive: true });

/** @typedef {import('playwright-core').Page} Page */

/**
 * Waits until the dashboard chart has drawn fresh data more often than `before`.
 * @param {Page} page
 */
function dashboardReady(page, before = 0) {
  return page.waitForFunction(
    (/** @type {number} */ n) => performance.getEntriesByName('dashboard-ready').length > n,
    before,
  );
}

/**
 * Takes confirmations off the picture: they belong to the moment, not to the view.
 * @param {Page} page
 */
function clearNotices(page) {
  return page.evaluate(() =>
    document.querySelectorAll('[role="status"] > .notice').forEach((n) => n.remove()),
  );
}

/**
 * Waits until no chart is still to draw: every canvas has a size and two animation frames have passed.
 * @param {Page} page
 */
async function settled(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('canvas')].every((c) => c.width > 0));
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/**
 * A second analyst's reading of the example, as a colleague's backup would bring
 * it: the app's own export with a second analyst whose scores differ from the
 * example's by a fixed, varied few points, merged through the Data view.
 * @param {Page} page
 */
async function addSecondAnalyst(page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Data', exact: true }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON', exact: true }).click(),
  ]);
  const backup = JSON.parse(readFileSync(await file.path(), 'utf8'));
  const stamp = new Date().toISOString();
  const second = { id: randomUUID(), name: 'Second reader', createdAt: stamp, updatedAt: stamp };
  /** @param {number} v @param {number} k */
  const nudge = (v, k) => Math.max(0, Math.min(100, v + (((k * 7) % 21) - 10)));
  backup.analysts.push(second);
  backup.assessments.push(
    ...backup.assessments.map((/** @type {any} */ a, /** @type {number} */ k) => ({
      ...a,
      id: randomUUID(),
      analystId: second.id,
      intended: nudge(a.intended, k),
      displayed: a.displayed === null ? null : nudge(a.displayed, k + 3),
      perceived: nudge(a.perceived, k + 5),
      rationale: '',
      createdAt: stamp,
      updatedAt: stamp,
      ancestors: undefined,
    })),
  );
  await page.getByLabel('Import file', { exact: true }).setInputFiles({
    name: 'second-reader.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  await page.getByRole('button', { name: /^Import [\d,]+ signals?$/ }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Imported/ })
    .first()
    .waitFor();
}

/**
 * The Compare view's mirror cropped to its head and its two sides (the plane
 * below them left out): each side's signalling and reading gaps, and the
 * sentence that says where its gap comes from.
 * @param {Page} page
 * @param {string} path
 */
async function decomposition(page, path) {
  const mirror = page.getByRole('region', { name: 'Mirror', exact: true });
  const sides = mirror.getByRole('region').filter({ hasText: 'Signalling gap' });
  await sides
    .first()
    .getByText(/^Of .+ comes from what .+ showed and .+ from how .+ read it/)
    .waitFor();
  // From the top, so that the boxes are the page's own coordinates and the
  // sticky top bar stays at the top, off the crop.
  await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  const card = await mirror.boundingBox();
  const boxes = await Promise.all((await sides.all()).map((side) => side.boundingBox()));
  if (!card || boxes.some((b) => !b)) throw new Error('the mirror is not on the page');
  const bottom = Math.max(...boxes.map((b) => (b ? b.y + b.height : 0)));
  // A margin of the card's own padding around the sides.
  const pad = 12;
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: card.x, y: card.y, width: card.width, height: bottom - card.y + pad },
  });
  written.push(path);
}

const server = await preview({ preview: { port: 0, strictPort: false } });
const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://localhost:4173';
const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
/** @type {string[]} */
const written = [];
try {
  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: scheme });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    /** @param {string} name */
    const shot = async (name, fullPage = true) => {
      await settled(page);
      await clearNotices(page);
      // From the top, so the sticky top bar sits where the analyst sees it.
      await page.evaluate(() => window.scrollTo(0, 0));
      const path = join(outDir, `${name}-${scheme}.png`);
      await page.screenshot({ path, fullPage });
      written.push(path);
    };

    await page.goto(origin);
    await page.getByRole('button', { name: /^Load example/ }).click();
    await dashboardReady(page);
    await addSecondAnalyst(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('img', { name: /^Intended vs perceived resolve/ }).waitFor();
    await shot('dashboard');

    await page.getByRole('navigation').getByRole('link', { name: 'Signals', exact: true }).click();
    await page.getByRole('table').first().locator('tbody tr').first().waitFor();
    await shot('signals', false);

    await page.getByRole('navigation').getByRole('link', { name: 'Compare', exact: true }).click();
    await page.getByRole('table').first().locator('tbody tr').first().waitFor();
    await shot('compare');
    // The README's "Where a gap comes from": the mirror's two sides, whose
    // signalling and reading gaps and sentences split each dyad's gap in two.
    if (scheme === 'light') await decomposition(page, join(outDir, 'decomposition-light.png'));

    // The form as an analyst opens it to log the next signal of the dyad on screen.
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('img', { name: /^Intended vs perceived resolve/ }).waitFor();
    await page.getByRole('button', { name: 'Log signal' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Title', { exact: true }).fill('Khamenei: the strike was “a slap in the face”');
    await dialog.getByLabel('Kind', { exact: true }).selectOption('statement');
    await dialog.getByLabel('Intended resolve', { exact: true }).fill('45');
    await dialog.getByLabel('Perceived resolve', { exact: true }).fill('30');
    await shot('signal-form', false);
    await context.close();
  }
  console.log(`screenshots written:\n  ${written.join('\n  ')}`);
} finally {
  await browser.close();
  server.httpServer.close();
}
