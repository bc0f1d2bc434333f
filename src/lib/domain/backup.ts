/**
 * The JSON backup (PRODUCT.md §6): its format, and how a file is checked in
 * full before anything is written. Pure functions of plain data, shared by the
 * import worker, the export and the tests; the merge rules are in `merge.ts`.
 */
import * as v from 'valibot';
import { isCalendarDate } from './dates';
import { IssueList, PROGRESS_EVERY, rejectionSummary, type ImportIssue } from './issues';
import { isWebUrl, NAME_MAX, TITLE_MAX } from './validate';
import {
  CONFIDENCES,
  COSTS,
  KINDS,
  type Actor,
  type DeletableTable,
  type Deletion,
  type RedLine,
  type Signal,
  type Source,
  type Timestamp,
} from './types';

export const BACKUP_FORMAT = 'parallax';
/**
 * The newest backup format this build writes and reads. Version 2 adds the
 * `deletions` list and each record's `ancestors`; version 1 files (neither)
 * still import.
 */
export const BACKUP_VERSION = 2;

/** Records as a backup holds them, and as an import hands them to the database. */
export interface BackupData {
  actors: Actor[];
  redLines: RedLine[];
  signals: Signal[];
  /** Records deleted (format version 2); none in a version 1 file or a CSV. */
  deletions?: Deletion[];
}

export interface Backup extends BackupData {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: Timestamp;
}

/** The outcome of checking a file: clean records, or every problem found. */
export type CheckResult =
  | { ok: true; data: BackupData; exportedAt: string | null }
  | { ok: false; summary: string; issues: ImportIssue[]; issueCount: number };

/** What the database already holds, so references in a file can point at it. */
export interface KnownRecords {
  actors: readonly { id: string; name: string }[];
  redLines: readonly { id: string; text: string; actorId: string; targetId: string }[];
}

export const NO_RECORDS: KnownRecords = { actors: [], redLines: [] };

// ---------------------------------------------------------------- writing

/**
 * The backup as text: the envelope first, then one record a line, so a backup
 * reads and diffs well and still parses as one JSON object.
 */
