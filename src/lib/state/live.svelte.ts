import { liveQuery } from 'dexie';

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

  constructor(params: () => () => Promise<T>) {
    $effect(() => {
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
