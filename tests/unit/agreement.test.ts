import { describe, expect, it } from 'vitest';
import { dyadAgreement, formatAlpha, intervalAlpha, mostDisputed } from '../../src/lib/domain/agreement';
import { analystCount, analystSeries, largestSpread, rangeOf, spreadOf } from '../../src/lib/domain/scores';
import type { Confidence, Score } from '../../src/lib/domain/types';
import { signal } from './factories';

const ANNA = '00000000-0000-4000-8000-00000000a0a1';
const BORIS = '00000000-0000-4000-8000-00000000a0a2';
const CLARA = '00000000-0000-4000-8000-00000000a0a3';

function score(
  analystId: string,
  intended: number,
  perceived: number,
  displayed: number | null = null,
  confidence: Confidence = 'moderate',
): Score {
  return { analystId, intended, displayed, perceived, confidence };
}

describe("Krippendorff's alpha, interval metric", () => {
  it('is 1 when every analyst gives every signal the same score', () => {
    expect(
      intervalAlpha([
        [20, 20],
        [60, 60, 60],
        [80, 80],
      ]),
    ).toBe(1);
  });

  it('matches a small table worked out on paper', () => {
    // Units (10, 20), (40, 40), (60, 80): n = 6 pairable values.
    // Observed: Σ over ordered pairs within units, each unit over m − 1 = 1:
    //   2·10² + 0 + 2·20² = 1000, so D_o = 1000 / 6.
    // Expected: Σv = 250, Σv² = 13,700; Σ over ordered pairs of all values
    //   = 2·6·13,700 − 2·250² = 39,400, so D_e = 39,400 / (6·5).
    // α = 1 − (1000/6) / (39,400/30) = 1 − 25/197 = 172/197.
    expect(
      intervalAlpha([
        [10, 20],
        [40, 40],
        [60, 80],
      ]),
    ).toBeCloseTo(172 / 197, 12);
  });

  it('is below zero when analysts disagree systematically', () => {
    // (0, 100) twice: D_o = (2·100² + 2·100²) / 4 = 10,000;
    // D_e = (2·4·20,000 − 2·200²) / (4·3) = 80,000 / 12; α = 1 − 10,000·12/80,000 = −0.5.
    expect(
      intervalAlpha([
        [0, 100],
        [100, 0],
      ]),
    ).toBeCloseTo(-0.5, 12);
  });

  it("reproduces Krippendorff's published example: 4 coders, 12 units, missing values, α = 0.849", () => {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
    // reliability data with missing values; interval alpha 0.849 as published.
    // Unit 12 has one value and pairs with nothing.
    const units = [
      [1, 1, 1],
      [2, 2, 3, 2],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [2, 2, 2, 2],
      [1, 2, 3, 4],
      [4, 4, 4, 4],
      [1, 1, 2, 1],
      [2, 2, 2, 2],
      [5, 5, 5],
      [1, 1],
      [3],
    ];
    expect(intervalAlpha(units)!.toFixed(3)).toBe('0.849');
  });

  it('is none when no value varies at all, where alpha is 0/0', () => {
    expect(
      intervalAlpha([
        [40, 40],
        [40, 40],
      ]),
    ).toBeNull();
  });

  it('leaves out units with one value and is none without pairable values', () => {
    expect(intervalAlpha([[10], [90]])).toBeNull();
    expect(intervalAlpha([[10, 20], [40, 40], [60, 80], [99]])).toBeCloseTo(172 / 197, 12);
  });
});

describe("a dyad's agreement", () => {
  it('is taken per score over the signals two or more analysts scored', () => {
    const signals = [
      // intended (10, 20), perceived (30, 30), displayed by Anna only
      signal({ scores: [score(ANNA, 10, 30, 15), score(BORIS, 20, 30)] }),
      // intended (40, 40), perceived (50, 70), displayed (40, 50)
      signal({ scores: [score(ANNA, 40, 50, 40), score(BORIS, 40, 70, 50)] }),
      // intended (60, 80), perceived (90, 90), displayed (60, 60)
      signal({ scores: [score(ANNA, 60, 90, 60), score(BORIS, 80, 90, 60)] }),
      // one analyst: no unit
      signal({ scores: [score(ANNA, 0, 100, 100)] }),
    ];
    const agreement = dyadAgreement(signals);
    expect(agreement.scoredByTwoOrMore).toBe(3);
    // Intended: the paper table above.
    expect(agreement.intended).toEqual({ signals: 3, alpha: expect.closeTo(172 / 197, 12) });
    // Perceived (30, 30), (50, 70), (90, 90): Σv = 360, Σv² = 900+900+2500+4900+8100+8100 = 25,400;
    // D_o = 2·20² / 6 = 800/6; Σ pairs = 2·6·25,400 − 2·360² = 45,600; D_e = 45,600/30;
    // α = 1 − (800/6)·(30/45,600) = 1 − 4000/45,600 = 1 − 5/57 = 52/57.
    expect(agreement.perceived).toEqual({ signals: 3, alpha: expect.closeTo(52 / 57, 12) });
    // Displayed: two signals with two values, (40, 50) and (60, 60): Σv = 210, Σv² = 11,300;
    // D_o = 2·10² / 4 = 50; Σ pairs = 2·4·11,300 − 2·210² = 2200; D_e = 2200/12;
    // α = 1 − 50·12/2200 = 1 − 3/11 = 8/11.
    expect(agreement.displayed).toEqual({ signals: 2, alpha: expect.closeTo(8 / 11, 12) });
  });

  it('is none below two such signals, with the count it rests on', () => {
    const agreement = dyadAgreement([
      signal({ scores: [score(ANNA, 10, 30, 20), score(BORIS, 20, 30)] }),
      signal({ scores: [score(ANNA, 40, 50)] }),
    ]);
    expect(agreement.scoredByTwoOrMore).toBe(1);
    expect(agreement.intended).toEqual({ signals: 1, alpha: null });
    expect(agreement.displayed).toEqual({ signals: 0, alpha: null });
  });

  it('counts signals without a scores list as scored by no one', () => {
    expect(dyadAgreement([signal(), signal()]).scoredByTwoOrMore).toBe(0);
    expect(analystCount(signal())).toBe(0);
  });
});

