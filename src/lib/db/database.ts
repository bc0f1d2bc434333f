import Dexie, { type DBCore, type DBCoreTransaction, type EntityTable, type Middleware } from 'dexie';
import type { ActorMapping, CandidateEvent, TriagedEvent } from '../domain/events/candidates';
import { consensus } from '../domain/consensus';
import { UNATTRIBUTED } from '../domain/names';
import type { Actor, Analyst, Assessment, Deletion, RedLine, Revision, Signal } from '../domain/types';
import { newId } from './ids';

/** A key/value record of the `meta` table (see `meta.ts` for the keys and their types). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'parallax';

/** The analyst the scores made before analysts existed belong to, until renamed. */
export { UNATTRIBUTED };

/** Transactions whose writes are not the analyst's own work (the example data set). */
const unstamped = new WeakSet<DBCoreTransaction>();

/**
 * Stamps the `meta` record `changedAt` with the time of every write, inside the
 * write's own transaction, so the backup reminder knows whether anything changed
 * since the last backup: the stamp commits or rolls back with the change itself,
 * in any tab and in the import worker, whichever repository wrote. It sits below
 * Dexie's own middlewares, so live queries never see the stamp as a change.
 */
const stampChanges: Middleware<DBCore> = {
  stack: 'dbcore',
  level: -2,
  create: (down) => ({
    transaction: (stores, mode, options) =>
      down.transaction(mode === 'readwrite' ? [...new Set([...stores, 'meta'])] : stores, mode, options),
    table(name) {
      const table = down.table(name);
      if (name === 'meta') return table;
      return {
        ...table,
        async mutate(request) {
          const response = await table.mutate(request);
          if (!unstamped.has(request.trans)) {
            const stamp = { key: 'changedAt', value: new Date().toISOString() };
            await down.table('meta').mutate({ type: 'put', trans: request.trans, values: [stamp] });
          }
          return response;
        },
      };
    },
  }),
};

/**
 * Called inside a transaction: its writes leave `changedAt` as it was. For data the
 * analyst did not make (the example), which needs no backup.
 */
export function leaveUnstamped(): void {
  unstamped.add(Dexie.currentTransaction.idbtrans);
}

/**
 * The database was written by a newer Parallax (a higher schema version).
 * This build does not know what the newer one keeps, so it reads and writes
 * nothing: not even the stores it knows, which the newer version may use
 * differently.
 */
