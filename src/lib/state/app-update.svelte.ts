/**
 * A newer build of Parallax, installed by the service worker and waiting for the
 * analyst: the app never swaps its code on its own (services/offline.ts).
 */
class AppUpdate {
  #waiting = $state(false);
  #apply: (() => void) | null = null;

  /** A new version is ready and `apply()` reloads into it. */
  get waiting() {
    return this.#waiting;
  }

  offer(apply: () => void): void {
    this.#apply = apply;
    this.#waiting = true;
  }

  apply(): void {
    this.#apply?.();
  }

  reset(): void {
    this.#waiting = false;
    this.#apply = null;
  }
}

export const appUpdate = new AppUpdate();
