import { describe, expect, it } from 'vitest';
import { layoutLabels } from '../../src/lib/charts/marks';
import { autoGroup, groupSeries, periodOf } from '../../src/lib/charts/series';
import { numberCrossings } from '../../src/lib/charts/timeline';
import { dayNumber } from '../../src/lib/domain/dates';
import { describeFilter } from '../../src/lib/domain/filter-text';
import { pageOfDate } from '../../src/lib/domain/paging';
import { signal } from './factories';

const WIDTH = 100;
/** The gap layoutLabels keeps between two labels of a row (its LABEL_GAP). */
const GAP = 6;

function overlaps(a: { left: number; row: number }, b: { left: number; row: number }): boolean {
  return a.row === b.row && a.left < b.left + WIDTH && b.left < a.left + WIDTH;
}

describe('crossing labels', () => {
  it('centres a lone label on its crossing', () => {
    expect(layoutLabels([300], WIDTH, { left: 0, right: 800 })).toEqual([
      { left: 250, row: 0, members: [0] },
    ]);
  });

  it('keeps a label near an edge inside the plot', () => {
    expect(layoutLabels([10, 790], WIDTH, { left: 0, right: 800 })).toEqual([
      { left: 0, row: 0, members: [0] },
      { left: 700, row: 0, members: [1] },
    ]);
  });

  it('stacks labels that would collide, in date order whatever the input order', () => {
    // 300 and 340 are 40 px apart: the second goes a row up; 500 has room in the first row.
    expect(layoutLabels([500, 340, 300], WIDTH, { left: 0, right: 800 })).toEqual([
      { left: 250, row: 0, members: [2] },
      { left: 290, row: 1, members: [1] },
      { left: 450, row: 0, members: [0] },
    ]);
  });

  it('merges into a cluster what finds no free row', () => {
    const placed = layoutLabels([300, 310, 320, 330], WIDTH, { left: 0, right: 800 }, 3);
    expect(placed.map((p) => [p.row, p.members])).toEqual([
      [0, [0]],
      [1, [1]],
      // Blocked in all three rows, the fourth joins the nearest label (the third, 10 px away).
      [2, [2, 3]],
    ]);
  });

  it('never overlaps, with 30 crossings on a narrow chart, and keeps every crossing', () => {
    const xs = Array.from({ length: 30 }, (_, k) => 40 + Math.round(k * k * 0.6 + k * 5));
    const placed = layoutLabels(xs, WIDTH, { left: 40, right: 640 }, 3);
    for (let a = 0; a < placed.length; a++) {
      for (let b = a + 1; b < placed.length; b++) expect(overlaps(placed[a], placed[b])).toBe(false);
    }
    expect(placed.flatMap((p) => p.members).sort((a, b) => a - b)).toEqual(xs.map((_, k) => k));
    for (const p of placed) {
      expect(p.left).toBeGreaterThanOrEqual(40);
      expect(p.left + WIDTH).toBeLessThanOrEqual(640);
      // A cluster's crossings all lie within a label's width (and gap) of its box.
      for (const i of p.members) {
        expect(xs[i]).toBeGreaterThanOrEqual(p.left - WIDTH - GAP);
        expect(xs[i]).toBeLessThanOrEqual(p.left + 2 * WIDTH + GAP);
      }
    }
  });
});

describe('numbered crossings', () => {
  it('numbers red lines in the order first crossed and lists crossings by date', () => {
    const out = numberCrossings([
      {
        id: 'a',
        date: '2019-12-31',
        redLineId: 'embassy',
        text: 'No attack on the embassy',
        title: 'Embassy breached',
      },
      { id: 'b', date: '2019-12-27', redLineId: 'lives', text: 'No American killed', title: 'K-1 rockets' },
      { id: 'c', date: '2020-01-10', redLineId: 'lives', text: 'No American killed', title: 'Later attack' },
    ]);
    expect(out.map((c) => `${c.code} ${c.date} ${c.title}`)).toEqual([
      'R1 2019-12-27 K-1 rockets',
      'R2 2019-12-31 Embassy breached',
      'R1 2020-01-10 Later attack',
    ]);
  });
});

