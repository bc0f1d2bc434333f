import Dexie from 'dexie';
import type { BackupData } from '../domain/backup';
import {
  decide,
  decideDeletion,
  emptyOutcome,
  LEFT_ALONE_WHY,
  matchActorsByName,
  note,
  recordName,
  referencedIds,
  tally,
  type Conflict,
  type MergeDecision,
  type MergeOutcome,
  type TableOutcome,
} from '../domain/merge';
import { danglingReference } from '../domain/references';
import type { Actor, DeletableTable, Deletion, RedLine, Signal, Timestamp } from '../domain/types';
import { ANCESTORS_MAX, nextVersion, type Versioned } from '../domain/versions';
import { nameKey } from '../domain/names';
import { publish } from './changes';
import { db } from './database';
import { now } from './ids';

/** Signals written per bulk call: large enough to amortise each call, small enough to report progress. */
export const WRITE_CHUNK = 10_000;

export class ImportCancelledError extends Error {
  constructor() {
    super('The import was cancelled. Nothing was written.');
    this.name = 'ImportCancelledError';
  }
}

/**
 * The file's records name actors or red lines the database no longer holds
 * (deleted, in another tab, after the file was checked): nothing is written.
 */
export class DanglingReferenceError extends Error {
  constructor(what: string) {
    super(
      `the ${what} (it was deleted after the file was checked, perhaps in another tab). Nothing was written; choose the file again.`,
    );
    this.name = 'DanglingReferenceError';
  }
}

export interface WriteOptions {
  chunkSize?: number;
  /** Told after each chunk how many signals have been written. */
  onProgress?: (done: number, total: number) => void;
  /** Asked before each chunk; true rolls the whole import back. */
  shouldStop?: () => boolean;
}

/** Everything the database holds, deletions included, read in one transaction so the copy is consistent. */
export async function readAll(): Promise<BackupData> {
  return db.transaction('r', [db.actors, db.redLines, db.signals, db.deletions], async () => {
    const [actors, redLines, signals, deletions] = await Promise.all([
      db.actors.toArray(),
      db.redLines.toArray(),
      db.signals.toArray(),
      db.deletions.toArray(),
    ]);
    return { actors, redLines, signals, deletions };
  });
}

/** A record keeps its newest ANCESTORS_MAX ancestors, however many a file lists, as an edit here would. */
function keepAncestry<T extends Versioned>(record: T): T {
  if (record.ancestors && record.ancestors.length > ANCESTORS_MAX)
    (record as { ancestors: readonly string[] }).ancestors = record.ancestors.slice(0, ANCESTORS_MAX);
  return record;
}

const deletionKey = (table: DeletableTable, id: string) => `${table}\u0000${id}`;

/**
 * The record a decision writes, or null: a newer descendant as it comes (with
 * the local version as its ancestor when the file could not say so), an edit
 * made outside Parallax stamped as a new version of the local record.
 */
function written<T extends Versioned & { id: string }>(
  decision: MergeDecision,
  incoming: T,
  local: T | undefined,
  at: Timestamp,
): T | null {
  if (decision === 'add') return keepAncestry(incoming);
  if (decision === 'update' && local) {
    if (incoming.ancestors) return keepAncestry(incoming);
    const ancestors = [local.updatedAt, ...(local.ancestors ?? [])].slice(0, ANCESTORS_MAX);
    return { ...incoming, ancestors };
  }
  if (decision === 'edited' && local) return { ...incoming, ...nextVersion(local, at) };
  return null;
}

/**
 * Merges checked records into the database in one transaction: all of it is
 * written, or, when anything fails (a full disk, a cancel, a key the file
 * repeats), none of it. Each record is placed by `decide` (ancestry, edits made
 * outside Parallax, this database's deletions); conflicts are written nowhere
 * and come back, both versions, for the analyst. Incoming deletions newer than
 * the local record delete it; a deleted actor or red line that a record here
 * still uses stays. An incoming actor named like a local one under another id
 * becomes that local actor, and its references follow; an update that would
 * give an actor another actor's name is refused with a sentence.
 *
 * The records in `data` are not copied: actor references in them are
 * rewritten in place when an actor is matched by name.
 */
