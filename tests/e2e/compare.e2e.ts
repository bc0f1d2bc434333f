/**
 * The Compare view against numbers this file works out itself from the example's
 * own signals, with plain loops: no app code computes the expected values.
 */
import type { Locator, Page } from 'playwright-core';
import { EXAMPLE } from '../../src/lib/db/example';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

/** The accuracy band τ: the default setting (PRODUCT.md §3). */
const TAU = 10;
const COLUMNS = [
  'Signals',
  'Mean gap',
  'Mean |gap|',
  'Largest |gap|',
  'Underestimated %',
  'Accurate %',
  'Overestimated %',
  'Trend / 30 days',
];

interface Expected {
  count: number;
  meanGap: number;
  meanAbsGap: number;
  largest: number;
  under: number;
  accurate: number;
  over: number;
  /** None under 3 signals or on a single date: too few to say. */
  trend: number | null;
}

type ExampleSignal = (typeof EXAMPLE.signals)[number];

const nameOf = new Map(EXAMPLE.actors.map((a) => [a.id, a.name]));
const dyadName = (s: ExampleSignal) => `${nameOf.get(s.senderId)} → ${nameOf.get(s.receiverId)}`;

function day(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** The metrics of PRODUCT.md §3, worked out the long way. */
function expected(list: readonly ExampleSignal[]): Expected {
  const n = list.length;
  let sum = 0;
  let sumAbs = 0;
  let largest = 0;
  let under = 0;
  let accurate = 0;
  let over = 0;
  let sumDay = 0;
  for (const s of list) {
    const gap = s.perceived - s.intended;
    sum += gap;
    sumAbs += Math.abs(gap);
    largest = Math.max(largest, Math.abs(gap));
    if (gap < -TAU) under++;
    else if (gap > TAU) over++;
    else accurate++;
    sumDay += day(s.date);
  }
  // Least squares: slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², per day, times 30.
  const meanDay = sumDay / n;
  const meanGap = sum / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of list) {
    const dx = day(s.date) - meanDay;
    sxy += dx * (s.perceived - s.intended - meanGap);
    sxx += dx * dx;
  }
  return {
    count: n,
    meanGap,
    meanAbsGap: sumAbs / n,
    largest,
    under: (100 * under) / n,
    accurate: (100 * accurate) / n,
    over: (100 * over) / n,
    trend: n < 3 || sxx === 0 ? null : (sxy / sxx) * 30,
  };
}

function byDyad(filter: (s: ExampleSignal) => boolean = () => true): Map<string, ExampleSignal[]> {
  const groups = new Map<string, ExampleSignal[]>();
  for (const s of EXAMPLE.signals.filter(filter)) {
    const name = dyadName(s);
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  return groups;
}

const US_IRAN = 'United States → Iran';
const IRAN_US = 'Iran → United States';

/** A number as shown: one decimal at most, ASCII minus, within rounding of the exact value. */
function expectShown(text: string, exact: number | null, what: string): void {
  if (exact === null) return expect(text.trim(), what).toBe('–');
  expect(text.trim(), what).toMatch(/^-?\d+(\.\d)?$/);
  // 0.05 is half a tenth: either way of rounding a half passes, nothing else does.
  expect(Math.abs(Number(text) - exact), `${what}: ${text} for ${exact}`).toBeLessThanOrEqual(0.05 + 1e-9);
}

async function openCompare(page: Page): Promise<{ app: ParallaxApp; table: Locator }> {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.nav('Compare');
  const table = page.getByRole('table', { name: 'Dyad metrics' });
  await expect.poll(() => table.locator('tbody tr').count()).toBe(byDyad().size);
  return { app, table };
}

/** The value beside a metric's name in a mirror card. */
function mirrorValue(side: Locator, metric: string): Promise<string> {
  return side
    .locator('dl > div')
    .filter({ has: side.page().getByText(metric, { exact: true }) })
    .locator('dd')
    .innerText();
}

/** The cells of a period-comparison row: Before, From pivot, Change. */
function periodCells(table: Locator, metric: string): Promise<string[]> {
  return table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: metric, exact: true }) })
    .getByRole('cell')
    .allInnerTexts();
}

