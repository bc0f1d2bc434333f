import { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import MixedMessages from '../../src/lib/components/dashboard/MixedMessages.svelte';
import type { Signal } from '../../src/lib/domain/types';
import { signal } from '../unit/factories';

const signals: Signal[] = [
  signal({ date: '2019-09-01', kind: 'statement', displayed: 70 }),
  signal({ date: '2019-09-10', kind: 'restraint', displayed: 20 }),
  signal({ date: '2019-09-20', kind: 'threat', displayed: 80 }),
];
// By hand: the window at each signal holds 1, 2 then 3 of them; words 1, 1, 2 and deeds 0, 1, 1.
const words = [1, 1, 2];
const deeds = [0, 1, 1];

function chartOf(): Chart | undefined {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas[role="img"]');
  return (canvas && Chart.getChart(canvas)) || undefined;
}

type Level = { at: number; label: string; side?: string };

describe('the mixed-message chart', () => {
  it('says the sign of the latest index in words, with the words and deeds it rests on', async () => {
    // By hand: at 20 Sep the words' mean displayed resolve is (70 + 80) / 2 = 75 and the
    // deed's 20, so the index is 75 − 20 = +55: the sender talks tougher than it acts.
    render(MixedMessages, { signals, index: [null, null, 55], words, deeds, windowDays: 90, zoom: '' });
    await expect
      .element(page.getByText('Latest: +55, talks tougher than it acts (n = 3: 2 words, 1 deed).'))
      .toBeInTheDocument();
    await expect
      .element(
        page.getByRole('img', {
          name: 'Mixed-message index over time (words minus deeds), latest +55, talks tougher than it acts (n = 3: 2 words, 1 deed)',
        }),
      )
      .toBeInTheDocument();
    await expect.poll(() => chartOf()?.getDatasetMeta(0).data.length ?? 0).toBe(1);
    // Each side of zero is named on the chart itself.
    const levels = (chartOf()!.options.plugins as unknown as { marks: { levels: Level[] } }).marks.levels;
    expect(levels.map((l) => [l.at, l.side, l.label])).toEqual([
      [0, 'above', '↑ talks tougher than it acts'],
      [0, 'below', '↓ acts tougher than it talks'],
    ]);
  });

  it('below zero the sender acts tougher than it talks', async () => {
    render(MixedMessages, { signals, index: [null, null, -12.5], words, deeds, windowDays: 90, zoom: '' });
    await expect
      .element(page.getByText('Latest: -12.5, acts tougher than it talks (n = 3: 2 words, 1 deed).'))
      .toBeInTheDocument();
  });

  it('a value shown as 0 leans neither way', async () => {
    render(MixedMessages, { signals, index: [null, null, 0.04], words, deeds, windowDays: 90, zoom: '' });
    await expect
      .element(page.getByText('Latest: 0, its words and deeds agree (n = 3: 2 words, 1 deed).'))
      .toBeInTheDocument();
  });

  it('with too few to say it shows –, and what it would rest on', async () => {
    render(MixedMessages, {
      signals: signals.slice(0, 2),
      index: [null, null],
      words: [1, 1],
      deeds: [0, 1],
      windowDays: 90,
      zoom: '',
    });
    await expect.element(page.getByText('Latest: – (n = 2: 1 word, 1 deed).')).toBeInTheDocument();
  });
});
