import type { RedLine, Signal } from './types';

/**
 * The first reference among these records that points at nothing: a red line
 * drawn by or against an actor not in `actorIds`, a signal whose sender,
 * receiver or red line is missing. Null when every reference holds. Said as a
 * phrase for a sentence ("signal “X” names a sender that no longer exists").
 */
export function danglingReference(
  records: {
    redLines: readonly RedLine[];
    signals: readonly Pick<Signal, 'title' | 'senderId' | 'receiverId' | 'redLineId'>[];
  },
  actorIds: ReadonlySet<string>,
  redLineIds: ReadonlySet<string>,
): string | null {
  for (const line of records.redLines) {
    if (!actorIds.has(line.actorId))
      return `red line “${line.text}” names an actor who drew it that no longer exists`;
    if (!actorIds.has(line.targetId))
      return `red line “${line.text}” names an actor it warns that no longer exists`;
  }
  for (const s of records.signals) {
    if (!actorIds.has(s.senderId)) return `signal “${s.title}” names a sender that no longer exists`;
    if (!actorIds.has(s.receiverId)) return `signal “${s.title}” names a receiver that no longer exists`;
    if (s.redLineId && !redLineIds.has(s.redLineId))
      return `signal “${s.title}” crosses a red line that no longer exists`;
  }
  return null;
}
