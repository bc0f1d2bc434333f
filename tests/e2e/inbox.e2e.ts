import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { GDELT_EXPECTED, gdeltExport } from '../unit/event-files';
import { expect, test } from './harness';
import { ParallaxApp, SignalForm } from './pages';

/** Every record of one IndexedDB store, read through the browser's own API. */
function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as T[]);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    store,
  );
}

const inboxView = (page: Page) => page.getByRole('region', { name: 'Inbox' });
const outcome = (page: Page, role: 'status' | 'alert') =>
  inboxView(page).locator('.events').getByRole(role, { includeHidden: false });
const countLine = (page: Page) => inboxView(page).getByText(/candidate events? in the inbox/);
const rows = (page: Page) => inboxView(page).getByRole('table').locator('tbody tr');

/** The example's actors (the United States and Iran among them), then the Inbox. */
async function openInbox(page: Page): Promise<ParallaxApp> {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.nav('Inbox');
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  return app;
}

/** Imports the GDELT export through the Inbox's file input, past its bad rows and the mapping step. */
async function importGdelt(
  page: Page,
  name = '20200108.export.CSV',
  body: Buffer = Buffer.from(gdeltExport()),
) {
  await inboxView(page)
    .getByLabel('Import events', { exact: true })
    .setInputFiles({ name, mimeType: 'text/csv', buffer: body });
  await expect.poll(() => outcome(page, 'alert').innerText(), { timeout: 30_000 }).toMatch(/cannot be read/);
  await page.getByRole('button', { name: 'Import the 292 good rows only' }).click();
  await expect.poll(() => outcome(page, 'status').innerText()).toMatch(/Waiting for you/);
  await page.getByRole('button', { name: 'Add to inbox', exact: true }).click();
  await expect
    .poll(() => outcome(page, 'status').innerText(), { timeout: 30_000 })
    .toMatch(/added to the inbox/);
}

test('a GDELT 2.0 export reaches the inbox with one candidate per event between the actors kept', async ({
  page,
}) => {
  await openInbox(page);
  await expect.poll(() => countLine(page).innerText()).toBe('0 candidate events in the inbox.');
  await inboxView(page)
    .getByLabel('Import events', { exact: true })
    .setInputFiles({ name: '20200108.export.CSV', mimeType: 'text/csv', buffer: Buffer.from(gdeltExport()) });

  // The bad rows are told first, by file, line and problem; nothing is written yet.
  await expect
    .poll(() => outcome(page, 'alert').innerText(), { timeout: 30_000 })
    .toBe(
      `20200108.export.CSV: 8 rows of 300 cannot be read. The first: line ${GDELT_EXPECTED.firstBadLine}: expected 61 tab-separated columns, found 60. Nothing was written. Fix the file and import it again, or import the 292 good rows only.`,
    );
  expect(await readStore(page, 'candidates')).toEqual([]);
  await page.getByRole('button', { name: 'Import the 292 good rows only' }).click();

  // The mapping step waits for the analyst; codes and names of known actors are kept, the rest left out.
  await expect
    .poll(() => outcome(page, 'status').innerText())
    .toBe(
      '20200108.export.CSV (GDELT 2.0 event export): 292 events naming 5 actors. Waiting for you: choose where each actor goes, then Add to inbox.',
    );
  const choice = (key: string) =>
    page
      .getByRole('combobox', { name: `Map ${key}`, exact: true })
      .evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text);
  expect(await choice('USA')).toBe('United States');
  expect(await choice('USAGOV')).toBe('United States');
  expect(await choice('IRN')).toBe('Iran');
  expect(await choice('CHN')).toBe('Leave out');
  expect(await choice('RUS')).toBe('Leave out');

  await page.getByRole('button', { name: 'Add to inbox', exact: true }).click();
  // 160 distinct events between the United States and Iran; 20 exact duplicates and 25 re-emitted ones collapse;
  // 77 touch an actor left out; 10 have the United States on both sides; 8 lines are unreadable.
  await expect
    .poll(() => outcome(page, 'status').innerText(), { timeout: 30_000 })
    .toBe(
      '20200108.export.CSV: 160 candidate events added to the inbox; left aside: 77 events between actors left out, 10 events whose two sides map to one actor, 45 duplicates, 8 unreadable rows.',
    );
  await expect.poll(() => countLine(page).innerText()).toBe('160 candidate events in the inbox.');
  expect(await rows(page).count()).toBe(160);
  expect((await readStore(page, 'candidates')).length).toBe(160);

  // Filtering by date and type narrows the table; the count says how many match.
  await inboxView(page).getByLabel('From', { exact: true }).fill('2020-01-28');
  await inboxView(page).getByLabel('From', { exact: true }).dispatchEvent('change');
  await inboxView(page).getByLabel('Event type', { exact: true }).selectOption('force');
  // Dated the 28th: ids 27, 55, 83, 111, 139; odd ids are CAMEO 190 (force): all five.
  await expect.poll(() => rows(page).count()).toBe(5);
  await expect
    .poll(() => countLine(page).innerText())
    .toBe('160 candidate events in the inbox; 5 match the filters.');
});

