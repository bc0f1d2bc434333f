/**
 * The gap analytics of PRODUCT.md §3: pure functions of plain signals.
 *
 * A dyad can hold 100,000 signals, so every per-signal series is one pass: the
 * trailing window is a two-pointer slide over the date-ordered signals with
 * running sums, never a re-scan of the window at each signal.
 */
import { dayNumber, dayNumberToDate } from './dates';
import { CONFIDENCE_WEIGHT } from './gap';
import { DEFAULT_SETTINGS } from './types';
import type { CalendarDate, Dyad, RedLine, Settings, Signal } from './types';

export type AlertKind = 'deterrence-failure risk' | 'spiral risk';

/** Fewer signals than this in the window are too few to read a swing or raise an alert. */
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

/** Lists known to be in dyad order: checked once, or kept in order by their owner. */
const inOrder = new WeakSet<readonly Signal[]>();

/**
 * Vouches that `list` is in dyad order and stays as it is (the open dyad's
 * series keeps it so), sparing the measures an O(n) check at every change.
 */
export function inDyadOrder<T extends readonly Signal[]>(list: T): T {
  inOrder.add(list);
  return list;
}

function isSorted(list: readonly Signal[]): boolean {
  if (inOrder.has(list)) return true;
  for (let i = 1; i < list.length; i++) if (compareSignals(list[i - 1], list[i]) > 0) return false;
  inOrder.add(list);
  return true;
}

/**
 * A signal's confidence weight. Compared rather than looked up in
 * CONFIDENCE_WEIGHT: strings read from IndexedDB are not interned, and a
 * property lookup by such a string costs a hash each time, 100,000 times a pass.
 */
function weightOf(s: Signal): number {
  const c = s.confidence;
  return c === 'high'
    ? CONFIDENCE_WEIGHT.high
    : c === 'moderate'
      ? CONFIDENCE_WEIGHT.moderate
      : CONFIDENCE_WEIGHT.low;
}

// ---------------------------------------------------------------------------
// The trailing window

/** Running sums over the signals in the window at one signal. */
interface WindowSums {
  count: number;
  /** Σ weight */
  weight: number;
  /** Σ weight × gap */
  weightedGap: number;
  /** Σ perceived */
  perceived: number;
  /** Σ perceived² */
  perceivedSquared: number;
}

/**
 * A list's numbers, one typed array each, indexed like the list. Every O(n)
 * pass below reads these instead of the signal objects: 100,000 objects lie
 * scattered over the heap, and a pass that touches each of them waits on
 * memory far longer than it computes; a typed array is read straight through.
 */
export interface Columns {
  /** Whole days since 1970-01-01 (see dayNumber). */
  day: Int32Array;
  intended: Float64Array;
  perceived: Float64Array;
  weight: Uint8Array;
}

/**
 * Columns kept per list. Lists of signals are never changed in place here
 * (state replaces them whole), so a list of the same length holds the same
 * signals.
 */
const columnCache = new WeakMap<readonly Signal[], Columns>();
/** The list asked for columns last: the next list is most often it with one signal more or less. */
let lastList: WeakRef<readonly Signal[]> | null = null;

/**
 * The day numbers, scores and weights of a list of signals, computed once per
 * list and shared: read them, never write to them.
 */
export function columnsOf(list: readonly Signal[]): Readonly<Columns> {
  let columns = columnCache.get(list);
  if (columns && columns.day.length === list.length) {
    // The list asked for last, cached or not, is the one the next list most often differs from by one.
    if (lastList?.deref() !== list) lastList = new WeakRef(list);
    return columns;
  }
  const previous = lastList?.deref();
  const previousColumns = previous && columnCache.get(previous);
  columns =
    (previous && previousColumns && patchedColumns(list, previous, previousColumns)) ?? freshColumns(list);
  columnCache.set(list, columns);
  lastList = new WeakRef(list);
  return columns;
}

function allocate(n: number): Columns {
  return {
    day: new Int32Array(n),
    intended: new Float64Array(n),
    perceived: new Float64Array(n),
    weight: new Uint8Array(n),
  };
}

function put(columns: Columns, i: number, s: Signal, day: number): void {
  columns.day[i] = day;
  columns.intended[i] = s.intended;
  columns.perceived[i] = s.perceived;
  columns.weight[i] = weightOf(s);
}

