/**
 * The one set of field rules for actors, red lines and signals. The forms, the
 * JSON backup check and the CSV import all judge a record here, so a value one
 * path accepts is never refused by another (a backup the app wrote is always
 * importable). Each path first turns its own representation into values
 * (text typed in a form, a spreadsheet cell, a JSON value); from then on the
 * rules below decide, with the same limits and the same words.
 *
 * Messages are predicates without the field's name ("must be at most 200
 * characters"): a form puts its label in front, a file report its place.
 */
import { isCalendarDate } from './dates';
import { nameKey, VISIBLE } from './names';
import {
  CONFIDENCES,
  type AssessmentDraft,
  COSTS,
  KINDS,
  type DeletableTable,
  type Deletion,
  type Source,
  type Timestamp,
} from './types';

/**
 * Largest sizes, in UTF-16 code units (what `String.length` counts). Every
 * rule checks the size first, before any work per character, so a 5 MB value
 * is refused at once instead of being scanned.
 */
export const LIMITS = {
  id: 100,
  name: 80,
  code: 12,
  title: 200,
  redLineText: 200,
  notes: 20_000,
  rationale: 20_000,
  sourceLabel: 200,
  url: 2_000,
  sources: 50,
  tag: 60,
  tags: 50,
} as const;

/** How far ahead of the clock an instant in a file may lie: clocks drift, but not by a day. */
export const FUTURE_SLACK_MS = 86_400_000;

export type Rule<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Rule<T> => ({ ok: true, value });
const no = (message: string): { ok: false; message: string } => ({ ok: false, message });

const count = (n: number) => n.toLocaleString('en-US');

// ---------------------------------------------------------------- text

/** Line breaks and control characters, refused in one-line fields (they split a spreadsheet cell's list). */
const NOT_ONE_LINE = /[\p{Cc}\u2028\u2029]/u;

function tooLong(max: number, length: number): string {
  return `must be at most ${count(max)} characters (it has ${count(length)})`;
}

/** Lone halves of a surrogate pair cannot be written as UTF-8: a CSV export would change them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isWellFormed(text: string): boolean {
  // Native where the engine has it (it is not in this TypeScript's library yet).
  const native = (text as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !LONE_SURROGATE.test(text);
}

/** True when the text draws something; a printable ASCII first character answers at once. */
function hasVisible(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first > 0x20 && first < 0x7f) || VISIBLE.test(text);
}

interface TextRule {
  max: number;
  /** Leading and trailing white space is removed (names, titles); notes keep theirs. */
  trim: boolean;
  /** Empty is refused, and so is text made only of invisible characters. */
  required: boolean;
  /** No line breaks or control characters. */
  oneLine: boolean;
}

export function text(value: unknown, rule: TextRule): Rule<string> {
  if (typeof value !== 'string') return no('must be text');
  // The size comes first: trim only looks at the ends, everything after it at every character.
  if (value.length > rule.max + (rule.trim ? 1_000 : 0)) return no(tooLong(rule.max, value.length));
  const t = rule.trim ? value.trim() : value;
  if (t.length > rule.max) return no(tooLong(rule.max, t.length));
  if (rule.required && t === '') return no('is required');
  if (!isWellFormed(t)) return no('holds a broken character (half of a surrogate pair)');
  if (rule.oneLine && NOT_ONE_LINE.test(t))
    return no('must be one line, without line breaks or control characters');
  if (rule.required && !hasVisible(t))
    return no('must hold a visible character (it has only spaces, zero-width or direction marks)');
  return ok(t);
}

const oneLine = (max: number): TextRule => ({ max, trim: true, required: true, oneLine: true });

export const actorName = (value: unknown) => text(value, oneLine(LIMITS.name));
/** An analyst's name follows the rule of an actor's name (one line, up to 80 characters, visible). */
export const analystName = actorName;
export const actorCode = (value: unknown) => text(value, oneLine(LIMITS.code));
/** Titles and red lines may break lines (a spreadsheet cell can); a CSV cell keeps them whole. */
const multiLine = (max: number): TextRule => ({ max, trim: true, required: true, oneLine: false });
export const title = (value: unknown) => text(value, multiLine(LIMITS.title));
export const redLineText = (value: unknown) => text(value, multiLine(LIMITS.redLineText));
export { nameKey };

export const notes = (value: unknown) =>
  text(value ?? '', { max: LIMITS.notes, trim: false, required: false, oneLine: false });

/** Why an analyst scored a signal as they did: free text like the notes, empty allowed. */
export const rationale = (value: unknown) =>
  text(value ?? '', { max: LIMITS.rationale, trim: false, required: false, oneLine: false });

