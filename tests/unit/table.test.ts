import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SORT,
  countBy,
  dyadKey,
  filterSignals,
  formatSort,
  matchesQuery,
  newestFirst,
  nextSort,
  orderSignals,
  pageOf,
  parseDyadKey,
  parseSort,
  sortSignals,
  sumBy,
  type Sort,
} from '../../src/lib/domain/table';
import { IRAN, KATAIB_HEZBOLLAH, US, signal } from './factories';

const titles = (list: readonly { title: string }[]) => list.map((s) => s.title);

describe('sorting the signals table', () => {
  const early = signal({ title: 'early', date: '2019-06-20', intended: 70, perceived: 40 }); // gap -30
  const middle = signal({ title: 'Middle', date: '2019-09-14', intended: 20, perceived: 35 }); // gap +15
  const late = signal({ title: 'late', date: '2020-01-03', intended: 80, perceived: 80 }); // gap 0
  const rows = [middle, early, late];

  it.each<[string, Sort, string[]]>([
    ['newest first by default', DEFAULT_SORT, ['late', 'Middle', 'early']],
    ['oldest first', { key: 'date', direction: 'ascending' }, ['early', 'Middle', 'late']],
    ['titles A to Z, ignoring case', { key: 'title', direction: 'ascending' }, ['early', 'late', 'Middle']],
    ['gap, most underestimated first', { key: 'gap', direction: 'ascending' }, ['early', 'late', 'Middle']],
    ['gap, most overestimated first', { key: 'gap', direction: 'descending' }, ['Middle', 'late', 'early']],
    ['widest gap either way first', { key: 'absGap', direction: 'descending' }, ['early', 'Middle', 'late']],
    [
      'highest intended resolve first',
      { key: 'intended', direction: 'descending' },
      ['late', 'early', 'Middle'],
    ],
    [
      'lowest perceived resolve first',
      { key: 'perceived', direction: 'ascending' },
      ['Middle', 'early', 'late'],
    ],
  ])('%s', (_, sort, expected) => {
    expect(titles(sortSignals(rows, sort))).toEqual(expected);
  });

  it("sorts by every other column the table shows, in each column's own order", () => {
    const names: Record<string, string> = {
      [US]: 'United States',
      [IRAN]: 'Iran',
      [KATAIB_HEZBOLLAH]: 'Kata’ib',
    };
    const name = (id: string) => names[id];
    // Dyads by name: Iran → United States, Kata’ib → United States, United States → Iran.
    const a = signal({
      title: 'a',
      date: '2019-01-01',
      senderId: US,
      receiverId: IRAN,
      kind: 'force',
      confidence: 'low',
      cost: 'sunk cost',
    });
    const b = signal({
      title: 'b',
      date: '2019-01-02',
      senderId: IRAN,
      receiverId: US,
      kind: 'statement',
      confidence: 'high',
      cost: 'cheap talk',
      capped: true,
    });
    const c = signal({
      title: 'c',
      date: '2019-01-03',
      senderId: KATAIB_HEZBOLLAH,
      receiverId: US,
      kind: 'threat',
      confidence: 'moderate',
      cost: 'tied hands',
      redLineId: 'line',
    });
    const list = [a, b, c];
    const by = (key: Sort['key'], direction: Sort['direction']) =>
      titles(sortSignals(list, { key, direction }, name));
    expect(by('dyad', 'ascending')).toEqual(['b', 'c', 'a']);
    expect(by('dyad', 'descending')).toEqual(['a', 'c', 'b']);
    // Kinds in the form's order: statement, threat, …, force.
    expect(by('kind', 'ascending')).toEqual(['b', 'c', 'a']);
    expect(by('confidence', 'descending')).toEqual(['b', 'c', 'a']);
    // Cost by what the sender pays: sunk cost, tied hands, cheap talk.
    expect(by('cost', 'descending')).toEqual(['a', 'c', 'b']);
    // A crossed red line weighs more than a cap; neither is last.
    expect(by('flags', 'descending')).toEqual(['c', 'b', 'a']);
  });

  it('sorts by how many analysts scored a signal and by how far apart they lie', () => {
    const score = (analystId: string, intended: number, perceived: number, displayed: number | null = null) =>
      ({ analystId, intended, perceived, displayed, confidence: 'moderate' }) as const;
    // Largest spreads by hand: a max(30, 5) = 30; b max(10, 40) = 40; c one analyst, none; d max(0, 0) = 0.
    const a = signal({
      title: 'a',
      date: '2019-01-01',
      scores: [score('x', 10, 20, 10), score('y', 40, 25)],
    });
    const b = signal({
      title: 'b',
      date: '2019-01-02',
      scores: [score('x', 50, 10), score('y', 60, 50), score('z', 55, 30)],
    });
    const c = signal({ title: 'c', date: '2019-01-03', scores: [score('x', 90, 0)] });
    const d = signal({ title: 'd', date: '2019-01-04', scores: [score('x', 50, 50), score('y', 50, 50)] });
    const list = [a, b, c, d];
    const by = (key: Sort['key'], direction: Sort['direction']) =>
      titles(sortSignals(list, { key, direction }));
    // Equal counts stay newest first.
    expect(by('analysts', 'descending')).toEqual(['b', 'd', 'a', 'c']);
    expect(by('analysts', 'ascending')).toEqual(['c', 'd', 'a', 'b']);
    // No spread (one analyst) sorts below agreement (spread 0).
    expect(by('spread', 'descending')).toEqual(['b', 'a', 'd', 'c']);
    expect(by('spread', 'ascending')).toEqual(['c', 'd', 'a', 'b']);
  });

  it('leaves the list it was given as it was', () => {
    sortSignals(rows, { key: 'gap', direction: 'ascending' });
    expect(titles(rows)).toEqual(['Middle', 'early', 'late']);
  });

  it('keeps signals with the same gap newest first, in either direction', () => {
    const a = signal({ title: 'a', date: '2019-01-01', intended: 50, perceived: 60 });
    const b = signal({ title: 'b', date: '2019-02-01', intended: 30, perceived: 40 });
    const c = signal({ title: 'c', date: '2019-02-01', intended: 10, perceived: 20 }); // created after b
    for (const direction of ['ascending', 'descending'] as const) {
      expect(titles(sortSignals([a, b, c], { key: 'gap', direction }))).toEqual(['c', 'b', 'a']);
    }
  });

  it('keeps signals of the same date in the order they were logged, the later first', () => {
    const first = signal({ title: 'first', date: '2020-01-08' });
    const second = signal({ title: 'second', date: '2020-01-08' });
    expect(titles(newestFirst([first, second]))).toEqual(['second', 'first']);
  });

  it('orders scores outside 0–100 too, rather than wrongly', () => {
    // The validator never lets these through; an old or hand-edited record might.
    const odd = [signal({ title: 'high', intended: 250 }), signal({ title: 'half', intended: 40.5 })];
    const sample = newestFirst([...odd, middle]);
    expect(titles(orderSignals(sample, { key: 'intended', direction: 'ascending' }))).toEqual([
      'Middle',
      'half',
      'high',
    ]);
    expect(titles(orderSignals(sample, { key: 'intended', direction: 'descending' }))).toEqual([
      'high',
      'half',
      'Middle',
    ]);
  });

  it('filtering a newest-first list keeps it newest first', () => {
    const kept = filterSignals(newestFirst(rows), { query: 'l' });
    expect(titles(kept)).toEqual(['late', 'Middle', 'early']);
  });

  it('sorts 3,000 signals by gap into order', () => {
    // Order, not scale: the sort's speed is npm run bench's to measure.
    const many = Array.from({ length: 3_000 }, (_, i) =>
      signal({ intended: (i * 37) % 101, perceived: (i * 53) % 101 }),
    );
    const gaps = sortSignals(many, { key: 'gap', direction: 'ascending' }).map(
      (s) => s.perceived - s.intended,
    );
    expect(gaps.every((g, i) => i === 0 || gaps[i - 1] <= g)).toBe(true);
    expect(gaps).toHaveLength(3_000);
  });
});

