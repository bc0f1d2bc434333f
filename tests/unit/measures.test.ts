import { describe, it, expect } from 'vitest';
import {
  alertMessage,
  currentAlert,
  dyadMetrics,
  redLineStatuses,
  type CurrentAlert,
} from '../../src/lib/domain/metrics';
import { periodComparison } from '../../src/lib/domain/period';
import { alerts, analyseDyad, readingVolatility, rollingGaps, seriesAsOf } from '../../src/lib/domain/series';
import { dyadKey } from '../../src/lib/domain/table';
import { compareSignals, dyadsWithSignals, sortSignals } from '../../src/lib/domain/window';
import { dayNumber, dayNumberToDate } from '../../src/lib/domain/dates';
import { DEFAULT_SETTINGS, type Confidence, type Signal } from '../../src/lib/domain/types';
import { IRAN, KATAIB_HEZBOLLAH, US, redLine, signal } from './factories';

/** A signal with a given gap: intended and perceived stay on the 0–100 ladder for |gap| ≤ 80. */
function withGap(date: string, gap: number, confidence: Confidence = 'moderate'): Signal {
  const intended = gap < 0 ? 80 : 20;
  return signal({ date, intended, perceived: intended + gap, confidence });
}

const settings = DEFAULT_SETTINGS; // τ 10, W 90, threshold 25

describe('the order of a dyad’s signals', () => {
  it('orders by date first, whatever the creation time', () => {
    const late = signal({ date: '2020-01-03', createdAt: '2020-01-01T00:00:00.000Z' });
    const early = signal({ date: '2019-12-29', createdAt: '2020-01-05T00:00:00.000Z' });
    expect(sortSignals([late, early])).toEqual([early, late]);
  });

  it('keeps signals of the same date in the order they were logged', () => {
    const second = signal({ date: '2020-01-08', createdAt: '2020-01-08T10:00:00.000Z' });
    const first = signal({ date: '2020-01-08', createdAt: '2020-01-08T09:00:00.000Z' });
    expect(sortSignals([second, first])).toEqual([first, second]);
  });

  it('breaks a tie in creation time by id, so the order is total', () => {
    const b = signal({ id: 'bbbbbbbb-0000-4000-8000-000000000000', createdAt: '2020-01-08T09:00:00.000Z' });
    const a = signal({ id: 'aaaaaaaa-0000-4000-8000-000000000000', createdAt: '2020-01-08T09:00:00.000Z' });
    expect(sortSignals([b, a])).toEqual([a, b]);
    expect(compareSignals(a, a)).toBe(0);
  });

  it('sorts a copy and leaves the analyst’s list as it was', () => {
    const late = signal({ date: '2020-01-03' });
    const early = signal({ date: '2019-06-20' });
    const list = [late, early];
    sortSignals(list);
    expect(list).toEqual([late, early]);
  });
});

