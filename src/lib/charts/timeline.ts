import type { ChartConfiguration, ChartEvent, ActiveElement, Chart, TooltipItem } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import { dateToLocalTime, formatDate } from '../domain/dates';
import { formatGap, gapOf, readingOf } from '../domain/gap';
import { formatSigned } from '../domain/format';
import { describeScore } from '../domain/ladder';
import type { AlertKind, DyadAnalysis } from '../domain/analytics';
import type { CalendarDate, Signal } from '../domain/types';
import { COLORS } from './palette';

/** A plotted point; `i` is the signal's index in the dyad's ordered list. */
export interface TimelinePoint {
  x: number;
  y: number;
  i: number;
}

export interface Crossing {
  date: CalendarDate;
  label: string;
}

export interface TimelineInput {
  signals: readonly Signal[];
  senderName: string;
  receiverName: string;
  tau: number;
  crossings: readonly Crossing[];
  /** Per-signal measures; when given, the rolling gap is drawn and alert periods shaded. */
  analysis?: Pick<DyadAnalysis, 'rollingGap' | 'alert'>;
  windowDays?: number;
  /** The visible dates; all of them when absent. */
  range?: { from: CalendarDate; until: CalendarDate } | null;
  onOpen?: (signal: Signal) => void;
}

/** A stretch of consecutive signals under the same alert. */
export interface AlertPeriod {
  kind: AlertKind;
  from: CalendarDate;
  to: CalendarDate;
}

/** Past this many periods the shading would be noise; the rolling-gap line still shows them. */
const MAX_PERIODS = 40;

/** Runs of consecutive signals under one alert, in one pass. */
export function alertPeriods(
  signals: readonly Signal[],
  alerts: readonly (AlertKind | null)[],
): AlertPeriod[] {
  const periods: AlertPeriod[] = [];
  let open: AlertPeriod | null = null;
  for (let i = 0; i < signals.length; i++) {
    const kind = alerts[i] ?? null;
    if (open && open.kind === kind) {
      open.to = signals[i].date;
      continue;
    }
    if (open) periods.push(open);
    open = kind ? { kind, from: signals[i].date, to: signals[i].date } : null;
  }
  if (open) periods.push(open);
  return periods;
}

/** Past this many points a series is drawn as a line without dots, decimated. */
export const DENSE = 400;

export function timelineSeries(signals: readonly Signal[]): {
  intended: TimelinePoint[];
  perceived: TimelinePoint[];
} {
  const n = signals.length;
  const intended = new Array<TimelinePoint>(n);
  const perceived = new Array<TimelinePoint>(n);
  let lastDate = '';
  let lastX = 0;
  for (let i = 0; i < n; i++) {
    const s = signals[i];
    // Dates repeat a lot in long series: convert each distinct date once.
    if (s.date !== lastDate) {
      lastDate = s.date;
      lastX = dateToLocalTime(s.date);
    }
    intended[i] = { x: lastX, y: s.intended, i };
    perceived[i] = { x: lastX, y: s.perceived, i };
  }
  return { intended, perceived };
}

