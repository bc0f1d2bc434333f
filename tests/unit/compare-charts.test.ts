import { describe, expect, it } from 'vitest';
import {
  GUIDE_DATASETS,
  accuracyBand,
  dyadStyles,
  gapAxisBound,
  rollingGapsConfig,
  rollingPoints,
  sampleScatter,
  spreadOverlaps,
  SPREAD,
  scatterConfig,
  seriesStyles,
  summariseRolling,
  withAlpha,
  type RollingSeries,
  type ScatterSeries,
} from '../../src/lib/charts/compare';
import { dyadMetrics } from '../../src/lib/domain/metrics';
import { analyseDyad, rollingGaps } from '../../src/lib/domain/series';
import {
  DEFAULT_COMPARE_SORT,
  changePointDate,
  dyadParam,
  formatCompareSort,
  mirrorSentence,
  nextCompareSort,
  parseCompareSort,
  parseDyadParam,
  sortRows,
  type DyadRow,
} from '../../src/lib/domain/compare';
import { dateToTime } from '../../src/lib/domain/dates';
import type { Confidence, Signal } from '../../src/lib/domain/types';
import { IRAN, KATAIB_HEZBOLLAH, US, signal } from './factories';

/** A signal with a given gap: intended and perceived stay on the ladder for |gap| ≤ 50. */
function withGap(
  date: string,
  gap: number,
  confidence: Confidence = 'moderate',
  sender = US,
  receiver = IRAN,
): Signal {
  const intended = 50;
  return signal({
    date,
    intended,
    perceived: intended + gap,
    confidence,
    senderId: sender,
    receiverId: receiver,
  });
}

const BLUE = { color: '#0072b2', dash: [], pointStyle: 'circle' as const };

