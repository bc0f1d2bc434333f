/**
 * Assessments (PRODUCT.md §2): one analyst's scores of one signal, at most one
 * per analyst and signal. Every write of an assessment rewrites its signal's
 * consensus cache (`consensus.ts`) in the same transaction, and never the
 * signal's `updatedAt`: the signal's facts did not change. Only this module
 * writes the cache.
 */
import Dexie from 'dexie';
import { consensus, factsOf, withConsensus, type SignalFacts } from '../domain/consensus';
import { checkAssessmentFields } from '../domain/rules';
import type { Analyst, Assessment, AssessmentDraft, Signal, Timestamp } from '../domain/types';
import { nextVersion } from '../domain/versions';
import { writer } from './analysts';
import { publish } from './changes';
import { db } from './database';
import { changedFields, recordRevisions, type Change } from './history';
import { newId, now } from './ids';
import { MissingRecordError, MissingReferenceError } from './errors';

/** The tables a write of scores touches: the signal (its cache), its assessments, who, and the history. */
export const scoringTables = () => [db.signals, db.assessments, db.analysts, db.revisions, db.meta];

/** An analyst scores a signal once: a second assessment by the same analyst is refused. */
export class DuplicateAssessmentError extends Error {
  constructor() {
    super('This analyst has already scored this signal: edit that assessment instead. Nothing was written.');
    this.name = 'DuplicateAssessmentError';
  }
}

/** A signal keeps at least one assessment: its consensus is their mean. */
export class LastAssessmentError extends Error {
  constructor() {
    super('This is the only assessment of the signal: delete the signal instead. Nothing was written.');
    this.name = 'LastAssessmentError';
  }
}

/** An assessment's values broke a rule (a displayed score of 101): which field, and how. */
export class InvalidAssessmentError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(`The assessment was refused: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`);
    this.name = 'InvalidAssessmentError';
  }
}

/**
 * The analyst's own assessment changed after the form opened it (another tab
 * saved it): nothing is written. Holds the stored assessment and the signal as
 * stored, for the analyst to compare.
 */
export class StaleAssessmentError extends Error {
  constructor(
    readonly current: Assessment,
    readonly signal: Signal,
  ) {
    super(
      'Your assessment of this signal was changed elsewhere (in another tab, or by an import) after you opened it. Nothing was written.',
    );
    this.name = 'StaleAssessmentError';
  }
}

/** A signal's assessments: a prefix range of the [signalId+analystId] index. */
export function assessmentsOf(signalId: string): Promise<Assessment[]> {
  return db.assessments
    .where('[signalId+analystId]')
    .between([signalId, Dexie.minKey], [signalId, Dexie.maxKey])
    .toArray();
}

/** One analyst's assessment of one signal, if any. */
export function assessmentOf(signalId: string, analystId: string): Promise<Assessment | undefined> {
  return db.assessments.where('[signalId+analystId]').equals([signalId, analystId]).first();
}

/** The draft's values checked by the one rule set; refused with every bad field named. */
function checked(draft: AssessmentDraft): AssessmentDraft {
  const problems: { field: string; message: string }[] = [];
  const values = checkAssessmentFields(draft, (field, message) => problems.push({ field, message }));
  if (!values) throw new InvalidAssessmentError(problems);
  return values;
}

/**
 * Inside the caller's transaction: writes the signal's facts with the
 * consensus of its assessments as the table holds them now. The facts' stamps
 * are kept as given: rewriting the cache is not a change of the signal.
 */
export async function rewriteConsensus(facts: SignalFacts): Promise<Signal> {
  const cache = consensus(await assessmentsOf(facts.id));
  if (!cache) throw new LastAssessmentError();
  const signal = withConsensus(factsOf(facts), cache);
  await db.signals.put(signal);
  return signal;
}

/**
 * Inside the caller's transaction (`scoringTables`): sets the analyst's own
 * assessment of the signal to `draft`. `basedOn` is the assessment's
 * `updatedAt` when the form opened it (null: it had none), checked against
 * the stored one (an assessment saved meanwhile refuses the write); undefined
 * skips the check (a write with no form behind it).
 * Returns the change for the history (none when nothing changed). The caller
 * rewrites the consensus.
 */
