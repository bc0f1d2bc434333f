/**
 * The history of signals and their assessments (PRODUCT.md §2, issue 9 item
 * 6): every change keeps the version it replaced, with who made it, when, and
 * which fields changed. Written by the repositories inside the transaction of
 * the change itself, so a change and its history commit or roll back together.
 */
import Dexie from 'dexie';
import { factsOf } from '../domain/consensus';
import { NO_ANALYST_YET } from '../domain/names';
import type { Assessment, Revision, RevisedTable, Signal, Timestamp } from '../domain/types';
import { db } from './database';
import { newId } from './ids';

/** Fields that say which version a record is, not what it holds: never listed as changed. */
const STAMPS: ReadonlySet<string> = new Set(['id', 'createdAt', 'updatedAt', 'ancestors']);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Sources and tags are lists of plain data: equal when they serialize alike.
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose values differ between two versions of one record, in the record's own order. */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const key of keys) {
    if (STAMPS.has(key)) continue;
    if (!same((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key]))
      changed.push(key);
  }
  return changed;
}

/** What a write tells the history: the record before and after (null when there is none). */
export interface Change<T> {
  table: RevisedTable;
  signalId: string;
  recordId: string;
  before: T | null;
  after: T | null;
  change?: Revision['change'];
  origin?: Revision['origin'];
}

/**
 * Records one change, inside the caller's transaction (which must include
 * `revisions`). A signal's version is kept as its facts: its consensus is
 * derived from the assessments, whose own versions are kept beside it.
 */
export function revisionOf(
  c: Change<Signal> | Change<Assessment>,
  analystId: string,
  at: Timestamp,
): Revision {
  const strip = (r: Signal | Assessment | null) =>
    r === null ? null : c.table === 'signals' ? factsOf(r as Signal) : { ...(r as Assessment) };
  const before = strip(c.before);
  const after = strip(c.after);
  const change = c.change ?? (before === null ? 'create' : after === null ? 'delete' : 'edit');
  const revision: Revision = {
    id: newId(),
    signalId: c.signalId,
    table: c.table,
    recordId: c.recordId,
    change,
    analystId,
    at,
    fields: before && after ? changedFields<object>(before, after) : [],
    previous: before,
  };
  if (c.origin) revision.origin = c.origin;
  return revision;
}

/**
 * Who a change that writes no scores is recorded as (an import, an actor
 * merge, a red line cleared), inside the caller's transaction (with `meta`
 * and `analysts`): this browser's analyst, or NO_ANALYST_YET when none has a
 * name yet. Unlike a write of scores (`writer`), it adds no "Unattributed":
 * a fresh browser's first import would otherwise give every colleague who
 * takes its next backup an analyst with no scores.
 */
export async function changingAnalyst(): Promise<string> {
  const id = (await db.meta.get('currentAnalyst'))?.value;
  return typeof id === 'string' && (await db.analysts.get(id)) ? id : NO_ANALYST_YET;
}

/** Records the changes of one write, inside the caller's transaction. */
export async function recordRevisions(
  changes: readonly (Change<Signal> | Change<Assessment>)[],
  analystId: string,
  at: Timestamp,
): Promise<void> {
  if (changes.length === 0) return;
  await db.revisions.bulkAdd(changes.map((c) => revisionOf(c, analystId, at)));
}

/** Every recorded change of a signal and of its assessments, newest first. */
export async function historyOf(signalId: string): Promise<Revision[]> {
  const rows = await db.revisions
    .where('[signalId+at]')
    .between([signalId, Dexie.minKey], [signalId, Dexie.maxKey])
    .toArray();
  return rows.reverse();
}