describe('the rolling gap', () => {
  it('weighs a high-confidence reading three times a low one and a moderate one twice', () => {
    const sorted = [
      withGap('2019-06-20', -30, 'high'),
      withGap('2019-06-20', -10, 'low'),
      withGap('2019-06-20', 20, 'moderate'),
    ];
    const { rollingGap, windowCount } = rollingGaps(sorted, 90);
    const expected = (-30 * 3 + -10 * 1 + 20 * 2) / (3 + 1 + 2); // −60 / 6 = −10
    expect(Array.from(rollingGap)).toEqual([expected, expected, expected]);
    expect(Array.from(windowCount)).toEqual([3, 3, 3]);
  });

  it.each([
    // 2019-01-01 → 2019-04-01 is 31 + 28 + 31 = 90 days: on the boundary, outside (date − W, date].
    { case: 'a signal exactly 90 days old no longer counts', old: '2019-01-01', rolling: 0 / 3, count: 3 },
    // 2019-01-02 → 2019-04-01 is 89 days: inside.
    {
      case: 'a signal 89 days old still counts',
      old: '2019-01-02',
      rolling: (-40 + 0 + 0 + 0) / 4,
      count: 4,
    },
  ])('$case in the rolling gap', ({ old, rolling, count }) => {
    const sorted = [withGap(old, -40), ...[1, 2, 3].map(() => withGap('2019-04-01', 0))];
    const result = rollingGaps(sorted, 90);
    expect(result.rollingGap[3]).toBe(rolling);
    expect(result.windowCount[3]).toBe(count);
  });

  it('counts every signal of the same day, including ones logged later that day', () => {
    const sorted = [
      withGap('2020-01-08', -20, 'low'),
      withGap('2020-01-08', 40, 'high'),
      withGap('2020-01-08', 0, 'moderate'),
    ];
    const { rollingGap, windowCount } = rollingGaps(sorted, 90);
    const expected = (-20 * 1 + 40 * 3 + 0 * 2) / (1 + 3 + 2); // 100 / 6
    expect(Array.from(rollingGap)).toEqual([expected, expected, expected]);
    expect(Array.from(windowCount)).toEqual([3, 3, 3]);
  });

  it('slides forward, dropping old signals as newer ones arrive (7-day window), none under 3 signals', () => {
    const sorted = [
      withGap('2019-06-01', -30, 'high'), // window 05-26…06-01: {−30h}
      withGap('2019-06-02', -30, 'low'), // {−30h, −30l}
      withGap('2019-06-05', -10, 'low'), // {−30h, −30l, −10l}
      withGap('2019-06-08', 20, 'moderate'), // window 06-02…06-08: 06-01 is 7 days old → out
      withGap('2019-06-09', 20, 'moderate'), // window 06-03…06-09: 06-02 out
      withGap('2019-06-20', 0, 'low'), // window 06-14…06-20: only itself
    ];
    const { rollingGap, windowCount } = rollingGaps(sorted, 7);
    expect(Array.from(rollingGap)).toEqual([
      NaN,
      NaN,
      (-30 * 3 + -30 * 1 + -10 * 1) / (3 + 1 + 1), // −26
      (-30 * 1 + -10 * 1 + 20 * 2) / (1 + 1 + 2), // 0
      (-10 * 1 + 20 * 2 + 20 * 2) / (1 + 2 + 2), // 14
      NaN,
    ]);
    expect(Array.from(windowCount)).toEqual([1, 2, 3, 3, 3, 1]);
  });

  it('weighs a consensus signal by its own fractional weight, else by its confidence', () => {
    const sorted = [
      signal({ date: '2019-06-01', intended: 50, perceived: 20, confidence: 'moderate', weight: 1.5 }), // −30
      signal({ date: '2019-06-02', intended: 50, perceived: 40, confidence: 'high' }), // −10, weight 3
      signal({ date: '2019-06-03', intended: 50, perceived: 60, confidence: 'low', weight: 2.5 }), // +10
    ];
    // (−30 × 1.5 + −10 × 3 + 10 × 2.5) / (1.5 + 3 + 2.5) = (−45 − 30 + 25) / 7 = −50 / 7
    expect(rollingGaps(sorted, 90).rollingGap[2]).toBeCloseTo(-50 / 7, 12);
  });

  it('is empty for a dyad with no signals', () => {
    const { rollingGap, windowCount } = rollingGaps([], 90);
    expect(rollingGap.length).toBe(0);
    expect(windowCount.length).toBe(0);
  });
});