export async function importData(data: BackupData, options: WriteOptions = {}): Promise<MergeOutcome> {
  const { chunkSize = WRITE_CHUNK, onProgress, shouldStop } = options;
  const tables = [db.actors, db.redLines, db.signals, db.deletions];
  const outcome = await db.transaction('rw', tables, async () => {
    const result = emptyOutcome();
    const at = now();
    const localDeletions = new Map(
      (await db.deletions.toArray()).map((d) => [deletionKey(d.table, d.id), d]),
    );
    const deletedHere = (table: DeletableTable, id: string) => localDeletions.get(deletionKey(table, id));
    /** Deletions this merge undoes: a copy edited after the deletion came back. */
    const undone: [DeletableTable, string][] = [];
    const place = <T extends Actor | RedLine | Signal>(
      table: DeletableTable,
      incoming: T,
      local: T | undefined,
    ): MergeDecision => {
      const deletion = local ? undefined : deletedHere(table, incoming.id);
      const decision = decide(incoming, local, deletion);
      if (decision === 'add' && deletion) undone.push([table, incoming.id]);
      if (decision === 'conflict' && local) {
        const conflict = { table, name: recordName(table, local), labels: {}, local, incoming };
        result.conflicts.push(conflict as Conflict);
      }
      return decision;
    };

    // Actors and red lines are a few dozen: read them whole.
    const localActors = await db.actors.toArray();
    const matches = matchActorsByName(data.actors, localActors);
    const actorById = new Map(localActors.map((a) => [a.id, a]));
    const nameOwner = new Map(localActors.map((a) => [nameKey(a.name), a.id]));
    const actorWrites: Actor[] = [];
    // Records deleted here that the file still has: left alone, unless a record
    // this merge writes needs them, in which case they come back with it.
    const revivableActors = new Map<string, Actor>();
    for (const actor of data.actors) {
      const match = matches.get(actor.id);
      if (match) {
        result.matchedByName.push(match.name);
        continue;
      }
      const local = actorById.get(actor.id);
      const decision = place('actors', actor, local);
      if (decision === 'deleted-here') {
        revivableActors.set(actor.id, actor);
        continue;
      }
      const write = written(decision, actor, local, at);
      const owner = write ? nameOwner.get(nameKey(write.name)) : undefined;
      if (write && owner !== undefined && owner !== write.id) {
        const other = actorById.get(owner)?.name ?? write.name;
        result.refused.push(
          `Actor “${local?.name ?? write.name}” was not renamed “${write.name}”: another actor here is called “${other}”. Rename one of them, then import the file again.`,
        );
        continue;
      }
      tally(result.actors, decision, actor.name);
      if (!write) continue;
      if (local) nameOwner.delete(nameKey(local.name));
      nameOwner.set(nameKey(write.name), write.id);
      actorWrites.push(write);
    }
    const remap = (id: string) => matches.get(id)?.id ?? id;

    const redLineById = new Map((await db.redLines.toArray()).map((r) => [r.id, r]));
    const redLineWrites: RedLine[] = [];
    const revivableRedLines = new Map<string, RedLine>();
    for (const line of data.redLines) {
      if (matches.size) {
        line.actorId = remap(line.actorId);
        line.targetId = remap(line.targetId);
      }
      const local = redLineById.get(line.id);
      const decision = place('redLines', line, local);
      if (decision === 'deleted-here') {
        revivableRedLines.set(line.id, line);
        continue;
      }
      tally(result.redLines, decision, line.text);
      const write = written(decision, line, local, at);
      if (write) redLineWrites.push(write);
    }

    const signals = data.signals;
    if (matches.size) {
      for (const s of signals) {
        s.senderId = remap(s.senderId);
        s.receiverId = remap(s.receiverId);
      }
    }
    // Ids that written signals refer to, gathered only when something deleted here may be needed.
    const reviving = revivableActors.size + revivableRedLines.size > 0;
    const neededActors = new Set<string>();
    const neededRedLines = new Set<string>();
    const need = (s: Signal) => {
      neededActors.add(s.senderId);
      neededActors.add(s.receiverId);
      if (s.redLineId) neededRedLines.add(s.redLineId);
    };

    // An empty store with no deletions of signals holds nothing to match:
    // every signal is added, and no 100,000 ids need looking up.
    const empty =
      (await db.signals.count()) === 0 && ![...localDeletions.values()].some((d) => d.table === 'signals');
    const total = signals.length;
    /** The signals this merge writes: the file's, less those left alone or in conflict. */
    let writtenSignals: Signal[] = signals;
    if (empty) {
      for (const s of signals) {
        tally(result.signals, 'add', s.title);
        keepAncestry(s);
      }
      if (reviving) signals.forEach(need);
      await addAll(signals, chunkSize, onProgress, shouldStop);
    } else {
      writtenSignals = [];
      for (let start = 0; start < total; start += chunkSize) {
        if (shouldStop?.()) throw new ImportCancelledError();
        const chunk = signals.slice(start, start + chunkSize);
        const local = await db.signals.bulkGet(chunk.map((s) => s.id));
        const adds: Signal[] = [];
        const puts: Signal[] = [];
        chunk.forEach((s, i) => {
          const decision = place('signals', s, local[i]);
          tally(result.signals, decision, s.title);
          const write = written(decision, s, local[i], at);
          if (!write) return;
          if (reviving) need(write);
          writtenSignals.push(write);
          if (decision === 'add') adds.push(write);
          else puts.push(write);
        });
        if (adds.length) await db.signals.bulkAdd(adds);
        if (puts.length) await db.signals.bulkPut(puts);
        onProgress?.(Math.min(start + chunkSize, total), total);
      }
    }

    // Bring back what written records need, red lines first (they name actors too).
    const revive = <T extends Actor | RedLine>(
      table: 'actors' | 'redLines',
      revivable: Map<string, T>,
      needed: Set<string>,
      writes: T[],
      outcomeOf: TableOutcome,
    ) => {
      for (const [id, record] of revivable) {
        const back = needed.has(id);
        tally(outcomeOf, back ? 'add' : 'deleted-here', recordName(table, record));
        if (!back) continue;
        undone.push([table, id]);
        writes.push(record);
      }
    };
    revive('redLines', revivableRedLines, neededRedLines, redLineWrites, result.redLines);
    for (const r of redLineWrites) {
      neededActors.add(r.actorId);
      neededActors.add(r.targetId);
    }
    revive('actors', revivableActors, neededActors, actorWrites, result.actors);

    if (result.conflicts.length) {
      const label = new Map<string, string>();
      for (const a of [...localActors, ...data.actors]) label.set(a.id, a.name);
      for (const r of [...redLineById.values(), ...data.redLines]) label.set(r.id, r.text);
      for (const c of result.conflicts) {
        for (const id of [...referencedIds(c.local), ...referencedIds(c.incoming)])
          c.labels[id] = label.get(id) ?? id;
      }
    }

    // The file was checked against the database as it was then; inside this
    // transaction, every reference of what is written must hold against the
    // database as it is now (a throw here rolls back the signals written above).
    const dangling = danglingReference(
      { redLines: redLineWrites, signals: writtenSignals },
      new Set([...localActors.map((a) => a.id), ...actorWrites.map((a) => a.id)]),
      new Set([...redLineById.keys(), ...redLineWrites.map((r) => r.id)]),
    );
    if (dangling) throw new DanglingReferenceError(dangling);

    await db.actors.bulkPut(actorWrites);
    await db.redLines.bulkPut(redLineWrites);
    if (undone.length) await db.deletions.bulkDelete(undone);
    await applyDeletions(data.deletions ?? [], localDeletions, result);
    return result;
  });
  publish({ type: 'reload' });
  return outcome;
}

