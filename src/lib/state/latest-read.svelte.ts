/**
 * One read at a time that counts: a read started later wins, and an earlier
 * one that finishes after it is dropped, so a quick change of dyad never shows
 * the previous dyad's rows. Keeps whether a read runs and its last error.
 */
export class LatestRead {
  #request = 0;
  #loading = $state(false);
  #error = $state.raw<Error | null>(null);

  get loading(): boolean {
    return this.#loading;
  }
  get error(): Error | null {
    return this.#error;
  }

  /** Runs `read`; hands its result to `apply` unless a newer read started meanwhile. */
  async run<T>(read: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const request = ++this.#request;
    this.#loading = true;
    try {
      const value = await read();
      if (request !== this.#request) return;
      apply(value);
      this.#error = null;
    } catch (error) {
      if (request === this.#request) this.#error = error instanceof Error ? error : new Error(String(error));
    } finally {
      if (request === this.#request) this.#loading = false;
    }
  }

  /** Drops whatever read is under way. */
  cancel(): void {
    this.#request++;
    this.#loading = false;
    this.#error = null;
  }
}
