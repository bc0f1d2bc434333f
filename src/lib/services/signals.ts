import { acceptCandidate } from '../db/inbox';
import * as repo from '../db/signals';
import type { CandidateEvent } from '../domain/events/candidates';
import type { FieldError, Result, Signal } from '../domain/types';
import { validateSignal, type SignalInput } from '../domain/validate';
import { catalog } from '../state/catalog.svelte';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

/**
 * Validates and saves a signal (a new one, or an edit when `id` is given; a
 * new one from an inbox event accepts that event in the same transaction).
 * Field errors come back for the form to mark; a storage failure is
 * announced and comes back as an error on the whole form.
 */
export async function saveSignal(
  input: SignalInput,
  id?: string,
  fromEvent?: CandidateEvent,
): Promise<Result<Signal>> {
  const checked = validateSignal(input, {
    actorIds: new Set(catalog.actorsById.keys()),
    redLineIds: new Set(catalog.redLinesById.keys()),
  });
  if (!checked.ok) return checked;
  try {
    const saved = id
      ? await repo.updateSignal(id, checked.value)
      : fromEvent
        ? await acceptCandidate(fromEvent, checked.value)
        : await repo.addSignal(checked.value);
    notices.info(`${id ? 'Updated' : 'Logged'} “${saved.title}”${fromEvent ? ' from the inbox' : ''}.`);
    return { ok: true, value: saved };
  } catch (error) {
    const message = describeError(error, 'save the signal');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message } satisfies FieldError] };
  }
}

/** Deletes a signal and offers to put it back. */
export async function removeSignal(id: string): Promise<boolean> {
  try {
    const removed = await repo.deleteSignal(id);
    notices.info(`Deleted “${removed.title}”.`, { label: 'Undo', run: () => undoDelete(removed) });
    return true;
  } catch (error) {
    notices.error(describeError(error, 'delete the signal'));
    return false;
  }
}

async function undoDelete(signal: Signal): Promise<void> {
  try {
    await repo.restoreSignal(signal);
    notices.info(`Restored “${signal.title}”.`);
  } catch (error) {
    notices.error(describeError(error, 'restore the signal'));
  }
}
