import { listActors, listRedLines } from '../db/actors';
import { redLineCrossings } from '../db/signal-reads';
import type { Actor, RedLine, Signal } from '../domain/types';
import { LiveQuery } from './live.svelte';

/**
 * The actors, red lines and red-line crossings: a few dozen records every view needs, kept live
 * from the database (this tab's writes and other tabs' alike).
 */
class Catalog {
  #actors: LiveQuery<Actor[]> | null = $state(null);
  #redLines: LiveQuery<RedLine[]> | null = $state(null);
  #crossings: LiveQuery<Signal[]> | null = $state(null);

  readonly actors: Actor[] = $derived(this.#actors?.current ?? []);
  readonly redLines: RedLine[] = $derived(this.#redLines?.current ?? []);
  /** Every signal that crosses a red line (a handful, whatever the data's size). */
  readonly crossings: Signal[] = $derived(this.#crossings?.current ?? []);
  readonly actorsById: ReadonlyMap<string, Actor> = $derived(new Map(this.actors.map((a) => [a.id, a])));
  readonly redLinesById: ReadonlyMap<string, RedLine> = $derived(
    new Map(this.redLines.map((r) => [r.id, r])),
  );
  readonly loaded: boolean = $derived(
    this.#actors?.current !== undefined && this.#redLines?.current !== undefined,
  );
  /** Actors, red lines and crossings are all read: what the dashboard needs to draw a dyad once, complete. */
  readonly ready: boolean = $derived(this.loaded && this.#crossings?.current !== undefined);
  /** The first failed read of the three: without any one of them the dashboard cannot draw. */
  readonly error: Error | null = $derived(
    this.#actors?.error ?? this.#redLines?.error ?? this.#crossings?.error ?? null,
  );

  /** Starts the live queries; returns the function that stops them. */
  start(): () => void {
    return $effect.root(() => {
      this.#actors = new LiveQuery(() => listActors);
      this.#redLines = new LiveQuery(() => listRedLines);
      this.#crossings = new LiveQuery(() => redLineCrossings);
    });
  }

  actorName(id: string): string {
    return this.actorsById.get(id)?.name ?? 'Unknown actor';
  }

  actorColor(id: string): string {
    return this.actorsById.get(id)?.color ?? '#6b7280';
  }
}

export const catalog = new Catalog();
