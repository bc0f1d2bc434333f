/**
 * The team's agreement (PRODUCT.md §3, Agreement): Krippendorff's alpha per dyad
 * and score, each signal's spread, and one analyst's view of a dyad. Pure
 * functions of the scores each signal record carries (`Signal.scores`).
 */
import { compareSignals } from './analytics';
import { CONFIDENCE_WEIGHT } from './gap';
import type { Score, Signal } from './types';

/** The three scores an analyst gives a signal, in the order the views list them. */
export const SCORE_KEYS = ['intended', 'displayed', 'perceived'] as const;
export type ScoreKey = (typeof SCORE_KEYS)[number];

/** Alpha over fewer signals than this is too few to say (PRODUCT.md §3). */
export const MIN_AGREEMENT_SIGNALS = 2;

/** How many analysts scored the signal. */
export function analystCount(signal: Pick<Signal, 'scores'>): number {
  return signal.scores?.length ?? 0;
}

/** The analysts' values of one score of a signal; a displayed resolve left out (null) is no value. */
function valuesOf(scores: readonly Score[], key: ScoreKey): number[] {
  const values: number[] = [];
  for (const score of scores) {
    const value = score[key];
    if (value !== null) values.push(value);
  }
  return values;
}

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

export type Spread = Record<ScoreKey, number | null>;

/** Largest minus smallest of each score over the analysts who gave it; null under two values. */
export function spreadOf(signal: Pick<Signal, 'scores'>): Spread {
  const spread: Spread = { intended: null, displayed: null, perceived: null };
  const scores = signal.scores ?? [];
  for (const key of SCORE_KEYS) {
    const values = valuesOf(scores, key);
    if (values.length >= 2) spread[key] = Math.max(...values) - Math.min(...values);
  }
  return spread;
}

/** The largest of a signal's three spreads: how far its analysts lie apart; null under two analysts. */
export function largestSpread(signal: Pick<Signal, 'scores'>): number | null {
  if (analystCount(signal) < 2) return null;
  const spread = spreadOf(signal);
  let largest: number | null = null;
  for (const key of SCORE_KEYS) {
    const value = spread[key];
    if (value !== null && (largest === null || value > largest)) largest = value;
  }
  return largest;
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

/**
 * A dyad's signals as one analyst scored them: each signal that analyst scored,
 * its consensus fields replaced by that analyst's own scores (the list of every
 * analyst's scores kept); the signals they did not score are left out. The order
 * of the input is kept, so a dyad-ordered list stays in dyad order.
 */
export function analystSeries(signals: readonly Signal[], analystId: string): Signal[] {
  const series: Signal[] = [];
  for (const signal of signals) {
    const own = signal.scores?.find((score) => score.analystId === analystId);
    if (!own) continue;
    series.push({
      ...signal,
      intended: own.intended,
      displayed: own.displayed,
      perceived: own.perceived,
      confidence: own.confidence,
      weight: CONFIDENCE_WEIGHT[own.confidence],
    });
  }
  return series;
}

/** The smallest and largest of one score over a signal's analysts; null under two values. */
export function rangeOf(signal: Pick<Signal, 'scores'>, key: ScoreKey): { low: number; high: number } | null {
  const values = valuesOf(signal.scores ?? [], key);
  return values.length >= 2 ? { low: Math.min(...values), high: Math.max(...values) } : null;
}
