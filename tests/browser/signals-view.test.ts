import axe from 'axe-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import SignalsView from '../../src/lib/components/signals/SignalsView.svelte';
import Notices from '../../src/lib/components/shell/Notices.svelte';
import { db } from '../../src/lib/db/database';
import { addDataSet } from '../../src/lib/db/dataset';
import { dyadKey } from '../../src/lib/domain/table';
import type { Signal } from '../../src/lib/domain/types';
import { catalog } from '../../src/lib/state/catalog.svelte';
import { editor } from '../../src/lib/state/editor.svelte';
import { notices } from '../../src/lib/state/notices.svelte';
import { route } from '../../src/lib/state/route.svelte';
import { allSignals } from '../../src/lib/state/all-signals.svelte';
import { IRAN, US, actor, signal } from '../unit/factories';

let stopCatalog: () => void = () => {};

beforeEach(async () => {
  allSignals.reset();
  notices.reset();
  editor.reset();
  route.setParams({ q: null, dyad: null, sort: null, page: null });
  await db.delete();
  await db.open();
  stopCatalog = catalog.start();
});

// Later test files delete every database first: leave none open.
afterAll(() => db.close());

afterEach(() => {
  stopCatalog();
  allSignals.reset();
});

/**
 * Stores the United States and Iran and these signals, as the example loader
 * does: a signal's `scores` become its analysts' assessments (each analyst
 * named by its id), whose consensus the store puts back on the signal.
 */
async function seed(list: Signal[]): Promise<void> {
  const scored = list.flatMap((s) => (s.scores ?? []).map((score) => ({ s, score })));
  const analystIds = [...new Set(scored.map(({ score }) => score.analystId))];
  const at = '2024-01-01T00:00:00.000Z';
  await addDataSet({
    actors: [
      actor({ id: US, name: 'United States', code: 'US', color: '#1d4ed8' }),
      actor({ id: IRAN, name: 'Iran', code: 'IR', color: '#15803d' }),
    ],
    redLines: [],
    signals: list,
    analysts: analystIds.map((id) => ({ id, name: id, createdAt: at, updatedAt: at })),
    assessments: scored.map(({ s, score }) => ({
      ...score,
      id: `${s.id}-${score.analystId}`,
      signalId: s.id,
      rationale: '',
      createdAt: at,
      updatedAt: at,
    })),
  });
}

/** The table body's rows: one per signal on screen. */
function rows(): HTMLTableRowElement[] {
  return [...document.querySelectorAll<HTMLTableRowElement>('table tbody tr')];
}

const titles = () => rows().map((r) => r.querySelector('td:nth-child(3) span')?.textContent?.trim());
const gaps = () => rows().map((r) => r.querySelector('td.gap')?.textContent?.trim());

// Three signals whose gaps an analyst can check by eye.
const drone = signal({
  date: '2019-06-20',
  title: 'Global Hawk shot down',
  senderId: IRAN,
  receiverId: US,
  intended: 70,
  perceived: 40,
  notes: 'Near the Strait of Hormuz',
});
const abqaiq = signal({
  date: '2019-09-14',
  title: 'Abqaiq attack',
  intended: 20,
  perceived: 35,
  tags: ['oil'],
});
const soleimani = signal({ date: '2020-01-03', title: 'Soleimani killed', intended: 80, perceived: 80 });

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

