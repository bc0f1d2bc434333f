/**
 * How an event code becomes a Parallax kind, and an event's Goldstein score or
 * PLOVER intensity a suggested resolve. Both tables are documented, with their
 * reasons, in docs/EVENTS.md; a change here is a change there.
 */
import type { Kind } from '../types';

/** CAMEO's twenty root codes (CAMEO manual 1.1b3, chapter 2), with the kind each becomes. */
export const CAMEO_ROOTS: Readonly<Record<string, { name: string; kind: Kind }>> = {
  '01': { name: 'Make public statement', kind: 'statement' },
  '02': { name: 'Appeal', kind: 'statement' },
  '03': { name: 'Express intent to cooperate', kind: 'diplomacy' },
  '04': { name: 'Consult', kind: 'diplomacy' },
  '05': { name: 'Engage in diplomatic cooperation', kind: 'diplomacy' },
  '06': { name: 'Engage in material cooperation', kind: 'diplomacy' },
  '07': { name: 'Provide aid', kind: 'diplomacy' },
  '08': { name: 'Yield', kind: 'restraint' },
  '09': { name: 'Investigate', kind: 'other' },
  '10': { name: 'Demand', kind: 'statement' },
  '11': { name: 'Disapprove', kind: 'statement' },
  '12': { name: 'Reject', kind: 'statement' },
  '13': { name: 'Threaten', kind: 'threat' },
  '14': { name: 'Protest', kind: 'statement' },
  '15': { name: 'Exhibit force posture', kind: 'deployment' },
  '16': { name: 'Reduce relations', kind: 'sanction' },
  '17': { name: 'Coerce', kind: 'sanction' },
  '18': { name: 'Assault', kind: 'force' },
  '19': { name: 'Fight', kind: 'force' },
  '20': { name: 'Use unconventional mass violence', kind: 'force' },
};

/** PLOVER's sixteen event types (PLOVER 2021 specification), with the kind each becomes. */
export const PLOVER_TYPES: Readonly<Record<string, Kind>> = {
  AGREE: 'diplomacy',
  CONSULT: 'diplomacy',
  SUPPORT: 'statement',
  CONCEDE: 'restraint',
  COOPERATE: 'diplomacy',
  AID: 'diplomacy',
  RETREAT: 'restraint',
  REQUEST: 'statement',
  ACCUSE: 'statement',
  REJECT: 'statement',
  THREATEN: 'threat',
  PROTEST: 'statement',
  SANCTION: 'sanction',
  MOBILIZE: 'deployment',
  COERCE: 'sanction',
  ASSAULT: 'force',
};

/**
 * ACLED's six event types. ACLED gives no intensity, so each type carries the
 * rung its events usually stand on; strategic developments are too mixed to
 * suggest one.
 */
export const ACLED_TYPES: Readonly<Record<string, { kind: Kind; resolve: number | null }>> = {
  battles: { kind: 'force', resolve: 80 },
  'explosions/remote violence': { kind: 'force', resolve: 80 },
  'violence against civilians': { kind: 'force', resolve: 80 },
  protests: { kind: 'statement', resolve: 20 },
  riots: { kind: 'other', resolve: 20 },
  'strategic developments': { kind: 'other', resolve: null },
};

/** The CAMEO root of an event code: `0251` → `02`, `138` → `13`. */
export function cameoRoot(code: string): string {
  return code.slice(0, 2);
}

/** The kind an event's code becomes; `other` for a code outside the tables. */
export function kindFor(dataset: string, code: string): Kind {
  if (dataset === 'acled') return ACLED_TYPES[code.trim().toLowerCase()]?.kind ?? 'other';
  const plover = PLOVER_TYPES[code.trim().toUpperCase()];
  if (plover) return plover;
  return CAMEO_ROOTS[cameoRoot(code)]?.kind ?? 'other';
}

/**
 * Goldstein scores and PLOVER intensities both run from −10 (most hostile) to
 * +10 (most cooperative). Bands of that scale to ladder anchors, hostile end
 * first: `upTo` is the highest score of the band. War (100) is never
 * suggested: no single coded event says that a sender accepts a major war.
 */
export const INTENSITY_BANDS: readonly { upTo: number; resolve: number }[] = [
  { upTo: -8, resolve: 80 },
  { upTo: -5, resolve: 60 },
  { upTo: -2, resolve: 40 },
  { upTo: 0, resolve: 20 },
  { upTo: 10, resolve: 0 },
];

/** The suggested resolve for a score on the −10…+10 scale, or null without one. */
export function resolveForIntensity(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  for (const band of INTENSITY_BANDS) if (score <= band.upTo) return band.resolve;
  return 0;
}

/** The suggested resolve for an event: from its score, or (ACLED) from its type. */
export function suggestedResolve(dataset: string, code: string, score: number | null): number | null {
  if (dataset === 'acled') return ACLED_TYPES[code.trim().toLowerCase()]?.resolve ?? null;
  return resolveForIntensity(score);
}

/** What happened, in words: the event text where the file gives one, else the code's name. */
export function describeCode(dataset: string, code: string): string {
  const plover = code.trim().toUpperCase();
  if (PLOVER_TYPES[plover]) return plover.charAt(0) + plover.slice(1).toLowerCase();
  if (dataset === 'acled') return code;
  const root = CAMEO_ROOTS[cameoRoot(code)];
  return root ? `${root.name} (CAMEO ${code})` : `CAMEO ${code}`;
}
