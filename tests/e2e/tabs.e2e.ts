/**
 * Two tabs of Parallax on one database (two pages in one browser context share
 * its IndexedDB), and a database the app must not touch. PRODUCT.md §7: several
 * tabs agree, none brings back what another deleted, and no write loses another.
 */
import type { Page } from 'playwright-core';
import { expect, test, type GuardedPage } from './harness';
import { ParallaxApp } from './pages';

const DRONE = 'IRGC missile downs a US Navy RQ-4A Global Hawk drone near the Strait of Hormuz';
const TANKERS = 'Tankers Front Altair and Kokuka Courageous attacked in the Gulf of Oman';
const FUJAIRAH = 'Four ships damaged by limpet mines off Fujairah; Washington blames the IRGC';

interface StoredSignal {
  id: string;
  title: string;
  notes: string;
  updatedAt: string;
}

/** The signals IndexedDB holds whose title starts with `prefix`, read through the browser's own API. */
function storedSignals(page: Page, prefix: string): Promise<StoredSignal[]> {
  return page.evaluate(
    (prefix) =>
      new Promise<StoredSignal[]>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const idb = request.result;
          const all = idb.transaction('signals').objectStore('signals').getAll();
          all.onsuccess = () => {
            idb.close();
            resolve((all.result as StoredSignal[]).filter((s) => s.title.startsWith(prefix)));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    prefix,
  );
}

/** A second tab in the same browser context (the same database), watched like the first. */
async function secondTab(guarded: GuardedPage): Promise<{ page: Page; errors: string[] }> {
  const page = await guarded.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error ${message.text()}`);
  });
  return { page, errors };
}

/** Both tabs on the example data, each on the Signals view. */
async function twoTabs(guarded: GuardedPage) {
  const a = new ParallaxApp(guarded.page);
  await a.open();
  await a.loadExample();
  await a.nav('Signals');
  const other = await secondTab(guarded);
  const b = new ParallaxApp(other.page);
  await b.open('#/signals');
  await expect.poll(() => b.signalRow(DRONE).count()).toBe(1);
  await expect.poll(() => a.signalRow(DRONE).count()).toBe(1);
  return { a, b, errorsOfB: other.errors };
}

async function openEdit(app: ParallaxApp, title: string) {
  await app.signalRow(title).getByRole('button', { name: 'Edit' }).click();
  await app.page.getByRole('dialog').waitFor();
  await expect.poll(() => app.form.field('Title').inputValue()).toBe(title);
  return app.form;
}

test('a signal saved in one tab appears in the other without a reload', async ({ guarded }) => {
  const { a, b, errorsOfB } = await twoTabs(guarded);
  const form = await a.openSignalForm();
  await form.fill({
    date: '2020-01-12',
    sender: 'United States',
    receiver: 'Iran',
    title: 'Tab A: sanctions, not strikes, come next',
    intended: '40',
    perceived: '28',
  });
  await form.save();
  await expect.poll(() => b.signalRow('Tab A: sanctions, not strikes, come next').count()).toBe(1);
  // 28 − 40 = −12, as tab B shows it.
  expect(await b.signalRow('Tab A: sanctions, not strikes, come next').innerText()).toMatch(
    /(^|\s)-12(\s|$)/,
  );
  expect(errorsOfB).toEqual([]);
});

test('a delete in one tab is not undone by the other, whose stale form is refused', async ({ guarded }) => {
  const { a, b, errorsOfB } = await twoTabs(guarded);
  // Tab B opens the edit form first; then tab A deletes the signal.
  const formOfB = await openEdit(b, TANKERS);
  await a.signalRow(TANKERS).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => a.signalRow(TANKERS).count()).toBe(0);
  await expect.poll(() => b.signalRow(TANKERS).count()).toBe(0);

  await formOfB.fill({ notes: 'Edited in tab B' });
  await formOfB.save();
  const dialog = b.page.getByRole('dialog');
  await expect
    .poll(() => dialog.getByRole('alert').innerText())
    .toBe('This signal was deleted elsewhere (in another tab) after you opened it. Nothing was written.');
  const versions = dialog.getByRole('table', { name: 'Both versions of the signal' });
  await expect
    .poll(() => versions.getByRole('row', { name: /^Notes/ }).innerText())
    .toContain('Edited in tab B');
  await dialog.getByRole('button', { name: 'Accept the deletion' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);

  // Tab B logs something else: the deleted signal stays deleted in both tabs and in the database.
  const form = await b.openSignalForm();
  await form.fill({
    sender: 'Iran',
    receiver: 'United States',
    title: 'Tab B: a later signal',
    intended: '30',
    perceived: '30',
  });
  await form.save();
  await expect.poll(() => a.signalRow('Tab B: a later signal').count()).toBe(1);
  expect(await storedSignals(a.page, TANKERS)).toEqual([]);
  expect([await a.signalRow(TANKERS).count(), await b.signalRow(TANKERS).count()]).toEqual([0, 0]);
  expect(errorsOfB).toEqual([]);
});

test('an edit of a signal changed in another tab is refused with both versions, and kept only when chosen', async ({
  guarded,
}) => {
  const { a, b, errorsOfB } = await twoTabs(guarded);
  const formOfA = await openEdit(a, DRONE);
  // Tab B changes the title and saves while tab A's form still shows the old one.
  const formOfB = await openEdit(b, DRONE);
  await formOfB.fill({ title: 'Global Hawk shot down over the Strait of Hormuz' });
  await formOfB.save();
  await expect.poll(() => a.signalRow('Global Hawk shot down over the Strait of Hormuz').count()).toBe(1);

  await formOfA.fill({ notes: 'Tab A notes' });
  await formOfA.save();
  const dialog = a.page.getByRole('dialog');
  const versions = dialog.getByRole('table', { name: 'Both versions of the signal' });
  await versions.waitFor();
  const title = await versions
    .getByRole('row', { name: /^Title/ })
    .getByRole('cell')
    .allInnerTexts();
  expect(title).toEqual(['Global Hawk shot down over the Strait of Hormuz', DRONE]);
  const notes = await versions
    .getByRole('row', { name: /^Notes/ })
    .getByRole('cell')
    .allInnerTexts();
  expect(notes[1]).toBe('Tab A notes');
  // Nothing was written: the database holds tab B's version.
  expect((await storedSignals(a.page, 'Global Hawk shot down')).map((s) => s.notes)).not.toContain(
    'Tab A notes',
  );

  await dialog.getByRole('button', { name: 'Keep my edit' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  const [kept] = await storedSignals(a.page, DRONE);
  expect([kept.title, kept.notes]).toEqual([DRONE, 'Tab A notes']);
  await expect.poll(() => b.signalRow(DRONE).count()).toBe(1);
  expect(errorsOfB).toEqual([]);
});

test('Undo of a delete never overwrites a newer version saved meanwhile in another tab', async ({
  guarded,
}) => {
  const { a, b, errorsOfB } = await twoTabs(guarded);
  const formOfB = await openEdit(b, FUJAIRAH);
  await a.signalRow(FUJAIRAH).getByRole('button', { name: 'Delete' }).click();
  const undo = a.page.getByRole('status').getByRole('button', { name: 'Undo' });
  await undo.waitFor();

  // Tab B keeps its edit of the deleted signal: a newer version of it.
  await formOfB.fill({ title: 'Limpet mines off Fujairah (tab B)' });
  await formOfB.save();
  const dialog = b.page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Keep my edit' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => a.signalRow('Limpet mines off Fujairah (tab B)').count()).toBe(1);

  await undo.click();
  await expect
    .poll(() => a.page.getByRole('alert').filter({ hasText: 'Could not restore' }).innerText())
    .toContain('a newer version of this signal arrived after it was deleted');
  const stored = await storedSignals(a.page, 'Limpet mines off Fujairah');
  expect(stored.map((s) => s.title)).toEqual(['Limpet mines off Fujairah (tab B)']);
  expect(await storedSignals(a.page, FUJAIRAH)).toEqual([]);
  expect(await a.signalRow(FUJAIRAH).count()).toBe(0);
  expect(errorsOfB).toEqual([]);
});

test('after the browser clears the site data, nothing is written until a reload, and the analyst is told', async ({
  guarded,
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  const cdp = await guarded.context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(page.url()).origin,
    storageTypes: 'indexeddb',
  });
  // The page notices the loss (it offers a reload).
  await page.getByRole('button', { name: 'Reload' }).waitFor();

  // The form still lists the actors it read before; saving must not create a fresh database.
  guarded.allowConsoleError(/Database has been closed|DatabaseClosedError/);
  const form = await app.openSignalForm();
  await form.fill({
    sender: 'United States',
    receiver: 'Iran',
    title: 'Written after the clear',
    intended: '50',
    perceived: '50',
  });
  await form.save();
  // The save has ended: the form closed (written) or says why not. No analyst is
  // named in this profile, so the first write the save tries is the analyst's name.
  const dialog = page.getByRole('dialog');
  const refusal = dialog.getByText(/^Could not save your name: the database was closed/);
  await expect.poll(async () => !(await dialog.isVisible()) || (await refusal.count()) > 0).toBe(true);
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases).not.toContain('parallax');
  expect(await refusal.innerText()).toContain('Nothing was written. Reload the page.');
  // …and says why no more is saved.
  await expect
    .poll(() => page.getByRole('alert').filter({ hasText: 'Nothing more is saved from this page' }).count())
    .toBe(1);
});

test('a database written by a newer Parallax is neither read nor written, and the analyst is told why', async ({
  page,
}) => {
  // Before the app runs: a page of the same origin that is not the app.
  await page.goto('/favicon.svg');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('parallax', 990);
        request.onupgradeneeded = () => {
          for (const store of ['actors', 'redLines', 'signals', 'meta', 'assessments'])
            request.result.createObjectStore(store, { keyPath: store === 'meta' ? 'key' : 'id' });
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  const app = new ParallaxApp(page);
  await app.open();
  await expect
    .poll(() => page.getByRole('alert').filter({ hasText: 'written by a newer version of Parallax' }).count())
    .toBeGreaterThan(0);
  const after = await page.evaluate(async () => {
    const found = (await indexedDB.databases()).find((d) => d.name === 'parallax');
    return found?.version;
  });
  expect(after).toBe(990);
});
