import { AnalystNameError, chooseAnalyst, saveAnalystName } from '../db/analysts';
import { isolate } from '../domain/bidi';
import type { Analyst, Result } from '../domain/types';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

/**
 * Names this browser's analyst: renames the current one (such as
 * "Unattributed"), or adds one and makes it current. A name the rule refuses
 * comes back as an error on the field `name`; a storage failure is announced
 * and comes back as an error on the whole form.
 */
export async function nameAnalyst(name: string): Promise<Result<Analyst>> {
  try {
    const analyst = await saveAnalystName(name);
    notices.info(`You score as “${isolate(analyst.name)}”.`);
    return { ok: true, value: analyst };
  } catch (error) {
    if (error instanceof AnalystNameError)
      return { ok: false, errors: [{ field: 'name', message: error.message }] };
    const message = describeError(error, 'save your name');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}

/**
 * Makes an analyst already in the data this browser's analyst: the same person
 * on a second machine, or the one whose scores predate names ("Unattributed"),
 * whom the analyst can then rename.
 */
export async function scoreAs(id: string): Promise<Result<Analyst>> {
  try {
    const analyst = await chooseAnalyst(id);
    notices.info(`You score as “${isolate(analyst.name)}”.`);
    return { ok: true, value: analyst };
  } catch (error) {
    const message = describeError(error, 'change who scores');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}
