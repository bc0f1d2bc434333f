/**
 * Reads an event file as a stream of text chunks: recognises the format on
 * the first line, cuts records as they arrive and hands each on, parsed, so
 * that a file of a million rows never sits in memory whole.
 */
import {
  detectFormat,
  glanceGdelt,
  parseCells,
  parseEventDate,
  parsePlover,
  type EventRow,
  type Format,
  type GdeltGlance,
  type RowResult,
} from './formats';

/** A file Parallax cannot read at all; the message names the file, the line and the problem. */
export class EventFileError extends Error {
  override name = 'EventFileError';
}

export interface EventSink {
  row(row: EventRow, line: number): void;
  /** A record that cannot be read: where (`line 7`, `record 3`), the field, the problem. */
  issue(place: string, line: number, field: string, problem: string): void;
  /**
   * A GDELT row found sound at a glance (width, id, date, code): true when the
   * sink has dealt with it from these cells alone, false to have it parsed whole.
   */
  glance?(row: GdeltGlance, line: number): boolean;
  /**
   * A GDELT row of a file read through before with no unreadable row (see
   * `EventStream`'s `checked`): true when the sink has dealt with it from its
   * two actor codes alone, false to have it parsed whole.
   */
  pair?(actor1: string, actor2: string): boolean;
}

const GDELT_WIDTHS: Record<string, readonly number[]> = { gdelt2: [61], gdelt1: [57, 58] };

/** How long a first line may grow before the file is taken for something else. */
const FIRST_LINE_MAX = 1 << 20;
/** A JSON document is parsed whole; past this many characters JSON Lines is the way. */
export const JSON_MAX_CHARS = 200_000_000;

