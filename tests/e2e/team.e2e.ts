/**
 * Two analysts, two browser profiles (two contexts, each its own IndexedDB):
 * each scores the same signals in their own name, they exchange backups both
 * ways, and each then holds both analysts' scores, sees each analyst's series
 * and the team's on the Dashboard, and the agreement the Compare view reports.
 */
import type { Page } from 'playwright-core';
import { expect, newPage, test } from './harness';
import { ParallaxApp } from './pages';
import { download, importBackup, openData, waitForText } from './transfer';

interface Scores {
  intended: number;
  displayed: number;
  perceived: number;
}

const SIGNALS = [
  { date: '2019-06-20', title: 'Strike called off minutes before launch', kind: 'restraint' },
  { date: '2019-09-14', title: 'No response to the Abqaiq attack', kind: 'restraint' },
  { date: '2020-01-03', title: 'Soleimani killed at Baghdad airport', kind: 'force' },
] as const;

/** Each analyst's scores of the three signals, in the order above: they differ on purpose. */
const ANNA: Scores[] = [
  { intended: 20, displayed: 40, perceived: 10 },
  { intended: 60, displayed: 70, perceived: 40 },
  { intended: 80, displayed: 80, perceived: 60 },
];
const BORIS: Scores[] = [
  { intended: 30, displayed: 40, perceived: 20 },
  { intended: 60, displayed: 50, perceived: 40 },
  { intended: 70, displayed: 90, perceived: 80 },
];

/**
 * Krippendorff's alpha (interval) by hand for two analysts and three signals:
 * α = 1 − D_o / D_e, D_o = Σ_units 2(a − b)² / n, D_e = (2n·Σv² − 2(Σv)²) / (n(n − 1)), n = 6.
 *
 * Intended (20, 30), (60, 60), (80, 70): Σ 2(a − b)² = 200 + 0 + 200 = 400;
 *   Σv = 320, Σv² = 19,800; 2·6·19,800 − 2·320² = 32,800; α = 1 − (400/6)/(32,800/30) = 77/82 = 0.939.
 * Displayed (40, 40), (70, 50), (80, 90): Σ 2(a − b)² = 0 + 800 + 200 = 1000;
 *   Σv = 370, Σv² = 25,100; 2·6·25,100 − 2·370² = 27,400; α = 1 − (1000/6)/(27,400/30) = 112/137 = 0.818.
 * Perceived (10, 20), (40, 40), (60, 80): Σ 2(a − b)² = 200 + 0 + 800 = 1000;
 *   Σv = 250, Σv² = 13,700; 2·6·13,700 − 2·250² = 39,400; α = 1 − (1000/6)/(39,400/30) = 172/197 = 0.873.
 */
const ALPHAS = {
  intended: 1 - 400 / 6 / (32_800 / 30),
  displayed: 1 - 1000 / 6 / (27_400 / 30),
  perceived: 1 - 1000 / 6 / (39_400 / 30),
};

/** The team's consensus: the mean of the two analysts' scores. */
const MEAN: Scores[] = ANNA.map((a, k) => ({
  intended: (a.intended + BORIS[k].intended) / 2,
  displayed: (a.displayed + BORIS[k].displayed) / 2,
  perceived: (a.perceived + BORIS[k].perceived) / 2,
}));

async function nameAnalyst(app: ParallaxApp, name: string): Promise<void> {
  await app.nav('Methods');
  await app.page.getByLabel('Analyst name', { exact: true }).fill(name);
  await app.page.getByRole('button', { name: 'Save name', exact: true }).click();
  await expect.poll(async () => (await readTeam(app.page)).analysts).toContain(name);
}

async function addActor(page: Page, name: string, code: string): Promise<void> {
  await page.getByLabel('Actor name').fill(name);
  await page.getByLabel('Actor code').fill(code);
  await page.getByRole('button', { name: 'Add actor' }).click();
  await page
    .getByRole('table', { name: /^Actors/ })
    .getByText(name, { exact: true })
    .waitFor();
}