/** The config of the resolve timeline: intended and perceived over time, the gap between them shaded. */
export function timelineConfig(input: TimelineInput): ChartConfiguration<'line', TimelinePoint[]> {
  const { signals, tau } = input;
  const { intended, perceived } = timelineSeries(signals);
  const dense = signals.length > DENSE;
  const pointRadius = dense ? 0 : 4;

  const annotations: Record<string, AnnotationOptions> = {};
  const periods = input.analysis ? alertPeriods(signals, input.analysis.alert) : [];
  if (periods.length <= MAX_PERIODS) {
    periods.forEach((period, k) => {
      const under = period.kind === 'deterrence-failure risk';
      annotations[`risk${k}`] = {
        type: 'box',
        xMin: dateToLocalTime(period.from),
        xMax: dateToLocalTime(period.to),
        backgroundColor: under ? 'rgba(220, 38, 38, 0.07)' : 'rgba(124, 58, 237, 0.07)',
        borderWidth: 0,
        drawTime: 'beforeDatasetsDraw',
        label: {
          display: true,
          content: under ? 'deterrence-failure risk' : 'spiral risk',
          position: { x: 'start', y: 'start' },
          color: under ? '#991b1b' : '#5b21b6',
          font: { size: 10, weight: 'bold' },
          padding: 3,
        },
      };
    });
  }
  input.crossings.forEach((crossing, k) => {
    const x = dateToLocalTime(crossing.date);
    annotations[`redline${k}`] = {
      type: 'line',
      xMin: x,
      xMax: x,
      borderColor: COLORS.redLine,
      borderWidth: 2,
      borderDash: [6, 4],
      label: {
        display: true,
        content: [`Red line crossed ${formatDate(crossing.date)}`, shorten(crossing.label, 38)],
        // Staggered, so labels of crossings days apart do not sit on each other.
        position: 'start',
        // Stacked, so the labels of crossings days apart do not cover each other.
        yAdjust: -(k % 3) * 34,
        backgroundColor: 'rgba(185, 28, 28, 0.92)',
        color: '#fff',
        font: { size: 10, weight: 'bold' },
        padding: 4,
        z: 10,
      },
    };
  });

  const datasets: ChartConfiguration<'line', TimelinePoint[]>['data']['datasets'] = [];

  const signalAt = (item: TooltipItem<'line'>) => signals[(item.raw as TimelinePoint).i];

  datasets.push(
    {
      label: `Intended (${input.senderName})`,
      data: intended,
      borderColor: COLORS.intended,
      backgroundColor: COLORS.intended,
      borderWidth: 2,
      pointRadius,
      pointHoverRadius: 6,
      stepped: false,
      fill: false,
    },
    {
      label: `Perceived (by ${input.receiverName})`,
      data: perceived,
      borderColor: COLORS.perceived,
      backgroundColor: COLORS.perceived,
      borderWidth: 2,
      borderDash: [5, 3],
      pointStyle: 'rectRot',
      pointRadius: dense ? 0 : 5,
      pointHoverRadius: 7,
      // The area between the two lines: below intended the receiver
      // underestimates the sender; above, it overestimates.
      fill: { target: 0, below: COLORS.underestimated, above: COLORS.overestimated },
    },
  );
  if (input.analysis) {
    const rolling = input.analysis.rollingGap;
    const points = new Array<TimelinePoint>(signals.length);
    for (let i = 0; i < signals.length; i++) points[i] = { x: intended[i].x, y: rolling[i], i };
    datasets.push({
      label: `Rolling gap, ${input.windowDays ?? 90} days (right axis)`,
      data: points,
      yAxisID: 'gap',
      borderColor: COLORS.rolling,
      backgroundColor: COLORS.rolling,
      borderWidth: 1.5,
      pointRadius: 0,
      pointHoverRadius: 4,
      fill: false,
    });
  }

  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      normalized: true,
      spanGaps: true,
      // One signal's three values together; decimated series pick points
      // per dataset, so there the nearest point alone is shown.
      interaction: { mode: dense ? 'nearest' : 'index', intersect: false, axis: 'x' },
      scales: {
        x: {
          type: 'time',
          time: { minUnit: 'day', tooltipFormat: 'd MMM yyyy' },
          // The end of the last day is included, so a signal on `until` shows.
          min: input.range ? dateToLocalTime(input.range.from) : undefined,
          max: input.range ? dateToLocalTime(input.range.until) + 86_399_999 : undefined,
          grid: { color: COLORS.grid },
          ticks: { maxRotation: 0, autoSkipPadding: 12 },
        },
        y: {
          min: 0,
          max: 100,
          ticks: { stepSize: 20, callback: (value) => rungLabel(Number(value)) },
          grid: { color: COLORS.grid },
          title: { display: true, text: 'Resolve (ladder)' },
        },
        gap: {
          display: !!input.analysis,
          position: 'right',
          suggestedMin: -50,
          suggestedMax: 50,
          grid: { drawOnChartArea: false },
          ticks: { callback: (value) => (Number(value) > 0 ? `+${value}` : String(value)) },
          title: { display: true, text: 'Rolling gap' },
        },
      },
      plugins: {
        decimation: { enabled: dense, algorithm: 'lttb', samples: 1000 },
        legend: { position: 'top', labels: { usePointStyle: true, boxHeight: 8 } },
        tooltip: {
          callbacks: {
            title: (items) => {
              const s = items.length ? signalAt(items[0]) : undefined;
              return s ? `${formatDate(s.date)} · ${s.title}` : '';
            },
            label: (item) => {
              const s = signalAt(item);
              if (!s) return '';
              if (item.datasetIndex === 0) return `Intended: ${describeScore(s.intended)}`;
              if (item.datasetIndex === 1) return `Perceived: ${describeScore(s.perceived)}`;
              return `Rolling gap: ${formatSigned(item.parsed.y)}`;
            },
            footer: (items) => {
              const s = items.length ? signalAt(items[0]) : undefined;
              if (!s) return '';
              const gap = gapOf(s);
              return `Gap ${formatGap(gap)} (${readingOf(gap, tau)})`;
            },
          },
        },
        annotation: { annotations },
      },
      onClick: (_event: ChartEvent, elements: ActiveElement[], chart: Chart) => {
        const hit =
          elements[0] ??
          chart.getElementsAtEventForMode(
            _event as unknown as Event,
            'nearest',
            { intersect: true },
            false,
          )[0];
        if (!hit || !input.onOpen) return;
        // The element index counts the points drawn: when decimation is on, the
        // dataset's `data` reads back as the decimated points, which are our own
        // objects, so `i` still leads to the signal.
        const point = chart.data.datasets[hit.datasetIndex]?.data[hit.index] as TimelinePoint | undefined;
        const signal = point ? signals[point.i] : undefined;
        if (signal) input.onOpen(signal);
      },
    },
  };
}

