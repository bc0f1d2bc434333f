import axe from 'axe-core';
import { flushSync } from 'svelte';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import SignalDialog from '../../src/lib/components/form/SignalDialog.svelte';
import { addActor, addRedLine } from '../../src/lib/db/actors';
import { chooseAnalyst, saveAnalystName } from '../../src/lib/db/analysts';
import { assessmentsOf } from '../../src/lib/db/assessments';
import { db } from '../../src/lib/db/database';
import type { Actor, RedLine } from '../../src/lib/domain/types';
import { catalog } from '../../src/lib/state/catalog.svelte';
import { editor } from '../../src/lib/state/editor.svelte';
import { notices } from '../../src/lib/state/notices.svelte';
import { settings } from '../../src/lib/state/settings.svelte';

let us: Actor;
let iran: Actor;
let embassyLine: RedLine;
let stopCatalog: () => void;

beforeEach(async () => {
  editor.reset();
  notices.reset();
  settings.reset();
  await db.delete();
  await db.open();
  us = await addActor({ name: 'United States', code: 'US', color: '#1d4ed8' });
  iran = await addActor({ name: 'Iran', code: 'IRN', color: '#047857' });
  embassyLine = await addRedLine({
    actorId: us.id,
    targetId: iran.id,
    text: 'An attack on the US embassy',
    declared: '2019-12-31',
  });
  // The analyst who scores: without one, the first save would ask for a name first.
  await saveAnalystName('Mina');
  stopCatalog = catalog.start();
  await expect.poll(() => catalog.actors.length).toBe(2);
  await expect.poll(() => catalog.redLines.length).toBe(1);
});

afterEach(() => {
  stopCatalog();
  editor.reset();
});

const dialog = () => page.getByRole('dialog');
const field = (label: string) => dialog().getByLabelText(label, { exact: true });
const saveButton = () => dialog().getByRole('button', { name: 'Save signal' });

async function openNewSignal() {
  render(SignalDialog);
  editor.create();
  await expect.element(page.getByRole('dialog', { name: 'Log signal' })).toBeVisible();
}

/** Fills every field with a valid value; a test then spoils the one it is about. */
async function fillValidSignal() {
  await field('Date').fill('2019-12-31');
  await field('Sender').selectOptions('Iran');
  await field('Receiver').selectOptions('United States');
  await field('Title').fill('Embassy compound in Baghdad breached');
  await field('Kind').selectOptions('force');
  await field('Intended resolve').fill('60');
  await field('Perceived resolve').fill('40');
}

/** The labels of PRODUCT.md §5: tests outside the project find the fields by these. */
const CONTRACT_LABELS = [
  'Date',
  'Sender',
  'Receiver',
  'Title',
  'Kind',
  'Intended resolve',
  'Displayed resolve',
  'Perceived resolve',
  'Rationale',
  'Confidence',
  'Signal cost',
  'Crosses red line',
  'Capped',
  'Sources',
  'Tags',
  'Notes',
];

