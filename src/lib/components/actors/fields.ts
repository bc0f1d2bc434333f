import type { FieldError } from '../../domain/types';

/** Field errors by field, the first message for each: what a form marks and shows. */
export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message } of errors) byField[field] ??= message;
  return byField;
}

/** Focuses the first control marked invalid inside `form`, once Svelte has marked it. */
export function focusFirstInvalid(form: HTMLElement | undefined): void {
  queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

export { ACTOR_COLORS, nextColor } from '../../domain/palette';
