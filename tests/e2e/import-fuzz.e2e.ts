/**
 * Hostile files through the built app, as an analyst would choose them in the
 * Data view: every file gets an announced outcome (`role="status"` or
 * `role="alert"`), no exception escapes (the harness fails the test on any),
 * and a file that is not imported leaves every table byte for byte as it was.
 */
import type { Page } from 'playwright-core';
import { encode, FIVE_MB, generator, GOOD_CSV, GOOD_JSON, mutateBackup, mutateText } from '../unit/hostile';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

const FILES = 56;

/** Every table of the database as text, read through the browser's own API: the same text is the same bytes. */
function tables(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = [...db.objectStoreNames].sort();
          const tx = db.transaction(names);
          const out: Record<string, unknown> = {};
          for (const name of names) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => (out[name] = all.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The Data view's own outcome regions; an empty one is hidden, and read as empty. */
function region(page: Page, role: 'status' | 'alert') {
  return page.getByRole('region', { name: 'Data' }).getByRole(role, { includeHidden: true });
}

const marks = (page: Page, name: string) =>
  page.evaluate((n) => performance.getEntriesByName(n).length, name);

/**
 * Chooses a file and waits for what the app announces about it: the import
 * has started (its mark), nothing runs any more (the file input is enabled
 * again), and the status or the alert says something.
 */
async function choose(
  page: Page,
  name: string,
  bytes: Uint8Array,
): Promise<{ status: string; alert: string }> {
  const before = await marks(page, 'import-start');
  await page
    .getByLabel('Import file', { exact: true })
    .setInputFiles({ name, mimeType: '', buffer: Buffer.from(bytes) });
  await expect.poll(() => marks(page, 'import-start'), { timeout: 30_000 }).toBe(before + 1);
  const announced = async () => {
    const busy = await page.getByLabel('Import file', { exact: true }).isDisabled();
    const [status, alert] = await Promise.all([
      region(page, 'status').innerText(),
      region(page, 'alert').innerText(),
    ]);
    return busy || (!status.trim() && !alert.trim()) ? null : { status: status.trim(), alert: alert.trim() };
  };
  await expect.poll(announced, { timeout: 60_000 }).not.toBeNull();
  return (await announced())!;
}

test(
  `${FILES} hostile files through the Data view: each announced, none written in part`,
  { timeout: 600_000 },
  async ({ page }) => {
    const app = new ParallaxApp(page);
    await app.open();
    await app.nav('Data');
    await page.getByRole('button', { name: /^Load example/ }).click();
    await expect.poll(() => app.storedSignalCount()).toBeGreaterThan(10);
    const random = generator(0x5eed_00e2);
    const tally = { imported: 0, refused: 0, waiting: 0, partial: 0 };
    let before = await tables(page);

    for (let n = 0; n < FILES; n++) {
      const json = n % 2 === 0;
      let text = json
        ? random.int(3) === 0
          ? mutateText(GOOD_JSON, random)
          : mutateBackup(random, n === 10)
        : mutateText(GOOD_CSV, random);
      if (n === 11) text = GOOD_CSV.replace(/\r\n(\d{4})/, `\r\n${'t'.repeat(300_000)},$1`);
      if (n === 13) text = GOOD_CSV.replace(/\r\n(\d{4})/, `\r\n${FIVE_MB}$1`);
      const name = `hostile-${n}.${json ? 'json' : 'csv'}`;
      const { status, alert } = await choose(page, name, encode(text, random));
      const after = await tables(page);

      if (/^Imported /.test(status)) {
        tally.imported++;
      } else {
        // Refused, or a spreadsheet waiting for the analyst's go-ahead: nothing written yet.
        if (after !== before) tally.partial++;
        if (alert) tally.refused++;
        else {
          expect(status).toMatch(/Match each field|ready to import/);
          tally.waiting++;
        }
        const cancel = page.getByRole('button', { name: 'Cancel', exact: true });
        if (await cancel.count()) {
          await cancel.click();
          await expect
            .poll(() => region(page, 'status').innerText())
            .toMatch(/cancelled\. Nothing was written\.$/);
          expect(await tables(page)).toBe(before);
        }
      }
      expect(alert).not.toContain('[object');
      before = after;
    }
    expect(tally.partial).toBe(0);
    expect(tally.imported + tally.refused + tally.waiting).toBe(FILES);
    expect(tally.refused).toBeGreaterThan(FILES / 4);
  },
);

test('a spreadsheet whose columns need choosing says it waits, and a Windows-1252 one says how it was read', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.nav('Data');
  const odd = new TextEncoder().encode(
    'Happened,Sender,Receiver,Title,Intended,Perceived\n2019-06-20,Iran,Iraq,T,70,45\n',
  );
  const waiting = await choose(page, 'odd.csv', odd);
  expect(waiting).toEqual({
    status:
      'odd.csv: 1 row read. Match each field of a signal to a column, then choose Check rows. Nothing is imported until you confirm.',
    alert: '',
  });
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  // `Côte d'Ivoire` with ô as the one byte 0xF4, as Excel writes it on Western Windows.
  const latin = new TextEncoder().encode(
    "date,sender,receiver,title,intended,perceived\n2019-06-20,Iran,C_te d'Ivoire,T,70,45\n",
  );
  latin[latin.indexOf(0x5f)] = 0xf4;
  const read = await choose(page, 'latin.csv', latin);
  expect(read.status).toMatch(/^latin\.csv: 1 signal ready to import \(read as Windows-1252/);
  await expect
    .poll(() => page.getByText(/The file is not UTF-8: it was read as Windows-1252/).count())
    .toBe(1);
  await expect.poll(() => page.getByRole('cell', { name: "Côte d'Ivoire" }).count()).toBe(1);
});
