/**
 * What an accepted event puts into the signal form, and the actor a file
 * actor becomes when the analyst adds it as new.
 */
import { describeScore } from '../ladder';
import type { ActorDraft, SignalDraft } from '../types';
import { NAME_MAX, TITLE_MAX, suggestCode } from '../validate';
import type { CandidateEvent, EventOrigin } from './candidates';
import type { Dataset } from './formats';

export const DATASET_NAMES: Record<Dataset, string> = {
  gdelt: 'GDELT',
  icews: 'ICEWS',
  polecat: 'POLECAT',
  acled: 'ACLED',
  plover: 'PLOVER',
};

/** The signal form's starting values for an event. */
export function draftFromEvent(c: CandidateEvent): Partial<SignalDraft> {
  const title = c.what.length > TITLE_MAX ? `${c.what.slice(0, TITLE_MAX - 1)}…` : c.what;
  return {
    date: c.date,
    senderId: c.senderId,
    receiverId: c.receiverId,
    title,
    kind: c.kind,
    // What an event shows on its face is displayed resolve, not what its sender meant.
    ...(c.resolve === null ? {} : { displayed: c.resolve }),
    // The event's id travels with the signal as one of its sources.
    sources: [{ label: `${DATASET_NAMES[c.dataset]} event ${c.eventId}`, url: c.url }],
    notes: title === c.what ? '' : c.what,
  };
}

/** The event as the signal form's origin: saving the form accepts it. */
export function eventOrigin(c: CandidateEvent): EventOrigin {
  return { candidate: c, suggested: c.resolve, basis: suggestionBasis(c) };
}

/** Where a suggested resolve comes from, in words: `Goldstein −10 (GDELT)`. */
export function suggestionBasis(c: CandidateEvent): string {
  if (c.resolve === null) return '';
  const source =
    c.dataset === 'acled'
      ? `the ACLED event type “${c.code}”`
      : `${c.dataset === 'gdelt' ? 'Goldstein score' : 'intensity'} ${formatScore(c.score)} (${DATASET_NAMES[c.dataset]})`;
  return `${describeScore(c.resolve)}, from ${source}`;
}

/** A score as the table shows it, with a true minus sign; `–` when there is none. */
export function formatScore(score: number | null): string {
  if (score === null) return '–';
  return score < 0 ? `−${Math.abs(score)}` : String(score);
}

/** A file actor as a new Parallax actor: its name (GDELT's capitals made readable) and code. */
export function actorFromFile(key: string, name: string, color: string): ActorDraft {
  const readable =
    name === name.toUpperCase() ? name.toLowerCase().replace(/\b\p{L}/gu, (l) => l.toUpperCase()) : name;
  const code = key.length <= 12 && !/\s/.test(key) ? key : suggestCode(readable);
  return { name: readable.slice(0, NAME_MAX), code: code || key.slice(0, 12), color };
}
