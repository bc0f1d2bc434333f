import { expect, newPage, test } from './harness';
import { ParallaxApp } from './pages';
import {
  download,
  importBackup,
  importText,
  openData,
  readDatabase,
  waitForText,
  type Stored,
} from './transfer';

test('a JSON backup moves to a fresh browser profile field for field, and merges a colleague’s newer edit', async ({
  page,
  browser,
}) => {
  const app = await openData(page);
  await page.getByRole('button', { name: /^Load example/ }).click();
  await expect.poll(() => app.storedSignalCount()).toBeGreaterThan(10);
  const original = await readDatabase(page);

  const backup = await download(page, 'Export JSON');
  expect(backup.name).toMatch(/^parallax-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(backup.text)).toMatchObject({ format: 'parallax', version: 3, deletions: [] });
  // The Data view remembers the backup.
  await expect
    .poll(() =>
      page
        .getByRole('definition')
        .filter({ hasText: /^today$/ })
        .count(),
    )
    .toBe(1);

  const fresh = await newPage(browser);
  try {
    await openData(fresh.page);
    expect(await readDatabase(fresh.page)).toEqual({ actors: [], redLines: [], signals: [] });

    // The file waits for the analyst, with a preview of what it holds.
    await importText(fresh.page, backup.name, backup.text, 'application/json');
    const n = original.signals.length;
    expect(await waitForText(fresh.page, 'status', /ready to import/)).toBe(
      `${backup.name}: ${n} signals, ${original.actors.length} actors and ${original.redLines.length} red lines ready to import. Check the preview, then confirm.`,
    );
    const preview = fresh.page.getByRole('table', { name: 'First signals in the file' });
    expect(await preview.locator('tbody tr').count()).toBe(5);
    expect(await readDatabase(fresh.page)).toEqual({ actors: [], redLines: [], signals: [] });
    await fresh.page.getByRole('button', { name: `Import ${n} signals` }).click();
    expect(await waitForText(fresh.page, 'status', /^Imported/)).toMatch(
      new RegExp(
        `^Imported ${backup.name}: ${n} signals added, 0 updated, 0 deleted, 0 unchanged, 0 left alone, 0 conflicts\\. Added: .* and ${n - 20} more\\. ` +
          `Assessments: ${n} added, 0 updated\\. Assessments added: .*\\. Analysts: 1 added, 0 updated\\. Analysts added: “Example”\\. ` +
          `Actors: ${original.actors.length} added, 0 updated\\. Actors added: .*\\. Red lines: ${original.redLines.length} added, 0 updated\\.`,
      ),
    );
    expect(await readDatabase(fresh.page)).toEqual(original);
    // The worker wrote it; the page's views follow without a reload.
    const freshApp = new ParallaxApp(fresh.page);
    await freshApp.nav('Dashboard');
    await expect
      .poll(() => freshApp.timeline().getAttribute('aria-label'))
      .toMatch(/^Intended vs perceived resolve: \S/);
    await freshApp.nav('Data');

    // The same file again adds nothing.
    await importBackup(fresh.page, backup.name, backup.text);
    await waitForText(
      fresh.page,
      'status',
      new RegExp(
        `^Imported .*: 0 signals added, 0 updated, 0 deleted, ${n} unchanged, 0 left alone, 0 conflicts\\.$`,
      ),
    );
    expect(await readDatabase(fresh.page)).toEqual(original);

    // The colleague edits one signal there, its notes and its score, and sends the file back.
    const theirs = JSON.parse(backup.text);
    const later = (t: string) => new Date(Date.parse(t) + 60_000).toISOString();
    const edited = theirs.signals[0];
    edited.notes = `${edited.notes} (checked)`;
    edited.ancestors = [edited.updatedAt];
    edited.updatedAt = later(edited.updatedAt);
    const score = theirs.assessments.find((a: { signalId: string }) => a.signalId === edited.id);
    score.perceived = score.perceived === 100 ? 99 : score.perceived + 1;
    score.ancestors = [score.updatedAt];
    score.updatedAt = later(score.updatedAt);
    await importBackup(page, 'colleague.json', JSON.stringify(theirs));
    await waitForText(
      page,
      'status',
      new RegExp(
        `^Imported colleague\\.json: 0 signals added, 1 updated, 0 deleted, ${n - 1} unchanged, 0 left alone, 0 conflicts\\. Updated: “[^”]+”\\. ` +
          `Assessments: 0 added, 1 updated\\. Assessments updated: “Example's scores of ‘[^’]+’”\\.$`,
      ),
    );
    const merged = await readDatabase(page);
    // The facts as the colleague left them, the consensus that one analyst's new score.
    expect(merged.signals.find((s) => s.id === edited.id)).toMatchObject({
      ...edited,
      perceived: score.perceived,
    });
    expect(merged.signals).toHaveLength(n);
  } finally {
    await fresh.close();
    fresh.assertClean();
  }
});

