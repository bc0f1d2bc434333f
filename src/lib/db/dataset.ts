import { consensus, factsOf, withConsensus } from '../domain/consensus';
import { nameKey } from '../domain/names';
import type { Actor, Analyst, Assessment, RedLine, Signal } from '../domain/types';
import { unattributedAnalyst } from './analysts';
import { assessmentDraftOf } from './signals';
import { publish } from './changes';
import { db, leaveUnstamped } from './database';
import { revisionOf } from './history';

export interface DataSet {
  actors: Actor[];
  redLines: RedLine[];
  /** Signals; the scores on one that `assessments` does not score are its analyst's (below). */
  signals: Signal[];
  /** The analysts of `assessments`; the first also scores the signals no assessment scores. */
  analysts?: Analyst[];
  assessments?: Assessment[];
}

/**
 * Adds a ready-made data set (the example) in one transaction. Records already
 * present by id are left as the analyst has them, so loading twice adds nothing;
 * an actor that already exists under the same name is reused, not duplicated,
 * and a record the analyst deleted stays deleted.
 * Returns how many signals were added.
 */
export async function addDataSet(set: DataSet): Promise<number> {
  const added = await db.transaction(
    'rw',
    [db.actors, db.redLines, db.signals, db.deletions, db.analysts, db.assessments, db.revisions],
    async () => {
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
      if (newSignals.length === 0) return 0;
      // Analysts by name as actors are: one already stored under the name is that analyst.
      const analystIds = new Map<string, string>();
      for (const a of set.analysts ?? []) analystIds.set(a.id, (await storedAnalyst(a)).id);
      const fallback = set.analysts?.length
        ? analystIds.get(set.analysts[0].id)!
        : (await unattributedAnalyst()).analyst.id;
      const given = new Map<string, Assessment[]>();
      for (const a of set.assessments ?? []) {
        const list = given.get(a.signalId) ?? [];
        list.push({ ...a, analystId: analystIds.get(a.analystId) ?? a.analystId });
        given.set(a.signalId, list);
      }
      const assessments = newSignals.map(
        (s): Assessment[] =>
          given.get(s.id) ?? [
            {
              id: `${s.id}~${fallback}`,
              signalId: s.id,
              analystId: fallback,
              ...assessmentDraftOf(s),
              createdAt: s.createdAt,
              updatedAt: s.updatedAt,
            },
          ],
      );
      // Each signal's consensus from its assessments, in memory: nothing is read back.
      await db.signals.bulkAdd(
        newSignals.map((s, i) => withConsensus(factsOf(s), consensus(assessments[i])!)),
      );
      await db.assessments.bulkAdd(assessments.flat());
      await db.revisions.bulkAdd(
        newSignals.flatMap((s, i) => [
          revisionOf(
            { table: 'signals', signalId: s.id, recordId: s.id, before: null, after: s },
            fallback,
            s.createdAt,
          ),
          ...assessments[i].map((a) =>
            revisionOf(
              { table: 'assessments', signalId: s.id, recordId: a.id, before: null, after: a },
              a.analystId,
              a.createdAt,
            ),
          ),
        ]),
      );
      return newSignals.length;
    },
  );
  publish({ type: 'reload' });
  return added;
}

/**
 * Inside the caller's transaction: a data set's analyst as stored, added when
 * missing; an analyst of the same name already stored is that analyst.
 */
async function storedAnalyst(given: Analyst): Promise<Analyst> {
  const byId = await db.analysts.get(given.id);
  if (byId) return byId;
  const key = nameKey(given.name);
  const byName = await db.analysts.filter((a) => nameKey(a.name) === key).first();
  if (byName) return byName;
  await db.analysts.add(given);
  return given;
}
