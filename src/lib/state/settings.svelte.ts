import { DEFAULT_SETTINGS, type Settings } from '../domain/types';

/** The analyst's thresholds (τ, W, alert threshold). */
class SettingsState {
  #current = $state.raw<Settings>({ ...DEFAULT_SETTINGS });

  get current(): Settings {
    return this.#current;
  }

  reset(): void {
    this.#current = { ...DEFAULT_SETTINGS };
  }
}

export const settings = new SettingsState();
