import { Chart } from 'chart.js';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { chartImage } from '../../src/lib/charts/export';
import { mirrorPlaneConfig } from '../../src/lib/charts/mirror';
import MirrorPlane from '../../src/lib/components/compare/MirrorPlane.svelte';
import { pairMirror } from '../../src/lib/domain/mirror';
import type { Signal } from '../../src/lib/domain/types';
import { IRAN, US, signal } from '../unit/factories';

// The Now marker's colour as a stylesheet would define it, light and dark.
const style = document.createElement('style');
style.textContent = `
  :root { --chart-rolling: rgb(17, 24, 39); }
  :root[data-theme='dark'] { --chart-rolling: rgb(250, 204, 21); }
`;
document.head.append(style);

afterEach(() => document.documentElement.removeAttribute('data-theme'));

function plane(): Chart | undefined {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas[role="img"]');
  return (canvas && Chart.getChart(canvas)) || undefined;
}

const gap = (
  date: string,
  g: number,
  senderId: string,
  receiverId: string,
  confidence: Signal['confidence'] = 'moderate',
) => signal({ date, intended: 60, perceived: 60 + g, senderId, receiverId, confidence });

// United States → Iran: how Iran reads the United States (across).
const usIran = [
  gap('2019-06-01', -30, US, IRAN),
  gap('2019-06-10', -20, US, IRAN),
  gap('2019-06-20', -40, US, IRAN),
  gap('2019-07-01', -10, US, IRAN, 'high'),
];
// Iran → United States: how the United States reads Iran (up).
const iranUs = [
  gap('2019-06-05', 5, IRAN, US),
  gap('2019-06-15', 0, IRAN, US),
  gap('2019-06-25', 10, IRAN, US),
  gap('2019-07-10', -60, IRAN, US),
];

// Worked by hand, W = 90 days (every window here holds all the dyad's signals so far), τ = 10:
// - 20 Jun: US → Iran has its third signal, (−30 − 20 − 40) / 3 = −30; Iran → US has two: no point.
// - 25 Jun: Iran → US has its third, (5 + 0 + 10) / 3 = +5: the first point, (−30, +5).
// - 1 Jul: US → Iran's high-confidence −10 weighs 3, the others 2:
//   (2·(−30) + 2·(−20) + 2·(−40) + 3·(−10)) / 9 = −210 / 9 = −23.33…: (−23.33, +5).
// - 10 Jul: Iran → US (5 + 0 + 10 − 60) / 4 = −11.25: (−23.33, −11.25), both under −τ.
const THIRD = -210 / 9;

function datasetPoints(chart: Chart, k: number): [number, number][] {
  return (chart.data.datasets[k].data as { x: number; y: number }[]).map((p) => [p.x, p.y]);
}

function titleOf(chart: Chart, axis: 'x' | 'y'): unknown {
  return (chart.scales[axis].options as { title?: unknown }).title;
}