async function fillScores(app: ParallaxApp, scores: Scores): Promise<void> {
  await app.form.field('Intended resolve').fill(String(scores.intended));
  await app.form.field('Displayed resolve').fill(String(scores.displayed));
  await app.form.field('Perceived resolve').fill(String(scores.perceived));
}

async function saveForm(app: ParallaxApp): Promise<void> {
  await app.form.save();
  await app.page.getByRole('dialog').waitFor({ state: 'hidden' });
}

/** Every analyst's scores IndexedDB holds, as `analyst · title · intended/displayed/perceived`, sorted. */
async function readTeam(page: Page): Promise<{ analysts: string[]; scores: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ analysts: string[]; scores: string[] }>((resolve, reject) => {
        const request = indexedDB.open('parallax');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['analysts', 'assessments', 'signals']);
          const out: Record<string, Record<string, unknown>[]> = {};
          for (const name of ['analysts', 'assessments', 'signals']) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => (out[name] = all.result);
          }
          tx.oncomplete = () => {
            db.close();
            const names = new Map(out.analysts.map((a) => [a.id, String(a.name)]));
            const titles = new Map(out.signals.map((s) => [s.id, String(s.title)]));
            resolve({
              analysts: [...names.values()].sort(),
              scores: out.assessments
                .map(
                  (a) =>
                    `${names.get(a.analystId as string)} · ${titles.get(a.signalId as string)} · ${a.intended}/${a.displayed}/${a.perceived}`,
                )
                .sort(),
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const EXPECTED_SCORES = [
  ...SIGNALS.map(
    (s, k) => `Anna · ${s.title} · ${ANNA[k].intended}/${ANNA[k].displayed}/${ANNA[k].perceived}`,
  ),
  ...SIGNALS.map(
    (s, k) => `Boris · ${s.title} · ${BORIS[k].intended}/${BORIS[k].displayed}/${BORIS[k].perceived}`,
  ),
].sort();

/** The Dashboard's points table, newest first, as `title intended perceived`. */
async function dashboardPoints(page: Page): Promise<string[]> {
  const rows = await page
    .getByRole('table', { name: 'Points of the resolve timeline' })
    .locator('tbody tr')
    .all();
  return Promise.all(
    rows.map(async (row) => {
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
      return `${cells[1]} ${cells[2]} ${cells[3]}`;
    }),
  );
}

/** What the points table shows for the given scores, newest first. */
function pointsOf(scores: readonly Scores[], only: readonly number[] = [0, 1, 2]): string[] {
  return only.map((k) => `${SIGNALS[k].title} ${scores[k].intended} ${scores[k].perceived}`).reverse();
}

async function agreementRow(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Agreement' });
  const row = table.locator('tbody tr').filter({ hasText: 'United States → Iran' });
  await row.waitFor();
  // Text as written, not as the table's style capitalises its headers.
  return (await row.locator('th, td').allTextContents()).map((t) => t.trim());
}

test('two analysts score the same signals apart, exchange backups both ways, and each sees both, the team and their agreement', async ({
  page,
  browser,
}) => {
  const anna = new ParallaxApp(page);
  await anna.open();
  await nameAnalyst(anna, 'Anna');
  await anna.nav('Actors');
  await addActor(page, 'United States', 'US');
  await addActor(page, 'Iran', 'IR');
  for (const [k, s] of SIGNALS.entries()) {
    const form = await anna.openSignalForm();
    await form.fill({
      date: s.date,
      sender: 'United States',
      receiver: 'Iran',
      title: s.title,
      kind: s.kind,
    });
    await fillScores(anna, ANNA[k]);
    await saveForm(anna);
  }
  await expect.poll(async () => (await readTeam(page)).scores.length).toBe(3);

  const colleague = await newPage(browser);
  try {
    const boris = new ParallaxApp(colleague.page);
    await boris.open();
    await nameAnalyst(boris, 'Boris');

    // Anna → Boris.
    await openData(page);
    const fromAnna = await download(page, 'Export JSON');
    await boris.nav('Data');
    await importBackup(colleague.page, 'anna.json', fromAnna.text);
    await waitForText(colleague.page, 'status', /^Imported/);

    // Boris scores the same signals in his own name.
    await boris.nav('Signals');
    for (const [k, s] of SIGNALS.entries()) {
      await boris.signalRow(s.title).getByRole('button', { name: 'Edit' }).click();
      await colleague.page.getByRole('dialog').waitFor();
      await expect.poll(() => boris.form.root.innerText()).toMatch(/Scoring as Boris/);
      await fillScores(boris, BORIS[k]);
      await saveForm(boris);
    }
    await expect.poll(async () => (await readTeam(colleague.page)).scores.length).toBe(6);

    // Boris → Anna, then Anna → Boris again: nothing either holds is lost or changed.
    await boris.nav('Data');
    const fromBoris = await download(colleague.page, 'Export JSON');
    await importBackup(page, 'boris.json', fromBoris.text);
    await waitForText(page, 'status', /^Imported/);
    const again = await download(page, 'Export JSON');
    await importBackup(colleague.page, 'anna-again.json', again.text);
    await waitForText(colleague.page, 'status', /^Imported/);

    for (const p of [page, colleague.page]) {
      const team = await readTeam(p);
      expect(team.analysts).toEqual(['Anna', 'Boris']);
      expect(team.scores).toEqual(EXPECTED_SCORES);
    }

    // The Dashboard: the team's mean, then each analyst's own series.
    for (const app of [anna, boris]) {
      await app.nav('Dashboard');
      const scoresOf = app.page.getByLabel('Scores of', { exact: true });
      await scoresOf.waitFor();
      const options = await scoresOf.locator('option').allInnerTexts();
      expect(options.map((o) => o.trim())).toEqual(['Team (mean)', 'Anna', 'Boris']);
      await expect.poll(() => dashboardPoints(app.page)).toEqual(pointsOf(MEAN));
      await scoresOf.selectOption({ label: 'Anna' });
      await expect.poll(() => dashboardPoints(app.page)).toEqual(pointsOf(ANNA));
      await scoresOf.selectOption({ label: 'Boris' });
      await expect.poll(() => dashboardPoints(app.page)).toEqual(pointsOf(BORIS));
      await scoresOf.selectOption({ label: 'Team (mean)' });
      await expect.poll(() => dashboardPoints(app.page)).toEqual(pointsOf(MEAN));

      // Compare: the alphas worked out above, to two decimals.
      await app.nav('Compare');
      expect(await agreementRow(app.page)).toEqual([
        'United States → Iran',
        '3',
        ALPHAS.intended.toFixed(2),
        ALPHAS.displayed.toFixed(2),
        ALPHAS.perceived.toFixed(2),
      ]);
    }
    // 0.94, 0.82, 0.87 as worked out above: the test's arithmetic is checked too.
    expect([ALPHAS.intended, ALPHAS.displayed, ALPHAS.perceived].map((a) => a.toFixed(2))).toEqual([
      '0.94',
      '0.82',
      '0.87',
    ]);

    // Largest spreads: the Abqaiq non-response 20 (displayed 70 against 50), Soleimani 20 (perceived
    // 60 against 80, the later date), the strike called off 10.
    const disputed = page.getByRole('region', { name: 'Most disputed signals' }).getByRole('button');
    expect((await disputed.allInnerTexts()).map((t) => t.trim())).toEqual([
      SIGNALS[1].title,
      SIGNALS[2].title,
      SIGNALS[0].title,
    ]);

    // Methods says what alpha means in plain words.
    await anna.nav('Methods');
    await expect
      .poll(() => page.getByRole('main').innerText())
      .toMatch(/1 is full agreement; 0 is no better than chance/);
    colleague.assertClean();
  } finally {
    await colleague.close();
  }
});
