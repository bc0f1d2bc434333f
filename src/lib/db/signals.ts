import Dexie from 'dexie';
import { factsOf, type SignalFacts } from '../domain/consensus';
import type { Analyst, Assessment, AssessmentDraft, Signal, SignalDraft, Timestamp } from '../domain/types';
import { nextVersion } from '../domain/versions';
import { writer } from './analysts';
import {
  assessmentOf,
  assessmentsOf,
  putOwnAssessment,
  rewriteConsensus,
  scoringTables,
} from './assessments';
import { publish } from './changes';
import { db } from './database';
import { MissingRecordError, MissingReferenceError, StaleRecordError } from './errors';
import { changedFields, recordRevisions, type Change } from './history';
import { newId, now } from './ids';

// The reads and the refusals live apart (the first page loads them without the writes); callers find them here too.
export * from './signal-reads';
export { MissingRecordError, MissingReferenceError, StaleRecordError } from './errors';

/**
 * Checks, inside the caller's transaction (which must include the actors and
 * red lines), that every record a signal names exists: its sender, its
 * receiver, and its red line with both of that line's actors.
 */
export async function checkReferences(
  draft: Pick<Signal, 'senderId' | 'receiverId' | 'redLineId'>,
): Promise<void> {
  const [sender, receiver, redLine] = await Promise.all([
    db.actors.get(draft.senderId),
    db.actors.get(draft.receiverId),
    draft.redLineId ? db.redLines.get(draft.redLineId) : null,
  ]);
  if (!sender) throw new MissingReferenceError('The sender');
  if (!receiver) throw new MissingReferenceError('The receiver');
  if (redLine === undefined) throw new MissingReferenceError('The red line');
  if (redLine) {
    const drawnBy = await db.actors.bulkGet([redLine.actorId, redLine.targetId]);
    if (drawnBy.some((a) => !a)) throw new MissingReferenceError('An actor of the red line');
  }
}

/** A signal's facts as a form gives them: no id, no stamps, no consensus. */
export type FactsDraft = Omit<SignalFacts, 'id' | 'createdAt' | 'updatedAt' | 'ancestors'>;

/** A draft with scores on it (a caller from before assessments, a file row) or facts alone. */
type AnyDraft = SignalDraft | FactsDraft;

const hasScores = (draft: AnyDraft): draft is SignalDraft =>
  typeof (draft as Partial<SignalDraft>).intended === 'number';

/**
 * The analyst's own scores written on a draft: what a caller that hands a
 * whole signal draft means (its scores are its analyst's own).
 */
export function assessmentDraftOf(draft: SignalDraft & { rationale?: string }): AssessmentDraft {
  return {
    intended: draft.intended,
    displayed: draft.displayed ?? null,
    perceived: draft.perceived,
    confidence: draft.confidence,
    rationale: draft.rationale ?? '',
  };
}

/** The analyst's assessment of a new signal: given, or the scores on the draft. */
function ownDraft(draft: AnyDraft, assessment: AssessmentDraft | undefined): AssessmentDraft {
  if (assessment) return assessment;
  if (hasScores(draft)) return assessmentDraftOf(draft);
  throw new Error('a new signal needs its analyst’s assessment');
}

/** A new signal's facts from a draft: a fresh id, created and updated now. */
export function newFacts(draft: AnyDraft): SignalFacts {
  const stamp = now();
  return { ...factsOf(draft as Signal), id: newId(), createdAt: stamp, updatedAt: stamp };
}

/** A new signal record from a draft: a fresh id, created and updated now (its cache as the draft has it). */
export function newSignal(draft: SignalDraft): Signal {
  const stamp = now();
  return { ...draft, id: newId(), createdAt: stamp, updatedAt: stamp };
}

/**
 * Inside the caller's transaction (`scoringTables` with actors and red lines):
 * writes a new signal with its analyst's assessment and the consensus of it,
 * and their history. Returns the signal and an analyst added for the write.
 */
