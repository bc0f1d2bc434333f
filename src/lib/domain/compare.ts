/**
 * The Compare view's reading of the dyad metrics (PRODUCT.md §4): which numbers
 * it lists and in what order, how a choice of dyads is written in the URL, the
 * mirror sentence and the suggested pivot. Pure functions of plain data.
 */
import type { DyadMetrics } from './metrics';
import { MIN_WINDOW_SIGNALS } from './window';
import { formatNumber } from './format';
import { gapOf } from './gap';
import type { CalendarDate, Signal } from './types';

// ---------------------------------------------------------------------------
// Dyads in the URL

/** A dyad as the URL writes it: `senderId~receiverId` (ids are UUIDs, which never hold `~`). */
export function dyadParam(senderId: string, receiverId: string): string {
  return `${senderId}~${receiverId}`;
}

export function parseDyadParam(text: string): { senderId: string; receiverId: string } | null {
  const [senderId, receiverId, ...rest] = text.split('~');
  return senderId && receiverId && rest.length === 0 ? { senderId, receiverId } : null;
}

// ---------------------------------------------------------------------------
// The metrics, as the view lists them

export type MetricKey =
  | 'count'
  | 'meanGap'
  | 'meanAbsGap'
  | 'largest'
  | 'underestimated'
  | 'accurate'
  | 'overestimated'
  | 'trend'
  | 'signallingGap'
  | 'readingGap'
  | 'displayedCount';

export interface MetricField {
  key: MetricKey;
  /** The column or row header: the words of the interface contract (PRODUCT.md §5). */
  label: string;
  /** The number shown, or null for none (no signals). */
  value: (m: DyadMetrics) => number | null;
}

/** The metrics table's columns, in the contract's order; the mirror and the period comparison list the same. */
export const METRIC_FIELDS: readonly MetricField[] = [
  { key: 'count', label: 'Signals', value: (m) => m.count },
  { key: 'meanGap', label: 'Mean gap', value: (m) => m.meanGap },
  { key: 'meanAbsGap', label: 'Mean |gap|', value: (m) => m.meanAbsGap },
  { key: 'largest', label: 'Largest |gap|', value: (m) => m.largest?.absGap ?? null },
  {
    key: 'underestimated',
    label: 'Underestimated %',
    value: (m) => m.shares?.underestimated ?? null,
  },
  { key: 'accurate', label: 'Accurate %', value: (m) => m.shares?.accurate ?? null },
  { key: 'overestimated', label: 'Overestimated %', value: (m) => m.shares?.overestimated ?? null },
  { key: 'trend', label: 'Trend / 30 days', value: (m) => m.trendPer30Days },
  // Means over the signals with a displayed resolve: the next column says how many.
  { key: 'signallingGap', label: 'Signalling gap', value: (m) => m.signallingGap },
  { key: 'readingGap', label: 'Reading gap', value: (m) => m.readingGap },
  { key: 'displayedCount', label: 'n displayed', value: (m) => m.displayedCount },
];

/** Metrics read with their sign: a gap below zero is an underestimate, a trend below zero a widening one. */
export const SIGNED_METRICS: ReadonlySet<MetricKey> = new Set([
  'meanGap',
  'trend',
  'signallingGap',
  'readingGap',
]);

// ---------------------------------------------------------------------------
// Rows and their order

export interface DyadRow {
  /** `dyadParam(senderId, receiverId)` */
  key: string;
  senderId: string;
  receiverId: string;
  /** `Sender → Receiver` in actor names. */
  label: string;
  metrics: DyadMetrics;
}

export type CompareSortKey = 'dyad' | MetricKey;
export type SortDirection = 'ascending' | 'descending';

export interface CompareSort {
  key: CompareSortKey;
  direction: SortDirection;
}

/** The widest misreadings first: where miscalculation is likeliest. */
export const DEFAULT_COMPARE_SORT: Readonly<CompareSort> = { key: 'meanAbsGap', direction: 'descending' };

const SORT_KEYS: readonly CompareSortKey[] = ['dyad', ...METRIC_FIELDS.map((f) => f.key)];

/** `meanAbsGap.desc` ↔ a sort; anything unreadable is the default. */
export function parseCompareSort(text: string): CompareSort {
  const [key, direction] = text.split('.');
  if (!(SORT_KEYS as readonly string[]).includes(key)) return { ...DEFAULT_COMPARE_SORT };
  if (direction !== 'asc' && direction !== 'desc') return { ...DEFAULT_COMPARE_SORT };
  return { key: key as CompareSortKey, direction: direction === 'asc' ? 'ascending' : 'descending' };
}

