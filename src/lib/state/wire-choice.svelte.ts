/**
 * Which dyads' timelines show the wire's view (issue: event data), remembered
 * in this browser. Kept apart from the view itself, which is read from the
 * inbox in a chunk of its own when first asked for.
 */
const WIRE_KEY = 'parallax.wire';

function remembered(): Set<string> {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(WIRE_KEY) ?? '[]');
    return new Set(Array.isArray(list) ? list.filter((k): k is string => typeof k === 'string') : []);
  } catch {
    // Storage refused, or its value damaged: the view starts off everywhere.
    return new Set();
  }
}

class WireChoice {
  #on = $state.raw<ReadonlySet<string>>(new Set());

  constructor() {
    if (typeof window !== 'undefined') this.#on = remembered();
  }

  /** Whether the dyad `key` (`dyadKey`) shows the wire's view. */
  has(key: string): boolean {
    return this.#on.has(key);
  }

  set(key: string, on: boolean): void {
    // A new set replaces the held one whole ($state.raw): never mutated once shared.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const next = new Set(this.#on);
    if (on) next.add(key);
    else next.delete(key);
    this.#on = next;
    try {
      localStorage.setItem(WIRE_KEY, JSON.stringify([...next]));
    } catch {
      // Not remembered past this page; the view still shows.
    }
  }

  reset(): void {
    this.#on = new Set();
  }
}

export const wireChoice = new WireChoice();