describe('the mirror plane', () => {
  it('places the pair where its two rolling gaps put it, traces its path and names where it stands', async () => {
    render(MirrorPlane, {
      aName: 'United States',
      bName: 'Iran',
      aToB: usIran,
      bToA: iranUs,
      tau: 10,
      windowDays: 90,
    });
    await expect
      .element(
        page.getByText(
          'Mutual complacency: Iran underrates United States (-23.3), United States underrates Iran (-11.3).',
        ),
      )
      .toBeInTheDocument();
    await expect.poll(() => plane()?.getDatasetMeta(0).data.length).toBe(3);
    const chart = plane()!;
    const path = datasetPoints(chart, 0);
    expect(path.map(([x]) => x)).toEqual([-30, expect.closeTo(THIRD, 9), expect.closeTo(THIRD, 9)]);
    expect(path.map(([, y]) => y)).toEqual([5, 5, -11.25]);
    // Now: the one point where both latest rolling gaps put the pair, named with its date.
    const [now] = datasetPoints(chart, 1);
    expect(now[0]).toBeCloseTo(THIRD, 9);
    expect(now[1]).toBe(-11.25);
    expect(chart.data.datasets[1].label).toBe('Now (10 Jul 2019)');
    expect(chart.data.datasets[2].data).toEqual([]);
    // The widest value, 30, rounds up to the next 25: both axes run −50 to +50.
    expect([chart.scales.x.min, chart.scales.x.max, chart.scales.y.min, chart.scales.y.max]).toEqual([
      -50, 50, -50, 50,
    ]);
    expect(titleOf(chart, 'x')).toMatchObject({
      text: 'How Iran reads United States (rolling gap)',
    });
    expect(titleOf(chart, 'y')).toMatchObject({
      text: 'How United States reads Iran (rolling gap)',
    });

    // The regions, their edges at ±τ and the axes' ends.
    const annotations = (
      chart.options.plugins as unknown as {
        annotation: {
          annotations: Record<
            string,
            {
              type: string;
              xMin: number;
              xMax: number;
              yMin: number;
              yMax: number;
              label?: { content: string };
            }
          >;
        };
      }
    ).annotation.annotations;
    const boxes = Object.values(annotations).filter((a) => a.type === 'box');
    const regions = boxes.map((a) => [a.label?.content, a.xMin, a.xMax, a.yMin, a.yMax]);
    expect(regions).toEqual([
      ['clear reading', -10, 10, -10, 10],
      ['spiral', 10, 50, 10, 50],
      ['mutual complacency', -50, -10, -50, -10],
      // One side under −τ, the other not: two strips of one region.
      ['deterrence failure', -50, -10, -10, 50],
      ['deterrence failure', -10, 50, -50, -10],
      ['one-sided fear', 10, 50, -10, 10],
      ['one-sided fear', -10, 10, 10, 50],
    ]);
    // Their edges, dashed at ±τ on either axis.
    const edges = Object.values(annotations).filter((a) => a.type === 'line');
    expect(edges.map((a) => [a.xMin, a.yMin])).toEqual([
      [-10, undefined],
      [10, undefined],
      [undefined, -10],
      [undefined, 10],
    ]);

    const name = chart.canvas.getAttribute('aria-label') ?? '';
    expect(name).toMatch(/^Mirror reading of United States and Iran: how Iran reads United States across/);
    expect(name).toContain('path: 3 dates from 25 Jun 2019 to 10 Jul 2019');
    expect(name).toContain('Mutual complacency');
    await expect.element(page.getByRole('button', { name: 'Download chart' })).toBeInTheDocument();
    // The values, for a reader who cannot see the canvas.
    await expect
      .element(page.getByText('1 Jul 2019: Iran reads United States -23.3, United States reads Iran +5'))
      .toBeInTheDocument();
  });

  it('shows no point for a date when a side has too few signals, and says too few rather than 0', async () => {
    // 1 Jan 2020: US → Iran's window, the 90 days up to it, holds that signal alone.
    render(MirrorPlane, {
      aName: 'United States',
      bName: 'Iran',
      aToB: [...usIran, gap('2020-01-01', 0, US, IRAN)],
      bToA: iranUs,
      tau: 10,
      windowDays: 90,
    });
    await expect
      .element(page.getByText(/^Too few signals to say where United States and Iran stand/))
      .toBeInTheDocument();
    await expect.poll(() => plane()?.getDatasetMeta(0).data.length).toBe(3);
    const chart = plane()!;
    // The path keeps its three dates, none on 1 Jan 2020; there is no Now.
    expect(datasetPoints(chart, 0).map(([, y]) => y)).toEqual([5, 5, -11.25]);
    expect(chart.data.datasets[1].data).toEqual([]);
    expect(chart.data.datasets[1].label).toBe('Now: too few signals to say');
    // The path's end is marked as the last date both could be said, not as now.
    expect(datasetPoints(chart, 2)).toEqual([[expect.closeTo(THIRD, 9), -11.25]]);
    expect(chart.data.datasets[2].label).toBe('Last said (10 Jul 2019)');
    const lastSaid =
      'On 10 Jul 2019, the last date both could be said, the pair stood in mutual complacency ' +
      '(how Iran reads United States -23.3, how United States reads Iran -11.3).';
    await expect.element(page.getByText(lastSaid)).toBeInTheDocument();
    expect(chart.canvas.getAttribute('aria-label')).toContain('Too few signals to say');
    expect(chart.canvas.getAttribute('aria-label')).toContain(lastSaid);
  });

  it('has no path at all when one side has no signal', async () => {
    render(MirrorPlane, { aName: 'Iran', bName: 'Ukraine', aToB: [], bToA: iranUs, tau: 10, windowDays: 90 });
    await expect
      .element(page.getByText(/^Too few signals to say where Iran and Ukraine stand/))
      .toBeInTheDocument();
    await expect.poll(() => plane()?.data.datasets.length).toBe(3);
    expect(plane()!.data.datasets.map((d) => d.data.length)).toEqual([0, 0, 0]);
    expect(plane()!.canvas.getAttribute('aria-label')).toContain(
      'no date where both rolling gaps can be said',
    );
  });

  it('recolours in the dark theme', async () => {
    render(MirrorPlane, {
      aName: 'United States',
      bName: 'Iran',
      aToB: usIran,
      bToA: iranUs,
      tau: 10,
      windowDays: 90,
    });
    /** The colour drawn at the middle of the Now marker. */
    const nowColour = () => {
      const chart = plane();
      const point = chart?.getDatasetMeta(1).data[0];
      if (!chart || !point) return null;
      return [...chart.ctx.getImageData(Math.round(point.x), Math.round(point.y), 1, 1).data].slice(0, 3);
    };
    await expect.poll(nowColour).toEqual([17, 24, 39]);
    document.documentElement.setAttribute('data-theme', 'dark');
    await expect.poll(nowColour).toEqual([250, 204, 21]);
  });

  it('downloads as an image of its own shape, however much wider than on screen it is drawn', async () => {
    // Chart.js's parts are registered with the first chart drawn.
    render(MirrorPlane, {
      aName: 'United States',
      bName: 'Iran',
      aToB: usIran,
      bToA: iranUs,
      tau: 10,
      windowDays: 90,
    });
    await expect.poll(() => plane()?.getDatasetMeta(0).data.length).toBe(3);
    const config = mirrorPlaneConfig({
      aName: 'United States',
      bName: 'Iran',
      mirror: pairMirror(usIran, iranUs, { tau: 10, windowDays: 90 }),
      tau: 10,
    }) as unknown as Parameters<typeof chartImage>[0];
    const heading = { title: 'Mirror reading', lines: [] };
    const scale = 2 * (window.devicePixelRatio || 1);
    const size = async (blob: Blob) => {
      const bitmap = await createImageBitmap(blob);
      return [bitmap.width / scale, bitmap.height / scale];
    };
    // 480 × 400 on screen is drawn 960 wide; the heading takes 20 + 18 + 8 + 8 = 54 and the margin below 20.
    // Kept to its shape, the plot is 960 × 800; else 960 × 400, twice as wide for its height as on screen.
    expect(await size(await chartImage(config, heading, 480, 400, true))).toEqual([960, 54 + 800 + 20]);
    expect(await size(await chartImage(config, heading, 480, 400))).toEqual([960, 54 + 400 + 20]);
  });
});
