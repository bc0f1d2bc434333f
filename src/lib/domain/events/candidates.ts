/**
 * From rows of an event file to candidate events for the inbox: the actors a
 * file names and how often, the mapping of those to Parallax actors, and the
 * filter that keeps one candidate per event between two mapped actors.
 */
import type { Actor, CalendarDate, Kind, Timestamp } from '../types';
import { describeCode, kindFor, suggestedResolve } from './crosswalk';
import type { Dataset, EventRow } from './formats';
import { countOf } from '../format';

/** A machine-coded event waiting in the inbox for an analyst to accept or dismiss it. */
export interface CandidateEvent {
  /** The event key, `dataset:eventId`: the same event keeps it in every file. */
  id: string;
  /** Date, actors, code and source address (see `contentKey`), or empty when the event has no address. */
  dupKey: string;
  dataset: Dataset;
  eventId: string;
  date: CalendarDate;
  senderId: string;
  receiverId: string;
  /** The sides as the file named them. */
  senderLabel: string;
  receiverLabel: string;
  /** False for ACLED: the analyst chooses the direction on acceptance. */
  directed: boolean;
  code: string;
  kind: Kind;
  what: string;
  url: string;
  score: number | null;
  /** The crosswalked resolve, 0–100, or null. */
  resolve: number | null;
  mentions: number | null;
  file: string;
  addedAt: Timestamp;
}

/** An event being accepted: the signal form opens filled from it, with a suggested resolve. */
export interface EventOrigin {
  candidate: CandidateEvent;
  /** The crosswalked resolve, or null when the event gives none. */
  suggested: number | null;
  /** Where the suggestion comes from, in words. */
  basis: string;
}

/** What an analyst did with an event: remembered so that importing the file again does not bring it back. */
export interface TriagedEvent {
  key: string;
  dupKey: string;
  outcome: 'accepted' | 'dismissed';
  at: Timestamp;
  /**
   * An accepted event as the wire's view counts it: the event's date and
   * crosswalked resolve, on the dyad it was accepted into. Absent for a
   * dismissed event, and for one accepted before the wire's view existed.
   */
  wire?: { date: CalendarDate; senderId: string; receiverId: string; resolve: number | null };
}

/** A file actor's remembered mapping: an actor's id, or null for "leave out". */
export interface ActorMapping {
  key: string;
  actorId: string | null;
}

export const eventKey = (dataset: Dataset, eventId: string) => `${dataset}:${eventId}`;

/**
 * GDELT re-emits an event under a new id when another article reports it:
 * the same day, actors, event code and source address make one event. An event
 * with no address cannot be told from another of its kind that day, so it has
 * no content key.
 */
export function contentKey(
  date: CalendarDate,
  senderId: string,
  receiverId: string,
  code: string,
  url: string,
): string {
  return url ? [date, senderId, receiverId, code, url].join('\u0000') : '';
}

// ------------------------------------------------------------------ actors

export interface FileActorCount {
  key: string;
  name: string;
  /** Events naming this actor on either side. */
  count: number;
}

/** Counts the actors a file names, each once per event. */
export class ActorCounter {
  readonly #counts = new Map<string, FileActorCount>();

  add(row: EventRow): void {
    const seen = new Set<string>();
    for (const actor of [...row.senders, ...row.receivers]) {
      if (seen.has(actor.key)) continue;
      seen.add(actor.key);
      this.#count(actor.key, actor.name);
    }
  }

  /** An event with one actor a side, as a GDELT row names them (an empty code is no actor). */
  addPair(key1: string, name1: string, key2: string, name2: string): void {
    if (key1) this.#count(key1, name1 || key1);
    if (key2 && key2 !== key1) this.#count(key2, name2 || key2);
  }

