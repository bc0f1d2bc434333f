import Dexie from 'dexie';
import type { BackupData, StoredData } from '../domain/backup';
import {
  consensus,
  CONSENSUS_FIELDS,
  factsOf,
  withConsensus,
  type Consensus,
  type SignalFacts,
} from '../domain/consensus';
import {
  assessmentName,
  decide,
  decideDeletion,
  emptyOutcome,
  LEFT_ALONE_WHY,
  matchActorsByName,
  note,
  recordName,
  referencedIds,
  SIGNAL_STAMP_FIELDS,
  tally,
  type Conflict,
  type MergeDecision,
  type MergeOutcome,
  type TableOutcome,
} from '../domain/merge';
import { danglingReference } from '../domain/references';
import type {
  Actor,
  Analyst,
  Assessment,
  DeletableTable,
  Deletion,
  RedLine,
  Revision,
  Signal,
  Timestamp,
} from '../domain/types';
import { ANCESTORS_MAX, nextVersion, type Versioned } from '../domain/versions';
import { nameKey } from '../domain/names';
import { publish } from './changes';
import { db } from './database';
import { changingAnalyst, revisionOf, type Change } from './history';
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
export async function readAll(): Promise<StoredData> {
  const tables = [db.actors, db.redLines, db.signals, db.deletions, db.analysts, db.assessments];
  return db.transaction('r', tables, async () => {
    const [actors, redLines, signals, deletions, analysts, assessments] = await Promise.all([
      db.actors.toArray(),
      db.redLines.toArray(),
      db.signals.toArray(),
      db.deletions.toArray(),
      db.analysts.toArray(),
      db.assessments.toArray(),
    ]);
    return { actors, redLines, signals, deletions, analysts, assessments };
  });
}

/**
 * The assessments of these signals (of all, when none are named), by signal,
 * and every analyst, read in one transaction: what a CSV export writes beside
 * each signal.
 */
