import type { Locator, Page } from 'playwright-core';
import { expect, test } from './harness';
import { focused, ParallaxApp } from './pages';

/** The example loaded, then the Actors view opened from the navigation. */
async function actorsWithExample(page: Page): Promise<ParallaxApp> {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  await app.openActors();
  return app;
}

const question = (page: Page) => page.getByRole('alertdialog');
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** True when the element `locator` finds has the keyboard. */
const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

test('an actor’s edit form with typing asks on Escape: Keep editing keeps the text, Discard closes it', async ({
  page,
}) => {
  const app = await actorsWithExample(page);
  await app.actorRow('Iran').getByRole('button', { name: 'Edit' }).click();
  const name = page.getByLabel('New name', { exact: true });
  await name.fill('Islamic Republic of Iran');

  await name.press('Escape');
  await question(page).waitFor();
  expect(await question(page).innerText()).toContain('Discard your changes to this actor?');
  await question(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect.poll(() => question(page).count()).toBe(0);
  expect(await name.inputValue()).toBe('Islamic Republic of Iran');
  expect(await hasFocus(name)).toBe(true);

  // Escape inside the question means Keep editing too.
  await name.press('Escape');
  await question(page).waitFor();
  await page.keyboard.press('Escape');
  await expect.poll(() => question(page).count()).toBe(0);
  expect(await name.inputValue()).toBe('Islamic Republic of Iran');
  expect(await hasFocus(name)).toBe(true);

  // Cancel asks the same question; Discard closes the form with the actor as it was.
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await expect.poll(() => name.count()).toBe(0);
  expect(await app.actorRow('Iran').count()).toBe(1);
  expect(await app.actorRow('Islamic Republic of Iran').count()).toBe(0);
  await expect.poll(() => hasFocus(app.actorRow('Iran').getByRole('button', { name: 'Edit' }))).toBe(true);
});

test('forms with nothing typed close on Escape, and the view changes, without asking', async ({ page }) => {
  const app = await actorsWithExample(page);
  await app.actorRow('Iran').getByRole('button', { name: 'Edit' }).click();
  const name = page.getByLabel('New name', { exact: true });
  await name.press('Escape');
  await expect.poll(() => name.count()).toBe(0);
  expect(await question(page).count()).toBe(0);

  // A red line opened for editing and left as it was.
  const lines = page.getByRole('table', { name: /^Red lines/ });
  await lines.getByRole('button', { name: 'Edit' }).first().click();
  await page.getByRole('heading', { name: 'Edit the line' }).waitFor();
  await page.getByLabel('Line text', { exact: true }).press('Escape');
  await page.getByRole('heading', { name: 'Draw a line' }).waitFor();
  expect(await question(page).count()).toBe(0);

  await app.nav('Signals');
  await heading(page, 'Signals').waitFor();
  expect(await question(page).count()).toBe(0);
});

test('typing in the red-line form, then another view: the question keeps the analyst there or, on Discard, goes', async ({
  page,
}) => {
  const app = await actorsWithExample(page);
  const text = page.getByLabel('Line text', { exact: true });
  await text.fill('No strikes on Gulf shipping');

  await app.nav('Signals');
  await question(page).waitFor();
  expect(await question(page).innerText()).toContain('Discard your changes to the new red line?');
  await question(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect.poll(() => question(page).count()).toBe(0);
  expect(await heading(page, 'Actors').count()).toBe(1);
  expect(new URL(page.url()).hash).toBe('#/actors');
  expect(await text.inputValue()).toBe('No strikes on Gulf shipping');
  expect(await focused(page, 'form')).toMatchObject({ inside: true });

  await app.nav('Signals');
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await heading(page, 'Signals').waitFor();
  expect(new URL(page.url()).hash).toBe('#/signals');

  // Nothing was kept: back on Actors the form is empty, and leaving again asks nothing.
  await app.openActors();
  expect(await text.inputValue()).toBe('');
  await app.nav('Data');
  await heading(page, 'Data').waitFor();
  expect(await question(page).count()).toBe(0);
});

test('the Back button, a pasted address and the / shortcut ask before leaving a form with typing', async ({
  page,
}) => {
  await actorsWithExample(page);
  const name = page.getByLabel('Actor name', { exact: true });
  await name.fill('Houthis');

  await page.goBack();
  await question(page).waitFor();
  expect(await question(page).innerText()).toContain('Discard your changes to the new actor?');
  // The address is put back while the analyst chooses.
  expect(new URL(page.url()).hash).toBe('#/actors');
  await question(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect.poll(() => question(page).count()).toBe(0);
  expect(await heading(page, 'Actors').count()).toBe(1);
  expect(await name.inputValue()).toBe('Houthis');

  // An address typed or pasted (a copied link to another view) asks the same.
  await page.evaluate(() => (location.hash = '#/compare'));
  await question(page).waitFor();
  expect(new URL(page.url()).hash).toBe('#/actors');
  await page.keyboard.press('Escape');
  await expect.poll(() => question(page).count()).toBe(0);
  expect(await heading(page, 'Actors').count()).toBe(1);
  expect(await name.inputValue()).toBe('Houthis');

  // `/` from outside a field goes to the Signals view's search: it asks first.
  await heading(page, 'Actors').click();
  await page.keyboard.press('/');
  await question(page).waitFor();
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await heading(page, 'Signals').waitFor();
  await expect.poll(() => hasFocus(page.getByRole('searchbox').first())).toBe(true);
});

test('a reload or a closed tab with typing in an actor form asks the browser to confirm', async ({
  page,
}) => {
  const app = await actorsWithExample(page);
  await app.actorRow('Iran').getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('New code', { exact: true }).fill('XIR');

  const closed = new Promise<string>((resolve) => page.once('close', () => resolve('closed without asking')));
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.type());
      // Leaving is accepted, so the page closes and the test waits for that, not a clock.
      void dialog.accept().catch(() => undefined);
    }),
  );
  // runBeforeUnload lets the page's beforeunload listener answer, as a reload or closed tab would.
  await page.close({ runBeforeUnload: true });
  expect(await Promise.race([asked, closed])).toBe('beforeunload');
  await closed;
});

