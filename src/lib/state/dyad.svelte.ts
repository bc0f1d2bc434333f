import { subscribe, type Change } from '../db/changes';
import { signalsOfDyad } from '../db/signals';
import { compareSignals } from '../domain/analytics';
import type { Signal } from '../domain/types';
import { LatestRead } from './latest-read.svelte';

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
  /** `sender→receiver` of the dyad whose signals are held: it lags the choice while a read runs. */
  #loadedKey = $state('');
  #read = new LatestRead();
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
    return this.#read.loading;
  }
  /** True once the chosen dyad's own signals are held (not the previous dyad's, nor none yet). */
  get ready(): boolean {
    return !!this.#senderId && this.#loadedKey === `${this.#senderId}→${this.#receiverId}`;
  }
  get error() {
    return this.#read.error;
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
    const senderId = this.#senderId;
    const receiverId = this.#receiverId;
    if (!senderId || !receiverId) {
      this.#read.cancel();
      this.#signals = [];
      return;
    }
    await this.#read.run(
      () => signalsOfDyad(senderId, receiverId),
      (rows) => {
        this.#signals = rows;
        this.#loadedKey = `${senderId}→${receiverId}`;
      },
    );
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
    this.#read.cancel();
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
