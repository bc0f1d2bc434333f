import Dexie, { type DBCore, type DBCoreTransaction, type EntityTable, type Middleware } from 'dexie';
import type { ActorMapping, CandidateEvent, TriagedEvent } from '../domain/events/candidates';
import type { Actor, RedLine, Signal } from '../domain/types';

/** A key/value record of the `meta` table (see `meta.ts` for the keys and their types). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'parallax';

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
    this.use(stampChanges);
  }
}

export const db = new ParallaxDB();
