/**
 * Dyad metrics of PRODUCT.md §3 over any set of signals, the alert standing at
 * the last of them and the words the views say them in. Pure functions of a
 * series and the settings.
 *
 * Too few to say: every measure that has too little behind it is null (the
 * views show `–`), never 0, and carries the count it rests on.
 */
import { dayNumberToDate, formatDate } from './dates';
import { countOf, formatCount, formatNumber, formatSigned } from './format';
import { studentT95 } from './stats';
import { DEFAULT_SETTINGS } from './types';
import type { CalendarDate, Dyad, Reading, RedLine, Settings, Signal } from './types';
import {
  MIN_WINDOW_SIGNALS,
  alertKindOf,
  lastWindow,
  rollingGapOf,
  toSeries,
  type AlertKind,
  type Series,
  type SeriesInput,
} from './window';

/** Percentages of the signals read each way, exact: the views round each on its own. */
export type ReadingShares = Record<Reading, number>;

/** A two-sided interval. */
export interface Interval {
  low: number;
  high: number;
}

export interface DyadMetrics {
  count: number;
  /** Mean gap, unweighted; null for no signals. */
  meanGap: number | null;
  /** The mean gap's 90% interval (Student t, n − 1 degrees of freedom); null under 3 signals. */
  meanGapInterval: Interval | null;
  meanAbsGap: number | null;
  /** The signal with the largest |gap| (the earliest in order on a tie), or null for no signals. */
  largest: { absGap: number; signal: Signal } | null;
  /** Exact percentages; null for no signals. */
  shares: ReadingShares | null;
  /** Least-squares slope of gap against time, in points per 30 days; null under 3 signals or on one date. */
  trendPer30Days: number | null;
  /** The rolling gap at the last signal; null when its window holds under 3 signals. */
  latestRollingGap: number | null;
  /** Signals in the last signal's window (0 for none). */
  latestWindowCount: number;
  /** Mean displayed − intended over the signals with a displayed resolve; null for none. */
  signallingGap: number | null;
  /** Mean perceived − displayed over the same signals. */
  readingGap: number | null;
  /** How many signals have a displayed resolve: what the two gaps above rest on. */
  displayedCount: number;
  currentAlert: CurrentAlert | null;
  /** The date the metrics stand at: the last signal's; null for no signals. */
  asOf: CalendarDate | null;
}

/** The alert standing at a series' last signal: what the dashboard banner says. */
export interface CurrentAlert {
  kind: AlertKind;
  rollingGap: number;
  /** Signals in the window. */
  windowCount: number;
  windowDays: number;
  /** The first day the window covers: the last signal's date − W + 1. */
  since: CalendarDate;
  /** The last signal's date: what the alert is as of. */
  asOf: CalendarDate;
}

/**
 * Dyad metrics over any set of signals, taken as one series (one dyad's, a
 * period of it, or a series as of a date). Signals out of order are sorted on a copy.
 */
export function dyadMetrics(
  input: SeriesInput,
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): DyadMetrics {
  const series = toSeries(input);
  const { signals } = series;
  const n = signals.length;
  if (n === 0) {
    return {
      count: 0,
      meanGap: null,
      meanGapInterval: null,
      meanAbsGap: null,
      largest: null,
      shares: null,
      trendPer30Days: null,
      latestRollingGap: null,
      latestWindowCount: 0,
      signallingGap: null,
      readingGap: null,
      displayedCount: 0,
      currentAlert: null,
      asOf: null,
    };
  }

  const { intended, perceived, displayed } = series.columns;
  let sumGap = 0;
  let sumAbsGap = 0;
  let largest = 0;
  let largestAbs = -1;
  // The readings of readingOf, counted without a call per signal.
  const tau = settings.tau;
  let under = 0;
  let over = 0;
  let shown = 0;
  let sumSignalling = 0;
  let sumReading = 0;
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
    const d = displayed[i];
    if (d === d) {
      shown++;
      sumSignalling += d - intended[i];
      sumReading += perceived[i] - d;
    }
  }
  const meanGap = sumGap / n;
  const window = lastWindow(series, settings.windowDays)!;
  return {
    count: n,
    meanGap,
    meanGapInterval: meanInterval90(series, meanGap),
    meanAbsGap: sumAbsGap / n,
    largest: { absGap: largestAbs, signal: signals[largest] },
    shares: {
      underestimated: (under * 100) / n,
      accurate: ((n - under - over) * 100) / n,
      overestimated: (over * 100) / n,
    },
    trendPer30Days: gapTrendPer30Days(series, meanGap),
    latestRollingGap: rollingGapOf(window),
    latestWindowCount: window.count,
    signallingGap: shown ? sumSignalling / shown : null,
    readingGap: shown ? sumReading / shown : null,
    displayedCount: shown,
    currentAlert: currentAlert(series, settings),
    asOf: signals[n - 1].date,
  };
}