export async function readAssessments(
  signalIds?: readonly string[],
): Promise<{ analysts: Analyst[]; bySignal: Map<string, Assessment[]> }> {
  return db.transaction('r', [db.analysts, db.assessments], async () => {
    const analysts = await db.analysts.toArray();
    if (signalIds) return { analysts, bySignal: await assessmentsOfSignals(signalIds) };
    const bySignal = new Map<string, Assessment[]>();
    for (const a of await db.assessments.toArray()) group(bySignal, a.signalId, a);
    return { analysts, bySignal };
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

/** The assessments of these signals held here, by signal: one indexed read per chunk of signals. */
async function assessmentsOfSignals(signalIds: readonly string[]): Promise<Map<string, Assessment[]>> {
  const bySignal = new Map<string, Assessment[]>();
  for (let start = 0; start < signalIds.length; start += WRITE_CHUNK) {
    const ranges = signalIds.slice(start, start + WRITE_CHUNK).map((id) => [
      [id, Dexie.minKey],
      [id, Dexie.maxKey],
    ]) as [unknown, unknown][];
    const found = await db.assessments.where('[signalId+analystId]').inAnyRange(ranges).toArray();
    for (const a of found) group(bySignal, a.signalId, a);
  }
  return bySignal;
}

function group<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The tables that hold the analyst's data: an import writes them, Delete all data empties them. */
const dataTables = () => [
  db.actors,
  db.redLines,
  db.signals,
  db.deletions,
  db.analysts,
  db.assessments,
  db.revisions,
];

/**
 * Merges checked records into the database in one transaction: all of it is
 * written, or, when anything fails (a full disk, a cancel, a key the file
 * repeats), none of it. Each record is placed by `decide` (ancestry, edits made
 * outside Parallax, this database's deletions); conflicts are written nowhere
 * and come back, both versions, for the analyst. Incoming deletions newer than
 * the local record delete it; a deleted actor or red line that a record here
 * still uses stays. An incoming actor (or analyst) named like a local one
 * under another id becomes that local one, and its references follow; an
 * update that would give an actor another actor's name is refused with a sentence.
 *
 * Assessments are matched by id, or by their analyst and signal (an older
 * file's scores, upgraded on both sides under different ids, are one
 * analyst's one assessment): two analysts' scores never meet, so only one
 * analyst's own record can be in conflict. Assessments of a signal deleted
 * here, or by the file, are dropped. Every signal whose facts or assessments
 * change gets its consensus computed here, in memory, from what the
 * database holds and what the file brings, and is written once.
 *
 * Every signal and assessment the merge adds, changes or deletes gets its
 * revision in the history, in the same transaction, the version it replaced
 * kept so that `Restore` can bring it back: a signal's as the importing
 * analyst's change, an assessment's added or changed as its own analyst's
 * (the scores are theirs). A signal's history thus says what an import did to
 * it. The history is written with bulkAdd from what the merge already holds:
 * no record is read for it.
 *
 * The records in `data` are not copied: references in them are rewritten in
 * place when an actor or analyst is matched by name.
 */
export async function importData(data: BackupData, options: WriteOptions = {}): Promise<MergeOutcome> {
  const { chunkSize = WRITE_CHUNK, onProgress, shouldStop } = options;
  // `meta` for the importing analyst, whom the history names.
  const tables = [...dataTables(), db.meta];
  const outcome = await db.transaction('rw', tables, async () => {
    const result = emptyOutcome();
    const at = now();
    const importer = await changingAnalyst();
    /**
     * The history of what this merge changes or deletes: the versions it
     * replaces. A record it adds replaced nothing, so it adds no row: an
     * import of 100,000 signals into an empty store writes its records and
     * nothing beside them (PRODUCT §9), and each record's own createdAt and
     * analyst say where it came from.
     */
    const revisions: Revision[] = [];
    const record = (c: Change<Signal> | Change<Assessment>, by: string) => {
      const revision = revisionOf({ ...c, origin: 'import' }, by, at);
      // A newer version with the same content (edited, then edited back) changed nothing to show.
      if (revision.change !== 'edit' || revision.fields.length > 0) revisions.push(revision);
    };
    const localDeletions = new Map(
      (await db.deletions.toArray()).map((d) => [deletionKey(d.table, d.id), d]),
    );
    const deletedHere = (table: DeletableTable, id: string) => localDeletions.get(deletionKey(table, id));
    /** Deletions this merge undoes: a copy edited after the deletion came back. */
    const undone: [DeletableTable, string][] = [];
    const place = <T extends Actor | RedLine | SignalFacts>(
      table: DeletableTable,
      incoming: T,
      local: T | undefined,
    ): MergeDecision => {
      const deletion = local ? undefined : deletedHere(table, incoming.id);
      const stamps = table === 'signals' ? SIGNAL_STAMP_FIELDS : undefined;
      const decision = decide(incoming, local, deletion, stamps);
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

    // Analysts: matched by id, else by name (an older file's "Unattributed"
    // and this database's are one analyst), and names stay unique.
    const localAnalysts = await db.analysts.toArray();
    const analystMatches = matchActorsByName(data.analysts, localAnalysts);
    const analystById = new Map(localAnalysts.map((a) => [a.id, a]));
    const analystOwner = new Map(localAnalysts.map((a) => [nameKey(a.name), a.id]));
    const analystWrites: Analyst[] = [];
    for (const analyst of data.analysts) {
      if (analystMatches.has(analyst.id)) continue;
      const local = analystById.get(analyst.id);
      const decision = decide(analyst, local);
      const write = written(decision, analyst, local, at);
      const owner = write ? analystOwner.get(nameKey(write.name)) : undefined;
      if (write && owner !== undefined && owner !== write.id) {
        const other = analystById.get(owner)?.name ?? write.name;
        result.refused.push(
          `Analyst “${local?.name ?? write.name}” was not renamed “${write.name}”: another analyst here is called “${other}”. Rename one of them, then import the file again.`,
        );
        continue;
      }
      if (decision === 'conflict' && local)
        result.conflicts.push({ table: 'analysts', name: local.name, labels: {}, local, incoming: analyst });
      tally(result.analysts, decision, analyst.name);
      if (!write) continue;
      if (local) analystOwner.delete(nameKey(local.name));
      analystOwner.set(nameKey(write.name), write.id);
      analystWrites.push(write);
    }
    const analystNames = new Map<string, string>();
    for (const a of [...localAnalysts, ...data.analysts]) analystNames.set(a.id, a.name);
    const assessments = data.assessments;
    if (analystMatches.size) {
      for (const a of assessments) a.analystId = analystMatches.get(a.analystId)?.id ?? a.analystId;
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
    const need = (s: SignalFacts) => {
      neededActors.add(s.senderId);
      neededActors.add(s.receiverId);
      if (s.redLineId) neededRedLines.add(s.redLineId);
    };

    // An empty store with no deletions of signals holds nothing to match:
    // every signal and assessment is added, and no 100,000 ids need looking up.
    const empty =
      (await db.signals.count()) === 0 &&
      (await db.assessments.count()) === 0 &&
      ![...localDeletions.values()].some((d) => d.table === 'signals');
    const total = signals.length;
    /** The signals this merge writes: the file's, less those left alone or in conflict. */
    let writtenSignals: SignalFacts[] = signals;
    let assessmentWrites: Assessment[] = [];
    /** The signals written (facts and consensus), adds and puts apart. */
    const signalAdds: Signal[] = [];
    const signalPuts: Signal[] = [];
    const signalTitle = new Map<string, string>();
    const nameOf = (a: Assessment) => () =>
      assessmentName(analystNames.get(a.analystId) ?? a.analystId, signalTitle.get(a.signalId) ?? a.signalId);

    if (empty) {
      const bySignal = new Map<string, Assessment[]>();
      for (const a of assessments) {
        group(bySignal, a.signalId, a);
        keepAncestry(a);
      }
      for (const s of signals) {
        tally(result.signals, 'add', s.title);
        keepAncestry(s);
        signalAdds.push(withConsensus(s, consensus(bySignal.get(s.id) ?? [])!));
      }
      if (reviving) signals.forEach(need);
      for (const s of signals) signalTitle.set(s.id, s.title);
      for (const a of assessments) tally(result.assessments, 'add', nameOf(a));
      // All of them, as they come (200,000 would overflow the arguments of a push).
      assessmentWrites = assessments;
    } else {
      writtenSignals = [];
      /** Every signal of the file held here, and the facts this merge writes, by id. */
      const localSignals = new Map<string, Signal>();
      const factWrites = new Map<string, { facts: SignalFacts; add: boolean }>();
      /** Signals of the file that stay away: deleted here and not brought back. */
      const away = new Set<string>();
      for (let start = 0; start < total; start += chunkSize) {
        if (shouldStop?.()) throw new ImportCancelledError();
        const chunk = signals.slice(start, start + chunkSize);
        const local = await db.signals.bulkGet(chunk.map((s) => s.id));
        chunk.forEach((s, i) => {
          const held = local[i];
          if (held) localSignals.set(s.id, held);
          const decision = place('signals', s, held);
          tally(result.signals, decision, s.title);
          if (decision === 'deleted-here') away.add(s.id);
          const write = written(decision, s, held, at);
          if (!write) return;
          if (reviving) need(write);
          writtenSignals.push(write);
          factWrites.set(s.id, { facts: write, add: decision === 'add' });
        });
      }
      for (const s of signals) signalTitle.set(s.id, s.title);

      // Signals the file deletes: their assessments go with them, here and in the file.
      for (const gone of await signalsDeletedBy(data.deletions ?? [])) {
        away.add(gone.id);
        signalTitle.set(gone.id, gone.title);
      }

      // The assessments of every signal this merge touches, as held here.
      const touched = new Set<string>(factWrites.keys());
      for (const a of assessments) if (!away.has(a.signalId)) touched.add(a.signalId);
      const touchedIds = [...touched];
      const held = await assessmentsOfSignals(touchedIds);
      // Signals scored in the file but not carried by it: their records, for the consensus.
      const missing = touchedIds.filter((id) => !localSignals.has(id) && !factWrites.has(id));
      if (missing.length) {
        const found = await db.signals.bulkGet(missing);
        found.forEach((s, i) => {
          if (s) localSignals.set(missing[i], s);
          else away.add(missing[i]);
        });
      }
      for (const s of localSignals.values()) if (!signalTitle.has(s.id)) signalTitle.set(s.id, s.title);

      const changed = new Map<string, Assessment[]>();
      for (const incoming of assessments) {
        if (away.has(incoming.signalId)) {
          note(result.assessments.leftAlone, nameOf(incoming), LEFT_ALONE_WHY['signal-deleted']);
          continue;
        }
        const list = held.get(incoming.signalId) ?? [];
        const local =
          list.find((a) => a.id === incoming.id) ?? list.find((a) => a.analystId === incoming.analystId);
        // The same analyst's scores of the same signal under another id: one assessment.
        // A spreadsheet's row has no times of its own: it is the version held here,
        // unchanged or edited outside Parallax.
        const copy = !local
          ? incoming
          : data.unstamped
            ? { ...incoming, id: local.id, ...stampsOf(local) }
            : local.id !== incoming.id
              ? // Made apart, the same analyst's scores of one signal: when they were first made is no content.
                { ...incoming, id: local.id, createdAt: local.createdAt }
              : incoming;
        const decision = decide(copy, local);
        tally(result.assessments, decision, nameOf(copy));
        if (decision === 'conflict' && local) {
          result.conflicts.push({
            table: 'assessments',
            name: assessmentName(
              analystNames.get(local.analystId) ?? local.analystId,
              signalTitle.get(local.signalId) ?? local.signalId,
            ),
            labels: {},
            local,
            incoming: copy,
          });
        }
        const write = written(decision, copy, local, at);
        if (!write) continue;
        assessmentWrites.push(write);
        group(changed, write.signalId, write);
        if (decision !== 'add' && local)
          record(
            {
              table: 'assessments',
              signalId: write.signalId,
              recordId: write.id,
              before: local,
              after: write,
            },
            write.analystId,
          );
      }

      // Each touched signal once: its facts (the file's, or those held here) with
      // the consensus of its assessments after the merge.
      for (const id of touchedIds) {
        if (away.has(id)) continue;
        const facts = factWrites.get(id);
        const updates = changed.get(id);
        if (!facts && !updates) continue;
        const byId = new Map((held.get(id) ?? []).map((a) => [a.id, a]));
        for (const a of updates ?? []) byId.set(a.id, a);
        const local = localSignals.get(id);
        const base = facts ? facts.facts : factsOf(local!);
        // A signal held here that nobody has scored yet keeps the consensus it has.
        const cache = consensus([...byId.values()]) ?? (local ? cacheOf(local) : null);
        if (!cache) throw new Error(`signal “${base.title}” would have no assessment`);
        const next = withConsensus(base, cache);
        if (facts?.add) signalAdds.push(next);
        else signalPuts.push(next);
        // The consensus is derived, not history: only a change of the facts is recorded.
        if (facts && !facts.add && local)
          record({ table: 'signals', signalId: id, recordId: id, before: local, after: next }, importer);
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
    // database as it is now (a throw here rolls back whatever was written).
    const dangling = danglingReference(
      { redLines: redLineWrites, signals: writtenSignals },
      new Set([...localActors.map((a) => a.id), ...actorWrites.map((a) => a.id)]),
      new Set([...redLineById.keys(), ...redLineWrites.map((r) => r.id)]),
    );
    if (dangling) throw new DanglingReferenceError(dangling);
    const analystIds = new Set([...localAnalysts.map((a) => a.id), ...analystWrites.map((a) => a.id)]);
    const unknownAnalyst = assessmentWrites.find((a) => !analystIds.has(a.analystId));
    if (unknownAnalyst)
      throw new DanglingReferenceError(
        `assessment “${nameOf(unknownAnalyst)()}” names an analyst that no longer exists`,
      );

    const count = signalAdds.length + signalPuts.length;
    const step = (done: number) => onProgress?.(Math.min(done, count), count);
    await addAll(db.signals, signalAdds, chunkSize, step, shouldStop);
    if (signalPuts.length) {
      await db.signals.bulkPut(signalPuts);
      step(count);
    }
    await addAll(db.assessments, assessmentWrites, chunkSize, () => undefined, shouldStop, true);
    await db.analysts.bulkPut(analystWrites);
    await db.actors.bulkPut(actorWrites);
    await db.redLines.bulkPut(redLineWrites);
    if (undone.length) await db.deletions.bulkDelete(undone);
    await applyDeletions(data.deletions ?? [], localDeletions, result, (c) => record(c, importer));
    await addAll(db.revisions, revisions, chunkSize, () => undefined, shouldStop);
    return result;
  });
  publish({ type: 'reload' });
  return outcome;
}

/** A record's version stamps, its ancestry only where it has one. */
function stampsOf(record: Assessment): Pick<Assessment, 'createdAt' | 'updatedAt' | 'ancestors'> {
  return {
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.ancestors ? { ancestors: record.ancestors } : {}),
  };
}

/** The consensus a signal record holds, as it holds it. */
function cacheOf(signal: Signal): Consensus {
  const cache: Partial<Signal> = {};
  for (const field of CONSENSUS_FIELDS) if (field in signal) Object.assign(cache, { [field]: signal[field] });
  return cache as Consensus;
}

/** The signals a file's deletions delete here: those whose deletion is newer than the version held. */
async function signalsDeletedBy(deletions: readonly Deletion[]): Promise<Signal[]> {
  const list = deletions.filter((d) => d.table === 'signals');
  if (list.length === 0) return [];
  const locals = await db.signals.bulkGet(list.map((d) => d.id));
  return locals.filter((s, i): s is Signal => decideDeletion(list[i], s) === 'delete');
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
  record: (change: Change<Signal> | Change<Assessment>) => void,
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
        if (table === 'signals')
          record({
            table,
            signalId: deletion.id,
            recordId: deletion.id,
            before: local as Signal,
            after: null,
          });
      }
      const held = localDeletions.get(deletionKey(table, deletion.id));
      if (!held || Date.parse(held.deletedAt) < Date.parse(deletion.deletedAt)) kept.push(deletion);
    }
    if (gone.length) await store.bulkDelete(gone);
    // A signal's assessments go with it: one deletion record for the signal is enough.
    if (table === 'signals' && gone.length) {
      const held = [...(await assessmentsOfSignals(gone)).values()].flat();
      await db.assessments.bulkDelete(held.map((a) => a.id));
      for (const a of held)
        record({ table: 'assessments', signalId: a.signalId, recordId: a.id, before: a, after: null });
    }
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
 * Adds records chunk by chunk, inside the caller's transaction. Each chunk is
 * handed to the database before the previous one is awaited, so the database
 * writes one chunk while this thread copies the next: as fast as a single
 * bulkAdd, with progress and a chance to cancel between chunks. `put` writes
 * over what is held (an assessment the merge updates).
 */
async function addAll<T>(
  table: Dexie.Table<T, string>,
  records: readonly T[],
  chunkSize: number,
  onProgress: (done: number) => void,
  shouldStop: WriteOptions['shouldStop'],
  put = false,
): Promise<void> {
  const total = records.length;
  let inFlight: { write: Promise<unknown>; end: number } | null = null;
  for (let start = 0; start < total; start += chunkSize) {
    if (shouldStop?.()) throw new ImportCancelledError();
    const end = Math.min(start + chunkSize, total);
    const chunk = records.slice(start, end);
    const write = put ? table.bulkPut(chunk) : table.bulkAdd(chunk);
    // A failure surfaces where the chunk is awaited; this only keeps the
    // promise from counting as unhandled while an earlier chunk is awaited.
    write.catch(() => undefined);
    if (inFlight) {
      await inFlight.write;
      onProgress(inFlight.end);
    }
    inFlight = { write, end };
  }
  if (inFlight) {
    await inFlight.write;
    onProgress(inFlight.end);
  }
}

/**
 * Deletes every actor, red line and signal in one transaction, and the
 * deletion records and the history too (a deleted signal's history still
 * holds its content): this browser starts afresh, and a backup imported
 * next is taken whole. Settings and backup dates stay.
 */
export async function clearAll(): Promise<void> {
  const tables = dataTables();
  await db.transaction('rw', tables, async () => {
    await Promise.all(tables.map((t) => t.clear()));
  });
  publish({ type: 'reload' });
}
