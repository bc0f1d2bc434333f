import { Chart } from './register';
import { dayNumberToDate, isCalendarDate } from '../domain/dates';
import type { CalendarDate } from '../domain/types';

export interface DateRange {
  from: CalendarDate;
  until: CalendarDate;
}

/** `2019-06-01~2019-12-31` → the range; anything else → null. */
export function parseZoom(text: string): DateRange | null {
  const [from = '', until = '', ...rest] = text.split('~');
  if (rest.length || !isCalendarDate(from) || !isCalendarDate(until) || from > until) return null;
  return { from, until };
}

export function formatZoom(range: DateRange): string {
  return `${range.from}~${range.until}`;
}

let loading: Promise<void> | null = null;

/** Loads and registers chartjs-plugin-zoom once, on first use. */
export function loadZoom(): Promise<void> {
  loading ??= import('chartjs-plugin-zoom').then((zoom) => Chart.register(zoom.default));
  return loading;
}

/**
 * Zoom by wheel, pinch or dragging a box; pan with Shift held. Each finished
 * gesture reports the visible calendar dates, which the view keeps in the URL.
 */
export function zoomOptions(onzoom: (zoom: string) => void) {
  const report = ({ chart }: { chart: Chart }) => {
    const { min, max } = chart.scales.x;
    // The axis runs in UTC (./utc-time): a time's UTC day is its calendar date.
    const day = (time: number) => dayNumberToDate(Math.floor(time / 86_400_000));
    onzoom(formatZoom({ from: day(min), until: day(max) }));
  };
  return {
    zoom: {
      wheel: { enabled: true },
      pinch: { enabled: true },
      drag: { enabled: true, backgroundColor: 'rgba(29, 78, 216, 0.12)', threshold: 8 },
      mode: 'x' as const,
      onZoomComplete: report,
    },
    pan: { enabled: true, mode: 'x' as const, modifierKey: 'shift' as const, onPanComplete: report },
    limits: { x: { minRange: 7 * 86_400_000 } },
  };
}
