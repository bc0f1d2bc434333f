import Dexie, { type IndexableType } from 'dexie';
import { compareSignals } from '../domain/analytics';
import { dayNumber, dayNumberToDate } from '../domain/dates';
import type { Signal, SignalDraft, Timestamp } from '../domain/types';
import { nextVersion } from '../domain/versions';
import { publish } from './changes';
import { db } from './database';
import { newId, now } from './ids';

export class MissingRecordError extends Error {
  constructor(what: string) {
    super(`${what} no longer exists: it may have been deleted in another tab.`);
    this.name = 'MissingRecordError';
  }
}

/**
 * How many date ranges a dyad is read in, all at once. IndexedDB hands the page
 * one range while it reads the next, so the page unpacks rows (its part of a
 * read) while the database reads more, instead of after: a 100,000-signal dyad
 * reads about 10% faster in 3 to 6 parts than in one (docs/PERFORMANCE.md).
 */
const READ_PARTS = 4;

/** A dyad's signals in order (date, then creation), read through the one compound index. */
export async function signalsOfDyad(senderId: string, receiverId: string): Promise<Signal[]> {
  const index = db.signals.where('[senderId+receiverId+date]');
  const between = (from: IndexableType, to: IndexableType, last: boolean) =>
    index.between([senderId, receiverId, from], [senderId, receiverId, to], true, last);
  const rows = await db.transaction('r', db.signals, async () => {
    const all = between(Dexie.minKey, Dexie.maxKey, true);
    const [first, last] = await Promise.all([all.first(), all.last()]);
    if (!first || !last) return [];
    // Equal spans of days; a dyad's signals bunch in crises, so the parts differ
    // in size, which costs nothing but some of the overlap.
    const start = dayNumber(first.date);
    const end = dayNumber(last.date) + 1;
    const bounds: IndexableType[] = [Dexie.minKey];
    for (let k = 1; k < READ_PARTS; k++)
      bounds.push(dayNumberToDate(Math.round(start + ((end - start) * k) / READ_PARTS)));
    bounds.push(Dexie.maxKey);
    const parts = await Promise.all(
      bounds.slice(1).map((to, k) => between(bounds[k], to, k === READ_PARTS - 1).toArray()),
    );
    return parts.flat();
  });
  // The index orders by date, then id; creation order breaks ties. Timsort makes
  // this linear on rows that are already date-sorted.
  return rows.sort(compareSignals);
}

/** The signals that cross a red line: read through the sparse redLineId index, never a scan. */
export function redLineCrossings(): Promise<Signal[]> {
  return db.signals.orderBy('redLineId').toArray();
}

export interface DyadCount {
  senderId: string;
  receiverId: string;
  count: number;
}

/**
 * Every dyad that holds signals, with its count: one range count per ordered
 * pair of actors on the compound index, in one read transaction, so no signal
 * row is read.
 */
export function dyadCounts(actorIds: readonly string[]): Promise<DyadCount[]> {
  return countsOfDyads(actorIds.flatMap((s) => actorIds.filter((r) => r !== s).map((r) => [s, r] as const)));
}

/** The count of each of these dyads that holds signals (an empty one is left out). */
export async function countsOfDyads(pairs: readonly (readonly [string, string])[]): Promise<DyadCount[]> {
  return db.transaction('r', db.signals, async () => {
    const counts = await Promise.all(
      pairs.map(([s, r]) =>
        db.signals
          .where('[senderId+receiverId+date]')
          .between([s, r, Dexie.minKey], [s, r, Dexie.maxKey])
          .count(),
      ),
    );
    return pairs
      .map(([senderId, receiverId], i) => ({ senderId, receiverId, count: counts[i] }))
      .filter((d) => d.count > 0);
  });
}

export function allSignals(): Promise<Signal[]> {
  return db.signals.toArray();
}

export function countSignals(): Promise<number> {
  return db.signals.count();
}

/**
 * The record changed after the analyst opened it (another tab saved it, or an
 * import brought a colleague's newer version): an edit made from the older
 * version would silently undo that change, so nothing is written. Carries the
 * version the database holds now, for the analyst to compare.
 */