describe('reading volatility', () => {
  it('is the spread of perceived resolve once the window holds 3 signals', () => {
    const sorted = [
      signal({ date: '2019-06-13', perceived: 20 }),
      signal({ date: '2019-06-20', perceived: 40 }),
      signal({ date: '2019-06-21', perceived: 60 }),
    ];
    // mean 40; squared deviations 400, 0, 400; population variance 800 / 3
    expect(readingVolatility(sorted, 90)).toEqual([null, null, Math.sqrt(800 / 3)]);
  });

  it('is 0 when the receiver reads every signal alike', () => {
    const sorted = [1, 2, 3].map((d) => signal({ date: `2019-06-0${d}`, perceived: 35 }));
    expect(readingVolatility(sorted, 90)).toEqual([null, null, 0]);
  });

  it('goes back to none when old signals leave the window and fewer than 3 remain', () => {
    const sorted = [
      signal({ date: '2019-06-01', perceived: 10 }),
      signal({ date: '2019-06-02', perceived: 30 }),
      signal({ date: '2019-06-03', perceived: 50 }), // {10, 30, 50}: mean 30, variance (400 + 0 + 400) / 3
      signal({ date: '2019-06-10', perceived: 90 }), // 7-day window: 06-03 and 06-10 only
    ];
    expect(readingVolatility(sorted, 7)).toEqual([null, null, Math.sqrt(800 / 3), null]);
  });
});

describe('the miscalculation alert', () => {
  const nineAt = (gap: number) => Array.from({ length: 9 }, () => withGap('2019-12-01', gap, 'low'));

  it.each([
    {
      case: 'a rolling gap of exactly −25 raises a deterrence-failure risk',
      gaps: [-25, -25, -25],
      expected: 'deterrence-failure risk',
    },
    {
      case: 'a rolling gap of exactly +25 raises a spiral risk',
      gaps: [25, 25, 25],
      expected: 'spiral risk',
    },
    { case: 'a rolling gap of −24 raises nothing', gaps: [-24, -24, -24], expected: null },
    { case: 'two badly misread signals are too few to raise an alert', gaps: [-60, -60], expected: null },
  ])('$case', ({ gaps, expected }) => {
    const sorted = gaps.map((gap) => withGap('2019-12-01', gap));
    expect(alerts(sorted, settings).at(-1)).toBe(expected);
  });

  it('a rolling gap of −24.95, shown as −25, raises a deterrence-failure risk', () => {
    const sorted = [
      ...Array.from({ length: 19 }, () => withGap('2019-12-01', -25, 'low')),
      withGap('2019-12-01', -24, 'low'),
    ];
    // (19 × −25 + −24) / 20 = −499 / 20 = −24.95, which one decimal shows as −25
    expect(rollingGaps(sorted, 90).rollingGap[19]).toBeCloseTo(-24.95, 10);
    expect(alerts(sorted, settings)[19]).toBe('deterrence-failure risk');
    expect(currentAlert(sorted, settings)?.kind).toBe('deterrence-failure risk');
  });

  it('a rolling gap of −24.9 stays short of a deterrence-failure risk', () => {
    const sorted = [...nineAt(-25), withGap('2019-12-01', -24, 'low')];
    // (9 × −25 + −24) / 10 = −249 / 10 = −24.9
    expect(rollingGaps(sorted, 90).rollingGap[9]).toBeCloseTo(-24.9, 10);
    expect(alerts(sorted, settings)[9]).toBeNull();
  });

  it('follows the analyst’s threshold', () => {
    const sorted = [withGap('2019-12-01', -15), withGap('2019-12-02', -15), withGap('2019-12-03', -15)];
    expect(alerts(sorted, { ...settings, alertThreshold: 15 })).toEqual([
      null, // 1 signal
      null, // 2 signals
      'deterrence-failure risk', // 3 signals, −15 ≤ −15
    ]);
  });
});

