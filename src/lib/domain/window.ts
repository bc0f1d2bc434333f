/**
 * A dyad's signals as the measures read them (PRODUCT.md §3): in dyad order,
 * with their numbers in typed columns (a `Series`), and the trailing window
 * that slides over them.
 *
 * Pure functions of their arguments. A dyad can hold 100,000 signals, so a
 * series is built once and then patched by whoever owns the list (the state
 * layer, see state/series-memo.ts): `nextSeries` copies the previous columns
 * around one saved or deleted signal instead of recomputing them.
 */
import { dayNumber } from './dates';
import { DEFAULT_SETTINGS } from './types';
import { roundShown } from './format';
import { displayedOf, kindClassOf, signalWeight } from './gap';
import { dyadKey } from './table';
import type { Signal } from './types';

export type AlertKind = 'deterrence-failure risk' | 'spiral risk';

/**
 * Fewer signals than this behind a rolling gap, an index, an interval, a trend
 * or an alert are too few to say (PRODUCT.md §3): the views show `–`.
 */
export const MIN_WINDOW_SIGNALS = 3;

// ---------------------------------------------------------------------------
// Order

/**
 * The order of a dyad's signals: by date, then creation time, then id, so that
 * the order is total and the same on every machine. Dates (`YYYY-MM-DD`) and
 * timestamps (ISO UTC) sort as plain strings; no locale comparison.
 */
export function compareSignals(
  a: Pick<Signal, 'date' | 'createdAt' | 'id'>,
  b: Pick<Signal, 'date' | 'createdAt' | 'id'>,
): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/**
 * Where a signal never edited (`createdAt` = `updatedAt`) sits in a list in
 * dyad order, by binary search: its index, or -1 when the list does not hold
 * it. Its date and creation time are those of any version held, so it can be
 * nowhere else. Null for an edited signal, whose held version may have
 * another date: only a scan finds it.
 */
export function indexOfUnedited(list: readonly Signal[], signal: Signal): number | null {
  if (signal.createdAt !== signal.updatedAt) return null;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSignals(list[mid], signal) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo].id === signal.id ? lo : -1;
}

/** A new array of the signals in dyad order; the input is left as it was. */
export function sortSignals(list: readonly Signal[]): Signal[] {
  return list.slice().sort(compareSignals);
}

function isSorted(list: readonly Signal[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareSignals(list[i - 1], list[i]) > 0) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Columns

/** Kind codes in `Columns.kind`: words and deeds (PRODUCT.md §2), `other` is neither. */
export const NEITHER = 0;
export const WORD = 1;
export const DEED = 2;

/**
 * A list's numbers, one typed array each, indexed like the list. Every O(n)
 * pass reads these instead of the signal objects: 100,000 objects lie
 * scattered over the heap, and a pass that touches each of them waits on
 * memory far longer than it computes; a typed array is read straight through.
 */
export interface Columns {
  /** Whole days since 1970-01-01 (see dayNumber). */
  day: Int32Array;
  intended: Float64Array;
  perceived: Float64Array;
  /** Displayed resolve; NaN where the signal has none. */
  displayed: Float64Array;
  /** Confidence weight, 1–3, fractional for a consensus of several analysts. */
  weight: Float64Array;
  /** WORD, DEED or NEITHER. */
  kind: Uint8Array;
}

const COLUMN_KEYS = ['day', 'intended', 'perceived', 'displayed', 'weight', 'kind'] as const;

/** A dyad's signals in dyad order, with their columns: what every measure reads. Never write to either. */
export interface Series {
  readonly signals: readonly Signal[];
  readonly columns: Readonly<Columns>;
}

/** A series, or signals to make one of (sorted on a copy when out of order). */
export type SeriesInput = Series | readonly Signal[];

function allocate(n: number): Columns {
  return {
    day: new Int32Array(n),
    intended: new Float64Array(n),
    perceived: new Float64Array(n),
    displayed: new Float64Array(n),
    weight: new Float64Array(n),
    kind: new Uint8Array(n),
  };
}

function put(columns: Columns, i: number, s: Signal, day: number): void {
  columns.day[i] = day;
  columns.intended[i] = s.intended;
  columns.perceived[i] = s.perceived;
  columns.displayed[i] = displayedOf(s) ?? Number.NaN;
  columns.weight[i] = signalWeight(s);
  const kind = kindClassOf(s.kind);
  columns.kind[i] = kind === 'word' ? WORD : kind === 'deed' ? DEED : NEITHER;
}

/** The columns of signals already in order. */
export function columnsOf(sorted: readonly Signal[]): Columns {
  const columns = allocate(sorted.length);
  let lastDate = '';
  let lastDay = 0;
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    // Dates repeat a lot in long series: convert each distinct date once.
    if (s.date !== lastDate) {
      lastDate = s.date;
      lastDay = dayNumber(s.date);
    }
    put(columns, i, s, lastDay);
  }
  return columns;
}

