/**
 * The period comparison of PRODUCT.md §3: dyad metrics before a pivot date and
 * from it on, and their change, which is none where either side has none.
 */
import { dayNumber } from './dates';
import { dyadMetrics, type DyadMetrics, type ReadingShares } from './metrics';
import { DEFAULT_SETTINGS } from './types';
import type { CalendarDate, Settings } from './types';
import { endOfDay, seriesSlice, toSeries, type SeriesInput } from './window';

/** after − before, null where either side is null. */
export interface MetricsChange {
  count: number;
  meanGap: number | null;
  meanAbsGap: number | null;
  largestAbsGap: number | null;
  shares: ReadingShares | null;
  trendPer30Days: number | null;
  latestRollingGap: number | null;
  signallingGap: number | null;
  readingGap: number | null;
}

export interface PeriodComparison {
  /** Signals dated before the pivot. */
  before: DyadMetrics;
  /** Signals dated on the pivot or after. */
  after: DyadMetrics;
  change: MetricsChange;
}

/** after − before, none where either side has none. */
export function difference(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : after - before;
}

export function periodComparison(
  input: SeriesInput,
  pivot: CalendarDate,
  settings: Readonly<Settings> = DEFAULT_SETTINGS,
): PeriodComparison {
  const series = toSeries(input);
  const split = endOfDay(series.columns, dayNumber(pivot) - 1);
  const before = dyadMetrics(seriesSlice(series, 0, split), settings);
  const after = dyadMetrics(seriesSlice(series, split), settings);
  const bs = before.shares;
  const as = after.shares;
  return {
    before,
    after,
    change: {
      count: after.count - before.count,
      meanGap: difference(after.meanGap, before.meanGap),
      meanAbsGap: difference(after.meanAbsGap, before.meanAbsGap),
      largestAbsGap: difference(after.largest?.absGap ?? null, before.largest?.absGap ?? null),
      shares:
        as && bs
          ? {
              underestimated: as.underestimated - bs.underestimated,
              accurate: as.accurate - bs.accurate,
              overestimated: as.overestimated - bs.overestimated,
            }
          : null,
      trendPer30Days: difference(after.trendPer30Days, before.trendPer30Days),
      latestRollingGap: difference(after.latestRollingGap, before.latestRollingGap),
      signallingGap: difference(after.signallingGap, before.signallingGap),
      readingGap: difference(after.readingGap, before.readingGap),
    },
  };
}