export async function insertSignal(
  facts: SignalFacts,
  assessment: AssessmentDraft,
  analystId?: string,
): Promise<{ signal: Signal; added: Analyst | null }> {
  await checkReferences(facts);
  const who = await writer(analystId);
  const bare = factsOf(facts);
  const change = await putOwnAssessment(bare as Signal, who.id, assessment, undefined, facts.createdAt);
  const signal = await rewriteConsensus(bare);
  await recordRevisions(
    [{ table: 'signals', signalId: signal.id, recordId: signal.id, before: null, after: signal }, change!],
    who.id,
    facts.createdAt,
  );
  return { signal, added: who.added };
}

function announce(signal: Signal, added: Analyst | null): void {
  if (added) publish({ table: 'analysts', type: 'put', records: [added] });
  publish({ table: 'signals', type: 'put', records: [signal] });
}

/**
 * Adds a signal with its analyst's assessment, in one transaction: the
 * analyst given, else the current one (else "Unattributed"). A draft with
 * scores on it and no assessment: those scores are the analyst's.
 */
export async function addSignal(
  draft: AnyDraft,
  assessment?: AssessmentDraft,
  analystId?: string,
): Promise<Signal> {
  const facts = newFacts(draft);
  const own = ownDraft(draft, assessment);
  // An async scope: Dexie keeps the transaction open across its awaits only then.
  const { signal, added } = await db.transaction(
    'rw',
    [...scoringTables(), db.actors, db.redLines],
    async () => await insertSignal(facts, own, analystId),
  );
  announce(signal, added);
  return signal;
}

/** The analyst's own assessment in an edit, and its `updatedAt` when the form opened it (null: none). */
export interface OwnAssessment {
  draft: AssessmentDraft;
  /** Undefined skips the check: a caller with no form behind it. */
  basedOn?: Timestamp | null;
}

/**
 * Saves an edit of the signal whose version `basedOn` (its `updatedAt` when the
 * form opened) the analyst started from, with the analyst's own assessment, in
 * one transaction. Refused, with nothing written, when the signal is gone
 * (MissingRecordError), when it has changed since (StaleRecordError, holding
 * the current version), when the analyst's assessment has changed since
 * (StaleAssessmentError), or when it would name a record that no longer
 * exists (MissingReferenceError). The signal gets a new version when its
 * facts or the analyst's scores change; its consensus is rewritten from the
 * assessments.
 */
export async function updateSignal(
  id: string,
  draft: AnyDraft,
  basedOn: Timestamp,
  own?: OwnAssessment,
  analystId?: string,
): Promise<Signal> {
  const mine = own ?? (hasScores(draft) ? { draft: assessmentDraftOf(draft) } : undefined);
  const { signal, added } = await db.transaction(
    'rw',
    [...scoringTables(), db.actors, db.redLines],
    async () => {
      const existing = await db.signals.get(id);
      if (!existing) throw new MissingRecordError('This signal');
      if (existing.updatedAt !== basedOn) throw new StaleRecordError('This signal', existing);
      await checkReferences(draft);
      const who = await writer(analystId);
      const stamp = now();
      const before = factsOf(existing);
      let facts: SignalFacts = { ...before, ...factsOf(draft as Signal), id, createdAt: existing.createdAt };
      const changes: Change<Signal | Assessment>[] = [];
      const factsChanged = changedFields<object>(before, facts).length > 0;
      if (factsChanged)
        changes.push({
          table: 'signals',
          signalId: id,
          recordId: id,
          before: existing,
          after: facts as Signal,
        });
      else facts = before;
      const change = mine ? await putOwnAssessment(existing, who.id, mine.draft, mine.basedOn, stamp) : null;
      if (change) changes.push(change);
      // An edit through the form that changes the analyst's own scores is a new
      // version of the signal too, while a backup (version 2) carries scores on
      // the signal: otherwise a colleague's merge would never see the edit.
      // saveAssessment, the assessments' own path, leaves the version alone.
      if (factsChanged || change) facts = { ...facts, ...nextVersion(existing, stamp) };
      const signal = await rewriteConsensus(facts);
      await recordRevisions(changes as Change<Signal>[], who.id, stamp);
      return { signal, added: who.added };
    },
  );
  announce(signal, added);
  return signal;
}

