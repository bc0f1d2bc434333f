/**
 * Every number of issue 10 recomputed from the app's own JSON export, with
 * plain loops written here (PRODUCT.md §3): the Compare metrics table with its
 * signalling and reading gaps, the warning record, and the mixed-message
 * index's latest value on the dashboard. No app code computes an expected value.
 */
import type { Locator, Page } from 'playwright-core';
import { expect, test } from './harness';
import { ParallaxApp } from './pages';

const TAU = 10;
const W = 90;
const THRESHOLD = 25;
const H = 180;
const WEIGHT: Record<string, number> = { low: 1, moderate: 2, high: 3 };
const WORDS = new Set(['statement', 'threat', 'diplomacy']);
const DEEDS = new Set(['restraint', 'deployment', 'sanction', 'force']);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Row {
  id: string;
  [key: string]: unknown;
}
interface Backup {
  actors: Row[];
  redLines: Row[];
  signals: Row[];
  assessments?: Row[];
}

/** A signal as the measures read it: date, kind, and its consensus scores. */
interface Scored {
  id: string;
  date: string;
  createdAt: string;
  senderId: string;
  receiverId: string;
  kind: string;
  redLineId: string | null;
  intended: number;
  perceived: number;
  displayed: number | null;
  weight: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The consensus of each signal (PRODUCT.md §2): the mean of its assessments, else its own scores. */
function scored(backup: Backup): Scored[] {
  const byId = new Map<string, Row[]>();
  for (const a of backup.assessments ?? []) {
    const list = byId.get(a.signalId as string) ?? [];
    list.push(a);
    byId.set(a.signalId as string, list);
  }
  return backup.signals
    .map((s) => {
      const own = byId.get(s.id);
      const scores = own?.length ? own : [s];
      const displayed = scores.map((a) => a.displayed).filter((d): d is number => typeof d === 'number');
      return {
        id: s.id,
        date: s.date as string,
        createdAt: s.createdAt as string,
        senderId: s.senderId as string,
        receiverId: s.receiverId as string,
        kind: s.kind as string,
        redLineId: (s.redLineId as string | null) ?? null,
        intended: mean(scores.map((a) => a.intended as number)),
        perceived: mean(scores.map((a) => a.perceived as number)),
        displayed: displayed.length ? mean(displayed) : null,
        weight: mean(scores.map((a) => WEIGHT[a.confidence as string])),
      };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt < b.createdAt ? -1 : 1));
}

function day(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
}

function dateText(date: string): string {
  return `${Number(date.slice(8))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** One decimal, halves away from zero, ASCII minus: as the app shows a number. */
function shown(value: number | null): string {
  if (value === null) return '–';
  const r = (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

/** The signals of each window (date − W, date] of a dyad, at each of its signals. */
function windows(list: Scored[]): Scored[][] {
  return list.map((s) => list.filter((o) => day(o.date) > day(s.date) - W && day(o.date) <= day(s.date)));
}

function rolling(window: Scored[]): number | null {
  if (window.length < 3) return null;
  let sum = 0;
  let weight = 0;
  for (const s of window) {
    sum += s.weight * (s.perceived - s.intended);
    weight += s.weight;
  }
  return sum / weight;
}

function mixedMessage(window: Scored[]): number | null {
  const shownSignals = window.filter((s) => s.displayed !== null);
  const words = shownSignals.filter((s) => WORDS.has(s.kind)).map((s) => s.displayed!);
  const deeds = shownSignals.filter((s) => DEEDS.has(s.kind)).map((s) => s.displayed!);
  if (shownSignals.length < 3 || !words.length || !deeds.length) return null;
  return mean(words) - mean(deeds);
}

/** The metrics table's cells for a dyad, in its column order after the dyad's name. */
function expectedRow(list: Scored[]): (number | null)[] {
  const n = list.length;
  const gaps = list.map((s) => s.perceived - s.intended);
  const meanGap = mean(gaps);
  const under = gaps.filter((g) => g < -TAU).length;
  const over = gaps.filter((g) => g > TAU).length;
  const days = list.map((s) => day(s.date));
  const meanDay = mean(days);
  let sxy = 0;
  let sxx = 0;
  list.forEach((_, k) => {
    sxy += (days[k] - meanDay) * (gaps[k] - meanGap);
    sxx += (days[k] - meanDay) ** 2;
  });
  const withDisplayed = list.filter((s) => s.displayed !== null);
  return [
    n,
    meanGap,
    mean(gaps.map(Math.abs)),
    Math.max(...gaps.map(Math.abs)),
    (100 * under) / n,
    (100 * (n - under - over)) / n,
    (100 * over) / n,
    n < 3 || sxx === 0 ? null : (sxy / sxx) * 30,
    withDisplayed.length ? mean(withDisplayed.map((s) => s.displayed! - s.intended)) : null,
    withDisplayed.length ? mean(withDisplayed.map((s) => s.perceived - s.displayed!)) : null,
    withDisplayed.length,
  ];
}

async function exportBackup(app: ParallaxApp): Promise<Backup> {
  await app.nav('Data');
  const file = await app.download('Export JSON');
  return JSON.parse(file.text) as Backup;
}

function cells(row: Locator): Promise<string[]> {
  return row
    .getByRole('cell')
    .allInnerTexts()
    .then((texts) => texts.map((t) => t.trim()));
}

async function openCompare(page: Page): Promise<{ app: ParallaxApp; backup: Backup; list: Scored[] }> {
  const app = new ParallaxApp(page);
  await app.open();
  await app.loadExample();
  const backup = await exportBackup(app);
  await app.nav('Compare');
  return { app, backup, list: scored(backup) };
}

test('the Compare metrics table, signalling and reading gaps included, recomputed from the JSON export', async ({
  page,
}) => {
  const { backup, list } = await openCompare(page);
  const name = new Map(backup.actors.map((a) => [a.id, a.name as string]));
  const dyads = new Map<string, Scored[]>();
  for (const s of list) {
    const key = `${name.get(s.senderId)} → ${name.get(s.receiverId)}`;
    dyads.set(key, [...(dyads.get(key) ?? []), s]);
  }
  const table = page.getByRole('table', { name: 'Dyad metrics' });
  await expect.poll(() => table.locator('tbody tr').count()).toBe(dyads.size);
  const headers = (await table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
  expect(headers).toContain('Signalling gap');
  expect(headers).toContain('Reading gap');

  const order: string[] = [];
  for (const row of await table.locator('tbody tr').all()) {
    const [dyad, ...values] = await cells(row);
    order.push(dyad);
    const expected = expectedRow(dyads.get(dyad)!);
    expect(
      values.map((v) => v.replace(/^\+/, '')),
      dyad,
    ).toEqual(expected.map((v, k) => (k === 0 || k === expected.length - 1 ? String(v) : shown(v))));
  }
  // By default the widest misreadings first, and dyads of under 3 signals after every other.
  const thin = order.map((dyad) => dyads.get(dyad)!.length < 3);
  expect(thin).toEqual(thin.slice().sort((a, b) => Number(a) - Number(b)));
});

test('the warning record, recomputed from the JSON export', async ({ page }) => {
  const { backup, list } = await openCompare(page);
  const name = new Map(backup.actors.map((a) => [a.id, a.name as string]));
  const region = page.getByRole('region', { name: 'Warning record' });
  const select = region.getByLabel('Warning record dyad');
  await select.waitFor();
  const [senderName, receiverName] = (
    await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0].text)
  ).split(' → ');
  const idOf = (n: string) => backup.actors.find((a) => a.name === n)!.id;
  const sender = idOf(senderName);
  const receiver = idOf(receiverName);

  const dyad = list.filter((s) => s.senderId === sender && s.receiverId === receiver);
  const lines = new Map(
    backup.redLines.filter((l) => l.actorId === sender && l.targetId === receiver).map((l) => [l.id, l]),
  );
  const crossings = list.filter((s) => s.redLineId !== null && lines.has(s.redLineId));
  const under = windows(dyad).map((w) => {
    const r = rolling(w);
    return r !== null && Number(shown(r)) <= -THRESHOLD;
  });
  // Episodes: runs of consecutive signals under a deterrence-failure risk.
  const episodes: { first: number; last: number }[] = [];
  under.forEach((u, i) => {
    if (!u) return;
    const run = episodes.at(-1);
    if (run && run.last === i - 1) run.last = i;
    else episodes.push({ first: i, last: i });
  });
  const expectedCrossings = crossings.map((c) => {
    let last = -1;
    dyad.forEach((s, i) => {
      if (s.date <= c.date) last = i;
    });
    const run = episodes.find((e) => last >= e.first && last <= e.last);
    return [
      lines.get(c.redLineId!)!.text as string,
      dateText(c.date),
      run ? `warned since ${dateText(dyad[run.first].date)}` : 'missed',
      run ? String(day(c.date) - day(dyad[run.first].date)) : '–',
    ];
  });
  const crossingRows = region.getByRole('table', { name: 'Red-line crossings' }).locator('tbody tr');
  const shownCrossings = await Promise.all((await crossingRows.all()).map(cells));
  expect(shownCrossings.filter((r) => r.length === 4)).toEqual(expectedCrossings);

  const asOf = [dyad.at(-1)?.date, crossings.at(-1)?.date].filter(Boolean).sort().at(-1)!;
  const outcomes = episodes.map((e) => {
    const start = day(dyad[e.first].date);
    const end = day(dyad[e.last].date);
    const next = crossings.find((c) => day(c.date) >= start && day(c.date) <= end + H);
    return next ? 'crossing' : end + H <= day(asOf) ? 'false alarm' : 'open';
  });
  const episodeRows = region.getByRole('table', { name: 'Deterrence-failure episodes' }).locator('tbody tr');
  const shownEpisodes = await Promise.all((await episodeRows.all()).map(cells));
  expect(shownEpisodes.filter((r) => r.length === 5).map((r) => r.slice(0, 2))).toEqual(
    episodes.map((e) => [
      dateText(dyad[e.first].date),
      dateText(dyad[e.last].date) + (e.last === dyad.length - 1 ? ' (still running)' : ''),
    ]),
  );

  const warned = expectedCrossings.filter((c) => c[2] !== 'missed').length;
  const falseAlarms = outcomes.filter((o) => o === 'false alarm').length;
  const sentence = await region.locator('p.sentence').innerText();
  expect(sentence).toContain(
    crossings.length ? `${warned} of ${crossings.length} crossing` : 'No red line was crossed',
  );
  expect(sentence).toContain(
    episodes.length ? `${falseAlarms} of ${episodes.length} episode` : 'no deterrence',
  );
  void name;
});

test('the mixed-message index’s latest value, recomputed from the JSON export', async ({ page }) => {
  const { backup, list, app } = await openCompare(page);
  const us = backup.actors.find((a) => a.name === 'United States')!.id;
  const iran = backup.actors.find((a) => a.name === 'Iran')!.id;
  const dyad = list.filter((s) => s.senderId === us && s.receiverId === iran);
  const last = windows(dyad).at(-1)!;
  const latest = mixedMessage(last);
  const withDisplayed = last.filter((s) => s.displayed !== null);
  const words = withDisplayed.filter((s) => WORDS.has(s.kind)).length;
  const deeds = withDisplayed.filter((s) => DEEDS.has(s.kind)).length;
  const drawn = await app.readyCount();
  await app.open(`#/dashboard?s=${us}&r=${iran}`);
  await app.waitForDashboardReady(drawn);
  const chart = page.getByRole('img', { name: /^Mixed-message index over time/ });
  await chart.waitFor();
  const label = (await chart.getAttribute('aria-label')) ?? '';
  const value = /latest ([^,\s]+)/.exec(label)?.[1] ?? '';
  expect(value.replace(/^\+/, ''), label).toBe(shown(latest));
  // Its sign in words (above zero the sender talks tougher than it acts), and the signals it rests on.
  const sign = shown(latest);
  const said =
    sign === '–'
      ? ''
      : Number(sign) > 0
        ? ', talks tougher than it acts'
        : Number(sign) < 0
          ? ', acts tougher than it talks'
          : ', its words and deeds agree';
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  expect(label).toMatch(
    new RegExp(
      `latest \\S+${said} \\(n = ${words + deeds}: ${plural(words, 'word')}, ${plural(deeds, 'deed')}\\)$`,
    ),
  );
});