describe('the dashboard analysis', () => {
  it('gives gap, rolling gap, window size, reading volatility, mixed-message index and alert per signal', () => {
    const sorted = [
      signal({ date: '2019-06-13', intended: 60, perceived: 20, confidence: 'high' }), // gap −40
      signal({ date: '2019-06-20', intended: 70, perceived: 40, confidence: 'low' }), // gap −30
      signal({ date: '2019-06-21', intended: 80, perceived: 60, confidence: 'moderate' }), // gap −20
    ];
    const analysis = analyseDyad(sorted, settings);
    expect(Array.from(analysis.gap)).toEqual([-40, -30, -20]);
    expect(Array.from(analysis.rollingGap)).toEqual([
      NaN, // one signal: too few to say
      NaN, // two
      (-40 * 3 + -30 * 1 + -20 * 2) / (3 + 1 + 2), // −190 / 6
    ]);
    expect(Array.from(analysis.windowCount)).toEqual([1, 2, 3]);
    // perceived 20, 40, 60: mean 40, population variance (400 + 0 + 400) / 3
    expect(analysis.readingVolatility).toEqual([null, null, Math.sqrt(800 / 3)]);
    // No signal has a displayed resolve: no mixed message can be said.
    expect(analysis.mixedMessage).toEqual([null, null, null]);
    expect(analysis.series.signals).toBe(sorted);
    expect(analysis.alert).toEqual([null, null, 'deterrence-failure risk']);
  });

  it('slides its window over a long, dense dyad', () => {
    // Ten signals a day for 300 days, every gap −30 whatever the confidence. Scale
    // belongs in npm run bench: a test of 100,000 signals fails on a busy machine.
    const start = dayNumber('1990-01-01');
    const confidences: Confidence[] = ['low', 'moderate', 'high'];
    const sorted: Signal[] = [];
    for (let i = 0; i < 3_000; i++) {
      const intended = 30 + (i % 71);
      sorted.push(
        signal({
          date: dayNumberToDate(start + Math.floor(i / 10)),
          intended,
          perceived: intended - 30,
          confidence: confidences[i % 3],
        }),
      );
    }
    const analysis = analyseDyad(sorted, settings);
    expect(analysis.gap.length).toBe(3_000);
    expect(analysis.rollingGap.length).toBe(3_000);
    expect(analysis.windowCount.length).toBe(3_000);
    expect(analysis.mixedMessage.length).toBe(3_000);
    expect(analysis.alert.length).toBe(3_000);
    expect(analysis.rollingGap[2_999]).toBe(-30); // a weighted mean of equal gaps
    expect(analysis.windowCount[2_999]).toBe(90 * 10); // the last 90 days, ten a day
    expect(analysis.alert[2_999]).toBe('deterrence-failure risk');
  });
});

