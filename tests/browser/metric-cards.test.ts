import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import MetricCards from '../../src/lib/components/dashboard/MetricCards.svelte';
import { dyadMetrics } from '../../src/lib/domain/metrics';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/types';
import { signal } from '../unit/factories';

describe('the metric cards', () => {
  it('show the largest |gap| of a consensus, a mean of several analysts’ scores, to one decimal', async () => {
    // Intended 40, 50 and 50 from three analysts: 140 / 3; perceived 30 and 31: 30.5.
    // |30.5 − 46.666…| = 16.166…, shown 16.2; the other signal's |gap| is 10.
    const list = [
      signal({ date: '2020-01-02', intended: 50, perceived: 40 }),
      signal({ date: '2020-01-03', intended: 140 / 3, perceived: 30.5 }),
    ];
    render(MetricCards, {
      metrics: dyadMetrics(list, DEFAULT_SETTINGS),
      latest: list[1],
      tau: 10,
      windowDays: 90,
    });
    const largest = page.getByText('Largest |gap|').element().nextElementSibling;
    await expect.poll(() => largest?.textContent?.trim()).toBe('16.2');
  });
});
