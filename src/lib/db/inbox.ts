/**
 * The event inbox: candidate events, the actor mappings remembered between
 * files, and the events already accepted or dismissed.
 */
import type {
  ActorMapping,
  CandidateEvent,
  FilterTally,
  InboxOutcome,
  TriagedEvent,
} from '../domain/events/candidates';
import type { Actor, Signal, SignalDraft } from '../domain/types';
import { publish } from './changes';
import { db, leaveUnstamped } from './database';
import { now } from './ids';
import { checkReferences, newSignal } from './signals';

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

/**
 * Adds the candidates a file yielded, in one transaction with the actors the
 * analyst added for it and the mappings to remember, leaving out events
 * already in the inbox and those accepted or dismissed before (by key, or by
 * content for an event GDELT re-emitted under a new id).
 */
export async function addCandidates(
  candidates: readonly CandidateEvent[],
  tally: FilterTally,
  bad: number,
  extra: { actors: readonly Actor[]; mappings: readonly ActorMapping[] } = { actors: [], mappings: [] },
): Promise<InboxOutcome> {
  const ids = candidates.map((c) => c.id);
  const contents = [...new Set(candidates.map((c) => c.dupKey).filter(Boolean))];
  const outcome = await db.transaction(
    'rw',
    [db.candidates, db.triaged, db.actors, db.actorMappings],
    async () => {
      // The inbox is not in a backup: only new actors make one due.
      if (!extra.actors.length) leaveUnstamped();
      if (extra.actors.length) await db.actors.bulkAdd([...extra.actors]);
      if (extra.mappings.length) await db.actorMappings.bulkPut([...extra.mappings]);
      // An empty inbox, or no event ever triaged, needs no look-up of 20,000 keys.
      const [inboxSize, triagedSize] = await Promise.all([db.candidates.count(), db.triaged.count()]);
      const [inboxById, inboxByContent, triagedById, triagedByContent] = await Promise.all([
        inboxSize ? db.candidates.bulkGet(ids) : [],
        inboxSize && contents.length ? db.candidates.where('dupKey').anyOf(contents).toArray() : [],
        triagedSize ? db.triaged.bulkGet(ids) : [],
        triagedSize && contents.length ? db.triaged.where('dupKey').anyOf(contents).toArray() : [],
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
      let inboxCount = 0;
      let triagedCount = 0;
      for (const c of candidates) {
        if (done.has(c.id) || (c.dupKey && done.has(c.dupKey))) triagedCount++;
        else if (inInbox.has(c.id) || (c.dupKey && inInbox.has(c.dupKey))) inboxCount++;
        else fresh.push(c);
      }
      await db.candidates.bulkAdd(fresh);
      return { ...tally, added: fresh.length, inInbox: inboxCount, triaged: triagedCount, bad };
    },
  );
  if (extra.actors.length) publish({ table: 'actors', type: 'put', records: [...extra.actors] });
  return outcome;
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
 * Accepting an event: the signal is written, the candidate leaves the inbox
 * and the event is remembered as accepted, all or nothing.
 */
export async function acceptCandidate(candidate: CandidateEvent, draft: SignalDraft): Promise<Signal> {
  const signal = newSignal(draft);
  await db.transaction('rw', [db.signals, db.actors, db.redLines, db.candidates, db.triaged], async () => {
    await checkReferences(signal);
    await db.signals.add(signal);
    await db.candidates.delete(candidate.id);
    await db.triaged.put({
      key: candidate.id,
      dupKey: candidate.dupKey,
      outcome: 'accepted',
      at: signal.createdAt,
    });
  });
  publish({ table: 'signals', type: 'put', records: [signal] });
  return signal;
}

/** Puts a dismissed candidate back (undo). */
export async function restoreCandidate(candidate: CandidateEvent): Promise<void> {
  await db.transaction('rw', db.candidates, db.triaged, async () => {
    leaveUnstamped();
    await db.triaged.delete(candidate.id);
    await db.candidates.put(candidate);
  });
}
