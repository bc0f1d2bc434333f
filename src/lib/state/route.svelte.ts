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
 * Asked before another view replaces this one: a form there may hold changes
 * that leaving would lose (state/unsaved.svelte.ts installs it when loaded).
 */
export interface LeaveGuard {
  /** True when leaving now would lose something, so the analyst must be asked. */
  blocks(): boolean;
  /** Asks; resolves true once the analyst agreed to leave. */
  ask(): Promise<boolean>;
}

/**
 * The view and its state (dyad, filters, zoom) live in the URL hash, so a
 * reload or a copied link restores them.
 */
class Route {
  #view = $state<View>('dashboard');
  #params = $state.raw(new URLSearchParams());
  #guard: LeaveGuard | null = null;

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

  guardLeaving(guard: LeaveGuard): void {
    this.#guard = guard;
  }

  /** Goes to a view, once the analyst agreed to leave this one; resolves whether it went. */
  async go(view: View, params?: Record<string, string>): Promise<boolean> {
    if (view !== this.#view && this.#guard?.blocks() && !(await this.#guard.ask())) return false;
    location.hash = hashFor(view, params);
    return true;
  }

  /**
   * A plain click on a link to another view asks before the address changes, so
   * keeping the analyst where they are leaves the history as it was.
   */
  follow(event: MouseEvent, view: View): void {
    const plain = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
    if (!plain || view === this.#view || !this.#guard?.blocks()) return;
    event.preventDefault();
    void this.go(view);
  }

  #read(): void {
    const parsed = parseHash(location.hash);
    if (parsed.view !== this.#view && this.#guard?.blocks()) {
      // The address changed first (Back, Forward, a pasted link): it is put back
      // while the analyst chooses, and changes again only if they leave.
      const target = location.href;
      history.replaceState(history.state, '', hashFor(this.#view, this.#params));
      void this.#guard.ask().then((leave) => {
        if (!leave) return;
        history.replaceState(history.state, '', target);
        this.#read();
      });
      return;
    }
    this.#view = parsed.view;
    this.#params = parsed.params;
  }
}

export const route = new Route();
