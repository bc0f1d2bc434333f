import { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import GapChart from '../../src/lib/components/dashboard/GapChart.svelte';
import MixedMessages from '../../src/lib/components/dashboard/MixedMessages.svelte';
import Timeline from '../../src/lib/components/dashboard/Timeline.svelte';
import { analyseDyad } from '../../src/lib/domain/series';
import { DEFAULT_SETTINGS, type Signal } from '../../src/lib/domain/types';
import { signal } from '../unit/factories';

// Three signals in May 2018, then none for eleven months: a stretch longer than a 90-day window.
const signals: Signal[] = [
  signal({ date: '2018-05-08', intended: 60, perceived: 40 }),
  signal({ date: '2018-05-20', intended: 60, perceived: 30 }),
  signal({ date: '2018-06-01', intended: 60, perceived: 20 }),
  signal({ date: '2019-05-05', intended: 50, perceived: 55 }),
];

function chartNamed(name: RegExp): Chart {
  const canvas = page.getByRole('img', { name }).element() as HTMLCanvasElement;
  const chart = Chart.getChart(canvas);
  if (!chart) throw new Error('no chart on the canvas');
  return chart;
}

/** The stretches a dataset's line is drawn in. */
function segments(chart: Chart, dataset: number): number {
  return (chart.getDatasetMeta(dataset).dataset as unknown as { segments: unknown[] }).segments.length;
}

describe('the rolling gap under the timeline', () => {
  it('is a chart of its own, with the alert thresholds marked, and the timeline has no gap axis', async () => {
    // Values given by hand: the panel draws what it is given.
    const rollingGap = [-20, -25, -30, 5];
    // 5 May 2019 stands alone in its 90-day window; the value is given all the same.
    const windowCount = [1, 2, 3, 1];
    render(GapChart, { signals, rollingGap, windowCount, windowDays: 90, alertThreshold: 25, zoom: '' });
    const gap = chartNamed(/^Rolling gap over time, 90-day window, latest \+5 \(n = 1\)$/);
    await expect.poll(() => gap.getDatasetMeta(0).data.length).toBe(4);
    expect(gap.data.datasets[0].data.map((p) => (p as { y: number }).y)).toEqual([-20, -25, -30, 5]);
    const levels = (gap.options.plugins as unknown as { marks: { levels: { at: number; label: string }[] } })
      .marks.levels;
    expect(levels.map((l) => [l.at, l.label])).toEqual([
      [-25, 'deterrence-failure risk (≤ -25)'],
      [25, 'spiral risk (≥ +25)'],
    ]);
    // Eleven months without a signal: the line stops at 1 June 2018 and starts again on 5 May 2019.
    expect(segments(gap, 0)).toBe(2);
    await expect.element(page.getByText('Latest: +5 (n = 1).')).toBeInTheDocument();

    render(Timeline, {
      signals,
      senderName: 'Iran',
      receiverName: 'United States',
      tau: 10,
      windowDays: 90,
      analysis: analyseDyad(signals, DEFAULT_SETTINGS),
      crossings: [],
      zoom: '',
      onzoom: () => {},
      onopen: () => {},
    });
    const timeline = chartNamed(/^Intended vs perceived resolve/);
    await expect.poll(() => timeline.getDatasetMeta(0).data.length).toBe(4);
    expect(timeline.data.datasets.map((d) => d.label)).toEqual([
      'Intended (Iran)',
      'Perceived (by United States)',
    ]);
    expect(Object.keys(timeline.options.scales ?? {}).sort()).toEqual(['x', 'y']);
    // Both lines break across the same stretch (and the shading between them with them).
    expect(segments(timeline, 0)).toBe(2);
    expect(segments(timeline, 1)).toBe(2);
  });

  it('joins the points when no stretch is longer than the window', async () => {
    // 5 May 2019 is 338 days after 1 June 2018: within a 400-day window.
    render(GapChart, {
      signals,
      rollingGap: [-20, -25, -30, 5],
      windowCount: [1, 2, 3, 4],
      windowDays: 400,
      alertThreshold: 25,
      zoom: '',
    });
    const gap = chartNamed(/^Rolling gap over time, 400-day window/);
    await expect.poll(() => gap.getDatasetMeta(0).data.length).toBe(4);
    expect(segments(gap, 0)).toBe(1);
  });

  it('leaves out a value that cannot be said, and says so of the last', async () => {
    render(GapChart, {
      signals,
      rollingGap: [Number.NaN, Number.NaN, -30, Number.NaN],
      windowCount: [1, 2, 3, 1],
      windowDays: 90,
      alertThreshold: 25,
      zoom: '',
    });
    const gap = chartNamed(
      /^Rolling gap over time, 90-day window, too few signals to say at the last \(n = 1\)$/,
    );
    await expect.element(page.getByText('Latest: – (n = 1).')).toBeInTheDocument();
    await expect.poll(() => gap.getDatasetMeta(0).data.length).toBeGreaterThan(0);
    const drawn = gap.getDatasetMeta(0).data.filter((p) => !(p as unknown as { skip: boolean }).skip);
    expect(drawn).toHaveLength(1);
  });

  it('lines up with the timeline and the mixed-message chart date for date', async () => {
    render(Timeline, {
      signals,
      senderName: 'Iran',
      receiverName: 'United States',
      tau: 10,
      windowDays: 90,
      analysis: analyseDyad(signals, DEFAULT_SETTINGS),
      crossings: [],
      zoom: '',
      onzoom: () => {},
      onopen: () => {},
    });
    render(GapChart, {
      signals,
      rollingGap: [-20, -25, -30, 5],
      windowCount: [1, 2, 3, 1],
      windowDays: 90,
      alertThreshold: 25,
      zoom: '',
    });
    render(MixedMessages, {
      signals,
      index: [null, null, 12.5, null],
      words: [1, 1, 2, 0],
      deeds: [0, 1, 1, 0],
      windowDays: 90,
      zoom: '',
    });
    const charts = [
      /^Intended vs perceived resolve/,
      /^Rolling gap over time/,
      /^Mixed-message index over time/,
    ].map(chartNamed);
    await expect.poll(() => charts.every((c) => c.getDatasetMeta(0).data.length > 0)).toBe(true);
    // The first signal's date at one x on all three: the axes beside them are one width.
    const first = Date.UTC(2018, 4, 8);
    const xs = charts.map((c) => Math.round(c.scales.x.getPixelForValue(first)));
    expect(xs[1]).toBe(xs[0]);
    expect(xs[2]).toBe(xs[0]);
  });
});
