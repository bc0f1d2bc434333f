/**
 * The mirror reading of PRODUCT.md §3: a pair A → B and B → A as one point,
 * (how B reads A, how A reads B), each side's latest rolling gap read against
 * τ, the region the point falls in, and its path over time.
 */
import { formatSigned } from './format';
import { readingOf } from './gap';
import { rollingGaps } from './series';
import type { CalendarDate, Reading, Settings } from './types';
import { toSeries, type Series, type SeriesInput } from './window';

/** Where a pair stands. `one-sided fear`: one side overrates the other, the other reads it right. */
export type MirrorRegion =
  'spiral' | 'deterrence failure' | 'mutual complacency' | 'clear reading' | 'one-sided fear';

export interface MirrorReading {
  /** A → B's rolling gap: how B reads A (the plane's x). Null when too few to say. */
  aToB: number | null;
  /** B → A's rolling gap: how A reads B (the plane's y). */
  bToA: number | null;
  /** How B reads A, and how A reads B. */
  bReadsA: Reading | null;
  aReadsB: Reading | null;
  /** Null when either side is too few to say. */
  region: MirrorRegion | null;
}

/** The region of a pair from its two rolling gaps (null for too few), given the accuracy band τ. */
export function mirrorReading(aToB: number | null, bToA: number | null, tau: number): MirrorReading {
  const bReadsA = aToB === null ? null : readingOf(aToB, tau);
  const aReadsB = bToA === null ? null : readingOf(bToA, tau);
  let region: MirrorRegion | null = null;
  if (bReadsA && aReadsB) {
    const readings = [bReadsA, aReadsB];
    const under = readings.filter((r) => r === 'underestimated').length;
    const over = readings.filter((r) => r === 'overestimated').length;
    region =
      under === 2
        ? 'mutual complacency'
        : under === 1
          ? 'deterrence failure'
          : over === 2
            ? 'spiral'
            : over === 1
              ? 'one-sided fear'
              : 'clear reading';
  }
  return { aToB, bToA, bReadsA, aReadsB, region };
}

/** "B underrates A", "B reads A right", "B overrates A". */
function reads(reader: string, reading: Reading, read: string): string {
  if (reading === 'accurate') return `${reader} reads ${read} right`;
  return `${reader} ${reading === 'underestimated' ? 'underrates' : 'overrates'} ${read}`;
}

/**
 * Where the pair stands in words, e.g. "Deterrence failure: Iran underrates
 * United States (−30.5), United States reads Iran right (+3)."
 */
export function mirrorReadingSentence(aName: string, bName: string, m: MirrorReading): string {
  if (!m.region || !m.bReadsA || !m.aReadsB) {
    return `Too few signals to say where ${aName} and ${bName} stand: each side needs 3 signals in its last window.`;
  }
  const region = m.region[0].toUpperCase() + m.region.slice(1);
  return (
    `${region}: ${reads(bName, m.bReadsA, aName)} (${formatSigned(m.aToB)}), ` +
    `${reads(aName, m.aReadsB, bName)} (${formatSigned(m.bToA)}).`
  );
}

/** One point of the pair's path: both latest rolling gaps as they stood at the end of a date. */
export interface MirrorPoint {
  date: CalendarDate;
  /** How B reads A: A → B's rolling gap. */
  x: number;
  /** How A reads B: B → A's rolling gap. */
  y: number;
}

/** A side of the pair: its series and its rolling gap per signal (NaN where too few), as analyseDyad gives them. */
export interface MirrorSide {
  series: Series;
  rollingGap: ArrayLike<number>;
}

/**
 * The pair's path over time: at each date either side has a signal, the two
 * rolling gaps as they stood at its end (each side's value at its last signal
 * on or before the date), where both can be said. O(n) over the two series.
 */
export function mirrorPath(aToB: MirrorSide, bToA: MirrorSide): MirrorPoint[] {
  const a = aToB.series;
  const b = bToA.series;
  const na = a.signals.length;
  const nb = b.signals.length;
  const points: MirrorPoint[] = [];
  let i = 0;
  let j = 0;
  let x = Number.NaN;
  let y = Number.NaN;
  while (i < na || j < nb) {
    const dayA = i < na ? a.columns.day[i] : Infinity;
    const dayB = j < nb ? b.columns.day[j] : Infinity;
    const day = Math.min(dayA, dayB);
    let date = '';
    while (i < na && a.columns.day[i] === day) {
      x = aToB.rollingGap[i];
      date = a.signals[i++].date;
    }
    while (j < nb && b.columns.day[j] === day) {
      y = bToA.rollingGap[j];
      date = b.signals[j++].date;
    }
    if (x === x && y === y) points.push({ date, x, y });
  }
  return points;
}

/** A pair's mirror: where it stands now and the path that led there. */
export interface PairMirror {
  reading: MirrorReading;
  path: MirrorPoint[];
}

/**
 * The mirror of A → B and B → A under the settings' τ and W: each side's rolling
 * gaps, the path they trace, and the reading of their latest values (each side's
 * rolling gap at its last signal, as the dyad's metrics give it; too few to say
 * when that window holds under 3 signals or the side has no signal).
 */
export function pairMirror(
  aToB: SeriesInput,
  bToA: SeriesInput,
  settings: Readonly<Pick<Settings, 'tau' | 'windowDays'>>,
): PairMirror {
  const a = toSeries(aToB);
  const b = toSeries(bToA);
  const rollingA = rollingGaps(a, settings.windowDays).rollingGap;
  const rollingB = rollingGaps(b, settings.windowDays).rollingGap;
  const latest = (rolling: Float64Array): number | null => {
    const value = rolling.length ? rolling[rolling.length - 1] : Number.NaN;
    return value === value ? value : null;
  };
  return {
    reading: mirrorReading(latest(rollingA), latest(rollingB), settings.tau),
    path: mirrorPath({ series: a, rollingGap: rollingA }, { series: b, rollingGap: rollingB }),
  };
}
