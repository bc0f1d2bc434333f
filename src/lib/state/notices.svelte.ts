/** Messages to the analyst: confirmations (polite) and failures (assertive). */
export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
  action?: { label: string; run: () => void | Promise<void> };
}

/** How long a confirmation shows, counting only time it is not hovered or focused. */
export const INFO_MS = 8000;

interface Timer {
  handle: ReturnType<typeof setTimeout> | null;
  /** Time left to show, in ms. */
  left: number;
  startedAt: number;
}

class Notices {
  #items = $state.raw<Notice[]>([]);
  #next = 1;
  #timers = new Map<number, Timer>();

  get items(): readonly Notice[] {
    return this.#items;
  }

  /** A confirmation that fades after INFO_MS, unless held (hovered or focused). */
  info(text: string, action?: Notice['action']): number {
    const id = this.#push({ tone: 'info', text, action });
    // Confirmations fade, their clock stopped while held. An offer (Undo) stays
    // until used, dismissed or pushed out by newer messages: a time limit on an
    // action fails analysts who read or move slowly (WCAG 2.2.1).
    if (!action) {
      this.#timers.set(id, { handle: null, left: INFO_MS, startedAt: 0 });
      this.#run(id);
    }
    return id;
  }

  /**
   * A notice that stays until dismissed or replaced: an Undo offer lasts as long
   * as the deletion can be undone.
   */
  lasting(text: string, action?: Notice['action']): number {
    return this.#push({ tone: 'info', text, action });
  }

  /** Failures stay until the analyst dismisses them. */
  error(text: string): number {
    return this.#push({ tone: 'error', text });
  }

  /** Stops a notice's clock while the analyst reads it (pointer over it, or focus in it). */
  hold(id: number): void {
    const timer = this.#timers.get(id);
    if (!timer?.handle) return;
    clearTimeout(timer.handle);
    timer.handle = null;
    timer.left -= Date.now() - timer.startedAt;
  }

  /** Restarts a held notice's clock with the time it had left. */
  release(id: number): void {
    const timer = this.#timers.get(id);
    if (!timer || timer.handle) return;
    this.#run(id);
  }

  dismiss(id: number): void {
    const timer = this.#timers.get(id);
    if (timer?.handle) clearTimeout(timer.handle);
    this.#timers.delete(id);
    this.#items = this.#items.filter((n) => n.id !== id);
  }

  reset(): void {
    for (const id of [...this.#timers.keys()]) this.dismiss(id);
    this.#items = [];
  }

  #run(id: number): void {
    const timer = this.#timers.get(id);
    if (!timer) return;
    timer.startedAt = Date.now();
    timer.handle = setTimeout(() => this.dismiss(id), Math.max(0, timer.left));
  }

  #push(notice: Omit<Notice, 'id'>): number {
    const id = this.#next++;
    const kept = this.#items.slice(-4);
    for (const dropped of this.#items.slice(0, -4)) {
      const timer = this.#timers.get(dropped.id);
      if (timer?.handle) clearTimeout(timer.handle);
      this.#timers.delete(dropped.id);
    }
    this.#items = [...kept, { ...notice, id }];
    return id;
  }
}

export const notices = new Notices();
