// The numerators: the production build driven as an analyst drives it, timed in
// the page itself (performance.now, performance marks), so that Playwright's
// polling never adds to a figure.

import { gzipSync } from 'node:zlib';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ start: number, end: number, failure: string, previewAt: number, confirmAt: number }} ImportClock */
/** @typedef {{ __import: ImportClock, __saveAt: number }} AppGlobals */

/** Long enough for the slowest figure on a busy two-core machine, short enough to fail a stuck run. */
const TIMEOUT = 180_000;

/** @param {Page} page */
function readyCount(page) {
  return page.evaluate(() => performance.getEntriesByName('dashboard-ready').length);
}

/**
 * Waits for the `n`th `dashboard-ready` mark (0-based) and returns its time
 * since navigation start.
 * @param {Page} page
 * @param {number} n
 */
async function readyAt(page, n) {
  await page.waitForFunction((n) => performance.getEntriesByName('dashboard-ready').length > n, n, {
    timeout: TIMEOUT,
    polling: 20,
  });
  return page.evaluate((n) => performance.getEntriesByName('dashboard-ready')[n].startTime, n);
}

/**
 * How many signals the dashboard's chart says it draws (its accessible name
 * counts them): a check that a figure measured the dyad it meant to.
 * @param {Page} page
 */
async function chartedCount(page) {
  const label = await page
    .getByRole('img', { name: /^Intended vs perceived resolve/ })
    .getAttribute('aria-label');
  const match = /, (\d+) signals? from/.exec(label ?? '');
  return match ? Number(match[1]) : 0;
}

/**
 * @param {string} origin
 * @param {string} senderId
 * @param {string} receiverId
 */
export function dashboardUrl(origin, senderId, receiverId) {
  return `${origin}/#/dashboard?s=${encodeURIComponent(senderId)}&r=${encodeURIComponent(receiverId)}`;
}

/**
 * Imports a JSON backup through the Data view: from the file input's change
 * event to the `Imported …` status, less the preview's wait for confirmation
 * (confirmed at once). The database should be empty.
 * @param {BrowserContext} context
 * @param {string} origin
 * @param {string} file path of the backup
 * @returns {Promise<{ ms: number, status: string }>}
 */
export async function importBackup(context, origin, file) {
  const page = await context.newPage();
  await page.bringToFront();
  try {
    await page.goto(`${origin}/#/data`);
    const input = page.getByLabel('Import file', { exact: true });
    await input.waitFor({ state: 'attached', timeout: TIMEOUT });
    await page.waitForFunction(
      () => !(/** @type {HTMLInputElement | null} */ (document.querySelector('input[type=file]'))?.disabled),
    );
    await page.evaluate(() => {
      const g = /** @type {AppGlobals} */ (/** @type {unknown} */ (window));
      const clock = (g.__import = { start: 0, end: 0, failure: '', previewAt: 0, confirmAt: 0 });
      document.addEventListener('change', () => (clock.start ||= performance.now()), { capture: true });
      const main = document.querySelector('main') ?? document.body;
      new MutationObserver(() => {
        if (clock.end || clock.failure) return;
        for (const node of main.querySelectorAll('[role="status"], [role="alert"]')) {
          const text = node.textContent?.trim() ?? '';
          if (node.getAttribute('role') === 'status' && text.startsWith('Imported'))
            clock.end = performance.now();
          else if (
            node.getAttribute('role') === 'status' &&
            text.includes('ready to import') &&
            !clock.previewAt
          ) {
            // The checked backup waits for the analyst: confirm at once, and leave
            // the wait out of the figure (the time from preview to click).
            clock.previewAt = performance.now();
            const confirm = [...main.querySelectorAll('button')].find((b) =>
              /^Import [\d,]+ signals?$/.test(b.textContent?.trim() ?? ''),
            );
            clock.confirmAt = performance.now();
            confirm?.click();
          } else if (node.getAttribute('role') === 'alert' && text) clock.failure = text;
        }
      }).observe(main, { subtree: true, childList: true, characterData: true });
    });
    await input.setInputFiles(file);
    await page.waitForFunction(
      () => {
        const { __import: clock } = /** @type {AppGlobals} */ (/** @type {unknown} */ (window));
        return clock.end > 0 || clock.failure !== '';
      },
      null,
      { timeout: TIMEOUT, polling: 50 },
    );
    const clock = await page.evaluate(
      () => /** @type {AppGlobals} */ (/** @type {unknown} */ (window)).__import,
    );
    if (clock.failure) throw new Error(`the import failed: ${clock.failure}`);
    const status = await page
      .getByRole('status')
      .filter({ hasText: /^\s*Imported/ })
      .first()
      .innerText();
    const waited = clock.confirmAt - clock.previewAt;
    return { ms: clock.end - clock.start - waited, status: status.trim() };
  } finally {
    await page.close();
  }
}

