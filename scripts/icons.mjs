#!/usr/bin/env node
// Renders the app's PNG icons from their SVG sources in public/, with the same
// Chromium the tests use. The PNGs are committed (a few kB); run this again after
// changing an SVG: `node scripts/icons.mjs`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const PUBLIC = fileURLToPath(new URL('../public/', import.meta.url));

/** @type {Array<[source: string, target: string, size: number]>} */
const ICONS = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
];

const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
try {
  for (const [source, target, size] of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const svg = readFileSync(join(PUBLIC, source), 'utf8');
    const html = `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`;
    await page.setContent(html);
    await page.screenshot({ path: join(PUBLIC, target), omitBackground: true });
    await page.close();
    console.log(`public/${target} (${size}×${size}) from public/${source}`);
  }
} finally {
  await browser.close();
}
