import Dexie, { type IndexableType } from 'dexie';
import { compareSignals } from '../domain/analytics';
import { dayNumber, dayNumberToDate } from '../domain/dates';
import type { Signal, SignalDraft } from '../domain/types';
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
export async function dyadCounts(actorIds: readonly string[]): Promise<DyadCount[]> {
  return db.transaction('r', db.signals, async () => {
    const pairs = actorIds.flatMap((s) => actorIds.filter((r) => r !== s).map((r) => [s, r] as const));
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

/** A new signal record from a draft: a fresh id, created and updated now. */
export function newSignal(draft: SignalDraft): Signal {
  const stamp = now();
  return { ...draft, id: newId(), createdAt: stamp, updatedAt: stamp };
}

export async function addSignal(draft: SignalDraft): Promise<Signal> {
  const signal = newSignal(draft);
  await db.signals.add(signal);
  publish({ table: 'signals', type: 'put', records: [signal] });
  return signal;
}

export async function updateSignal(id: string, draft: SignalDraft): Promise<Signal> {
  const signal = await db.transaction('rw', db.signals, async () => {
    const existing = await db.signals.get(id);
    if (!existing) throw new MissingRecordError('This signal');
    const next: Signal = { ...existing, ...draft, id, createdAt: existing.createdAt, updatedAt: now() };
    await db.signals.put(next);
    return next;
  });
  publish({ table: 'signals', type: 'put', records: [signal] });
  return signal;
}

export async function deleteSignal(id: string): Promise<Signal> {
  const removed = await db.transaction('rw', db.signals, async () => {
    const existing = await db.signals.get(id);
    if (!existing) throw new MissingRecordError('This signal');
    await db.signals.delete(id);
    return existing;
  });
  publish({ table: 'signals', type: 'delete', records: [removed] });
  return removed;
}

/** Puts a deleted signal back exactly as it was (undo). */
export async function restoreSignal(signal: Signal): Promise<void> {
  await db.signals.put(signal);
  publish({ table: 'signals', type: 'put', records: [signal] });
}
