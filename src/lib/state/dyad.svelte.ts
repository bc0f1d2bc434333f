import { subscribe, type Change } from '../db/changes';
import { signalsOfDyad } from '../db/signals';
import { compareSignals, inDyadOrder } from '../domain/analytics';
import { countTags, tagsByUse } from '../domain/table';
import type { Signal } from '../domain/types';
import { LatestRead } from './latest-read.svelte';

/**
 * The open dyad's signals, in order. Read once when the dyad is chosen; after
 * that every saved, edited or deleted signal is patched in (binary insertion),
 * so one new signal never re-reads 100,000 rows.
 */
export class DyadSeries {
  #senderId = $state('');
  #receiverId = $state('');
  // $state.raw: the array is replaced, never mutated, and Chart.js must not get a proxy.
  #signals = $state.raw<Signal[]>([]);
  /** `sender→receiver` of the dyad whose signals are held: it lags the choice while a read runs. */
  #loadedKey = $state('');
  #read = new LatestRead();
  #stop: (() => void) | null = null;
  // The dyad's tags and how often each is used: counted once when read, then
  // patched with each change, so a saved signal does not recount 100,000.
  // A local tally, never read reactively: `tags` is what views see.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #tagCounts = new Map<string, number>();
  #tags = $state.raw<string[]>([]);
  #tagsCounted = false;
  #tagTimer: ReturnType<typeof setTimeout> | undefined;

  get senderId() {
    return this.#senderId;
  }
  get receiverId() {
    return this.#receiverId;
  }
  get signals(): readonly Signal[] {
    return this.#signals;
  }
  /** The tags the dyad's signals use, the most used first. */
  get tags(): readonly string[] {
    return this.#tags;
  }
  get loading() {
    return this.#read.loading;
  }
  /** True once the chosen dyad's own signals are held (not the previous dyad's, nor none yet). */
  get ready(): boolean {
    return !!this.#senderId && this.#loadedKey === `${this.#senderId}→${this.#receiverId}`;
  }
  get error() {
    return this.#read.error;
  }

  /** Chooses the dyad and reads its signals; a no-op when it is already open. */
  select(senderId: string, receiverId: string): void {
    this.#stop ??= subscribe((change) => this.apply(change));
    if (senderId === this.#senderId && receiverId === this.#receiverId) return;
    this.#senderId = senderId;
    this.#receiverId = receiverId;
    void this.load();
  }

  async load(): Promise<void> {
    const senderId = this.#senderId;
    const receiverId = this.#receiverId;
    if (!senderId || !receiverId) {
      this.#read.cancel();
      this.#set([]);
      return;
    }
    await this.#read.run(
      () => signalsOfDyad(senderId, receiverId),
      (rows) => {
        this.#set(rows);
        this.#loadedKey = `${senderId}→${receiverId}`;
      },
    );
  }

  apply(change: Change): void {
    if (change.type === 'reload') {
      void this.load();
      return;
    }
    if (change.table !== 'signals' || !this.#senderId) return;
    const current = this.#signals;
    const removed = this.#held(change.records);
    let next: Signal[] | null = null;
    if (removed.length) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, discarded after the patch
      const gone = new Set(removed);
      next = current.filter((s) => !gone.has(s));
    }
    const added: Signal[] = [];
    if (change.type === 'put') {
      for (const record of change.records) {
        if (record.senderId !== this.#senderId || record.receiverId !== this.#receiverId) continue;
        next ??= current.slice();
        next.splice(insertionIndex(next, record), 0, record);
        added.push(record);
      }
    }
    if (!next) return;
    this.#signals = inDyadOrder(next);
    if (!this.#tagsCounted) return; // the count to come sees this change
    countTags(this.#tagCounts, removed, -1);
    countTags(this.#tagCounts, added, 1);
    if (removed.some((s) => s.tags.length) || added.some((s) => s.tags.length)) {
      this.#tags = tagsByUse(this.#tagCounts);
    }
  }

  /**
   * The held versions of these records, found without a scan where possible: a
   * record never edited (createdAt = updatedAt: a new signal, an undone delete)
   * or one being deleted sits where its own date puts it, found by binary
   * search. Only an edit, which may have moved the signal's date, needs a scan.
   */
  #held(records: readonly Signal[]): Signal[] {
    const current = this.#signals;
    const found: Signal[] = [];
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, discarded after the patch
    const scan = new Set<string>();
    for (const record of records) {
      const at = insertionIndex(current, record) - 1;
      if (at >= 0 && current[at].id === record.id && compareSignals(current[at], record) === 0) {
        found.push(current[at]);
      } else if (record.createdAt !== record.updatedAt) {
        scan.add(record.id);
      }
    }
    if (scan.size) for (const s of current) if (scan.has(s.id)) found.push(s);
    return found;
  }

  /**
   * Holds a freshly read dyad. Its tags (the tag filter's suggestions, not
   * drawn) are counted in a task of their own, after the dashboard has drawn:
   * counting reads every signal's tags, 100,000 lists scattered over the heap.
   */
  #set(rows: Signal[]): void {
    this.#signals = inDyadOrder(rows);
    this.#tagCounts.clear();
    this.#tags = [];
    clearTimeout(this.#tagTimer);
    this.#tagsCounted = rows.length === 0;
    if (this.#tagsCounted) return;
    this.#tagTimer = setTimeout(() => {
      countTags(this.#tagCounts, this.#signals, 1);
      this.#tagsCounted = true;
      this.#tags = tagsByUse(this.#tagCounts);
    });
  }

  reset(): void {
    this.#stop?.();
    this.#stop = null;
    this.#senderId = '';
    this.#receiverId = '';
    this.#set([]);
    this.#loadedKey = '';
    this.#read.cancel();
  }
}

function insertionIndex(sorted: readonly Signal[], record: Signal): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareSignals(sorted[mid], record) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const dyad = new DyadSeries();