export function serializeBackup(data: BackupData, exportedAt: Timestamp): string {
  const list = (rows: readonly object[]) =>
    rows.length === 0 ? '[]' : `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
  return (
    `{\n"format": ${JSON.stringify(BACKUP_FORMAT)},\n"version": ${BACKUP_VERSION},\n` +
    `"exportedAt": ${JSON.stringify(exportedAt)},\n` +
    `"actors": ${list(data.actors)},\n"redLines": ${list(data.redLines)},\n"signals": ${list(data.signals)},\n` +
    `"deletions": ${list(data.deletions ?? [])}\n}\n`
  );
}

// ---------------------------------------------------------------- reading

/** Parses the text of a file, or says where it stops being JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: describeJsonError(text, error) };
  }
}

function describeJsonError(text: string, error: unknown): string {
  if (text.trim() === '') return 'The file is empty.';
  const raw = error instanceof Error ? error.message : String(error);
  // V8 says "at position 41"; SpiderMonkey "at line 3 column 16"; JavaScriptCore neither.
  const position = /position (\d+)/.exec(raw);
  const lineColumn = /line (\d+) column (\d+)/.exec(raw);
  const where = position
    ? lineAndColumn(text, Number(position[1]))
    : lineColumn
      ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
      : null;
  const atEnd = position ? Number(position[1]) >= text.trimEnd().length - 1 : false;
  if (atEnd || /end of|unterminated|unexpected end/i.test(raw)) {
    const end = where ?? lineAndColumn(text, text.length);
    return `The file is not complete JSON: it ends at line ${end.line}, column ${end.column} before the data does (was it truncated?). Nothing was imported.`;
  }
  const detail = raw
    .replace(/^JSON(\.parse)?( Parse error)?:?\s*/i, '')
    .replace(/\s*(in JSON )?at (position \d+|line \d+ column \d+).*$/s, '');
  const at = where ? ` at line ${where.line}, column ${where.column}` : '';
  return `The file is not valid JSON${at}: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}. Nothing was imported.`;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: position - lineStart + 1 };
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** What `Date.prototype.toISOString` writes, and so what Parallax stores. */
const CANONICAL_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** An ISO 8601 instant with a zone: `2026-11-23T19:50:50.123Z`. */
export function isTimestamp(value: unknown): value is Timestamp {
  if (typeof value !== 'string') return false;
  // Every record of a backup carries two of these: the usual form is checked
  // digit by digit, without the cost of a Date.parse.
  if (value.length === 24 && CANONICAL_TIMESTAMP.test(value)) {
    const two = (i: number) => (value.charCodeAt(i) - 48) * 10 + value.charCodeAt(i + 1) - 48;
    const month = two(5);
    const day = two(8);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && two(11) < 24 && two(14) < 60 && two(17) < 60;
  }
  return ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

const ID_MAX = 100;
const NOTES_MAX = 20_000;
const MUST_TEXT = 'must be text';

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= ID_MAX;
}

// Actors and red lines are few: a valibot schema each describes them best.
const idSchema = v.pipe(
  v.string(MUST_TEXT),
  v.minLength(1, 'is required'),
  v.maxLength(ID_MAX, `must be at most ${ID_MAX} characters`),
);
const timestampSchema = v.pipe(
  v.string(MUST_TEXT),
  v.check((s: string) => isTimestamp(s), 'must be an ISO timestamp such as 2026-01-15T09:00:00.000Z'),
);
const requiredText = (max: number) =>
  v.pipe(
    v.string(MUST_TEXT),
    v.check((s) => s.trim() !== '', 'is required'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

/**
 * Earlier `updatedAt`s of a record, newest first (format version 2; see
 * versions.ts). A longer list than Parallax keeps is cut when merged, not refused.
 */
const ancestorsSchema = v.array(timestampSchema, 'must be a list of ISO timestamps');

const actorSchema = v.object(
  {
    id: idSchema,
    name: requiredText(NAME_MAX),
    code: requiredText(12),
    color: v.pipe(v.string(MUST_TEXT), v.regex(/^#[0-9a-f]{6}$/i, 'must be a colour written #rrggbb')),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    ancestors: v.optional(ancestorsSchema),
  },
  'must be an object',
);

const redLineSchema = v.object(
  {
    id: idSchema,
    actorId: idSchema,
    targetId: idSchema,
    text: requiredText(TITLE_MAX),
    declared: v.pipe(
      v.string(MUST_TEXT),
      v.check((s: string) => isCalendarDate(s), 'must be a real calendar date, YYYY-MM-DD'),
    ),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    ancestors: v.optional(ancestorsSchema),
  },
  'must be an object',
);

const envelopeSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: v.optional(v.nullable(v.string())),
  actors: v.array(v.unknown()),
  redLines: v.array(v.unknown()),
  signals: v.array(v.unknown()),
  deletions: v.optional(v.array(v.unknown())),
});

const DELETABLE_TABLES = ['actors', 'redLines', 'signals'] as const satisfies readonly DeletableTable[];

const deletionSchema = v.object(
  {
    table: v.picklist(DELETABLE_TABLES, `must be one of: ${DELETABLE_TABLES.join(', ')}`),
    id: idSchema,
    deletedAt: timestampSchema,
  },
  'must be an object',
);

function reportSchemaIssues(issues: v.BaseIssue<unknown>[], place: string, list: IssueList): void {
  for (const issue of issues) {
    const field = v.getDotPath(issue) ?? '';
    // valibot reports a missing key as a type mismatch against `undefined`.
    const message = issue.received === 'undefined' ? 'is missing' : issue.message;
    list.add(place, field, message);
  }
}

/**
 * Checks a parsed backup in full: the envelope, every record, every reference
 * (to a record in the file or already in the database). Returns clean records
 * carrying exactly the documented fields, or every problem with its place.
 * `onProgress` is told how many signals have been checked.
 */
export function checkBackup(
  input: unknown,
  known: KnownRecords = NO_RECORDS,
  onProgress?: (done: number, total: number) => void,
): CheckResult {
  const refusal = checkEnvelope(input);
  if (refusal) return { ok: false, summary: refusal, issues: [], issueCount: 0 };
  const envelope = v.parse(envelopeSchema, input);
  const issues = new IssueList();

  const actors: Actor[] = [];
  const actorIds = new Set(known.actors.map((a) => a.id));
  const names = new Map<string, number>();
  const fileActorIds = new Set<string>();
  envelope.actors.forEach((raw, i) => {
    const place = `actors[${i}]`;
    const parsed = v.safeParse(actorSchema, raw);
    if (!parsed.success) {
      // Its id still counts as present, so its signals are not reported as well.
      actorIds.add(String((raw as { id?: unknown } | null)?.id));
      return reportSchemaIssues(parsed.issues, place, issues);
    }
    const actor = parsed.output;
    const key = actor.name.trim().toLowerCase();
    if (names.has(key)) issues.add(place, 'name', `repeats the name of actors[${names.get(key)}]`);
    else names.set(key, i);
    if (fileActorIds.has(actor.id)) issues.add(place, 'id', 'repeats the id of another actor in the file');
    fileActorIds.add(actor.id);
    actors.push(actor);
    actorIds.add(actor.id);
  });

  const redLines: RedLine[] = [];
  const redLineIds = new Set(known.redLines.map((r) => r.id));
  const fileRedLineIds = new Set<string>();
  envelope.redLines.forEach((raw, i) => {
    const place = `redLines[${i}]`;
    const parsed = v.safeParse(redLineSchema, raw);
    if (!parsed.success) {
      redLineIds.add(String((raw as { id?: unknown } | null)?.id));
      return reportSchemaIssues(parsed.issues, place, issues);
    }
    const line = parsed.output;
    if (!actorIds.has(line.actorId))
      issues.add(place, 'actorId', 'names no actor in the file or in Parallax');
    if (!actorIds.has(line.targetId))
      issues.add(place, 'targetId', 'names no actor in the file or in Parallax');
    else if (line.actorId === line.targetId) issues.add(place, 'targetId', 'must differ from actorId');
    if (fileRedLineIds.has(line.id))
      issues.add(place, 'id', 'repeats the id of another red line in the file');
    fileRedLineIds.add(line.id);
    redLineIds.add(line.id);
    redLines.push(line);
  });

  const total = envelope.signals.length;
  const signals: Signal[] = new Array(total);
  const signalIds = new Set<string>();
  const refs = { actorIds, redLineIds };
  let clean = 0;
  for (let i = 0; i < total; i++) {
    const signal = checkSignalRecord(envelope.signals[i], `signals[${i}]`, refs, issues);
    if (signal) {
      if (signalIds.has(signal.id))
        issues.add(`signals[${i}]`, 'id', 'repeats the id of another signal in the file');
      signalIds.add(signal.id);
      signals[clean++] = signal;
    }
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, total);
  }
  onProgress?.(total, total);

  const deletions = checkDeletions(envelope.deletions ?? [], { actors, redLines, signals }, issues);

  if (issues.count > 0) {
    return {
      ok: false,
      summary: rejectionSummary(issues.count),
      issues: issues.items,
      issueCount: issues.count,
    };
  }
  return {
    ok: true,
    data: { actors, redLines, signals, deletions },
    exportedAt: envelope.exportedAt ?? null,
  };
}

/**
 * The `deletions` list: each names a table and an id once, and no record the
 * file also holds (a file cannot both keep and delete a record).
 */
function checkDeletions(
  list: readonly unknown[],
  held: { actors: readonly Actor[]; redLines: readonly RedLine[]; signals: readonly Signal[] },
  issues: IssueList,
): Deletion[] {
  const deletions: Deletion[] = [];
  const seen = new Set<string>();
  let heldIds: Record<string, Set<string>> | null = null;
  list.forEach((raw, i) => {
    const place = `deletions[${i}]`;
    const parsed = v.safeParse(deletionSchema, raw);
    if (!parsed.success) return reportSchemaIssues(parsed.issues, place, issues);
    const { table, id, deletedAt } = parsed.output;
    const key = `${table}\u0000${id}`;
    if (seen.has(key)) return issues.add(place, 'id', `repeats a deletion of the same ${table} record`);
    seen.add(key);
    heldIds ??= {
      actors: new Set(held.actors.map((r) => r.id)),
      redLines: new Set(held.redLines.map((r) => r.id)),
      signals: new Set(held.signals.map((r) => r.id)),
    };
    if (heldIds[table].has(id))
      return issues.add(place, 'id', `names a record the file's ${table} list also holds`);
    deletions.push({ table, id, deletedAt });
  });
  return deletions;
}