/**
 * @typedef {object} ColdOpen
 * @property {Page} page the dashboard, still open
 * @property {number} ms navigation start → the first `dashboard-ready`
 * @property {number} charted signals the chart draws
 * @property {{ url: string, bytes: number, gzipBytes: number }[]} scripts every script the page loaded (when asked)
 */

/**
 * Opens the dashboard on a dyad in a new page: navigation start → the first
 * `dashboard-ready` mark (the chart has drawn the dyad's signals).
 * @param {BrowserContext} context
 * @param {string} url
 * @param {{ scripts?: boolean, settleMs?: number, idle?: boolean, ready?: boolean }} [options] `scripts`: record and
 *   gzip every script loaded until `settleMs` after ready, or, with `idle`, until the network has been quiet
 *   (a count of bytes that does not depend on how fast the machine is); `ready: false`: return once the app is
 *   up, without waiting for a chart
 * @returns {Promise<ColdOpen>}
 */
export async function coldOpen(context, url, options = {}) {
  const page = await context.newPage();
  await page.bringToFront();
  /** @type {import('playwright-core').Response[]} */
  const responses = [];
  /** @type {Set<import('playwright-core').Request>} */
  const pending = new Set();
  let lastActivity = Date.now();
  if (options.scripts) {
    page.on('request', (request) => {
      pending.add(request);
      lastActivity = Date.now();
    });
    /** @param {import('playwright-core').Request} request */
    const settled = (request) => {
      pending.delete(request);
      lastActivity = Date.now();
    };
    page.on('requestfinished', settled);
    page.on('requestfailed', settled);
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type === 'script' || /\.m?js(\?|$)/.test(response.url())) responses.push(response);
    });
  }
  await page.goto(url);
  let ms = 0;
  let charted = 0;
  if (options.ready === false) {
    await page.getByRole('button', { name: 'Log signal' }).waitFor({ timeout: TIMEOUT });
    if (!options.scripts) return { page, ms, charted, scripts: [] };
  } else {
    ms = await readyAt(page, 0);
    charted = await chartedCount(page);
  }
  /** @type {ColdOpen['scripts']} */
  const scripts = [];
  if (options.scripts) {
    // Whatever the page fetches by itself once drawn counts too: no interaction.
    if (options.idle) {
      // Quiet means no request in flight for a while, measured from the last one,
      // so a slow machine waits longer instead of counting less.
      const quietMs = options.settleMs ?? 1500;
      while (pending.size > 0 || Date.now() - lastActivity < quietMs) await page.waitForTimeout(100);
    } else await page.waitForTimeout(options.settleMs ?? 1500);
    for (const response of responses) {
      const body = await response.body();
      scripts.push({
        url: new URL(response.url()).pathname,
        bytes: body.length,
        gzipBytes: gzipSync(body).length,
      });
    }
  }
  return { page, ms, charted, scripts };
}

/**
 * The JS heap of a page after a full garbage collection, in MB (2^20 bytes).
 * @param {Page} page
 */
export async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  } finally {
    await cdp.detach();
  }
}

/**
 * Logs one signal into the open dyad through the form, as an analyst would:
 * from the click on `Save signal` to the next `dashboard-ready`.
 * @param {Page} page a dashboard with the dyad open and drawn
 * @param {{ date: string, title: string, sender: string, receiver: string, intended: number, perceived: number }} signal
 * @returns {Promise<{ ms: number, charted: number }>}
 */
export async function saveSignal(page, signal) {
  await page.getByRole('button', { name: 'Log signal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  /** @param {string} label */
  const field = (label) => dialog.getByLabel(label, { exact: true });
  await field('Date').fill(signal.date);
  await field('Sender').selectOption({ label: signal.sender });
  await field('Receiver').selectOption({ label: signal.receiver });
  await field('Title').fill(signal.title);
  await field('Intended resolve').fill(String(signal.intended));
  await field('Perceived resolve').fill(String(signal.perceived));
  // Let the form's live gap preview settle before the clock starts.
  await page.waitForTimeout(200);
  const before = await readyCount(page);
  await page.evaluate(() => {
    const g = /** @type {AppGlobals} */ (/** @type {unknown} */ (window));
    g.__saveAt = 0;
    document.addEventListener('click', () => (g.__saveAt = performance.now()), { capture: true, once: true });
  });
  await dialog.getByRole('button', { name: 'Save signal' }).click();
  const end = await readyAt(page, before);
  const start = await page.evaluate(
    () => /** @type {AppGlobals} */ (/** @type {unknown} */ (window)).__saveAt,
  );
  await dialog.waitFor({ state: 'hidden' });
  return { ms: end - start, charted: await chartedCount(page) };
}