function freshColumns(list: readonly Signal[]): Columns {
  const columns = allocate(list.length);
  let lastDate = '';
  let lastDay = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
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
 * The columns of `list` copied from those of `previous` when the two differ by
 * one signal inserted or removed (a signal saved or deleted), else null. Only
 * the lists' references are compared, never the signals themselves.
 */
function patchedColumns(list: readonly Signal[], previous: readonly Signal[], old: Columns): Columns | null {
  const n = list.length;
  const m = previous.length;
  if (Math.abs(n - m) !== 1 || old.day.length !== m) return null;
  let k = 0;
  while (k < n && k < m && list[k] === previous[k]) k++;
  const inserted = n > m;
  for (let i = k; i < Math.min(n, m); i++) {
    if ((inserted ? list[i + 1] : list[i]) !== (inserted ? previous[i] : previous[i + 1])) return null;
  }
  const columns = allocate(n);
  for (const key of ['day', 'intended', 'perceived', 'weight'] as const) {
    const from = old[key];
    const to = columns[key];
    to.set(from.subarray(0, k));
    if (inserted) to.set(from.subarray(k), k + 1);
    else to.set(from.subarray(k + 1), k);
  }
  if (inserted) put(columns, k, list[k], dayNumber(list[k].date));
  return columns;
}

/**
 * Calls `visit(i, sums)` for every signal i with the sums over its trailing
 * window (date_i − W, date_i]: a signal exactly W days older is outside; every
 * signal on date_i is inside, even those ordered after i.
 *
 * Both ends of the window only move forward, so the whole slide is O(n). Scores
 * are whole numbers, so the running sums are whole numbers and adding and
 * removing them never drifts.
 */
function slideWindow(
  sorted: readonly Signal[],
  windowDays: number,
  visit: (i: number, sums: Readonly<WindowSums>) => void,
): void {
  const n = sorted.length;
  const { day: days, intended, perceived, weight } = columnsOf(sorted);
  const sums: WindowSums = { count: 0, weight: 0, weightedGap: 0, perceived: 0, perceivedSquared: 0 };
  let next = 0; // first signal not yet added
  let oldest = 0; // first signal still in the window
  for (let i = 0; i < n; i++) {
    const day = days[i];
    while (next < n && days[next] <= day) {
      const w = weight[next];
      const p = perceived[next];
      sums.count++;
      sums.weight += w;
      sums.weightedGap += w * (p - intended[next]);
      sums.perceived += p;
      sums.perceivedSquared += p * p;
      next++;
    }
    while (oldest < next && days[oldest] <= day - windowDays) {
      const w = weight[oldest];
      const p = perceived[oldest];
      sums.count--;
      sums.weight -= w;
      sums.weightedGap -= w * (p - intended[oldest]);
      sums.perceived -= p;
      sums.perceivedSquared -= p * p;
      oldest++;
    }
    visit(i, sums);
  }
}

/** The confidence-weighted mean gap of a window; the window always holds its own signal, so weight > 0. */
function rollingGapOf(sums: Readonly<WindowSums>): number {
  return sums.weightedGap / sums.weight;
}

/** Population standard deviation of perceived resolve, or null under 3 signals. */
function mixedMessageOf(sums: Readonly<WindowSums>): number | null {
  const n = sums.count;
  if (n < MIN_WINDOW_SIGNALS) return null;
  // n·Σp² − (Σp)² is exact for whole scores while it stays under 2^53 (past
  // 900,000 signals in one window), where Σp²/n − mean² would cancel; the clamp
  // only guards fractional input.
  const variance = (n * sums.perceivedSquared - sums.perceived * sums.perceived) / (n * n);
  return Math.sqrt(Math.max(0, variance));
}

/**
 * The alert a rolling gap raises: at or beyond the threshold (≤ −threshold,
 * ≥ +threshold), and only when the window holds at least 3 signals.
 */
export function alertKindOf(
  rollingGap: number,
  windowCount: number,
  threshold: number = DEFAULT_SETTINGS.alertThreshold,
): AlertKind | null {
  if (windowCount < MIN_WINDOW_SIGNALS) return null;
  if (rollingGap <= -threshold) return 'deterrence-failure risk';
  if (rollingGap >= threshold) return 'spiral risk';
  return null;
}

// ---------------------------------------------------------------------------
// Per-signal series

export interface RollingGaps {
  /** Confidence-weighted mean gap over the trailing window at each signal. */
  rollingGap: Float64Array;
  /** How many signals that window holds (at least 1: the signal itself). */
  windowCount: Uint32Array;
}

/** The rolling gap at each signal of a dyad's sorted signals, with the size of each window. */
export function rollingGaps(
  sorted: readonly Signal[],
  windowDays: number = DEFAULT_SETTINGS.windowDays,
): RollingGaps {
  const rollingGap = new Float64Array(sorted.length);
  const windowCount = new Uint32Array(sorted.length);
  slideWindow(sorted, windowDays, (i, sums) => {
    rollingGap[i] = rollingGapOf(sums);
    windowCount[i] = sums.count;
  });
  return { rollingGap, windowCount };
}

/** The mixed-message index at each signal: spread of perceived resolve in the window, null under 3 signals. */
export function mixedMessageIndex(
  sorted: readonly Signal[],
  windowDays: number = DEFAULT_SETTINGS.windowDays,
): (number | null)[] {
  const index: (number | null)[] = [];
  slideWindow(sorted, windowDays, (_, sums) => {
    index.push(mixedMessageOf(sums));
  });
  return index;
}

/** The miscalculation alert at each signal, or null. */
export function alerts(
  sorted: readonly Signal[],
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): (AlertKind | null)[] {
  const kinds: (AlertKind | null)[] = [];
  slideWindow(sorted, settings.windowDays, (_, sums) => {
    kinds.push(alertKindOf(rollingGapOf(sums), sums.count, settings.alertThreshold));
  });
  return kinds;
}

/** Everything the dashboard draws per signal, as parallel arrays indexed like the sorted signals. */
export interface DyadAnalysis {
  gap: Float64Array;
  rollingGap: Float64Array;
  windowCount: Uint32Array;
  mixedMessage: (number | null)[];
  alert: (AlertKind | null)[];
}

/** Gap, rolling gap, window size, mixed-message index and alert per signal, in one pass. */
export function analyseDyad(
  sorted: readonly Signal[],
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): DyadAnalysis {
  const n = sorted.length;
  const gap = new Float64Array(n);
  const rollingGap = new Float64Array(n);
  const windowCount = new Uint32Array(n);
  const mixedMessage = new Array<number | null>(n);
  const alert = new Array<AlertKind | null>(n);
  const threshold = settings.alertThreshold;
  const { intended, perceived } = columnsOf(sorted);
  slideWindow(sorted, settings.windowDays, (i, sums) => {
    const rolling = rollingGapOf(sums);
    gap[i] = perceived[i] - intended[i];
    rollingGap[i] = rolling;
    windowCount[i] = sums.count;
    mixedMessage[i] = mixedMessageOf(sums);
    alert[i] = alertKindOf(rolling, sums.count, threshold);
  });
  return { gap, rollingGap, windowCount, mixedMessage, alert };
}

// ---------------------------------------------------------------------------
// The latest window and the banner

/** The sums over the window at the last signal, found by walking back from the end: O(window), not O(n). */
function latestWindow(sorted: readonly Signal[], windowDays: number): WindowSums | null {
  const n = sorted.length;
  if (n === 0) return null;
  const { day, intended, perceived, weight } = columnsOf(sorted);
  const firstOutside = day[n - 1] - windowDays;
  const sums: WindowSums = { count: 0, weight: 0, weightedGap: 0, perceived: 0, perceivedSquared: 0 };
  for (let i = n - 1; i >= 0 && day[i] > firstOutside; i--) {
    const w = weight[i];
    const p = perceived[i];
    sums.count++;
    sums.weight += w;
    sums.weightedGap += w * (p - intended[i]);
    sums.perceived += p;
    sums.perceivedSquared += p * p;
  }
  return sums;
}

/** The rolling gap at the last signal of a sorted dyad, or null when it has none. */
export function latestRollingGap(
  sorted: readonly Signal[],
  windowDays: number = DEFAULT_SETTINGS.windowDays,
): number | null {
  const sums = latestWindow(sorted, windowDays);
  return sums ? rollingGapOf(sums) : null;
}

/** The alert standing at a dyad's last signal: what the dashboard banner says. */
export interface CurrentAlert {
  kind: AlertKind;
  rollingGap: number;
  /** Signals in the window. */
  windowCount: number;
  windowDays: number;
  /** The first day the window covers: the last signal's date − W + 1. */
  since: CalendarDate;
}

export function currentAlert(
  sorted: readonly Signal[],
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): CurrentAlert | null {
  const sums = latestWindow(sorted, settings.windowDays);
  if (!sums) return null;
  const rollingGap = rollingGapOf(sums);
  const kind = alertKindOf(rollingGap, sums.count, settings.alertThreshold);
  if (!kind) return null;
  const lastDay = columnsOf(sorted).day[sorted.length - 1];
  return {
    kind,
    rollingGap,
    windowCount: sums.count,
    windowDays: settings.windowDays,
    since: dayNumberToDate(lastDay - settings.windowDays + 1),
  };
}

/**
 * The banner's words, e.g. "Iran has read United States resolve 30 points below
 * intent over the last 90 days, 5 signals".
 */
export function alertMessage(alert: CurrentAlert, senderName: string, receiverName: string): string {
  const points = Math.round(Math.abs(alert.rollingGap));
  const side = alert.kind === 'deterrence-failure risk' ? 'below' : 'above';
  return (
    `${receiverName} has read ${senderName} resolve ${points} points ${side} intent ` +
    `over the last ${alert.windowDays} days, ${alert.windowCount} signals`
  );
}

/**
 * The sender's red lines toward the receiver, at risk while the dyad stands
 * under a deterrence-failure risk: the receiver may cross a line it believes safe.
 */
export function redLinesAtRisk(
  redLines: readonly RedLine[],
  dyad: Dyad,
  alertKind: AlertKind | null | undefined,
): RedLine[] {
  if (alertKind !== 'deterrence-failure risk') return [];
  return redLines.filter((line) => line.actorId === dyad.senderId && line.targetId === dyad.receiverId);
}

// ---------------------------------------------------------------------------
// Dyad metrics

export interface ReadingShares {
  underestimated: number;
  accurate: number;
  overestimated: number;
}

export interface DyadMetrics {
  count: number;
  /** Mean gap, unweighted; null for no signals. */
  meanGap: number | null;
  meanAbsGap: number | null;
  /** The signal with the largest |gap| (the earliest in order on a tie), or null for no signals. */
  largest: { absGap: number; signal: Signal } | null;
  /** Percentages to one decimal that add up to exactly 100; all 0 for no signals. */
  shares: ReadingShares;
  /** Least-squares slope of gap against time, in points per 30 days; 0 under 2 signals or on one date. */
  trendPer30Days: number;
  latestRollingGap: number | null;
  currentAlert: CurrentAlert | null;
}

/**
 * Dyad metrics over any set of signals, taken as one series (pass one dyad's
 * signals, or a period of them). Unsorted input is sorted on a copy.
 */
export function dyadMetrics(
  signals: readonly Signal[],
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): DyadMetrics {
  const sorted = isSorted(signals) ? signals : sortSignals(signals);
  const n = sorted.length;
  if (n === 0) {
    return {
      count: 0,
      meanGap: null,
      meanAbsGap: null,
      largest: null,
      shares: { underestimated: 0, accurate: 0, overestimated: 0 },
      trendPer30Days: 0,
      latestRollingGap: null,
      currentAlert: null,
    };
  }

  const { intended, perceived } = columnsOf(sorted);
  let sumGap = 0;
  let sumAbsGap = 0;
  let largest = 0;
  let largestAbs = -1;
  // The readings of readingOf, counted without a call per signal.
  const tau = settings.tau;
  let under = 0;
  let over = 0;
  for (let i = 0; i < n; i++) {
    const gap = perceived[i] - intended[i];
    const abs = gap < 0 ? -gap : gap;
    sumGap += gap;
    sumAbsGap += abs;
    if (abs > largestAbs) {
      largest = i;
      largestAbs = abs;
    }
    if (gap < -tau) under++;
    else if (gap > tau) over++;
  }
  const tally = { underestimated: under, accurate: n - under - over, overestimated: over };

  return {
    count: n,
    meanGap: sumGap / n,
    meanAbsGap: sumAbsGap / n,
    largest: { absGap: largestAbs, signal: sorted[largest] },
    shares: percentShares(tally, n),
    trendPer30Days: gapTrendPerDay(sorted, sumGap / n) * 30,
    latestRollingGap: latestRollingGap(sorted, settings.windowDays),
    currentAlert: currentAlert(sorted, settings),
  };
}

const READINGS = ['underestimated', 'accurate', 'overestimated'] as const;

/**
 * Counts as percentages to one decimal, by largest remainder, so that what the
 * analyst reads adds up to 100 (a three-way tie gives 33.4 / 33.3 / 33.3, not
 * 33.3 × 3 = 99.9). Equal remainders go to the earlier reading.
 */
function percentShares(tally: ReadingShares, total: number): ReadingShares {
  const tenths = { underestimated: 0, accurate: 0, overestimated: 0 };
  let left = 1000;
  for (const r of READINGS) {
    tenths[r] = Math.floor((tally[r] * 1000) / total);
    left -= tenths[r];
  }
  const byRemainder = READINGS.slice().sort(
    (a, b) => ((tally[b] * 1000) % total) - ((tally[a] * 1000) % total),
  );
  for (let k = 0; k < left; k++) tenths[byRemainder[k]]++;
  return {
    underestimated: tenths.underestimated / 10,
    accurate: tenths.accurate / 10,
    overestimated: tenths.overestimated / 10,
  };
}

/**
 * Least-squares slope of gap against day number. Centred on the means (two
 * passes) because Σx² of day numbers near 20,000 over 100k signals loses digits.
 */
function gapTrendPerDay(signals: readonly Signal[], meanGap: number): number {
  const n = signals.length;
  if (n < 2) return 0;
  const { day: days, intended, perceived } = columnsOf(signals);
  let sumDay = 0;
  for (let i = 0; i < n; i++) sumDay += days[i];
  const meanDay = sumDay / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = days[i] - meanDay;
    sxy += dx * (perceived[i] - intended[i] - meanGap);
    sxx += dx * dx;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

// ---------------------------------------------------------------------------
// Period comparison

/** after − before, null where either side is null. */
export interface MetricsChange {
  count: number;
  meanGap: number | null;
  meanAbsGap: number | null;
  largestAbsGap: number | null;
  shares: ReadingShares;
  trendPer30Days: number;
  latestRollingGap: number | null;
}

export interface PeriodComparison {
  /** Signals dated before the pivot. */
  before: DyadMetrics;
  /** Signals dated on the pivot or after. */
  after: DyadMetrics;
  change: MetricsChange;
}

export function periodComparison(
  signals: readonly Signal[],
  pivot: CalendarDate,
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): PeriodComparison {
  const pivotDay = dayNumber(pivot);
  const beforeSignals: Signal[] = [];
  const afterSignals: Signal[] = [];
  for (const s of signals) (dayNumber(s.date) < pivotDay ? beforeSignals : afterSignals).push(s);
  const before = dyadMetrics(beforeSignals, settings);
  const after = dyadMetrics(afterSignals, settings);
  return {
    before,
    after,
    change: {
      count: after.count - before.count,
      meanGap: difference(after.meanGap, before.meanGap),
      meanAbsGap: difference(after.meanAbsGap, before.meanAbsGap),
      largestAbsGap: difference(after.largest?.absGap ?? null, before.largest?.absGap ?? null),
      shares: {
        underestimated: after.shares.underestimated - before.shares.underestimated,
        accurate: after.shares.accurate - before.shares.accurate,
        overestimated: after.shares.overestimated - before.shares.overestimated,
      },
      trendPer30Days: after.trendPer30Days - before.trendPer30Days,
      latestRollingGap: difference(after.latestRollingGap, before.latestRollingGap),
    },
  };
}

function difference(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : after - before;
}

// ---------------------------------------------------------------------------
// Dyads

/** The key of a dyad in maps: `senderId→receiverId` (directed: A→B is not B→A). */
export function dyadKey(senderId: string, receiverId: string): string {
  return `${senderId}→${receiverId}`;
}

/** Signals grouped by dyad, each group in dyad order; dyads with no signals do not appear. */
export function dyadsWithSignals(signals: readonly Signal[]): Map<string, Signal[]> {
  const groups = new Map<string, Signal[]>();
  for (const s of signals) {
    const key = dyadKey(s.senderId, s.receiverId);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  for (const group of groups.values()) group.sort(compareSignals);
  return groups;
}
