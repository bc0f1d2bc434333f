import { subscribe, type Change } from '../db/changes';
import { signalsOfDyad } from '../db/signals';
import { compareSignals } from '../domain/analytics';
import type { Signal } from '../domain/types';

/**
 * The open dyad's signals, in order. Read once when the dyad is chosen; after
 * that every saved, edited or deleted signal is patched in (binary insertion),
 * so one new signal never re-reads 100,000 rows.
 */
export class DyadSeries {
  #senderId = $state('');
  #receiverId = $state('');
  // $state.raw: the array is replaced, never mutated, and Chart.js must not get a proxy.
  #signals = $state.raw<Signal[]>([]);
  #loading = $state(false);
  /** `sender→receiver` of the dyad whose signals are held: it lags the choice while a read runs. */
  #loadedKey = $state('');
  #error = $state.raw<Error | null>(null);
  #request = 0;
  #stop: (() => void) | null = null;

  get senderId() {
    return this.#senderId;
  }
  get receiverId() {
    return this.#receiverId;
  }
  get signals(): readonly Signal[] {
    return this.#signals;
  }
  get loading() {
    return this.#loading;
  }
  /** True once the chosen dyad's own signals are held (not the previous dyad's, nor none yet). */
  get ready(): boolean {
    return !!this.#senderId && this.#loadedKey === `${this.#senderId}→${this.#receiverId}`;
  }
  get error() {
    return this.#error;
  }

  /** Chooses the dyad and reads its signals; a no-op when it is already open. */
  select(senderId: string, receiverId: string): void {
    this.#stop ??= subscribe((change) => this.apply(change));
    if (senderId === this.#senderId && receiverId === this.#receiverId) return;
    this.#senderId = senderId;
    this.#receiverId = receiverId;
    void this.load();
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    if (!this.#senderId || !this.#receiverId) {
      this.#signals = [];
      return;
    }
    this.#loading = true;
    try {
      const rows = await signalsOfDyad(this.#senderId, this.#receiverId);
      if (request !== this.#request) return; // a newer choice won the race
      this.#signals = rows;
      this.#loadedKey = `${this.#senderId}→${this.#receiverId}`;
      this.#error = null;
    } catch (error) {
      if (request === this.#request) this.#error = error instanceof Error ? error : new Error(String(error));
    } finally {
      if (request === this.#request) this.#loading = false;
    }
  }

  apply(change: Change): void {
    if (change.type === 'reload') {
      void this.load();
      return;
    }
    if (change.table !== 'signals' || !this.#senderId) return;
    // A local lookup, discarded after the patch: nothing reacts to it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const ids = new Set(change.records.map((r) => r.id));
    let next = this.#signals.some((s) => ids.has(s.id)) ? this.#signals.filter((s) => !ids.has(s.id)) : null;
    if (change.type === 'put') {
      for (const record of change.records) {
        if (record.senderId !== this.#senderId || record.receiverId !== this.#receiverId) continue;
        next ??= this.#signals.slice();
        next.splice(insertionIndex(next, record), 0, record);
      }
    }
    if (next) this.#signals = next;
  }

  reset(): void {
    this.#stop?.();
    this.#stop = null;
    this.#senderId = '';
    this.#receiverId = '';
    this.#signals = [];
    this.#loadedKey = '';
    this.#error = null;
    this.#request++;
  }
}

function insertionIndex(sorted: readonly Signal[], record: Signal): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSignals(sorted[mid], record) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const dyad = new DyadSeries();
