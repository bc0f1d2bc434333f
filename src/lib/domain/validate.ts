import { isCalendarDate } from './dates';
import {
  CONFIDENCES,
  COSTS,
  KINDS,
  type Actor,
  type ActorDraft,
  type FieldError,
  type RedLineDraft,
  type Result,
  type Settings,
  type SignalDraft,
  type Source,
} from './types';

export const TITLE_MAX = 200;
export const NAME_MAX = 80;

/**
 * The fields of a signal as a form or a spreadsheet row hands them over:
 * scores may still be text, sources and tags may still be one string.
 */
export interface SignalInput {
  date: unknown;
  senderId: unknown;
  receiverId: unknown;
  title: unknown;
  kind: unknown;
  intended: unknown;
  perceived: unknown;
  confidence: unknown;
  cost: unknown;
  capped?: unknown;
  redLineId?: unknown;
  sources?: unknown;
  tags?: unknown;
  notes?: unknown;
}

/** What the validator needs to know of the database: which ids exist. */
export interface SignalContext {
  actorIds: ReadonlySet<string>;
  redLineIds?: ReadonlySet<string>;
}

/** A whole number 0–100, given as a number or as its digits. */
export function parseScore(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 100 ? value : null;
  if (typeof value !== 'string' || !/^\s*\d{1,3}\s*$/.test(value)) return null;
  const n = Number(value);
  return n <= 100 ? n : null;
}

/** Only web addresses: a `javascript:` or `data:` link in a source must never become a live link. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Sources written one a line, `label url`, `url` or a label alone.
 * Returns the list or the message for the first bad line.
 */
export function parseSources(text: string): { sources: Source[] } | { error: string } {
  const sources: Source[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const lastSpace = line.lastIndexOf(' ');
    const last = lastSpace < 0 ? line : line.slice(lastSpace + 1);
    if (!SCHEME.test(last) || /^\d/.test(last)) {
      sources.push({ label: line, url: '' });
      continue;
    }
    if (!isWebUrl(last)) {
      return { error: `Sources, line ${i + 1}: only http:// and https:// addresses are allowed.` };
    }
    const label = lastSpace < 0 ? '' : line.slice(0, lastSpace).trim();
    sources.push({ label: label || new URL(last).hostname, url: last });
  }
  return { sources };
}

/** Sources back to the one-a-line text the form edits. */
export function formatSources(sources: readonly Source[]): string {
  return sources.map((s) => (s.url ? `${s.label} ${s.url}`.trim() : s.label)).join('\n');
}

/** Tags from `a, b; c` or a list: trimmed, empty ones dropped, each once. */
export function parseTags(value: unknown): string[] {
  const parts = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(/[,;]/)
      : [];
  return [...new Set(parts.map((t) => t.trim()).filter(Boolean))];
}

function checkSources(value: unknown, errors: FieldError[]): Source[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') {
    const parsed = parseSources(value);
    if ('error' in parsed) {
      errors.push({ field: 'sources', message: parsed.error });
      return [];
    }
    return parsed.sources;
  }
  if (!Array.isArray(value)) {
    errors.push({ field: 'sources', message: 'Sources must be a list of { label, url }.' });
    return [];
  }
  const sources: Source[] = [];
  for (const [i, item] of value.entries()) {
    const s = item as Partial<Source> | null;
    if (!s || typeof s.label !== 'string' || typeof s.url !== 'string') {
      errors.push({ field: 'sources', message: `Sources, item ${i + 1}: needs a label and a url (text).` });
      return [];
    }
    if (s.url !== '' && !isWebUrl(s.url)) {
      errors.push({
        field: 'sources',
        message: `Sources, item ${i + 1}: only http:// and https:// addresses are allowed.`,
      });
      return [];
    }
    sources.push({ label: s.label, url: s.url });
  }
  return sources;
}

function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/**
 * Checks every field of a signal and returns the clean draft, or one message
 * per bad field, each naming the field as the form labels it.
 */
