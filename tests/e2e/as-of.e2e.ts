import { EXAMPLE } from '../../src/lib/db/example';
import type { Signal } from '../../src/lib/domain/types';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

const actorId = (name: string) => EXAMPLE.actors.find((a) => a.name === name)!.id;
const US = actorId('United States');
const IRAN = actorId('Iran');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `2019-12-31` → `31 Dec 2019`, written here, not by the app. */
const written = (date: string) =>
  `${+date.slice(8, 10)} ${MONTHS[+date.slice(5, 7) - 1]} ${date.slice(0, 4)}`;

function usToIran(until?: string): Signal[] {
  return EXAMPLE.signals
    .filter((s) => s.senderId === US && s.receiverId === IRAN && (!until || s.date <= until))
    .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
}

test('As of replays the dashboard as it stood on a date: the cards, the alert and its date', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.open(`#/dashboard?s=${US}&r=${IRAN}`);

  const all = usToIran();
  const latest = all[all.length - 1].date;
  const asOfLine = page.locator('.as-of p');
  await expect
    .poll(() => asOfLine.innerText())
    .toBe(`Cards and alert as of ${written(latest)}, the dyad’s latest signal.`);
  const signalsCard = page.locator('dt', { hasText: /^Signals$/ }).locator('xpath=following-sibling::dd');
  expect(await signalsCard.innerText()).toBe(String(all.length));

  // New Year's Eve 2019: the signals up to it, and the alert standing then, named with its date.
  const through = usToIran('2019-12-31');
  expect(through.length).toBeLessThan(all.length);
  await page.getByLabel('As of').fill('2019-12-31');
  const lastThen = through[through.length - 1].date;
  await expect
    .poll(() => asOfLine.innerText())
    .toBe(
      lastThen === '2019-12-31'
        ? 'Cards and alert as of 31 Dec 2019.'
        : `Cards and alert as of ${written(lastThen)}, the last signal on or before 31 Dec 2019.`,
    );
  await expect.poll(() => signalsCard.innerText()).toBe(String(through.length));
  // The mean gap as it stood then, worked out here from the example's own scores,
  // written to one decimal, halves away from zero, as the cards write numbers.
  const mean = through.reduce((sum, s) => sum + (s.perceived - s.intended), 0) / through.length;
  const tenths = Math.round(Math.abs(mean) * 10) / 10;
  const meanText = mean < 0 ? `-${tenths}` : mean > 0 ? `+${tenths}` : '0';
  const meanCard = page.locator('dt', { hasText: /^Mean gap$/ }).locator('xpath=following-sibling::dd');
  expect((await meanCard.innerText()).split(/\s/)[0]).toBe(meanText);
  const banner = page.getByRole('note', { name: 'Miscalculation alert' });
  await expect.poll(() => banner.count()).toBe(1);
  expect(await banner.innerText()).toContain(
    `Deterrence-failure risk. As of ${written(lastThen)}, Iran has read`,
  );
  // The timeline replays the same signals.
  await expect
    .poll(() => app.timeline().getAttribute('aria-label'))
    .toMatch(new RegExp(`^Intended vs perceived resolve: United States → Iran, ${through.length} signals`));
  // The date lives in the URL, and Latest goes back to the latest signal.
  expect(page.url()).toContain('asof=2019-12-31');
  await page.getByRole('button', { name: 'Latest' }).click();
  await expect.poll(() => signalsCard.innerText()).toBe(String(all.length));
});
