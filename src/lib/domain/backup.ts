/**
 * The JSON backup (PRODUCT.md §6): its format, and how a file is checked in
 * full before anything is written. Pure functions of plain data, shared by the
 * import worker, the export and the tests; the merge rules are in `merge.ts`.
 */
import * as v from 'valibot';
import { IssueList, PROGRESS_EVERY, rejectionSummary, type ImportIssue } from './issues';
import {
  ancestors as ancestorsRule,
  checkActorFields,
  checkRedLineFields,
  checkSignalFields,
  deletion as deletionRule,
  id as idRule,
  instant,
  nameKey,
  type References,
  type SignalFields,
} from './rules';
import type { Actor, Deletion, RedLine, Signal, Timestamp } from './types';

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
  /** The clock, in milliseconds, against which instants from the future are refused (default: now). */
  now?: number;
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

export { isTimestamp } from './rules';

const envelopeSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: v.optional(v.nullable(v.string())),
  actors: v.array(v.unknown()),
  redLines: v.array(v.unknown()),
  signals: v.array(v.unknown()),
  deletions: v.optional(v.array(v.unknown())),
});

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
  const now = known.now ?? Date.now();

  // Ids are unique across the tables of a file: a signal's id is no actor's.
  const places = new Map<string, string>();
  const claim = (id: string, place: string, table: string) => {
    const other = places.get(id);
    if (other === undefined) places.set(id, place);
    else if (other.startsWith(table))
      issues.add(
        place,
        'id',
        `repeats the id of another ${table.slice(0, -1).replace('redLine', 'red line')} in the file`,
      );
    else issues.add(place, 'id', `repeats the id of ${other}`);
  };

  const actors: Actor[] = [];
  const actorIds = new Set(known.actors.map((a) => a.id));
  const names = new Map<string, string>();
  envelope.actors.forEach((raw, i) => {
    const place = `actors[${i}]`;
    const actor = checkActorRecord(raw, place, names, now, issues);
    // A bad actor's id still counts as present, so its signals are not reported as well.
    actorIds.add(actor?.id ?? String((raw as { id?: unknown } | null)?.id));
    if (!actor) return;
    claim(actor.id, place, 'actors');
    actors.push(actor);
  });

  const redLines: RedLine[] = [];
  const redLineRefs = new Map<string, { actorId: string | null }>(known.redLines.map((r) => [r.id, r]));
  envelope.redLines.forEach((raw, i) => {
    const place = `redLines[${i}]`;
    const line = checkRedLineRecord(raw, place, actorIds, now, issues);
    if (!line) {
      redLineRefs.set(String((raw as { id?: unknown } | null)?.id), { actorId: null });
      return;
    }
    claim(line.id, place, 'redLines');
    redLineRefs.set(line.id, line);
    redLines.push(line);
  });

  const total = envelope.signals.length;
  const signals: Signal[] = new Array(total);
  const refs: References = { actorIds, redLines: redLineRefs };
  let clean = 0;
  for (let i = 0; i < total; i++) {
    const place = `signals[${i}]`;
    const signal = checkSignalRecord(envelope.signals[i], place, refs, now, issues);
    if (signal) {
      claim(signal.id, place, 'signals');
      signals[clean++] = signal;
    }
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, total);
  }
  onProgress?.(total, total);

  const deletions = checkDeletions(envelope.deletions ?? [], { actors, redLines, signals }, now, issues);

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
  now: number,
  issues: IssueList,
): Deletion[] {
  const deletions: Deletion[] = [];
  const seen = new Set<string>();
  let heldIds: Record<string, Set<string>> | null = null;
  list.forEach((raw, i) => {
    const place = `deletions[${i}]`;
    const record = asRecord(raw, place, issues);
    if (!record) return;
    const entry = deletionRule(record, now, reporter(place, record, issues));
    if (!entry) return;
    const { table, id, deletedAt } = entry;
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

/** Problems of one record, each told where it is; a missing field is said to be missing. */
function reporter(place: string, record: Record<string, unknown>, issues: IssueList) {
  return (field: string, message: string) => {
    const key = /^\w+/.exec(field)?.[0] ?? field;
    issues.add(place, field, record[key] === undefined && !field.includes('[') ? 'is missing' : message);
  };
}

function asRecord(raw: unknown, place: string, issues: IssueList): Record<string, unknown> | null {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) return raw as Record<string, unknown>;
  issues.add(place, '', 'must be an object');
  return null;
}

/** The id and the two instants every record carries. */
function checkStamps(
  r: Record<string, unknown>,
  now: number,
  fail: (field: string, message: string) => void,
) {
  const id = idRule(r.id);
  if (!id.ok) fail('id', id.message);
  const createdAt = instant(r.createdAt, now);
  if (!createdAt.ok) fail('createdAt', createdAt.message);
  const updatedAt = instant(r.updatedAt, now);
  if (!updatedAt.ok) fail('updatedAt', updatedAt.message);
  // Format version 2: absent on a record never edited, and in every version 1 file.
  const earlier = r.ancestors === undefined ? null : ancestorsRule(r.ancestors, now);
  if (earlier && !earlier.ok) fail(`ancestors${earlier.path ?? ''}`, earlier.message);
  return id.ok && createdAt.ok && updatedAt.ok && (!earlier || earlier.ok)
    ? {
        id: id.value,
        createdAt: createdAt.value,
        updatedAt: updatedAt.value,
        ...(earlier?.ok ? { ancestors: earlier.value } : {}),
      }
    : null;
}

/** The instants of a checked record, with its ancestry only where the file gave one. */
function stampFields(stamps: NonNullable<ReturnType<typeof checkStamps>>) {
  return {
    createdAt: stamps.createdAt,
    updatedAt: stamps.updatedAt,
    ...(stamps.ancestors ? { ancestors: stamps.ancestors } : {}),
  };
}

function checkActorRecord(
  raw: unknown,
  place: string,
  names: Map<string, string>,
  now: number,
  issues: IssueList,
): Actor | null {
  const r = asRecord(raw, place, issues);
  if (!r) return null;
  const fail = reporter(place, r, issues);
  const stamps = checkStamps(r, now, fail);
  const values = checkActorFields(r, (key) => names.get(key), fail);
  if (!values || !stamps) return null;
  names.set(nameKey(values.name), place);
  return { id: stamps.id, ...values, ...stampFields(stamps) };
}

function checkRedLineRecord(
  raw: unknown,
  place: string,
  actorIds: ReadonlySet<string>,
  now: number,
  issues: IssueList,
): RedLine | null {
  const r = asRecord(raw, place, issues);
  if (!r) return null;
  const fail = reporter(place, r, issues);
  const stamps = checkStamps(r, now, fail);
  const values = checkRedLineFields(r, actorIds, fail);
  if (!values || !stamps) return null;
  return { id: stamps.id, ...values, ...stampFields(stamps) };
}

/**
 * One signal record of a backup, by the rules every signal meets. A backup
 * holds 100,000 of these and the import must stay within 1.5× a raw write
 * (PRODUCT.md §9): one pass over the fields, allocating only the clean record.
 */
function checkSignalRecord(
  raw: unknown,
  place: string,
  refs: References,
  now: number,
  issues: IssueList,
): Signal | null {
  const r = asRecord(raw, place, issues);
  if (!r) return null;
  const fail = reporter(place, r, issues);
  const stamps = checkStamps(r, now, fail);
  const v = checkSignalFields(r as unknown as SignalFields, refs, fail);
  if (!v || !stamps) return null;
  // A fresh object with the documented fields only: whatever else a file
  // carries (a field from a later version, a `__proto__` key) is not stored.
  return {
    id: stamps.id,
    date: v.date,
    senderId: v.senderId,
    receiverId: v.receiverId,
    title: v.title,
    kind: v.kind,
    intended: v.intended,
    perceived: v.perceived,
    confidence: v.confidence,
    cost: v.cost,
    capped: v.capped,
    redLineId: v.redLineId,
    sources: v.sources,
    tags: v.tags,
    notes: v.notes,
    createdAt: stamps.createdAt,
    updatedAt: stamps.updatedAt,
    ...(stamps.ancestors ? { ancestors: stamps.ancestors } : {}),
  };
}
