/**
 * No error is swallowed (PRODUCT.md §7): a failed read, a view that throws, an
 * error nothing caught, each reaches the screen with what to do about it. Reads are
 * made to fail inside the browser's own IndexedDB, under the app, as a damaged
 * profile or a browser bug would.
 */
import type { Page } from 'playwright-core';
import { expect, newPage, test } from './harness';
import { ParallaxApp } from './pages';

/**
 * From the next page load on, IndexedDB fails every read of `store` (or of its
 * index `index`) with the browser's UnknownError.
 */
async function breakReads(page: Page, target: { store: string; index?: string }): Promise<void> {
  await page.addInitScript(({ store, index }) => {
    const fail = () => {
      throw new DOMException('The read failed (planted by the test).', 'UnknownError');
    };
    for (const method of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor'] as const) {
      if (index === undefined) {
        const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => unknown;
        IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
          return this.name === store ? fail() : original.apply(this, args);
        } as never;
      } else {
        const original = IDBIndex.prototype[method] as (...args: unknown[]) => unknown;
        IDBIndex.prototype[method] = function (this: IDBIndex, ...args: unknown[]) {
          return this.objectStore.name === store && this.name === index ? fail() : original.apply(this, args);
        } as never;
      }
    }
  }, target);
}

function alertText(page: Page): Promise<string[]> {
  return page.getByRole('alert').allInnerTexts();
}

test('when the red-line crossings cannot be read, the dashboard says so instead of reading for ever', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();

  await breakReads(page, { store: 'signals', index: 'redLineId' });
  await page.reload();
  await expect
    .poll(() => alertText(page))
    .toContainEqual(
      expect.stringMatching(
        /^Could not read the actors, red lines and crossings: The read failed \(planted by the test\)\..* Nothing stored is lost: reload the page/,
      ),
    );
  await expect
    .poll(() => page.getByText('The chart cannot be drawn until Parallax can read its data').count())
    .toBe(1);
  expect(await page.getByText('Reading signals…').count()).toBe(0);
  expect(await page.getByRole('main').getByRole('button', { name: 'Reload' }).count()).toBeGreaterThan(0);
});

test('when the dyads cannot be counted, the dashboard says so and offers to try again', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();

  await breakReads(page, { store: 'signals', index: '[senderId+receiverId+date]' });
  await page.reload();
  await expect
    .poll(() => alertText(page))
    .toContainEqual(
      expect.stringMatching(
        /^Could not read which dyads hold signals: The read failed \(planted by the test\)\./,
      ),
    );
  expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(1);
});

test('when the settings cannot be read, the analyst learns that the measures use the defaults', async ({
  page,
}) => {
  await breakReads(page, { store: 'meta' });
  const app = new ParallaxApp(page);
  await app.open();
  await expect
    .poll(() => alertText(page))
    .toContainEqual(
      expect.stringMatching(
        /^Could not read your settings: The read failed \(planted by the test\)\..* Until then every measure uses the default thresholds\./s,
      ),
    );
});

test('a view that throws shows a way out, exports a backup and copies its diagnostics with the stack', async ({
  page,
  guarded,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  const stored = await app.storedSignalCount();

  // A signal whose date is a number, as a damaged profile or another program could leave it.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onsuccess = () => {
          const tx = request.result.transaction('signals', 'readwrite');
          const signals = tx.objectStore('signals');
          const read = signals.openCursor();
          read.onsuccess = () => {
            const cursor = read.result!;
            cursor.update({ ...cursor.value, date: 20200103 });
          };
          tx.oncomplete = () => {
            request.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        request.onerror = () => reject(request.error);
      }),
  );
  await guarded.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('#/signals');

  const panel = page.getByRole('alert').filter({ hasText: 'Something went wrong in Signals' });
  await expect.poll(() => panel.count()).toBe(1);
  expect(await panel.innerText()).toMatch(/is not a function\.\s+Nothing you saved is lost\./);
  // The way out: the navigation still works, and so do the panel's buttons.
  expect(await page.getByRole('button', { name: 'Log signal' }).isVisible()).toBe(true);
  expect(await panel.getByRole('button', { name: 'Reload' }).count()).toBe(1);

  const backup = await app.download('Export backup');
  expect((JSON.parse(backup.text) as { signals: unknown[] }).signals).toHaveLength(stored);

  await panel.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect.poll(() => panel.getByRole('status').innerText()).toMatch(/^Diagnostics copied/);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Parallax diagnostics\n/);
  expect(copied).toContain('where: Signals');
  // The original error, with its stack of frames.
  expect(copied).toMatch(/TypeError: [^\n]*is not a function\n\s+at /);

  // Another view opens as usual.
  await app.nav('Methods');
  await page.getByRole('heading', { level: 1, name: 'Methods' }).waitFor();
  expect(await panel.count()).toBe(0);
});

test('an error nothing caught is shown with its diagnostics, never dropped', async ({ browser }) => {
  const guarded = await newPage(browser);
  const { page } = guarded;
  try {
    const app = new ParallaxApp(page);
    await app.open();
    const panel = page.getByRole('alert').filter({ hasText: 'Something went wrong in the page' });
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('planted in a timer');
      });
    });
    await expect.poll(() => panel.innerText()).toContain('planted in a timer.');
    await page.evaluate(() => {
      void Promise.reject(new Error('planted in a promise'));
    });
    await expect.poll(() => panel.innerText()).toContain('planted in a promise.');
    // The latest is shown; dismissing it shows the one before.
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => panel.innerText()).toContain('planted in a timer.');
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    // Both reached the browser as uncaught too: the app shows them, it does not hide them.
    expect(guarded.errors.filter((e) => e.startsWith('uncaught'))).toHaveLength(2);
  } finally {
    await guarded.close();
  }
});

test('if the app cannot start, the page says so instead of staying blank', async ({ page, guarded }) => {
  const boot = page.locator('p', { hasText: 'Parallax is starting. If this message stays, reload the page' });
  await new ParallaxApp(page).open();
  // Once the app has drawn, the sentence is gone.
  expect(await boot.count()).toBe(1);
  expect(await boot.isVisible()).toBe(false);

  // The app's script never arrives (a server or proxy that drops it).
  guarded.allowConsoleError(/Failed to load resource/);
  await page.route(/\/assets\/index-[^/]*\.js$/, (route) => route.abort('failed'));
  await page.reload();
  await expect.poll(() => boot.isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: 'Log signal' }).count()).toBe(0);
});