describe('the rolling gaps chart', () => {
  // Worked by hand, W = 90 days, weights low 1 / moderate 2 / high 3:
  //   1 Jan  (−20 moderate, −10 high): two signals, too few to say, no point
  //   15 Feb (0 low), window holds all three → (−40 − 30 + 0) / 6 = −11.67
  //   30 Apr (+30 moderate), 1 Jan has left the window: two signals, no point
  //   1 May  (+30 moderate) → (0 + 2·30 + 2·30) / 5 = 24
  const dyad = [
    withGap('2020-01-01', -20, 'moderate'),
    withGap('2020-01-01', -10, 'high'),
    withGap('2020-02-15', 0, 'low'),
    withGap('2020-04-30', 30, 'moderate'),
    withGap('2020-05-01', 30, 'moderate'),
  ];
  const { rollingGap } = rollingGaps(dyad, 90);

  it('draws one point per date, at the rolling gap the analytics give', () => {
    const points = rollingPoints(dyad, rollingGap);
    expect(points.map((p) => p.x)).toEqual(['2020-02-15', '2020-05-01'].map(dateToTime));
    expect(points[0].y).toBeCloseTo(-70 / 6, 10);
    expect(points[1].y).toBeCloseTo(24, 10);
    // The same series the dashboard's analysis computes, at the last signal of each day.
    const analysis = analyseDyad(dyad);
    expect(points.map((p) => p.y)).toEqual(points.map((p) => analysis.rollingGap[p.i]));
    expect(points.map((p) => p.i)).toEqual([2, 4]);
  });

  it('plots dates at UTC midnight, which the UTC time axis labels as that day in any zone', () => {
    const [point] = rollingPoints([withGap('2020-01-03', 0)], [0]);
    const at = new Date(point.x);
    expect([at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours()]).toEqual([
      2020, 0, 3, 0,
    ]);
  });

  it('draws one line per dyad with the alert bands at ± the threshold and a zero line', () => {
    const series: RollingSeries[] = [
      { label: 'United States → Iran', style: BLUE, signals: dyad, rollingGap },
      {
        label: 'United States → Kata’ib Hezbollah',
        style: { color: '#0072b2', dash: [7, 4], pointStyle: 'rect' },
        signals: [withGap('2020-01-03', -40, 'high', US, KATAIB_HEZBOLLAH)],
        rollingGap: [-40],
      },
    ];
    const config = rollingGapsConfig({ series, alertThreshold: 25, windowDays: 90 });
    const datasets = config.data.datasets;
    expect(datasets.map((d) => d.label)).toEqual([
      'United States → Iran',
      'United States → Kata’ib Hezbollah',
    ]);
    expect(datasets[1].borderDash).toEqual([7, 4]);
    expect(datasets[1].data).toEqual([{ x: dateToTime('2020-01-03'), y: -40, i: 0 }]);
    expect(config.options?.parsing).toBe(false);
    // |−40| + 5 rounds up to the next 25: the axis runs −50 to 50.
    expect(config.options?.scales?.y?.min).toBe(-50);
    expect(config.options?.scales?.y?.max).toBe(50);
    const annotations = config.options?.plugins?.annotation?.annotations as Record<
      string,
      Record<string, unknown>
    >;
    expect(annotations.deterrence).toMatchObject({ type: 'box', yMin: -50, yMax: -25 });
    expect(annotations.spiral).toMatchObject({ type: 'box', yMin: 25, yMax: 50 });
    expect(annotations.zero).toMatchObject({ type: 'line', yMin: 0, yMax: 0 });
  });

  it('thins a long series to the points that keep its shape, first and last kept, and drops its dots', () => {
    const long: Signal[] = [];
    // 2,500 dates, one signal each: past the 1,000 points a series keeps.
    for (let day = 1; day <= 2500; day++) {
      const date = new Date(Date.UTC(2019, 0, day)).toISOString().slice(0, 10);
      long.push(withGap(date, (day % 7) - 3));
    }
    const series = [{ label: 'long', style: BLUE, signals: long, rollingGap: rollingGaps(long).rollingGap }];
    const config = rollingGapsConfig({ series, alertThreshold: 25, windowDays: 90 });
    const data = config.data.datasets[0].data;
    expect(data).toHaveLength(1000);
    // The first two dates have under 3 signals in their window: too few to say, no point.
    expect(data[0].i).toBe(2);
    expect(data[999].i).toBe(2499);
    expect(config.data.datasets[0].pointRadius).toBe(0);
    // x values rise strictly, each point still the one of its own signal.
    const xs = data.map((p) => p.x);
    expect(xs.every((x, k) => k === 0 || x > xs[k - 1])).toBe(true);
    expect(data.every((p) => p.x === dateToTime(long[p.i].date))).toBe(true);
  });

  it('keeps every point of a series of 500 dates (fewer than the 1,000 kept)', () => {
    const long: Signal[] = [];
    for (let day = 1; day <= 500; day++) {
      const date = new Date(Date.UTC(2019, 0, day)).toISOString().slice(0, 10);
      long.push(withGap(date, (day % 7) - 3));
    }
    const series = [{ label: 'long', style: BLUE, signals: long, rollingGap: rollingGaps(long).rollingGap }];
    const config = rollingGapsConfig({ series, alertThreshold: 25, windowDays: 90 });
    // All but the first two dates, whose windows hold under 3 signals.
    expect(config.data.datasets[0].data).toHaveLength(498);
    expect(config.data.datasets[0].pointRadius).toBe(0);
  });

  it('sizes the gap axis to the widest value, never past ±100', () => {
    const series = (values: number[]): RollingSeries[] => [
      {
        label: 'a',
        style: BLUE,
        signals: values.map((_, k) => withGap(`2020-01-0${k + 1}`, 0)),
        rollingGap: values,
      },
    ];
    expect(gapAxisBound(series([-44.3, 10]), 25)).toBe(50);
    expect(gapAxisBound(series([3]), 25)).toBe(50);
    expect(gapAxisBound(series([60]), 25)).toBe(75);
    expect(gapAxisBound(series([-98]), 25)).toBe(100);
  });

  it('sums each dyad up as lowest, highest and latest, for the chart’s description', () => {
    const [summary] = summariseRolling([
      { label: 'United States → Iran', style: BLUE, signals: dyad, rollingGap },
    ]);
    expect(summary.low.y).toBeCloseTo(-70 / 6, 10);
    expect(summary.high.y).toBeCloseTo(24, 10);
    expect(summary.latest.i).toBe(4);
    expect(summary.signals[summary.low.i].date).toBe('2020-02-15');
  });
});

