/**
 * Reading what spreadsheets write (UTF-8 with or without BOM, CRLF, `,` or `;`,
 * quoted delimiters and line breaks) and checking every row before anything is
 * written. Runs in the import worker; `csv.ts` holds the format itself.
 */
import Papa from 'papaparse';
import { ACTOR_COLORS } from './palette';
import type { BackupData, KnownRecords } from './backup';
import {
  COLUMN_LABELS,
  CSV_COLUMNS,
  missingColumns,
  parseSourcesCell,
  restoreCell,
  type CsvColumn,
  type CsvMapping,
} from './csv';
import { IssueList, PROGRESS_EVERY, rejectionSummary, type ImportIssue } from './issues';
import {
  actorName,
  analystName,
  checkAssessmentFields,
  checkSignalFields,
  id as idRule,
  instant,
  isTimestamp,
  LIMITS,
  nameKey,
  parseTags,
  redLineText,
  scoreFromText,
  suggestCode,
  type References,
} from './rules';
import { sameContent } from './merge';
import { UNATTRIBUTED } from './names';
import type { Actor, Analyst, Assessment, RedLine, Timestamp } from './types';
import type { SignalFacts } from './consensus';

// ---------------------------------------------------------------- reading

export interface CsvTable {
  /** Header cells as the file writes them (trimmed). */
  headers: string[];
  rows: string[][];
  /** The line of the file on which each row starts; the header is line 1. */
  lines: number[];
  delimiter: string;
  /** Rows the parser could not read (an unclosed quote, a stray one). */
  issues: ImportIssue[];
  issueCount: number;
}

/**
 * The delimiter of a file, read from its header line: the most frequent of
 * `,` `;` and tab outside quotes (a spreadsheet set to a comma-decimal
 * language writes `;`).
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

function parserMessage(code: string): string {
  if (code === 'MissingQuotes')
    return 'a quoted field starts here and is never closed (a missing " or a truncated file)';
  if (code === 'InvalidQuotes') return 'a quote inside a quoted field must be doubled ("")';
  return 'the row cannot be read';
}

/**
 * Splits CSV text into rows, remembering the line each row starts on (a
 * quoted field may hold line breaks, so rows and lines differ). Blank rows
 * are left out.
 */
export function readCsv(text: string, onProgress?: (done: number, total: number) => void): CsvTable {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(source);
  const newline = source.includes('\n') ? '\n' : '\r';
  const rows: string[][] = [];
  const lines: number[] = [];
  const issues = new IssueList();
  let headers: string[] | null = null;
  let cursor = 0;
  let line = 1;
  let seen = 0;

  Papa.parse<string[]>(source, {
    delimiter,
    skipEmptyLines: false,
    step(result) {
      const startLine = line;
      const end = result.meta.cursor;
      for (let i = source.indexOf(newline, cursor); i !== -1 && i < end; i = source.indexOf(newline, i + 1))
        line++;
      cursor = end;
      const cells = result.data;
      if (result.errors.length) {
        issues.add(`line ${startLine}`, '', parserMessage(result.errors[0].code), startLine);
      }
      if (cells.every((c) => c.trim() === '')) return;
      if (!headers) {
        headers = cells.map((h) => h.trim());
        return;
      }
      rows.push(cells);
      lines.push(startLine);
      if (onProgress && ++seen % PROGRESS_EVERY === 0) onProgress(cursor, source.length);
    },
  });
  onProgress?.(source.length, source.length);
  return { headers: headers ?? [], rows, lines, delimiter, issues: issues.items, issueCount: issues.count };
}

// ---------------------------------------------------------------- checking

export interface CsvContext {
  known: KnownRecords;
  /** Who is importing: a file without an `analyst` column gives them its scores (else "Unattributed"). */
  analyst?: { id: string; name: string } | null;
  /** The time stamped on records the file gives no time for. */
  now: Timestamp;
  newId: () => string;
}

export type CsvCheck =
  | { ok: true; data: BackupData; newActors: Actor[]; newRedLines: RedLine[]; newAnalysts: Analyst[] }
  | { ok: false; summary: string; issues: ImportIssue[]; issueCount: number };

