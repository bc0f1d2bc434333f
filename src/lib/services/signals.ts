import { StaleAssessmentError } from '../db/assessments';
import { acceptCandidate } from '../db/inbox';
import * as repo from '../db/signals';
import { isolate } from '../domain/bidi';
import { factsOf } from '../domain/consensus';
import type { CandidateEvent } from '../domain/events/candidates';
import type { Assessment, AssessmentDraft, FieldError, Signal, SignalDraft } from '../domain/types';
import { validateOwnScores, validateSignal, type SignalInput } from '../domain/validate';
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
  /**
   * The analyst's own scores in the edit (with `Displayed resolve` and
   * `Rationale`); null when the edit is of the facts alone.
   */
  own?: AssessmentDraft | null;
  /** The version the form opened with. */
  opened: Signal;
  /**
   * The analyst's own assessment a kept edit replaces: as stored now when it
   * changed elsewhere, else as the form opened it (null: none; undefined: not checked).
   */
  mine?: Assessment | null;
}

export type SaveResult =
  { ok: true; value: Signal } | { ok: false; errors: FieldError[]; conflict?: EditConflict };

/**
 * Validates and saves a signal with the current analyst's own scores: a new
 * one (from an inbox event, which it accepts in the same transaction), or an
 * edit of `editing` (the version the form opened with), where `mine` is the
 * analyst's assessment as the form opened it (null: they had none; left out:
 * not checked). An edit of a signal or an assessment that is no longer the
 * stored one is refused with both versions (`conflict`); field errors come back
 * for the form to mark; a storage failure is announced and comes back as an
 * error on the whole form.
 */
export async function saveSignal(
  input: SignalInput,
  editing?: Signal,
  fromEvent?: CandidateEvent,
  mine?: Assessment | null,
  factsOnly = false,
): Promise<SaveResult> {
  const alone = factsOnly && editing !== undefined;
  const checked = validateSignal(alone ? withStandIns(input, editing) : input, {
    actorIds: new Set(catalog.actorsById.keys()),
    redLines: catalog.redLinesById,
  });
  const own = alone ? ({ ok: true, value: null } as const) : validateOwnScores(input);
  // Both checks report together: every bad field is marked at once.
  if (!checked.ok || !own.ok) {
    const errors = [...(checked.ok ? [] : checked.errors), ...(own.ok ? [] : own.errors)];
    return { ok: false, errors: errors.filter((e, i) => errors.findIndex((f) => f.field === e.field) === i) };
  }
  if (editing) return writeEdit(editing, checked.value, own.value, editing.updatedAt, mine);
  // A new signal is never `alone`: its scores were checked above.
  return writeNew(checked.value, own.value as AssessmentDraft, fromEvent);
}

/**
 * For an edit of the facts alone (`factsOnly`: the analyst has not scored the
 * signal and gives no scores, so none are theirs to judge or write): the
 * signal's consensus stands in for the scores while its facts are judged. It
 * is never written as anyone's assessment.
 */
function withStandIns(input: SignalInput, signal: Signal): SignalInput {
  return {
    ...input,
    intended: Math.round(signal.intended),
    perceived: Math.round(signal.perceived),
    confidence: signal.confidence,
  };
}

/**
 * Resolves a conflict by keeping the analyst's edit: saved as a new version of
 * the signal as it is stored now, or, when it was deleted, put back under its
 * id as a new version. Refused again if it changed once more meanwhile.
 */
export async function keepMyEdit(conflict: EditConflict): Promise<SaveResult> {
  const { stored, edit, opened, mine } = conflict;
  const own = conflict.own === undefined ? repo.assessmentDraftOf(edit) : conflict.own;
  if (stored) return writeEdit(opened, edit, own, stored.updatedAt, mine);
  try {
    const saved = own
      ? await repo.recreateSignal(opened, edit, { draft: own })
      : await repo.recreateSignal(opened, factsOf(edit as Signal));
    notices.info(`Saved “${isolate(saved.title)}” again.`);
    return { ok: true, value: saved };
  } catch (error) {
    if (error instanceof repo.StaleRecordError) {
      return refused(error.message, { stored: error.current, edit, own, opened, mine });
    }
    return failed(error);
  }
}

async function writeNew(
  draft: SignalDraft,
  own: AssessmentDraft,
  fromEvent?: CandidateEvent,
): Promise<SaveResult> {
  try {
    const saved = fromEvent ? await acceptCandidate(fromEvent, draft, own) : await repo.addSignal(draft, own);
    notices.info(`Logged “${isolate(saved.title)}”${fromEvent ? ' from the inbox' : ''}.`);
    return { ok: true, value: saved };
  } catch (error) {
    return failed(error);
  }
}

async function writeEdit(
  opened: Signal,
  draft: SignalDraft,
  own: AssessmentDraft | null,
  basedOn: string,
  mine: Assessment | null | undefined,
): Promise<SaveResult> {
  try {
    // Without scores of the analyst's own, the facts alone are written: the
    // draft's stand-in scores go, so the store writes no assessment.
    const saved = own
      ? await repo.updateSignal(opened.id, draft, basedOn, {
          draft: own,
          basedOn: mine === undefined ? undefined : (mine?.updatedAt ?? null),
        })
      : await repo.updateSignal(opened.id, factsOf(draft as Signal), basedOn);
    notices.info(`Updated “${isolate(saved.title)}”.`);
    return { ok: true, value: saved };
  } catch (error) {
    if (error instanceof repo.StaleRecordError) {
      return refused(error.message, { stored: error.current, edit: draft, own, opened, mine });
    }
    if (error instanceof StaleAssessmentError) {
      return refused(error.message, { stored: error.signal, edit: draft, own, opened, mine: error.current });
    }
    if (error instanceof repo.MissingRecordError) {
      return refused(
        'This signal was deleted elsewhere (in another tab) after you opened it. Nothing was written.',
        { stored: null, edit: draft, own, opened, mine },
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
