import type { Chart, ChartType, Plugin } from 'chart.js';
import { endsDrag } from './press';

/**
 * The timeline's marks: shaded date spans (alert periods) under the lines, and
 * crossed red lines over them: a marker on the time axis and a faint vertical
 * line at each crossing, with a short label in a band below the axis, where it
 * covers no data. A plugin of our own rather than chartjs-plugin-annotation,
 * which weighs about 10 KB gzipped on the first page and cannot keep labels
 * apart (the Compare view, which uses more of it, loads it when it opens: see
 * attach.svelte.ts).
 */

/** A shaded stretch of time, from `from` to `to` (ms on the x axis), labelled at its top left. */
export interface MarkSpan {
  from: number;
  to: number;
  color: string;
  label: string;
  labelColor: string;
}

/** A level across the plot at `at` (a y value): a threshold, dashed, with its label at the left end. */
export interface MarkLevel {
  at: number;
  color: string;
  label: string;
  /** The box behind the label, so that a line drawn through it leaves it legible. */
  backdrop?: string;
  /** Where the label sits: by default inside the band the level marks (above a level over zero, below one under it). */
  side?: 'above' | 'below';
}

/** A crossed red line at `at` (ms on the x axis). */
export interface MarkLine {
  at: number;
  /** The short label: the red line's number and the date. */
  short: string;
  /** The full text, line by line, shown when the label is hovered. */
  full: string[];
}

export interface MarkColors {
  line: string;
  label: string;
  labelText: string;
  panel: string;
  panelText: string;
  panelBorder: string;
}

export interface MarksOptions {
  spans: MarkSpan[];
  levels: MarkLevel[];
  lines: MarkLine[];
  colors: MarkColors;
  /** A click on a cluster's label, with its crossings (indices into `lines`). Plugin options are not scriptable, so a function stays a function. */
  onCluster?: (members: number[]) => void;
}

declare module 'chart.js' {
  // Merged into Chart.js's own declaration, whose type parameter it must repeat.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    marks?: Partial<MarksOptions>;
  }
}

const FONT_SIZE = 10;
const LINE_HEIGHT = 13;
const PADDING_X = 5;
/** Height of a label box and the step between rows of them. */
export const LABEL_HEIGHT = 16;
const ROW_GAP = 3;
/** Horizontal room kept free between two labels in one row. */
const LABEL_GAP = 6;
/** At most this many rows of labels; past them, labels that would collide merge into a cluster. */
export const LABEL_ROWS = 3;
/** Room the label band needs below the axis, for `rows` rows: the chart reserves it as bottom padding. */
export function labelBand(rows: number): number {
  return rows ? 6 + rows * (LABEL_HEIGHT + ROW_GAP) : 0;
}

/** One label as drawn: its box in canvas pixels, its text, and the crossings it stands for. */
export interface LabelBox {
  left: number;
  top: number;
  width: number;
  height: number;
  text: string;
  /** Indices into the `lines` option, in date order; more than one for a cluster. */
  members: number[];
}

/**
 * Places one label per crossing, in rows, so that no two boxes overlap. Every
 * box is `width` wide, centred on its crossing and kept inside [left, right].
 * In date order, each label takes the first row with room for it; one that
 * finds none joins the label blocking it nearest (which is within a label's
 * width of it), and that label becomes a cluster. A box never moves once
 * placed, so no placement can overlap an earlier one. O(k log k) for k
 * crossings (the sort), O(k·rows) after it.
 */
export function layoutLabels(
  xs: readonly number[],
  width: number,
  area: { left: number; right: number },
  rows: number = LABEL_ROWS,
): { left: number; row: number; members: number[] }[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const placed: { left: number; row: number; members: number[] }[] = [];
  // The last box of each row, by index into `placed`.
  const lastInRow: number[] = [];
  const maxLeft = Math.max(area.left, area.right - width);
  for (const i of order) {
    const left = Math.min(Math.max(xs[i] - width / 2, area.left), maxLeft);
    let row = 0;
    while (row < rows && row < lastInRow.length && placed[lastInRow[row]].left + width + LABEL_GAP > left)
      row++;
    if (row < rows) {
      lastInRow[row] = placed.length;
      placed.push({ left, row, members: [i] });
      continue;
    }
    // Every row is blocked at this x: join the blocking label whose centre is nearest.
    let nearest = lastInRow[0];
    for (const k of lastInRow) {
      if (Math.abs(placed[k].left - left) < Math.abs(placed[nearest].left - left)) nearest = k;
    }
    placed[nearest].members.push(i);
  }
  return placed;
}

interface ChartMarks {
  boxes: LabelBox[];
  /** The box under the pointer, or -1. */
  hover: number;
  /** The boxes as last written to the canvas's `data-label-boxes`, to write only on change. */
  written: string;
}

const state = new WeakMap<Chart, ChartMarks>();

/** The crossing labels as last drawn on `chart`, in canvas pixels (for tests, and the exported image). */
export function labelBoxes(chart: Chart): readonly LabelBox[] {
  return state.get(chart)?.boxes ?? [];
}