test('the metrics table gives every dyad the numbers worked out from its signals', async ({ page }) => {
  const { table } = await openCompare(page);

  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
  // The contract's columns first; the signalling and reading gaps after them (checked in numbers.e2e.ts).
  expect(headers.slice(1, COLUMNS.length + 1)).toEqual(COLUMNS);

  const groups = byDyad();
  const seen: string[] = [];
  for (const row of await table.locator('tbody tr').all()) {
    const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
    const name = cells[0];
    seen.push(name);
    const list = groups.get(name);
    expect(list, `a row for ${name}`).toBeDefined();
    const e = expected(list!);
    const values = [e.count, e.meanGap, e.meanAbsGap, e.largest, e.under, e.accurate, e.over, e.trend];
    values.forEach((value, k) => expectShown(cells[k + 1], value, `${name}, ${COLUMNS[k]}`));
  }
  expect(seen.sort()).toEqual([...groups.keys()].sort());

  // The widest misreadings first, dyads of under 3 signals after every other.
  const rowsShown = await Promise.all(
    (await table.locator('tbody tr').all()).map(async (row) => ({
      count: Number(await row.getByRole('cell').nth(1).innerText()),
      meanAbs: Number(await row.getByRole('cell').nth(3).innerText()),
    })),
  );
  const full = rowsShown.filter((r) => r.count >= 3);
  expect(rowsShown.slice(0, full.length)).toEqual(full);
  const shown = full.map((r) => r.meanAbs);
  expect(shown).toEqual(shown.slice().sort((a, b) => b - a));
  const thin = rowsShown.slice(full.length).map((r) => r.meanAbs);
  expect(thin).toEqual(thin.slice().sort((a, b) => b - a));
  expect(shown[0]).toBeCloseTo(expected(groups.get(US_IRAN)!).meanAbsGap, 1);
  const meanAbsHeader = table.getByRole('columnheader', { name: 'Mean |gap|', exact: true });
  expect(await meanAbsHeader.getAttribute('aria-sort')).toBe('descending');

  // Any column sorts, largest first, then turns round.
  await table.getByRole('button', { name: 'Signals', exact: true }).click();
  const signalsHeader = table.getByRole('columnheader', { name: 'Signals', exact: true });
  await expect.poll(() => signalsHeader.getAttribute('aria-sort')).toBe('descending');
  expect(await meanAbsHeader.getAttribute('aria-sort')).toBeNull();
  const counts = async () => (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map(Number);
  expect(await counts()).toEqual([...groups.values()].map((l) => l.length).sort((a, b) => b - a));
  await table.getByRole('button', { name: 'Signals', exact: true }).click();
  await expect.poll(() => signalsHeader.getAttribute('aria-sort')).toBe('ascending');
  expect(await counts()).toEqual([...groups.values()].map((l) => l.length).sort((a, b) => a - b));
});

test('the charts draw the four widest misreadings until the analyst picks others', async ({ page }) => {
  const { table } = await openCompare(page);
  const ranked = [...byDyad()]
    .map(([name, list]) => ({ name, meanAbs: expected(list).meanAbsGap, thin: list.length < 3 }))
    .sort((a, b) => Number(a.thin) - Number(b.thin) || b.meanAbs - a.meanAbs || a.name.localeCompare(b.name));

  for (const [k, { name }] of ranked.entries()) {
    const box = table.getByRole('checkbox', { name: `Show ${name} on the charts`, exact: true });
    expect(await box.isChecked(), name).toBe(k < 4);
  }
  const rolling = page.getByRole('img', { name: /^Rolling gaps over time/ });
  const scatter = page.getByRole('img', { name: /^Intended versus perceived resolve/ });
  await expect.poll(() => rolling.count()).toBe(1);
  expect(await scatter.count()).toBe(1);
  for (const { name } of ranked.slice(0, 4)) expect(await rolling.getAttribute('aria-label')).toContain(name);
  const drawnSignals = ranked.slice(0, 4).reduce((n, { name }) => n + byDyad().get(name)!.length, 0);
  expect(await scatter.getAttribute('aria-label')).toContain(`${drawnSignals} signals of 4 dyads`);

  const fifth = ranked[4].name;
  await table.getByRole('checkbox', { name: `Show ${fifth} on the charts`, exact: true }).check();
  await expect.poll(() => rolling.getAttribute('aria-label')).toContain(fifth);
  expect(await scatter.getAttribute('aria-label')).toContain('of 5 dyads');
});

test('the mirror sets how Iran reads the United States beside how the United States reads Iran', async ({
  page,
}) => {
  await openCompare(page);
  const mirror = page.getByRole('region', { name: 'Mirror', exact: true });
  const select = mirror.getByLabel('Mirror dyad');
  expect(await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0].text)).toBe(US_IRAN);

  const groups = byDyad();
  const usIran = expected(groups.get(US_IRAN)!);
  const iranUs = expected(groups.get(IRAN_US)!);
  const sides = [
    { side: mirror.getByRole('region', { name: US_IRAN, exact: true }), e: usIran },
    { side: mirror.getByRole('region', { name: IRAN_US, exact: true }), e: iranUs },
  ];
  const lastWindow = (list: readonly ExampleSignal[]) =>
    list.filter((s) => day(s.date) > day(list[list.length - 1].date) - 90).length;
  for (const { side, e } of sides) {
    expect(await mirrorValue(side, 'Signals')).toBe(String(e.count));
    expectShown((await mirrorValue(side, 'Mean gap')).replace(/^\+/, ''), e.meanGap, 'mean gap');
    expectShown(await mirrorValue(side, 'Mean |gap|'), e.meanAbsGap, 'mean |gap|');
    expectShown(await mirrorValue(side, 'Underestimated %'), e.under, 'underestimated');
  }
  // A side whose last window holds under 3 signals has neither a rolling gap nor an alert to show.
  for (const [name, side] of [
    [US_IRAN, sides[0].side],
    [IRAN_US, sides[1].side],
  ] as const) {
    const alert = await mirrorValue(side, 'Alert');
    if (lastWindow(groups.get(name)!) < 3) expect(alert, name).toBe('–');
    else expect(alert, name).toMatch(/^(none|deterrence-failure risk|spiral risk)$/);
  }

  // US → Iran comes first, beside its mirror, and the plane of the two after them.
  const headings = await mirror.getByRole('heading', { level: 3 }).allInnerTexts();
  expect(headings).toEqual([US_IRAN, IRAN_US, 'Mirror reading']);

  // The sentence is built from the same numbers: Iran reads the US low, the US reads Iran high.
  expect(usIran.meanGap).toBeLessThan(0);
  expect(iranUs.meanGap).toBeGreaterThan(0);
  const sentence = await mirror.locator('p.sentence').innerText();
  const low = sentence.match(/^Iran reads United States resolve ([\d.]+) points low on average; /);
  const high = sentence.match(/; United States reads Iran resolve ([\d.]+) points high\.$/);
  expect(low, sentence).not.toBeNull();
  expect(high, sentence).not.toBeNull();
  expectShown(low![1], -usIran.meanGap, 'low');
  expectShown(high![1], iranUs.meanGap, 'high');
});

