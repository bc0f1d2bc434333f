/**
 * The team on the resolve timeline: the band from the lowest to the highest
 * analyst's score around each line, and each analyst's scores for the tooltip.
 * Pure: the timeline's config calls these with the dyad's signals.
 */
import { rangeOf } from '../domain/scores';
import type { CalendarDate, Signal } from '../domain/types';
import { seriesPoints, type TimelinePoint } from './series';

/** True when two or more analysts scored at least one of the signals: a team, not one analyst. */
export function hasTeam(signals: readonly Signal[]): boolean {
  for (const s of signals) if (s.scores && s.scores.length >= 2) return true;
  return false;
}

/**
 * One line's band: the lowest and the highest analyst's score of each signal,
 * as two series of points (decimated as the line is, see seriesPoints). A
 * signal one analyst scored has a band of its own score alone, so the band
 * narrows to the line there instead of breaking.
 */
export function teamBand(
  signals: readonly Signal[],
  key: 'intended' | 'perceived',
  range?: { from: CalendarDate; until: CalendarDate } | null,
): { low: TimelinePoint[]; high: TimelinePoint[] } {
  const n = signals.length;
  const low = new Float64Array(n);
  const high = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = signals[i];
    const r = rangeOf(s, key);
    low[i] = r ? r.low : s[key];
    high[i] = r ? r.high : s[key];
  }
  return { low: seriesPoints(signals, low, range), high: seriesPoints(signals, high, range) };
}

/**
 * Each analyst's scores of a signal, one line each, by name:
 * `Anna: intended 40, displayed 60, perceived 20 (high)`. Empty for a signal one
 * analyst or none scored: its line says it all.
 */
export function analystLines(signal: Signal, analystName: (id: string) => string): string[] {
  const scores = signal.scores ?? [];
  if (scores.length < 2) return [];
  return scores
    .map((s) => {
      const displayed = s.displayed === null ? '' : `, displayed ${s.displayed}`;
      return `${analystName(s.analystId)}: intended ${s.intended}${displayed}, perceived ${s.perceived} (${s.confidence})`;
    })
    .sort((a, b) => a.localeCompare(b));
}
