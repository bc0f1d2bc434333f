import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Confidence, type Signal } from '../../src/lib/domain/types';
import { warningRecord, warningSentence } from '../../src/lib/domain/warning-record';
import { IRAN, KATAIB_HEZBOLLAH, US, redLine, signal } from './factories';

const dyad = { senderId: US, receiverId: IRAN };
const killsAmerican = redLine({ actorId: US, targetId: IRAN, text: 'An attack that kills an American' });
const embassy = redLine({ actorId: US, targetId: IRAN, text: 'An attack on the embassy' });
const iranian = redLine({ actorId: IRAN, targetId: US, text: 'An attack on Iranian soil' });
const redLines = [killsAmerican, embassy, iranian];

function usToIran(date: string, gap: number, confidence: Confidence = 'moderate'): Signal {
  const intended = gap < 0 ? 80 : 20;
  return signal({ date, intended, perceived: intended + gap, confidence });
}

function crossing(date: string, lineId: string, senderId = KATAIB_HEZBOLLAH, receiverId = US): Signal {
  return signal({ date, senderId, receiverId, redLineId: lineId, kind: 'force' });
}

// W 90, threshold 25, H 180. Moderate signals weigh alike, so a rolling gap is a plain mean.
const series = [
  // Episode 1: the third signal of 1–3 Oct 2018 is the first with 3 in its window (−40).
  usToIran('2018-10-01', -40),
  usToIran('2018-10-02', -40),
  usToIran('2018-10-03', -40),
  // (−40 · 2 · 3 + 40 · 3) / (2 · 3 + 3) = −120 / 9 ≈ −13.3: the episode ends on 3 Oct.
  usToIran('2018-10-10', 40, 'high'),
  // Episode 2: three on 24 Jun 2019, whose window is that day alone (2018 is far behind).
  usToIran('2019-06-24', -40),
  usToIran('2019-06-24', -40),
  usToIran('2019-06-24', -40),
  // 20–22 Dec: one, two, then three signals in the window at −30: episode 3 starts on 22 Dec.
  usToIran('2019-12-20', -30),
  usToIran('2019-12-21', -30),
  usToIran('2019-12-22', -30),
  // 3 Jan: (3 · 2 · −30 + 2 · 3 · 40) / (6 + 6) = 60 / 12 = 5: no alert.
  usToIran('2020-01-03', 40, 'high'),
  usToIran('2020-01-03', 40, 'high'),
];
const crossings = [
  crossing('2018-01-01', killsAmerican.id), // before any US → Iran signal: missed
  crossing('2019-06-24', embassy.id), // on the day episode 2 starts: warned, lead 0
  crossing('2019-12-27', killsAmerican.id), // in episode 3, from 22 Dec: warned, lead 5
  crossing('2020-01-05', killsAmerican.id), // after the 3 Jan signals ended the alert: missed
  crossing('2019-12-28', iranian.id, US, IRAN), // Iran's line: not in this record
];

describe('the warning record', () => {
  const record = warningRecord({ dyad, series, redLines, crossings, settings: DEFAULT_SETTINGS });

  it('lists every crossing of the sender’s red lines toward the receiver, warned or missed, with its lead time', () => {
    expect(record.crossings.map((c) => [c.date, c.line.text, c.warned, c.warnedSince, c.leadDays])).toEqual([
      ['2018-01-01', 'An attack that kills an American', false, null, null],
      ['2019-06-24', 'An attack on the embassy', true, '2019-06-24', 0],
      ['2019-12-27', 'An attack that kills an American', true, '2019-12-22', 5],
      ['2020-01-05', 'An attack that kills an American', false, null, null],
    ]);
  });

  it('lists every deterrence-failure episode with its deepest rolling gap and the crossing that followed, or a false alarm', () => {
    expect(
      record.episodes.map((e) => [e.start, e.end, e.count, e.deepest, e.followedBy?.date ?? null, e.outcome]),
    ).toEqual([
      // 3 Oct 2018 + 180 days = 1 Apr 2019, and no crossing until June: a false alarm
      ['2018-10-03', '2018-10-03', 1, -40, null, 'false alarm'],
      ['2019-06-24', '2019-06-24', 3, -40, '2019-06-24', 'crossing'],
      ['2019-12-22', '2019-12-22', 1, -30, '2019-12-27', 'crossing'],
    ]);
    expect(record.episodes.some((e) => e.running)).toBe(false);
  });

  it('sums it up in one sentence', () => {
    expect(record.summary).toEqual({
      crossings: 4,
      warned: 2,
      medianLeadDays: (0 + 5) / 2,
      episodes: 3,
      followed: 2,
      falseAlarms: 1,
      open: 0,
    });
    expect(warningSentence(record.summary)).toBe(
      '2 of 4 crossings were warned of, with a median lead time of 2.5 days; 1 of 3 episodes was a false alarm.',
    );
  });

  it('stands as of a date: later crossings left out, an episode under H days old too recent to say', () => {
    const then = warningRecord({ dyad, series, redLines, crossings, asOf: '2019-12-25' });
    expect(then.crossings.map((c) => c.date)).toEqual(['2018-01-01', '2019-06-24']);
    expect(then.episodes.map((e) => [e.start, e.outcome, e.running])).toEqual([
      ['2018-10-03', 'false alarm', false],
      ['2019-06-24', 'crossing', false],
      // the last signal by 25 Dec is 22 Dec, still under the alert
      ['2019-12-22', 'open', true],
    ]);
    expect(warningSentence(then.summary)).toBe(
      '1 of 2 crossings was warned of, with a median lead time of 0 days; 1 of 3 episodes was a false alarm (1 too recent to say).',
    );
  });

  it('keeps an episode still running at the last signal open until H days have passed', () => {
    const running = [usToIran('2020-02-01', -40), usToIran('2020-02-01', -40), usToIran('2020-02-01', -40)];
    const open = warningRecord({ dyad, series: running, redLines, crossings: [] });
    expect(open.episodes.map((e) => [e.start, e.end, e.running, e.outcome])).toEqual([
      ['2020-02-01', '2020-02-01', true, 'open'],
    ]);
    expect(warningSentence(open.summary)).toBe(
      'No red line was crossed; 0 of 1 episode was a false alarm (1 too recent to say).',
    );
    // 1 Feb 2020 + 180 days = 30 Jul 2020
    const later = warningRecord({ dyad, series: running, redLines, crossings: [], asOf: '2020-07-30' });
    expect(later.episodes[0].outcome).toBe('false alarm');
  });

  it('follows the analyst’s H', () => {
    const shortH = warningRecord({
      dyad,
      series,
      redLines,
      crossings,
      settings: { ...DEFAULT_SETTINGS, horizonDays: 3 },
    });
    // 22 Dec + 3 days = 25 Dec: the crossing of 27 Dec no longer follows episode 3
    expect(shortH.episodes.map((e) => e.outcome)).toEqual(['false alarm', 'crossing', 'false alarm']);
  });

  it('has nothing to sum for a dyad with no signals and no crossings', () => {
    const empty = warningRecord({ dyad, series: [], redLines, crossings: [] });
    expect(empty.crossings).toEqual([]);
    expect(empty.episodes).toEqual([]);
    expect(warningSentence(empty.summary)).toBe('No red line was crossed; no deterrence-failure episode.');
  });
});
