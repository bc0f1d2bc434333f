#!/usr/bin/env node
// The first page's JavaScript (PRODUCT §9, `initial_js_gzip_kb`), measured as the
// benchmark measures it (bench/app.mjs: every script the dashboard page loads by
// itself, each gzipped by zlib at its default level), on the production build, twice:
// with no data (the first visit) and with the example loaded (a dyad drawn).
//
// Unlike the benchmark's 1.5 s window, it waits until the network has been quiet
// after the page is up: on a busy machine a chunk fetched late would otherwise drop
// out of the count, and the gate must count bytes, not race a clock.
//
// CLI: `node scripts/first-page.mjs [--dist DIR] [--budget KB]`: without --dist it
// builds into a temporary directory first. Exits 1 when either page exceeds the budget.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { coldOpen } from '../bench/app.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

/** PRODUCT §9: the first page's JavaScript, gzipped, is at most this many KB. */
export const BUDGET_KB = 140;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} origin
 * @param {boolean} example load the example first, then measure a fresh page on its dyad
 */
async function measure(browser, origin, example) {
  // A context of its own: an empty database, no service worker, nothing cached.
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  try {
    if (example) {
      const page = await context.newPage();
      await page.goto(`${origin}/#/dashboard`);
      await page.getByRole('button', { name: /^Load example/ }).click();
      await page.waitForFunction(() => performance.getEntriesByName('dashboard-ready').length > 0);
      await page.close();
      // The service worker the first visit installed would answer the next page's
      // requests from its cache; it is unregistered so each script is fetched.
      for (const worker of context.serviceWorkers())
        await worker.evaluate(() =>
          /** @type {{ registration: ServiceWorkerRegistration }} */ (
            /** @type {unknown} */ (self)
          ).registration.unregister(),
        );
    }
    const open = await coldOpen(context, `${origin}/#/dashboard`, {
      scripts: true,
      idle: true,
      ready: example,
    });
    if (example && open.charted === 0) throw new Error('the example dashboard drew no signals');
    return open.scripts;
  } finally {
    await context.close();
  }
}

/**
 * @param {{ dist?: string }} [options]
 * @returns {Promise<{ empty: Awaited<ReturnType<typeof measure>>, example: Awaited<ReturnType<typeof measure>> }>}
 */
export async function firstPage(options = {}) {
  let outDir = options.dist ? resolve(options.dist) : '';
  let work = '';
  if (!outDir) {
    work = mkdtempSync(join(tmpdir(), 'parallax-first-page-'));
    outDir = join(work, 'dist');
    await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  try {
    const address = server.httpServer.address();
    if (!address || typeof address === 'string') throw new Error('vite preview did not start listening');
    const origin = `http://127.0.0.1:${address.port}`;
    return { empty: await measure(browser, origin, false), example: await measure(browser, origin, true) };
  } finally {
    await browser.close();
    await server.close();
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

/** @param {{ gzipBytes: number }[]} scripts */
const kb = (scripts) => scripts.reduce((sum, s) => sum + s.gzipBytes, 0) / 1024;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { dist: { type: 'string' }, budget: { type: 'string' } } });
  const budget = values.budget ? Number(values.budget) : BUDGET_KB;
  const pages = await firstPage({ dist: values.dist });
  let over = false;
  for (const [name, scripts] of Object.entries(pages)) {
    const total = kb(scripts);
    console.log(
      `\n${name === 'empty' ? 'no data' : 'example loaded'}: ${total.toFixed(2)} KB gzip (budget ${budget} KB)`,
    );
    for (const s of [...scripts].sort((x, y) => y.gzipBytes - x.gzipBytes))
      console.log(`  ${(s.gzipBytes / 1024).toFixed(2).padStart(7)} KB  ${s.url}`);
    if (total > budget) {
      over = true;
      console.error(
        `✗ the first page with ${name === 'empty' ? 'no data' : 'the example'} carries ${total.toFixed(2)} KB of gzipped JavaScript, over the ${budget} KB budget (PRODUCT §9).`,
      );
    }
  }
  process.exit(over ? 1 : 0);
}
