import { describe, expect, it } from 'vitest';
import { panelHeading } from '../../src/lib/charts/panels';
import { breakAfter } from '../../src/lib/charts/timeline';
import { signal } from './factories';

describe('the charts under the timeline', () => {
  it('break their lines past W days without a signal, in the time axis’s milliseconds', () => {
    expect(breakAfter(90)).toBe(90 * 24 * 60 * 60 * 1000);
    // No window given: the default W, 90 days.
    expect(breakAfter(undefined)).toBe(7_776_000_000);
  });

  it('head an exported image with the dyad, its dates, its signals, the filters and what it shows', () => {
    const one = [signal({ date: '2019-06-20' })];
    expect(
      panelHeading({
        title: 'Rolling gap',
        dyadName: 'Iran → United States',
        signals: one,
        range: null,
        filters: [],
        about: 'What it shows',
      }),
    ).toEqual({
      title: 'Rolling gap',
      lines: [
        'Iran → United States',
        '20 Jun 2019 – 20 Jun 2019 · 1 signal',
        'No filters: every signal of the dyad',
        'What it shows',
      ],
    });
    const two = [signal({ date: '2019-06-20' }), signal({ date: '2019-09-14' })];
    expect(
      panelHeading({
        title: 'Mixed-message index',
        dyadName: 'Iran → United States',
        signals: two,
        range: { from: '2019-06-01', until: '2019-09-30' },
        filters: ['confidence high'],
        about: 'What it shows',
      }).lines.slice(1, 3),
    ).toEqual(['1 Jun 2019 – 30 Sep 2019 (zoomed) · 2 signals', 'Filters: confidence high']);
  });
});