  #count(key: string, name: string): void {
    const entry = this.#counts.get(key);
    if (entry) entry.count++;
    else this.#counts.set(key, { key, name, count: 1 });
  }

  /** Most events first, then by key. */
  list(): FileActorCount[] {
    return [...this.#counts.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
}

const fold = (s: string) => s.trim().toLocaleLowerCase('en-US');

/**
 * Where each file actor goes, before the analyst changes anything: a mapping
 * remembered from an earlier file; else the actor whose code or name matches;
 * else nothing (left out).
 */
export function defaultMapping(
  fileActors: readonly { key: string; name: string }[],
  actors: readonly Actor[],
  remembered: ReadonlyMap<string, string | null>,
): Record<string, string | null> {
  const known = new Set(actors.map((a) => a.id));
  const byCode = new Map(actors.map((a) => [fold(a.code), a.id]));
  const byName = new Map(actors.map((a) => [fold(a.name), a.id]));
  const mapping: Record<string, string | null> = {};
  for (const { key, name } of fileActors) {
    const before = remembered.get(key);
    if (before === null || (before !== undefined && known.has(before))) {
      mapping[key] = before;
      continue;
    }
    mapping[key] =
      byCode.get(fold(key)) ??
      byName.get(fold(key)) ??
      byName.get(fold(name)) ??
      byCode.get(fold(name)) ??
      null;
  }
  return mapping;
}

// ------------------------------------------------------------------ filter

export interface FilterTally {
  /** Rows read without a problem. */
  read: number;
  /** At least one side maps to no actor. */
  leftOut: number;
  /** Both sides map to one actor. */
  sameActor: number;
  /** Collapsed into an earlier row of the file: the same id, or the same content. */
  duplicates: number;
}

/**
 * Keeps the rows between two different mapped actors, one candidate per event.
 * It holds only the candidates it keeps, until they are taken, so a file of a
 * million rows between actors nobody follows costs next to nothing.
 */
export class CandidateFilter {
  readonly tally: FilterTally = { read: 0, leftOut: 0, sameActor: 0, duplicates: 0 };
  #kept: CandidateEvent[] = [];
  #keptCount = 0;
  readonly #ids = new Set<string>();
  readonly #contents = new Set<string>();
  readonly #mapping: ReadonlyMap<string, string>;

  constructor(
    mapping: Readonly<Record<string, string | null>>,
    readonly origin: { file: string; addedAt: Timestamp },
  ) {
    this.#mapping = new Map(
      Object.entries(mapping).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  }

  #side(actors: EventRow['senders']): { id: string; label: string } | null {
    for (const actor of actors) {
      const id = this.#mapping.get(actor.key);
      if (id) return { id, label: actor.name };
    }
    return null;
  }

  /**
   * Settles an event with one actor a side from its actor codes alone, when
   * they suffice: a side left out, or both sides one actor. False when the
   * event needs reading whole.
   */
  settleAtGlance(key1: string, key2: string): boolean {
    const sender = this.#mapping.get(key1);
    const receiver = this.#mapping.get(key2);
    if (sender && receiver && sender !== receiver) return false;
    this.tally.read++;
    if (sender && sender === receiver) this.tally.sameActor++;
    else this.tally.leftOut++;
    return true;
  }

  add(row: EventRow): void {
    this.tally.read++;
    const sender = this.#side(row.senders);
    const receiver = sender && this.#side(row.receivers);
    if (!sender || !receiver) {
      this.tally.leftOut++;
      return;
    }
    if (sender.id === receiver.id) {
      this.tally.sameActor++;
      return;
    }
    const id = eventKey(row.dataset, row.eventId);
    const dupKey = contentKey(row.date, sender.id, receiver.id, row.code, row.url);
    if (this.#ids.has(id) || (dupKey && this.#contents.has(dupKey))) {
      this.tally.duplicates++;
      return;
    }
    // A copy made of fresh strings: the row's are cut from a chunk of the file,
    // and each would keep its whole chunk alive, and so, over a file, all of it.
    const candidate = structuredClone<CandidateEvent>({
      id,
      dupKey,
      dataset: row.dataset,
      eventId: row.eventId,
      date: row.date,
      senderId: sender.id,
      receiverId: receiver.id,
      senderLabel: sender.label,
      receiverLabel: receiver.label,
      directed: row.directed,
      code: row.code,
      kind: kindFor(row.dataset, row.code),
      what: row.what || describeCode(row.dataset, row.code),
      url: row.url,
      score: row.score,
      resolve: suggestedResolve(row.dataset, row.code, row.score),
      mentions: row.mentions,
      file: this.origin.file,
      addedAt: this.origin.addedAt,
    });
    this.#ids.add(candidate.id);
    if (candidate.dupKey) this.#contents.add(candidate.dupKey);
    this.#kept.push(candidate);
    this.#keptCount++;
  }

  /**
   * The candidates kept since the last call, in file order: they can be
   * written while the rest of the file is read. Events later in the file are
   * still checked against them.
   */
  take(): CandidateEvent[] {
    const kept = this.#kept;
    this.#kept = [];
    return kept;
  }

  /** Candidates kept so far, taken or not. */
  get kept(): number {
    return this.#keptCount;
  }
}

/** What adding a file to the inbox did, every row accounted for. */
export interface InboxOutcome extends FilterTally {
  added: number;
  /** Already in the inbox from an earlier file. */
  inInbox: number;
  /** Accepted or dismissed before. */
  triaged: number;
  /** Rows skipped as unreadable. */
  bad: number;
}

/** The outcome in one sentence, naming the file. */
export function describeInboxOutcome(fileName: string, o: InboxOutcome): string {
  const parts = [
    o.leftOut && `${countOf(o.leftOut, 'event')} between actors left out`,
    o.sameActor && `${countOf(o.sameActor, 'event')} whose two sides map to one actor`,
    o.duplicates && `${countOf(o.duplicates, 'duplicate')}`,
    o.inInbox && `${countOf(o.inInbox, 'event')} already in the inbox`,
    o.triaged && `${countOf(o.triaged, 'event')} accepted or dismissed before`,
    o.bad && `${countOf(o.bad, 'unreadable row')}`,
  ].filter(Boolean);
  return `${fileName}: ${countOf(o.added, 'candidate event')} added to the inbox${parts.length ? `; left aside: ${parts.join(', ')}` : ''}.`;
}
