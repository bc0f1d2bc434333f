export type ThemeName = 'light' | 'dark';

/** Where the analyst's choice is remembered; absent, the system's setting rules. */
export const THEME_KEY = 'parallax.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function storedChoice(): ThemeName | null {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    // Storage refused (a locked-down profile): the system's setting still applies.
    return null;
  }
}

/**
 * The colour theme: the analyst's remembered choice, else the system's
 * prefers-color-scheme, followed live. The theme in use is written to
 * <html data-theme>, where app.css takes its palette and charts observe it.
 */
class Theme {
  #choice = $state<ThemeName | null>(null);
  #systemDark = $state(false);

  constructor() {
    if (typeof window === 'undefined') return;
    this.#choice = storedChoice();
    const query = matchMedia(DARK_QUERY);
    this.#systemDark = query.matches;
    query.addEventListener('change', (event) => {
      this.#systemDark = event.matches;
      this.#apply();
    });
    this.#apply();
  }

  get current(): ThemeName {
    return this.#choice ?? (this.#systemDark ? 'dark' : 'light');
  }

  /** The analyst's own choice, or null while the system decides. */
  get choice(): ThemeName | null {
    return this.#choice;
  }

  /** Switches to the other theme and remembers it. */
  toggle(): void {
    this.set(this.current === 'dark' ? 'light' : 'dark');
  }

  set(choice: ThemeName | null): void {
    this.#choice = choice;
    try {
      if (choice) localStorage.setItem(THEME_KEY, choice);
      else localStorage.removeItem(THEME_KEY);
    } catch {
      // Not remembered, but applied for this visit.
    }
    this.#apply();
  }

  #apply(): void {
    document.documentElement.dataset.theme = this.current;
  }
}

export const theme = new Theme();
