import type { Actor, RedLine, Signal } from '../domain/types';

/**
 * What a committed transaction changed. Repositories publish one after the
 * transaction commits, so state can patch what it holds instead of reading
 * 100,000 rows again. `reload` says "too much changed: read again".
 */
export type Change =
  | { table: 'signals'; type: 'put'; records: Signal[] }
  | { table: 'signals'; type: 'delete'; records: Signal[] }
  | { table: 'actors'; type: 'put'; records: Actor[] }
  | { table: 'actors'; type: 'delete'; records: Actor[] }
  | { table: 'redLines'; type: 'put'; records: RedLine[] }
  | { table: 'redLines'; type: 'delete'; records: RedLine[] }
  | { type: 'reload' };

type Listener = (change: Change) => void;

const listeners = new Set<Listener>();
const CHANNEL = 'parallax-changes';
let channel: BroadcastChannel | null = null;

function deliver(change: Change) {
  for (const listener of listeners) listener(change);
}

function openChannel() {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL);
  // Another tab of Parallax wrote: apply the same patch here.
  channel.onmessage = (event: MessageEvent<Change>) => deliver(event.data);
}

/** Tell this tab and every other open tab what was written. */
export function publish(change: Change): void {
  deliver(change);
  openChannel();
  // Large changes travel as "reload" so a 100k import never crosses tabs as data.
  channel?.postMessage(
    change.type !== 'reload' && change.records.length > 1000 ? { type: 'reload' } : change,
  );
}

export function subscribe(listener: Listener): () => void {
  openChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
