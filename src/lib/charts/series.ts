import { columnsOf, type Columns } from '../domain/window';
import { dateToTime, dayNumber } from '../domain/dates';
import type { CalendarDate, Signal } from '../domain/types';

/** A day number's UTC midnight, as `dateToTime` gives it: the axis runs in UTC (./utc-time). */
const MS_PER_DAY = 86_400_000;

/** A plotted point, and the signal it stands for (its tooltip, the signal a click opens). */
export interface TimelinePoint {
  x: number;
  y: number;
  signal: Signal;
  /** The signal's index in the dyad's list (its rolling gap is `rollingGap[i]`). */
  i: number;
}

/** Past this many signals a series is drawn as a line without dots, decimated. */
export const DENSE = 400;

/** How many points a decimated series keeps: about one per pixel of a wide chart. */
export const SAMPLES = 1000;

/**
 * Largest-Triangle-Three-Buckets: of the points `candidates` (indices into
 * `xs` and `ys`, in x order), the `samples` that keep the line's shape: the
 * first, the last, and from each bucket between the point that spans the
 * largest triangle with the point kept before it and the next bucket's mean.
 * The algorithm of Chart.js's decimation plugin, run here on typed arrays.
 */
export function lttb(
  candidates: Int32Array,
  xs: ArrayLike<number>,
  ys: ArrayLike<number | null>,
  samples: number,
): Int32Array {
  const n = candidates.length;
  if (n <= samples || samples < 3) return candidates;
  const kept = new Int32Array(samples);
  const every = (n - 2) / (samples - 2);
  let a = 0;
  kept[0] = candidates[0];
  for (let bucket = 0; bucket < samples - 2; bucket++) {
    const nextStart = Math.floor((bucket + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * every) + 1, n);
    let meanX = xs[candidates[n - 1]];
    let meanY = ys[candidates[n - 1]] as number;
    if (nextEnd > nextStart) {
      meanX = 0;
      meanY = 0;
      for (let k = nextStart; k < nextEnd; k++) {
        meanX += xs[candidates[k]];
        meanY += ys[candidates[k]] as number;
      }
      meanX /= nextEnd - nextStart;
      meanY /= nextEnd - nextStart;
    }
    const ax = xs[candidates[a]];
    const ay = ys[candidates[a]] as number;
    let largest = -1;
    let chosen = nextStart - 1;
    for (let k = Math.floor(bucket * every) + 1; k < nextStart; k++) {
      const c = candidates[k];
      const area = Math.abs((ax - meanX) * ((ys[c] as number) - ay) - (ax - xs[c]) * (meanY - ay));
      if (area > largest) {
        largest = area;
        chosen = k;
      }
    }
    kept[bucket + 1] = candidates[chosen];
    a = chosen;
  }
  kept[samples - 1] = candidates[n - 1];
  return kept;
}

/** First index whose day is ≥ `day` (days sorted). */
function lowerBound(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The points of one series of a dyad's signals (in dyad order): the signal's
 * own score, or `values[i]` (a null or NaN value leaves the signal out).
 * `columns` are the signals' own (a dyad's series carries them); without them
 * a long series computes them afresh.
 *
 * A long series is decimated here, on the dyad's typed columns, before Chart.js
 * sees it: Chart.js's own decimation needs one point object per signal (three
 * series of 100,000) and reads them all at every update, scattered over the
 * heap; this reads typed arrays and makes 1,000 points a series. Only the
 * dates shown are decimated, with one more span of them on each side, so that
 * a pan or zoom gesture has points to show until it ends and the view redraws
 * for its new range (the range lives in the URL).
 */
export function seriesPoints(
  signals: readonly Signal[],
  values: 'intended' | 'perceived' | ArrayLike<number | null>,
  range?: { from: CalendarDate; until: CalendarDate } | null,
  columns?: Readonly<Columns>,
): TimelinePoint[] {
  const n = signals.length;
  const own = typeof values === 'string';
  if (n <= DENSE) {
    const points: TimelinePoint[] = [];
    for (let i = 0; i < n; i++) {
      const signal = signals[i];
      const y = own ? signal[values] : values[i];
      // y === y: NaN marks a measure too few to say.
      if (y !== null && y !== undefined && y === y) points.push({ x: dateToTime(signal.date), y, signal, i });
    }
    return points;
  }
  const cols = columns ?? columnsOf(signals);
  const days = cols.day;
  const ys = own ? cols[values] : values;
  let lo = 0;
  let hi = n;
  if (range) {
    const from = dayNumber(range.from);
    const until = dayNumber(range.until);
    const margin = until - from + 1;
    lo = lowerBound(days, from - margin);
    hi = lowerBound(days, until + margin + 1);
  }
  let count = 0;
  const candidates = new Int32Array(hi - lo);
  for (let i = lo; i < hi; i++) {
    const y = ys[i];
    if (y !== null && y !== undefined && y === y) candidates[count++] = i;
  }
  const chosen = lttb(candidates.subarray(0, count), days, ys, SAMPLES);
  const points = new Array<TimelinePoint>(chosen.length);
  for (let k = 0; k < chosen.length; k++) {
    const i = chosen[k];
    points[k] = { x: days[i] * MS_PER_DAY, y: ys[i] as number, signal: signals[i], i };
  }
  return points;
}

