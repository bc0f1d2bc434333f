/**
 * Deleting and merging actors and red lines: apart from actors.ts, which every
 * page needs, because only the Actors view deletes, so the first page does not
 * carry it.
 */
import type { Actor, RedLine, Signal, Timestamp } from '../domain/types';
import { nextVersion } from '../domain/versions';
import { publish } from './changes';
import { db } from './database';
import { now } from './ids';
import { MissingRecordError } from './errors';
import { changingAnalyst, recordRevisions } from './history';

/** What these writes touch besides actors, red lines and signals: who makes them, and the signals' history. */
const historyTables = () => [db.analysts, db.meta, db.revisions];

/**
 * Inside the caller's transaction: records each signal the write changed (a
 * sender, a receiver, a red line) as an edit by this browser's analyst
 * (`changingAnalyst`), with the fields that changed and the version before.
 */
async function recordEdits(
  before: readonly Signal[],
  after: readonly Signal[],
  at: Timestamp,
): Promise<void> {
  if (after.length === 0) return;
  const changes = after.map((s, i) => ({
    table: 'signals' as const,
    signalId: s.id,
    recordId: s.id,
    before: before[i],
    after: s,
  }));
  await recordRevisions(changes, await changingAnalyst(), at);
}

/** An actor that signals still name cannot be deleted: they would point at no one. */
export class ActorInUseError extends Error {
  constructor(name: string, count: number) {
    super(
      `“${name}” is the sender or receiver of ${count} ${count === 1 ? 'signal' : 'signals'}: merge it into another actor instead, which moves them.`,
    );
    this.name = 'ActorInUseError';
  }
}

/** A merge that would leave a signal or red line between an actor and itself. */
export class SelfMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelfMergeError';
  }
}

const touches = (id: string) => (s: { senderId: string; receiverId: string }) =>
  s.senderId === id || s.receiverId === id;
const linesOf = (id: string) => (r: RedLine) => r.actorId === id || r.targetId === id;

export interface DeletedActor {
  actor: Actor;
  /** The red lines it drew or was warned by, which went with it. */
  redLines: RedLine[];
  /** Signals that crossed one of those lines, now crossing none. */
  cleared: Signal[];
}

/**
 * Deletes an actor that no signal names, with the red lines it drew or was
 * warned by (they would name no one), in one transaction. Refused, writing
 * nothing, while a signal names it.
 */
export async function deleteActor(id: string): Promise<DeletedActor> {
  const tables = [db.actors, db.redLines, db.signals, ...historyTables()];
  const deleted = await db.transaction('rw', tables, async () => {
    const actor = await db.actors.get(id);
    if (!actor) throw new MissingRecordError('This actor');
    // No index answers "signals received by X"; a count over the table reads no row into the page.
    const used = await db.signals.filter(touches(id)).count();
    if (used > 0) throw new ActorInUseError(actor.name, used);
    const redLines = await db.redLines.filter(linesOf(id)).toArray();
    // Other actors' signals may have crossed those lines: they cross none now.
    const stamp = now();
    const crossing = redLines.length
      ? await db.signals
          .where('redLineId')
          .anyOf(redLines.map((r) => r.id))
          .toArray()
      : [];
    const cleared = crossing.map((s): Signal => ({ ...s, redLineId: null, ...nextVersion(s, stamp) }));
    await db.signals.bulkPut(cleared);
    await recordEdits(crossing, cleared, stamp);
    await db.redLines.bulkDelete(redLines.map((r) => r.id));
    await db.actors.delete(id);
    return { actor, redLines, cleared };
  });
  if (deleted.cleared.length) publish({ table: 'signals', type: 'put', records: deleted.cleared });
  if (deleted.redLines.length)
    publish({ table: 'redLines', type: 'delete', ids: deleted.redLines.map((r) => r.id) });
  publish({ table: 'actors', type: 'delete', ids: [deleted.actor.id] });
  return deleted;
}