/** Violations axe-core finds in the open dialog, as `rule: target` lines. */
async function axeViolations(): Promise<string[]> {
  const { violations } = await axe.run(document.querySelector('dialog')!, { resultTypes: ['violations'] });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe('the signal form', () => {
  test('each field of the contract has a visible label that names exactly one control', async () => {
    await openNewSignal();
    // With both mini forms open, so their labels are checked too. getByLabelText
    // matches substrings, as Playwright's getByLabel does.
    await dialog().getByRole('button', { name: 'New actor to send' }).click();
    await dialog().getByRole('button', { name: 'New actor to receive' }).click();
    for (const label of CONTRACT_LABELS) {
      expect(dialog().getByLabelText(label).elements(), label).toHaveLength(1);
      await expect.element(dialog().getByText(label, { exact: true })).toBeVisible();
    }
    await expect
      .element(dialog().getByRole('combobox', { name: 'Sender' }))
      .toHaveTextContent(/Iran\s*United States/);
    await expect.element(dialog().getByRole('spinbutton', { name: 'Intended resolve' })).toBeVisible();
    await expect.element(dialog().getByRole('checkbox', { name: 'Capped' })).toBeVisible();
    await expect.element(dialog().getByRole('button', { name: 'Save signal' })).toBeVisible();
  });

  test('the open form, with its messages showing, passes axe-core', async () => {
    await openNewSignal();
    await field('Intended resolve').fill('150');
    await saveButton().click();
    await expect.element(field('Intended resolve')).toHaveAttribute('aria-invalid', 'true');
    await dialog().getByRole('button', { name: 'New actor to send' }).click();
    expect(await axeViolations()).toEqual([]);
  });

  test('opening the form puts the analyst in the date field, and Escape returns them to where they were', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'Open the form';
    document.body.append(opener);
    opener.focus();
    try {
      await openNewSignal();
      await expect.element(field('Date')).toHaveFocus();
      await userEvent.keyboard('{Escape}');
      await expect.element(dialog()).not.toBeInTheDocument();
      expect(editor.isOpen).toBe(false);
      expect(document.activeElement).toBe(opener);
    } finally {
      opener.remove();
    }
  });

  test('a signal opened right after the form closed stays open', async () => {
    await openNewSignal();
    // The dialog's close event arrives a task after it closes: by then the next
    // signal may already be open, and that event must not close it.
    const element = document.querySelector('dialog')!;
    // Listening after the app's own handler (added when the dialog mounted), so by
    // the time this resolves the app has handled the stale event.
    const closeEvent = new Promise<void>((resolve) =>
      element.addEventListener('close', () => resolve(), { once: true }),
    );
    editor.close();
    flushSync();
    editor.create({ senderId: us.id, receiverId: iran.id });
    flushSync();
    expect(element.open).toBe(true);
    await closeEvent;
    expect(editor.isOpen).toBe(true);
    expect(element.open).toBe(true);
    await expect.element(field('Sender')).toHaveDisplayValue('United States');
  });

  test('moving the scores previews the gap and its reading live', async () => {
    await openNewSignal();
    const preview = dialog().getByRole('status');

    await field('Intended resolve').fill('70');
    await field('Perceived resolve').fill('30');
    await expect.element(preview).toHaveTextContent(/Gap -40/);
    await expect
      .element(preview)
      .toHaveTextContent(/underestimated: the receiver reads the sender as softer/);

    await field('Perceived resolve').fill('85');
    await expect.element(preview).toHaveTextContent(/Gap \+15/);
    await expect.element(preview).toHaveTextContent(/overestimated: the receiver reads the sender as harder/);

    // τ = 10: a gap of 5 is within the band.
    await field('Perceived resolve').fill('75');
    await expect.element(preview).toHaveTextContent(/Gap \+5/);
    await expect.element(preview).toHaveTextContent(/accurate/);
    await expect.element(preview).toHaveAttribute('aria-live', 'polite');
  });

  test('each score shows where it sits on the resolve ladder', async () => {
    await openNewSignal();
    await field('Intended resolve').fill('80');
    await expect
      .element(field('Intended resolve'))
      .toHaveAccessibleDescription('On the ladder: 80 · limited force');
    await field('Intended resolve').fill('55');
    await expect
      .element(field('Intended resolve'))
      .toHaveAccessibleDescription('On the ladder: 55 · coercion+');
  });

  test('a score of 150 is refused with a message naming Intended resolve, and nothing is saved', async () => {
    await openNewSignal();
    await fillValidSignal();
    await field('Intended resolve').fill('150');
    await saveButton().click();

    const intended = field('Intended resolve');
    await expect.element(intended).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(intended)
      .toHaveAccessibleDescription(/Intended resolve must be a whole number from 0 to 100/);
    await expect.element(dialog().getByText(/^Intended resolve must be a whole number/)).toBeVisible();
    await expect.element(intended).toHaveFocus();
    await expect.element(field('Perceived resolve')).not.toHaveAttribute('aria-invalid');
    expect(await db.signals.count()).toBe(0);
    expect(editor.isOpen).toBe(true);

    // Correcting the score clears its mark.
    await intended.fill('100');
    await expect.element(intended).not.toHaveAttribute('aria-invalid');
  });

  test('a fractional, negative or missing score is refused too', async () => {
    await openNewSignal();
    await fillValidSignal();
    await field('Intended resolve').fill('4.5');
    await field('Perceived resolve').fill('');
    await saveButton().click();
    await expect.element(field('Intended resolve')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field('Perceived resolve')).toHaveAttribute('aria-invalid', 'true');

    await field('Intended resolve').fill('-5');
    await field('Perceived resolve').fill('20');
    await saveButton().click();
    await expect.element(field('Intended resolve')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field('Perceived resolve')).not.toHaveAttribute('aria-invalid');
    expect(await db.signals.count()).toBe(0);
  });

  test('a long title, a signal to oneself and a javascript: source are each marked, and nothing is saved', async () => {
    await openNewSignal();
    await fillValidSignal();
    await field('Title').fill('x'.repeat(201));
    await field('Receiver').selectOptions('Iran');
    await field('Sources').fill('Reuters https://www.reuters.com/\nTrap javascript:alert(1)');
    await saveButton().click();

    await expect.element(field('Title')).toHaveAttribute('aria-invalid', 'true');
    await expect.element(field('Title')).toHaveAccessibleDescription(/at most 200 characters \(it has 201\)/);
    await expect.element(field('Receiver')).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(field('Receiver'))
      .toHaveAccessibleDescription('Receiver must differ from the sender.');
    await expect.element(field('Sources')).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(field('Sources'))
      .toHaveAccessibleDescription(/line 2: only http:\/\/ and https:\/\//);
    for (const label of [
      'Date',
      'Sender',
      'Kind',
      'Intended resolve',
      'Perceived resolve',
      'Tags',
      'Notes',
    ]) {
      await expect.element(field(label)).not.toHaveAttribute('aria-invalid');
    }
    // Focus goes to the first field in need, in the form's order.
    await expect.element(field('Receiver')).toHaveFocus();
    expect(await db.signals.count()).toBe(0);
  });

  test('an empty form names every missing field and the browser shows no bubbles of its own', async () => {
    await openNewSignal();
    await field('Date').fill('');
    await saveButton().click();
    for (const label of ['Date', 'Sender', 'Receiver', 'Title', 'Intended resolve', 'Perceived resolve']) {
      await expect.element(field(label)).toHaveAttribute('aria-invalid', 'true');
    }
    await expect.element(field('Date')).toHaveFocus();
    expect(await db.signals.count()).toBe(0);
  });

  test('a valid signal is saved with every field as entered, and the dialog closes', async () => {
    await openNewSignal();
    await fillValidSignal();
    await field('Confidence').selectOptions('high');
    await field('Signal cost').selectOptions('sunk cost');
    // The line the receiver drew against the sender is offered first.
    await expect
      .element(field('Crosses red line'))
      .toHaveTextContent(/None\s*An attack on the US embassy \(drawn by United States against Iran\)/);
    await field('Crosses red line').selectOptions(embassyLine.id);
    await field('Capped').click();
    await field('Sources').fill('Reuters https://www.reuters.com/world\nAP report');
    await field('Tags').fill('embassy, red line, embassy');
    await field('Notes').fill('Militia supporters, not Iranian forces.');
    await saveButton().click();

    await expect.element(dialog()).not.toBeInTheDocument();
    const saved = await db.signals.toArray();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      date: '2019-12-31',
      senderId: iran.id,
      receiverId: us.id,
      title: 'Embassy compound in Baghdad breached',
      kind: 'force',
      intended: 60,
      perceived: 40,
      confidence: 'high',
      cost: 'sunk cost',
      capped: true,
      redLineId: embassyLine.id,
      sources: [
        { label: 'Reuters', url: 'https://www.reuters.com/world' },
        { label: 'AP report', url: '' },
      ],
      tags: ['embassy', 'red line'],
      notes: 'Militia supporters, not Iranian forces.',
    });
  });

  test('a new signal starts in the dyad the analyst is looking at', async () => {
    render(SignalDialog);
    editor.create({ senderId: us.id, receiverId: iran.id });
    await expect.element(field('Sender')).toHaveDisplayValue('United States');
    await expect.element(field('Receiver')).toHaveDisplayValue('Iran');
    await expect.element(field('Sender').getByRole('option', { name: 'Choose…' })).not.toBeInTheDocument();
  });

  test('a new actor added from the form is chosen as the sender', async () => {
    await openNewSignal();
    await dialog().getByRole('button', { name: 'New actor to send' }).click();
    const name = dialog().getByLabelText('New actor name');
    await expect.element(name).toHaveFocus();
    await name.fill("Kata'ib Hezbollah");
    await expect.element(dialog().getByLabelText('New actor code')).toHaveValue('KH');
    // Enter adds the actor; it must not submit the signal form around it.
    await userEvent.keyboard('{Enter}');

    await expect.element(field('Sender')).toHaveDisplayValue("Kata'ib Hezbollah");
    await expect.element(field('Sender')).toHaveFocus();
    await expect.element(name).not.toBeInTheDocument();
    const stored = await db.actors.toArray();
    expect(stored.map((a) => a.name).sort()).toEqual(['Iran', "Kata'ib Hezbollah", 'United States']);
    expect(stored.find((a) => a.name === "Kata'ib Hezbollah")?.code).toBe('KH');
    expect(await db.signals.count()).toBe(0);
    expect(editor.isOpen).toBe(true);
    // The receiver can pick it too, once the catalog has it.
    await expect
      .element(field('Receiver').getByRole('option', { name: "Kata'ib Hezbollah" }))
      .toBeInTheDocument();
  });

  test('an actor name that is taken is refused in the mini form', async () => {
    await openNewSignal();
    await dialog().getByRole('button', { name: 'New actor to receive' }).click();
    await dialog().getByLabelText('New actor name').fill('iran');
    await dialog().getByRole('button', { name: 'Add actor' }).click();
    await expect.element(dialog().getByLabelText('New actor name')).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(dialog().getByLabelText('New actor name'))
      .toHaveAccessibleDescription('Name is taken: an actor named “iran” exists.');
    expect(await db.actors.count()).toBe(2);
  });

  test('markup typed in the title is stored and shown as text', async () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => {});
    try {
      const markup = '<img src=x onerror=alert(1)>';
      await openNewSignal();
      await fillValidSignal();
      await field('Title').fill(markup);
      await saveButton().click();
      await expect.element(dialog()).not.toBeInTheDocument();
      const [saved] = await db.signals.toArray();
      expect(saved.title).toBe(markup);

      editor.edit(saved);
      await expect.element(page.getByRole('dialog', { name: 'Edit signal' })).toBeVisible();
      await expect.element(field('Title')).toHaveValue(markup);
      expect(document.querySelector('dialog img')).toBeNull();
      expect(alert).not.toHaveBeenCalled();
    } finally {
      alert.mockRestore();
    }
  });

  test('editing a signal shows its values and saves the change in place', async () => {
    await openNewSignal();
    await fillValidSignal();
    await field('Tags').fill('embassy, proxy');
    await field('Sources').fill('Reuters https://www.reuters.com/world');
    await saveButton().click();
    await expect.element(dialog()).not.toBeInTheDocument();
    const [original] = await db.signals.toArray();

    editor.edit(original);
    await expect.element(page.getByRole('dialog', { name: 'Edit signal' })).toBeVisible();
    await expect.element(field('Sender')).toHaveDisplayValue('Iran');
    await expect.element(field('Intended resolve')).toHaveValue(60);
    await expect.element(field('Tags')).toHaveValue('embassy, proxy');
    await expect.element(field('Sources')).toHaveValue('Reuters https://www.reuters.com/world');
    await field('Perceived resolve').fill('25');
    await saveButton().click();
    await expect.element(dialog()).not.toBeInTheDocument();

    const all = await db.signals.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      id: original.id,
      perceived: 25,
      intended: 60,
      createdAt: original.createdAt,
    });
  });

  test('an analyst who has not scored a signal may edit its facts alone: no scores are written as theirs', async () => {
    await openNewSignal();
    await fillValidSignal();
    await saveButton().click();
    await expect.element(dialog()).not.toBeInTheDocument();
    const [original] = await db.signals.toArray();

    // Ben, another analyst in this browser, has not scored it.
    const stamp = new Date().toISOString();
    await db.analysts.add({ id: 'analyst-ben', name: 'Ben', createdAt: stamp, updatedAt: stamp });
    await chooseAnalyst('analyst-ben');
    editor.edit(original);
    await expect.element(dialog().getByText('Scoring as Ben')).toBeVisible();
    await expect.element(field('Intended resolve')).toHaveValue(null);
    await field('Title').fill('Embassy compound in Baghdad stormed');
    await saveButton().click();
    await expect.element(dialog()).not.toBeInTheDocument();

    const [edited] = await db.signals.toArray();
    expect(edited).toMatchObject({
      title: 'Embassy compound in Baghdad stormed',
      intended: 60,
      perceived: 40,
    });
    expect((await assessmentsOf(original.id)).map((a) => a.analystId)).toHaveLength(1);
  });

  test("an edited signal's form, with other analysts' scores and its history beside it, passes axe-core", async () => {
    await openNewSignal();
    await fillValidSignal();
    await field('Rationale').fill('A mob at the gate, not an order from Tehran.');
    await saveButton().click();
    await expect.element(dialog()).not.toBeInTheDocument();
    const [saved] = await db.signals.toArray();

    const stamp = new Date().toISOString();
    await db.analysts.add({ id: 'analyst-ben', name: 'Ben', createdAt: stamp, updatedAt: stamp });
    await chooseAnalyst('analyst-ben');
    editor.edit(saved);
    const others = page.getByRole('region', { name: "Other analysts' scores" });
    await expect
      .element(others.getByRole('row', { name: /Mina/ }))
      .toHaveTextContent(/Mina\s*60\s*–\s*40\s*moderate\s*A mob at the gate, not an order from Tehran\./);
    await expect
      .element(page.getByRole('region', { name: 'History' }).getByText(/Logged the signal\./))
      .toBeVisible();
    expect(await axeViolations()).toEqual([]);
  });

  test('deleting from the form removes the signal and offers to undo', async () => {
    await openNewSignal();
    await fillValidSignal();
    await saveButton().click();
    await expect.element(dialog()).not.toBeInTheDocument();
    const [saved] = await db.signals.toArray();

    editor.edit(saved);
    await dialog().getByRole('button', { name: 'Delete' }).click();
    await expect.element(dialog()).not.toBeInTheDocument();
    expect(await db.signals.count()).toBe(0);
    expect(notices.items.at(-1)?.action?.label).toBe('Undo');
  });

  test('a storage failure is shown at the top of the form and the form stays open', async () => {
    await openNewSignal();
    await fillValidSignal();
    db.close();
    try {
      await saveButton().click();
      await expect.element(dialog().getByRole('alert')).toHaveTextContent(/Could not save the signal/);
      expect(editor.isOpen).toBe(true);
    } finally {
      await db.open();
    }
    expect(await db.signals.count()).toBe(0);
  });
});
