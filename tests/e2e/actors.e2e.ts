import type { Page } from 'playwright-core';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

const openActors = (page: Page) => new ParallaxApp(page).openActors();
const actorRow = (page: Page, name: string) => new ParallaxApp(page).actorRow(name);

async function addActor(page: Page, name: string, code: string): Promise<void> {
  await page.getByLabel('Actor name').fill(name);
  await page.getByLabel('Actor code').fill(code);
  await page.getByRole('button', { name: 'Add actor' }).click();
  await actorRow(page, name).waitFor();
}

test('an actor no signal names is deleted after a confirmation', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await openActors(page);
  await addActor(page, 'Houthis', 'HOU');

  await actorRow(page, 'Houthis').getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete actor' }).click();
  await expect.poll(() => actorRow(page, 'Houthis').count()).toBe(0);
  expect(await actorRow(page, 'Iran').count()).toBe(1);
});

test('an actor with signals cannot vanish; merged into another, its signals belong to that actor', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await openActors(page);
  // A second spelling, as a second file would bring it.
  await addActor(page, 'USA', 'USA');
  const form = await app.openSignalForm();
  await form.fill({
    date: '2020-01-06',
    sender: 'USA',
    receiver: 'Iran',
    title: 'Spelt the other way',
    intended: '60',
    perceived: '55',
  });
  await form.save();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
  // The row counts the one signal.
  await expect.poll(() => actorRow(page, 'USA').locator('td').nth(3).innerText()).toBe('1');

  // Delete explains, and offers the merge instead of deleting.
  await actorRow(page, 'USA').getByRole('button', { name: 'Delete' }).click();
  expect(await page.getByText('sends or receives 1 signal, so it cannot simply be deleted').count()).toBe(1);
  expect(await page.getByRole('button', { name: 'Delete actor' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Merge into…' }).click();

  await page.getByLabel('Merge into actor').selectOption({ label: 'United States' });
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect.poll(() => actorRow(page, 'USA').count()).toBe(0);

  await app.nav('Signals');
  const row = app.signalRow('Spelt the other way');
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.locator('td').nth(1).innerText()).toMatch(/^United States\s*→\s*Iran$/);
});

test('deleting a red line says how many signals crossed it, then clears it from them', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await openActors(page);
  const table = page.getByRole('table', { name: /^Red lines/ });
  const line = table.locator('tbody tr').filter({ hasText: 'on a US embassy' });
  expect(await line.innerText()).toContain('crossed once');

  await line.getByRole('button', { name: 'Delete' }).click();
  expect(await table.innerText()).toContain('1 signal crosses it');
  await page.getByRole('button', { name: 'Delete red line' }).click();
  await expect.poll(() => table.locator('tbody tr').filter({ hasText: 'on a US embassy' }).count()).toBe(0);

  // The embassy breach no longer says it crossed a red line.
  await app.nav('Signals');
  const breach = app
    .signalRows()
    .filter({ hasText: /embassy/i })
    .filter({ hasText: '31 Dec 2019' });
  await expect.poll(() => breach.count()).toBeGreaterThan(0);
  expect(await breach.first().innerText()).not.toContain('red line crossed');
});
