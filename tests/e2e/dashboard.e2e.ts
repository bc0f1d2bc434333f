import { EXAMPLE } from '../../src/lib/db/example';
import type { Signal } from '../../src/lib/domain/types';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

const actorId = (name: string) => EXAMPLE.actors.find((a) => a.name === name)!.id;
const US = actorId('United States');
const IRAN = actorId('Iran');

/** Whole days since 1970 for a calendar date, worked out here, not by the app. */
const day = (date: string) =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
const WEIGHT = { low: 1, moderate: 2, high: 3 } as const;

function usToIran(until?: string): Signal[] {
  return EXAMPLE.signals
    .filter((s) => s.senderId === US && s.receiverId === IRAN && (!until || s.date <= until))
    .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
}

/** The confidence-weighted mean gap of the 90 days up to the last signal, and how many signals it holds. */
function windowAtEnd(list: Signal[]): { rolling: number; count: number } {
  const last = day(list[list.length - 1].date);
  let weight = 0;
  let sum = 0;
  let count = 0;
  for (const s of list) {
    if (day(s.date) <= last - 90) continue;
    weight += WEIGHT[s.confidence];
    sum += WEIGHT[s.confidence] * (s.perceived - s.intended);
    count++;
  }
  return { rolling: sum / weight, count };
}

test('at the end of 2019 the dashboard warns that Iran reads US resolve far below intent', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();

  const through2019 = usToIran('2019-12-31');
  const { rolling, count } = windowAtEnd(through2019);
  expect(rolling).toBeLessThanOrEqual(-25);

  await app.open(`#/dashboard?s=${US}&r=${IRAN}&until=2019-12-31`);
  const banner = page.getByRole('note', { name: 'Miscalculation alert' });
  await expect.poll(() => banner.count()).toBe(1);
  const text = await banner.innerText();
  expect(text).toContain('Deterrence-failure risk');
  // The alert names the date it is as of (the last signal shown) and the rolling gap as shown, to one decimal.
  const lastDate = through2019[through2019.length - 1].date;
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const asOf = `${Number(lastDate.slice(8))} ${MONTHS[Number(lastDate.slice(5, 7)) - 1]} ${lastDate.slice(0, 4)}`;
  expect(text).toContain(
    `As of ${asOf}, Iran has read United States resolve ${Math.round(-rolling * 10) / 10} points below intent over the 90 days to that date (${count} signals)`,
  );
  // The US lines drawn against Iran are at risk while Tehran reads Washington as soft;
  // a line already crossed by that date is crossed, with the date of its first crossing.
  for (const line of EXAMPLE.redLines.filter((r) => r.actorId === US && r.targetId === IRAN)) {
    const first = EXAMPLE.signals
      .filter((s) => s.redLineId === line.id && s.date <= lastDate)
      .map((s) => s.date)
      .sort()[0];
    if (first) {
      const on = `${Number(first.slice(8))} ${MONTHS[Number(first.slice(5, 7)) - 1]} ${first.slice(0, 4)}`;
      expect(text).toContain(`“${line.text}” on ${on}`);
      expect(text.split('Red lines crossed')[0]).not.toContain(line.text);
    } else expect(text).toContain(line.text);
  }

  // With January 2020 in view the gap has closed and the alert is gone.
  const all = usToIran();
  expect(windowAtEnd(all).rolling).toBeGreaterThan(-25);
  // A hash-only navigation keeps the marks already made: wait for one more.
  const drawn = await app.readyCount();
  await app.open(`#/dashboard?s=${US}&r=${IRAN}`);
  await app.waitForDashboardReady(drawn);
  // The chart now holds every signal of the dyad, January 2020 included...
  await expect
    .poll(() => app.timeline().getAttribute('aria-label'))
    .toMatch(new RegExp(`^Intended vs perceived resolve: United States → Iran, ${all.length} signals`));
  const signalsCard = page.locator('dt', { hasText: /^Signals$/ }).locator('xpath=following-sibling::dd');
  expect(await signalsCard.innerText()).toBe(String(all.length));
  // ...and with the gap closed, no alert.
  expect(await banner.count()).toBe(0);
});

test('filters and zoom live in the URL: a reload or a copied link restores them', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();

  const expected = usToIran().filter((s) => s.confidence === 'high' && s.date >= '2019-06-01');
  const hash = `#/dashboard?s=${US}&r=${IRAN}&conf=high&from=2019-06-01&zoom=2019-11-01~2020-01-31`;
  const drawn = await app.readyCount();
  await app.open(hash);
  await app.waitForDashboardReady(drawn);

  const signalsCard = page.locator('dt', { hasText: /^Signals$/ }).locator('xpath=following-sibling::dd');
  await expect.poll(() => signalsCard.innerText()).toBe(String(expected.length));
  expect(await page.getByLabel('Certainty').inputValue()).toBe('high');
  expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2019-06-01');
  expect(await page.getByRole('button', { name: 'Reset zoom' }).count()).toBe(1);

  await page.reload();
  await app.waitForDashboardReady();
  await expect.poll(() => signalsCard.innerText()).toBe(String(expected.length));
  expect(new URL(page.url()).hash).toContain('conf=high');

  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect.poll(() => new URL(page.url()).hash.includes('zoom=')).toBe(false);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => signalsCard.innerText()).toBe(String(usToIran().length));
});

test('the Signals view filters by type and tag from the URL', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();

  const restraint = EXAMPLE.signals.filter((s) => s.kind === 'restraint');
  await app.open('#/signals?kind=restraint');
  await expect.poll(() => app.signalRows().count()).toBe(restraint.length);

  const tagged = EXAMPLE.signals.filter((s) => s.tags.includes('embassy'));
  expect(tagged.length).toBeGreaterThan(0);
  await app.open('#/signals?tag=embassy');
  await expect.poll(() => app.signalRows().count()).toBe(tagged.length);
  await page.reload();
  await expect.poll(() => app.signalRows().count()).toBe(tagged.length);
});

test('swapping the dyad shows the other direction', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.open(`#/dashboard?s=${US}&r=${IRAN}`);
  await expect.poll(() => app.timeline().getAttribute('aria-label')).toMatch(/United States → Iran/);
  await page.getByRole('button', { name: 'Swap direction' }).click();
  await expect.poll(() => app.timeline().getAttribute('aria-label')).toMatch(/Iran → United States/);
  expect(new URL(page.url()).hash).toContain(`s=${IRAN}`);
});