const COLOR = /^#[0-9a-f]{6}$/i;

export function color(value: unknown): Rule<string> {
  if (typeof value !== 'string' || !COLOR.test(value)) return no('must be a colour written #rrggbb');
  return ok(value.toLowerCase());
}

// ---------------------------------------------------------------- ids, dates, instants

/** A record's id: 1 to 100 characters, on one line, without outer spaces (a spreadsheet would trim them). */
export function id(value: unknown): Rule<string> {
  if (typeof value !== 'string' || value === '') return no(`must be text of 1 to ${LIMITS.id} characters`);
  if (value.length > LIMITS.id) return no(tooLong(LIMITS.id, value.length));
  if (value.trim() !== value || NOT_ONE_LINE.test(value) || !isWellFormed(value))
    return no('must have no outer spaces, line breaks or control characters');
  return ok(value);
}

export function calendarDate(value: unknown): Rule<string> {
  if (typeof value === 'string' && value.length === 10 && isCalendarDate(value)) return ok(value);
  return no('must be a real calendar date, YYYY-MM-DD');
}

const CANONICAL_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const ISO_TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * An ISO 8601 instant with a zone (`2026-11-23T19:50:50.123Z`) that names a
 * real moment: a real calendar date, hours 00–23 (no `24:00`), minutes and
 * seconds 00–59, an offset of at most ±23:59.
 */
export function isTimestamp(value: unknown): value is Timestamp {
  if (typeof value !== 'string' || value.length > 40) return false;
  // Every record of a backup carries two of these: the usual form is checked
  // digit by digit, without the cost of a regular expression with groups.
  if (value.length === 24 && CANONICAL_TIMESTAMP.test(value)) {
    const two = (i: number) => (value.charCodeAt(i) - 48) * 10 + value.charCodeAt(i + 1) - 48;
    const month = two(5);
    const day = two(8);
    if (month < 1 || month > 12 || day < 1 || two(11) > 23 || two(14) > 59 || two(17) > 59) return false;
    return day <= 28 || isCalendarDate(value.slice(0, 10));
  }
  const m = ISO_TIMESTAMP.exec(value);
  if (!m) return false;
  const [, date, hours, minutes, seconds, , offsetHours, offsetMinutes] = m;
  if (!isCalendarDate(date) || +hours > 23 || +minutes > 59 || (seconds !== undefined && +seconds > 59))
    return false;
  if (offsetHours !== undefined && (+offsetHours > 23 || +offsetMinutes > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

export const TIMESTAMP_MESSAGE = 'must be an ISO timestamp such as 2026-01-15T09:00:00.000Z';

let latest = { now: NaN, text: '' };

/** The latest instant accepted at `now`, written as Parallax writes instants. */
function latestInstant(now: number): string {
  if (latest.now !== now) latest = { now, text: new Date(now + FUTURE_SLACK_MS).toISOString() };
  return latest.text;
}

/**
 * An instant a record was created or edited. One more than a day ahead of
 * `now` is refused: a record dated 9999 would win every merge for ever.
 */
export function instant(value: unknown, now: number): Rule<string> {
  if (!isTimestamp(value)) return no(TIMESTAMP_MESSAGE);
  // Instants written as Parallax writes them compare as text; a backup holds 200,000 of them.
  const later =
    value.length === 24 && value.endsWith('Z')
      ? value > latestInstant(now)
      : Date.parse(value) > now + FUTURE_SLACK_MS;
  if (later)
    return no(`lies in the future (${value}); this computer's clock says ${new Date(now).toISOString()}`);
  return ok(value);
}

/**
 * A record's `ancestors` (format version 2): the instants of the versions it
 * was edited from, newest first. Each is an instant like `updatedAt`; a list
 * longer than Parallax keeps is cut when merged, not refused.
 */
export function ancestors(value: unknown, now: number): Rule<Timestamp[]> & { path?: string } {
  if (!Array.isArray(value)) return no('must be a list of ISO timestamps');
  for (let i = 0; i < value.length; i++) {
    const one = instant(value[i], now);
    if (!one.ok) return { ...one, path: `[${i}]` };
  }
  return ok(value as Timestamp[]);
}

export const DELETABLE_TABLES = [
  'actors',
  'redLines',
  'signals',
] as const satisfies readonly DeletableTable[];

/** One entry of a backup's `deletions` list (format version 2): which record, and when. */
export function deletion(value: unknown, now: number, fail: Fail): Deletion | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('', 'must be an object');
    return null;
  }
  const r = value as Record<string, unknown>;
  const table = r.table;
  const tableOk = typeof table === 'string' && (DELETABLE_TABLES as readonly string[]).includes(table);
  if (!tableOk) fail('table', `must be one of: ${DELETABLE_TABLES.join(', ')}`);
  const recordId = id(r.id);
  if (!recordId.ok) fail('id', recordId.message);
  const deletedAt = instant(r.deletedAt, now);
  if (!deletedAt.ok) fail('deletedAt', deletedAt.message);
  if (!tableOk || !recordId.ok || !deletedAt.ok) return null;
  return { table: table as DeletableTable, id: recordId.value, deletedAt: deletedAt.value };
}

// ---------------------------------------------------------------- choices and scores

function oneOf<T extends string>(list: readonly T[]): (value: unknown) => Rule<T> {
  const set: ReadonlySet<string> = new Set(list);
  const message = `must be one of: ${list.join(', ')}`;
  return (value) => (typeof value === 'string' && set.has(value) ? ok(value as T) : no(message));
}

export const kind = oneOf(KINDS);
export const confidence = oneOf(CONFIDENCES);
export const cost = oneOf(COSTS);

export function score(value: unknown): Rule<number> {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100
    ? ok(value)
    : no('must be a whole number from 0 to 100');
}

/**
 * The displayed resolve, which an analyst may leave out: null (or, as typed in a
 * form or a cell, empty text) is no score; anything else follows `score`.
 */
export function displayed(value: unknown): Rule<number | null> {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    return ok(null);
  return score(value);
}

/** A score as typed in a form or a cell: its digits, spaces around them allowed. */
export function scoreFromText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value.length <= 10 && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value;
}

