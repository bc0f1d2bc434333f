import type { Timestamp } from './types';

/** How old the last backup may grow, with changes made since, before Parallax offers a new one. */
export const BACKUP_REMINDER_DAYS = 7;

const DAY_MS = 86_400_000;

/**
 * Whether to offer a backup: something changed since the last one, and that one
 * is more than `BACKUP_REMINDER_DAYS` old, or was never made. Nothing changed
 * (`changedAt` absent: an empty store, or only the example) asks for nothing.
 */
export function backupDue(
  changedAt: Timestamp | null | undefined,
  lastBackupAt: Timestamp | null | undefined,
  now: Date = new Date(),
): boolean {
  const changed = changedAt ? Date.parse(changedAt) : NaN;
  if (Number.isNaN(changed)) return false;
  const backedUp = lastBackupAt ? Date.parse(lastBackupAt) : NaN;
  if (Number.isNaN(backedUp)) return true;
  return changed > backedUp && now.getTime() - backedUp > BACKUP_REMINDER_DAYS * DAY_MS;
}
