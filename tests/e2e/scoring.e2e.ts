/**
 * Scoring as an analyst (issue 9, items 1, 2 and 6): the analyst's name, the
 * form's own scores, other analysts' scores beside it under blind scoring, and
 * a signal's history with Restore.
 */
import type { Page } from 'playwright-core';
import { EXAMPLE } from '../../src/lib/db/example';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

/** A signal of the example data set, and its scores by the example's analyst `Example`. */
const DRONE = EXAMPLE.signals.find((s) => s.date === '2019-06-20')!;
const DRONE_SCORES = EXAMPLE.assessments.find((a) => a.signalId === DRONE.id)!;

const NEW_SIGNAL = {
  date: '2020-01-20',
  sender: 'Iran',
  receiver: 'United States',
  title: 'Tehran signals talks through Oman',
  kind: 'diplomacy',
  intended: '20',
  displayed: '35',
  perceived: '30',
  rationale: 'Words only; the channel matters more than the text.',
};

/** Opens a signal's form from the Signals view, and waits until it shows the analyst's scores. */
async function openSignal(app: ParallaxApp, title: string): Promise<void> {
  await app.nav('Signals');
  await app.signalRow(title).getByRole('button', { name: 'Edit' }).click();
  await app.form.field('Title').waitFor();
}

/** Turns blind scoring on or off in the Methods view. */
async function setBlindScoring(page: Page, on: boolean): Promise<void> {
  const box = page.getByLabel('Blind scoring', { exact: true });
  await box.setChecked(on);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect
    .poll(() => page.getByText(`blind scoring ${on ? 'on' : 'off'}.`, { exact: false }).count())
    .toBeGreaterThan(0);
}

/** The rows of the table of other analysts' scores beside the form, cell by cell. */
async function otherScores(page: Page): Promise<string[][]> {
  const region = page.getByRole('region', { name: "Other analysts' scores" });
  await region.waitFor();
  const rows = await region.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (row) => (await row.locator('th, td').allTextContents()).map((t) => t.trim())),
  );
}

test('the first Save signal asks for the analyst’s name in the form, saves nothing until it is given, then saves', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  const before = await app.storedSignalCount();

  const form = await app.openSignalForm();
  await expect.poll(() => form.root.getByText('Scoring as an analyst not named yet').count()).toBe(1);
  await form.fill(NEW_SIGNAL);
  await form.root.getByRole('button', { name: 'Save signal' }).click();
  const name = form.field('Analyst name');
  await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await app.storedSignalCount()).toBe(before);

  // No name given: refused on the field, still nothing saved.
  await form.root.getByRole('button', { name: 'Save signal' }).click();
  await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
  expect(await form.root.getByText('Analyst name is required').count()).toBeGreaterThan(0);
  expect(await app.storedSignalCount()).toBe(before);

  await name.fill('Mina');
  await form.root.getByRole('button', { name: 'Save signal' }).click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await expect.poll(() => app.storedSignalCount()).toBe(before + 1);

  // The signal opens again with Mina's own scores, rationale and displayed resolve.
  await openSignal(app, NEW_SIGNAL.title);
  await expect.poll(() => app.form.root.getByText('Scoring as Mina').count()).toBe(1);
  expect(await app.form.field('Intended resolve').inputValue()).toBe('20');
  expect(await app.form.field('Displayed resolve').inputValue()).toBe('35');
  expect(await app.form.field('Perceived resolve').inputValue()).toBe('30');
  expect(await app.form.field('Rationale').inputValue()).toBe(NEW_SIGNAL.rationale);
  // The displayed resolve has the ladder's anchors beside it, like the other two.
  expect(await app.form.root.getByText('On the ladder:').count()).toBe(3);
  await page.keyboard.press('Escape');

  await app.nav('Methods');
  await expect.poll(() => page.getByLabel('Analyst name', { exact: true }).inputValue()).toBe('Mina');
});

