import { describe, expect, it } from 'vitest';
import { decompositionSentence, dyadMetrics } from '../../src/lib/domain/metrics';
import { analyseDyad, mixedMessageIndex, mixedMessageSign } from '../../src/lib/domain/series';
import { DEFAULT_SETTINGS, type Kind, type Signal } from '../../src/lib/domain/types';
import { signal } from './factories';

/** A signal of a kind with a displayed resolve (null for none). */
function shown(date: string, kind: Kind, displayed: number | null): Signal {
  return signal({ date, kind, displayed });
}

describe('the mixed-message index (words against deeds, on displayed resolve)', () => {
  it('is the words’ mean displayed resolve minus the deeds’ once 3 such signals are in the window', () => {
    const sorted = [
      shown('2019-06-01', 'statement', 60),
      shown('2019-06-02', 'threat', 50),
      shown('2019-06-03', 'restraint', 10),
    ];
    // words (60 + 50) / 2 = 55, deeds 10: the sender talks 45 points tougher than it acts
    expect(mixedMessageIndex(sorted, 90)).toEqual([null, null, 45]);
  });

  it('is below zero when the sender acts tougher than it talks, and counts a signal of neither kind toward the 3', () => {
    const sorted = [
      shown('2019-06-01', 'statement', 60),
      shown('2019-06-02', 'force', 80),
      shown('2019-06-03', 'other', 40),
    ];
    expect(mixedMessageIndex(sorted, 90)).toEqual([null, null, 60 - 80]);
  });

  it.each([
    {
      case: 'no signal has a displayed resolve',
      list: [
        shown('2019-06-01', 'statement', null),
        shown('2019-06-02', 'restraint', null),
        shown('2019-06-03', 'threat', null),
      ],
    },
    {
      case: 'only words',
      list: [
        shown('2019-06-01', 'statement', 60),
        shown('2019-06-02', 'threat', 70),
        shown('2019-06-03', 'diplomacy', 20),
      ],
    },
    {
      case: 'only deeds',
      list: [
        shown('2019-06-01', 'restraint', 10),
        shown('2019-06-02', 'force', 80),
        shown('2019-06-03', 'sanction', 40),
      ],
    },
    {
      case: 'a word and a deed, but only two with a displayed resolve',
      list: [
        shown('2019-06-01', 'statement', 60),
        shown('2019-06-02', 'restraint', 10),
        shown('2019-06-03', 'threat', null),
      ],
    },
  ])('cannot be said when $case', ({ list }) => {
    expect(mixedMessageIndex(list, 90)).toEqual([null, null, null]);
  });

  it('goes back to none when the window slides past its words or deeds (7 days)', () => {
    const sorted = [
      shown('2019-06-01', 'statement', 70),
      shown('2019-06-02', 'threat', 50),
      shown('2019-06-03', 'restraint', 10), // words 60, deeds 10 → 50
      // window (06-02, 06-09]: the restraint and this deployment, two signals
      shown('2019-06-09', 'deployment', 30),
    ];
    expect(mixedMessageIndex(sorted, 7)).toEqual([null, null, 50, null]);
  });
});

describe('signalling gap and reading gap', () => {
  const list = [
    // showed 20 less than it meant, read 20 less than shown
    signal({ date: '2019-06-01', intended: 80, displayed: 60, perceived: 40 }),
    // showed 5 more than it meant, read 10 less than shown
    signal({ date: '2019-06-02', intended: 50, displayed: 55, perceived: 45 }),
    signal({ date: '2019-06-03', intended: 70, displayed: null, perceived: 30 }),
  ];

  it('are means over the signals with a displayed resolve, with their count', () => {
    const metrics = dyadMetrics(list);
    expect(metrics.signallingGap).toBe((-20 + 5) / 2); // −7.5
    expect(metrics.readingGap).toBe((-20 + -10) / 2); // −15
    expect(metrics.displayedCount).toBe(2);
    expect(metrics.count).toBe(3);
  });

  it('say where the gap comes from in one sentence', () => {
    expect(decompositionSentence('United States', 'Iran', dyadMetrics(list))).toBe(
      "Of Iran's -22.5 reading of United States resolve, -7.5 comes from what United States showed and -15 from how Iran read it (2 of 3 signals).",
    );
  });

  it('write the counts of the sentence with their digits grouped, as every other count', () => {
    const metrics = { signallingGap: -0.1, readingGap: -4.3, displayedCount: 20000, count: 20000 };
    expect(decompositionSentence('Northland', 'Southland', metrics)).toBe(
      "Of Southland's -4.4 reading of Northland resolve, -0.1 comes from what Northland showed and -4.3 from how Southland read it (20,000 of 20,000 signals).",
    );
  });

  it('are none, with no sentence, when no signal has a displayed resolve', () => {
    const metrics = dyadMetrics([signal({ intended: 80, perceived: 40 })]);
    expect([metrics.signallingGap, metrics.readingGap, metrics.displayedCount]).toEqual([null, null, 0]);
    expect(decompositionSentence('United States', 'Iran', metrics)).toBeNull();
  });
});

describe('what the mixed-message index rests on, and its sign in words', () => {
  it('counts the words and the deeds with a displayed resolve in each window, not the others', () => {
    const sorted = [
      shown('2019-06-01', 'statement', 60),
      shown('2019-06-02', 'threat', null),
      shown('2019-06-03', 'restraint', 10),
      shown('2019-06-04', 'other', 40),
      // 1 Sep is 92 days after 1 Jun: the June signals have left a 90-day window.
      shown('2019-09-01', 'force', 70),
    ];
    const analysis = analyseDyad(sorted, DEFAULT_SETTINGS);
    expect([...analysis.windowWords]).toEqual([1, 1, 1, 1, 0]);
    expect([...analysis.windowDeeds]).toEqual([0, 0, 1, 1, 1]);
    // At 4 Jun: 3 signals with a displayed resolve (60, 10, 40), a word and a deed: 60 − 10.
    expect(analysis.mixedMessage).toEqual([null, null, null, 50, null]);
  });

  it('reads the sign on the value as shown, to one decimal', () => {
    expect(mixedMessageSign(12.5)).toBe('talks tougher than it acts');
    expect(mixedMessageSign(-0.05)).toBe('acts tougher than it talks');
    expect(mixedMessageSign(0.049)).toBe('its words and deeds agree');
    expect(mixedMessageSign(-0.04)).toBe('its words and deeds agree');
  });
});
