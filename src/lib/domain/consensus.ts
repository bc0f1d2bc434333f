/**
 * A signal's consensus (PRODUCT.md §2, §3): the team's score of a signal is the
 * mean of its analysts' assessments, each analyst counted once. This is the one
 * function that derives it; the store keeps its result on the signal record (the
 * "consensus cache") so that a dyad's picture stays one read of its signals.
 *
 * Also the one place that says which fields of a signal are its facts (what
 * happened, as logged) and which are derived from assessments: the backup, the
 * merge's content comparison and the history all split a signal here.
 */
import { CONFIDENCE_WEIGHT } from './gap';
import { CONFIDENCES, type Confidence, type Score, type Signal } from './types';

/** The fields of a signal derived from its assessments, never typed by an analyst. */
export const CONSENSUS_FIELDS = [
  'intended',
  'perceived',
  'confidence',
  'displayed',
  'weight',
  'scores',
] as const satisfies readonly (keyof Signal)[];

export type ConsensusField = (typeof CONSENSUS_FIELDS)[number];

/** The consensus fields a signal of backup version 2 does not carry: derived from assessments alone. */
export const DERIVED_ONLY = ['displayed', 'weight', 'scores'] as const satisfies readonly ConsensusField[];

/** A signal's facts: the record without its consensus (what a backup of version 3 carries). */
export type SignalFacts = Omit<Signal, ConsensusField>;

/** The consensus of a signal's assessments, as its record caches it. */
export interface Consensus {
  intended: number;
  perceived: number;
  confidence: Confidence;
  displayed: number | null;
  weight: number;
  scores: Score[];
}

/** A signal's facts: a copy without the consensus fields. */
export function factsOf(signal: Signal | SignalFacts): SignalFacts {
  const facts = { ...signal } as Partial<Signal>;
  for (const field of CONSENSUS_FIELDS) delete facts[field];
  return facts as SignalFacts;
}

/** The score as the signal record carries it: the assessment's scores and whose they are. */
export function scoreOf(a: Score): Score {
  return {
    analystId: a.analystId,
    intended: a.intended,
    displayed: a.displayed,
    perceived: a.perceived,
    confidence: a.confidence,
  };
}

/**
 * The consensus of one signal's assessments (at most one per analyst), or null
 * when there are none: a signal nobody scored has no consensus.
 * - `intended`, `perceived`: the mean of the values, not rounded;
 * - `displayed`: the mean over the assessments that give one, else null;
 * - `weight`: the mean of the confidence weights (low 1, moderate 2, high 3);
 * - `confidence`: the level whose weight is nearest `weight`, a tie going to the lower;
 * - `scores`: one per assessment, sorted by analyst id (code unit order, the same in every locale).
 */
export function consensus(assessments: readonly Score[]): Consensus | null {
  const n = assessments.length;
  if (n === 0) return null;
  let intended = 0;
  let perceived = 0;
  let displayed = 0;
  let displayedCount = 0;
  let weights = 0;
  for (const a of assessments) {
    intended += a.intended;
    perceived += a.perceived;
    weights += CONFIDENCE_WEIGHT[a.confidence];
    if (a.displayed !== null && a.displayed !== undefined) {
      displayed += a.displayed;
      displayedCount++;
    }
  }
  // Nearest level by whole numbers (|sum − level·n|), so a tie such as 1.5 is
  // found exactly and goes to the lower level, the first one met.
  let confidence: Confidence = CONFIDENCES[0];
  let best = Infinity;
  for (const level of CONFIDENCES) {
    const distance = Math.abs(weights - CONFIDENCE_WEIGHT[level] * n);
    if (distance < best) {
      best = distance;
      confidence = level;
    }
  }
  const scores = assessments.map(scoreOf);
  scores.sort((a, b) => (a.analystId < b.analystId ? -1 : a.analystId > b.analystId ? 1 : 0));
  return {
    intended: intended / n,
    perceived: perceived / n,
    confidence,
    displayed: displayedCount === 0 ? null : displayed / displayedCount,
    weight: weights / n,
    scores,
  };
}

/** A signal record: its facts with the consensus of its assessments. */
export function withConsensus(facts: SignalFacts, cache: Consensus): Signal {
  return { ...facts, ...cache };
}