test('the period comparison splits United States → Iran at 3 January 2020, the strike that closed the gap', async ({
  page,
}) => {
  await openCompare(page);
  const period = page.getByRole('region', { name: 'Period comparison' });
  const pivot = period.getByLabel('Pivot');
  expect(await pivot.inputValue()).toBe('2020-01-03');
  const dyad = period.getByLabel('Period dyad');
  expect(await dyad.evaluate((el: HTMLSelectElement) => el.selectedOptions[0].text)).toBe(US_IRAN);
  const table = period.getByRole('table', { name: 'Period comparison' });
  expect((await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim())).toEqual([
    'Metric',
    'Before',
    'From pivot',
    'Change',
  ]);

  const check = async (pivotDate: string) => {
    const usIran = (s: ExampleSignal) => dyadName(s) === US_IRAN;
    const before = expected(EXAMPLE.signals.filter((s) => usIran(s) && s.date < pivotDate));
    const after = expected(EXAMPLE.signals.filter((s) => usIran(s) && s.date >= pivotDate));
    await expect
      .poll(async () => (await periodCells(table, 'Signals')).slice(0, 2))
      .toEqual([String(before.count), String(after.count)]);
    const meanGap = await periodCells(table, 'Mean gap');
    expectShown(meanGap[0], before.meanGap, 'mean gap before');
    expectShown(meanGap[1], after.meanGap, 'mean gap after');
    expectShown(meanGap[2].replace(/^\+/, ''), after.meanGap - before.meanGap, 'change in mean gap');
    const meanAbs = await periodCells(table, 'Mean |gap|');
    expectShown(meanAbs[0], before.meanAbsGap, 'mean |gap| before');
    expectShown(meanAbs[1], after.meanAbsGap, 'mean |gap| after');
    const under = await periodCells(table, 'Underestimated %');
    expectShown(under[0], before.under, 'underestimated before');
    expectShown(under[1], after.under, 'underestimated after');
  };
  await check('2020-01-03');
  // Before the strike Iran read US resolve far too low; from it on, about right.
  expect(Number((await periodCells(table, 'Mean gap'))[0])).toBeLessThan(-25);
  expect(Math.abs(Number((await periodCells(table, 'Mean gap'))[1]))).toBeLessThan(TAU);

  await pivot.fill('2019-12-31');
  await check('2019-12-31');
});

