import { formatNumber, roundShown } from './format';

/**
 * The resolve ladder (PRODUCT.md §2): every score from 0 to 100 has a meaning,
 * so that two analysts score alike.
 */
export interface Rung {
  score: number;
  name: string;
  meaning: string;
}

export const LADDER: readonly Rung[] = [
  { score: 0, name: 'none', meaning: 'concede; no commitment' },
  { score: 20, name: 'words', meaning: 'statements, protests, disapproval' },
  { score: 40, name: 'coercion', meaning: 'sanctions, explicit threats' },
  { score: 60, name: 'display of force', meaning: 'deployments, alerts, shows of force' },
  { score: 80, name: 'limited force', meaning: 'strikes, targeted killings' },
  { score: 100, name: 'war', meaning: 'accept a major war' },
];

/** The highest anchor at or below a score: 55 sits on `coercion`, short of `display of force`. */
export function rungFor(score: number): Rung {
  let found = LADDER[0];
  for (const rung of LADDER) if (rung.score <= score) found = rung;
  return found;
}

/**
 * `55 · coercion+` — the score with the rung it stands on, `+` when between
 * anchors. A consensus (a mean of several analysts' scores) is shown to one
 * decimal, and its rung is read on the value shown: 39.97 reads `40 · coercion`.
 */
export function describeScore(score: number): string {
  const shown = roundShown(score);
  const rung = rungFor(shown);
  return `${formatNumber(shown)} · ${rung.name}${shown > rung.score ? '+' : ''}`;
}
