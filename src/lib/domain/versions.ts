/**
 * Which version of a record came from which (PRODUCT.md §6). Every actor, red
 * line and signal carries its `updatedAt` and the `updatedAt`s of the versions it
 * was edited from (`ancestors`, newest first), the way a replicated document
 * store carries its revision list. Two copies of one record can then be told
 * apart: a stale copy, a newer descendant, or an edit made on both sides since
 * they last agreed (a conflict the analyst resolves). How two copies relate
 * (`lineage`) is merge.ts's: only a merge asks, and it loads when first needed.
 */
import type { Timestamp } from './types';

/** How many earlier versions a record remembers; older ancestry is dropped. */
export const ANCESTORS_MAX = 50;

export interface Versioned {
  updatedAt: Timestamp;
  ancestors?: readonly Timestamp[];
}

/**
 * The version stamp of an edit of `previous` made at `at`: never earlier than the
 * version it replaces (a clock set back, or a record stamped in the future by
 * another machine, must not make an edit look older than what it edits).
 */
export function nextVersion(
  previous: Versioned,
  at: Timestamp,
): { updatedAt: Timestamp; ancestors: Timestamp[] } {
  const before = Date.parse(previous.updatedAt);
  const wanted = Date.parse(at);
  const updatedAt = wanted > before ? at : new Date(before + 1).toISOString();
  const ancestors = [previous.updatedAt, ...(previous.ancestors ?? [])].slice(0, ANCESTORS_MAX);
  return { updatedAt, ancestors };
}
