#!/usr/bin/env node
// Where the tests and the benchmark find Chromium. Playwright cannot download its own
// browser here, so every harness drives Debian's `chromium` (or CHROME_PATH) instead.
//
// CLI: `node scripts/chromium.mjs --check` exits non-zero with advice when Chromium is
// missing; `--ensure` installs Debian's package first when running as root.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium in a container: no sandbox (we run as root in CI),
 * no GPU, and nothing that phones home, so the only network traffic is the app's.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** @returns {string} the Chromium executable: `CHROME_PATH` if set, else Debian's. */
export function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH?.trim();
  return fromEnv ? fromEnv : DEFAULT_CHROMIUM;
}

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} command */
function run(command) {
  console.log(`$ ${command}`);
  const result = spawnSync('bash', ['-c', command], { stdio: 'inherit' });
  return result.status === 0;
}

/**
 * Finds Chromium, installing Debian's package when allowed to.
 * @param {{ install: boolean }} options
 * @returns {string} the executable's path
 */
export function ensureChromium({ install }) {
  const path = chromiumPath();
  if (isExecutable(path)) return path;

  const canInstall =
    install && !process.env.CHROME_PATH && typeof process.getuid === 'function' && process.getuid() === 0;
  if (canInstall) {
    console.log(`Chromium not found at ${path}; installing Debian's chromium package.`);
    const env = 'DEBIAN_FRONTEND=noninteractive';
    if (run(`${env} apt-get update && ${env} apt-get install -y --no-install-recommends chromium`)) {
      if (isExecutable(path)) return path;
    }
  }

  const hint = process.env.CHROME_PATH
    ? `CHROME_PATH is set to "${path}", which is not an executable file. Point it at a Chromium or Chrome binary.`
    : `Chromium was not found at ${path}. Install Debian's chromium package ` +
      '(`sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome executable. ' +
      'Playwright-downloaded browsers are not used by this project.';
  throw new Error(hint);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const install = process.argv.includes('--ensure');
  try {
    const path = ensureChromium({ install });
    console.log(`Chromium: ${path}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
