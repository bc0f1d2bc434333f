import { setMeta } from '../db/meta';
import type { Result, Settings } from '../domain/types';
import { validateSettings } from '../domain/validate';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

export async function saveSettings(
  input: Partial<Record<keyof Settings, unknown>>,
): Promise<Result<Settings>> {
  const checked = validateSettings(input);
  if (!checked.ok) return checked;
  try {
    await setMeta('settings', checked.value);
    const { tau, windowDays, alertThreshold, horizonDays, blindScoring } = checked.value;
    notices.info(
      `Settings saved: τ = ${tau}, W = ${windowDays} days, alert at ${alertThreshold}, H = ${horizonDays} days, blind scoring ${blindScoring ? 'on' : 'off'}.`,
    );
    return checked;
  } catch (error) {
    const message = describeError(error, 'save the settings');
    notices.error(message);
    return { ok: false, errors: [{ field: 'form', message }] };
  }
}
