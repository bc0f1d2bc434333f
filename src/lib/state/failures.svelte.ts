/** An error nothing else caught, with where it happened and when. */
export interface Failure {
  id: number;
  error: unknown;
  /** Where it surfaced, in the analyst's words: a view's name, or "the page". */
  where: string;
}

/**
 * Errors that escaped every handler: thrown by an event handler, rejected by a
 * promise nobody awaited, or caught by a view's error boundary. Each is kept as
 * thrown (stack and all) so the analyst can copy it for a bug report; none is
 * ever dropped in silence.
 */
class Failures {
  #items = $state.raw<Failure[]>([]);
  #next = 1;

  /** The latest one the analyst has not dismissed. */
  get current(): Failure | undefined {
    return this.#items.at(-1);
  }

  keep(error: unknown, where: string): Failure {
    const failure = { id: this.#next++, error, where };
    // The last few are enough to report; an error thrown in a loop must not fill memory.
    this.#items = [...this.#items.slice(-4), failure];
    return failure;
  }

  dismiss(id: number): void {
    this.#items = this.#items.filter((f) => f.id !== id);
  }

  /** Listens for what escapes every handler on the page; returns the function that stops. */
  watch(target: Window = window): () => void {
    const onError = (event: ErrorEvent) => {
      // Without an error object it is a browser notice, not a throw: Chart.js's
      // ResizeObserver reports "loop completed with undelivered notifications" so.
      if (event.error === undefined || event.error === null) return;
      this.keep(event.error, 'the page');
    };
    const onRejection = (event: PromiseRejectionEvent) => this.keep(event.reason, 'the page');
    target.addEventListener('error', onError);
    target.addEventListener('unhandledrejection', onRejection);
    return () => {
      target.removeEventListener('error', onError);
      target.removeEventListener('unhandledrejection', onRejection);
    };
  }
}

export const failures = new Failures();
