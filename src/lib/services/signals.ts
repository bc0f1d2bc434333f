import { acceptCandidate } from '../db/inbox';
import * as repo from '../db/signals';
import { isolate } from '../domain/bidi';
import type { CandidateEvent } from '../domain/events/candidates';
import type { FieldError, Signal, SignalDraft } from '../domain/types';
import { validateSignal, type SignalInput } from '../domain/validate';
import { catalog } from '../state/catalog.svelte';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';
import { offerUndo } from './undo';

/**
 * An edit refused because the signal changed or went away after the form
 * opened: both versions, for the analyst to choose between.
 */
export interface EditConflict {
  /** The signal as the database holds it now; null when it was deleted. */
  stored: Signal | null;
  /** The analyst's edit, checked. */
  edit: SignalDraft;
  /** The version the form opened with. */
  opened: Signal;
}

export type SaveResult =
  { ok: true; value: Signal } | { ok: false; errors: FieldError[]; conflict?: EditConflict };

/**
 * Validates and saves a signal: a new one (from an inbox event, which it
 * accepts in the same transaction), or an edit of `editing` (the version the
 * form opened with). An edit of a version that is no longer the
 * stored one is refused with both versions (`conflict`); field errors come back
 * for the form to mark; a storage failure is announced and comes back as an
 * error on the whole form.
 */
export async function saveSignal(
  input: SignalInput,
  editing?: Signal,
  fromEvent?: CandidateEvent,
): Promise<SaveResult> {
  const checked = validateSignal(input, {
    actorIds: new Set(catalog.actorsById.keys()),
    redLines: catalog.redLinesById,
  });
  if (!checked.ok) return checked;
  return editing ? writeEdit(editing, checked.value, editing.updatedAt) : writeNew(checked.value, fromEvent);
}

/**
 * Resolves a conflict by keeping the analyst's edit: saved as a new version of
 * the signal as it is stored now, or, when it was deleted, put back under its
 * id as a new version. Refused again if it changed once more meanwhile.
 */
export async function keepMyEdit(conflict: EditConflict): Promise<SaveResult> {
  const { stored, edit, opened } = conflict;
  if (stored) return writeEdit(opened, edit, stored.updatedAt);
  try {
    const saved = await repo.recreateSignal(opened, edit);
    notices.info(`Saved “${isolate(saved.title)}” again.`);
    return { ok: true, value: saved };
  } catch (error) {
    if (error instanceof repo.StaleRecordError) {
      return refused(error.message, { stored: error.current, edit, opened });
    }
    return failed(error);
  }
}

async function writeNew(draft: SignalDraft, fromEvent?: CandidateEvent): Promise<SaveResult> {
  try {
    const saved = fromEvent ? await acceptCandidate(fromEvent, draft) : await repo.addSignal(draft);
    notices.info(`Logged “${isolate(saved.title)}”${fromEvent ? ' from the inbox' : ''}.`);
    return { ok: true, value: saved };
  } catch (error) {
    return failed(error);
  }
}

async function writeEdit(opened: Signal, draft: SignalDraft, basedOn: string): Promise<SaveResult> {
  try {
    const saved = await repo.updateSignal(opened.id, draft, basedOn);
    notices.info(`Updated “${isolate(saved.title)}”.`);
    return { ok: true, value: saved };
  } catch (error) {
    if (error instanceof repo.StaleRecordError) {
      return refused(error.message, { stored: error.current, edit: draft, opened });
    }
    if (error instanceof repo.MissingRecordError) {
      return refused(
        'This signal was deleted elsewhere (in another tab) after you opened it. Nothing was written.',
        { stored: null, edit: draft, opened },
      );
    }
    return failed(error);
  }
}

/** A refusal the form resolves with the analyst: no notice, the form shows both versions. */
function refused(message: string, conflict: EditConflict): SaveResult {
  return { ok: false, errors: [{ field: 'form', message }], conflict };
}

function failed(error: unknown): SaveResult {
  const message = describeError(error, 'save the signal');
  notices.error(message);
  return { ok: false, errors: [{ field: 'form', message } satisfies FieldError] };
}

/** Deletes a signal and offers to put it back until the next deletion. */
export async function removeSignal(id: string): Promise<boolean> {
  try {
    const removed = await repo.deleteSignal(id);
    const label = `“${isolate(removed.title)}”`;
    offerUndo(`Deleted ${label}. Undo brings it back (Ctrl+Z) until you delete something else.`, {
      label,
      restore: async () => {
        await repo.restoreSignal(removed);
      },
    });
    return true;
  } catch (error) {
    notices.error(describeError(error, 'delete the signal'));
    return false;
  }
}
