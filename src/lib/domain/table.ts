import { isCalendarDate } from './dates';
import { gapOf } from './gap';
import { analystCount, largestSpread } from './scores';
import { CONFIDENCES, COSTS, KINDS, type CalendarDate, type Signal } from './types';

/** The columns the Signals table sorts by: every one it shows. */
export const SORT_KEYS = [
  'date',
  'dyad',
  'title',
  'kind',
  'gap',
  'absGap',
  'intended',
  'perceived',
  'confidence',
  'cost',
  'flags',
  'analysts',
  'spread',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** Newest first: the end of a crisis is what an analyst checks first. */
export const DEFAULT_SORT: Readonly<Sort> = { key: 'date', direction: 'descending' };

/**
 * The direction a column sorts in when first chosen: text A to Z, gaps from the
 * most underestimated, everything else from the largest (the newest, the widest
 * gap, the highest score), which is what an analyst looks for first.
 */
export const FIRST_DIRECTION: Readonly<Record<SortKey, SortDirection>> = {
  date: 'descending',
  dyad: 'ascending',
  title: 'ascending',
  kind: 'ascending',
  gap: 'ascending',
  absGap: 'descending',
  intended: 'descending',
  perceived: 'descending',
  confidence: 'descending',
  cost: 'descending',
  flags: 'descending',
  analysts: 'descending',
  spread: 'descending',
};

/** A sort as the URL writes it: `gap` ascending, `-gap` descending. Unknown text gives the default. */
export function parseSort(text: string): Sort {
  const direction: SortDirection = text.startsWith('-') ? 'descending' : 'ascending';
  const key = text.replace(/^-/, '');
  if (!(SORT_KEYS as readonly string[]).includes(key)) return { ...DEFAULT_SORT };
  return { key: key as SortKey, direction };
}

export function formatSort(sort: Sort): string {
  return `${sort.direction === 'descending' ? '-' : ''}${sort.key}`;
}

/** The sort after a click on a column header: the same column flips, another starts in its first direction. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: FIRST_DIRECTION[key] };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

/** A dyad as one string, for a URL parameter or a select's value. */
export function dyadKey(senderId: string, receiverId: string): string {
  return `${senderId}~${receiverId}`;
}

export function parseDyadKey(key: string): { senderId: string; receiverId: string } | null {
  const [senderId, receiverId, ...rest] = key.split('~');
  return senderId && receiverId && rest.length === 0 ? { senderId, receiverId } : null;
}

export interface SignalFilter {
  /** Words to find in the title, notes or tags (all of them, any case). */
  query?: string;
  /** `dyadKey(sender, receiver)`, or empty for every dyad. */
  dyad?: string;
  /** First and last calendar dates to keep, inclusive; empty for no bound. */
  from?: CalendarDate;
  until?: CalendarDate;
  /** One kind, or empty for all. */
  kind?: string;
  /** One tag, matched whole and case-insensitively, or empty for all. */
  tag?: string;
  /** The least confidence to keep: `moderate` keeps moderate and high. */
  minConfidence?: string;
}

/** The URL hash parameters that carry a filter (shared by the Dashboard and the Signals view). */
export const FILTER_PARAMS = ['q', 'from', 'until', 'kind', 'tag', 'conf'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** The filter a view's URL describes; a bad date in the URL is ignored, not obeyed. */
export function filterFromParams(param: (key: FilterParam) => string): SignalFilter {
  const date = (value: string) => (isCalendarDate(value) ? value : '');
  const kind = param('kind');
  const conf = param('conf');
  return {
    query: param('q'),
    from: date(param('from')),
    until: date(param('until')),
    kind: (KINDS as readonly string[]).includes(kind) ? kind : '',
    tag: param('tag').trim(),
    minConfidence: (CONFIDENCES as readonly string[]).includes(conf) ? conf : '',
  };
}

/** True when the filter keeps only some signals. */
export function isFiltering(filter: SignalFilter): boolean {
  return !!(
    filter.query?.trim() ||
    filter.dyad ||
    filter.from ||
    filter.until ||
    filter.kind ||
    filter.tag ||
    filter.minConfidence
  );
}

/** Every tag in use, by how often it is used, for the tag filter's suggestions. */
export function tagsOf(list: readonly Signal[]): string[] {
  const counts = new Map<string, number>();
  countTags(counts, list, 1);
  return tagsByUse(counts);
}

/** Adds (`by` 1) or takes away (`by` −1) the tags of `list` in `counts`; a tag counted down to 0 goes. */
export function countTags(counts: Map<string, number>, list: readonly Signal[], by: 1 | -1): void {
  for (const s of list) {
    for (const t of s.tags) {
      const n = (counts.get(t) ?? 0) + by;
      if (n > 0) counts.set(t, n);
      else counts.delete(t);
    }
  }
}

/** Tags, the most used first, then by name. */
export function tagsByUse(counts: ReadonlyMap<string, number>): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

// Records are replaced, never mutated, when they change, so a record's lower-cased
// text can be kept by identity: a search over 100,000 signals lower-cases each once.
const haystacks = new WeakMap<Signal, string>();

function haystackOf(signal: Signal): string {
  let text = haystacks.get(signal);
  if (text === undefined) {
    text = [signal.title, signal.notes, ...signal.tags].join('\n').toLowerCase();
    haystacks.set(signal, text);
  }
  return text;
}

function wordsOf(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

function hasWords(signal: Signal, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = haystackOf(signal);
  return words.every((w) => text.includes(w));
}

/** True when every word of the query occurs in the signal's title, notes or tags. */
export function matchesQuery(signal: Signal, query: string): boolean {
  return hasWords(signal, wordsOf(query));
}

const CONFIDENCE_RANK: Record<string, number> = { low: 0, moderate: 1, high: 2 };

/** The signals that pass the filter, in their order; the input itself when nothing filters. */
export function filterSignals(list: readonly Signal[], filter: SignalFilter): readonly Signal[] {
  const words = wordsOf(filter.query ?? '');
  const dyad = filter.dyad ? parseDyadKey(filter.dyad) : null;
  const { from, until, kind } = filter;
  const tag = filter.tag?.toLowerCase() ?? '';
  const minRank = filter.minConfidence ? (CONFIDENCE_RANK[filter.minConfidence] ?? 0) : 0;
  if (words.length === 0 && !dyad && !from && !until && !kind && !tag && minRank === 0) return list;
  return list.filter(
    (s) =>
      (!dyad || (s.senderId === dyad.senderId && s.receiverId === dyad.receiverId)) &&
      // Calendar dates compare correctly as strings.
      (!from || s.date >= from) &&
      (!until || s.date <= until) &&
      (!kind || s.kind === kind) &&
      (!tag || s.tags.some((t) => t.toLowerCase() === tag)) &&
      CONFIDENCE_RANK[s.confidence] >= minRank &&
      hasWords(s, words),
  );
}

/**
 * The signals newest first: date, then creation time, then id, so that equal dates
 * keep one fixed order. Keys are numbers computed once per row, because comparing
 * strings in the comparator made 100,000 rows take twice as long.
 */
export function newestFirst(list: readonly Signal[]): Signal[] {
  const n = list.length;
  const day = new Float64Array(n);
  const created = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { date, createdAt } = list[i];
    day[i] = +date.slice(0, 4) * 10_000 + +date.slice(5, 7) * 100 + +date.slice(8, 10);
    created[i] = Date.parse(createdAt);
  }
  const order = Array.from(list.keys());
  order.sort((i, j) => day[j] - day[i] || created[j] - created[i] || compareIds(list[j].id, list[i].id));
  return order.map((i) => list[i]);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Scores are whole numbers 0–100, so these keys fall in a small range of integers.
 * A signal fewer than two analysts scored has no spread and sorts below a spread
 * of 0 (key −1): no measure is not agreement.
 */
const NUMERIC_KEYS: Record<
  'gap' | 'absGap' | 'intended' | 'perceived' | 'analysts' | 'spread',
  (s: Signal) => number
> = {
  gap: (s) => gapOf(s),
  absGap: (s) => Math.abs(gapOf(s)),
  intended: (s) => s.intended,
  perceived: (s) => s.perceived,
  analysts: (s) => analystCount(s),
  spread: (s) => largestSpread(s) ?? -1,
};
const KEY_MIN = -100;
const KEY_MAX = 100;

/**
 * Columns whose values have an order of their own, not the alphabet's: confidence
 * low → high, cost by what the sender pays (cheap talk → sunk cost), kinds in the
 * order the form lists them, flags by weight (a crossed red line above a cap).
 */
const RANKED_KEYS: Record<'kind' | 'confidence' | 'cost' | 'flags', (s: Signal) => number> = {
  kind: (s) => KINDS.indexOf(s.kind),
  confidence: (s) => CONFIDENCES.indexOf(s.confidence),
  cost: (s) => COSTS.indexOf(s.cost),
  flags: (s) => (s.redLineId ? 2 : 0) + (s.capped ? 1 : 0),
};

/**
 * Orders signals that are already newest first (see `newestFirst`) by one column.
 * `actorName` names the actors for the dyad column (`Sender → Receiver`, A to Z).
 * Rows with equal keys stay newest first whatever the direction. Sorting by a score
 * or a gap is a counting sort, one pass over the rows, because the keys are whole
 * numbers from -100 to 100: a click on a header re-orders 100,000 rows at once.
 * Turning the direction of the date is a reversal. Filtering keeps the order, so the
 * newest-first list can be computed once per change of the data.
 */
export function orderSignals(
  chronological: readonly Signal[],
  sort: Sort,
  actorName: (id: string) => string = (id) => id,
): readonly Signal[] {
  const descending = sort.direction === 'descending';
  if (sort.key === 'date') return descending ? chronological : chronological.slice().reverse();
  if (sort.key === 'title') return orderByText(chronological, (s) => s.title, descending);
  if (sort.key === 'dyad') {
    return orderByText(
      chronological,
      (s) => `${actorName(s.senderId)} → ${actorName(s.receiverId)}`,
      descending,
    );
  }
  const keyOf = sort.key in RANKED_KEYS ? RANKED_KEYS[sort.key as keyof typeof RANKED_KEYS] : null;
  // Ranks are small whole numbers, so they take the counting sort as scores do.
  const keys = chronological.map(keyOf ?? NUMERIC_KEYS[sort.key as keyof typeof NUMERIC_KEYS]);
  if (!keys.every((k) => Number.isInteger(k) && k >= KEY_MIN && k <= KEY_MAX)) {
    // Not a score the validator lets through: sort the slow way rather than wrongly.
    const order = Array.from(chronological.keys());
    order.sort((i, j) => (descending ? keys[j] - keys[i] : keys[i] - keys[j]) || i - j);
    return order.map((i) => chronological[i]);
  }
  return countingSort(chronological, keys, descending);
}

function countingSort<T>(rows: readonly T[], keys: readonly number[], descending: boolean): T[] {
  const buckets = KEY_MAX - KEY_MIN + 1;
  const bucketOf = (key: number) => (descending ? KEY_MAX - key : key - KEY_MIN);
  // starts[b] is where bucket b begins in the output; rows keep their order inside it.
  const starts = new Int32Array(buckets + 1);
  for (const key of keys) starts[bucketOf(key) + 1]++;
  for (let b = 1; b <= buckets; b++) starts[b] += starts[b - 1];
  const out = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) out[starts[bucketOf(keys[i])]++] = rows[i];
  return out;
}

function orderByText(rows: readonly Signal[], textOf: (s: Signal) => string, descending: boolean): Signal[] {
  // Lower-cased once per row here, because a collator called in the comparator
  // would run ~1.7 million times on 100,000 rows.
  const keys = rows.map((s) => textOf(s).toLowerCase());
  const sign = descending ? -1 : 1;
  const order = Array.from(rows.keys());
  order.sort((i, j) => (keys[i] < keys[j] ? -sign : keys[i] > keys[j] ? sign : i - j));
  return order.map((i) => rows[i]);
}

/** A sorted copy of any list of signals: newest first, then ordered by the column. */
export function sortSignals(
  list: readonly Signal[],
  sort: Sort,
  actorName?: (id: string) => string,
): readonly Signal[] {
  return orderSignals(newestFirst(list), sort, actorName);
}

export interface Page<T> {
  rows: T[];
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based position of the first row shown (0 when there are none) and of the last. */
  first: number;
  last: number;
}

/** One page of rows; a page number past the end shows the last page. */
export function pageOf<T>(list: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const start = (current - 1) * size;
  const rows = list.slice(start, start + size);
  return { rows, page: current, pages, first: rows.length ? start + 1 : 0, last: start + rows.length };
}

/** How many items share each key; items whose key is null or empty are left out. */
export function countBy<T>(items: Iterable<T>, keyOf: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The sum of the amounts given for each key. */
export function sumBy(entries: Iterable<readonly [string, number]>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [key, amount] of entries) sums.set(key, (sums.get(key) ?? 0) + amount);
  return sums;
}
