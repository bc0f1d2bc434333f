import { expect, test } from './harness';
import { focused, ParallaxApp } from './pages';

test('n opens the signal form; Escape with unsaved typing asks, Keep editing keeps it, Discard closes', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();

  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const form = app.form;
  await form.field('Title').fill('A half-written signal');
  await page.keyboard.press('Escape');

  const ask = page.getByRole('alertdialog');
  await ask.waitFor();
  expect(await ask.innerText()).toContain('Discard your changes');
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect.poll(() => ask.count()).toBe(0);
  expect(await dialog.isVisible()).toBe(true);
  expect(await form.field('Title').inputValue()).toBe('A half-written signal');

  // Cancel asks the same question.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Discard' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
});

test('Escape on a form with nothing typed closes it without asking', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.openSignalForm();
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
  expect(await page.getByRole('alertdialog').count()).toBe(0);
});

test('a reload with unsaved changes asks the browser to confirm leaving', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  const form = await app.openSignalForm();
  await form.field('Title').fill('Not saved yet');
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => resolve(d.type())));
  // runBeforeUnload lets the page's beforeunload listener answer, as a reload or closed tab would.
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});

test('Ctrl+Enter saves the signal form', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  // Named beforehand: the first save would otherwise ask who is scoring.
  await app.nameAnalyst('Mina');
  const stored = await app.storedSignalCount();
  const form = await app.openSignalForm();
  await form.fill({
    date: '2020-01-12',
    sender: 'United States',
    receiver: 'Iran',
    title: 'Saved from the keyboard',
    intended: '40',
    perceived: '30',
  });
  await form.field('Notes').click();
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
  expect(await app.storedSignalCount()).toBe(stored + 1);
});

test('Save and log another keeps the dyad and date; the next form starts at the last date logged', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  // Named beforehand: the first save would otherwise ask who is scoring.
  await app.nameAnalyst('Mina');
  const stored = await app.storedSignalCount();
  const form = await app.openSignalForm();
  await form.fill({
    date: '2019-11-02',
    sender: 'Iran',
    receiver: 'United States',
    title: 'First of a batch',
    intended: '50',
    perceived: '45',
  });
  await page.getByRole('dialog').getByRole('button', { name: 'Save and log another' }).click();
  await expect.poll(() => app.storedSignalCount()).toBe(stored + 1);
  // The same dialog, a fresh form: empty title, same dyad and date.
  await expect.poll(() => form.field('Title').inputValue()).toBe('');
  expect(await form.field('Date').inputValue()).toBe('2019-11-02');
  expect(await form.field('Sender').locator('option:checked').innerText()).toBe('Iran');
  expect(await form.field('Receiver').locator('option:checked').innerText()).toBe('United States');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);

  // After a reload, a new signal still starts at the last date logged, not today.
  await page.reload();
  await app.openSignalForm();
  expect(await form.field('Date').inputValue()).toBe('2019-11-02');
});

test('a deleted signal comes back with Undo, and with Ctrl+Z until something else is deleted', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.nav('Signals');
  await expect.poll(() => app.signalRows().count()).toBeGreaterThan(2);
  const titles = await app.signalRows().locator('td:nth-child(3) > span:first-child').allInnerTexts();
  const [first, second] = titles;
  const stored = await app.storedSignalCount();

  await app.signalRow(first).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => app.signalRow(first).count()).toBe(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => app.signalRow(first).count()).toBe(1);
  expect(await app.storedSignalCount()).toBe(stored);

  // Ctrl+Z undoes the last deletion...
  await app.signalRow(first).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => app.signalRow(first).count()).toBe(0);
  await page.getByRole('heading', { level: 1, name: 'Signals' }).click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.signalRow(first).count()).toBe(1);

  // ...and only the last: once another is deleted, the first stays gone.
  await app.signalRow(first).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => app.signalRow(first).count()).toBe(0);
  await app.signalRow(second).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => app.signalRow(second).count()).toBe(0);
  expect(await page.getByRole('status').getByRole('button', { name: 'Undo' }).count()).toBe(1);
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.signalRow(second).count()).toBe(1);
  await page.keyboard.press('Control+z');
  expect(await app.storedSignalCount()).toBe(stored - 1);
  expect(await app.signalRow(first).count()).toBe(0);
});

test('/ focuses the search box, ? lists the shortcuts, and letters typed in a field trigger nothing', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.nav('Compare');
  await page.getByRole('heading', { level: 1, name: 'Compare' }).waitFor();
  // Compare has no search box: `/` takes the analyst to the Signals view's.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect
    .poll(() => search.evaluate((el) => el === document.activeElement).catch(() => false))
    .toBe(true);
  await page.keyboard.type('n?/ drone');
  expect(await search.inputValue()).toBe('n?/ drone');
  expect(await page.getByRole('dialog').count()).toBe(0);

  await search.blur();
  await page.keyboard.press('?');
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await list.waitFor();
  const rows = await list.getByRole('row').allInnerTexts();
  for (const keys of ['n', '/', '?', 'Ctrl+Z', 'Ctrl+Enter']) {
    expect(rows.some((r) => r.startsWith(keys))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect.poll(() => list.count()).toBe(0);
});

test('every control is reached with Tab and shows a focus ring', async ({ page }) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  // From the top of a fresh page, Tab through the top bar and into the view:
  // every stop draws an outline at least 2 pixels wide.
  await page.reload();
  await page.getByRole('button', { name: 'Log signal' }).waitFor();
  const names: string[] = [];
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press('Tab');
    const control = await focused(page);
    if (!control) continue;
    names.push(control.name);
    expect({ name: control.name, ring: control.ring }).toEqual({ name: control.name, ring: true });
  }
  for (const name of ['Dashboard', 'Signals', 'Keyboard shortcuts', 'Dark mode', 'Log signal']) {
    expect(names).toContain(name);
  }
});
