/**
 * The event-data formats Parallax reads, recognised by their shape: column
 * lists as their publishers document them (sources in docs/EVENTS.md), and
 * how one record of each becomes an `EventRow`.
 */
import { isCalendarDate } from '../dates';
import type { CalendarDate } from '../types';

export type Dataset = 'gdelt' | 'icews' | 'polecat' | 'acled' | 'plover';
export type FormatId = 'gdelt2' | 'gdelt1' | 'icews' | 'polecat' | 'acled' | 'plover';

/** An actor as the file names it: a code (`USAGOV`) or a name (ACLED, ICEWS, POLECAT), and a label to show. */
export interface FileActor {
  key: string;
  name: string;
}

/** One record of an event file, before its actors are mapped. */
export interface EventRow {
  dataset: Dataset;
  eventId: string;
  date: CalendarDate;
  /** The acting side (several for a multi-valued POLECAT cell); empty when the file names none. */
  senders: FileActor[];
  receivers: FileActor[];
  /** CAMEO event code, PLOVER event type or ACLED event type. */
  code: string;
  /** What happened, in words. */
  what: string;
  /** The source address, or empty. */
  url: string;
  /** Goldstein score or PLOVER intensity, −10…+10; null when the file gives none. */
  score: number | null;
  mentions: number | null;
  /** False for ACLED: its two actors have no direction. */
  directed: boolean;
}

export type RowResult = { ok: true; row: EventRow } | { ok: false; field: string; problem: string };

// ------------------------------------------------------------------ columns

const GEO_2 = ['Type', 'FullName', 'CountryCode', 'ADM1Code', 'ADM2Code', 'Lat', 'Long', 'FeatureID'];
const GEO_1 = GEO_2.filter((c) => c !== 'ADM2Code');
const ACTOR = [
  'Code',
  'Name',
  'CountryCode',
  'KnownGroupCode',
  'EthnicCode',
  'Religion1Code',
  'Religion2Code',
  'Type1Code',
  'Type2Code',
  'Type3Code',
];
const EVENT_BLOCK = [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  ...ACTOR.map((c) => `Actor1${c}`),
  ...ACTOR.map((c) => `Actor2${c}`),
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
];
const geo = (block: string[]) =>
  ['Actor1Geo_', 'Actor2Geo_', 'ActionGeo_'].flatMap((p) => block.map((c) => `${p}${c}`));

/** GDELT 2.0 event export: 61 tab-separated columns, no header. */
export const GDELT2_COLUMNS: readonly string[] = [...EVENT_BLOCK, ...geo(GEO_2), 'DATEADDED', 'SOURCEURL'];
/** GDELT 1.0 daily files: 58 columns (57 in the files before April 2013, without SOURCEURL). */
export const GDELT1_COLUMNS: readonly string[] = [...EVENT_BLOCK, ...geo(GEO_1), 'DATEADDED', 'SOURCEURL'];

export const ICEWS_COLUMNS: readonly string[] = [
  'Event ID',
  'Event Date',
  'Source Name',
  'Source Sectors',
  'Source Country',
  'Event Text',
  'CAMEO Code',
  'Intensity',
  'Target Name',
  'Target Sectors',
  'Target Country',
  'Story ID',
  'Sentence Number',
  'Publisher',
  'City',
  'District',
  'Province',
  'Country',
  'Latitude',
  'Longitude',
];

export const POLECAT_COLUMNS: readonly string[] = [
  'Event ID',
  'Event Date',
  'Event Type',
  'Event Mode',
  'Event Intensity',
  'Quad Code',
  'Contexts',
  'Actor Name',
  'Actor Country',
  'Actor COW',
  'Primary Actor Sector',
  'Actor Sectors',
  'Actor Title',
  'Actor Name Raw',
  'Wikipedia Actor ID',
  'Recipient Name',
  'Recipient Country',
  'Recipient COW',
  'Primary Recipient Sector',
  'Recipient Sectors',
  'Recipient Title',
  'Recipient Name Raw',
  'Wikipedia Recipient ID',
  'Placename',
  'City',
  'State',
  'Country',
  'Latitude',
  'Longitude',
  'GeoNames ID',
  'Raw Placename',
  'Feature Type',
  'Source',
  'Publication Date',
  'Story People',
  'Story Organizations',
  'Story Locations',
  'Language',
  'Version',
];

export const ACLED_COLUMNS: readonly string[] = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
];

