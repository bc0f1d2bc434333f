/**
 * The event inbox: candidate events, the actor mappings remembered between
 * files, and the events already accepted or dismissed.
 */
import Dexie from 'dexie';
import type { ActorMapping, CandidateEvent, InboxOutcome, TriagedEvent } from '../domain/events/candidates';
import type { WireEvent } from '../domain/events/wire';
import type { Actor, AssessmentDraft, Signal, SignalDraft } from '../domain/types';
import { scoringTables } from './assessments';
import { publish } from './changes';
import { db, leaveUnstamped } from './database';
import { now } from './ids';
import { assessmentDraftOf, insertSignal, newFacts, type FactsDraft } from './signals';

/** Every candidate, in date order (then by key, for a stable table). */
export async function listCandidates(): Promise<CandidateEvent[]> {
  return db.candidates.orderBy('date').toArray();
}

export async function countCandidates(): Promise<number> {
  return db.candidates.count();
}

export async function rememberedMappings(): Promise<Map<string, string | null>> {
  const rows = await db.actorMappings.toArray();
  return new Map(rows.map((r) => [r.key, r.actorId]));
}

/** What writing a file's candidates did with them. */
export type InboxAdded = Pick<InboxOutcome, 'added' | 'inInbox' | 'triaged'>;

/**
 * The candidates of a file as it is read: each call gives those read since
 * the last (perhaps none), null once the file is through; a file that cannot
 * be read rejects.
 */
export type CandidateBatches = () => Promise<readonly CandidateEvent[] | null>;

/**
 * Adds the candidates a file yields while it is still being read, in one
 * transaction with the actors the analyst added for it and the mappings to
 * remember, leaving out events already in the inbox and those accepted or
 * dismissed before (by key, or by content for an event GDELT re-emitted under
 * a new id). A file that fails part way writes nothing.
 */
export async function addCandidates(
  next: CandidateBatches,
  extra: { actors: readonly Actor[]; mappings: readonly ActorMapping[] } = { actors: [], mappings: [] },
): Promise<InboxAdded> {
  const added = await db.transaction(
    'rw',
    [db.candidates, db.triaged, db.actors, db.actorMappings],
    async () => {
      // The inbox is not in a backup: only new actors make one due.
      if (!extra.actors.length) leaveUnstamped();
      if (extra.actors.length) await db.actors.bulkAdd([...extra.actors]);
      if (extra.mappings.length) await db.actorMappings.bulkPut([...extra.mappings]);
      // An empty inbox, or no event ever triaged, needs no look-ups. The file's own
      // candidates written meanwhile never match a later one: the filter has
      // already collapsed the file's duplicates.
      const [inboxSize, triagedSize] = await Promise.all([db.candidates.count(), db.triaged.count()]);
      const counts: InboxAdded = { added: 0, inInbox: 0, triaged: 0 };
      for (;;) {
        // Reading the file is no IndexedDB request, and a transaction with none
        // pending commits: waitFor keeps this one open while the next part is read,
        // so that writing goes on beside reading and a file still adds all or nothing.
        const batch = await Dexie.waitFor(next());
        if (!batch) return counts;
        if (batch.length) await addBatch(batch, inboxSize > 0, triagedSize > 0, counts);
      }
    },
  );
  if (extra.actors.length) publish({ table: 'actors', type: 'put', records: [...extra.actors] });
  return added;
}