export class StaleRecordError<T = Signal> extends Error {
  constructor(
    what: string,
    readonly current: T,
  ) {
    super(
      `${what} was changed elsewhere (in another tab, or by an import) after you opened it. Nothing was written.`,
    );
    this.name = 'StaleRecordError';
  }
}

/** A record names an actor or red line that no longer exists (deleted in another tab): nothing is written. */
export class MissingReferenceError extends Error {
  constructor(missing: string) {
    super(`${missing} no longer exists: it may have been deleted in another tab. Nothing was written.`);
    this.name = 'MissingReferenceError';
  }
}

/**
 * Checks, inside the caller's transaction (which must include the actors and
 * red lines), that every record a signal names exists: its sender, its
 * receiver, and its red line with both of that line's actors.
 */
export async function checkReferences(draft: SignalDraft): Promise<void> {
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

/** A new signal record from a draft: a fresh id, created and updated now. */
export function newSignal(draft: SignalDraft): Signal {
  const stamp = now();
  return { ...draft, id: newId(), createdAt: stamp, updatedAt: stamp };
}

export async function addSignal(draft: SignalDraft): Promise<Signal> {
  const signal = newSignal(draft);
  await db.transaction('rw', db.signals, db.actors, db.redLines, async () => {
    await checkReferences(signal);
    await db.signals.add(signal);
  });
  publish({ table: 'signals', type: 'put', records: [signal] });
  return signal;
}

/**
 * Saves an edit of the signal whose version `basedOn` (its `updatedAt` when the
 * form opened) the analyst started from. Refused, with nothing written, when the
 * signal is gone (MissingRecordError), when it has changed since
 * (StaleRecordError, holding the current version) or when it would name a
 * record that no longer exists (MissingReferenceError).
 */
export async function updateSignal(id: string, draft: SignalDraft, basedOn: Timestamp): Promise<Signal> {
  const signal = await db.transaction('rw', db.signals, db.actors, db.redLines, async () => {
    const existing = await db.signals.get(id);
    if (!existing) throw new MissingRecordError('This signal');
    if (existing.updatedAt !== basedOn) throw new StaleRecordError('This signal', existing);
    await checkReferences(draft);
    const next: Signal = {
      ...existing,
      ...draft,
      id,
      createdAt: existing.createdAt,
      ...nextVersion(existing, now()),
    };
    await db.signals.put(next);
    return next;
  });
  publish({ table: 'signals', type: 'put', records: [signal] });
  return signal;
}

/**
 * Puts back, as a new version, a signal that was deleted while the analyst
 * edited it: the same id, the analyst's edit. Refused when a version of it is
 * stored again meanwhile (StaleRecordError, holding it).
 */
export async function recreateSignal(opened: Signal, draft: SignalDraft): Promise<Signal> {
  const signal = await db.transaction('rw', [db.signals, db.actors, db.redLines, db.deletions], async () => {
    const existing = await db.signals.get(opened.id);
    if (existing) throw new StaleRecordError('This signal', existing);
    await checkReferences(draft);
    const next: Signal = {
      ...opened,
      ...draft,
      id: opened.id,
      createdAt: opened.createdAt,
      ...(await undelete(opened)),
    };
    await db.signals.add(next);
    return next;
  });
  publish({ table: 'signals', type: 'put', records: [signal] });
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

export async function deleteSignal(id: string): Promise<Signal> {
  const removed = await db.transaction('rw', db.signals, db.deletions, async () => {
    const existing = await db.signals.get(id);
    if (!existing) throw new MissingRecordError('This signal');
    await db.signals.delete(id);
    // A deletion record, in this transaction (PRODUCT.md §6); never stamped
    // earlier than the version it deletes, for the reason nextVersion gives.
    await db.deletions.put({ table: 'signals', id, deletedAt: nextVersion(existing, now()).updatedAt });
    return existing;
  });
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
export async function restoreSignal(signal: Signal): Promise<Signal> {
  const restored = await db.transaction(
    'rw',
    [db.signals, db.actors, db.redLines, db.deletions],
    async () => {
      if (await db.signals.get(signal.id)) throw new RestoreRefusedError();
      await checkReferences(signal);
      const next: Signal = { ...signal, ...(await undelete(signal)) };
      await db.signals.add(next);
      return next;
    },
  );
  publish({ table: 'signals', type: 'put', records: [restored] });
  return restored;
}