describe('telling dyads apart', () => {
  it('dashes the second dyad of a colour and gives it another point shape', () => {
    const styles = seriesStyles(['#0072b2', '#D55E00', '#0072B2', '#0072b2']);
    expect(styles.map((s) => s.dash)).toEqual([[], [], [7, 4], [2, 3]]);
    expect(styles.map((s) => s.pointStyle)).toEqual(['circle', 'circle', 'rect', 'triangle']);
    expect(styles[2].color).toBe('#0072B2');
  });

  it('writes a colour with an alpha for translucent dots', () => {
    expect(withAlpha('#0072b2', 0.55)).toBe('rgba(0, 114, 178, 0.55)');
    expect(withAlpha('teal', 0.5)).toBe('teal');
  });
});

describe('the intended-versus-perceived scatter', () => {
  const twelve = Array.from({ length: 12 }, (_, k) =>
    signal({ date: `2020-01-${String(k + 1).padStart(2, '0')}`, intended: 90 - k * 5, perceived: 40 }),
  );
  // Gaps: 40 − (90 − 5k) = −50 … +5: k ≤ 7 underestimated (< −10), k = 8…11 within ±10.

  it('draws every signal while they are few', () => {
    const sample = sampleScatter([{ signals: twelve }], 10);
    expect(sample).toMatchObject({ shown: 12, total: 12, step: 1 });
  });

  it('past the limit draws every k-th signal of each dyad, the same ones every time', () => {
    const sample = sampleScatter([{ signals: twelve }], 10, 5);
    // ⌈12 / 5⌉ = 3: signals 0, 3, 6 and 9.
    expect(sample.step).toBe(3);
    expect(sample.shown).toBe(4);
    expect(sample.total).toBe(12);
    expect(sample.points[0].map((p) => p.i).sort((a, b) => a - b)).toEqual([0, 3, 6, 9]);
    expect(sampleScatter([{ signals: twelve }], 10, 5)).toEqual(sample);
  });

  it('orders the drawn points by intended resolve, as Chart.js expects with parsing off', () => {
    const [points] = sampleScatter([{ signals: twelve }], 10).points;
    expect(points.map((p) => p.x)).toEqual([35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]);
    expect(points[0]).toEqual({ x: 35, y: 40, i: 11 });
  });

  it('counts readings over every signal, not only those drawn', () => {
    const sample = sampleScatter([{ signals: twelve }], 10, 5);
    expect(sample.readings).toEqual({ underestimated: 8, accurate: 4, overestimated: 0 });
  });

  it('clips the accuracy band to the square', () => {
    expect(accuracyBand(10)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 90, y: 100 },
      { x: 100, y: 100 },
      { x: 100, y: 90 },
      { x: 10, y: 0 },
      { x: 0, y: 0 },
    ]);
  });

  it('draws the diagonal of accurate perception, the ±τ band and one dataset per dyad', () => {
    const series: ScatterSeries[] = [
      { label: 'United States → Iran', style: BLUE, signals: twelve },
      { label: 'Iran → United States', style: { ...BLUE, color: '#d55e00' }, signals: [] },
    ];
    const sample = sampleScatter(series, 10);
    const config = scatterConfig({ series, sample, tau: 10 });
    const datasets = config.data.datasets;
    expect(datasets).toHaveLength(GUIDE_DATASETS + 2);
    const [band, diagonal, us, iran] = datasets;
    expect(diagonal.data.map(({ x, y }) => [x, y])).toEqual([
      [0, 0],
      [100, 100],
    ]);
    expect(diagonal.showLine).toBe(true);
    expect(band.fill).toBe('shape');
    expect(band.data.map(({ x, y }) => ({ x, y }))).toEqual(accuracyBand(10));
    expect(us.label).toBe('United States → Iran');
    // Dots only: a line through a dyad's readings would mean nothing.
    expect(us.showLine).toBe(false);
    expect(us.data).toBe(sample.points[0]);
    expect(iran.data).toEqual([]);
    expect(config.options?.scales?.x).toMatchObject({ min: 0, max: 100 });
    expect(config.options?.scales?.y).toMatchObject({ min: 0, max: 100 });
  });
});

