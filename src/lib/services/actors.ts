import * as repo from '../db/actors';
import type { Actor, ActorDraft, RedLine, RedLineDraft, Result } from '../domain/types';
import { validateActor, validateRedLine } from '../domain/validate';
import { catalog } from '../state/catalog.svelte';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

export async function saveActor(input: Partial<ActorDraft>, id?: string): Promise<Result<Actor>> {
  const others = catalog.actors.filter((a) => a.id !== id);
  const checked = validateActor(input, others);
  if (!checked.ok) return checked;
  try {
    const actor = id ? await repo.updateActor(id, checked.value) : await repo.addActor(checked.value);
    notices.info(`${id ? 'Updated' : 'Added'} actor “${actor.name}”.`);
    return { ok: true, value: actor };
  } catch (error) {
    const message = describeError(error, 'save the actor');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}

export async function saveRedLine(input: Partial<RedLineDraft>, id?: string): Promise<Result<RedLine>> {
  const checked = validateRedLine(input, new Set(catalog.actorsById.keys()));
  if (!checked.ok) return checked;
  try {
    const redLine = id ? await repo.updateRedLine(id, checked.value) : await repo.addRedLine(checked.value);
    notices.info(`${id ? 'Updated' : 'Added'} red line “${redLine.text}”.`);
    return { ok: true, value: redLine };
  } catch (error) {
    const message = describeError(error, 'save the red line');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}
