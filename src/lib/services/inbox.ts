/**
 * Event data in: an event file read in a worker, its actors mapped, its events
 * added to the inbox; then each candidate accepted as a signal or dismissed.
 * Each step says what happened; a failure writes nothing (PRODUCT.md §6, §7).
 */
import { listActors } from '../db/actors';
import { newId, now } from '../db/ids';
import { rememberedMappings, restoreCandidate, settleCandidate } from '../db/inbox';
import { isolate } from '../domain/bidi';
import { actorFromFile } from '../domain/events/accept';
import {
  defaultMapping,
  describeInboxOutcome,
  type ActorMapping,
  type CandidateEvent,
} from '../domain/events/candidates';
import { formatIssue } from '../domain/issues';
import { nextColor } from '../domain/palette';
import type { Actor } from '../domain/types';
import { validateActor } from '../domain/validate';
import { inbox, type EventsReview } from '../state/inbox.svelte';
import { notices } from '../state/notices.svelte';
import { EventsWorker, type EventsAnswer } from '../workers/events-client';
import type { EventsStep } from '../workers/events-protocol';
import { describeError } from './errors';
import { countOf, formatCount } from '../domain/format';

let worker: EventsWorker | null = null;
let pending: File | null = null;

/** A mapping choice for a file actor that goes to no actor. */
export const LEAVE_OUT = '';
/** A mapping choice for a file actor that becomes a new actor. */
export const NEW_ACTOR = 'new';

function onProgress(step: EventsStep, done: number, total: number): void {
  inbox.step(step, done, total);
}

function endWorker(): void {
  worker?.dispose();
  worker = null;
}

function settle(answer: EventsAnswer, fileName: string): void {
  endWorker();
  if (answer.type === 'rejected') inbox.refuse(answer.summary);
  else if (answer.type === 'failed') inbox.fail(describeError(answer.error, `import ${fileName}`));
  else inbox.fail(`Could not import ${fileName}: the import stopped unexpectedly. Nothing was written.`);
}

function failed(error: unknown, fileName: string): void {
  endWorker();
  if ((error as { name?: unknown })?.name === 'ImportCancelledError') {
    inbox.succeed(`Import of ${fileName} cancelled. Nothing was written.`);
    return;
  }
  inbox.fail(describeError(error, `import ${fileName}`));
}

function waiting(review: EventsReview, fileName: string): string {
  return `${fileName} (${review.format}): ${countOf(review.rows, 'event')} naming ${countOf(review.actors.length, 'actor')}. Waiting for you: choose where each actor goes, then Add to inbox.`;
}

/**
 * Reads an event file through once, in a worker: its format, its actors and
 * how many events each has, its unreadable rows. Nothing is written; the
 * mapping step waits for the analyst.
 */
export async function importEvents(file: File): Promise<void> {
  if (inbox.busy) return;
  endWorker();
  pending = null;
  inbox.beginImport(file.name);
  try {
    worker = new EventsWorker();
    const answer = await worker.request({ type: 'scan', file, name: file.name }, onProgress);
    if (answer.type !== 'scanned') return settle(answer, file.name);
    endWorker();
    const [remembered, actors] = await Promise.all([rememberedMappings(), listActors()]);
    const guessed = defaultMapping(answer.actors, actors, remembered);
    const review: EventsReview = {
      format: answer.format,
      rows: answer.rows,
      actors: answer.actors,
      mapping: Object.fromEntries(Object.entries(guessed).map(([k, v]) => [k, v ?? LEAVE_OUT])),
      issues: answer.issues,
      issueCount: answer.issueCount,
      skipBad: answer.issueCount === 0,
    };
    if (answer.rows === 0 && answer.issueCount === 0) {
      inbox.refuse(`${file.name} holds no events. Nothing was written.`);
      return;
    }
    pending = file;
    inbox.reviewFile(review, review.skipBad ? waiting(review, file.name) : '');
    if (answer.issueCount > 0) {
      const total = answer.rows + answer.issueCount;
      const first = answer.issues[0] ? ` The first: ${formatIssue(answer.issues[0])}.` : '';
      inbox.fail(
        `${file.name}: ${countOf(answer.issueCount, 'row')} of ${formatCount(total)} cannot be read.${first} Nothing was written.${answer.rows ? ` Fix the file and import it again, or import the ${countOf(answer.rows, 'good row')} only.` : ''}`,
      );
    }
  } catch (error) {
    failed(error, file.name);
  }
}

