/**
 * Signals as spreadsheet rows (PRODUCT.md §6): the columns and the conventions
 * of each cell, writing signals so that a spreadsheet opens them safely, and
 * matching a file's headers to the columns. Reading and checking a file is in
 * `csv-import.ts`. The conventions are documented in docs/DATA.md.
 */
import { compareSignals } from './window';
import type { Assessment, Signal, Source } from './types';
import { escapeItem, formatTags, isWebUrl, splitEscaped, unescapeItem } from './rules';

/** The columns Parallax writes, in order; also the header names import looks for first. */
export const CSV_COLUMNS = [
  'date',
  'sender',
  'receiver',
  'title',
  'kind',
  'analyst',
  'intended',
  'displayed',
  'perceived',
  'confidence',
  'rationale',
  'cost',
  'capped',
  'red_line',
  'sources',
  'tags',
  'notes',
  'id',
  'created_at',
  'updated_at',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Each column as the signal form labels it. */
export const COLUMN_LABELS: Readonly<Record<CsvColumn, string>> = {
  date: 'Date',
  sender: 'Sender',
  receiver: 'Receiver',
  title: 'Title',
  kind: 'Kind',
  analyst: 'Analyst',
  intended: 'Intended resolve',
  displayed: 'Displayed resolve',
  perceived: 'Perceived resolve',
  confidence: 'Confidence',
  rationale: 'Rationale',
  cost: 'Signal cost',
  capped: 'Capped',
  red_line: 'Crosses red line',
  sources: 'Sources',
  tags: 'Tags',
  notes: 'Notes',
  id: 'Id',
  created_at: 'Created at',
  updated_at: 'Updated at',
};

/** Columns a file must have; the others fall back to the defaults below. */
export const REQUIRED_COLUMNS: readonly CsvColumn[] = [
  'date',
  'sender',
  'receiver',
  'title',
  'intended',
  'perceived',
];

/** What a signal gets when the file has no such column. */
export const COLUMN_DEFAULTS: Readonly<Partial<Record<CsvColumn, string>>> = {
  kind: 'other',
  analyst: 'you',
  displayed: 'none',
  confidence: 'moderate',
  rationale: 'empty',
  cost: 'cheap talk',
  capped: 'false',
  red_line: 'none',
  sources: 'none',
  tags: 'none',
  notes: 'empty',
  id: 'a new id',
  created_at: 'now',
  updated_at: 'now',
};

/** For each column, the index of the file's column that holds it, or -1. */
export type CsvMapping = Record<CsvColumn, number>;

// ---------------------------------------------------------------- formula injection

/**
 * A spreadsheet runs a cell that starts with one of these as a formula
 * (`=HYPERLINK(…)`, `+1`, `-1`, `@SUM`, and tab or line breaks that some
 * programs skip before looking). Such a cell is written with a leading `'`,
 * which spreadsheets hide and import removes. A cell that itself starts with
 * `'` gets one more, so that removing one always gives the text back.
 */
const FORMULA_START = /^[=+\-@\t\r\n']/;
const NEUTRALISED = /^'[=+\-@\t\r\n']/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function restoreCell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

// ---------------------------------------------------------------- cell conventions

/*
 * Lists in one cell (docs/DATA.md): sources are `label <url>` separated by
 * ` | `, tags are separated by `; `. Inside an item a backslash keeps the next
 * `|`, `<`, `>`, `;`, `,` or backslash as part of it, so every label and tag
 * the app accepts comes back whole; a backslash before anything else is
 * itself, so a hand-typed `C:\docs` stays as typed.
 */

function formatSource(s: Source): string {
  const label = escapeItem(s.label, '|<>');
  if (s.url) return `${label} <${escapeItem(s.url, '|<>')}>`.trimStart();
  // A label that reads like a `label url` pair or an address gets an empty `<>` to say it has none.
  const alone = parseSourcePart(label);
  return alone.url === '' && alone.label === s.label ? label : `${label} <>`;
}

/** Sources in one cell: `label <url>`, separated by ` | `; a source without address is its label alone. */
export function formatSourcesCell(sources: readonly Source[]): string {
  return sources.map(formatSource).join(' | ');
}

/** The index of the `<` that opens a final, unescaped `<…>`, or -1. */
function openingBracket(part: string): number {
  if (!part.endsWith('>') || escaped(part, part.length - 1)) return -1;
  for (let i = part.length - 2; i >= 0; i--) {
    const ch = part[i];
    if ((ch === '<' || ch === '>') && !escaped(part, i)) return ch === '<' ? i : -1;
  }
  return -1;
}

/** True when the character at i follows an odd run of backslashes. */
function escaped(text: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

function parseSourcePart(part: string): Source {
  const open = openingBracket(part);
  if (open >= 0)
    return {
      label: unescapeItem(part.slice(0, open)).trim(),
      url: unescapeItem(part.slice(open + 1, -1)).trim(),
    };
  const text = unescapeItem(part);
  if (!/\s/.test(text) && isWebUrl(text)) return { label: new URL(text).hostname, url: text };
  const lastSpace = text.lastIndexOf(' ');
  const last = text.slice(lastSpace + 1);
  if (lastSpace > 0 && /^https?:\/\//i.test(last))
    return { label: text.slice(0, lastSpace).trim(), url: last };
  return { label: text, url: '' };
}

export function parseSourcesCell(text: string): Source[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  // A cell typed by hand may list sources one a line, as the signal form does.
  const parts = splitEscaped(trimmed, '|');
  const items = parts.length > 1 ? parts : trimmed.split(/\r?\n/);
  const sources: Source[] = [];
  for (const raw of items) {
    const part = raw.trim();
    if (part) sources.push(parseSourcePart(part));
  }
  return sources;
}

/** Tags in one cell, separated by `; ` (import also splits on `,`). */
export function formatTagsCell(tags: readonly string[]): string {
  return formatTags(tags, '; ');
}

// ---------------------------------------------------------------- writing

export interface CsvNames {
  actorName(id: string): string | undefined;
  redLineText(id: string): string | undefined;
  analystName(id: string): string | undefined;
}

function quote(cell: string): string {
  const safe = neutralise(cell);
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Signals as CSV text: a header row, then one row per assessment, signals in
 * date order: a signal three analysts scored is three rows with one signal id,
 * each with its analyst's scores beside the signal's columns. Starts with a
 * byte-order mark so that spreadsheets read it as UTF-8, and ends lines with
 * CRLF as RFC 4180 and spreadsheets do.
 */
export function signalsToCsv(
  signals: readonly Signal[],
  names: CsvNames,
  assessmentsOf: (signalId: string) => readonly Assessment[],
): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const s of [...signals].sort(compareSignals)) {
    const facts = (scores: Pick<Assessment, 'intended' | 'displayed' | 'perceived' | 'confidence'>) => [
      s.date,
      names.actorName(s.senderId) ?? s.senderId,
      names.actorName(s.receiverId) ?? s.receiverId,
      s.title,
      s.kind,
      '',
      String(scores.intended),
      scores.displayed === null ? '' : String(scores.displayed),
      String(scores.perceived),
      scores.confidence,
      '',
      s.cost,
      String(s.capped),
      s.redLineId ? (names.redLineText(s.redLineId) ?? s.redLineId) : '',
      formatSourcesCell(s.sources),
      formatTagsCell(s.tags),
      s.notes,
      s.id,
      s.createdAt,
      s.updatedAt,
    ];
    const list = [...assessmentsOf(s.id)].sort(byAnalyst(names));
    for (const a of list) {
      const cells = facts(a);
      cells[ANALYST_CELL] = names.analystName(a.analystId) ?? a.analystId;
      cells[RATIONALE_CELL] = a.rationale;
      rows.push(cells.map(quote).join(','));
    }
    // A signal no analyst scored (none is saved so) still gets its row, scored as its record says.
    if (list.length === 0)
      rows.push(
        facts({ displayed: null, ...s })
          .map(quote)
          .join(','),
      );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

const ANALYST_CELL = CSV_COLUMNS.indexOf('analyst');
const RATIONALE_CELL = CSV_COLUMNS.indexOf('rationale');

/** A signal's rows in the order of its analysts' names. */
function byAnalyst(names: CsvNames) {
  return (a: Assessment, b: Assessment) =>
    (names.analystName(a.analystId) ?? a.analystId).localeCompare(
      names.analystName(b.analystId) ?? b.analystId,
    );
}

// ---------------------------------------------------------------- headers

/** Header names other programs and people write for each column, normalised (lower case, letters and digits). */
const SYNONYMS: Readonly<Record<CsvColumn, readonly string[]>> = {
  date: ['date', 'day', 'when', 'signaldate', 'eventdate'],
  sender: ['sender', 'from', 'senderactor', 'sendername', 'actor', 'source actor'],
  receiver: ['receiver', 'to', 'target', 'receiveractor', 'receivername', 'recipient'],
  title: ['title', 'signal', 'event', 'summary', 'description', 'what'],
  kind: ['kind', 'type', 'signalkind', 'signaltype', 'category'],
  analyst: ['analyst', 'analystname', 'scoredby', 'coder', 'rater', 'assessor'],
  intended: ['intended', 'intendedresolve', 'intendedscore', 'intent', 'resolveintended'],
  displayed: ['displayed', 'displayedresolve', 'displayedscore', 'resolvedisplayed', 'shown'],
  perceived: ['perceived', 'perceivedresolve', 'perceivedscore', 'perception', 'resolveperceived'],
  confidence: ['confidence', 'conf', 'certainty'],
  rationale: ['rationale', 'reason', 'reasoning', 'justification', 'why'],
  cost: ['cost', 'signalcost', 'costtype'],
  capped: ['capped', 'limited', 'deliberatelycapped'],
  red_line: ['redline', 'crossesredline', 'redlinecrossed', 'crossedredline'],
  sources: ['sources', 'source', 'links', 'references', 'urls'],
  tags: ['tags', 'tag', 'labels', 'keywords'],
  notes: ['notes', 'note', 'comment', 'comments', 'remarks'],
  id: ['id', 'uuid', 'signalid'],
  created_at: ['createdat', 'created', 'creationtime', 'datecreated'],
  updated_at: ['updatedat', 'updated', 'modified', 'modifiedat', 'lastmodified', 'datemodified'],
};

const normalise = (header: string) => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const BY_SYNONYM = new Map<string, CsvColumn>(
  CSV_COLUMNS.flatMap((c) => SYNONYMS[c].map((s) => [normalise(s), c] as const)),
);

/** The column a header names, case and punctuation aside: `Intended resolve` → `intended`. */
export function matchHeader(header: string): CsvColumn | null {
  return BY_SYNONYM.get(normalise(header)) ?? null;
}

/** The mapping header names give; each file column serves one column at most. */
export function guessMapping(headers: readonly string[]): CsvMapping {
  const mapping = Object.fromEntries(CSV_COLUMNS.map((c) => [c, -1])) as CsvMapping;
  headers.forEach((h, i) => {
    const column = matchHeader(h);
    if (column && mapping[column] === -1) mapping[column] = i;
  });
  return mapping;
}

export function missingColumns(mapping: CsvMapping): CsvColumn[] {
  return REQUIRED_COLUMNS.filter((c) => mapping[c] < 0);
}

/** True when every header was recognised and every required column found: no mapping step is needed. */
export function mappingIsComplete(headers: readonly string[], mapping: CsvMapping): boolean {
  const used = new Set(Object.values(mapping));
  return missingColumns(mapping).length === 0 && headers.every((h, i) => used.has(i) || h === '');
}
