import type { ChartConfiguration, ChartEvent, ActiveElement, Chart, TooltipItem } from 'chart.js';
import { dateToTime, dayNumberToDate, formatDate } from '../domain/dates';
import { formatGap, gapOf, readingOf } from '../domain/gap';
import { formatNumber, formatSigned } from '../domain/format';
import { describeScore } from '../domain/ladder';
import type { DyadAnalysis } from '../domain/series';
import type { AlertKind } from '../domain/window';
import { DEFAULT_SETTINGS, type CalendarDate, type Signal } from '../domain/types';
import { endsDrag } from './press';
import { analystLines, hasTeam, teamBand } from './team';
import { LABEL_ROWS, labelBand, type MarkLine, type MarkSpan } from './marks';
import type { KeyOptions } from './key';
import { COLORS, FAST_CHART, TIME_AXIS } from './palette';
import {
  DENSE,
  groupSeries,
  seriesPoints,
  type GroupBy,
  type GroupPoint,
  type TimelinePoint,
} from './series';

export { DENSE, type GroupBy, type GroupPoint, type TimelinePoint };

/** A crossing of a red line, numbered: `code` (R1, R2, …) names its red line on the chart and in the list. */
export interface Crossing {
  /** The crossing signal's id. */
  id: string;
  date: CalendarDate;
  code: string;
  /** The red line's text. */
  text: string;
  /** The crossing signal's title. */
  title: string;
}

/**
 * Numbers the red lines crossed, R1 for the first crossed, in date order (a
 * line crossed twice keeps its number); the crossings come back in date order.
 */
export function numberCrossings(
  list: readonly { id: string; date: CalendarDate; redLineId: string; text: string; title: string }[],
): Crossing[] {
  const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const codes = new Map<string, string>();
  return sorted.map((c) => {
    let code = codes.get(c.redLineId);
    if (!code) {
      code = `R${codes.size + 1}`;
      codes.set(c.redLineId, code);
    }
    return { id: c.id, date: c.date, code, text: c.text, title: c.title };
  });
}

/** The crossings as the marks plugin draws them: a short label, and the full text for its hover panel. */
export function crossingMarks(crossings: readonly Crossing[]): MarkLine[] {
  return crossings.map((c) => ({
    at: dateToTime(c.date),
    short: `${c.code} · ${formatDate(c.date)}`,
    full: [`${c.code} crossed ${formatDate(c.date)}: ${shorten(c.title, 70)}`, `“${shorten(c.text, 80)}”`],
  }));
}

