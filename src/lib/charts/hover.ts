/**
 * The charts' tooltip: the items under the pointer (as the chart's `interaction`
 * finds them), written by the chart's own `plugins.tooltip` options (`filter`,
 * `callbacks.title`, `label`, `footer`) in a panel beside the hovered point.
 *
 * Chart.js's tooltip plugin would do it, but Chart.js is one module, so any of
 * its plugins the app uses sits in the first page's Chart.js chunk; a tooltip is
 * needed only once a pointer comes over a chart, so this one is fetched then
 * (see attach.svelte.ts) and the first page carries none.
 */
import type {
  ActiveElement,
  Chart,
  ChartData,
  ChartType,
  CoreInteractionOptions,
  Plugin,
  TooltipItem,
} from 'chart.js';
import { COLORS } from './palette';

export interface HoverText {
  title: string[];
  lines: string[];
  footer: string[];
  /** Where the panel points, in canvas pixels. */
  x: number;
  y: number;
}

const state = new WeakMap<Chart, HoverText>();

/** The tooltip shown on `chart` now, or null (for tests). */
export function hoverText(chart: Chart): HoverText | null {
  return state.get(chart) ?? null;
}

type Item = TooltipItem<ChartType>;
type Text = string | string[] | void;

/** The part of Chart.js's tooltip options that the charts' configs give. */
interface TooltipConfig {
  filter?: (item: Item, index: number, items: Item[], data: ChartData) => boolean;
  callbacks?: {
    title?: (items: Item[]) => Text;
    label?: (item: Item) => Text;
    footer?: (items: Item[]) => Text;
  };
}

/** Public in Chart.js's code, protected in its types. */
interface Controller {
  getLabelAndValue(index: number): { label: string; value: string };
  getParsed(index: number): unknown;
}

function asLines(text: Text | undefined): string[] {
  if (text === undefined || text === '') return [];
  return (Array.isArray(text) ? text : [text]).filter((line) => line !== '');
}

function itemOf(chart: Chart, { datasetIndex, index, element }: ActiveElement): TooltipItem<ChartType> {
  const controller = chart.getDatasetMeta(datasetIndex).controller as unknown as Controller;
  const { label, value } = controller.getLabelAndValue(index);
  return {
    chart,
    label,
    parsed: controller.getParsed(index),
    raw: chart.data.datasets[datasetIndex].data[index],
    formattedValue: value,
    dataset: chart.data.datasets[datasetIndex],
    datasetIndex,
    dataIndex: index,
    element,
  } as TooltipItem<ChartType>;
}

/** The text for the elements under the pointer, or null when there is none. */
function describe(chart: Chart, active: ActiveElement[]): HoverText | null {
  // The raw options: Chart.js would call the callbacks as scriptable options
  // if they were read through its resolver, with no tooltip plugin to say otherwise.
  const options = (chart.config.options?.plugins?.tooltip ?? {}) as TooltipConfig;
  let items = active.map((a) => itemOf(chart, a));
  if (options.filter) items = items.filter((item, k, all) => options.filter!(item, k, all, chart.data));
  if (!items.length) return null;
  const callbacks = options.callbacks ?? {};
  const title = asLines(callbacks.title ? callbacks.title(items) : items[0].label);
  const lines = items.flatMap((item) =>
    asLines(callbacks.label ? callbacks.label(item) : `${item.dataset.label ?? ''}: ${item.formattedValue}`),
  );
  const footer = asLines(callbacks.footer?.(items));
  const { x, y } = items[0].element.getProps(['x', 'y'], true) as { x: number; y: number };
  return { title, lines, footer, x, y };
}

const FONT_SIZE = 12;
const LINE = 16;
const PAD = 7;

function font(chart: Chart, weight: string): string {
  return `${weight} ${FONT_SIZE}px ${chart.options.font?.family ?? 'system-ui, sans-serif'}`;
}

function draw(chart: Chart, text: HoverText): void {
  const ctx = chart.ctx;
  const rows = [
    ...text.title.map((line) => ({ line, weight: 'bold' })),
    ...text.lines.map((line) => ({ line, weight: 'normal' })),
    ...text.footer.map((line) => ({ line, weight: 'bold' })),
  ];
  ctx.save();
  let width = 0;
  for (const { line, weight } of rows) {
    ctx.font = font(chart, weight);
    width = Math.max(width, ctx.measureText(line).width);
  }
  width = Math.min(width + 2 * PAD, chart.width - 8);
  const height = rows.length * LINE + 2 * PAD - 4;
  // Beside the point, on the side with room, and never off the canvas.
  let left = text.x + 12;
  if (left + width > chart.width - 4) left = text.x - 12 - width;
  left = Math.max(4, left);
  const top = Math.min(Math.max(4, text.y - height / 2), chart.height - height - 4);
  ctx.fillStyle = COLORS.panel;
  ctx.strokeStyle = COLORS.panelBorder;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.roundRect(left, top, width, height, 5);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = COLORS.panelText;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  rows.forEach(({ line, weight }, k) => {
    ctx.font = font(chart, weight);
    ctx.fillText(line, left + PAD, top + PAD - 2 + k * LINE, width - 2 * PAD);
  });
  ctx.restore();
}

export const hover: Plugin = {
  id: 'hover',
  afterEvent(chart, args) {
    const event = args.event;
    let next: HoverText | null = null;
    // Chart.js reports a finger's move as a mousemove too.
    if (event.type === 'mousemove' && event.native) {
      const { mode, intersect, axis } = chart.options.interaction as CoreInteractionOptions;
      next = describe(chart, chart.getElementsAtEventForMode(event.native, mode, { intersect, axis }, false));
    } else if (event.type !== 'mouseout') return;
    const before = state.get(chart) ?? null;
    if (!next && !before) return;
    if (next) state.set(chart, next);
    else state.delete(chart);
    args.changed = true;
  },
  beforeUpdate(chart) {
    // New data or a new range: the point described may be gone.
    state.delete(chart);
  },
  afterDraw(chart) {
    const text = state.get(chart);
    if (text) draw(chart, text);
  },
  afterDestroy(chart) {
    state.delete(chart);
  },
};
