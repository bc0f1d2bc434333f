/** Numbers as the views show them: one decimal at most, a dash for none. */
export function formatNumber(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  // -0 after rounding a small negative reads as 0.
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** As formatNumber, with a `+` on positive values: gaps and changes read with their sign. */
export function formatSigned(value: number | null | undefined, decimals = 1): string {
  const text = formatNumber(value, decimals);
  return value !== null && value !== undefined && text !== '–' && Number(text) > 0 ? `+${text}` : text;
}
