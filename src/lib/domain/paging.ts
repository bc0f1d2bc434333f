import type { CalendarDate } from './types';

/**
 * The page, newest first in pages of `size`, that holds `date` in a list sorted
 * by date (oldest first): the page of the newest entry on or before `date`, or
 * the last page when `date` comes before them all. O(log n).
 */
export function pageOfDate(
  dates: (i: number) => CalendarDate,
  count: number,
  date: CalendarDate,
  size: number,
): number {
  if (count === 0) return 0;
  // The first index whose date is after `date`.
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates(mid) <= date) lo = mid + 1;
    else hi = mid;
  }
  const index = Math.max(lo - 1, 0);
  return Math.floor((count - 1 - index) / size);
}