/** How a receiver reads a sender from a rolling gap (PRODUCT.md §2), none when too few. */
function readingOf(gap: number | null): 'under' | 'accurate' | 'over' | null {
  if (gap === null) return null;
  return gap < -TAU ? 'under' : gap > TAU ? 'over' : 'accurate';
}

/** The mirror reading of PRODUCT.md §3 from the two readings, as its sentence begins. */
function regionOf(a: ReturnType<typeof readingOf>, b: ReturnType<typeof readingOf>): string | null {
  if (a === null || b === null) return null;
  const both = [a, b];
  const count = (r: string) => both.filter((x) => x === r).length;
  if (count('under') === 2) return 'Mutual complacency';
  if (count('under') === 1) return 'Deterrence failure';
  if (count('over') === 2) return 'Spiral';
  if (count('over') === 1) return 'One-sided fear';
  return 'Clear reading';
}

test('the mirror plane places each pair where its two latest rolling gaps, recomputed from the JSON export, put it', async ({
  page,
}) => {
  const { backup, list } = await openCompare(page);
  const idOf = (n: string) => backup.actors.find((a) => a.name === n)!.id;
  const mirror = page.getByRole('region', { name: 'Mirror', exact: true });
  const select = mirror.getByLabel('Mirror dyad');
  await select.waitFor();
  const options = await select.locator('option').allInnerTexts();
  const pairs = options.filter((o) => options.includes(o.split(' → ').reverse().join(' → ')));
  expect(pairs).toContain('United States → Iran');

  for (const pair of pairs) {
    await select.selectOption({ label: pair });
    const [aName, bName] = pair.split(' → ');
    const [a, b] = [idOf(aName), idOf(bName)];
    const aToB = list.filter((s) => s.senderId === a && s.receiverId === b);
    const bToA = list.filter((s) => s.senderId === b && s.receiverId === a);
    const rollingA = windows(aToB).map(rolling);
    const rollingB = windows(bToA).map(rolling);
    const region = regionOf(readingOf(rollingA.at(-1) ?? null), readingOf(rollingB.at(-1) ?? null));
    // The path: at each date either side has a signal, each side's rolling gap at
    // its last signal on or before it, where both can be said.
    const dates = [...new Set([...aToB, ...bToA].map((s) => s.date))].sort();
    const valueAt = (side: Scored[], values: (number | null)[], date: string) => {
      let last = -1;
      side.forEach((s, i) => {
        if (s.date <= date) last = i;
      });
      return last < 0 ? null : values[last];
    };
    const path = dates.filter(
      (d) => valueAt(aToB, rollingA, d) !== null && valueAt(bToA, rollingB, d) !== null,
    );

    const plane = mirror.getByRole('region', { name: 'Mirror reading' });
    const image = plane.getByRole('img', { name: new RegExp(`^Mirror reading of ${aName} and ${bName}:`) });
    await image.waitFor();
    const label = (await image.getAttribute('aria-label')) ?? '';
    const sentence = await plane.locator('p.standing').innerText();
    if (region === null) {
      expect(sentence, pair).toMatch(/^Too few signals to say/);
    } else {
      const signed = (v: number) => (Number(shown(v)) > 0 ? `+${shown(v)}` : shown(v));
      const reads = (reader: string, gap: number, read: string) => {
        const r = readingOf(gap);
        const words =
          r === 'under' ? `underrates ${read}` : r === 'over' ? `overrates ${read}` : `reads ${read} right`;
        return `${reader} ${words} (${signed(gap)})`;
      };
      expect(sentence, pair).toBe(
        `${region}: ${reads(bName, rollingA.at(-1)!, aName)}, ${reads(aName, rollingB.at(-1)!, bName)}.`,
      );
    }
    expect(label, pair).toContain(sentence);
    expect(label, pair).toContain(
      path.length === 0
        ? 'no date where both rolling gaps can be said'
        : path.length === 1
          ? `1 date, ${dateText(path[0])}`
          : `${path.length} dates from ${dateText(path[0])} to ${dateText(path.at(-1)!)}`,
    );
  }

  // The plane downloads as an image, as the other Compare charts do.
  const plane = mirror.getByRole('region', { name: 'Mirror reading' });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    plane.getByRole('button', { name: 'Download chart', exact: true }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(/\.png$/);
});
