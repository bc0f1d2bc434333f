/**
 * Install once, run anywhere: the build served by a plain static server (Python's,
 * as on a machine without Node), from a sub-path, stopped and started again, and
 * replaced by a newer build. Each test serves its own copy on its own port, and
 * every page is a fresh browser context, so no service worker or database outlives
 * its test.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import type { Plugin } from 'vite';
import { productionBuild } from '../setup/e2e-global';
import { expect, newPage, test } from './harness';
import { ParallaxApp } from './pages';
import { serveStatic } from './static-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'parallax-e2e-'));
}

/** Waits until the service worker controls the page: the whole build is in its cache. */
async function waitForOfflineCopy(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

/**
 * Records, before any of the app's code runs, whether a service worker controls the
 * page: one left over from an earlier visit (or test) would, from the first byte.
 */
async function watchControl(page: Page): Promise<() => Promise<boolean>> {
  await page.context().addInitScript(() => {
    (window as unknown as { controlledAtStart: boolean }).controlledAtStart =
      navigator.serviceWorker.controller !== null;
  });
  return () => page.evaluate(() => (window as unknown as { controlledAtStart: boolean }).controlledAtStart);
}

/** Nothing answers at `origin`: what the page shows next comes from the browser's own copy. */
async function unreachable(origin: string): Promise<boolean> {
  try {
    await fetch(origin);
    return false;
  } catch {
    return true;
  }
}

test('after one visit Parallax starts and works with the server stopped, and a signal logged meanwhile stays', async ({
  browser,
}) => {
  const server = await serveStatic(DIST);
  const guarded = await newPage(browser, server.origin);
  try {
    const { page } = guarded;
    const controlledAtStart = await watchControl(page);
    const app = new ParallaxApp(page);
    await app.open();
    // A fresh context: no service worker from an earlier test serves this first visit.
    expect(await controlledAtStart()).toBe(false);
    await app.loadExample();
    const example = await app.storedSignalCount();
    expect(example).toBeGreaterThan(10);
    await waitForOfflineCopy(page);

    await server.stop();
    expect(await unreachable(server.origin)).toBe(true);
    await page.reload();
    expect(await controlledAtStart()).toBe(true);
    await app.waitForDashboardReady();
    expect(await app.timeline().getAttribute('aria-label')).toMatch(
      /^Intended vs perceived resolve: United States → Iran/,
    );

    // The signal form and the Signals view are chunks loaded on demand: both come from the cache.
    const title = 'Logged while the server was down';
    const form = await app.openSignalForm();
    await form.fill({
      date: '2020-01-15',
      sender: 'United States',
      receiver: 'Iran',
      title,
      intended: '40',
      perceived: '30',
    });
    await form.save();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
    await app.nav('Signals');
    await expect.poll(() => app.signalRow(title).count()).toBe(1);

    // The Data view, the backup code and the import worker work offline too: export, then import it back.
    await app.nav('Data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON', exact: true }).click(),
    ]);
    const backup = readFileSync(await download.path());
    await page.getByLabel('Import file', { exact: true }).setInputFiles({
      name: 'offline.json',
      mimeType: 'application/json',
      buffer: backup,
    });
    const status = page.getByRole('region', { name: 'Data' }).getByRole('status');
    // A clean backup waits with its preview until the analyst confirms it.
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/ready to import/);
    await page.getByRole('button', { name: /^Import \d+ signals$/ }).click();
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/^Imported offline\.json/);

    await server.start();
    await page.reload();
    await page.getByRole('button', { name: 'Log signal' }).waitFor();
    expect(await app.storedSignalCount()).toBe(example + 1);
    await app.nav('Signals');
    await expect.poll(() => app.signalRow(title).count()).toBe(1);
    guarded.assertClean();
  } finally {
    await guarded.close();
    await server.stop();
  }
});

