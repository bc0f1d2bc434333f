import { restoreRevision } from '../db/restore';
import { isolate } from '../domain/bidi';
import type { Result, Signal } from '../domain/types';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

/**
 * Brings back the version a change replaced, as a new change of the signal or
 * of the analyst's own assessment (recorded in the history in turn). A failure
 * is announced and comes back as a sentence for the history to show. `opened`
 * is the signal as the form opened it: refused when it has changed since.
 */
export async function restoreVersion(revisionId: string, opened: Signal): Promise<Result<Signal>> {
  try {
    const signal = await restoreRevision(revisionId, opened.updatedAt);
    notices.info(`Restored an earlier version of “${isolate(signal.title)}”.`);
    return { ok: true, value: signal };
  } catch (error) {
    const message = describeError(error, 'restore that version');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}