/**
 * Inside the caller's transaction: the assessments a signal had when it was
 * last deleted, as that deletion's history kept them (they went with it).
 */
async function assessmentsAtDeletion(signalId: string): Promise<Assessment[]> {
  const history = await db.revisions
    .where('[signalId+at]')
    .between([signalId, Dexie.minKey], [signalId, Dexie.maxKey])
    .toArray();
  const deletion = history.findLast((r) => r.table === 'signals' && r.change === 'delete');
  if (!deletion) return [];
  return history
    .filter((r) => r.table === 'assessments' && r.change === 'delete' && r.at === deletion.at && r.previous)
    .map((r) => r.previous as Assessment);
}

/**
 * Inside the caller's transaction: a deleted signal's return, as its history
 * records it (its facts, restored) with the assessments it had, put back.
 */
async function cameBack(facts: SignalFacts): Promise<Change<Signal | Assessment>[]> {
  return [
    {
      table: 'signals',
      signalId: facts.id,
      recordId: facts.id,
      before: null,
      after: facts as Signal,
      change: 'restore',
    },
    ...(await bringBackAssessments(facts.id)),
  ];
}

/**
 * Inside the caller's transaction: puts back the assessments a deleted signal
 * had (those whose analyst still exists and that no other record replaced),
 * with their history. Returns the history's changes.
 */
async function bringBackAssessments(signalId: string): Promise<Change<Assessment>[]> {
  const changes: Change<Assessment>[] = [];
  for (const a of await assessmentsAtDeletion(signalId)) {
    if (!(await db.analysts.get(a.analystId))) continue;
    if (await assessmentOf(signalId, a.analystId)) continue;
    await db.assessments.put(a);
    changes.push({
      table: 'assessments',
      signalId,
      recordId: a.id,
      before: null,
      after: a,
      change: 'restore',
    });
  }
  return changes;
}

/**
 * Puts back, as a new version, a signal that was deleted while the analyst
 * edited it: the same id, the analyst's edit, its assessments as they were
 * with the analyst's own as edited. Refused when a version of it is stored
 * again meanwhile (StaleRecordError, holding it).
 */
export async function recreateSignal(
  opened: Signal,
  draft: AnyDraft,
  own?: OwnAssessment,
  analystId?: string,
): Promise<Signal> {
  const mine = own?.draft ?? (hasScores(draft) ? assessmentDraftOf(draft) : undefined);
  const { signal, added } = await db.transaction(
    'rw',
    [...scoringTables(), db.actors, db.redLines, db.deletions],
    async () => {
      const existing = await db.signals.get(opened.id);
      if (existing) throw new StaleRecordError('This signal', existing);
      await checkReferences(draft);
      const who = await writer(analystId);
      const facts: SignalFacts = {
        ...factsOf(opened),
        ...factsOf(draft as Signal),
        id: opened.id,
        createdAt: opened.createdAt,
        ...(await undelete(opened)),
      };
      const changes = await cameBack(facts);
      if (mine) {
        const change = await putOwnAssessment(facts as Signal, who.id, mine, undefined, facts.updatedAt);
        if (change) changes.push(change);
      }
      const signal = await rewriteConsensus(facts);
      await recordRevisions(changes as Change<Signal>[], who.id, facts.updatedAt);
      return { signal, added: who.added };
    },
  );
  announce(signal, added);
  return signal;
}

