/**
 * A number rounded as the views show it: to `decimals` places, halves away from
 * zero on both sides, so −13.75 and its size 13.75 read alike. Thresholds
 * compare this value, so what the analyst reads is what was compared.
 */
export function roundShown(value: number, decimals = 1): number {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  // -0 after rounding a small negative reads as 0.
  return Object.is(rounded, -0) ? 0 : rounded;
}

const shown = new Map<number, Intl.NumberFormat>();

/**
 * Numbers as the views show them: one decimal at most, digits grouped as counts
 * are (`20,000`), a dash for none. Rounded by roundShown first, so the text
 * always says the value thresholds compare.
 */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  let format = shown.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals });
    shown.set(decimals, format);
  }
  return format.format(roundShown(value, decimals));
}

/** As formatNumber, with a `+` on positive values: gaps and changes read with their sign. */
export function formatSigned(value: number | null | undefined, decimals = 1): string {
  const text = formatNumber(value, decimals);
  return text !== '–' && roundShown(value!, decimals) > 0 ? `+${text}` : text;
}

/** An instant as the views show it, in the analyst's own zone: `15 Jan 2026, 09:00`. */
export function formatInstant(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return 'an unknown time';
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A count as the views and notices write it, its digits grouped: `12,000`. */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** A count with its noun, singular for one: `1 signal`, `12,000 signals`. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