export class NewerDatabaseError extends Error {
  constructor(found: number, known: number) {
    super(
      `this data was written by a newer version of Parallax (database version ${found}; this one knows up to ${known}). Open it in that newer version; this page reads and writes nothing.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

/** IndexedDB's version of a Dexie version: Dexie multiplies by 10. */
const NATIVE_PER_DEXIE = 10;

/**
 * The one database. A shipped `version(n)` is never edited: a change is
 * `version(n + 1)` with an upgrade, and a test opens data written by `n`.
 */
export class ParallaxDB extends Dexie {
  actors!: EntityTable<Actor, 'id'>;
  redLines!: EntityTable<RedLine, 'id'>;
  signals!: EntityTable<Signal, 'id'>;
  meta!: EntityTable<MetaRecord, 'key'>;
  candidates!: EntityTable<CandidateEvent, 'id'>;
  actorMappings!: EntityTable<ActorMapping, 'key'>;
  triaged!: EntityTable<TriagedEvent, 'key'>;
  deletions!: Dexie.Table<Deletion, [string, string]>;
  analysts!: EntityTable<Analyst, 'id'>;
  assessments!: EntityTable<Assessment, 'id'>;
  revisions!: EntityTable<Revision, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      // Actors and red lines are few (tens): read whole, sorted in memory.
      actors: 'id',
      redLines: 'id',
      // The query that must scale: a dyad's signals in date order. Each index
      // slows every one of 100k writes, so there is one more only: redLineId,
      // which holds just the few signals that cross a red line (IndexedDB
      // leaves a record out of an index when its key is null).
      signals: 'id, [senderId+receiverId+date], redLineId',
    });
    // Version 2 adds a key/value store for what is not a record: the analyst's
    // settings, when the last backup was made. Every record of version 1 stays
    // as it was; the upgrade only notes that it ran.
    this.version(2)
      .stores({ meta: 'key' })
      .upgrade((tx) => tx.table<MetaRecord, string>('meta').put({ key: 'schemaUpgradedFrom', value: 1 }));
    // Version 3 adds deletion records (table, id, deletedAt), keyed by table and
    // id together: ids are unique within a table only. Nothing of version 2
    // changes, and records deleted before it left no trace, so the new table
    // starts empty and no upgrade function is needed (`schemaUpgradedFrom`
    // keeps naming the version the first upgrade started from).
    this.version(3).stores({ deletions: '[table+id]' });
    // Version 4 adds the event inbox (version 3 belongs to merging backups):
    // candidate events, by key and by content, and in date order for the
    // table; how each actor of an event file was mapped last time; and the
    // events already accepted or dismissed, so that a file imported again
    // does not bring them back. Nothing older changes.
    this.version(4).stores({
      candidates: 'id, dupKey, date',
      actorMappings: 'key',
      triaged: 'key, dupKey',
    });
    // Version 5 adds analysts and their assessments (issue 9): one assessment per
    // analyst and signal, found by [signalId+analystId] (a prefix range gives a
    // signal's assessments); and the history of every signal and assessment,
    // by signal in time order. The upgrade gives every signal's scores to one
    // analyst, "Unattributed" (renameable), as an assessment dated like the
    // signal, and puts on each signal the consensus of that one assessment.
    // Every record stays; the signal's facts and `updatedAt` do not change.
    this.version(5)
      .stores({
        analysts: 'id',
        assessments: 'id, [signalId+analystId]',
        revisions: 'id, [signalId+at]',
      })
      .upgrade(async (tx) => {
        // Nothing the analyst made changed: the backup reminder is left as it was.
        unstamped.add(tx.idbtrans as unknown as DBCoreTransaction);
        const stamp = new Date().toISOString();
        const analyst: Analyst = { id: newId(), name: UNATTRIBUTED, createdAt: stamp, updatedAt: stamp };
        const assessments: Assessment[] = [];
        await tx
          .table<Signal, string>('signals')
          .toCollection()
          .modify((signal) => {
            const assessment: Assessment = {
              id: newId(),
              signalId: signal.id,
              analystId: analyst.id,
              intended: signal.intended,
              displayed: null,
              perceived: signal.perceived,
              confidence: signal.confidence,
              rationale: '',
              createdAt: signal.createdAt,
              updatedAt: signal.updatedAt,
            };
            assessments.push(assessment);
            Object.assign(signal, consensus([assessment]));
          });
        if (assessments.length > 0) {
          await tx.table<Analyst, string>('analysts').add(analyst);
          await tx.table<Assessment, string>('assessments').bulkAdd(assessments);
        }
      });
    this.use(stampChanges);
  }

  /** Set when a newer Parallax wrote the database: this one then neither reads nor writes it. */
  newer: NewerDatabaseError | null = null;

  /**
   * Looks up the installed version before anything opens the database, and
   * refuses it when a newer Parallax wrote it: Dexie would open a higher
   * version as it finds it, and add the stores it misses (a write into the
   * newer data). After a refusal every read and write fails at once with
   * DatabaseClosedError. Call it before the first use.
   */
  async refuseIfNewer(): Promise<NewerDatabaseError | null> {
    const found = await installedVersion(this.name);
    const known = this.verno;
    if (found === null || found <= known * NATIVE_PER_DEXIE) return null;
    this.newer = new NewerDatabaseError(found / NATIVE_PER_DEXIE, known);
    this.close({ disableAutoOpen: true });
    return this.newer;
  }
}

/** The version of the named database as installed, without opening it (null when absent or unknown). */
async function installedVersion(name: string): Promise<number | null> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
  const found = (await indexedDB.databases()).find((d) => d.name === name);
  return found?.version ?? null;
}

export const db = new ParallaxDB();