export interface TimelineInput {
  signals: readonly Signal[];
  senderName: string;
  receiverName: string;
  tau: number;
  crossings: readonly Crossing[];
  /** Draw the crossings (the analyst may hide them). */
  showCrossings?: boolean;
  /** Per-signal measures; when given, alert periods are shaded and the tooltip gives the rolling gap (drawn under the timeline: gapPanelConfig). */
  analysis?: Pick<DyadAnalysis, 'rollingGap' | 'alert'> & { series?: DyadAnalysis['series'] };
  windowDays?: number;
  /** The visible dates; all of them when absent. */
  range?: { from: CalendarDate; until: CalendarDate } | null;
  /** One point per signal, or per week or month (see autoGroup). */
  group?: GroupBy;
  /** A click on a signal's point. */
  onOpen?: (signal: Signal) => void;
  /** A click on a week's or month's point: its first and last day. */
  onPeriod?: (from: CalendarDate, until: CalendarDate) => void;
  /** An analyst's name, for the tooltip's list of each analyst's scores. */
  analystName?: (id: string) => string;
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

type Point = TimelinePoint | GroupPoint;
type Dataset = ChartConfiguration<'line', Point[]>['data']['datasets'][number];

/** `Week of 6 Jan 2020`, `Jan 2020`: the period that starts on day `from`. */
function periodName(by: 'week' | 'month', from: number): string {
  const first = formatDate(dayNumberToDate(from));
  return by === 'week' ? `Week of ${first}` : first.replace(/^\d+ /, '');
}

/** `40–80`, or `50` when the smallest and largest value are one. */
function spread(min: number, max: number): string {
  return min === max ? `${formatNumber(min, 1)}` : `${formatNumber(min, 1)}–${formatNumber(max, 1)}`;
}

/** The config of the resolve timeline: intended and perceived over time, the gap between them shaded. */
export function timelineConfig(input: TimelineInput): ChartConfiguration<'line', Point[]> {
  const { signals, tau } = input;
  // The dyad's columns, kept by the state that owns its list: no O(n) rebuild per draw.
  const columns = input.analysis?.series?.columns;
  const group = input.group ?? 'signal';
  const grouped =
    group === 'signal' ? null : groupSeries(signals, group, input.analysis?.rollingGap, input.range, columns);
  const dense = signals.length > DENSE;
  const pointRadius = grouped ? (grouped.counts.length > 120 ? 0 : 2.5) : dense ? 0 : 4;
  const showCrossings = (input.showCrossings ?? true) && input.crossings.length > 0;

  const spans: MarkSpan[] = [];
  const periods = input.analysis ? alertPeriods(signals, input.analysis.alert) : [];
  if (periods.length <= MAX_PERIODS) {
    for (const period of periods) {
      const under = period.kind === 'deterrence-failure risk';
      spans.push({
        from: dateToTime(period.from),
        to: dateToTime(period.to),
        color: under ? COLORS.underSpan : COLORS.overSpan,
        label: under ? 'deterrence-failure risk' : 'spiral risk',
        labelColor: under ? COLORS.underText : COLORS.overText,
      });
    }
  }
  const lines = showCrossings ? crossingMarks(input.crossings) : [];

  const intendedLabel = `Intended (${input.senderName})`;
  const perceivedLabel = `Perceived (by ${input.receiverName})`;
  const datasets: Dataset[] = [
    {
      label: intendedLabel,
      data: grouped ? grouped.intended : seriesPoints(signals, 'intended', input.range, columns),
      borderColor: COLORS.intended,
      backgroundColor: COLORS.intended,
      borderWidth: 2,
      pointRadius,
      pointHoverRadius: 6,
      pointHitRadius: 4,
      fill: false,
    },
    {
      label: perceivedLabel,
      data: grouped ? grouped.perceived : seriesPoints(signals, 'perceived', input.range, columns),
      borderColor: COLORS.perceived,
      backgroundColor: COLORS.perceived,
      borderWidth: 2,
      borderDash: [5, 3],
      pointStyle: 'rectRot',
      pointRadius: pointRadius && pointRadius + 1,
      pointHoverRadius: 7,
      pointHitRadius: 4,
      // The area between the two lines: below intended the receiver
      // underestimates the sender; above, it overestimates.
      fill: { target: 0, below: COLORS.underestimated, above: COLORS.overestimated },
    },
  ];
  const series = datasets.length;
  // A band: a borderless line along its lower edge, and one along its upper
  // edge filled down to it. Never in the legend or the tooltip (see `series`).
  const pushBand = (low: Point[], high: Point[], color: string, labels: readonly [string, string]) => {
    const common = {
      borderWidth: 0,
      pointRadius: 0,
      pointHoverRadius: 0,
      pointHitRadius: 0,
      borderColor: color,
    };
    datasets.push(
      { ...common, label: labels[0], data: low, fill: false },
      { ...common, label: labels[1], data: high, fill: '-1', backgroundColor: color },
    );
  };
  if (grouped) {
    // Each grouped line's band, from the period's smallest value to its largest.
    const edge = (points: GroupPoint[], key: 'min' | 'max') => points.map((p) => ({ ...p, y: p[key] }));
    for (const [points, color] of [
      [grouped.intended, COLORS.intendedBand],
      [grouped.perceived, COLORS.perceivedBand],
    ] as const) {
      pushBand(edge(points, 'min'), edge(points, 'max'), color, ['smallest', 'largest']);
    }
  } else if (hasTeam(signals)) {
    // The team's spread: each signal's lowest to highest analyst's score,
    // drawn the way a week's range is drawn around its mean.
    for (const [key, color] of [
      ['intended', COLORS.intendedBand],
      ['perceived', COLORS.perceivedBand],
    ] as const) {
      const { low, high } = teamBand(signals, key, input.range);
      pushBand(low, high, color, ['lowest analyst', 'highest analyst']);
    }
  }

  const rolling = input.analysis?.rollingGap;
  const tooltipLines = (item: TooltipItem<'line'>): { title: string; lines: string[]; footer: string } => {
    if (grouped && group !== 'signal') {
      const k = item.dataIndex;
      const a = grouped.intended[k];
      const b = grouped.perceived[k];
      const r = grouped.rolling[k];
      const n = grouped.counts[k];
      const lines = [
        `${intendedLabel}: mean ${formatNumber(a.y, 1)}, range ${spread(a.min, a.max)}`,
        `${perceivedLabel}: mean ${formatNumber(b.y, 1)}, range ${spread(b.min, b.max)}`,
      ];
      if (r && r.n) lines.push(`Rolling gap: mean ${formatSigned(r.y)}`);
      return {
        title: `${periodName(group, a.from)} · ${n} signal${n === 1 ? '' : 's'}`,
        lines,
        footer: `Gap of the means ${formatGap(Math.round(b.y - a.y))}`,
      };
    }
    const point = item.raw as TimelinePoint | undefined;
    const s = point?.signal;
    if (!s || !point) return { title: '', lines: [], footer: '' };
    const lines = [`Intended: ${describeScore(s.intended)}`, `Perceived: ${describeScore(s.perceived)}`];
    const r = rolling?.[point.i];
    // NaN: the window holds under 3 signals, too few to say (formatSigned writes –).
    if (rolling && r !== undefined) lines.push(`Rolling gap: ${formatSigned(r)}`);
    if (input.analystName) lines.push(...analystLines(s, input.analystName));
    const gap = gapOf(s);
    return {
      title: `${formatDate(s.date)} · ${s.title}`,
      lines,
      footer: `Gap ${formatGap(gap)} (${readingOf(gap, tau)})`,
    };
  };

  return {
    type: 'line',
    data: { datasets },
    options: {
      ...FAST_CHART,
      spanGaps: breakAfter(input.windowDays),
      layout: {
        padding: { bottom: labelBand(showCrossings ? Math.min(LABEL_ROWS, input.crossings.length) : 0) },
      },
      // The point nearest the pointer along the time axis; the tooltip shows
      // every series at its date (decimated series pick points per dataset,
      // so the values come from the point's own signal or period).
      interaction: { mode: 'nearest', intersect: false, axis: 'x' },
      scales: {
        x: {
          type: 'time',
          time: TIME_AXIS,
          // The end of the last day is included, so a signal on `until` shows.
          min: input.range ? dateToTime(input.range.from) : undefined,
          max: input.range ? dateToTime(input.range.until) + 86_399_999 : undefined,
          // Unzoomed, the axis reaches every crossing shown, even one past the dyad's signals.
          suggestedMin: lines.length ? lines[0].at : undefined,
          suggestedMax: lines.length ? lines[lines.length - 1].at : undefined,
          grid: { color: COLORS.grid },
          // The first tick of each year says the year.
          ticks: { maxRotation: 0, autoSkipPadding: 12, major: { enabled: true } },
        },
        y: {
          afterFit: fitValueAxis,
          min: 0,
          max: 100,
          ticks: { stepSize: 20, callback: (value) => rungLabel(Number(value)) },
          grid: { color: COLORS.grid },
          title: { display: true, text: 'Resolve (ladder)' },
        },
      },
      plugins: {
        // The lines keyed; the bands after them are shown by their line's colour.
        key: { display: true, count: series } satisfies Partial<KeyOptions>,
        tooltip: {
          displayColors: false,
          // One point stands for its date: the first of the lines found there.
          filter: (item, index) => index === 0 && item.datasetIndex < series,
          callbacks: {
            title: (items) => (items.length ? tooltipLines(items[0]).title : ''),
            label: (item) => tooltipLines(item).lines,
            footer: (items) => (items.length ? tooltipLines(items[0]).footer : ''),
          },
        },
        marks: {
          spans,
          lines,
          // A click on a cluster zooms to its crossings, a week either side, where they part.
          onCluster: (members: number[]) => {
            const days = members.map((i) => Math.floor(lines[i].at / 86_400_000));
            input.onPeriod?.(dayNumberToDate(Math.min(...days) - 7), dayNumberToDate(Math.max(...days) + 7));
          },
          colors: {
            line: COLORS.redLine,
            label: COLORS.redLine,
            labelText: COLORS.redLineText,
            panel: COLORS.panel,
            panelText: COLORS.panelText,
            panelBorder: COLORS.panelBorder,
          },
        },
      },
      onClick: (event: ChartEvent, _elements: ActiveElement[], chart: Chart) => {
        if (endsDrag(chart.canvas, event.native)) return;
        // Only a point under the pointer counts: a click on empty plot space
        // opens nothing (the hover mode finds the nearest point at any distance).
        const hit = chart
          .getElementsAtEventForMode(event as unknown as Event, 'nearest', { intersect: true }, false)
          .find((element) => element.datasetIndex < series);
        if (!hit) return;
        const point = chart.data.datasets[hit.datasetIndex]?.data[hit.index] as Point | undefined;
        if (!point) return;
        if ('signal' in point) input.onOpen?.(point.signal);
        else input.onPeriod?.(dayNumberToDate(point.from), dayNumberToDate(point.until - 1));
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
 * The width of the resolve axis and of the value axis of every chart under the
 * timeline: with equal widths, one date sits at one x on all of them, so an
 * analyst reads a rise in the rolling gap straight down from its signals. The
 * ladder's longest rung label (`80 limited force`) with the axis title takes
 * about 131 pixels in the default font; an axis that needs more keeps what it
 * needs rather than clip its labels.
 */
export const VALUE_AXIS_WIDTH = 136;

/** Widens a value axis to VALUE_AXIS_WIDTH (Chart.js's afterFit hook). */
export function fitValueAxis(scale: { width: number }): void {
  scale.width = Math.max(scale.width, VALUE_AXIS_WIDTH);
}

/**
 * A line breaks where two of its points lie further apart than the window W
 * (in the axis's milliseconds): across a stretch with no signal longer than the
 * window, the line would join values that share nothing, as May 2018 to May 2019.
 */
export function breakAfter(windowDays: number | undefined): number {
  return (windowDays ?? DEFAULT_SETTINGS.windowDays) * 86_400_000;
}