/** mean ± t₀.₉₅(n − 1) · s/√n, with s the sample standard deviation of the gaps; null under 3 signals. */
function meanInterval90(series: Series, mean: number): Interval | null {
  const { intended, perceived } = series.columns;
  const n = intended.length;
  if (n < MIN_WINDOW_SIGNALS) return null;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = perceived[i] - intended[i] - mean;
    squares += d * d;
  }
  const half = (studentT95(n - 1) * Math.sqrt(squares / (n - 1))) / Math.sqrt(n);
  return { low: mean - half, high: mean + half };
}

/**
 * Least-squares slope of gap against day number, per 30 days; null under 3
 * signals or when they all fall on one date. Centred on the means (two passes)
 * because Σx² of day numbers near 20,000 over 100k signals loses digits.
 */
function gapTrendPer30Days(series: Series, meanGap: number): number | null {
  const { day: days, intended, perceived } = series.columns;
  const n = days.length;
  if (n < MIN_WINDOW_SIGNALS || days[0] === days[n - 1]) return null;
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
  return (sxy / sxx) * 30;
}

/** The alert standing at the series' last signal, or null. */
export function currentAlert(
  input: SeriesInput,
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): CurrentAlert | null {
  const series = toSeries(input);
  const sums = lastWindow(series, settings.windowDays);
  if (!sums) return null;
  const rollingGap = rollingGapOf(sums);
  const kind = alertKindOf(rollingGap, sums.count, settings.alertThreshold);
  if (!kind || rollingGap === null) return null;
  const days = series.columns.day;
  const lastDay = days[days.length - 1];
  return {
    kind,
    rollingGap,
    windowCount: sums.count,
    windowDays: settings.windowDays,
    since: dayNumberToDate(lastDay - settings.windowDays + 1),
    asOf: series.signals[series.signals.length - 1].date,
  };
}

/**
 * The banner's words, e.g. "As of 3 Jan 2020, Iran has read United States
 * resolve 30 points below intent over the 90 days to that date (5 signals)".
 * The points are the rolling gap as the alert compared it, to one decimal.
 */
export function alertMessage(alert: CurrentAlert, senderName: string, receiverName: string): string {
  const points = formatNumber(Math.abs(alert.rollingGap));
  const side = alert.kind === 'deterrence-failure risk' ? 'below' : 'above';
  return (
    `As of ${formatDate(alert.asOf)}, ${receiverName} has read ${senderName} resolve ${points} points ${side} ` +
    `intent over the ${formatCount(alert.windowDays)} days to that date (${countOf(alert.windowCount, 'signal')})`
  );
}

/** A red line of the sender toward the receiver, as the dashboard shows it. */
export type RedLineStatus =
  | { line: RedLine; status: 'crossed'; date: CalendarDate; signal: Signal }
  | { line: RedLine; status: 'at risk' };

/**
 * The sender's red lines toward the receiver as of a date: one crossed on or
 * before it is crossed, with the date of its first crossing; one not yet
 * crossed is at risk while the dyad stands under a deterrence-failure risk
 * (the receiver may cross a line it believes safe). Lines neither crossed nor
 * at risk are left out. `crossings` are the signals that cross any red line,
 * whoever sent them (a proxy's attack crosses the line a state drew against its patron).
 */
export function redLineStatuses(
  redLines: readonly RedLine[],
  crossings: readonly Signal[],
  dyad: Dyad,
  alertKind: AlertKind | null | undefined,
  asOf: CalendarDate | null,
): RedLineStatus[] {
  const out: RedLineStatus[] = [];
  for (const line of redLines) {
    if (line.actorId !== dyad.senderId || line.targetId !== dyad.receiverId) continue;
    let first: Signal | null = null;
    for (const s of crossings) {
      if (s.redLineId !== line.id || (asOf !== null && s.date > asOf)) continue;
      if (!first || s.date < first.date) first = s;
    }
    if (first) out.push({ line, status: 'crossed', date: first.date, signal: first });
    else if (alertKind === 'deterrence-failure risk') out.push({ line, status: 'at risk' });
  }
  return out;
}

/**
 * Where the gap comes from, e.g. "Of Iran's −21.5 reading of United States
 * resolve, −14 comes from what United States showed and −7.5 from how Iran
 * read it (12 of 15 signals)." Over the signals with a displayed resolve, whose
 * gap is exactly the two parts' sum; null when none has one.
 */
export function decompositionSentence(
  senderName: string,
  receiverName: string,
  metrics: Pick<DyadMetrics, 'signallingGap' | 'readingGap' | 'displayedCount' | 'count'>,
): string | null {
  const { signallingGap, readingGap } = metrics;
  if (signallingGap === null || readingGap === null) return null;
  return (
    `Of ${receiverName}'s ${formatSigned(signallingGap + readingGap)} reading of ${senderName} resolve, ` +
    `${formatSigned(signallingGap)} comes from what ${senderName} showed and ${formatSigned(readingGap)} ` +
    `from how ${receiverName} read it (${formatCount(metrics.displayedCount)} of ${countOf(metrics.count, 'signal')}).`
  );
}
