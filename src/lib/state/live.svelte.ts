import { liveQuery } from 'dexie';
import { subscribe } from '../db/changes';

/**
 * The one live-query adapter. `params` runs synchronously inside an effect, so
 * every reactive value it reads is tracked; it returns the query to run, which
 * Dexie re-runs whenever the tables it read change (in this tab or another).
 * Errors are kept and shown, never dropped.
 */
export class LiveQuery<T> {
  #current = $state.raw<T | undefined>(undefined);
  #isLoading = $state(true);
  #error = $state.raw<Error | null>(null);
  /** Counts "read everything again" (a tab shown again, a bulk write): each one runs the query anew. */
  #rereads = $state(0);

  constructor(params: () => () => Promise<T>) {
    $effect(() =>
      subscribe((change) => {
        if (change.type === 'reload') this.#rereads++;
      }),
    );
    $effect(() => {
      void this.#rereads;
      const query = params();
      this.#isLoading = true;
      const subscription = liveQuery(query).subscribe({
        next: (value) => {
          this.#current = value;
          this.#isLoading = false;
          this.#error = null;
        },
        error: (error: unknown) => {
          this.#error = error instanceof Error ? error : new Error(String(error));
          this.#isLoading = false;
        },
      });
      return () => subscription.unsubscribe();
    });
  }

  get current(): T | undefined {
    return this.#current;
  }
  get isLoading(): boolean {
    return this.#isLoading;
  }
  get error(): Error | null {
    return this.#error;
  }
}