/**
 * The series of a list of signals, sorted on a copy when out of order. O(n).
 * `inOrder` spares the check when the caller keeps the list in dyad order
 * itself (the open dyad's, patched in order).
 */
export function seriesOf(list: readonly Signal[], inOrder = false): Series {
  const signals = inOrder || isSorted(list) ? list : sortSignals(list);
  return { signals, columns: columnsOf(signals) };
}

export function isSeries(input: SeriesInput): input is Series {
  return !Array.isArray(input);
}

/** A series as given, or made from the signals. */
export function toSeries(input: SeriesInput): Series {
  return isSeries(input) ? input : seriesOf(input);
}

/**
 * The series of `list`, the next version of `previous`'s list. When the two
 * differ by one signal inserted or removed (a signal saved or deleted), and an
 * inserted one sits in order between its neighbours, the columns are copied
 * from the previous ones around it, O(n) copies of typed arrays instead of a
 * read of every signal. Only references are compared, never the signals
 * themselves; anything else is built afresh.
 */
export function nextSeries(previous: Series, list: readonly Signal[], inOrder = false): Series {
  if (list === previous.signals) return previous;
  const columns = patchedColumns(list, previous.signals, previous.columns);
  return columns ? { signals: list, columns } : seriesOf(list, inOrder);
}

function patchedColumns(
  list: readonly Signal[],
  previous: readonly Signal[],
  old: Readonly<Columns>,
): Columns | null {
  const n = list.length;
  const m = previous.length;
  if (Math.abs(n - m) !== 1 || old.day.length !== m) return null;
  let k = 0;
  while (k < n && k < m && list[k] === previous[k]) k++;
  const inserted = n > m;
  for (let i = k; i < Math.min(n, m); i++) {
    if ((inserted ? list[i + 1] : list[i]) !== (inserted ? previous[i] : previous[i + 1])) return null;
  }
  if (inserted) {
    // The rest was in order; the new signal must be too, against its two neighbours.
    if (k > 0 && compareSignals(list[k - 1], list[k]) > 0) return null;
    if (k + 1 < n && compareSignals(list[k], list[k + 1]) > 0) return null;
  }
  const columns = allocate(n);
  for (const key of COLUMN_KEYS) {
    const from = old[key];
    const to = columns[key];
    // Each pair is of one typed-array type; TypeScript cannot see it through the key union.
    (to as Float64Array).set(from.subarray(0, k) as Float64Array);
    if (inserted) (to as Float64Array).set(from.subarray(k) as Float64Array, k + 1);
    else (to as Float64Array).set(from.subarray(k + 1) as Float64Array, k);
  }
  if (inserted) put(columns, k, list[k], dayNumber(list[k].date));
  return columns;
}

