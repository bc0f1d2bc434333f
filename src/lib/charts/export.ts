import type { ChartConfiguration, ChartType } from 'chart.js';
import { Chart } from './register';
import { COLORS } from './palette';

/**
 * A chart as a PNG that can leave the app: drawn again off screen at twice
 * the screen's resolution, under a heading that says what it shows (title,
 * dyad, dates, filters), so the image still makes sense pasted into a report.
 * Loaded when the analyst first asks for it, not with the first page.
 */

export interface ChartHeading {
  title: string;
  /** Lines under the title: the dyad, the dates, the filters. */
  lines: string[];
}

/** Narrower charts are drawn this wide, so the image reads on a page whatever the window. */
const MIN_WIDTH = 960;
const MARGIN = 20;
const TITLE_SIZE = 18;
const LINE_SIZE = 13;

function headingHeight(heading: ChartHeading): number {
  return MARGIN + TITLE_SIZE + 8 + heading.lines.length * (LINE_SIZE + 6) + 8;
}

/**
 * The chart of `config`, `width`×`height` CSS pixels (at least MIN_WIDTH wide), under its heading, as a PNG.
 * With `keepAspect`, a chart widened to MIN_WIDTH grows in height as well: a plane whose two axes share a
 * unit must not come out stretched.
 */
export async function chartImage(
  config: ChartConfiguration<ChartType, unknown>,
  heading: ChartHeading,
  width: number,
  plotHeight: number,
  keepAspect = false,
): Promise<Blob> {
  const scale = 2 * (window.devicePixelRatio || 1);
  const cssWidth = Math.max(Math.round(width), MIN_WIDTH);
  const height = keepAspect && width > 0 ? Math.round((plotHeight * cssWidth) / width) : plotHeight;
  const top = headingHeight(heading);

  const plot = document.createElement('canvas');
  plot.width = cssWidth;
  plot.height = height;
  const options = {
    ...config.options,
    responsive: false,
    animation: false,
    devicePixelRatio: scale,
    events: [],
  } as ChartConfiguration<ChartType, unknown>['options'];
  const off = new Chart(plot, { ...config, options } as ChartConfiguration<ChartType, unknown>);

  const out = document.createElement('canvas');
  out.width = Math.round(cssWidth * scale);
  out.height = Math.round((top + height + MARGIN) * scale);
  const ctx = out.getContext('2d');
  if (!ctx) {
    off.destroy();
    throw new Error('This browser cannot draw the image (no 2D canvas).');
  }
  ctx.scale(scale, scale);
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, cssWidth, top + height + MARGIN);
  const family = Chart.defaults.font.family ?? 'system-ui, sans-serif';
  ctx.fillStyle = COLORS.panelText;
  ctx.textBaseline = 'top';
  ctx.font = `bold ${TITLE_SIZE}px ${family}`;
  ctx.fillText(heading.title, MARGIN, MARGIN, cssWidth - 2 * MARGIN);
  ctx.font = `${LINE_SIZE}px ${family}`;
  ctx.fillStyle = COLORS.text;
  heading.lines.forEach((line, k) =>
    ctx.fillText(line, MARGIN, MARGIN + TITLE_SIZE + 8 + k * (LINE_SIZE + 6), cssWidth - 2 * MARGIN),
  );
  ctx.drawImage(plot, 0, top, cssWidth, height);
  off.destroy();

  return new Promise((resolve, reject) =>
    out.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The image could not be encoded.'))),
      'image/png',
    ),
  );
}