test('a reload restores the mirror dyad, the pivot, the sort and the dyads drawn from the URL', async ({
  page,
}) => {
  const { table } = await openCompare(page);
  await page.getByLabel('Mirror dyad').selectOption({ label: IRAN_US });
  await page.getByLabel('Pivot').fill('2019-12-31');
  await table.getByRole('checkbox', { name: `Show ${US_IRAN} on the charts`, exact: true }).uncheck();
  await table.getByRole('button', { name: 'Largest |gap|', exact: true }).click();

  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/pivot=2019-12-31/);
  const hash = await page.evaluate(() => location.hash);
  expect(hash).toMatch(/^#\/compare\?/);
  expect(hash).toMatch(/mirror=/);
  expect(hash).toMatch(/show=/);
  expect(hash).toMatch(/sort=largest/);

  await page.reload();
  const reloaded = page.getByRole('table', { name: 'Dyad metrics' });
  await expect.poll(() => reloaded.locator('tbody tr').count()).toBe(byDyad().size);
  const mirror = page.getByRole('region', { name: 'Mirror', exact: true });
  expect(
    await mirror.getByLabel('Mirror dyad').evaluate((el: HTMLSelectElement) => el.selectedOptions[0].text),
  ).toBe(IRAN_US);
  expect(await mirror.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual([
    IRAN_US,
    US_IRAN,
    'Mirror reading',
  ]);
  expect(await page.getByLabel('Pivot').inputValue()).toBe('2019-12-31');
  expect(
    await reloaded.getByRole('checkbox', { name: `Show ${US_IRAN} on the charts`, exact: true }).isChecked(),
  ).toBe(false);
  expect(
    await reloaded
      .getByRole('columnheader', { name: 'Largest |gap|', exact: true })
      .getAttribute('aria-sort'),
  ).toBe('descending');
});

test('with no signals the view says there is nothing to compare yet', async ({ page }) => {
  await page.goto('/#/compare');
  await expect.poll(() => page.getByRole('heading', { name: 'Nothing to compare yet' }).count()).toBe(1);
  expect(await page.getByRole('table', { name: 'Dyad metrics' }).count()).toBe(0);
});
