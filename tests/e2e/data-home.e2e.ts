/**
 * Data never stranded: the app says which address its data belongs to, asks the
 * browser to keep it at the first save, and offers a backup when changes wait for one.
 */
import type { Page } from 'playwright-core';
import { baseURL, expect, test } from './harness';
import { ParallaxApp } from './pages';

/** Puts `records` into one store of the app's database, through the browser's own API. */
function putRecords(page: Page, store: string, records: object[]): Promise<void> {
  return page.evaluate(
    ({ store, records }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(store, 'readwrite');
          for (const record of records) tx.objectStore(store).put(record);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, records },
  );
}

function readMeta(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise<unknown>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const get = db.transaction('meta').objectStore('meta').get(key);
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { value?: unknown } | undefined)?.value);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );
}

/** Until the offline copy controls the page, the parts loaded after the first page may not have run. */
async function waitForUpkeep(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

const DAY_MS = 86_400_000;

test('the empty dashboard and the Data view say which address holds the data', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  const origin = baseURL();
  const line = page.getByText(
    `Data is kept in this browser, for ${origin} only: another address is another, empty store.`,
  );
  await expect.poll(() => line.count()).toBe(1);

  await app.nav('Data');
  const where = page.getByText(`Your data lives in this browser, for ${origin} only.`);
  await expect.poll(() => where.count()).toBe(1);
});

test('a quiet reminder offers Export JSON while changes wait for a backup, and goes after one', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await waitForUpkeep(page);
  // The example is not the analyst's work: it leaves the store as needing no backup.
  expect(await readMeta(page, 'changedAt')).toBeUndefined();

  const form = await app.openSignalForm();
  await form.fill({
    date: '2020-01-16',
    sender: 'Iran',
    receiver: 'United States',
    title: 'Foreign ministry calls the strikes concluded',
    intended: '30',
    perceived: '35',
  });
  await form.save();
  const reminder = page.getByRole('region', { name: 'Backup reminder' });
  await reminder.waitFor();
  expect(await reminder.innerText()).toContain('never been backed up');
  // Quiet: no alert, no live region of its own.
  expect(await reminder.getAttribute('role')).toBeNull();

  // The Data view has its own Export JSON and says when the last backup was made.
  await app.nav('Data');
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  expect(await reminder.count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Export JSON', exact: true }).count()).toBe(1);

  await app.nav('Dashboard');
  await reminder.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    reminder.getByRole('button', { name: 'Export JSON', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^parallax-\d{4}-\d{2}-\d{2}\.json$/);
  await expect.poll(() => reminder.count()).toBe(0);
  expect(typeof (await readMeta(page, 'lastBackupAt'))).toBe('string');

  // A week and a day on, with a change made since that backup: the reminder is back.
  const now = Date.now();
  await putRecords(page, 'meta', [
    { key: 'lastBackupAt', value: new Date(now - 8 * DAY_MS).toISOString() },
    { key: 'changedAt', value: new Date(now - DAY_MS).toISOString() },
  ]);
  await page.reload();
  await reminder.waitFor();
  expect(await reminder.innerText()).toContain('since the last backup, more than 7 days ago');
});

test('persistent storage is asked for at the first save, without a visit to the Data view', async ({
  page,
  guarded,
}) => {
  await guarded.context.addInitScript(() => {
    const counter = window as unknown as { persistCalls: number };
    counter.persistCalls = 0;
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    storage.persist = () => {
      counter.persistCalls++;
      return persist();
    };
  });
  const calls = () => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls);
  const app = new ParallaxApp(page);
  await app.open();
  // Two actors written straight into the database: not a save through the app.
  const at = new Date().toISOString();
  await putRecords(page, 'actors', [
    { id: 'actor-us', name: 'United States', code: 'USA', color: '#1d4ed8', createdAt: at, updatedAt: at },
    { id: 'actor-iran', name: 'Iran', code: 'IRN', color: '#b91c1c', createdAt: at, updatedAt: at },
  ]);
  await page.reload();
  await page.getByRole('button', { name: 'Log signal' }).waitFor();
  await waitForUpkeep(page);
  expect(await calls()).toBe(0);

  const form = await app.openSignalForm();
  await form.fill({
    date: '2019-06-20',
    sender: 'Iran',
    receiver: 'United States',
    title: 'Global Hawk shot down near Hormuz',
    intended: '60',
    perceived: '70',
  });
  await form.save();
  await expect.poll(() => calls()).toBe(1);
});
