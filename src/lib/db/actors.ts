import type { Actor, ActorDraft, RedLine, RedLineDraft } from '../domain/types';
import { publish } from './changes';
import { db } from './database';
import { newId, now } from './ids';
import { MissingRecordError } from './signals';

const byName = (a: Actor, b: Actor) => a.name.localeCompare(b.name);

export async function listActors(): Promise<Actor[]> {
  return (await db.actors.toArray()).sort(byName);
}

export async function listRedLines(): Promise<RedLine[]> {
  return (await db.redLines.toArray()).sort((a, b) => a.declared.localeCompare(b.declared));
}

export async function addActor(draft: ActorDraft): Promise<Actor> {
  const stamp = now();
  const actor: Actor = { ...draft, id: newId(), createdAt: stamp, updatedAt: stamp };
  await db.actors.add(actor);
  publish({ table: 'actors', type: 'put', records: [actor] });
  return actor;
}

export async function updateActor(id: string, draft: ActorDraft): Promise<Actor> {
  const actor = await db.transaction('rw', db.actors, async () => {
    const existing = await db.actors.get(id);
    if (!existing) throw new MissingRecordError('This actor');
    const next: Actor = { ...existing, ...draft, updatedAt: now() };
    await db.actors.put(next);
    return next;
  });
  publish({ table: 'actors', type: 'put', records: [actor] });
  return actor;
}

export async function addRedLine(draft: RedLineDraft): Promise<RedLine> {
  const stamp = now();
  const redLine: RedLine = { ...draft, id: newId(), createdAt: stamp, updatedAt: stamp };
  await db.redLines.add(redLine);
  publish({ table: 'redLines', type: 'put', records: [redLine] });
  return redLine;
}

export async function updateRedLine(id: string, draft: RedLineDraft): Promise<RedLine> {
  const redLine = await db.transaction('rw', db.redLines, async () => {
    const existing = await db.redLines.get(id);
    if (!existing) throw new MissingRecordError('This red line');
    const next: RedLine = { ...existing, ...draft, updatedAt: now() };
    await db.redLines.put(next);
    return next;
  });
  publish({ table: 'redLines', type: 'put', records: [redLine] });
  return redLine;
}
