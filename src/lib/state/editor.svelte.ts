import type { EventOrigin } from '../domain/events/candidates';
import type { Signal, SignalDraft } from '../domain/types';

/**
 * The signal form's dialog: closed, open on a new signal (with defaults such
 * as the open dyad), or open on an existing signal to edit.
 */
class SignalEditor {
  #open = $state(false);
  #signal = $state.raw<Signal | null>(null);
  #defaults = $state.raw<Partial<SignalDraft>>({});
  #origin = $state.raw<EventOrigin | null>(null);

  get isOpen() {
    return this.#open;
  }
  /** The signal being edited, or null for a new one. */
  get signal() {
    return this.#signal;
  }
  get defaults() {
    return this.#defaults;
  }
  /** The inbox event a new signal comes from, if any: saving it accepts the event. */
  get origin() {
    return this.#origin;
  }

  create(defaults: Partial<SignalDraft> = {}, origin: EventOrigin | null = null): void {
    this.#signal = null;
    this.#defaults = defaults;
    this.#origin = origin;
    this.#open = true;
  }

  edit(signal: Signal): void {
    this.#signal = signal;
    this.#defaults = {};
    this.#origin = null;
    this.#open = true;
  }

  close(): void {
    this.#open = false;
    this.#signal = null;
  }

  reset(): void {
    this.close();
    this.#defaults = {};
    this.#origin = null;
  }
}

export const editor = new SignalEditor();