test('Save name in the Methods view names the analyst, and a new name renames them everywhere', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open('#/methods');
  await expect
    .poll(() => page.getByText('You have not given your name yet.', { exact: false }).count())
    .toBe(1);
  await app.nameAnalyst('Ben');
  let form = await app.openSignalForm();
  await expect.poll(() => form.root.getByText('Scoring as Ben').count()).toBe(1);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  await app.nameAnalyst('Benedict Reyes');
  await page.reload();
  await expect
    .poll(() => page.getByLabel('Analyst name', { exact: true }).inputValue())
    .toBe('Benedict Reyes');
  form = await app.openSignalForm();
  await expect.poll(() => form.root.getByText('Scoring as Benedict Reyes').count()).toBe(1);
});

test('another analyst’s scores show beside the form; under blind scoring only once this analyst has saved their own', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.nameAnalyst('Mina');
  const exampleRow = [
    'Example',
    String(DRONE_SCORES.intended),
    DRONE_SCORES.displayed === null ? '–' : String(DRONE_SCORES.displayed),
    String(DRONE_SCORES.perceived),
    DRONE_SCORES.confidence,
    DRONE_SCORES.rationale,
  ];

  // Blind scoring off: the example's analyst's scores are there at once.
  await openSignal(app, DRONE.title);
  expect(await otherScores(page)).toEqual([exampleRow]);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  await app.nav('Methods');
  await setBlindScoring(page, true);
  await openSignal(app, DRONE.title);
  const others = page.getByRole('region', { name: "Other analysts' scores" });
  await expect
    .poll(() =>
      others
        .getByText(
          'One other analyst has scored this signal. Blind scoring is on: their scores show here once you have saved your own.',
        )
        .count(),
    )
    .toBe(1);
  expect(await others.getByRole('table').count()).toBe(0);
  // Mina has not scored it: the scores start empty, never the team's.
  expect(await app.form.field('Intended resolve').inputValue()).toBe('');

  await app.form.fill({
    intended: '70',
    displayed: '40',
    perceived: '25',
    rationale: 'Restraint read as weakness.',
  });
  await app.form.save();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  await openSignal(app, DRONE.title);
  expect(await otherScores(page)).toEqual([exampleRow]);
  expect(await app.form.field('Intended resolve').inputValue()).toBe('70');
  expect(await app.form.field('Rationale').inputValue()).toBe('Restraint read as weakness.');
});

test('the form lists the signal’s history newest first, and Restore brings a version back as a new change', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.nameAnalyst('Mina');
  const form = await app.openSignalForm();
  await form.fill(NEW_SIGNAL);
  await form.save();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  const renamed = 'Tehran offers talks through Oman and Qatar';
  await openSignal(app, NEW_SIGNAL.title);
  await app.form.fill({ title: renamed, intended: '25' });
  await app.form.save();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  await openSignal(app, renamed);
  const history = page.getByRole('region', { name: 'History' });
  const entries = history.getByRole('listitem');
  await expect.poll(() => entries.count()).toBe(4);
  const texts = (await entries.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  // Newest first: the edit of the facts and of Mina's scores (one save, one instant), then the creation.
  const matches = (list: string[], pattern: RegExp) => list.filter((t) => pattern.test(t)).length;
  const edits = texts.slice(0, 2);
  expect(
    matches(edits, /^Mina, .+: Changed their scores: Intended resolve\. Intended resolve before 20 Restore$/),
  ).toBe(1);
  const titleBefore = new RegExp(
    `^Mina, .+: Edited the signal: Title\\. Title before ${NEW_SIGNAL.title} Restore$`,
  );
  expect(matches(edits, titleBefore)).toBe(1);
  const creation = texts.slice(2);
  expect(matches(creation, /^Mina, .+: Logged the signal\.$/)).toBe(1);
  expect(matches(creation, /^Mina, .+: Scored the signal\.$/)).toBe(1);

  // Restore the title from before the edit: a new change, the form opens again on it.
  await entries.filter({ hasText: 'Edited the signal' }).getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => app.form.field('Title').inputValue()).toBe(NEW_SIGNAL.title);
  await expect.poll(() => entries.count()).toBe(5);
  expect(await entries.first().innerText()).toMatch(/Restored an earlier version of the signal: Title\./);
  // Mina's scores were not part of that version: they stay as edited.
  expect(await app.form.field('Intended resolve').inputValue()).toBe('25');

  // Her scores from before their edit come back the same way.
  await entries.filter({ hasText: 'Changed their scores' }).getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => app.form.field('Intended resolve').inputValue()).toBe('20');
  await expect.poll(() => entries.count()).toBe(6);
  expect(await entries.first().innerText()).toMatch(
    /Restored an earlier version of their scores: Intended resolve\./,
  );
  expect(await app.form.field('Title').inputValue()).toBe(NEW_SIGNAL.title);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await expect.poll(() => app.signalRow(NEW_SIGNAL.title).count()).toBe(1);
  expect(await app.signalRow(renamed).count()).toBe(0);
});

