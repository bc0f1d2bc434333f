import { notices } from '../state/notices.svelte';
import { undo, type Undoable } from '../state/undo.svelte';
import { describeError } from './errors';

let offerNotice: number | null = null;

/**
 * Announces a deletion with an Undo that lasts until the next deletion: the
 * notice stays, and Ctrl+Z does the same. A new offer replaces the old one.
 */
export function offerUndo(message: string, undoable: Undoable): void {
  if (offerNotice !== null) notices.dismiss(offerNotice);
  undo.offer(undoable);
  offerNotice = notices.lasting(message, { label: 'Undo', run: undoLast });
}

/** Restores the last deletion, if there is one still to undo. */
export async function undoLast(): Promise<void> {
  const last = undo.take();
  if (offerNotice !== null) notices.dismiss(offerNotice);
  offerNotice = null;
  if (!last) return;
  try {
    await last.restore();
    notices.info(`Restored ${last.label}.`);
  } catch (error) {
    notices.error(describeError(error, `restore ${last.label}`));
  }
}