/**
 * Applies a file's deletions, signals first, then red lines and actors (so a
 * red line or actor whose last user was deleted goes too), and keeps each
 * deletion that now holds here, so it travels on in this database's backups.
 */
async function applyDeletions(
  incoming: readonly Deletion[],
  localDeletions: ReadonlyMap<string, Deletion>,
  result: MergeOutcome,
): Promise<void> {
  if (incoming.length === 0) return;
  const kept: Deletion[] = [];
  for (const table of ['signals', 'redLines', 'actors'] as const) {
    const list = incoming.filter((d) => d.table === table);
    if (list.length === 0) continue;
    const store = db.table<Actor | RedLine | Signal, string>(table);
    const locals = await store.bulkGet(list.map((d) => d.id));
    const gone: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const deletion = list[i];
      const local = locals[i];
      const verdict = decideDeletion(deletion, local);
      if (verdict === 'keep') {
        note(result[table].leftAlone, recordName(table, local!), LEFT_ALONE_WHY.kept);
        continue;
      }
      if (verdict === 'delete') {
        if (table !== 'signals' && (await inUse(table, deletion.id))) {
          note(result[table].leftAlone, recordName(table, local!), LEFT_ALONE_WHY.used);
          continue;
        }
        note(result[table].deleted, recordName(table, local!));
        gone.push(deletion.id);
      }
      const held = localDeletions.get(deletionKey(table, deletion.id));
      if (!held || Date.parse(held.deletedAt) < Date.parse(deletion.deletedAt)) kept.push(deletion);
    }
    if (gone.length) await store.bulkDelete(gone);
  }
  if (kept.length) await db.deletions.bulkPut(kept);
}

