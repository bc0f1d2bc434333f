import axe from 'axe-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ActorsView from '../../src/lib/components/actors/ActorsView.svelte';
import { addActor, addRedLine } from '../../src/lib/db/actors';
import { db } from '../../src/lib/db/database';
import { addSignal } from '../../src/lib/db/signals';
import { catalog } from '../../src/lib/state/catalog.svelte';
import { notices } from '../../src/lib/state/notices.svelte';
import { signal } from '../unit/factories';

let stopCatalog: () => void = () => {};

beforeEach(async () => {
  notices.reset();
  await db.delete();
  await db.open();
  stopCatalog = catalog.start();
});

// Later test files delete every database first: leave none open.
afterAll(() => db.close());

afterEach(() => {
  stopCatalog();
});

/** The names in the actors table, in the order shown. */
function actorNames(): string[] {
  const table = document.querySelectorAll('table')[0];
  return [...(table?.querySelectorAll('tbody tr td:first-child') ?? [])].map(
    (td) => td.textContent?.trim() ?? '',
  );
}

async function twoActors() {
  const us = await addActor({ name: 'United States', code: 'US', color: '#1d4ed8' });
  const iran = await addActor({ name: 'Iran', code: 'IR', color: '#15803d' });
  return { us, iran };
}

/**
 * The signal form's labels (PRODUCT.md §5). Playwright finds a field by any label
 * that contains the words, so no control in this view may carry one of them.
 */
const FORM_LABEL_WORDS =
  /date|sender|receiver|title|kind|intended|perceived|confidence|cost|capped|sources|tags|notes|red line/i;

/**
 * Violations axe-core finds in the rendered view, as `rule: target` lines. The view is
 * rendered alone, outside the app's <main>, so the page-level landmark rule is off.
 */