describe('dyad metrics', () => {
  it('has nothing to report for a dyad with no signals: none, never 0', () => {
    expect(dyadMetrics([], settings)).toEqual({
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
    });
  });

  it('has a mean and shares but no interval, trend or rolling gap for two signals', () => {
    const metrics = dyadMetrics([withGap('2020-01-05', -50), withGap('2020-01-08', -50)], settings);
    expect(metrics.meanGap).toBe(-50);
    expect(metrics.shares).toEqual({ underestimated: 100, accurate: 0, overestimated: 0 });
    expect(metrics.meanGapInterval).toBeNull();
    expect(metrics.trendPer30Days).toBeNull();
    expect(metrics.latestRollingGap).toBeNull();
    expect(metrics.latestWindowCount).toBe(2);
    expect(metrics.currentAlert).toBeNull();
    expect(metrics.asOf).toBe('2020-01-08');
  });

  it('counts, averages the gap and the size of the gap', () => {
    const list = [
      withGap('2019-06-13', -30),
      withGap('2019-06-20', -10),
      withGap('2019-06-21', 0),
      withGap('2019-09-14', 20),
    ];
    const metrics = dyadMetrics(list, settings);
    expect(metrics.count).toBe(4);
    expect(metrics.meanGap).toBe((-30 + -10 + 0 + 20) / 4); // −5
    expect(metrics.meanAbsGap).toBe((30 + 10 + 0 + 20) / 4); // 15
    expect(metrics.largest?.absGap).toBe(30);
    expect(metrics.largest?.signal).toBe(list[0]);
  });

  it('takes the earlier signal as the largest |gap| when two are equally large', () => {
    const earlier = withGap('2019-06-13', -30);
    const later = withGap('2019-06-20', 30);
    const metrics = dyadMetrics([later, earlier], settings);
    expect(metrics.largest).toEqual({ absGap: 30, signal: earlier });
  });

  it('reads a gap of exactly τ as accurate', () => {
    const list = [
      withGap('2019-06-01', -10),
      withGap('2019-06-02', 10),
      withGap('2019-06-03', -11),
      withGap('2019-06-04', 11),
    ];
    // accurate 2 of 4, underestimated 1 of 4, overestimated 1 of 4
    expect(dyadMetrics(list, settings).shares).toEqual({
      underestimated: 25,
      accurate: 50,
      overestimated: 25,
    });
  });

  it('moves the accuracy band with the analyst’s τ', () => {
    const list = [withGap('2019-06-01', -15), withGap('2019-06-02', 15)];
    expect(dyadMetrics(list, { ...settings, tau: 15 }).shares).toEqual({
      underestimated: 0,
      accurate: 100,
      overestimated: 0,
    });
  });

  it.each([
    {
      case: 'an even three-way split, each its exact third (each shown as 33.3)',
      gaps: [-40, 0, 40],
      expected: { underestimated: 100 / 3, accurate: 100 / 3, overestimated: 100 / 3 },
    },
    {
      case: 'a 1 / 2 / 3 split of six',
      gaps: [-40, 0, 5, 40, 40, 40],
      expected: { underestimated: 100 / 6, accurate: 200 / 6, overestimated: 50 },
    },
    {
      case: 'every signal underestimated',
      gaps: [-40, -30],
      expected: { underestimated: 100, accurate: 0, overestimated: 0 },
    },
  ])('shares of each reading: $case', ({ gaps, expected }) => {
    const shares = dyadMetrics(
      gaps.map((gap, k) => withGap(`2019-06-1${k}`, gap)),
      settings,
    ).shares;
    expect(shares).toEqual(expected);
  });

  it.each([
    {
      case: 'a gap closing 10 points every 30 days trends +10',
      // 2019-01-01, +30 days = 2019-01-31, +60 days = 2019-03-02
      points: [
        ['2019-01-01', -20],
        ['2019-01-31', -10],
        ['2019-03-02', 0],
      ],
      expected: 10,
    },
    {
      case: 'a gap widening 6 points every 15 days trends −12',
      // days 0, 15, 30 (2019-06-01, 06-16, 07-01); slope −6 / 15 per day, × 30 = −12
      points: [
        ['2019-06-01', 0],
        ['2019-06-16', -6],
        ['2019-07-01', -12],
      ],
      expected: -12,
    },
    {
      case: 'a trend fits a line through scattered gaps',
      // days x = 0, 30, 60 (mean 30), gaps y = 0, −30, 0 (mean −10):
      // Σ(x−x̄)(y−ȳ) = (−30)(10) + 0 + (30)(10) = 0 → flat
      points: [
        ['2019-01-01', 0],
        ['2019-01-31', -30],
        ['2019-03-02', 0],
      ],
      expected: 0,
    },
  ] as { case: string; points: [string, number][]; expected: number }[])('$case', ({ points, expected }) => {
    const list = points.map(([date, gap]) => withGap(date, gap));
    expect(dyadMetrics(list, settings).trendPer30Days).toBeCloseTo(expected, 10);
  });

  it.each([
    {
      case: 'signals all on one date have no trend',
      points: [
        ['2020-01-08', -40],
        ['2020-01-08', 30],
        ['2020-01-08', 0],
      ],
    },
    { case: 'a single signal has no trend', points: [['2020-01-03', -40]] },
    {
      case: 'two signals three days apart have no trend',
      points: [
        ['2020-01-05', 0],
        ['2020-01-08', -50],
      ],
    },
  ] as { case: string; points: [string, number][] }[])('$case (none, not 0)', ({ points }) => {
    const list = points.map(([date, gap]) => withGap(date, gap));
    expect(dyadMetrics(list, settings).trendPer30Days).toBeNull();
  });

  it.each([
    // 2019-01-01 → 2019-04-01 is 90 days: outside; 2019-01-02 is 89 days: inside.
    { case: 'leaves out a signal exactly 90 days before the last', old: '2019-01-01', expected: null, n: 2 },
    { case: 'keeps a signal 89 days before the last', old: '2019-01-02', expected: (-40 + 0 + 0) / 3, n: 3 },
  ])('the latest rolling gap $case', ({ old, expected, n }) => {
    const list = [withGap(old, -40), withGap('2019-04-01', 0), withGap('2019-04-01', 0)];
    const metrics = dyadMetrics(list, settings);
    expect(metrics.latestRollingGap).toBe(expected);
    expect(metrics.latestWindowCount).toBe(n);
  });

  it('reports the rolling gap and alert standing at the last signal', () => {
    const list = [
      withGap('2019-06-01', 40, 'high'), // more than 90 days before 2019-12-29: outside
      withGap('2019-10-01', -40, 'high'),
      withGap('2019-11-15', -20, 'low'),
      withGap('2019-12-29', -30, 'moderate'),
    ];
    const metrics = dyadMetrics(list, settings);
    const expected = (-40 * 3 + -20 * 1 + -30 * 2) / (3 + 1 + 2); // −200 / 6 ≈ −33.3
    expect(metrics.latestRollingGap).toBeCloseTo(expected, 10);
    expect(metrics.currentAlert?.kind).toBe('deterrence-failure risk');
  });
});