test('the build runs from a sub-path of a static server, every request staying under it', async ({
  browser,
}) => {
  const site = scratch();
  const mount = join(site, 'tools', 'parallax');
  mkdirSync(dirname(mount), { recursive: true });
  cpSync(DIST, mount, { recursive: true });
  const server = await serveStatic(site);
  const guarded = await newPage(browser, server.origin);
  const paths: string[] = [];
  const failures: string[] = [];
  guarded.page.on('response', (response) => {
    paths.push(new URL(response.url()).pathname);
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  try {
    const { page } = guarded;
    const app = new ParallaxApp(page);
    await page.goto('/tools/parallax/');
    await page.getByRole('button', { name: 'Log signal' }).waitFor();
    await app.loadExample();
    await app.nav('Compare');
    await page.getByRole('heading', { level: 1, name: 'Compare' }).waitFor();
    await app.nav('Data');
    await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();

    await waitForOfflineCopy(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.origin}/tools/parallax/`);
    const manifest = await page.evaluate(() =>
      document.querySelector('link[rel="manifest"]')?.getAttribute('href'),
    );
    expect(manifest).toBe('./manifest.webmanifest');
    const icons = await page.evaluate(async () => {
      const { icons } = (await (await fetch('manifest.webmanifest')).json()) as { icons: { src: string }[] };
      return Promise.all(icons.map(async (icon) => (await fetch(icon.src)).status));
    });
    expect(icons.length).toBeGreaterThan(0);
    expect(icons.every((status) => status === 200)).toBe(true);

    expect(failures).toEqual([]);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((path) => !path.startsWith('/tools/parallax/'))).toEqual([]);
    guarded.assertClean();
  } finally {
    await guarded.close();
    await server.stop();
    rmSync(site, { recursive: true, force: true });
  }
});

/** A build like the one under test, but distinguishable: a marker in its index.html. */
function nextBuildMarker(): Plugin {
  return {
    name: 'test:next-build',
    transformIndexHtml: (html) =>
      html.replace('</head>', '<meta name="parallax-build" content="next" /></head>'),
  };
}

test('a new build deployed while Parallax is open is offered with Update now, never switched in unasked', async ({
  browser,
}) => {
  const site = scratch();
  const next = scratch();
  cpSync(DIST, site, { recursive: true });
  const server = await serveStatic(site);
  const guarded = await newPage(browser, server.origin);
  try {
    await productionBuild({
      build: { outDir: next, emptyOutDir: true },
      plugins: [nextBuildMarker()],
    });
    const { page } = guarded;
    const app = new ParallaxApp(page);
    const marker = () => page.locator('meta[name="parallax-build"]').count();
    const update = page.getByRole('button', { name: 'Update now' });
    await app.open();
    await app.loadExample();
    const stored = await app.storedSignalCount();
    await waitForOfflineCopy(page);
    expect(await marker()).toBe(0);
    expect(await update.count()).toBe(0);

    // Deploy: the folder's contents replaced by the next build.
    for (const entry of readdirSync(site)) rmSync(join(site, entry), { recursive: true, force: true });
    cpSync(next, site, { recursive: true });

    // The next start finds it, installs it beside the running one, and asks.
    await page.reload();
    await update.waitFor();
    expect(await marker()).toBe(0);
    await app.waitForDashboardReady();

    await update.click();
    await expect.poll(() => marker(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Log signal' }).waitFor();
    expect(await update.count()).toBe(0);
    expect(await app.storedSignalCount()).toBe(stored);
    guarded.assertClean();
  } finally {
    await guarded.close();
    await server.stop();
    rmSync(site, { recursive: true, force: true });
    rmSync(next, { recursive: true, force: true });
  }
}, 180_000);

test('npm run package makes a zip whose folder, served by python3 -m http.server, runs the app', async ({
  browser,
}) => {
  const out = scratch();
  let server: Awaited<ReturnType<typeof serveStatic>> | null = null;
  try {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const packaged = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs'), `--out=${out}`], {
      encoding: 'utf8',
    });
    expect(packaged.stderr).toBe('');
    expect(packaged.status).toBe(0);
    const zipName = `parallax-${version}.zip`;
    expect(readdirSync(out)).toEqual([zipName]);

    const files = unzipSync(readFileSync(join(out, zipName)));
    const folder = `parallax-${version}/`;
    const names = Object.keys(files);
    expect(names.every((name) => name.startsWith(folder))).toBe(true);
    expect(names).toContain(`${folder}index.html`);
    expect(names).toContain(`${folder}sw.js`);
    const readme = new TextDecoder().decode(files[`${folder}README.txt`]);
    expect(readme).toContain('python3 -m http.server');
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(out, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }

    server = await serveStatic(join(out, folder));
    const guarded = await newPage(browser, server.origin);
    try {
      const app = new ParallaxApp(guarded.page);
      await app.open();
      await app.loadExample();
      expect(await app.storedSignalCount()).toBeGreaterThan(10);
      await app.nav('Signals');
      await expect.poll(() => app.signalRows().count()).toBeGreaterThan(0);
      guarded.assertClean();
    } finally {
      await guarded.close();
    }
  } finally {
    await server?.stop();
    rmSync(out, { recursive: true, force: true });
  }
});

test('opened from disk, the page says it needs a web server instead of staying blank; served, it never shows that', async ({
  browser,
  page,
}) => {
  const words = /Parallax needs a web server to start/;
  // A plain context: the harness's guard would itself block every file:// request.
  const context = await browser.newContext();
  try {
    const fromDisk = await context.newPage();
    await fromDisk.goto(pathToFileURL(join(DIST, 'index.html')).href);
    await expect.poll(() => fromDisk.getByText(words).isVisible()).toBe(true);
    expect(await fromDisk.getByText('python3 -m http.server 8000 --bind 127.0.0.1').count()).toBe(1);
  } finally {
    await context.close();
  }

  const app = new ParallaxApp(page);
  await app.open();
  expect(await page.getByText(words).count()).toBe(0);
});