/** The PLOVER record fields Parallax reads (JSON or JSON Lines). */
export const PLOVER_FIELDS: readonly string[] = [
  'id',
  'date',
  'actor',
  'recipient',
  'event',
  'mode',
  'context',
];

/** The columns a header must have for the row to be read; the rest are optional. */
const REQUIRED: Record<'icews' | 'polecat' | 'acled', readonly string[]> = {
  icews: ['Event ID', 'Event Date', 'Source Name', 'CAMEO Code', 'Target Name'],
  polecat: ['Event ID', 'Event Date', 'Event Type', 'Actor Name', 'Recipient Name'],
  acled: ['event_id_cnty', 'event_date', 'event_type', 'actor1', 'actor2'],
};

// ------------------------------------------------------------------ shapes

export interface Format {
  id: FormatId;
  label: string;
  dataset: Dataset;
  /** How records are cut: tab- or comma-separated lines, or JSON. */
  layout: 'tsv' | 'csv' | 'json' | 'jsonl';
  /** The columns of a headed file, by name, in file order. */
  header: string[] | null;
}

export type Detection = { ok: true; format: Format } | { ok: false; problem: string };

export const FORMAT_LABELS: Record<FormatId, string> = {
  gdelt2: 'GDELT 2.0 event export',
  gdelt1: 'GDELT 1.0 event file',
  icews: 'ICEWS events',
  polecat: 'POLECAT events',
  acled: 'ACLED events',
  plover: 'PLOVER records',
};

const format = (
  id: FormatId,
  dataset: Dataset,
  layout: Format['layout'],
  header: string[] | null = null,
) => ({
  id,
  label: FORMAT_LABELS[id],
  dataset,
  layout,
  header,
});