describe('the sort in the URL', () => {
  it.each<[string, Sort]>([
    ['gap', { key: 'gap', direction: 'ascending' }],
    ['-absGap', { key: 'absGap', direction: 'descending' }],
    ['', DEFAULT_SORT],
    ['-shoeSize', DEFAULT_SORT],
  ])('reads %j', (text, sort) => {
    expect(parseSort(text)).toEqual(sort);
  });

  it('writes what it reads', () => {
    expect(formatSort({ key: 'perceived', direction: 'descending' })).toBe('-perceived');
    expect(parseSort(formatSort({ key: 'title', direction: 'ascending' }))).toEqual({
      key: 'title',
      direction: 'ascending',
    });
  });

  it('flips a column clicked again and starts another in its first direction', () => {
    expect(nextSort(DEFAULT_SORT, 'date')).toEqual({ key: 'date', direction: 'ascending' });
    expect(nextSort(DEFAULT_SORT, 'gap')).toEqual({ key: 'gap', direction: 'ascending' });
    expect(nextSort(DEFAULT_SORT, 'title')).toEqual({ key: 'title', direction: 'ascending' });
    expect(nextSort(DEFAULT_SORT, 'absGap')).toEqual({ key: 'absGap', direction: 'descending' });
    expect(nextSort({ key: 'gap', direction: 'ascending' }, 'gap')).toEqual({
      key: 'gap',
      direction: 'descending',
    });
  });
});