describe('the metrics table’s order', () => {
  const row = (label: string, gaps: number[]): DyadRow => ({
    key: label,
    senderId: US,
    receiverId: IRAN,
    label,
    metrics: dyadMetrics(gaps.map((g, k) => withGap(`2020-01-0${k + 1}`, g))),
  });
  // Mean |gap|: wide 30, narrow 5, tied-b 10, tied-a 10. Signals: 2, 1, 3, 1.
  const rows = [
    row('narrow', [5]),
    row('wide', [-40, -20]),
    row('tied-b', [10, -10, 10]),
    row('tied-a', [-10]),
  ];

  it('puts the widest misreadings first by default, dyads of under 3 signals last, ties by name', () => {
    // tied-b alone has 3 signals; the others follow it, widest first.
    expect(sortRows(rows, DEFAULT_COMPARE_SORT).map((r) => r.label)).toEqual([
      'tied-b',
      'wide',
      'tied-a',
      'narrow',
    ]);
  });

  it('sorts by any column either way', () => {
    expect(sortRows(rows, { key: 'count', direction: 'descending' }).map((r) => r.label)).toEqual([
      'tied-b',
      'wide',
      'narrow',
      'tied-a',
    ]);
    expect(sortRows(rows, { key: 'meanGap', direction: 'ascending' }).map((r) => r.label)).toEqual([
      'wide',
      'tied-a',
      'tied-b',
      'narrow',
    ]);
    expect(sortRows(rows, { key: 'dyad', direction: 'ascending' }).map((r) => r.label)).toEqual([
      'narrow',
      'tied-a',
      'tied-b',
      'wide',
    ]);
  });

  it('turns a column round on a second click and starts a new one largest first', () => {
    expect(nextCompareSort(DEFAULT_COMPARE_SORT, 'meanAbsGap')).toEqual({
      key: 'meanAbsGap',
      direction: 'ascending',
    });
    expect(nextCompareSort(DEFAULT_COMPARE_SORT, 'count')).toEqual({ key: 'count', direction: 'descending' });
    expect(nextCompareSort(DEFAULT_COMPARE_SORT, 'dyad')).toEqual({ key: 'dyad', direction: 'ascending' });
  });

  it('keeps the sort in the URL and reads a bad one as the default', () => {
    expect(formatCompareSort({ key: 'trend', direction: 'ascending' })).toBe('trend.asc');
    expect(parseCompareSort('trend.asc')).toEqual({ key: 'trend', direction: 'ascending' });
    expect(parseCompareSort('')).toEqual(DEFAULT_COMPARE_SORT);
    expect(parseCompareSort('title.asc')).toEqual(DEFAULT_COMPARE_SORT);
    expect(parseCompareSort('count.sideways')).toEqual(DEFAULT_COMPARE_SORT);
  });

  it('writes a dyad in the URL and reads it back', () => {
    expect(parseDyadParam(dyadParam(US, IRAN))).toEqual({ senderId: US, receiverId: IRAN });
    expect(parseDyadParam('')).toBeNull();
    expect(parseDyadParam(`${US}~${IRAN}~x`)).toBeNull();
  });
});

describe('the mirror in words', () => {
  it('says how each side reads the other, from the mean gaps', () => {
    // US → Iran gaps −30 and −13: mean −21.5. Iran → US gaps +5 and +12: mean +8.5.
    const usToIran = dyadMetrics([withGap('2019-06-21', -30), withGap('2019-09-20', -13)]);
    const iranToUs = dyadMetrics([
      withGap('2019-06-20', 5, 'moderate', IRAN, US),
      withGap('2020-01-08', 12, 'moderate', IRAN, US),
    ]);
    expect(mirrorSentence('United States', 'Iran', usToIran, iranToUs)).toBe(
      'Iran reads United States resolve 21.5 points low on average; United States reads Iran resolve 8.5 points high.',
    );
  });

  it('says so when the other direction has no signals', () => {
    const one = dyadMetrics([withGap('2020-01-08', 0)]);
    expect(mirrorSentence('Iran', 'Ukraine', one, dyadMetrics([]))).toBe(
      'Ukraine reads Iran resolve right on average; Iran has no signals from Ukraine to read yet.',
    );
  });
});