export interface MergedActor {
  from: Actor;
  into: Actor;
  signals: Signal[];
  redLines: RedLine[];
}

/**
 * Merges one actor into another (two spellings of one actor, from two files):
 * its signals and red lines move to `intoId`, then it is deleted, all in one
 * transaction, so a failure leaves both actors as they were. Refused when a
 * signal or red line joins the two, since it would join an actor to itself.
 */
export async function mergeActor(fromId: string, intoId: string): Promise<MergedActor> {
  if (fromId === intoId) throw new SelfMergeError('An actor cannot be merged into itself.');
  const tables = [db.actors, db.redLines, db.signals, ...historyTables()];
  const merged = await db.transaction('rw', tables, async () => {
    const [from, into] = await Promise.all([db.actors.get(fromId), db.actors.get(intoId)]);
    if (!from) throw new MissingRecordError('The actor to merge');
    if (!into) throw new MissingRecordError('The actor to merge into');
    const signals = await db.signals.filter(touches(fromId)).toArray();
    const between = signals.filter(touches(intoId)).length;
    const lines = await db.redLines.filter(linesOf(fromId)).toArray();
    const linesBetween = lines.filter(linesOf(intoId)).length;
    if (between > 0 || linesBetween > 0) {
      const what = [
        between ? `${between} ${between === 1 ? 'signal' : 'signals'}` : '',
        linesBetween ? `${linesBetween} ${linesBetween === 1 ? 'red line' : 'red lines'}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      throw new SelfMergeError(
        `${what} join “${from.name}” and “${into.name}”: merged, they would join an actor to itself. Edit or delete them first.`,
      );
    }
    const stamp = now();
    const swap = (actorId: string) => (actorId === fromId ? intoId : actorId);
    const movedSignals = signals.map((s): Signal => ({
      ...s,
      senderId: swap(s.senderId),
      receiverId: swap(s.receiverId),
      ...nextVersion(s, stamp),
    }));
    const movedLines = lines.map((r): RedLine => ({
      ...r,
      actorId: swap(r.actorId),
      targetId: swap(r.targetId),
      ...nextVersion(r, stamp),
    }));
    await db.signals.bulkPut(movedSignals);
    await recordEdits(signals, movedSignals, stamp);
    await db.redLines.bulkPut(movedLines);
    await db.actors.delete(fromId);
    return { from, into, signals: movedSignals, redLines: movedLines };
  });
  if (merged.signals.length) publish({ table: 'signals', type: 'put', records: merged.signals });
  if (merged.redLines.length) publish({ table: 'redLines', type: 'put', records: merged.redLines });
  publish({ table: 'actors', type: 'delete', ids: [merged.from.id] });
  return merged;
}

export interface DeletedRedLine {
  redLine: RedLine;
  /** The signals that crossed it, as they are now: crossing no line. */
  cleared: Signal[];
}

/**
 * Deletes a red line and clears it from the signals that crossed it (read
 * through the redLineId index), in one transaction.
 */
export async function deleteRedLine(id: string): Promise<DeletedRedLine> {
  const deleted = await db.transaction('rw', [db.redLines, db.signals, ...historyTables()], async () => {
    const redLine = await db.redLines.get(id);
    if (!redLine) throw new MissingRecordError('This red line');
    const stamp = now();
    const crossing = await db.signals.where('redLineId').equals(id).toArray();
    const cleared = crossing.map((s): Signal => ({ ...s, redLineId: null, ...nextVersion(s, stamp) }));
    await db.signals.bulkPut(cleared);
    await recordEdits(crossing, cleared, stamp);
    await db.redLines.delete(id);
    return { redLine, cleared };
  });
  if (deleted.cleared.length) publish({ table: 'signals', type: 'put', records: deleted.cleared });
  publish({ table: 'redLines', type: 'delete', ids: [deleted.redLine.id] });
  return deleted;
}
