/**
 * The charts under the resolve timeline: the rolling gap and the mixed-message
 * index, each one measure per signal on the timeline's span of dates, its line
 * broken where the timeline's lines break.
 */
import type { ChartConfiguration } from 'chart.js';
import { dateToTime, formatDate } from '../domain/dates';
import { countOf, formatSigned } from '../domain/format';
import { mixedMessageSign } from '../domain/series';
import type { CalendarDate, Signal } from '../domain/types';
import type { Columns } from '../domain/window';
import type { MarkLevel } from './marks';
import { COLORS, FAST_CHART, TIME_AXIS } from './palette';
import { DENSE, seriesPoints, type TimelinePoint } from './series';
import { breakAfter, fitValueAxis, type Crossing } from './timeline';

/** What a chart under the timeline draws: one measure per signal, on the timeline's dates. */
export interface PanelInput {
  signals: readonly Signal[];
  values: ArrayLike<number | null>;
  windowDays: number;
  range?: { from: CalendarDate; until: CalendarDate } | null;
  /** The crossings the timeline shows, in date order: its axis reaches them, so this one does too. */
  crossings?: readonly Crossing[];
  /** The dyad's columns (its series'), so a long series is not read afresh. */
  columns?: Readonly<Columns>;
}

/** What the Dashboard hands each chart under the timeline, besides its own measure. */
export interface PanelProps {
  signals: readonly Signal[];
  windowDays: number;
  /** The zoomed range, as the URL writes it. */
  zoom: string;
  /** The crossings the timeline above shows, so that both axes span the same dates. */
  crossings?: readonly Crossing[];
  /** `Sender → Receiver`, and the active filters in words, for the exported image. */
  dyadName?: string;
  filters?: readonly string[];
  /** The dyad's columns (its series'), so a long series is not read afresh at each draw. */
  columns?: Readonly<Columns>;
}

/** A chart under the timeline: one line on the timeline's span of dates, broken where the timeline's lines break. */
function panelConfig(
  input: PanelInput,
  look: {
    label: string;
    color: string;
    /** The area between the line and zero: one colour, or one above zero and one below. */
    fill: string | { above: string; below: string };
    axis: {
      title: string;
      min?: number;
      suggestedMin: number;
      suggestedMax: number;
      step?: number;
      tick?: (v: number) => string;
    };
    levels?: MarkLevel[];
    tooltip: (value: number) => string;
  },
): ChartConfiguration<'line', TimelinePoint[]> {
  const { signals } = input;
  const points = seriesPoints(signals, input.values, input.range, input.columns);
  const dense = signals.length > DENSE;
  const first = signals[0];
  const last = signals[signals.length - 1];
  // The timeline's axis reaches its crossings too (see its suggestedMin).
  const crossings = input.crossings ?? [];
  const dates = [first?.date, last?.date, crossings[0]?.date, crossings[crossings.length - 1]?.date]
    .filter((d): d is CalendarDate => d !== undefined)
    .sort();
  const xMin = input.range ? dateToTime(input.range.from) : dates.length ? dateToTime(dates[0]) : undefined;
  const xMax = input.range
    ? dateToTime(input.range.until) + 86_399_999
    : dates.length
      ? dateToTime(dates[dates.length - 1])
      : undefined;
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: look.label,
          data: points,
          borderColor: look.color,
          backgroundColor: typeof look.fill === 'string' ? look.fill : look.color,
          borderWidth: 1.5,
          pointRadius: dense ? 0 : 2.5,
          fill: typeof look.fill === 'string' ? 'origin' : { target: 'origin', ...look.fill },
        },
      ],
    },
    options: {
      ...FAST_CHART,
      spanGaps: breakAfter(input.windowDays),
      scales: {
        x: {
          type: 'time',
          time: TIME_AXIS,
          // The timeline's span, so the charts line up date for date.
          min: xMin,
          max: xMax,
          grid: { color: COLORS.grid },
          // The first tick of each year says the year.
          ticks: { maxRotation: 0, autoSkipPadding: 12, major: { enabled: true } },
        },
        y: {
          // The timeline's width, so that the charts line up date for date.
          afterFit: fitValueAxis,
          min: look.axis.min,
          suggestedMin: look.axis.suggestedMin,
          suggestedMax: look.axis.suggestedMax,
          title: { display: true, text: look.axis.title },
          grid: { color: COLORS.grid },
          ticks: {
            stepSize: look.axis.step,
            callback: look.axis.tick ? (value) => look.axis.tick!(Number(value)) : undefined,
          },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => {
              const s = (items[0]?.raw as TimelinePoint | undefined)?.signal;
              return s ? `${formatDate(s.date)} · ${s.title}` : '';
            },
            label: (item) => look.tooltip(item.parsed.y as number),
          },
        },
        marks: { levels: look.levels ?? [] },
      },
    },
  };
}

