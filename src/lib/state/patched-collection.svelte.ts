import { subscribe, type Change } from '../db/changes';
import { LatestRead } from './latest-read.svelte';

/** How a change alters a collection: the keys it takes out, then the items it puts in. */
export interface Patch<T> {
  remove: readonly string[];
  add: readonly T[];
  /**
   * A put's records as they now are, one for each key in `remove`: with the
   * source's `locate`, their held versions are found without a scan.
   */
  put?: readonly T[];
}

/** What a change means to a collection: a patch, "read everything again", or nothing. */
export type PatchOutcome<T> = Patch<T> | 'reload' | null;

export interface CollectionSource<T> {
  /** Reads the whole collection (the parameters it needs are read when it runs). */
  read: () => Promise<T[]>;
  /** The key of an item: a record's id, or a dyad's `sender→receiver`. */
  key: (item: T) => string;
  /**
   * What a change does to the collection. May read the database (a count), so
   * it may answer later; changes are still applied in the order they came.
   * A patch must say what the database holds, not what it held: the same
   * change applied twice leaves the same collection.
   */
  patch: (change: Change) => PatchOutcome<T> | Promise<PatchOutcome<T>>;
  /** The order items are kept in; without one, new items go last. */
  order?: (a: T, b: T) => number;
  /**
   * Where the held version of a record just put sits in `items` (kept in
   * `order`), found without a scan: its index, -1 when none is held, null
   * when only a scan can tell (an edit may have moved it).
   */
  locate?: (items: readonly T[], record: T) => number | null;
  /** `read` already returns items in `order`: no sort after a read. */
  readInOrder?: boolean;
  /** Told of every full read, after the items are in place. */
  onRead?: (items: readonly T[]) => void;
  /** Told of every patch: the items taken out and those put in. */
  onPatched?: (removed: readonly T[], added: readonly T[]) => void;
}

/**
 * A collection read once from the database, then kept up to date by patching
 * in each change (this tab's writes and other tabs', see `db/changes.ts`)
 * instead of reading it again. The one helper behind the open dyad's series,
 * the dyad index and the list of all signals.
 *
 * A change that arrives while a read runs waits for the read, then is applied
 * on top of it: the read may or may not have seen it, and a patch that says
 * what the database holds is right either way. Without this, a signal saved
 * while a dyad loads would be missing until the next change.
 */
export class PatchedCollection<T> {
  // $state.raw: the array is replaced, never mutated, and Chart.js must not get a proxy.
  #items = $state.raw<T[]>([]);
  #loaded = $state(false);
  #read = new LatestRead();
  #source: CollectionSource<T>;
  /** Changes waiting for a read or an earlier patch to finish, oldest first. */
  #waiting: Change[] = [];
  /** True while a full read or a patch that reads runs: changes wait. */
  #busy = false;
  #loadRequest = 0;
  #stop: (() => void) | null = null;

  constructor(source: CollectionSource<T>) {
    this.#source = source;
  }

  get items(): readonly T[] {
    return this.#items;
  }
  /** True once a full read has been held. */
  get loaded(): boolean {
    return this.#loaded;
  }
  get loading(): boolean {
    return this.#read.loading;
  }
  get error(): Error | null {
    return this.#read.error;
  }

  /** Starts listening for changes (a no-op once listening). */
  listen(): void {
    this.#stop ??= subscribe((change) => this.apply(change));
  }

