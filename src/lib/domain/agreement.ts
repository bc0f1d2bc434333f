/**
 * The team's agreement (PRODUCT.md §3, Agreement): Krippendorff's alpha per dyad
 * and score, and the signals the team disputes most. Pure functions of the
 * scores each signal record carries (`Signal.scores`; see scores.ts).
 */
import { compareSignals } from './window';
import { SCORE_KEYS, largestSpread, valuesOf, type ScoreKey } from './scores';
import type { Signal } from './types';

/** Alpha over fewer signals than this is too few to say (PRODUCT.md §3). */
export const MIN_AGREEMENT_SIGNALS = 2;

/**
 * Krippendorff's alpha with the interval metric, δ² = (a − b)², over units that
 * each list the values their coders gave (any number of coders per unit):
 * α = 1 − D_o / D_e, where D_o = (1/n) Σ_u (1/(m_u − 1)) Σ_{i≠j in u} (v_i − v_j)²
 * and D_e = 1/(n(n − 1)) Σ_{i≠j} (v_i − v_j)² over all n pairable values.
 * A unit with fewer than two values pairs with nothing and is left out.
 *
 * Each sum over ordered pairs is 2m·Σv² − 2(Σv)², so the whole is one pass.
 * Null when no value varies at all (D_e = 0): α is then 0/0, and a perfect
 * agreement that nothing tested is not evidence of reliability.
 */
export function intervalAlpha(units: readonly (readonly number[])[]): number | null {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  let observed = 0;
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    let unitSum = 0;
    let unitSquares = 0;
    for (const v of unit) {
      unitSum += v;
      unitSquares += v * v;
    }
    observed += (2 * m * unitSquares - 2 * unitSum * unitSum) / (m - 1);
    n += m;
    sum += unitSum;
    sumSquares += unitSquares;
  }
  if (n < 2) return null;
  const expected = (2 * n * sumSquares - 2 * sum * sum) / (n - 1);
  // Both sums are over whole numbers, so "no variation" is an exact zero; the
  // tolerance only absorbs rounding in sums of fractional test values.
  if (expected <= 1e-9 * Math.max(1, sumSquares)) return null;
  return 1 - observed / expected;
}

export interface ScoreAgreement {
  /** Signals with two or more values of this score: the alpha's n. */
  signals: number;
  /** Null below MIN_AGREEMENT_SIGNALS such signals, or when no value varies. */
  alpha: number | null;
}

export interface DyadAgreement {
  /** Signals of the dyad scored by two or more analysts. */
  scoredByTwoOrMore: number;
  intended: ScoreAgreement;
  displayed: ScoreAgreement;
  perceived: ScoreAgreement;
}

/**
 * The analysts' agreement over a dyad's signals, per score. Each signal is a
 * unit and each analyst a coder; a displayed resolve counts where two or more
 * analysts gave one.
 */
export function dyadAgreement(signals: readonly Signal[]): DyadAgreement {
  const units: Record<ScoreKey, number[][]> = { intended: [], displayed: [], perceived: [] };
  let scoredByTwoOrMore = 0;
  for (const signal of signals) {
    const scores = signal.scores;
    if (!scores || scores.length < 2) continue;
    scoredByTwoOrMore++;
    for (const key of SCORE_KEYS) {
      const values = valuesOf(scores, key);
      if (values.length >= 2) units[key].push(values);
    }
  }
  const agreement = (key: ScoreKey): ScoreAgreement => ({
    signals: units[key].length,
    alpha: units[key].length >= MIN_AGREEMENT_SIGNALS ? intervalAlpha(units[key]) : null,
  });
  return {
    scoredByTwoOrMore,
    intended: agreement('intended'),
    displayed: agreement('displayed'),
    perceived: agreement('perceived'),
  };
}

/**
 * The signals the team disagrees on most: the largest spread first, then in
 * dyad order (date, then the order logged). A signal its analysts scored alike
 * (spread 0) is no disagreement and is left out.
 */
export function mostDisputed(signals: readonly Signal[], count = 10): { signal: Signal; spread: number }[] {
  const disputed: { signal: Signal; spread: number }[] = [];
  for (const signal of signals) {
    const spread = largestSpread(signal);
    if (spread !== null && spread > 0) disputed.push({ signal, spread });
  }
  disputed.sort((a, b) => b.spread - a.spread || compareSignals(a.signal, b.signal));
  return disputed.slice(0, count);
}

/** An alpha as the Agreement table shows it: two decimals (`0.87`, `1.00`, `-0.50`), `–` for none. */
export function formatAlpha(alpha: number | null): string {
  if (alpha === null || Number.isNaN(alpha)) return '–';
  // Halves round away from zero on both sides, as formatNumber does; −0.001 reads 0.00.
  const rounded = (Math.sign(alpha) * Math.round(Math.abs(alpha) * 100)) / 100;
  return (Object.is(rounded, -0) ? 0 : rounded).toFixed(2);
}
