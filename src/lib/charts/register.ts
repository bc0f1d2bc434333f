import {
  Chart,
  Decimation,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  TimeScale,
  Tooltip,
} from 'chart.js';
import './utc-time';
import { marks } from './marks';
import { COLORS } from './palette';

// Only the parts Parallax draws with: the rest of Chart.js stays out of the bundle.
Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  TimeScale,
  Filler,
  Tooltip,
  Legend,
  Decimation,
  marks,
);

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
