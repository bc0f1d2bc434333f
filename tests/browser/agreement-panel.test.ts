import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import AgreementPanel from '../../src/lib/components/compare/AgreementPanel.svelte';
import type { Score, Signal } from '../../src/lib/domain/types';
import { signal } from '../unit/factories';

const score = (
  analystId: string,
  intended: number,
  perceived: number,
  displayed: number | null = null,
): Score => ({
  analystId,
  intended,
  perceived,
  displayed,
  confidence: 'moderate',
});

/** The cells of the Agreement table's rows, header cell first. */
function tableRows(): string[][] {
  const table = document.querySelector('table[aria-label="Agreement"]')!;
  return [...table.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? ''),
  );
}

describe('the Agreement panel', () => {
  it('gives each dyad its alphas to two decimals, with a dash below two signals scored twice', async () => {
    // Intended (10, 20), (40, 40), (60, 80): α = 172/197 = 0.873 (worked out in agreement.test.ts).
    // Perceived (30, 30), (50, 70), (90, 90): α = 52/57 = 0.912. Displayed (40, 50), (60, 60): α = 8/11 = 0.727.
    const first = [
      signal({ title: 'One', scores: [score('a', 10, 30, 15), score('b', 20, 30)] }),
      signal({ title: 'Two', scores: [score('a', 40, 50, 40), score('b', 40, 70, 50)] }),
      signal({ title: 'Three', scores: [score('a', 60, 90, 60), score('b', 80, 90, 60)] }),
    ];
    const second = [
      signal({ title: 'Alone', scores: [score('a', 10, 30)] }),
      signal({ title: 'Once twice', scores: [score('a', 10, 30), score('b', 50, 30)] }),
    ];
    const opened: Signal[] = [];
    render(AgreementPanel, {
      dyads: [
        { key: 'x~y', label: 'Xland → Yland', signals: first },
        { key: 'y~x', label: 'Yland → Xland', signals: second },
      ],
      signals: [...first, ...second],
      onopen: (s: Signal) => opened.push(s),
    });

    await expect.element(page.getByRole('table', { name: 'Agreement' })).toBeVisible();
    const headers = [...document.querySelectorAll('table[aria-label="Agreement"] thead th')].map((th) =>
      th.textContent?.trim(),
    );
    expect(headers).toEqual(['Dyad', 'Scored by 2+', 'α intended', 'α displayed', 'α perceived']);
    expect(tableRows()).toEqual([
      ['Xland → Yland', '3', '0.87', '0.73', '0.91'],
      ['Yland → Xland', '1', '–', '–', '–'],
    ]);

    // Largest spreads: Once twice 40, One 10, Two 20, Three 20; the widest first, then by date and logging order.
    const list = page.getByRole('region', { name: 'Most disputed signals' }).getByRole('button');
    expect((await list.all()).map((b) => b.element().textContent?.trim())).toEqual([
      'Once twice',
      'Two',
      'Three',
      'One',
    ]);
    await page.getByRole('button', { name: 'Two', exact: true }).click();
    expect(opened.map((s) => s.title)).toEqual(['Two']);
  });

  it('says so when no signal has two analysts', async () => {
    render(AgreementPanel, {
      dyads: [{ key: 'x~y', label: 'Xland → Yland', signals: [signal({ scores: [score('a', 1, 2)] })] }],
      signals: [],
      onopen: () => {},
    });
    await expect.element(page.getByText('No signal has been scored by two analysts yet.')).toBeVisible();
    expect(tableRows()).toEqual([['Xland → Yland', '0', '–', '–', '–']]);
  });
});
