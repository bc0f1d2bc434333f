/** Messages to the analyst: confirmations (polite) and failures (assertive). */
export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
  action?: { label: string; run: () => void | Promise<void> };
}

const INFO_MS = 8000;

class Notices {
  #items = $state.raw<Notice[]>([]);
  #next = 1;

  get items(): readonly Notice[] {
    return this.#items;
  }

  info(text: string, action?: Notice['action']): number {
    const id = this.#push({ tone: 'info', text, action });
    // Confirmations fade. An offer (Undo) stays until used, dismissed or pushed
    // out by newer messages: a time limit on an action fails analysts who read
    // or move slowly (WCAG 2.2.1).
    if (!action) setTimeout(() => this.dismiss(id), INFO_MS);
    return id;
  }

  /** Failures stay until the analyst dismisses them. */
  error(text: string): number {
    return this.#push({ tone: 'error', text });
  }

  dismiss(id: number): void {
    this.#items = this.#items.filter((n) => n.id !== id);
  }

  reset(): void {
    this.#items = [];
  }

  #push(notice: Omit<Notice, 'id'>): number {
    const id = this.#next++;
    this.#items = [...this.#items.slice(-4), { ...notice, id }];
    return id;
  }
}

export const notices = new Notices();
