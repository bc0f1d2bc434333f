import { Chart } from 'chart.js';
import { hoverText } from '../../src/lib/charts/hover';
import { keyEntries } from '../../src/lib/charts/key';
import { labelBoxes } from '../../src/lib/charts/marks';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import Timeline from '../../src/lib/components/dashboard/Timeline.svelte';
import { analyseDyad } from '../../src/lib/domain/series';
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

async function show(
  list: Signal[],
  onopen: (s: Signal) => void = () => {},
  zoom = '',
  crossings = [
    { id: 'x1', date: '2019-09-14', code: 'R1', text: 'No attack on Gulf oil', title: 'Abqaiq struck' },
  ],
) {
  return render(Timeline, {
    signals: list,
    senderName: 'Iran',
    receiverName: 'United States',
    tau: 10,
    windowDays: 90,
    analysis: analyseDyad(list, DEFAULT_SETTINGS),
    crossings,
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

  it('plots each date at UTC midnight of its calendar day, whatever the time zone', async () => {
    await show(signals);
    const first = (chartOf().data.datasets[0].data[0] as { x: number }).x;
    // Worked out by hand: 20 June 2019 is day 18,067 after 1 January 1970.
    expect(first).toBe(18_067 * 86_400_000);
  });

  /** The colour drawn at a value's place on the plot, as [r, g, b, alpha]. */
  function pixelAt(chart: Chart, date: string, value: number): number[] {
    const x = Math.round(chart.scales.x.getPixelForValue(Date.parse(`${date}T00:00:00Z`)));
    const y = Math.round(chart.scales.y.getPixelForValue(value));
    return [...chart.ctx.getImageData(x, y, 1, 1).data];
  }

  it('fills the gap between the lines red where the receiver underestimates, violet where it overestimates', async () => {
    const under = [
      signal({ date: '2019-01-01', intended: 80, perceived: 20 }),
      signal({ date: '2019-03-01', intended: 80, perceived: 20 }),
    ];
    await show(under, () => {}, '', []);
    await expect.poll(readyMarks).toBe(1);
    const [r, g, b, alpha] = pixelAt(chartOf(), '2019-01-25', 50);
    expect(alpha).toBeGreaterThan(0);
    expect(r).toBeGreaterThan(g + 25);
    expect(r).toBeGreaterThan(b + 25);
    // Outside the two lines nothing is tinted.
    const [r2, g2, b2] = pixelAt(chartOf(), '2019-01-25', 90);
    expect(Math.max(r2, g2, b2) - Math.min(r2, g2, b2)).toBeLessThan(12);
  });

  it('fills violet where perceived runs above intended', async () => {
    const over = [
      signal({ date: '2019-01-01', intended: 20, perceived: 80 }),
      signal({ date: '2019-03-01', intended: 20, perceived: 80 }),
    ];
    await show(over, () => {}, '', []);
    await expect.poll(readyMarks).toBe(1);
    const [r, g, b, alpha] = pixelAt(chartOf(), '2019-01-25', 50);
    expect(alpha).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(r + 20);
    expect(b).toBeGreaterThan(g + 20);
  });

  it('labels a crossed red line with its number and date below the time axis, under its marker', async () => {
    await show(signals);
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    const boxes = labelBoxes(chart);
    expect(boxes.map((b) => b.text)).toEqual(['R1 · 14 Sep 2019']);
    const [box] = boxes;
    const x = chart.scales.x.getPixelForValue(Date.UTC(2019, 8, 14));
    expect(box.left).toBeLessThan(x);
    expect(box.left + box.width).toBeGreaterThan(x);
    // Below the axis and its ticks, inside the canvas: it covers no data.
    expect(box.top).toBeGreaterThanOrEqual(chart.scales.x.bottom);
    expect(box.top + box.height).toBeLessThanOrEqual(chart.height);
    // The label is drawn: its middle is the red of the label, not the canvas's transparent background.
    const [r, g, , alpha] = chart.ctx.getImageData(
      Math.round(box.left + 2),
      Math.round(box.top + 2),
      1,
      1,
    ).data;
    expect(alpha).toBe(255);
    expect(r).toBeGreaterThan(g + 80);
  });

  it('draws a crossing as a dashed red line across the plot and a marker on the axis at its date, and neither when crossings are hidden', async () => {
    const screen = await show(signals);
    await expect.poll(readyMarks).toBe(1);
    /** The red pixels drawn in a column at the crossing's date, between resolve 10 and 30 (no data there), and at its marker. */
    const drawn = () => {
      const chart = chartOf();
      const x = Math.round(chart.scales.x.getPixelForValue(Date.UTC(2019, 8, 14)));
      const from = Math.round(chart.scales.y.getPixelForValue(30));
      const to = Math.round(chart.scales.y.getPixelForValue(10));
      const column = chart.ctx.getImageData(x, from, 1, to - from).data;
      let red = 0;
      for (let i = 0; i < column.length; i += 4)
        if (column[i + 3] > 0 && column[i] > column[i + 1] + 80 && column[i] > column[i + 2] + 80) red++;
      const [r, g, , alpha] = chart.ctx.getImageData(x, Math.round(chart.chartArea.bottom) - 2, 1, 1).data;
      return { red, total: to - from, marker: alpha === 255 && r > g + 80 };
    };
    const shown = drawn();
    // A dash of 4 pixels on, 4 off: about half the column is red.
    expect(shown.red).toBeGreaterThan(shown.total / 4);
    expect(shown.red).toBeLessThan(shown.total);
    expect(shown.marker).toBe(true);

    await screen.rerender({ showCrossings: false });
    await expect.poll(readyMarks).toBe(2);
    // The plot grows into the label band it no longer needs; the column is still clear.
    expect(drawn()).toMatchObject({ red: 0, marker: false });
  });

  it('merges three crossings on one week into labels that do not overlap', async () => {
    const three = ['2019-09-14', '2019-09-15', '2019-09-16'].map((date, k) => ({
      id: `x${k}`,
      date,
      code: `R${k + 1}`,
      text: 'A line',
      title: 'A crossing',
    }));
    await show(signals, () => {}, '', three);
    await expect.poll(readyMarks).toBe(1);
    const boxes = labelBoxes(chartOf());
    expect(boxes.flatMap((b) => b.members).sort()).toEqual([0, 1, 2]);
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const [p, q] = [boxes[a], boxes[b]];
        const apart =
          p.left + p.width <= q.left ||
          q.left + q.width <= p.left ||
          p.top + p.height <= q.top ||
          q.top + q.height <= p.top;
        expect(apart).toBe(true);
      }
  });

  it('zooms to the crossings of a cluster when it is clicked', async () => {
    // Four crossings on four days in a row: three rows of labels, the fourth joins a cluster.
    const four = ['2019-09-14', '2019-09-15', '2019-09-16', '2019-09-17'].map((date, k) => ({
      id: `x${k}`,
      date,
      code: `R${k + 1}`,
      text: 'A line',
      title: 'A crossing',
    }));
    const periods: string[] = [];
    await render(Timeline, {
      signals,
      senderName: 'Iran',
      receiverName: 'United States',
      tau: 10,
      windowDays: 90,
      analysis: analyseDyad(signals, DEFAULT_SETTINGS),
      crossings: four,
      zoom: '',
      onzoom: () => {},
      onopen: () => {},
      onperiod: (from: string, until: string) => periods.push(`${from}~${until}`),
    });
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    const cluster = labelBoxes(chart).find((b) => b.members.length > 1)!;
    expect(cluster.text).toBe('2 crossings');
    await userEvent.click(page.elementLocator(chart.canvas), {
      position: {
        x: Math.round(cluster.left + cluster.width / 2),
        y: Math.round(cluster.top + cluster.height / 2),
      },
    });
    // The cluster holds the 16th and 17th: a week before the first, a week after the last.
    await expect.poll(() => periods).toEqual(['2019-09-09~2019-09-24']);
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

  it('opens nothing on a click on empty plot space, nor at the end of a drag', async () => {
    const opened: Signal[] = [];
    await show(signals, (s) => opened.push(s));
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    const canvas = page.elementLocator(chart.canvas);
    // High above the lines, between two signals' dates: the nearest point is far away.
    const emptyX = Math.round(chart.scales.x.getPixelForValue(Date.UTC(2019, 7, 1)));
    const emptyY = Math.round(chart.scales.y.getPixelForValue(95));
    await userEvent.click(canvas, { position: { x: emptyX, y: emptyY } });
    // A press on one point that ends over another, as a drag to zoom does.
    const point = chart.getDatasetMeta(0).data[1];
    const box = chart.canvas.getBoundingClientRect();
    const at = (x: number, y: number) => ({ clientX: box.left + x, clientY: box.top + y, bubbles: true });
    chart.canvas.dispatchEvent(new PointerEvent('pointerdown', at(point.x - 60, point.y)));
    chart.canvas.dispatchEvent(new MouseEvent('click', at(point.x, point.y)));
    // A true click on the point opens it, and it alone: the two before opened nothing.
    await userEvent.click(canvas, { position: { x: Math.round(point.x), y: Math.round(point.y) } });
    await expect.poll(() => opened.map((s) => s.title)).toEqual(['Abqaiq struck']);
  });

  it('shows every series at the hovered date in its tooltip', async () => {
    await show(signals);
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    const point = chart.getDatasetMeta(1).data[2];
    await userEvent.hover(page.elementLocator(chart.canvas), {
      position: { x: Math.round(point.x), y: Math.round(point.y) },
    });
    await expect.poll(() => hoverText(chart)?.title).toEqual(['8 Jan 2020 · Missiles on Ain al-Asad']);
    const lines = hoverText(chart)!.lines;
    expect(lines[0]).toMatch(/^Intended: 45/);
    expect(lines[1]).toMatch(/^Perceived: 70/);
    // 8 Jan 2020 is alone in its 90-day window: too few to say.
    expect(lines[2]).toBe('Rolling gap: –');
    expect(hoverText(chart)!.footer).toEqual(['Gap +25 (overestimated)']);
  });

  it('gives a consensus score, a mean of several analysts’ scores, to one decimal in its tooltip', async () => {
    // Three analysts scored intended 40, 50 and 50: the consensus is 140 / 3 = 46.666…;
    // two scored perceived 30 and 31: 30.5.
    const team = [signal({ date: '2019-06-20', title: 'Drone downed', intended: 140 / 3, perceived: 30.5 })];
    await show(team);
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    const point = chart.getDatasetMeta(0).data[0];
    await userEvent.hover(page.elementLocator(chart.canvas), {
      position: { x: Math.round(point.x), y: Math.round(point.y) },
    });
    await expect.poll(() => hoverText(chart)?.lines[0]).toBe('Intended: 46.7 · coercion+');
    expect(hoverText(chart)!.lines[1]).toBe('Perceived: 30.5 · words+');
    // 30.5 − 46.666… = −16.166…: the gap is a signed whole number, as everywhere.
    expect(hoverText(chart)!.footer).toEqual(['Gap -16 (underestimated)']);
  });

  it('grouped by week, draws each week once, its tooltip giving the mean and range of every series', async () => {
    // Two weeks: Monday 6 to Sunday 12 January 2020, and Monday 13 January.
    const week = [
      signal({ date: '2020-01-06', intended: 40, perceived: 10 }),
      signal({ date: '2020-01-08', intended: 60, perceived: 30 }),
      signal({ date: '2020-01-12', intended: 80, perceived: 20 }),
      signal({ date: '2020-01-13', intended: 50, perceived: 50 }),
    ];
    await render(Timeline, {
      signals: week,
      senderName: 'Iran',
      receiverName: 'United States',
      tau: 10,
      windowDays: 90,
      analysis: analyseDyad(week, DEFAULT_SETTINGS),
      crossings: [],
      zoom: '',
      onzoom: () => {},
      onopen: () => {},
      group: 'week',
    });
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    expect(chart.getDatasetMeta(0).data).toHaveLength(2);
    const point = chart.getDatasetMeta(0).data[0];
    await userEvent.hover(page.elementLocator(chart.canvas), {
      position: { x: Math.round(point.x) + 1, y: Math.round(point.y) },
    });
    await expect.poll(() => hoverText(chart)?.title).toEqual(['Week of 6 Jan 2020 · 3 signals']);
    expect(hoverText(chart)!.lines).toEqual([
      'Intended (Iran): mean 60, range 40–80',
      'Perceived (by United States): mean 20, range 10–30',
      // Rolling gaps of the three: none for the first two (1 and 2 signals in the window: too
      // few to say), then (−30 − 30 − 60) / 3 = −40; the mean of those that can be said, −40.
      'Rolling gap: mean -40',
    ]);
  });

  it("with two analysts, draws the team's spread as a band around each line and lists each analyst in the tooltip", async () => {
    const names: Record<string, string> = { a: 'Anna', b: 'Boris' };
    const score = (analystId: string, intended: number, perceived: number) =>
      ({ analystId, intended, perceived, displayed: null, confidence: 'moderate' }) as const;
    const team = [
      signal({
        date: '2019-06-20',
        title: 'Drone downed',
        intended: 55,
        perceived: 65,
        scores: [score('a', 50, 60), score('b', 60, 70)],
      }),
      signal({
        date: '2019-09-14',
        title: 'Abqaiq struck',
        intended: 65,
        perceived: 70,
        scores: [score('a', 65, 70)],
      }),
    ];
    await render(Timeline, {
      signals: team,
      senderName: 'Iran',
      receiverName: 'United States',
      tau: 10,
      windowDays: 90,
      analysis: analyseDyad(team, DEFAULT_SETTINGS),
      crossings: [],
      zoom: '',
      onzoom: () => {},
      onopen: () => {},
      analystName: (id: string) => names[id],
    });
    await expect.poll(readyMarks).toBe(1);
    const chart = chartOf();
    const band = (label: string) =>
      chart.data.datasets
        .filter((d) => d.label === label)
        .map((d) => (d.data as { y: number }[]).map((p) => p.y));
    // Intended band 50–60 then 65 alone; perceived 60–70 then 70 alone.
    expect(band('lowest analyst')).toEqual([
      [50, 65],
      [60, 70],
    ]);
    expect(band('highest analyst')).toEqual([
      [60, 65],
      [70, 70],
    ]);
    const point = chart.getDatasetMeta(0).data[0];
    await userEvent.hover(page.elementLocator(chart.canvas), {
      position: { x: Math.round(point.x), y: Math.round(point.y) },
    });
    await expect.poll(() => hoverText(chart)?.title).toEqual(['20 Jun 2019 · Drone downed']);
    expect(hoverText(chart)!.lines.slice(-2)).toEqual([
      'Anna: intended 50, perceived 60 (moderate)',
      'Boris: intended 60, perceived 70 (moderate)',
    ]);
  });

  it('draws no team band for one analyst', async () => {
    await show(signals);
    await expect.poll(readyMarks).toBe(1);
    expect(chartOf().data.datasets.some((d) => d.label === 'lowest analyst')).toBe(false);
  });

  it('shows only the zoomed dates and offers to reset', async () => {
    await show(signals, () => {}, '2019-09-01~2019-12-31');
    const x = chartOf().scales.x;
    expect(x.min).toBe(Date.UTC(2019, 8, 1));
    await expect.element(page.getByRole('button', { name: 'Reset zoom' })).toBeInTheDocument();
  });

  it('keys its two lines above the plot, drawn on the canvas, and not the bands of a grouped view', async () => {
    await show(signals);
    await expect.poll(readyMarks).toBe(1);
    expect(keyEntries(chartOf())).toEqual(['Intended (Iran)', 'Perceived (by United States)']);
    // The plot starts below the key's row.
    expect(chartOf().chartArea.top).toBeGreaterThanOrEqual(18);
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