export function validateSignal(input: SignalInput, ctx: SignalContext): Result<SignalDraft> {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  if (!isCalendarDate(input.date)) fail('date', 'Date must be a real calendar date, YYYY-MM-DD.');

  const senderId = typeof input.senderId === 'string' ? input.senderId : '';
  const receiverId = typeof input.receiverId === 'string' ? input.receiverId : '';
  if (!senderId) fail('senderId', 'Sender is required.');
  else if (!ctx.actorIds.has(senderId)) fail('senderId', 'Sender is not a known actor.');
  if (!receiverId) fail('receiverId', 'Receiver is required.');
  else if (!ctx.actorIds.has(receiverId)) fail('receiverId', 'Receiver is not a known actor.');
  else if (senderId === receiverId) fail('receiverId', 'Receiver must differ from the sender.');

  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title) fail('title', 'Title is required.');
  else if (title.length > TITLE_MAX)
    fail('title', `Title must be at most ${TITLE_MAX} characters (it has ${title.length}).`);

  if (!oneOf(KINDS, input.kind)) fail('kind', `Kind must be one of: ${KINDS.join(', ')}.`);

  const intended = parseScore(input.intended);
  if (intended === null) fail('intended', 'Intended resolve must be a whole number from 0 to 100.');
  const perceived = parseScore(input.perceived);
  if (perceived === null) fail('perceived', 'Perceived resolve must be a whole number from 0 to 100.');

  if (!oneOf(CONFIDENCES, input.confidence))
    fail('confidence', `Confidence must be one of: ${CONFIDENCES.join(', ')}.`);
  if (!oneOf(COSTS, input.cost)) fail('cost', `Signal cost must be one of: ${COSTS.join(', ')}.`);

  const capped = input.capped ?? false;
  if (typeof capped !== 'boolean') fail('capped', 'Capped must be true or false.');

  const redLineId = input.redLineId === undefined || input.redLineId === '' ? null : input.redLineId;
  if (
    redLineId !== null &&
    (typeof redLineId !== 'string' || (ctx.redLineIds && !ctx.redLineIds.has(redLineId)))
  ) {
    fail('redLineId', 'Crosses red line must name a known red line.');
  }

  const sources = checkSources(input.sources, errors);
  const tags = parseTags(input.tags);
  const notes = input.notes ?? '';
  if (typeof notes !== 'string') fail('notes', 'Notes must be text.');

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      date: input.date as string,
      senderId,
      receiverId,
      title,
      kind: input.kind as SignalDraft['kind'],
      intended: intended!,
      perceived: perceived!,
      confidence: input.confidence as SignalDraft['confidence'],
      cost: input.cost as SignalDraft['cost'],
      capped: capped as boolean,
      redLineId: redLineId as string | null,
      sources,
      tags,
      notes: notes as string,
    },
  };
}

const COLOR = /^#[0-9a-f]{6}$/i;

export function validateActor(input: Partial<ActorDraft>, others: readonly Actor[] = []): Result<ActorDraft> {
  const errors: FieldError[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) errors.push({ field: 'name', message: 'Name is required.' });
  else if (name.length > NAME_MAX)
    errors.push({ field: 'name', message: `Name must be at most ${NAME_MAX} characters.` });
  else if (others.some((a) => a.name.toLowerCase() === name.toLowerCase())) {
    errors.push({ field: 'name', message: `An actor named “${name}” already exists.` });
  }
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (!code) errors.push({ field: 'code', message: 'Code is required.' });
  else if (code.length > 12) errors.push({ field: 'code', message: 'Code must be at most 12 characters.' });
  const color = typeof input.color === 'string' ? input.color : '';
  if (!COLOR.test(color)) errors.push({ field: 'color', message: 'Colour must be written #rrggbb.' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { name, code, color: color.toLowerCase() } };
}

export function validateRedLine(
  input: Partial<RedLineDraft>,
  actorIds: ReadonlySet<string>,
): Result<RedLineDraft> {
  const errors: FieldError[] = [];
  const actorId = input.actorId ?? '';
  const targetId = input.targetId ?? '';
  if (!actorIds.has(actorId)) errors.push({ field: 'actorId', message: 'Drawn by must be a known actor.' });
  if (!actorIds.has(targetId)) errors.push({ field: 'targetId', message: 'Warns must be a known actor.' });
  else if (actorId === targetId)
    errors.push({ field: 'targetId', message: 'A red line warns another actor.' });
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (!text) errors.push({ field: 'text', message: 'Red line text is required.' });
  else if (text.length > TITLE_MAX)
    errors.push({ field: 'text', message: `Red line text must be at most ${TITLE_MAX} characters.` });
  if (!isCalendarDate(input.declared))
    errors.push({ field: 'declared', message: 'Declared must be a real calendar date, YYYY-MM-DD.' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { actorId, targetId, text, declared: input.declared as string } };
}

/** A code from a name when the analyst gives none: `Kata'ib Hezbollah` → `KH`. */
export function suggestCode(name: string): string {
  const words: string[] = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return '';
  if (words.length === 1) return words[0].slice(0, 3).toUpperCase();
  return (
    words
      .filter((w) => w[0] === w[0].toUpperCase())
      .map((w) => w[0])
      .join('')
      .slice(0, 6)
      .toUpperCase() || words[0].slice(0, 3).toUpperCase()
  );
}

/** The thresholds an analyst may set, with their bounds. */
export const SETTING_BOUNDS = {
  tau: { min: 0, max: 50, label: 'Accuracy band τ' },
  windowDays: { min: 1, max: 3650, label: 'Window W (days)' },
  alertThreshold: { min: 1, max: 100, label: 'Alert threshold' },
} as const;

export function validateSettings(input: Record<keyof Settings, unknown>): Result<Settings> {
  const errors: FieldError[] = [];
  const value = {} as Settings;
  for (const key of Object.keys(SETTING_BOUNDS) as (keyof Settings)[]) {
    const { min, max, label } = SETTING_BOUNDS[key];
    const raw = input[key];
    const n =
      typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      errors.push({ field: key, message: `${label} must be a whole number from ${min} to ${max}.` });
    } else value[key] = n;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
