/**
 * The forms' side of the rules: turns what a form holds (text typed, one
 * source a line, tags separated by commas) into values and judges them with
 * the one rule set in `rules.ts`, naming each field as the form labels it.
 */
import {
  checkActorFields,
  checkRedLineFields,
  checkAssessmentFields,
  checkSignalFields,
  isWebUrl,
  LIMITS,
  nameKey,
  parseTags as parseTagText,
  scoreFromText,
  score,
} from './rules';
import {
  DEFAULT_SETTINGS,
  type Actor,
  type ActorDraft,
  type AssessmentDraft,
  type FieldError,
  type RedLineDraft,
  type Result,
  type Settings,
  type SignalDraft,
  type Source,
} from './types';

export { isWebUrl, suggestCode } from './rules';

export const TITLE_MAX = LIMITS.title;
export const NAME_MAX = LIMITS.name;

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
  /** The analyst's own displayed resolve: empty or absent when not scored. */
  displayed?: unknown;
  /** Why the analyst scored as they did. */
  rationale?: unknown;
}

/** What the validator needs to know of the database: which actors and red lines exist. */
export interface SignalContext {
  actorIds: ReadonlySet<string>;
  /** Red lines by id, with who drew each. */
  redLines?: ReadonlyMap<string, { actorId: string }>;
}

