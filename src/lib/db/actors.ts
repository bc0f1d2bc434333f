import { nameKey } from '../domain/names';
import type { Actor, ActorDraft, RedLine, RedLineDraft, Timestamp } from '../domain/types';
import { nextVersion } from '../domain/versions';
import { publish } from './changes';
import { db } from './database';
import { newId, now } from './ids';
import { MissingRecordError, MissingReferenceError, StaleRecordError } from './errors';

const byName = (a: Actor, b: Actor) => a.name.localeCompare(b.name);

export async function listActors(): Promise<Actor[]> {
  return (await db.actors.toArray()).sort(byName);
}

export async function listRedLines(): Promise<RedLine[]> {
  return (await db.redLines.toArray()).sort((a, b) => a.declared.localeCompare(b.declared));
}

/**
 * Names stay unique whatever path writes them (a form in another tab, a
 * merge): checked inside the writing transaction, against what is stored.
 */
export async function assertNameFree(name: string, id?: string): Promise<void> {
  const key = nameKey(name);
  const clash = await db.actors.filter((a) => a.id !== id && nameKey(a.name) === key).first();
  if (clash) throw new Error(`another actor is already called “${clash.name.trim()}”; choose another name`);
}

export async function addActor(draft: ActorDraft): Promise<Actor> {
  const stamp = now();
  const actor: Actor = { ...draft, id: newId(), createdAt: stamp, updatedAt: stamp };
  await db.actors.add(actor);
  publish({ table: 'actors', type: 'put', records: [actor] });
  return actor;
}

/** Saves an edit of the actor whose version `basedOn` (its `updatedAt` when the form opened) the analyst started from. */
export async function updateActor(id: string, draft: ActorDraft, basedOn: Timestamp): Promise<Actor> {
  const actor = await db.transaction('rw', db.actors, async () => {
    const existing = await db.actors.get(id);
    if (!existing) throw new MissingRecordError('This actor');
    if (existing.updatedAt !== basedOn) throw new StaleRecordError('This actor', existing);
    await assertNameFree(draft.name, id);
    const next: Actor = { ...existing, ...draft, ...nextVersion(existing, now()) };
    await db.actors.put(next);
    return next;
  });
  publish({ table: 'actors', type: 'put', records: [actor] });
  return actor;
}

/** Checks, inside the caller's transaction, that both actors of a red line exist. */
async function checkActors(draft: RedLineDraft): Promise<void> {
  const [drawnBy, warned] = await db.actors.bulkGet([draft.actorId, draft.targetId]);
  if (!drawnBy) throw new MissingReferenceError('The actor who drew the line');
  if (!warned) throw new MissingReferenceError('The actor the line warns');
}

export async function addRedLine(draft: RedLineDraft): Promise<RedLine> {
  const stamp = now();
  const redLine: RedLine = { ...draft, id: newId(), createdAt: stamp, updatedAt: stamp };
  await db.transaction('rw', db.redLines, db.actors, async () => {
    await checkActors(redLine);
    await db.redLines.add(redLine);
  });
  publish({ table: 'redLines', type: 'put', records: [redLine] });
  return redLine;
}

/** Saves an edit of the red line whose version `basedOn` the analyst started from; both its actors must exist. */
export async function updateRedLine(id: string, draft: RedLineDraft, basedOn: Timestamp): Promise<RedLine> {
  const redLine = await db.transaction('rw', db.redLines, db.actors, async () => {
    const existing = await db.redLines.get(id);
    if (!existing) throw new MissingRecordError('This red line');
    if (existing.updatedAt !== basedOn) throw new StaleRecordError('This red line', existing);
    await checkActors(draft);
    const next: RedLine = { ...existing, ...draft, ...nextVersion(existing, now()) };
    await db.redLines.put(next);
    return next;
  });
  publish({ table: 'redLines', type: 'put', records: [redLine] });
  return redLine;
}
