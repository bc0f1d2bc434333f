import type { Page } from 'playwright-core';
import { expect, newPage, test } from './harness';
import { ParallaxApp } from './pages';
import { download, importBackup, importText, openData, outcome, readDatabase, waitForText } from './transfer';

/** The first signal of the example data set. */
const TITLE = 'US leaves the 2015 nuclear deal (JCPOA); maximum-pressure sanctions follow';

async function loadExample(page: Page): Promise<ParallaxApp> {
  const app = await openData(page);
  await page.getByRole('button', { name: /^Load example/ }).click();
  await expect.poll(() => app.storedSignalCount()).toBeGreaterThan(10);
  return app;
}

async function storedSignal(page: Page, title: string) {
  return (await readDatabase(page)).signals.find((s) => s.title === title);
}

/**
 * Edits the notes of one signal through the Signals view, as an analyst would:
 * a fact of the signal (its scores are each analyst's own assessment, which
 * never meets another analyst's).
 */
async function editNotes(app: ParallaxApp, title: string, notes: string): Promise<void> {
  await app.nav('Signals');
  await app.signalRow(title).getByRole('button', { name: 'Edit' }).click();
  await app.form.field('Notes').fill(notes);
  await app.form.save();
  await app.page.getByRole('dialog').waitFor({ state: 'hidden' });
  await expect.poll(async () => (await storedSignal(app.page, title))?.notes).toBe(notes);
}

/** The conflict of one record in the Data view, its differing fields as [field, mine, the file's]. */
async function conflictRows(page: Page, title: string): Promise<string[][]> {
  const conflict = page.getByRole('article', { name: `Conflict: ${title}` });
  await conflict.waitFor();
  const rows = await conflict.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('th, td').allTextContents()).map((t) => t.trim())),
  );
}

test('two analysts who each edit one signal and exchange backups both see the conflict, and keep what they choose', async ({
  page,
  browser,
}) => {
  const mine = await loadExample(page);
  const start = await download(page, 'Export JSON');
  const colleague = await newPage(browser);
  try {
    const theirs = await openData(colleague.page);
    await importBackup(colleague.page, start.name, start.text);
    await waitForText(colleague.page, 'status', /^Imported/);

    // Each edits the same signal differently, never having seen the other's edit.
    await editNotes(mine, TITLE, 'Mine');
    await editNotes(theirs, TITLE, 'Theirs');
    await mine.nav('Data');
    await theirs.nav('Data');
    const fromMe = await download(page, 'Export JSON');
    const fromThem = await download(colleague.page, 'Export JSON');

    // Both ways: each sees the conflict, waiting, never announced as a success.
    await importBackup(colleague.page, 'mine.json', fromMe.text);
    await importBackup(page, 'theirs.json', fromThem.text);
    for (const [p, file] of [
      [colleague.page, 'mine.json'],
      [page, 'theirs.json'],
    ] as const) {
      const status = await waitForText(p, 'status', /^Imported/);
      expect(status).toMatch(
        new RegExp(
          `^Imported ${file.replace('.', '\\.')}: 0 signals added, 0 updated, 0 deleted, \\d+ unchanged, 0 left alone, 1 conflict\\. In conflict: “`,
        ),
      );
      expect(status).toMatch(
        /One record was changed both here and in the file: yours stays until you choose/,
      );
      expect(await outcome(p, 'status').getAttribute('class')).toMatch(/\bwaiting\b/);
      expect(await outcome(p, 'status').getAttribute('class')).not.toMatch(/\bok\b/);
    }
    expect(await conflictRows(colleague.page, TITLE)).toEqual([['Notes', 'Theirs', 'Mine']]);
    expect(await conflictRows(page, TITLE)).toEqual([['Notes', 'Mine', 'Theirs']]);
    // Nothing was decided for them: each still holds their own edit.
    expect((await storedSignal(page, TITLE))?.notes).toBe('Mine');
    expect((await storedSignal(colleague.page, TITLE))?.notes).toBe('Theirs');

    // I keep mine; my colleague takes the file's (mine): both end with mine.
    await page
      .getByRole('article', { name: `Conflict: ${TITLE}` })
      .getByRole('button', { name: 'Keep mine' })
      .click();
    await colleague.page
      .getByRole('article', { name: `Conflict: ${TITLE}` })
      .getByRole('button', { name: "Take the file's" })
      .click();
    await waitForText(page, 'status', /^Every conflict from theirs\.json is settled\.$/);
    await waitForText(colleague.page, 'status', /^Every conflict from mine\.json is settled\.$/);
    expect(await page.getByRole('article', { name: `Conflict: ${TITLE}` }).count()).toBe(0);
    await expect.poll(async () => (await storedSignal(page, TITLE))?.notes).toBe('Mine');
    await expect.poll(async () => (await storedSignal(colleague.page, TITLE))?.notes).toBe('Mine');
    // The scores were never in question: a fact was settled, and both hold the same scores
    // (each profile's unnamed analyst goes by its own id, matched by name in the exchange).
    const values = async (p: Page) =>
      ((await storedSignal(p, TITLE))?.scores as { analystId: string }[]).map(({ analystId: _, ...v }) => v);
    expect(await values(colleague.page)).toEqual(await values(page));

    // The next exchange agrees: no conflict either way.
    await theirs.nav('Data');
    const settledMine = await download(page, 'Export JSON');
    await importBackup(colleague.page, 'again.json', settledMine.text);
    expect(await waitForText(colleague.page, 'status', /^Imported again\.json/)).toMatch(/, 0 conflicts\.$/);
  } finally {
    await colleague.close();
    colleague.assertClean();
  }
});