describe('the Signals view', () => {
  it('shows one row per signal, newest first, each with its signed gap', async () => {
    await seed([drone, abqaiq, soleimani]);
    render(SignalsView);

    await expect.element(page.getByRole('heading', { name: 'Signals', level: 1 })).toBeInTheDocument();
    await expect.poll(() => rows().length).toBe(3);
    await expect.element(page.getByText('3 signals', { exact: true })).toBeInTheDocument();
    expect(titles()).toEqual(['Soleimani killed', 'Abqaiq attack', 'Global Hawk shot down']);
    // intended 80 / perceived 80 → 0; 20 / 35 → +15; 70 / 40 → -30.
    expect(gaps()).toEqual(['0', '+15', '-30']);
    expect(rows()[2].textContent).toContain('Iran → United States');
    expect(rows()[2].querySelector('td.gap .badge')?.classList).toContain('underestimated');
  });

  it('sorting by gap orders the rows by gap, and a second click reverses it', async () => {
    await seed([drone, abqaiq, soleimani]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(3);

    const byGap = page.getByRole('button', { name: 'Gap', exact: true });
    await byGap.click();
    await expect.poll(gaps).toEqual(['-30', '0', '+15']);
    expect(byGap.element().closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    expect(route.param('sort')).toBe('gap');

    await byGap.click();
    await expect.poll(gaps).toEqual(['+15', '0', '-30']);
    expect(byGap.element().closest('th')?.getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('button', { name: '|Gap|', exact: true }).click();
    await expect.poll(gaps).toEqual(['-30', '+15', '0']);
  });

  it('shows how many analysts scored each signal and how far apart they lie, and sorts by both', async () => {
    const score = (analystId: string, intended: number, perceived: number, displayed: number | null = null) =>
      ({ analystId, intended, perceived, displayed, confidence: 'moderate' }) as const;
    // Spreads by hand: the drone max(|70−50|, |40−45|) = 20; Abqaiq max(10, 30, 5) = 30; Soleimani one analyst.
    await seed([]);
    // The records as the store keeps them, each analyst's scores cached on the signal: the view reads
    // that cache, whichever writes keep it.
    await db.signals.bulkPut([
      { ...drone, scores: [score('a', 70, 40), score('b', 50, 45)] },
      { ...abqaiq, scores: [score('a', 15, 20, 40), score('b', 25, 50, 35), score('c', 20, 35)] },
      { ...soleimani, scores: [score('a', 80, 80)] },
    ]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(3);

    const headers = [...document.querySelectorAll('table thead th')].map(
      (th) => th.textContent?.trim() ?? '',
    );
    const column = (name: string) => headers.findIndex((h) => h.startsWith(name)) + 1;
    const cells = (name: string) =>
      rows().map((r) => r.querySelector(`td:nth-child(${column(name)})`)?.textContent?.trim());
    expect(column('Analysts')).toBeGreaterThan(0);
    expect(column('Spread')).toBeGreaterThan(0);
    // Newest first: Soleimani, Abqaiq, the drone.
    expect(cells('Analysts')).toEqual(['1', '3', '2']);
    expect(cells('Spread')).toEqual(['–', '30', '20']);

    await page.getByRole('button', { name: 'Spread', exact: true }).click();
    await expect.poll(titles).toEqual(['Abqaiq attack', 'Global Hawk shot down', 'Soleimani killed']);
    await page.getByRole('button', { name: 'Analysts', exact: true }).click();
    await expect.poll(titles).toEqual(['Abqaiq attack', 'Global Hawk shot down', 'Soleimani killed']);
    await page.getByRole('button', { name: 'Analysts', exact: true }).click();
    await expect.poll(titles).toEqual(['Soleimani killed', 'Global Hawk shot down', 'Abqaiq attack']);
    expect(route.param('sort')).toBe('analysts');
  });

  it('shows a consensus score, a mean of several analysts’ scores, to one decimal', async () => {
    const score = (analystId: string, intended: number, perceived: number) =>
      ({ analystId, intended, perceived, displayed: null, confidence: 'moderate' }) as const;
    // By hand: intended (40 + 50 + 50) / 3 = 46.666…, shown 46.7; perceived (30 + 31 + 30) / 3 = 30.333…,
    // shown 30.3; the gap −16.333… stays a signed whole number, −16.
    await seed([{ ...soleimani, scores: [score('a', 40, 30), score('b', 50, 31), score('c', 50, 30)] }]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(1);
    const headers = [...document.querySelectorAll('table thead th')].map(
      (th) => th.textContent?.trim() ?? '',
    );
    const cell = (name: string) =>
      rows()[0]
        .querySelector(`td:nth-child(${headers.findIndex((h) => h.startsWith(name)) + 1})`)
        ?.textContent?.trim();
    await expect.poll(() => cell('Intended')).toBe('46.7');
    expect(cell('Perceived')).toBe('30.3');
    expect(gaps()).toEqual(['-16']);
  });

  it('the search box narrows the rows to the signals that mention the words', async () => {
    await seed([drone, abqaiq, soleimani]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(3);

    // "Hormuz" is only in the drone's notes; "oil" only in the Abqaiq tags.
    await page.getByLabelText('Search').fill('hormuz');
    await expect.poll(titles).toEqual(['Global Hawk shot down']);
    await expect.element(page.getByText('1 of 3 signals match')).toBeInTheDocument();
    expect(route.param('q')).toBe('hormuz');

    await page.getByLabelText('Search').fill('OIL');
    await expect.poll(titles).toEqual(['Abqaiq attack']);

    await page.getByLabelText('Search').fill('nothing like this');
    await expect.poll(() => rows().length).toBe(0);
    await page.getByRole('button', { name: 'Show all signals' }).click();
    await expect.poll(() => rows().length).toBe(3);
  });

  it('the dyad filter keeps one direction of one pair', async () => {
    await seed([drone, abqaiq, soleimani]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(3);

    await page.getByLabelText('Dyad').selectOptions(dyadKey(US, IRAN));
    await expect.poll(titles).toEqual(['Soleimani killed', 'Abqaiq attack']);
    await page.getByLabelText('Dyad').selectOptions(dyadKey(IRAN, US));
    await expect.poll(titles).toEqual(['Global Hawk shot down']);
    await page.getByLabelText('Dyad').selectOptions('');
    await expect.poll(() => rows().length).toBe(3);
  });

  it('deleting a signal removes its row, and Undo brings it back', async () => {
    await seed([drone, abqaiq, soleimani]);
    render(Notices);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(3);

    const row = page.getByRole('row').filter({ hasText: 'Abqaiq attack' });
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(titles).toEqual(['Soleimani killed', 'Global Hawk shot down']);
    expect(await db.signals.get(abqaiq.id)).toBeUndefined();

    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(titles).toEqual(['Soleimani killed', 'Abqaiq attack', 'Global Hawk shot down']);
    // Its content as it was, stamped as a version newer than its deletion.
    const { updatedAt, ancestors, displayed, weight, scores, ...restored } = (await db.signals.get(
      abqaiq.id,
    ))!;
    const { updatedAt: before, ...content } = abqaiq;
    expect(restored).toEqual(content);
    // Its one assessment came back with it: the consensus is that assessment's scores.
    expect(scores?.map((s) => [s.intended, s.perceived, s.confidence])).toEqual([
      [abqaiq.intended, abqaiq.perceived, abqaiq.confidence],
    ]);
    expect([displayed, weight]).toEqual([null, 2]);
    expect(ancestors).toContain(before);
    expect(Date.parse(updatedAt)).toBeGreaterThan(Date.parse(before));
  });

  it('Edit opens the signal form on that row’s signal', async () => {
    await seed([drone, abqaiq, soleimani]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(3);

    const edit = page
      .getByRole('row')
      .filter({ hasText: 'Abqaiq attack' })
      .getByRole('button', { name: 'Edit' });
    await expect.element(edit).toHaveAccessibleDescription('Abqaiq attack');
    await edit.click();
    expect(editor.isOpen).toBe(true);
    expect(editor.signal?.id).toBe(abqaiq.id);
  });

  it('with 2,500 signals renders one page of rows and states the total', async () => {
    const many = Array.from({ length: 2500 }, (_, i) =>
      signal({ date: `2019-${String((i % 12) + 1).padStart(2, '0')}-10`, title: `Signal ${i + 1}` }),
    );
    await seed(many);
    render(SignalsView);

    await expect.poll(() => rows().length).toBe(100);
    await expect.element(page.getByText('2,500 signals', { exact: true })).toBeInTheDocument();
    await expect.element(page.getByText('Showing 1–100 of 2,500')).toBeInTheDocument();

    await page.getByRole('button', { name: 'Next' }).click();
    await expect.element(page.getByText('Showing 101–200 of 2,500')).toBeInTheDocument();
    expect(route.param('page')).toBe('2');

    await page.getByRole('button', { name: 'Last' }).click();
    await expect.element(page.getByText('Showing 2,401–2,500 of 2,500')).toBeInTheDocument();
    expect(rows()).toHaveLength(100);
  });

  it('shows a title written with markup as the literal text', async () => {
    await seed([signal({ title: '<b>x</b> <img src=x onerror="window.hacked=1">' })]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(1);

    expect(titles()).toEqual(['<b>x</b> <img src=x onerror="window.hacked=1">']);
    expect(document.querySelector('tbody b, tbody img')).toBeNull();
  });

  it('with no signals says so and offers a way to start', async () => {
    render(SignalsView);

    await expect.element(page.getByRole('heading', { name: 'No signals yet' })).toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Log your first signal' })).toBeInTheDocument();
    expect(document.querySelector('table')).toBeNull();
  });
  it('gives no control a label that a signal form field is found by', async () => {
    await seed([drone, abqaiq, soleimani]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(3);

    expect(page.getByLabelText(FORM_LABEL_WORDS).elements()).toEqual([]);
    expect(page.getByLabelText('Search').elements()).toHaveLength(1);
    expect(page.getByLabelText('Dyad').elements()).toHaveLength(1);
  });

  it('has no accessibility violations that axe can find', async () => {
    await seed([drone, abqaiq, soleimani]);
    render(SignalsView);
    await expect.poll(() => rows().length).toBe(3);
    expect(await axeViolations()).toEqual([]);
  });
});
