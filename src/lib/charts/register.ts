import { Chart, Filler, LineController, LineElement, LinearScale, PointElement, TimeScale } from 'chart.js';
import './utc-time';
import { key } from './key';
import { marks } from './marks';
import { COLORS } from './palette';

// Only the parts Parallax draws with: the rest of Chart.js stays out of the bundle.
// Its legend, tooltip and decimation plugins are not among them: ./key draws the
// key, ./hover the tooltip (fetched when a pointer first comes over a chart), and
// ./series thins long series itself.
Chart.register(LineController, LineElement, PointElement, LinearScale, TimeScale, Filler, key, marks);

Chart.defaults.font.family =
  getComputedStyle(document.documentElement).getPropertyValue('--font-sans') || 'system-ui, sans-serif';
Chart.defaults.color = COLORS.text;

export { Chart };

let annotation: Promise<void> | null = null;

/**
 * chartjs-plugin-annotation, for the Compare view's charts: loaded and
 * registered the first time a chart's config asks for it, so that the first
 * page (which draws its marks with ./marks) does not carry it.
 */
export function loadAnnotation(): Promise<void> {
  annotation ??= import('chartjs-plugin-annotation').then((plugin) => Chart.register(plugin.default));
  return annotation;
}

let hovering: Promise<void> | null = null;

/** The charts' tooltip (./hover), loaded and registered once, when a pointer first comes over a chart. */
export function loadHover(): Promise<void> {
  hovering ??= import('./hover').then(({ hover }) => Chart.register(hover));
  return hovering;
}
