import { Chart } from 'chart.js';
import type { MarksOptions } from '../../src/lib/charts/marks';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import Timeline from '../../src/lib/components/dashboard/Timeline.svelte';
import { analyseDyad } from '../../src/lib/domain/analytics';
import { DEFAULT_SETTINGS, type Signal } from '../../src/lib/domain/types';
import { signal } from '../unit/factories';

const signals: Signal[] = [
  signal({ date: '2019-06-20', title: 'Drone downed', intended: 60, perceived: 70 }),
  signal({ date: '2019-09-14', title: 'Abqaiq struck', intended: 65, perceived: 70 }),
  signal({ date: '2020-01-08', title: 'Missiles on Ain al-Asad', intended: 45, perceived: 70, capped: true }),
];

function readyMarks(): number {
  return performance.getEntriesByName('dashboard-ready').length;
}

afterEach(() => performance.clearMarks('dashboard-ready'));

async function show(list: Signal[], onopen: (s: Signal) => void = () => {}, zoom = '') {
  return render(Timeline, {
    signals: list,
    senderName: 'Iran',
    receiverName: 'United States',
    tau: 10,
    windowDays: 90,
    analysis: analyseDyad(list, DEFAULT_SETTINGS),
    crossings: [{ date: '2019-09-14', label: 'No attack on Gulf oil' }],
    zoom,
    onzoom: () => {},
    onopen,
  });
}

function chartOf(): Chart {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas[role="img"]');
  const chart = canvas && Chart.getChart(canvas);
  if (!chart) throw new Error('no chart on the canvas');
  return chart;
}

describe('the resolve timeline', () => {
  it('is an image named for the dyad and its span', async () => {
    await show(signals);
    const image = page.getByRole('img', { name: /^Intended vs perceived resolve/ });
    await expect.element(image).toBeInTheDocument();
    expect(image.element().getAttribute('aria-label')).toBe(
      'Intended vs perceived resolve: Iran → United States, 3 signals from 20 Jun 2019 to 8 Jan 2020. The same points are listed in the table beside the chart.',
    );
  });

  it('marks dashboard-ready once per draw of new data, not on hover', async () => {
    const screen = await show(signals);
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    // A redraw of the same data (as hovering causes) is not a new draw of data.
    chart.render();
    expect(readyMarks()).toBe(1);
    const more = [...signals, signal({ date: '2020-01-10', intended: 40, perceived: 40 })];
    await screen.rerender({ signals: more, analysis: analyseDyad(more, DEFAULT_SETTINGS) });
    await expect.poll(readyMarks).toBe(2);
    expect(chartOf().data.datasets[0].data).toHaveLength(4);
  });

  it('plots each date on its own calendar day, whatever the time zone', async () => {
    await show(signals);
    const chart = chartOf();
    const first = (chart.data.datasets[0].data[0] as { x: number }).x;
    const day = new Date(first);
    // UTC midnight of 20 June 2019, whatever the browser's zone (west of UTC in these tests).
    expect([day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCHours()]).toEqual([
      2019, 6, 20, 0,
    ]);
  });

  it('shades the gap between the lines, under where perceived is below intended and over where above', async () => {
    await show(signals);
    const perceived = chartOf().data.datasets[1] as { fill?: unknown };
    expect(perceived.fill).toEqual({
      target: 0,
      below: 'rgba(220, 38, 38, 0.22)',
      above: 'rgba(124, 58, 237, 0.22)',
    });
  });

  it('draws a crossed red line as a labelled vertical line on its date', async () => {
    await show(signals);
    const marks = (chartOf().options.plugins as unknown as { marks: MarksOptions }).marks;
    expect(marks.lines).toHaveLength(1);
    const [line] = marks.lines;
    expect(line.at).toBe(Date.UTC(2019, 8, 14));
    expect(line.label).toEqual(['Red line crossed 14 Sep 2019', 'No attack on Gulf oil']);
  });

  it('opens the signal whose point is clicked', async () => {
    const opened: Signal[] = [];
    await show(signals, (s) => opened.push(s));
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    const point = chart.getDatasetMeta(0).data[1];
    const canvas = chart.canvas;
    const box = canvas.getBoundingClientRect();
    await userEvent.click(page.elementLocator(canvas), {
      position: { x: Math.round(point.x), y: Math.round(point.y) },
    });
    expect(box.width).toBeGreaterThan(0);
    await expect.poll(() => opened.map((s) => s.title)).toEqual(['Abqaiq struck']);
  });

  it('shows only the zoomed dates and offers to reset', async () => {
    await show(signals, () => {}, '2019-09-01~2019-12-31');
    const x = chartOf().scales.x;
    expect(x.min).toBe(Date.UTC(2019, 8, 1));
    await expect.element(page.getByRole('button', { name: 'Reset zoom' })).toBeInTheDocument();
  });

  it('loads zoom and pan when a pointer first comes over the chart, not before', async () => {
    await show(signals);
    await expect.poll(readyMarks).toBe(1);
    const wheelZooms = () =>
      !!(chartOf().options.plugins as { zoom?: { zoom?: { wheel?: { enabled?: boolean } } } }).zoom?.zoom
        ?.wheel?.enabled;
    expect(wheelZooms()).toBe(false);
    await userEvent.hover(page.getByRole('img', { name: /^Intended vs perceived resolve/ }));
    await expect.poll(wheelZooms).toBe(true);
  });
});
