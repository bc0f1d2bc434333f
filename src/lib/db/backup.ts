import type { BackupData } from '../domain/backup';
import { decide, emptyTableOutcome, matchActorsByName, tally, type MergeOutcome } from '../domain/merge';
import { danglingReference } from '../domain/references';
import type { Signal } from '../domain/types';
import { publish } from './changes';
import { db } from './database';

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

/** Everything the database holds, read in one transaction so the copy is consistent. */
export async function readAll(): Promise<BackupData> {
  return db.transaction('r', db.actors, db.redLines, db.signals, async () => {
    const [actors, redLines, signals] = await Promise.all([
      db.actors.toArray(),
      db.redLines.toArray(),
      db.signals.toArray(),
    ]);
    return { actors, redLines, signals };
  });
}

/**
 * Merges checked records into the database in one transaction: all of it is
 * written, or, when anything fails (a full disk, a cancel, a key the file
 * repeats), none of it. Records are matched by id and the newer `updatedAt`
 * wins (see `decide`); an incoming actor named like a local one under another
 * id becomes that local actor, and its references follow.
 *
 * The records in `data` are not copied: actor references in them are
 * rewritten in place when an actor is matched by name.
 */
export async function importData(data: BackupData, options: WriteOptions = {}): Promise<MergeOutcome> {
  const { chunkSize = WRITE_CHUNK, onProgress, shouldStop } = options;
  const outcome = await db.transaction('rw', db.actors, db.redLines, db.signals, async () => {
    const result: MergeOutcome = {
      actors: emptyTableOutcome(),
      redLines: emptyTableOutcome(),
      signals: emptyTableOutcome(),
      matchedByName: [],
    };

    // Actors and red lines are a few dozen: read them whole.
    const localActors = await db.actors.toArray();
    const matches = matchActorsByName(data.actors, localActors);
    const actorById = new Map(localActors.map((a) => [a.id, a]));
    const actorWrites = [];
    for (const actor of data.actors) {
      const match = matches.get(actor.id);
      if (match) {
        result.matchedByName.push(match.name);
        continue;
      }
      const decision = decide(actor, actorById.get(actor.id));
      tally(result.actors, decision, actor.name);
      if (decision === 'add' || decision === 'update') actorWrites.push(actor);
    }
    const remap = (id: string) => matches.get(id)?.id ?? id;

    const redLineById = new Map((await db.redLines.toArray()).map((r) => [r.id, r]));
    const redLineWrites = [];
    for (const line of data.redLines) {
      if (matches.size) {
        line.actorId = remap(line.actorId);
        line.targetId = remap(line.targetId);
      }
      const decision = decide(line, redLineById.get(line.id));
      tally(result.redLines, decision, line.text);
      if (decision === 'add' || decision === 'update') redLineWrites.push(line);
    }
    await db.actors.bulkPut(actorWrites);
    await db.redLines.bulkPut(redLineWrites);

    const signals = data.signals;
    if (matches.size) {
      for (const s of signals) {
        s.senderId = remap(s.senderId);
        s.receiverId = remap(s.receiverId);
      }
    }
    // The file was checked against the database as it was then; inside this
    // transaction, every reference must hold against the database as it is now.
    const dangling = danglingReference(
      { redLines: redLineWrites, signals },
      new Set([...localActors.map((a) => a.id), ...actorWrites.map((a) => a.id)]),
      new Set([...redLineById.keys(), ...redLineWrites.map((r) => r.id)]),
    );
    if (dangling) throw new DanglingReferenceError(dangling);
    // An empty store holds nothing to match: every signal is added, and no
    // 100,000 ids need looking up.
    const empty = (await db.signals.count()) === 0;
    const total = signals.length;
    if (empty) {
      result.signals.added = total;
      await addAll(signals, chunkSize, onProgress, shouldStop);
      return result;
    }
    for (let start = 0; start < total; start += chunkSize) {
      if (shouldStop?.()) throw new ImportCancelledError();
      const chunk = signals.slice(start, start + chunkSize);
      const local = await db.signals.bulkGet(chunk.map((s) => s.id));
      const adds: Signal[] = [];
      const puts: Signal[] = [];
      chunk.forEach((s, i) => {
        const decision = decide(s, local[i]);
        tally(result.signals, decision, s.title);
        if (decision === 'add') adds.push(s);
        else if (decision === 'update') puts.push(s);
      });
      if (adds.length) await db.signals.bulkAdd(adds);
      if (puts.length) await db.signals.bulkPut(puts);
      onProgress?.(Math.min(start + chunkSize, total), total);
    }
    return result;
  });
  publish({ type: 'reload' });
  return outcome;
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

/** Deletes every actor, red line and signal in one transaction. Settings and backup dates stay. */
export async function clearAll(): Promise<void> {
  await db.transaction('rw', db.actors, db.redLines, db.signals, async () => {
    await Promise.all([db.actors.clear(), db.redLines.clear(), db.signals.clear()]);
  });
  publish({ type: 'reload' });
}