test('the app’s own CSV export re-imports in a fresh profile to the same signals', async ({
  page,
  browser,
}) => {
  const app = await openData(page);
  await page.getByRole('button', { name: /^Load example/ }).click();
  await expect.poll(() => app.storedSignalCount()).toBeGreaterThan(10);
  const original = await readDatabase(page);
  const csv = await download(page, 'Export CSV');
  expect(csv.name).toMatch(/^parallax-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(
    csv.text.startsWith('\uFEFFdate,sender,receiver,title,kind,analyst,intended,displayed,perceived'),
  ).toBe(true);

  const fresh = await newPage(browser);
  try {
    await openData(fresh.page);
    await importText(fresh.page, csv.name, csv.text, 'text/csv');
    const n = original.signals.length;
    const confirm = fresh.page.getByRole('button', { name: `Import ${n} signals` });
    await confirm.waitFor();
    // Nothing is written before the analyst confirms.
    expect((await readDatabase(fresh.page)).signals).toEqual([]);
    await confirm.click();
    await waitForText(fresh.page, 'status', new RegExp(`^Imported ${csv.name}: ${n} signals added`));

    // Actors and red lines are named in CSV: compare through names and texts.
    const named = (db: Stored) => {
      const actor = new Map(db.actors.map((a) => [a.id, a.name]));
      const line = new Map(db.redLines.map((r) => [r.id, r.text]));
      return db.signals
        .map((s) => ({
          ...s,
          // The analyst comes back under a new id too: each score without whose it is.
          scores: (s.scores as { analystId: string }[]).map(({ analystId: _, ...score }) => score),
          senderId: actor.get(s.senderId as string),
          receiverId: actor.get(s.receiverId as string),
          redLineId: s.redLineId ? line.get(s.redLineId as string) : null,
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    };
    const imported = await readDatabase(fresh.page);
    expect(named(imported)).toEqual(named(original));
    expect(imported.actors.map((a) => a.name).sort()).toEqual(
      original.actors
        .filter((a) => original.signals.some((s) => s.senderId === a.id || s.receiverId === a.id))
        .map((a) => a.name)
        .sort(),
    );
  } finally {
    await fresh.close();
    fresh.assertClean();
  }
});

test('a CSV written the way spreadsheets write it imports, its hostile text shown as text', async ({
  page,
}) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const app = await openData(page);
  const sheet =
    '\uFEFFDate;Sender;Receiver;Title;Intended resolve;Perceived resolve;Kind;Notes\r\n' +
    '2019-06-20;Iran;United States;"<img src=x onerror=alert(1)>";70;45;force;"=HYPERLINK(""http://evil.example"",""click"")"\r\n' +
    '2019-06-21;United States;Iran;"Strike called off;\r\nminutes before launch";35;20;restraint;\r\n';
  await importText(page, 'sheet.csv', sheet, 'text/csv');
  await page.getByRole('button', { name: 'Import 2 signals' }).waitFor();
  // The preview shows the file's text as text.
  await expect.poll(() => page.getByRole('cell', { name: '<img src=x onerror=alert(1)>' }).count()).toBe(1);
  await page.getByRole('button', { name: 'Import 2 signals' }).click();
  await waitForText(page, 'status', /^Imported sheet\.csv: 2 signals added/);

  const stored = await readDatabase(page);
  expect(stored.actors.map((a) => a.name).sort()).toEqual(['Iran', 'United States']);
  expect(stored.signals.map((s) => [s.title, s.notes]).sort()).toEqual([
    ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example","click")'],
    ['Strike called off;\r\nminutes before launch', ''],
  ]);
  await app.nav('Signals');
  await expect.poll(() => app.signalRow('<img src=x onerror=alert(1)>').count()).toBe(1);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('a CSV file with bad rows is refused with every line, and nothing is stored', async ({ page }) => {
  const app = await openData(page);
  const bad =
    'date,sender,receiver,title,intended,perceived\n' +
    '2019-06-20,Iran,United States,Good,70,45\n' +
    '2019-06-21,Iran,United States,"Two\nlines",150,45\n' +
    '2019-02-30,Iran,United States,Bad date,70,45\n';
  await importText(page, 'bad.csv', bad, 'text/csv');
  expect(await waitForText(page, 'alert', /problems were found/)).toBe(
    '2 problems were found in the file. Nothing was imported: fix the file and import it again.',
  );
  const rows = page.getByRole('table', { name: /^Problems found/ }).locator('tbody tr');
  expect(await rows.allInnerTexts()).toEqual([
    '3\tintended\tmust be a whole number from 0 to 100 (found “150”)',
    '5\tdate\tmust be a real calendar date, YYYY-MM-DD (found “2019-02-30”)',
  ]);
  expect(await page.getByRole('button', { name: /^Import \d+ signals?$/ }).count()).toBe(0);
  expect(await app.storedSignalCount()).toBe(0);
});

test('a truncated backup and a file from another program are refused, and stored data is unchanged', async ({
  page,
}) => {
  const app = await openData(page);
  await page.getByRole('button', { name: /^Load example/ }).click();
  await expect.poll(() => app.storedSignalCount()).toBeGreaterThan(10);
  const before = await readDatabase(page);
  const backup = await download(page, 'Export JSON');

  await importText(
    page,
    'cut.json',
    backup.text.slice(0, Math.floor(backup.text.length * 0.6)),
    'application/json',
  );
  await waitForText(page, 'alert', /^The file is not complete JSON: it ends at line \d+, column \d+/);

  await importText(page, 'other.json', JSON.stringify({ format: 'budget', version: 1 }), 'application/json');
  await waitForText(page, 'alert', /^This is not a Parallax backup/);

  const newer = JSON.parse(backup.text);
  newer.version = 99;
  await importText(page, 'future.json', JSON.stringify(newer), 'application/json');
  await waitForText(page, 'alert', /^This backup was written by a newer Parallax \(format version 99\)/);

  expect(await readDatabase(page)).toEqual(before);
});

test('deleting all data offers a backup first and asks for confirmation', async ({ page }) => {
  const app = await openData(page);
  await page.getByRole('button', { name: /^Load example/ }).click();
  await expect.poll(() => app.storedSignalCount()).toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Delete all data', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete all data?' });
  await dialog.waitFor();
  const backup = await download(page, 'Download backup first');
  expect(JSON.parse(backup.text).signals.length).toBeGreaterThan(10);

  const remove = dialog.getByRole('button', { name: 'Delete everything' });
  expect(await remove.isDisabled()).toBe(true);
  await dialog.getByLabel('Type DELETE to confirm').fill('DELETE');
  await remove.click();
  await expect.poll(() => app.storedSignalCount()).toBe(0);
  expect((await readDatabase(page)).actors).toEqual([]);
});

test('the Data view shows whether storage is persistent and how much is used', async ({ page }) => {
  await openData(page);
  // Headless Chromium answers a fresh profile's request for persistent storage with a
  // no (the site has no engagement, no bookmark, no install); the browser says so itself.
  const persistent = page
    .locator('dt', { hasText: /^Persistent storage$/ })
    .locator('xpath=following-sibling::dd');
  await expect
    .poll(() => persistent.innerText())
    .toMatch(/^not granted \(the browser may clear data under pressure/);
  expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);
  await expect
    .poll(() => page.getByText(/^Using \d[\d.]* (bytes|kB|MB|GB) of \d[\d.]* (kB|MB|GB|TB)$/).count())
    .toBe(1);
});

test('the dashboard prints as a one-page report with the dyad, its metrics and the print date', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  expect(await page.getByRole('navigation').isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: 'Log signal' }).isVisible()).toBe(false);
  expect(await app.timeline().isVisible()).toBe(true);
  expect(await page.locator('main').getAttribute('data-printed')).toMatch(/^\d{1,2} \w{3} \d{4}$/);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages).toHaveLength(1);
});