/** The analyst has seen the bad rows and goes on with the good ones. */
export function skipBadRows(): void {
  const review = inbox.review;
  if (review) inbox.skipBad(waiting(review, inbox.fileName));
}

/**
 * Creates the actors the analyst chose to add, remembers every choice for the
 * next file, then reads the file again in the worker, keeping the events
 * between two different mapped actors, and adds them to the inbox.
 */
export async function addToInbox(): Promise<void> {
  const review = inbox.review;
  const file = pending;
  if (!review || !file || inbox.busy || !review.skipBad) return;
  const fileName = file.name;
  inbox.step('adding', 0, file.size);
  try {
    const mapping: Record<string, string | null> = {};
    const created: Actor[] = [];
    const known = await listActors();
    for (const actor of review.actors) {
      const choice = review.mapping[actor.key] ?? LEAVE_OUT;
      if (choice !== NEW_ACTOR) {
        mapping[actor.key] = choice || null;
        continue;
      }
      const draft = actorFromFile(actor.key, actor.name, nextColor(known.map((a) => a.color)));
      const checked = validateActor(draft, known);
      if (!checked.ok) {
        inbox.fail(
          `Could not add “${isolate(actor.name)}” (${isolate(actor.key)}) as a new actor: ${checked.errors[0].message} Map it to the existing actor instead. Nothing was written.`,
        );
        return;
      }
      const stamp = now();
      const record: Actor = { ...checked.value, id: newId(), createdAt: stamp, updatedAt: stamp };
      created.push(record);
      known.push(record);
      mapping[actor.key] = record.id;
    }

    // The new actors and the remembered choices are written with the events, in one transaction.
    worker = new EventsWorker();
    const answer = await worker.request(
      {
        type: 'add',
        file,
        name: fileName,
        mapping,
        newActors: created,
        remember: toRemember(review, mapping, known, await rememberedMappings()),
        checked: review.issueCount === 0,
        now: new Date().toISOString(),
      },
      onProgress,
    );
    if (answer.type !== 'added') return settle(answer, fileName);
    endWorker();
    pending = null;
    inbox.succeed(describeInboxOutcome(fileName, answer.outcome));
    inbox.refresh();
  } catch (error) {
    failed(error, fileName);
  }
}

/**
 * The choices worth remembering: every actor mapped, and "leave out" where
 * it overrides a match by code or name (or an earlier choice). An unmatched
 * actor left out is not remembered, so that it is kept by default once an
 * actor of its name exists.
 */
function toRemember(
  review: EventsReview,
  mapping: Record<string, string | null>,
  actors: readonly Actor[],
  before: ReadonlyMap<string, string | null>,
): ActorMapping[] {
  const matched = defaultMapping(review.actors, actors, new Map());
  return review.actors.flatMap(({ key }): ActorMapping[] => {
    const actorId = mapping[key] ?? null;
    if (actorId) return [{ key, actorId }];
    return matched[key] !== null || before.has(key) ? [{ key, actorId: null }] : [];
  });
}

/** Stops reading the file; nothing was written. */
export function cancelEvents(): void {
  worker?.stop();
  worker = null;
}

/** Forgets the file waiting for its mapping. */
export function discardEvents(): void {
  endWorker();
  pending = null;
  inbox.succeed(`Import of ${inbox.fileName} cancelled. Nothing was written.`);
}

// ---------------------------------------------------------------- triage

export async function dismissEvent(candidate: CandidateEvent): Promise<boolean> {
  try {
    await settleCandidate(candidate, 'dismissed');
    inbox.refresh();
    notices.info(`Dismissed “${isolate(candidate.what.slice(0, 80))}”.`, {
      label: 'Undo',
      run: () => undismiss(candidate),
    });
    return true;
  } catch (error) {
    notices.error(describeError(error, 'dismiss the event'));
    return false;
  }
}

async function undismiss(candidate: CandidateEvent): Promise<void> {
  try {
    await restoreCandidate(candidate);
    inbox.refresh();
  } catch (error) {
    notices.error(describeError(error, 'put the event back'));
  }
}