describe('the alert banner', () => {
  // 2019-10-01 is 89 days before 2019-12-29 (30 + 30 + 29), so it is inside the 90-day window.
  const escalation = [
    withGap('2019-06-01', 40, 'high'),
    withGap('2019-10-01', -40, 'high'),
    withGap('2019-11-15', -20, 'low'),
    withGap('2019-12-29', -30, 'moderate'),
  ];

  it('describes the deterrence-failure risk standing at the last signal', () => {
    const alert = currentAlert(escalation, settings);
    expect(alert?.kind).toBe('deterrence-failure risk');
    expect(alert?.rollingGap).toBeCloseTo((-40 * 3 + -20 * 1 + -30 * 2) / (3 + 1 + 2), 10);
    expect(alert?.windowCount).toBe(3);
    expect(alert?.windowDays).toBe(90);
    expect(alert?.since).toBe('2019-10-01'); // 2019-12-29 − 89 days: the first day of the window
    expect(alert?.asOf).toBe('2019-12-29');
  });

  it('says as of which date, and how far below intent the receiver reads the sender', () => {
    const alert = currentAlert(escalation, settings) as CurrentAlert;
    // |−200 / 6| = 33.33… → 33.3
    expect(alertMessage(alert, 'United States', 'Iran')).toBe(
      'As of 29 Dec 2019, Iran has read United States resolve 33.3 points below intent over the 90 days to that date (3 signals)',
    );
  });

  it('says how far above intent for a spiral risk', () => {
    const alert: CurrentAlert = {
      kind: 'spiral risk',
      rollingGap: 27.45,
      windowCount: 5,
      windowDays: 60,
      since: '2020-01-01',
      asOf: '2020-03-01',
    };
    expect(alertMessage(alert, 'Iran', 'United States')).toBe(
      'As of 1 Mar 2020, United States has read Iran resolve 27.5 points above intent over the 60 days to that date (5 signals)',
    );
  });

  it('stays down when the dyad is read accurately, or has too few or no signals', () => {
    expect(
      currentAlert([withGap('2020-01-01', -5), withGap('2020-01-02', 5), withGap('2020-01-03', 0)], settings),
    ).toBeNull();
    expect(currentAlert([withGap('2020-01-01', -60), withGap('2020-01-02', -60)], settings)).toBeNull();
    expect(currentAlert([], settings)).toBeNull();
  });
});