// ---------------------------------------------------------------------------
// Grouped series: one point per week or month

export type GroupBy = 'signal' | 'week' | 'month';

/** One week's or month's signals of one series: their mean, smallest and largest value. */
export interface GroupPoint {
  x: number;
  /** The mean; NaN when none of the period's signals has a value (Chart.js leaves a gap). */
  y: number;
  min: number;
  max: number;
  /** How many values the mean rests on. */
  n: number;
  /** The period, as day numbers: its first day, and the first day after it. */
  from: number;
  until: number;
}

export interface GroupedSeries {
  intended: GroupPoint[];
  perceived: GroupPoint[];
  /** The mean rolling gap of each period, when a rolling gap is given. */
  rolling: GroupPoint[];
  /** How many signals each period holds. */
  counts: number[];
}

/** The first day of the period holding `day`, and the first day of the next. Weeks start on Monday (ISO). */
export function periodOf(day: number, by: 'week' | 'month'): { from: number; until: number } {
  if (by === 'week') {
    // Day 0, 1 January 1970, was a Thursday: three days after a Monday.
    const from = day - ((((day + 3) % 7) + 7) % 7);
    return { from, until: from + 7 };
  }
  const date = new Date(day * MS_PER_DAY);
  const from = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY;
  const until = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / MS_PER_DAY;
  return { from, until };
}

/** The signals in view: indices [lo, hi) of the dyad's sorted days within `range` (all when none). */
export function inView(
  days: Int32Array,
  range?: { from: CalendarDate; until: CalendarDate } | null,
): [number, number] {
  if (!range) return [0, days.length];
  return [lowerBound(days, dayNumber(range.from)), lowerBound(days, dayNumber(range.until) + 1)];
}

/**
 * The grouping to draw: the analyst's choice, else by signal while at most
 * DENSE signals are in view, by week while at most DENSE weeks are, else by
 * month. O(log n): it counts with two binary searches.
 */
export function autoGroup(
  signals: readonly Signal[],
  range?: { from: CalendarDate; until: CalendarDate } | null,
  columns?: Readonly<Columns>,
): GroupBy {
  const days = (columns ?? columnsOf(signals)).day;
  const [lo, hi] = inView(days, range);
  if (hi - lo <= DENSE) return 'signal';
  const span = days[hi - 1] - days[lo] + 1;
  return span / 7 <= DENSE ? 'week' : 'month';
}

/**
 * The dyad's signals grouped by week or month: for intended, perceived and
 * (when given) the rolling gap, each period's mean, smallest and largest value.
 * One pass over the typed columns of the dates in view, with one more span of
 * them on each side (as seriesPoints, so a pan has points until it redraws);
 * no signal object is read.
 */
export function groupSeries(
  signals: readonly Signal[],
  by: 'week' | 'month',
  rolling?: ArrayLike<number | null> | null,
  range?: { from: CalendarDate; until: CalendarDate } | null,
  given?: Readonly<Columns>,
): GroupedSeries {
  // The dyad's own columns when its series is at hand; else computed afresh, O(n).
  const columns = given ?? columnsOf(signals);
  const days = columns.day;
  let lo = 0;
  let hi = days.length;
  if (range) {
    const from = dayNumber(range.from);
    const until = dayNumber(range.until);
    const margin = until - from + 1;
    lo = lowerBound(days, from - margin);
    hi = lowerBound(days, until + margin + 1);
  }
  const out: GroupedSeries = { intended: [], perceived: [], rolling: [], counts: [] };
  const sources: [GroupPoint[], ArrayLike<number | null>][] = [
    [out.intended, columns.intended],
    [out.perceived, columns.perceived],
  ];
  if (rolling) sources.push([out.rolling, rolling]);
  let i = lo;
  while (i < hi) {
    const { from, until } = periodOf(days[i], by);
    let end = i;
    while (end < hi && days[end] < until) end++;
    for (const [points, values] of sources) {
      let sum = 0;
      let n = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let k = i; k < end; k++) {
        const v = values[k];
        if (v === null || v === undefined || Number.isNaN(v)) continue;
        sum += v;
        n++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      points.push({
        x: from * MS_PER_DAY,
        y: n ? sum / n : Number.NaN,
        min: n ? min : Number.NaN,
        max: n ? max : Number.NaN,
        n,
        from,
        until,
      });
    }
    out.counts.push(end - i);
    i = end;
  }
  return out;
}
