/**
 * The shortcuts that keep a 100,000-signal dyad fast (docs/PERFORMANCE.md) must
 * give exactly what the plain way gives: reading a dyad in parts, measures
 * patched from the previous list, decimated series.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lttb, seriesPoints, DENSE, SAMPLES } from '../../src/lib/charts/series';
import { db } from '../../src/lib/db/database';
import { signalsOfDyad } from '../../src/lib/db/signals';
import { dyadMetrics } from '../../src/lib/domain/metrics';
import { analyseDyad } from '../../src/lib/domain/series';
import { nextSeries, seriesOf, sortSignals } from '../../src/lib/domain/window';
import { SeriesMemo } from '../../src/lib/state/series-memo';
import { dateToTime } from '../../src/lib/domain/dates';
import { DEFAULT_SETTINGS, type Signal } from '../../src/lib/domain/types';
import { IRAN, US, signal } from './factories';

/** `count` signals of US → Iran, one every `step` days from 2005, scores drifting. */
function dyad(count: number, step = 1): Signal[] {
  const start = Date.UTC(2005, 0, 1);
  return Array.from({ length: count }, (_, i) =>
    signal({
      date: new Date(start + Math.floor(i * step) * 86_400_000).toISOString().slice(0, 10),
      intended: (i * 7) % 101,
      perceived: (i * 13 + 40) % 101,
      confidence: (['low', 'moderate', 'high'] as const)[i % 3],
    }),
  );
}

describe('reading a dyad in parts', () => {
  beforeEach(async () => {
    await db.delete();
    await db.open();
  });

  it.each([
    ['years apart', dyad(500, 15)],
    ['all on one day', dyad(50, 0)],
    ['a single signal', dyad(1)],
  ])('reads every signal of a dyad %s, once each and in order', async (_, list) => {
    await db.signals.bulkAdd([...list].reverse());
    await db.signals.bulkAdd(dyad(30, 3).map((s) => ({ ...s, senderId: IRAN, receiverId: US })));
    const rows = await signalsOfDyad(US, IRAN);
    // `dyad` makes signals in dyad order: later dates, or on one day later creation times
    // (the factory's clock rises with each signal). Stored in reverse, read in that order.
    expect(rows.map((s) => s.id)).toEqual(list.map((s) => s.id));
  });

  it('reads nothing for a dyad with no signals', async () => {
    expect(await signalsOfDyad(US, IRAN)).toEqual([]);
  });
});

describe('measures of a list one signal away from the last', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const base = sortSignals(dyad(3000, 0.5));
  const added = signal({ date: '2006-02-01', intended: 90, perceived: 5, confidence: 'high' });

  it.each([
    ['with a signal saved', sortSignals([...base, added])],
    ['with a signal deleted', base.filter((_, i) => i !== 1234)],
    ['with the first signal deleted', base.slice(1)],
    ['with a signal saved at the end', [...base, signal({ date: '2030-01-01' })]],
  ])('equal those computed afresh, %s', (_, next) => {
    const previous = seriesOf(base);
    // The patch copies the previous columns whole (TypedArray.set); a fresh build fills
    // them one signal at a time and never calls it. The spy shows which one ran.
    const copies = vi.spyOn(Int32Array.prototype, 'set');
    const series = nextSeries(previous, next);
    expect(copies).toHaveBeenCalled();
    expect(series.signals).toBe(next);
    const patched = {
      metrics: dyadMetrics(series, DEFAULT_SETTINGS),
      analysis: analyseDyad(series, DEFAULT_SETTINGS),
    };
    copies.mockClear();
    // …then a copy, which shares nothing with either and is built afresh.
    const copy = next.slice();
    const fresh = {
      metrics: dyadMetrics(copy, DEFAULT_SETTINGS),
      analysis: analyseDyad(copy, DEFAULT_SETTINGS),
    };
    expect(copies).not.toHaveBeenCalled();
    expect({ ...patched.metrics }).toEqual(fresh.metrics);
    const { series: patchedSeries, ...patchedRest } = patched.analysis;
    const { series: freshSeries, ...freshRest } = fresh.analysis;
    expect(patchedRest).toEqual(freshRest);
    expect(patchedSeries.columns).toEqual(freshSeries.columns);
  });

  it('are built afresh, in order, when the one signal more is out of order', () => {
    const previous = seriesOf(base);
    // Inserted at the front though dated after the rest: a patch would keep it there.
    const next = [signal({ date: '2031-01-01' }), ...base];
    const series = nextSeries(previous, next);
    expect(series.signals).not.toBe(next);
    expect(series.signals.at(-1)).toBe(next[0]);
    expect(series.columns).toEqual(seriesOf(sortSignals(next)).columns);
  });

  it('give the same answer whatever was asked before: no state between calls', () => {
    const next = sortSignals([...base, added]);
    const before = dyadMetrics(next, DEFAULT_SETTINGS);
    dyadMetrics(base.slice(0, 10), DEFAULT_SETTINGS);
    expect(dyadMetrics(next, DEFAULT_SETTINGS)).toEqual(before);
  });
});

