export const VIEWS = ['dashboard', 'signals', 'inbox', 'compare', 'actors', 'data', 'methods'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<View, string> = {
  dashboard: 'Dashboard',
  signals: 'Signals',
  inbox: 'Inbox',
  compare: 'Compare',
  actors: 'Actors',
  data: 'Data',
  methods: 'Methods',
};

interface Parsed {
  view: View;
  params: URLSearchParams;
}

// URLSearchParams here are built, filled and then replaced whole (held in
// $state.raw), never mutated once shared, so the reactive variant is not needed.
/* eslint-disable svelte/prefer-svelte-reactivity */

export function parseHash(hash: string): Parsed {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const view = (VIEWS as readonly string[]).includes(path) ? (path as View) : 'dashboard';
  return { view, params: new URLSearchParams(query) };
}

export function hashFor(view: View, params?: URLSearchParams | Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  return `#/${view}${query ? `?${query}` : ''}`;
}

/**
 * The view and its state (dyad, filters, zoom) live in the URL hash, so a
 * reload or a copied link restores them.
 */
class Route {
  #view = $state<View>('dashboard');
  #params = $state.raw(new URLSearchParams());

  constructor() {
    if (typeof window === 'undefined') return;
    this.#read();
    window.addEventListener('hashchange', () => this.#read());
  }

  get view(): View {
    return this.#view;
  }

  param(key: string): string {
    return this.#params.get(key) ?? '';
  }

  /** Changes view state in place: a replaced history entry, not a new one per keystroke. */
  setParams(changes: Record<string, string | null | undefined>): void {
    const next = new URLSearchParams(this.#params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (next.toString() === this.#params.toString()) return;
    this.#params = next;
    history.replaceState(history.state, '', hashFor(this.#view, next));
  }

  go(view: View, params?: Record<string, string>): void {
    location.hash = hashFor(view, params);
  }

  #read(): void {
    const parsed = parseHash(location.hash);
    this.#view = parsed.view;
    this.#params = parsed.params;
  }
}

export const route = new Route();
