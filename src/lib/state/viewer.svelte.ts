import type { Signal } from '../domain/types';

/**
 * The read-only panel of one signal, opened by a click on its point or its
 * row: reading a signal never risks changing it; its `Edit` opens the form.
 */
class SignalViewer {
  #signal = $state.raw<Signal | null>(null);

  /** The signal shown, or null when the panel is closed. */
  get signal(): Signal | null {
    return this.#signal;
  }

  open(signal: Signal): void {
    this.#signal = signal;
  }

  close(): void {
    this.#signal = null;
  }

  reset(): void {
    this.close();
  }
}

export const viewer = new SignalViewer();
