import type { Actor, Analyst, RedLine, Signal } from '../domain/types';
import { db } from './database';

/**
 * What a committed transaction changed. Repositories publish one after the
 * transaction commits, so state can patch what it holds instead of reading
 * 100,000 rows again. A put carries the records as they now are; a delete, the
 * ids that are gone. `reload` says "too much changed, or this tab may have
 * missed changes: read again".
 */
export type Change =
  | { table: 'signals'; type: 'put'; records: Signal[] }
  | { table: 'actors'; type: 'put'; records: Actor[] }
  | { table: 'redLines'; type: 'put'; records: RedLine[] }
  | { table: 'analysts'; type: 'put'; records: Analyst[] }
  | { table: ChangedTable; type: 'delete'; ids: string[] }
  | { type: 'reload' };

/**
 * Assessments are not a table of their own here: a write of one publishes its
 * signal, whose record carries the new consensus and every analyst's scores.
 */
export type ChangedTable = 'signals' | 'actors' | 'redLines' | 'analysts';

/**
 * What crosses between tabs: ids only. A message says which records changed,
 * never what they hold, so a message that arrives late or out of order can
 * never put an old version on screen: the receiving tab reads those ids from
 * the database, which is the truth.
 */
export type ChangeMessage = { table: ChangedTable; ids: string[] } | { type: 'reload' };

type Listener = (change: Change) => void;

const listeners = new Set<Listener>();
const CHANNEL = 'parallax-changes';
/** Above this many ids a message says "reload": a 100k import never crosses tabs id by id. */
const MAX_IDS = 1000;
let channel: BroadcastChannel | null = null;

/**
 * Changes are handed on one after another, in the order they happened. A
 * message from another tab needs a read first; a change of this tab that comes
 * meanwhile waits behind it, so a read that saw the database before this tab's
 * write can never be applied after that write.
 */
let pending: Promise<void> | null = null;

function deliver(changes: readonly Change[]) {
  for (const change of changes) for (const listener of listeners) listener(change);
}

function enqueue(next: () => Change[] | Promise<Change[]>): void {
  if (!pending) {
    const changes = next();
    if (!(changes instanceof Promise)) {
      deliver(changes);
      return;
    }
    pending = changes.then(deliver);
  } else {
    pending = pending.then(next).then(deliver);
  }
  // A read that fails (the database closed meanwhile) leaves this tab unsure
  // of what it holds: everything is read again, and that read shows the error.
  const current: Promise<void> = (pending = pending
    .catch(() => deliver([{ type: 'reload' }]))
    .finally(() => {
      if (pending === current) pending = null;
    }));
}

/** The records behind a message, as the database holds them now: present ones are puts, absent ones deletes. */
async function reread(message: ChangeMessage): Promise<Change[]> {
  if ('type' in message) return [{ type: 'reload' }];
  const { table, ids } = message;
  const found: unknown[] = await db.table(table).bulkGet(ids);
  const records = found.filter((r) => r !== undefined);
  const gone = ids.filter((_, i) => found[i] === undefined);
  const changes: Change[] = [];
  if (records.length) changes.push({ table, type: 'put', records } as Change);
  if (gone.length) changes.push({ table, type: 'delete', ids: gone });
  return changes;
}

function openChannel() {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<ChangeMessage>) => enqueue(() => reread(event.data));
}

function messageOf(change: Change): ChangeMessage {
  if (change.type === 'reload') return change;
  const ids = change.type === 'put' ? change.records.map((r) => r.id) : change.ids;
  return ids.length > MAX_IDS ? { type: 'reload' } : { table: change.table, ids };
}

/** Tell this tab and every other open tab what was written. */
export function publish(change: Change): void {
  enqueue(() => [change]);
  openChannel();
  channel?.postMessage(messageOf(change));
}

/**
 * Tell this tab only that it may have missed changes (it was frozen, hidden
 * or kept in the back-forward cache): everything held is read again.
 */
export function resync(): void {
  enqueue(() => [{ type: 'reload' }]);
}

/**
 * A tab restored from the back-forward cache, or shown again after the browser
 * froze it, missed the messages other tabs sent meanwhile: it reads again.
 * Returns the function that stops listening.
 */
export function resyncWhenShown(target: Window = window): () => void {
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) resync();
  };
  const onVisibilityChange = () => {
    if (target.document.visibilityState === 'visible') resync();
  };
  target.addEventListener('pageshow', onPageShow);
  target.document.addEventListener('visibilitychange', onVisibilityChange);
  return () => {
    target.removeEventListener('pageshow', onPageShow);
    target.document.removeEventListener('visibilitychange', onVisibilityChange);
  };
}

export function subscribe(listener: Listener): () => void {
  openChannel();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
