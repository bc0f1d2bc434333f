import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import PointsTable from '../../src/lib/components/dashboard/PointsTable.svelte';
import { signal } from '../unit/factories';

// 25 signals, one a day from 1 to 25 January 2020.
const list = Array.from({ length: 25 }, (_, k) =>
  signal({ date: `2020-01-${String(k + 1).padStart(2, '0')}`, title: `Day ${k + 1}` }),
);

const firstDate = () =>
  page.getByRole('table', { name: 'Points of the resolve timeline' }).element().querySelector('tbody td')
    ?.textContent;

describe('the points table beside the chart', () => {
  it('pages newest first and says which dates a page holds', async () => {
    render(PointsTable, { signals: list, tau: 10, onopen: () => {} });
    await expect.poll(firstDate).toBe('25 Jan 2020');
    await expect.element(page.getByText('16 Jan 2020 – 25 Jan 2020 · page 1 of 3')).toBeInTheDocument();
  });

  it('jumps to the page of a date', async () => {
    render(PointsTable, { signals: list, tau: 10, onopen: () => {} });
    await page.getByLabelText('Jump to date').fill('2020-01-07');
    await expect.poll(firstDate).toBe('15 Jan 2020');
    await expect.element(page.getByText('6 Jan 2020 – 15 Jan 2020 · page 2 of 3')).toBeInTheDocument();
  });

  it('opens on the page of the zoomed range’s end', async () => {
    render(PointsTable, { signals: list, tau: 10, onopen: () => {}, start: '2020-01-03' });
    await expect.poll(firstDate).toBe('5 Jan 2020');
  });

  it('shows a consensus score, a mean of several analysts’ scores, to one decimal', async () => {
    // Intended 40, 50 and 50 from three analysts: 140 / 3 = 46.666…; perceived 30 and 31: 30.5.
    const team = [signal({ date: '2020-01-03', title: 'Strike', intended: 140 / 3, perceived: 30.5 })];
    render(PointsTable, { signals: team, tau: 10, onopen: () => {} });
    const cells = () =>
      [
        ...page
          .getByRole('table', { name: 'Points of the resolve timeline' })
          .element()
          .querySelectorAll('tbody td'),
      ].map((td) => td.textContent?.trim());
    // 30.5 − 46.666… = −16.166…: the gap stays a signed whole number, as in the Signals view.
    await expect.poll(cells).toEqual(['3 Jan 2020', 'Strike', '46.7', '30.5', '-16']);
  });
});