/** The rule set's fields, as CSV columns. */
const FIELD_COLUMNS: Readonly<Record<string, CsvColumn>> = {
  date: 'date',
  senderId: 'sender',
  receiverId: 'receiver',
  title: 'title',
  kind: 'kind',
  intended: 'intended',
  displayed: 'displayed',
  perceived: 'perceived',
  confidence: 'confidence',
  rationale: 'rationale',
  cost: 'cost',
  capped: 'capped',
  redLineId: 'red_line',
  sources: 'sources',
  tags: 'tags',
  notes: 'notes',
};

/** Columns whose value the report quotes; a title or notes would only repeat what the analyst sees. */
const QUOTED: ReadonlySet<CsvColumn> = new Set([
  'date',
  'sender',
  'receiver',
  'sources',
  'kind',
  'analyst',
  'intended',
  'displayed',
  'perceived',
  'confidence',
  'cost',
  'capped',
]);

const SHOWN_VALUE_MAX = 40;

/** A signal's rows differ in their creation time when the file gives none: that is not a difference. */
const ROW_STAMPS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt']);

/** The offending value, quoted and cut short, so the analyst can find it in the spreadsheet. */
function found(value: string): string {
  const v = value.slice(0, SHOWN_VALUE_MAX + 1).trim();
  if (!v) return '';
  return ` (found “${v.length > SHOWN_VALUE_MAX ? `${v.slice(0, SHOWN_VALUE_MAX)}…` : v}”)`;
}

/** Cells of a choice or a flag are a word or two; a longer one is refused as it is, unread. */
const WORD_MAX = 40;

function parseBoolean(text: string): boolean | null {
  if (text.length > WORD_MAX) return null;
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'false' || t === 'no' || t === 'n' || t === '0') return false;
  if (t === 'true' || t === 'yes' || t === 'y' || t === '1' || t === 'x') return true;
  return null;
}

const DATE_WITH_TIME = /^\d{4}-\d{2}-\d{2}[T ]/;

/** A cell with its formula guard removed, or '' for a column the file lacks (index -1). */
function cellAt(row: readonly string[], index: number): string {
  if (index < 0) return '';
  const cell = row[index];
  return cell === undefined ? '' : cell.length > 1 && cell.charCodeAt(0) === 39 ? restoreCell(cell) : cell;
}

/** `Sunk-cost`, `sunk_cost`, ` Sunk cost ` → `sunk cost`; an empty cell takes the default. */
function choice(text: string, fallback: string): string {
  if (text.length > WORD_MAX) return text;
  const t = text.trim();
  if (!t) return fallback;
  const lower = t.toLowerCase();
  return /[\s_-]/.test(lower) ? lower.replace(/[\s_-]+/g, ' ') : lower;
}

/** Largest cells of the list columns: what the most sources or tags the rules allow can fill, escapes and all. */
const SOURCES_CELL_MAX = LIMITS.sources * 2 * (LIMITS.sourceLabel + LIMITS.url + 6);
const TAGS_CELL_MAX = LIMITS.tags * 2 * (LIMITS.tag + 2);

/**
 * Turns the rows of a CSV file into signals, checking each with the same rules
 * as the signal form and the backup. Actors are named, not identified: a name
 * Parallax does not know becomes a new actor, and a red line's text it does
 * not know among the receiver's lines becomes a new red line (drawn by the
 * receiver, against the sender, declared that day), both created only when
 * the analyst confirms. Rows keep their order: without a `created_at`, each
 * is created a millisecond after the row before it.
 */
