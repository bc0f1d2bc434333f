#!/usr/bin/env node
// Refreshes the README's screenshots from the production build: serves `dist/`,
// loads the example in a fresh headless Chromium, and captures the views.
// Usage: npm run build && node scripts/screenshot.mjs [outDir]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const outDir = process.argv[2] ?? 'docs';
mkdirSync(outDir, { recursive: true });

const server = await preview({ preview: { port: 0, strictPort: false } });
const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://localhost:4173';
const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(origin);
  await page.getByRole('button', { name: /^Load example/ }).click();
  await page.getByRole('img', { name: /^Intended vs perceived resolve/ }).waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('dashboard-ready').length > 0);
  await page.waitForTimeout(300);
  // Let the confirmation toast fade from the picture.
  await page.evaluate(() => document.querySelectorAll('[role="status"] > *').forEach((n) => n.remove()));
  await page.screenshot({ path: join(outDir, 'screenshot-dashboard.png'), fullPage: true });
  for (const view of process.argv.slice(3)) {
    await page.goto(`${origin}/#/${view}`);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(outDir, `screenshot-${view}.png`), fullPage: true });
  }
  console.log(`screenshots written to ${outDir}/`);
} finally {
  await browser.close();
  server.httpServer.close();
}
