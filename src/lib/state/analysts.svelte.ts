import { currentAnalyst, listAnalysts } from '../db/analysts';
import type { Analyst } from '../domain/types';
import { LiveQuery } from './live.svelte';

/**
 * This browser's analyst and every analyst the data names, live across tabs.
 * Started by the views that score (the signal form, the Methods view) and
 * not by the first page, which does not need them to draw.
 */
class AnalystsState {
  #current: LiveQuery<Analyst | null> | null = $state(null);
  #all: LiveQuery<Analyst[]> | null = $state(null);
  #users = 0;
  #stop: (() => void) | null = null;

  /** The current analyst; null until they have given a name (or before the read). */
  readonly current: Analyst | null = $derived(this.#current?.current ?? null);
  readonly all: Analyst[] = $derived(this.#all?.current ?? []);
  readonly byId: ReadonlyMap<string, Analyst> = $derived(new Map(this.all.map((a) => [a.id, a])));
  /** Both reads have answered (with or without an analyst). */
  readonly loaded: boolean = $derived(
    this.#current?.current !== undefined && this.#all?.current !== undefined,
  );
  readonly error: Error | null = $derived(this.#current?.error ?? this.#all?.error ?? null);

  /** Starts the live reads (once, however many views ask); returns the function that releases them. */
  start(): () => void {
    if (this.#users++ === 0) {
      this.#stop = $effect.root(() => {
        this.#current = new LiveQuery(() => currentAnalyst);
        this.#all = new LiveQuery(() => listAnalysts);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#users === 0) this.reset();
    };
  }

  reset(): void {
    this.#stop?.();
    this.#stop = null;
    this.#users = 0;
    this.#current = null;
    this.#all = null;
  }
}

export const analysts = new AnalystsState();
