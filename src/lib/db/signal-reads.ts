/**
 * Reading signals: the queries the first page needs, apart from the writes
 * (signals.ts), which load with the form, so the first page does not carry them.
 */
import Dexie, { type IndexableType } from 'dexie';
import { compareSignals } from '../domain/window';
import { dayNumber, dayNumberToDate } from '../domain/dates';
import type { Signal } from '../domain/types';
import { db } from './database';

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
