import type { Actor, RedLine, Signal } from '../domain/types';
import { joinVersions, type Conflict } from '../domain/merge';
import { assertNameFree } from './actors';
import { publish } from './changes';
import { db } from './database';
import { now } from './ids';
import { MissingRecordError } from './errors';

export class ChangedSinceError extends Error {
  constructor(name: string) {
    super(
      `“${name}” was changed here after the import; import the file again to compare the new version with the file's`,
    );
    this.name = 'ChangedSinceError';
  }
}

const WHAT = { actors: 'This actor', redLines: 'This red line', signals: 'This signal' } as const;

/**
 * Settles a conflict with the analyst's choice: `mine` keeps the local
 * content, `theirs` takes the file's. Either way the record is written as a
 * new version that descends from both (see `joinVersions`), so the other side's
 * next merge of this database's backup takes the choice instead of meeting
 * the conflict again. Nothing is written when the local record changed since
 * the import showed it, or when taking the file's would give two actors one
 * name or point at a record that no longer exists.
 */
export async function settleConflict(
  conflict: Conflict,
  keep: 'mine' | 'theirs',
): Promise<Actor | RedLine | Signal> {
  const { table, local, incoming } = conflict;
  const store = db.table<Actor | RedLine | Signal, string>(table);
  const settled = await db.transaction('rw', [db.actors, db.redLines, db.signals], async () => {
    const current = await store.get(local.id);
    if (!current) throw new MissingRecordError(WHAT[table]);
    if (Date.parse(current.updatedAt) !== Date.parse(local.updatedAt))
      throw new ChangedSinceError(conflict.name);
    const content = keep === 'mine' ? current : incoming;
    if (keep === 'theirs') await assertReferencesHold(conflict);
    const next = {
      ...content,
      id: current.id,
      createdAt: current.createdAt,
      ...joinVersions(current, incoming, now()),
    } as Actor | RedLine | Signal;
    await store.put(next);
    return next;
  });
  publish({ table, type: 'put', records: [settled] } as Parameters<typeof publish>[0]);
  return settled;
}

async function assertReferencesHold(conflict: Conflict): Promise<void> {
  if (conflict.table === 'actors') return assertNameFree(conflict.incoming.name, conflict.incoming.id);
  const ids =
    conflict.table === 'redLines'
      ? [conflict.incoming.actorId, conflict.incoming.targetId]
      : [conflict.incoming.senderId, conflict.incoming.receiverId];
  const actors = await db.actors.bulkGet(ids);
  if (actors.some((a) => !a)) throw new MissingRecordError("An actor the file's version names");
  if (conflict.table === 'signals' && conflict.incoming.redLineId) {
    if (!(await db.redLines.get(conflict.incoming.redLineId)))
      throw new MissingRecordError("The red line the file's version crosses");
  }
}
