import type { Kind, Reading, Signal } from './types';

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

/**
 * A signal's confidence weight (PRODUCT.md §3): the consensus weight when the
 * record carries one (the mean of its assessments' weights, fractional), else
 * its confidence's. Compared rather than looked up in CONFIDENCE_WEIGHT:
 * strings read from IndexedDB are not interned, and a property lookup by such a
 * string costs a hash each time, 100,000 times a pass.
 */
export function signalWeight(s: Pick<Signal, 'confidence' | 'weight'>): number {
  const w = s.weight;
  if (w !== undefined && w !== null) return w;
  const c = s.confidence;
  return c === 'high'
    ? CONFIDENCE_WEIGHT.high
    : c === 'moderate'
      ? CONFIDENCE_WEIGHT.moderate
      : CONFIDENCE_WEIGHT.low;
}

/** A signal's displayed resolve, or null when no assessment gives one. */
export function displayedOf(s: Pick<Signal, 'displayed'>): number | null {
  const d = s.displayed;
  return d === undefined || d === null ? null : d;
}

/** Signalling gap = displayed − intended: below zero the sender showed less than it meant. Null without a displayed resolve. */
export function signallingGapOf(s: Pick<Signal, 'intended' | 'displayed'>): number | null {
  const d = displayedOf(s);
  return d === null ? null : d - s.intended;
}

/** Reading gap = perceived − displayed: below zero the receiver read less than was shown. Null without a displayed resolve. */
export function readingGapOf(s: Pick<Signal, 'perceived' | 'displayed'>): number | null {
  const d = displayedOf(s);
  return d === null ? null : s.perceived - d;
}

/** Words and deeds (PRODUCT.md §2); `other` is neither. */
export const WORD_KINDS: readonly Kind[] = ['statement', 'threat', 'diplomacy'];
export const DEED_KINDS: readonly Kind[] = ['restraint', 'deployment', 'sanction', 'force'];

export type KindClass = 'word' | 'deed' | null;

export function kindClassOf(kind: Kind): KindClass {
  return WORD_KINDS.includes(kind) ? 'word' : DEED_KINDS.includes(kind) ? 'deed' : null;
}
