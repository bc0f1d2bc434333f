/**
 * Merging imported records into those already held (PRODUCT.md §6): matched by
 * id, the newer edit wins, and the outcome says what happened to each.
 */
import { nameKey } from './names';
import type { Actor, Timestamp } from './types';

export type MergeDecision = 'add' | 'update' | 'unchanged' | 'kept-local' | 'conflict';

interface Stamped {
  updatedAt: Timestamp;
}

/**
 * What to do with an incoming record, given the one held under its id:
 * the newer `updatedAt` wins; an equal time with equal content is the same
 * record; an equal time with different content is a conflict, and the local
 * record stays.
 */
export function decide<T extends Stamped>(incoming: T, local: T | undefined): MergeDecision {
  if (!local) return 'add';
  const a = Date.parse(incoming.updatedAt);
  const b = Date.parse(local.updatedAt);
  if (a > b) return 'update';
  if (a < b) return 'kept-local';
  // The instants are equal, however each is written; the rest must match.
  return sameContent(incoming, local, 'updatedAt') ? 'unchanged' : 'conflict';
}

/** Deep equality of JSON-like records (plain objects, arrays, primitives), apart from the top-level key `ignore`. */
export function sameContent(a: unknown, b: unknown, ignore?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameContent(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (k === ignore) continue;
    if (
      !Object.hasOwn(b, k) ||
      !sameContent((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
    ) {
      return false;
    }
  }
  return true;
}

/**
 * Incoming actors that a colleague created separately under a name already in
 * use here: the same actor under another id. Maps the incoming id to the
 * local actor, so their signals join the local actor's dyads.
 */
export function matchActorsByName(incoming: readonly Actor[], local: readonly Actor[]): Map<string, Actor> {
  const localIds = new Set(local.map((a) => a.id));
  const byName = new Map(local.map((a) => [nameKey(a.name), a]));
  const matches = new Map<string, Actor>();
  for (const actor of incoming) {
    if (localIds.has(actor.id)) continue;
    const same = byName.get(nameKey(actor.name));
    if (same) matches.set(actor.id, same);
  }
  return matches;
}

/** What a merge did to one kind of record. */
export interface TableOutcome {
  added: number;
  updated: number;
  /** Identical records, and records whose local copy is newer (counted in `keptLocal` too). */
  unchanged: number;
  keptLocal: number;
  /** Names or titles of records edited on both sides at the same instant; the local one stayed. */
  conflicts: string[];
}

export interface MergeOutcome {
  actors: TableOutcome;
  redLines: TableOutcome;
  signals: TableOutcome;
  /** Incoming actors matched to a local actor of the same name. */
  matchedByName: string[];
}

export function emptyTableOutcome(): TableOutcome {
  return { added: 0, updated: 0, unchanged: 0, keptLocal: 0, conflicts: [] };
}

export function tally(outcome: TableOutcome, decision: MergeDecision, name: string): void {
  if (decision === 'add') outcome.added++;
  else if (decision === 'update') outcome.updated++;
  else if (decision === 'conflict') outcome.conflicts.push(name);
  else {
    outcome.unchanged++;
    if (decision === 'kept-local') outcome.keptLocal++;
  }
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function quoteList(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => `“${n}”`);
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

/**
 * The sentence an import ends with:
 * `Imported backup.json: 12 signals added, 1 updated, 40 unchanged, 0 conflicts.`
 * followed by what happened to actors and red lines when anything did.
 */
export function describeOutcome(fileName: string, outcome: MergeOutcome): string {
  const s = outcome.signals;
  const parts = [
    `Imported ${fileName}: ${count(s.added, 'signal')} added, ${s.updated.toLocaleString('en-US')} updated, ` +
      `${s.unchanged.toLocaleString('en-US')} unchanged${s.keptLocal ? ` (${s.keptLocal.toLocaleString('en-US')} kept newer local)` : ''}, ` +
      `${count(s.conflicts.length, 'conflict')}${s.conflicts.length ? ` (kept local: ${quoteList(s.conflicts)})` : ''}.`,
  ];
  const other = (label: string, t: TableOutcome) => {
    if (t.added + t.updated + t.keptLocal + t.conflicts.length === 0) return;
    const bits = [`${t.added} added`, `${t.updated} updated`];
    if (t.keptLocal) bits.push(`${t.keptLocal} kept newer local`);
    if (t.conflicts.length)
      bits.push(`${count(t.conflicts.length, 'conflict')} (kept local: ${quoteList(t.conflicts)})`);
    parts.push(`${label}: ${bits.join(', ')}.`);
  };
  other('Actors', outcome.actors);
  other('Red lines', outcome.redLines);
  if (outcome.matchedByName.length) {
    parts.push(`Matched by name to actors already here: ${quoteList(outcome.matchedByName)}.`);
  }
  return parts.join(' ');
}

/** `today`, `yesterday`, `3 days ago`: how old the last backup is, in whole local days. */
export function backupAge(lastBackupAt: Timestamp | undefined | null, now: Date = new Date()): string {
  if (!lastBackupAt) return 'never';
  const then = new Date(lastBackupAt);
  if (Number.isNaN(then.getTime())) return 'never';
  const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000;
  const days = day(now) - day(then);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}