export function checkCsv(
  table: CsvTable,
  mapping: CsvMapping,
  ctx: CsvContext,
  onProgress?: (done: number, total: number) => void,
): CsvCheck {
  const issues = new IssueList();
  issues.absorb(table.issues, table.issueCount);
  const missing = missingColumns(mapping);
  if (missing.length) {
    return {
      ok: false,
      summary: `The file has no column for ${missing.map((c) => COLUMN_LABELS[c]).join(', ')}. Choose which column holds each, or add them to the file.`,
      issues: [],
      issueCount: 0,
    };
  }
  if (table.rows.length === 0) {
    return {
      ok: false,
      summary: 'The file has a header but no rows of signals. Nothing was imported.',
      issues: [],
      issueCount: 0,
    };
  }

  const fieldName = (column: CsvColumn) =>
    (mapping[column] >= 0 ? table.headers[mapping[column]] : '') || COLUMN_LABELS[column];

  const clock = Date.parse(ctx.now);
  const actorIds = new Map(ctx.known.actors.map((a) => [nameKey(a.name), a.id]));
  const knownActorIds = new Set(ctx.known.actors.map((a) => a.id));
  /** Red lines by the actor who drew them, then by text: a crossing names a line its receiver drew. */
  const redLinesByText = new Map<string, string[]>();
  const lineKey = (drawnBy: string, text: string) => `${drawnBy}\u0000${nameKey(text)}`;
  for (const r of ctx.known.redLines) {
    const key = lineKey(r.actorId, r.text);
    redLinesByText.set(key, [...(redLinesByText.get(key) ?? []), r.id]);
  }
  const redLineRefs = new Map<string, { actorId: string | null }>(ctx.known.redLines.map((r) => [r.id, r]));
  const newActors: Actor[] = [];
  const newRedLines: RedLine[] = [];
  /** Each signal of the file by id, with the line that gave it (a signal has a row per assessment). */
  const signalIds = new Map<string, { line: number; signal: SignalFacts | null }>();
  const signals: SignalFacts[] = [];
  const assessments: Assessment[] = [];
  /** The line of each analyst's assessment of each signal: one per analyst and signal. */
  const scored = new Map<string, number>();
  const newAnalysts: Analyst[] = [];
  const analystIds = new Map((ctx.known.analysts ?? []).map((a) => [nameKey(a.name), a.id]));
  const analystFor = (name: string): string => {
    const key = nameKey(name);
    let id = analystIds.get(key);
    if (!id) {
      id = ctx.newId();
      newAnalysts.push({ id, name, createdAt: ctx.now, updatedAt: ctx.now });
      analystIds.set(key, id);
    }
    return id;
  };
  // A file without analysts' names is the importing analyst's.
  if (ctx.analyst) analystIds.set(nameKey(ctx.analyst.name), ctx.analyst.id);
  const importer = ctx.analyst?.name ?? UNATTRIBUTED;
  const refs: References = { actorIds: knownActorIds, redLines: redLineRefs };

  const actorFor = (name: string): string => {
    const key = nameKey(name);
    let id = actorIds.get(key);
    if (!id) {
      id = ctx.newId();
      newActors.push({
        id,
        name,
        code: suggestCode(name).slice(0, LIMITS.code) || 'ACT',
        color: ACTOR_COLORS[(ctx.known.actors.length + newActors.length) % ACTOR_COLORS.length],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      actorIds.set(key, id);
      knownActorIds.add(id);
    }
    return id;
  };

  const at = (column: CsvColumn) => mapping[column];
  const col = {
    date: at('date'),
    sender: at('sender'),
    receiver: at('receiver'),
    title: at('title'),
    kind: at('kind'),
    analyst: at('analyst'),
    intended: at('intended'),
    displayed: at('displayed'),
    perceived: at('perceived'),
    confidence: at('confidence'),
    rationale: at('rationale'),
    cost: at('cost'),
    capped: at('capped'),
    redLine: at('red_line'),
    sources: at('sources'),
    tags: at('tags'),
    notes: at('notes'),
    id: at('id'),
    createdAt: at('created_at'),
    updatedAt: at('updated_at'),
  };
  const width = table.headers.length;
  const report = (line: number, column: CsvColumn | '', message: string) =>
    issues.add(`line ${line}`, column ? fieldName(column) : '', message, line);

  // 100,000 rows pass through here: no copy per row beyond the records themselves.
  const total = table.rows.length;
  for (let r = 0; r < total; r++) {
    if (onProgress && r % PROGRESS_EVERY === 0 && r > 0) onProgress(r, total);
    const row = table.rows[r];
    const line = table.lines[r];
    const before = issues.count;

    if (row.length > width && row.slice(width).some((c) => c.trim() !== '')) {
      report(
        line,
        '',
        `has ${row.length} fields where the header has ${width} (a delimiter inside an unquoted field?)`,
      );
      continue;
    }
    if (row.length < width) {
      // A file cut short inside a cell ends with such a row: its last value is not whole.
      report(
        line,
        '',
        `has ${row.length} ${row.length === 1 ? 'field' : 'fields'} where the header has ${width} (a truncated row?)`,
      );
      continue;
    }

    const fail = (field: string, message: string) => {
      const [, name, path] = /^(\w+)(.*)$/.exec(field) ?? [field, field, ''];
      const column = FIELD_COLUMNS[name] ?? 'title';
      const item = /^\[(\d+)\]/.exec(path);
      const where = item ? `item ${Number(item[1]) + 1}: ` : '';
      report(line, column, where + message + (QUOTED.has(column) ? found(cellAt(row, mapping[column])) : ''));
    };

    const names = [col.sender, col.receiver].map((index, k) => {
      const name = actorName(cellAt(row, index));
      if (name.ok) return name.value;
      if (name.message !== 'is required')
        report(line, k ? 'receiver' : 'sender', `an actor's name ${name.message}`);
      return '';
    });

    let date = cellAt(row, col.date).trim();
    // Spreadsheets may add a time to a date cell: `2019-06-20T00:00:00` or `2019-06-20 00:00`.
    if (date.length > 10 && DATE_WITH_TIME.test(date)) date = date.slice(0, 10);

    const cappedText = cellAt(row, col.capped);
    const capped = parseBoolean(cappedText);
    if (capped === null) report(line, 'capped', `must be true or false (or yes/no, 1/0)${found(cappedText)}`);

    const id = cellAt(row, col.id).trim() || ctx.newId();
    const idChecked = idRule(id);
    if (!idChecked.ok) report(line, 'id', idChecked.message);
    // A signal's later rows are its other analysts' assessments.
    const earlier = signalIds.get(id);
    if (!earlier) signalIds.set(id, { line, signal: null });

    const analystCell = cellAt(row, col.analyst).trim();
    const analyst = analystCell ? analystName(analystCell) : { ok: true as const, value: importer };
    if (!analyst.ok) report(line, 'analyst', `an analyst's name ${analyst.message}`);
    const createdText = cellAt(row, col.createdAt).trim();
    const updatedText = cellAt(row, col.updatedAt).trim();
    for (const [column, value] of [
      ['created_at', createdText],
      ['updated_at', updatedText],
    ] as const) {
      const checked = value ? instant(value, clock) : null;
      if (checked && !checked.ok)
        report(line, column, checked.message + (isTimestamp(value) ? '' : found(value)));
    }

    const sourcesCell = cellAt(row, col.sources);
    const tagsCell = cellAt(row, col.tags);
    if (sourcesCell.length > SOURCES_CELL_MAX)
      report(
        line,
        'sources',
        `must be at most ${SOURCES_CELL_MAX.toLocaleString('en-US')} characters (it has ${sourcesCell.length.toLocaleString('en-US')})`,
      );
    if (tagsCell.length > TAGS_CELL_MAX)
      report(
        line,
        'tags',
        `must be at most ${TAGS_CELL_MAX.toLocaleString('en-US')} characters (it has ${tagsCell.length.toLocaleString('en-US')})`,
      );
    if (issues.count !== before) continue;

    const senderId = names[0] ? actorFor(names[0]) : '';
    const receiverId = names[1] ? actorFor(names[1]) : '';

    // A red line by its text among the receiver's lines (or by its id); one the
    // file introduces is created once the row is known good.
    const redLineCell = cellAt(row, col.redLine).trim();
    let redLineId: string | null = null;
    let newRedLine: string | null = null;
    if (redLineCell) {
      const text = redLineText(redLineCell);
      const byText = text.ok && receiverId ? redLinesByText.get(lineKey(receiverId, text.value)) : undefined;
      if (redLineRefs.has(redLineCell)) redLineId = redLineCell;
      else if (!text.ok) report(line, 'red_line', `a red line's text ${text.message}`);
      else if (byText && byText.length > 1)
        report(line, 'red_line', `matches ${byText.length} red lines with this text; rename one in Actors`);
      else if (byText) redLineId = byText[0];
      else if (receiverId) newRedLine = text.value;
    }

    const draft = checkSignalFields(
      {
        date,
        senderId,
        receiverId,
        title: cellAt(row, col.title),
        kind: choice(cellAt(row, col.kind), 'other'),
        intended: scoreFromText(cellAt(row, col.intended)),
        perceived: scoreFromText(cellAt(row, col.perceived)),
        confidence: choice(cellAt(row, col.confidence), 'moderate'),
        cost: choice(cellAt(row, col.cost), 'cheap talk'),
        capped: capped ?? false,
        redLineId,
        sources: parseSourcesCell(sourcesCell),
        tags: parseTags(tagsCell),
        notes: cellAt(row, col.notes),
      },
      refs,
      fail,
    );
    const scores = checkAssessmentFields(
      {
        intended: scoreFromText(cellAt(row, col.intended)),
        displayed: scoreFromText(cellAt(row, col.displayed)),
        perceived: scoreFromText(cellAt(row, col.perceived)),
        confidence: choice(cellAt(row, col.confidence), 'moderate'),
        rationale: cellAt(row, col.rationale),
      },
      fail,
    );
    if (!draft || !scores || issues.count !== before) continue;

    if (newRedLine !== null) {
      const key = lineKey(draft.receiverId, newRedLine);
      let lineId = redLinesByText.get(key)?.[0];
      if (!lineId) {
        lineId = ctx.newId();
        newRedLines.push({
          id: lineId,
          actorId: draft.receiverId,
          targetId: draft.senderId,
          text: newRedLine,
          declared: draft.date,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        redLinesByText.set(key, [lineId]);
        redLineRefs.set(lineId, { actorId: draft.receiverId });
      }
      draft.redLineId = lineId;
    }
    // Each row a millisecond after the one before, the last at `now`: creation follows the file.
    const created = createdText || new Date(clock - (total - 1 - r)).toISOString();
    const updated = updatedText || created;
    const facts: SignalFacts = {
      id,
      date: draft.date,
      senderId: draft.senderId,
      receiverId: draft.receiverId,
      title: draft.title,
      kind: draft.kind,
      cost: draft.cost,
      capped: draft.capped,
      redLineId: draft.redLineId,
      sources: draft.sources,
      tags: draft.tags,
      notes: draft.notes,
      createdAt: created,
      updatedAt: updated,
    };
    let signal = facts;
    if (earlier) {
      // Another analyst's row of a signal already read: the signal's columns must say the same.
      if (!earlier.signal) continue; // its first row was refused, and said so
      if (!sameContent(earlier.signal, facts, ROW_STAMPS)) {
        report(
          line,
          'id',
          `repeats the id of line ${earlier.line} with other values in the signal's columns`,
        );
        continue;
      }
      signal = earlier.signal;
    }
    const analystId = analystFor(analyst.ok ? analyst.value : importer);
    const pair = `${id}\u0000${analystId}`;
    const first = scored.get(pair);
    if (first !== undefined) {
      report(
        line,
        'analyst',
        `scores the signal of line ${first} a second time: one assessment per analyst and signal`,
      );
      continue;
    }
    scored.set(pair, line);
    if (!earlier) {
      signalIds.set(id, { line, signal });
      signals.push(signal);
    }
    // The file gives no time for an assessment: it is dated as its signal was made.
    assessments.push({
      id: ctx.newId(),
      signalId: id,
      analystId,
      ...scores,
      createdAt: signal.createdAt,
      updatedAt: signal.createdAt,
    });
  }
  onProgress?.(total, total);

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
    data: {
      actors: newActors,
      redLines: newRedLines,
      signals,
      analysts: newAnalysts,
      assessments,
      unstamped: true,
    },
    newActors,
    newRedLines,
    newAnalysts,
  };
}

/** The first rows of a file as the mapping reads them: what the preview shows, as text. */
export function previewRows(
  table: CsvTable,
  mapping: CsvMapping,
  count = 5,
): { line: number; cells: Record<CsvColumn, string> }[] {
  return table.rows.slice(0, count).map((row, i) => ({
    line: table.lines[i],
    cells: Object.fromEntries(
      CSV_COLUMNS.map((c) => [c, mapping[c] < 0 ? '' : restoreCell(row[mapping[c]] ?? '')]),
    ) as Record<CsvColumn, string>,
  }));
}
