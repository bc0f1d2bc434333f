import type { Timestamp } from '../domain/types';

export function newId(): string {
  return crypto.randomUUID();
}

/**
 * An ISO timestamp that never repeats or goes backwards within this tab, so
 * that two signals saved in the same millisecond still order by creation.
 */
let last = 0;
export function now(): Timestamp {
  const t = Math.max(Date.now(), last + 1);
  last = t;
  return new Date(t).toISOString();
}
