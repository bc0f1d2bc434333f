/**
 * The Compare view's charts: the rolling gaps of several dyads on one time axis,
 * and the intended-versus-perceived scatter. Pure builders from series to
 * config; the attachment in `attach.svelte.ts` draws them.
 *
 * The scatter is a line chart on a linear x axis with its lines turned off, which
 * is all Chart.js's ScatterController is. Registering that controller, even from
 * this lazily loaded module, would put it in the first page's bundle: Chart.js is
 * one module, and the bundler keeps any export some chunk uses in the chunk that
 * holds the module, which is the first page's.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import { dateToTime, formatDate } from '../domain/dates';
import { isolate } from '../domain/bidi';
import { formatNumber, formatSigned } from '../domain/format';
import { formatGap, gapOf, readingOf } from '../domain/gap';
import { ACTOR_COLORS } from '../domain/palette';
import type { Reading, Signal } from '../domain/types';
import type { KeyOptions } from './key';
import { COLORS, FAST_CHART, TIME_AXIS } from './palette';
import { DENSE, SAMPLES, lttb } from './series';

// ---------------------------------------------------------------------------
// Telling dyads apart

/** Line dashes for dyads that share a colour (two dyads with one sender do). */
export const DASHES: readonly (readonly number[])[] = [[], [7, 4], [2, 3], [12, 4, 2, 4]];
export const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot'] as const;
export type PointStyle = (typeof POINT_STYLES)[number];

export interface SeriesStyle {
  color: string;
  dash: number[];
  pointStyle: PointStyle;
}

/**
 * A style for each of `count` dyads drawn together: a colour per dyad, not per
 * sender (two dyads of one sender must not look alike), from the actors' palette;
 * past its length, colours come round again with another dash and point shape.
 */
export function dyadStyles(count: number): SeriesStyle[] {
  return seriesStyles(Array.from({ length: count }, (_, k) => ACTOR_COLORS[k % ACTOR_COLORS.length]));
}

/**
 * A style per dyad: the given colour, and for the second, third… dyad of the
 * same colour a dashed line and another point shape, so no two look alike.
 */
export function seriesStyles(colors: readonly string[]): SeriesStyle[] {
  const seen = new Map<string, number>();
  return colors.map((color) => {
    const key = color.toLowerCase();
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return {
      color,
      dash: [...DASHES[k % DASHES.length]],
      pointStyle: POINT_STYLES[k % POINT_STYLES.length],
    };
  });
}

// ---------------------------------------------------------------------------
// Rolling gaps over time

/** A plotted point; `i` is the index in the dyad's ordered signals of the last signal that day. */
export interface SeriesPoint {
  x: number;
  y: number;
  i: number;
}

export interface RollingSeries {
  label: string;
  style: SeriesStyle;
  /** The dyad's signals in dyad order. */
  signals: readonly Signal[];
  /** `rollingGaps(signals).rollingGap`: one value per signal. */
  rollingGap: ArrayLike<number>;
}

export interface RollingInput {
  series: readonly RollingSeries[];
  alertThreshold: number;
  windowDays: number;
}

/** Up to this many points per series, every point is drawn as a dot. */
const DOTTED = 60;

/**
 * One point per date: every signal of a day shares that day's window, so they
 * share its rolling gap, and the last of them stands for the day. The x values
 * rise strictly, as decimation needs. A day whose window holds under 3 signals
 * (NaN) is too few to say and has no point.
 */
export function rollingPoints(signals: readonly Signal[], rollingGap: ArrayLike<number>): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (let i = 0; i < signals.length; i++) {
    if (i + 1 < signals.length && signals[i + 1].date === signals[i].date) continue;
    if (rollingGap[i] !== rollingGap[i]) continue;
    points.push({ x: dateToTime(signals[i].date), y: rollingGap[i], i });
  }
  return points;
}

/** Past DENSE points, the SAMPLES of them that keep the line's shape (LTTB); fewer pass unchanged. */
function thin(points: SeriesPoint[]): SeriesPoint[] {
  if (points.length <= DENSE) return points;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const all = Int32Array.from(points.keys());
  return Array.from(lttb(all, xs, ys, SAMPLES), (k) => points[k]);
}

