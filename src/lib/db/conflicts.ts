import { nameKey } from '../domain/names';
import { checkAnalystName } from '../domain/rules';
import type { Actor, Analyst, Assessment, RedLine, Signal } from '../domain/types';
import { joinVersions, type Conflict } from '../domain/merge';
import { assertNameFree } from './actors';
import { AnalystNameError } from './analysts';
import { rewriteConsensus } from './assessments';
import { publish } from './changes';
import { db } from './database';
import { changingAnalyst, revisionOf, type Change } from './history';
import { now } from './ids';
import { MissingRecordError } from './errors';

export class ChangedSinceError extends Error {
  constructor(name: string) {
    super(
      `“${name}” was changed here after the import; import the file again to compare the new version with the file's`,
    );
    this.name = 'ChangedSinceError';
  }
}

const WHAT = {
  actors: 'This actor',
  redLines: 'This red line',
  signals: 'This signal',
  analysts: 'This analyst',
  assessments: 'This assessment',
} as const;

type Settled = Actor | RedLine | Signal | Analyst | Assessment;

/**
 * Settles a conflict with the analyst's choice: `mine` keeps the local
 * content, `theirs` takes the file's. Either way the record is written as a
 * new version that descends from both (see `joinVersions`), so the other side's
 * next merge of this database's backup takes the choice instead of meeting
 * the conflict again. Nothing is written when the local record changed since
 * the import showed it, or when taking the file's would give two actors (or
 * analysts) one name or point at a record that no longer exists. A signal
 * keeps its consensus (the file's version is facts only); an assessment
 * rewrites its signal's consensus in the same transaction. Taking the file's
 * signal or assessment is recorded in the history as the import's change,
 * as `importData` records the changes it makes.
 */
export async function settleConflict(conflict: Conflict, keep: 'mine' | 'theirs'): Promise<Settled> {
  const { table, local, incoming } = conflict;
  const store = db.table<Settled, string>(table);
  const tables = [db.actors, db.redLines, db.signals, db.analysts, db.assessments, db.revisions, db.meta];
  let signal: Signal | null = null;
  const settled = await db.transaction('rw', tables, async () => {
    const current = await store.get(local.id);
    if (!current) throw new MissingRecordError(WHAT[table]);
    if (Date.parse(current.updatedAt) !== Date.parse(local.updatedAt))
      throw new ChangedSinceError(conflict.name);
    const content = keep === 'mine' ? current : { ...current, ...incoming };
    if (keep === 'theirs') await assertReferencesHold(conflict);
    const at = now();
    const next = {
      ...content,
      id: current.id,
      createdAt: current.createdAt,
      ...joinVersions(current, incoming, at),
    } as Settled;
    await store.put(next);
    if (table === 'assessments') signal = await recompute(next as Assessment);
    if (table === 'signals' || table === 'assessments') await recordSettled(table, current, next, at);
    return next;
  });
  // Views read an assessment through its signal's consensus; an analyst's name, everywhere.
  if (table === 'analysts') publish({ type: 'reload' });
  else if (signal) publish({ table: 'signals', type: 'put', records: [signal] });
  else publish({ table, type: 'put', records: [settled] } as Parameters<typeof publish>[0]);
  return settled;
}

/**
 * Inside the caller's transaction: the history of a settled signal or
 * assessment, when the choice changed what it holds (keeping one's own
 * version changes only its stamps). An assessment's change is its own
 * analyst's, a signal's the importing analyst's, as in `importData`.
 */
async function recordSettled(
  table: 'signals' | 'assessments',
  before: Settled,
  after: Settled,
  at: string,
): Promise<void> {
  const signalId = table === 'signals' ? before.id : (before as Assessment).signalId;
  const who = table === 'signals' ? await changingAnalyst() : (before as Assessment).analystId;
  const change = { table, signalId, recordId: before.id, before, after, origin: 'import' as const };
  const revision = revisionOf(change as Change<Signal>, who, at);
  if (revision.fields.length > 0) await db.revisions.add(revision);
}

/** The consensus of an assessment's signal, from its assessments as they now are; its facts and stamp unchanged. */
async function recompute(assessment: Assessment): Promise<Signal> {
  const signal = await db.signals.get(assessment.signalId);
  if (!signal) throw new MissingRecordError('The signal this assessment scores');
  return rewriteConsensus(signal);
}

async function assertReferencesHold(conflict: Conflict): Promise<void> {
  if (conflict.table === 'actors') return assertNameFree(conflict.incoming.name, conflict.incoming.id);
  if (conflict.table === 'assessments') return;
  if (conflict.table === 'analysts') {
    const others = (await db.analysts.toArray()).filter((a) => a.id !== conflict.incoming.id);
    const byKey = new Map(others.map((a) => [nameKey(a.name), a.name]));
    const checked = checkAnalystName(conflict.incoming.name, (key) => byKey.get(key));
    if (!checked.ok) throw new AnalystNameError(checked.message);
    return;
  }
  const ids =
    conflict.table === 'redLines'
      ? [conflict.incoming.actorId, conflict.incoming.targetId]
      : [conflict.incoming.senderId, conflict.incoming.receiverId];
  const actors = await db.actors.bulkGet(ids);
  if (actors.some((a) => !a)) throw new MissingRecordError("An actor the file's version names");
  if (conflict.table === 'signals' && conflict.incoming.redLineId) {
    if (!(await db.redLines.get(conflict.incoming.redLineId)))
      throw new MissingRecordError("The red line the file's version crosses");
  }
}
