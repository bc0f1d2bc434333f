import { subscribe, type Change } from '../db/changes';
import { allSignals } from '../db/signals';
import type { Signal } from '../domain/types';
import { LatestRead } from './latest-read.svelte';

/**
 * Every signal, for the views that need them all (Signals, Compare). Read on
 * first use only, so the Dashboard never pays for it; then patched by changes.
 */
class AllSignals {
  #signals = $state.raw<Signal[]>([]);
  #loaded = $state(false);
  #read = new LatestRead();
  #wanted = false;
  #stop: (() => void) | null = null;

  get list(): readonly Signal[] {
    return this.#signals;
  }
  get loaded() {
    return this.#loaded;
  }
  get loading() {
    return this.#read.loading;
  }
  get error() {
    return this.#read.error;
  }

  /** Loads once; later calls are free. */
  ensure(): void {
    if (this.#wanted) return;
    this.#wanted = true;
    this.#stop = subscribe((change) => this.apply(change));
    void this.load();
  }

  async load(): Promise<void> {
    await this.#read.run(allSignals, (rows) => {
      this.#signals = rows;
      this.#loaded = true;
    });
  }

  apply(change: Change): void {
    if (change.type === 'reload') {
      void this.load();
      return;
    }
    if (change.table !== 'signals') return;
    const byId = new Map(change.records.map((r) => [r.id, r]));
    const kept = this.#signals.filter((s) => !byId.has(s.id));
    this.#signals = change.type === 'put' ? kept.concat(change.records) : kept;
  }

  reset(): void {
    this.#stop?.();
    this.#stop = null;
    this.#wanted = false;
    this.#signals = [];
    this.#loaded = false;
    this.#read.cancel();
  }
}

export const signals = new AllSignals();