/** A file that is not a Parallax backup at all, or one this build cannot read. */
function checkEnvelope(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return 'This is not a Parallax backup: the file must hold one JSON object. Nothing was imported.';
  }
  const { format, version } = input as Record<string, unknown>;
  if (format !== BACKUP_FORMAT) {
    const found = format === undefined ? 'no "format" field' : `"format": ${JSON.stringify(format)}`;
    return `This is not a Parallax backup: it has ${found}, where a backup has "format": "parallax". Nothing was imported.`;
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return 'This backup has no valid "version" (a whole number from 1). Nothing was imported.';
  }
  if (version > BACKUP_VERSION) {
    return `This backup was written by a newer Parallax (format version ${version}); this one reads versions up to ${BACKUP_VERSION}. Update Parallax, then import it again. Nothing was imported.`;
  }
  const result = v.safeParse(envelopeSchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    return `This backup is malformed: "${v.getDotPath(issue) ?? 'the file'}" ${issue.received === 'undefined' ? 'is missing' : 'must be a list'}. Nothing was imported.`;
  }
  return null;
}

const KIND_SET: ReadonlySet<string> = new Set(KINDS);
const CONFIDENCE_SET: ReadonlySet<string> = new Set(CONFIDENCES);
const COST_SET: ReadonlySet<string> = new Set(COSTS);
const KIND_MESSAGE = `must be one of: ${KINDS.join(', ')}`;
const CONFIDENCE_MESSAGE = `must be one of: ${CONFIDENCES.join(', ')}`;
const COST_MESSAGE = `must be one of: ${COSTS.join(', ')}`;
const SCORE_MESSAGE = 'must be a whole number from 0 to 100';
const TIMESTAMP_MESSAGE = 'must be an ISO timestamp such as 2026-01-15T09:00:00.000Z';

