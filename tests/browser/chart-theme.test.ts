import { Chart } from 'chart.js';
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-svelte';
import Timeline from '../../src/lib/components/dashboard/Timeline.svelte';
import { analyseDyad } from '../../src/lib/domain/series';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/types';
import { signal } from '../unit/factories';

// A dark theme as a stylesheet would define it: only the intended line's colour here.
const style = document.createElement('style');
style.textContent = `
  :root { --chart-intended: rgb(29, 78, 216); }
  :root[data-theme='dark'] { --chart-intended: rgb(250, 204, 21); }
`;
document.head.append(style);

afterEach(() => document.documentElement.removeAttribute('data-theme'));

const list = [
  signal({ date: '2019-06-20', intended: 60, perceived: 20 }),
  signal({ date: '2019-09-14', intended: 60, perceived: 20 }),
];

function chartOf(): Chart {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas[role="img"]');
  const chart = canvas && Chart.getChart(canvas);
  if (!chart) throw new Error('no chart on the canvas');
  return chart;
}

/** The colour drawn at the middle of the first intended point's dot. */
function dotColour(): number[] {
  const chart = chartOf();
  const point = chart.getDatasetMeta(0).data[0];
  return [...chart.ctx.getImageData(Math.round(point.x), Math.round(point.y), 1, 1).data].slice(0, 3);
}

describe('chart colours', () => {
  it('follow the page: a data-theme change recolours a chart already drawn', async () => {
    render(Timeline, {
      signals: list,
      senderName: 'Iran',
      receiverName: 'United States',
      tau: 10,
      windowDays: 90,
      analysis: analyseDyad(list, DEFAULT_SETTINGS),
      crossings: [],
      zoom: '',
      onzoom: () => {},
      onopen: () => {},
    });
    await expect.poll(dotColour).toEqual([29, 78, 216]);
    document.documentElement.setAttribute('data-theme', 'dark');
    await expect.poll(dotColour).toEqual([250, 204, 21]);
    document.documentElement.removeAttribute('data-theme');
    await expect.poll(dotColour).toEqual([29, 78, 216]);
  });
});