async function axeViolations(): Promise<string[]> {
  const { violations } = await axe.run(document.body, {
    resultTypes: ['violations'],
    rules: { region: { enabled: false } },
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('the Actors view', () => {
  it('adding an actor shows it in the list and stores it, with a code suggested from its name', async () => {
    render(ActorsView);
    await expect.element(page.getByRole('heading', { name: 'Actors', level: 1 })).toBeInTheDocument();

    await page.getByLabelText('Actor name').fill("Kata'ib Hezbollah");
    await expect.element(page.getByLabelText('Actor code')).toHaveValue('KH');
    await page.getByRole('button', { name: 'Add actor' }).click();

    await expect.poll(actorNames).toEqual(["Kata'ib Hezbollah"]);
    const stored = await db.actors.toArray();
    expect(stored).toMatchObject([{ name: "Kata'ib Hezbollah", code: 'KH' }]);
    expect(stored[0].color).toMatch(/^#[0-9a-f]{6}$/);
    // The form is ready for the next one.
    await expect.element(page.getByLabelText('Actor name')).toHaveValue('');
  });

  it('keeps a code the analyst typed when the name changes after it', async () => {
    render(ActorsView);
    await page.getByLabelText('Actor name').fill('Islamic Revolutionary Guard Corps');
    await expect.element(page.getByLabelText('Actor code')).toHaveValue('IRGC');
    await page.getByLabelText('Actor code').fill('IRGC-QF');
    await page.getByLabelText('Actor name').fill('IRGC Quds Force');
    await expect.element(page.getByLabelText('Actor code')).toHaveValue('IRGC-QF');
  });

  it('refuses a duplicate name, marking the field and saying why', async () => {
    await twoActors();
    render(ActorsView);
    await expect.poll(actorNames).toEqual(['Iran', 'United States']);

    await page.getByLabelText('Actor name').fill('iran');
    await page.getByRole('button', { name: 'Add actor' }).click();

    const name = page.getByLabelText('Actor name');
    await expect.element(name).toHaveAttribute('aria-invalid', 'true');
    await expect.element(name).toHaveAccessibleDescription('Name is taken: an actor named “iran” exists.');
    await expect.element(page.getByText('Name is taken: an actor named “iran” exists.')).toBeVisible();
    expect(await db.actors.count()).toBe(2);
  });

  it('renames, recodes and recolours an actor in place', async () => {
    const { iran } = await twoActors();
    render(ActorsView);
    await expect.poll(actorNames).toEqual(['Iran', 'United States']);

    const row = page.getByRole('row').filter({ hasText: 'Iran' });
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect.element(page.getByLabelText('New name')).toHaveValue('Iran');
    await page.getByLabelText('New name').fill('Islamic Republic of Iran');
    await page.getByLabelText('New code').fill('IRN');
    await page.getByRole('button', { name: 'Save actor' }).click();

    await expect.poll(actorNames).toEqual(['Islamic Republic of Iran', 'United States']);
    expect(await db.actors.get(iran.id)).toMatchObject({ name: 'Islamic Republic of Iran', code: 'IRN' });
    await expect.element(page.getByLabelText('New name')).not.toBeInTheDocument();
  });

  it('refuses to rename an actor to another actor’s name, and Cancel, once the typing is discarded, leaves it as it was', async () => {
    const { iran } = await twoActors();
    render(ActorsView);
    await expect.poll(actorNames).toEqual(['Iran', 'United States']);

    await page.getByRole('row').filter({ hasText: 'Iran' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByLabelText('New name').fill('United States');
    await page.getByRole('button', { name: 'Save actor' }).click();
    await expect.element(page.getByLabelText('New name')).toHaveAttribute('aria-invalid', 'true');

    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();
    await expect.poll(actorNames).toEqual(['Iran', 'United States']);
    expect((await db.actors.get(iran.id))?.name).toBe('Iran');
  });

  it('adding a red line lists it with who drew it, whom it warns and when', async () => {
    const { us, iran } = await twoActors();
    render(ActorsView);
    await expect.poll(actorNames).toEqual(['Iran', 'United States']);

    await page.getByLabelText('Drawn by').selectOptions(us.id);
    await page.getByLabelText('Warns').selectOptions(iran.id);
    await page.getByLabelText('Line text').fill('An attack that kills an American');
    await page.getByLabelText('Declared on').fill('2019-06-01');
    await page.getByRole('button', { name: 'Add red line' }).click();

    const row = page.getByRole('row').filter({ hasText: 'An attack that kills an American' });
    await expect.element(row).toHaveTextContent('United States → Iran');
    await expect.element(row).toHaveTextContent('1 Jun 2019');
    await expect.element(row).toHaveTextContent('not crossed');
    expect(await db.redLines.toArray()).toMatchObject([
      { actorId: us.id, targetId: iran.id, text: 'An attack that kills an American', declared: '2019-06-01' },
    ]);
    // The United States has now drawn one line.
    await expect
      .element(page.getByRole('row').filter({ hasText: 'United States' }).first())
      .toHaveTextContent(/US\s*1/);
  });

  it('refuses a red line without text, marking the field', async () => {
    await twoActors();
    render(ActorsView);
    await expect.poll(actorNames).toHaveLength(2);

    await page.getByRole('button', { name: 'Add red line' }).click();
    await expect.element(page.getByLabelText('Line text')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByText('Red line text is required.')).toBeVisible();
    expect(await db.redLines.count()).toBe(0);
  });

  it('edits a red line and counts the signals that crossed it', async () => {
    const { us, iran } = await twoActors();
    const line = await addRedLine({
      actorId: us.id,
      targetId: iran.id,
      text: 'Embassy attack',
      declared: '2019-12-01',
    });
    await addSignal({ ...signal({ senderId: iran.id, receiverId: us.id }), redLineId: line.id });
    render(ActorsView);

    const row = page.getByRole('row').filter({ hasText: 'Embassy attack' });
    await expect.element(row).toHaveTextContent('crossed once');
    await row.getByRole('button', { name: 'Edit' }).click();
    await expect.element(page.getByLabelText('Line text')).toHaveValue('Embassy attack');
    await page.getByLabelText('Line text').fill('An attack on the US embassy');
    await page.getByRole('button', { name: 'Save red line' }).click();

    await expect
      .element(page.getByRole('row').filter({ hasText: 'An attack on the US embassy' }))
      .toHaveTextContent('crossed once');
    expect((await db.redLines.get(line.id))?.text).toBe('An attack on the US embassy');
    await expect.element(page.getByRole('button', { name: 'Add red line' })).toBeInTheDocument();
  });

  it('shows names and red lines written with markup as the literal text', async () => {
    const us = await addActor({ name: '<b>x</b>', code: 'X', color: '#1d4ed8' });
    const iran = await addActor({ name: 'Iran', code: 'IR', color: '#15803d' });
    await addRedLine({
      actorId: us.id,
      targetId: iran.id,
      text: '<img src=x onerror="alert(1)">',
      declared: '2019-06-01',
    });
    render(ActorsView);

    await expect.poll(actorNames).toContain('<b>x</b>');
    await expect.element(page.getByText('<img src=x onerror="alert(1)">')).toBeInTheDocument();
    expect(document.querySelector('tbody b, tbody img')).toBeNull();
  });
  it('gives no control a label that a signal form field is found by', async () => {
    await twoActors();
    render(ActorsView);
    await expect.poll(actorNames).toHaveLength(2);
    await page.getByRole('row').filter({ hasText: 'Iran' }).getByRole('button', { name: 'Edit' }).click();

    expect(page.getByLabelText(FORM_LABEL_WORDS).elements()).toEqual([]);
    for (const label of [
      'Actor name',
      'Actor code',
      'Actor colour',
      'Drawn by',
      'Warns',
      'Line text',
      'Declared on',
    ]) {
      expect(page.getByLabelText(label).elements(), label).toHaveLength(1);
    }
  });

  it('has no accessibility violations that axe can find', async () => {
    const { us, iran } = await twoActors();
    await addRedLine({ actorId: us.id, targetId: iran.id, text: 'Embassy attack', declared: '2019-12-01' });
    render(ActorsView);
    await expect.element(page.getByText('Embassy attack')).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });
});