/**
 * The gap axis runs symmetric about zero, in steps of 25, wide enough for every
 * value and for the alert bands to show, and never past the ±100 a gap can reach.
 */
export function gapAxisBound(series: readonly RollingSeries[], alertThreshold: number): number {
  let extent = alertThreshold;
  for (const s of series)
    for (let i = 0; i < s.rollingGap.length; i++) {
      const v = s.rollingGap[i];
      // NaN: a window of under 3 signals, too few to say and not drawn.
      if (v === v) extent = Math.max(extent, Math.abs(v));
    }
  return Math.min(100, Math.ceil((extent + 5) / 25) * 25);
}

export function rollingGapsConfig(input: RollingInput): ChartConfiguration<'line', SeriesPoint[]> {
  const { alertThreshold } = input;
  const bound = gapAxisBound(input.series, alertThreshold);
  // A long series is thinned here by series.ts's LTTB, as the timeline's are:
  // Chart.js's decimation plugin would sit in the first page's Chart.js chunk.
  const pointsBySeries = input.series.map((s) => thin(rollingPoints(s.signals, s.rollingGap)));

  const datasets: ChartDataset<'line', SeriesPoint[]>[] = input.series.map((s, k) => {
    const points = pointsBySeries[k];
    const dotted = points.length <= DOTTED;
    return {
      label: s.label,
      data: points,
      borderColor: s.style.color,
      backgroundColor: s.style.color,
      borderDash: s.style.dash,
      borderWidth: 2,
      pointStyle: s.style.pointStyle,
      pointRadius: dotted ? 3 : 0,
      pointHoverRadius: 5,
      fill: false,
    };
  });

  const annotations: Record<string, AnnotationOptions> = {
    deterrence: {
      type: 'box',
      // To the axis's end, not to −100: a box label sits at the box's edge, which must be on the canvas.
      yMin: -bound,
      yMax: -alertThreshold,
      backgroundColor: COLORS.underSpan,
      borderWidth: 0,
      drawTime: 'beforeDatasetsDraw',
      label: {
        display: true,
        content: `deterrence-failure risk (≤ -${alertThreshold})`,
        position: { x: 'start', y: 'end' },
        color: COLORS.underText,
        font: { size: 10, weight: 'bold' },
        padding: 4,
      },
    },
    spiral: {
      type: 'box',
      yMin: alertThreshold,
      yMax: bound,
      backgroundColor: COLORS.overSpan,
      borderWidth: 0,
      drawTime: 'beforeDatasetsDraw',
      label: {
        display: true,
        content: `spiral risk (≥ +${alertThreshold})`,
        position: { x: 'start', y: 'start' },
        color: COLORS.overText,
        font: { size: 10, weight: 'bold' },
        padding: 4,
      },
    },
    zero: {
      type: 'line',
      yMin: 0,
      yMax: 0,
      borderColor: COLORS.neutral,
      borderWidth: 1,
      drawTime: 'beforeDatasetsDraw',
    },
  };

  return {
    type: 'line',
    data: { datasets },
    options: {
      ...FAST_CHART,
      spanGaps: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'time',
          time: TIME_AXIS,
          grid: { color: COLORS.grid },
          ticks: { maxRotation: 0, autoSkipPadding: 12 },
        },
        y: {
          min: -bound,
          max: bound,
          ticks: { stepSize: 25, callback: (value) => signedTick(Number(value)) },
          grid: { color: COLORS.grid },
          title: { display: true, text: `Rolling gap, ${input.windowDays} days (perceived − intended)` },
        },
      },
      plugins: {
        key: { display: true } satisfies Partial<KeyOptions>,
        tooltip: {
          callbacks: {
            label: (item: TooltipItem<'line'>) => `${item.dataset.label}: ${formatSigned(item.parsed.y)}`,
          },
        },
        annotation: { annotations },
      },
    },
  };
}

