/**
 * The JSON backup (PRODUCT.md §6): its format, and how a file is checked in
 * full before anything is written. Pure functions of plain data, shared by the
 * import worker, the export and the tests; the merge rules are in `merge.ts`.
 */
import * as v from 'valibot';
import { UNATTRIBUTED } from './names';
import { IssueList, PROGRESS_EVERY, rejectionSummary, type ImportIssue } from './issues';
import { factsOf, type SignalFacts } from './consensus';
import {
  analystName,
  ancestors as ancestorsRule,
  checkActorFields,
  checkAssessmentFields,
  checkRedLineFields,
  checkSignalFields,
  deletion as deletionRule,
  id as idRule,
  instant,
  nameKey,
  type AssessmentFields,
  type References,
  type SignalFields,
} from './rules';
import type { Actor, Analyst, Assessment, Deletion, RedLine, Signal, Timestamp } from './types';

export const BACKUP_FORMAT = 'parallax';
/**
 * The newest backup format this build writes and reads. Version 2 adds the
 * `deletions` list and each record's `ancestors`; version 3 the `analysts` and
 * `assessments` lists, its signals carrying facts only. Files of versions 1
 * and 2 (scores on the signal) still import: each signal's scores become one
 * assessment of the analyst the file names, or of "Unattributed".
 */
export const BACKUP_VERSION = 3;

/**
 * Records as a backup holds them, and as an import hands them to the database.
 * Signals are facts: their consensus is derived from the assessments on import.
 */
export interface BackupData {
  actors: Actor[];
  redLines: RedLine[];
  signals: SignalFacts[];
  analysts: Analyst[];
  assessments: Assessment[];
  /** Records deleted (format version 2); none in a version 1 file or a CSV. */
  deletions?: Deletion[];
  /**
   * True when the file gives its assessments no times of their own (a CSV row
   * has the signal's): one that meets an assessment held here is read as that
   * version, the same or edited outside Parallax.
   */
  unstamped?: boolean;
}

/** What the database holds, for an export: signals with their consensus, which the backup leaves out. */
export interface StoredData extends Omit<BackupData, 'signals'> {
  signals: (Signal | SignalFacts)[];
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
  /** Analysts held here: an assessment may name one, and a file's analyst of the same name is the same person. */
  analysts?: readonly { id: string; name: string }[];
  /** Whether the database holds a signal: an assessment in a file may score one the file does not carry. */
  hasSignal?: (id: string) => boolean;
  /** The clock, in milliseconds, against which instants from the future are refused (default: now). */
  now?: number;
  /** Ids for the records an import creates (the analyst and assessments of an older file). */
  newId?: () => string;
}

export const NO_RECORDS: KnownRecords = { actors: [], redLines: [] };

// ---------------------------------------------------------------- writing

/**
 * The backup as text: the envelope first, then one record a line, so a backup
 * reads and diffs well and still parses as one JSON object.
 */
