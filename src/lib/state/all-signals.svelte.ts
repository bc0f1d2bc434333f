import { allSignals as readAllSignals } from '../db/signal-reads';
import type { Signal } from '../domain/types';
import { PatchedCollection, recordPatch } from './patched-collection.svelte';

/**
 * Every signal, for the views that need them all (Signals, Compare). Read on
 * first use only, so the Dashboard never pays for it; then patched by changes.
 */
export class AllSignals {
  #signals = new PatchedCollection<Signal>({
    read: readAllSignals,
    key: (s) => s.id,
    patch: (change) => recordPatch<Signal>('signals', change),
  });
  #wanted = false;

  get list(): readonly Signal[] {
    return this.#signals.items;
  }
  get loaded() {
    return this.#signals.loaded;
  }
  get loading() {
    return this.#signals.loading;
  }
  get error() {
    return this.#signals.error;
  }

  /** Loads once; later calls are free. */
  ensure(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#signals.listen();
    void this.load();
  }

  load(): Promise<void> {
    return this.#signals.load();
  }

  reset(): void {
    this.#signals.reset();
    this.#wanted = false;
  }
}

export const allSignals = new AllSignals();
