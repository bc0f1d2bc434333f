import type { Reading, Signal } from './types';

/** Gap = perceived − intended, from −100 to 100. */
export function gapOf(signal: Pick<Signal, 'intended' | 'perceived'>): number {
  return signal.perceived - signal.intended;
}

/**
 * How the receiver read the sender, given the accuracy band τ:
 * within ±τ accurate; below it the receiver thinks the sender softer than it is.
 */
export function readingOf(gap: number, tau: number): Reading {
  if (gap < -tau) return 'underestimated';
  if (gap > tau) return 'overestimated';
  return 'accurate';
}

/** A gap as a signed whole number: `+12`, `-30`, `0` (ASCII minus, so it reads back as a number). */
export function formatGap(gap: number): string {
  const rounded = Math.round(gap);
  if (rounded > 0) return `+${rounded}`;
  if (rounded < 0) return String(rounded);
  return '0';
}

/** Confidence weights for the rolling gap: low 1, moderate 2, high 3. */
export const CONFIDENCE_WEIGHT = { low: 1, moderate: 2, high: 3 } as const;
