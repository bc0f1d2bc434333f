import { describe, expect, it } from 'vitest';
import { dyadMetrics } from '../../src/lib/domain/metrics';
import { median, studentT95 } from '../../src/lib/domain/stats';
import { signal } from './factories';

describe('Student’s t, 95th percentile', () => {
  // Reference values: the inverse of Student's t distribution at 0.95 (SciPy's t.ppf),
  // rounded to the decimals given.
  it.each([
    [1, 6.3138],
    [2, 2.92],
    [5, 2.015],
    [10, 1.8125],
    [29, 1.6991],
    [30, 1.6973],
  ])('with %i degrees of freedom is %f, from the table', (df, t) => {
    expect(studentT95(df)).toBeCloseTo(t, 4);
  });

  it.each([
    [31, 1.6955188],
    [40, 1.683851],
    [60, 1.6706489],
    [120, 1.6576509],
    [1000, 1.6463788],
    [99_999, 1.6448689],
  ])('with %i degrees of freedom is %f, from the expansion', (df, t) => {
    expect(Math.abs(studentT95(df) - t)).toBeLessThan(1e-6);
  });

  it('has no value under one degree of freedom', () => {
    expect(studentT95(0)).toBeNaN();
  });
});

describe('the mean gap’s 90% interval', () => {
  it('is the mean ± t(n − 1) · s / √n', () => {
    const list = [-10, -20, -30].map((gap, k) =>
      signal({ date: `2019-06-0${k + 1}`, intended: 50, perceived: 50 + gap }),
    );
    // mean −20; s² = (100 + 0 + 100) / 2 = 100, s = 10; t(2) = 2.92; half = 2.92 · 10 / √3 ≈ 16.86
    const half = (2.92 * 10) / Math.sqrt(3);
    const interval = dyadMetrics(list).meanGapInterval!;
    expect(interval.low).toBeCloseTo(-20 - half, 10);
    expect(interval.high).toBeCloseTo(-20 + half, 10);
  });

  it('has no width when every gap is the same', () => {
    const list = [1, 2, 3, 4].map((d) => signal({ date: `2019-06-0${d}`, intended: 60, perceived: 45 }));
    expect(dyadMetrics(list).meanGapInterval).toEqual({ low: -15, high: -15 });
  });

  it('is none under 3 signals', () => {
    const list = [1, 2].map((d) => signal({ date: `2019-06-0${d}`, intended: 60, perceived: 45 }));
    expect(dyadMetrics(list).meanGapInterval).toBeNull();
  });
});

describe('the median', () => {
  it('is the middle value, or the mean of the middle two, or none', () => {
    expect(median([186, 3, 40])).toBe(40);
    expect(median([5, 0])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
