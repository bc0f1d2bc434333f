import { countsOfDyads, dyadCounts, type DyadCount } from '../db/signal-reads';
import { PatchedCollection, type PatchOutcome } from './patched-collection.svelte';
import type { Change } from '../db/changes';

const keyOf = (d: { senderId: string; receiverId: string }) => `${d.senderId}→${d.receiverId}`;

/**
 * Which dyads hold signals, and how many: counted in the database when the
 * actors change or a bulk write lands, and kept up to date by each new signal
 * with a count of its own dyad only.
 */
export class DyadIndex {
  #actorIds: readonly string[] | null = null;
  #dyads = new PatchedCollection<DyadCount>({
    read: () => dyadCounts(this.#actorIds ?? []),
    key: keyOf,
    // The busiest first; ties in a fixed order, so a recount never reorders the picker.
    order: (a, b) => b.count - a.count || keyOf(a).localeCompare(keyOf(b)),
    patch: (change) => this.#patch(change),
  });

  /** Dyads with signals, the busiest first. */
  get list(): readonly DyadCount[] {
    return this.#dyads.items;
  }
  get loaded() {
    return this.#dyads.loaded;
  }
  get error() {
    return this.#dyads.error;
  }

  /** (Re)counts for these actors; cheap to call again with the same ones. */
  track(actorIds: readonly string[]): void {
    this.#dyads.listen();
    const known = this.#actorIds;
    if (known && actorIds.length === known.length && actorIds.every((id, i) => id === known[i])) return;
    this.#actorIds = actorIds;
    void this.load();
  }

  load(): Promise<void> {
    return this.#dyads.load();
  }

  /**
   * A new signal (never edited: createdAt = updatedAt) recounts its own dyad.
   * An edit may have moved a signal between dyads, and a delete names only an
   * id: only a full count knows which dyads lost one, and both are rare next
   * to new signals.
   */
  #patch(change: Change): PatchOutcome<DyadCount> | Promise<PatchOutcome<DyadCount>> {
    if (change.type === 'reload') return 'reload';
    if (change.table !== 'signals') return null;
    if (change.type === 'delete' || change.records.some((r) => r.createdAt !== r.updatedAt)) return 'reload';
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, discarded after the patch
    const pairs = new Map(change.records.map((r) => [keyOf(r), [r.senderId, r.receiverId] as const]));
    return countsOfDyads([...pairs.values()]).then((counts) => ({
      remove: [...pairs.keys()],
      add: counts,
    }));
  }

  reset(): void {
    this.#dyads.reset();
    this.#actorIds = null;
  }
}

export const dyadIndex = new DyadIndex();