const RUNG_NAMES: Record<number, string> = {
  0: '0 none',
  20: '20 words',
  40: '40 coercion',
  60: '60 force shown',
  80: '80 limited force',
  100: '100 war',
};

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function rungLabel(value: number): string {
  return RUNG_NAMES[value] ?? String(value);
}

/**
 * The mixed-message index over time: the spread of perceived resolve in the
 * trailing window, drawn only where the window holds enough signals.
 */
export function mixedMessageConfig(input: {
  signals: readonly Signal[];
  index: readonly (number | null)[];
  windowDays: number;
  range?: { from: CalendarDate; until: CalendarDate } | null;
}): ChartConfiguration<'line', TimelinePoint[]> {
  const { signals, index } = input;
  const points: TimelinePoint[] = [];
  let lastDate = '';
  let lastX = 0;
  for (let i = 0; i < signals.length; i++) {
    const value = index[i];
    if (value === null || value === undefined) continue;
    if (signals[i].date !== lastDate) {
      lastDate = signals[i].date;
      lastX = dateToLocalTime(lastDate);
    }
    points.push({ x: lastX, y: value, i });
  }
  const dense = points.length > DENSE;
  const first = signals[0];
  const last = signals[signals.length - 1];
  const xMin = input.range ? dateToLocalTime(input.range.from) : first && dateToLocalTime(first.date);
  const xMax = input.range
    ? dateToLocalTime(input.range.until) + 86_399_999
    : last && dateToLocalTime(last.date);
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: `Mixed-message index (spread of perceived resolve, ${input.windowDays} days)`,
          data: points,
          borderColor: '#7c3aed',
          backgroundColor: 'rgba(124, 58, 237, 0.12)',
          borderWidth: 1.5,
          pointRadius: dense ? 0 : 2.5,
          fill: 'origin',
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      normalized: true,
      scales: {
        x: {
          type: 'time',
          time: { minUnit: 'day', tooltipFormat: 'd MMM yyyy' },
          // The timeline's span, so the two charts line up date for date.
          min: xMin,
          max: xMax,
          grid: { color: COLORS.grid },
          ticks: { maxRotation: 0, autoSkipPadding: 12 },
        },
        y: {
          min: 0,
          suggestedMax: 25,
          title: { display: true, text: 'Spread' },
          grid: { color: COLORS.grid },
        },
      },
      plugins: {
        decimation: { enabled: dense, algorithm: 'lttb', samples: 800 },
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const s = items.length ? signals[(items[0].raw as TimelinePoint).i] : undefined;
              return s ? `${formatDate(s.date)} · ${s.title}` : '';
            },
            label: (item) => `Mixed-message index: ${formatSigned(item.parsed.y).replace('+', '')}`,
          },
        },
      },
    },
  };
}