describe('grouping by week and month', () => {
  it('starts weeks on Monday and months on the first', () => {
    // Wednesday 1 January 2020: its week runs from Monday 30 December 2019.
    expect(periodOf(dayNumber('2020-01-01'), 'week')).toEqual({
      from: dayNumber('2019-12-30'),
      until: dayNumber('2020-01-06'),
    });
    expect(periodOf(dayNumber('2020-02-29'), 'month')).toEqual({
      from: dayNumber('2020-02-01'),
      until: dayNumber('2020-03-01'),
    });
  });

  it("gives each week's mean, smallest and largest value, and its count", () => {
    const list = [
      signal({ date: '2020-01-06', intended: 40, perceived: 10 }),
      signal({ date: '2020-01-08', intended: 60, perceived: 30 }),
      signal({ date: '2020-01-12', intended: 80, perceived: 20 }),
      signal({ date: '2020-01-13', intended: 50, perceived: 50 }),
    ];
    const rolling = [null, -20, -40, -10];
    const grouped = groupSeries(list, 'week', rolling);
    expect(grouped.counts).toEqual([3, 1]);
    expect(grouped.intended.map((p) => [p.y, p.min, p.max, p.n])).toEqual([
      [60, 40, 80, 3],
      [50, 50, 50, 1],
    ]);
    expect(grouped.perceived.map((p) => [p.y, p.min, p.max])).toEqual([
      [20, 10, 30],
      [50, 50, 50],
    ]);
    // The rolling gap's mean leaves out the signal that has none.
    expect(grouped.rolling.map((p) => [p.y, p.n])).toEqual([
      [-30, 2],
      [-10, 1],
    ]);
    expect(grouped.intended[0].x).toBe(Date.UTC(2020, 0, 6));
  });

  it('groups automatically only past 400 signals in view, by week, or by month over long spans', () => {
    const daily = (n: number, from = Date.UTC(2020, 0, 1)) =>
      Array.from({ length: n }, (_, k) =>
        signal({ date: new Date(from + k * 86_400_000).toISOString().slice(0, 10) }),
      );
    expect(autoGroup(daily(400))).toBe('signal');
    expect(autoGroup(daily(401))).toBe('week');
    // 401 signals in view of 3,000: zoomed in, by week.
    const long = daily(3000);
    expect(autoGroup(long)).toBe('month');
    expect(autoGroup(long, { from: '2020-01-01', until: '2021-02-04' })).toBe('week');
    expect(autoGroup(long, { from: '2020-01-01', until: '2020-12-31' })).toBe('signal');
  });
});

describe('the active filters in words', () => {
  it('names each filter, and none when nothing is filtered', () => {
    expect(describeFilter({})).toEqual([]);
    expect(
      describeFilter({
        query: ' embassy ',
        from: '2019-06-01',
        kind: 'restraint',
        tag: 'oil',
        minConfidence: 'moderate',
      }),
    ).toEqual([
      'text “embassy”',
      'from 1 Jun 2019',
      'kind restraint',
      'tag “oil”',
      'certainty moderate or more',
    ]);
  });
});

describe('the points table, paged by date', () => {
  // 25 dates, oldest first: 1 to 25 January 2020. Newest first in pages of 10:
  // page 0 holds 25–16 January, page 1 15–6, page 2 5–1.
  const dates = Array.from({ length: 25 }, (_, k) => `2020-01-${String(k + 1).padStart(2, '0')}`);
  const at = (i: number) => dates[i];

  it('finds the page of a date, of the last date before it, or the oldest page', () => {
    expect(pageOfDate(at, 25, '2020-01-25', 10)).toBe(0);
    expect(pageOfDate(at, 25, '2020-01-16', 10)).toBe(0);
    expect(pageOfDate(at, 25, '2020-01-15', 10)).toBe(1);
    expect(pageOfDate(at, 25, '2020-01-05', 10)).toBe(2);
    expect(pageOfDate(at, 25, '2019-12-01', 10)).toBe(2);
    expect(pageOfDate(at, 25, '2021-06-01', 10)).toBe(0);
    expect(pageOfDate(at, 0, '2020-01-01', 10)).toBe(0);
  });
});
