import { setMeta } from '../db/meta';
import type { Result, Settings } from '../domain/types';
import { validateSettings } from '../domain/validate';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

export async function saveSettings(input: Record<keyof Settings, unknown>): Promise<Result<Settings>> {
  const checked = validateSettings(input);
  if (!checked.ok) return checked;
  try {
    await setMeta('settings', checked.value);
    notices.info(
      `Thresholds saved: τ = ${checked.value.tau}, W = ${checked.value.windowDays} days, alert at ${checked.value.alertThreshold}.`,
    );
    return checked;
  } catch (error) {
    const message = describeError(error, 'save the thresholds');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}