  /**
   * Reads the whole collection; `then` runs with the items in place (to note
   * which parameters they were read for). Changes that came meanwhile follow.
   */
  async load(then?: () => void): Promise<void> {
    const request = ++this.#loadRequest;
    this.#busy = true;
    await this.#read.run(this.#source.read, (rows) => {
      this.#hold(rows);
      then?.();
    });
    if (request !== this.#loadRequest) return;
    this.#busy = false;
    this.#drain();
  }

  /** Applies a change now, or after the read or patch under way. */
  apply(change: Change): void {
    if (this.#busy) {
      this.#waiting.push(change);
      return;
    }
    const outcome = this.#source.patch(change);
    if (outcome instanceof Promise) {
      this.#busy = true;
      const request = this.#loadRequest;
      outcome.then(
        (patch) => this.#afterPatch(request, patch),
        () => this.#afterPatch(request, 'reload'),
      );
      return;
    }
    this.#commit(outcome);
  }

  /** Empties the collection and forgets any read under way. */
  clear(): void {
    this.#loadRequest++;
    this.#read.cancel();
    this.#waiting = [];
    this.#busy = false;
    this.#hold([]);
    this.#loaded = false;
  }

  reset(): void {
    this.#stop?.();
    this.#stop = null;
    this.clear();
  }

  #afterPatch(request: number, outcome: PatchOutcome<T>): void {
    // A full read started meanwhile holds everything this patch would add.
    if (request !== this.#loadRequest) return;
    this.#busy = false;
    this.#commit(outcome);
    if (!this.#busy) this.#drain();
  }

  #drain(): void {
    // A waiting "reload" reads everything again, which covers every other waiting change.
    if (this.#waiting.some((c) => c.type === 'reload')) {
      this.#waiting = [];
      void this.load();
      return;
    }
    while (this.#waiting.length && !this.#busy) this.apply(this.#waiting.shift()!);
  }

  #commit(outcome: PatchOutcome<T>): void {
    if (outcome === 'reload') {
      void this.load();
      return;
    }
    if (!outcome || (outcome.remove.length === 0 && outcome.add.length === 0)) return;
    const { key, order } = this.#source;
    const current = this.#items;
    const removed: T[] = [];
    let next: T[] = current;
    const located = outcome.remove.length ? this.#locate(current, outcome) : null;
    if (located) {
      // A new signal in a dyad of 100,000 is one binary search, not 100,000 keys compared.
      if (located.length) {
        next = current.slice();
        for (const at of located.sort((a, b) => b - a)) removed.push(...next.splice(at, 1));
      }
    } else if (outcome.remove.length) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, discarded after the patch
      const gone = new Set(outcome.remove);
      next = current.filter((item) => {
        if (!gone.has(key(item))) return true;
        removed.push(item);
        return false;
      });
    }
    if (removed.length === 0 && outcome.add.length === 0) return;
    if (next === current) next = current.slice();
    if (!order) next.push(...outcome.add);
    else if (outcome.add.length > 16) {
      // Many at once (another tab's import of a few hundred): one sort, linear on sorted runs.
      next.push(...outcome.add);
      next.sort(order);
    } else for (const item of outcome.add) next.splice(insertionIndex(next, item, order), 0, item);
    this.#items = next;
    this.#source.onPatched?.(removed, outcome.add);
  }

  /** The indices of the held versions of a put's records, or null when a scan must find them. */
  #locate(current: readonly T[], outcome: Patch<T>): number[] | null {
    const { locate } = this.#source;
    const put = outcome.put;
    if (!locate || !put || put.length !== outcome.remove.length) return null;
    const found: number[] = [];
    for (const record of put) {
      const at = locate(current, record);
      if (at === null) return null;
      if (at >= 0) found.push(at);
    }
    return found;
  }

  #hold(rows: T[]): void {
    const { order, readInOrder } = this.#source;
    this.#items = order && !readInOrder ? rows.sort(order) : rows;
    this.#loaded = true;
    this.#source.onRead?.(this.#items);
  }
}

/** Where `item` goes in `sorted`: after every item that does not come after it. */
function insertionIndex<T>(sorted: readonly T[], item: T, order: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(sorted[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The patch of a list of records of one table: a put replaces each record by
 * its new version (or takes it out, when it no longer `belongs`, an edit that
 * moved a signal to another dyad); a delete takes the ids out.
 */
export function recordPatch<T extends { id: string }>(
  table: 'signals' | 'actors' | 'redLines',
  change: Change,
  belongs: (record: T) => boolean = () => true,
): PatchOutcome<T> {
  if (change.type === 'reload') return 'reload';
  if (change.table !== table) return null;
  if (change.type === 'delete') return { remove: change.ids, add: [] };
  const records = change.records as unknown as T[];
  return { remove: records.map((r) => r.id), add: records.filter(belongs), put: records };
}
