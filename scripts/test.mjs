#!/usr/bin/env node
// `npm test`: every gate, in order, stopping at the first that fails. Arguments after
// `npm test --` go to `vitest run` (e.g. `npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** @type {Array<[title: string, command: string, args: string[]]>} */
const steps = [
  ['svelte-check', bin('svelte-check'), ['--fail-on-warnings', '--tsconfig', './tsconfig.json']],
  ['tsc (Node configs, scripts, unit and e2e tests)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['eslint', bin('eslint'), ['--max-warnings', '0', '.']],
  ['prettier --check', bin('prettier'), ['--check', '.']],
  ['vite build', bin('vite'), ['build']],
  // PRODUCT §9: the first page's JavaScript never silently grows past its budget.
  ['first page ≤ 140 KB gzip', process.execPath, [join(root, 'scripts', 'first-page.mjs'), '--dist', 'dist']],
  ['vitest run (unit, browser, e2e)', bin('vitest'), ['run', ...process.argv.slice(2)]],
];

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** @param {string} title */
const banner = (title) => console.log(`\n━━━ ${title} ━━━`);

/** @type {Array<[string, number]>} */
const timings = [];
const started = Date.now();

function summary() {
  console.log('\n━━━ timings ━━━');
  for (const [title, ms] of timings) console.log(`  ${seconds(ms).padStart(8)}  ${title}`);
  console.log(`  ${seconds(Date.now() - started).padStart(8)}  total`);
}

banner('Chromium');
let t = Date.now();
try {
  console.log(ensureChromium({ install: true }));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
timings.push(['Chromium', Date.now() - t]);

for (const [title, command, args] of steps) {
  banner(title);
  t = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  timings.push([title, Date.now() - t]);
  if (result.error) throw result.error;
  if (result.status !== 0) {
    summary();
    console.error(`\n✗ ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

summary();
console.log('\n✓ all gates passed');
