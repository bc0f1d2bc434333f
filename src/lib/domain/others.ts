/**
 * Other analysts' scores of a signal, as its form shows them beside the
 * analyst's own (PRODUCT.md §2, issue 9): who scored it and how, or, under
 * blind scoring, only that they did, until this analyst has saved their own.
 */
import { nameKey } from './names';
import type { Analyst, Assessment } from './types';

export interface OtherScore {
  assessmentId: string;
  analystId: string;
  /** The analyst's name, or a sentence when the analyst record is missing. */
  name: string;
  intended: number;
  displayed: number | null;
  perceived: number;
  confidence: Assessment['confidence'];
  rationale: string;
}

export type OthersView =
  /** Nobody else has scored the signal. */
  | { kind: 'none' }
  /** Blind scoring is on and this analyst has not saved their own scores: only how many. */
  | { kind: 'hidden'; count: number }
  | { kind: 'shown'; rows: OtherScore[] };

/** An analyst no record names (one deleted, or not yet arrived in a merge): still shown, never blank. */
export const UNKNOWN_ANALYST = 'An analyst not on this device';

/**
 * The other analysts' scores of one signal, by name (then id, so the order is
 * fixed), from its assessments. `me` is the current analyst's id, null before
 * they have a name; with `blind` on, the others stay hidden until `me` has an
 * assessment of the signal.
 */
export function othersView(
  assessments: readonly Assessment[],
  analystsById: ReadonlyMap<string, Analyst>,
  me: string | null,
  blind: boolean,
): OthersView {
  const others = assessments.filter((a) => a.analystId !== me);
  if (others.length === 0) return { kind: 'none' };
  const scoredByMe = me !== null && assessments.some((a) => a.analystId === me);
  if (blind && !scoredByMe) return { kind: 'hidden', count: others.length };
  const rows = others.map((a): OtherScore => ({
    assessmentId: a.id,
    analystId: a.analystId,
    name: analystsById.get(a.analystId)?.name ?? UNKNOWN_ANALYST,
    intended: a.intended,
    displayed: a.displayed,
    perceived: a.perceived,
    confidence: a.confidence,
    rationale: a.rationale,
  }));
  rows.sort((a, b) => {
    const [ka, kb] = [nameKey(a.name), nameKey(b.name)];
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.analystId < b.analystId ? -1 : a.analystId > b.analystId ? 1 : 0;
  });
  return { kind: 'shown', rows };
}

/** The sentence the form shows instead of the others' scores. */
export function othersSentence(view: Exclude<OthersView, { kind: 'shown' }>): string {
  if (view.kind === 'none') return 'No other analyst has scored this signal yet.';
  const who = view.count === 1 ? 'One other analyst has' : `${view.count} other analysts have`;
  return `${who} scored this signal. Blind scoring is on: their scores show here once you have saved your own.`;
}