/** Cells of a header: quotes removed, stray trailing tabs or commas ignored. */
function headerCells(line: string, separator: string): string[] {
  const cells = line.split(separator).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

const SHAPES =
  'a GDELT 2.0 export (61 tab-separated columns), a GDELT 1.0 file (57 or 58), ICEWS or POLECAT (tab-separated with a header), ACLED (CSV with a header) or PLOVER (JSON or JSON Lines)';

/** What a file is, from its first line (a BOM already removed). */
export function detectFormat(firstLine: string): Detection {
  const line = firstLine.replace(/\r$/, '');
  const trimmed = line.trimStart();
  if (trimmed.startsWith('[')) return { ok: true, format: format('plover', 'plover', 'json') };
  if (trimmed.startsWith('{')) {
    // A whole object on the first line is JSON Lines; an object spread over lines is one JSON document.
    try {
      JSON.parse(trimmed);
      return { ok: true, format: format('plover', 'plover', 'jsonl') };
    } catch {
      return { ok: true, format: format('plover', 'plover', 'json') };
    }
  }
  if (line.includes('\t')) {
    const cells = line.split('\t');
    if (/^\d+$/.test(cells[0].trim())) {
      if (cells.length === GDELT2_COLUMNS.length)
        return { ok: true, format: format('gdelt2', 'gdelt', 'tsv') };
      if (cells.length === 57 || cells.length === 58)
        return { ok: true, format: format('gdelt1', 'gdelt', 'tsv') };
      return {
        ok: false,
        problem: `line 1 has ${cells.length} tab-separated columns and no header; a GDELT 2.0 export has 61, a GDELT 1.0 file 57 or 58`,
      };
    }
    const header = headerCells(line, '\t');
    if (header.includes('CAMEO Code')) return headed('icews', 'icews', 'tsv', header);
    if (header.includes('Recipient Name') || header.includes('Event Mode'))
      return headed('polecat', 'polecat', 'tsv', header);
  } else if (line.includes(',')) {
    const header = headerCells(line, ',');
    if (header.includes('event_id_cnty')) return headed('acled', 'acled', 'csv', header);
  }
  return { ok: false, problem: `line 1 is not the start of any event format Parallax reads: ${SHAPES}` };
}

function headed(
  id: 'icews' | 'polecat' | 'acled',
  dataset: Dataset,
  layout: 'tsv' | 'csv',
  header: string[],
) {
  const missing = REQUIRED[id].filter((c) => !header.includes(c));
  if (missing.length)
    return {
      ok: false as const,
      problem: `line 1 looks like a header of ${FORMAT_LABELS[id]} but lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `“${c}”`).join(', ')}`,
    };
  return { ok: true as const, format: format(id, dataset, layout, header) };
}

// ------------------------------------------------------------------ rows

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A date as event files write it (`20200103`, `2020-01-03`, `2020-01-03T…`, ACLED's `3 January 2020`), or null. */
export function parseEventDate(value: string): CalendarDate | null {
  const v = value.trim();
  let date = '';
  if (/^\d{8}$/.test(v)) date = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  else if (/^\d{4}-\d{2}-\d{2}/.test(v)) date = v.slice(0, 10);
  else {
    const m = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/.exec(v);
    const month = m ? MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1 : 0;
    if (m && month > 0) date = `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  }
  return isCalendarDate(date) ? date : null;
}

function number(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const actors = (keys: string, names: string): FileActor[] => {
  const k = keys.split(';').map((s) => s.trim());
  const n = names.split(';').map((s) => s.trim());
  return k.flatMap((key, i) => (key ? [{ key, name: n[i] || key }] : []));
};

const bad = (field: string, problem: string): RowResult => ({ ok: false, field, problem });

/** Reads one tab- or comma-separated record of `format`. */
export function parseCells(format: Format, cells: string[]): RowResult {
  if (format.header) {
    // POLECAT files carry stray trailing tabs: empty cells past the header are not columns.
    while (cells.length > format.header.length && cells[cells.length - 1].trim() === '') cells.pop();
    if (cells.length !== format.header.length)
      return bad('', `expected ${format.header.length} columns as in the header, found ${cells.length}`);
  } else {
    const expected = format.id === 'gdelt2' ? [61] : [57, 58];
    if (!expected.includes(cells.length))
      return bad('', `expected ${expected.join(' or ')} tab-separated columns, found ${cells.length}`);
  }
  switch (format.id) {
    case 'gdelt2':
    case 'gdelt1':
      return gdelt(cells);
    case 'icews':
      return icews(cells, format.header!);
    case 'polecat':
      return polecat(cells, format.header!);
    default:
      return acled(cells, format.header!);
  }
}

function gdelt(c: string[]): RowResult {
  const eventId = c[0].trim();
  if (!/^\d+$/.test(eventId)) return bad('GLOBALEVENTID', `“${eventId}” is not an event number`);
  const date = parseEventDate(c[1]);
  if (!date) return bad('SQLDATE', `“${c[1]}” is not a calendar date (YYYYMMDD)`);
  const code = c[26].trim();
  if (!/^\d{2,4}$/.test(code)) return bad('EventCode', `“${code}” is not a CAMEO event code`);
  return {
    ok: true,
    row: {
      dataset: 'gdelt',
      eventId,
      date,
      senders: actors(c[5], c[6]),
      receivers: actors(c[15], c[16]),
      code,
      what: '',
      // SOURCEURL is the last column; the 57-column files have none.
      url: c.length === 57 ? '' : c[c.length - 1].trim(),
      score: number(c[30]),
      mentions: number(c[31]),
      directed: true,
    },
  };
}

function columns(header: string[], cells: string[]) {
  const index = new Map(header.map((h, i) => [h, i]));
  return (name: string) => {
    const i = index.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
}

function icews(cells: string[], header: string[]): RowResult {
  const get = columns(header, cells);
  const date = parseEventDate(get('Event Date'));
  if (!date) return bad('Event Date', `“${get('Event Date')}” is not a calendar date`);
  return {
    ok: true,
    row: {
      dataset: 'icews',
      eventId: get('Event ID'),
      date,
      senders: actors(get('Source Name'), get('Source Name')),
      receivers: actors(get('Target Name'), get('Target Name')),
      code: get('CAMEO Code'),
      what: get('Event Text'),
      url: '',
      score: number(get('Intensity')),
      mentions: null,
      directed: true,
    },
  };
}

function polecat(cells: string[], header: string[]): RowResult {
  const get = columns(header, cells);
  const date = parseEventDate(get('Event Date'));
  if (!date) return bad('Event Date', `“${get('Event Date')}” is not a calendar date`);
  const mode = get('Event Mode');
  const type = get('Event Type').toUpperCase();
  return {
    ok: true,
    row: {
      dataset: 'polecat',
      eventId: get('Event ID'),
      date,
      senders: actors(get('Actor Name'), get('Actor Name')),
      receivers: actors(get('Recipient Name'), get('Recipient Name')),
      code: type,
      what: mode ? `${type} (${mode})` : type,
      url: '',
      score: number(get('Event Intensity')),
      mentions: null,
      directed: true,
    },
  };
}

function acled(cells: string[], header: string[]): RowResult {
  const get = columns(header, cells);
  const date = parseEventDate(get('event_date'));
  if (!date) return bad('event_date', `“${get('event_date')}” is not a calendar date`);
  const sub = get('sub_event_type');
  const type = get('event_type');
  const source = get('source');
  return {
    ok: true,
    row: {
      dataset: 'acled',
      eventId: get('event_id_cnty'),
      date,
      senders: actors(get('actor1'), get('actor1')).slice(0, 1),
      receivers: actors(get('actor2'), get('actor2')).slice(0, 1),
      code: type,
      what: [sub && sub !== type ? `${type}: ${sub}` : type, get('notes')].filter(Boolean).join(' — '),
      url: /^https?:\/\//i.test(source) ? source : '',
      score: null,
      mentions: null,
      directed: false,
    },
  };
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

/** A PLOVER actor field: a name, a list of names, or an object with `name` (and `code`). */
function ploverActors(v: unknown): FileActor[] {
  const list = Array.isArray(v) ? v : [v];
  return list.flatMap((a): FileActor[] => {
    if (typeof a === 'string') return actors(a, a);
    if (a && typeof a === 'object') {
      const o = a as Record<string, unknown>;
      const name = text(o.name);
      const key = text(o.code) || name;
      return key ? [{ key, name: name || key }] : [];
    }
    return [];
  });
}

/** Reads one PLOVER record. */
export function parsePlover(value: unknown): RowResult {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return bad('', 'is not a PLOVER record (an object with id, date, actor, recipient, event)');
  const r = value as Record<string, unknown>;
  const date = parseEventDate(text(r.date));
  if (!date) return bad('date', `“${text(r.date)}” is not a calendar date`);
  const type = text(r.event).toUpperCase();
  if (!type) return bad('event', 'is missing');
  const mode = text(r.mode);
  const intensity = typeof r.intensity === 'number' ? r.intensity : number(text(r.event_intensity));
  const url = text(r.url) || text(r.source_url);
  return {
    ok: true,
    row: {
      dataset: 'plover',
      eventId: text(r.id),
      date,
      senders: ploverActors(r.actor),
      receivers: ploverActors(r.recipient),
      code: type,
      what: mode ? `${type} (${mode})` : type,
      url: /^https?:\/\//i.test(url) ? url : '',
      score: intensity,
      mentions: null,
      directed: true,
    },
  };
}

/**
 * Whether the start of a file (its first 64 KB, say) is event data rather
 * than a Parallax backup or spreadsheet: the Data view's `Import file` sends
 * event files to the inbox.
 */
export function isEventFileStart(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return true;
  if (trimmed.startsWith('{')) {
    // A backup is one object naming its format; PLOVER records name their recipient.
    if (/"format"\s*:\s*"parallax"/.test(text)) return false;
    return /"recipient"\s*:/.test(text);
  }
  return detectFormat(text.split('\n', 1)[0]).ok;
}

/**
 * The cells of a GDELT row that filtering and counting need, found without
 * cutting the row into its 61 cells: a million rows between actors nobody
 * follows then cost a scan each, not 61 strings each.
 */
export interface GdeltGlance {
  columns: number;
  eventId: string;
  date: string;
  actor1: string;
  actor1Name: string;
  actor2: string;
  actor2Name: string;
  code: string;
}

/** Fills `into` from a GDELT row (cells past the row's end stay empty) and returns it. */
export function glanceGdelt(line: string, into: GdeltGlance): GdeltGlance {
  into.eventId = into.date = into.actor1 = into.actor1Name = into.actor2 = into.actor2Name = into.code = '';
  let column = 0;
  let start = 0;
  for (;;) {
    const tab = line.indexOf('\t', start);
    const end = tab < 0 ? line.length : tab;
    switch (column) {
      case 0:
        into.eventId = line.slice(start, end);
        break;
      case 1:
        into.date = line.slice(start, end);
        break;
      case 5:
        into.actor1 = line.slice(start, end);
        break;
      case 6:
        into.actor1Name = line.slice(start, end);
        break;
      case 15:
        into.actor2 = line.slice(start, end);
        break;
      case 16:
        into.actor2Name = line.slice(start, end);
        break;
      case 26:
        into.code = line.slice(start, end);
        break;
    }
    column++;
    if (tab < 0) break;
    start = tab + 1;
  }
  into.columns = column;
  return into;
}