export function flag(value: unknown): Rule<boolean> {
  return typeof value === 'boolean' ? ok(value) : no('must be true or false');
}

// ---------------------------------------------------------------- sources and tags

/** Only web addresses: a `javascript:` or `data:` link in a source must never become a live link. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function url(value: unknown): Rule<string> {
  if (typeof value !== 'string') return no('must be text');
  if (value === '') return ok('');
  if (value.length > LIMITS.url) return no(tooLong(LIMITS.url, value.length));
  // The address as stored is the one shown and linked: no spaces the browser would quietly drop.
  if (/[\s\p{Cc}]/u.test(value) || !isWellFormed(value) || !isWebUrl(value))
    return no('must be an http:// or https:// address');
  return ok(value);
}

const sourceLabel = (value: unknown) =>
  text(value, { max: LIMITS.sourceLabel, trim: true, required: false, oneLine: true });

/** A list of `{ label, url }`; each needs a label or an address. Problems name the item (`sources[2].url`). */
export function sources(value: unknown): Rule<Source[]> & { path?: string } {
  if (!Array.isArray(value)) return no('must be a list of { label, url }');
  if (value.length > LIMITS.sources)
    return no(`must list at most ${LIMITS.sources} sources (it has ${count(value.length)})`);
  const list: Source[] = [];
  for (let i = 0; i < value.length; i++) {
    const s = value[i] as Partial<Source> | null;
    if (typeof s !== 'object' || s === null || Array.isArray(s))
      return { ok: false, message: 'must be { label, url } (text)', path: `[${i}]` };
    const l = sourceLabel(s.label);
    if (!l.ok) return { ok: false, message: l.message, path: `[${i}].label` };
    const u = url(s.url);
    if (!u.ok) return { ok: false, message: u.message, path: `[${i}].url` };
    if (!l.value && !u.value) return { ok: false, message: 'needs a label or an address', path: `[${i}]` };
    list.push({ label: l.value, url: u.value });
  }
  return ok(list);
}

const tagText = (value: unknown) => text(value, oneLine(LIMITS.tag));

/** A list of tags: each trimmed and kept once (the first time it appears). */
export function tags(value: unknown): Rule<string[]> & { path?: string } {
  if (!Array.isArray(value)) return no('must be a list of text');
  if (value.length > LIMITS.tags)
    return no(`must list at most ${LIMITS.tags} tags (it has ${count(value.length)})`);
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const t = tagText(value[i]);
    if (!t.ok) return { ok: false, message: t.message, path: `[${i}]` };
    seen.add(t.value);
  }
  return ok([...seen]);
}

// ---------------------------------------------------------------- lists in one line of text

/**
 * A list written in one text field (the form's Tags, a spreadsheet's tags and
 * sources cells): items between separators, where a backslash makes the next
 * separator, `<`, `>` or backslash part of the item. A backslash before any
 * other character is an ordinary character, so `C:\docs` typed by hand stays.
 */
const ESCAPABLE = new Set(['\\', ',', ';', '|', '<', '>']);

