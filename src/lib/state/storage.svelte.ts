import type Dexie from 'dexie';
import { db } from '../db/database';
import { getMeta } from '../db/meta';
import type { Timestamp } from '../domain/types';

/**
 * Why this tab can no longer use the database:
 * - `upgraded`: another tab opened a newer Parallax, which upgrades the schema;
 * - `blocked`: this tab's upgrade waits for an older tab to close;
 * - `closed`: the database was deleted or closed;
 * - `lost`: the browser closed it under the page (it cleared the site's data,
 *   or the disk went away): writes stop until a reload;
 * - `newer`: a newer Parallax wrote it: nothing is read or written.
 */
export type DatabaseTrouble = 'upgraded' | 'blocked' | 'closed' | 'lost' | 'newer';

/**
 * Where the data lives, as the analyst should read it. IndexedDB belongs to one
 * origin (scheme, host and port): the same build opened at another address, even
 * 127.0.0.1 for localhost, starts from another, empty store.
 */
export function dataPlace(): string {
  return `in this browser, for ${location.origin} only`;
}

/** How much the browser lets Parallax keep, and whether it may clear it. */
class StorageStatus {
  #persisted = $state<boolean | null>(null);
  #usage = $state<number | null>(null);
  #quota = $state<number | null>(null);
  #lastBackupAt = $state<Timestamp | null>(null);
  #trouble = $state<DatabaseTrouble | null>(null);

  /** True, false, or null when the browser cannot say. */
  get persisted() {
    return this.#persisted;
  }
  get usage() {
    return this.#usage;
  }
  get quota() {
    return this.#quota;
  }
  get lastBackupAt() {
    return this.#lastBackupAt;
  }
  get trouble() {
    return this.#trouble;
  }

  /**
   * Listens for another tab's schema upgrade and for a blocked one. Dexie
   * closes the database on `versionchange` so the other tab can upgrade; this
   * tab then cannot read or write and must be reloaded to run the new code.
   */
  watch(database: Dexie = db): () => void {
    const onVersionChange = (event: IDBVersionChangeEvent) => {
      // A version of null or 0 is a deletion (a test, or the browser clearing data).
      this.#trouble = event.newVersion ? 'upgraded' : 'closed';
      database.close();
    };
    const onBlocked = () => {
      this.#trouble ??= 'blocked';
    };
    const onClose = () => {
      this.#trouble ??= 'closed';
    };
    // The browser closed the connection itself (the native close event never
    // follows a close the page asked for). Dexie would open the database again
    // on the next read or write, and after the site's data was cleared that
    // creates a fresh, empty one and writes into it, with actors that exist
    // nowhere. So auto-opening stops: every write fails until a reload.
    const onLost = () => {
      this.#trouble = 'lost';
      database.close({ disableAutoOpen: true });
      // Dexie's own handler of the same event may run after this one and allow auto-opening again.
      queueMicrotask(() => database.close({ disableAutoOpen: true }));
    };
    let watched: IDBDatabase | null = null;
    const watchConnection = () => {
      watched?.removeEventListener('close', onLost);
      watched = database.isOpen() ? database.backendDB() : null;
      watched?.addEventListener('close', onLost);
    };
    // Once the older tab lets go, the blocked upgrade proceeds and the database opens.
    const onReady = () => {
      if (this.#trouble === 'blocked') this.#trouble = null;
      watchConnection();
    };
    database.on('versionchange', onVersionChange);
    database.on('blocked', onBlocked);
    database.on('close', onClose);
    database.on('ready', onReady, true);
    watchConnection();
    return () => {
      database.on('versionchange').unsubscribe(onVersionChange);
      database.on('blocked').unsubscribe(onBlocked);
      database.on('close').unsubscribe(onClose);
      database.on.ready.unsubscribe(onReady);
      watched?.removeEventListener('close', onLost);
    };
  }

  /** Reads what the browser says of the storage, and when the last backup was made. */
  async refresh(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    const [persisted, estimate, lastBackupAt] = await Promise.all([
      storage?.persisted ? storage.persisted().catch(() => null) : null,
      storage?.estimate ? storage.estimate().catch(() => null) : null,
      getMeta('lastBackupAt').catch(() => undefined),
    ]);
    this.#persisted = persisted;
    this.#usage = estimate?.usage ?? null;
    this.#quota = estimate?.quota ?? null;
    this.#lastBackupAt = lastBackupAt ?? null;
  }

  /** A newer Parallax wrote the database (see `ParallaxDB.refuseIfNewer`). */
  noteNewer(): void {
    this.#trouble = 'newer';
  }

  notePersisted(persisted: boolean): void {
    this.#persisted = persisted;
  }

  noteBackup(at: Timestamp): void {
    this.#lastBackupAt = at;
  }

  reset(): void {
    this.#persisted = null;
    this.#usage = null;
    this.#quota = null;
    this.#lastBackupAt = null;
    this.#trouble = null;
  }
}

export const storage = new StorageStatus();
