/**
 * Each analyst's scores of a signal, as its record carries them (`Signal.scores`):
 * how many scored it, how far apart they lie, and one analyst's view of a dyad.
 * Kept apart from the agreement measures (agreement.ts), which only the Compare
 * view loads: the Dashboard and the Signals table need these few lines alone.
 */
import { CONFIDENCE_WEIGHT } from './gap';
import type { Score, Signal } from './types';

/** The three scores an analyst gives a signal, in the order the views list them. */
export const SCORE_KEYS = ['intended', 'displayed', 'perceived'] as const;
export type ScoreKey = (typeof SCORE_KEYS)[number];

/** How many analysts scored the signal. */
export function analystCount(signal: Pick<Signal, 'scores'>): number {
  return signal.scores?.length ?? 0;
}

/** The analysts' values of one score of a signal; a displayed resolve left out (null) is no value. */
export function valuesOf(scores: readonly Score[], key: ScoreKey): number[] {
  const values: number[] = [];
  for (const score of scores) {
    const value = score[key];
    if (value !== null) values.push(value);
  }
  return values;
}

/** The smallest and largest of one score over a signal's analysts; null under two values. */
export function rangeOf(signal: Pick<Signal, 'scores'>, key: ScoreKey): { low: number; high: number } | null {
  const values = valuesOf(signal.scores ?? [], key);
  return values.length >= 2 ? { low: Math.min(...values), high: Math.max(...values) } : null;
}

export type Spread = Record<ScoreKey, number | null>;

/** Largest minus smallest of each score over the analysts who gave it; null under two values. */
export function spreadOf(signal: Pick<Signal, 'scores'>): Spread {
  const spread: Spread = { intended: null, displayed: null, perceived: null };
  for (const key of SCORE_KEYS) {
    const range = rangeOf(signal, key);
    if (range) spread[key] = range.high - range.low;
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
