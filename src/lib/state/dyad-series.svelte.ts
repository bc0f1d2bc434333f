import { signalsOfDyad } from '../db/signal-reads';
import { compareSignals, indexOfUnedited, type Series } from '../domain/window';
import { countTags, tagsByUse } from '../domain/table';
import type { Signal } from '../domain/types';
import { PatchedCollection, recordPatch } from './patched-collection.svelte';
import { SeriesMemo } from './series-memo';

/**
 * The open dyad's signals, in order. Read once when the dyad is chosen; after
 * that every saved, edited or deleted signal is patched in, so one new signal
 * never re-reads 100,000 rows.
 */
export class DyadSeries {
  #senderId = $state('');
  #receiverId = $state('');
  /** `sender→receiver` of the dyad whose signals are held: it lags the choice while a read runs. */
  #loadedKey = $state('');
  #signals = new PatchedCollection<Signal>({
    read: () => signalsOfDyad(this.#senderId, this.#receiverId),
    key: (s) => s.id,
    order: compareSignals,
    locate: indexOfUnedited,
    readInOrder: true,
    patch: (change) =>
      this.#senderId
        ? recordPatch<Signal>(
            'signals',
            change,
            (s) => s.senderId === this.#senderId && s.receiverId === this.#receiverId,
          )
        : null,
    onRead: (rows) => this.#countTagsLater(rows),
    onPatched: (removed, added) => this.#patchTags(removed, added),
  });
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
    return this.#signals.items;
  }
  // The columns of the held list, patched with each change, never recomputed
  // whole for one saved signal. Not reactive itself: `series` reads `signals`.
  #series = new SeriesMemo();
  /** The signals with their columns, as the measures read them. */
  get series(): Series {
    return this.#series.of(this.#signals.items, true);
  }
  /** The tags the dyad's signals use, the most used first. */
  get tags(): readonly string[] {
    return this.#tags;
  }
  get loading() {
    return this.#signals.loading;
  }
  /** True once the chosen dyad's own signals are held (not the previous dyad's, nor none yet). */
  get ready(): boolean {
    return !!this.#senderId && this.#loadedKey === `${this.#senderId}→${this.#receiverId}`;
  }
  get error() {
    return this.#signals.error;
  }

  /** Chooses the dyad and reads its signals; a no-op when it is already open. */
  select(senderId: string, receiverId: string): void {
    this.#signals.listen();
    if (senderId === this.#senderId && receiverId === this.#receiverId) return;
    this.#senderId = senderId;
    this.#receiverId = receiverId;
    void this.load();
  }

  async load(): Promise<void> {
    const key = `${this.#senderId}→${this.#receiverId}`;
    if (!this.#senderId || !this.#receiverId) {
      this.#signals.clear();
      return;
    }
    await this.#signals.load(() => (this.#loadedKey = key));
  }

  /**
   * Holds a freshly read dyad. Its tags (the tag filter's suggestions, not
   * drawn) are counted in a task of their own, after the dashboard has drawn:
   * counting reads every signal's tags, 100,000 lists scattered over the heap.
   */
  #countTagsLater(rows: readonly Signal[]): void {
    this.#tagCounts.clear();
    this.#tags = [];
    clearTimeout(this.#tagTimer);
    this.#tagsCounted = rows.length === 0;
    if (this.#tagsCounted) return;
    this.#tagTimer = setTimeout(() => {
      countTags(this.#tagCounts, this.#signals.items, 1);
      this.#tagsCounted = true;
      this.#tags = tagsByUse(this.#tagCounts);
    });
  }

  #patchTags(removed: readonly Signal[], added: readonly Signal[]): void {
    if (!this.#tagsCounted) return; // the count to come sees this change
    countTags(this.#tagCounts, removed, -1);
    countTags(this.#tagCounts, added, 1);
    if (removed.some((s) => s.tags.length) || added.some((s) => s.tags.length)) {
      this.#tags = tagsByUse(this.#tagCounts);
    }
  }

  reset(): void {
    this.#signals.reset();
    this.#senderId = '';
    this.#receiverId = '';
    this.#loadedKey = '';
    this.#series.reset();
    this.#countTagsLater([]);
  }
}

export const dyadSeries = new DyadSeries();