describe("a signal's spread", () => {
  it('is largest minus smallest of each score, none where fewer than two gave it', () => {
    const s = signal({
      scores: [score(ANNA, 40, 20, 60), score(BORIS, 60, 35), score(CLARA, 55, 10, 70)],
    });
    expect(spreadOf(s)).toEqual({ intended: 20, displayed: 10, perceived: 25 });
    expect(largestSpread(s)).toBe(25);
    expect(rangeOf(s, 'perceived')).toEqual({ low: 10, high: 35 });
  });

  it('is none with one analyst', () => {
    const s = signal({ scores: [score(ANNA, 40, 20, 60)] });
    expect(spreadOf(s)).toEqual({ intended: null, displayed: null, perceived: null });
    expect(largestSpread(s)).toBeNull();
    expect(rangeOf(s, 'intended')).toBeNull();
  });
});

describe('the signals the team disputes most', () => {
  it('lists the widest spreads first, then by date, leaving out agreement and single scores', () => {
    const late = signal({ date: '2020-01-03', scores: [score(ANNA, 80, 20), score(BORIS, 80, 50)] });
    const early = signal({ date: '2019-06-20', scores: [score(ANNA, 10, 20), score(BORIS, 40, 20)] });
    const widest = signal({ date: '2019-12-27', scores: [score(ANNA, 0, 0), score(BORIS, 90, 0)] });
    const agreed = signal({ scores: [score(ANNA, 50, 50), score(BORIS, 50, 50)] });
    const alone = signal({ scores: [score(ANNA, 0, 100)] });
    const list = mostDisputed([late, agreed, early, alone, widest]);
    expect(list.map((d) => [d.signal.id, d.spread])).toEqual([
      [widest.id, 90],
      [early.id, 30],
      [late.id, 30],
    ]);
  });

  it('keeps the ten widest', () => {
    const signals = Array.from({ length: 12 }, (_, i) =>
      signal({ scores: [score(ANNA, 0, 0), score(BORIS, i + 1, 0)] }),
    );
    expect(mostDisputed(signals).map((d) => d.spread)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
  });
});

describe("one analyst's series", () => {
  it("gives each signal that analyst's scores and leaves out the signals they did not score", () => {
    const both = signal({
      intended: 50,
      perceived: 35,
      displayed: 55,
      confidence: 'moderate',
      scores: [score(ANNA, 40, 20, 60, 'high'), score(BORIS, 60, 50, 50, 'low')],
    });
    const borisOnly = signal({ intended: 70, perceived: 70, scores: [score(BORIS, 70, 70)] });
    const series = analystSeries([both, borisOnly], ANNA);
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({
      id: both.id,
      intended: 40,
      perceived: 20,
      displayed: 60,
      confidence: 'high',
      weight: 3,
    });
    expect(series[0].scores).toEqual(both.scores);
    expect(analystSeries([both, borisOnly], BORIS).map((s) => [s.id, s.intended])).toEqual([
      [both.id, 60],
      [borisOnly.id, 70],
    ]);
    // The records themselves are left as they were.
    expect(both.intended).toBe(50);
  });
});

describe('an alpha on screen', () => {
  it('has two decimals, a dash for none', () => {
    expect(formatAlpha(172 / 197)).toBe('0.87');
    expect(formatAlpha(1)).toBe('1.00');
    expect(formatAlpha(-0.5)).toBe('-0.50');
    expect(formatAlpha(0.125)).toBe('0.13');
    expect(formatAlpha(-0.001)).toBe('0.00');
    expect(formatAlpha(null)).toBe('–');
  });
});