export function formatCompareSort(sort: CompareSort): string {
  return `${sort.key}.${sort.direction === 'ascending' ? 'asc' : 'desc'}`;
}

/** A click on a header: the same column turns round; a new one starts A–Z for names, largest first for numbers. */
export function nextCompareSort(current: CompareSort, key: CompareSortKey): CompareSort {
  if (current.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: key === 'dyad' ? 'ascending' : 'descending' };
}

const FIELD_BY_KEY = new Map(METRIC_FIELDS.map((f) => [f.key, f]));

/**
 * A sorted copy; ties fall back to the dyad's name, then its key, so the order
 * never depends on input order. In the default order a dyad of fewer than 3
 * signals comes after every other: its numbers rest on too little to rank it
 * among the widest misreadings (PRODUCT.md §3, too few to say).
 */
export function sortRows(rows: readonly DyadRow[], sort: CompareSort): DyadRow[] {
  const sorted = ordered(rows, sort);
  if (sort.key !== DEFAULT_COMPARE_SORT.key || sort.direction !== DEFAULT_COMPARE_SORT.direction)
    return sorted;
  const thin = (row: DyadRow) => row.metrics.count < MIN_WINDOW_SIGNALS;
  return [...sorted.filter((row) => !thin(row)), ...sorted.filter(thin)];
}

function ordered(rows: readonly DyadRow[], sort: CompareSort): DyadRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const byName = (a: DyadRow, b: DyadRow) =>
    a.label.localeCompare(b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  if (sort.key === 'dyad') return rows.slice().sort((a, b) => sign * byName(a, b));
  const value = FIELD_BY_KEY.get(sort.key)!.value;
  return rows.slice().sort((a, b) => {
    // A dyad without the number sinks to the end either way.
    const va = value(a.metrics) ?? Number.NEGATIVE_INFINITY;
    const vb = value(b.metrics) ?? Number.NEGATIVE_INFINITY;
    return va !== vb ? sign * (va < vb ? -1 : 1) : byName(a, b);
  });
}

// ---------------------------------------------------------------------------
// The mirror

/** How the receiver reads the sender, e.g. "Iran reads United States resolve 21.5 points low". */
function readingClause(senderName: string, receiverName: string, metrics: DyadMetrics): string {
  if (metrics.meanGap === null) return `${receiverName} has no signals from ${senderName} to read yet`;
  const points = formatNumber(Math.abs(metrics.meanGap));
  if (points === '0') return `${receiverName} reads ${senderName} resolve right on average`;
  const side = metrics.meanGap < 0 ? 'low' : 'high';
  return `${receiverName} reads ${senderName} resolve ${points} points ${side}`;
}

/**
 * The mirror in one sentence: how B reads A beside how A reads B, from the mean gaps, e.g.
 * "Iran reads United States resolve 21.5 points low on average; United States reads Iran resolve 9.4 points high."
 */
export function mirrorSentence(aName: string, bName: string, aToB: DyadMetrics, bToA: DyadMetrics): string {
  const first = readingClause(aName, bName, aToB);
  const onAverage =
    aToB.meanGap !== null && formatNumber(Math.abs(aToB.meanGap)) !== '0' ? ' on average' : '';
  return `${first}${onAverage}; ${readingClause(bName, aName, bToA)}.`;
}

// ---------------------------------------------------------------------------
// The suggested pivot

/**
 * The date where a dyad's mean gap shifts most: the split into "before" and
 * "from" that explains the most variance (least-squares change point, the
 * statistic n₁n₂/n · (mean₁ − mean₂)²). Splits fall between dates only, so a
 * day is never cut in two; weighing by n₁n₂/n keeps one odd signal at either end
 * from winning. One pass over the dyad's sorted signals. Null under two dates.
 */
export function changePointDate(sorted: readonly Signal[]): CalendarDate | null {
  const n = sorted.length;
  let total = 0;
  for (const s of sorted) total += gapOf(s);
  let best = -1;
  let bestDate: CalendarDate | null = null;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i].date !== sorted[i - 1].date) {
      const before = sum / i;
      const after = (total - sum) / (n - i);
      const score = ((i * (n - i)) / n) * (before - after) ** 2;
      // Strictly greater: the earliest of equal splits wins.
      if (score > best) {
        best = score;
        bestDate = sorted[i].date;
      }
    }
    sum += gapOf(sorted[i]);
  }
  return bestDate;
}
