/**
 * `Restore` in a signal's history (issue 9, item 6): brings back the version a
 * recorded change replaced, as a new change of its own, recorded in turn. The
 * signal's facts, or the current analyst's own assessment: another analyst's
 * scores are theirs to change.
 */
import { factsOf, type SignalFacts } from '../domain/consensus';
import type { Analyst, Assessment, Signal, Timestamp } from '../domain/types';
import { nextVersion } from '../domain/versions';
import { writer } from './analysts';
import { assessmentOf, putOwnAssessment, rewriteConsensus, scoringTables } from './assessments';
import { publish } from './changes';
import { db } from './database';
import { changedFields, recordRevisions, type Change } from './history';
import { now } from './ids';
import { checkReferences, MissingRecordError, StaleRecordError } from './signals';

/** The version cannot be brought back: why, as the end of a sentence (`Could not restore that version: …`). */
export class RestoreVersionError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RestoreVersionError';
  }
}

/**
 * Restores the version that the change `revisionId` replaced. `basedOn` is the
 * signal's `updatedAt` as the history showed it: refused when the signal
 * changed since (StaleRecordError), when it is gone, when the version is
 * another analyst's scores, or when it names an actor or red line that no
 * longer exists. Returns the signal as stored after.
 */
export async function restoreRevision(revisionId: string, basedOn?: Timestamp): Promise<Signal> {
  const { signal, added } = await db.transaction(
    'rw',
    [...scoringTables(), db.actors, db.redLines],
    async (): Promise<{ signal: Signal; added: Analyst | null }> => {
      const revision = await db.revisions.get(revisionId);
      if (!revision?.previous)
        throw new RestoreVersionError('that change has no earlier version to bring back');
      const existing = await db.signals.get(revision.signalId);
      if (!existing) throw new MissingRecordError('This signal');
      if (basedOn !== undefined && existing.updatedAt !== basedOn)
        throw new StaleRecordError('This signal', existing);
      const who = await writer();
      const stamp = now();
      const changes: Change<Signal | Assessment>[] = [];
      let facts: SignalFacts = factsOf(existing);
      if (revision.table === 'signals') {
        const previous = revision.previous as SignalFacts;
        await checkReferences(previous);
        const restored: SignalFacts = {
          ...factsOf(previous),
          id: existing.id,
          createdAt: existing.createdAt,
        };
        if (changedFields<object>(facts, restored).length > 0) {
          changes.push({
            table: 'signals',
            signalId: existing.id,
            recordId: existing.id,
            before: existing,
            after: restored as Signal,
            change: 'restore',
          });
          facts = restored;
        }
      } else {
        const previous = revision.previous as Assessment;
        if (previous.analystId !== who.id)
          throw new RestoreVersionError('those scores are another analyst’s, and only they can change them');
        const own = await assessmentOf(existing.id, who.id);
        const change = await putOwnAssessment(existing, who.id, previous, own?.updatedAt ?? null, stamp);
        if (change) changes.push({ ...change, change: 'restore' });
      }
      // A restore is a new version of the signal, as an edit through the form is
      // (of its facts or of the analyst's own scores): a backup of version 2,
      // which carries scores on the signal, then takes it to a colleague.
      if (changes.length > 0) facts = { ...facts, ...nextVersion(existing, stamp) };
      const signal = await rewriteConsensus(facts);
      await recordRevisions(changes as Change<Signal>[], who.id, stamp);
      return { signal, added: who.added };
    },
  );
  if (added) publish({ table: 'analysts', type: 'put', records: [added] });
  publish({ table: 'signals', type: 'put', records: [signal] });
  return signal;
}
