import { describe, expect, it } from 'vitest';
import { mirrorPath, mirrorReading, mirrorReadingSentence, pairMirror } from '../../src/lib/domain/mirror';
import { analyseDyad } from '../../src/lib/domain/series';
import { IRAN, US, signal } from './factories';

describe('the mirror reading', () => {
  it.each([
    { aToB: -30, bToA: 20, region: 'deterrence failure' },
    { aToB: 30, bToA: 20, region: 'spiral' },
    { aToB: -30, bToA: -20, region: 'mutual complacency' },
    // −10 is within τ = 10: accurate
    { aToB: 5, bToA: -10, region: 'clear reading' },
    { aToB: 15, bToA: 0, region: 'one-sided fear' },
    { aToB: -30, bToA: 0, region: 'deterrence failure' },
    { aToB: null, bToA: 5, region: null },
  ])('reads $aToB and $bToA as $region', ({ aToB, bToA, region }) => {
    expect(mirrorReading(aToB, bToA, 10).region).toBe(region);
  });

  it('names where the pair stands in a sentence', () => {
    expect(mirrorReadingSentence('United States', 'Iran', mirrorReading(-30, 20, 10))).toBe(
      'Deterrence failure: Iran underrates United States (-30), United States overrates Iran (+20).',
    );
    // A side that reads the other within τ reads it right, the object before the adverb.
    expect(mirrorReadingSentence('United States', 'Iran', mirrorReading(-30, 3, 10))).toBe(
      'Deterrence failure: Iran underrates United States (-30), United States reads Iran right (+3).',
    );
    expect(mirrorReadingSentence('United States', 'Iran', mirrorReading(null, 20, 10))).toBe(
      'Too few signals to say where United States and Iran stand: each side needs 3 signals in its last window.',
    );
  });

  it('traces the pair over time where both rolling gaps can be said', () => {
    const gap = (date: string, g: number, senderId: string, receiverId: string) =>
      signal({ date, intended: 50, perceived: 50 + g, senderId, receiverId });
    const aToB = analyseDyad([
      gap('2020-01-01', -30, US, IRAN),
      gap('2020-01-02', -30, US, IRAN),
      gap('2020-01-03', -30, US, IRAN),
      gap('2020-01-05', 0, US, IRAN),
    ]);
    const bToA = analyseDyad([
      gap('2020-01-02', 20, IRAN, US),
      gap('2020-01-03', 20, IRAN, US),
      gap('2020-01-04', 20, IRAN, US),
    ]);
    // 1–3 Jan: B → A has under 3 signals; 4 Jan: A → B −30 (its last value), B → A +20;
    // 5 Jan: A → B (−90 + 0) / 4 = −22.5
    expect(mirrorPath(aToB, bToA)).toEqual([
      { date: '2020-01-04', x: -30, y: 20 },
      { date: '2020-01-05', x: -22.5, y: 20 },
    ]);
  });

  describe('a pair’s mirror from its two dyads', () => {
    const gap = (date: string, g: number, senderId: string, receiverId: string) =>
      signal({ date, intended: 50, perceived: 50 + g, senderId, receiverId });
    const settings = { tau: 10, windowDays: 90 };

    it('stands where both latest rolling gaps put it, at the end of its path', () => {
      const mirror = pairMirror(
        [
          gap('2020-01-01', -30, US, IRAN),
          gap('2020-01-02', -30, US, IRAN),
          gap('2020-01-03', -30, US, IRAN),
          gap('2020-01-05', 0, US, IRAN),
        ],
        [gap('2020-01-02', 20, IRAN, US), gap('2020-01-03', 20, IRAN, US), gap('2020-01-04', 20, IRAN, US)],
        settings,
      );
      // US → Iran's last window holds all four: (−30 · 3 + 0) / 4 = −22.5, under −10;
      // Iran → US's holds its three: +20, over +10.
      expect(mirror.reading).toEqual({
        aToB: -22.5,
        bToA: 20,
        bReadsA: 'underestimated',
        aReadsB: 'overestimated',
        region: 'deterrence failure',
      });
      expect(mirror.path).toEqual([
        { date: '2020-01-04', x: -30, y: 20 },
        { date: '2020-01-05', x: -22.5, y: 20 },
      ]);
    });

    it('says too few, with no point for the date, when a side’s last window holds under 3 signals', () => {
      const mirror = pairMirror(
        [
          gap('2020-01-01', -30, US, IRAN),
          gap('2020-01-02', -30, US, IRAN),
          gap('2020-01-03', -30, US, IRAN),
          // Its window, the 90 days up to 1 Jun, holds this signal alone.
          gap('2020-06-01', 0, US, IRAN),
        ],
        [gap('2020-01-02', 20, IRAN, US), gap('2020-01-03', 20, IRAN, US), gap('2020-01-04', 20, IRAN, US)],
        settings,
      );
      expect(mirror.reading.aToB).toBeNull();
      expect(mirror.reading.bToA).toBe(20);
      expect(mirror.reading.region).toBeNull();
      // 4 Jan stands (US → Iran −30 as of 3 Jan); 1 Jun has no point, not a 0.
      expect(mirror.path).toEqual([{ date: '2020-01-04', x: -30, y: 20 }]);
    });

    it('has no reading and no path when one side has no signal', () => {
      const mirror = pairMirror(
        [
          gap('2020-01-01', -30, US, IRAN),
          gap('2020-01-02', -30, US, IRAN),
          gap('2020-01-03', -30, US, IRAN),
        ],
        [],
        settings,
      );
      expect(mirror.reading).toMatchObject({ aToB: -30, bToA: null, region: null });
      expect(mirror.path).toEqual([]);
    });
  });
});
