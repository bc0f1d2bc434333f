import type { ChartDataset } from 'chart.js';
import { dateToTime } from '../domain/dates';
import type { WirePoint } from '../domain/events/wire';

export const WIRE_LABEL = "Wire's view (events' crosswalked resolve, mean a day)";

/**
 * The wire's view on the timeline: a thin dotted line on the resolve axis,
 * one point a day, drawn after the analyst's own lines and never taking the
 * pointer from them (no hit radius: the tooltip and a click stay theirs).
 */
export function wireDataset(
  points: readonly WirePoint[],
  color: string,
): ChartDataset<'line', { x: number; y: number }[]> {
  return {
    label: WIRE_LABEL,
    data: points.map((p) => ({ x: dateToTime(p.date), y: p.resolve })),
    yAxisID: 'y',
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1,
    borderDash: [2, 3],
    pointRadius: 0,
    pointHoverRadius: 0,
    pointHitRadius: 0,
    fill: false,
  };
}