async function addBatch(
  candidates: readonly CandidateEvent[],
  inboxHolds: boolean,
  triagedHolds: boolean,
  counts: InboxAdded,
): Promise<void> {
  const ids = candidates.map((c) => c.id);
  const contents = [...new Set(candidates.map((c) => c.dupKey).filter(Boolean))];
  const [inboxById, inboxByContent, triagedById, triagedByContent] = await Promise.all([
    inboxHolds ? db.candidates.bulkGet(ids) : [],
    inboxHolds && contents.length ? db.candidates.where('dupKey').anyOf(contents).toArray() : [],
    triagedHolds ? db.triaged.bulkGet(ids) : [],
    triagedHolds && contents.length ? db.triaged.where('dupKey').anyOf(contents).toArray() : [],
  ]);
  const inInbox = new Set([
    ...inboxById.flatMap((c) => (c ? [c.id] : [])),
    ...inboxByContent.map((c) => c.dupKey),
  ]);
  const done = new Set([
    ...triagedById.flatMap((t) => (t ? [t.key] : [])),
    ...triagedByContent.map((t) => t.dupKey),
  ]);
  const fresh: CandidateEvent[] = [];
  for (const c of candidates) {
    if (done.has(c.id) || (c.dupKey && done.has(c.dupKey))) counts.triaged++;
    else if (inInbox.has(c.id) || (c.dupKey && inInbox.has(c.dupKey))) counts.inInbox++;
    else fresh.push(c);
  }
  await db.candidates.bulkAdd(fresh);
  counts.added += fresh.length;
}

/** Takes a candidate out of the inbox and remembers what became of it. */
export async function settleCandidate(
  candidate: CandidateEvent,
  outcome: TriagedEvent['outcome'],
): Promise<void> {
  await db.transaction('rw', db.candidates, db.triaged, async () => {
    // The inbox is not in a backup: dismissing an event makes none due.
    leaveUnstamped();
    await db.candidates.delete(candidate.id);
    await db.triaged.put({ key: candidate.id, dupKey: candidate.dupKey, outcome, at: now() });
  });
}

/**
 * Accepting an event: the signal is written with the analyst's assessment, the
 * candidate leaves the inbox and the event is remembered as accepted, all or
 * nothing. Without an assessment, the scores on the draft are the analyst's.
 */
export async function acceptCandidate(
  candidate: CandidateEvent,
  draft: SignalDraft | FactsDraft,
  assessment?: AssessmentDraft,
  analystId?: string,
): Promise<Signal> {
  const facts = newFacts(draft);
  const own = assessment ?? assessmentDraftOf(draft as SignalDraft);
  const { signal, added } = await db.transaction(
    'rw',
    [...scoringTables(), db.actors, db.redLines, db.candidates, db.triaged],
    async () => {
      const written = await insertSignal(facts, own, analystId);
      await db.candidates.delete(candidate.id);
      await db.triaged.put({
        key: candidate.id,
        dupKey: candidate.dupKey,
        outcome: 'accepted',
        at: facts.createdAt,
        wire: {
          date: candidate.date,
          senderId: facts.senderId,
          receiverId: facts.receiverId,
          resolve: candidate.resolve,
        },
      });
      return written;
    },
  );
  if (added) publish({ table: 'analysts', type: 'put', records: [added] });
  publish({ table: 'signals', type: 'put', records: [signal] });
  return signal;
}

/**
 * The events of a dyad for the wire's view: its candidates in the inbox (an
 * ACLED event, whose direction the analyst chooses on acceptance, counts in
 * either direction) and the events accepted into it. The inbox has no index
 * by dyad: it is read through, once, when the analyst asks for the view.
 */
export async function wireEvents(senderId: string, receiverId: string): Promise<WireEvent[]> {
  const ofDyad = (s: string, r: string) => s === senderId && r === receiverId;
  return db.transaction('r', db.candidates, db.triaged, async () => {
    const [inbox, accepted] = await Promise.all([
      db.candidates
        .filter((c) => ofDyad(c.senderId, c.receiverId) || (!c.directed && ofDyad(c.receiverId, c.senderId)))
        .toArray(),
      db.triaged.filter((t) => !!t.wire && ofDyad(t.wire.senderId, t.wire.receiverId)).toArray(),
    ]);
    return [
      ...inbox.map((c) => ({ date: c.date, resolve: c.resolve })),
      ...accepted.map((t) => ({ date: t.wire!.date, resolve: t.wire!.resolve })),
    ];
  });
}

/** Puts a dismissed candidate back (undo). */
export async function restoreCandidate(candidate: CandidateEvent): Promise<void> {
  await db.transaction('rw', db.candidates, db.triaged, async () => {
    leaveUnstamped();
    await db.triaged.delete(candidate.id);
    await db.candidates.put(candidate);
  });
}