export function escapeItem(item: string, special: string): string {
  let out = '';
  for (const ch of item) out += ch === '\\' || special.includes(ch) ? `\\${ch}` : ch;
  return out;
}

/** Splits on any of `separators` not escaped; escapes are kept for the caller's `unescapeItem`. */
export function splitEscaped(text: string, separators: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length && ESCAPABLE.has(text[i + 1])) i++;
    else if (separators.includes(ch)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export function unescapeItem(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length && ESCAPABLE.has(text[i + 1])) out += text[++i];
    else out += ch;
  }
  return out;
}

/** Tags as one text: `gulf, proxy war` in the form, `gulf; proxy war` in a spreadsheet. */
export function formatTags(list: readonly string[], separator: ', ' | '; '): string {
  return list.map((t) => escapeItem(t, ',;')).join(separator);
}

/** Tags from one text, split on `,` or `;` (not escaped), trimmed, empty ones dropped, each once. */
export function parseTags(value: string): string[] {
  const parts = splitEscaped(value, ',;').map((t) => unescapeItem(t).trim());
  return [...new Set(parts.filter(Boolean))];
}

// ---------------------------------------------------------------- records

export interface FieldProblem {
  field: string;
  message: string;
}

type Fail = (field: string, message: string) => void;

/** What a record's references may point at: the actors and red lines the database and the file hold. */
export interface References {
  actorIds: ReadonlySet<string>;
  /**
   * Red lines by id, with who drew each: a signal that crosses one goes to the
   * actor who drew it. `null` for a line already reported as bad.
   */
  redLines: ReadonlyMap<string, { actorId: string | null }>;
}

/** A signal's fields as values (scores as numbers, sources and tags as lists); ids and instants apart. */
export interface SignalFields {
  date: unknown;
  senderId: unknown;
  receiverId: unknown;
  title: unknown;
  kind: unknown;
  intended: unknown;
  perceived: unknown;
  confidence: unknown;
  cost: unknown;
  capped: unknown;
  redLineId: unknown;
  sources: unknown;
  tags: unknown;
  notes: unknown;
}

export interface SignalValues {
  date: string;
  senderId: string;
  receiverId: string;
  title: string;
  kind: (typeof KINDS)[number];
  intended: number;
  perceived: number;
  confidence: (typeof CONFIDENCES)[number];
  cost: (typeof COSTS)[number];
  capped: boolean;
  redLineId: string | null;
  sources: Source[];
  tags: string[];
  notes: string;
}

/**
 * Judges every field of a signal and the references between them. Calls
 * `fail` once per bad field (named as the record names it) and returns the
 * clean values, or null when any field failed.
 */
export function checkSignalFields(input: SignalFields, refs: References, fail: Fail): SignalValues | null {
  let bad = false;
  const take = <T>(field: string, result: Rule<T> & { path?: string }): T => {
    if (result.ok) return result.value;
    bad = true;
    fail(result.path ? `${field}${result.path}` : field, result.message);
    return undefined as T;
  };
  const date = take('date', calendarDate(input.date));
  const senderId = actorRef('senderId', input.senderId, refs, fail);
  const receiverId = actorRef('receiverId', input.receiverId, refs, fail);
  if (senderId === null || receiverId === null) bad = true;
  else if (senderId === receiverId) {
    bad = true;
    fail('receiverId', 'must differ from the sender');
  }
  const t = take('title', title(input.title));
  const k = take('kind', kind(input.kind));
  const intended = take('intended', score(input.intended));
  const perceived = take('perceived', score(input.perceived));
  const c = take('confidence', confidence(input.confidence));
  const co = take('cost', cost(input.cost));
  const capped = take('capped', flag(input.capped));
  let redLineId: string | null = null;
  const r = input.redLineId;
  if (r !== null && r !== undefined && r !== '') {
    const line = typeof r === 'string' ? refs.redLines.get(r) : undefined;
    if (!line) {
      bad = true;
      fail('redLineId', 'names no known red line');
    } else if (receiverId !== null && line.actorId !== null && line.actorId !== receiverId) {
      // Only the actor who drew a line can see it crossed: the signal must go to that actor.
      bad = true;
      fail('redLineId', 'names a red line drawn by another actor than the receiver');
    } else redLineId = r as string;
  }
  const s = take('sources', sources(input.sources));
  const tg = take('tags', tags(input.tags));
  const n = take('notes', notes(input.notes));
  if (bad) return null;
  return {
    date,
    senderId: senderId!,
    receiverId: receiverId!,
    title: t,
    kind: k,
    intended,
    perceived,
    confidence: c,
    cost: co,
    capped,
    redLineId,
    sources: s,
    tags: tg,
    notes: n,
  };
}

