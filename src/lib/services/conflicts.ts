import { settleConflict } from '../db/conflicts';
import type { Conflict } from '../domain/merge';
import { notices } from '../state/notices.svelte';
import { transfer } from '../state/transfer.svelte';
import { describeError } from './errors';

/**
 * Settles one conflict of the last merge with the analyst's choice. A refusal
 * (the record changed since, a name taken) leaves the conflict listed and says why.
 */
export async function resolveConflict(conflict: Conflict, keep: 'mine' | 'theirs'): Promise<boolean> {
  const doing =
    keep === 'mine'
      ? `keep your version of “${conflict.name}”`
      : `take the file's version of “${conflict.name}”`;
  try {
    await settleConflict(conflict, keep);
    transfer.settled(conflict);
    notices.info(
      keep === 'mine'
        ? `Kept your version of “${conflict.name}”.`
        : `Took the file's version of “${conflict.name}”.`,
    );
    return true;
  } catch (error) {
    notices.error(describeError(error, doing));
    return false;
  }
}
