/** Colours for new actors, told apart on the charts' white ground; the analyst can change them. */
export const ACTOR_COLORS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#a16207',
  '#be185d',
  '#4d7c0f',
  '#374151',
] as const;

/** The first palette colour no actor uses yet, else one by position. */
export function nextColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()));
  return ACTOR_COLORS.find((c) => !taken.has(c)) ?? ACTOR_COLORS[used.length % ACTOR_COLORS.length];
}