/** Whether a signal (or, for an actor, a red line) still refers to this actor or red line. */
async function inUse(table: 'actors' | 'redLines', id: string): Promise<boolean> {
  if (table === 'redLines') return (await db.signals.where('redLineId').equals(id).count()) > 0;
  if ((await db.redLines.filter((r) => r.actorId === id || r.targetId === id).count()) > 0) return true;
  const index = db.signals.where('[senderId+receiverId+date]');
  if ((await index.between([id, Dexie.minKey, Dexie.minKey], [id, Dexie.maxKey, Dexie.maxKey]).count()) > 0)
    return true;
  // As receiver: one range per possible sender, through the same index (actors are few).
  const others = (await db.actors.toCollection().primaryKeys()).filter((k) => k !== id);
  const counts = await Promise.all(
    others.map((s) => index.between([s, id, Dexie.minKey], [s, id, Dexie.maxKey]).count()),
  );
  return counts.some((n) => n > 0);
}

/**
 * Adds signals chunk by chunk, inside the caller's transaction. Each chunk is
 * handed to the database before the previous one is awaited, so the database
 * writes one chunk while this thread copies the next: as fast as a single
 * bulkAdd, with progress and a chance to cancel between chunks.
 */
async function addAll(
  signals: readonly Signal[],
  chunkSize: number,
  onProgress: WriteOptions['onProgress'],
  shouldStop: WriteOptions['shouldStop'],
): Promise<void> {
  const total = signals.length;
  let inFlight: { write: Promise<unknown>; end: number } | null = null;
  for (let start = 0; start < total; start += chunkSize) {
    if (shouldStop?.()) throw new ImportCancelledError();
    const end = Math.min(start + chunkSize, total);
    const write = db.signals.bulkAdd(signals.slice(start, end));
    // A failure surfaces where the chunk is awaited; this only keeps the
    // promise from counting as unhandled while an earlier chunk is awaited.
    write.catch(() => undefined);
    if (inFlight) {
      await inFlight.write;
      onProgress?.(inFlight.end, total);
    }
    inFlight = { write, end };
  }
  if (inFlight) {
    await inFlight.write;
    onProgress?.(inFlight.end, total);
  }
}

/**
 * Deletes every actor, red line and signal in one transaction, and the
 * deletion records too: this browser starts afresh, and a backup imported
 * next is taken whole. Settings and backup dates stay.
 */
export async function clearAll(): Promise<void> {
  await db.transaction('rw', [db.actors, db.redLines, db.signals, db.deletions], async () => {
    await Promise.all([db.actors.clear(), db.redLines.clear(), db.signals.clear(), db.deletions.clear()]);
  });
  publish({ type: 'reload' });
}
