import { subscribe } from '../db/changes';
import { getMeta } from '../db/meta';
import { backupDue } from '../domain/reminder';
import type { Timestamp } from '../domain/types';
import { storage } from './storage.svelte';

/**
 * Whether changes wait for a backup. The database stamps `changedAt` with every
 * write (db/database.ts); an export sets `storage.lastBackupAt`.
 */
class BackupReminder {
  #changedAt = $state<Timestamp | null>(null);
  #error = $state<Error | null>(null);

  get changedAt() {
    return this.#changedAt;
  }
  /** Why the stamps could not be read, if they could not. */
  get error() {
    return this.#error;
  }
  readonly due: boolean = $derived(backupDue(this.#changedAt, storage.lastBackupAt));

  /**
   * Reads the stamps now, after every write (here, in other tabs or in the import
   * worker), and when the tab comes back into view (a backup made in another tab).
   */
  watch(): () => void {
    void this.refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void this.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    const stop = subscribe(() => void this.refresh());
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }

  async refresh(): Promise<void> {
    try {
      const [changedAt, lastBackupAt] = await Promise.all([getMeta('changedAt'), getMeta('lastBackupAt')]);
      this.#changedAt = changedAt ?? null;
      if (lastBackupAt) storage.noteBackup(lastBackupAt);
      this.#error = null;
    } catch (error) {
      this.#error = error instanceof Error ? error : new Error(String(error));
    }
  }

  reset(): void {
    this.#changedAt = null;
    this.#error = null;
  }
}

export const reminder = new BackupReminder();
