import { Chart } from 'chart.js';
import { expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import RollingGapsChart from '../../src/lib/components/compare/RollingGapsChart.svelte';
import GapChart from '../../src/lib/components/dashboard/GapChart.svelte';
import { signal } from '../unit/factories';

// chartjs-plugin-annotation is registered the first time a chart asks for it (the
// Compare view's). A Dashboard chart made before that must go on drawing: the
// plugin keeps a state per chart, made when the chart is made, and an update of
// a chart made without it threw "Cannot set properties of undefined".
it('a chart made before the annotation plugin is registered goes on drawing after it', async () => {
  const signals = [
    signal({ date: '2019-05-01', intended: 60, perceived: 40 }),
    signal({ date: '2019-05-10', intended: 60, perceived: 30 }),
    signal({ date: '2019-05-20', intended: 60, perceived: 20 }),
  ];
  render(GapChart, {
    signals,
    rollingGap: [-10, -20, -30],
    windowCount: [1, 2, 3],
    windowDays: 90,
    alertThreshold: 25,
    zoom: '',
  });
  const gapCanvas = page.getByRole('img', { name: /^Rolling gap over time/ }).element() as HTMLCanvasElement;
  await expect.poll(() => Chart.getChart(gapCanvas)?.getDatasetMeta(0).data.length).toBe(3);
  const first = Chart.getChart(gapCanvas);

  render(RollingGapsChart, { series: [], alertThreshold: 25, windowDays: 90 });
  const compareCanvas = [...document.querySelectorAll('canvas')].find((c) => c !== gapCanvas)!;
  // The Compare chart is made once the plugin has come and been registered.
  await expect.poll(() => Chart.getChart(compareCanvas)).toBeDefined();

  // The Dashboard chart was made again with the plugin, and draws its three values still.
  await expect.poll(() => Chart.getChart(gapCanvas) !== first).toBe(true);
  const again = Chart.getChart(gapCanvas)!;
  again.update('none');
  expect(again.data.datasets[0].data.map((p) => (p as { y: number }).y)).toEqual([-10, -20, -30]);
});