/** The index of the first signal dated after `day` (columns sorted by day). */
export function endOfDay(columns: Readonly<Columns>, day: number): number {
  const days = columns.day;
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The signals `start` to `end` (excluded) of a series, sharing its columns (no copy of them). */
export function seriesSlice(series: Series, start: number, end: number = series.signals.length): Series {
  const n = series.signals.length;
  if (start <= 0 && end >= n) return series;
  const c = series.columns;
  return {
    signals: series.signals.slice(start, end),
    columns: {
      day: c.day.subarray(start, end),
      intended: c.intended.subarray(start, end),
      perceived: c.perceived.subarray(start, end),
      displayed: c.displayed.subarray(start, end),
      weight: c.weight.subarray(start, end),
      kind: c.kind.subarray(start, end),
    },
  };
}

// ---------------------------------------------------------------------------
// The trailing window

/** Running sums over the signals in the window at one signal. */
export interface WindowSums {
  count: number;
  /** Σ weight */
  weight: number;
  /** Σ weight × gap */
  weightedGap: number;
  /** Σ perceived */
  perceived: number;
  /** Σ perceived² */
  perceivedSquared: number;
  /** Signals with a displayed resolve, of any kind. */
  displayedCount: number;
  /** Words with a displayed resolve, and the sum of it. */
  words: number;
  wordsDisplayed: number;
  /** Deeds with a displayed resolve, and the sum of it. */
  deeds: number;
  deedsDisplayed: number;
}

function emptySums(): WindowSums {
  return {
    count: 0,
    weight: 0,
    weightedGap: 0,
    perceived: 0,
    perceivedSquared: 0,
    displayedCount: 0,
    words: 0,
    wordsDisplayed: 0,
    deeds: 0,
    deedsDisplayed: 0,
  };
}

/** Adds (sign 1) or removes (sign −1) signal i to or from the sums. */
function add(sums: WindowSums, c: Readonly<Columns>, i: number, sign: 1 | -1): void {
  const w = c.weight[i];
  const p = c.perceived[i];
  sums.count += sign;
  sums.weight += sign * w;
  sums.weightedGap += sign * w * (p - c.intended[i]);
  sums.perceived += sign * p;
  sums.perceivedSquared += sign * p * p;
  const d = c.displayed[i];
  if (d === d) {
    sums.displayedCount += sign;
    const kind = c.kind[i];
    if (kind === WORD) {
      sums.words += sign;
      sums.wordsDisplayed += sign * d;
    } else if (kind === DEED) {
      sums.deeds += sign;
      sums.deedsDisplayed += sign * d;
    }
  }
}

/**
 * Calls `visit(i, sums)` for every signal i with the sums over its trailing
 * window (date_i − W, date_i]: a signal exactly W days older is outside; every
 * signal on date_i is inside, even those ordered after i.
 *
 * Both ends of the window only move forward, so the whole slide is O(n).
 * Scores are whole numbers, so their running sums never drift; fractional
 * consensus weights may, by far less than the one decimal shown, which is why
 * a window's weight is never compared with zero.
 */
export function slideWindow(
  series: Series,
  windowDays: number,
  visit: (i: number, sums: Readonly<WindowSums>) => void,
): void {
  const c = series.columns;
  const days = c.day;
  const n = days.length;
  const sums = emptySums();
  let next = 0; // first signal not yet added
  let oldest = 0; // first signal still in the window
  for (let i = 0; i < n; i++) {
    const day = days[i];
    while (next < n && days[next] <= day) add(sums, c, next++, 1);
    while (oldest < next && days[oldest] <= day - windowDays) add(sums, c, oldest++, -1);
    visit(i, sums);
  }
}

/**
 * The sums over the window at the series' last signal, walking back from the
 * end: O(window), not O(n). Null for an empty series.
 */
export function lastWindow(series: Series, windowDays: number): WindowSums | null {
  const c = series.columns;
  const n = c.day.length;
  if (n === 0) return null;
  const firstOutside = c.day[n - 1] - windowDays;
  const sums = emptySums();
  for (let i = n - 1; i >= 0 && c.day[i] > firstOutside; i--) add(sums, c, i, 1);
  return sums;
}

/** The confidence-weighted mean gap of a window, or null under 3 signals. */
export function rollingGapOf(sums: Readonly<WindowSums>): number | null {
  return sums.count < MIN_WINDOW_SIGNALS ? null : sums.weightedGap / sums.weight;
}

/**
 * Mean displayed resolve of the words minus that of the deeds, over the
 * window's signals with a displayed resolve: null unless it holds at least 3
 * of them with at least one word and one deed.
 */
export function mixedMessageOf(sums: Readonly<WindowSums>): number | null {
  if (sums.displayedCount < MIN_WINDOW_SIGNALS || sums.words === 0 || sums.deeds === 0) return null;
  return sums.wordsDisplayed / sums.words - sums.deedsDisplayed / sums.deeds;
}

/** Population standard deviation of perceived resolve over the window, or null under 3 signals. */
export function readingVolatilityOf(sums: Readonly<WindowSums>): number | null {
  const n = sums.count;
  if (n < MIN_WINDOW_SIGNALS) return null;
  // n·Σp² − (Σp)² is exact for whole scores while it stays under 2^53 (past
  // 900,000 signals in one window), where Σp²/n − mean² would cancel; the clamp
  // only guards fractional input.
  const variance = (n * sums.perceivedSquared - sums.perceived * sums.perceived) / (n * n);
  return Math.sqrt(Math.max(0, variance));
}

/**
 * The alert a rolling gap raises (PRODUCT.md §3): the gap rounded to one
 * decimal, as the views show it, at or beyond the threshold (≤ −threshold,
 * ≥ +threshold); none under 3 signals in the window.
 */
export function alertKindOf(
  rollingGap: number | null,
  windowCount: number,
  threshold: number = DEFAULT_SETTINGS.alertThreshold,
): AlertKind | null {
  if (rollingGap === null || windowCount < MIN_WINDOW_SIGNALS) return null;
  const shown = roundShown(rollingGap, 1);
  if (shown <= -threshold) return 'deterrence-failure risk';
  if (shown >= threshold) return 'spiral risk';
  return null;
}

/** Signals grouped by dyad (`dyadKey`), each group a series; dyads with no signals do not appear. */
export function dyadsWithSignals(signals: readonly Signal[]): Map<string, Series> {
  const groups = new Map<string, Signal[]>();
  for (const s of signals) {
    const key = dyadKey(s.senderId, s.receiverId);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  const out = new Map<string, Series>();
  for (const [key, group] of groups) out.set(key, seriesOf(group));
  return out;
}
