import type { ChartConfiguration, ChartEvent, ActiveElement, Chart, TooltipItem } from 'chart.js';
import { dateToTime, formatDate } from '../domain/dates';
import { formatGap, gapOf, readingOf } from '../domain/gap';
import { formatSigned } from '../domain/format';
import { describeScore } from '../domain/ladder';
import type { AlertKind, DyadAnalysis } from '../domain/analytics';
import type { CalendarDate, Signal } from '../domain/types';
import type { MarkLine, MarkSpan } from './marks';
import { COLORS, FAST_CHART, TIME_AXIS } from './palette';
import { DENSE, seriesPoints, type TimelinePoint } from './series';

export { DENSE, type TimelinePoint };

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

/** Runs of consecutive signals under one alert, in one pass over the alerts (a signal is read at each end only). */
export function alertPeriods(
  signals: readonly Signal[],
  alerts: readonly (AlertKind | null)[],
): AlertPeriod[] {
  const periods: AlertPeriod[] = [];
  let kind: AlertKind | null = null;
  let start = 0;
  for (let i = 0; i <= signals.length; i++) {
    const next = i < signals.length ? (alerts[i] ?? null) : null;
    if (next === kind) continue;
    if (kind) periods.push({ kind, from: signals[start].date, to: signals[i - 1].date });
    kind = next;
    start = i;
  }
  return periods;
}

/** The config of the resolve timeline: intended and perceived over time, the gap between them shaded. */
export function timelineConfig(input: TimelineInput): ChartConfiguration<'line', TimelinePoint[]> {
  const { signals, tau } = input;
  const intended = seriesPoints(signals, 'intended', input.range);
  const perceived = seriesPoints(signals, 'perceived', input.range);
  const dense = signals.length > DENSE;
  const pointRadius = dense ? 0 : 4;

  const spans: MarkSpan[] = [];
  const periods = input.analysis ? alertPeriods(signals, input.analysis.alert) : [];
  if (periods.length <= MAX_PERIODS) {
    for (const period of periods) {
      const under = period.kind === 'deterrence-failure risk';
      spans.push({
        from: dateToTime(period.from),
        to: dateToTime(period.to),
        color: under ? 'rgba(220, 38, 38, 0.07)' : 'rgba(124, 58, 237, 0.07)',
        label: under ? 'deterrence-failure risk' : 'spiral risk',
        labelColor: under ? '#991b1b' : '#5b21b6',
      });
    }
  }
  const lines: MarkLine[] = input.crossings.map((crossing, k) => ({
    at: dateToTime(crossing.date),
    color: COLORS.redLine,
    label: [`Red line crossed ${formatDate(crossing.date)}`, shorten(crossing.label, 38)],
    labelBackground: 'rgba(185, 28, 28, 0.92)',
    // Stacked, so the labels of crossings days apart do not cover each other.
    lift: (k % 3) * 34,
  }));

  const datasets: ChartConfiguration<'line', TimelinePoint[]>['data']['datasets'] = [];

  const signalAt = (item: TooltipItem<'line'>) => (item.raw as TimelinePoint | undefined)?.signal;

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
    const points = seriesPoints(signals, rolling, input.range);
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
      ...FAST_CHART,
      spanGaps: true,
      // One signal's three values together; decimated series pick points
      // per dataset, so there the nearest point alone is shown.
      interaction: { mode: dense ? 'nearest' : 'index', intersect: false, axis: 'x' },
      scales: {
        x: {
          type: 'time',
          time: TIME_AXIS,
          // The end of the last day is included, so a signal on `until` shows.
          min: input.range ? dateToTime(input.range.from) : undefined,
          max: input.range ? dateToTime(input.range.until) + 86_399_999 : undefined,
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
        marks: { spans, lines },
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
        // The element index counts the points drawn, which are the dataset's
        // data (decimated already for a long series): each leads to its signal.
        const point = chart.data.datasets[hit.datasetIndex]?.data[hit.index] as TimelinePoint | undefined;
        if (point?.signal) input.onOpen(point.signal);
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
  const points = seriesPoints(signals, index, input.range);
  const dense = signals.length > DENSE;
  const first = signals[0];
  const last = signals[signals.length - 1];
  const xMin = input.range ? dateToTime(input.range.from) : first && dateToTime(first.date);
  const xMax = input.range ? dateToTime(input.range.until) + 86_399_999 : last && dateToTime(last.date);
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
      ...FAST_CHART,
      scales: {
        x: {
          type: 'time',
          time: TIME_AXIS,
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
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const s = (items[0]?.raw as TimelinePoint | undefined)?.signal;
              return s ? `${formatDate(s.date)} · ${s.title}` : '';
            },
            label: (item) => `Mixed-message index: ${formatSigned(item.parsed.y).replace('+', '')}`,
          },
        },
      },
    },
  };
}