test('scores older than analysts belong to Unattributed, whom the analyst can take on and rename', async ({
  page,
}) => {
  // Before the app runs, a database as version 4 wrote it: one signal with its scores on the record.
  await page.goto('/favicon.svg');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('parallax', 40);
        request.onupgradeneeded = () => {
          const db = request.result;
          db.createObjectStore('actors', { keyPath: 'id' });
          db.createObjectStore('redLines', { keyPath: 'id' });
          const signals = db.createObjectStore('signals', { keyPath: 'id' });
          signals.createIndex('[senderId+receiverId+date]', ['senderId', 'receiverId', 'date']);
          signals.createIndex('redLineId', 'redLineId');
          db.createObjectStore('meta', { keyPath: 'key' });
          db.createObjectStore('deletions', { keyPath: ['table', 'id'] });
          const candidates = db.createObjectStore('candidates', { keyPath: 'id' });
          candidates.createIndex('dupKey', 'dupKey');
          candidates.createIndex('date', 'date');
          db.createObjectStore('actorMappings', { keyPath: 'key' });
          db.createObjectStore('triaged', { keyPath: 'key' }).createIndex('dupKey', 'dupKey');
          const at = '2025-06-01T10:00:00.000Z';
          const tx = request.transaction!;
          tx.objectStore('actors').put({
            id: 'a-us',
            name: 'United States',
            code: 'US',
            color: '#0072b2',
            createdAt: at,
            updatedAt: at,
          });
          tx.objectStore('actors').put({
            id: 'a-ir',
            name: 'Iran',
            code: 'IRN',
            color: '#d55e00',
            createdAt: at,
            updatedAt: at,
          });
          tx.objectStore('signals').put({
            id: 's-old',
            date: '2019-09-14',
            senderId: 'a-ir',
            receiverId: 'a-us',
            title: 'Drones and missiles hit Abqaiq and Khurais',
            kind: 'force',
            intended: 65,
            perceived: 45,
            confidence: 'moderate',
            cost: 'sunk cost',
            capped: false,
            redLineId: null,
            sources: [],
            tags: [],
            notes: '',
            createdAt: at,
            updatedAt: at,
          });
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );

  const app = new ParallaxApp(page);
  await app.open('#/methods');
  await expect
    .poll(() => page.getByText('You have not given your name yet.', { exact: false }).count())
    .toBe(1);
  await page.getByLabel('Score as', { exact: true }).selectOption({ label: 'Unattributed' });
  await page.getByRole('button', { name: 'Score as this analyst' }).click();
  await expect.poll(() => page.getByLabel('Analyst name', { exact: true }).inputValue()).toBe('Unattributed');
  await app.nameAnalyst('Mina');

  // The old scores are Mina's own now: the form starts from them, and no one else has scored the signal.
  await openSignal(app, 'Drones and missiles hit Abqaiq and Khurais');
  await expect.poll(() => app.form.root.getByText('Scoring as Mina').count()).toBe(1);
  expect(await app.form.field('Intended resolve').inputValue()).toBe('65');
  expect(await app.form.field('Perceived resolve').inputValue()).toBe('45');
  expect(await app.form.field('Displayed resolve').inputValue()).toBe('');
  await expect.poll(() => page.getByText('No other analyst has scored this signal yet.').count()).toBe(1);
});
