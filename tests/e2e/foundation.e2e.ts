import { expect, test } from './harness';
import { ParallaxApp } from './pages';

test('a new analyst loads the example, logs a signal, reloads and finds it with its signed gap', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();

  await app.loadExample();
  await expect.poll(() => app.timeline().count()).toBe(1);
  const name = await app.timeline().getAttribute('aria-label');
  expect(name).toMatch(/^Intended vs perceived resolve: United States → Iran, \d+ signals/);
  // The points table beside the chart lists the newest point first.
  const pointsTable = page.getByRole('table', { name: 'Points of the resolve timeline' });
  await expect.poll(() => pointsTable.locator('tbody tr').count()).toBeGreaterThan(0);

  const before = await app.readyCount();
  const form = await app.openSignalForm();
  // The form starts in the dyad on screen.
  expect(await form.field('Sender').inputValue()).not.toBe('');
  await form.fill({
    date: '2020-01-12',
    sender: 'United States',
    receiver: 'Iran',
    title: 'Pentagon briefs that more sanctions, not strikes, come next',
    kind: 'statement',
    intended: '40',
    perceived: '28',
    confidence: 'moderate',
    cost: 'cheap talk',
    sources: 'Briefing transcript https://example.org/briefing',
    tags: 'sanctions, de-escalation',
  });
  await form.save();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
  // Saving patches the open dyad and the chart draws again.
  await app.waitForDashboardReady(before);

  await page.reload();
  await app.nav('Signals');
  const row = app.signalRow('Pentagon briefs that more sanctions, not strikes, come next');
  await expect.poll(() => row.count()).toBe(1);
  // 28 − 40 = −12, written as a signed whole number.
  expect(await row.innerText()).toMatch(/(^|\s)-12(\s|$)/);
});

test('a score of 150 is marked invalid and nothing is saved', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  const stored = await app.storedSignalCount();

  const form = await app.openSignalForm();
  await form.fill({
    date: '2020-01-12',
    sender: 'United States',
    receiver: 'Iran',
    title: 'Out of range',
    intended: '150',
    perceived: '20',
  });
  await form.save();

  const intended = form.field('Intended resolve');
  await expect.poll(() => intended.getAttribute('aria-invalid')).toBe('true');
  const described = await intended.getAttribute('aria-describedby');
  expect(described).toBeTruthy();
  const message = page.locator(`[id="${described?.split(' ')[0]}"]`);
  expect(await message.isVisible()).toBe(true);
  expect(await message.innerText()).toContain('Intended resolve must be a whole number from 0 to 100');
  expect(await page.getByRole('dialog').isVisible()).toBe(true);
  expect(await app.storedSignalCount()).toBe(stored);
});

test('markup typed into a title is stored and shown as text, never run', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await page.evaluate(() => {
    (window as unknown as { pwned: boolean }).pwned = false;
  });
  const hostile = '<img src=x onerror="window.pwned=true"><b>bold</b>';

  const form = await app.openSignalForm();
  await form.fill({
    date: '2020-01-13',
    sender: 'Iran',
    receiver: 'United States',
    title: hostile,
    intended: '30',
    perceived: '35',
  });
  await form.save();
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);

  await app.nav('Signals');
  const row = app.signalRow('<b>bold</b>');
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.innerText()).toContain(hostile);
  expect(await row.locator('img, b').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned: boolean }).pwned)).toBe(false);
});