/** `+25`, `-25`, `0`: a signed tick. */
function signedTick(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

/**
 * The rolling gap over time, in a chart of its own under the timeline (on the
 * resolve axis its scale meant nothing), with the alert thresholds marked.
 */
export function gapPanelConfig(
  input: PanelInput & { alertThreshold: number },
): ChartConfiguration<'line', TimelinePoint[]> {
  const t = input.alertThreshold;
  return panelConfig(input, {
    label: `Rolling gap, ${input.windowDays} days`,
    color: COLORS.rolling,
    // Red where the receiver underestimates the sender, violet where it overestimates, as on the timeline.
    fill: { below: COLORS.underestimated, above: COLORS.overestimated },
    axis: { title: 'Rolling gap', suggestedMin: -t - 10, suggestedMax: t + 10, step: 25, tick: signedTick },
    levels: [
      {
        at: -t,
        color: COLORS.underText,
        label: `deterrence-failure risk (≤ -${t})`,
        backdrop: COLORS.background,
      },
      { at: t, color: COLORS.overText, label: `spiral risk (≥ +${t})`, backdrop: COLORS.background },
    ],
    tooltip: (value) => `Rolling gap: ${formatSigned(value)}`,
  });
}

/**
 * The mixed-message index over time: words against deeds on displayed resolve
 * in the trailing window (PRODUCT.md §3), drawn only where it can be said; each
 * side of zero says in words what it means, and so does the tooltip.
 */
export function mixedMessageConfig(
  input: Omit<PanelInput, 'values'> & { index: readonly (number | null)[] },
): ChartConfiguration<'line', TimelinePoint[]> {
  return panelConfig(
    { ...input, values: input.index },
    {
      label: `Mixed-message index (words minus deeds, displayed resolve, ${input.windowDays} days)`,
      color: COLORS.mixed,
      fill: COLORS.mixedFill,
      axis: { title: 'Words − deeds', suggestedMin: -25, suggestedMax: 25, tick: signedTick },
      levels: [
        {
          at: 0,
          color: COLORS.mixed,
          label: '↑ talks tougher than it acts',
          side: 'above',
          backdrop: COLORS.background,
        },
        {
          at: 0,
          color: COLORS.mixed,
          label: '↓ acts tougher than it talks',
          side: 'below',
          backdrop: COLORS.background,
        },
      ],
      tooltip: (value) => `Mixed-message index: ${formatSigned(value)}, ${mixedMessageSign(value)}`,
    },
  );
}

/**
 * The heading of a chart under the timeline as an exported image: the dyad, the
 * dates and signals drawn, the filters, and what the chart shows.
 */
export function panelHeading(input: {
  title: string;
  dyadName: string;
  signals: readonly Signal[];
  range: { from: CalendarDate; until: CalendarDate } | null;
  filters: readonly string[];
  about: string;
}): { title: string; lines: string[] } {
  const { signals, range, filters } = input;
  const lines = [input.dyadName];
  if (signals.length) {
    const from = range?.from ?? signals[0].date;
    const until = range?.until ?? signals[signals.length - 1].date;
    lines.push(
      `${formatDate(from)} – ${formatDate(until)}${range ? ' (zoomed)' : ''} · ${countOf(signals.length, 'signal')}`,
    );
  }
  lines.push(filters.length ? `Filters: ${filters.join('; ')}` : 'No filters: every signal of the dyad');
  lines.push(input.about);
  return { title: input.title, lines };
}