test('accepting a candidate opens the form filled from the event, and saving logs it with its source', async ({
  page,
}) => {
  await openInbox(page);
  await importGdelt(page);
  const before = await readStore<{ id: string }>(page, 'signals');

  // Oldest first, ties by key: gdelt:112, dated 2020-01-01, United States → Iran, CAMEO 138, Goldstein −7.
  const first = rows(page).first();
  await expect.poll(() => first.innerText()).toMatch(/^1 Jan 2020|January 1, 2020|Jan 1, 2020/);
  await first.getByRole('button', { name: 'Accept', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const field = (label: string) => dialog.getByLabel(label, { exact: true });
  expect(await field('Date').inputValue()).toBe('2020-01-01');
  expect(await field('Sender').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text)).toBe(
    'United States',
  );
  expect(await field('Receiver').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text)).toBe('Iran');
  expect(await field('Title').inputValue()).toBe('Threaten (CAMEO 138)');
  expect(await field('Kind').inputValue()).toBe('threat');
  // The event's Goldstein score suggests what it showed on its face: displayed resolve.
  expect(await field('Displayed resolve').inputValue()).toBe('60');
  expect(await field('Intended resolve').inputValue()).toBe('');
  expect(await field('Sources').inputValue()).toBe('GDELT event 112 https://news.example/112');
  const suggestion = dialog.locator('p').filter({ hasText: /^Suggested/ });
  await expect
    .poll(() => suggestion.innerText())
    .toBe(
      'Suggested: 60 · display of force, from Goldstein score −7 (GDELT). Change it, or Confirm suggested resolve',
    );
  await dialog.getByRole('button', { name: 'Confirm suggested resolve' }).click();
  expect(await suggestion.count()).toBe(0);

  await field('Intended resolve').fill('55');
  await field('Perceived resolve').fill('30');
  // The first save in this profile asks who is scoring, then saves.
  await new SignalForm(dialog).save();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => countLine(page).innerText()).toBe('159 candidate events in the inbox.');

  const actors = await readStore<{ id: string; name: string }>(page, 'actors');
  const nameOf = (id: string) => actors.find((a) => a.id === id)?.name;
  const after = await readStore<{
    id: string;
    date: string;
    senderId: string;
    receiverId: string;
    title: string;
    intended: number;
    displayed: number;
    perceived: number;
    sources: unknown;
  }>(page, 'signals');
  const added = after.filter((s) => !before.some((b) => b.id === s.id));
  expect(
    added.map((s) => [
      s.date,
      nameOf(s.senderId),
      nameOf(s.receiverId),
      s.title,
      s.intended,
      s.displayed,
      s.perceived,
    ]),
  ).toEqual([['2020-01-01', 'United States', 'Iran', 'Threaten (CAMEO 138)', 55, 60, 30]]);
  expect(added[0].sources).toEqual([{ label: 'GDELT event 112', url: 'https://news.example/112' }]);
  const candidates = await readStore<{ id: string }>(page, 'candidates');
  expect(candidates.some((c) => c.id === 'gdelt:112')).toBe(false);
});

test('dismissed events, by button or by keyboard, stay out when the file is imported again', async ({
  page,
}) => {
  await openInbox(page);
  await importGdelt(page);

  // The first row by its button; then j moves to the next and d dismisses it.
  await rows(page).first().getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect.poll(() => countLine(page).innerText()).toBe('159 candidate events in the inbox.');
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).click();
  await page.keyboard.press('j');
  await page.keyboard.press('d');
  await expect.poll(() => countLine(page).innerText()).toBe('158 candidate events in the inbox.');
  const dismissed = (await readStore<{ key: string; outcome: string }>(page, 'triaged')).map((t) => [
    t.key,
    t.outcome,
  ]);
  // gdelt:112 first; then, with gdelt:140 on top, j moved to gdelt:28.
  expect(dismissed.sort()).toEqual([
    ['gdelt:112', 'dismissed'],
    ['gdelt:28', 'dismissed'],
  ]);

  await importGdelt(page, 'again.CSV');
  await expect
    .poll(() => outcome(page, 'status').innerText())
    .toBe(
      'again.CSV: 0 candidate events added to the inbox; left aside: 77 events between actors left out, 10 events whose two sides map to one actor, 45 duplicates, 158 events already in the inbox, 2 events accepted or dismissed before, 8 unreadable rows.',
    );
  await expect.poll(() => countLine(page).innerText()).toBe('158 candidate events in the inbox.');
});

test('the Data view sends a zipped GDELT export to the Inbox, and a broken zip is refused by name', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.nav('Data');
  const zip = Buffer.from(zipSync({ '20200108.export.CSV': strToU8(gdeltExport()) }));
  await page
    .getByLabel('Import file', { exact: true })
    .setInputFiles({ name: '20200108.export.CSV.zip', mimeType: 'application/zip', buffer: zip });
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await expect
    .poll(() => outcome(page, 'alert').innerText(), { timeout: 30_000 })
    .toMatch(/^20200108\.export\.CSV\.zip: 8 rows of 300 cannot be read/);

  await inboxView(page)
    .getByLabel('Import events', { exact: true })
    .setInputFiles({
      name: 'broken.zip',
      mimeType: 'application/zip',
      buffer: zip.subarray(0, zip.length >> 1),
    });
  await expect
    .poll(() => outcome(page, 'alert').innerText(), { timeout: 30_000 })
    .toMatch(/^broken\.zip is a damaged zip archive \(.+\)\. Nothing was written\.$/);
  expect(await readStore(page, 'candidates')).toEqual([]);
});
