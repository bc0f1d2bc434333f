import { listCandidates } from '../db/inbox';
import type { CandidateEvent, FileActorCount } from '../domain/events/candidates';
import { dyadKey } from '../domain/table';
import type { ImportIssue } from '../domain/issues';
import type { EventsStep } from '../workers/events-protocol';
import { LiveQuery } from './live.svelte';

/** An event file read through once, waiting for the analyst. */
export interface EventsReview {
  format: string;
  rows: number;
  actors: FileActorCount[];
  /** Where each file actor goes: an actor's id, `new`, or '' to leave it out. */
  mapping: Record<string, string>;
  issues: ImportIssue[];
  issueCount: number;
  /** The analyst has seen the unreadable rows and chosen to go on without them. */
  skipBad: boolean;
}

export interface EventsProgress {
  step: EventsStep;
  done: number;
  total: number;
}

export interface InboxFilters {
  /** A dyad as `dyadKey` writes it, or '' for every dyad. */
  dyad: string;
  from: string;
  to: string;
  kind: string;
}

const NO_FILTERS: InboxFilters = { dyad: '', from: '', to: '', kind: '' };

/**
 * The inbox as the Inbox view shows it: the candidates, the filters and the
 * row in focus, and the event file being imported. Services drive the import;
 * components read it.
 */
class Inbox {
  #query: LiveQuery<CandidateEvent[]> | null = $state(null);
  /** Bumped to read again after a write the live query may not see (the worker's). */
  #generation = $state(0);
  #filters = $state.raw<InboxFilters>(NO_FILTERS);
  #selected = $state(0);

  #fileName = $state('');
  #progress = $state.raw<EventsProgress | null>(null);
  #review = $state.raw<EventsReview | null>(null);
  #status = $state('');
  #alert = $state('');

  readonly all: CandidateEvent[] = $derived(this.#query?.current ?? []);
  readonly loaded: boolean = $derived(this.#query?.current !== undefined);
  readonly error: Error | null = $derived(this.#query?.error ?? null);
  readonly shown: CandidateEvent[] = $derived.by(() => {
    const { dyad, from, to, kind } = this.#filters;
    return this.all.filter(
      (c) =>
        (!dyad || dyadKey(c.senderId, c.receiverId) === dyad) &&
        (!from || c.date >= from) &&
        (!to || c.date <= to) &&
        (!kind || c.kind === kind),
    );
  });
  /** The row in focus for keyboard triage, kept inside the list. */
  readonly selected: number = $derived(Math.min(this.#selected, Math.max(0, this.shown.length - 1)));

  /** Starts the live read; returns the function that stops it. */
  start(): () => void {
    return $effect.root(() => {
      this.#query = new LiveQuery(() => {
        void this.#generation;
        return listCandidates;
      });
    });
  }

  refresh(): void {
    this.#generation++;
  }

  get filters() {
    return this.#filters;
  }
  setFilters(changes: Partial<InboxFilters>): void {
    this.#filters = { ...this.#filters, ...changes };
    this.#selected = 0;
  }
  select(index: number): void {
    this.#selected = Math.max(0, Math.min(index, this.shown.length - 1));
  }

  get fileName() {
    return this.#fileName;
  }
  get progress() {
    return this.#progress;
  }
  get busy() {
    return this.#progress !== null;
  }
  get review() {
    return this.#review;
  }
  get status() {
    return this.#status;
  }
  get alert() {
    return this.#alert;
  }

  beginImport(fileName: string): void {
    this.#fileName = fileName;
    this.#review = null;
    this.#status = '';
    this.#alert = '';
    this.#progress = { step: 'reading', done: 0, total: 0 };
  }

  step(step: EventsStep, done: number, total: number): void {
    this.#progress = { step, done, total };
  }

  reviewFile(review: EventsReview, waiting: string): void {
    this.#progress = null;
    this.#review = review;
    this.#status = waiting;
    this.#alert = '';
  }

  /** The analyst's choice for one file actor. */
  map(key: string, target: string): void {
    if (this.#review) this.#review = { ...this.#review, mapping: { ...this.#review.mapping, [key]: target } };
  }

  skipBad(waiting: string): void {
    if (this.#review) this.#review = { ...this.#review, skipBad: true };
    this.#status = waiting;
  }

  succeed(message: string): void {
    this.#progress = null;
    this.#review = null;
    this.#status = message;
    this.#alert = '';
  }

  /** Nothing was written; a review stays open for another try. */
  fail(message: string): void {
    this.#progress = null;
    this.#status = '';
    this.#alert = message;
  }

  /** The file is refused as a whole: nothing was written, nothing waits. */
  refuse(message: string): void {
    this.fail(message);
    this.#review = null;
  }

  reset(): void {
    this.#filters = NO_FILTERS;
    this.#selected = 0;
    this.#fileName = '';
    this.#progress = null;
    this.#review = null;
    this.#status = '';
    this.#alert = '';
  }
}

export const inbox = new Inbox();