export function serializeBackup(data: StoredData, exportedAt: Timestamp): string {
  const list = (rows: readonly object[]) =>
    rows.length === 0 ? '[]' : `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
  // A signal's consensus is derived from its assessments: the file carries facts only.
  const signals = data.signals.map((s) => JSON.stringify(factsOf(s)));
  return (
    `{\n"format": ${JSON.stringify(BACKUP_FORMAT)},\n"version": ${BACKUP_VERSION},\n` +
    `"exportedAt": ${JSON.stringify(exportedAt)},\n` +
    `"actors": ${list(data.actors)},\n"redLines": ${list(data.redLines)},\n` +
    `"analysts": ${list(data.analysts)},\n` +
    `"signals": ${signals.length === 0 ? '[]' : `[\n${signals.join(',\n')}\n]`},\n` +
    `"assessments": ${list(data.assessments)},\n` +
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

/**
 * The problems of a refused file, each record's place given its line in the
 * text as well (`assessments[4]` starts on line 12), so the analyst finds it in
 * an editor. One pass over the text, made only for a file already refused.
 */
export function withLines(text: string, issues: readonly ImportIssue[]): ImportIssue[] {
  const wanted = new Map<string, Set<number>>();
  for (const issue of issues) {
    const match = /^(\w+)\[(\d+)\]$/.exec(issue.place);
    if (!match) continue;
    const list = wanted.get(match[1]) ?? new Set<number>();
    list.add(Number(match[2]));
    wanted.set(match[1], list);
  }
  if (wanted.size === 0) return [...issues];
  const lines = new Map<string, number>();
  let line = 1;
  let depth = 0;
  let inString = false;
  let key = '';
  let lastString = '';
  let stringStart = 0;
  let list: string | null = null;
  let index = 0;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (expectElement && ch !== ']') {
      expectElement = false;
      if (list && wanted.get(list)?.has(index)) lines.set(`${list}[${index}]`, line);
    }
    if (ch === '"') {
      inString = true;
      stringStart = i + 1;
    } else if (ch === ':' && depth === 1) key = lastString;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (ch === '[' && depth === 2 && wanted.has(key)) {
        list = key;
        index = 0;
        expectElement = true;
      }
    } else if (ch === ']' || ch === '}') {
      if (depth === 2) list = null;
      depth--;
    } else if (ch === ',' && depth === 2 && list) {
      index++;
      expectElement = true;
    }
  }
  return issues.map((issue) => {
    const at = lines.get(issue.place);
    return at === undefined ? issue : { ...issue, line: at };
  });
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
  analysts: v.optional(v.array(v.unknown())),
  assessments: v.optional(v.array(v.unknown())),
  /** Versions 1 and 2: the name of the analyst whose scores the file holds. */
  analyst: v.optional(v.unknown()),
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

  // Analysts (version 3): few, and each name once, as with actors.
  const legacy = envelope.version < 3;
  const analysts: Analyst[] = [];
  const analystIds = new Set((known.analysts ?? []).map((a) => a.id));
  const analystNames = new Map<string, string>();
  (envelope.analysts ?? []).forEach((raw, i) => {
    const place = `analysts[${i}]`;
    const analyst = checkAnalystRecord(raw, place, analystNames, now, issues);
    // A bad analyst's id still counts as present, so its assessments are not reported as well.
    analystIds.add(analyst?.id ?? String((raw as { id?: unknown } | null)?.id));
    if (!analyst) return;
    claim(analyst.id, place, 'analysts');
    analysts.push(analyst);
  });

  // Scores of an older file become assessments of the analyst it names.
  const newId = known.newId ?? (() => crypto.randomUUID());
  const assessments: Assessment[] = [];
  let scoredBy: string | null = null;
  if (legacy) {
    const named =
      envelope.analyst === undefined
        ? { ok: true as const, value: UNATTRIBUTED }
        : analystName(envelope.analyst);
    if (!named.ok) issues.add('analyst', '', `an analyst's name ${named.message}`);
    const name = named.ok ? named.value : UNATTRIBUTED;
    const stamp = new Date(now).toISOString();
    const held = (known.analysts ?? []).find((a) => nameKey(a.name) === nameKey(name));
    if (held) scoredBy = held.id;
    else {
      scoredBy = newId();
      analysts.push({ id: scoredBy, name, createdAt: stamp, updatedAt: stamp });
    }
  }
  const legacyScores = (facts: SignalFacts, values: Scores) => {
    assessments.push(legacyAssessment(facts, values, scoredBy!, newId()));
  };

  const signalCount = envelope.signals.length;
  const assessmentList = envelope.assessments ?? [];
  const total = signalCount + assessmentList.length;
  const signals: SignalFacts[] = new Array(signalCount);
  const refs: References = { actorIds, redLines: redLineRefs };
  let clean = 0;
  for (let i = 0; i < signalCount; i++) {
    const place = `signals[${i}]`;
    const signal = checkSignalRecord(
      envelope.signals[i],
      place,
      refs,
      now,
      issues,
      legacy ? legacyScores : null,
    );
    if (signal) {
      claim(signal.id, place, 'signals');
      signals[clean++] = signal;
    }
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, total);
  }

  if (!legacy) {
    const signalIds = new Set<string>();
    // Ids of signals the file holds, refused ones too: their assessments are not reported as well.
    for (const raw of envelope.signals) signalIds.add(String((raw as { id?: unknown } | null)?.id));
    const hasSignal = (id: string) => signalIds.has(id) || (known.hasSignal?.(id) ?? false);
    checkAssessments(assessmentList, assessments, { hasSignal, analystIds }, now, issues, claim, (i) => {
      if (onProgress && (signalCount + i + 1) % PROGRESS_EVERY === 0) onProgress(signalCount + i + 1, total);
    });
    // A signal new to this database comes scored: its consensus is the mean of at least one assessment.
    if (issues.count === 0 && clean > 0) {
      const scored = new Set(assessments.map((a) => a.signalId));
      for (let i = 0; i < clean; i++) {
        const id = signals[i].id;
        if (!scored.has(id) && !(known.hasSignal?.(id) ?? false))
          issues.add(
            `signals[${i}]`,
            '',
            'has no assessment: every signal is scored by at least one analyst',
          );
      }
    }
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
    data: { actors, redLines, signals, analysts, assessments, deletions },
    exportedAt: envelope.exportedAt ?? null,
  };
}

/**
 * The one assessment a signal of a version 1 or 2 file stands for: its scores,
 * stamped as the signal was, so that the same file imported twice, or into a
 * database that upgraded the same signal, meets the same version.
 */
export function legacyAssessment(
  signal: SignalFacts,
  scores: Scores,
  analystId: string,
  id: string,
): Assessment {
  return {
    id,
    signalId: signal.id,
    analystId,
    intended: scores.intended,
    displayed: null,
    perceived: scores.perceived,
    confidence: scores.confidence,
    rationale: '',
    createdAt: signal.createdAt,
    updatedAt: signal.updatedAt,
    ...(signal.ancestors ? { ancestors: signal.ancestors } : {}),
  };
}

