import { nameKey } from '../domain/names';
import type { Actor, RedLine, Signal } from '../domain/types';
import { publish } from './changes';
import { db, leaveUnstamped } from './database';

export interface DataSet {
  actors: Actor[];
  redLines: RedLine[];
  signals: Signal[];
}

/**
 * Adds a ready-made data set (the example) in one transaction. Records already
 * present by id are left as the analyst has them, so loading twice adds nothing;
 * an actor that already exists under the same name is reused, not duplicated,
 * and a record the analyst deleted stays deleted.
 * Returns how many signals were added.
 */
export async function addDataSet(set: DataSet): Promise<number> {
  const added = await db.transaction('rw', [db.actors, db.redLines, db.signals, db.deletions], async () => {
    // The example is not the analyst's work: it needs no backup, so it does not call for one.
    leaveUnstamped();
    const existing = await db.actors.toArray();
    const deleted = new Set((await db.deletions.toArray()).map((d) => `${d.table}:${d.id}`));
    const idByName = new Map(existing.map((a) => [nameKey(a.name), a.id]));
    const remap = new Map<string, string>();
    for (const actor of set.actors) {
      const id = idByName.get(nameKey(actor.name));
      if (id && id !== actor.id) remap.set(actor.id, id);
    }
    const mapId = (id: string) => remap.get(id) ?? id;

    const missing = async <T extends { id: string }>(
      table: typeof db.signals | typeof db.actors | typeof db.redLines,
      rows: T[],
    ) => {
      const found = await table.bulkGet(rows.map((r) => r.id));
      return rows.filter((r, i) => !found[i] && !deleted.has(`${table.name}:${r.id}`));
    };
    const actors = set.actors.filter((a) => !remap.has(a.id) && !idByName.has(nameKey(a.name)));
    await db.actors.bulkAdd(await missing(db.actors, actors));
    const redLines = set.redLines.map((r) => ({
      ...r,
      actorId: mapId(r.actorId),
      targetId: mapId(r.targetId),
    }));
    await db.redLines.bulkAdd(await missing(db.redLines, redLines));
    const signals = set.signals.map((s) => ({
      ...s,
      senderId: mapId(s.senderId),
      receiverId: mapId(s.receiverId),
    }));
    const newSignals = await missing(db.signals, signals);
    await db.signals.bulkAdd(newSignals);
    return newSignals.length;
  });
  publish({ type: 'reload' });
  return added;
}