function stateOf(chart: Chart): ChartMarks {
  let marks = state.get(chart);
  if (!marks) {
    marks = { boxes: [], hover: -1, written: '' };
    state.set(chart, marks);
  }
  return marks;
}

function font(chart: Chart, weight = 'bold'): string {
  return `${weight} ${FONT_SIZE}px ${chart.options.font?.family ?? 'system-ui, sans-serif'}`;
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
  const { top, bottom, left, right } = chart.chartArea;
  const ctx = chart.ctx;
  clip(chart);
  ctx.font = font(chart);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  // Where the last label drawn ends: labels never run into each other.
  let free = -Infinity;
  for (const span of spans) {
    const from = x.getPixelForValue(span.from);
    const to = x.getPixelForValue(span.to);
    ctx.fillStyle = span.color;
    ctx.fillRect(from, top, Math.max(to - from, 1), bottom - top);
    if (!span.label) continue;
    // A label only inside its own stretch, where it fits: many narrow stretches
    // side by side would otherwise pile their words into one smudge.
    const start = Math.max(from, left) + 3;
    const end = start + ctx.measureText(span.label).width;
    if (start < free || end > Math.min(to, right) - 3) continue;
    ctx.fillStyle = span.labelColor;
    ctx.fillText(span.label, start, top + 3);
    free = end + 8;
  }
  ctx.restore();
}

function levelPixel(chart: Chart, level: MarkLevel): number | null {
  const at = chart.scales.y.getPixelForValue(level.at);
  const { top, bottom } = chart.chartArea;
  return at < top || at > bottom ? null : at;
}

function drawLevels(chart: Chart, levels: readonly MarkLevel[]): void {
  const { left, right } = chart.chartArea;
  const ctx = chart.ctx;
  clip(chart);
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  for (const level of levels) {
    const at = levelPixel(chart, level);
    if (at === null) continue;
    ctx.strokeStyle = level.color;
    ctx.beginPath();
    ctx.moveTo(left, at);
    ctx.lineTo(right, at);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * The levels' labels, over the data: at the left end, on their side of the
 * level, on a backdrop.
 */
function drawLevelLabels(chart: Chart, levels: readonly MarkLevel[]): void {
  const ctx = chart.ctx;
  clip(chart);
  ctx.font = font(chart);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const level of levels) {
    const at = levelPixel(chart, level);
    if (at === null || !level.label) continue;
    const x = chart.chartArea.left + 4;
    const above = (level.side ?? (level.at >= 0 ? 'above' : 'below')) === 'above';
    const y = above ? at - 2 - LINE_HEIGHT / 2 : at + 2 + LINE_HEIGHT / 2;
    if (level.backdrop) {
      ctx.fillStyle = level.backdrop;
      ctx.fillRect(x - 2, y - LINE_HEIGHT / 2, ctx.measureText(level.label).width + 4, LINE_HEIGHT);
    }
    ctx.fillStyle = level.color;
    ctx.fillText(level.label, x, y);
  }
  ctx.restore();
}

function clusterText(count: number): string {
  return `${count} crossings`;
}

/** Lays out and draws the lines, axis markers and labels; keeps the boxes for hover and tests. */
function drawLines(chart: Chart, lines: readonly MarkLine[], colors: MarkColors): void {
  const scale = chart.scales.x;
  const { left, right, top, bottom } = chart.chartArea;
  const ctx = chart.ctx;
  const marks = stateOf(chart);
  const shown: number[] = [];
  const xs: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const x = scale.getPixelForValue(lines[i].at);
    if (x >= left - 0.5 && x <= right + 0.5) {
      shown.push(i);
      xs.push(x);
    }
  }

  ctx.save();
  ctx.strokeStyle = colors.line;
  ctx.fillStyle = colors.line;
  ctx.globalAlpha = 0.55;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  for (const x of xs) {
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
  }
  ctx.stroke();
  // A marker on the time axis: a triangle pointing up at the crossing's date.
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.beginPath();
  for (const x of xs) {
    ctx.moveTo(x, bottom - 6);
    ctx.lineTo(x - 4, bottom);
    ctx.lineTo(x + 4, bottom);
    ctx.closePath();
  }
  ctx.fill();

  ctx.font = font(chart);
  let width = ctx.measureText(clusterText(shown.length)).width;
  for (const i of shown) width = Math.max(width, ctx.measureText(lines[i].short).width);
  width = Math.ceil(width + 2 * PADDING_X);
  const bandTop = scale.bottom + 4;
  const rows = Math.max(
    0,
    Math.min(LABEL_ROWS, Math.floor((chart.height - bandTop + ROW_GAP) / (LABEL_HEIGHT + ROW_GAP))),
  );
  const placed = rows ? layoutLabels(xs, width, { left, right }, rows) : [];
  marks.boxes = placed.map(({ left: boxLeft, row, members }) => {
    const ids = members.map((k) => shown[k]).sort((a, b) => lines[a].at - lines[b].at);
    return {
      left: boxLeft,
      top: bandTop + row * (LABEL_HEIGHT + ROW_GAP),
      width,
      height: LABEL_HEIGHT,
      text: ids.length === 1 ? lines[ids[0]].short : clusterText(ids.length),
      members: ids,
    };
  });
  if (marks.hover >= marks.boxes.length) marks.hover = -1;

  // A thin leader from each label up to the markers it stands for.
  ctx.globalAlpha = 0.5;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const box of marks.boxes) {
    const centre = box.left + box.width / 2;
    for (const i of box.members) {
      ctx.moveTo(scale.getPixelForValue(lines[i].at), bottom + 1);
      ctx.lineTo(centre, box.top);
    }
  }
  ctx.stroke();
  ctx.globalAlpha = 1;

  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  for (const box of marks.boxes) {
    ctx.fillStyle = colors.label;
    ctx.beginPath();
    ctx.roundRect(box.left, box.top, box.width, box.height, 4);
    ctx.fill();
    ctx.fillStyle = colors.labelText;
    ctx.fillText(box.text, box.left + box.width / 2, box.top + box.height / 2 + 0.5);
  }
  ctx.restore();

  // Tests of the built app read the boxes from here; written only when they change.
  const written = marks.boxes
    .map((b) => `${Math.round(b.left)},${Math.round(b.top)},${b.width},${b.height},${b.members.length}`)
    .join(';');
  if (written !== marks.written) {
    marks.written = written;
    chart.canvas.dataset.labelBoxes = written;
  }
}

