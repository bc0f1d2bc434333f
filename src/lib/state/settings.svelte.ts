import { getMeta } from '../db/meta';
import { DEFAULT_SETTINGS, type Settings } from '../domain/types';
import { LiveQuery } from './live.svelte';

/**
 * The analyst's settings (τ, W, alert threshold, blind scoring), kept in the database and
 * live across tabs. Until they are read, and when none were ever saved, the
 * defaults of PRODUCT.md §3 apply.
 */
class SettingsState {
  #stored: LiveQuery<Settings | undefined> | null = $state(null);
  #current: Settings = $derived.by(() => {
    const stored = this.#stored?.current;
    return stored ? { ...DEFAULT_SETTINGS, ...stored } : DEFAULT_SETTINGS;
  });
  // Equal values keep the same object, so reading the stored defaults on start
  // does not make every chart and measure compute a second time.
  #stable: Settings = DEFAULT_SETTINGS;

  get current(): Settings {
    const next = this.#current;
    const s = this.#stable;
    if ((Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]).some((key) => next[key] !== s[key])) {
      this.#stable = next;
    }
    return this.#stable;
  }

  /**
   * True once the stored settings are read (or none are kept, as before
   * `start`): measures computed before would be computed again with them.
   */
  get loaded(): boolean {
    return !this.#stored || !this.#stored.isLoading;
  }

  get error(): Error | null {
    return this.#stored?.error ?? null;
  }

  start(): () => void {
    return $effect.root(() => {
      this.#stored = new LiveQuery(() => () => getMeta('settings'));
    });
  }

  reset(): void {
    this.#stored = null;
    this.#stable = DEFAULT_SETTINGS;
  }
}

export const settings = new SettingsState();