describe('decimated series', () => {
  it('keep the first and the last point, and as many as asked', () => {
    const xs = Float64Array.from({ length: 5000 }, (_, i) => i);
    const ys = Float64Array.from(xs, (x) => Math.sin(x / 50) * 50);
    const kept = lttb(Int32Array.from(xs), xs, ys, 100);
    expect(kept).toHaveLength(100);
    expect([kept[0], kept[99]]).toEqual([0, 4999]);
    expect([...kept].every((k, i) => i === 0 || k > kept[i - 1])).toBe(true);
  });

  it('keep a lone spike', () => {
    const xs = Float64Array.from({ length: 5000 }, (_, i) => i);
    const ys = new Float64Array(5000);
    ys[2345] = 100;
    expect([...lttb(Int32Array.from(xs), xs, ys, 100)]).toContain(2345);
  });

  it('draw a short series whole, each point at UTC midnight of its date', () => {
    const list = sortSignals(dyad(DENSE, 2));
    const points = seriesPoints(list, 'perceived');
    expect(points).toHaveLength(DENSE);
    expect(points[7]).toEqual({ x: dateToTime(list[7].date), y: list[7].perceived, signal: list[7], i: 7 });
  });

  it('draw a long series as its most telling points, each still leading to its signal', () => {
    const list = sortSignals(dyad(20_000, 0.3));
    const points = seriesPoints(list, 'intended');
    expect(points).toHaveLength(SAMPLES);
    for (const point of points) {
      expect(point.y).toBe(point.signal.intended);
      expect(point.x).toBe(dateToTime(point.signal.date));
    }
  });

  it('leave out signals without a value, and decimate only around the dates shown', () => {
    const list = sortSignals(dyad(20_000, 0.3));
    const values = list.map((_, i) => (i % 2 ? i : null));
    const range = { from: '2008-01-01', until: '2008-01-31' };
    const points = seriesPoints(list, values, range);
    expect(points.every((p) => p.y % 2 === 1)).toBe(true);
    // The 31 days shown, and 31 more on each side for a gesture to pan into.
    const dates = points.map((p) => p.signal.date);
    expect(dates[0] >= '2007-12-01' && dates.at(-1)! <= '2008-03-02').toBe(true);
    expect(dates.some((d) => d >= '2008-01-01' && d <= '2008-01-31')).toBe(true);
  });
});

describe('the series a view keeps', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('patches the columns of the next list from the last one, and keeps the same series for the same list', () => {
    const memo = new SeriesMemo();
    const base = sortSignals(dyad(500, 2));
    const first = memo.of(base, true);
    expect(memo.of(base, true)).toBe(first);
    const copies = vi.spyOn(Int32Array.prototype, 'set');
    const next = sortSignals([...base, signal({ date: '2006-01-01' })]);
    const second = memo.of(next, true);
    expect(copies).toHaveBeenCalled();
    expect(second.columns).toEqual(seriesOf(next).columns);
  });
});
