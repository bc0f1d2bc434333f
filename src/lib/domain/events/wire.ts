/**
 * The wire's view: what machine-coded event data said about a dyad, beside
 * what the analyst scored. Each event counts with its crosswalked resolve
 * (docs/EVENTS.md), dated as the event file dates it.
 */
import type { CalendarDate } from '../types';

/** An event of the dyad, in the inbox or accepted: its date and crosswalked resolve (null: the event gives none). */
export interface WireEvent {
  date: CalendarDate;
  resolve: number | null;
}

/** One day of the wire's view: the mean crosswalked resolve of that day's events, and how many. */
export interface WirePoint {
  date: CalendarDate;
  resolve: number;
  n: number;
}

/**
 * One point a day, in date order: the mean of the day's crosswalked
 * resolves. Events with no resolve (an ACLED strategic development) are left
 * out, so a day of only those has no point.
 */
export function wireLine(events: readonly WireEvent[]): WirePoint[] {
  const days = new Map<CalendarDate, { sum: number; n: number }>();
  for (const e of events) {
    if (e.resolve === null) continue;
    const day = days.get(e.date);
    if (day) {
      day.sum += e.resolve;
      day.n++;
    } else days.set(e.date, { sum: e.resolve, n: 1 });
  }
  return [...days]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, { sum, n }]) => ({ date, resolve: sum / n, n }));
}