/** A whole number 0–100, given as a number or as its digits. */
export function parseScore(value: unknown): number | null {
  const checked = score(scoreFromText(value));
  return checked.ok ? checked.value : null;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Sources written one a line, `label url`, `url` or a label alone.
 * Returns the list or the message for the first bad line.
 */
export function parseSources(text: string): { sources: Source[] } | { error: string } {
  // Far beyond what 50 sources can fill: refused before it is split line by line.
  if (text.length > LIMITS.sources * (LIMITS.sourceLabel + LIMITS.url + 2))
    return { error: `Sources must be at most ${LIMITS.sources} lines of a label and an address.` };
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

/** Tags from `a, b; c` (a backslash keeps a separator in a tag) or a list: trimmed, empty ones dropped, each once. */
export function parseTags(value: unknown): string[] {
  if (Array.isArray(value))
    return [
      ...new Set(
        value
          .map(String)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
  return typeof value === 'string' ? parseTagText(value) : [];
}

/** Each field as the signal form labels it: messages start with it. */
export const SIGNAL_LABELS: Readonly<Record<string, string>> = {
  date: 'Date',
  senderId: 'Sender',
  receiverId: 'Receiver',
  title: 'Title',
  kind: 'Kind',
  intended: 'Intended resolve',
  displayed: 'Displayed resolve',
  perceived: 'Perceived resolve',
  confidence: 'Confidence',
  rationale: 'Rationale',
  cost: 'Signal cost',
  capped: 'Capped',
  redLineId: 'Crosses red line',
  sources: 'Sources',
  tags: 'Tags',
  notes: 'Notes',
};

/** `sources[2].url` → the field `sources`, told as `Sources, item 3:`. */
function labelled(labels: Readonly<Record<string, string>>, path: string, message: string): FieldError {
  const match = /^(\w+)(?:\[(\d+)\])?/.exec(path);
  const field = match ? match[1] : path;
  const label = labels[field] ?? field;
  const where = match?.[2] !== undefined ? `${label}, item ${Number(match[2]) + 1}:` : label;
  return { field, message: `${where} ${message}.` };
}

/**
 * Checks every field of a signal and returns the clean draft, or one message
 * per bad field, each naming the field as the form labels it.
 */
export function validateSignal(input: SignalInput, ctx: SignalContext): Result<SignalDraft> {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => {
    const error = labelled(SIGNAL_LABELS, path, message);
    if (!errors.some((e) => e.field === error.field)) errors.push(error);
  };
  let sources: unknown = input.sources ?? [];
  if (typeof sources === 'string') {
    const parsed = parseSources(sources);
    if ('error' in parsed) {
      errors.push({ field: 'sources', message: parsed.error });
      sources = [];
    } else sources = parsed.sources;
  }
  const tags = typeof input.tags === 'string' ? parseTags(input.tags) : (input.tags ?? []);
  const value = checkSignalFields(
    {
      date: input.date,
      senderId: input.senderId,
      receiverId: input.receiverId,
      title: input.title,
      kind: input.kind,
      intended: scoreFromText(input.intended),
      perceived: scoreFromText(input.perceived),
      confidence: input.confidence,
      cost: input.cost,
      capped: input.capped ?? false,
      redLineId: input.redLineId,
      sources,
      tags,
      notes: input.notes ?? '',
    },
    { actorIds: ctx.actorIds, redLines: ctx.redLines ?? new Map() },
    fail,
  );
  if (errors.length || !value) return { ok: false, errors: sortByField(errors) };
  return { ok: true, value };
}

/**
 * The analyst's own scores in the signal form: the signal's three scores with
 * `Displayed resolve` (empty: not scored) and `Rationale`, each message naming
 * the field as the form labels it.
 */
export function validateOwnScores(input: SignalInput): Result<AssessmentDraft> {
  const errors: FieldError[] = [];
  const value = checkAssessmentFields(
    {
      intended: scoreFromText(input.intended),
      displayed: scoreFromText(input.displayed),
      perceived: scoreFromText(input.perceived),
      confidence: input.confidence,
      rationale: input.rationale ?? '',
    },
    (field, message) => errors.push(labelled(SIGNAL_LABELS, field, message)),
  );
  return value ? { ok: true, value } : { ok: false, errors: sortByField(errors) };
}

const FIELD_ORDER = Object.keys(SIGNAL_LABELS);

function sortByField(errors: FieldError[]): FieldError[] {
  return errors.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

const ACTOR_LABELS = { name: 'Name', code: 'Code', color: 'Colour' };

export function validateActor(input: Partial<ActorDraft>, others: readonly Actor[] = []): Result<ActorDraft> {
  const errors: FieldError[] = [];
  const taken = new Set(others.map((a) => nameKey(a.name)));
  const value = checkActorFields(input, taken, (field, message) =>
    errors.push(labelled(ACTOR_LABELS, field, message)),
  );
  return value ? { ok: true, value } : { ok: false, errors };
}

const RED_LINE_LABELS = {
  actorId: 'Drawn by',
  targetId: 'Warns',
  text: 'Red line text',
  declared: 'Declared',
};

export function validateRedLine(
  input: Partial<RedLineDraft>,
  actorIds: ReadonlySet<string>,
): Result<RedLineDraft> {
  const errors: FieldError[] = [];
  const value = checkRedLineFields(input, actorIds, (field, message) =>
    errors.push(labelled(RED_LINE_LABELS, field, message)),
  );
  return value ? { ok: true, value } : { ok: false, errors };
}

/** The thresholds an analyst may set, with their bounds. */
export const SETTING_BOUNDS = {
  tau: { min: 0, max: 50, label: 'Accuracy band τ' },
  windowDays: { min: 1, max: 3650, label: 'Window W (days)' },
  alertThreshold: { min: 1, max: 100, label: 'Alert threshold' },
  horizonDays: { min: 1, max: 3650, label: 'Horizon H (days)' },
} as const;

/** The numeric settings, each with its bounds and label; `blindScoring` is a plain flag. */
type Threshold = keyof typeof SETTING_BOUNDS;

export function validateSettings(input: Partial<Record<keyof Settings, unknown>>): Result<Settings> {
  const errors: FieldError[] = [];
  const value: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_BOUNDS) as Threshold[]) {
    const { min, max, label } = SETTING_BOUNDS[key];
    const raw = input[key];
    const n =
      typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      errors.push({ field: key, message: `${label} must be a whole number from ${min} to ${max}.` });
    } else value[key] = n;
  }
  // Settings saved before the flag existed have none: blind scoring stays off.
  const blind = input.blindScoring ?? false;
  if (typeof blind !== 'boolean')
    errors.push({ field: 'blindScoring', message: 'Blind scoring must be on or off.' });
  else value.blindScoring = blind;
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