test('a large backup shows its progress, and a cancel during the write leaves nothing behind', async ({
  page,
}) => {
  const app = await openData(page);
  const at = '2026-01-01T00:00:00.000Z';
  const actors = ['United States', 'Iran'].map((name, i) => ({
    id: `actor-${i}`,
    name,
    code: name.slice(0, 3).toUpperCase(),
    color: '#336699',
    createdAt: at,
    updatedAt: at,
  }));
  const signals = Array.from({ length: 60_000 }, (_, i) => ({
    id: `signal-${i}`,
    date: `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    senderId: actors[i % 2].id,
    receiverId: actors[(i + 1) % 2].id,
    title: `Signal ${i}`,
    kind: 'statement',
    intended: i % 101,
    perceived: (i * 7) % 101,
    confidence: 'moderate',
    cost: 'cheap talk',
    capped: false,
    redLineId: null,
    sources: [],
    tags: [],
    notes: '',
    createdAt: at,
    updatedAt: at,
  }));
  const text = JSON.stringify({
    format: 'parallax',
    version: 1,
    exportedAt: at,
    actors,
    redLines: [],
    signals,
  });

  await importBackup(page, 'large.json', text);
  const bar = page.getByRole('progressbar', { name: /^(Reading|Parsing|Checking|Writing)/ });
  await bar.waitFor({ timeout: 30_000 });
  const label = page.locator('label[for="import-progress"]');
  await expect
    .poll(() => label.innerText(), { timeout: 30_000 })
    .toMatch(/^Writing [\d,]+ of 60,000 signals$/);
  expect(await bar.getAttribute('max')).toBe('60000');
  await page.getByRole('button', { name: 'Cancel import' }).click();

  expect(await waitForText(page, 'status', /cancelled/)).toBe(
    'Import of large.json cancelled. Nothing was written.',
  );
  expect(await app.storedSignalCount()).toBe(0);
  expect((await readDatabase(page)).actors).toEqual([]);
});
