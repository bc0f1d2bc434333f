/**
 * Per-signal series of PRODUCT.md §3 (rolling gap, mixed-message index, reading
 * volatility, alert), each a pure function of a dyad's series and the settings,
 * in one pass of the trailing window; and the series as it stood on a date.
 */
import { dayNumber } from './dates';
import { roundShown } from './format';
import { DEFAULT_SETTINGS } from './types';
import type { CalendarDate, Settings } from './types';
import {
  alertKindOf,
  endOfDay,
  mixedMessageOf,
  readingVolatilityOf,
  rollingGapOf,
  seriesSlice,
  slideWindow,
  toSeries,
  type AlertKind,
  type Series,
  type SeriesInput,
} from './window';

export interface RollingGaps {
  /** Confidence-weighted mean gap over the trailing window at each signal; NaN where it holds under 3 signals. */
  rollingGap: Float64Array;
  /** How many signals that window holds (at least 1: the signal itself). */
  windowCount: Uint32Array;
}

/** The rolling gap at each signal of a dyad, with the size of each window. */
export function rollingGaps(
  input: SeriesInput,
  windowDays: number = DEFAULT_SETTINGS.windowDays,
): RollingGaps {
  const series = toSeries(input);
  const n = series.signals.length;
  const rollingGap = new Float64Array(n);
  const windowCount = new Uint32Array(n);
  slideWindow(series, windowDays, (i, sums) => {
    rollingGap[i] = rollingGapOf(sums) ?? Number.NaN;
    windowCount[i] = sums.count;
  });
  return { rollingGap, windowCount };
}

/**
 * The mixed-message index at each signal (words against deeds, on displayed
 * resolve): above zero the sender talks tougher than it acts. Null where the
 * window holds under 3 signals with a displayed resolve, or no word, or no deed.
 */
export function mixedMessageIndex(
  input: SeriesInput,
  windowDays: number = DEFAULT_SETTINGS.windowDays,
): (number | null)[] {
  const index: (number | null)[] = [];
  slideWindow(toSeries(input), windowDays, (_, sums) => index.push(mixedMessageOf(sums)));
  return index;
}

/**
 * The sign of a mixed-message index in words, read on the value as shown (one
 * decimal), so that a value shown as 0 is never said to lean either way.
 */
export function mixedMessageSign(value: number): string {
  const shown = roundShown(value);
  return shown > 0
    ? 'talks tougher than it acts'
    : shown < 0
      ? 'acts tougher than it talks'
      : 'its words and deeds agree';
}

/** Reading volatility at each signal: spread of perceived resolve in the window, null under 3 signals. */
export function readingVolatility(
  input: SeriesInput,
  windowDays: number = DEFAULT_SETTINGS.windowDays,
): (number | null)[] {
  const out: (number | null)[] = [];
  slideWindow(toSeries(input), windowDays, (_, sums) => out.push(readingVolatilityOf(sums)));
  return out;
}

/** The miscalculation alert at each signal, or null. */
export function alerts(
  input: SeriesInput,
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): (AlertKind | null)[] {
  const kinds: (AlertKind | null)[] = [];
  slideWindow(toSeries(input), settings.windowDays, (_, sums) =>
    kinds.push(alertKindOf(rollingGapOf(sums), sums.count, settings.alertThreshold)),
  );
  return kinds;
}

/** Everything the dashboard draws per signal, as parallel arrays indexed like the series' signals. */
export interface DyadAnalysis {
  /** The series analysed: its signals and columns, which the charts read too. */
  series: Series;
  gap: Float64Array;
  /** NaN where the window holds under 3 signals. */
  rollingGap: Float64Array;
  windowCount: Uint32Array;
  mixedMessage: (number | null)[];
  /** The words and the deeds with a displayed resolve in each window: what the mixed-message index rests on. */
  windowWords: Uint32Array;
  windowDeeds: Uint32Array;
  readingVolatility: (number | null)[];
  alert: (AlertKind | null)[];
}

/** Gap, rolling gap, window size, mixed-message index, reading volatility and alert per signal, in one pass. */
export function analyseDyad(
  input: SeriesInput,
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): DyadAnalysis {
  const series = toSeries(input);
  const n = series.signals.length;
  const gap = new Float64Array(n);
  const rollingGap = new Float64Array(n);
  const windowCount = new Uint32Array(n);
  const mixedMessage = new Array<number | null>(n);
  const windowWords = new Uint32Array(n);
  const windowDeeds = new Uint32Array(n);
  const volatility = new Array<number | null>(n);
  const alert = new Array<AlertKind | null>(n);
  const threshold = settings.alertThreshold;
  const { intended, perceived } = series.columns;
  slideWindow(series, settings.windowDays, (i, sums) => {
    const rolling = rollingGapOf(sums);
    gap[i] = perceived[i] - intended[i];
    rollingGap[i] = rolling ?? Number.NaN;
    windowCount[i] = sums.count;
    mixedMessage[i] = mixedMessageOf(sums);
    windowWords[i] = sums.words;
    windowDeeds[i] = sums.deeds;
    volatility[i] = readingVolatilityOf(sums);
    alert[i] = alertKindOf(rolling, sums.count, threshold);
  });
  return {
    series,
    gap,
    rollingGap,
    windowCount,
    mixedMessage,
    windowWords,
    windowDeeds,
    readingVolatility: volatility,
    alert,
  };
}

/**
 * The series as it stood on `date`: its signals dated on or before it. Every
 * measure of the result is the measure as of that date, since a window only
 * looks back. The columns are shared, not copied.
 */
export function seriesAsOf(input: SeriesInput, date: CalendarDate): Series {
  const series = toSeries(input);
  return seriesSlice(series, 0, endOfDay(series.columns, dayNumber(date)));
}