/** The full text of the hovered label's crossings, in a panel above it (a cluster expands here; a click on it zooms to them). */
function drawPanel(chart: Chart, lines: readonly MarkLine[], colors: MarkColors): void {
  const marks = state.get(chart);
  const box = marks && marks.hover >= 0 ? marks.boxes[marks.hover] : undefined;
  if (!box) return;
  const ctx = chart.ctx;
  const text: { line: string; bold: boolean }[] = [];
  for (const i of box.members) {
    lines[i].full.forEach((line, k) => text.push({ line, bold: k === 0 }));
  }
  if (box.members.length > 1) text.push({ line: 'Click to zoom in until they part.', bold: false });
  ctx.save();
  let width = 0;
  for (const { line, bold } of text) {
    ctx.font = font(chart, bold ? 'bold' : 'normal');
    width = Math.max(width, ctx.measureText(line).width);
  }
  width = Math.min(width + 2 * PADDING_X + 4, chart.width - 8);
  const height = text.length * LINE_HEIGHT + 10;
  const left = Math.min(Math.max(box.left + box.width / 2 - width / 2, 4), chart.width - width - 4);
  const top = Math.max(4, box.top - height - 6);
  ctx.fillStyle = colors.panel;
  ctx.strokeStyle = colors.panelBorder;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(left, top, width, height, 5);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = colors.panelText;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  text.forEach(({ line, bold }, k) => {
    ctx.font = font(chart, bold ? 'bold' : 'normal');
    ctx.fillText(line, left + PADDING_X + 2, top + 5 + k * LINE_HEIGHT, width - 2 * PADDING_X - 4);
  });
  ctx.restore();
}

const NO_COLORS: MarkColors = {
  line: '#b91c1c',
  label: '#b91c1c',
  labelText: '#fff',
  panel: '#fff',
  panelText: '#111827',
  panelBorder: '#9ca3af',
};

export const marks: Plugin<ChartType, MarksOptions> = {
  id: 'marks',
  defaults: { spans: [], levels: [], lines: [], colors: NO_COLORS },
  beforeDatasetsDraw(chart, _args, options) {
    if (options.spans?.length && chart.scales.x) drawSpans(chart, options.spans);
    if (options.levels?.length && chart.scales.y) drawLevels(chart, options.levels);
  },
  afterDatasetsDraw(chart, _args, options) {
    if (options.levels?.length && chart.scales.y) drawLevelLabels(chart, options.levels);
    if (!chart.scales.x) return;
    if (options.lines?.length) drawLines(chart, options.lines, options.colors);
    else if (state.get(chart)?.boxes.length) {
      stateOf(chart).boxes = [];
      stateOf(chart).written = '';
      chart.canvas.dataset.labelBoxes = '';
    }
  },
  afterDraw(chart, _args, options) {
    if (options.lines?.length) drawPanel(chart, options.lines, options.colors);
  },
  afterEvent(chart, args, options) {
    const marks = state.get(chart);
    if (!marks?.boxes.length) return;
    const { type, x, y } = args.event;
    const under = () =>
      x === null || y === null
        ? -1
        : marks.boxes.findIndex(
            (b) => x >= b.left && x <= b.left + b.width && y >= b.top && y <= b.top + b.height,
          );
    if (type === 'click') {
      const box = marks.boxes[under()];
      if (box && box.members.length > 1 && !endsDrag(chart.canvas, args.event.native))
        options.onCluster?.(box.members);
      return;
    }
    const hover = type === 'mousemove' ? under() : -1;
    if (hover !== marks.hover) {
      marks.hover = hover;
      args.changed = true;
    }
  },
  afterDestroy(chart) {
    state.delete(chart);
  },
};