test('once the changes are discarded, closing the tab asks nothing', async ({ page }) => {
  await actorsWithExample(page);
  const text = page.getByLabel('Line text', { exact: true });
  await text.fill('Not for long');
  await text.press('Escape');
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await expect.poll(() => text.inputValue()).toBe('');

  let asked = false;
  page.on('dialog', (dialog) => {
    asked = true;
    void dialog.accept().catch(() => undefined);
  });
  const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(asked).toBe(false);
});

test('the Actors view’s forms work from the keyboard with a focus ring, and the question holds the focus', async ({
  page,
}) => {
  const app = await actorsWithExample(page);

  // Edit an actor: Enter on Edit, then Tab through every control of the form.
  await app.actorRow('Iran').getByRole('button', { name: 'Edit' }).focus();
  await page.keyboard.press('Enter');
  const name = page.getByLabel('New name', { exact: true });
  await expect.poll(() => hasFocus(name)).toBe(true);
  expect(await focused(page)).toMatchObject({ ring: true });
  await page.keyboard.type(' (IRGC)');
  const stops: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    const control = await focused(page, 'form');
    expect(control).toMatchObject({ ring: true, inside: true });
    stops.push(control?.name ?? '');
  }
  expect(stops.slice(2)).toEqual(['Save actor', 'Cancel']);

  // Enter on Cancel asks; the safe answer has the focus, and Tab never leaves the question.
  await page.keyboard.press('Enter');
  await question(page).waitFor();
  expect(await focused(page, '[role="alertdialog"]')).toMatchObject({
    name: 'Keep editing',
    ring: true,
    inside: true,
  });
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const control = await focused(page, '[role="alertdialog"]');
    // Between the last button and the first the browser's own controls may hold
    // the focus for a step; nothing behind the question ever does.
    if (control) expect(control).toMatchObject({ ring: true, inside: true });
  }
  await question(page).getByRole('button', { name: 'Keep editing' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => question(page).count()).toBe(0);
  expect(await name.inputValue()).toBe('Iran (IRGC)');

  // Save by keyboard: Enter in a field submits.
  await name.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => app.actorRow('Iran (IRGC)').count()).toBe(1);

  // Add an actor and draw a red line from the keyboard alone.
  await page.getByLabel('Actor name', { exact: true }).focus();
  await page.keyboard.type('Houthis');
  await page.keyboard.press('Enter');
  await expect.poll(() => app.actorRow('Houthis').count()).toBe(1);

  await page.getByLabel('Line text', { exact: true }).focus();
  expect(await focused(page)).toMatchObject({ ring: true });
  await page.keyboard.type('No strikes on Gulf shipping');
  // Tab on to the button (the date field takes a Tab for each of its parts).
  for (let i = 0; i < 6 && (await focused(page))?.name !== 'Add red line'; i++) {
    await page.keyboard.press('Tab');
    expect(await focused(page, 'form')).toMatchObject({ ring: true, inside: true });
  }
  expect(await focused(page)).toMatchObject({ name: 'Add red line' });
  await page.keyboard.press('Enter');
  await expect
    .poll(() =>
      page
        .getByRole('table', { name: /^Red lines/ })
        .getByText('No strikes on Gulf shipping')
        .count(),
    )
    .toBe(1);
});

