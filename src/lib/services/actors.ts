import * as repo from '../db/actors';
import * as removal from '../db/removal';
import { StaleRecordError } from '../db/errors';
import { isolate } from '../domain/bidi';
import type { Actor, ActorDraft, RedLine, RedLineDraft, Result, Timestamp } from '../domain/types';
import { validateActor, validateRedLine } from '../domain/validate';
import { catalog } from '../state/catalog.svelte';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

/** What an edit started from: the record's id and its `updatedAt` when the form opened. */
export interface Opened {
  id: string;
  updatedAt: Timestamp;
}

/** The refusal of an edit made from a version that another tab or an import has replaced, naming the stored one. */
function staleMessage(what: string, stored: string): string {
  return `${what} was changed elsewhere (in another tab, or by an import) after you opened it: it is now ${stored}. Nothing was written. Cancel, then edit the stored version.`;
}

export async function saveActor(input: Partial<ActorDraft>, editing?: Opened): Promise<Result<Actor>> {
  const id = editing?.id;
  const others = catalog.actors.filter((a) => a.id !== id);
  const checked = validateActor(input, others);
  if (!checked.ok) return checked;
  try {
    const actor = editing
      ? await repo.updateActor(editing.id, checked.value, editing.updatedAt)
      : await repo.addActor(checked.value);
    notices.info(`${id ? 'Updated' : 'Added'} actor “${isolate(actor.name)}”.`);
    return { ok: true, value: actor };
  } catch (error) {
    const message =
      error instanceof StaleRecordError
        ? staleMessage(
            'This actor',
            `“${isolate((error.current as Actor).name)}” (${isolate((error.current as Actor).code)})`,
          )
        : describeError(error, 'save the actor');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}

export async function saveRedLine(input: Partial<RedLineDraft>, editing?: Opened): Promise<Result<RedLine>> {
  const checked = validateRedLine(input, new Set(catalog.actorsById.keys()));
  if (!checked.ok) return checked;
  try {
    const redLine = editing
      ? await repo.updateRedLine(editing.id, checked.value, editing.updatedAt)
      : await repo.addRedLine(checked.value);
    notices.info(`${editing ? 'Updated' : 'Added'} red line “${isolate(redLine.text)}”.`);
    return { ok: true, value: redLine };
  } catch (error) {
    const message =
      error instanceof StaleRecordError
        ? staleMessage('This red line', `“${isolate((error.current as RedLine).text)}”`)
        : describeError(error, 'save the red line');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}

/** Deletes an actor no signal names (and the red lines that name it); false if refused or failed. */
export async function removeActor(actor: Actor): Promise<boolean> {
  try {
    const { redLines } = await removal.deleteActor(actor.id);
    const lines = redLines.length
      ? ` and ${redLines.length} ${redLines.length === 1 ? 'red line' : 'red lines'} naming it`
      : '';
    notices.info(`Deleted actor “${actor.name}”${lines}.`);
    return true;
  } catch (error) {
    notices.error(describeError(error, `delete “${actor.name}”`));
    return false;
  }
}

/** Moves an actor's signals and red lines to another actor, then deletes it. */
export async function mergeActorInto(from: Actor, into: Actor): Promise<boolean> {
  try {
    const merged = await removal.mergeActor(from.id, into.id);
    const n = merged.signals.length;
    notices.info(
      `Merged “${from.name}” into “${into.name}”: ${n} ${n === 1 ? 'signal' : 'signals'} and ${merged.redLines.length} red ${merged.redLines.length === 1 ? 'line' : 'lines'} moved.`,
    );
    return true;
  } catch (error) {
    notices.error(describeError(error, `merge “${from.name}” into “${into.name}”`));
    return false;
  }
}

/** Deletes a red line; the signals that crossed it cross none afterwards. */
export async function removeRedLine(redLine: RedLine): Promise<boolean> {
  try {
    const { cleared } = await removal.deleteRedLine(redLine.id);
    const n = cleared.length;
    notices.info(
      `Deleted red line “${redLine.text}”${n ? `; ${n} ${n === 1 ? 'signal no longer crosses' : 'signals no longer cross'} it` : ''}.`,
    );
    return true;
  } catch (error) {
    notices.error(describeError(error, 'delete the red line'));
    return false;
  }
}