describe('red lines crossed or at risk', () => {
  const dyad = { senderId: US, receiverId: IRAN };
  const killsAmerican = redLine({ actorId: US, targetId: IRAN, text: 'An attack that kills an American' });
  const embassy = redLine({ actorId: US, targetId: IRAN, text: 'An attack on the embassy' });
  const toMilitia = redLine({ actorId: US, targetId: KATAIB_HEZBOLLAH });
  const iranian = redLine({ actorId: IRAN, targetId: US, text: 'An attack on Iranian soil' });
  const lines = [killsAmerican, toMilitia, iranian, embassy];

  it.each([
    {
      case: 'the sender’s lines toward the receiver are at risk under a deterrence-failure risk',
      kind: 'deterrence-failure risk' as const,
      expected: [killsAmerican, embassy],
    },
    { case: 'no line is at risk under a spiral risk', kind: 'spiral risk' as const, expected: [] },
    { case: 'no line is at risk without an alert', kind: null, expected: [] },
  ])('$case', ({ kind, expected }) => {
    expect(redLineStatuses(lines, [], dyad, kind, '2020-01-03')).toEqual(
      expected.map((line) => ({ line, status: 'at risk' })),
    );
  });

  it('shows a line crossed on or before the date as crossed, with its first crossing, not at risk', () => {
    const first = signal({
      senderId: KATAIB_HEZBOLLAH,
      receiverId: US,
      date: '2019-12-27',
      redLineId: killsAmerican.id,
    });
    const again = signal({
      senderId: KATAIB_HEZBOLLAH,
      receiverId: US,
      date: '2019-12-31',
      redLineId: killsAmerican.id,
    });
    const embassyLater = signal({
      senderId: KATAIB_HEZBOLLAH,
      receiverId: US,
      date: '2020-01-05',
      redLineId: embassy.id,
    });
    expect(
      redLineStatuses(lines, [again, embassyLater, first], dyad, 'deterrence-failure risk', '2020-01-03'),
    ).toEqual([
      { line: killsAmerican, status: 'crossed', date: '2019-12-27', signal: first },
      // crossed only after the date: as of 3 Jan it was still at risk
      { line: embassy, status: 'at risk' },
    ]);
    // Crossed whatever the alert: the crossing is a fact, not a risk.
    expect(redLineStatuses(lines, [first], dyad, null, '2020-01-03')).toEqual([
      { line: killsAmerican, status: 'crossed', date: '2019-12-27', signal: first },
    ]);
  });
});

describe('period comparison', () => {
  const list = [
    withGap('2019-12-27', -40),
    withGap('2020-01-02', -30),
    withGap('2020-01-03', 0), // the pivot day belongs to "after"
    withGap('2020-01-08', 10),
  ];

  it('splits at the pivot, the pivot day counting as after', () => {
    const { before, after } = periodComparison(list, '2020-01-03', settings);
    expect(before.count).toBe(2);
    expect(after.count).toBe(2);
    expect(before.meanGap).toBe((-40 + -30) / 2); // −35
    expect(after.meanGap).toBe((0 + 10) / 2); // 5
    expect(after.largest?.signal).toBe(list[3]);
  });

  it('gives the change from before to after for each metric', () => {
    const { change } = periodComparison(list, '2020-01-03', settings);
    expect(change).toEqual({
      count: 2 - 2,
      meanGap: 5 - -35, // 40
      meanAbsGap: (0 + 10) / 2 - (40 + 30) / 2, // −30
      largestAbsGap: 10 - 40,
      // before all underestimated; after 0 and +10 are both within τ = 10
      shares: { underestimated: 0 - 100, accurate: 100 - 0, overestimated: 0 - 0 },
      // each side has 2 signals: too few for a trend
      trendPer30Days: null,
      // each side has 2 signals: too few for a rolling gap, so no change either
      latestRollingGap: null,
      signallingGap: null,
      readingGap: null,
    });
  });

  it('has no change in a trend when one side is too few to say', () => {
    const longer = [withGap('2019-12-01', -40), ...list];
    const { before, after, change } = periodComparison(longer, '2020-01-02', settings);
    expect(before.trendPer30Days).toBeNull(); // 2 signals
    expect(after.trendPer30Days).not.toBeNull(); // 3 signals on 3 dates
    expect(change.trendPer30Days).toBeNull();
  });

  it('has no change in a mean when one side has no signals', () => {
    const { before, change } = periodComparison(list, '2019-01-01', settings);
    expect(before.count).toBe(0);
    expect(change.count).toBe(4 - 0);
    expect(change.meanGap).toBeNull();
    expect(change.meanAbsGap).toBeNull();
    expect(change.largestAbsGap).toBeNull();
    expect(change.latestRollingGap).toBeNull();
    expect(change.shares).toBeNull();
  });
});

