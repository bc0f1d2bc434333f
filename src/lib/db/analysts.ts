/**
 * Analysts (PRODUCT.md §2): the people who score. Each browser has a current
 * analyst, kept in the meta record `currentAnalyst`; every assessment and every
 * edit records its analyst. Names follow one rule (`checkAnalystName`).
 */
import { nameKey } from '../domain/names';
import { checkAnalystName } from '../domain/rules';
import type { Analyst, Timestamp } from '../domain/types';
import { nextVersion } from '../domain/versions';
import { publish } from './changes';
import { db, UNATTRIBUTED } from './database';
import { newId, now } from './ids';
import { MissingRecordError, MissingReferenceError, StaleRecordError } from './errors';

export { UNATTRIBUTED };

/** A name refused by the rule, in words the Methods view can show beside `Analyst name`. */
export class AnalystNameError extends Error {
  constructor(message: string) {
    super(`Analyst name ${message}.`);
    this.name = 'AnalystNameError';
  }
}

export async function listAnalysts(): Promise<Analyst[]> {
  return (await db.analysts.toArray()).sort((a, b) => a.name.localeCompare(b.name));
}

/** The current analyst of this browser, or null until one is named (or when the record is gone). */
export async function currentAnalyst(): Promise<Analyst | null> {
  return db.transaction('r', db.meta, db.analysts, async () => {
    const id = (await db.meta.get('currentAnalyst'))?.value;
    return typeof id === 'string' ? ((await db.analysts.get(id)) ?? null) : null;
  });
}

/** Checks a name inside the caller's transaction, against the analysts stored now; `id` is the one renamed. */
async function checkName(name: unknown, id?: string): Promise<string> {
  const others = await db.analysts.toArray();
  const byKey = new Map(others.filter((a) => a.id !== id).map((a) => [nameKey(a.name), a.name]));
  const checked = checkAnalystName(name, (key) => byKey.get(key));
  if (!checked.ok) throw new AnalystNameError(checked.message);
  return checked.value;
}

/**
 * Names this browser's analyst (`Analyst name` + `Save name`): renames the
 * current analyst, or, when there is none yet, adds one and makes it current.
 */
export async function saveAnalystName(name: unknown): Promise<Analyst> {
  const analyst = await db.transaction('rw', db.meta, db.analysts, async () => {
    const id = (await db.meta.get('currentAnalyst'))?.value;
    const existing = typeof id === 'string' ? await db.analysts.get(id) : undefined;
    const clean = await checkName(name, existing?.id);
    const stamp = now();
    const next: Analyst = existing
      ? { ...existing, name: clean, ...nextVersion(existing, stamp) }
      : { id: newId(), name: clean, createdAt: stamp, updatedAt: stamp };
    await db.analysts.put(next);
    if (!existing) await db.meta.put({ key: 'currentAnalyst', value: next.id });
    return next;
  });
  publish({ table: 'analysts', type: 'put', records: [analyst] });
  return analyst;
}

/**
 * Renames an analyst (say, "Unattributed", whose scores predate names), from
 * the version `basedOn` the analyst saw; refused when it changed since.
 */
export async function renameAnalyst(id: string, name: unknown, basedOn?: Timestamp): Promise<Analyst> {
  const analyst = await db.transaction('rw', db.analysts, async () => {
    const existing = await db.analysts.get(id);
    if (!existing) throw new MissingRecordError('This analyst');
    if (basedOn !== undefined && existing.updatedAt !== basedOn)
      throw new StaleRecordError('This analyst', existing);
    const next: Analyst = { ...existing, name: await checkName(name, id), ...nextVersion(existing, now()) };
    await db.analysts.put(next);
    return next;
  });
  publish({ table: 'analysts', type: 'put', records: [analyst] });
  return analyst;
}

/** Makes an existing analyst this browser's current one (the same person on a second machine). */
export async function chooseAnalyst(id: string): Promise<Analyst> {
  return db.transaction('rw', db.meta, db.analysts, async () => {
    const analyst = await db.analysts.get(id);
    if (!analyst) throw new MissingReferenceError('The analyst');
    await db.meta.put({ key: 'currentAnalyst', value: id });
    return analyst;
  });
}

/**
 * The analyst "Unattributed", inside the caller's transaction (with `analysts`
 * in it): found by its name, or added. Scores whose analyst nobody named go to
 * it (an old backup, a write before the analyst gave a name).
 */
export async function unattributedAnalyst(): Promise<{ analyst: Analyst; added: boolean }> {
  const key = nameKey(UNATTRIBUTED);
  const found = await db.analysts.filter((a) => nameKey(a.name) === key).first();
  if (found) return { analyst: found, added: false };
  const stamp = now();
  const analyst: Analyst = { id: newId(), name: UNATTRIBUTED, createdAt: stamp, updatedAt: stamp };
  await db.analysts.add(analyst);
  return { analyst, added: true };
}

/**
 * Who makes a write, inside the caller's transaction (with `meta` and
 * `analysts`): the analyst given, who must exist; else the current analyst;
 * else "Unattributed", so that no score is ever written without its analyst.
 * Returns the id and whether an analyst was added (to publish after commit).
 */
export async function writer(analystId?: string): Promise<{ id: string; added: Analyst | null }> {
  if (analystId !== undefined) {
    if (!(await db.analysts.get(analystId))) throw new MissingReferenceError('The analyst');
    return { id: analystId, added: null };
  }
  const current = (await db.meta.get('currentAnalyst'))?.value;
  if (typeof current === 'string' && (await db.analysts.get(current))) return { id: current, added: null };
  const { analyst, added } = await unattributedAnalyst();
  return { id: analyst.id, added: added ? analyst : null };
}
