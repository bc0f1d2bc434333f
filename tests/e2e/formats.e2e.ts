/**
 * Backups of every format version and a spreadsheet with two analysts' rows,
 * imported through the Data view of the production build into real
 * IndexedDB: scores become assessments, and each signal's consensus is the
 * mean of its analysts' scores (issue 9, item 7).
 */
import type { Page } from 'playwright-core';
import { expect, test } from './harness';
import { importBackup, importText, openData, waitForText } from './transfer';

type Row = Record<string, unknown> & { id: string };
interface Team {
  analysts: Row[];
  assessments: Row[];
  signals: Row[];
}

/** The analysts, assessments and signals IndexedDB holds, read through the browser's own API. */
function readTeam(page: Page): Promise<Team> {
  return page.evaluate(
    () =>
      new Promise<Team>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = ['analysts', 'assessments', 'signals'];
          const tx = db.transaction(names);
          const out: Record<string, unknown[]> = {};
          for (const name of names) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => (out[name] = all.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out as unknown as Team);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const T0 = '2026-01-01T10:00:00.000Z';
const US = {
  id: 'actor-us',
  name: 'United States',
  code: 'USA',
  color: '#1d4ed8',
  createdAt: T0,
  updatedAt: T0,
};
const IRAN = { id: 'actor-iran', name: 'Iran', code: 'IRN', color: '#b91c1c', createdAt: T0, updatedAt: T0 };
const facts = (id: string, title: string, date: string) => ({
  id,
  date,
  senderId: US.id,
  receiverId: IRAN.id,
  title,
  kind: 'force',
  cost: 'sunk cost',
  capped: false,
  redLineId: null,
  sources: [],
  tags: [],
  notes: '',
  createdAt: T0,
  updatedAt: T0,
});

const VERSION_1 = {
  format: 'parallax',
  version: 1,
  exportedAt: T0,
  actors: [US, IRAN],
  redLines: [],
  signals: [
    {
      ...facts('v1-signal', 'Drone shot down', '2019-06-20'),
      intended: 70,
      perceived: 40,
      confidence: 'high',
    },
  ],
};
const VERSION_2 = {
  format: 'parallax',
  version: 2,
  exportedAt: T0,
  analyst: 'Ben',
  actors: [US, IRAN],
  redLines: [],
  signals: [
    {
      ...facts('v2-signal', 'Strike called off', '2019-06-21'),
      intended: 30,
      perceived: 60,
      confidence: 'low',
    },
  ],
  deletions: [],
};
const score = (
  id: string,
  analystId: string,
  intended: number,
  displayed: number | null,
  perceived: number,
) => ({
  id,
  signalId: 'v3-signal',
  analystId,
  intended,
  displayed,
  perceived,
  confidence: 'moderate',
  rationale: '',
  createdAt: T0,
  updatedAt: T0,
});
const VERSION_3 = {
  format: 'parallax',
  version: 3,
  exportedAt: T0,
  actors: [US, IRAN],
  redLines: [],
  analysts: [
    { id: 'analyst-ana', name: 'Ana', createdAt: T0, updatedAt: T0 },
    { id: 'analyst-cy', name: 'Cy', createdAt: T0, updatedAt: T0 },
  ],
  signals: [facts('v3-signal', 'Soleimani killed', '2020-01-03')],
  assessments: [score('v3-ana', 'analyst-ana', 85, 90, 80), score('v3-cy', 'analyst-cy', 75, null, 61)],
  deletions: [],
};

test('backups of versions 1, 2 and 3 import: older scores become assessments, each signal the mean of its analysts', async ({
  page,
}) => {
  await openData(page);
  await importBackup(page, 'v1.json', JSON.stringify(VERSION_1));
  await waitForText(page, 'status', /^Imported v1\.json: 1 signal added/);
  await importBackup(page, 'v2.json', JSON.stringify(VERSION_2));
  await waitForText(page, 'status', /^Imported v2\.json: 1 signal added/);
  await importText(page, 'v3.json', JSON.stringify(VERSION_3), 'application/json');
  // The preview counts the file's assessments and shows the team's mean: (85 + 75) / 2, (80 + 61) / 2.
  expect(await waitForText(page, 'status', /ready to import/)).toBe(
    'v3.json: 1 signal, 2 actors and 0 red lines ready to import. Check the preview, then confirm.',
  );
  const preview = page.getByRole('table', { name: 'First signals in the file' });
  expect(await preview.locator('tbody tr').allInnerTexts()).toEqual([
    expect.stringMatching(/Soleimani killed\t80\t70\.5$/),
  ]);
  await page.getByRole('button', { name: 'Import 1 signal' }).click();
  expect(await waitForText(page, 'status', /^Imported v3\.json/)).toMatch(
    /^Imported v3\.json: 1 signal added, .* Assessments: 2 added, 0 updated\. .* Analysts: 2 added, 0 updated\. Analysts added: “Ana”, “Cy”\./,
  );

  const team = await readTeam(page);
  const analyst = new Map(team.analysts.map((a) => [a.id, a.name]));
  expect([...analyst.values()].sort()).toEqual(['Ana', 'Ben', 'Cy', 'Unattributed']);
  expect(
    team.assessments
      .map((a) => [a.signalId, analyst.get(a.analystId as string), a.intended, a.displayed, a.perceived])
      .sort((x, y) => String(x[0] + String(x[1])).localeCompare(String(y[0]) + String(y[1]))),
  ).toEqual([
    ['v1-signal', 'Unattributed', 70, null, 40],
    ['v2-signal', 'Ben', 30, null, 60],
    ['v3-signal', 'Ana', 85, 90, 80],
    ['v3-signal', 'Cy', 75, null, 61],
  ]);
  const signal = (id: string) => team.signals.find((s) => s.id === id);
  expect(signal('v1-signal')).toMatchObject({ intended: 70, perceived: 40, confidence: 'high', weight: 3 });
  expect(signal('v2-signal')).toMatchObject({ intended: 30, perceived: 60, confidence: 'low', weight: 1 });
  expect(signal('v3-signal')).toMatchObject({
    intended: 80,
    displayed: 90,
    perceived: 70.5,
    confidence: 'moderate',
    weight: 2,
    updatedAt: T0,
  });
});

test('a CSV with two analysts’ rows of one signal imports as one signal with both assessments; a bad row writes nothing', async ({
  page,
}) => {
  await openData(page);
  const bad =
    'date,sender,receiver,title,analyst,intended,displayed,perceived,id\n' +
    "2019-12-29,United States,Kata'ib Hezbollah,Strikes on five sites,Ana,75,80,50,s-1\n" +
    "2019-12-29,United States,Kata'ib Hezbollah,Strikes on five sites,Ana,70,,45,s-1\n" +
    "2019-12-31,Kata'ib Hezbollah,United States,Embassy breached,Ben,60,101,55,s-2\n";
  await importText(page, 'bad.csv', bad, 'text/csv');
  await waitForText(page, 'alert', /problems were found/);
  const rows = page.getByRole('table', { name: /^Problems found/ }).locator('tbody tr');
  expect(await rows.allInnerTexts()).toEqual([
    '3\tanalyst\tscores the signal of line 2 a second time: one assessment per analyst and signal',
    '4\tdisplayed\tmust be a whole number from 0 to 100 (found “101”)',
  ]);
  expect((await readTeam(page)).assessments).toEqual([]);

  const good = bad
    .replace(',Ana,70,,45,s-1', ',Ben,65,,40,s-1')
    .replace(',Ben,60,101,55,s-2', ',Ben,60,,55,s-2');
  await importText(page, 'good.csv', good, 'text/csv');
  await page.getByRole('button', { name: 'Import 2 signals' }).click();
  expect(await waitForText(page, 'status', /^Imported good\.csv/)).toMatch(
    /^Imported good\.csv: 2 signals added, .* Assessments: 3 added, 0 updated\. .* Analysts: 2 added, 0 updated\. Analysts added: “Ana”, “Ben”\./,
  );
  const team = await readTeam(page);
  expect(team.signals.map((s) => s.id).sort()).toEqual(['s-1', 's-2']);
  expect(team.assessments.filter((a) => a.signalId === 's-1')).toHaveLength(2);
  // s-1: Ana 75 / 80 / 50, Ben 65 / – / 40.
  expect(team.signals.find((s) => s.id === 's-1')).toMatchObject({
    intended: 70,
    displayed: 80,
    perceived: 45,
  });
});

test('a backup with an assessment by no analyst and a displayed of 101 is refused by record, line and field, and nothing is stored', async ({
  page,
}) => {
  await openData(page);
  const bad = {
    ...VERSION_3,
    assessments: [
      { ...VERSION_3.assessments[0], displayed: 101 },
      { ...VERSION_3.assessments[1], analystId: 'nobody' },
    ],
  };
  // Laid out as Parallax writes a backup: the envelope, then one record a line.
  const list = (rows: readonly object[]) => `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
  const text = `{\n${Object.entries(bad)
    .map(
      ([key, value]) =>
        `${JSON.stringify(key)}: ${Array.isArray(value) ? list(value) : JSON.stringify(value)}`,
    )
    .join(',\n')}\n}\n`;
  await importText(page, 'bad.json', text, 'application/json');
  expect(await waitForText(page, 'alert', /problems were found/)).toBe(
    '2 problems were found in the file. Nothing was imported: fix the file and import it again.',
  );
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const rows = page.getByRole('table', { name: /^Problems found/ }).locator('tbody tr');
  expect(await rows.allInnerTexts()).toEqual([
    `assessments[0], line ${lineOf('"v3-ana"')}\tdisplayed\tmust be a whole number from 0 to 100`,
    `assessments[1], line ${lineOf('"v3-cy"')}\tanalystId\tnames no analyst in the file or here`,
  ]);
  expect(lineOf('"v3-ana"')).toBeGreaterThan(1);
  expect(await readTeam(page)).toEqual({ analysts: [], assessments: [], signals: [] });
});