describe('dyads with signals', () => {
  it('groups signals by sender → receiver, each in order, one direction apart from the other', () => {
    const usLate = signal({ senderId: US, receiverId: IRAN, date: '2020-01-03' });
    const iran = signal({ senderId: IRAN, receiverId: US, date: '2020-01-08' });
    const usEarly = signal({ senderId: US, receiverId: IRAN, date: '2019-06-21' });
    const groups = dyadsWithSignals([usLate, iran, usEarly]);
    expect([...groups.keys()]).toEqual([dyadKey(US, IRAN), dyadKey(IRAN, US)]);
    expect(groups.get(dyadKey(US, IRAN))?.signals).toEqual([usEarly, usLate]);
    expect(groups.get(dyadKey(IRAN, US))?.signals).toEqual([iran]);
  });

  it('keys a dyad by direction', () => {
    expect(dyadKey('iran', 'us')).not.toBe(dyadKey('us', 'iran'));
  });

  it('has no dyads without signals', () => {
    expect(dyadsWithSignals([]).size).toBe(0);
  });
});

describe('as of a date', () => {
  const list = [
    withGap('2019-10-01', -40, 'high'),
    withGap('2019-11-15', -20, 'low'),
    withGap('2019-12-29', -30, 'moderate'),
    withGap('2020-01-03', 40, 'high'),
    withGap('2020-01-04', 40, 'high'),
  ];

  it('measures the dyad as it stood that day: its signals up to it, the alert then standing', () => {
    const then = dyadMetrics(seriesAsOf(list, '2019-12-31'), settings);
    expect(then.count).toBe(3);
    expect(then.asOf).toBe('2019-12-29');
    // (−40 · 3 + −20 · 1 + −30 · 2) / 6 = −200 / 6
    expect(then.latestRollingGap).toBeCloseTo(-200 / 6, 10);
    expect(then.currentAlert).toMatchObject({ kind: 'deterrence-failure risk', asOf: '2019-12-29' });
  });

  it('by default stands at the last signal', () => {
    const now = dyadMetrics(list, settings);
    expect(now.asOf).toBe('2020-01-04');
    // window (6 Oct 2019, 4 Jan 2020]: (−20 · 1 + −30 · 2 + 40 · 3 + 40 · 3) / (1 + 2 + 3 + 3) = 160 / 9
    expect(now.latestRollingGap).toBeCloseTo(160 / 9, 10);
    expect(now.currentAlert).toBeNull();
    expect(seriesAsOf(list, '2020-01-04').signals).toEqual(list);
  });

  it('has nothing before the first signal', () => {
    const before = dyadMetrics(seriesAsOf(list, '2019-09-30'), settings);
    expect(before.count).toBe(0);
    expect(before.asOf).toBeNull();
  });
});
