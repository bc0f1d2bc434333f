import type { EventOrigin } from '../domain/events/candidates';
import type { CalendarDate, Signal, SignalDraft } from '../domain/types';

/** Where the date of the last signal logged is remembered, so a reload keeps it. */
export const LAST_DATE_KEY = 'parallax.lastDate';

function rememberedDate(): CalendarDate | undefined {
  try {
    return localStorage.getItem(LAST_DATE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The signal form's dialog: closed, open on a new signal (with defaults such
 * as the open dyad), or open on an existing signal to edit.
 */
class SignalEditor {
  #open = $state(false);
  #signal = $state.raw<Signal | null>(null);
  #defaults = $state.raw<Partial<SignalDraft>>({});
  #origin = $state.raw<EventOrigin | null>(null);
  /** Counts openings: each one mounts a fresh form, even on the same signal. */
  #session = $state(0);
  #lastDate: CalendarDate | undefined = typeof window === 'undefined' ? undefined : rememberedDate();

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
  get session() {
    return this.#session;
  }
  /** The date of the last signal logged: a new signal starts there, not today. */
  get lastDate(): CalendarDate | undefined {
    return this.#lastDate;
  }

  create(defaults: Partial<SignalDraft> = {}, origin: EventOrigin | null = null): void {
    this.#signal = null;
    this.#defaults = this.#lastDate && !defaults.date ? { date: this.#lastDate, ...defaults } : defaults;
    this.#origin = origin;
    this.#session++;
    this.#open = true;
  }

  edit(signal: Signal): void {
    this.#signal = signal;
    this.#defaults = {};
    this.#origin = null;
    this.#session++;
    this.#open = true;
  }

  /** Notes a signal just logged, so the next one starts at its date. */
  logged(date: CalendarDate): void {
    this.#lastDate = date;
    try {
      localStorage.setItem(LAST_DATE_KEY, date);
    } catch {
      // Kept for this visit only.
    }
  }

  close(): void {
    this.#open = false;
    this.#signal = null;
  }

  reset(): void {
    this.close();
    this.#defaults = {};
    this.#origin = null;
    this.#lastDate = undefined;
  }
}

export const editor = new SignalEditor();
