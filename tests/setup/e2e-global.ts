import { statSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type InlineConfig } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the production build under test, e.g. `http://127.0.0.1:41234`. */
    baseURL: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG_FILE = join(ROOT, 'vite.config.ts');
const BUILT_INDEX = join(ROOT, 'dist', 'index.html');
const BUILD_INPUTS = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'pwa.config.ts',
  'svelte.config.js',
  'package-lock.json',
];

function newestChange(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), 0);
}

/** `npm test` builds just before Vitest starts; a run on its own builds here. */
function builtAppIsFresh(): boolean {
  const builtAt = newestChange(BUILT_INDEX);
  return builtAt > 0 && BUILD_INPUTS.every((input) => newestChange(join(ROOT, input)) <= builtAt);
}

/**
 * `vite build` as `npm run build` runs it. Vitest sets NODE_ENV to `test`, under which
 * Vite makes a development flavour of the build (Svelte's dev runtime,
 * `import.meta.env.PROD` false, so no service worker registered, Workbox logging):
 * the tests must exercise what ships.
 */
export async function productionBuild(config: InlineConfig = {}): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: ROOT, configFile: CONFIG_FILE, logLevel: 'warn', ...config });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Serves the production build once for every e2e file, as `vite preview` would. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!builtAppIsFresh()) {
    console.log('[e2e] dist/ is missing or older than its sources: running vite build');
    await productionBuild();
  }

  // Port 0 lets the OS pick a free port, so a running `npm start` on 4173 is no obstacle.
  const server = await preview({
    root: ROOT,
    configFile: CONFIG_FILE,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address) throw new Error('vite preview did not start listening');
  const baseURL = `http://127.0.0.1:${address.port}`;
  project.provide('baseURL', baseURL);

  return async () => {
    await server.close();
  };
}
