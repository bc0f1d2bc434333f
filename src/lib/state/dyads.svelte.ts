import { subscribe, type Change } from '../db/changes';
import { dyadCounts, type DyadCount } from '../db/signals';

/**
 * Which dyads hold signals, and how many: counted in the database when the
 * actors change or a bulk write lands, and kept up to date by each saved or
 * deleted signal without a new count.
 */
class DyadIndex {
  #list = $state.raw<DyadCount[]>([]);
  #loaded = $state(false);
  #actorIds: readonly string[] | null = null;
  #request = 0;
  #stop: (() => void) | null = null;

  /** Dyads with signals, the busiest first. */
  get list(): readonly DyadCount[] {
    return this.#list;
  }
  get loaded() {
    return this.#loaded;
  }

  /** (Re)counts for these actors; cheap to call again with the same ones. */
  track(actorIds: readonly string[]): void {
    this.#stop ??= subscribe((change) => this.apply(change));
    const known = this.#actorIds;
    if (known && actorIds.length === known.length && actorIds.every((id, i) => id === known[i])) return;
    this.#actorIds = actorIds;
    void this.load();
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    const counts = await dyadCounts(this.#actorIds ?? []);
    if (request !== this.#request) return;
    this.#list = counts.sort((a, b) => b.count - a.count);
    this.#loaded = true;
  }

  apply(change: Change): void {
    if (change.type === 'reload') {
      void this.load();
      return;
    }
    if (change.table !== 'signals') return;
    // A put may be an edit that moved a signal between dyads: only a recount
    // knows, and edits are rare next to new signals, so recount on edits.
    const created = change.type === 'put' && change.records.every((r) => r.createdAt === r.updatedAt);
    if (!created) {
      void this.load();
      return;
    }
    const next = this.#list.map((d) => ({ ...d }));
    for (const record of change.records) {
      const found = next.find((d) => d.senderId === record.senderId && d.receiverId === record.receiverId);
      if (found) found.count++;
      else next.push({ senderId: record.senderId, receiverId: record.receiverId, count: 1 });
    }
    this.#list = next.sort((a, b) => b.count - a.count);
  }

  reset(): void {
    this.#stop?.();
    this.#stop = null;
    this.#actorIds = null;
    this.#list = [];
    this.#loaded = false;
    this.#request++;
  }
}

export const dyads = new DyadIndex();