describe('the suggested pivot', () => {
  it('falls where the mean gap shifts most', () => {
    // Gaps −40, −20, −30 | 0, +10. Score n₁n₂/n·(m₁ − m₂)² at each split:
    //   after 1: 0.8 · (−40 + 10)² = 720;   after 2: 1.2 · (−30 + 6.67)² = 653
    //   after 3: 1.2 · (−30 − 5)² = 1470;   after 4: 0.8 · (−22.5 − 10)² = 845
    const dyad = [
      withGap('2019-06-01', -40),
      withGap('2019-07-01', -20),
      withGap('2019-08-01', -30),
      withGap('2019-09-01', 0),
      withGap('2019-10-01', 10),
    ];
    expect(changePointDate(dyad)).toBe('2019-09-01');
  });

  it('never splits a day, and takes the earliest of equal splits', () => {
    // Cutting between the two 1 June signals (−40 | 0, 0, 0) would score 0.75 · 40² = 1200, but a
    // pivot is a date: the splits are before 1 July (1 · (−20 − 0)² = 400) and before 1 August (133).
    const sameDay = [
      withGap('2019-06-01', -40),
      withGap('2019-06-01', 0),
      withGap('2019-07-01', 0),
      withGap('2019-08-01', 0),
    ];
    expect(changePointDate(sameDay)).toBe('2019-07-01');
    // Three signals, gaps 0, 10, 0: both splits score 2/3 · 25.
    expect(
      changePointDate([withGap('2019-06-01', 0), withGap('2019-07-01', 10), withGap('2019-08-01', 0)]),
    ).toBe('2019-07-01');
  });

  it('has none for a dyad on a single date', () => {
    expect(changePointDate([withGap('2020-01-08', 5), withGap('2020-01-08', -5)])).toBeNull();
    expect(changePointDate([])).toBeNull();
  });
});

describe('overlapping points on the scatter', () => {
  it('leaves the first dot of a spot on it and spreads the rest round it, across dyads too', () => {
    const points = [
      [
        { x: 40, y: 20, i: 0 },
        { x: 40, y: 20, i: 1 },
        { x: 60, y: 60, i: 2 },
      ],
      [{ x: 40, y: 20, i: 0 }],
    ];
    spreadOverlaps(points);
    expect(points[0][0]).toEqual({ x: 40, y: 20, i: 0 });
    expect(points[0][2]).toEqual({ x: 60, y: 60, i: 2 });
    // The second dot at (40, 20) lies SPREAD away; the third √2 × SPREAD away.
    const distance = (p: { x: number; y: number }) => Math.hypot(p.x - 40, p.y - 20);
    expect(distance(points[0][1])).toBeCloseTo(SPREAD, 10);
    expect(distance(points[1][0])).toBeCloseTo(SPREAD * Math.SQRT2, 10);
    // And not on top of each other.
    expect(Math.hypot(points[0][1].x - points[1][0].x, points[0][1].y - points[1][0].y)).toBeGreaterThan(0.5);
  });

  it('draws a pile of 50 identical scores as 50 distinct dots within a small disc', () => {
    const pile = [Array.from({ length: 50 }, (_, i) => ({ x: 80, y: 80, i }))];
    spreadOverlaps(pile);
    const spots = new Set(pile[0].map((p) => `${p.x.toFixed(3)},${p.y.toFixed(3)}`));
    expect(spots.size).toBe(50);
    // The 49th extra dot is √49 = 7 spreads out: the pile stays near its score.
    expect(Math.max(...pile[0].map((p) => Math.hypot(p.x - 80, p.y - 80)))).toBeCloseTo(7 * SPREAD, 10);
  });

  it('keeps each dyad sorted by x after spreading, as Chart.js needs with parsing off', () => {
    const same = Array.from({ length: 6 }, () => signal({ intended: 50, perceived: 30 }));
    const [points] = sampleScatter([{ signals: same }], 10).points;
    expect(points.every((p, k) => k === 0 || points[k - 1].x <= p.x)).toBe(true);
    expect(new Set(points.map((p) => p.i)).size).toBe(6);
  });
});

describe('dyad colours on the Compare charts', () => {
  it('give every dyad drawn its own colour, whoever sends', () => {
    const styles = dyadStyles(10);
    expect(new Set(styles.map((s) => s.color.toLowerCase())).size).toBe(10);
  });

  it('past the palette, a dyad that repeats a colour differs in dash and point shape', () => {
    const styles = dyadStyles(11);
    expect(styles[10].color).toBe(styles[0].color);
    expect(styles[10].dash).not.toEqual(styles[0].dash);
    expect(styles[10].pointStyle).not.toBe(styles[0].pointStyle);
  });
});