function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
}

/**
 * One signal record of a backup. Hand-written rather than a schema: a backup
 * holds 100,000 of these and the import must stay within 1.5× a raw write
 * (PRODUCT.md §9). In one pass it checks each field, the calendar date, the
 * links, the references and the id's uniqueness, allocating only the clean
 * record; 100,000 take about as long as JSON.parse of the file (≈0.2 s in
 * Node here), on par with a valibot object schema that checks less.
 */
function checkSignalRecord(
  raw: unknown,
  place: string,
  refs: { actorIds: ReadonlySet<string>; redLineIds: ReadonlySet<string> },
  issues: IssueList,
): Signal | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    issues.add(place, '', 'must be an object');
    return null;
  }
  const r = raw as Record<string, unknown>;
  const before = issues.count;

  if (!isId(r.id))
    issues.add(place, 'id', r.id === undefined ? 'is missing' : `must be text of 1 to ${ID_MAX} characters`);
  if (!isCalendarDate(r.date)) issues.add(place, 'date', 'must be a real calendar date, YYYY-MM-DD');
  const { senderId, receiverId, title, notes, redLineId } = r;
  if (!isId(senderId)) issues.add(place, 'senderId', 'must be the id of an actor');
  else if (!refs.actorIds.has(senderId))
    issues.add(place, 'senderId', 'names no actor in the file or in Parallax');
  if (!isId(receiverId)) issues.add(place, 'receiverId', 'must be the id of an actor');
  else if (!refs.actorIds.has(receiverId))
    issues.add(place, 'receiverId', 'names no actor in the file or in Parallax');
  else if (receiverId === senderId) issues.add(place, 'receiverId', 'must differ from senderId');
  if (typeof title !== 'string' || title.trim() === '') issues.add(place, 'title', 'is required (text)');
  else if (title.length > TITLE_MAX) issues.add(place, 'title', `must be at most ${TITLE_MAX} characters`);
  if (typeof r.kind !== 'string' || !KIND_SET.has(r.kind)) issues.add(place, 'kind', KIND_MESSAGE);
  if (!isScore(r.intended)) issues.add(place, 'intended', SCORE_MESSAGE);
  if (!isScore(r.perceived)) issues.add(place, 'perceived', SCORE_MESSAGE);
  if (typeof r.confidence !== 'string' || !CONFIDENCE_SET.has(r.confidence))
    issues.add(place, 'confidence', CONFIDENCE_MESSAGE);
  if (typeof r.cost !== 'string' || !COST_SET.has(r.cost)) issues.add(place, 'cost', COST_MESSAGE);
  if (typeof r.capped !== 'boolean') issues.add(place, 'capped', 'must be true or false');
  if (redLineId !== null && redLineId !== undefined) {
    if (!isId(redLineId)) issues.add(place, 'redLineId', 'must be the id of a red line, or null');
    else if (!refs.redLineIds.has(redLineId))
      issues.add(place, 'redLineId', 'names no red line in the file or in Parallax');
  }
  const sources = checkSources(r.sources, place, issues);
  const tags = r.tags;
  if (!Array.isArray(tags)) issues.add(place, 'tags', 'must be a list of text');
  else {
    for (let t = 0; t < tags.length; t++) {
      if (typeof tags[t] !== 'string' || (tags[t] as string).trim() === '') {
        issues.add(place, `tags[${t}]`, 'must be non-empty text');
        break;
      }
    }
  }
  if (typeof notes !== 'string') issues.add(place, 'notes', MUST_TEXT);
  else if (notes.length > NOTES_MAX)
    issues.add(place, 'notes', `must be at most ${NOTES_MAX.toLocaleString('en-US')} characters`);
  if (!isTimestamp(r.createdAt)) issues.add(place, 'createdAt', TIMESTAMP_MESSAGE);
  if (!isTimestamp(r.updatedAt)) issues.add(place, 'updatedAt', TIMESTAMP_MESSAGE);
  const ancestors = r.ancestors === undefined ? undefined : checkAncestors(r.ancestors, place, issues);

  if (issues.count !== before) return null;
  // A fresh object with the documented fields only: whatever else a file
  // carries (a field from a later version, a `__proto__` key) is not stored.
  return {
    id: r.id as string,
    date: r.date as string,
    senderId: senderId as string,
    receiverId: receiverId as string,
    title: title as string,
    kind: r.kind as Signal['kind'],
    intended: r.intended as number,
    perceived: r.perceived as number,
    confidence: r.confidence as Signal['confidence'],
    cost: r.cost as Signal['cost'],
    capped: r.capped as boolean,
    redLineId: (redLineId ?? null) as string | null,
    sources: sources!,
    tags: tags as string[],
    notes: notes as string,
    createdAt: r.createdAt as string,
    updatedAt: r.updatedAt as string,
    ...(ancestors ? { ancestors } : {}),
  };
}

/** A signal's `ancestors` (format version 2): ISO timestamps, newest first. */
function checkAncestors(value: unknown, place: string, issues: IssueList): string[] | undefined {
  if (!Array.isArray(value) || !value.every(isTimestamp)) {
    issues.add(place, 'ancestors', 'must be a list of ISO timestamps');
    return undefined;
  }
  return value as string[];
}

function checkSources(value: unknown, place: string, issues: IssueList): Source[] | null {
  if (!Array.isArray(value)) {
    issues.add(place, 'sources', 'must be a list of { label, url }');
    return null;
  }
  const sources: Source[] = [];
  for (let i = 0; i < value.length; i++) {
    const s = value[i] as Partial<Source> | null;
    if (typeof s !== 'object' || s === null || typeof s.label !== 'string' || typeof s.url !== 'string') {
      issues.add(place, `sources[${i}]`, 'must be { label, url } (text)');
      return null;
    }
    if (s.url !== '' && !isWebUrl(s.url)) {
      issues.add(place, `sources[${i}].url`, 'must be an http:// or https:// address');
      return null;
    }
    sources.push({ label: s.label, url: s.url });
  }
  return sources;
}