describe('filtering the signals table', () => {
  const drone = signal({ title: 'Global Hawk shot down', notes: 'Near Hormuz', tags: ['IRGC'] });
  const strike = signal({ title: 'Strike called off', senderId: US, receiverId: IRAN, tags: ['restraint'] });
  const rockets = signal({ title: 'Rockets on K-1', senderId: KATAIB_HEZBOLLAH, receiverId: US, notes: '' });
  const all = [drone, strike, rockets];

  it.each([
    ['hawk', ['Global Hawk shot down']],
    ['HORMUZ', ['Global Hawk shot down']],
    ['irgc', ['Global Hawk shot down']],
    ['restraint', ['Strike called off']],
    ['strike off', ['Strike called off']],
    ['strike hormuz', []],
    ['  ', ['Global Hawk shot down', 'Strike called off', 'Rockets on K-1']],
  ])('a search for %j finds the signals holding every word in title, notes or tags', (query, expected) => {
    expect(titles(filterSignals(all, { query }))).toEqual(expected);
    expect(all.filter((s) => matchesQuery(s, query)).map((s) => s.title)).toEqual(expected);
  });

  it('keeps one dyad, in its direction', () => {
    expect(titles(filterSignals(all, { dyad: dyadKey(KATAIB_HEZBOLLAH, US) }))).toEqual(['Rockets on K-1']);
    expect(filterSignals(all, { dyad: dyadKey(IRAN, US) })).toEqual([]);
  });

  it('combines the search with the dyad', () => {
    expect(titles(filterSignals(all, { dyad: dyadKey(US, IRAN), query: 'strike' }))).toEqual([
      'Strike called off',
    ]);
    expect(filterSignals(all, { dyad: dyadKey(US, IRAN), query: 'rockets' })).toEqual([]);
  });

  it('hands back the same list when nothing filters', () => {
    expect(filterSignals(all, { query: '', dyad: '' })).toBe(all);
  });

  it('reads a dyad back from its key, and refuses a malformed one', () => {
    expect(parseDyadKey(dyadKey(US, IRAN))).toEqual({ senderId: US, receiverId: IRAN });
    expect(parseDyadKey('just-one-id')).toBeNull();
    expect(parseDyadKey('a~b~c')).toBeNull();
  });
});

describe('pages of the table', () => {
  const twoHundredFifty = Array.from({ length: 250 }, (_, i) => i + 1);

  it('shows the first rows of the first page', () => {
    const first = pageOf(twoHundredFifty, 1, 100);
    expect(first).toMatchObject({ page: 1, pages: 3, first: 1, last: 100 });
    expect(first.rows).toHaveLength(100);
  });

  it('shows what is left on the last page', () => {
    expect(pageOf(twoHundredFifty, 3, 100)).toMatchObject({ page: 3, first: 201, last: 250 });
  });

  it('shows the last page for a page past the end, and the first for nonsense', () => {
    expect(pageOf(twoHundredFifty, 9, 100).page).toBe(3);
    expect(pageOf(twoHundredFifty, NaN, 100).page).toBe(1);
    expect(pageOf(twoHundredFifty, -2, 100).page).toBe(1);
  });

  it('has one empty page when there are no rows', () => {
    expect(pageOf([], 1, 100)).toEqual({ rows: [], page: 1, pages: 1, first: 0, last: 0 });
  });
});

describe('counting rows by a key', () => {
  it('counts each key, leaving out rows without one', () => {
    const rows = [
      signal({ redLineId: 'a' }),
      signal({ redLineId: 'b' }),
      signal({ redLineId: 'a' }),
      signal(),
    ];
    expect(countBy(rows, (s) => s.redLineId)).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
  });

  it('counts the signals of each dyad, in its direction', () => {
    const rows = [signal({ senderId: US, receiverId: IRAN }), signal({ senderId: IRAN, receiverId: US })];
    const counts = countBy(rows, (s) => dyadKey(s.senderId, s.receiverId));
    expect(counts.get(dyadKey(US, IRAN))).toBe(1);
    expect(counts.get(dyadKey(IRAN, US))).toBe(1);
  });
});

describe('sums by key', () => {
  it('adds the amounts of each key', () => {
    const sums = sumBy([
      ['us', 3],
      ['iran', 2],
      ['us', 4],
    ]);
    expect([...sums]).toEqual([
      ['us', 7],
      ['iran', 2],
    ]);
  });
});