test('a signal deleted here does not come back when an older backup is merged', async ({ page }) => {
  const app = await loadExample(page);
  const older = await download(page, 'Export JSON');
  const count = await app.storedSignalCount();

  await app.nav('Signals');
  await app.signalRow(TITLE).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => app.storedSignalCount()).toBe(count - 1);

  await app.nav('Data');
  await importBackup(page, 'older.json', older.text);
  expect(await waitForText(page, 'status', /^Imported older\.json/)).toBe(
    `Imported older.json: 0 signals added, 0 updated, 0 deleted, ${count - 1} unchanged, 1 left alone, 0 conflicts. ` +
      `Left alone: “${TITLE}” (deleted here). ` +
      // Its assessment in the file goes nowhere either.
      `Assessments: 0 added, 0 updated, 1 left alone. Assessments left alone: “Example's scores of ‘${TITLE}’” (its signal is deleted).`,
  );
  expect(await app.storedSignalCount()).toBe(count - 1);
  expect(await storedSignal(page, TITLE)).toBeUndefined();
  await app.nav('Signals');
  await expect.poll(() => app.signalRows().count()).toBe(count - 1);
  expect(await app.signalRow(TITLE).count()).toBe(0);
});

/** One physical line of CSV split into its raw cells, quotes kept, so joining them gives the line back. */
function rawCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

test('a perceived resolve changed in a spreadsheet is the analyst’s assessment updated, not a conflict', async ({
  page,
}) => {
  const app = await loadExample(page);
  const before = await storedSignal(page, TITLE);
  const csv = await download(page, 'Export CSV');
  const lines = csv.text.split('\r\n');
  const header = rawCells(lines[0].replace(/^\uFEFF/, ''));
  const perceivedAt = header.indexOf('perceived');
  const updatedAt = header.indexOf('updated_at');
  const at = lines.findIndex((l) => l.includes(TITLE));
  const cells = rawCells(lines[at]);
  expect(cells[perceivedAt]).toBe(String(before?.perceived));
  const changed = before?.perceived === 5 ? 6 : 5;
  // What LibreOffice does on save: the one cell edited, everything else as it was.
  cells[perceivedAt] = String(changed);
  lines[at] = cells.join(',');
  expect(cells[updatedAt]).toBe(before?.updatedAt);

  await importText(page, 'edited.csv', lines.join('\r\n'), 'text/csv');
  const n = await app.storedSignalCount();
  await page.getByRole('button', { name: `Import ${n} signals` }).click();
  // The score is the example analyst's assessment: it is what changed, not the signal's facts.
  expect(await waitForText(page, 'status', /^Imported edited\.csv/)).toBe(
    `Imported edited.csv: 0 signals added, 0 updated, 0 deleted, ${n} unchanged, 0 left alone, 0 conflicts. ` +
      `Assessments: 0 added, 1 updated. Assessments updated: “Example's scores of ‘${TITLE}’” (edited outside Parallax).`,
  );
  const after = await storedSignal(page, TITLE);
  // One analyst: the consensus is the changed score, and the signal's facts and stamp stay.
  expect(after?.perceived).toBe(changed);
  expect(after?.updatedAt).toBe(before?.updatedAt);
});

test('a signal’s history shows what an import changed, and Restore brings back the version it replaced', async ({
  page,
}) => {
  const app = await loadExample(page);
  await app.nameAnalyst('Mina');
  await app.nav('Data');
  const backup = await download(page, 'Export JSON');
  const before = await storedSignal(page, TITLE);
  // The file's notes edited by hand, its stamps left as they were: an edit made outside Parallax.
  const data = JSON.parse(backup.text) as { signals: { title: string; notes: string }[] };
  data.signals.find((s) => s.title === TITLE)!.notes = 'Edited in the file.';
  await importBackup(page, 'edited.json', JSON.stringify(data));
  await waitForText(page, 'status', /^Imported edited\.json/);
  await expect.poll(async () => (await storedSignal(page, TITLE))?.notes).toBe('Edited in the file.');

  await app.nav('Signals');
  await app.signalRow(TITLE).getByRole('button', { name: 'Edit' }).click();
  const entries = page.getByRole('region', { name: 'History' }).getByRole('listitem');
  await expect
    .poll(async () => (await entries.first().innerText()).replace(/\s+/g, ' ').trim())
    .toMatch(/^Mina, .+: Imported changes to the signal: Notes\. Notes before .+ Restore$/);

  await entries.first().getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => app.form.field('Notes').inputValue()).toBe(before?.notes);
  expect(await entries.first().innerText()).toMatch(/Restored an earlier version of the signal: Notes\./);
});