function signedTick(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

// ---------------------------------------------------------------------------
// Intended versus perceived

export interface ScatterSeries {
  label: string;
  style: SeriesStyle;
  signals: readonly Signal[];
}

/** More dots than this is a blot: the scatter draws a deterministic sample past it. */
export const MAX_SCATTER_POINTS = 5000;

export interface ScatterSample {
  /** Per series, the points drawn, ordered by intended then perceived resolve. */
  points: SeriesPoint[][];
  shown: number;
  total: number;
  /** Every `step`-th signal of each dyad is drawn (1: all of them). */
  step: number;
  /** Readings over every signal, not only those drawn. */
  readings: Record<Reading, number>;
}

/**
 * Chart.js decimation does not apply to a scatter, so past `max` signals every
 * k-th signal of each dyad is drawn, counting in dyad order: the same data always
 * gives the same picture, and each dyad keeps its share.
 */
export function sampleScatter(
  series: readonly Pick<ScatterSeries, 'signals'>[],
  tau: number,
  max: number = MAX_SCATTER_POINTS,
): ScatterSample {
  let total = 0;
  for (const s of series) total += s.signals.length;
  const step = total <= max ? 1 : Math.ceil(total / max);
  const readings: Record<Reading, number> = { underestimated: 0, accurate: 0, overestimated: 0 };
  let shown = 0;
  const points = series.map(({ signals }) => {
    const out: SeriesPoint[] = [];
    for (let i = 0; i < signals.length; i++) {
      const s = signals[i];
      readings[readingOf(gapOf(s), tau)]++;
      if (i % step === 0) out.push({ x: s.intended, y: s.perceived, i });
    }
    shown += out.length;
    return out;
  });
  spreadOverlaps(points);
  // With parsing off Chart.js takes the data as sorted by x; a scatter's is not by nature.
  for (const out of points) out.sort((a, b) => a.x - b.x || a.y - b.y || a.i - b.i);
  return { points, shown, total, step, readings };
}

/** How far apart, in score points, dots of one spot are spread (the k-th lies √k × this from it). */
export const SPREAD = 0.7;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Scores are whole numbers, so many signals fall on one spot and would draw as
 * one dot. The first dot at a spot stays on it; the k-th after it moves √k × SPREAD
 * away at k golden angles, a sunflower that fills a small disc evenly, so a pile
 * shows its size. Deterministic (series, then point order) and in place; the
 * tooltip still reads each signal's own scores.
 */
export function spreadOverlaps(points: SeriesPoint[][]): void {
  const seen = new Map<number, number>();
  for (const series of points) {
    for (const p of series) {
      const spot = p.x * 1000 + p.y;
      const k = seen.get(spot) ?? 0;
      seen.set(spot, k + 1);
      if (k === 0) continue;
      const r = SPREAD * Math.sqrt(k);
      p.x += r * Math.cos(k * GOLDEN_ANGLE);
      p.y += r * Math.sin(k * GOLDEN_ANGLE);
    }
  }
}

export interface ScatterInput {
  series: readonly ScatterSeries[];
  sample: ScatterSample;
  tau: number;
}

/** The datasets before the dyads': the accuracy band and the diagonal. */
export const GUIDE_DATASETS = 2;

/**
 * The band of accurate readings, |perceived − intended| ≤ τ, clipped to the
 * 0–100 square: a hexagon (a parallelogram for τ = 0), walked round once.
 */
export function accuracyBand(tau: number): { x: number; y: number }[] {
  const t = Math.max(0, Math.min(100, tau));
  return [
    { x: 0, y: 0 },
    { x: 0, y: t },
    { x: 100 - t, y: 100 },
    { x: 100, y: 100 },
    { x: 100, y: 100 - t },
    { x: t, y: 0 },
    { x: 0, y: 0 },
  ];
}

export function scatterConfig(input: ScatterInput): ChartConfiguration<'line', SeriesPoint[]> {
  const { series, sample, tau } = input;
  const signalOf = (item: TooltipItem<'line'>): Signal | undefined => {
    const k = item.datasetIndex - GUIDE_DATASETS;
    return k >= 0 ? series[k]?.signals[(item.raw as SeriesPoint).i] : undefined;
  };
  // Dots thin out as they crowd, so dense clouds stay readable.
  const radius = sample.shown > 1500 ? 2 : sample.shown > 300 ? 3 : 4.5;

  const guides: ChartDataset<'line', SeriesPoint[]>[] = [
    {
      label: `Accurate reading (within ±${tau})`,
      data: accuracyBand(tau).map((p, i) => ({ ...p, i })),
      // The band turns back on x, so it is parsed (and not taken as sorted) like the dyads' points are.
      parsing: { xAxisKey: 'x', yAxisKey: 'y' },
      showLine: true,
      fill: 'shape',
      backgroundColor: COLORS.accurateBand,
      borderColor: COLORS.accurateBorder,
      borderWidth: 1,
      pointRadius: 0,
      pointHitRadius: 0,
      pointHoverRadius: 0,
    },
    {
      label: 'Perceived = intended',
      data: [
        { x: 0, y: 0, i: 0 },
        { x: 100, y: 100, i: 1 },
      ],
      showLine: true,
      borderColor: COLORS.accurate,
      backgroundColor: COLORS.accurate,
      borderWidth: 1.5,
      pointRadius: 0,
      pointHitRadius: 0,
      pointHoverRadius: 0,
    },
  ];

  const dyads: ChartDataset<'line', SeriesPoint[]>[] = series.map((s, k) => ({
    label: s.label,
    data: sample.points[k] ?? [],
    showLine: false,
    borderColor: s.style.color,
    backgroundColor: withAlpha(s.style.color, 0.55),
    borderWidth: 1,
    pointStyle: s.style.pointStyle,
    pointRadius: radius,
    pointHoverRadius: radius + 2,
  }));

  const annotations: Record<string, AnnotationOptions> = {
    under: {
      type: 'label',
      xValue: 78,
      yValue: 9,
      content: ['underestimated', 'read softer than meant'],
      color: COLORS.underText,
      font: { size: 10, weight: 'bold' },
      drawTime: 'beforeDatasetsDraw',
    },
    over: {
      type: 'label',
      xValue: 22,
      yValue: 91,
      content: ['overestimated', 'read harder than meant'],
      color: COLORS.overText,
      font: { size: 10, weight: 'bold' },
      drawTime: 'beforeDatasetsDraw',
    },
  };

  return {
    type: 'line',
    data: { datasets: [...guides, ...dyads] },
    options: {
      ...FAST_CHART,
      // The dots under the pointer, as a scatter has it; not every dot at that x.
      interaction: { mode: 'point', intersect: true },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: 100,
          ticks: { stepSize: 20 },
          grid: { color: COLORS.grid },
          title: { display: true, text: 'Intended resolve (sender)' },
        },
        y: {
          type: 'linear',
          min: 0,
          max: 100,
          ticks: { stepSize: 20 },
          grid: { color: COLORS.grid },
          title: { display: true, text: 'Perceived resolve (receiver)' },
        },
      },
      plugins: {
        key: { display: true } satisfies Partial<KeyOptions>,
        tooltip: {
          filter: (item) => item.datasetIndex >= GUIDE_DATASETS,
          callbacks: {
            title: (items) => {
              const s = items.length ? signalOf(items[0]) : undefined;
              return s ? `${formatDate(s.date)} · ${isolate(shorten(s.title, 60))}` : '';
            },
            label: (item) => {
              const s = signalOf(item);
              if (!s) return '';
              const gap = gapOf(s);
              return `${item.dataset.label}: intended ${s.intended}, perceived ${s.perceived}, gap ${formatGap(gap)} (${readingOf(gap, tau)})`;
            },
          },
        },
        annotation: { annotations },
      },
    },
  };
}

/** `#rrggbb` with an alpha; other colour strings pass unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!match) return color;
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${formatNumber(alpha, 2)})`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

// ---------------------------------------------------------------------------
// In words, for the canvas's accessible name and the values beside it

export interface RollingSummary {
  label: string;
  /** The dyad's signals: `signals[point.i].date` is a point's date. */
  signals: readonly Signal[];
  /** Points drawn: one per date. */
  points: SeriesPoint[];
  low: SeriesPoint;
  high: SeriesPoint;
  latest: SeriesPoint;
}

/** Lowest, highest and latest rolling gap of each series (earliest on a tie); series without signals are left out. */
export function summariseRolling(series: readonly RollingSeries[]): RollingSummary[] {
  const out: RollingSummary[] = [];
  for (const s of series) {
    const points = rollingPoints(s.signals, s.rollingGap);
    if (!points.length) continue;
    let low = points[0];
    let high = points[0];
    for (const p of points) {
      if (p.y < low.y) low = p;
      if (p.y > high.y) high = p;
    }
    out.push({ label: s.label, signals: s.signals, points, low, high, latest: points[points.length - 1] });
  }
  return out;
}
