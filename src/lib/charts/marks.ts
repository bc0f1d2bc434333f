import type { Chart, ChartType, Plugin } from 'chart.js';

/**
 * The timeline's marks: shaded date spans (alert periods) under the lines, and
 * labelled vertical lines (crossed red lines) over them. A plugin of our own
 * rather than chartjs-plugin-annotation, which weighs about 10 KB gzipped on
 * the first page for the two shapes drawn here (the Compare view, which uses
 * more of it, loads it when it opens: see attach.svelte.ts).
 */

/** A shaded stretch of time, from `from` to `to` (ms on the x axis), labelled at its top left. */
export interface MarkSpan {
  from: number;
  to: number;
  color: string;
  label: string;
  labelColor: string;
}

/** A vertical line at `at` (ms on the x axis), its label boxed at the foot of the chart. */
export interface MarkLine {
  at: number;
  color: string;
  /** Lines of text. */
  label: string[];
  labelBackground: string;
  /** How far the label sits above the foot, in pixels, so that labels of nearby lines do not cover each other. */
  lift: number;
}

export interface MarksOptions {
  spans: MarkSpan[];
  lines: MarkLine[];
}

declare module 'chart.js' {
  // Merged into Chart.js's own declaration, whose type parameter it must repeat.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    marks?: Partial<MarksOptions>;
  }
}

const FONT_SIZE = 10;
const LINE_HEIGHT = 12;
const PADDING = 4;

function font(chart: Chart): string {
  return `bold ${FONT_SIZE}px ${chart.options.font?.family ?? 'system-ui, sans-serif'}`;
}

function clip(chart: Chart): void {
  const { left, top, width, height } = chart.chartArea;
  chart.ctx.save();
  chart.ctx.beginPath();
  chart.ctx.rect(left, top, width, height);
  chart.ctx.clip();
}

function drawSpans(chart: Chart, spans: readonly MarkSpan[]): void {
  const x = chart.scales.x;
  const { top, bottom } = chart.chartArea;
  const ctx = chart.ctx;
  clip(chart);
  ctx.font = font(chart);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  for (const span of spans) {
    const from = x.getPixelForValue(span.from);
    const to = x.getPixelForValue(span.to);
    ctx.fillStyle = span.color;
    ctx.fillRect(from, top, Math.max(to - from, 1), bottom - top);
    if (span.label) {
      ctx.fillStyle = span.labelColor;
      ctx.fillText(span.label, from + 3, top + 3);
    }
  }
  ctx.restore();
}

function drawLines(chart: Chart, lines: readonly MarkLine[]): void {
  const scale = chart.scales.x;
  const { left, right, top, bottom } = chart.chartArea;
  const ctx = chart.ctx;
  const shown = lines
    .map((line) => ({ line, x: scale.getPixelForValue(line.at) }))
    .filter(({ x }) => x >= left && x <= right);
  ctx.save();
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 4]);
  for (const { line, x } of shown) {
    ctx.strokeStyle = line.color;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
  }
  // Every label over every line, so that no line crosses a label.
  ctx.setLineDash([]);
  ctx.font = font(chart);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (const { line, x } of shown) {
    if (!line.label.length) continue;
    const width = Math.max(...line.label.map((text) => ctx.measureText(text).width)) + 2 * PADDING;
    const height = line.label.length * LINE_HEIGHT + 2 * PADDING;
    // Centred on the line, kept inside the chart.
    const boxLeft = Math.min(Math.max(x - width / 2, left), Math.max(left, right - width));
    const boxTop = bottom - line.lift - height;
    ctx.fillStyle = line.labelBackground;
    ctx.beginPath();
    ctx.roundRect(boxLeft, boxTop, width, height, 4);
    ctx.fill();
    ctx.fillStyle = '#fff';
    line.label.forEach((text, k) =>
      ctx.fillText(text, boxLeft + width / 2, boxTop + PADDING + k * LINE_HEIGHT),
    );
  }
  ctx.restore();
}

export const marks: Plugin<ChartType, MarksOptions> = {
  id: 'marks',
  defaults: { spans: [], lines: [] },
  beforeDatasetsDraw(chart, _args, options) {
    if (options.spans?.length && chart.scales.x) drawSpans(chart, options.spans);
  },
  afterDatasetsDraw(chart, _args, options) {
    if (options.lines?.length && chart.scales.x) drawLines(chart, options.lines);
  },
};
