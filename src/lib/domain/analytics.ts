/**
 * The gap analytics of PRODUCT.md §3: pure functions of plain signals.
 *
 * A dyad can hold 100,000 signals, so every per-signal series is one pass: the
 * trailing window is a two-pointer slide over the date-ordered signals with
 * running sums, never a re-scan of the window at each signal.
 */
import { dayNumber, dayNumberToDate } from './dates';
import { CONFIDENCE_WEIGHT, gapOf, readingOf } from './gap';
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
export function compareSignals(a: Signal, b: Signal): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
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

/** Day numbers of sorted signals, converting each distinct date once (dates repeat a lot in long series). */
function dayNumbers(sorted: readonly Signal[]): Int32Array {
  const days = new Int32Array(sorted.length);
  let lastDate = '';
  let lastDay = 0;
  for (let i = 0; i < sorted.length; i++) {
    const date = sorted[i].date;
    if (date !== lastDate) {
      lastDate = date;
      lastDay = dayNumber(date);
    }
    days[i] = lastDay;
  }
  return days;
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
  const days = dayNumbers(sorted);
  const sums: WindowSums = { count: 0, weight: 0, weightedGap: 0, perceived: 0, perceivedSquared: 0 };
  let next = 0; // first signal not yet added
  let oldest = 0; // first signal still in the window
  for (let i = 0; i < n; i++) {
    const day = days[i];
    while (next < n && days[next] <= day) {
      const s = sorted[next++];
      const w = CONFIDENCE_WEIGHT[s.confidence];
      sums.count++;
      sums.weight += w;
      sums.weightedGap += w * gapOf(s);
      sums.perceived += s.perceived;
      sums.perceivedSquared += s.perceived * s.perceived;
    }
    while (oldest < next && days[oldest] <= day - windowDays) {
      const s = sorted[oldest++];
      const w = CONFIDENCE_WEIGHT[s.confidence];
      sums.count--;
      sums.weight -= w;
      sums.weightedGap -= w * gapOf(s);
      sums.perceived -= s.perceived;
      sums.perceivedSquared -= s.perceived * s.perceived;
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
  const mixedMessage: (number | null)[] = [];
  const alert: (AlertKind | null)[] = [];
  slideWindow(sorted, settings.windowDays, (i, sums) => {
    const rolling = rollingGapOf(sums);
    gap[i] = gapOf(sorted[i]);
    rollingGap[i] = rolling;
    windowCount[i] = sums.count;
    mixedMessage.push(mixedMessageOf(sums));
    alert.push(alertKindOf(rolling, sums.count, settings.alertThreshold));
  });
  return { gap, rollingGap, windowCount, mixedMessage, alert };
}

// ---------------------------------------------------------------------------
// The latest window and the banner

/** The sums over the window at the last signal, found by walking back from the end: O(window), not O(n). */
function latestWindow(sorted: readonly Signal[], windowDays: number): WindowSums | null {
  const n = sorted.length;
  if (n === 0) return null;
  const firstOutside = dayNumber(sorted[n - 1].date) - windowDays;
  const sums: WindowSums = { count: 0, weight: 0, weightedGap: 0, perceived: 0, perceivedSquared: 0 };
  for (let i = n - 1; i >= 0 && dayNumber(sorted[i].date) > firstOutside; i--) {
    const s = sorted[i];
    const w = CONFIDENCE_WEIGHT[s.confidence];
    sums.count++;
    sums.weight += w;
    sums.weightedGap += w * gapOf(s);
    sums.perceived += s.perceived;
    sums.perceivedSquared += s.perceived * s.perceived;
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
  const lastDay = dayNumber(sorted[sorted.length - 1].date);
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

  let sumGap = 0;
  let sumAbsGap = 0;
  let largest = sorted[0];
  let largestAbs = Math.abs(gapOf(largest));
  const tally = { underestimated: 0, accurate: 0, overestimated: 0 };
  for (const s of sorted) {
    const gap = gapOf(s);
    const abs = Math.abs(gap);
    sumGap += gap;
    sumAbsGap += abs;
    if (abs > largestAbs) {
      largest = s;
      largestAbs = abs;
    }
    tally[readingOf(gap, settings.tau)]++;
  }

  return {
    count: n,
    meanGap: sumGap / n,
    meanAbsGap: sumAbsGap / n,
    largest: { absGap: largestAbs, signal: largest },
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
  let sumDay = 0;
  for (const s of signals) sumDay += dayNumber(s.date);
  const meanDay = sumDay / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of signals) {
    const dx = dayNumber(s.date) - meanDay;
    sxy += dx * (gapOf(s) - meanGap);
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
