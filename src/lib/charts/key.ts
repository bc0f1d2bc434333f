/**
 * The key of a chart: one entry per series (its line, dash and point shape, then
 * its label) in rows above the plot, wrapped to the chart's width, and drawn on
 * the canvas so that an exported image carries it too.
 *
 * Chart.js's legend plugin does this and more (clicks that hide a series, boxes,
 * alignment), but Chart.js is one module: any of its plugins the app uses sits
 * in the first page's Chart.js chunk. This is the part Parallax draws, at a
 * fraction of the bytes.
 */
import { layouts, type Chart, type ChartType, type Plugin, type PointStyle } from 'chart.js';
import { drawPoint } from 'chart.js/helpers';

export interface KeyOptions {
  display: boolean;
  /** Only the first `count` datasets are keyed (later ones are bands and guides of these). */
  count: number;
}

declare module 'chart.js' {
  // Merged into Chart.js's own declaration, whose type parameter it must repeat.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    key?: Partial<KeyOptions>;
  }
}

const FONT_SIZE = 12;
const ROW = 18;
const SWATCH = 22;
const GAP = 14;

interface Entry {
  text: string;
  stroke: string;
  fill: string;
  dash: number[];
  line: boolean;
  point: PointStyle | false;
  x: number;
  row: number;
}

function font(chart: Chart): string {
  return `${FONT_SIZE}px ${chart.options.font?.family ?? 'system-ui, sans-serif'}`;
}

/** A layout box above the plot, as Chart.js lays out its title and legend. */
class KeyBox {
  position = 'top' as const;
  weight = 1000;
  fullSize = true;
  left = 0;
  top = 0;
  right = 0;
  bottom = 0;
  width = 0;
  height = 0;
  entries: Entry[] = [];
  options: KeyOptions = { display: false, count: Infinity };

  constructor(readonly chart: Chart) {}

  isHorizontal(): boolean {
    return true;
  }

  update(maxWidth: number): void {
    const { chart, options } = this;
    this.entries = [];
    this.width = maxWidth;
    this.height = 0;
    if (!options.display) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = font(chart);
    let x = 0;
    let row = 0;
    chart.data.datasets.slice(0, options.count).forEach((set, k) => {
      const d = set as {
        label?: string;
        borderColor?: unknown;
        backgroundColor?: unknown;
        borderDash?: number[];
        showLine?: boolean;
        pointStyle?: unknown;
        pointRadius?: number;
      };
      if (!d.label || !chart.isDatasetVisible(k)) return;
      const width = SWATCH + 5 + ctx.measureText(d.label).width;
      if (x > 0 && x + width > maxWidth) {
        x = 0;
        row++;
      }
      const stroke = typeof d.borderColor === 'string' ? d.borderColor : '#666';
      this.entries.push({
        text: d.label,
        stroke,
        fill: typeof d.backgroundColor === 'string' ? d.backgroundColor : stroke,
        dash: d.borderDash ?? [],
        line: d.showLine !== false,
        point: typeof d.pointStyle === 'string' ? (d.pointStyle as PointStyle) : 'circle',
        x,
        row,
      });
      x += width + GAP;
    });
    ctx.restore();
    if (!this.entries.length) return;
    const rows = row + 1;
    // Each row centred, as Chart.js's legend centres its own.
    for (let r = 0; r < rows; r++) {
      const inRow = this.entries.filter((e) => e.row === r);
      const last = inRow[inRow.length - 1];
      ctx.save();
      ctx.font = font(chart);
      const used = last.x + SWATCH + 5 + ctx.measureText(last.text).width;
      ctx.restore();
      const shift = Math.max(0, (maxWidth - used) / 2);
      for (const e of inRow) e.x += shift;
    }
    this.height = rows * ROW + 8;
  }

  draw(): void {
    const { chart } = this;
    if (!this.entries.length) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = font(chart);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    for (const e of this.entries) {
      const x = this.left + e.x;
      const y = this.top + 4 + e.row * ROW + ROW / 2;
      if (e.line) {
        ctx.strokeStyle = e.stroke;
        ctx.lineWidth = 2;
        ctx.setLineDash(e.dash);
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + SWATCH, y);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      ctx.fillStyle = e.fill;
      ctx.strokeStyle = e.stroke;
      ctx.lineWidth = 1;
      drawPoint(ctx, { pointStyle: e.point, radius: 4, rotation: 0, borderWidth: 1 }, x + SWATCH / 2, y);
      ctx.fillStyle = String(chart.options.color ?? '#374151');
      ctx.fillText(e.text, x + SWATCH + 5, y);
    }
    ctx.restore();
  }
}

const boxes = new WeakMap<Chart, KeyBox>();

/** The entries of `chart`'s key as last laid out (for tests). */
export function keyEntries(chart: Chart): readonly string[] {
  return boxes.get(chart)?.entries.map((e) => e.text) ?? [];
}

export const key: Plugin<ChartType, KeyOptions> = {
  id: 'key',
  defaults: { display: false, count: Infinity },
  start(chart, _args, options) {
    const box = new KeyBox(chart);
    box.options = options;
    layouts.configure(chart, box, {});
    layouts.addBox(chart, box);
    boxes.set(chart, box);
  },
  beforeUpdate(chart, _args, options) {
    const box = boxes.get(chart);
    if (box) box.options = options;
  },
  stop(chart) {
    const box = boxes.get(chart);
    if (box) layouts.removeBox(chart, box);
    boxes.delete(chart);
  },
};
