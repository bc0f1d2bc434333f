import { Chart } from 'chart.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import Timeline from '../../src/lib/components/dashboard/Timeline.svelte';
import WireToggle from '../../src/lib/components/dashboard/WireToggle.svelte';
import { db } from '../../src/lib/db/database';
import { analyseDyad } from '../../src/lib/domain/series';
import type { CandidateEvent } from '../../src/lib/domain/events/candidates';
import type { WirePoint } from '../../src/lib/domain/events/wire';
import { DEFAULT_SETTINGS, type Signal } from '../../src/lib/domain/types';
import { wireChoice } from '../../src/lib/state/wire-choice.svelte';
import { IRAN, US, actor, candidateEvent, signal } from '../unit/factories';

afterEach(() => {
  wireChoice.reset();
  localStorage.clear();
  performance.clearMarks('dashboard-ready');
});

const readyMarks = () => performance.getEntriesByName('dashboard-ready').length;

function chartOf(): Chart {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas[role="img"]');
  const chart = canvas && Chart.getChart(canvas);
  if (!chart) throw new Error('no chart on the canvas');
  return chart;
}

/** How many pixels of a small box around a value's place are drawn (not transparent). */
function drawnAround(chart: Chart, date: string, value: number): number {
  const x = Math.round(chart.scales.x.getPixelForValue(Date.parse(`${date}T00:00:00Z`)));
  const y = Math.round(chart.scales.y.getPixelForValue(value));
  const { data } = chart.ctx.getImageData(x - 4, y - 2, 9, 5);
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
  return drawn;
}

describe("the wire's view on the timeline", () => {
  // The analyst's lines run at 10 and 20; the wire's at 70, far from them and from the grid lines.
  const signals: Signal[] = [
    signal({ date: '2020-01-01', intended: 10, perceived: 20 }),
    signal({ date: '2020-03-01', intended: 10, perceived: 20 }),
  ];
  const wire: WirePoint[] = [
    { date: '2020-01-01', resolve: 70, n: 2 },
    { date: '2020-03-01', resolve: 70, n: 1 },
  ];
  const show = (points: WirePoint[]) =>
    render(Timeline, {
      signals,
      senderName: 'United States',
      receiverName: 'Iran',
      tau: 10,
      windowDays: 90,
      analysis: analyseDyad(signals, DEFAULT_SETTINGS),
      crossings: [],
      zoom: '',
      onzoom: () => {},
      onopen: () => {},
      wire: points,
    });

  it('draws a thin line at the events’ resolve, and nothing there without it', async () => {
    const screen = await show([]);
    await expect.poll(readyMarks).toBe(1);
    expect(drawnAround(chartOf(), '2020-02-10', 70)).toBe(0);

    await screen.rerender({ wire });
    await expect.poll(readyMarks).toBe(2);
    expect(drawnAround(chartOf(), '2020-02-10', 70)).toBeGreaterThan(0);
    // Still nothing at 50, between the wire and the analyst's lines.
    expect(drawnAround(chartOf(), '2020-02-10', 50)).toBe(0);
  });
});

describe("the wire's view control", () => {
  const candidate = (n: number, date: string, resolve: number | null): CandidateEvent =>
    candidateEvent(n, { date, resolve });

  beforeEach(async () => {
    await db.delete();
    await db.open();
    await db.actors.bulkAdd([actor({ id: US, name: 'United States' }), actor({ id: IRAN, name: 'Iran' })]);
    await db.candidates.bulkAdd([
      candidate(1, '2020-01-02', 80),
      candidate(2, '2020-01-02', 40),
      candidate(3, '2020-01-05', 20),
      candidate(4, '2020-01-06', null),
    ]);
  });

  it('is off until asked, then reads the dyad’s events, says what the line rests on, and is remembered', async () => {
    let points: readonly WirePoint[] = [];
    const props = { senderId: US, receiverId: IRAN, onpoints: (p: readonly WirePoint[]) => (points = p) };
    render(WireToggle, props);
    const box = page.getByRole('checkbox', { name: "Wire's view" });
    await expect.element(box).not.toBeChecked();
    expect(points).toEqual([]);

    await box.click();
    // 3 events with a resolve on 2 days; the fourth gives none.
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent(/3 events on 2 days \(in the inbox and accepted\)/);
    expect(points).toEqual([
      { date: '2020-01-02', resolve: 60, n: 2 },
      { date: '2020-01-05', resolve: 20, n: 1 },
    ]);

    // Remembered in this browser for this dyad, and for it alone.
    const key = `${US}~${IRAN}`;
    expect(JSON.parse(localStorage.getItem('parallax.wire') ?? '[]')).toEqual([key]);
    render(WireToggle, { ...props, senderId: IRAN, receiverId: US });
    const boxes = page.getByRole('checkbox', { name: "Wire's view" }).all();
    expect(boxes).toHaveLength(2);
    await expect.element(boxes[1]).not.toBeChecked();
    await boxes[0].click();
    await expect.element(boxes[0]).not.toBeChecked();
    expect(points).toEqual([]);
    expect(localStorage.getItem('parallax.wire')).toBe('[]');
  });
});
