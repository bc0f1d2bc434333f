/**
 * The wire's view of the open dyad: its events from event files (in the
 * inbox, or accepted), one point a day. Loaded in a chunk of its own the
 * first time an analyst turns the view on.
 */
import { wireEvents } from '../db/inbox';
import { wireLine, type WirePoint } from '../domain/events/wire';
import { LatestRead } from './latest-read.svelte';

export class WireLine {
  #points = $state.raw<readonly WirePoint[]>([]);
  /** `sender→receiver` of the dyad whose points are held. */
  #loadedFor = $state('');
  #read = new LatestRead();

  /** The dyad's points once read for `key`; none before. */
  points(key: string): readonly WirePoint[] {
    return this.#loadedFor === key ? this.#points : [];
  }
  loaded(key: string): boolean {
    return this.#loadedFor === key;
  }
  get error(): Error | null {
    return this.#read.error;
  }

  /** Reads the dyad's events; the newest request wins. */
  load(key: string, senderId: string, receiverId: string): Promise<void> {
    return this.#read.run(
      () => wireEvents(senderId, receiverId),
      (events) => {
        this.#points = wireLine(events);
        this.#loadedFor = key;
      },
    );
  }
}

export const wireLineOfDyad = new WireLine();
