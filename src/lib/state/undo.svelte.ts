/**
 * The last deletion, kept so it can be undone until the analyst deletes
 * something else (from the notice's Undo or with Ctrl+Z). One at a time: a
 * second deletion replaces the first offer.
 */
export interface Undoable {
  /** What was deleted, in the analyst's words (`“Drone shot down”`). */
  label: string;
  /** Puts it back. Throws if it cannot; the caller reports that. */
  restore: () => Promise<void>;
}

class UndoOffer {
  #last = $state.raw<Undoable | null>(null);

  get current(): Undoable | null {
    return this.#last;
  }

  offer(undoable: Undoable): void {
    this.#last = undoable;
  }

  /** Takes the offer, so that a second Ctrl+Z does not restore the same record twice. */
  take(): Undoable | null {
    const last = this.#last;
    this.#last = null;
    return last;
  }

  reset(): void {
    this.#last = null;
  }
}

export const undo = new UndoOffer();