/** An assessment's own fields, as values (scores as numbers, displayed null when left out). */
export interface AssessmentFields {
  intended: unknown;
  displayed?: unknown;
  perceived: unknown;
  confidence: unknown;
  rationale?: unknown;
}

/**
 * Judges the fields an analyst gives an assessment (an `AssessmentDraft`).
 * Calls `fail` once per bad field and returns the clean values, or null.
 */
export function checkAssessmentFields(input: AssessmentFields, fail: Fail): AssessmentDraft | null {
  let bad = false;
  const take = <T>(field: string, result: Rule<T>): T => {
    if (result.ok) return result.value;
    bad = true;
    fail(field, result.message);
    return undefined as T;
  };
  const intended = take('intended', score(input.intended));
  const d = take('displayed', displayed(input.displayed));
  const perceived = take('perceived', score(input.perceived));
  const c = take('confidence', confidence(input.confidence));
  const r = take('rationale', rationale(input.rationale));
  if (bad) return null;
  return { intended, displayed: d, perceived, confidence: c, rationale: r };
}

function actorRef(field: string, value: unknown, refs: References, fail: Fail): string | null {
  if (typeof value !== 'string' || value === '') {
    fail(field, 'is required');
    return null;
  }
  if (!refs.actorIds.has(value)) {
    fail(field, 'names no known actor');
    return null;
  }
  return value;
}

export interface ActorValues {
  name: string;
  code: string;
  color: string;
}

/** An actor's own fields; `takenNames` holds the `nameKey`s of the other actors, so names stay unique. */
export function checkActorFields(
  input: { name?: unknown; code?: unknown; color?: unknown },
  takenNames: ReadonlySet<string> | ((key: string) => string | undefined),
  fail: Fail,
): ActorValues | null {
  let bad = false;
  const name = actorName(input.name);
  if (!name.ok) {
    bad = true;
    fail('name', name.message);
  } else {
    const key = nameKey(name.value);
    const taken = typeof takenNames === 'function' ? takenNames(key) : takenNames.has(key) ? '' : undefined;
    if (taken !== undefined) {
      bad = true;
      fail(
        'name',
        taken ? `repeats the name of ${taken}` : `is taken: an actor named “${name.value}” exists`,
      );
    }
  }
  const code = actorCode(input.code);
  if (!code.ok) {
    bad = true;
    fail('code', code.message);
  }
  const c = color(input.color);
  if (!c.ok) {
    bad = true;
    fail('color', c.message);
  }
  return bad
    ? null
    : {
        name: (name as { value: string }).value,
        code: (code as { value: string }).value,
        color: (c as { value: string }).value,
      };
}

/**
 * An analyst's name: the rule of an actor's name, and unique among the analysts
 * (`taken` gives the name of another analyst with the same `nameKey`, if any).
 */
export function checkAnalystName(value: unknown, taken: (key: string) => string | undefined): Rule<string> {
  const name = analystName(value);
  if (!name.ok) return name;
  const other = taken(nameKey(name.value));
  return other === undefined ? name : no(`is taken: an analyst named “${other}” exists`);
}

export interface RedLineValues {
  actorId: string;
  targetId: string;
  text: string;
  declared: string;
}

export function checkRedLineFields(
  input: { actorId?: unknown; targetId?: unknown; text?: unknown; declared?: unknown },
  actorIds: ReadonlySet<string>,
  fail: Fail,
): RedLineValues | null {
  const refs = { actorIds, redLines: new Map() };
  const actorId = actorRef('actorId', input.actorId, refs, fail);
  const targetId = actorRef('targetId', input.targetId, refs, fail);
  let bad = actorId === null || targetId === null;
  if (!bad && actorId === targetId) {
    bad = true;
    fail('targetId', 'must differ from the actor who drew the line');
  }
  const t = redLineText(input.text);
  if (!t.ok) {
    bad = true;
    fail('text', t.message);
  }
  const declared = calendarDate(input.declared);
  if (!declared.ok) {
    bad = true;
    fail('declared', declared.message);
  }
  return bad
    ? null
    : {
        actorId: actorId!,
        targetId: targetId!,
        text: (t as { value: string }).value,
        declared: (declared as { value: string }).value,
      };
}

/** A code from a name when the analyst gives none: `Kata'ib Hezbollah` → `KH`. */
export function suggestCode(name: string): string {
  // Only the start counts, and a long run of non-Latin letters would exhaust
  // the regular expression engine's stack (a 5 MB name once did).
  const words: string[] = name.slice(0, LIMITS.name).match(/[\p{L}\p{N}]+/gu) ?? [];
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
