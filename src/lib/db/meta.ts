import type { Settings, Timestamp } from '../domain/types';
import { db } from './database';

/** The keys of the `meta` table and the type each holds. */
export interface MetaValues {
  /** The analyst's thresholds τ, W and the alert threshold. */
  settings: Settings;
  /** When the analyst last exported a JSON backup. */
  lastBackupAt: Timestamp;
  /** When any record was last written (stamped by the database itself, see `database.ts`). */
  changedAt: Timestamp;
  /** The schema version an upgrade started from (written by the upgrade itself). */
  schemaUpgradedFrom: number;
  /** The id of this browser's analyst, who scores and edits (unset until the analyst gives a name). */
  currentAnalyst: string;
}

export type MetaKey = keyof MetaValues;

export async function getMeta<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
  const record = await db.meta.get(key);
  return record?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
  await db.meta.put({ key, value });
}
