import { addCandidates } from '../db/inbox';
import {
  ActorCounter,
  CandidateFilter,
  type CandidateEvent,
  type InboxOutcome,
} from '../domain/events/candidates';
import { EventFileError, EventStream } from '../domain/events/stream';
import { IssueList } from '../domain/issues';
import { readEventFile } from './event-reader';
import type { EventsReply, EventsRequest, EventsStep } from './events-protocol';
import { errorData } from './error-data';

export type Post = (reply: EventsReply) => void;

/**
 * The events worker's work, apart from the worker itself so that it also runs
 * in-thread where no worker is available (Node under test).
 */
export function createEventsHandler(post: Post): (request: EventsRequest) => Promise<void> {
  const progress = (step: EventsStep) => {
    let last = -1;
    // Posting every chunk would flood the page; a step in a hundred is enough for a bar.
    return (done: number, total: number) => {
      const pct = total ? Math.floor((100 * done) / total) : 0;
      if (pct === last && done !== total) return;
      last = pct;
      post({ type: 'progress', step, done, total });
    };
  };

  return async (request) => {
    try {
      if (request.type === 'scan') {
        const counter = new ActorCounter();
        const issues = new IssueList();
        let rows = 0;
        const stream = new EventStream(request.name, {
          row(row) {
            rows++;
            counter.add(row);
          },
          issue(place, line, field, problem) {
            issues.add(place, field, problem, line);
          },
          glance(g) {
            rows++;
            counter.addPair(g.actor1, g.actor1Name, g.actor2, g.actor2Name);
            return true;
          },
        });
        await readEventFile(request.file, request.name, (text) => stream.push(text), progress('reading'));
        stream.end();
        return post({
          type: 'scanned',
          format: stream.format?.label ?? '',
          rows,
          actors: counter.list(),
          issues: issues.items,
          issueCount: issues.count,
        });
      }
      const filter = new CandidateFilter(request.mapping, { file: request.name, addedAt: request.now });
      let bad = 0;
      const stream = new EventStream(
        request.name,
        {
          row: (row) => filter.add(row),
          issue: () => void bad++,
          glance: (g) => filter.settleAtGlance(g.actor1, g.actor2),
          pair: (actor1, actor2) => filter.settleAtGlance(actor1, actor2),
        },
        request.checked,
      );
      // The candidates of each part read are handed to the database at once, so
      // that writing them goes on while the rest of the file is read.
      const parts = new Handoff<CandidateEvent[]>();
      const reading = readEventFile(
        request.file,
        request.name,
        (text) => {
          stream.push(text);
          parts.put(filter.take());
        },
        progress('adding'),
        () => parts.pace(),
      )
        .then(() => {
          stream.end();
          parts.put(filter.take());
          post({ type: 'progress', step: 'writing', done: 0, total: filter.kept });
          parts.close();
        })
        .catch((error: unknown) => parts.fail(error));
      const added = await addCandidates(() => parts.next(), {
        actors: request.newActors,
        mappings: request.remember,
      }).finally(() => parts.fail(new Error('the inbox stopped taking events')));
      await reading;
      const outcome: InboxOutcome = { ...filter.tally, ...added, bad };
      post({ type: 'added', outcome });
    } catch (error) {
      if (error instanceof EventFileError) return post({ type: 'rejected', summary: error.message });
      post({ type: 'failed', error: errorData(error) });
    }
  };
}

/** How long the reader goes on before the writer gets a turn. */
const TURN_MS = 16;

/**
 * Parts handed from the file's reader to the database's writer. Every part
 * the reader puts (an empty one too) wakes the writer, so it never waits
 * longer than one part of the file takes to read.
 */
class Handoff<T extends unknown[]> {
  #parts: T[] = [];
  #closed = false;
  #failure: { error: unknown } | null = null;
  #wake: (() => void) | null = null;
  #turn: MessagePort | null = null;
  #turnEnds: (() => void) | null = null;
  #lastTurn = 0;

  /** Adds a part; throws once the writer has stopped, which ends the reading. */
  put(part: T): void {
    if (this.#failure) throw this.#failure.error;
    this.#parts.push(part);
    this.#notify();
  }

  close(): void {
    this.#closed = true;
    this.#end();
  }

  fail(error: unknown): void {
    this.#failure ??= { error };
    this.#end();
  }

  #end(): void {
    this.#turn?.close();
    this.#turn = null;
    // A turn under way when the port closes would never end.
    this.#turnEnds?.();
    this.#turnEnds = null;
    this.#notify();
  }

  /**
   * Lets the writer run now and then. The file's parts mostly arrive without
   * the reader ever leaving its microtasks, and the database answers the
   * writer in tasks of their own: without a turn, nothing would be written
   * until the whole file was read. A message to itself is a task with no
   * timer's minimum delay.
   */
  async pace(): Promise<void> {
    const now = performance.now();
    if (now - this.#lastTurn < TURN_MS) return;
    if (!this.#turn) {
      const channel = new MessageChannel();
      channel.port2.onmessage = () => this.#turnEnds?.();
      this.#turn = channel.port1;
    }
    await new Promise<void>((resolve) => {
      this.#turnEnds = resolve;
      this.#turn!.postMessage(null);
    });
    this.#lastTurn = performance.now();
  }

  /** Every part put since the last call, as one; null once closed and drained. */
  async next(): Promise<T | null> {
    while (!this.#parts.length && !this.#closed && !this.#failure)
      await new Promise<void>((resolve) => (this.#wake = resolve));
    if (this.#failure) throw this.#failure.error;
    if (!this.#parts.length) return null;
    const parts = this.#parts;
    this.#parts = [];
    return (parts.length === 1 ? parts[0] : parts.flat()) as T;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
