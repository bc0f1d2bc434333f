import { EXAMPLE } from '../../src/lib/db/example';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

const actorId = (name: string) => EXAMPLE.actors.find((a) => a.name === name)!.id;

test('a narrower accuracy band is kept with the data and changes every reading', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();

  await app.nav('Methods');
  const tau = page.getByLabel('Accuracy band τ');
  await tau.fill('5');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect.poll(() => page.getByText('within ±5 points').count()).toBe(1);

  await page.reload();
  await expect.poll(() => page.getByLabel('Accuracy band τ').inputValue()).toBe('5');

  // United States → Iran with τ = 5: a gap of −5 or 0 is accurate, −15 is not.
  const us = actorId('United States');
  const iran = actorId('Iran');
  const gaps = EXAMPLE.signals
    .filter((s) => s.senderId === us && s.receiverId === iran)
    .map((s) => s.perceived - s.intended);
  const accurate = gaps.filter((g) => Math.abs(g) <= 5).length;
  const share = Math.round((1000 * accurate) / gaps.length) / 10;

  await app.open(`#/dashboard?s=${us}&r=${iran}`);
  await app.waitForDashboardReady();
  await expect.poll(() => page.getByText(`${share}% accurate`).count()).toBe(1);
});

test('a threshold out of bounds is marked and nothing is saved', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open('#/methods');
  const tau = page.getByLabel('Accuracy band τ');
  await tau.fill('80');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect.poll(() => tau.getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByText('Accuracy band τ must be a whole number from 0 to 50.').isVisible()).toBe(true);

  await page.reload();
  await expect.poll(() => page.getByLabel('Accuracy band τ').inputValue()).toBe('10');
});

test('the Methods view shows the file formats, field by field, from the documentation', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open('#/methods');
  const section = page.getByRole('region', { name: 'File formats' });
  await section.getByRole('heading', { name: 'JSON backup' }).waitFor();
  await section.getByRole('heading', { name: 'CSV', exact: true }).waitFor();
  // The CSV header, as docs/DATA.md gives it, readable in the app.
  expect(await section.locator('pre').allInnerTexts()).toContainEqual(
    expect.stringContaining(
      'date,sender,receiver,title,kind,analyst,intended,displayed,perceived,confidence,rationale',
    ),
  );
  const columns = section.getByRole('table').filter({ hasText: 'red_line' });
  expect(await columns.getByRole('row').filter({ hasText: 'the actors' }).innerText()).toMatch(
    /^sender, receiver/,
  );
});