/**
 * The `assessments` list: each scores a signal the file or the database holds,
 * by an analyst either holds, at most once per analyst and signal.
 */
function checkAssessments(
  list: readonly unknown[],
  assessments: Assessment[],
  refs: { hasSignal: (id: string) => boolean; analystIds: ReadonlySet<string> },
  now: number,
  issues: IssueList,
  claim: (id: string, place: string, table: string) => void,
  progress: (i: number) => void,
): void {
  const pairs = new Map<string, string>();
  for (let i = 0; i < list.length; i++) {
    progress(i);
    const place = `assessments[${i}]`;
    const r = asRecord(list[i], place, issues);
    if (!r) continue;
    const fail = reporter(place, r, issues);
    const stamps = checkStamps(r, now, fail);
    let bad = false;
    const signalId = typeof r.signalId === 'string' ? r.signalId : null;
    const analystId = typeof r.analystId === 'string' ? r.analystId : null;
    if (signalId === null || !refs.hasSignal(signalId)) {
      bad = true;
      fail('signalId', 'names no signal in the file or here');
    }
    if (analystId === null || !refs.analystIds.has(analystId)) {
      bad = true;
      fail('analystId', 'names no analyst in the file or here');
    }
    if (!bad) {
      const pair = `${signalId}\u0000${analystId}`;
      const first = pairs.get(pair);
      if (first !== undefined) {
        bad = true;
        issues.add(
          place,
          'analystId',
          `is a second assessment of the same signal by the same analyst (the first is ${first})`,
        );
      } else pairs.set(pair, place);
    }
    const values = checkAssessmentFields(r as unknown as AssessmentFields, fail);
    if (!values || !stamps || bad) continue;
    claim(stamps.id, place, 'assessments');
    // A fresh object with the documented fields only, as for a signal.
    assessments.push({
      id: stamps.id,
      signalId: signalId!,
      analystId: analystId!,
      intended: values.intended,
      displayed: values.displayed,
      perceived: values.perceived,
      confidence: values.confidence,
      rationale: values.rationale,
      ...stampFields(stamps),
    });
  }
}

/**
 * The `deletions` list: each names a table and an id once, and no record the
 * file also holds (a file cannot both keep and delete a record).
 */
function checkDeletions(
  list: readonly unknown[],
  held: { actors: readonly Actor[]; redLines: readonly RedLine[]; signals: readonly SignalFacts[] },
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
  if (result.success && version >= 3) {
    const missing = (['analysts', 'assessments'] as const).find((k) => result.output[k] === undefined);
    if (missing)
      return `This backup is malformed: "${missing}" is missing (a backup of version 3 lists analysts and assessments). Nothing was imported.`;
  }
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

function checkAnalystRecord(
  raw: unknown,
  place: string,
  names: Map<string, string>,
  now: number,
  issues: IssueList,
): Analyst | null {
  const r = asRecord(raw, place, issues);
  if (!r) return null;
  const fail = reporter(place, r, issues);
  const stamps = checkStamps(r, now, fail);
  const name = analystName(r.name);
  if (!name.ok) fail('name', name.message);
  else {
    const other = names.get(nameKey(name.value));
    if (other !== undefined) {
      fail('name', `repeats the name of ${other}`);
      return null;
    }
  }
  if (!name.ok || !stamps) return null;
  names.set(nameKey(name.value), place);
  return { id: stamps.id, name: name.value, ...stampFields(stamps) };
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
 * A signal of version 3 is facts only; one of an older version carries its
 * scores too, checked here and handed on for `legacyAssessment`.
 */
function checkSignalRecord(
  raw: unknown,
  place: string,
  refs: References,
  now: number,
  issues: IssueList,
  /** Given the scores of a version 1 or 2 signal; null for version 3, whose signals have none. */
  scores: ((facts: SignalFacts, values: Scores) => void) | null,
): SignalFacts | null {
  const r = asRecord(raw, place, issues);
  if (!r) return null;
  const fail = reporter(place, r, issues);
  const stamps = checkStamps(r, now, fail);
  // The rule set judges a signal with its scores; a version 3 signal has none
  // (they are its assessments), so it is judged with neutral ones, never kept.
  const fields = (scores ? r : { ...r, ...NO_SCORES }) as unknown as SignalFields;
  const v = checkSignalFields(fields, refs, fail);
  if (!v || !stamps) return null;
  // A fresh object with the documented fields only: whatever else a file
  // carries (a field from a later version, a `__proto__` key) is not stored.
  const facts: SignalFacts = {
    id: stamps.id,
    date: v.date,
    senderId: v.senderId,
    receiverId: v.receiverId,
    title: v.title,
    kind: v.kind,
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
  scores?.(facts, v);
  return facts;
}

/** A signal's scores as a file of version 1 or 2 carries them. */
type Scores = Pick<Signal, 'intended' | 'perceived' | 'confidence'>;

const NO_SCORES = { intended: 0, perceived: 0, confidence: 'low' } as const;