/**
 * Inside the caller's transaction, for a signal coming back after a delete:
 * removes its deletion record and returns the stamp of its new version, edited
 * from `previous` and later than the deletion, so no deletion held anywhere
 * outranks it.
 */
async function undelete(previous: Signal): Promise<{ updatedAt: Timestamp; ancestors: Timestamp[] }> {
  const key: [string, string] = ['signals', previous.id];
  const deletion = await db.deletions.get(key);
  await db.deletions.delete(key);
  const stamp = nextVersion(previous, now());
  if (deletion && Date.parse(deletion.deletedAt) >= Date.parse(stamp.updatedAt))
    stamp.updatedAt = nextVersion({ updatedAt: deletion.deletedAt }, now()).updatedAt;
  return stamp;
}

/**
 * Deletes a signal with its assessments, in one transaction, leaving one
 * deletion record (for the signal) and the history of both, from which an
 * undo brings them back. `analystId`: who deletes (else the current analyst).
 */
export async function deleteSignal(id: string, analystId?: string): Promise<Signal> {
  const { removed, added } = await db.transaction('rw', [...scoringTables(), db.deletions], async () => {
    const existing = await db.signals.get(id);
    if (!existing) throw new MissingRecordError('This signal');
    const who = await writer(analystId);
    const assessments = await assessmentsOf(id);
    await db.assessments.bulkDelete(assessments.map((a) => a.id));
    await db.signals.delete(id);
    // A deletion record, in this transaction (PRODUCT.md §6); never stamped
    // earlier than the version it deletes, for the reason nextVersion gives.
    const deletedAt = nextVersion(existing, now()).updatedAt;
    await db.deletions.put({ table: 'signals', id, deletedAt });
    await recordRevisions(
      [
        { table: 'signals', signalId: id, recordId: id, before: existing, after: null },
        ...assessments.map((a): Change<Assessment> => ({
          table: 'assessments',
          signalId: id,
          recordId: a.id,
          before: a,
          after: null,
        })),
      ] as Change<Signal>[],
      who.id,
      deletedAt,
    );
    return { removed: existing, added: who.added };
  });
  if (added) publish({ table: 'analysts', type: 'put', records: [added] });
  publish({ table: 'signals', type: 'delete', ids: [removed.id] });
  return removed;
}

/** A deleted signal could not be put back: a version of it arrived after the delete. */
export class RestoreRefusedError extends Error {
  constructor() {
    super(
      'a newer version of this signal arrived after it was deleted (from another tab, or an import), and it is kept as it is.',
    );
    this.name = 'RestoreRefusedError';
  }
}

/**
 * Puts a deleted signal back (undo), unless the database holds a version of it
 * again (another tab's, an import's): the stale copy from before the delete
 * never overwrites it. Its actors and red line must still exist. Its content
 * comes back as it was, stamped as a version newer than its deletion, whose
 * record goes: once the deletion has travelled in a backup, a colleague's next
 * merge then takes the signal back.
 */
export async function restoreSignal(signal: Signal, analystId?: string): Promise<Signal> {
  const { restored, added } = await db.transaction(
    'rw',
    [...scoringTables(), db.actors, db.redLines, db.deletions],
    async () => {
      if (await db.signals.get(signal.id)) throw new RestoreRefusedError();
      await checkReferences(signal);
      const who = await writer(analystId);
      const facts: SignalFacts = { ...factsOf(signal), ...(await undelete(signal)) };
      const changes = await cameBack(facts);
      // Deleted before its history was kept: its scores come back as the writer's.
      if (changes.length === 1) {
        const change = await putOwnAssessment(
          facts as Signal,
          who.id,
          assessmentDraftOf(signal),
          undefined,
          facts.updatedAt,
        );
        if (change) changes.push(change);
      }
      const restored = await rewriteConsensus(facts);
      await recordRevisions(changes as Change<Signal>[], who.id, facts.updatedAt);
      return { restored, added: who.added };
    },
  );
  announce(restored, added);
  return restored;
}