test('opening another red line for editing asks before it replaces the typing in the form', async ({
  page,
}) => {
  await actorsWithExample(page);
  const text = page.getByLabel('Line text', { exact: true });
  await text.fill('No strikes on Gulf shipping');
  const lines = page.getByRole('table', { name: /^Red lines/ });
  const firstLine = (await lines.locator('tbody tr td').first().innerText()).trim();

  await lines.getByRole('button', { name: 'Edit' }).first().click();
  await question(page).waitFor();
  await question(page).getByRole('button', { name: 'Keep editing' }).click();
  await expect.poll(() => question(page).count()).toBe(0);
  expect(await page.getByRole('heading', { name: 'Draw a line' }).count()).toBe(1);
  expect(await text.inputValue()).toBe('No strikes on Gulf shipping');

  await lines.getByRole('button', { name: 'Edit' }).first().click();
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('heading', { name: 'Edit the line' }).waitFor();
  expect(await text.inputValue()).toBe(firstLine);
});

test('a setting or an analyst name typed in Methods and not saved asks before another view drops it', async ({
  page,
}) => {
  const app = new ParallaxApp(page);
  await app.open();
  await app.nav('Methods');
  await heading(page, 'Methods').waitFor();
  const windowDays = page.getByLabel('Window W (days)', { exact: true });
  await windowDays.fill('30');

  await app.nav('Dashboard');
  await question(page).waitFor();
  expect(await question(page).innerText()).toContain('the settings');
  await question(page).getByRole('button', { name: 'Keep editing' }).click();
  expect(await heading(page, 'Methods').count()).toBe(1);
  expect(await windowDays.inputValue()).toBe('30');

  await app.nav('Dashboard');
  await question(page).getByRole('button', { name: 'Discard' }).click();
  await heading(page, 'Dashboard').waitFor();
  // Nothing was saved: back in Methods the window is the default's 90 days.
  await app.nav('Methods');
  expect(await windowDays.inputValue()).toBe('90');

  // A name typed and not saved asks as well; saved, it leaves without a question.
  const name = page.getByLabel('Analyst name', { exact: true });
  await name.fill('Mina');
  await app.nav('Signals');
  await question(page).waitFor();
  expect(await question(page).innerText()).toContain('the analyst name');
  await question(page).getByRole('button', { name: 'Keep editing' }).click();
  await page.getByRole('button', { name: 'Save name', exact: true }).click();
  await expect.poll(() => question(page).count()).toBe(0);
  await app.nav('Signals');
  await heading(page, 'Signals').waitFor();
  expect(await question(page).count()).toBe(0);
});