export async function putOwnAssessment(
  signal: Signal,
  analystId: string,
  draft: AssessmentDraft,
  basedOn: Timestamp | null | undefined,
  stamp: Timestamp,
): Promise<Change<Assessment> | null> {
  const values = checked(draft);
  const existing = await assessmentOf(signal.id, analystId);
  // One deleted since the form opened leaves nothing of anyone's to overwrite: the edit creates it again.
  if (basedOn !== undefined && existing && existing.updatedAt !== basedOn)
    throw new StaleAssessmentError(existing, signal);
  if (existing) {
    const next: Assessment = { ...existing, ...values };
    if (changedFields<object>(existing, next).length === 0) return null;
    Object.assign(next, nextVersion(existing, stamp));
    await db.assessments.put(next);
    return { table: 'assessments', signalId: signal.id, recordId: next.id, before: existing, after: next };
  }
  const created: Assessment = {
    id: newId(),
    signalId: signal.id,
    analystId,
    ...values,
    createdAt: stamp,
    updatedAt: stamp,
  };
  await db.assessments.add(created);
  return { table: 'assessments', signalId: signal.id, recordId: created.id, before: null, after: created };
}

function announce(signal: Signal, added: Analyst | null): void {
  if (added) publish({ table: 'analysts', type: 'put', records: [added] });
  publish({ table: 'signals', type: 'put', records: [signal] });
}

/**
 * Saves an analyst's assessment of a signal (the current analyst's, unless
 * `analystId` names one), with the stale check of `putOwnAssessment`, and
 * rewrites the signal's consensus in the same transaction. The signal's
 * `updatedAt` stays. Refused, with nothing written, for a missing signal or
 * analyst, or values that break a rule.
 */
export async function saveAssessment(
  signalId: string,
  draft: AssessmentDraft,
  basedOn: Timestamp | null | undefined,
  analystId?: string,
): Promise<{ signal: Signal; assessment: Assessment }> {
  const result = await db.transaction('rw', scoringTables(), async () => {
    const signal = await db.signals.get(signalId);
    if (!signal) throw new MissingRecordError('This signal');
    const who = await writer(analystId);
    const stamp = now();
    const change = await putOwnAssessment(signal, who.id, draft, basedOn, stamp);
    const next = await rewriteConsensus(signal);
    if (change) await recordRevisions([change], who.id, stamp);
    const assessment = change?.after ?? (await assessmentOf(signalId, who.id))!;
    return { signal: next, assessment, added: who.added };
  });
  announce(result.signal, result.added);
  return { signal: result.signal, assessment: result.assessment };
}

/**
 * Adds a whole assessment record (an import, a data set), rewriting its
 * signal's consensus. Refused, with nothing written, when its signal or its
 * analyst is missing, when that analyst has already scored that signal, or
 * when a value breaks a rule. `by` is who made the change (its own analyst
 * unless given).
 */
export async function addAssessment(record: Assessment, by?: string): Promise<Signal> {
  const signal = await db.transaction('rw', scoringTables(), async () => {
    const values = checked(record);
    const [signal, analyst] = await Promise.all([
      db.signals.get(record.signalId),
      db.analysts.get(record.analystId),
    ]);
    if (!signal) throw new MissingReferenceError('The signal this assessment scores');
    if (!analyst) throw new MissingReferenceError('The analyst of this assessment');
    if (await assessmentOf(record.signalId, record.analystId)) throw new DuplicateAssessmentError();
    const stored: Assessment = { ...record, ...values };
    await db.assessments.add(stored);
    const next = await rewriteConsensus(signal);
    await recordRevisions(
      [{ table: 'assessments', signalId: signal.id, recordId: stored.id, before: null, after: stored }],
      by ?? record.analystId,
      now(),
    );
    return next;
  });
  publish({ table: 'signals', type: 'put', records: [signal] });
  return signal;
}

/**
 * Deletes one assessment and rewrites its signal's consensus. Refused for the
 * last assessment of a signal (delete the signal instead). `by` is who deletes.
 */
export async function deleteAssessment(id: string, by?: string): Promise<Signal> {
  const result = await db.transaction('rw', scoringTables(), async () => {
    const existing = await db.assessments.get(id);
    if (!existing) throw new MissingRecordError('This assessment');
    const signal = await db.signals.get(existing.signalId);
    if (!signal) throw new MissingRecordError('This signal');
    const who = await writer(by);
    await db.assessments.delete(id);
    const next = await rewriteConsensus(signal);
    await recordRevisions(
      [{ table: 'assessments', signalId: signal.id, recordId: id, before: existing, after: null }],
      who.id,
      now(),
    );
    return { signal: next, added: who.added };
  });
  announce(result.signal, result.added);
  return result.signal;
}
