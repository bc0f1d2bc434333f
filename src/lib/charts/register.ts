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
import annotationPlugin from 'chartjs-plugin-annotation';
import 'chartjs-adapter-date-fns';

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
  annotationPlugin,
);

Chart.defaults.font.family =
  getComputedStyle(document.documentElement).getPropertyValue('--font-sans') || 'system-ui, sans-serif';
Chart.defaults.color = '#374151';

export { Chart };