export class EventStream {
  #format: Format | null = null;
  #rest = '';
  /** Lines consumed before `#rest`. */
  #line = 0;
  #json: string[] = [];
  #jsonChars = 0;
  readonly #glance: GdeltGlance = {
    columns: 0,
    eventId: '',
    date: '',
    actor1: '',
    actor1Name: '',
    actor2: '',
    actor2Name: '',
    code: '',
  };
  /** Dates seen, and whether each is one: a day's file holds a few dozen distinct dates. */
  readonly #dates = new Map<string, boolean>();

  /**
   * `checked`: this file was read through before and every row was readable,
   * so a row the sink settles by its actors is not checked again (a `File`
   * is a snapshot: reading it again gives the same bytes, or fails).
   */
  constructor(
    readonly fileName: string,
    readonly sink: EventSink,
    readonly checked = false,
  ) {}

  get format(): Format | null {
    return this.#format;
  }

  push(chunk: string): void {
    let text = this.#rest + chunk;
    this.#rest = '';
    if (!this.#format) {
      if (this.#line === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const newline = text.indexOf('\n');
      if (newline < 0 && text.length < FIRST_LINE_MAX) {
        this.#rest = text;
        return;
      }
      this.#detect(newline < 0 ? text : text.slice(0, newline));
      if (this.#format!.header) {
        this.#line = 1;
        text = newline < 0 ? '' : text.slice(newline + 1);
      }
    }
    const layout = this.#format!.layout;
    if (layout === 'json') return this.#collect(text);
    if (layout === 'csv') return this.#csv(text, false);
    this.#lines(text, false);
  }

  end(): void {
    if (!this.#format) {
      if (this.#rest.trim() === '')
        throw new EventFileError(`${this.fileName} is empty: it holds no events.`);
      this.#detect(this.#rest);
      if (this.#format!.header) this.#rest = '';
    }
    const text = this.#rest;
    this.#rest = '';
    const layout = this.#format!.layout;
    if (layout === 'json') return this.#parseJson();
    if (layout === 'csv') return this.#csv(text, true);
    this.#lines(text, true);
  }

  #detect(firstLine: string): void {
    const found = detectFormat(firstLine);
    if (!found.ok) throw new EventFileError(`${this.fileName}, ${found.problem}.`);
    this.#format = found.format;
  }

  #deliver(result: RowResult, place: string, line: number): void {
    if (!result.ok) return this.sink.issue(place, line, result.field, result.problem);
    if (!result.row.eventId) return this.sink.issue(place, line, '', 'the event has no id');
    this.sink.row(result.row, line);
  }

  /** True when the sink dealt with a GDELT row from a glance at its cells. */
  #glanced(raw: string, line: number): boolean {
    const widths = GDELT_WIDTHS[this.#format!.id];
    if (!widths || !this.sink.glance) return false;
    const g = glanceGdelt(raw, this.#glance);
    if (!widths.includes(g.columns) || !/^\d+$/.test(g.eventId) || !/^\d{2,4}$/.test(g.code)) return false;
    let valid = this.#dates.get(g.date);
    if (valid === undefined) {
      valid = parseEventDate(g.date) !== null;
      this.#dates.set(g.date, valid);
    }
    return valid && this.sink.glance(g, line);
  }

  /**
   * True when the sink settled a GDELT row of a checked file by its two actor
   * codes (columns 5 and 15), found in place: most rows of a file are between
   * actors nobody follows, and then cost a few searches and two short strings.
   */
  #paired(text: string, start: number, end: number): boolean {
    let at = start;
    let actor1 = '';
    for (let column = 0; column < 15; column++) {
      const stop = text.indexOf('\t', at);
      if (stop < 0 || stop >= end) return false;
      if (column === 5) actor1 = text.slice(at, stop);
      at = stop + 1;
    }
    const stop = text.indexOf('\t', at);
    if (stop < 0 || stop >= end) return false;
    return this.sink.pair!(actor1, text.slice(at, stop));
  }

  #lines(text: string, final: boolean): void {
    const format = this.#format!;
    const paired = this.checked && !!this.sink.pair && format.id in GDELT_WIDTHS;
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0 && !final) break;
      const end = newline < 0 ? text.length : newline;
      if (paired && this.#paired(text, start, end)) {
        ++this.#line;
        if (newline < 0) return;
        start = newline + 1;
        continue;
      }
      const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      const line = ++this.#line;
      if (raw.trim() !== '') {
        if (format.layout === 'jsonl') this.#deliver(this.#jsonLine(raw), `line ${line}`, line);
        else if (!this.#glanced(raw, line))
          this.#deliver(parseCells(format, raw.split('\t')), `line ${line}`, line);
      }
      if (newline < 0) return;
      start = newline + 1;
    }
    this.#rest = text.slice(start);
  }

  #jsonLine(raw: string): RowResult {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, field: '', problem: 'is not a JSON object' };
    }
    return parsePlover(value);
  }

  #csv(text: string, final: boolean): void {
    const format = this.#format!;
    let start = 0;
    while (start < text.length) {
      const record = readCsvRecord(text, start, final);
      if (!record) break;
      const line = this.#line + 1;
      this.#line += record.newlines;
      start = record.next;
      if (record.unterminated) {
        this.sink.issue(`line ${line}`, line, '', 'a quoted cell is never closed');
        continue;
      }
      if (record.cells.length === 1 && record.cells[0].trim() === '') continue;
      this.#deliver(parseCells(format, record.cells), `line ${line}`, line);
    }
    this.#rest = text.slice(start);
  }

  #collect(text: string): void {
    this.#jsonChars += text.length;
    if (this.#jsonChars > JSON_MAX_CHARS)
      throw new EventFileError(
        `${this.fileName} is too large to read as one JSON document; write it as JSON Lines (one record a line).`,
      );
    this.#json.push(text);
  }

  #parseJson(): void {
    let value: unknown;
    try {
      value = JSON.parse(this.#json.join(''));
    } catch (error) {
      throw new EventFileError(
        `${this.fileName} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    this.#json = [];
    const list = Array.isArray(value)
      ? value
      : value && typeof value === 'object'
        ? Object.values(value).find(Array.isArray)
        : undefined;
    if (!list)
      throw new EventFileError(`${this.fileName}, line 1: the JSON holds no list of PLOVER records.`);
    list.forEach((record: unknown, i: number) =>
      this.#deliver(parsePlover(record), `record ${i + 1}`, i + 1),
    );
  }
}

interface CsvRecord {
  cells: string[];
  next: number;
  newlines: number;
  unterminated?: boolean;
}

/**
 * One comma-separated record from `start`: quoted cells may hold commas,
 * doubled quotes and line breaks. Null when the record may go on in the next
 * chunk.
 */
export function readCsvRecord(text: string, start: number, final: boolean): CsvRecord | null {
  const cells: string[] = [];
  let i = start;
  let newlines = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      // A quoted cell: up to the quote not followed by another.
      let cell = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0 || (quote === text.length - 1 && !final)) {
          if (!final) return null;
          return { cells, next: text.length, newlines, unterminated: true };
        }
        cell += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          cell += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      for (let k = 0; k < cell.length; k++) if (cell.charCodeAt(k) === 10) newlines++;
      // Anything between the closing quote and the next separator is kept, as spreadsheets do.
      const after = nextSeparator(text, i);
      if (after < 0 && !final) return null;
      const stop = after < 0 ? text.length : after;
      cells.push(cell + text.slice(i, stop).replace(/\r$/, ''));
      i = stop;
    } else {
      const stop = nextSeparator(text, i);
      if (stop < 0 && !final) return null;
      const end = stop < 0 ? text.length : stop;
      cells.push(text.slice(i, end).replace(/\r$/, ''));
      i = end;
    }
    if (i >= text.length) return { cells, next: i, newlines };
    if (text.charCodeAt(i) === 10) return { cells, next: i + 1, newlines: newlines + 1 };
    i++; // a comma: the next cell
  }
}

function nextSeparator(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10) return i;
  }
  return -1;
}
