import type { Timestamp } from '../domain/types';

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); served over plain http from an intranet host it is missing,
 * while `crypto.getRandomValues` is there in every context, so the UUID is built
 * from it by hand (RFC 9562 §5.4).
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return uuidFromRandomBytes(crypto.getRandomValues(new Uint8Array(16)));
}

/** Formats 16 random bytes as a v4 UUID: version nibble 4, variant bits 10 (8, 9, a or b). */
export function uuidFromRandomBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new Error(`a UUID needs 16 random bytes, not ${bytes.length}`);
  const b = Uint8Array.from(bytes);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
